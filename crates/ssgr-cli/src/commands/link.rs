//! `ssgr link`: reconciles the store's unlinked entities against a SPARQL
//! endpoint with Wikidata's data model, in place.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use ssgr_link::{DEFAULT_ENDPOINT, LinkOptions, LinkReport, link, parse_rate};
use ssgr_store::open_store;

use super::Status;

/// `ssgr link`.
#[derive(Debug, Args)]
pub(crate) struct LinkArgs {
    /// SPARQL endpoint with Wikidata's data model (rdfs:label,
    /// skos:altLabel, wdt:P31, wdt:P279, wdt:P17).
    #[arg(long, default_value = DEFAULT_ENDPOINT, value_name = "URL")]
    pub(crate) endpoint: String,
    /// Store directory written by `ssgr build --store`; changed in place
    /// (stop `ssgr serve` on it first).
    #[arg(long, default_value = "graph", value_name = "DIR")]
    pub(crate) store: PathBuf,
    /// Requests a second at most, as N or N/s; keep 1/s for Wikidata's
    /// public service.
    #[arg(long, default_value = "1/s", value_name = "N/s", value_parser = parse_rate)]
    pub(crate) rate: f64,
    /// Reconcile at most N entities in this run (the rest stay for the next).
    #[arg(long, value_name = "N")]
    pub(crate) limit: Option<usize>,
    /// Entities asked about in one query.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub(crate) batch: usize,
    /// Retries of a request that fails with 429, 5xx or a network error.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub(crate) retries: u32,
    /// List the entities that would be asked about and the requests it
    /// would take; send nothing, write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
}

pub(crate) fn run(args: &LinkArgs) -> anyhow::Result<Status> {
    let store = open_store(&args.store, args.dry_run)
        .with_context(|| format!("cannot open the store {}", args.store.display()))?;
    let options = LinkOptions {
        endpoint: args.endpoint.clone(),
        rate: args.rate,
        limit: args.limit,
        dry_run: args.dry_run,
        batch: args.batch,
        retries: args.retries,
    };
    let report = link(&store, &options).context("reconciliation failed")?;
    let mut out = std::io::stdout().lock();
    write_summary(&mut out, &report, args.dry_run)?;
    match report.stopped {
        Some(error) => {
            Err(anyhow::Error::new(error).context("stopped; what was decided before is kept, run again to go on"))
        }
        None => Ok(Status::Success),
    }
}

fn write_summary(out: &mut impl Write, report: &LinkReport, dry_run: bool) -> std::io::Result<()> {
    if dry_run {
        for (iri, label) in &report.would_ask {
            writeln!(out, "would ask\t{}\t{label}", iri.as_str())?;
        }
        writeln!(out, "would ask: {}", report.would_ask.len())?;
        writeln!(out, "requests: {}", report.requests)?;
    } else {
        writeln!(out, "linked: {}", report.linked)?;
        writeln!(out, "candidates: {}", report.candidates)?;
        writeln!(out, "unmatched: {}", report.unmatched)?;
        writeln!(out, "requests: {}", report.requests)?;
    }
    writeln!(out, "skipped: {}", report.skipped)?;
    writeln!(out, "left: {}", report.left)
}
