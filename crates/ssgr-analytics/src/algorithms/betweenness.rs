//! Betweenness centrality: exact through rustworkx-core, and estimated from
//! a seeded sample of sources (Brandes' accumulation from each source, in
//! parallel) for graphs too large for the exact count.
//!
//! Both count unweighted shortest paths and leave out the endpoints, as
//! NetworkX's `betweenness_centrality` does by default; the sample's scaling
//! is NetworkX's (3.5 and later): with `k` sampled sources a source's own
//! score is scaled by `1/(k−1)` and the others' by `1/k`.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::adjacency::Adjacency;
use crate::algorithms::petgraph_view;
use crate::error::AnalyticsError;
use crate::graph::{Graph, NodeId};

/// Sources per parallel task, and tasks per wave of partial sums: fixed, so
/// that sums are added in one order on every machine.
const SOURCES_PER_TASK: usize = 8;
const TASKS_PER_WAVE: usize = 32;

/// Below this many nodes rustworkx-core runs on one thread, which keeps the
/// order of its sums, and so the last bits of the scores, reproducible.
const PARALLEL_THRESHOLD: usize = 5000;

/// Exact betweenness of every node (rustworkx-core): `O(n·m)`.
pub fn betweenness(graph: &Graph, normalized: bool) -> Vec<f64> {
    let scores = petgraph_view!(graph, |g| rustworkx_core::centrality::betweenness_centrality(
        &g,
        false,
        normalized,
        PARALLEL_THRESHOLD
    ));
    scores.into_iter().map(|s| s.unwrap_or(0.0)).collect()
}

/// `k` distinct nodes of `0..n`, drawn with a seeded ChaCha8 generator and
/// sorted: the same seed gives the same sample on every machine.
pub fn sample_sources(n: usize, k: usize, seed: u64) -> Vec<NodeId> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut sample = rand::seq::index::sample(&mut rng, n, k.min(n)).into_vec();
    sample.sort_unstable();
    sample
}

/// Betweenness estimated from `k` sources drawn with `seed`; exact when
/// `k` is at least the number of nodes. `k` must be at least 2.
pub fn betweenness_sampled(graph: &Graph, k: usize, seed: u64, normalized: bool) -> Result<Vec<f64>, AnalyticsError> {
    if k < 2 {
        return Err(AnalyticsError::InvalidParameter(format!("betweenness needs at least 2 sources, not {k}")));
    }
    let sources = sample_sources(graph.node_count(), k, seed);
    Ok(betweenness_from_sources(graph, &sources, normalized))
}

/// Betweenness accumulated from the given sources (distinct node ids),
/// scaled as NetworkX scales a sample of that size; exact when every node is
/// a source.
pub fn betweenness_from_sources(graph: &Graph, sources: &[NodeId], normalized: bool) -> Vec<f64> {
    let n = graph.node_count();
    let outgoing = Adjacency::outgoing(graph);
    let incoming = if graph.is_directed() { Some(Adjacency::incoming(graph)) } else { None };
    let incoming = incoming.as_ref().unwrap_or(&outgoing);
    let mut total = vec![0.0; n];
    for wave in sources.chunks(SOURCES_PER_TASK * TASKS_PER_WAVE) {
        let partials: Vec<Vec<f64>> = wave
            .par_chunks(SOURCES_PER_TASK)
            .map(|task| {
                let mut scratch = Scratch::new(n);
                let mut partial = vec![0.0; n];
                for &s in task {
                    scratch.accumulate(&outgoing, incoming, s, &mut partial);
                }
                partial
            })
            .collect();
        for partial in partials {
            total.iter_mut().zip(partial).for_each(|(t, p)| *t += p);
        }
    }
    rescale(&mut total, sources, normalized, graph.is_directed());
    total
}

/// What the search from one source knows of a node: kept together so that
/// a visit touches one cache line.
#[derive(Clone, Copy)]
struct Visit {
    /// Shortest paths from the source.
    sigma: f64,
    /// Dependency of the source on the node.
    delta: f64,
    /// Distance from the source; -1 when not reached.
    distance: i32,
}

const UNSEEN: Visit = Visit { sigma: 0.0, delta: 0.0, distance: -1 };

