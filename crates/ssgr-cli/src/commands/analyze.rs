//! `ssgr analyze`: network analytics over projections of the graph, as a
//! table or JSON. The work is ssgr-analytics'; this module parses and prints.

use std::io::Write;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use ssgr_analytics::Projection;
use ssgr_analytics::algorithms::community::{CommunityAlgorithm, CommunityOptions};
use ssgr_analytics::report::{
    CentralityRequest, CentralityTable, CommunityReport, CommunityRequest, DEFAULT_SAMPLES, DEFAULT_SEED, EntityRef,
    Measure, NeighbourRequest, Neighbourhood, PathReport, PathRequest, SimilarReport, SimilarRequest,
};

use super::Status;
use super::query::open_source;
use crate::cli::Source;

/// `ssgr analyze`.
#[derive(Debug, Args)]
pub(crate) struct AnalyzeArgs {
    /// The analysis.
    #[command(subcommand)]
    pub(crate) analysis: Analysis,
}

/// The analyses.
#[derive(Debug, Subcommand)]
pub(crate) enum Analysis {
    /// Rank entities by degree, PageRank, betweenness, closeness or
    /// eigenvector centrality.
    #[command(
        after_help = "Examples:\n  ssgr analyze centrality --show Actor --limit 10\n  ssgr analyze centrality --projection entity --sort betweenness --format json\n  ssgr analyze centrality --topic 'border management' --show Actor"
    )]
    Centrality(CentralityArgs),
    /// Find communities (Leiden or Louvain) and their modularity.
    #[command(
        after_help = "Examples:\n  ssgr analyze communities\n  ssgr analyze communities --projection actor-actor --algorithm louvain --resolution 1.5"
    )]
    Communities(CommunitiesArgs),
    /// A shortest path between two entities, each step a named relation.
    #[command(
        after_help = "Examples:\n  ssgr analyze path DCAF Tajikistan\n  ssgr analyze path ssgrid:org/dcaf ssgrid:country/TJ --format json"
    )]
    Path(PathArgs),
    /// The entities at most some hops from one, and the edges among them.
    #[command(
        after_help = "Examples:\n  ssgr analyze neighbours DCAF\n  ssgr analyze neighbours OSCE --hops 2 --class FieldMission"
    )]
    Neighbours(NeighboursArgs),
    /// Actors similar to one by the topics they share (Jaccard).
    #[command(
        after_help = "Examples:\n  ssgr analyze similar ODIHR\n  ssgr analyze similar DCAF --limit 5 --format json"
    )]
    Similar(SimilarArgs),
}

/// What every analysis takes: the graph, the output, the filters.
#[derive(Debug, Args)]
pub(crate) struct Common {
    /// Where the graph comes from.
    #[command(flatten)]
    pub(crate) source: Source,
    /// Output: an aligned table, or JSON.
    #[arg(long, short, value_enum, default_value_t = Output::Table)]
    pub(crate) format: Output,
    /// Which part of the network to keep.
    #[command(flatten)]
    pub(crate) filter: crate::cli::FilterArgs,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Output {
    /// An aligned text table.
    Table,
    /// JSON, as the HTTP API returns it.
    Json,
}

/// The projections, for the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ProjectionArg {
    /// Every entity, every statement between two entities.
    Entity,
    /// Actors and topics (worksOn, subjects of publications and engagements).
    ActorTopic,
    /// Actors, weighted by shared engagements, publications, topics, countries.
    ActorActor,
}

impl From<ProjectionArg> for Projection {
    fn from(p: ProjectionArg) -> Self {
        match p {
            ProjectionArg::Entity => Self::Entity,
            ProjectionArg::ActorTopic => Self::ActorTopic,
            ProjectionArg::ActorActor => Self::ActorActor,
        }
    }
}

/// `ssgr analyze centrality`.
#[derive(Debug, Args)]
pub(crate) struct CentralityArgs {
    #[command(flatten)]
    pub(crate) common: Common,
    /// The projection.
    #[arg(long, short, value_enum, default_value_t = ProjectionArg::ActorTopic)]
    pub(crate) projection: ProjectionArg,
    /// Rank by this measure.
    #[arg(long, value_enum, default_value_t = SortArg::PageRank)]
    pub(crate) sort: SortArg,
    /// List only entities of this class (scores are of the whole projection).
    #[arg(long, value_name = "CLASS")]
    pub(crate) show: Option<String>,
    /// At most this many rows.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub(crate) limit: usize,
    /// Sources sampled for betweenness on graphs over 5000 nodes.
    #[arg(long, default_value_t = DEFAULT_SAMPLES)]
    pub(crate) samples: usize,
    /// Seed of that sample.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub(crate) seed: u64,
}

/// Measures to rank by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SortArg {
    /// Distinct neighbours.
    Degree,
    /// Summed edge weight.
    WeightedDegree,
    /// PageRank.
    PageRank,
    /// Betweenness.
    Betweenness,
    /// Closeness.
    Closeness,
    /// Eigenvector centrality.
    Eigenvector,
}

