//! The store: entailment, determinism, and builds that survive being killed.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ssgr_store::{BuildOptions, Location, build, canonical_nquads, open_store, select};

fn count(query: &str) -> usize {
    select(common::seeds_store(), query).unwrap_or_else(|e| panic!("{e}")).len()
}

const PREFIXES: &str = "PREFIX ssgr: <https://w3id.org/ssgr/ontology#> PREFIX org: <http://www.w3.org/ns/org#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>";

#[test]
fn every_mission_organisation_and_person_is_an_actor() {
    let not_actor = format!(
        "{PREFIXES} SELECT ?x WHERE {{ VALUES ?c {{ ssgr:FieldMission ssgr:OrganisationalUnit ssgr:Organisation ssgr:Person }} ?x a ?c FILTER NOT EXISTS {{ ?x a ssgr:Actor }} }}"
    );
    assert_eq!(count(&not_actor), 0);
    assert!(count(&format!("{PREFIXES} SELECT ?x WHERE {{ ?x a ssgr:Actor }}")) > 20);
    let mission_not_org = format!(
        "{PREFIXES} SELECT ?x WHERE {{ ?x a ssgr:FieldMission FILTER NOT EXISTS {{ ?x a <http://www.w3.org/ns/org#Organization> }} }}"
    );
    assert_eq!(count(&mission_not_org), 0);
}

#[test]
fn inverse_and_symmetric_properties_hold_both_ways() {
    let one_way =
        format!("{PREFIXES} SELECT ?p ?u WHERE {{ ?p org:hasUnit ?u FILTER NOT EXISTS {{ ?u org:unitOf ?p }} }}");
    assert_eq!(count(&one_way), 0);
    let other_way =
        format!("{PREFIXES} SELECT ?p ?u WHERE {{ ?u org:unitOf ?p FILTER NOT EXISTS {{ ?p org:hasUnit ?u }} }}");
    assert_eq!(count(&other_way), 0);
    let asymmetric = format!(
        "{PREFIXES} SELECT ?a ?b WHERE {{ ?a ssgr:cooperatesWith ?b FILTER NOT EXISTS {{ ?b ssgr:cooperatesWith ?a }} }}"
    );
    assert_eq!(count(&asymmetric), 0);
    assert!(
        count(&format!("{PREFIXES} SELECT ?a WHERE {{ ?a ssgr:cooperatesWith ?b }}")) > 0,
        "co-operation was found at all"
    );
}

#[test]
fn the_default_graph_is_a_set_and_every_entity_has_one_label() {
    // A triple stated in several documents is one triple in the default graph.
    let per_pair = format!(
        "{PREFIXES} SELECT ?s (COUNT(*) AS ?n) WHERE {{ ?s a ssgr:Country }} GROUP BY ?s HAVING (COUNT(*) > 1)"
    );
    assert_eq!(count(&per_pair), 0);
    let labels =
        format!("{PREFIXES} SELECT ?s WHERE {{ ?s a ssgr:Actor ; rdfs:label ?l }} GROUP BY ?s HAVING (COUNT(?l) != 1)");
    assert_eq!(count(&labels), 0);
    let named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a <https://w3id.org/ssgr/ontology#Country> } }";
    let rows = select(common::seeds_store(), named).unwrap_or_else(|e| panic!("{e}"));
    let in_graphs: usize =
        rows[0]["n"].to_string().trim_matches('"').split('"').next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let in_default = count(&format!("{PREFIXES} SELECT ?s WHERE {{ ?s a ssgr:Country }}"));
    assert!(
        in_graphs > in_default,
        "countries are stated in several documents ({in_graphs}) but counted once ({in_default})"
    );
}

#[test]
fn two_builds_of_the_same_input_give_the_same_canonical_nquads() {
    let options = BuildOptions::new(vec![common::root().join("seeds")], Location::Memory);
    let first = build(&options, |_| {}).unwrap_or_else(|e| panic!("{e}"));
    let second = build(&options, |_| {}).unwrap_or_else(|e| panic!("{e}"));
    let (a, b) = (canonical_nquads(&first.store), canonical_nquads(&second.store));
    let (a, b) = (a.unwrap_or_else(|e| panic!("{e}")), b.unwrap_or_else(|e| panic!("{e}")));
    assert!(a.len() > 100_000);
    assert!(a == b, "builds differ");
    assert!(!a.contains("_:"), "no blank nodes, so sorted lines are canonical");
}

/// A corpus big enough that a build takes a while: copies of the seeds.
fn big_corpus(dir: &Path, copies: usize) {
    let seeds = std::fs::read_dir(common::root().join("seeds")).unwrap_or_else(|e| panic!("{e}"));
    let texts: Vec<String> =
        seeds.filter_map(Result::ok).filter_map(|e| std::fs::read_to_string(e.path()).ok()).collect();
    for i in 0..copies {
        for (j, text) in texts.iter().enumerate() {
            std::fs::write(dir.join(format!("copy{i:04}_{j}.txt")), text).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

#[test]
fn a_build_killed_midway_leaves_the_previous_store_intact() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store_dir = work.path().join("graph");
    let small = BuildOptions::new(
        vec![common::root().join("tests/data/bad-input/good.txt")],
        Location::Disk(store_dir.clone()),
    );
    let report = build(&small, |_| {}).unwrap_or_else(|e| panic!("{e}"));
    let before = canonical_nquads(&report.store).unwrap_or_else(|e| panic!("{e}"));
    drop(report);

    let corpus = work.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap_or_else(|e| panic!("{e}"));
    big_corpus(&corpus, 40);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("ssgr"))
        .args(["build", "--store"])
        .arg(&store_dir)
        .arg("--input")
        .arg(&corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    // Kill it once the new generation exists, i.e. while it is being written.
    let started = Instant::now();
    while !store_dir.join("gen-2").exists() && started.elapsed() < Duration::from_secs(120) {
        if child.try_wait().ok().flatten().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let finished_first = child.try_wait().ok().flatten().is_some();
    child.kill().ok();
    child.wait().ok();
    assert!(!finished_first, "the big build finished before it could be killed; make the corpus bigger");

    let store = open_store(&store_dir, true).unwrap_or_else(|e| panic!("the previous store must still open: {e}"));
    let after = canonical_nquads(&store).unwrap_or_else(|e| panic!("{e}"));
    assert!(after == before, "the previous graph is intact and unchanged");
    drop(store);

    // And the next build cleans up and succeeds.
    let report = build(&small, |_| {}).unwrap_or_else(|e| panic!("a build after a killed one: {e}"));
    assert_eq!(canonical_nquads(&report.store).unwrap_or_else(|e| panic!("{e}")), before);
}

#[test]
fn an_acronym_defined_in_one_document_names_the_same_body_in_another() {
    let options = BuildOptions::new(vec![common::root().join("tests/data/lexicon")], Location::Memory);
    let report = build(&options, |_| {}).unwrap_or_else(|e| panic!("{e}"));
    let query = "SELECT ?doc WHERE { <https://w3id.org/ssgr/id/org/kosovo-academy-for-public-safety> <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc }";
    let docs = select(&report.store, query).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(docs.len(), 2, "one node, found in both documents: {docs:?}");
}
