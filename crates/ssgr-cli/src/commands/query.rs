//! `ssgr query`: a SPARQL query against a store, or against documents built
//! in memory.

use anyhow::Context;
use ssgr_store::{BuildOptions, Location, OutputFormat, Store, open_store, run_query};

use super::{Status, build::build_with_progress, inputs_or_seeds};
use crate::cli::{QueryArgs, ResultsFormat, Source};

pub(crate) fn run(args: &QueryArgs) -> anyhow::Result<Status> {
    let query = match (&args.file, &args.query) {
        (Some(file), _) => std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?,
        (None, Some(text)) => text.clone(),
        (None, None) => anyhow::bail!("give a query or --file"),
    };
    let (store, status) = open_source(&args.source)?;
    let name = args.file.as_ref().map_or_else(|| "the query".to_owned(), |f| f.display().to_string());
    run_query(&store, &query, args.format.map(output_format), std::io::stdout().lock())
        .with_context(|| format!("running {name}"))?;
    Ok(status)
}

/// The store a command reads: a built store directory, or the inputs (by
/// default ./seeds) built in memory.
pub(crate) fn open_source(source: &Source) -> anyhow::Result<(Store, Status)> {
    Ok(match &source.store {
        Some(dir) => (open_store(dir, true).with_context(|| format!("opening {}", dir.display()))?, Status::Success),
        None => {
            let options = BuildOptions::new(inputs_or_seeds(&source.input), Location::Memory);
            let report = build_with_progress(&options)?.report;
            let status = if report.failures.is_empty() { Status::Success } else { Status::SomeFailed };
            (report.store, status)
        }
    })
}

fn output_format(format: ResultsFormat) -> OutputFormat {
    match format {
        ResultsFormat::Json => OutputFormat::Json,
        ResultsFormat::Xml => OutputFormat::Xml,
        ResultsFormat::Csv => OutputFormat::Csv,
        ResultsFormat::Tsv => OutputFormat::Tsv,
        ResultsFormat::Turtle => OutputFormat::Turtle,
        ResultsFormat::Ntriples => OutputFormat::NTriples,
        ResultsFormat::Nquads => OutputFormat::NQuads,
        ResultsFormat::Trig => OutputFormat::TriG,
        ResultsFormat::Jsonld => OutputFormat::JsonLd,
        ResultsFormat::Rdfxml => OutputFormat::RdfXml,
    }
}
