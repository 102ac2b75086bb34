//! The command line, as clap derive types. Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// ssgr: a knowledge graph of Security Sector Governance and Reform.
///
/// Turns documents about field missions, mandates, vacancies and
/// publications into RDF under the SSG/R ontology, keeps them in an
/// Oxigraph store and answers SPARQL.
#[derive(Debug, Parser)]
#[command(name = "ssgr", version, after_help = EXIT_CODES)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

const EXIT_CODES: &str = "Exit codes:\n  0  success\n  1  some documents could not be read (the others were built)\n  2  usage error, bad query, or a failure that stopped the command";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Extract every document under the inputs and load the graph.
    ///
    /// Folders are read recursively; .txt, .md and .html files are read by
    /// their format, anything else as plain text. With --store the graph is
    /// written to that directory (replacing the previous one atomically);
    /// without it the graph is built in memory and only the summary remains.
    #[command(
        after_help = "Examples:\n  ssgr build\n  ssgr build --input seeds --input ~/reports --store ./graph\n\nExit codes: 0 success, 1 some documents failed, 2 error"
    )]
    Build(BuildArgs),

    /// Print the graph extracted from some files, without a store.
    #[command(
        after_help = "Examples:\n  ssgr extract seeds/001_91a6ed8e20fdf61f.txt\n  ssgr extract --format nquads report.html notes.md\n\nExit codes: 0 success, 1 some files failed, 2 error"
    )]
    Extract(ExtractArgs),

    /// Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE).
    ///
    /// With neither --store nor --input, ./seeds is built in memory first.
    #[command(
        after_help = "Examples:\n  ssgr query 'SELECT ?m WHERE { ?m a <https://w3id.org/ssgr/ontology#FieldMission> }'\n  ssgr query --file queries/cq01-osce-field-missions.rq --format csv\n  ssgr query --store ./graph --format turtle 'DESCRIBE <https://w3id.org/ssgr/id/org/osce>'\n\nExit codes: 0 success, 1 some documents failed, 2 bad query or error"
    )]
    Query(QueryArgs),

    /// Show the evidence for what the graph says of an entity: each
    /// statement with its document, sentence and character offsets.
    #[command(
        after_help = "Examples:\n  ssgr explain 'OSCE Mission to Montenegro'\n  ssgr explain --store ./graph https://w3id.org/ssgr/id/org/osce --property hostCountry\n\nExit codes: 0 success, 1 some documents failed, 2 no such entity or error"
    )]
    Explain(ExplainArgs),

    /// Serve the graph as a SPARQL 1.1 endpoint (Protocol, Update, Graph
    /// Store, Service Description) until SIGTERM or Ctrl-C.
    ///
    /// With neither --store nor --input, ./seeds is built in memory first;
    /// /health answers while the store loads. Writes exist only with
    /// --update-token. Set SSGR_LOG=info for request and query logs.
    #[command(
        after_help = "Examples:\n  ssgr serve\n  ssgr serve --store ./graph --bind 0.0.0.0:7878 --timeout 10\n  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' http://127.0.0.1:7878/sparql\n\nExit codes: 0 stopped cleanly, 1 some documents failed, 2 error"
    )]
    Serve(crate::commands::serve::ServeArgs),

    /// Network analytics: centrality, communities, paths, neighbourhoods,
    /// similar actors, over a projection of the graph.
    ///
    /// With neither --store nor --input, ./seeds is built in memory first.
    #[command(
        after_help = "Examples:\n  ssgr analyze centrality --show Actor --limit 10\n  ssgr analyze communities --format json\n  ssgr analyze path DCAF Tajikistan\n  ssgr analyze neighbours OSCE --hops 2\n  ssgr analyze similar ODIHR\n\nExit codes: 0 success, 1 some documents failed, 2 unknown entity or error"
    )]
    Analyze(crate::commands::analyze::AnalyzeArgs),

    /// Reconcile the store's entities that have no Wikidata link against a
    /// SPARQL endpoint with Wikidata's data model: confident matches become
    /// owl:sameAs, the others ssgr:candidate with a score, in
    /// ssgrid:graph/links. Entities already linked or with candidates are
    /// skipped, so a stopped run goes on where it was.
    #[command(
        after_help = "Examples:\n  ssgr link --store ./graph --dry-run\n  ssgr link --store ./graph --limit 50\n  ssgr link --store ./graph --endpoint http://127.0.0.1:7879/query --rate 100\n\nExit codes: 0 success, 2 error (what was decided before it is kept)"
    )]
    Link(crate::commands::link::LinkArgs),

    /// Export a network (GEXF, GraphML, Cytoscape.js JSON, DOT, CSV, SVG)
    /// or the whole dataset (N-Quads, TriG, Turtle, JSON-LD).
    ///
    /// Network nodes carry their label, class, degree, PageRank,
    /// betweenness, community (Leiden) and a position from a deterministic
    /// force-directed layout; edges their weight and relation. The dataset
    /// formats write every graph (Turtle: the default graph only) in a
    /// canonical order, one graph at a time. With neither --store nor
    /// --input, ./seeds is built in memory first. Output goes to stdout
    /// without --output; csv to stdout is the nodes table, an empty line,
    /// then the edges table.
    #[command(
        after_help = "Examples:\n  ssgr export --format gexf --output seeds.gexf\n  ssgr export --projection actor --format graphml --class Organisation --output actors.graphml\n  ssgr export --format csv --output gephi/              # gephi/nodes.csv, gephi/edges.csv\n  ssgr export --format svg --output docs/network-seeds.svg\n  ssgr export --store ./graph --format nquads --output dataset.nq\n\nExit codes: 0 success, 1 some documents failed, 2 unknown filter value or error"
    )]
    Export(ExportArgs),

    /// Send the dataset to another triplestore, graph by graph in batches,
    /// over the SPARQL 1.1 Graph Store Protocol or Update.
    ///
    /// Named graphs first, then the default graph (the materialised union).
    /// Connection errors, 5xx and 429 are retried with backoff; the graphs
    /// sent whole are recorded in a state file, and --resume skips them.
    #[command(
        after_help = "Examples:\n  ssgr push --store ./graph --to http://localhost:3030/ssgr/data\n  ssgr push --store ./graph --to http://localhost:7878/update --update -H 'Authorization: Bearer secret'\n  ssgr push --store ./graph --to http://localhost:7878/store --rdf12 --resume\n\nExit codes: 0 success, 1 some documents failed (with --input), 2 error (rerun with --resume)"
    )]
    Push(crate::commands::push::PushArgs),
}

