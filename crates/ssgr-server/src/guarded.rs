//! Work other than a streamed SPARQL answer (analytics, entity pages) under
//! the same rules as a query: it takes a query slot (queued, then 503), runs
//! on a blocking thread, is cancelled at the deadline (503) or when its
//! client goes away, and is counted in `/metrics`.

use std::time::Instant;

use oxigraph::sparql::CancellationToken;
use ssgr_store::Store;

use crate::error::ServerError;
use crate::metrics::Outcome;
use crate::state::{AppState, Stop};

/// Runs `work` on a blocking thread with a query slot and the query
/// deadline. `work` gets the store and a token that is cancelled when the
/// deadline passes or the caller stops waiting; long work should pass the
/// token to Oxigraph or check it between steps.
pub(crate) async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&Store, &CancellationToken) -> Result<T, ServerError> + Send + 'static,
) -> Result<T, ServerError> {
    let started = Instant::now();
    let store = state.store()?;
    let deadline = tokio::time::Instant::from_std(started) + state.config().query_timeout;
    let slot = match state.limiter().acquire(deadline).await {
        Ok(slot) => slot,
        Err(error) => {
            state.metrics().query(Outcome::Busy, started.elapsed());
            return Err(error);
        }
    };
    let registration = state.register();
    // Dropped with this future (client gone) or at its end: either way the
    // work is told to stop; after a normal end the stop does nothing.
    let _cancel_on_drop = CancelOnDrop(std::sync::Arc::clone(registration.control()));
    let token = registration.control().token();
    let handle = tokio::task::spawn_blocking(move || {
        // The slot is held until the work really ends, even after a timeout
        // answered the client, so runaway work cannot pile up.
        let _slot = slot;
        work(&store, &token)
    });
    let outcome = tokio::select! {
        joined = handle => joined.map_err(ServerError::internal).and_then(|result| result),
        () = tokio::time::sleep_until(deadline) => {
            registration.control().stop(Stop::Timeout);
            Err(ServerError::Timeout(state.config().query_timeout))
        }
    };
    registration.control().finish();
    let label = match &outcome {
        Ok(_) => Outcome::Ok,
        Err(ServerError::Timeout(_)) => Outcome::Timeout,
        Err(e) if e.status().is_client_error() => Outcome::BadRequest,
        Err(_) => Outcome::Error,
    };
    state.metrics().query(label, started.elapsed());
    outcome
}

/// Stops the work if the request future is dropped before it ends.
struct CancelOnDrop(std::sync::Arc<crate::state::QueryControl>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.stop(Stop::ClientGone);
    }
}
