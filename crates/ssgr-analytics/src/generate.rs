//! Seeded random graphs, for the comparison tests and the benchmark. Nodes
//! are named `0`, `1`, … in id order.

use std::collections::HashSet;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::graph::{Graph, Node, NodeId};

fn with_nodes(n: usize, directed: bool) -> Graph {
    let mut graph = Graph::new(directed);
    for i in 0..n {
        graph.add_node(Node::named(i.to_string()));
    }
    graph
}

/// Preferential attachment (Barabási–Albert): each node after the first
/// `m` is linked to `m` distinct earlier nodes drawn in proportion to their
/// degree. Undirected, unweighted, about `n·m` edges, a heavy-tailed degree
/// distribution.
pub fn preferential_attachment(n: usize, m: usize, seed: u64) -> Graph {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut graph = with_nodes(n, false);
    let mut ends: Vec<NodeId> = Vec::with_capacity(2 * n * m);
    let mut chosen = HashSet::with_capacity(m);
    for v in m.max(1)..n {
        chosen.clear();
        if ends.is_empty() {
            chosen.extend(0..m.min(v));
        }
        while chosen.len() < m.min(v) {
            chosen.insert(ends[rng.random_range(0..ends.len())]);
        }
        let mut targets: Vec<NodeId> = chosen.iter().copied().collect();
        targets.sort_unstable();
        for t in targets {
            graph.add_edge(v, t, 1.0, "");
            ends.push(v);
            ends.push(t);
        }
    }
    graph
}

/// A uniform random graph with `m` distinct edges between distinct nodes
/// (G(n, m)); with `weighted`, integer weights from 1 to 5.
pub fn random_graph(n: usize, m: usize, directed: bool, weighted: bool, seed: u64) -> Graph {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut graph = with_nodes(n, directed);
    let possible = if directed { n * n.saturating_sub(1) } else { n * n.saturating_sub(1) / 2 };
    let mut seen = HashSet::with_capacity(m);
    while seen.len() < m.min(possible) {
        let (u, v) = (rng.random_range(0..n), rng.random_range(0..n));
        let key = if directed || u < v { (u, v) } else { (v, u) };
        if u == v || !seen.insert(key) {
            continue;
        }
        let weight = if weighted { f64::from(rng.random_range(1..=5u8)) } else { 1.0 };
        graph.add_edge(u, v, weight, "");
    }
    graph
}

/// `groups` groups of `size` nodes; two nodes are linked with probability
/// `p_in` inside a group and `p_out` across. Undirected, unweighted.
pub fn planted_partition(groups: usize, size: usize, p_in: f64, p_out: f64, seed: u64) -> Graph {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n = groups * size;
    let mut graph = with_nodes(n, false);
    for u in 0..n {
        for v in u + 1..n {
            let p = if u / size == v / size { p_in } else { p_out };
            if rng.random_bool(p) {
                graph.add_edge(u, v, 1.0, "");
            }
        }
    }
    graph
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generators_are_seeded_and_sized() {
        let a = preferential_attachment(200, 3, 1);
        assert_eq!(a.edge_count(), 197 * 3);
        assert_eq!(a.to_edge_list(), preferential_attachment(200, 3, 1).to_edge_list());
        let r = random_graph(50, 100, true, true, 2);
        assert_eq!((r.node_count(), r.edge_count()), (50, 100));
        assert!(r.edges().iter().all(|e| e.source() != e.target() && (1.0..=5.0).contains(&e.weight)));
        let p = planted_partition(3, 10, 1.0, 0.0, 3);
        assert_eq!(p.edge_count(), 3 * 45);
    }
}
