//! The algorithms, on [`Graph`](crate::Graph) alone: nothing here knows RDF
//! or the store.

pub mod betweenness;
pub mod centrality;
pub mod community;
pub mod components;
pub mod pagerank;
pub mod paths;
pub mod similarity;

use petgraph::EdgeType;

use crate::adjacency::Adjacency;
use crate::graph::Graph;

/// The simple graph (parallel edges merged, self-loops dropped) as a
/// petgraph graph with the same node ids and the merged weights, for
/// rustworkx-core.
pub(crate) fn simple_petgraph<Ty: EdgeType>(graph: &Graph) -> petgraph::Graph<(), f64, Ty> {
    let adjacency = Adjacency::outgoing(graph);
    let directed = Ty::is_directed();
    let mut out = petgraph::Graph::with_capacity(graph.node_count(), adjacency.arc_count());
    for _ in 0..graph.node_count() {
        out.add_node(());
    }
    for (u, v, w) in adjacency.arcs() {
        if directed || u < v {
            out.add_edge(petgraph::graph::NodeIndex::new(u), petgraph::graph::NodeIndex::new(v), w);
        }
    }
    out
}

/// Evaluates `$body` with `$g` bound to the graph's simple petgraph view,
/// directed or undirected as the graph is.
macro_rules! petgraph_view {
    ($graph:expr, |$g:ident| $body:expr) => {{
        let graph: &$crate::graph::Graph = $graph;
        if graph.is_directed() {
            let $g = $crate::algorithms::simple_petgraph::<petgraph::Directed>(graph);
            $body
        } else {
            let $g = $crate::algorithms::simple_petgraph::<petgraph::Undirected>(graph);
            $body
        }
    }};
}
pub(crate) use petgraph_view;
