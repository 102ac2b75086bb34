//! The scores compared with NetworkX, a real peer, on seeded generated
//! graphs and on Zachary's karate club: PageRank, betweenness (exact and
//! sampled from the same sources), closeness, eigenvector and degree within
//! 1e-6, the modularity of one partition within 1e-9, and the modularity of
//! our Louvain and Leiden within 0.02 of NetworkX's Louvain.
//!
//! NetworkX is run by `tests/peers/networkx_scores.py`. Without it the tests
//! fail when the `CI` variable is set and are skipped, with a message on
//! stderr, when it is not.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;
use ssgr_analytics::algorithms::betweenness::{betweenness, betweenness_from_sources, sample_sources};
use ssgr_analytics::algorithms::centrality::{closeness, degree, eigenvector};
use ssgr_analytics::algorithms::community::{CommunityAlgorithm, CommunityOptions, communities, modularity};
use ssgr_analytics::algorithms::pagerank::{PageRankOptions, page_rank};
use ssgr_analytics::{Graph, generate};

const SCORE_TOLERANCE: f64 = 1e-6;
const MODULARITY_TOLERANCE: f64 = 0.02;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the NetworkX script; `None` when NetworkX is missing outside CI.
fn networkx(args: &[String]) -> Option<Value> {
    let script = manifest_dir().join("tests/peers/networkx_scores.py");
    let output = match Command::new("python3").arg(&script).args(args).output() {
        Ok(output) => output,
        Err(e) => return missing(&format!("python3 cannot be run ({e})")),
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.code() == Some(3) {
        return missing(stderr.trim());
    }
    assert!(output.status.success(), "{} failed: {stderr}", script.display());
    Some(serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("the script's output is not JSON: {e}")))
}

fn missing(why: &str) -> Option<Value> {
    assert!(
        std::env::var_os("CI").is_none(),
        "NetworkX is required when CI is set: {why}. Install it with `pip install networkx scipy`."
    );
    eprintln!("SKIPPED: the NetworkX comparison did not run: {why}. Install it with `pip install networkx scipy`.");
    None
}

/// Scores by node name from the script's output.
fn scores(value: &Value, key: &str) -> HashMap<String, f64> {
    let object = value[key].as_object().unwrap_or_else(|| panic!("no {key} in NetworkX's output"));
    object.iter().map(|(k, v)| (k.clone(), v.as_f64().unwrap_or(f64::NAN))).collect()
}

fn assert_close(graph: &Graph, what: &str, ours: &[f64], theirs: &HashMap<String, f64>, tolerance: f64) {
    assert_eq!(ours.len(), theirs.len(), "{what}: node counts differ");
    let mut worst = 0.0f64;
    for (node, &mine) in graph.nodes().iter().zip(ours) {
        let peer = theirs.get(&node.iri).unwrap_or_else(|| panic!("{what}: NetworkX has no node {}", node.iri));
        worst = worst.max((mine - peer).abs());
        assert!((mine - peer).abs() <= tolerance, "{what} of {}: ours {mine}, NetworkX {peer}", node.iri);
    }
    eprintln!("{what}: largest difference {worst:e}");
}

