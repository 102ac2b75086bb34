//! What the default graph says of one entity: its statements, the
//! statements that point to it, the labels and classes of its neighbours,
//! and the evidence (RDF 1.2 reifiers) of each statement shown.

use std::collections::HashSet;
use std::time::Duration;

use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::sparql::CancellationToken;
use ssgr_store::Store;
use ssgr_vocab::{owl, rdf, skos, ssgrid};

use super::evidence::{Evidence, evidence, link_sources};
use super::labels::{Labels, short};
use crate::error::ServerError;

/// At most this many outgoing statements are listed (sorted by label).
pub(crate) const OUTGOING_LIMIT: usize = 500;
/// At most this many incoming statements are listed; the rest are counted.
pub(crate) const INCOMING_LIMIT: usize = 100;
/// At most this many pieces of evidence are listed; the rest are counted.
pub(crate) const EVIDENCE_LIMIT: usize = 200;

/// Properties whose IRI values are the same thing in another dataset.
pub(super) const LINKING: [NamedNodeRef<'static>; 4] = [
    owl::SAME_AS,
    NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#exactMatch"),
    NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#closeMatch"),
    NamedNodeRef::new_unchecked("http://www.w3.org/2000/01/rdf-schema#seeAlso"),
];

/// Evidence records live under this prefix; they point to documents and
/// to `ssgr:Evidence`, and are shown as evidence rather than as relations.
fn is_evidence_record(term: &NamedOrBlankNode) -> bool {
    matches!(term, NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(&format!("{}evidence/", ssgrid::NS)))
}

/// How long the lookup may take: the query token and the limit it stands
/// for (named in the error when the token stops the work).
#[derive(Clone)]
pub(crate) struct Budget {
    pub(crate) token: CancellationToken,
    pub(crate) timeout: Duration,
}

impl Budget {
    pub(super) fn check(&self) -> Result<(), ServerError> {
        if self.token.is_cancelled() { Err(ServerError::Timeout(self.timeout)) } else { Ok(()) }
    }
}

/// A term with its label, if the graph names it.
#[derive(Debug, Clone)]
pub(crate) struct Labelled {
    pub(crate) term: Term,
    pub(crate) label: Option<String>,
}

impl Labelled {
    /// What to show: the label, else a short form of the term.
    pub(crate) fn display(&self) -> String {
        self.label.clone().unwrap_or_else(|| short(self.term.as_ref()))
    }
}

/// One statement, each part labelled.
#[derive(Debug, Clone)]
pub(crate) struct Statement {
    pub(crate) subject: Labelled,
    pub(crate) property: Labelled,
    pub(crate) value: Labelled,
}

/// Which dataset an external link goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkKind {
    Wikidata,
    GeoNames,
    Other,
}

impl LinkKind {
    fn of(iri: &str) -> Self {
        let rest = iri.trim_start_matches("https://").trim_start_matches("http://");
        if rest.starts_with("www.wikidata.org/entity/") {
            Self::Wikidata
        } else if rest.starts_with("sws.geonames.org/") || rest.starts_with("www.geonames.org/") {
            Self::GeoNames
        } else {
            Self::Other
        }
    }

    /// The name used in the JSON (`wikidata`, `geonames`, `other`).
    pub(crate) fn key(self) -> &'static str {
        match self {
            Self::Wikidata => "wikidata",
            Self::GeoNames => "geonames",
            Self::Other => "other",
        }
    }
}

/// An IRI of the same thing elsewhere.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    pub(crate) iri: NamedNode,
    pub(crate) kind: LinkKind,
    /// Where the link was taken from (`dcterms:source` on its reifier).
    pub(crate) sources: Vec<NamedNode>,
}

/// Everything shown about one entity.
#[derive(Debug)]
pub(crate) struct Description {
    pub(crate) entity: Labelled,
    pub(crate) iri: NamedNode,
    /// The entity's label and other names, for marking them in sentences.
    pub(crate) names: Vec<String>,
    pub(crate) classes: Vec<Labelled>,
    pub(crate) links: Vec<Link>,
    /// Statements with the entity as subject, other than classes and links.
    pub(crate) outgoing: Vec<Statement>,
    pub(crate) outgoing_total: usize,
    /// Statements with the entity as object, evidence records aside.
    pub(crate) incoming: Vec<Statement>,
    pub(crate) incoming_total: usize,
    /// Evidence records that point to the entity (a document they were
    /// read in, a class).
    pub(crate) evidence_records: usize,
    pub(crate) evidence: Vec<Evidence>,
    pub(crate) evidence_total: usize,
    /// The description as RDF: the entity's statements, its neighbours'
    /// labels and classes, the incoming statements listed, the evidence.
    pub(crate) triples: Vec<Triple>,
}

