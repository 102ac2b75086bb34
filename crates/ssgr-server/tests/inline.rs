//! Where queries are evaluated: small and quick ones inline, the others
//! (too slow, too large, or calling a SERVICE) on a blocking thread, with
//! the same answers either way.

#![allow(missing_docs, clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::*;
use ssgr_server::ServerConfig;

const JSON: &str = "application/sparql-results+json";

async fn evaluations(router: &axum::Router, on: &str) -> String {
    metric(router, &format!("ssgr_query_evaluations_total{{on=\"{on}\"}}")).await
}

/// The evaluation counters: (inline, inline that gave way, blocking).
async fn evaluated(router: &axum::Router) -> (String, String, String) {
    (
        evaluations(router, "inline").await,
        evaluations(router, "inline_gave_way").await,
        evaluations(router, "blocking").await,
    )
}

fn counts(inline: u32, gave_way: u32, blocking: u32) -> (String, String, String) {
    (inline.to_string(), gave_way.to_string(), blocking.to_string())
}

fn rows(body: &str) -> usize {
    let parsed: serde_json::Value = serde_json::from_str(body).unwrap();
    parsed["results"]["bindings"].as_array().unwrap().len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_small_query_is_answered_inline() {
    let router = router(big_store(100), config());
    let answer = send(&router, query_get("SELECT ?s { ?s ?p \"value 7\" }", JSON)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(rows(&answer.body), 1);
    assert!(answer.header("content-length").parse::<usize>().unwrap() > 0);
    assert_eq!(evaluated(&router).await, counts(1, 0, 0));
    assert_eq!(metric(&router, "ssgr_queries_total{outcome=\"ok\"}").await, "1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_result_gives_way_and_its_shape_is_remembered() {
    let router = router(big_store(3000), config());
    // Well over one 32 KiB chunk of JSON.
    let answer = send(&router, query_get("SELECT * { ?s ?p ?o } LIMIT 2000", JSON)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(rows(&answer.body), 2000, "the answer is whole after the switch");
    assert_eq!(evaluated(&router).await, counts(0, 1, 1));
    // Same shape, other digits: straight to a blocking thread.
    let again = send(&router, query_get("SELECT * { ?s ?p ?o } LIMIT 2500", JSON)).await;
    assert_eq!(rows(&again.body), 2500);
    assert_eq!(evaluated(&router).await, counts(0, 1, 2));
    // Once a query of that shape is small and quick (on a blocking thread,
    // within half the budget: a few tries on a loaded machine), the shape is
    // tried inline again.
    let mut inline = false;
    for limit in 3..23 {
        let small = send(&router, query_get(&format!("SELECT * {{ ?s ?p ?o }} LIMIT {limit}"), JSON)).await;
        assert_eq!(rows(&small.body), limit);
        if evaluations(&router, "inline").await == "1" {
            inline = true;
            break;
        }
    }
    assert!(inline, "the shape stayed heavy");
    assert_eq!(evaluations(&router, "inline_gave_way").await, "1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_query_gives_way_and_is_still_answered() {
    let router = router(big_store(400), config());
    let answer = send(&router, query_get(SLOW, JSON)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(answer.body.contains("\"n\""), "{}", answer.body);
    assert_eq!(evaluated(&router).await, counts(0, 1, 1));
    assert_eq!(metric(&router, "ssgr_queries_total{outcome=\"ok\"}").await, "1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_row_cap_holds_inline() {
    let router = router(big_store(100), ServerConfig { max_result_rows: Some(5), ..config() });
    let answer = send(&router, query_get("SELECT * { ?s ?p ?o }", JSON)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(rows(&answer.body), 5);
    assert_eq!(answer.header("ssgr-result-limit"), "5");
    assert_eq!(evaluated(&router).await, counts(1, 0, 0));
    assert_eq!(metric(&router, "ssgr_query_results_truncated_total").await, "1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn values_are_never_inline() {
    let router = router(big_store(10), config());
    let answer = send(&router, query_get("SELECT * { VALUES ?a { 1 2 } VALUES ?b { 3 4 } }", JSON)).await;
    assert_eq!(rows(&answer.body), 4);
    assert_eq!(evaluated(&router).await, counts(0, 0, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_service_call_is_never_inline() {
    let router = router(big_store(10), config());
    let answer = send(&router, query_get("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", JSON)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
    assert_eq!(evaluated(&router).await, counts(0, 0, 1));
}
