//! The SPARQL 1.1 Protocol: the three request forms, datasets, content
//! negotiation, the service description, and the errors a client can cause.

#![allow(missing_docs, clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::*;

const LABELS: &str = "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l";

#[tokio::test]
async fn the_three_request_forms_give_one_answer() {
    let router = fixture();
    let by_get = send(&router, query_get(LABELS, "text/csv")).await;
    let mut form = post("/sparql", "application/x-www-form-urlencoded", format!("query={}", encode(LABELS)));
    form.headers_mut().insert("accept", "text/csv".parse().unwrap());
    let by_form = send(&router, form).await;
    let mut direct = post("/query", "application/sparql-query; charset=utf-8", LABELS);
    direct.headers_mut().insert("accept", "text/csv".parse().unwrap());
    let by_body = send(&router, direct).await;
    assert_eq!(by_get.status, StatusCode::OK);
    assert_eq!(by_get.header("content-type"), "text/csv");
    assert!(by_get.body.starts_with("s,l\r\n"), "{}", by_get.body);
    // The default graph is a set: the triple in two graphs is one row.
    assert_eq!(by_get.body.lines().count(), 4, "{}", by_get.body);
    assert_eq!(by_get.body, by_form.body);
    assert_eq!(by_get.body, by_body.body);
}

#[tokio::test]
async fn dataset_parameters_are_honoured() {
    let router = fixture();
    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let one = format!("/sparql?query={}&default-graph-uri={}", encode(count), encode(&format!("{EX}g1")));
    assert!(send(&router, get_accept(&one, "text/csv")).await.body.ends_with("\r\n3\r\n"));
    let named = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g";
    let only_g2 = format!("/sparql?query={}&named-graph-uri={}", encode(named), encode(&format!("{EX}g2")));
    let answer = send(&router, get_accept(&only_g2, "text/tab-separated-values")).await;
    assert_eq!(answer.body, "?g\t?n\n<http://example.org/g2>\t3\n");
    // Without parameters: the store's default graph (entailments included).
    let ask = "ASK { <http://example.org/m1> a <https://w3id.org/ssgr/ontology#Organisation> }";
    assert!(send(&router, query_get(ask, "text/csv")).await.body.contains("true"));
    let bad = format!("/sparql?query={}&default-graph-uri=not%20an%20iri", encode(count));
    let answer = send(&router, get(&bad)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.body.contains("default-graph-uri"), "{}", answer.body);
}

#[tokio::test]
async fn negotiation_picks_the_format() {
    let router = fixture();
    let construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <http://example.org/g1> { ?s ?p ?o } }";
    let cases: &[(&str, &str, &str)] = &[
        (LABELS, "", "application/sparql-results+json"),
        (LABELS, "*/*", "application/sparql-results+json"),
        (LABELS, "application/sparql-results+xml", "application/sparql-results+xml"),
        (LABELS, "text/csv;q=0.4, text/tab-separated-values;q=0.8", "text/tab-separated-values"),
        (LABELS, "application/json", "application/sparql-results+json"),
        ("ASK {}", "application/xml", "application/sparql-results+xml"),
        (construct, "", "text/turtle"),
        (construct, "application/n-triples", "application/n-triples"),
        (construct, "application/n-quads", "application/n-quads"),
        (construct, "application/trig", "application/trig"),
        (construct, "application/rdf+xml", "application/rdf+xml"),
        (construct, "application/ld+json", "application/ld+json"),
        ("DESCRIBE <http://example.org/m1>", "text/*", "text/turtle"),
    ];
    for (query, accept, expected) in cases {
        let answer = send(&router, query_get(query, accept)).await;
        assert_eq!(answer.status, StatusCode::OK, "{query} / {accept}: {}", answer.body);
        assert_eq!(answer.header("content-type"), *expected, "{query} / Accept: {accept}");
    }
    let by_name = format!("/sparql?query={}&format=tsv", encode(LABELS));
    assert_eq!(
        send(&router, get_accept(&by_name, "text/csv")).await.header("content-type"),
        "text/tab-separated-values"
    );
    let jsonld = format!("/sparql?query={}&format=json", encode(construct));
    assert_eq!(send(&router, get(&jsonld)).await.header("content-type"), "application/ld+json");
}

#[tokio::test]
async fn nothing_acceptable_is_406_before_evaluation() {
    let router = fixture();
    for (query, accept) in
        [(LABELS, "text/turtle"), ("CONSTRUCT WHERE { ?s ?p ?o }", "text/csv"), (LABELS, "image/png")]
    {
        let answer = send(&router, query_get(query, accept)).await;
        assert_eq!(answer.status, StatusCode::NOT_ACCEPTABLE, "{query} / {accept}");
        assert!(answer.body.contains("available"), "{}", answer.body);
    }
    let unknown = format!("/sparql?query={}&format=yaml", encode(LABELS));
    assert_eq!(send(&router, get(&unknown)).await.status, StatusCode::NOT_ACCEPTABLE);
}

