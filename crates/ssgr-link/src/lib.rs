#![doc = include_str!("../README.md")]

mod classes;
mod client;
mod entities;
mod error;
mod query;
mod score;
mod write;

use std::collections::BTreeMap;

use oxigraph::model::NamedNode;
use oxigraph::store::Store;

pub use classes::{ClassRule, builtin_rules, parse_rules};
pub use client::{parse_rate, user_agent};
pub use entities::{Entity, Selection, WIKIDATA_ENTITY, select_entities};
pub use error::LinkError;
pub use query::{Match, build_query, casings, entity_names, parse_results};
pub use score::{CANDIDATE, CONFIDENT, Decision, MARGIN, MAX_CANDIDATES, Scored, decide, score};

use crate::client::Client;
use crate::write::{Provenance, decision_triples, now, write};

/// Wikidata's public SPARQL endpoint, the default.
pub const DEFAULT_ENDPOINT: &str = "https://query.wikidata.org/sparql";

/// How to reconcile.
#[derive(Debug, Clone)]
pub struct LinkOptions {
    /// The SPARQL endpoint (Wikidata's data model).
    pub endpoint: String,
    /// At most this many requests a second.
    pub rate: f64,
    /// Reconcile at most this many entities in this run.
    pub limit: Option<usize>,
    /// Only report what would be asked; send nothing, write nothing.
    pub dry_run: bool,
    /// Entities asked about in one query.
    pub batch: usize,
    /// Retries of a request that failed with 429, 5xx or a transport error.
    pub retries: u32,
}

impl Default for LinkOptions {
    fn default() -> Self {
        Self { endpoint: DEFAULT_ENDPOINT.to_owned(), rate: 1.0, limit: None, dry_run: false, batch: 10, retries: 4 }
    }
}

/// What a run did.
#[derive(Debug, Default)]
pub struct LinkReport {
    /// Entities linked with `owl:sameAs`.
    pub linked: usize,
    /// Entities given candidates.
    pub candidates: usize,
    /// Entities asked about with nothing worth keeping.
    pub unmatched: usize,
    /// Entities skipped: already linked to Wikidata or with candidates.
    pub skipped: usize,
    /// Entities left for a later run by `--limit` or by a stop.
    pub left: usize,
    /// HTTP requests sent (or, in a dry run, that would be sent).
    pub requests: usize,
    /// In a dry run, the entities that would be asked about, with their label.
    pub would_ask: Vec<(NamedNode, String)>,
    /// The error that stopped the run; what was written before it stays.
    pub stopped: Option<LinkError>,
}

/// Reconciles the store's unlinked entities against the endpoint and
/// writes links and candidates into `ssgrid:graph/links`, then refreshes
/// the default graph. A failed request stops the run: the report says so
/// in `stopped`, and every batch decided before it is kept.
pub fn link(store: &Store, options: &LinkOptions) -> Result<LinkReport, LinkError> {
    let source = NamedNode::new(&options.endpoint)
        .ok()
        .filter(|n| n.as_str().starts_with("http://") || n.as_str().starts_with("https://"))
        .ok_or_else(|| LinkError::BadEndpoint(options.endpoint.clone()))?;
    let rules = builtin_rules()?;
    let selection = select_entities(store, &rules)?;
    let mut report = LinkReport { skipped: selection.decided, ..LinkReport::default() };
    let mut todo = selection.todo;
    if let Some(limit) = options.limit {
        report.left = todo.len().saturating_sub(limit);
        todo.truncate(limit);
    }
    let batches = batches(&todo, options.batch.max(1));
    if options.dry_run {
        report.requests = batches.len();
        report.would_ask = todo.iter().map(|e| (e.iri.clone(), e.label.clone())).collect();
        return Ok(report);
    }
    let provenance = Provenance { source, time: now(store)? };
    let mut client = Client::new(&options.endpoint, options.rate, options.retries);
    let mut wrote = false;
    for (done, batch) in batches.iter().enumerate() {
        match run_batch(&mut client, store, &rules, batch, &provenance, &mut report) {
            Ok(written) => wrote |= written,
            Err(error) => {
                report.left += batches[done..].iter().map(Vec::len).sum::<usize>();
                report.stopped = Some(error);
                break;
            }
        }
    }
    report.requests = client.requests;
    if wrote {
        ssgr_store::refresh_default_graph(store)?;
        // The description counts the links and dates the change.
        let void = ssgr_store::VoidOptions { base_url: None, modified: ssgr_store::Modified::Now };
        ssgr_store::refresh_void(store, &void)?;
    }
    Ok(report)
}

/// Asks about one batch and writes its decisions; returns whether anything
/// was written.
fn run_batch(
    client: &mut Client,
    store: &Store,
    rules: &[ClassRule],
    batch: &[&Entity],
    provenance: &Provenance,
    report: &mut LinkReport,
) -> Result<bool, LinkError> {
    let rule = &rules[batch[0].rule];
    let body = client.select(&build_query(batch, rule))?;
    let endpoint = provenance.source.as_str().to_owned();
    let matches = parse_results(&body).map_err(|message| LinkError::Results { endpoint, message })?;
    let mut triples = Vec::new();
    for (key, entity) in batch.iter().enumerate() {
        let decision = decide(entity, matches.get(&key).map_or(&[][..], Vec::as_slice));
        match &decision {
            Decision::Link(_) => report.linked += 1,
            Decision::Candidates(_) => report.candidates += 1,
            Decision::Unmatched => report.unmatched += 1,
        }
        tracing::info!(entity = %entity.iri, ?decision, "reconciled");
        triples.extend(decision_triples(entity, &decision, provenance));
    }
    write(store, &triples)?;
    Ok(!triples.is_empty())
}

/// The entities in batches of at most `size`, each batch of one class.
fn batches(todo: &[Entity], size: usize) -> Vec<Vec<&Entity>> {
    let mut by_rule: BTreeMap<usize, Vec<&Entity>> = BTreeMap::new();
    for entity in todo {
        by_rule.entry(entity.rule).or_default().push(entity);
    }
    by_rule.into_values().flat_map(|group| group.chunks(size).map(<[&Entity]>::to_vec).collect::<Vec<_>>()).collect()
}