/// Whether the default graph mentions the IRI at all.
pub(crate) fn exists(store: &Store, iri: NamedNodeRef<'_>) -> Result<bool, ServerError> {
    let default = Some(GraphNameRef::DefaultGraph);
    let mut patterns = [
        store.quads_for_pattern(Some(iri.into()), None, None, default),
        store.quads_for_pattern(None, None, Some(iri.into()), default),
        store.quads_for_pattern(None, Some(iri), None, default),
    ];
    for quads in &mut patterns {
        if quads.next().transpose().map_err(ServerError::internal)?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The description of `iri`, or `None` when the graph does not mention it.
pub(crate) fn describe(store: &Store, iri: &NamedNode, budget: &Budget) -> Result<Option<Description>, ServerError> {
    if !exists(store, iri.as_ref())? {
        return Ok(None);
    }
    let mut labels = Labels::new(store);
    let mut rdf = Rdf::default();
    let subject_quads = collect(store.quads_for_pattern(Some(iri.into()), None, None, default()), budget, usize::MAX)?;
    let mut classes = Vec::new();
    let mut links = Vec::new();
    let mut names = Vec::new();
    let mut outgoing = Vec::new();
    let entity = Labelled { term: iri.clone().into(), label: labels.of(iri.as_ref())? };
    names.extend(entity.label.clone());
    // Every statement is labelled before the sorted list is cut, so the
    // loops below check the deadline: an entity with very many statements
    // (the dataset description lists every document) stops with the query.
    for quad in &subject_quads {
        budget.check()?;
        rdf.push(Triple::from(quad.clone()));
        match (&quad.object, quad.predicate.as_ref()) {
            (Term::NamedNode(class), p) if p == rdf::TYPE => {
                classes.push(Labelled { term: class.clone().into(), label: labels.of(class.as_ref())? });
            }
            (Term::NamedNode(link), p) if LINKING.contains(&p) => {
                links.push(Link { iri: link.clone(), kind: LinkKind::of(link.as_str()), sources: Vec::new() });
            }
            (object, p) => {
                if let (Term::Literal(name), true) = (object, p == skos::ALT_LABEL) {
                    names.push(name.value().to_owned());
                }
                outgoing.push(statement(&mut labels, entity.clone(), p, object)?);
            }
        }
    }
    classes.sort_by_key(|c| (c.display().to_lowercase(), c.term.to_string()));
    links.sort_by(|a, b| a.iri.as_str().cmp(b.iri.as_str()));
    links.dedup_by(|a, b| a.iri == b.iri);
    for link in &mut links {
        link.sources = link_sources(store, iri, &link.iri, budget, &mut rdf)?;
    }
    sort_statements(&mut outgoing);
    let outgoing_total = outgoing.len();
    outgoing.truncate(OUTGOING_LIMIT);

    let (incoming_quads, incoming_total, evidence_records) = incoming(store, iri, budget)?;
    let mut incoming = Vec::new();
    for quad in &incoming_quads {
        rdf.push(Triple::from(quad.clone()));
        let subject = Term::from(quad.subject.clone());
        let subject = Labelled { label: labels.of_term(&subject)?, term: subject };
        let mut s = statement(&mut labels, subject, quad.predicate.as_ref(), &quad.object)?;
        s.value = entity.clone();
        incoming.push(s);
    }
    sort_statements(&mut incoming);

    // Neighbours: the label and classes of every IRI the entity points to,
    // the label of every subject pointing to it.
    for quad in &subject_quads {
        if let Term::NamedNode(object) = &quad.object {
            budget.check()?;
            rdf.neighbour(store, &mut labels, object, true)?;
        }
    }
    for quad in &incoming_quads {
        if let NamedOrBlankNode::NamedNode(subject) = &quad.subject {
            budget.check()?;
            rdf.neighbour(store, &mut labels, subject, false)?;
        }
    }
    budget.check()?;

    let statements = subject_quads.iter().chain(&incoming_quads).map(|q| Triple::from(q.clone()));
    let (evidence, evidence_total) = evidence(store, &mut labels, statements, budget, &mut rdf)?;
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.dedup();
    Ok(Some(Description {
        entity,
        iri: iri.clone(),
        names,
        classes,
        links,
        outgoing,
        outgoing_total,
        incoming,
        incoming_total,
        evidence_records,
        evidence,
        evidence_total,
        triples: rdf.into_sorted(iri),
    }))
}

pub(super) fn default() -> Option<GraphNameRef<'static>> {
    Some(GraphNameRef::DefaultGraph)
}

/// Up to `limit` quads, checking the budget as it goes.
pub(super) fn collect(
    quads: impl Iterator<Item = Result<Quad, oxigraph::store::StorageError>>,
    budget: &Budget,
    limit: usize,
) -> Result<Vec<Quad>, ServerError> {
    let mut out = Vec::new();
    for (i, quad) in quads.enumerate() {
        if i % 1024 == 0 {
            budget.check()?;
        }
        if out.len() == limit {
            break;
        }
        out.push(quad.map_err(ServerError::internal)?);
    }
    Ok(out)
}

/// The first [`INCOMING_LIMIT`] statements pointing to `iri` that are not
/// evidence records, how many there are in all, and how many evidence
/// records point to it.
fn incoming(store: &Store, iri: &NamedNode, budget: &Budget) -> Result<(Vec<Quad>, usize, usize), ServerError> {
    let mut shown = Vec::new();
    let (mut total, mut records) = (0, 0);
    for (i, quad) in store.quads_for_pattern(None, None, Some(iri.into()), default()).enumerate() {
        if i % 1024 == 0 {
            budget.check()?;
        }
        let quad = quad.map_err(ServerError::internal)?;
        if is_evidence_record(&quad.subject) {
            records += 1;
            continue;
        }
        total += 1;
        if shown.len() < INCOMING_LIMIT {
            shown.push(quad);
        }
    }
    Ok((shown, total, records))
}

pub(super) fn statement(
    labels: &mut Labels<'_>,
    subject: Labelled,
    property: NamedNodeRef<'_>,
    value: &Term,
) -> Result<Statement, ServerError> {
    Ok(Statement {
        subject,
        property: Labelled { term: property.into_owned().into(), label: labels.of(property)? },
        value: Labelled { term: value.clone(), label: labels.of_term(value)? },
    })
}

fn sort_statements(statements: &mut [Statement]) {
    statements.sort_by_cached_key(|s| {
        (
            s.property.display().to_lowercase(),
            s.subject.display().to_lowercase(),
            s.value.display().to_lowercase(),
            s.value.term.to_string(),
        )
    });
}

/// The triples of the RDF description, each once, in the order found.
#[derive(Default)]
pub(super) struct Rdf {
    triples: Vec<Triple>,
    seen: HashSet<Triple>,
    described: HashSet<NamedNode>,
}

impl Rdf {
    pub(super) fn push(&mut self, triple: Triple) {
        if self.seen.insert(triple.clone()) {
            self.triples.push(triple);
        }
    }

    /// The entity's own triples first (classes first among them), then
    /// the others by subject: Turtle groups them readably.
    fn into_sorted(self, entity: &NamedNode) -> Vec<Triple> {
        let mut triples = self.triples;
        triples.sort_by_cached_key(|t| {
            let own = matches!(&t.subject, NamedOrBlankNode::NamedNode(s) if s == entity);
            (!own, t.subject.to_string(), t.predicate != rdf::TYPE, t.predicate.to_string(), t.object.to_string())
        });
        triples
    }

    pub(super) fn extend(&mut self, triples: impl IntoIterator<Item = Triple>) {
        triples.into_iter().for_each(|t| self.push(t));
    }

    /// A neighbour's label, and with `classes` its `rdf:type`s.
    fn neighbour(
        &mut self,
        store: &Store,
        labels: &mut Labels<'_>,
        iri: &NamedNode,
        classes: bool,
    ) -> Result<(), ServerError> {
        if !self.described.insert(iri.clone()) {
            return Ok(());
        }
        if let Some((property, label)) = labels.literal(iri.as_ref())? {
            self.push(Triple::new(iri.clone(), property, label));
        }
        if classes {
            for quad in store.quads_for_pattern(Some(iri.into()), Some(rdf::TYPE), None, default()).take(32) {
                self.push(Triple::from(quad.map_err(ServerError::internal)?));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_kinds() {
        assert_eq!(LinkKind::of("http://www.wikidata.org/entity/Q81299"), LinkKind::Wikidata);
        assert_eq!(LinkKind::of("https://sws.geonames.org/3194884/"), LinkKind::GeoNames);
        assert_eq!(LinkKind::of("http://dbpedia.org/resource/OSCE"), LinkKind::Other);
    }

    #[test]
    fn a_cancelled_lookup_stops_with_the_time_limit() {
        let store = Store::new().expect("a memory store");
        let x = NamedNode::new_unchecked("http://e/x");
        let label = oxigraph::model::Literal::from("X");
        store
            .insert(&Quad::new(x.clone(), ssgr_vocab::rdfs::LABEL, label, GraphNameRef::DefaultGraph))
            .expect("insert");
        let budget = Budget { token: CancellationToken::new(), timeout: Duration::from_secs(7) };
        assert!(describe(&store, &x, &budget).expect("a description").is_some());
        assert!(describe(&store, &NamedNode::new_unchecked("http://e/y"), &budget).expect("no error").is_none());
        budget.token.cancel();
        let stopped = describe(&store, &x, &budget).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(stopped.contains("time limit of 7 s"), "{stopped}");
    }
}
