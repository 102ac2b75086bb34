//! Shared helpers of the integration tests: the seeds' graph, built once,
//! and the checker of expected answers.

#![allow(dead_code, reason = "each test binary uses a different part")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use oxigraph::model::Term;
use ssgr_store::{BuildOptions, Location, Store, build, select};

/// The repository root.
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The graph of `seeds/`, built in memory once per test binary.
pub(crate) fn seeds_store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let options = BuildOptions::new(vec![root().join("seeds")], Location::Memory);
        let report = build(&options, |_| {}).unwrap_or_else(|e| panic!("building the seeds: {e}"));
        assert!(report.failures.is_empty(), "seed failures: {:?}", report.failures);
        ssgr_analytics::refresh(&report.store).unwrap_or_else(|e| panic!("analytics of the seeds: {e}"));
        report.store
    })
}

/// Lower case, letters and digits only: how answers are compared.
pub(crate) fn normalise(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Every name an IRI goes by: labels, alternative labels, its local name.
fn names(store: &Store, iri: &str) -> Vec<String> {
    let query = format!(
        "SELECT ?n WHERE {{ <{iri}> <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#altLabel>|<http://www.w3.org/2004/02/skos/core#prefLabel> ?n }}"
    );
    let mut out: Vec<String> = select(store, &query)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|row| match row.get("n") {
            Some(Term::Literal(l)) => Some(normalise(l.value())),
            _ => None,
        })
        .collect();
    out.push(normalise(iri.rsplit(['#', '/']).next().unwrap_or(iri)));
    out.push(normalise(iri));
    out
}

/// Whether an expected cell matches a bound value. A cell starting with `~`
/// must be contained in the value; `ssgrid:` cells name IRIs; an empty cell
/// means unbound.
fn cell_matches(store: &Store, cell: &str, value: Option<&Term>) -> bool {
    let cell = cell.replace("ssgrid:", "https://w3id.org/ssgr/id/");
    let Some(value) = value else { return cell.is_empty() };
    if cell.is_empty() {
        return false;
    }
    let (contains, wanted) = match cell.strip_prefix('~') {
        Some(rest) => (true, normalise(rest)),
        None => (false, normalise(&cell)),
    };
    let candidates = match value {
        Term::NamedNode(n) => names(store, n.as_str()),
        Term::Literal(l) => vec![normalise(l.value())],
        other => vec![normalise(&other.to_string())],
    };
    candidates.iter().any(|c| if contains { c.contains(&wanted) } else { *c == wanted })
}

/// How a query's results compare with its expected answer.
pub(crate) struct Comparison {
    /// "exactly" or "at-least".
    pub(crate) mode: String,
    /// Expected rows, and the expected rows that some result matches.
    pub(crate) expected: Vec<String>,
    pub(crate) missing: Vec<String>,
    /// Result rows, and the result rows no expected row matches.
    pub(crate) results: Vec<String>,
    pub(crate) unexpected: Vec<String>,
}

impl Comparison {
    /// Share of expected rows found.
    pub(crate) fn recall(&self) -> f64 {
        ratio(self.expected.len() - self.missing.len(), self.expected.len())
    }

    /// Share of result rows that are expected.
    pub(crate) fn precision(&self) -> f64 {
        ratio(self.results.len() - self.unexpected.len(), self.results.len())
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 { 1.0 } else { part as f64 / whole as f64 }
}

/// Runs `queries/<name>.rq` on the seeds and compares it with
/// `tests/data/cq/<name>.tsv`.
pub(crate) fn compare(name: &str) -> Comparison {
    let store = seeds_store();
    let query = std::fs::read_to_string(root().join("queries").join(format!("{name}.rq")))
        .unwrap_or_else(|e| panic!("queries/{name}.rq: {e}"));
    let expected = std::fs::read_to_string(root().join("tests/data/cq").join(format!("{name}.tsv")))
        .unwrap_or_else(|e| panic!("tests/data/cq/{name}.tsv: {e}"));
    let mode = expected.lines().find_map(|l| l.strip_prefix("# mode: ")).unwrap_or("at-least").trim().to_owned();
    let mut lines = expected.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    let results = select(store, &query).unwrap_or_else(|e| panic!("{name}: {e}"));
    let row_matches = |expected: &[&str], actual: &BTreeMap<String, Term>| {
        header
            .iter()
            .enumerate()
            .all(|(i, var)| cell_matches(store, expected.get(i).copied().unwrap_or(""), actual.get(*var)))
    };
    let show = |actual: &BTreeMap<String, Term>| -> String {
        header.iter().map(|v| actual.get(*v).map_or("-".to_owned(), |t| t.to_string())).collect::<Vec<_>>().join(" | ")
    };
    Comparison {
        mode,
        expected: rows.iter().map(|r| r.join(" | ")).collect(),
        missing: rows.iter().filter(|r| !results.iter().any(|a| row_matches(r, a))).map(|r| r.join(" | ")).collect(),
        results: results.iter().map(show).collect(),
        unexpected: results.iter().filter(|a| !rows.iter().any(|r| row_matches(r, a))).map(show).collect(),
    }
}

/// Checks a competency question: every expected row is found, and with
/// mode "exactly" nothing else is.
pub(crate) fn check_competency_question(name: &str) {
    let c = compare(name);
    assert!(c.missing.is_empty(), "{name}: expected rows not found: {:#?}\nresults: {:#?}", c.missing, c.results);
    if c.mode == "exactly" {
        assert!(c.unexpected.is_empty(), "{name}: unexpected rows: {:#?}", c.unexpected);
    }
}

/// The names of the competency queries that have expected answers.
pub(crate) fn competency_queries() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("tests/data/cq"))
        .unwrap_or_else(|e| panic!("tests/data/cq: {e}"))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().trim_end_matches(".tsv").to_owned())
        .collect();
    names.sort();
    names
}
