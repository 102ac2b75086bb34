//! A deterministic force-directed layout (Fruchterman–Reingold, with a weak
//! pull to the centre so that components do not drift apart).
//!
//! Start positions come from a hash of each node's IRI and the seed, so a
//! node keeps its start point when others are added, and the same graph
//! and seed always give the same positions (one thread, a fixed order of
//! floating-point sums). Up to [`EXACT_LIMIT`] nodes every pair repels
//! (`O(n²)` per iteration); above it only pairs closer than twice the ideal
//! edge length do, found through a grid of cells of that size
//! (Fruchterman and Reingold's own grid variant, about `O(n)` per iteration
//! on a spread-out layout). At most [`MAX_ITERATIONS`] iterations, and at
//! most [`LARGE_ITERATIONS`] above [`LARGE_GRAPH`] nodes.

use std::collections::HashMap;

use ssgr_analytics::Graph;

/// Up to this many nodes every pair of nodes repels.
pub const EXACT_LIMIT: usize = 1000;
/// Iterations never exceed this.
pub const MAX_ITERATIONS: usize = 1000;
/// Above this many nodes, iterations are capped at [`LARGE_ITERATIONS`].
pub const LARGE_GRAPH: usize = 10_000;
/// The iteration cap above [`LARGE_GRAPH`] nodes.
pub const LARGE_ITERATIONS: usize = 100;
/// Positions are scaled so that the farthest node is this far from the
/// centre on one axis (Gephi's usual scale).
pub const EXTENT: f64 = 1000.0;

/// The ideal edge length, in layout units before scaling.
const K: f64 = 1.0;
/// Strength of the pull towards the centre.
const GRAVITY: f64 = 0.3;

/// How to lay a graph out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Iterations to run (300), within the caps above.
    pub iterations: usize,
    /// The seed of the start positions (0).
    pub seed: u64,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self { iterations: 300, seed: 0 }
    }
}

/// A position in the plane.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Horizontal, growing to the right.
    pub x: f64,
    /// Vertical, growing downwards (as in SVG).
    pub y: f64,
}

/// The iterations actually run for `n` nodes.
pub fn iterations_for(n: usize, requested: usize) -> usize {
    let capped = requested.min(MAX_ITERATIONS);
    if n > LARGE_GRAPH { capped.min(LARGE_ITERATIONS) } else { capped }
}

/// Lays the graph out: one point per node, centred on the origin, the
/// largest coordinate ±[`EXTENT`], rounded to hundredths.
pub fn layout(graph: &Graph, options: &LayoutOptions) -> Vec<Point> {
    let n = graph.node_count();
    let side = (n as f64).sqrt().max(1.0) * K * 2.0;
    let mut pos: Vec<Point> = graph
        .nodes()
        .iter()
        .map(|node| {
            let (a, b) = start_point(&node.iri, options.seed);
            Point { x: (a - 0.5) * side, y: (b - 0.5) * side }
        })
        .collect();
    let edges: Vec<(usize, usize, f64)> = graph
        .edges()
        .iter()
        .filter(|e| e.source() != e.target())
        .map(|e| (e.source(), e.target(), e.weight.max(0.0).sqrt().max(1.0)))
        .collect();
    let iterations = iterations_for(n, options.iterations);
    let start_temperature = side / 10.0;
    let mut disp = vec![Point::default(); n];
    for i in 0..iterations {
        disp.fill(Point::default());
        if n <= EXACT_LIMIT {
            repel_all(&pos, &mut disp);
        } else {
            repel_near(&pos, &mut disp);
        }
        attract(&pos, &edges, &mut disp);
        for (d, p) in disp.iter_mut().zip(&pos) {
            d.x -= p.x * GRAVITY;
            d.y -= p.y * GRAVITY;
        }
        // Linear cooling to a hundredth of the start temperature.
        let temperature = start_temperature * (1.0 - i as f64 / iterations as f64).max(0.01);
        for (p, d) in pos.iter_mut().zip(&disp) {
            let length = (d.x * d.x + d.y * d.y).sqrt();
            if length > 0.0 {
                let step = length.min(temperature) / length;
                p.x += d.x * step;
                p.y += d.y * step;
            }
        }
    }
    normalise(&mut pos);
    pos
}

/// Repulsion `k²/d` between every pair.
fn repel_all(pos: &[Point], disp: &mut [Point]) {
    for u in 0..pos.len() {
        for v in u + 1..pos.len() {
            let (fx, fy) = repulsion(pos[u], pos[v], u, v);
            disp[u].x += fx;
            disp[u].y += fy;
            disp[v].x -= fx;
            disp[v].y -= fy;
        }
    }
}