/// Compares every score of `graph` with NetworkX's; `nodes` is the count
/// for generated graphs (nodes named 0..n-1, some perhaps without edges).
fn compare(name: &str, graph: &Graph, peer_args: &[String]) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let write = |file: &str, text: String| -> String {
        let path = dir.path().join(file);
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
        path.display().to_string()
    };
    let sources = sample_sources(graph.node_count(), graph.node_count() / 4, 42);
    let partition = communities(graph, &CommunityOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut args = peer_args.to_vec();
    args.push("--sources".into());
    args.push(write("sources.txt", sources.iter().map(|&s| format!("{}\n", graph.node(s).iri)).collect()));
    if !graph.is_directed() {
        let lines = partition.membership.iter().enumerate().map(|(v, c)| format!("{} {c}\n", graph.node(v).iri));
        args.push("--partition".into());
        args.push(write("partition.txt", lines.collect()));
    }
    if !args.iter().any(|a| a == "--karate") {
        args.push("--edges".into());
        args.push(write("edges.txt", graph.to_edge_list()));
        args.push("--nodes".into());
        args.push(graph.node_count().to_string());
        if graph.is_directed() {
            args.push("--directed".into());
        }
    }
    let Some(peer) = networkx(&args) else { return };

    let pagerank = page_rank(graph, &PageRankOptions { tolerance: 1e-13, ..PageRankOptions::default() })
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_close(graph, &format!("{name} PageRank"), &pagerank, &scores(&peer, "pagerank"), SCORE_TOLERANCE);
    let exact = betweenness(graph, true);
    assert_close(graph, &format!("{name} betweenness"), &exact, &scores(&peer, "betweenness"), SCORE_TOLERANCE);
    let sampled = betweenness_from_sources(graph, &sources, true);
    let theirs = scores(&peer, "sampled_betweenness");
    assert_close(graph, &format!("{name} sampled betweenness"), &sampled, &theirs, SCORE_TOLERANCE);
    let close = closeness(graph);
    assert_close(graph, &format!("{name} closeness"), &close, &scores(&peer, "closeness"), SCORE_TOLERANCE);
    let degrees: Vec<f64> = degree(graph).into_iter().map(|d| d as f64).collect();
    if !graph.is_directed() {
        assert_close(graph, &format!("{name} degree"), &degrees, &scores(&peer, "degree"), 0.0);
        let eigen = eigenvector(graph, 10_000, 1e-12).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_close(graph, &format!("{name} eigenvector"), &eigen, &scores(&peer, "eigenvector"), SCORE_TOLERANCE);
        compare_modularity(name, graph, &partition.membership, &peer);
    }
}

fn compare_modularity(name: &str, graph: &Graph, membership: &[usize], peer: &Value) {
    let theirs = peer["modularity_of_partition"].as_f64().unwrap_or(f64::NAN);
    let ours = modularity(graph, membership, 1.0);
    assert!((ours - theirs).abs() < 1e-9, "{name}: modularity of one partition: ours {ours}, NetworkX {theirs}");
    let louvain = peer["louvain_modularity"].as_f64().unwrap_or(f64::NAN);
    for algorithm in [CommunityAlgorithm::Louvain, CommunityAlgorithm::Leiden] {
        let options = CommunityOptions { algorithm, ..CommunityOptions::default() };
        let found = communities(graph, &options).unwrap_or_else(|e| panic!("{name}: {e}")).modularity;
        eprintln!("{name}: {} modularity {found:.4}, NetworkX Louvain {louvain:.4}", algorithm.name());
        assert!(
            (found - louvain).abs() <= MODULARITY_TOLERANCE || found > louvain,
            "{name}: {} modularity {found} is not within {MODULARITY_TOLERANCE} of NetworkX's {louvain}",
            algorithm.name()
        );
    }
}

#[test]
fn preferential_attachment_graph() {
    compare("preferential attachment", &generate::preferential_attachment(300, 3, 1), &[]);
}

#[test]
fn weighted_random_graph_in_pieces() {
    compare("weighted G(n, m)", &generate::random_graph(200, 260, false, true, 2), &[]);
}

#[test]
fn directed_weighted_random_graph_with_dangling_nodes() {
    compare("directed G(n, m)", &generate::random_graph(150, 450, true, true, 3), &[]);
}

#[test]
fn planted_partition_graph() {
    compare("planted partition", &generate::planted_partition(4, 25, 0.3, 0.02, 4), &[]);
}

#[test]
fn zacharys_karate_club() {
    let path = manifest_dir().join("tests/data/karate.edgelist");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let graph = Graph::from_edge_list(&text, false).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((graph.node_count(), graph.edge_count()), (34, 78));
    compare("karate club", &graph, &["--karate".into()]);
    if let Some(peer) = networkx(&["--karate".into()]) {
        let edges = peer["edges"].as_array().map_or(0, Vec::len);
        assert_eq!(edges, graph.edge_count(), "the committed edge list differs from NetworkX's karate club");
        for edge in peer["edges"].as_array().into_iter().flatten() {
            let (u, v) = (edge[0].as_str().unwrap_or(""), edge[1].as_str().unwrap_or(""));
            let (u, v) = (graph.find(u), graph.find(v));
            let joined = graph.edges().iter().any(|e| {
                (Some(e.source()), Some(e.target())) == (u, v) || (Some(e.target()), Some(e.source())) == (u, v)
            });
            assert!(joined, "karate.edgelist lacks NetworkX's edge {edge}");
        }
    }
}
