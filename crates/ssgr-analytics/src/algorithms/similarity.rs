//! Similar nodes by shared neighbours (Jaccard).

use serde::Serialize;

use crate::adjacency::Adjacency;
use crate::graph::{Graph, NodeId};

/// A node like the one asked about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Similar {
    /// The similar node.
    pub node: NodeId,
    /// `|shared| / |union|` of the two nodes' features.
    pub jaccard: f64,
    /// The features both have, ascending.
    pub shared: Vec<NodeId>,
}

/// The candidates sharing at least one feature with `node`, most similar
/// first (ties: more shared features, then node id). A feature is a
/// neighbour for which `is_feature` holds (a topic, for actors in the
/// actor–topic network).
pub fn jaccard(
    graph: &Graph,
    node: NodeId,
    is_candidate: impl Fn(NodeId) -> bool,
    is_feature: impl Fn(NodeId) -> bool,
) -> Vec<Similar> {
    let adjacency = Adjacency::undirected(graph);
    let features = |v: NodeId| -> Vec<NodeId> {
        adjacency.neighbours(v).iter().map(|&f| f as usize).filter(|&f| is_feature(f)).collect()
    };
    let mine = features(node);
    let mut shared: Vec<Vec<NodeId>> = vec![Vec::new(); graph.node_count()];
    for &f in &mine {
        for &c in adjacency.neighbours(f) {
            let c = c as usize;
            if c != node && is_candidate(c) {
                shared[c].push(f);
            }
        }
    }
    let mut out: Vec<Similar> = shared
        .into_iter()
        .enumerate()
        .filter(|(_, s)| !s.is_empty())
        .map(|(c, shared)| {
            let union = mine.len() + features(c).len() - shared.len();
            Similar { node: c, jaccard: shared.len() as f64 / union as f64, shared }
        })
        .collect();
    out.sort_by(|a, b| {
        b.jaccard.total_cmp(&a.jaccard).then(b.shared.len().cmp(&a.shared.len())).then(a.node.cmp(&b.node))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_sharing_topics() {
        let g = Graph::from_edge_list("a1 t1\na1 t2\na2 t1\na2 t2\na2 t3\na3 t3\na4 t9\n", false).expect("valid list");
        let is_topic = |v: NodeId| g.node(v).iri.starts_with('t');
        let a1 = g.find("a1").expect("node");
        let similar = jaccard(&g, a1, |v| !is_topic(v), is_topic);
        assert_eq!(similar.len(), 1);
        assert_eq!(g.node(similar[0].node).iri, "a2");
        assert!((similar[0].jaccard - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(similar[0].shared.len(), 2);
    }
}
