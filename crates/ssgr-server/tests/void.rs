//! The VoID/DCAT description: its figures are what SPARQL counts over the
//! same store, it is served in the negotiated format with this server as
//! its endpoint, and a write refreshes it.

#![allow(missing_docs, clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use axum::Router;
use axum::http::StatusCode;
use common::*;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Term, Triple};
use ssgr_server::ServerConfig;
use ssgr_store::{BuildOptions, Location, Modified, Store, VOID_PREFIX, VoidOptions, build, refresh_void};
use ssgr_vocab::{dcterms, ssgrid, void};

/// Outside the description: what its counts cover.
const OUTSIDE: &str = "FILTER(!STRSTARTS(STR(?s), \"https://w3id.org/ssgr/id/void/\"))";

fn seeds_store() -> Store {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let report = build(&BuildOptions::new(vec![root.join("seeds")], Location::Memory), |_| {}).unwrap();
    let options = VoidOptions { base_url: Some("http://built.example".into()), modified: Modified::Now };
    refresh_void(&report.store, &options).unwrap();
    report.store
}

async fn description(router: &Router) -> Vec<Triple> {
    let answer = send(router, get_accept("/.well-known/void", "application/n-triples")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    RdfParser::from_format(RdfFormat::NTriples)
        .for_slice(answer.body.as_bytes())
        .map(|q| Triple::from(q.unwrap()))
        .collect()
}

fn figure(triples: &[Triple], subject: &NamedNode, property: oxigraph::model::NamedNodeRef<'_>) -> u64 {
    let values: Vec<u64> = triples
        .iter()
        .filter(|t| t.subject == subject.clone().into() && t.predicate == property)
        .map(|t| match &t.object {
            Term::Literal(l) => l.value().parse().unwrap(),
            other => panic!("{other} is not a count"),
        })
        .collect();
    assert_eq!(values.len(), 1, "{subject} {property}: {values:?}");
    values[0]
}

/// The rows of a SELECT with `?k` and `?n`, as a map (a single `?n`
/// without `?k` under the key "").
async fn counts(router: &Router, query: &str) -> BTreeMap<String, u64> {
    let answer = send(router, query_get(query, "application/sparql-results+json")).await;
    assert_eq!(answer.status, StatusCode::OK, "{query}: {}", answer.body);
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    json["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let key = row["k"]["value"].as_str().unwrap_or_default().to_owned();
            (key, row["n"]["value"].as_str().unwrap().parse().unwrap())
        })
        .collect()
}

async fn count(router: &Router, query: &str) -> u64 {
    counts(router, query).await[""]
}

/// Class or property partitions: the partitioned term to its figure.
fn partitions(
    triples: &[Triple],
    link: oxigraph::model::NamedNodeRef<'_>,
    term: oxigraph::model::NamedNodeRef<'_>,
    figure_of: oxigraph::model::NamedNodeRef<'_>,
) -> BTreeMap<String, u64> {
    let dataset: NamedNode = ssgrid::VOID_DATASET.into_owned();
    triples
        .iter()
        .filter(|t| t.subject == dataset.clone().into() && t.predicate == link)
        .map(|t| {
            let Term::NamedNode(partition) = &t.object else { panic!("{t}") };
            let of = triples.iter().find(|x| x.subject == partition.clone().into() && x.predicate == term).unwrap();
            let Term::NamedNode(of) = &of.object else { panic!("{of}") };
            (of.as_str().to_owned(), figure(triples, partition, figure_of))
        })
        .collect()
}

