//! Running the server: bind, load the store while already answering
//! `/health`, serve until SIGTERM or Ctrl-C, then drain within a bound.

use std::error::Error;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::serve::ListenerExt;
use oxigraph::store::Store;
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::{oneshot, watch};

use crate::config::ServerConfig;
use crate::error::RunError;
use crate::state::AppState;

/// How long the runtime waits for blocking threads (a query the token has
/// not reached yet, a load) once the server has stopped.
const RUNTIME_GRACE: Duration = Duration::from_secs(1);

/// Serves `state` on `listener` until `shutdown` resolves. Then readiness
/// turns false, no new connection is taken, and requests in flight get the
/// configured grace period; queries still running after it are cancelled.
pub async fn serve<S>(listener: TcpListener, state: AppState, shutdown: S) -> Result<(), RunError>
where
    S: Future<Output = ()> + Send + 'static,
{
    let grace = state.config().shutdown_grace;
    let (fired_tx, fired_rx) = oneshot::channel::<()>();
    let draining = state.clone();
    let signal = async move {
        shutdown.await;
        tracing::info!("shutting down: finishing the requests in flight");
        draining.start_draining();
        let _ = fired_tx.send(());
    };
    // Small responses go out at once, not held back by Nagle's algorithm.
    let listener = listener.tap_io(|tcp| {
        if let Err(error) = tcp.set_nodelay(true) {
            tracing::debug!(%error, "cannot set TCP_NODELAY");
        }
    });
    let server = axum::serve(listener, crate::app(state.clone())).with_graceful_shutdown(signal);
    let bound = async move {
        if fired_rx.await.is_ok() {
            tokio::time::sleep(grace).await;
        } else {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        result = server => result.map_err(RunError::Io),
        () = bound => {
            tracing::warn!(grace_seconds = grace.as_secs_f64(), "requests still running after the grace period: cancelling them");
            state.cancel_all();
            Ok(())
        }
    }
}

/// Resolves on Ctrl-C, or on SIGTERM on Unix.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// The loader of [`run`]: builds or opens the store on a blocking thread.
pub type LoadResult = Result<Store, Box<dyn Error + Send + Sync>>;

/// The whole life of `ssgr serve`: binds `bind`, calls `listening` with the
/// bound address, answers (not ready) while `load` runs, serves the store it
/// returns until SIGTERM or Ctrl-C, and returns once the shutdown has
/// drained.
///
/// One thread per core, each with a single-threaded runtime and a listener
/// of its own on the same address (`SO_REUSEPORT`: the kernel shares the
/// connections out). A connection then lives on one thread: no task moves
/// between threads and no idle thread is woken to look for work, which on
/// a multi-threaded runtime cost a fifth of a small query's CPU time
/// (measured: a lookup at 77 µs of CPU on two work-stealing threads, 65 µs
/// on one). Evaluations too long to answer inline still run on blocking
/// threads ([`crate::inline`]), so a busy connection does not hold up the
/// others on its thread for more than the inline budget.
pub fn run<L>(bind: &str, config: ServerConfig, load: L, listening: impl FnOnce(SocketAddr)) -> Result<(), RunError>
where
    L: FnOnce() -> LoadResult + Send + 'static,
{
    config.validate().map_err(RunError::Config)?;
    let runtime = single_threaded("ssgr-server")?;
    let mut workers = Vec::new();
    let result = runtime.block_on(async {
        let (first, others) = bind_listeners(bind, server_threads()).await?;
        listening(first.local_addr()?);
        let state = AppState::new(config);
        let (stop_tx, stop_rx) = watch::channel(false);
        for listener in others {
            workers.push(spawn_worker(listener, state.clone(), stop_rx.clone())?);
        }
        let mut server = tokio::spawn(serve(first, state.clone(), stopped(stop_rx)));
        let stop_on_signal = stop_tx.clone();
        tokio::spawn(async move {
            shutdown_signal().await;
            let _ = stop_on_signal.send(true);
        });
        let mut loading = tokio::task::spawn_blocking(load);
        tokio::select! {
            loaded = &mut loading => {
                let loaded = loaded.map_err(|e| RunError::Load(Box::new(e))).and_then(|r| r.map_err(RunError::Load));
                match loaded {
                    Ok(store) => {
                        state.set_store(store);
                        tracing::info!("store loaded: ready");
                    }
                    Err(error) => {
                        let _ = stop_tx.send(true);
                        server.abort();
                        return Err(error);
                    }
                }
            }
            ended = &mut server => {
                let _ = stop_tx.send(true);
                return ended.map_err(|e| RunError::Io(std::io::Error::other(e)))?;
            }
        }
        let ended = server.await.map_err(|e| RunError::Io(std::io::Error::other(e)))?;
        // Whatever ended this thread's server ends the others'.
        let _ = stop_tx.send(true);
        ended
    });
    for worker in workers {
        if worker.join().is_err() {
            tracing::error!("a server thread panicked");
        }
    }
    runtime.shutdown_timeout(RUNTIME_GRACE);
    result
}

/// How many server threads: one per core where listeners can share a port.
fn server_threads() -> usize {
    if cfg!(unix) { std::thread::available_parallelism().map_or(1, usize::from) } else { 1 }
}

fn single_threaded(name: &str) -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread().enable_all().thread_name(name).build()
}

