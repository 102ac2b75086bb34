//! Published results on Zachary's karate club, checked without any peer:
//! the optimum modularity of the unweighted club (0.4198, proven optimal by
//! Brandes et al., "On modularity clustering", 2008), the betweenness of the
//! instructor (node 0) and the administrator (node 33), and their PageRank
//! (NetworkX's values, iterated to an L1 change of 1e-14).

use ssgr_analytics::Graph;
use ssgr_analytics::algorithms::betweenness::betweenness;
use ssgr_analytics::algorithms::community::{CommunityAlgorithm, CommunityOptions, communities};
use ssgr_analytics::algorithms::pagerank::{PageRankOptions, page_rank};

/// The club without its weights.
fn karate() -> Graph {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/karate.edgelist");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let unweighted: String =
        text.lines().map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" ") + "\n").collect();
    Graph::from_edge_list(&unweighted, false).unwrap_or_else(|e| panic!("{e}"))
}

fn node(graph: &Graph, name: &str) -> usize {
    graph.find(name).unwrap_or_else(|| panic!("no node {name}"))
}

#[test]
fn leiden_and_louvain_reach_the_optimum_modularity() {
    let graph = karate();
    let leiden = communities(&graph, &CommunityOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!((leiden.modularity - 0.419_790).abs() < 1e-5, "Leiden: {}", leiden.modularity);
    assert_eq!(leiden.count, 4);
    let options = CommunityOptions { algorithm: CommunityAlgorithm::Louvain, ..CommunityOptions::default() };
    let louvain = communities(&graph, &options).unwrap_or_else(|e| panic!("{e}"));
    assert!(louvain.modularity > 0.40, "Louvain: {}", louvain.modularity);
}

#[test]
fn the_instructor_and_the_administrator_are_central() {
    let graph = karate();
    let (instructor, administrator) = (node(&graph, "0"), node(&graph, "33"));
    let scores = betweenness(&graph, true);
    assert!((scores[instructor] - 0.437_635_281_385_281_5).abs() < 1e-12);
    assert!((scores[administrator] - 0.304_074_975_949_975_96).abs() < 1e-12);
    let ranks = page_rank(&graph, &PageRankOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!((ranks[administrator] - 0.100_919_182_332_551_6).abs() < 1e-9);
    assert!((ranks[instructor] - 0.096_997_285_388_373_8).abs() < 1e-9);
}
