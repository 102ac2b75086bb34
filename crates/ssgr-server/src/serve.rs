//! Running the server: bind, load the store while already answering
//! `/health`, serve until SIGTERM or Ctrl-C, then drain within a bound.

use std::error::Error;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::serve::ListenerExt;
use oxigraph::store::Store;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

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

/// The whole life of `ssgr serve`, on a runtime of its own: binds `bind`,
/// calls `listening` with the bound address, answers (not ready) while
/// `load` runs, serves the store it returns until SIGTERM or Ctrl-C, and
/// returns once the shutdown has drained.
pub fn run<L>(bind: &str, config: ServerConfig, load: L, listening: impl FnOnce(SocketAddr)) -> Result<(), RunError>
where
    L: FnOnce() -> LoadResult + Send + 'static,
{
    config.validate().map_err(RunError::Config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().thread_name("ssgr-server").build()?;
    let result = runtime.block_on(async move {
        let listener =
            TcpListener::bind(bind).await.map_err(|source| RunError::Bind { address: bind.to_owned(), source })?;
        listening(listener.local_addr()?);
        let state = AppState::new(config);
        let mut server = tokio::spawn(serve(listener, state.clone(), shutdown_signal()));
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
                        server.abort();
                        return Err(error);
                    }
                }
            }
            ended = &mut server => return ended.map_err(|e| RunError::Io(std::io::Error::other(e)))?,
        }
        server.await.map_err(|e| RunError::Io(std::io::Error::other(e)))?
    });
    runtime.shutdown_timeout(RUNTIME_GRACE);
    result
}
