//! Building the store from documents.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use oxigraph::model::{Term, Triple};
use oxigraph::store::Store;
use rayon::prelude::*;
use ssgr_extract::{Diagnostic, Document, Extraction, Extractor, Lexicon, ReadOptions, read_document};
use ssgr_vocab::{id, ssgr};

use crate::error::StoreError;
use crate::generations::{new_generation, open_store, publish};
use crate::load::{Loader, default_graph_len, one_label_each};
use crate::query::select;

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
    /// One more document was read (or failed) in the first pass.
    Read,
    /// The second pass starts: documents to extract.
    Extracting {
        /// How many.
        total: usize,
    },
    /// One more document was extracted.
    Extracted,
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
    /// Wall-clock seconds, in all.
    pub seconds: f64,
    /// Seconds of the first pass (reading and learning acronyms).
    pub read_seconds: f64,
    /// Seconds spent extracting in the second pass (the rest is loading).
    pub extract_seconds: f64,
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

/// How many documents are extracted before their triples go to the store.
const CHUNK: usize = 256;

/// Builds the graph of the documents under `options.inputs`.
///
/// Two passes: the first reads every document and learns the acronyms the
/// corpus defines; the second extracts the documents a chunk at a time and
/// streams their triples into the store, so memory holds one chunk.
pub fn build(options: &BuildOptions, progress: impl Fn(Progress) + Sync) -> Result<BuildReport, StoreError> {
    let started = Instant::now();
    let extractor = Extractor::new()?;
    let listed = collect_documents(&options.inputs)?;
    progress(Progress::Started { total: listed.len() });
    let stems = unique_stems(&listed);
    let mut failures = Vec::new();
    let mut paths = Vec::new();
    for (item, stem) in listed.into_iter().zip(stems) {
        match item {
            Ok(path) => paths.push((path, stem)),
            Err(failure) => failures.push(failure),
        }
    }
    let read = |path: &PathBuf, stem: &str| -> Result<Document, Failure> {
        let mut doc =
            read_document(path, &options.read).map_err(|e| Failure { path: path.clone(), reason: e.to_string() })?;
        doc.stem = stem.to_owned();
        Ok(doc)
    };

    let learned: Vec<Result<Lexicon, Failure>> = paths
        .par_iter()
        .map(|(path, stem)| {
            let lexicon = read(path, stem).map(|doc| extractor.learn(&doc));
            progress(Progress::Read);
            lexicon
        })
        .collect();
    let mut lexicon = Lexicon::default();
    let mut readable = Vec::new();
    for (result, item) in learned.into_iter().zip(paths) {
        match result {
            Ok(learned) => {
                lexicon.merge(learned);
                readable.push(item);
            }
            Err(failure) => failures.push(failure),
        }
    }
    lexicon.compile();
    let read_seconds = started.elapsed().as_secs_f64();

    progress(Progress::Extracting { total: readable.len() });
    let target = Target::open(&options.location)?;
    let ontology = ontology_triples()?;
    let mut loader = Loader::new(&target.store, &ontology)?;
    let mut diagnostics = Vec::new();
    let mut documents = 0;
    let mut extract_seconds = 0.0;
    for chunk in readable.chunks(CHUNK) {
        let chunk_started = Instant::now();
        let extractions: Vec<Result<Extraction, Failure>> = chunk
            .par_iter()
            .map(|(path, stem)| {
                let extraction = read(path, stem).map(|doc| extractor.extract_with(&doc, &lexicon));
                progress(Progress::Extracted);
                extraction
            })
            .collect();
        extract_seconds += chunk_started.elapsed().as_secs_f64();
        for extraction in extractions {
            match extraction {
                Ok(e) => {
                    loader.add(&e)?;
                    diagnostics.extend(e.diagnostics.into_iter().map(|d| (PathBuf::from(&e.stem), d)));
                    documents += 1;
                }
                Err(failure) => failures.push(failure),
            }
        }
    }
    progress(Progress::Loading);
    tracing::info!(seconds = started.elapsed().as_secs_f64(), "extracted; committing");
    loader.commit()?;
    tracing::info!(seconds = started.elapsed().as_secs_f64(), "committed; fixing labels");
    let relabelled = one_label_each(&target.store)?;
    tracing::info!(seconds = started.elapsed().as_secs_f64(), relabelled, "labels fixed; publishing");
    let store = target.publish()?;
    let (triples, quads, entities) = (default_graph_len(&store)?, store.len()?, count_entities(&store)?);
    tracing::info!(seconds = started.elapsed().as_secs_f64(), "counted");
    Ok(BuildReport {
        triples,
        quads,
        entities,
        store,
        documents,
        failures,
        diagnostics,
        seconds: started.elapsed().as_secs_f64(),
        read_seconds,
        extract_seconds,
    })
}

/// The store a build writes: in memory, or a new generation on disk that
/// replaces the current one only when the build is complete.
struct Target {
    store: Store,
    generation: Option<(PathBuf, PathBuf)>,
}

impl Target {
    fn open(location: &Location) -> Result<Self, StoreError> {
        Ok(match location {
            Location::Memory => Self { store: Store::new()?, generation: None },
            Location::Disk(dir) => {
                let generation = new_generation(dir)?;
                Self { store: Store::open(&generation)?, generation: Some((dir.clone(), generation)) }
            }
        })
    }

