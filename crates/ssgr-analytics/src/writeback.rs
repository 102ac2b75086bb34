//! The scores written back into the store, so that SPARQL can sort and
//! filter by them: the graph `ssgrid:graph/analytics` holds, for every node
//! of the actor–topic network, `ssgr:pageRank`, `ssgr:betweenness`
//! (`xsd:double`), `ssgr:degree` and `ssgr:community` (`xsd:integer`).

use std::time::Instant;

use oxigraph::model::{Literal, NamedNode, Quad, Triple};
use serde::Serialize;
use ssgr_store::Store;
use ssgr_vocab::{ssgr, ssgrid};

use crate::algorithms::community::{CommunityOptions, Partition, communities};
use crate::error::AnalyticsError;
use crate::graph::Graph;
use crate::projection::{Filter, Projection, project};
use crate::report::{DEFAULT_SAMPLES, DEFAULT_SEED, Scores};

/// What [`refresh`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Nodes of the actor–topic network.
    pub nodes: usize,
    /// Its edges.
    pub edges: usize,
    /// Triples written to `ssgrid:graph/analytics`.
    pub triples: usize,
    /// Communities found (Leiden, resolution 1, seed 0).
    pub communities: usize,
    /// Their modularity.
    pub modularity: f64,
    /// Wall-clock seconds, the default graph's refresh included.
    pub seconds: f64,
}

/// Recomputes the scores of the actor–topic network, replaces the graph
/// `ssgrid:graph/analytics` with them and updates the default graph so
/// that it holds them too. Call it after every change to the store (a
/// build, an update through the endpoint), not on every request.
pub fn refresh(store: &Store) -> Result<Summary, AnalyticsError> {
    let started = Instant::now();
    let graph = project(store, Projection::ActorTopic, &Filter::default())?;
    // A fixed sample and seed: a rebuild gives the same triples.
    let scores = Scores::compute(&graph, DEFAULT_SAMPLES, DEFAULT_SEED)?;
    let partition = communities(&graph, &CommunityOptions { seed: DEFAULT_SEED, ..CommunityOptions::default() })?;
    let quads = score_quads(&graph, &scores, &partition);
    // The scores entail nothing, so the default graph is updated by their
    // difference alone, not recomputed from the whole store.
    let triples: Vec<Triple> = quads.iter().cloned().map(Triple::from).collect();
    ssgr_store::replace_named_graph(store, ssgrid::GRAPH_ANALYTICS, &triples)?;
    let summary = Summary {
        nodes: graph.node_count(),
        edges: graph.edge_count(),
        triples: quads.len(),
        communities: partition.count,
        modularity: partition.modularity,
        seconds: started.elapsed().as_secs_f64(),
    };
    tracing::info!(?summary, "analytics refreshed");
    Ok(summary)
}

/// The score triples of every node, in `ssgrid:graph/analytics`.
fn score_quads(graph: &Graph, scores: &Scores, partition: &Partition) -> Vec<Quad> {
    let mut quads = Vec::with_capacity(graph.node_count() * 4);
    for (v, node) in graph.nodes().iter().enumerate() {
        let subject = NamedNode::new_unchecked(node.iri.clone());
        let values = [
            (ssgr::PAGE_RANK, Literal::from(scores.page_rank[v])),
            (ssgr::BETWEENNESS, Literal::from(scores.betweenness[v])),
            (ssgr::DEGREE, Literal::from(scores.degree[v] as i64)),
            (ssgr::COMMUNITY, Literal::from(partition.membership[v] as i64)),
        ];
        for (property, value) in values {
            quads.push(Quad::new(subject.clone(), property, value, ssgrid::GRAPH_ANALYTICS));
        }
    }
    quads
}
