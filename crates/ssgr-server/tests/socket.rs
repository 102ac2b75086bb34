//! On a real socket (port 0): requests over TCP, a client that hangs up
//! mid-query, and a shutdown that drains within its bound.

#![allow(missing_docs, clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use ssgr_server::{AppState, ServerConfig, app};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn get_request(path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nAccept: text/csv\r\nConnection: close\r\n\r\n")
}

async fn exchange(address: std::net::SocketAddr, request: &str) -> String {
    let mut socket = TcpStream::connect(address).await.unwrap();
    socket.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    socket.read_to_string(&mut response).await.unwrap();
    response
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_over_tcp_and_stops_on_signal() {
    let state = AppState::with_store(fixture_store(), config());
    let (address, stop, server) = serve_on_socket(state).await;
    let response = exchange(address, &get_request(&format!("/sparql?query={}", encode("ASK {}")))).await;
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
    assert!(response.contains("content-type: text/csv\r\n"), "{response}");
    assert!(response.contains("content-length: 4\r\n") && response.ends_with("\r\n\r\ntrue"), "{response}");
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), server).await.unwrap().unwrap();
    assert!(TcpStream::connect(address).await.is_err(), "the listener is closed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_hanging_up_stops_its_query() {
    let state = AppState::with_store(big_store(3000), config());
    let metrics = app(state.clone());
    let (address, stop, server) = serve_on_socket(state).await;
    let mut socket = TcpStream::connect(address).await.unwrap();
    socket.write_all(get_request(&format!("/sparql?query={}", encode(SLOW))).as_bytes()).await.unwrap();
    for _ in 0..100 {
        if metric(&metrics, "ssgr_queries_running").await == "1" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(metric(&metrics, "ssgr_queries_running").await, "1");
    drop(socket);
    let started = Instant::now();
    let mut gone = String::new();
    for _ in 0..150 {
        gone = metric(&metrics, "ssgr_queries_total{outcome=\"client_gone\"}").await;
        if gone == "1" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(gone, "1", "the query went on after its client left");
    assert!(started.elapsed() < Duration::from_secs(3));
    stop.send(()).unwrap();
    server.await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_is_bounded_by_the_grace_period() {
    let config = ServerConfig { shutdown_grace: Duration::from_millis(300), ..config() };
    let state = AppState::with_store(big_store(3000), config);
    let metrics = app(state.clone());
    let (address, stop, server) = serve_on_socket(state.clone()).await;
    let request = get_request(&format!("/sparql?query={}", encode(SLOW)));
    let slow = tokio::spawn(async move { exchange(address, &request).await });
    for _ in 0..100 {
        if metric(&metrics, "ssgr_queries_running").await == "1" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let started = Instant::now();
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), server).await.unwrap().unwrap();
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert!(!state.is_ready(), "a draining server is not ready");
    let _ = slow.await;
    for _ in 0..100 {
        if metric(&metrics, "ssgr_queries_total{outcome=\"shutdown\"}").await == "1" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(metric(&metrics, "ssgr_queries_total{outcome=\"shutdown\"}").await, "1");
}
