//! The benchmark's Rust side (not a test): `bench/compare.py` runs it next
//! to NetworkX and python-igraph on one generated edge list.
//!
//! ```text
//! bench generate --nodes 100000 --per-node 10 --seed 1 --out graph.txt
//! bench run --edges graph.txt --algorithm pagerank|betweenness|louvain|leiden|components [--k 256] [--seed 1]
//! ```
//!
//! `run` loads the edge list, times one algorithm and prints one JSON line:
//! tool, algorithm, seconds (wall and CPU), load seconds, a check value,
//! peak RSS (VmHWM).

use std::io::Write;
use std::time::Instant;

use anyhow::{Context, bail};
use ssgr_analytics::algorithms::betweenness::betweenness_sampled;
use ssgr_analytics::algorithms::community::{CommunityAlgorithm, CommunityOptions, communities};
use ssgr_analytics::algorithms::components::connected_components;
use ssgr_analytics::algorithms::pagerank::{PageRankOptions, page_rank};
use ssgr_analytics::{Graph, generate};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let option =
        |name: &str| -> Option<String> { args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned() };
    let number = |name: &str, default: u64| -> anyhow::Result<u64> {
        option(name).map_or(Ok(default), |v| v.parse().with_context(|| format!("{name} {v}")))
    };
    let mut out = std::io::stdout().lock();
    match args.first().map(String::as_str) {
        Some("generate") => {
            let graph = generate::preferential_attachment(
                usize::try_from(number("--nodes", 100_000)?)?,
                usize::try_from(number("--per-node", 10)?)?,
                number("--seed", 1)?,
            );
            let path = option("--out").context("--out FILE")?;
            std::fs::write(&path, graph.to_edge_list()).with_context(|| path.clone())?;
            writeln!(out, "{} nodes, {} edges -> {path}", graph.node_count(), graph.edge_count())?;
        }
        Some("run") => {
            let path = option("--edges").context("--edges FILE")?;
            let algorithm = option("--algorithm").context("--algorithm NAME")?;
            let started = Instant::now();
            let text = std::fs::read_to_string(&path).with_context(|| path.clone())?;
            let graph = Graph::from_edge_list(&text, false)?;
            drop(text);
            let load = started.elapsed().as_secs_f64();
            let started = Instant::now();
            let cpu = cpu_seconds();
            let check = run(&graph, &algorithm, usize::try_from(number("--k", 256)?)?, number("--seed", 1)?)?;
            let seconds = started.elapsed().as_secs_f64();
            let cpu = cpu_seconds().zip(cpu).map(|(after, before)| after - before);
            let line = serde_json::json!({
                "tool": "ssgr",
                "algorithm": algorithm,
                "threads": rayon::current_num_threads(),
                "seconds": seconds,
                "cpu_seconds": cpu,
                "load_seconds": load,
                "check": check,
                "vmhwm_kb": peak_rss_kb(),
            });
            writeln!(out, "{line}")?;
        }
        _ => bail!(
            "usage: bench generate --out FILE [--nodes N --per-node M --seed S] | bench run --edges FILE --algorithm NAME [--k K --seed S]"
        ),
    }
    Ok(())
}

/// Runs one algorithm; returns a number to compare across tools.
fn run(graph: &Graph, algorithm: &str, k: usize, seed: u64) -> anyhow::Result<f64> {
    Ok(match algorithm {
        "pagerank" => {
            let ranks = page_rank(graph, &PageRankOptions::default())?;
            ranks.iter().copied().fold(0.0, f64::max)
        }
        "betweenness" => {
            let scores = betweenness_sampled(graph, k, seed, true)?;
            scores.iter().copied().fold(0.0, f64::max)
        }
        "louvain" | "leiden" => {
            let algorithm =
                if algorithm == "louvain" { CommunityAlgorithm::Louvain } else { CommunityAlgorithm::Leiden };
            communities(graph, &CommunityOptions { algorithm, resolution: 1.0, seed })?.modularity
        }
        "components" => connected_components(graph).len() as f64,
        other => bail!("unknown algorithm {other}"),
    })
}

/// The CPU time of the process so far (user + system, every thread), from
/// /proc in clock ticks of 10 ms.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    // After the command name: state is field 0, utime 11, stime 12.
    Some((ticks(11)? + ticks(12)?) / 100.0)
}

/// The process's peak resident set (VmHWM), in kB, where /proc has it.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
