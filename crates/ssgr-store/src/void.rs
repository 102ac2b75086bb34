//! The dataset's description in VoID and DCAT, computed from the store and
//! kept in `ssgrid:graph/void`.
//!
//! The description lives in a named graph of its own and, like every named
//! graph, in the default graph, so `SELECT * { ?d a void:Dataset }` finds it
//! without a `GRAPH` clause. Its counts describe the default graph *without
//! the description itself*: every triple whose subject is under
//! `ssgrid:void/` is left out, so that the numbers do not count themselves
//! and stay the same when the description is recomputed.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, Triple,
};
use oxigraph::store::Store;
use ssgr_vocab::{dcat, dcterms, rdf, ssgr, ssgrid, void, xsd};

use crate::error::StoreError;

/// Every resource of the description has an IRI under this prefix; triples
/// about them are not counted.
pub const VOID_PREFIX: &str = "https://w3id.org/ssgr/id/void/";

/// Where the description's instance IRIs live, as VoID's `void:uriSpace`.
const URI_SPACE: &str = "https://w3id.org/ssgr/id/";

const TITLE: &str = "ssgr: a knowledge graph of Security Sector Governance and Reform";
const DESCRIPTION: &str = "Organisations, field missions, people, places, topics, publications, engagements and \
     vacancies of security sector governance and reform, read from documents; every statement traced to its \
     sentence. The default graph is the set union of the named graphs with the ontology's entailments.";

/// What [`refresh_void`] needs beyond the store.
#[derive(Debug, Clone, Default)]
pub struct VoidOptions {
    /// The public base URL of the endpoint serving the store
    /// (`http://host:port`): the description then names `<base>/sparql`
    /// as its SPARQL endpoint and `<base>/store` as its dump. `None` keeps
    /// the base of the description already in the store, if any.
    pub base_url: Option<String>,
    /// When the data last changed.
    pub modified: Modified,
}

/// The `dcterms:modified` of a new description.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Modified {
    /// Now: the data just changed.
    #[default]
    Now,
    /// This time (a build: the newest of its documents).
    At(SystemTime),
    /// The date of the description already in the store, or now if there
    /// is none: nothing changed but where the data is served from.
    Keep,
}

/// The figures of a description: the default graph without the
/// description's own triples.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DatasetStatistics {
    /// Triples.
    pub triples: u64,
    /// IRIs that are the subject of an `rdf:type` triple.
    pub entities: u64,
    /// Distinct subjects.
    pub distinct_subjects: u64,
    /// Distinct objects (IRIs, literals and triple terms).
    pub distinct_objects: u64,
    /// Instances per class (the objects of `rdf:type`).
    pub classes: BTreeMap<String, u64>,
    /// Triples per property.
    pub properties: BTreeMap<String, u64>,
    /// The source documents (`ssgr:SourceDocument` instances).
    pub sources: BTreeSet<String>,
    /// Namespaces of the classes and properties used.
    pub vocabularies: BTreeSet<String>,
    /// The licence the ontology states, if it states one.
    pub license: Option<Term>,
}

/// Recomputes the description from the store's default graph and writes it
/// into `ssgrid:graph/void` and the default graph, in one transaction.
/// Call it after the default graph changes (after
/// [`crate::refresh_default_graph`] and the analytics). An empty dataset
/// gets no description.
pub fn refresh_void(store: &Store, options: &VoidOptions) -> Result<DatasetStatistics, StoreError> {
    let (statistics, stale) = scan(store)?;
    let base = match &options.base_url {
        Some(base) => Some(base.trim_end_matches('/').to_owned()),
        None => stored_base(store)?,
    };
    let modified = match options.modified {
        Modified::Now => Literal::new_typed_literal(date_time(SystemTime::now()), xsd::DATE_TIME),
        Modified::At(time) => Literal::new_typed_literal(date_time(time), xsd::DATE_TIME),
        Modified::Keep => stored_modified(store)?
            .unwrap_or_else(|| Literal::new_typed_literal(date_time(SystemTime::now()), xsd::DATE_TIME)),
    };
    // An empty dataset gets no description: a store emptied through the
    // endpoint stays empty.
    let triples = if statistics.triples == 0 { Vec::new() } else { describe(&statistics, base.as_deref(), modified) };
    let mut transaction = store.start_transaction()?;
    transaction.clear_graph(GraphNameRef::NamedNode(ssgrid::GRAPH_VOID))?;
    for quad in &stale {
        transaction.remove(quad);
    }
    for triple in &triples {
        transaction.insert(&triple.clone().in_graph(ssgrid::GRAPH_VOID));
        transaction.insert(&triple.clone().in_graph(GraphName::DefaultGraph));
    }
    transaction.commit()?;
    tracing::debug!(triples = statistics.triples, described = triples.len(), "VoID description refreshed");
    Ok(statistics)
}