#[tokio::test]
async fn a_bad_query_is_400_with_its_position() {
    let router = fixture();
    let answer = send(&router, query_get("SELECT ?s WHERE {\n  ?s ?p \n", "")).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.body.starts_with("query syntax error: error at 3:"), "{}", answer.body);
    assert_eq!(answer.header("content-type"), "text/plain; charset=utf-8");
    let answer = send(&router, get("/sparql?query=SELECT+*+WHERE+{}&query=ASK{}")).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.body.contains("more than once"));
    let answer = send(&router, post("/sparql", "application/x-www-form-urlencoded", "format=csv")).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let not_utf8 = axum::http::Request::post("/sparql")
        .header("content-type", "application/sparql-query")
        .body(axum::body::Body::from(vec![0xff_u8, 0xfe]))
        .unwrap();
    let answer = send(&router, not_utf8).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
    assert!(answer.body.contains("UTF-8"), "{}", answer.body);
}

#[tokio::test]
async fn client_errors_are_never_500() {
    let router = fixture();
    let service = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }";
    let answer = send(&router, query_get(service, "")).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
    let function = "SELECT (<http://example.org/f>(1) AS ?x) WHERE {}";
    assert_eq!(send(&router, query_get(function, "")).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_content_types_are_415() {
    let router = fixture();
    for content_type in ["text/plain", "application/json", "application/sparql-update"] {
        let answer = send(&router, post("/sparql", content_type, LABELS)).await;
        assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{content_type}");
    }
    let bare = axum::http::Request::post("/sparql").body(axum::body::Body::from(LABELS)).unwrap();
    assert_eq!(send(&router, bare).await.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn the_service_description_is_negotiated() {
    let router = fixture();
    let answer = send(&router, get("/sparql")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.header("content-type"), "text/turtle");
    assert!(answer.body.contains("a sd:Service"), "{}", answer.body);
    assert!(answer.body.contains("<http://example.org/g1>"));
    assert!(!answer.body.contains("SPARQL11Update"), "read-only servers offer no update");
    let nt = send(&router, get_accept("/sparql", "application/n-triples")).await;
    assert_eq!(nt.header("content-type"), "application/n-triples");
    assert!(nt.body.contains("<http://www.w3.org/ns/sparql-service-description#endpoint> <http://localhost/sparql>"));
    assert_eq!(send(&router, get_accept("/sparql", "text/csv")).await.status, StatusCode::NOT_ACCEPTABLE);
    let writable = router_with_writes();
    assert!(send(&writable, get("/sparql")).await.body.contains("SPARQL11Update"));
}

fn router_with_writes() -> axum::Router {
    router(fixture_store(), writable())
}

#[tokio::test]
async fn unknown_routes_and_methods() {
    let router = fixture();
    assert_eq!(send(&router, get("/nowhere")).await.status, StatusCode::NOT_FOUND);
    let put = axum::http::Request::put("/sparql").body(axum::body::Body::empty()).unwrap();
    assert_eq!(send(&router, put).await.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(send(&router, get("/")).await.body.contains("/sparql"));
}

#[tokio::test]
async fn large_results_are_streamed_in_chunks() {
    use http_body_util::BodyExt;
    let router = router(big_store(20_000), config());
    let request = query_get("SELECT ?s ?o WHERE { ?s ?p ?o }", "text/tab-separated-values");
    let response = tower::ServiceExt::oneshot(router, request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().get("content-length").is_none(), "a streamed body has no length");
    let mut body = response.into_body();
    let (mut frames, mut bytes) = (0, Vec::new());
    while let Some(frame) = body.frame().await {
        let frame = frame.unwrap();
        if let Some(data) = frame.data_ref() {
            frames += 1;
            bytes.extend_from_slice(data);
        }
    }
    assert!(frames > 5, "{frames} chunks");
    assert_eq!(bytes.iter().filter(|b| **b == b'\n').count(), 20_001);
}

#[tokio::test]
async fn graphs_with_triple_terms_fall_back_for_rdf_xml() {
    let store = fixture_store();
    let update = "INSERT DATA { GRAPH <http://example.org/g3> { <http://example.org/r> <http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies> <<( <http://example.org/a> <http://example.org/b> <http://example.org/c> )>> } }";
    oxigraph::sparql::SparqlEvaluator::new().parse_update(update).unwrap().on_store(&store).execute().unwrap();
    let router = router(store, config());
    let construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <http://example.org/g3> { ?s ?p ?o } }";
    let answer = send(&router, query_get(construct, "application/rdf+xml")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(answer.body.contains("subject"), "{}", answer.body);
    let answer = send(&router, query_get(construct, "application/n-triples")).await;
    assert!(answer.body.contains("<<("), "{}", answer.body);
}
