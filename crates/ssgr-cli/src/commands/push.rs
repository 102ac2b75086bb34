//! `ssgr push`: the dataset sent to another triplestore, graph by graph.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use ssgr_push::{Mode, Progress, PushOptions, Retry, push};

use super::Status;
use super::query::open_source;
use crate::cli::Source;

/// `ssgr push`.
#[derive(Debug, Args)]
pub(crate) struct PushArgs {
    /// The target: a Graph Store URL (Fuseki `…/data`, Oxigraph `…/store`)
    /// or, with --update, an Update URL.
    #[arg(long, value_name = "URL")]
    pub(crate) to: String,
    /// Use the SPARQL 1.1 Graph Store Protocol (the default): PUT the
    /// first batch of each graph, POST the rest.
    #[arg(long, conflicts_with = "update")]
    pub(crate) graph_store: bool,
    /// Use SPARQL 1.1 Update: CLEAR SILENT GRAPH, then INSERT DATA batches.
    #[arg(long)]
    pub(crate) update: bool,
    /// A header sent with every request, as `Name: value` (repeatable), for
    /// example 'Authorization: Bearer …'.
    #[arg(long = "header", short = 'H', value_name = "HEADER")]
    pub(crate) headers: Vec<String>,
    /// Triples per request.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub(crate) batch: usize,
    /// Send RDF 1.2 triple terms as they are; by default the evidence
    /// reifiers are sent as RDF 1.1 reification, which every store reads.
    #[arg(long)]
    pub(crate) rdf12: bool,
    /// Skip the graphs the state file lists as already sent to this target.
    #[arg(long)]
    pub(crate) resume: bool,
    /// The state file [default: <store>/push-state.json with --store, else
    /// ./ssgr-push-state.json].
    #[arg(long, value_name = "FILE")]
    pub(crate) state: Option<PathBuf>,
    /// Attempts per request before the push stops (connection errors, 5xx
    /// and 429 are retried with exponential backoff).
    #[arg(long, default_value_t = 6, value_name = "N")]
    pub(crate) attempts: u32,
    /// Where the graph comes from.
    #[command(flatten)]
    pub(crate) source: Source,
}

pub(crate) fn run(args: &PushArgs) -> anyhow::Result<Status> {
    let mode = if args.update { Mode::Update } else { Mode::GraphStore };
    let mut options = PushOptions::new(&args.to, mode);
    options.headers = args.headers.iter().map(|h| header(h)).collect::<anyhow::Result<_>>()?;
    options.batch = args.batch;
    options.rdf12 = args.rdf12;
    options.resume = args.resume;
    options.state = Some(args.state.clone().unwrap_or_else(|| match &args.source.store {
        Some(dir) => dir.join("push-state.json"),
        None => PathBuf::from("ssgr-push-state.json"),
    }));
    options.retry = Retry { attempts: args.attempts.max(1), ..Retry::default() };
    let (store, status) = open_source(&args.source)?;
    let verbose = std::io::stderr().is_terminal();
    let report = push(&store, &options, |p| match p {
        Progress::Graph { name, index, total } if verbose => eprintln!("[{index}/{total}] {name}"),
        Progress::Skipped { name } => eprintln!("skipped (sent before): {name}"),
        _ => {}
    })
    .with_context(|| format!("pushing to {}", args.to))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "graphs sent: {}", report.graphs_sent)?;
    writeln!(out, "graphs skipped: {}", report.graphs_skipped)?;
    writeln!(out, "triples sent: {}", report.triples)?;
    writeln!(out, "requests: {} ({} retries)", report.requests, report.retries)?;
    writeln!(out, "seconds: {:.2}", report.seconds)?;
    Ok(status)
}

/// `Name: value` as a header pair.
fn header(text: &str) -> anyhow::Result<(String, String)> {
    let (name, value) = text.split_once(':').with_context(|| format!("--header {text:?} is not `Name: value`"))?;
    let name = name.trim();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)) {
        anyhow::bail!("--header {text:?}: {name:?} is not a header name");
    }
    Ok((name.to_owned(), value.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_name_colon_value() {
        assert_eq!(header("Authorization: Bearer a:b").ok(), Some(("Authorization".into(), "Bearer a:b".into())));
        assert!(header("no colon").is_err());
        assert!(header("bad name: x").is_err());
    }
}
