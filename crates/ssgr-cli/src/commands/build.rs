//! `ssgr build`: documents in, a store and a summary out.

use std::io::{IsTerminal, Write};
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use ssgr_store::{BuildOptions, BuildReport, Location, Modified, Progress, build, newest_modification};

use super::{Status, inputs_or_seeds, read_options};
use crate::cli::BuildArgs;

pub(crate) fn run(args: &BuildArgs) -> anyhow::Result<Status> {
    let location = args.store.clone().map_or(Location::Memory, Location::Disk);
    let mut options = BuildOptions::new(inputs_or_seeds(&args.input), location);
    options.read = read_options(args.max_size);
    let built = build_with_progress(&options)?;
    let report = &built.report;
    let mut out = std::io::stdout().lock();
    write_summary(&mut out, report)?;
    writeln!(
        out,
        "seconds after loading: analytics {:.2}, dataset description {:.2}",
        built.analytics_seconds, built.void_seconds
    )?;
    if let Some(dir) = &args.store {
        writeln!(out, "store: {}", dir.display())?;
    }
    Ok(if report.failures.is_empty() { Status::Success } else { Status::SomeFailed })
}

/// A build with the steps that follow it: the analytics scores and the
/// VoID/DCAT description.
pub(crate) struct Built {
    /// The store and the build's figures.
    pub(crate) report: BuildReport,
    /// Seconds spent computing and writing the analytics scores.
    pub(crate) analytics_seconds: f64,
    /// Seconds spent describing the dataset.
    pub(crate) void_seconds: f64,
}

/// Builds, with a progress bar on a terminal and none when piped; reports
/// each document that failed on stderr.
pub(crate) fn build_with_progress(options: &BuildOptions) -> anyhow::Result<Built> {
    let bar = if std::io::stderr().is_terminal() { ProgressBar::new(0) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} documents")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message("reading");
    let report = build(options, |p| match p {
        Progress::Started { total } => bar.set_length(total as u64),
        Progress::Read | Progress::Extracted => bar.inc(1),
        Progress::Extracting { total } => {
            bar.set_message("extracting");
            bar.set_length(total as u64);
            bar.set_position(0);
        }
        Progress::Loading => bar.set_message("loading"),
    })
    .with_context(|| format!("building the graph of {}", display_inputs(options)))?;
    bar.finish_and_clear();
    // The analytics scores (ssgrid:graph/analytics) follow every build, so
    // that SPARQL can rank by them.
    let started = Instant::now();
    ssgr_analytics::refresh(&report.store).context("computing the network analytics")?;
    let analytics_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    // The VoID/DCAT description (ssgrid:graph/void) counts everything else,
    // so it comes last.
    let void = ssgr_store::VoidOptions {
        base_url: None,
        modified: newest_modification(&options.inputs).map_or(Modified::Now, Modified::At),
    };
    ssgr_store::refresh_void(&report.store, &void).context("describing the dataset (VoID)")?;
    let void_seconds = started.elapsed().as_secs_f64();
    for failure in &report.failures {
        let path = failure.path.display().to_string();
        if failure.reason.contains(&path) {
            eprintln!("error: {}", failure.reason);
        } else {
            eprintln!("error: {path}: {}", failure.reason);
        }
    }
    Ok(Built { report, analytics_seconds, void_seconds })
}

fn display_inputs(options: &BuildOptions) -> String {
    options.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

fn write_summary(out: &mut impl Write, report: &BuildReport) -> std::io::Result<()> {
    writeln!(out, "documents read: {}", report.documents)?;
    writeln!(out, "documents failed: {}", report.failures.len())?;
    writeln!(out, "entities per class:")?;
    for (class, count) in &report.entities {
        writeln!(out, "  {class:<20} {count}")?;
    }
    writeln!(out, "triples (default graph): {}", report.triples)?;
    writeln!(out, "quads (all graphs): {}", report.quads)?;
    writeln!(
        out,
        "seconds: {:.2} (first pass {:.2}, extraction {:.2}, loading {:.2})",
        report.seconds,
        report.read_seconds,
        report.extract_seconds,
        report.seconds - report.read_seconds - report.extract_seconds
    )
}