    /// Makes the build the current graph, and returns it open.
    fn publish(self) -> Result<Store, StoreError> {
        let Some((dir, generation)) = self.generation else { return Ok(self.store) };
        self.store.flush()?;
        drop(self.store);
        publish(&dir, &generation)?;
        open_store(&dir, false)
    }
}

fn ontology_triples() -> Result<Vec<Triple>, StoreError> {
    let mut ontology = ssgr_vocab::ontology_triples().map_err(ssgr_extract::SetupError::from)?;
    ontology.extend(ssgr_vocab::topic_triples().map_err(ssgr_extract::SetupError::from)?);
    Ok(ontology)
}

/// Entities per class of the ontology, counted in the default graph.
fn count_entities(store: &Store) -> Result<BTreeMap<String, usize>, StoreError> {
    let query = format!(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?c FILTER(STRSTARTS(STR(?c), \"{}\")) }} GROUP BY ?c",
        ssgr::NS
    );
    let mut counts = BTreeMap::new();
    for row in select(store, &query)? {
        if let (Some(Term::NamedNode(c)), Some(Term::Literal(n))) = (row.get("c"), row.get("n")) {
            let local = c.as_str().trim_start_matches(ssgr::NS).to_owned();
            counts.insert(local, n.value().parse().unwrap_or(0));
        }
    }
    Ok(counts)
}

/// Gives each document a stem of its own, one that names a graph and
/// evidence of its own: documents whose file stems are equal ("a/x.txt",
/// "b/x.html") or only slug alike ("annual report", "annual-report"; two
/// long names cut to one slug) get "x", "x-2", … in path order, or "2-…"
/// where the suffix would be cut off, so that their IRIs stay apart.
fn unique_stems(paths: &[Result<PathBuf, Failure>]) -> Vec<String> {
    // The graph's IRI folds case and the evidence's is cut shorter: a stem
    // is free when neither is taken.
    let keys = |stem: &str| [id::entity(id::Kind::Graph, stem).into_string(), id::evidence_prefix(stem)];
    let mut taken: HashSet<String> = HashSet::new();
    // The last suffix given to each stem: the k-th "index.html" does not
    // try every suffix before its own.
    let mut last_suffix: HashMap<String, usize> = HashMap::new();
    paths
        .iter()
        .map(|p| {
            let stem = p
                .as_ref()
                .ok()
                .and_then(|p| p.file_stem())
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            let stem_keys = keys(&stem);
            let n = last_suffix.entry(stem.clone()).or_insert(1);
            let (mut candidate, mut candidate_keys) = (stem.clone(), stem_keys.clone());
            while candidate_keys.iter().any(|k| taken.contains(k)) {
                *n += 1;
                candidate = format!("{stem}-{n}");
                candidate_keys = keys(&candidate);
                if candidate_keys.iter().zip(&stem_keys).any(|(c, s)| c == s) {
                    // A long stem's slug was cut before the suffix.
                    candidate = format!("{n}-{stem}");
                    candidate_keys = keys(&candidate);
                }
            }
            taken.extend(candidate_keys);
            candidate
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(names: &[&str]) -> Vec<String> {
        let paths: Vec<Result<PathBuf, Failure>> = names.iter().map(|n| Ok(PathBuf::from(n))).collect();
        unique_stems(&paths)
    }

    #[test]
    fn documents_whose_stems_slug_alike_get_graphs_of_their_own() {
        assert_eq!(stems(&["a/x.txt", "b/x.html", "c/x-2.md"]), ["x", "x-2", "x-2-2"]);
        assert_eq!(stems(&["a/annual report.txt", "b/annual-report.txt"]), ["annual report", "annual-report-2"]);
        let long = "a report with a file name far longer than any slug may be ".repeat(3);
        let named = stems(&[&format!("{long}one.txt"), &format!("{long}two.txt")]);
        assert_eq!(named[1], format!("2-{long}two"));
        let graphs: HashSet<_> = named.iter().map(|s| id::entity(id::Kind::Graph, s)).collect();
        assert_eq!(graphs.len(), 2);
    }

    #[test]
    fn documents_whose_slugs_part_past_the_evidence_cut_get_evidence_of_their_own() {
        // Slugs equal for 110 characters: the graph IRIs differ, the
        // evidence prefixes (cut shorter) would not.
        let base = "x".repeat(110);
        let named = stems(&[&format!("{base}-a.txt"), &format!("{base}-b.txt")]);
        let prefixes: HashSet<_> = named.iter().map(|s| id::evidence_prefix(s)).collect();
        let graphs: HashSet<_> = named.iter().map(|s| id::entity(id::Kind::Graph, s)).collect();
        assert_eq!((prefixes.len(), graphs.len()), (2, 2), "{named:?}");
    }

    #[test]
    fn many_documents_of_one_stem_are_numbered_in_order() {
        let names: Vec<String> = (0..5).map(|i| format!("d{i}/index.html")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(stems(&names), ["index", "index-2", "index-3", "index-4", "index-5"]);
    }
}
