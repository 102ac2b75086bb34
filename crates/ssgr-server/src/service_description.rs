//! The SPARQL 1.1 Service Description, answered on `GET /sparql` without a
//! query, in any RDF format the client accepts.

use axum::response::Response;
use oxigraph::model::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Term, Triple};

use crate::error::ServerError;
use crate::graph_body;
use crate::negotiation::{GRAPH, negotiate};
use crate::request::SparqlRequest;
use crate::state::AppState;

const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
const FORMATS: &str = "http://www.w3.org/ns/formats/";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_COMMENT: &str = "http://www.w3.org/2000/01/rdf-schema#comment";
const DCTERMS_TITLE: &str = "http://purl.org/dc/terms/title";

/// Named graphs listed at most, so the description stays small.
const MAX_LISTED_GRAPHS: usize = 1000;

/// The result formats the endpoint writes, as W3C format IRIs.
const RESULT_FORMATS: &[&str] = &[
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "N-Quads",
    "TriG",
    "RDF_XML",
    "JSON-LD",
];

/// `GET /sparql` with no query.
pub(crate) fn respond(state: &AppState, request: &SparqlRequest) -> Result<Response, ServerError> {
    let format = negotiate(GRAPH, request.accept.as_deref(), &request.format, "the service description")?;
    let host = request.host.as_deref().unwrap_or("localhost");
    let triples = describe(state, host);
    graph_body::respond(&triples, format, &[("sd", SD), ("formats", FORMATS)])
}

fn sd(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SD}{local}"))
}

/// The description's triples.
fn describe(state: &AppState, host: &str) -> Vec<Triple> {
    let base = format!("http://{host}");
    let endpoint = NamedNode::new(format!("{base}/sparql"))
        .unwrap_or_else(|_| NamedNode::new_unchecked("http://localhost/sparql"));
    let service: NamedOrBlankNode = BlankNode::default().into();
    let dataset: NamedOrBlankNode = BlankNode::default().into();
    let default_graph: NamedOrBlankNode = BlankNode::default().into();
    let rdf_type = NamedNode::new_unchecked(RDF_TYPE);
    let comment = NamedNode::new_unchecked(RDFS_COMMENT);
    let mut out = vec![
        Triple::new(service.clone(), rdf_type.clone(), sd("Service")),
        Triple::new(service.clone(), sd("endpoint"), endpoint),
        Triple::new(
            service.clone(),
            NamedNode::new_unchecked(DCTERMS_TITLE),
            Literal::new_simple_literal("ssgr: the Security Sector Governance and Reform graph"),
        ),
        Triple::new(service.clone(), sd("supportedLanguage"), sd("SPARQL11Query")),
        Triple::new(service.clone(), sd("feature"), sd("EmptyGraphs")),
        Triple::new(service.clone(), sd("defaultDataset"), dataset.clone()),
        Triple::new(dataset.clone(), rdf_type.clone(), sd("Dataset")),
        Triple::new(dataset.clone(), sd("defaultGraph"), default_graph.clone()),
        Triple::new(default_graph.clone(), rdf_type.clone(), sd("Graph")),
        Triple::new(
            default_graph,
            comment,
            Literal::new_simple_literal(
                "The set union of every named graph, with the ontology's subclass, subproperty, \
                 inverse and symmetric entailments materialised.",
            ),
        ),
    ];
    if state.config().writable() {
        out.push(Triple::new(service.clone(), sd("supportedLanguage"), sd("SPARQL11Update")));
    }
    for name in RESULT_FORMATS {
        out.push(Triple::new(
            service.clone(),
            sd("resultFormat"),
            NamedNode::new_unchecked(format!("{FORMATS}{name}")),
        ));
    }
    if let Ok(store) = state.store() {
        for graph in store.named_graphs().take(MAX_LISTED_GRAPHS).flatten() {
            let entry: NamedOrBlankNode = BlankNode::default().into();
            let name: Term = match graph {
                NamedOrBlankNode::NamedNode(n) => n.into(),
                NamedOrBlankNode::BlankNode(b) => b.into(),
            };
            out.push(Triple::new(dataset.clone(), sd("namedGraph"), entry.clone()));
            out.push(Triple::new(entry.clone(), rdf_type.clone(), sd("NamedGraph")));
            out.push(Triple::new(entry, sd("name"), name));
        }
    }
    out
}
