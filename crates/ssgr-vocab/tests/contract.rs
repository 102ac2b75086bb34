//! The ontology files declare every term of the contract, with the axioms
//! the contract's entailment depends on.

use std::collections::HashSet;

use oxrdf::{NamedNode, NamedOrBlankNode, Term, Triple};
use sophia_api::source::TripleSource;
use ssgr_vocab::{PREFIXES, org, owl, rdf, rdfs, skos, ssgr, ssgrid};

fn expand(prefixed: &str) -> NamedNode {
    let (prefix, local) = prefixed.split_once(':').unwrap_or_else(|| panic!("not a prefixed name: {prefixed}"));
    let ns = PREFIXES.iter().find(|(p, _)| *p == prefix).map(|(_, ns)| *ns);
    NamedNode::new_unchecked(format!("{}{local}", ns.unwrap_or_else(|| panic!("unknown prefix {prefix}"))))
}

fn ontology() -> Vec<Triple> {
    ssgr_vocab::ontology_triples().unwrap_or_else(|e| panic!("{e}"))
}

fn has(triples: &[Triple], s: &NamedNode, p: oxrdf::NamedNodeRef<'_>, o: impl Into<Term>) -> bool {
    let (s, o): (NamedOrBlankNode, Term) = (s.clone().into(), o.into());
    triples.iter().any(|t| t.subject == s && t.predicate == p && t.object == o)
}

#[test]
fn every_contract_term_is_declared_with_label_and_comment() {
    let triples = ontology();
    let terms = include_str!("data/contract-terms.txt");
    let mut missing = Vec::new();
    for term in terms.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let iri = expand(term.trim());
        let subject: NamedOrBlankNode = iri.clone().into();
        let labelled = triples.iter().any(|t| t.subject == subject && t.predicate == rdfs::LABEL);
        let commented = triples.iter().any(|t| t.subject == subject && t.predicate == rdfs::COMMENT);
        if !(labelled && commented) {
            missing.push(term.to_owned());
        }
    }
    assert!(missing.is_empty(), "not declared with label and comment: {missing:?}");
}

#[test]
fn the_axioms_of_the_contract_are_stated() {
    let t = ontology();
    let n = |r: oxrdf::NamedNodeRef<'_>| r.into_owned();
    assert!(has(&t, &n(ssgr::FIELD_MISSION), rdfs::SUB_CLASS_OF, n(ssgr::ORGANISATIONAL_UNIT)));
    assert!(has(&t, &n(ssgr::ORGANISATIONAL_UNIT), rdfs::SUB_CLASS_OF, n(ssgr::ORGANISATION)));
    assert!(has(&t, &n(ssgr::ORGANISATION), rdfs::SUB_CLASS_OF, n(ssgr::ACTOR)));
    assert!(has(&t, &n(ssgr::PERSON), rdfs::SUB_CLASS_OF, n(ssgr::ACTOR)));
    assert!(has(&t, &n(ssgr::TOPIC), rdfs::SUB_CLASS_OF, n(skos::CONCEPT)));
    let inverse = has(&t, &n(org::UNIT_OF), owl::INVERSE_OF, n(org::HAS_UNIT))
        || has(&t, &n(org::HAS_UNIT), owl::INVERSE_OF, n(org::UNIT_OF));
    assert!(inverse, "org:unitOf and org:hasUnit are inverses");
    assert!(has(&t, &n(ssgr::COOPERATES_WITH), rdf::TYPE, n(owl::SYMMETRIC_PROPERTY)));
}

#[test]
fn every_ssgr_term_the_code_uses_is_declared() {
    let triples = ontology();
    let declared: HashSet<String> = triples
        .iter()
        .filter(|t| t.predicate == rdf::TYPE)
        .filter_map(|t| match &t.subject {
            NamedOrBlankNode::NamedNode(n) => Some(n.as_str().to_owned()),
            NamedOrBlankNode::BlankNode(_) => None,
        })
        .collect();
    for term in [
        ssgr::EVIDENCE,
        ssgr::SENTENCE,
        ssgr::RULE,
        ssgr::PAGE_RANK,
        ssgr::BETWEENNESS,
        ssgr::COMMUNITY,
        ssgr::CANDIDATE,
    ] {
        assert!(declared.contains(term.as_str()), "{term} is not declared");
    }
}

#[test]
fn the_topic_scheme_has_forty_topics_each_with_one_label_and_a_definition() {
    let triples = ssgr_vocab::topic_triples().unwrap_or_else(|e| panic!("{e}"));
    let topics: Vec<&NamedOrBlankNode> = triples
        .iter()
        .filter(|t| t.predicate == skos::IN_SCHEME && t.object == Term::NamedNode(ssgrid::TOPICS.into_owned()))
        .map(|t| &t.subject)
        .collect();
    assert!(topics.len() >= 40, "only {} topics", topics.len());
    for topic in topics {
        let count = |p| triples.iter().filter(|t| &t.subject == topic && t.predicate == p).count();
        assert_eq!(count(skos::PREF_LABEL), 1, "{topic} has one prefLabel");
        assert!(count(skos::DEFINITION) >= 1, "{topic} has a definition");
    }
    for acronym in ["SALW", "IBM", "THB", "CVE"] {
        assert!(
            triples.iter().any(
                |t| t.predicate == skos::ALT_LABEL && matches!(&t.object, Term::Literal(l) if l.value() == acronym)
            ),
            "{acronym} is an altLabel"
        );
    }
}

#[test]
fn sophia_reads_the_same_number_of_triples_as_oxigraph() {
    for (text, ours) in [
        (ssgr_vocab::ONTOLOGY_TTL, ontology().len()),
        (ssgr_vocab::TOPICS_TTL, ssgr_vocab::topic_triples().map(|t| t.len()).unwrap_or(0)),
    ] {
        let mut graph: Vec<[sophia_api::term::SimpleTerm<'static>; 3]> = Vec::new();
        sophia_turtle::parser::turtle::parse_str(text)
            .add_to_graph(&mut graph)
            .unwrap_or_else(|e| panic!("sophia cannot parse: {e}"));
        assert_eq!(graph.len(), ours);
    }
}
