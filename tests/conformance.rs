//! The extractor's conformance suite: each case of
//! `tests/conformance/manifest.tsv` is a small document written for the
//! tests, the triples it must yield, and labels no entity may have.

mod common;

use std::collections::HashSet;

use oxigraph::model::{NamedOrBlankNode, Term, Triple};
use ssgr_extract::{Extractor, ReadOptions, read_document};

struct Case {
    name: String,
    input: String,
    expected: String,
    forbidden: Vec<String>,
}

fn cases() -> Vec<Case> {
    let manifest = std::fs::read_to_string(common::root().join("tests/conformance/manifest.tsv"))
        .unwrap_or_else(|e| panic!("{e}"));
    manifest
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let col = |i: usize| cols.get(i).copied().unwrap_or("").to_owned();
            Case {
                name: col(0),
                input: col(1),
                expected: col(2),
                forbidden: col(3).split('|').filter(|s| !s.is_empty()).map(str::to_lowercase).collect(),
            }
        })
        .collect()
}

fn check(case: &Case, extractor: &Extractor) -> Vec<String> {
    let dir = common::root().join("tests/conformance");
    let doc =
        read_document(&dir.join(&case.input), &ReadOptions::default()).unwrap_or_else(|e| panic!("{}: {e}", case.name));
    let extraction = extractor.extract(&doc);
    let got: HashSet<Triple> = extraction.triples.iter().cloned().collect();
    let expected_text = std::fs::read_to_string(dir.join(&case.expected)).unwrap_or_else(|e| panic!("{e}"));
    let expected: Vec<Triple> = oxttl::TurtleParser::new()
        .for_slice(expected_text.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{}: {e}", case.expected));
    let mut problems: Vec<String> =
        expected.iter().filter(|t| !got.contains(*t)).map(|t| format!("missing: {t}")).collect();
    let entities: HashSet<&NamedOrBlankNode> = got
        .iter()
        .filter(|t| t.predicate.as_str().ends_with("#type"))
        .filter(|t| !matches!(&t.object, Term::NamedNode(n) if n.as_str().ends_with("#SourceDocument") || n.as_str().ends_with("#Evidence")))
        .map(|t| &t.subject)
        .collect();
    for t in &got {
        let is_name = t.predicate.as_str().ends_with("#label") || t.predicate.as_str().ends_with("#altLabel");
        if let (true, true, Term::Literal(l)) = (is_name, entities.contains(&t.subject), &t.object) {
            if case.forbidden.contains(&l.value().to_lowercase()) {
                problems.push(format!("furniture became an entity: {t}"));
            }
        }
    }
    problems
}

#[test]
fn every_conformance_case_yields_its_triples_and_no_furniture() {
    let extractor = Extractor::new().unwrap_or_else(|e| panic!("{e}"));
    let cases = cases();
    assert!(cases.len() >= 7);
    let failures: Vec<String> =
        cases.iter().flat_map(|c| check(c, &extractor).into_iter().map(move |p| format!("{}: {p}", c.name))).collect();
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_rule_of_the_extractor_has_a_conformance_case() {
    let readme =
        std::fs::read_to_string(common::root().join("crates/ssgr-extract/README.md")).unwrap_or_else(|e| panic!("{e}"));
    let manifest = std::fs::read_to_string(common::root().join("tests/conformance/manifest.tsv"))
        .unwrap_or_else(|e| panic!("{e}"));
    let covered: HashSet<&str> = manifest
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').nth(4))
        .flat_map(|r| r.split('|'))
        .collect();
    let rules: Vec<&str> = readme
        .lines()
        .filter(|l| l.starts_with("| `"))
        .flat_map(|l| l.split('|').nth(1).unwrap_or("").split(',').map(|r| r.trim().trim_matches('`')))
        .filter(|r| !r.is_empty() && !r.ends_with('*'))
        .collect();
    assert!(rules.len() >= 15, "rules listed in the README: {rules:?}");
    let uncovered: Vec<&&str> = rules.iter().filter(|r| !covered.contains(**r)).collect();
    assert!(uncovered.is_empty(), "rules without a conformance case: {uncovered:?}");
}
