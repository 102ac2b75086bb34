//! Times the network exports on a generated graph (not a test):
//!
//! ```text
//! cargo run -p ssgr-export --example measure -- [NODES] [EDGES_PER_NODE] [ITERATIONS]
//! ```
//!
//! Generates a preferential-attachment graph (seed 1), computes the scores,
//! communities and layout, then writes every network format to memory and
//! prints each one's seconds and size.

use std::error::Error;
use std::time::Instant;

use ssgr_analytics::generate;
use ssgr_export::layout::{LayoutOptions, layout};
use ssgr_export::{Network, NetworkFormat, NetworkOptions, write_network};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<usize> = std::env::args().skip(1).map(|a| a.parse()).collect::<Result<_, _>>()?;
    let nodes = args.first().copied().unwrap_or(5000);
    let per_node = args.get(1).copied().unwrap_or(3);
    let iterations = args.get(2).copied().unwrap_or(LayoutOptions::default().iterations);
    let graph = generate::preferential_attachment(nodes, per_node, 1);
    let options = NetworkOptions { layout: LayoutOptions { iterations, seed: 0 }, ..NetworkOptions::default() };
    eprintln!("{} nodes, {} edges, {iterations} layout iterations requested", graph.node_count(), graph.edge_count());

    let started = Instant::now();
    let positions = layout(&graph, &options.layout);
    eprintln!("layout alone: {:.2} s ({} points)", started.elapsed().as_secs_f64(), positions.len());

    let started = Instant::now();
    let network = Network::from_graph(&graph, "generated", &options)?;
    eprintln!("scores + communities + layout: {:.2} s", started.elapsed().as_secs_f64());

    for (name, format) in [
        ("gexf", NetworkFormat::Gexf),
        ("graphml", NetworkFormat::GraphMl),
        ("cytoscape-json", NetworkFormat::CytoscapeJson),
        ("dot", NetworkFormat::Dot),
        ("csv", NetworkFormat::Csv),
        ("svg", NetworkFormat::Svg),
    ] {
        let started = Instant::now();
        let mut out = Vec::new();
        write_network(&network, format, &mut out)?;
        eprintln!("{name:<15} {:>8.3} s {:>10.1} KiB", started.elapsed().as_secs_f64(), out.len() as f64 / 1024.0);
    }
    Ok(())
}