/// Per-source working arrays, reset after each source for the nodes it
/// reached only.
struct Scratch {
    visits: Vec<Visit>,
    order: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Self { visits: vec![UNSEEN; n], order: Vec::with_capacity(n) }
    }

    /// Breadth-first search from `s` counting shortest paths, then the
    /// dependencies accumulated back from the farthest nodes.
    fn accumulate(&mut self, outgoing: &Adjacency, incoming: &Adjacency, s: NodeId, into: &mut [f64]) {
        let visits = &mut self.visits;
        self.order.clear();
        visits[s] = Visit { sigma: 1.0, delta: 0.0, distance: 0 };
        self.order.push(s as u32);
        let mut head = 0;
        while head < self.order.len() {
            let w = self.order[head] as usize;
            head += 1;
            let Visit { sigma, distance, .. } = visits[w];
            let next = distance + 1;
            for &u in outgoing.neighbours(w) {
                let visit = &mut visits[u as usize];
                if visit.distance < 0 {
                    visit.distance = next;
                    self.order.push(u);
                }
                if visit.distance == next {
                    visit.sigma += sigma;
                }
            }
        }
        for &w in self.order.iter().rev() {
            let w = w as usize;
            let Visit { sigma, delta, distance } = visits[w];
            let previous = distance - 1;
            let share = (1.0 + delta) / sigma;
            for &v in incoming.neighbours(w) {
                let visit = &mut visits[v as usize];
                if visit.distance == previous {
                    visit.delta += visit.sigma * share;
                }
            }
            if w != s {
                into[w] += delta;
            }
        }
        for &w in &self.order {
            visits[w as usize] = UNSEEN;
        }
    }
}

/// NetworkX's `_rescale` with endpoints excluded.
fn rescale(scores: &mut [f64], sources: &[NodeId], normalized: bool, directed: bool) {
    let n = scores.len();
    if n < 3 {
        return;
    }
    let pairs = (n - 1) as f64; // valid targets of a path through v
    let k = sources.len();
    let correction = if directed { 1.0 } else { 2.0 };
    if k >= n {
        let scale = if normalized { 1.0 / (pairs * (pairs - 1.0)) } else { 1.0 / correction };
        scores.iter_mut().for_each(|s| *s *= scale);
        return;
    }
    let k = k as f64;
    let (source_scale, other_scale) = if normalized {
        (1.0 / ((k - 1.0) * (pairs - 1.0)), 1.0 / (k * (pairs - 1.0)))
    } else {
        (pairs / ((k - 1.0) * correction), pairs / (k * correction))
    };
    scores.iter_mut().for_each(|s| *s *= other_scale);
    for &s in sources {
        scores[s] *= source_scale / other_scale;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATH: &str = "a b\nb c\nc d\nd e\n";

    #[test]
    fn a_path_has_known_scores() {
        let g = Graph::from_edge_list(PATH, false).expect("valid list");
        let raw = betweenness(&g, false);
        assert_eq!(raw, vec![0.0, 3.0, 4.0, 3.0, 0.0]);
        let all: Vec<NodeId> = (0..5).collect();
        assert_eq!(betweenness_from_sources(&g, &all, false), raw);
        let normalized = betweenness_from_sources(&g, &all, true);
        assert!((normalized[2] - 4.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn the_sampled_count_with_every_source_is_rustworkx_exact_count() {
        let g = Graph::from_edge_list("0 1\n0 2\n1 2\n2 3\n3 4\n3 5\n4 5\n5 6\n1 6\n6 7\n", true).expect("valid list");
        let exact = betweenness(&g, true);
        let mine = betweenness_sampled(&g, 100, 1, true).expect("k >= 2");
        for (a, b) in exact.iter().zip(&mine) {
            assert!((a - b).abs() < 1e-12, "{exact:?} vs {mine:?}");
        }
    }

    #[test]
    fn samples_are_seeded() {
        assert_eq!(sample_sources(1000, 10, 7), sample_sources(1000, 10, 7));
        assert_ne!(sample_sources(1000, 10, 7), sample_sources(1000, 10, 8));
        assert_eq!(sample_sources(5, 10, 7), vec![0, 1, 2, 3, 4]);
        let g = Graph::from_edge_list(PATH, false).expect("valid list");
        assert!(betweenness_sampled(&g, 1, 0, true).is_err());
    }
}
