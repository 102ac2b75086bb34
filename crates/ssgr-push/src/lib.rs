#![doc = include_str!("../README.md")]

mod error;
mod state;
mod target;

use std::path::PathBuf;
use std::time::Instant;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedOrBlankNode, Triple};
use oxigraph::store::Store;

pub use error::PushError;
pub use state::PushState;
pub use target::{Mode, Retry};

use target::{Target, graph_label};

/// What to send where.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// The Graph Store URL (`…/store`, `…/data`) or the Update URL.
    pub to: String,
    /// Graph Store Protocol or Update.
    pub mode: Mode,
    /// Extra headers on every request (`Authorization: Bearer …`).
    pub headers: Vec<(String, String)>,
    /// Triples per request.
    pub batch: usize,
    /// Send RDF 1.2 triple terms as they are; without it each
    /// `rdf:reifies <<( s p o )>>` becomes RDF 1.1 reification
    /// (`rdf:subject`, `rdf:predicate`, `rdf:object`).
    pub rdf12: bool,
    /// The state file recording the graphs sent whole; `None`: no state.
    pub state: Option<PathBuf>,
    /// Skip the graphs the state file lists as sent to this target.
    pub resume: bool,
    /// Retries of a failed request.
    pub retry: Retry,
}

impl PushOptions {
    /// Options with the defaults: batches of 10,000 triples, RDF 1.1, no
    /// state, six attempts per request.
    pub fn new(to: &str, mode: Mode) -> Self {
        Self {
            to: to.to_owned(),
            mode,
            headers: Vec::new(),
            batch: 10_000,
            rdf12: false,
            state: None,
            resume: false,
            retry: Retry::default(),
        }
    }
}

/// What a push did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PushReport {
    /// Graphs sent (the default graph included).
    pub graphs_sent: usize,
    /// Graphs skipped because the state file lists them.
    pub graphs_skipped: usize,
    /// Triples sent.
    pub triples: u64,
    /// Requests made, retries included.
    pub requests: u64,
    /// Requests made again after a failure.
    pub retries: u64,
    /// Seconds taken.
    pub seconds: f64,
}

/// How far a push is, for a progress display.
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// A graph is about to be sent.
    Graph {
        /// Its IRI, or "default".
        name: &'a str,
        /// Its position, from 1.
        index: usize,
        /// Graphs in all.
        total: usize,
    },
    /// A graph the state lists as sent is skipped.
    Skipped {
        /// Its IRI, or "default".
        name: &'a str,
    },
    /// A batch was accepted.
    Batch {
        /// Triples in it.
        triples: usize,
    },
}

/// Sends every graph of `store` to the target, named graphs in IRI order
/// and then the default graph (the materialised union), each in batches.
/// Only one batch is held in memory at a time.
pub fn push(
    store: &Store,
    options: &PushOptions,
    mut progress: impl FnMut(Progress<'_>),
) -> Result<PushReport, PushError> {
    let started = Instant::now();
    if options.batch == 0 {
        return Err(PushError::Config("the batch size must be at least 1".into()));
    }
    if !(options.to.starts_with("http://") || options.to.starts_with("https://")) {
        return Err(PushError::Config(format!("{:?} is not an http(s) URL", options.to)));
    }
    let mut state = initial_state(options)?;
    let mut graphs: Vec<GraphName> = Vec::new();
    for graph in store.named_graphs() {
        match graph? {
            NamedOrBlankNode::NamedNode(n) => graphs.push(n.into()),
            // Neither protocol can name a blank-node graph: it would land
            // in the target's default graph and be overwritten there.
            NamedOrBlankNode::BlankNode(b) => {
                return Err(PushError::Config(format!(
                    "the store has a graph named by a blank node ({b}), which neither the Graph Store Protocol nor SPARQL Update can address; rename it to an IRI first"
                )));
            }
        }
    }
    graphs.sort_by_key(graph_label);
    graphs.push(GraphName::DefaultGraph);
    let mut target = Target::new(&options.to, options.mode, options.headers.clone(), options.retry);
    let mut report = PushReport::default();
    let total = graphs.len();
    for (index, graph) in graphs.iter().enumerate() {
        let name = graph_label(graph);
        if state.done.contains(&name) {
            progress(Progress::Skipped { name: &name });
            report.graphs_skipped += 1;
            continue;
        }
        progress(Progress::Graph { name: &name, index: index + 1, total });
        report.triples += send_graph(store, graph, options, &mut target, &mut progress)?;
        report.graphs_sent += 1;
        state.done.insert(name);
        if let Some(path) = &options.state {
            state.save(path)?;
        }
    }
    report.requests = target.requests;
    report.retries = target.retries;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// The state to start from: the saved one when resuming a push to the
/// same target, else an empty one.
fn initial_state(options: &PushOptions) -> Result<PushState, PushError> {
    let fresh = PushState::new(&options.to, options.mode.name());
    let Some(path) = options.state.as_deref().filter(|_| options.resume) else {
        return Ok(fresh);
    };
    match PushState::load(path)? {
        None => Ok(fresh),
        Some(saved) if saved.target == fresh.target && saved.mode == fresh.mode => Ok(saved),
        Some(saved) => Err(PushError::State {
            path: path.to_owned(),
            message: format!(
                "it records a push to {} ({}), not to {} ({}); remove it or give another --state",
                saved.target, saved.mode, fresh.target, fresh.mode
            ),
        }),
    }
}

/// Sends one graph from its start: the first batch replaces the graph on
/// the target (PUT, or CLEAR then INSERT), so a graph interrupted half-way
/// is sent again whole rather than twice. Returns the triples sent.
fn send_graph(
    store: &Store,
    graph: &GraphName,
    options: &PushOptions,
    target: &mut Target,
    progress: &mut impl FnMut(Progress<'_>),
) -> Result<u64, PushError> {
    let mut batch: Vec<Triple> = Vec::with_capacity(options.batch.min(100_000));
    let mut first = true;
    let mut sent = 0;
    let mut flush = |batch: &mut Vec<Triple>, first: &mut bool, target: &mut Target| -> Result<(), PushError> {
        let body = ntriples(batch, graph)?;
        target.send(graph, *first, &body)?;
        *first = false;
        sent += batch.len() as u64;
        progress(Progress::Batch { triples: batch.len() });
        batch.clear();
        Ok(())
    };
    for quad in store.quads_for_pattern(None, None, None, Some(GraphNameRef::from(graph))) {
        let triple = Triple::from(quad?);
        if options.rdf12 {
            batch.push(triple);
        } else {
            batch.extend(ssgr_store::without_triple_terms(triple));
        }
        if batch.len() >= options.batch {
            flush(&mut batch, &mut first, target)?;
        }
    }
    // An empty graph is still sent once, so that the target has it (and
    // holds nothing else in it).
    if !batch.is_empty() || first {
        flush(&mut batch, &mut first, target)?;
    }
    Ok(sent)
}

/// A batch as N-Triples lines.
fn ntriples(batch: &[Triple], graph: &GraphName) -> Result<String, PushError> {
    let error = |e: std::io::Error| PushError::Serialize { graph: graph_label(graph), message: e.to_string() };
    let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for triple in batch {
        serializer.serialize_triple(triple).map_err(error)?;
    }
    let bytes = serializer.finish().map_err(error)?;
    String::from_utf8(bytes).map_err(|e| PushError::Serialize { graph: graph_label(graph), message: e.to_string() })
}
