//! The plain graph the algorithms work on: nodes named by an IRI, edges with
//! a weight and a relation. No RDF, no store.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::error::AnalyticsError;

/// A node's position in a [`Graph`], from 0.
pub type NodeId = usize;

/// A node: an entity of the knowledge graph, or a bare name in a generated
/// graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    /// The entity's IRI (or the name in an edge list).
    pub iri: String,
    /// Its `rdfs:label`; empty when it has none.
    pub label: String,
    /// Its most specific class, as a local name of the ontology
    /// (`FieldMission`); empty when it has none.
    pub class: String,
    /// Every class it is an instance of, entailment included, as local
    /// names, sorted.
    pub classes: Vec<String>,
}

impl Node {
    /// A node with an IRI only.
    pub fn named(iri: impl Into<String>) -> Self {
        Self { iri: iri.into(), label: String::new(), class: String::new(), classes: Vec::new() }
    }

    /// Whether the node is an instance of `class` (a local name).
    pub fn is_a(&self, class: &str) -> bool {
        self.classes.iter().any(|c| c == class)
    }
}

/// An edge, read from `source` to `target` (the direction of the statement
/// it stands for, whether or not the graph is directed).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    source: u32,
    target: u32,
    relation: u32,
    /// The edge's weight (1 unless the projection counts something).
    pub weight: f64,
}

impl Edge {
    /// The node the edge starts from.
    pub fn source(&self) -> NodeId {
        self.source as usize
    }

    /// The node the edge goes to.
    pub fn target(&self) -> NodeId {
        self.target as usize
    }

    /// The other end, seen from `node`.
    pub fn other(&self, node: NodeId) -> NodeId {
        if self.source() == node { self.target() } else { self.source() }
    }
}

/// A graph of nodes and typed, weighted edges. Parallel edges are allowed
/// (two statements between the same entities); the algorithms that need a
/// simple graph merge them through [`crate::Adjacency`].
#[derive(Debug, Clone, Default)]
pub struct Graph {
    directed: bool,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    relations: Vec<String>,
    relation_ids: HashMap<String, u32>,
    index: HashMap<String, NodeId>,
}

impl Graph {
    /// An empty graph; `directed` decides whether the algorithms follow
    /// edges one way or both.
    pub fn new(directed: bool) -> Self {
        Self { directed, ..Self::default() }
    }

    /// Whether the algorithms follow edges from source to target only.
    pub fn is_directed(&self) -> bool {
        self.directed
    }

    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// The number of edges (parallel edges counted each).
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// The nodes, by id.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// One node.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    /// The edges, in the order they were added.
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// The relation of an edge (a property IRI, or a description).
    pub fn relation(&self, edge: &Edge) -> &str {
        &self.relations[edge.relation as usize]
    }

    /// The node with this IRI.
    pub fn find(&self, iri: &str) -> Option<NodeId> {
        self.index.get(iri).copied()
    }

    /// Adds a node, or returns the one with the same IRI.
    pub fn add_node(&mut self, node: Node) -> NodeId {
        if let Some(&id) = self.index.get(&node.iri) {
            return id;
        }
        let id = self.nodes.len();
        assert!(u32::try_from(id).is_ok(), "a graph holds at most 2^32 nodes");
        self.index.insert(node.iri.clone(), id);
        self.nodes.push(node);
        id
    }

    /// Adds an edge between two existing nodes.
    pub fn add_edge(&mut self, source: NodeId, target: NodeId, weight: f64, relation: &str) {
        assert!(source < self.nodes.len() && target < self.nodes.len(), "edge between unknown nodes");
        let relation = match self.relation_ids.get(relation) {
            Some(&r) => r,
            None => {
                let r = u32::try_from(self.relations.len()).expect("fewer than 2^32 relations");
                self.relations.push(relation.to_owned());
                self.relation_ids.insert(relation.to_owned(), r);
                r
            }
        };
        self.edges.push(Edge { source: source as u32, target: target as u32, relation, weight });
    }

    /// The subgraph induced by the nodes for which `keep` is true, with ids
    /// renumbered in their old order.
    pub fn induced(&self, keep: impl Fn(NodeId) -> bool) -> Graph {
        let mut out = Graph::new(self.directed);
        let mut map = vec![None; self.nodes.len()];
        for (id, node) in self.nodes.iter().enumerate() {
            if keep(id) {
                map[id] = Some(out.add_node(node.clone()));
            }
        }
        for edge in &self.edges {
            if let (Some(s), Some(t)) = (map[edge.source()], map[edge.target()]) {
                out.add_edge(s, t, edge.weight, self.relation(edge));
            }
        }
        out
    }

    /// Reads a whitespace-separated edge list: `source target [weight]` per
    /// line; `#` starts a comment. Nodes are named by their tokens, in order
    /// of first appearance.
    pub fn from_edge_list(text: &str, directed: bool) -> Result<Graph, AnalyticsError> {
        let mut graph = Graph::new(directed);
        for (i, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default();
            let fields: Vec<&str> = line.split_whitespace().collect();
            let error = |message: &str| AnalyticsError::EdgeList { line: i + 1, message: message.to_owned() };
            let (source, target, weight) = match fields.as_slice() {
                [] => continue,
                [s, t] => (*s, *t, 1.0),
                [s, t, w] => (*s, *t, w.parse::<f64>().map_err(|_| error("the weight is not a number"))?),
                _ => return Err(error("expected `source target [weight]`")),
            };
            let s = graph.add_node(Node::named(source));
            let t = graph.add_node(Node::named(target));
            graph.add_edge(s, t, weight, "");
        }
        Ok(graph)
    }

    /// Writes the edges as an edge list that [`Graph::from_edge_list`] and
    /// NetworkX's `read_weighted_edgelist` read back.
    pub fn to_edge_list(&self) -> String {
        let mut out = String::with_capacity(self.edges.len() * 16);
        for edge in &self.edges {
            let _ =
                writeln!(out, "{} {} {}", self.nodes[edge.source()].iri, self.nodes[edge.target()].iri, edge.weight);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_are_shared_by_iri_and_relations_interned() {
        let mut g = Graph::new(false);
        let a = g.add_node(Node::named("a"));
        let b = g.add_node(Node::named("b"));
        assert_eq!(g.add_node(Node::named("a")), a);
        g.add_edge(a, b, 2.0, "knows");
        g.add_edge(b, a, 1.0, "knows");
        assert_eq!(g.node_count(), 2);
        assert_eq!(g.relation(&g.edges()[1]), "knows");
        assert_eq!(g.edges()[1].other(a), b);
    }

    #[test]
    fn edge_lists_round_trip() {
        let g = Graph::from_edge_list("# comment\n0 1\n1 2 2.5\n\n2 0 1\n", false).expect("valid list");
        assert_eq!((g.node_count(), g.edge_count()), (3, 3));
        let again = Graph::from_edge_list(&g.to_edge_list(), false).expect("valid list");
        assert_eq!(again.to_edge_list(), g.to_edge_list());
        assert!(Graph::from_edge_list("0 1 x\n", false).is_err());
        assert!(Graph::from_edge_list("0 1 2 3\n", false).is_err());
    }

    #[test]
    fn induced_subgraphs_keep_edges_between_kept_nodes() {
        let g = Graph::from_edge_list("a b\nb c\nc d\n", false).expect("valid list");
        let sub = g.induced(|id| id != 3);
        assert_eq!((sub.node_count(), sub.edge_count()), (3, 2));
    }
}