/// The newest modification time of the documents under `inputs`: the
/// `dcterms:modified` of a build, so that two builds of the same files
/// give the same description.
pub fn newest_modification(inputs: &[PathBuf]) -> Option<SystemTime> {
    let documents = crate::collect_documents(inputs).ok()?;
    documents.into_iter().flatten().filter_map(|path| path.metadata().ok()?.modified().ok()).max()
}

/// The description's triples for these figures. With a base URL, the
/// SPARQL endpoint and the dump are named too.
pub fn describe(statistics: &DatasetStatistics, base_url: Option<&str>, modified: Literal) -> Vec<Triple> {
    let dataset = ssgrid::VOID_DATASET;
    let mut out = Vec::new();
    let mut add = |s: NamedNodeRef<'_>, p: NamedNodeRef<'_>, o: Term| out.push(Triple::new(s, p, o));
    add(dataset, rdf::TYPE, void::DATASET.into());
    add(dataset, rdf::TYPE, dcat::DATASET.into());
    add(dataset, dcterms::TITLE, Literal::new_language_tagged_literal_unchecked(TITLE, "en").into());
    add(dataset, dcterms::DESCRIPTION, Literal::new_language_tagged_literal_unchecked(DESCRIPTION, "en").into());
    add(dataset, dcterms::MODIFIED, modified.into());
    if let Some(license) = &statistics.license {
        add(dataset, dcterms::LICENSE, license.clone());
    }
    add(dataset, void_term("uriSpace").as_ref(), Literal::new_simple_literal(URI_SPACE).into());
    let figures = [
        (void::TRIPLES, statistics.triples),
        (void::ENTITIES, statistics.entities),
        (void::DISTINCT_SUBJECTS, statistics.distinct_subjects),
        (void::DISTINCT_OBJECTS, statistics.distinct_objects),
        (void::CLASSES, statistics.classes.len() as u64),
        (void::PROPERTIES, statistics.properties.len() as u64),
    ];
    for (property, value) in figures {
        add(dataset, property, count(value));
    }
    for source in &statistics.sources {
        add(dataset, dcterms::SOURCE, NamedNode::new_unchecked(source.as_str()).into());
    }
    for vocabulary in &statistics.vocabularies {
        add(dataset, void::VOCABULARY, NamedNode::new_unchecked(vocabulary.as_str()).into());
    }
    for (class, instances) in &statistics.classes {
        let partition = partition_iri("class", class);
        add(dataset, void::CLASS_PARTITION, partition.clone().into());
        add(partition.as_ref(), void::CLASS, NamedNode::new_unchecked(class.as_str()).into());
        add(partition.as_ref(), void::ENTITIES, count(*instances));
    }
    for (property, triples) in &statistics.properties {
        let partition = partition_iri("property", property);
        add(dataset, void::PROPERTY_PARTITION, partition.clone().into());
        add(partition.as_ref(), void::PROPERTY, NamedNode::new_unchecked(property.as_str()).into());
        add(partition.as_ref(), void::TRIPLES, count(*triples));
    }
    if let Some(base) = base_url {
        out.extend(endpoint_triples(base));
    }
    out
}

/// The triples that name where the dataset is served from `base_url`: the
/// SPARQL endpoint and the dump, as VoID properties and DCAT distributions.
/// The server swaps these for its own public URL when it serves the
/// description.
pub fn endpoint_triples(base_url: &str) -> Vec<Triple> {
    let base = base_url.trim_end_matches('/');
    let (Ok(sparql), Ok(dump)) = (NamedNode::new(format!("{base}/sparql")), NamedNode::new(format!("{base}/store")))
    else {
        return Vec::new();
    };
    let dataset = ssgrid::VOID_DATASET;
    let endpoint = NamedNode::new_unchecked(format!("{VOID_PREFIX}distribution/sparql"));
    let download = NamedNode::new_unchecked(format!("{VOID_PREFIX}distribution/dump"));
    let text = |s: &str| Term::from(Literal::new_simple_literal(s));
    vec![
        Triple::new(dataset, void::SPARQL_ENDPOINT, sparql.clone()),
        Triple::new(dataset, void::DATA_DUMP, dump.clone()),
        Triple::new(dataset, dcat::HAS_DISTRIBUTION, endpoint.clone()),
        Triple::new(dataset, dcat::HAS_DISTRIBUTION, download.clone()),
        Triple::new(endpoint.clone(), rdf::TYPE, dcat::DISTRIBUTION),
        Triple::new(endpoint.clone(), dcterms::TITLE, text("SPARQL 1.1 endpoint")),
        Triple::new(endpoint.clone(), dcat::ACCESS_URL, sparql),
        Triple::new(endpoint, dcat::MEDIA_TYPE, text("application/sparql-results+json")),
        Triple::new(download.clone(), rdf::TYPE, dcat::DISTRIBUTION),
        Triple::new(download.clone(), dcterms::TITLE, text("The whole dataset (Graph Store GET)")),
        Triple::new(download.clone(), dcat::DOWNLOAD_URL, dump),
        Triple::new(download, dcat::MEDIA_TYPE, text("application/trig")),
    ]
}