impl From<SortArg> for Measure {
    fn from(s: SortArg) -> Self {
        match s {
            SortArg::Degree => Self::Degree,
            SortArg::WeightedDegree => Self::WeightedDegree,
            SortArg::PageRank => Self::PageRank,
            SortArg::Betweenness => Self::Betweenness,
            SortArg::Closeness => Self::Closeness,
            SortArg::Eigenvector => Self::Eigenvector,
        }
    }
}

/// `ssgr analyze communities`.
#[derive(Debug, Args)]
pub(crate) struct CommunitiesArgs {
    #[command(flatten)]
    pub(crate) common: Common,
    /// The projection.
    #[arg(long, short, value_enum, default_value_t = ProjectionArg::ActorTopic)]
    pub(crate) projection: ProjectionArg,
    /// The algorithm.
    #[arg(long, value_enum, default_value_t = AlgorithmArg::Leiden)]
    pub(crate) algorithm: AlgorithmArg,
    /// Modularity resolution: above 1, more and smaller communities.
    #[arg(long, default_value_t = 1.0)]
    pub(crate) resolution: f64,
    /// Seed of the random node orders.
    #[arg(long, default_value_t = 0)]
    pub(crate) seed: u64,
    /// Members listed per community in the table.
    #[arg(long, default_value_t = 8)]
    pub(crate) members: usize,
}

/// Community algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum AlgorithmArg {
    /// Leiden (connected communities).
    Leiden,
    /// Louvain.
    Louvain,
}

/// `ssgr analyze path`.
#[derive(Debug, Args)]
pub(crate) struct PathArgs {
    #[command(flatten)]
    pub(crate) common: Common,
    /// The start: label, alternative label, ISO code or IRI.
    pub(crate) from: String,
    /// The end.
    pub(crate) to: String,
    /// The projection.
    #[arg(long, short, value_enum, default_value_t = ProjectionArg::Entity)]
    pub(crate) projection: ProjectionArg,
}

/// `ssgr analyze neighbours`.
#[derive(Debug, Args)]
pub(crate) struct NeighboursArgs {
    #[command(flatten)]
    pub(crate) common: Common,
    /// The centre: label, alternative label, ISO code or IRI.
    pub(crate) entity: String,
    /// How many edges away.
    #[arg(long, short = 'k', default_value_t = 1)]
    pub(crate) hops: usize,
    /// The projection.
    #[arg(long, short, value_enum, default_value_t = ProjectionArg::Entity)]
    pub(crate) projection: ProjectionArg,
}

/// `ssgr analyze similar`.
#[derive(Debug, Args)]
pub(crate) struct SimilarArgs {
    #[command(flatten)]
    pub(crate) common: Common,
    /// The actor: label, alternative label or IRI.
    pub(crate) actor: String,
    /// At most this many similar actors.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub(crate) limit: usize,
}

pub(crate) fn run(args: &AnalyzeArgs) -> anyhow::Result<Status> {
    let out = &mut std::io::stdout().lock();
    match &args.analysis {
        Analysis::Centrality(a) => {
            let (store, status) = open_source(&a.common.source)?;
            let request = CentralityRequest {
                projection: a.projection.into(),
                filter: a.common.filter.to_filter(),
                show: a.show.clone(),
                sort: a.sort.into(),
                limit: Some(a.limit),
                samples: a.samples,
                seed: a.seed,
            };
            let table = ssgr_analytics::centrality(&store, &request).context("centrality")?;
            emit(out, a.common.format, &table, |out| centrality_rows(out, &table))?;
            Ok(status)
        }
        Analysis::Communities(a) => {
            let (store, status) = open_source(&a.common.source)?;
            let algorithm = match a.algorithm {
                AlgorithmArg::Leiden => CommunityAlgorithm::Leiden,
                AlgorithmArg::Louvain => CommunityAlgorithm::Louvain,
            };
            let request = CommunityRequest {
                projection: a.projection.into(),
                filter: a.common.filter.to_filter(),
                options: CommunityOptions { algorithm, resolution: a.resolution, seed: a.seed },
            };
            let report = ssgr_analytics::communities(&store, &request).context("communities")?;
            emit(out, a.common.format, &report, |out| communities_table(out, &report, a.members))?;
            Ok(status)
        }
        Analysis::Path(a) => {
            let (store, status) = open_source(&a.common.source)?;
            let request = PathRequest {
                from: a.from.clone(),
                to: a.to.clone(),
                projection: a.projection.into(),
                filter: a.common.filter.to_filter(),
            };
            let report = ssgr_analytics::path(&store, &request).context("path")?;
            emit(out, a.common.format, &report, |out| path_text(out, &report))?;
            Ok(status)
        }
        Analysis::Neighbours(a) => {
            let (store, status) = open_source(&a.common.source)?;
            let request = NeighbourRequest {
                entity: a.entity.clone(),
                hops: a.hops,
                projection: a.projection.into(),
                filter: a.common.filter.to_filter(),
            };
            let report = ssgr_analytics::neighbours(&store, &request).context("neighbours")?;
            emit(out, a.common.format, &report, |out| neighbours_table(out, &report))?;
            Ok(status)
        }
        Analysis::Similar(a) => {
            let (store, status) = open_source(&a.common.source)?;
            let request =
                SimilarRequest { actor: a.actor.clone(), limit: a.limit, filter: a.common.filter.to_filter() };
            let report = ssgr_analytics::similar(&store, &request).context("similar")?;
            emit(out, a.common.format, &report, |out| similar_table(out, &report))?;
            Ok(status)
        }
    }
}

