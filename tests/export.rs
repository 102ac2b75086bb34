//! `ssgr export` end to end, on a store built from the seeds.
//!
//! Networks: every format is read back by a peer (NetworkX, pydot, Python's
//! csv module; `tests/peers/export_readback.py`) and compared with what
//! `ssgr analyze` reports of the same projection: node and edge counts, each
//! node's label, class, degree, PageRank and community, each node's summed
//! edge weight, and the edges and positions across formats. Without the
//! Python peers these checks fail when `CI` is set and are skipped, with a
//! message on stderr, when it is not. The SVG is parsed as XML here.
//!
//! Dataset: N-Quads is byte-identical across runs, in canonical order, and
//! re-parses (oxttl) to as many quads as SPARQL counts in the store; TriG
//! re-parses to the same quads; Turtle to the default graph; JSON-LD to the
//! quads with triple terms as RDF 1.1 reification.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::OnceLock;

use assert_cmd::Command;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::Quad;
use serde_json::Value;

fn ssgr() -> Command {
    let mut cmd = Command::cargo_bin("ssgr").unwrap_or_else(|e| panic!("the ssgr binary: {e}"));
    cmd.current_dir(common::root());
    cmd
}

/// A store of the seeds, built once per test binary with `ssgr build`.
fn store() -> &'static Path {
    static STORE: OnceLock<tempfile::TempDir> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
            ssgr().args(["build", "--input", "seeds", "--store"]).arg(dir.path()).assert().success();
            dir
        })
        .path()
}

/// Runs `ssgr` with `args` on the seeds' store and returns stdout.
fn run(args: &[&str]) -> Vec<u8> {
    let output = ssgr().args(args).arg("--store").arg(store()).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success(), "ssgr {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("not JSON: {e}"))
}

/// What `ssgr analyze` says of one node.
struct Expected {
    label: String,
    class: String,
    degree: u64,
    weighted_degree: f64,
    page_rank: f64,
    community: u64,
}

/// What `ssgr analyze` says of a projection: node and edge counts, nodes.
fn analyze(projection: &str) -> (u64, u64, HashMap<String, Expected>) {
    let table = json(&run(&["analyze", "centrality", "-p", projection, "--format", "json", "--limit", "1000000"]));
    let report = json(&run(&["analyze", "communities", "-p", projection, "--format", "json"]));
    let mut community = HashMap::new();
    for c in report["communities"].as_array().into_iter().flatten() {
        for m in c["members"].as_array().into_iter().flatten() {
            community.insert(m["iri"].as_str().unwrap_or_default().to_owned(), c["id"].as_u64().unwrap_or(u64::MAX));
        }
    }
    let mut nodes = HashMap::new();
    for row in table["rows"].as_array().into_iter().flatten() {
        let iri = row["iri"].as_str().unwrap_or_default().to_owned();
        let label = row["label"].as_str().unwrap_or_default();
        let expected = Expected {
            label: if label.is_empty() { iri.clone() } else { label.to_owned() },
            class: row["class"].as_str().unwrap_or_default().to_owned(),
            degree: row["degree"].as_u64().unwrap_or(u64::MAX),
            weighted_degree: row["weighted_degree"].as_f64().unwrap_or(f64::NAN),
            page_rank: row["page_rank"].as_f64().unwrap_or(f64::NAN),
            community: community.get(&iri).copied().unwrap_or(u64::MAX),
        };
        nodes.insert(iri, expected);
    }
    (table["nodes"].as_u64().unwrap_or(0), table["edges"].as_u64().unwrap_or(0), nodes)
}

/// The peer's reading of a file; `None` when the peer is missing outside CI.
fn read_back(format: &str, paths: &[PathBuf]) -> Option<Value> {
    let script = common::root().join("tests/peers/export_readback.py");
    let output = match Process::new("python3").arg(&script).arg(format).args(paths).output() {
        Ok(output) => output,
        Err(e) => return missing(&format!("python3 cannot be run ({e})")),
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.code() == Some(3) {
        return missing(stderr.trim());
    }
    assert!(output.status.success(), "{format}: {} failed: {stderr}", script.display());
    Some(json(&output.stdout))
}

fn missing(why: &str) -> Option<Value> {
    assert!(
        std::env::var_os("CI").is_none(),
        "the Python peers are required when CI is set: {why}. Install them with `pip install networkx pydot`."
    );
    eprintln!("SKIPPED: the NetworkX read-back did not run: {why}. Install it with `pip install networkx pydot`.");
    None
}

/// An edge as every format must give it back: ends in order, weight,
/// relation.
type EdgeKey = (String, String, String, String);

fn edge_keys(reading: &Value) -> Vec<EdgeKey> {
    let mut keys: Vec<EdgeKey> = reading["edge_list"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let (a, b) = (e[0].as_str().unwrap_or_default(), e[1].as_str().unwrap_or_default());
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            (a.to_owned(), b.to_owned(), format!("{}", e[2].as_f64().unwrap_or(f64::NAN)), e[3].to_string())
        })
        .collect();
    keys.sort();
    keys
}

