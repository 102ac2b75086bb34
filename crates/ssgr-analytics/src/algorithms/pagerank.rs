//! PageRank by sparse power iteration over compressed rows, in parallel.
//!
//! The iteration is NetworkX's: `x ← d·(x·A + Σ dangling x / n) + (1 − d)/n`
//! with `A` the row-normalised weighted adjacency, starting from the uniform
//! vector, until the L1 change falls below the tolerance. petgraph's
//! `page_rank` is not used: it visits every node pair in each iteration
//! (quadratic) and leaves out the teleport term on linked pairs.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::adjacency::Adjacency;
use crate::error::AnalyticsError;
use crate::graph::Graph;

/// Nodes per parallel task. Fixed (not derived from the thread count) so
/// that sums are added in the same order on every machine.
pub(crate) const CHUNK: usize = 2048;

/// How PageRank is computed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PageRankOptions {
    /// The probability of following a link rather than jumping (0.85).
    pub damping: f64,
    /// Stop when the L1 norm of the change between two iterations is below
    /// this (1e-10; NetworkX's default is `1e-6 × n`).
    pub tolerance: f64,
    /// Give up after this many iterations (1000).
    pub max_iterations: usize,
}

impl Default for PageRankOptions {
    fn default() -> Self {
        Self { damping: 0.85, tolerance: 1e-10, max_iterations: 1000 }
    }
}

/// The PageRank of every node: weighted, with dangling nodes' rank spread
/// uniformly; an undirected edge counts as a link each way. Sums to 1.
/// Self-loops are left out, as in [`Adjacency`].
pub fn page_rank(graph: &Graph, options: &PageRankOptions) -> Result<Vec<f64>, AnalyticsError> {
    let rows = IncomingRows::of(graph);
    iterate(&rows.view(), &rows.strength, options)
}

/// PageRank over incoming arcs, given each node's outgoing weight.
pub fn page_rank_adjacency(
    incoming: &Adjacency,
    out_strength: &[f64],
    options: &PageRankOptions,
) -> Result<Vec<f64>, AnalyticsError> {
    let (offsets, sources, weights) = incoming.parts();
    iterate(&Rows { offsets, sources, weights }, out_strength, options)
}

/// Incoming arcs by node, borrowed.
struct Rows<'a> {
    offsets: &'a [usize],
    sources: &'a [u32],
    weights: Option<&'a [f64]>,
}

/// Incoming arcs by node, unmerged (PageRank sums over parallel arcs
/// anyway), built by one counting sort; and each node's outgoing weight.
struct IncomingRows {
    offsets: Vec<usize>,
    sources: Vec<u32>,
    weights: Option<Vec<f64>>,
    strength: Vec<f64>,
}

impl IncomingRows {
    fn of(graph: &Graph) -> Self {
        let n = graph.node_count();
        let both = !graph.is_directed();
        let edges = || graph.edges().iter().filter(|e| e.source() != e.target());
        let mut offsets = vec![0usize; n + 1];
        let mut strength = vec![0.0; n];
        for e in edges() {
            offsets[e.target() + 1] += 1;
            strength[e.source()] += e.weight;
            if both {
                offsets[e.source() + 1] += 1;
                strength[e.target()] += e.weight;
            }
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let arcs = offsets[n];
        let weighted = edges().any(|e| e.weight != 1.0);
        let mut next = offsets.clone();
        let mut sources = vec![0u32; arcs];
        let mut weights = if weighted { vec![0.0; arcs] } else { Vec::new() };
        let mut put = |from: usize, to: usize, weight: f64| {
            let slot = next[to];
            next[to] += 1;
            sources[slot] = from as u32;
            if weighted {
                weights[slot] = weight;
            }
        };
        for e in edges() {
            put(e.source(), e.target(), e.weight);
            if both {
                put(e.target(), e.source(), e.weight);
            }
        }
        Self { offsets, sources, weights: weighted.then_some(weights), strength }
    }

    fn view(&self) -> Rows<'_> {
        Rows { offsets: &self.offsets, sources: &self.sources, weights: self.weights.as_deref() }
    }
}

