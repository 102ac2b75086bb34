//! Building the store from documents.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use oxigraph::model::{GraphName, NamedNode, Quad, Term, Triple};
use oxigraph::store::Store;
use rayon::prelude::*;
use ssgr_extract::{Diagnostic, Document, Extraction, Extractor, Lexicon, ReadOptions, read_document};
use ssgr_vocab::{rdf, ssgr, ssgrid};

use crate::default_graph::default_graph;
use crate::error::StoreError;
use crate::generations::{new_generation, open_store, publish};

/// Where the graph is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// In memory, gone when the process ends.
    Memory,
    /// A store directory on disk (RocksDB), replaced atomically.
    Disk(PathBuf),
}

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Files and folders (read recursively) of documents.
    pub inputs: Vec<PathBuf>,
    /// Where to keep the graph.
    pub location: Location,
    /// Limits on reading each document.
    pub read: ReadOptions,
}

impl BuildOptions {
    /// Options with the default read limits.
    pub fn new(inputs: Vec<PathBuf>, location: Location) -> Self {
        Self { inputs, location, read: ReadOptions::default() }
    }
}

/// Progress of a build, for a progress bar.
#[derive(Debug, Clone)]
pub enum Progress {
    /// Documents to read.
    Started {
        /// How many.
        total: usize,
    },
    /// One more document was read (or failed).
    Read,
    /// All documents are read; names are being extracted.
    Extracting,
    /// All documents are read; the store is being written.
    Loading,
}

/// A document that could not be read, and why.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The document.
    pub path: PathBuf,
    /// Why it could not be read.
    pub reason: String,
}

