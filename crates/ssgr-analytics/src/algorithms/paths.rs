//! Shortest paths and neighbourhoods (rustworkx-core's Dijkstra and
//! breadth-first layers). Edges are read both ways; each step of a path says
//! which way its edge goes.

use std::convert::Infallible;

use petgraph::graph::NodeIndex;
use rustworkx_core::dictmap::DictMap;
use serde::Serialize;

use crate::algorithms::simple_petgraph;
use crate::graph::{Graph, NodeId};

/// One step of a path: the edge that joins two consecutive nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Step {
    /// The node the step leaves.
    pub from: NodeId,
    /// The node it reaches.
    pub to: NodeId,
    /// The edge taken (an index into [`Graph::edges`]); of several edges
    /// joining the two nodes, the first added.
    pub edge: usize,
    /// Whether the edge reads from `from` to `to` (else from `to` to
    /// `from`).
    pub forward: bool,
}

/// A shortest path (fewest edges) from one node to another: `None` when
/// they are not connected, no steps when they are the same node.
pub fn shortest_path(graph: &Graph, from: NodeId, to: NodeId) -> Option<Vec<Step>> {
    let mut g =
        petgraph::Graph::<(), usize, petgraph::Undirected>::with_capacity(graph.node_count(), graph.edge_count());
    for _ in 0..graph.node_count() {
        g.add_node(());
    }
    for (i, edge) in graph.edges().iter().enumerate() {
        g.add_edge(NodeIndex::new(edge.source()), NodeIndex::new(edge.target()), i);
    }
    let mut paths: DictMap<NodeIndex, Vec<NodeIndex>> = DictMap::default();
    let found: Result<Vec<Option<usize>>, Infallible> = rustworkx_core::shortest_path::dijkstra(
        &g,
        NodeIndex::new(from),
        Some(NodeIndex::new(to)),
        |_| Ok(1usize),
        Some(&mut paths),
    );
    let Ok(_) = found;
    let nodes = paths.get(&NodeIndex::new(to))?;
    let steps = nodes
        .windows(2)
        .map(|pair| {
            let (a, b) = (pair[0], pair[1]);
            let edge = g.edges_connecting(a, b).map(|e| *e.weight()).min().expect("consecutive path nodes are joined");
            Step { from: a.index(), to: b.index(), edge, forward: graph.edges()[edge].source() == a.index() }
        })
        .collect();
    Some(steps)
}

/// Every node at most `hops` edges from `centre`, with its distance, by
/// distance then id (the centre first, at 0).
pub fn neighbourhood(graph: &Graph, centre: NodeId, hops: usize) -> Vec<(NodeId, usize)> {
    let g = simple_petgraph::<petgraph::Undirected>(graph);
    let layers = rustworkx_core::traversal::bfs_layers(&g, [NodeIndex::new(centre)]);
    let mut out = Vec::new();
    for (distance, layer) in layers.into_iter().take(hops + 1).enumerate() {
        let mut layer: Vec<NodeId> = layer.into_iter().map(NodeIndex::index).collect();
        layer.sort_unstable();
        out.extend(layer.into_iter().map(|v| (v, distance)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph() -> Graph {
        Graph::from_edge_list("dcaf pub\npub tj\ndcaf osce\nosce office\noffice tj\nlonely other\n", true)
            .expect("valid list")
    }

    #[test]
    fn the_shortest_path_reports_directions() {
        let g = graph();
        let (dcaf, tj) = (g.find("dcaf").expect("node"), g.find("tj").expect("node"));
        let steps = shortest_path(&g, tj, dcaf).expect("connected");
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[0].from, tj);
        assert!(!steps[0].forward && !steps[1].forward);
        assert_eq!(steps[1].to, dcaf);
        assert_eq!(g.node(steps[0].to).iri, "pub");
        assert_eq!(shortest_path(&g, dcaf, dcaf), Some(vec![]));
        assert_eq!(shortest_path(&g, dcaf, g.find("lonely").expect("node")), None);
    }

    #[test]
    fn neighbourhoods_stop_at_the_hop_limit() {
        let g = graph();
        let dcaf = g.find("dcaf").expect("node");
        let names = |hops| -> Vec<(String, usize)> {
            neighbourhood(&g, dcaf, hops).into_iter().map(|(v, d)| (g.node(v).iri.clone(), d)).collect()
        };
        assert_eq!(names(0), vec![("dcaf".to_owned(), 0)]);
        assert_eq!(names(1).len(), 3);
        assert_eq!(names(2).last(), Some(&("office".to_owned(), 2)));
        assert_eq!(names(9).len(), 5);
    }
}
