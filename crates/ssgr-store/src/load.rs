//! Writing a build into the store, one chunk of documents at a time, so
//! that memory holds a chunk's triples and not the corpus's.
//!
//! Each document's triples go into its named graph and, with what the
//! ontology entails from them, into the default graph; the store keeps one
//! copy of a triple written twice, so the default graph is the set union.
//! One thing needs the whole corpus: an entity named differently by several
//! documents must end with one label. [`one_label_each`] fixes those few
//! entities after the load.

use std::collections::{HashMap, HashSet};

use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::store::{BulkLoader, Store};
use ssgr_extract::Extraction;
use ssgr_vocab::{rdfs, skos, ssgrid};

use crate::entail::Schema;
use crate::error::StoreError;
use crate::query::select;

/// Quads gathered before they go to the bulk loader: each call of the bulk
/// loader writes its batch out, so calls should be few and large.
const BATCH: usize = 1 << 18;

/// Feeds extractions to Oxigraph's bulk loader.
pub(crate) struct Loader<'s> {
    loader: BulkLoader<'s>,
    schema: Schema,
    buffer: Vec<Quad>,
}

impl<'s> Loader<'s> {
    /// A loader that first writes the ontology graph (and its triples into
    /// the default graph).
    pub(crate) fn new(store: &'s Store, ontology: &[Triple]) -> Result<Self, StoreError> {
        let mut loader = Self { loader: store.bulk_loader(), schema: Schema::new(ontology), buffer: Vec::new() };
        loader.write(ontology, &ssgrid::GRAPH_ONTOLOGY.into_owned())?;
        Ok(loader)
    }

    /// Writes one document's triples, and its links into the links graph.
    pub(crate) fn add(&mut self, extraction: &Extraction) -> Result<(), StoreError> {
        self.write(&extraction.triples, &extraction.graph)?;
        self.write(&extraction.links, &ssgrid::GRAPH_LINKS.into_owned())
    }

    fn write(&mut self, triples: &[Triple], graph: &NamedNode) -> Result<(), StoreError> {
        let entailed = self.schema.entail(&triples.iter().cloned().collect::<HashSet<_>>());
        let named = triples.iter().map(|t| t.clone().in_graph(graph.clone()));
        let default = triples.iter().chain(&entailed).map(|t| t.clone().in_graph(GraphName::DefaultGraph));
        self.buffer.extend(named.chain(default));
        if self.buffer.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), StoreError> {
        self.loader.load_quads(std::mem::take(&mut self.buffer))?;
        Ok(())
    }

    /// Commits what was loaded.
    pub(crate) fn commit(mut self) -> Result<(), StoreError> {
        self.flush()?;
        self.loader.commit()?;
        Ok(())
    }
}

/// Gives every entity of the default graph one `rdfs:label`: where documents
/// named it differently, the label most documents use (then the shortest,
/// then the first in order) stays and the others become `skos:altLabel`.
pub(crate) fn one_label_each(store: &Store) -> Result<usize, StoreError> {
    let query = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?s ?l (COUNT(DISTINCT ?g) AS ?n) WHERE {
          { SELECT ?s WHERE { ?s rdfs:label ?x } GROUP BY ?s HAVING (COUNT(?x) > 1) }
          GRAPH ?g { ?s rdfs:label ?l }
        } GROUP BY ?s ?l";
    let mut labels: HashMap<NamedOrBlankNode, HashMap<Literal, usize>> = HashMap::new();
    for row in select(store, query)? {
        let (Some(s), Some(Term::Literal(l)), Some(Term::Literal(n))) = (row.get("s"), row.get("l"), row.get("n"))
        else {
            continue;
        };
        let subject = match s {
            Term::NamedNode(n) => NamedOrBlankNode::from(n.clone()),
            Term::BlankNode(b) => NamedOrBlankNode::from(b.clone()),
            _ => continue,
        };
        labels.entry(subject).or_default().insert(l.clone(), n.value().parse().unwrap_or(0));
    }
    let fixed = labels.len();
    let mut transaction = store.start_transaction()?;
    for (subject, counts) in labels {
        let keep = counts
            .iter()
            .max_by(|a, b| {
                a.1.cmp(b.1).then(b.0.value().len().cmp(&a.0.value().len())).then(b.0.value().cmp(a.0.value()))
            })
            .map(|(l, _)| l.clone());
        for label in counts.into_keys().filter(|l| Some(l) != keep.as_ref()) {
            let in_default = |p, l: &Literal| Quad::new(subject.clone(), p, l.clone(), GraphName::DefaultGraph);
            transaction.remove(&in_default(rdfs::LABEL.into_owned(), &label));
            transaction.insert(&in_default(skos::ALT_LABEL.into_owned(), &label));
        }
    }
    transaction.commit()?;
    Ok(fixed)
}

/// The number of triples in the default graph.
pub(crate) fn default_graph_len(store: &Store) -> Result<usize, StoreError> {
    let mut n = 0;
    for quad in store.quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph)) {
        quad?;
        n += 1;
    }
    Ok(n)
}
