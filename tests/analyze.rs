//! End-to-end tests of `ssgr analyze` on the seeds: competency question 15
//! (how is DCAF connected to Tajikistan) through the command, and each
//! analysis in both output formats.

mod common;

use assert_cmd::Command;
use serde_json::Value;

fn ssgr() -> Command {
    let mut cmd = Command::cargo_bin("ssgr").unwrap_or_else(|e| panic!("the ssgr binary: {e}"));
    cmd.current_dir(common::root());
    cmd
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let output = ssgr().args(args).output().unwrap_or_else(|e| panic!("{e}"));
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (output.status.code(), text(&output.stdout), text(&output.stderr))
}

fn json(args: &[&str]) -> Value {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, Some(0), "{args:?}: {stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {stdout}"))
}

#[test]
fn cq15_dcaf_is_connected_to_tajikistan() {
    let path = json(&["analyze", "path", "DCAF", "Tajikistan", "--format", "json"]);
    assert_eq!(path["connected"], true);
    let steps = path["steps"].as_array().cloned().unwrap_or_default();
    assert!(!steps.is_empty());
    assert_eq!(steps[0]["from"]["iri"], "https://w3id.org/ssgr/id/org/dcaf");
    assert_eq!(steps[steps.len() - 1]["to"]["iri"], "https://w3id.org/ssgr/id/country/TJ");
    for step in &steps {
        assert!(step["relation_name"].as_str().is_some_and(|r| r.contains(':')), "{step}");
        assert!(["forward", "backward"].contains(&step["direction"].as_str().unwrap_or("")), "{step}");
    }
    let (code, text, _) = run(&["analyze", "path", "DCAF", "Tajikistan"]);
    assert_eq!(code, Some(0));
    assert!(text.starts_with("DCAF"), "{text}");
    assert!(text.contains("-->") || text.contains("<--"), "{text}");
    assert!(text.contains(&format!("{} steps", steps.len())), "{text}");
}

#[test]
fn every_analysis_answers_in_both_formats() {
    let table = json(&["analyze", "centrality", "--show", "Actor", "-n", "3", "--format", "json"]);
    assert_eq!(table["rows"][0]["iri"], "https://w3id.org/ssgr/id/org/osce");
    assert_eq!(table["rows"].as_array().map(Vec::len), Some(3));
    let communities = json(&["analyze", "communities", "--algorithm", "louvain", "--format", "json"]);
    assert!(communities["modularity"].as_f64().is_some_and(|q| q > 0.3), "{communities}");
    let hood = json(&["analyze", "neighbours", "OSCE", "--hops", "1", "--format", "json"]);
    assert!(hood["nodes"].as_array().is_some_and(|n| n.len() > 5));
    let similar = json(&["analyze", "similar", "ODIHR", "--format", "json"]);
    assert!(similar["similar"].as_array().is_some_and(|s| !s.is_empty()));
    for args in [
        &["analyze", "centrality", "--projection", "entity", "--sort", "betweenness"][..],
        &["analyze", "communities", "--projection", "actor-actor"],
        &["analyze", "neighbours", "Tajikistan", "--country", "TJ"],
        &["analyze", "similar", "DCAF", "-n", "2"],
    ] {
        let (code, stdout, stderr) = run(args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(!stdout.is_empty());
    }
}

#[test]
fn unknown_entities_are_usage_errors() {
    let (code, _, stderr) = run(&["analyze", "path", "DCAF", "Atlantis"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("Atlantis"), "{stderr}");
}