/// Whether `triple` is one of those [`endpoint_triples`] makes, for any base.
pub fn is_endpoint_triple(triple: &Triple) -> bool {
    let distribution = |s: &NamedOrBlankNode| matches!(s, NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(&format!("{VOID_PREFIX}distribution/")));
    distribution(&triple.subject)
        || (triple.subject == ssgrid::VOID_DATASET.into()
            && [void::SPARQL_ENDPOINT, void::DATA_DUMP, dcat::HAS_DISTRIBUTION].contains(&triple.predicate.as_ref()))
}

/// The description as stored, for serving.
pub fn stored_void(store: &Store) -> Result<Vec<Triple>, StoreError> {
    let graph = GraphNameRef::NamedNode(ssgrid::GRAPH_VOID);
    store.quads_for_pattern(None, None, None, Some(graph)).map(|quad| Ok(Triple::from(quad?))).collect()
}

/// The figures of the default graph, and the description's own triples in
/// it (to be replaced).
fn scan(store: &Store) -> Result<(DatasetStatistics, Vec<Quad>), StoreError> {
    let mut statistics = DatasetStatistics::default();
    let mut stale = Vec::new();
    // Distinct terms are counted by 64-bit fingerprints rather than held:
    // the default graph of a large corpus has millions of distinct objects
    // (every evidence sentence), and holding them took most of a build's
    // peak memory. A collision would undercount by one; at 10^7 terms its
    // chance is about 3 in a million.
    let mut subjects: HashSet<u64> = HashSet::new();
    let mut objects: HashSet<u64> = HashSet::new();
    let mut classes: HashMap<NamedNode, u64> = HashMap::new();
    let mut properties: HashMap<NamedNode, u64> = HashMap::new();
    let ontology = NamedNodeRef::new_unchecked(ssgr::NS.trim_end_matches('#'));
    for quad in store.quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph)) {
        let quad = quad?;
        if is_description(&quad.subject) {
            stale.push(quad);
            continue;
        }
        statistics.triples += 1;
        *properties.entry(quad.predicate.clone()).or_default() += 1;
        if quad.predicate == rdf::TYPE {
            if let Term::NamedNode(class) = &quad.object {
                *classes.entry(class.clone()).or_default() += 1;
                if class.as_ref() == ssgr::SOURCE_DOCUMENT {
                    statistics.sources.insert(subject_iri(&quad.subject));
                }
            }
        }
        if quad.predicate == dcterms::LICENSE && quad.subject == ontology.into() {
            statistics.license = Some(quad.object.clone());
        }
        subjects.insert(fingerprint(&quad.subject));
        objects.insert(fingerprint(&quad.object));
    }
    statistics.entities = entities(store)?;
    statistics.distinct_subjects = subjects.len() as u64;
    statistics.distinct_objects = objects.len() as u64;
    for iri in classes.keys().chain(properties.keys()) {
        statistics.vocabularies.insert(namespace(iri.as_str()).to_owned());
    }
    statistics.classes = classes.into_iter().map(|(c, n)| (c.into_string(), n)).collect();
    statistics.properties = properties.into_iter().map(|(p, n)| (p.into_string(), n)).collect();
    Ok((statistics, stale))
}

/// IRIs with a type, outside the description. The default graph is a set,
/// so distinct subjects of `rdf:type` are counted once each.
fn entities(store: &Store) -> Result<u64, StoreError> {
    let mut typed: HashSet<u64> = HashSet::new();
    for quad in store.quads_for_pattern(None, Some(rdf::TYPE), None, Some(GraphNameRef::DefaultGraph)) {
        let quad = quad?;
        if matches!(quad.subject, NamedOrBlankNode::NamedNode(_)) && !is_description(&quad.subject) {
            typed.insert(fingerprint(&quad.subject));
        }
    }
    Ok(typed.len() as u64)
}

/// A deterministic 64-bit fingerprint of a term, for counting distinct ones.
fn fingerprint(term: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    term.hash(&mut hasher);
    hasher.finish()
}

