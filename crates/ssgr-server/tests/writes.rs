//! Writes: the bearer token, SPARQL Update, the Graph Store, and the
//! default graph kept as the union of the named graphs after each write.

#![allow(missing_docs, clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;

const INSERT: &str = "PREFIX ssgr: <https://w3id.org/ssgr/ontology#> \
    INSERT DATA { GRAPH <http://example.org/g3> { <http://example.org/m3> a ssgr:FieldMission } }";
const M3_IS_ORG: &str = "ASK { <http://example.org/m3> a <https://w3id.org/ssgr/ontology#Organisation> }";

fn writable_router() -> axum::Router {
    router(fixture_store(), writable())
}

async fn ask(router: &axum::Router, query: &str) -> bool {
    let answer = send(router, query_get(query, "text/csv")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body.contains("true")
}

#[tokio::test]
async fn without_a_token_there_are_no_writes() {
    let router = fixture();
    let answer = send(&router, with_token(post("/update", "application/sparql-update", INSERT), TOKEN)).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(answer.body.contains("--update-token"), "{}", answer.body);
    for method in ["PUT", "POST", "DELETE"] {
        let request = Request::builder()
            .method(method)
            .uri("/store?graph=http%3A%2F%2Fexample.org%2Fg1")
            .header("content-type", "text/turtle")
            .body(Body::from("<http://example.org/a> <http://example.org/b> 1 ."))
            .unwrap();
        let answer = send(&router, request).await;
        assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
        assert_eq!(answer.header("allow"), "GET, HEAD");
    }
    assert!(!ask(&router, M3_IS_ORG).await);
}

#[tokio::test]
async fn the_token_is_required_and_checked() {
    let router = writable_router();
    let missing = send(&router, post("/update", "application/sparql-update", INSERT)).await;
    assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
    assert!(missing.header("www-authenticate").starts_with("Bearer"));
    let wrong = send(&router, with_token(post("/update", "application/sparql-update", INSERT), "t0ken-for-test")).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let mut basic = post("/update", "application/sparql-update", INSERT);
    basic.headers_mut().insert("authorization", "Basic dXNlcjpwYXNz".parse().unwrap());
    assert_eq!(send(&router, basic).await.status, StatusCode::UNAUTHORIZED);
    assert!(!ask(&router, M3_IS_ORG).await, "nothing was written");
    let right = send(&router, with_token(post("/update", "application/sparql-update", INSERT), TOKEN)).await;
    assert_eq!(right.status, StatusCode::NO_CONTENT, "{}", right.body);
}

#[tokio::test]
async fn an_update_refreshes_the_default_graph() {
    let router = writable_router();
    let form = format!("update={}", encode(INSERT));
    let answer = send(&router, with_token(post("/update", "application/x-www-form-urlencoded", form), TOKEN)).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT, "{}", answer.body);
    // In its graph, and in the default graph with the entailed superclass.
    assert!(ask(&router, "ASK { GRAPH <http://example.org/g3> { <http://example.org/m3> ?p ?o } }").await);
    assert!(ask(&router, M3_IS_ORG).await);
    let drop = with_token(post("/update", "application/sparql-update", "DROP GRAPH <http://example.org/g3>"), TOKEN);
    assert_eq!(send(&router, drop).await.status, StatusCode::NO_CONTENT);
    assert!(!ask(&router, M3_IS_ORG).await, "gone from the default graph too");
    // using-graph-uri sets the dataset of the WHERE clause.
    let copy = "INSERT { GRAPH <http://example.org/g4> { ?s ?p ?o } } WHERE { ?s ?p ?o }";
    let uri = format!("/update?using-graph-uri={}", encode("http://example.org/g2"));
    assert_eq!(
        send(&router, with_token(post(&uri, "application/sparql-update", copy), TOKEN)).await.status,
        StatusCode::NO_CONTENT
    );
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/g4> { ?s ?p ?o } }";
    assert!(send(&router, query_get(count, "text/csv")).await.body.ends_with("\r\n3\r\n"));
}