/// Where the graph comes from.
#[derive(Debug, Args)]
pub(crate) struct Source {
    /// A store directory written by `ssgr build --store`.
    #[arg(long, conflicts_with = "input", value_name = "DIR")]
    pub(crate) store: Option<PathBuf>,
    /// Documents or folders to build in memory (repeatable).
    #[arg(long, short, value_name = "PATH")]
    pub(crate) input: Vec<PathBuf>,
}

/// `ssgr build`.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// Documents or folders to read (repeatable); default ./seeds.
    #[arg(long, short, value_name = "PATH")]
    pub(crate) input: Vec<PathBuf>,
    /// Store directory to write; without it the graph stays in memory.
    #[arg(long, value_name = "DIR")]
    pub(crate) store: Option<PathBuf>,
    /// Largest document to read, in megabytes.
    #[arg(long, default_value_t = 20, value_name = "MB")]
    pub(crate) max_size: u64,
}

/// `ssgr extract`.
#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    /// The files to read.
    #[arg(required = true, value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,
    /// Output syntax.
    #[arg(long, short, value_enum, default_value_t = GraphFormat::Turtle)]
    pub(crate) format: GraphFormat,
    /// Largest document to read, in megabytes.
    #[arg(long, default_value_t = 20, value_name = "MB")]
    pub(crate) max_size: u64,
}

/// `ssgr query`.
#[derive(Debug, Args)]
pub(crate) struct QueryArgs {
    /// Where the graph comes from.
    #[command(flatten)]
    pub(crate) source: Source,
    /// Results syntax: json, xml, csv or tsv for SELECT and ASK (default
    /// json); turtle, ntriples, nquads, trig, jsonld or rdfxml for
    /// CONSTRUCT and DESCRIBE (default turtle).
    #[arg(long, short, value_enum)]
    pub(crate) format: Option<ResultsFormat>,
    /// A file holding the query.
    #[arg(long, conflicts_with = "query", value_name = "FILE.rq")]
    pub(crate) file: Option<PathBuf>,
    /// The query text.
    #[arg(required_unless_present = "file")]
    pub(crate) query: Option<String>,
}

/// `ssgr explain`.
#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// Where the graph comes from.
    #[command(flatten)]
    pub(crate) source: Source,
    /// The entity: its IRI, or a label or alternative label.
    pub(crate) entity: String,
    /// Only statements with this property (local name, e.g. hostCountry).
    #[arg(long, short)]
    pub(crate) property: Option<String>,
}