/// What a build did.
pub struct BuildReport {
    /// The built store, open.
    pub store: Store,
    /// Documents read.
    pub documents: usize,
    /// Documents that could not be read.
    pub failures: Vec<Failure>,
    /// Notes on documents that were read.
    pub diagnostics: Vec<(PathBuf, Diagnostic)>,
    /// Triples in the default graph.
    pub triples: usize,
    /// Quads in the store, all graphs together.
    pub quads: usize,
    /// Entities per class of the ontology (local name), after entailment.
    pub entities: BTreeMap<String, usize>,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// Every document under `inputs`: files as given, folders recursively
/// (hidden entries skipped), sorted by path.
pub fn collect_documents(inputs: &[PathBuf]) -> Result<Vec<Result<PathBuf, Failure>>, StoreError> {
    let mut out = Vec::new();
    for input in inputs {
        if !input.exists() && input.symlink_metadata().is_err() {
            return Err(StoreError::Input { path: input.clone(), message: "no such file or directory".into() });
        }
        let walker = walkdir::WalkDir::new(input).follow_links(true).sort_by_file_name();
        let entries =
            walker.into_iter().filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in entries {
            match entry {
                Ok(e) if e.file_type().is_file() => out.push(Ok(e.into_path())),
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => out.push(Err(Failure { path: e.into_path(), reason: "not a regular file".into() })),
                Err(e) => {
                    let path = e.path().map_or_else(|| input.clone(), Path::to_owned);
                    out.push(Err(Failure { path, reason: e.to_string() }));
                }
            }
        }
    }
    Ok(out)
}

/// Builds the graph of the documents under `options.inputs`.
pub fn build(options: &BuildOptions, progress: impl Fn(Progress) + Sync) -> Result<BuildReport, StoreError> {
    let started = Instant::now();
    let extractor = Extractor::new()?;
    let listed = collect_documents(&options.inputs)?;
    progress(Progress::Started { total: listed.len() });
    let stems = unique_stems(&listed);
    // First pass: read every document and learn the acronyms it defines.
    let read: Vec<Result<Document, Failure>> = listed
        .into_par_iter()
        .zip(stems)
        .map(|(item, stem)| {
            let result = item.and_then(|path| {
                read_document(&path, &options.read)
                    .map(|mut doc| {
                        doc.stem = stem;
                        doc
                    })
                    .map_err(|e| Failure { path: path.clone(), reason: e.to_string() })
            });
            progress(Progress::Read);
            result
        })
        .collect();
    let mut documents = Vec::new();
    let mut failures = Vec::new();
    for r in read {
        match r {
            Ok(d) => documents.push(d),
            Err(f) => failures.push(f),
        }
    }
    let lexicon = documents.par_iter().map(|d| extractor.learn(d)).reduce(Lexicon::default, |mut a, b| {
        a.merge(b);
        a
    });
    // Second pass: extract each document knowing the whole corpus's acronyms.
    progress(Progress::Extracting);
    let extractions: Vec<Extraction> = documents.par_iter().map(|d| extractor.extract_with(d, &lexicon)).collect();
    drop(documents);
    let diagnostics =
        extractions.iter().flat_map(|e| e.diagnostics.iter().map(|d| (PathBuf::from(&e.stem), d.clone()))).collect();
    progress(Progress::Loading);
    let quads = dataset_quads(&extractions)?;
    let entities = count_entities(&quads);
    let triples = quads.iter().filter(|q| q.graph_name == GraphName::DefaultGraph).count();
    let store = load(&options.location, &quads)?;
    Ok(BuildReport {
        store,
        documents: extractions.len(),
        failures,
        diagnostics,
        triples,
        quads: quads.len(),
        entities,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Gives each document a stem of its own: two documents with one file
/// stem ("a/x.txt", "b/x.html") get "x" and "x-2" in path order, so that
/// their IRIs and graphs stay apart.
fn unique_stems(paths: &[Result<PathBuf, Failure>]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    paths
        .iter()
        .map(|p| {
            let stem = p
                .as_ref()
                .ok()
                .and_then(|p| p.file_stem())
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            let n = seen.entry(stem.clone()).or_default();
            *n += 1;
            if *n > 1 { format!("{stem}-{n}") } else { stem }
        })
        .collect()
}

/// The whole dataset: the ontology graph, one graph per document, the links
/// graph, and the default graph (their union as a set, plus entailments).
pub fn dataset_quads(extractions: &[Extraction]) -> Result<Vec<Quad>, StoreError> {
    let mut ontology = ssgr_vocab::ontology_triples().map_err(ssgr_extract::SetupError::from)?;
    ontology.extend(ssgr_vocab::topic_triples().map_err(ssgr_extract::SetupError::from)?);
    let links: HashSet<Triple> = extractions.iter().flat_map(|e| e.links.iter().cloned()).collect();
    let mut links: Vec<Triple> = links.into_iter().collect();
    links.sort_by_cached_key(ToString::to_string);
    let mut graphs: Vec<&[Triple]> = vec![&ontology, &links];
    graphs.extend(extractions.iter().map(|e| e.triples.as_slice()));
    let default = default_graph(&ontology, &graphs);

    let in_graph = |triples: &[Triple], graph: &NamedNode| -> Vec<Quad> {
        triples.iter().map(|t| t.clone().in_graph(graph.clone())).collect()
    };
    let mut quads = in_graph(&ontology, &ssgrid::GRAPH_ONTOLOGY.into_owned());
    quads.extend(in_graph(&links, &ssgrid::GRAPH_LINKS.into_owned()));
    for e in extractions {
        quads.extend(in_graph(&e.triples, &e.graph));
    }
    quads.extend(default.into_iter().map(|t| t.in_graph(GraphName::DefaultGraph)));
    Ok(quads)
}

fn count_entities(quads: &[Quad]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for q in quads.iter().filter(|q| q.graph_name == GraphName::DefaultGraph && q.predicate == rdf::TYPE) {
        if let Term::NamedNode(class) = &q.object {
            if let Some(local) = class.as_str().strip_prefix(ssgr::NS) {
                *counts.entry(local.to_owned()).or_insert(0) += 1;
            }
        }
    }
    counts
}

fn load(location: &Location, quads: &[Quad]) -> Result<Store, StoreError> {
    match location {
        Location::Memory => {
            let store = Store::new()?;
            bulk_load(&store, quads)?;
            Ok(store)
        }
        Location::Disk(dir) => {
            let generation = new_generation(dir)?;
            {
                let store = Store::open(&generation)?;
                bulk_load(&store, quads)?;
                store.flush()?;
            }
            publish(dir, &generation)?;
            open_store(dir, false)
        }
    }
}

fn bulk_load(store: &Store, quads: &[Quad]) -> Result<(), StoreError> {
    let mut loader = store.bulk_loader();
    loader.load_quads(quads.iter().cloned())?;
    loader.commit()?;
    Ok(())
}
