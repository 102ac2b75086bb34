//! The request log: one line per query (with its outcome), one line per
//! other request, and no second line for a query. Its own test binary,
//! because it installs the process-wide subscriber (queries log from
//! blocking threads, which a thread-local subscriber would not see).

#![allow(missing_docs, clippy::unwrap_used)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use common::*;

/// Everything the subscriber writes, kept for the test to read.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn take(&self) -> String {
        String::from_utf8(std::mem::take(&mut *self.0.lock().unwrap())).unwrap()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_logs_one_line_and_other_requests_one_each() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .with_writer(move || writer.clone())
        .init();
    let router = fixture();

    let answer = send(&router, query_get("ASK { ?s ?p ?o }", "application/sparql-results+json")).await;
    assert_eq!(answer.status, StatusCode::OK);
    let log = captured.take();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 1, "one line for a query:\n{log}");
    assert!(lines[0].contains("ssgr_server::query") && lines[0].contains("outcome=\"ok\""), "{log}");
    assert!(lines[0].contains("kind=\"ask\"") && lines[0].contains("ms="), "{log}");

    let refused = send(&router, query_get("ASK {", "application/sparql-results+json")).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let log = captured.take();
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(log.contains("query refused") && log.contains("bad_request"), "{log}");

    let health = send(&router, get("/health")).await;
    assert_eq!(health.status, StatusCode::OK);
    let log = captured.take();
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(log.contains("uri=/health") && log.contains("status=200") && log.contains("answered"), "{log}");
}