/// Resolves once the stop flag is raised (or its sender is gone).
async fn stopped(mut stop: watch::Receiver<bool>) {
    let _ = stop.wait_for(|stop| *stop).await;
}

/// A server thread: its own runtime serving `listener` until the stop.
fn spawn_worker(
    listener: std::net::TcpListener,
    state: AppState,
    stop: watch::Receiver<bool>,
) -> Result<std::thread::JoinHandle<()>, RunError> {
    let thread = std::thread::Builder::new().name("ssgr-server".into()).spawn(move || {
        let runtime = match single_threaded("ssgr-server") {
            Ok(runtime) => runtime,
            Err(error) => return tracing::error!(%error, "a server thread could not start its runtime"),
        };
        let served = runtime.block_on(async move {
            let listener = TcpListener::from_std(listener)?;
            serve(listener, state, stopped(stop)).await
        });
        if let Err(error) = served {
            tracing::error!(error = %error, "a server thread stopped");
        }
        runtime.shutdown_timeout(RUNTIME_GRACE);
    })?;
    Ok(thread)
}

/// The listeners of `count` threads on one address: the first binds `bind`
/// (port 0 picks a free port) on this thread's runtime; the others bind
/// its exact address with `SO_REUSEPORT`, as standard listeners to be
/// registered by the runtime of the thread that serves each. Where a second
/// listener cannot be bound (no `SO_REUSEPORT`), fewer threads serve.
async fn bind_listeners(bind: &str, count: usize) -> Result<(TcpListener, Vec<std::net::TcpListener>), RunError> {
    let failed = |source: std::io::Error| RunError::Bind { address: bind.to_owned(), source };
    let mut last_error = None;
    for address in tokio::net::lookup_host(bind).await.map_err(failed)? {
        let first = match shared_listener(address) {
            Ok(first) => first,
            Err(error) => {
                last_error = Some(error);
                continue;
            }
        };
        let address = first.local_addr().map_err(failed)?;
        let mut others = Vec::new();
        for _ in 1..count {
            match shared_listener(address).and_then(TcpListener::into_std) {
                Ok(listener) => others.push(listener),
                Err(error) => {
                    tracing::warn!(%error, "fewer server threads: another listener could not be bound");
                    break;
                }
            }
        }
        return Ok((first, others));
    }
    Err(failed(last_error.unwrap_or_else(|| std::io::Error::other("the address resolves to nothing"))))
}

/// A listener on `address` that other listeners of this process may share.
fn shared_listener(address: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if address.is_ipv4() { TcpSocket::new_v4()? } else { TcpSocket::new_v6()? };
    socket.set_reuseaddr(true)?;
    #[cfg(unix)]
    socket.set_reuseport(true)?;
    socket.bind(address)?;
    socket.listen(1024)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[cfg(unix)]
    #[tokio::test]
    async fn the_listeners_share_one_free_port() {
        let (first, others) = bind_listeners("127.0.0.1:0", 3).await.unwrap();
        let address = first.local_addr().unwrap();
        assert_ne!(address.port(), 0);
        assert_eq!(others.len(), 2, "SO_REUSEPORT is available on Linux");
        for other in &others {
            assert_eq!(other.local_addr().unwrap(), address);
        }
        // Another process (or a listener without SO_REUSEPORT) cannot take it.
        assert!(std::net::TcpListener::bind(address).is_err());
    }

    #[tokio::test]
    async fn an_unresolvable_address_names_itself() {
        let error = bind_listeners("no-such-host.invalid:7878", 2).await.unwrap_err();
        assert!(error.to_string().contains("no-such-host.invalid:7878"), "{error}");
    }
}