#[tokio::test]
async fn bad_updates_are_400() {
    let router = writable_router();
    for update in [
        "INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }",
        "CLEAR DEFAULT",
        "INSERT DATA {",
        "CREATE GRAPH <http://example.org/g1>",
    ] {
        let answer = send(&router, with_token(post("/update", "application/sparql-update", update), TOKEN)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{update}: {}", answer.body);
    }
    let default_write =
        send(&router, with_token(post("/update", "application/sparql-update", "DELETE WHERE { ?s ?p ?o }"), TOKEN))
            .await;
    assert!(default_write.body.contains("union of the named graphs"), "{}", default_write.body);
    let wrong_type = send(&router, with_token(post("/update", "application/sparql-query", INSERT), TOKEN)).await;
    assert_eq!(wrong_type.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(metric(&router, "ssgr_updates_total{outcome=\"bad_request\"}").await, "5");
}

fn graph_uri(graph: &str) -> String {
    format!("/store?graph={}", encode(graph))
}

#[tokio::test]
async fn graph_store_reads() {
    let router = fixture();
    let g1 = send(&router, get(&graph_uri("http://example.org/g1"))).await;
    assert_eq!(g1.status, StatusCode::OK);
    assert_eq!(g1.header("content-type"), "text/turtle");
    assert!(g1.body.contains("Mission one") && !g1.body.contains("Mission two"), "{}", g1.body);
    let nt = send(&router, get_accept(&graph_uri("http://example.org/g1"), "application/n-triples")).await;
    assert_eq!(nt.body.lines().count(), 3);
    assert_eq!(send(&router, get(&graph_uri("http://example.org/none"))).await.status, StatusCode::NOT_FOUND);
    let default = send(&router, get_accept("/store?default", "application/n-triples")).await;
    assert!(default.body.contains("Organisation"), "the default graph holds the entailments");
    let all = send(&router, get("/store")).await;
    assert_eq!(all.header("content-type"), "application/trig");
    assert!(all.body.contains("<http://example.org/g2>"), "{}", all.body);
    assert_eq!(send(&router, get_accept("/store", "text/turtle")).await.status, StatusCode::NOT_ACCEPTABLE);
    let head = send(&router, Request::head(graph_uri("http://example.org/g1")).body(Body::empty()).unwrap()).await;
    assert_eq!((head.status, head.body.as_str()), (StatusCode::OK, ""));
    assert_eq!(head.header("content-type"), "text/turtle");
    let missing = Request::head(graph_uri("http://example.org/none")).body(Body::empty()).unwrap();
    assert_eq!(send(&router, missing).await.status, StatusCode::NOT_FOUND);
    assert_eq!(send(&router, get("/store?graph=x&default")).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(send(&router, get("/store?graph=not%20an%20iri")).await.status, StatusCode::BAD_REQUEST);
}

fn store_request(method: &str, uri: &str, content_type: &str, body: &str) -> Request<Body> {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", content_type)
        .body(Body::from(body.to_owned()))
        .unwrap();
    with_token(request, TOKEN)
}

#[tokio::test]
async fn graph_store_writes() {
    let router = writable_router();
    let g5 = graph_uri("http://example.org/g5");
    let mission = "<http://example.org/m5> a <https://w3id.org/ssgr/ontology#FieldMission> .";
    let m5_is_org = "ASK { <http://example.org/m5> a <https://w3id.org/ssgr/ontology#Organisation> }";
    assert_eq!(send(&router, store_request("PUT", &g5, "text/turtle", mission)).await.status, StatusCode::CREATED);
    assert!(ask(&router, m5_is_org).await);
    assert_eq!(
        send(&router, store_request("PUT", &g5, "text/turtle", "<http://example.org/x> <http://example.org/y> 1 ."))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert!(!ask(&router, m5_is_org).await, "PUT replaced the graph");
    let mission_nt = "<http://example.org/m5> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ssgr/ontology#FieldMission> .";
    assert_eq!(
        send(&router, store_request("POST", &g5, "application/n-triples", mission_nt)).await.status,
        StatusCode::NO_CONTENT
    );
    assert!(ask(&router, m5_is_org).await, "POST added to it");
    let created = send(&router, store_request("POST", "/store", "text/turtle", mission)).await;
    assert_eq!(created.status, StatusCode::CREATED);
    let location = created.header("location");
    assert!(location.starts_with("/store?graph=https%3A%2F%2Fw3id.org%2Fssgr%2Fid%2Fgraph%2Fupload-"), "{location}");
    assert_eq!(send(&router, get(created.header("location"))).await.status, StatusCode::OK);
    let quads = "<http://example.org/m6> <http://example.org/p> \"1\" <http://example.org/g6> .";
    assert_eq!(
        send(&router, store_request("POST", "/store", "application/n-quads", quads)).await.status,
        StatusCode::NO_CONTENT
    );
    assert!(ask(&router, "ASK { <http://example.org/m6> ?p ?o }").await);
    assert_eq!(send(&router, store_request("DELETE", &g5, "text/turtle", "")).await.status, StatusCode::NO_CONTENT);
    assert_eq!(send(&router, store_request("DELETE", &g5, "text/turtle", "")).await.status, StatusCode::NOT_FOUND);
    let dataset = "<http://example.org/only> <http://example.org/p> \"1\" <http://example.org/g7> .";
    assert_eq!(
        send(&router, store_request("PUT", "/store", "application/n-quads", dataset)).await.status,
        StatusCode::NO_CONTENT
    );
    assert!(!ask(&router, "ASK { <http://example.org/m6> ?p ?o }").await, "PUT /store replaced every graph");
    assert_eq!(
        send(&router, store_request("DELETE", "/store", "text/turtle", "")).await.status,
        StatusCode::NO_CONTENT
    );
    assert!(!ask(&router, "ASK { ?s ?p ?o }").await);
}

#[tokio::test]
async fn graph_store_refusals() {
    let router = writable_router();
    let g5 = graph_uri("http://example.org/g5");
    let bad_turtle = send(&router, store_request("PUT", &g5, "text/turtle", "<http://example.org/a> <b")).await;
    assert_eq!(bad_turtle.status, StatusCode::BAD_REQUEST);
    assert!(bad_turtle.body.contains("line 1") || bad_turtle.body.contains("1:"), "{}", bad_turtle.body);
    assert_eq!(
        send(&router, store_request("PUT", &g5, "text/html", "<p>")).await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(
        send(&router, store_request("PUT", "/store?default", "text/turtle", "")).await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );
    assert_eq!(
        send(&router, store_request("DELETE", "/store?default", "text/turtle", "")).await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );
    let with_default = "<http://example.org/a> <http://example.org/b> 1 .";
    assert_eq!(
        send(&router, store_request("PUT", "/store", "application/n-quads", with_default)).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        send(&router, store_request("PUT", "/store", "text/turtle", with_default)).await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let unauthorised = Request::put(&g5).header("content-type", "text/turtle").body(Body::from(with_default)).unwrap();
    assert_eq!(send(&router, unauthorised).await.status, StatusCode::UNAUTHORIZED);
    assert!(ask(&router, "ASK { <http://example.org/m1> ?p ?o }").await, "nothing was lost");
}
