//! Every competency query of `queries/`, asked of the seeds graph through
//! the endpoint, gives byte for byte what `ssgr query` (`run_query`) gives.

#![allow(missing_docs, clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

use axum::http::StatusCode;
use common::*;
use ssgr_store::{BuildOptions, Location, OutputFormat, build, run_query};

#[tokio::test]
async fn the_endpoint_answers_as_the_command_line() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let report = build(&BuildOptions::new(vec![root.join("seeds")], Location::Memory), |_| {}).unwrap();
    let store = report.store;
    let router = router(store.clone(), config());
    let mut names: Vec<PathBuf> = std::fs::read_dir(root.join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    for path in names {
        let query = std::fs::read_to_string(&path).unwrap();
        for (format, accept) in
            [(OutputFormat::Json, "application/sparql-results+json"), (OutputFormat::Tsv, "text/tab-separated-values")]
        {
            let mut expected = Vec::new();
            run_query(&store, &query, Some(format), &mut expected).unwrap();
            let answer = send(&router, post("/sparql", "application/sparql-query", query.clone())).await;
            let answer = if accept.starts_with("text") {
                let mut request = post("/sparql", "application/sparql-query", query.clone());
                request.headers_mut().insert("accept", accept.parse().unwrap());
                send(&router, request).await
            } else {
                answer
            };
            assert_eq!(answer.status, StatusCode::OK, "{}: {}", path.display(), answer.body);
            assert_eq!(answer.header("content-type"), accept, "{}", path.display());
            assert_eq!(answer.body, String::from_utf8(expected).unwrap(), "{}", path.display());
        }
    }
}