/// The `dcterms:modified` of the description in the store.
fn stored_modified(store: &Store) -> Result<Option<Literal>, StoreError> {
    let graph = GraphNameRef::NamedNode(ssgrid::GRAPH_VOID);
    let pattern =
        store.quads_for_pattern(Some(ssgrid::VOID_DATASET.into()), Some(dcterms::MODIFIED), None, Some(graph));
    for quad in pattern {
        if let Term::Literal(date) = quad?.object {
            return Ok(Some(date));
        }
    }
    Ok(None)
}

/// The base URL of the description in the store, from its SPARQL endpoint.
fn stored_base(store: &Store) -> Result<Option<String>, StoreError> {
    let graph = GraphNameRef::NamedNode(ssgrid::GRAPH_VOID);
    let pattern =
        store.quads_for_pattern(Some(ssgrid::VOID_DATASET.into()), Some(void::SPARQL_ENDPOINT), None, Some(graph));
    for quad in pattern {
        if let Term::NamedNode(endpoint) = quad?.object {
            if let Some(base) = endpoint.as_str().strip_suffix("/sparql") {
                return Ok(Some(base.to_owned()));
            }
        }
    }
    Ok(None)
}

fn is_description(subject: &NamedOrBlankNode) -> bool {
    matches!(subject, NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(VOID_PREFIX))
}

fn subject_iri(subject: &NamedOrBlankNode) -> String {
    match subject {
        NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
        NamedOrBlankNode::BlankNode(b) => b.to_string(),
    }
}

fn void_term(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{local}", void::NS))
}

fn count(n: u64) -> Term {
    Literal::new_typed_literal(n.to_string(), xsd::INTEGER).into()
}

/// The namespace of a term: up to its last `#` or `/`.
fn namespace(iri: &str) -> &str {
    iri.rfind(['#', '/']).map_or(iri, |i| &iri[..=i])
}

/// A partition's IRI: `void/<kind>/<prefix>-<local>` for a term of a known
/// namespace whose local name is plain, otherwise a hash of the term's IRI
/// (stable across builds and platforms).
fn partition_iri(kind: &str, term: &str) -> NamedNode {
    let known = ssgr_vocab::PREFIXES.iter().chain(EXTRA_PREFIXES).find_map(|(prefix, ns)| {
        let local = term.strip_prefix(ns)?;
        let plain = !local.is_empty() && local.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        plain.then(|| format!("{prefix}-{local}"))
    });
    let name = known.unwrap_or_else(|| format!("h{:016x}", fnv1a(term.as_bytes())));
    NamedNode::new_unchecked(format!("{VOID_PREFIX}{kind}/{name}"))
}

/// Namespaces of the description's own terms, for readable partition IRIs.
const EXTRA_PREFIXES: &[(&str, &str)] = &[("void", void::NS), ("dcat", dcat::NS)];

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// `time` as an `xsd:dateTime` in UTC, to the second.
fn date_time(time: SystemTime) -> String {
    let seconds = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = ((seconds / 86_400) as i64, seconds % 86_400);
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn dates_are_utc_date_times() {
        assert_eq!(date_time(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        // 2024-02-29T12:34:56Z, a leap day.
        assert_eq!(date_time(UNIX_EPOCH + Duration::from_secs(1_709_210_096)), "2024-02-29T12:34:56Z");
        assert_eq!(date_time(UNIX_EPOCH + Duration::from_secs(951_782_400)), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn partitions_of_known_namespaces_are_readable_and_others_hashed() {
        assert_eq!(
            partition_iri("class", ssgr::SOURCE_DOCUMENT.as_str()).as_str(),
            format!("{VOID_PREFIX}class/ssgr-SourceDocument")
        );
        let odd = partition_iri("property", "http://example.org/a b");
        assert!(odd.as_str().starts_with(&format!("{VOID_PREFIX}property/h")), "{odd}");
        assert_ne!(odd, partition_iri("property", "http://example.org/a c"));
    }

    #[test]
    fn namespaces_end_at_the_last_hash_or_slash() {
        assert_eq!(namespace("http://www.w3.org/ns/org#hasUnit"), "http://www.w3.org/ns/org#");
        assert_eq!(namespace("https://schema.org/Country"), "https://schema.org/");
    }

    #[test]
    fn endpoint_triples_are_recognised_and_nothing_else_is() {
        let served = endpoint_triples("http://example.org:8080/");
        assert!(served.iter().all(is_endpoint_triple));
        assert!(served.iter().any(|t| t.object == NamedNode::new_unchecked("http://example.org:8080/sparql").into()));
        let stats = DatasetStatistics { triples: 3, ..DatasetStatistics::default() };
        let plain = describe(&stats, None, Literal::new_simple_literal("2000-01-01"));
        assert!(!plain.iter().any(is_endpoint_triple));
        assert!(plain.iter().all(|t| is_description(&t.subject)), "every subject is under {VOID_PREFIX}");
    }
}
