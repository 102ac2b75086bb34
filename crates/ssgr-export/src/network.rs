//! A projection ready to export: the analytics' graph with, for every node,
//! its scores, its community and a position, and for every edge its weight
//! and relation.

use ssgr_analytics::algorithms::community::{CommunityOptions, communities};
use ssgr_analytics::report::{DEFAULT_SAMPLES, DEFAULT_SEED, Scores, compact};
use ssgr_analytics::{Filter, Graph, Projection, project};
use ssgr_store::Store;

use crate::error::ExportError;
use crate::layout::{LayoutOptions, Point, layout};
use crate::style::{Colour, community_colour, node_size};

/// What to export and how to lay it out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NetworkOptions {
    /// The projection (actor–topic).
    pub projection: Projection,
    /// Which part of it, as `ssgr analyze` takes it.
    pub filter: Filter,
    /// The community algorithm, resolution and seed (Leiden, 1, 0: those of
    /// the write-back).
    pub community: CommunityOptions,
    /// The layout's iterations and seed.
    pub layout: LayoutOptions,
}

/// A node with everything the formats write.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkNode {
    /// The entity's IRI: the node's id in every format.
    pub id: String,
    /// Its label; its IRI when it has none.
    pub label: String,
    /// Its most specific class (local name).
    pub class: String,
    /// All its classes, space-separated.
    pub classes: String,
    /// Distinct neighbours.
    pub degree: usize,
    /// Summed weight of its edges.
    pub weighted_degree: f64,
    /// PageRank (sums to 1 over the network).
    pub page_rank: f64,
    /// Normalised betweenness (sampled above 5,000 nodes).
    pub betweenness: f64,
    /// Its community, 0 the largest.
    pub community: usize,
    /// Its position from the layout.
    pub position: Point,
    /// Its drawn size, from its PageRank.
    pub size: f64,
    /// Its colour, from its community.
    pub colour: Colour,
}

/// An edge with everything the formats write.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkEdge {
    /// `e0`, `e1`, … in the projection's order.
    pub id: String,
    /// The node it starts from (index into [`Network::nodes`]).
    pub source: usize,
    /// The node it goes to.
    pub target: usize,
    /// Its weight.
    pub weight: f64,
    /// The relation: a property IRI, or in the actor–actor network what the
    /// two actors share.
    pub relation: String,
    /// The relation, prefixed (`ssgr:worksOn`).
    pub relation_name: String,
}

/// A projection ready to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    /// The projection's name (`actor-topic`).
    pub name: String,
    /// Whether edges are read one way only (no projection is, today).
    pub directed: bool,
    /// The nodes, in IRI order.
    pub nodes: Vec<NetworkNode>,
    /// The edges; parallel edges (two relations between the same entities)
    /// are kept apart.
    pub edges: Vec<NetworkEdge>,
    /// The number of communities.
    pub communities: usize,
    /// Their modularity.
    pub modularity: f64,
}

impl Network {
    /// Projects the store and computes scores, communities and layout.
    pub fn from_store(store: &Store, options: &NetworkOptions) -> Result<Self, ExportError> {
        let graph = project(store, options.projection, &options.filter)?;
        Self::from_graph(&graph, options.projection.name(), options)
    }

    /// Scores, communities and layout of a graph already projected (or
    /// generated).
    pub fn from_graph(graph: &Graph, name: &str, options: &NetworkOptions) -> Result<Self, ExportError> {
        // The scores `ssgr analyze` reports, so that the files agree with it.
        let scores = Scores::compute(graph, DEFAULT_SAMPLES, DEFAULT_SEED)?;
        let ranks = &scores.page_rank;
        let partition = communities(graph, &options.community)?;
        let positions = layout(graph, &options.layout);
        let top_rank = ranks.iter().copied().fold(0.0, f64::max);
        let nodes = graph
            .nodes()
            .iter()
            .enumerate()
            .map(|(v, node)| NetworkNode {
                id: node.iri.clone(),
                label: if node.label.is_empty() { node.iri.clone() } else { node.label.clone() },
                class: node.class.clone(),
                classes: node.classes.join(" "),
                degree: scores.degree[v],
                weighted_degree: scores.weighted_degree[v],
                page_rank: ranks[v],
                betweenness: scores.betweenness[v],
                community: partition.membership[v],
                position: positions[v],
                size: node_size(ranks[v], top_rank),
                colour: community_colour(partition.membership[v]),
            })
            .collect();
        let edges = graph
            .edges()
            .iter()
            .enumerate()
            .map(|(i, e)| NetworkEdge {
                id: format!("e{i}"),
                source: e.source(),
                target: e.target(),
                weight: e.weight,
                relation: graph.relation(e).to_owned(),
                relation_name: compact(graph.relation(e)),
            })
            .collect();
        Ok(Self {
            name: name.to_owned(),
            directed: graph.is_directed(),
            nodes,
            edges,
            communities: partition.count,
            modularity: partition.modularity,
        })
    }

    /// Node indices, the most central (PageRank) first; ties by IRI.
    pub fn by_centrality(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        order.sort_by(|&a, &b| self.nodes[b].page_rank.total_cmp(&self.nodes[a].page_rank).then(a.cmp(&b)));
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ssgr_analytics::generate;

    #[test]
    fn every_node_and_edge_is_carried_over_with_its_scores() {
        let mut g = generate::planted_partition(3, 8, 0.8, 0.02, 11);
        g.add_edge(0, 1, 2.5, "http://example.org/p");
        let network = Network::from_graph(&g, "test", &NetworkOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((network.nodes.len(), network.edges.len()), (g.node_count(), g.edge_count()));
        let total: f64 = network.nodes.iter().map(|n| n.page_rank).sum();
        assert!((total - 1.0).abs() < 1e-9);
        assert!(network.communities >= 2, "three planted groups: {}", network.communities);
        let last = network.edges.last().unwrap_or_else(|| panic!("edges"));
        assert_eq!((last.source, last.target, last.weight), (0, 1, 2.5));
        assert_eq!(last.relation, "http://example.org/p");
        let top = network.by_centrality()[0];
        assert!(network.nodes.iter().all(|n| n.page_rank <= network.nodes[top].page_rank));
        assert!(network.nodes.iter().all(|n| n.size <= network.nodes[top].size));
    }
}
