//! Communities by modularity: Louvain or Leiden from the `single-clustering`
//! crate (a maintained, seeded implementation of both, checked against
//! `leidenalg`), and the modularity of any partition computed here.
//!
//! Edges are read both ways; parallel edges are merged (weights summed) and
//! self-loops dropped, as everywhere else.

use serde::{Deserialize, Serialize};
use single_clustering::community_search::leiden::{LeidenConfig, ObjectiveKind, leiden};
use single_clustering::network::CSRNetwork;

use crate::adjacency::Adjacency;
use crate::error::AnalyticsError;
use crate::graph::{Graph, NodeId};

/// Which modularity optimiser to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommunityAlgorithm {
    /// Louvain: local moves, then aggregation.
    Louvain,
    /// Leiden: Louvain with a refinement step; communities are connected.
    #[default]
    Leiden,
}

impl CommunityAlgorithm {
    /// The name, lower case.
    pub fn name(self) -> &'static str {
        match self {
            Self::Louvain => "louvain",
            Self::Leiden => "leiden",
        }
    }
}

/// How communities are looked for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CommunityOptions {
    /// Louvain or Leiden (Leiden).
    pub algorithm: CommunityAlgorithm,
    /// The modularity resolution γ: above 1 gives more, smaller communities
    /// (1).
    pub resolution: f64,
    /// The seed of the random node orders (0).
    pub seed: u64,
}

impl Default for CommunityOptions {
    fn default() -> Self {
        Self { algorithm: CommunityAlgorithm::default(), resolution: 1.0, seed: 0 }
    }
}

/// A partition of the nodes into communities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partition {
    /// Each node's community: 0 is the largest (ties: the one holding the
    /// smallest node id).
    pub membership: Vec<usize>,
    /// The number of communities.
    pub count: usize,
    /// The partition's modularity at the resolution used.
    pub modularity: f64,
}

impl Partition {
    /// The members of each community, by community number.
    pub fn communities(&self) -> Vec<Vec<NodeId>> {
        let mut out = vec![Vec::new(); self.count];
        for (v, &c) in self.membership.iter().enumerate() {
            out[c].push(v);
        }
        out
    }
}

/// Finds communities maximising modularity.
pub fn communities(graph: &Graph, options: &CommunityOptions) -> Result<Partition, AnalyticsError> {
    if !options.resolution.is_finite() || options.resolution < 0.0 {
        return Err(AnalyticsError::InvalidParameter(format!("resolution {} is not ≥ 0", options.resolution)));
    }
    let adjacency = Adjacency::undirected(graph);
    let n = graph.node_count();
    let edges: Vec<(usize, usize, f64)> = adjacency.arcs().filter(|&(u, v, _)| u < v).collect();
    let labels = if edges.is_empty() {
        (0..n).collect()
    } else {
        let network = CSRNetwork::from_edges(n, &edges).map_err(|e| AnalyticsError::Community(e.to_string()))?;
        let config = LeidenConfig {
            objective: ObjectiveKind::Rb { resolution: options.resolution },
            seed: Some(options.seed),
            refine: options.algorithm == CommunityAlgorithm::Leiden,
            ..LeidenConfig::default()
        };
        leiden(&network, &config).map_err(|e| AnalyticsError::Community(e.to_string()))?.into_labels()
    };
    let membership = renumber(&labels);
    let count = membership.iter().max().map_or(0, |m| m + 1);
    let modularity = modularity_of(&adjacency, &membership, options.resolution);
    Ok(Partition { membership, count, modularity })
}

/// The modularity of a partition (`membership[v]` is v's community):
/// `Σ_c L_c/m − γ·(D_c/2m)²`, with `m` the total edge weight, `L_c` the
/// weight inside community `c` and `D_c` the summed weighted degree of its
/// nodes. 0 for a graph without edges.
pub fn modularity(graph: &Graph, membership: &[usize], resolution: f64) -> f64 {
    modularity_of(&Adjacency::undirected(graph), membership, resolution)
}

fn modularity_of(adjacency: &Adjacency, membership: &[usize], resolution: f64) -> f64 {
    let count = membership.iter().max().map_or(0, |m| m + 1);
    let mut inside = vec![0.0; count];
    let mut degree = vec![0.0; count];
    let mut total = 0.0;
    for (u, v, w) in adjacency.arcs() {
        total += w;
        degree[membership[u]] += w;
        if membership[u] == membership[v] {
            inside[membership[u]] += w;
        }
    }
    if total == 0.0 {
        return 0.0;
    }
    // `total` is 2m and `inside` twice the weight inside: each edge is two arcs.
    inside.iter().zip(&degree).map(|(l, d)| l / total - resolution * (d / total).powi(2)).sum()
}

/// Community numbers by size (largest first), ties by smallest member.
fn renumber(labels: &[usize]) -> Vec<usize> {
    let count = labels.iter().max().map_or(0, |m| m + 1);
    let mut size = vec![0usize; count];
    let mut first = vec![usize::MAX; count];
    for (v, &c) in labels.iter().enumerate() {
        size[c] += 1;
        first[c] = first[c].min(v);
    }
    let mut order: Vec<usize> = (0..count).filter(|&c| size[c] > 0).collect();
    order.sort_by(|&a, &b| size[b].cmp(&size[a]).then(first[a].cmp(&first[b])));
    let mut new = vec![0; count];
    for (i, &c) in order.iter().enumerate() {
        new[c] = i;
    }
    labels.iter().map(|&c| new[c]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two triangles joined by one edge.
    const BARBELL: &str = "a b\nb c\nc a\nd e\ne f\nf d\nc d\n";

    #[test]
    fn two_triangles_are_two_communities() {
        let g = Graph::from_edge_list(BARBELL, false).expect("valid list");
        for algorithm in [CommunityAlgorithm::Louvain, CommunityAlgorithm::Leiden] {
            let p = communities(&g, &CommunityOptions { algorithm, ..CommunityOptions::default() }).expect("runs");
            assert_eq!(p.membership, vec![0, 0, 0, 1, 1, 1], "{algorithm:?}");
            // 2 × (3/7 − (7/14)²)
            assert!((p.modularity - (6.0 / 7.0 - 0.5)).abs() < 1e-12);
            assert_eq!(p.communities(), vec![vec![0, 1, 2], vec![3, 4, 5]]);
        }
    }

    #[test]
    fn modularity_of_known_partitions() {
        let g = Graph::from_edge_list(BARBELL, false).expect("valid list");
        assert!(modularity(&g, &[0; 6], 1.0).abs() < 1e-12);
        let singletons: Vec<usize> = (0..6).collect();
        let expected = -[2.0f64, 2.0, 3.0, 3.0, 2.0, 2.0].iter().map(|d| (d / 14.0).powi(2)).sum::<f64>();
        assert!((modularity(&g, &singletons, 1.0) - expected).abs() < 1e-12);
    }

    #[test]
    fn edgeless_graphs_and_bad_resolutions() {
        let mut g = Graph::new(false);
        g.add_node(crate::graph::Node::named("a"));
        g.add_node(crate::graph::Node::named("b"));
        let p = communities(&g, &CommunityOptions::default()).expect("runs");
        assert_eq!((p.count, p.modularity), (2, 0.0));
        let bad = CommunityOptions { resolution: -1.0, ..CommunityOptions::default() };
        assert!(communities(&g, &bad).is_err());
    }
}