/// Repulsion between pairs closer than `2k`, found through a grid of `2k`
/// cells. Each node sums its own forces, neighbouring cells in a fixed
/// order, so the result does not depend on the hash map's order.
fn repel_near(pos: &[Point], disp: &mut [Point]) {
    let cell_size = 2.0 * K;
    let cell = |p: Point| ((p.x / cell_size).floor() as i64, (p.y / cell_size).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (v, &p) in pos.iter().enumerate() {
        grid.entry(cell(p)).or_default().push(v);
    }
    for (u, &p) in pos.iter().enumerate() {
        let (cx, cy) = cell(p);
        for dx in -1..=1 {
            for dy in -1..=1 {
                let Some(members) = grid.get(&(cx + dx, cy + dy)) else { continue };
                for &v in members {
                    if v == u {
                        continue;
                    }
                    let (ox, oy) = (p.x - pos[v].x, p.y - pos[v].y);
                    if ox * ox + oy * oy < cell_size * cell_size {
                        let (fx, fy) = repulsion(p, pos[v], u, v);
                        disp[u].x += fx;
                        disp[u].y += fy;
                    }
                }
            }
        }
    }
}

/// The force `k²/d` pushing `a` away from `b`, as a vector. Two nodes on
/// the same point are pushed apart along a direction taken from their ids.
fn repulsion(a: Point, b: Point, u: usize, v: usize) -> (f64, f64) {
    let (mut dx, mut dy) = (a.x - b.x, a.y - b.y);
    let mut d2 = dx * dx + dy * dy;
    if d2 < 1e-12 {
        let angle = (u.wrapping_mul(31).wrapping_add(v) % 360) as f64;
        let sign = if u < v { 1.0 } else { -1.0 };
        (dx, dy) = (sign * angle.to_radians().cos() * 1e-3, sign * angle.to_radians().sin() * 1e-3);
        d2 = 1e-6;
    }
    let f = K * K / d2;
    (dx * f, dy * f)
}

/// Attraction `d²/k` along each edge, times the square root of its weight.
fn attract(pos: &[Point], edges: &[(usize, usize, f64)], disp: &mut [Point]) {
    for &(u, v, strength) in edges {
        let (dx, dy) = (pos[u].x - pos[v].x, pos[u].y - pos[v].y);
        let d = (dx * dx + dy * dy).sqrt();
        let f = d / K * strength;
        disp[u].x -= dx * f;
        disp[u].y -= dy * f;
        disp[v].x += dx * f;
        disp[v].y += dy * f;
    }
}

/// Centres the points on their mean and scales the larger half-extent to
/// [`EXTENT`]; rounds to hundredths so every format writes the same value.
fn normalise(pos: &mut [Point]) {
    if pos.is_empty() {
        return;
    }
    let n = pos.len() as f64;
    let (mx, my) = (pos.iter().map(|p| p.x).sum::<f64>() / n, pos.iter().map(|p| p.y).sum::<f64>() / n);
    let reach = pos.iter().map(|p| (p.x - mx).abs().max((p.y - my).abs())).fold(0.0, f64::max);
    let scale = if reach > 0.0 { EXTENT / reach } else { 0.0 };
    for p in pos {
        p.x = ((p.x - mx) * scale * 100.0).round() / 100.0;
        p.y = ((p.y - my) * scale * 100.0).round() / 100.0;
    }
}

/// Two numbers in `[0, 1)` from an IRI and a seed: FNV-1a of the IRI,
/// mixed with the seed by SplitMix64.
fn start_point(iri: &str, seed: u64) -> (f64, f64) {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in iri.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mut state = hash ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let a = splitmix(&mut state);
    let b = splitmix(&mut state);
    let unit = |x: u64| (x >> 11) as f64 / (1u64 << 53) as f64;
    (unit(a), unit(b))
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ssgr_analytics::generate;

    fn distance(a: Point, b: Point) -> f64 {
        ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
    }

    #[test]
    fn the_same_graph_and_seed_give_the_same_positions() {
        let g = generate::preferential_attachment(120, 2, 7);
        let a = layout(&g, &LayoutOptions::default());
        assert_eq!(a, layout(&g, &LayoutOptions::default()));
        assert_ne!(a, layout(&g, &LayoutOptions { seed: 1, ..LayoutOptions::default() }));
        let reach = a.iter().map(|p| p.x.abs().max(p.y.abs())).fold(0.0, f64::max);
        assert!((reach - EXTENT).abs() < 1.0, "scaled to the extent: {reach}");
    }

    #[test]
    fn linked_nodes_end_closer_than_unlinked_ones() {
        // Two dense groups joined by one edge: members of a group should sit
        // nearer each other than members of different groups.
        let g = generate::planted_partition(2, 15, 0.9, 0.0, 3);
        let mut g = g;
        g.add_edge(0, 15, 1.0, "");
        let p = layout(&g, &LayoutOptions::default());
        let mean = |pairs: &mut dyn Iterator<Item = (usize, usize)>| {
            let (sum, count) = pairs.fold((0.0, 0), |(s, c), (u, v)| (s + distance(p[u], p[v]), c + 1));
            sum / f64::from(count)
        };
        let within = mean(&mut (0..15).flat_map(|u| (u + 1..15).map(move |v| (u, v))));
        let across = mean(&mut (0..15).flat_map(|u| (15..30).map(move |v| (u, v))));
        assert!(within * 1.5 < across, "within {within}, across {across}");
    }

    #[test]
    fn the_grid_approximation_spreads_large_graphs_out() {
        let g = generate::random_graph(EXACT_LIMIT + 200, 2400, false, false, 5);
        let p = layout(&g, &LayoutOptions { iterations: 60, seed: 0 });
        assert_eq!(p.len(), g.node_count());
        assert!(p.iter().all(|q| q.x.is_finite() && q.y.is_finite()));
        let mut cells = std::collections::HashSet::new();
        for q in &p {
            cells.insert(((q.x / 50.0).floor() as i64, (q.y / 50.0).floor() as i64));
        }
        assert!(cells.len() > g.node_count() / 4, "nodes are spread: {} cells used", cells.len());
    }

    #[test]
    fn iteration_caps_apply() {
        assert_eq!(iterations_for(10, 5000), MAX_ITERATIONS);
        assert_eq!(iterations_for(LARGE_GRAPH + 1, 300), LARGE_ITERATIONS);
        assert_eq!(iterations_for(50, 300), 300);
    }
}
