//! `ssgr export`: a network for Gephi, Cytoscape, Graphviz, NetworkX or a
//! report, or the whole dataset in an RDF syntax. The work is
//! ssgr-export's; this module resolves the arguments and opens the output.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use ssgr_analytics::Projection;
use ssgr_export::formats::{SvgOptions, write_edges_csv, write_nodes_csv, write_svg};
use ssgr_export::layout::LayoutOptions;
use ssgr_export::{DatasetFormat, Network, NetworkFormat, NetworkOptions, write_dataset, write_network};
use ssgr_store::Store;

use super::Status;
use super::query::open_source;
use crate::cli::{ExportArgs, ExportFormat, ExportProjection};

pub(crate) fn run(args: &ExportArgs) -> anyhow::Result<Status> {
    match what(args.format) {
        Kind::Network(format) => {
            let (store, status) = open_source(&args.source)?;
            export_network(&store, args, format)?;
            Ok(status)
        }
        Kind::Dataset(format) => {
            if args.projection.is_some() || !args.filter.to_filter().is_empty() {
                bail!("--projection, --class, --topic, --country and --document apply to the network formats only");
            }
            let (store, status) = open_source(&args.source)?;
            let summary = with_output(args.output.as_deref(), |out| Ok(write_dataset(&store, format, out)?))?;
            if let Some(path) = &args.output {
                eprintln!("wrote {} quads in {} graphs to {}", summary.quads, summary.graphs, path.display());
            }
            Ok(status)
        }
    }
}

enum Kind {
    Network(NetworkFormat),
    Dataset(DatasetFormat),
}

fn what(format: ExportFormat) -> Kind {
    match format {
        ExportFormat::Gexf => Kind::Network(NetworkFormat::Gexf),
        ExportFormat::Graphml => Kind::Network(NetworkFormat::GraphMl),
        ExportFormat::CytoscapeJson => Kind::Network(NetworkFormat::CytoscapeJson),
        ExportFormat::Dot => Kind::Network(NetworkFormat::Dot),
        ExportFormat::Csv => Kind::Network(NetworkFormat::Csv),
        ExportFormat::Svg => Kind::Network(NetworkFormat::Svg),
        ExportFormat::Nquads => Kind::Dataset(DatasetFormat::NQuads),
        ExportFormat::Trig => Kind::Dataset(DatasetFormat::TriG),
        ExportFormat::Turtle => Kind::Dataset(DatasetFormat::Turtle),
        ExportFormat::Jsonld => Kind::Dataset(DatasetFormat::JsonLd),
    }
}

fn export_network(store: &Store, args: &ExportArgs, format: NetworkFormat) -> anyhow::Result<()> {
    let projection = match args.projection.unwrap_or(ExportProjection::ActorTopic) {
        ExportProjection::Entity => Projection::Entity,
        ExportProjection::ActorTopic => Projection::ActorTopic,
        ExportProjection::Actor => Projection::ActorActor,
    };
    let options = NetworkOptions {
        projection,
        filter: args.filter.to_filter(),
        layout: LayoutOptions { iterations: args.iterations, seed: args.seed },
        ..NetworkOptions::default()
    };
    let network = Network::from_store(store, &options).with_context(|| format!("the {} network", projection.name()))?;
    match (format, &args.output) {
        (NetworkFormat::Csv, Some(path)) => {
            let (nodes, edges) = csv_paths(path)?;
            write_file(&nodes, |out| Ok(write_nodes_csv(&network, out)?))?;
            write_file(&edges, |out| Ok(write_edges_csv(&network, out)?))?;
        }
        (NetworkFormat::Svg, output) => {
            let options = SvgOptions { labels: args.labels, ..SvgOptions::default() };
            with_output(output.as_deref(), |out| Ok(write_svg(&network, &options, out)?))?;
        }
        (format, output) => with_output(output.as_deref(), |out| Ok(write_network(&network, format, out)?))?,
    }
    if let Some(path) = &args.output {
        eprintln!(
            "wrote the {} network ({} nodes, {} edges, {} communities) to {}",
            network.name,
            network.nodes.len(),
            network.edges.len(),
            network.communities,
            path.display()
        );
    }
    Ok(())
}

/// The nodes and edges files for `--output`: in a directory (one that
/// exists, or a path ending in `/`) `nodes.csv` and `edges.csv`; otherwise
/// the path is a stem, a `.csv` extension dropped: `STEM.nodes.csv` and
/// `STEM.edges.csv`.
fn csv_paths(output: &Path) -> anyhow::Result<(PathBuf, PathBuf)> {
    let text = output.to_string_lossy();
    if output.is_dir() || text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) {
        std::fs::create_dir_all(output).with_context(|| format!("creating {}", output.display()))?;
        return Ok((output.join("nodes.csv"), output.join("edges.csv")));
    }
    let stem = if output.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
        output.with_extension("")
    } else {
        output.to_path_buf()
    };
    let with = |suffix: &str| {
        let mut name = stem.clone().into_os_string();
        name.push(suffix);
        PathBuf::from(name)
    };
    Ok((with(".nodes.csv"), with(".edges.csv")))
}

/// Runs `write` on the output file, or on stdout without one.
fn with_output<T>(output: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> anyhow::Result<T>) -> anyhow::Result<T> {
    match output {
        Some(path) => write_file(path, write),
        None => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            let value = write(&mut out)?;
            out.flush()?;
            Ok(value)
        }
    }
}

fn write_file<T>(path: &Path, write: impl FnOnce(&mut dyn Write) -> anyhow::Result<T>) -> anyhow::Result<T> {
    let file = File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut out = BufWriter::new(file);
    let value = write(&mut out).with_context(|| format!("writing {}", path.display()))?;
    out.flush().with_context(|| format!("writing {}", path.display()))?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_outputs_are_a_directory_or_a_stem() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (n, e) = csv_paths(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((n, e), (dir.path().join("nodes.csv"), dir.path().join("edges.csv")));
        let (n, e) = csv_paths(&dir.path().join("seeds.csv")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((n, e), (dir.path().join("seeds.nodes.csv"), dir.path().join("seeds.edges.csv")));
        let (n, _) = csv_paths(&dir.path().join("net")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(n, dir.path().join("net.nodes.csv"));
    }
}