fn emit<W: Write, T: Serialize>(
    out: &mut W,
    format: Output,
    value: &T,
    table: impl FnOnce(&mut W) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    match format {
        Output::Json => {
            serde_json::to_writer_pretty(&mut *out, value)?;
            writeln!(out)?;
        }
        Output::Table => table(out)?,
    }
    Ok(())
}

/// At most `width` characters, an ellipsis marking a cut.
fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width - 1).collect();
    cut.push('…');
    cut
}

/// "label (ssgrid:org/dcaf)".
fn name(entity: &EntityRef) -> String {
    let iri = ssgr_analytics::report::compact(&entity.iri);
    if entity.label.is_empty() { iri } else { format!("{} ({iri})", entity.label) }
}

fn communities_table(out: &mut impl Write, report: &CommunityReport, shown: usize) -> std::io::Result<()> {
    writeln!(
        out,
        "{} projection: {} nodes, {} edges; {} ({} resolution, seed {}): {} communities, modularity {:.4}",
        report.projection,
        report.nodes,
        report.edges,
        report.options.algorithm.name(),
        report.options.resolution,
        report.options.seed,
        report.communities.len(),
        report.modularity
    )?;
    for community in &report.communities {
        writeln!(out, "\ncommunity {} ({} members)", community.id, community.size)?;
        for member in community.members.iter().take(shown) {
            writeln!(out, "  {:<18} {}", member.class, name(member))?;
        }
        if community.size > shown {
            writeln!(out, "  … and {} more", community.size - shown)?;
        }
    }
    Ok(())
}

fn path_text(out: &mut impl Write, report: &PathReport) -> std::io::Result<()> {
    if !report.connected {
        return writeln!(
            out,
            "{} and {} are not connected in the {} projection",
            name(&report.from),
            name(&report.to),
            report.projection
        );
    }
    writeln!(out, "{}", name(&report.from))?;
    for step in &report.steps {
        let arrow = if step.direction == "forward" {
            format!("--[{}]-->", step.relation_name)
        } else {
            format!("<--[{}]--", step.relation_name)
        };
        writeln!(out, "  {arrow} {}", name(&step.to))?;
    }
    writeln!(out, "{} steps ({} projection)", report.steps.len(), report.projection)
}

fn neighbours_table(out: &mut impl Write, report: &Neighbourhood) -> std::io::Result<()> {
    writeln!(out, "within {} hops of {} ({} projection):", report.hops, name(&report.centre), report.projection)?;
    writeln!(out, "{:>4}  {:<18} entity", "hops", "class")?;
    for n in &report.nodes {
        writeln!(out, "{:>4}  {:<18} {}", n.distance, n.entity.class, name(&n.entity))?;
    }
    writeln!(out, "{} entities, {} edges among them", report.nodes.len(), report.edges.len())
}

fn similar_table(out: &mut impl Write, report: &SimilarReport) -> std::io::Result<()> {
    let topics: Vec<&str> = report.topics.iter().map(|t| t.label.as_str()).collect();
    writeln!(out, "{} works on {} topics: {}", name(&report.actor), topics.len(), topics.join("; "))?;
    writeln!(out, "{:>7}  {:<50} shared topics", "jaccard", "actor")?;
    for s in &report.similar {
        let shared: Vec<&str> = s.shared.iter().map(|t| t.label.as_str()).collect();
        writeln!(out, "{:>7.3}  {:<50} {}", s.jaccard, clip(&s.entity.label, 50), shared.join("; "))?;
    }
    Ok(())
}

fn centrality_rows(out: &mut impl Write, table: &CentralityTable) -> std::io::Result<()> {
    writeln!(
        out,
        "{} projection: {} nodes, {} edges, {} components; betweenness {}",
        table.projection, table.nodes, table.edges, table.components, table.betweenness
    )?;
    writeln!(
        out,
        "{:>4}  {:<50} {:<18} {:>6} {:>8} {:>9} {:>11} {:>9} {:>11}",
        "rank", "entity", "class", "degree", "weighted", "pagerank", "betweenness", "closeness", "eigenvector"
    )?;
    let opt = |x: Option<f64>| x.map_or_else(|| "-".to_owned(), |v| format!("{v:.4}"));
    for row in &table.rows {
        let label = if row.entity.label.is_empty() { &row.entity.iri } else { &row.entity.label };
        let label = clip(label, 50);
        writeln!(
            out,
            "{:>4}  {:<50} {:<18} {:>6} {:>8} {:>9.5} {:>11.5} {:>9} {:>11}",
            row.rank,
            label,
            row.entity.class,
            row.degree,
            row.weighted_degree,
            row.page_rank,
            row.betweenness,
            opt(row.closeness),
            opt(row.eigenvector)
        )?;
    }
    Ok(())
}