/// The power iteration.
fn iterate(incoming: &Rows<'_>, out_strength: &[f64], options: &PageRankOptions) -> Result<Vec<f64>, AnalyticsError> {
    let n = incoming.offsets.len() - 1;
    let d = options.damping;
    if !(0.0..=1.0).contains(&d) {
        return Err(AnalyticsError::InvalidParameter(format!("damping {d} is not between 0 and 1")));
    }
    if n == 0 {
        return Ok(Vec::new());
    }
    let inverse: Vec<f64> = out_strength.iter().map(|&s| if s > 0.0 { 1.0 / s } else { 0.0 }).collect();
    let start = 1.0 / n as f64;
    let mut x = vec![start; n];
    let mut y: Vec<f64> = inverse.iter().map(|i| start * i).collect();
    let mut dangling: f64 = inverse.iter().filter(|&&i| i == 0.0).count() as f64 * start;
    let mut x_next = vec![0.0; n];
    let mut y_next = vec![0.0; n];
    for _ in 0..options.max_iterations {
        let base = (1.0 - d) / n as f64 + d * dangling / n as f64;
        let (current, spread) = (&x, &y);
        let partials: Vec<(f64, f64)> = x_next
            .par_chunks_mut(CHUNK)
            .zip(y_next.par_chunks_mut(CHUNK))
            .enumerate()
            .map(|(chunk, (xs, ys))| {
                let mut change = 0.0;
                let mut dangling = 0.0;
                for (i, (xv, yv)) in xs.iter_mut().zip(ys.iter_mut()).enumerate() {
                    let v = chunk * CHUNK + i;
                    let (from, to) = (incoming.offsets[v], incoming.offsets[v + 1]);
                    let sources = &incoming.sources[from..to];
                    let inflow: f64 = match incoming.weights {
                        None => sources.iter().map(|&u| spread[u as usize]).sum(),
                        Some(w) => sources.iter().zip(&w[from..to]).map(|(&u, w)| spread[u as usize] * w).sum(),
                    };
                    let value = base + d * inflow;
                    change += (value - current[v]).abs();
                    *xv = value;
                    *yv = value * inverse[v];
                    if inverse[v] == 0.0 {
                        dangling += value;
                    }
                }
                (change, dangling)
            })
            .collect();
        let change: f64 = partials.iter().map(|p| p.0).sum();
        dangling = partials.iter().map(|p| p.1).sum();
        std::mem::swap(&mut x, &mut x_next);
        std::mem::swap(&mut y, &mut y_next);
        if change < options.tolerance {
            return Ok(x);
        }
    }
    Err(AnalyticsError::NotConverged { algorithm: "PageRank", iterations: options.max_iterations })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranks(edges: &str, directed: bool) -> Vec<f64> {
        let g = Graph::from_edge_list(edges, directed).expect("valid list");
        page_rank(&g, &PageRankOptions::default()).expect("converges")
    }

    #[test]
    fn a_cycle_ranks_every_node_alike() {
        for r in ranks("a b\nb c\nc d\nd a\n", true) {
            assert!((r - 0.25).abs() < 1e-12);
        }
    }

    #[test]
    fn a_star_matches_the_closed_form() {
        // Undirected star, centre c and k leaves: the leaves' rank l solves
        // l = (1-d)/n + d·c/k and c = (1-d)/n + d·k·l.
        let r = ranks("c l1\nc l2\nc l3\n", false);
        let (n, k, d) = (4.0, 3.0, 0.85);
        let leaf = ((1.0 - d) / n + d * (1.0 - d) / (n * k)) / (1.0 - d * d);
        assert!((r[1] - leaf).abs() < 1e-10, "{r:?}");
        assert!((r[0] - (1.0 - 3.0 * leaf)).abs() < 1e-10);
    }

    #[test]
    fn dangling_rank_is_spread_and_the_total_is_one() {
        let r = ranks("a b\na c\nb c\n", true);
        assert!((r.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(r[2] > r[1] && r[1] > r[0]);
    }

    #[test]
    fn weights_pull_rank_and_bad_damping_is_refused() {
        let r = ranks("a b 10\na c 1\n", true);
        assert!(r[1] > r[2]);
        let g = Graph::from_edge_list("a b\n", false).expect("valid list");
        let bad = PageRankOptions { damping: 1.5, ..PageRankOptions::default() };
        assert!(page_rank(&g, &bad).is_err());
        let short = PageRankOptions { max_iterations: 1, tolerance: 0.0, ..PageRankOptions::default() };
        assert!(matches!(page_rank(&g, &short), Err(AnalyticsError::NotConverged { .. })));
    }
}
