//! The web page's routes: `/` by content negotiation, the embedded assets,
//! and `/api/network` over the seeds' graph.

#![allow(missing_docs, clippy::unwrap_used)]

mod common;

use std::collections::HashSet;
use std::path::PathBuf;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use serde_json::Value;
use ssgr_store::{BuildOptions, Location, build};

const OSCE: &str = "https://w3id.org/ssgr/id/org/osce";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seeds_router() -> axum::Router {
    let report = build(&BuildOptions::new(vec![root().join("seeds")], Location::Memory), |_| {}).unwrap();
    router(report.store, config())
}

async fn network(router: &axum::Router, query: &str) -> Value {
    let answer = send(router, get(&format!("/api/network?{query}"))).await;
    assert_eq!(answer.status, StatusCode::OK, "{query}: {}", answer.body);
    assert!(answer.header("content-type").starts_with("application/json"), "{query}");
    serde_json::from_str(&answer.body).unwrap()
}

fn ids(network: &Value) -> HashSet<String> {
    network["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn the_root_is_the_page_for_browsers_and_text_for_others() {
    let router = fixture();
    let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    let page = send(&router, get_accept("/", browser)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    assert!(page.body.contains("<script") && page.body.contains("/assets/"), "{}", page.body);
    for accept in [None, Some("*/*"), Some("text/plain")] {
        let request = match accept {
            Some(a) => get_accept("/", a),
            None => get("/"),
        };
        let text = send(&router, request).await;
        assert!(text.header("content-type").starts_with("text/plain"), "{accept:?}");
        assert!(text.body.contains("/sparql") && text.body.contains("/api/network"), "{accept:?}");
    }
}

#[tokio::test]
async fn assets_have_their_types_and_validators() {
    let router = fixture();
    for (path, media_type) in [
        ("/assets/index.html", "text/html; charset=utf-8"),
        ("/assets/app.js", "text/javascript; charset=utf-8"),
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/assets/examples.json", "application/json"),
    ] {
        let answer = send(&router, get(path)).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        assert_eq!(answer.header("content-type"), media_type, "{path}");
        assert_eq!(answer.header("cache-control"), "no-cache", "{path}");
        let etag = answer.header("etag").to_owned();
        assert!(etag.starts_with('"') && etag.len() > 2, "{path}: {etag}");
        let again = Request::get(path).header("if-none-match", &etag).body(Body::empty()).unwrap();
        let again = send(&router, again).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(again.body.is_empty());
        let stale = Request::get(path).header("if-none-match", "\"other\"").body(Body::empty()).unwrap();
        assert_eq!(send(&router, stale).await.status, StatusCode::OK, "{path}");
    }
    let page = send(&router, get("/assets/index.html")).await.body;
    let vendored = page.split('"').find(|s| s.starts_with("/assets/vendor/")).unwrap().to_owned();
    let library = send(&router, get(&vendored)).await;
    assert_eq!(library.status, StatusCode::OK, "{vendored}");
    assert!(library.header("cache-control").contains("immutable"), "{vendored}");

    for missing in ["/assets/nothing.js", "/assets/", "/assets/vendor/README.md", "/assets/../Cargo.toml"] {
        let answer = send(&router, get(missing)).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{missing}");
    }
}

#[tokio::test]
async fn the_examples_are_the_queries_folder() {
    let answer = send(&fixture(), get("/assets/examples.json")).await;
    let examples: Vec<Value> = serde_json::from_str(&answer.body).unwrap();
    let on_disk = std::fs::read_dir(root().join("queries"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "rq"))
        .count();
    assert_eq!(examples.len(), on_disk);
    let first = &examples[0];
    let text = std::fs::read_to_string(root().join(format!("queries/{}.rq", first["name"].as_str().unwrap()))).unwrap();
    assert_eq!(first["query"].as_str().unwrap(), text);
    assert!(first["title"].as_str().unwrap().starts_with("CQ"), "{first}");
}

#[tokio::test]
async fn the_network_has_nodes_edges_scores_and_facets() {
    let router = seeds_router();
    let whole = network(&router, "projection=actor-topic").await;
    let nodes = whole["nodes"].as_array().unwrap();
    let node_ids = ids(&whole);
    assert!(nodes.len() > 10, "{}", nodes.len());
    let osce = nodes.iter().find(|n| n["id"] == OSCE).unwrap();
    assert_eq!(osce["class"], "Organisation");
    assert!(!osce["topics"].as_array().unwrap().is_empty(), "{osce}");
    let total: f64 = nodes.iter().map(|n| n["centrality"].as_f64().unwrap()).sum();
    assert!((total - 1.0).abs() < 1e-6, "PageRank sums to 1: {total}");
    let top =
        nodes.iter().max_by(|a, b| a["centrality"].as_f64().unwrap().total_cmp(&b["centrality"].as_f64().unwrap()));
    assert_eq!(top.unwrap()["id"], OSCE);
    for edge in whole["edges"].as_array().unwrap() {
        assert!(node_ids.contains(edge["source"].as_str().unwrap()), "{edge}");
        assert!(node_ids.contains(edge["target"].as_str().unwrap()), "{edge}");
    }
    assert!(nodes.iter().all(|n| n["community"].as_u64().unwrap() < whole["communities"].as_u64().unwrap()));
    assert!(!nodes.iter().any(|n| n["class"] == "Country"), "no countries unless asked");
    let facets = &whole["facets"];
    assert!(facets["classes"].as_array().unwrap().iter().any(|c| c["id"] == "Topic"));
    assert!(facets["countries"].as_array().unwrap().iter().any(|c| c["label"] == "Armenia"), "{facets}");

    let with_countries = network(&router, "projection=actor-topic&countries=true").await;
    let countries: Vec<&Value> =
        with_countries["nodes"].as_array().unwrap().iter().filter(|n| n["class"] == "Country").collect();
    assert!(!countries.is_empty());
    assert!(countries.iter().all(|c| c["countries"].as_array().unwrap().contains(&c["id"])));
    assert!(with_countries["edges"].as_array().unwrap().iter().any(|e| e["relation"] == "ssgr:activeIn"));
}

#[tokio::test]
async fn the_network_takes_projections_and_filters() {
    let router = seeds_router();
    let whole = ids(&network(&router, "").await);
    let entity = network(&router, "projection=entity").await;
    assert_eq!(entity["projection"], "entity");
    assert!(ids(&entity).len() > whole.len());
    assert_eq!(network(&router, "projection=actor").await["projection"], "actor-actor");

    let organisations = network(&router, "class=Organisation").await;
    let kept = organisations["nodes"].as_array().unwrap();
    assert!(kept.iter().any(|n| n["id"] == OSCE));
    assert!(kept.iter().all(|n| n["classes"].as_array().unwrap().iter().any(|c| c == "Organisation" || c == "Topic")));
    assert!(ids(&organisations).len() < whole.len());

    let armenia = ids(&network(&router, "country=Armenia").await);
    assert!(!armenia.is_empty() && armenia.len() < whole.len());
    assert!(armenia.is_subset(&whole));

    for (query, status) in [
        ("projection=nodes", StatusCode::BAD_REQUEST),
        ("class=Nonsense", StatusCode::BAD_REQUEST),
        ("country=Atlantis", StatusCode::NOT_FOUND),
    ] {
        let answer = send(&router, get(&format!("/api/network?{query}"))).await;
        assert_eq!(answer.status, status, "{query}: {}", answer.body);
        assert!(!answer.body.is_empty());
    }
}
