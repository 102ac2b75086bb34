//! Compressed sparse rows: the simple-graph view of a [`Graph`] the fast
//! algorithms iterate over.

use crate::graph::{Graph, NodeId};

/// The arcs of a graph by node, in compressed sparse row form: parallel
/// edges merged (their weights summed), self-loops dropped, each row sorted
/// by neighbour. In an undirected graph every edge gives an arc each way.
#[derive(Debug, Clone)]
pub struct Adjacency {
    offsets: Vec<usize>,
    neighbours: Vec<u32>,
    /// `None` when every merged weight is 1.
    weights: Option<Vec<f64>>,
}

impl Adjacency {
    /// The arcs leaving each node (both ways in an undirected graph).
    pub fn outgoing(graph: &Graph) -> Self {
        Self::build(graph, false)
    }

    /// The arcs entering each node (the same as [`Adjacency::outgoing`] in an
    /// undirected graph).
    pub fn incoming(graph: &Graph) -> Self {
        Self::build(graph, true)
    }

    /// The undirected view of any graph: every edge both ways.
    pub fn undirected(graph: &Graph) -> Self {
        Self::from_arcs(graph.node_count(), arcs(graph, true, false))
    }

    fn build(graph: &Graph, reverse: bool) -> Self {
        Self::from_arcs(graph.node_count(), arcs(graph, !graph.is_directed(), reverse))
    }

    /// Compressed rows from arcs: two stable counting sorts (by target,
    /// then by source) leave each row sorted by neighbour in linear time;
    /// one pass then merges repeated arcs.
    fn from_arcs(n: usize, arcs: Vec<Arc>) -> Self {
        let by_target = counting_sort(n, &arcs, |a| a.target);
        drop(arcs);
        let sorted = counting_sort(n, &by_target, |a| a.source);
        drop(by_target);
        let mut offsets = vec![0usize; n + 1];
        let mut neighbours: Vec<u32> = Vec::with_capacity(sorted.len());
        let mut weights: Vec<f64> = Vec::with_capacity(sorted.len());
        let mut last: Option<(u32, u32)> = None;
        for arc in sorted {
            if last == Some((arc.source, arc.target)) {
                if let Some(w) = weights.last_mut() {
                    *w += arc.weight;
                }
                continue;
            }
            last = Some((arc.source, arc.target));
            offsets[arc.source as usize + 1] += 1;
            neighbours.push(arc.target);
            weights.push(arc.weight);
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let weights = if weights.iter().all(|&w| w == 1.0) { None } else { Some(weights) };
        Self { offsets, neighbours, weights }
    }

    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The number of arcs (twice the edges of an undirected simple graph).
    pub fn arc_count(&self) -> usize {
        self.neighbours.len()
    }

    /// The neighbours of a node, ascending.
    pub fn neighbours(&self, node: NodeId) -> &[u32] {
        &self.neighbours[self.offsets[node]..self.offsets[node + 1]]
    }

    /// The weights of a node's arcs, in the order of its neighbours; `None`
    /// when every weight in the graph is 1.
    pub fn weights(&self, node: NodeId) -> Option<&[f64]> {
        self.weights.as_ref().map(|w| &w[self.offsets[node]..self.offsets[node + 1]])
    }

    /// Whether every arc weighs 1.
    pub fn is_unweighted(&self) -> bool {
        self.weights.is_none()
    }

    /// The number of neighbours of a node.
    pub fn degree(&self, node: NodeId) -> usize {
        self.offsets[node + 1] - self.offsets[node]
    }

    /// The summed weight of a node's arcs.
    pub fn strength(&self, node: NodeId) -> f64 {
        match self.weights(node) {
            Some(w) => w.iter().sum(),
            None => self.degree(node) as f64,
        }
    }

    /// The rows' raw parts: offsets, neighbours, weights.
    pub(crate) fn parts(&self) -> (&[usize], &[u32], Option<&[f64]>) {
        (&self.offsets, &self.neighbours, self.weights.as_deref())
    }

    /// The arcs as `(source, target, weight)`.
    pub fn arcs(&self) -> impl Iterator<Item = (NodeId, NodeId, f64)> + '_ {
        (0..self.node_count()).flat_map(move |u| {
            let weights = self.weights(u);
            self.neighbours(u).iter().enumerate().map(move |(i, &v)| (u, v as usize, weights.map_or(1.0, |w| w[i])))
        })
    }
}

/// One arc.
#[derive(Debug, Clone, Copy)]
struct Arc {
    source: u32,
    target: u32,
    weight: f64,
}

/// The arcs stably sorted by `key`, a node id below `n`.
fn counting_sort(n: usize, arcs: &[Arc], key: impl Fn(&Arc) -> u32) -> Vec<Arc> {
    let mut start = vec![0usize; n + 1];
    for arc in arcs {
        start[key(arc) as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut out = vec![Arc { source: 0, target: 0, weight: 0.0 }; arcs.len()];
    for arc in arcs {
        let slot = &mut start[key(arc) as usize];
        out[*slot] = *arc;
        *slot += 1;
    }
    out
}

/// Every arc, self-loops left out.
fn arcs(graph: &Graph, both_ways: bool, reverse: bool) -> Vec<Arc> {
    let arc = |s: usize, t: usize, weight: f64| Arc { source: s as u32, target: t as u32, weight };
    let mut out = Vec::with_capacity(graph.edge_count() * if both_ways { 2 } else { 1 });
    for edge in graph.edges() {
        let (s, t) = (edge.source(), edge.target());
        if s == t {
            continue;
        }
        if both_ways {
            out.push(arc(s, t, edge.weight));
            out.push(arc(t, s, edge.weight));
        } else if reverse {
            out.push(arc(t, s, edge.weight));
        } else {
            out.push(arc(s, t, edge.weight));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_edges_merge_and_self_loops_drop() {
        let g = Graph::from_edge_list("a b 1\nb a 2\nb c\nc c\n", false).expect("valid list");
        let adj = Adjacency::outgoing(&g);
        assert_eq!(adj.arc_count(), 4);
        assert_eq!(adj.neighbours(1), &[0, 2]);
        assert_eq!(adj.weights(1), Some(&[3.0, 1.0][..]));
        assert_eq!(adj.degree(2), 1);
        assert_eq!(adj.strength(1), 4.0);
    }

    #[test]
    fn directed_graphs_have_two_views() {
        let g = Graph::from_edge_list("a b\nb c\na c\n", true).expect("valid list");
        let out = Adjacency::outgoing(&g);
        let inc = Adjacency::incoming(&g);
        assert!(out.is_unweighted());
        assert_eq!(out.neighbours(0), &[1, 2]);
        assert_eq!(inc.neighbours(2), &[0, 1]);
        assert_eq!(Adjacency::undirected(&g).degree(2), 2);
        assert_eq!(out.arcs().count(), 3);
    }
}