/// Checks one format's reading against the analysis and the reference
/// (Cytoscape.js JSON read here, not by the peer).
fn check(format: &str, reading: &Value, analysis: &(u64, u64, HashMap<String, Expected>), reference: &Value) {
    let (nodes, edges, expected) = analysis;
    assert_eq!(reading["nodes"].as_u64(), Some(*nodes), "{format}: node count");
    assert_eq!(reading["edges"].as_u64(), Some(*edges), "{format}: edge count");
    let read = reading["node"].as_object().unwrap_or_else(|| panic!("{format}: no nodes"));
    assert_eq!(read.len(), expected.len(), "{format}: distinct nodes");
    let positions: HashMap<&str, &Value> = reference["elements"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| (n["data"]["id"].as_str().unwrap_or_default(), &n["position"]))
        .collect();
    let mut strength: HashMap<&str, f64> = HashMap::new();
    for e in reading["edge_list"].as_array().into_iter().flatten() {
        let (s, t, w) = (e[0].as_str().unwrap_or_default(), e[1].as_str().unwrap_or_default(), e[2].as_f64());
        let w = w.unwrap_or_else(|| panic!("{format}: an edge without weight: {e}"));
        assert!(e[3].as_str().is_some_and(|r| !r.is_empty()), "{format}: an edge without relation: {e}");
        if s != t {
            *strength.entry(s).or_default() += w;
            *strength.entry(t).or_default() += w;
        }
    }
    for (iri, want) in expected {
        let got = read.get(iri).unwrap_or_else(|| panic!("{format}: node {iri} is missing"));
        assert_eq!(got["label"].as_str(), Some(want.label.as_str()), "{format}: label of {iri}");
        assert_eq!(got["class"].as_str(), Some(want.class.as_str()), "{format}: class of {iri}");
        assert_eq!(got["degree"].as_u64(), Some(want.degree), "{format}: degree of {iri}");
        assert_eq!(got["community"].as_u64(), Some(want.community), "{format}: community of {iri}");
        let rank = got["pagerank"].as_f64().unwrap_or(f64::NAN);
        assert!((rank - want.page_rank).abs() <= 1e-12, "{format}: PageRank of {iri}: {rank} vs {}", want.page_rank);
        let summed = strength.get(iri.as_str()).copied().unwrap_or(0.0);
        assert!((summed - want.weighted_degree).abs() <= 1e-9, "{format}: edge weights at {iri}: {summed}");
        let at = positions.get(iri.as_str()).unwrap_or_else(|| panic!("no position for {iri}"));
        for axis in ["x", "y"] {
            let (mine, theirs) = (got[axis].as_f64().unwrap_or(f64::NAN), at[axis].as_f64().unwrap_or(f64::NAN));
            assert!((mine - theirs).abs() <= 0.011, "{format}: {axis} of {iri}: {mine} vs {theirs}");
        }
    }
}

/// `projection` as `ssgr export` names it, `analysed` as `ssgr analyze` does.
fn network_formats_read_back(projection: &str, analysed: &str) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let analysis = analyze(analysed);
    assert!(analysis.0 > 0 && analysis.1 > 0, "the {projection} projection of the seeds is not empty");
    let reference = json(&run(&["export", "-p", projection, "--format", "cytoscape-json"]));
    let mut edges_seen: Option<Vec<EdgeKey>> = None;
    for (format, file) in
        [("gexf", "n.gexf"), ("graphml", "n.graphml"), ("cytoscape-json", "n.json"), ("dot", "n.dot"), ("csv", "n")]
    {
        let output = dir.path().join(file);
        let mut args = vec!["export", "-p", projection, "--format", format, "--output"];
        let path = output.display().to_string();
        args.push(&path);
        run(&args);
        let paths = if format == "csv" {
            vec![dir.path().join("n.nodes.csv"), dir.path().join("n.edges.csv")]
        } else {
            vec![output]
        };
        let Some(reading) = read_back(format, &paths) else { return };
        check(format, &reading, &analysis, &reference);
        let keys = edge_keys(&reading);
        match &edges_seen {
            None => edges_seen = Some(keys),
            Some(first) => assert_eq!(&keys, first, "{format}: the edges differ from GEXF's"),
        }
    }
}

#[test]
fn the_actor_topic_network_reads_back_in_every_format() {
    network_formats_read_back("actor-topic", "actor-topic");
}

#[test]
fn the_entity_graph_reads_back_in_every_format() {
    network_formats_read_back("entity", "entity");
}

#[test]
fn the_actor_network_reads_back_in_every_format() {
    network_formats_read_back("actor", "actor-actor");
}

