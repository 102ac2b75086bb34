//! Connected components (rustworkx-core), edges read both ways.

use petgraph::graph::NodeIndex;

use crate::graph::{Graph, NodeId};

/// The connected components, each sorted by node id, the largest first
/// (ties: the one with the smallest node first).
pub fn connected_components(graph: &Graph) -> Vec<Vec<NodeId>> {
    // Parallel edges and self-loops change nothing here: no merging needed.
    let mut g = petgraph::Graph::<(), (), petgraph::Undirected>::with_capacity(graph.node_count(), graph.edge_count());
    for _ in 0..graph.node_count() {
        g.add_node(());
    }
    for edge in graph.edges() {
        g.add_edge(NodeIndex::new(edge.source()), NodeIndex::new(edge.target()), ());
    }
    let mut components: Vec<Vec<NodeId>> = rustworkx_core::connectivity::connected_components(&g)
        .into_iter()
        .map(|set| {
            let mut nodes: Vec<NodeId> = set.into_iter().map(|n| n.index()).collect();
            nodes.sort_unstable();
            nodes
        })
        .collect();
    components.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    components
}

/// Each node's component, numbered as [`connected_components`] orders them.
pub fn component_membership(graph: &Graph) -> Vec<usize> {
    let mut membership = vec![0; graph.node_count()];
    for (i, component) in connected_components(graph).iter().enumerate() {
        for &v in component {
            membership[v] = i;
        }
    }
    membership
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Node;

    #[test]
    fn pieces_are_found_largest_first() {
        let mut g = Graph::from_edge_list("a b\nc d\nd e\n", true).expect("valid list");
        g.add_node(Node::named("lonely"));
        assert_eq!(connected_components(&g), vec![vec![2, 3, 4], vec![0, 1], vec![5]]);
        assert_eq!(component_membership(&g), vec![1, 1, 0, 0, 0, 2]);
    }
}
