//! What keeps the endpoint up: the time limit, the slots and queue, body
//! and result limits, readiness, metrics, CORS and compression.

#![allow(missing_docs, clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use axum::http::{Request, StatusCode};
use common::*;
use ssgr_server::{AppState, ServerConfig, app};

fn slow_config(timeout_ms: u64) -> ServerConfig {
    ServerConfig { query_timeout: Duration::from_millis(timeout_ms), ..config() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timeout_is_503_and_stops_the_query() {
    let router = router(big_store(3000), slow_config(300));
    let started = Instant::now();
    let answer = send(&router, query_get(SLOW, "")).await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(answer.body.contains("time limit of 0.300 s"), "{}", answer.body);
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    // The evaluation itself ends (the slot is freed) and is counted.
    let mut timeouts = String::new();
    for _ in 0..100 {
        timeouts = metric(&router, "ssgr_query_timeouts_total").await;
        if timeouts == "1" && metric(&router, "ssgr_queries_running").await == "0" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(timeouts, "1");
    assert_eq!(metric(&router, "ssgr_queries_running").await, "0");
    // The server keeps serving.
    assert_eq!(send(&router, query_get("ASK {}", "")).await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_leaves_stops_its_query() {
    let router = router(big_store(3000), slow_config(30_000));
    let request = tokio::spawn({
        let router = router.clone();
        async move { send(&router, query_get(SLOW, "")).await }
    });
    assert!(eventually_async(&router, "ssgr_queries_running", "1").await);
    request.abort();
    assert!(eventually_async(&router, "ssgr_queries_total{outcome=\"client_gone\"}", "1").await);
    assert_eq!(metric(&router, "ssgr_queries_running").await, "0");
}

/// A cross product built from VALUES: the evaluator never reads the store,
/// so only the probe inside sorts and groups can stop it.
fn in_memory_cross_product(shape: &str) -> String {
    let values = (0..3000).map(|i| i.to_string()).collect::<Vec<_>>().join(" ");
    shape.replace("PRODUCT", &format!("VALUES ?a {{ {values} }} VALUES ?b {{ {values} }}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timeout_stops_sorts_and_groups_that_read_no_store() {
    for shape in [
        "SELECT * { PRODUCT } ORDER BY DESC(?a) ?b LIMIT 1",
        "SELECT (COUNT(*) AS ?n) (MAX(?a + ?b) AS ?m) { PRODUCT }",
    ] {
        let router = router(big_store(10), slow_config(200));
        let answer = send(&router, query_get(&in_memory_cross_product(shape), "")).await;
        assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE, "{shape}: {}", answer.body);
        // The evaluation ends soon after the deadline: its slot is free.
        let started = Instant::now();
        assert!(eventually_async(&router, "ssgr_queries_running", "0").await, "{shape} still runs");
        assert!(started.elapsed() < Duration::from_secs(3), "{shape}: {:?}", started.elapsed());
    }
}

async fn eventually_async(router: &axum::Router, line: &str, value: &str) -> bool {
    for _ in 0..250 {
        if metric(router, line).await == value {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slots_queue_then_refuse() {
    let config = ServerConfig { max_concurrent_queries: 1, max_queued_queries: 1, ..slow_config(1000) };
    let router = router(big_store(3000), config);
    let first = tokio::spawn({
        let router = router.clone();
        async move { send(&router, query_get(SLOW, "")).await }
    });
    assert!(eventually_async(&router, "ssgr_queries_running", "1").await);
    // One waits in the queue (arriving late enough to outlive the first)...
    tokio::time::sleep(Duration::from_millis(700)).await;
    let queued = tokio::spawn({
        let router = router.clone();
        async move { send(&router, query_get("ASK {}", "")).await }
    });
    assert!(eventually_async(&router, "ssgr_queries_queued", "1").await);
    // ...the next is refused at once.
    let refused = send(&router, query_get("ASK {}", "")).await;
    assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(refused.header("retry-after"), "1");
    assert!(refused.body.contains("busy"), "{}", refused.body);
    // The first times out, the queued one then runs.
    assert_eq!(first.await.unwrap().status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(queued.await.unwrap().status, StatusCode::OK);
}

#[tokio::test]
async fn bodies_over_the_limit_are_413() {
    let router = router(fixture_store(), ServerConfig { max_body_bytes: 64, ..config() });
    let long = format!("SELECT * WHERE {{ ?s ?p ?o }} # {}", "x".repeat(100));
    let answer = send(&router, post("/sparql", "application/sparql-query", long.clone())).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Without a Content-Length too (a streamed body).
    let stream = tokio_stream::iter(vec![Ok::<_, std::io::Error>(long.into_bytes())]);
    let request = Request::post("/sparql")
        .header("content-type", "application/sparql-query")
        .body(axum::body::Body::from_stream(stream))
        .unwrap();
    assert_eq!(send(&router, request).await.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(send(&router, post("/sparql", "application/sparql-query", "ASK {}")).await.status, StatusCode::OK);
}

#[tokio::test]
async fn results_are_cut_at_the_row_cap() {
    let router = router(big_store(100), ServerConfig { max_result_rows: Some(10), ..config() });
    let answer = send(&router, query_get("SELECT * WHERE { ?s ?p ?o }", "text/csv")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.header("ssgr-result-limit"), "10");
    assert_eq!(answer.body.lines().count(), 11);
    let graph = send(&router, query_get("CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")).await;
    assert_eq!(graph.body.lines().count(), 10);
    assert_eq!(metric(&router, "ssgr_query_results_truncated_total").await, "2");
}

#[tokio::test]
async fn readiness_follows_the_store() {
    let state = AppState::new(config());
    let router = app(state.clone());
    assert_eq!(send(&router, get("/health/live")).await.status, StatusCode::OK);
    let health = send(&router, get("/health")).await;
    assert_eq!(health.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(health.body.contains("\"ready\":false"), "{}", health.body);
    assert_eq!(send(&router, get("/health/ready")).await.status, StatusCode::SERVICE_UNAVAILABLE);
    let query = send(&router, query_get("ASK {}", "")).await;
    assert_eq!(query.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(query.body.contains("loading"));
    assert!(state.set_store(fixture_store()));
    assert!(!state.set_store(fixture_store()), "a store is set once");
    assert_eq!(send(&router, get("/health")).await.status, StatusCode::OK);
    assert_eq!(send(&router, get("/health/ready")).await.status, StatusCode::OK);
    state.start_draining();
    assert_eq!(send(&router, get("/health/ready")).await.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(send(&router, get("/health/live")).await.status, StatusCode::OK);
}

#[tokio::test]
async fn metrics_are_prometheus_text() {
    let router = fixture();
    send(&router, query_get("ASK {}", "")).await;
    send(&router, query_get("ASK {", "")).await;
    send(&router, get("/nowhere")).await;
    let answer = send(&router, get("/metrics")).await;
    assert_eq!(answer.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    for expected in [
        "# TYPE ssgr_http_requests_total counter",
        "ssgr_http_requests_total{route=\"/sparql\",method=\"GET\",status=\"200\"} 1",
        "ssgr_http_requests_total{route=\"/sparql\",method=\"GET\",status=\"400\"} 1",
        "ssgr_http_requests_total{route=\"other\",method=\"GET\",status=\"404\"} 1",
        "ssgr_http_errors_total{class=\"4xx\"} 2",
        "ssgr_queries_total{outcome=\"ok\"} 1",
        "ssgr_queries_total{outcome=\"bad_request\"} 1",
        "# TYPE ssgr_query_duration_seconds histogram",
        "ssgr_query_duration_seconds_bucket{le=\"+Inf\"} 2",
        "ssgr_query_duration_seconds_count 2",
        "ssgr_query_timeouts_total 0",
        "ssgr_store_ready 1",
    ] {
        assert!(answer.body.contains(expected), "missing {expected:?} in\n{}", answer.body);
    }
}

#[tokio::test]
async fn cors_follows_the_configured_origins() {
    let preflight = |origin: &str| {
        Request::options("/sparql")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let router = router(fixture_store(), ServerConfig { cors_origins: vec!["https://app.example".into()], ..config() });
    let allowed = send(&router, preflight("https://app.example")).await;
    assert_eq!(allowed.status, StatusCode::OK);
    assert_eq!(allowed.header("access-control-allow-origin"), "https://app.example");
    assert!(allowed.header("access-control-allow-methods").contains("POST"));
    let other = send(&router, preflight("https://evil.example")).await;
    assert_eq!(other.header("access-control-allow-origin"), "");
    let mut simple = query_get("ASK {}", "");
    simple.headers_mut().insert("origin", "https://app.example".parse().unwrap());
    assert_eq!(send(&router, simple).await.header("access-control-allow-origin"), "https://app.example");
    let any = router_any();
    let mut simple = query_get("ASK {}", "");
    simple.headers_mut().insert("origin", "https://anyone.example".parse().unwrap());
    assert_eq!(send(&any, simple).await.header("access-control-allow-origin"), "*");
    let mut simple = query_get("ASK {}", "");
    simple.headers_mut().insert("origin", "https://anyone.example".parse().unwrap());
    assert_eq!(send(&fixture(), simple).await.header("access-control-allow-origin"), "", "no CORS unless configured");
}

fn router_any() -> axum::Router {
    router(fixture_store(), ServerConfig { cors_origins: vec!["*".into()], ..config() })
}

#[tokio::test]
async fn responses_are_compressed_on_request() {
    let router = router(big_store(2000), ServerConfig { compression: true, ..config() });
    for encoding in ["gzip", "br"] {
        let mut request = query_get("SELECT * WHERE { ?s ?p ?o }", "text/csv");
        request.headers_mut().insert("accept-encoding", encoding.parse().unwrap());
        let answer = send(&router, request).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.header("content-encoding"), encoding);
    }
    let plain = send(&router, query_get("SELECT * WHERE { ?s ?p ?o }", "text/csv")).await;
    assert_eq!(plain.header("content-encoding"), "");
    assert_eq!(plain.body.lines().count(), 2001);
}
