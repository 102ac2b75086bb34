//! Entity pages and `/api/entity` over the seeds' graph: content
//! negotiation, Linked Data headers, RDF that parses back to what the
//! store says, evidence, and the errors a client can cause.

#![allow(missing_docs, clippy::unwrap_used)]

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use axum::Router;
use axum::http::StatusCode;
use common::*;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::{Literal, NamedNode, Term, Triple};
use ssgr_store::{BuildOptions, Location, Store, build, select};

const OSCE: &str = "https://w3id.org/ssgr/id/org/osce";
const ORGANISATION: &str = "https://w3id.org/ssgr/ontology#Organisation";
const LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// The seeds' graph, built once for every test of this file.
fn seeds() -> Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
            build(&BuildOptions::new(vec![root.join("seeds")], Location::Memory), |_| {}).unwrap().store
        })
        .clone()
}

fn seeds_router() -> Router {
    router(seeds(), config())
}

/// The label literal the store gives an IRI (the one rdfs:label).
fn stored_label(iri: &str) -> Literal {
    let rows = select(&seeds(), &format!("SELECT ?l WHERE {{ <{iri}> <{LABEL}> ?l }}")).unwrap();
    assert_eq!(rows.len(), 1, "{iri} should have one label: {rows:?}");
    match rows[0].get("l") {
        Some(Term::Literal(l)) => l.clone(),
        other => panic!("not a literal: {other:?}"),
    }
}

/// The label and the other names of an IRI, from the store.
fn stored_names(iri: &str) -> Vec<String> {
    let query = format!("SELECT ?n WHERE {{ <{iri}> <{LABEL}>|<http://www.w3.org/2004/02/skos/core#altLabel> ?n }}");
    select(&seeds(), &query)
        .unwrap()
        .iter()
        .filter_map(|r| r.get("n"))
        .map(|t| match t {
            Term::Literal(l) => l.value().to_owned(),
            other => other.to_string(),
        })
        .collect()
}

fn parse(body: &str, format: RdfFormat) -> Vec<Triple> {
    RdfParser::from_format(format)
        .for_slice(body.as_bytes())
        .map(|q| Triple::from(q.unwrap_or_else(|e| panic!("{format}: {e}\n{body}"))))
        .collect()
}

fn triple(s: &str, p: &str, o: impl Into<Term>) -> Triple {
    Triple::new(NamedNode::new(s).unwrap(), NamedNode::new(p).unwrap(), o)
}

