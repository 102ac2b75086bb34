//! The evidence of a description: the RDF 1.2 reifiers of its
//! statements. Extraction's reifiers record a sentence, its document,
//! character offsets and a rule; a link's reifier records its source.

use std::collections::HashSet;

use oxigraph::model::{NamedNode, NamedOrBlankNode, Quad, Term, TermRef, Triple};
use ssgr_store::Store;
use ssgr_vocab::{dcterms, nif, prov, rdf, ssgr};

use super::describe::{Budget, EVIDENCE_LIMIT, LINKING, Labelled, Rdf, Statement, collect, default, statement};
use super::labels::Labels;
use crate::error::ServerError;

/// Where a statement was read.
#[derive(Debug, Clone)]
pub(crate) struct Evidence {
    pub(crate) statement: Statement,
    pub(crate) sentence: Option<String>,
    pub(crate) document: Option<Labelled>,
    pub(crate) begin: Option<u64>,
    pub(crate) end: Option<u64>,
    pub(crate) rule: Option<String>,
}

/// The evidence of each statement: the reifiers that `rdf:reifies` it,
/// found by the exact triple term (an index lookup per statement), that
/// record a sentence (link records, which give a source, are read by
/// [`link_sources`]). Sorted by document and offset; at most
/// [`EVIDENCE_LIMIT`] kept, all counted.
pub(super) fn evidence(
    store: &Store,
    labels: &mut Labels<'_>,
    statements: impl Iterator<Item = Triple>,
    budget: &Budget,
    rdf: &mut Rdf,
) -> Result<(Vec<Evidence>, usize), ServerError> {
    let mut items = Vec::new();
    for (i, triple) in statements.enumerate() {
        if i % 256 == 0 {
            budget.check()?;
        }
        for (_, quads) in reifiers(store, &triple, budget)? {
            let is_evidence = quads.iter().any(|q| {
                q.predicate == ssgr::SENTENCE || (q.predicate == rdf::TYPE && q.object == ssgr::EVIDENCE.into())
            });
            if is_evidence {
                items.push((read_evidence(labels, &triple, &quads)?, quads));
            }
        }
    }
    items.sort_by_cached_key(|(e, _)| {
        (e.document.as_ref().map(|d| d.term.to_string()), e.begin, e.statement.property.term.to_string())
    });
    // A statement and its inverse read from one sentence by one rule are
    // one piece of evidence; the first in order (by property) stays.
    let mut seen = HashSet::new();
    items.retain(|(e, _)| {
        let (s, v) = (e.statement.subject.term.to_string(), e.statement.value.term.to_string());
        let pair = if s <= v { (s, v) } else { (v, s) };
        let document = e.document.as_ref().map(|d| d.term.to_string());
        seen.insert((document, e.begin, e.end, e.rule.clone(), pair))
    });
    let total = items.len();
    items.truncate(EVIDENCE_LIMIT);
    let mut out = Vec::with_capacity(items.len());
    for (item, quads) in items {
        rdf.extend(quads.into_iter().map(Triple::from));
        out.push(item);
    }
    Ok((out, total))
}

/// The reifiers of a statement, each with what the graph says of it.
fn reifiers(
    store: &Store,
    triple: &Triple,
    budget: &Budget,
) -> Result<Vec<(NamedOrBlankNode, Vec<Quad>)>, ServerError> {
    let term = Term::Triple(Box::new(triple.clone()));
    let mut out = Vec::new();
    for quad in store.quads_for_pattern(None, Some(rdf::REIFIES), Some(term.as_ref()), default()) {
        let reifier = quad.map_err(ServerError::internal)?.subject;
        let quads = collect(store.quads_for_pattern(Some(reifier.as_ref()), None, None, default()), budget, 64)?;
        out.push((reifier, quads));
    }
    Ok(out)
}

/// The sources a link's reifiers give (`dcterms:source`), with the
/// reifiers' triples for the RDF description.
pub(super) fn link_sources(
    store: &Store,
    entity: &NamedNode,
    link: &NamedNode,
    budget: &Budget,
    rdf: &mut Rdf,
) -> Result<Vec<NamedNode>, ServerError> {
    let mut sources = Vec::new();
    for property in LINKING {
        let triple = Triple::new(entity.clone(), property, link.clone());
        for (_, quads) in reifiers(store, &triple, budget)? {
            for quad in quads {
                if let (true, Term::NamedNode(source)) = (quad.predicate == dcterms::SOURCE, &quad.object) {
                    sources.push(source.clone());
                }
                rdf.push(Triple::from(quad));
            }
        }
    }
    sources.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    sources.dedup();
    Ok(sources)
}

fn read_evidence(labels: &mut Labels<'_>, triple: &Triple, quads: &[Quad]) -> Result<Evidence, ServerError> {
    let subject = Term::from(triple.subject.clone());
    let subject = Labelled { label: labels.of_term(&subject)?, term: subject };
    let mut evidence = Evidence {
        statement: statement(labels, subject, triple.predicate.as_ref(), &triple.object)?,
        sentence: None,
        document: None,
        begin: None,
        end: None,
        rule: None,
    };
    for quad in quads {
        let p = quad.predicate.as_ref();
        match quad.object.as_ref() {
            TermRef::NamedNode(doc) if p == prov::WAS_DERIVED_FROM => {
                evidence.document = Some(Labelled { term: doc.into_owned().into(), label: labels.of(doc)? });
            }
            TermRef::Literal(l) if p == ssgr::SENTENCE => evidence.sentence = Some(l.value().to_owned()),
            TermRef::Literal(l) if p == ssgr::RULE => evidence.rule = Some(l.value().to_owned()),
            TermRef::Literal(l) if p == nif::BEGIN_INDEX => evidence.begin = l.value().parse().ok(),
            TermRef::Literal(l) if p == nif::END_INDEX => evidence.end = l.value().parse().ok(),
            _ => {}
        }
    }
    Ok(evidence)
}