/// The filters of `ssgr analyze` and `ssgr export`.
#[derive(Debug, Args)]
pub(crate) struct FilterArgs {
    /// Keep instances of this class (repeatable; `Organisation`,
    /// `FieldMission`, …).
    #[arg(long, value_name = "CLASS")]
    pub(crate) class: Vec<String>,
    /// Keep what is linked to this topic (label or IRI) or a narrower one.
    #[arg(long, value_name = "TOPIC")]
    pub(crate) topic: Option<String>,
    /// Keep what is linked to this country (name, ISO code or IRI).
    #[arg(long, value_name = "COUNTRY")]
    pub(crate) country: Option<String>,
    /// Keep what was read in this source document (file name or IRI).
    #[arg(long, value_name = "DOCUMENT")]
    pub(crate) document: Option<String>,
}

impl FilterArgs {
    /// The filter as the analytics crate takes it.
    pub(crate) fn to_filter(&self) -> ssgr_analytics::Filter {
        ssgr_analytics::Filter {
            class: self.class.clone(),
            topic: self.topic.clone(),
            country: self.country.clone(),
            document: self.document.clone(),
        }
    }
}

/// `ssgr export`.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// Where the graph comes from.
    #[command(flatten)]
    pub(crate) source: Source,
    /// What to write: a network (gexf, graphml, cytoscape-json, dot, csv,
    /// svg) or the whole dataset (nquads, trig, turtle, jsonld).
    #[arg(long, short, value_enum)]
    pub(crate) format: ExportFormat,
    /// The network to export (network formats; default actor-topic).
    #[arg(long, short, value_enum)]
    pub(crate) projection: Option<ExportProjection>,
    /// The file to write (stdout without it). For csv: a directory (gets
    /// nodes.csv and edges.csv) or a stem (STEM.nodes.csv, STEM.edges.csv).
    #[arg(long, short, value_name = "PATH")]
    pub(crate) output: Option<PathBuf>,
    /// Which part of the network to keep.
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
    /// Layout iterations (at most 1000; at most 100 above 10,000 nodes).
    #[arg(long, default_value_t = 300)]
    pub(crate) iterations: usize,
    /// Seed of the layout's start positions.
    #[arg(long, default_value_t = 0)]
    pub(crate) seed: u64,
    /// svg: label this many of the most central nodes.
    #[arg(long, default_value_t = 15)]
    pub(crate) labels: usize,
}

/// What `ssgr export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    /// GEXF 1.3 with viz colour, size and position (Gephi).
    Gexf,
    /// GraphML (Cytoscape desktop, NetworkX, yEd).
    Graphml,
    /// Cytoscape.js JSON (also read by networkx.cytoscape_graph).
    CytoscapeJson,
    /// Graphviz DOT, positions pinned for neato -n2.
    Dot,
    /// Gephi's spreadsheet import: a nodes and an edges table.
    Csv,
    /// A picture of the network (SVG).
    Svg,
    /// The whole dataset as N-Quads (RDF 1.2).
    Nquads,
    /// The whole dataset as TriG (RDF 1.2).
    Trig,
    /// The default graph as Turtle (RDF 1.2).
    Turtle,
    /// The whole dataset as JSON-LD (triple terms as RDF 1.1 reification).
    Jsonld,
}

/// The networks `ssgr export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportProjection {
    /// Every entity, every statement between two entities.
    Entity,
    /// Actors and topics.
    ActorTopic,
    /// Actors, linked by what they share.
    #[value(alias = "actor-actor")]
    Actor,
}

/// RDF syntaxes for graphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum GraphFormat {
    /// Turtle.
    Turtle,
    /// N-Triples.
    Ntriples,
    /// N-Quads (with each document's graph).
    Nquads,
    /// TriG (with each document's graph).
    Trig,
    /// JSON-LD, expanded.
    Jsonld,
}

/// Syntaxes for query results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ResultsFormat {
    /// SPARQL Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
    /// SPARQL Query Results CSV.
    Csv,
    /// SPARQL Query Results TSV.
    Tsv,
    /// Turtle.
    Turtle,
    /// N-Triples.
    Ntriples,
    /// N-Quads.
    Nquads,
    /// TriG.
    Trig,
    /// JSON-LD.
    Jsonld,
    /// RDF/XML.
    Rdfxml,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
