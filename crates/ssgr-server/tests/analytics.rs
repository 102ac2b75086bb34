//! The analytics routes: JSON from `ssgr-analytics` over the seeds' graph.

#![allow(missing_docs, clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

use axum::http::StatusCode;
use common::*;
use ssgr_store::{BuildOptions, Location, build};

fn seeds_router() -> axum::Router {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let report = build(&BuildOptions::new(vec![root.join("seeds")], Location::Memory), |_| {}).unwrap();
    ssgr_analytics::refresh(&report.store).unwrap();
    router(report.store, config())
}

#[tokio::test]
async fn analytics_answer_json_and_name_their_errors() {
    let router = seeds_router();
    let centrality = send(&router, get("/api/analytics/centrality?projection=actor-topic&show=Actor&limit=3")).await;
    assert_eq!(centrality.status, StatusCode::OK, "{}", centrality.body);
    assert!(centrality.header("content-type").starts_with("application/json"));
    let table: serde_json::Value = serde_json::from_str(&centrality.body).unwrap();
    assert!(
        table.to_string().contains("https://w3id.org/ssgr/id/org/osce") || table.to_string().contains("org/osce"),
        "{table}"
    );

    let path = send(&router, get("/api/analytics/path?from=DCAF&to=Tajikistan")).await;
    assert_eq!(path.status, StatusCode::OK, "{}", path.body);
    assert!(path.body.contains("relation"), "{}", path.body);

    for route in ["communities", "neighbours?entity=OSCE&hops=1", "similar?actor=ODIHR"] {
        let answer = send(&router, get(&format!("/api/analytics/{route}"))).await;
        assert_eq!(answer.status, StatusCode::OK, "{route}: {}", answer.body);
    }
    assert_eq!(send(&router, get("/api/analytics/path?from=DCAF")).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        send(&router, get("/api/analytics/path?from=DCAF&to=Nowhere%20Land")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn analytics_take_a_query_slot() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let report = build(&BuildOptions::new(vec![root.join("seeds")], Location::Memory), |_| {}).unwrap();
    // One slot, no queue: while a slow query holds the slot, analytics wait
    // for nothing and are refused like any query.
    let store = report.store;
    let filler = big_store(3000);
    for quad in filler.iter() {
        store.insert(&quad.unwrap()).unwrap();
    }
    let config = ssgr_server::ServerConfig { max_concurrent_queries: 1, max_queued_queries: 0, ..config() };
    let router = router(store, config);
    let slow = tokio::spawn({
        let router = router.clone();
        async move { send(&router, query_get(SLOW, "")).await }
    });
    assert!(eventually_running(&router).await, "the slow query never started");
    let refused = send(&router, get("/api/analytics/centrality")).await;
    assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE, "{}", refused.body);
    slow.abort();
}

async fn eventually_running(router: &axum::Router) -> bool {
    for _ in 0..250 {
        if metric(router, "ssgr_queries_running").await == "1" {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    false
}
