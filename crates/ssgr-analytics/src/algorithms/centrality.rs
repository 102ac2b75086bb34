//! Degree, weighted degree, closeness and eigenvector centrality. Closeness
//! and eigenvector come from rustworkx-core.

use std::convert::Infallible;

use crate::adjacency::Adjacency;
use crate::algorithms::petgraph_view;
use crate::error::AnalyticsError;
use crate::graph::Graph;

/// Below this many nodes rustworkx-core runs on one thread (reproducible
/// sums).
const PARALLEL_THRESHOLD: usize = 5000;

/// The number of distinct neighbours of each node, edges read both ways.
pub fn degree(graph: &Graph) -> Vec<usize> {
    let adjacency = Adjacency::undirected(graph);
    (0..graph.node_count()).map(|v| adjacency.degree(v)).collect()
}

/// The summed weight of the edges at each node, read both ways (self-loops
/// left out).
pub fn weighted_degree(graph: &Graph) -> Vec<f64> {
    let adjacency = Adjacency::undirected(graph);
    (0..graph.node_count()).map(|v| adjacency.strength(v)).collect()
}

/// Closeness centrality (rustworkx-core), unweighted, with Wasserman and
/// Faust's correction for graphs in several pieces (NetworkX's default):
/// `O(n·m)`. In a directed graph it measures distances to the node.
pub fn closeness(graph: &Graph) -> Vec<f64> {
    let scores =
        petgraph_view!(graph, |g| rustworkx_core::centrality::closeness_centrality(&g, true, PARALLEL_THRESHOLD));
    scores.into_iter().map(|s| s.unwrap_or(0.0)).collect()
}

/// Eigenvector centrality (rustworkx-core), weighted, by power iteration
/// with NetworkX's stopping rule (change below `n × tolerance`); scaled to
/// unit Euclidean norm.
pub fn eigenvector(graph: &Graph, max_iterations: usize, tolerance: f64) -> Result<Vec<f64>, AnalyticsError> {
    if graph.node_count() == 0 {
        return Ok(Vec::new());
    }
    let result = petgraph_view!(graph, |g| rustworkx_core::centrality::eigenvector_centrality(
        &g,
        |e| Ok::<f64, Infallible>(*e.weight()),
        Some(max_iterations),
        Some(tolerance)
    ));
    match result {
        Ok(Some(scores)) => Ok(scores),
        Ok(None) => {
            Err(AnalyticsError::NotConverged { algorithm: "eigenvector centrality", iterations: max_iterations })
        }
        Err(never) => match never {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn star() -> Graph {
        Graph::from_edge_list("c a 2\nc b\nc d\na c\n", false).expect("valid list")
    }

    #[test]
    fn degrees_count_neighbours_and_weights() {
        let g = star();
        assert_eq!(degree(&g), vec![3, 1, 1, 1]);
        assert_eq!(weighted_degree(&g), vec![5.0, 3.0, 1.0, 1.0]);
    }

    #[test]
    fn closeness_of_a_star() {
        let c = closeness(&star());
        assert!((c[0] - 1.0).abs() < 1e-12);
        assert!((c[1] - 3.0 / 5.0).abs() < 1e-12);
    }

    #[test]
    fn eigenvector_of_an_unweighted_star() {
        let g = Graph::from_edge_list("c a\nc b\nc d\nc e\n", false).expect("valid list");
        let e = eigenvector(&g, 1000, 1e-9).expect("converges");
        // Centre : leaf = sqrt(k) : 1 for a star with k leaves.
        assert!((e[0] / e[1] - 2.0).abs() < 1e-4, "{e:?}");
        let norm: f64 = e.iter().map(|x| x * x).sum();
        assert!((norm - 1.0).abs() < 1e-9);
    }
}
