//! `SERVICE`: a query joins local data with a second ssgr server on a real
//! socket when that server is on the allow-list, is refused otherwise, and
//! a remote that never answers costs no more than the query's time limit.

#![allow(missing_docs, clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use axum::Router;
use axum::http::StatusCode;
use common::*;
use oxigraph::io::RdfFormat;
use ssgr_server::{AppState, ServerConfig, serve};
use ssgr_store::Store;
use tokio::net::TcpListener;

fn data(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/federation").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn store_of(file: &str) -> Store {
    let store = Store::new().unwrap();
    store.load_from_slice(RdfFormat::TriG, data(file).as_bytes()).unwrap();
    ssgr_store::refresh_default_graph(&store).unwrap();
    store
}

/// The second server, on a port of its own; it runs until the test ends.
async fn remote() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let state = AppState::with_store(store_of("remote.trig"), config());
    tokio::spawn(serve(listener, state, std::future::pending()));
    format!("http://{address}/sparql")
}

/// A listener that takes connections and never answers.
fn silent() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    address
}

fn main_server(allowed: &[&str], timeout: Duration) -> Router {
    let config = ServerConfig {
        allowed_services: allowed.iter().map(|s| (*s).to_owned()).collect(),
        query_timeout: timeout,
        // One slot: a thread stuck on a remote would block the next query.
        max_concurrent_queries: 1,
        ..config()
    };
    router(store_of("local.trig"), config)
}

async fn ask(router: &Router, endpoint: &str) -> Answer {
    let query = data("join.rq").replace("REMOTE", endpoint);
    send(router, query_get(&query, "text/tab-separated-values")).await
}

fn rows(tsv: &str) -> BTreeSet<String> {
    tsv.lines().skip(1).map(|line| line.replace('"', "")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn service_joins_local_data_with_an_allowed_endpoint() {
    let endpoint = remote().await;
    let expected: BTreeSet<String> = data("expected.tsv").lines().map(str::to_owned).collect();
    let exact = main_server(&[&endpoint], Duration::from_secs(10));
    let answer = ask(&exact, &endpoint).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(rows(&answer.body), expected);
    let prefix = endpoint.trim_end_matches("sparql").to_owned() + "*";
    let by_prefix = main_server(&[&prefix], Duration::from_secs(10));
    assert_eq!(rows(&ask(&by_prefix, &endpoint).await.body), expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn service_is_refused_without_the_flag_or_off_the_list() {
    let endpoint = remote().await;
    let closed = ask(&main_server(&[], Duration::from_secs(10)), &endpoint).await;
    assert_eq!(closed.status, StatusCode::BAD_REQUEST);
    assert!(
        closed.body.contains(&format!("<{endpoint}>")) && closed.body.contains("--allow-service"),
        "{}",
        closed.body
    );
    let other = main_server(&["http://127.0.0.1:1/sparql"], Duration::from_secs(10));
    let refused = ask(&other, &endpoint).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains(&format!("<{endpoint}>")) && refused.body.contains("not on"), "{}", refused.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_remote_that_never_answers_times_out_with_the_query() {
    let endpoint = format!("http://{}/sparql", silent());
    let server = main_server(&[&endpoint], Duration::from_millis(800));
    let started = Instant::now();
    let answer = ask(&server, &endpoint).await;
    let elapsed = started.elapsed();
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE, "{}", answer.body);
    assert!(answer.body.contains("time limit"), "{}", answer.body);
    assert!(elapsed < Duration::from_millis(2000), "{elapsed:?}");
    // The evaluation thread gave its slot back: the next query runs.
    let after = send(&server, query_get("ASK { ?s ?p ?o }", "text/csv")).await;
    assert_eq!(after.status, StatusCode::OK);
}
