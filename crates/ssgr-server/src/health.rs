//! `/health`: liveness (the process answers) and readiness (the store is
//! loaded and the server is not shutting down).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// `GET /health`: 200 when ready, 503 while loading or shutting down, with
/// a JSON summary either way.
pub(crate) async fn health(State(state): State<AppState>) -> Response {
    let ready = state.is_ready();
    let body = serde_json::json!({
        "status": if ready { "ready" } else { "not ready" },
        "live": true,
        "ready": ready,
        "uptime_seconds": state.uptime_seconds(),
        "queries_running": state.limiter().running(),
        "queries_queued": state.limiter().queued(),
    });
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, Json(body)).into_response()
}

/// `GET /health/live`: 200 as long as the process answers.
pub(crate) async fn live() -> &'static str {
    "live\n"
}

/// `GET /health/ready`: 200 once the store is loaded, else 503.
pub(crate) async fn ready(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.is_ready() { (StatusCode::OK, "ready\n") } else { (StatusCode::SERVICE_UNAVAILABLE, "not ready\n") }
}
