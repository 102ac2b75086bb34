//! Writing decisions into the store: each `owl:sameAs` or `ssgr:candidate`
//! statement into `ssgrid:graph/links`, with an RDF 1.2 reifier
//! (`ssgrid:link/<hash>`, the scheme of the reference links) carrying
//! `dcterms:source` (the endpoint), `prov:generatedAtTime` and `ssgr:score`.
//! The triples also go into the default graph at once, so that a run that
//! stops half-way still sees what it decided; the caller refreshes the
//! default graph at the end.

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term, Triple};
use oxigraph::store::Store;
use ssgr_vocab::{owl, prov, ssgr, ssgrid, xsd};

use crate::entities::{Entity, WIKIDATA_ENTITY};
use crate::error::LinkError;
use crate::score::{Decision, Scored};

/// Where and when the statements come from.
pub(crate) struct Provenance {
    /// The endpoint asked.
    pub(crate) source: NamedNode,
    /// The time of the run, an `xsd:dateTime` literal.
    pub(crate) time: Literal,
}

/// The triples that record one entity's decision (none if unmatched).
pub(crate) fn decision_triples(entity: &Entity, decision: &Decision, provenance: &Provenance) -> Vec<Triple> {
    let (predicate, items): (_, &[Scored]) = match decision {
        Decision::Link(best) => (owl::SAME_AS, std::slice::from_ref(best)),
        Decision::Candidates(items) => (ssgr::CANDIDATE, items),
        Decision::Unmatched => return Vec::new(),
    };
    let mut triples = Vec::new();
    for scored in items {
        let item = NamedNode::new_unchecked(format!("{WIKIDATA_ENTITY}{}", scored.item));
        let mut statement = ssgr_extract::sourced_statement(
            Triple::new(entity.iri.clone(), predicate, item),
            provenance.source.as_str(),
        );
        let reifier = ssgr_extract::link_reifier(&statement[statement.len() - 1]);
        let score = Literal::new_typed_literal(format!("{:.2}", scored.score), xsd::DOUBLE);
        statement.push(Triple::new(reifier.clone(), prov::GENERATED_AT_TIME, provenance.time.clone()));
        statement.push(Triple::new(reifier, ssgr::SCORE, Term::from(score)));
        triples.extend(statement);
    }
    triples
}

/// Writes triples into the links graph and the default graph, in one
/// transaction.
pub(crate) fn write(store: &Store, triples: &[Triple]) -> Result<(), LinkError> {
    let links = GraphName::from(ssgrid::GRAPH_LINKS.into_owned());
    let quads = triples.iter().flat_map(|t| {
        [
            Quad::new(t.subject.clone(), t.predicate.clone(), t.object.clone(), links.clone()),
            t.clone().in_graph(GraphName::DefaultGraph),
        ]
    });
    store.extend(quads.collect::<Vec<_>>())?;
    Ok(())
}

/// The current time as an `xsd:dateTime`, from the store's SPARQL `NOW()`
/// (no clock library needed).
pub(crate) fn now(store: &Store) -> Result<Literal, LinkError> {
    let rows = ssgr_store::select(store, "SELECT (NOW() AS ?now) WHERE {}")?;
    match rows.first().and_then(|r| r.get("now")) {
        Some(Term::Literal(l)) => Ok(l.clone()),
        _ => Ok(Literal::new_typed_literal("1970-01-01T00:00:00Z", xsd::DATE_TIME)),
    }
}

#[cfg(test)]
mod tests {
    use ssgr_vocab::dcterms;

    use super::*;

    fn provenance() -> Provenance {
        Provenance {
            source: NamedNode::new_unchecked("http://127.0.0.1:1/query"),
            time: Literal::new_typed_literal("2025-01-01T00:00:00Z", xsd::DATE_TIME),
        }
    }

    fn entity() -> Entity {
        Entity {
            iri: NamedNode::new_unchecked("https://w3id.org/ssgr/id/org/x"),
            rule: 0,
            label: "X".into(),
            alt_labels: Vec::new(),
            countries: Vec::new(),
        }
    }

    fn scored(q: &str, score: f64) -> Scored {
        Scored { item: q.into(), item_label: None, score }
    }

    #[test]
    fn a_link_is_a_same_as_with_source_time_and_score() {
        let triples = decision_triples(&entity(), &Decision::Link(scored("Q1", 0.8)), &provenance());
        let same_as = triples.iter().find(|t| t.predicate == owl::SAME_AS).expect("test setup");
        assert_eq!(same_as.object, NamedNode::new_unchecked("http://www.wikidata.org/entity/Q1").into());
        let reifier = ssgr_extract::link_reifier(same_as);
        let about: Vec<_> = triples.iter().filter(|t| t.subject == reifier.clone().into()).collect();
        assert_eq!(about.len(), 4, "reifies, source, time, score");
        assert!(
            about
                .iter()
                .any(|t| t.predicate == ssgr::SCORE && matches!(&t.object, Term::Literal(l) if l.value() == "0.80"))
        );
        assert!(about.iter().any(|t| t.predicate == dcterms::SOURCE));
    }

    #[test]
    fn candidates_are_one_statement_each_and_unmatched_writes_nothing() {
        let decision = Decision::Candidates(vec![scored("Q1", 0.8), scored("Q2", 0.8)]);
        let triples = decision_triples(&entity(), &decision, &provenance());
        assert_eq!(triples.iter().filter(|t| t.predicate == ssgr::CANDIDATE).count(), 2);
        assert!(decision_triples(&entity(), &Decision::Unmatched, &provenance()).is_empty());
    }

    #[test]
    fn writes_go_to_the_links_graph_and_the_default_graph() {
        let store = Store::new().expect("test setup");
        let triples = decision_triples(&entity(), &Decision::Link(scored("Q1", 0.9)), &provenance());
        write(&store, &triples).expect("test setup");
        let links = ssgrid::GRAPH_LINKS.into_owned();
        assert_eq!(store.quads_for_pattern(None, None, None, Some(links.as_ref().into())).count(), triples.len());
        assert_eq!(store.len().expect("test setup"), 2 * triples.len());
        assert!(matches!(now(&store).expect("test setup").datatype(), d if d == xsd::DATE_TIME));
    }
}