#[test]
fn the_svg_is_xml_with_one_circle_per_node() {
    let (nodes, edges, _) = analyze("actor-topic");
    let svg = String::from_utf8(run(&["export", "--format", "svg"])).unwrap_or_else(|e| panic!("{e}"));
    let mut reader = quick_xml::Reader::from_str(&svg);
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut root = None;
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("the SVG is not XML at {}: {e}", reader.buffer_position()))
        {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if root.is_none() {
                    let view_box = e.try_get_attribute("viewBox").ok().flatten().is_some();
                    root = Some((name.clone(), view_box));
                }
                *counts.entry(name).or_default() += 1;
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(root, Some(("svg".to_owned(), true)), "an <svg> root with a viewBox");
    assert_eq!(counts.get("circle"), Some(&nodes), "one circle per node");
    assert_eq!(counts.get("line"), Some(&edges), "one line per edge");
    assert!(counts.get("text").is_some_and(|&t| t > 3), "labels and a legend");
    assert!(!svg.contains("href") && !svg.contains("<script"), "no external assets");
}

#[test]
fn csv_to_stdout_is_the_nodes_table_then_the_edges_table() {
    let text = String::from_utf8(run(&["export", "--format", "csv"])).unwrap_or_else(|e| panic!("{e}"));
    let (nodes, edges) = text.split_once("\n\n").unwrap_or_else(|| panic!("two tables:\n{text}"));
    let (node_count, edge_count, _) = analyze("actor-topic");
    assert!(nodes.starts_with("Id,Label,"));
    assert!(edges.starts_with("Source,Target,Type,"));
    assert_eq!(nodes.lines().count() as u64, node_count + 1);
    assert_eq!(edges.lines().count() as u64, edge_count + 1);
}

fn parse(format: RdfFormat, bytes: &[u8]) -> Vec<Quad> {
    let mut quads: Vec<Quad> = RdfParser::from_format(format)
        .for_slice(bytes)
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{format}: {e}"));
    quads.sort_by_cached_key(ToString::to_string);
    quads
}

#[test]
fn the_dataset_exports_are_canonical_and_reparse() {
    let first = run(&["export", "--format", "nquads"]);
    assert_eq!(first, run(&["export", "--format", "nquads"]), "two exports are byte-identical");
    let count = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }";
    let counted = String::from_utf8(run(&["query", "--format", "tsv", count])).unwrap_or_default();
    let in_store: usize = counted.lines().nth(1).and_then(|l| l.trim().parse().ok()).unwrap_or(0);
    let quads: Vec<Quad> = oxttl::NQuadsParser::new()
        .for_slice(&first)
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("the N-Quads export does not parse: {e}"));
    assert!(in_store > 1000);
    assert_eq!(quads.len(), in_store, "every quad of the store is exported once");

    // Canonical order: the default graph first, then each named graph whole,
    // by IRI; lines sorted within a graph.
    let text = String::from_utf8(first.clone()).unwrap_or_else(|e| panic!("{e}"));
    let mut previous: Option<(String, &str)> = None;
    for (quad, line) in quads.iter().zip(text.lines()) {
        let graph = match &quad.graph_name {
            oxigraph::model::GraphName::NamedNode(n) => format!("1{}", n.as_str()),
            other => format!("0{other}"),
        };
        if let Some((g, l)) = &previous {
            assert!(*g < graph || (*g == graph && *l < line), "out of order:\n{l}\n{line}");
        }
        previous = Some((graph, line));
    }

    let sorted = parse(RdfFormat::NQuads, &first);
    assert_eq!(parse(RdfFormat::TriG, &run(&["export", "--format", "trig"])), sorted, "TriG holds the same quads");
    let default_graph = sorted.iter().filter(|q| q.graph_name.is_default_graph()).count();
    assert_eq!(parse(RdfFormat::Turtle, &run(&["export", "--format", "turtle"])).len(), default_graph);
    let reifications = sorted.iter().filter(|q| matches!(q.object, oxigraph::model::Term::Triple(_))).count();
    assert!(reifications > 0, "the seeds have evidence reifiers");
    let json_ld =
        parse(RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() }, &run(&["export", "--format", "jsonld"]));
    assert_eq!(json_ld.len(), sorted.len() + 2 * reifications, "each triple term becomes three reification triples");
    assert!(json_ld.iter().all(|q| !matches!(q.object, oxigraph::model::Term::Triple(_))));
}

#[test]
fn bad_requests_exit_2_with_a_reason() {
    let stderr = |args: &[&str]| {
        let output = ssgr().args(args).arg("--store").arg(store()).output().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(output.status.code(), Some(2), "ssgr {args:?}");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    assert!(stderr(&["export", "--format", "nquads", "-p", "entity"]).contains("network formats only"));
    assert!(stderr(&["export", "--format", "gexf", "--class", "NoSuchClass"]).contains("not a class"));
    assert!(stderr(&["export", "--format", "gexf", "--country", "Atlantis"]).contains("Atlantis"));
    let missing = ["export", "--format", "gexf", "--output", "/nonexistent-dir/x.gexf"];
    assert!(stderr(&missing).contains("/nonexistent-dir/x.gexf"));
}
