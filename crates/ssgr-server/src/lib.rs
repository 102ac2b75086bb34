#![doc = include_str!("../README.md")]

mod analytics;
mod config;
mod entity;
mod error;
mod graph_body;
mod graph_store;
mod guarded;
mod health;
mod inline;
mod interrupt;
mod limits;
mod metrics;
mod negotiation;
mod network;
mod query;
mod request;
mod serve;
mod service;
mod service_description;
mod state;
mod stream;
mod update;
mod void;
mod web;

use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;

pub use config::ServerConfig;
pub use error::{RunError, ServerError};
pub use request::{SparqlRequest, UpdateRequest};
pub use serve::{LoadResult, run, serve, shutdown_signal};
pub use state::AppState;
pub use update::Authorized;

/// The endpoint as a router: every route, limit and layer, ready for
/// `axum::serve` or for `tower::ServiceExt::oneshot` in tests.
pub fn app(state: AppState) -> Router {
    let config = state.config().clone();
    let sparql = get(query::sparql).post(query::sparql);
    let mut router = Router::new()
        .route("/", get(web::index))
        .route("/assets/{*path}", get(web::asset))
        .route("/api/network", get(network::network))
        .route("/sparql", sparql.clone())
        .route("/query", sparql)
        .route("/health", get(health::health))
        .route("/health/live", get(health::live))
        .route("/health/ready", get(health::ready))
        .route("/metrics", get(metrics::metrics))
        .route("/.well-known/void", get(void::void))
        .route("/api/analytics/centrality", get(analytics::centrality))
        .route("/api/analytics/communities", get(analytics::communities))
        .route("/api/analytics/path", get(analytics::path))
        .route("/api/analytics/neighbours", get(analytics::neighbours))
        .route("/api/analytics/similar", get(analytics::similar))
        .route("/id/{*path}", get(entity::by_path))
        .route("/resource", get(entity::by_iri))
        .route("/api/entity", get(entity::api));
    router = if config.writable() {
        router.route("/update", post(update::update)).route(
            "/store",
            get(graph_store::get)
                .head(graph_store::head)
                .put(graph_store::put)
                .post(graph_store::post)
                .delete(graph_store::delete),
        )
    } else {
        router.route("/update", any(update::disabled)).route(
            "/store",
            get(graph_store::get)
                .head(graph_store::head)
                .put(graph_store::read_only)
                .post(graph_store::read_only)
                .delete(graph_store::read_only),
        )
    };
    router = router.fallback(not_found).layer(RequestBodyLimitLayer::new(config.max_body_bytes));
    if config.compression {
        router = router.layer(CompressionLayer::new());
    }
    if !config.cors_origins.is_empty() {
        router = router.layer(cors(&config.cors_origins));
    }
    router
        .layer(axum::middleware::from_fn_with_state(state.clone(), metrics::count_requests))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_response(log_response)
                // A 503 for a timeout or while loading is an answer, not a
                // failure; the server's own failures are logged where they
                // happen.
                .on_failure(()),
        )
        .layer(CatchPanicLayer::custom(|_| ServerError::internal("a request handler panicked").into_response()))
        .with_state(state)
}

/// The span of a request's log line. A query logs one line of its own
/// (kind, outcome, rows, time), so it gets no request span and no second
/// line: at one query every ~0.1 ms, the second line was a tenth of the
/// server's time.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    if matches!(request.uri().path(), "/sparql" | "/query") {
        return tracing::Span::none();
    }
    tracing::info_span!("request", method = %request.method(), uri = %request.uri(), version = ?request.version())
}

/// The line logged when a request (other than a query) is answered.
fn log_response(response: &Response, latency: Duration, span: &tracing::Span) {
    if !span.is_none() {
        tracing::info!(status = response.status().as_u16(), ms = latency.as_secs_f64() * 1000.0, "answered");
    }
}

fn cors(origins: &[String]) -> CorsLayer {
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()))
    };
    CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([Method::GET, Method::HEAD, Method::POST, Method::PUT, Method::DELETE, Method::OPTIONS])
        .allow_headers([header::ACCEPT, header::CONTENT_TYPE, header::AUTHORIZATION])
        .expose_headers([HeaderName::from_static(query::RESULT_LIMIT)])
        .max_age(Duration::from_secs(3600))
}

/// `GET /` for clients that do not ask for HTML: what is served where.
async fn index() -> &'static str {
    "ssgr SPARQL endpoint\n\
     \n\
     GET/POST /sparql    SPARQL 1.1 queries (also /query); GET without a query: the service description\n\
     POST     /update    SPARQL 1.1 updates (with --update-token, Authorization: Bearer <token>)\n\
     GET      /store     Graph Store: ?graph=<iri>, ?default, or the whole dataset\n\
     GET      /health    readiness (also /health/live, /health/ready)\n\
     GET      /metrics   Prometheus metrics\n\
     GET      /.well-known/void   the dataset's VoID and DCAT description\n\
     GET      /api/analytics/{centrality,communities,path,neighbours,similar}   network analytics as JSON\n\
     GET      /api/network   a projection as nodes and edges for the web page (open / in a browser)\n"
}

async fn not_found(uri: Uri) -> Response {
    let message = format!("no such endpoint: {}; see / for the list\n", uri.path());
    (StatusCode::NOT_FOUND, message).into_response()
}
