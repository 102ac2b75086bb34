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