#[tokio::test]
async fn the_figures_are_what_sparql_counts() {
    let router = router(seeds_store(), config());
    let triples = description(&router).await;
    let dataset: NamedNode = ssgrid::VOID_DATASET.into_owned();
    let expected = [
        (void::TRIPLES, format!("SELECT (COUNT(*) AS ?n) {{ ?s ?p ?o {OUTSIDE} }}")),
        (void::DISTINCT_SUBJECTS, format!("SELECT (COUNT(DISTINCT ?s) AS ?n) {{ ?s ?p ?o {OUTSIDE} }}")),
        (void::DISTINCT_OBJECTS, format!("SELECT (COUNT(DISTINCT ?o) AS ?n) {{ ?s ?p ?o {OUTSIDE} }}")),
        (void::ENTITIES, format!("SELECT (COUNT(DISTINCT ?s) AS ?n) {{ ?s a ?c FILTER(isIRI(?s)) {OUTSIDE} }}")),
        (void::CLASSES, format!("SELECT (COUNT(DISTINCT ?c) AS ?n) {{ ?s a ?c FILTER(isIRI(?c)) {OUTSIDE} }}")),
        (void::PROPERTIES, format!("SELECT (COUNT(DISTINCT ?p) AS ?n) {{ ?s ?p ?o {OUTSIDE} }}")),
    ];
    for (property, query) in expected {
        let described = figure(&triples, &dataset, property);
        assert!(described > 0, "{property}");
        assert_eq!(described, count(&router, &query).await, "{property}");
    }
    let classes =
        format!("SELECT (STR(?c) AS ?k) (COUNT(?s) AS ?n) {{ ?s a ?c FILTER(isIRI(?c)) {OUTSIDE} }} GROUP BY ?c");
    assert_eq!(
        partitions(&triples, void::CLASS_PARTITION, void::CLASS, void::ENTITIES),
        counts(&router, &classes).await
    );
    let properties = format!("SELECT (STR(?p) AS ?k) (COUNT(*) AS ?n) {{ ?s ?p ?o {OUTSIDE} }} GROUP BY ?p");
    assert_eq!(
        partitions(&triples, void::PROPERTY_PARTITION, void::PROPERTY, void::TRIPLES),
        counts(&router, &properties).await
    );
    let sources = "SELECT (COUNT(?d) AS ?n) { ?d a <https://w3id.org/ssgr/ontology#SourceDocument> }";
    let listed = triples.iter().filter(|t| t.subject == dataset.clone().into() && t.predicate == dcterms::SOURCE);
    assert_eq!(listed.count() as u64, count(&router, sources).await);
    // The description is in the default graph: no GRAPH clause needed.
    let found =
        "SELECT (COUNT(*) AS ?n) { ?d a <http://rdfs.org/ns/void#Dataset> ; a <http://www.w3.org/ns/dcat#Dataset> }";
    assert_eq!(count(&router, found).await, 1);
    assert!(triples.iter().all(|t| !t.to_string().contains("_:")), "no blank nodes");
    assert!(triples.iter().all(|t| t.subject.to_string().starts_with(&format!("<{VOID_PREFIX}"))));
}

#[tokio::test]
async fn the_description_is_negotiated_and_names_this_server() {
    let store = seeds_store();
    let router = router(store.clone(), config());
    let turtle = send(&router, get("/.well-known/void")).await;
    assert_eq!(turtle.status, StatusCode::OK);
    assert_eq!(turtle.header("content-type"), "text/turtle");
    assert!(turtle.body.contains("void:Dataset"), "{}", turtle.body);
    let mut request = get_accept("/.well-known/void", "application/ld+json");
    request.headers_mut().insert("host", "ssgr.test:9999".parse().unwrap());
    let json = send(&router, request).await;
    assert_eq!(json.header("content-type"), "application/ld+json");
    assert!(json.body.contains("http://ssgr.test:9999/sparql"), "{}", json.body);
    assert!(!json.body.contains("built.example"), "the stored endpoint is replaced");
    let nt = send(&router, get("/.well-known/void?format=nt")).await;
    assert_eq!(nt.header("content-type"), "application/n-triples");
    assert_eq!(send(&router, get_accept("/.well-known/void", "image/png")).await.status, StatusCode::NOT_ACCEPTABLE);

    let public = ServerConfig { public_url: Some("https://ssgr.example/kg/".into()), ..config() };
    let body = send(&common::router(store, public), get("/.well-known/void")).await.body;
    assert!(body.contains("<https://ssgr.example/kg/sparql>"), "{body}");

    let empty = common::router(Store::new().unwrap(), config());
    assert_eq!(send(&empty, get("/.well-known/void")).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_write_refreshes_the_description() {
    let router = router(seeds_store(), writable());
    let dataset: NamedNode = ssgrid::VOID_DATASET.into_owned();
    let before = figure(&description(&router).await, &dataset, void::TRIPLES);
    let update = "INSERT DATA { GRAPH <http://example.org/extra> { \
        <http://example.org/a> <http://example.org/p> \"one\" , \"two\" , \"three\" } }";
    let answer = send(&router, with_token(post("/update", "application/sparql-update", update), TOKEN)).await;
    assert!(answer.status.is_success(), "{}", answer.body);
    let after = description(&router).await;
    let triples = figure(&after, &dataset, void::TRIPLES);
    assert!(triples >= before + 3, "{before} -> {triples}");
    assert_eq!(triples, count(&router, &format!("SELECT (COUNT(*) AS ?n) {{ ?s ?p ?o {OUTSIDE} }}")).await);
    let property = partitions(&after, void::PROPERTY_PARTITION, void::PROPERTY, void::TRIPLES);
    assert_eq!(property.get("http://example.org/p"), Some(&3));
    assert!(after.iter().any(|t| t.predicate == void::VOCABULARY && t.object.to_string() == "<http://example.org/>"));
}

#[test]
fn the_default_graph_is_the_same_after_another_refresh() {
    let store = seeds_store();
    let before = ssgr_store::canonical_nquads(&store).unwrap();
    ssgr_store::refresh_default_graph(&store).unwrap();
    assert_eq!(ssgr_store::canonical_nquads(&store).unwrap(), before, "entailment adds nothing to the description");
    let first = refresh_void(&store, &VoidOptions::default()).unwrap();
    let second = refresh_void(&store, &VoidOptions::default()).unwrap();
    assert_eq!(first, second, "the description does not count itself");
}
