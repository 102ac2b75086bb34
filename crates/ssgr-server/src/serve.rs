//! Running the server: bind, load the store while already answering
//! `/health`, serve until SIGTERM or Ctrl-C, then drain within a bound.

use std::error::Error;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::serve::ListenerExt;
use oxigraph::store::Store;
use tokio::net::TcpListener;
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
/// One thread per core, each with a single-threaded runtime accepting on
/// its own copy of one listening socket (an idle thread takes the next
/// connection). A connection then lives on one thread: no task moves
/// between threads and no idle thread is woken to look for work, which on
/// a multi-threaded runtime cost a fifth of a small query's CPU time
/// (measured: a lookup at 77 µs of CPU on two work-stealing threads, 65 µs
/// on one). Evaluations too long to answer inline run on blocking threads
/// ([`crate::inline`]); what remains on a server thread is the HTTP work,
/// parsing and inline answers.
pub fn run<L>(bind: &str, config: ServerConfig, load: L, listening: impl FnOnce(SocketAddr)) -> Result<(), RunError>
where
    L: FnOnce() -> LoadResult + Send + 'static,
{
    config.validate().map_err(RunError::Config)?;
    let runtime = single_threaded("ssgr-server")?;
    let grace = config.shutdown_grace;
    let (ended_tx, ended_rx) = std::sync::mpsc::channel::<()>();
    let mut workers = 0;
    let result = runtime.block_on(async {
        let (first, others) = bind_listeners(bind, server_threads()).await?;
        listening(first.local_addr()?);
        let state = AppState::new(config);
        let (stop_tx, stop_rx) = watch::channel(false);
        for listener in others {
            spawn_worker(listener, state.clone(), stop_rx.clone(), ended_tx.clone())?;
            workers += 1;
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
    drop(ended_tx);
    // Bounded: a thread stuck in synchronous work is left behind, as the
    // runtime's own shutdown leaves blocking work behind.
    let until = std::time::Instant::now() + grace + RUNTIME_GRACE * 2;
    for _ in 0..workers {
        let left = until.saturating_duration_since(std::time::Instant::now());
        if ended_rx.recv_timeout(left).is_err() {
            tracing::warn!("a server thread did not stop within the grace period: leaving it");
            break;
        }
    }
    runtime.shutdown_timeout(RUNTIME_GRACE);
    result
}

/// How many server threads: one per core.
fn server_threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

fn single_threaded(name: &str) -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread().enable_all().thread_name(name).build()
}

/// Resolves once the stop flag is raised (or its sender is gone).
async fn stopped(mut stop: watch::Receiver<bool>) {
    let _ = stop.wait_for(|stop| *stop).await;
}

/// A server thread: its own runtime serving `listener` until the stop;
/// `ended` is told when it is over.
fn spawn_worker(
    listener: std::net::TcpListener,
    state: AppState,
    stop: watch::Receiver<bool>,
    ended: std::sync::mpsc::Sender<()>,
) -> Result<(), RunError> {
    std::thread::Builder::new().name("ssgr-server".into()).spawn(move || {
        let _ended = Ended(ended);
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
    Ok(())
}

/// Tells the main thread that a server thread is over, however it ends.
struct Ended(std::sync::mpsc::Sender<()>);

impl Drop for Ended {
    fn drop(&mut self) {
        let _ = self.0.send(());
    }
}

/// The listeners of `count` threads: one socket bound to `bind` (port 0
/// picks a free port), registered with this thread's runtime, and copies
/// of it as standard listeners, to be registered by the runtime of the
/// thread that serves each. All accept from one queue, so whichever thread
/// is idle takes the next connection. Where a copy cannot be made, fewer
/// threads serve.
async fn bind_listeners(bind: &str, count: usize) -> Result<(TcpListener, Vec<std::net::TcpListener>), RunError> {
    let failed = |source: std::io::Error| RunError::Bind { address: bind.to_owned(), source };
    let first = TcpListener::bind(bind).await.map_err(failed)?.into_std().map_err(failed)?;
    let mut copies = Vec::new();
    for _ in 1..count {
        match first.try_clone() {
            Ok(copy) => copies.push(copy),
            Err(error) => {
                tracing::warn!(%error, "fewer server threads: the listening socket could not be shared");
                break;
            }
        }
    }
    Ok((TcpListener::from_std(first).map_err(failed)?, copies))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[tokio::test]
    async fn the_listeners_share_one_socket() {
        let (first, copies) = bind_listeners("127.0.0.1:0", 3).await.unwrap();
        let address = first.local_addr().unwrap();
        assert_ne!(address.port(), 0);
        assert_eq!(copies.len(), 2);
        // A connection waits in the one queue; any copy accepts it.
        let _client = std::net::TcpStream::connect(address).unwrap();
        copies[1].set_nonblocking(false).unwrap();
        assert!(copies[1].accept().is_ok());
        // Nobody else can bind the port.
        assert!(std::net::TcpListener::bind(address).is_err());
    }

    #[tokio::test]
    async fn an_unresolvable_address_names_itself() {
        let error = bind_listeners("no-such-host.invalid:7878", 2).await.unwrap_err();
        assert!(error.to_string().contains("no-such-host.invalid:7878"), "{error}");
    }
}