#[tokio::test]
async fn a_browser_gets_the_page() {
    let router = seeds_router();
    let answer = send(&router, get_accept("/id/org/osce", BROWSER)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(answer.header("vary"), "Accept");
    assert_eq!(answer.header("content-location"), "/id/org/osce.html");
    let link = answer.header("link");
    for alternate in [
        r#"</id/org/osce.ttl>; rel="alternate"; type="text/turtle""#,
        r#"</id/org/osce.jsonld>; rel="alternate"; type="application/ld+json""#,
        r#"</id/org/osce.nt>; rel="alternate"; type="application/n-triples""#,
    ] {
        assert!(link.contains(alternate), "{link}");
    }
    let label = stored_label(OSCE);
    let body = &answer.body;
    assert!(body.contains(r#"<html lang="en">"#));
    assert!(body.contains(&format!("<h1>{}</h1>", label.value())), "the label is the title");
    assert!(body.contains(&format!("<code>{OSCE}</code>")));
    assert!(body.contains(r#"<a href="/">"#), "a link back to the start page");
    assert!(body.contains(r#"<th scope="col">Property</th>"#));
    assert!(body.contains(r#"href="/id/org/osce.ttl""#), "alternate formats are linked");
    assert!(body.contains(r#"href="http://www.wikidata.org/entity/Q81299""#), "the Wikidata link is clickable");
    assert!(body.contains("Organisation"), "its class is shown");
    assert!(!body.contains("<script"), "the page needs no script");
    // Evidence: a sentence, its document and the rule.
    assert!(body.contains("<blockquote>") && body.contains("rule <code>"), "evidence is shown");
}

#[tokio::test]
async fn rdf_by_accept_by_suffix_and_by_parameter() {
    let router = seeds_router();
    let label = stored_label(OSCE);
    let expected_label = triple(OSCE, LABEL, label);
    let expected_class = triple(OSCE, TYPE, NamedNode::new(ORGANISATION).unwrap());
    let jsonld = RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() };
    let formats: &[(&str, &str, RdfFormat)] = &[
        ("text/turtle", "ttl", RdfFormat::Turtle),
        ("application/n-triples", "nt", RdfFormat::NTriples),
        ("application/ld+json", "jsonld", jsonld),
        ("application/rdf+xml", "rdf", RdfFormat::RdfXml),
    ];
    for (media_type, suffix, format) in formats {
        let by_accept = send(&router, get_accept("/id/org/osce", &format!("text/html;q=0.5, {media_type}"))).await;
        let by_suffix = send(&router, get_accept(&format!("/id/org/osce.{suffix}"), BROWSER)).await;
        let by_format = send(&router, get_accept(&format!("/id/org/osce?format={suffix}"), BROWSER)).await;
        let resource = format!("/resource?iri={}&format={suffix}", encode(OSCE));
        let by_resource = send(&router, get(&resource)).await;
        for (how, answer) in
            [("Accept", &by_accept), ("suffix", &by_suffix), ("format", &by_format), ("resource", &by_resource)]
        {
            assert_eq!(answer.status, StatusCode::OK, "{media_type} by {how}: {}", answer.body);
            assert_eq!(answer.header("content-type"), *media_type, "by {how}");
            let triples = parse(&answer.body, *format);
            assert!(triples.contains(&expected_label), "{media_type} by {how}: no label");
            assert!(triples.contains(&expected_class), "{media_type} by {how}: no class");
            let link = answer.header("link");
            assert!(
                link.contains(r#"rel="alternate""#) && !link.contains(&format!(r#"type="{media_type}""#)),
                "{link}"
            );
        }
        assert_eq!(by_accept.header("vary"), "Accept");
        assert_eq!(by_accept.header("content-location"), format!("/id/org/osce.{suffix}"));
        assert_eq!(by_suffix.header("vary"), "", "a suffix URL does not depend on Accept");
        // RDF 1.2 evidence: a triple term in the syntaxes that have them,
        // RDF 1.1 reification in the others.
        let triples = parse(&by_accept.body, *format);
        let reifies = triples.iter().any(|t| matches!(t.object, Term::Triple(_)));
        let reified = triples.iter().any(|t| t.predicate.as_str().ends_with("22-rdf-syntax-ns#subject"));
        let plain = matches!(format, RdfFormat::JsonLd { .. } | RdfFormat::RdfXml);
        assert_eq!((reifies, reified), (!plain, plain), "{media_type}");
    }
}

#[tokio::test]
async fn the_json_api_gives_relations_evidence_and_links() {
    let router = seeds_router();
    let answer = send(&router, get(&format!("/api/entity?iri={}", encode(OSCE)))).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(answer.header("content-type").starts_with("application/json"));
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(json["iri"], OSCE);
    assert_eq!(json["label"], stored_label(OSCE).value());
    assert_eq!(json["page"], "/id/org/osce");
    let classes = json["classes"].as_array().unwrap();
    assert!(classes.iter().any(|c| c["iri"] == ORGANISATION), "{classes:?}");
    let links = json["links"].as_array().unwrap();
    assert!(
        links.iter().any(|l| l["iri"] == "http://www.wikidata.org/entity/Q81299" && l["kind"] == "wikidata"),
        "{links:?}"
    );
    let outgoing = json["outgoing"].as_array().unwrap();
    assert!(outgoing.iter().any(|o| o["isIri"] == true && o["valueLabel"].is_string()), "{outgoing:?}");
    for item in outgoing {
        for key in ["property", "propertyLabel", "value", "valueLabel", "isIri"] {
            assert!(item.get(key).is_some(), "{key} missing in {item}");
        }
    }
    let incoming = json["incoming"].as_array().unwrap();
    assert!(!incoming.is_empty());
    assert!(incoming.iter().all(|i| i["subject"].is_string() && i.get("subjectLabel").is_some()));
    let names = stored_names(OSCE);
    let evidence = json["evidence"].as_array().unwrap();
    assert!(!evidence.is_empty());
    assert!(
        evidence.iter().any(|e| names.iter().any(|n| e["sentence"].as_str().unwrap_or("").contains(n.as_str()))),
        "no evidence sentence names {names:?}"
    );
    for item in evidence {
        assert!(item["document"].as_str().unwrap().starts_with("https://w3id.org/ssgr/id/doc/"), "{item}");
        let (begin, end) = (item["begin"].as_u64().unwrap(), item["end"].as_u64().unwrap());
        assert!(begin < end, "{item}");
        assert!(item["rule"].is_string() && item.get("documentLabel").is_some(), "{item}");
    }
}

#[tokio::test]
async fn any_iri_of_the_graph_has_a_page() {
    let router = seeds_router();
    // An external IRI: only the statement pointing to it is in the graph.
    let wikidata = format!("/resource?iri={}", encode("http://www.wikidata.org/entity/Q81299"));
    let answer = send(&router, get_accept(&wikidata, BROWSER)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(answer.body.contains(r#"href="/id/org/osce""#), "the incoming owl:sameAs links to the OSCE");
    assert!(answer.header("link").contains("/resource?iri=http%3A%2F%2Fwww.wikidata.org%2Fentity%2FQ81299&format=ttl"));
    // A property of the ontology.
    let property = format!("/resource?iri={}", encode("https://w3id.org/ssgr/ontology#worksOn"));
    assert_eq!(send(&router, get_accept(&property, "text/turtle")).await.status, StatusCode::OK);
}

#[tokio::test]
async fn unknown_bad_and_unacceptable_requests() {
    let router = seeds_router();
    let missing = send(&router, get_accept("/id/org/secretariat", BROWSER)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.header("content-type").starts_with("text/html"));
    // The page suggests what has such a name.
    let similar = select(
        &seeds(),
        &format!("SELECT ?x WHERE {{ ?x <{LABEL}> ?l FILTER(CONTAINS(LCASE(STR(?l)), \"secretariat\")) }} LIMIT 1"),
    )
    .unwrap();
    if let Some(Term::NamedNode(x)) = similar.first().and_then(|r| r.get("x")) {
        let path = x.as_str().trim_start_matches("https://w3id.org/ssgr/id/");
        assert!(missing.body.contains(&format!(r#"href="/id/{path}""#)), "{}", missing.body);
    }
    assert_eq!(send(&router, get_accept("/id/org/secretariat", "text/turtle")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(send(&router, get("/id/org/nothing.ttl")).await.status, StatusCode::NOT_FOUND);
    let unknown = send(&router, get(&format!("/api/entity?iri={}", encode("http://example.org/nothing")))).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(serde_json::from_str::<serde_json::Value>(&unknown.body).unwrap()["error"].is_string());

    for accept in ["image/png", "application/n-quads", "text/html;q=0, text/turtle;q=0"] {
        let answer = send(&router, get_accept("/id/org/osce", accept)).await;
        assert_eq!(answer.status, StatusCode::NOT_ACCEPTABLE, "{accept}");
        assert!(answer.body.contains("text/turtle"), "the 406 lists what is available: {}", answer.body);
    }
    assert_eq!(send(&router, get("/id/org/osce?format=yaml")).await.status, StatusCode::NOT_ACCEPTABLE);

    for uri in ["/resource", "/resource?iri=not%20an%20iri", "/resource?iri=a&iri=b"] {
        assert_eq!(send(&router, get(uri)).await.status, StatusCode::BAD_REQUEST, "{uri}");
    }
    for uri in ["/api/entity", "/api/entity?iri=osce"] {
        let answer = send(&router, get(uri)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(answer.header("content-type").starts_with("application/json"), "{uri}");
        let error: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
        assert!(error["error"].as_str().unwrap().contains("iri"), "{uri}: {error}");
    }
}

/// A store with the fixture and the hostile entities of `tests/data/entity/`.
fn hostile_router() -> Router {
    let store = fixture_store();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/entity/hostile.trig");
    store.load_from_slice(RdfFormat::TriG, &std::fs::read(path).unwrap()).unwrap();
    ssgr_store::refresh_default_graph(&store).unwrap();
    router(store, config())
}

#[tokio::test]
async fn markup_in_names_is_escaped() {
    let router = hostile_router();
    let answer = send(&router, get_accept("/id/org/evil", BROWSER)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let body = &answer.body;
    assert!(!body.contains("<script>") && !body.contains("<b>bold") && !body.contains("<i>Organisation"), "{body}");
    assert!(body.contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt; &amp; Co"), "{body}");
    assert!(body.contains("&quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt;"), "{body}");
    assert!(body.contains("Plain &lt;i&gt;Organisation&lt;/i&gt;"), "the neighbour's label too: {body}");
    assert!(body.contains("javascript:alert(1)"), "the link is shown: {body}");
    assert!(!body.contains("href=\"javascript:"), "but not as a link: {body}");
    let json = send(&router, get(&format!("/api/entity?iri={}", encode("https://w3id.org/ssgr/id/org/evil")))).await;
    let json: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(json["label"], "<script>alert('owned')</script> & Co", "JSON keeps the label as it is");
}

#[tokio::test]
async fn an_iri_that_looks_like_a_suffix_is_itself() {
    let router = hostile_router();
    let page = send(&router, get_accept("/id/doc/notes.ttl", BROWSER)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.header("content-type").starts_with("text/html"), "the entity notes.ttl, as HTML");
    let turtle = send(&router, get("/id/doc/notes.ttl.ttl")).await;
    assert_eq!(turtle.status, StatusCode::OK);
    assert_eq!(turtle.header("content-type"), "text/turtle");
    let label = "notes.ttl, a document whose name ends like a suffix";
    let expected = triple("https://w3id.org/ssgr/id/doc/notes.ttl", LABEL, Literal::from(label));
    assert!(parse(&turtle.body, RdfFormat::Turtle).contains(&expected), "{}", turtle.body);
}
