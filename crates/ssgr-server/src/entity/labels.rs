//! What a person calls a term: its label in the graph, else a short form
//! of its IRI.

use std::collections::HashMap;

use oxigraph::model::{GraphNameRef, Literal, NamedNodeRef, Term, TermRef};
use ssgr_store::Store;
use ssgr_vocab::{dcterms, rdfs, skos};

use crate::error::ServerError;

/// The properties that name a thing, most telling first: a document may
/// have a title as well as a file-name label, but `rdfs:label` is what the
/// build gives every entity.
const NAMING: [NamedNodeRef<'static>; 5] = [
    rdfs::LABEL,
    skos::PREF_LABEL,
    dcterms::TITLE,
    NamedNodeRef::new_unchecked("https://schema.org/name"),
    NamedNodeRef::new_unchecked("http://xmlns.com/foaf/0.1/name"),
];

/// Labels read from the default graph, each IRI looked up once.
pub(crate) struct Labels<'a> {
    store: &'a Store,
    cache: HashMap<String, Option<(NamedNodeRef<'static>, Literal)>>,
}

impl<'a> Labels<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store, cache: HashMap::new() }
    }

    /// The statement that names an IRI, as its property and literal, if
    /// the graph has one.
    pub(crate) fn literal(
        &mut self,
        iri: NamedNodeRef<'_>,
    ) -> Result<Option<(NamedNodeRef<'static>, Literal)>, ServerError> {
        if let Some(known) = self.cache.get(iri.as_str()) {
            return Ok(known.clone());
        }
        let found = best_label(self.store, iri)?;
        self.cache.insert(iri.as_str().to_owned(), found.clone());
        Ok(found)
    }

    /// The label of an IRI as text.
    pub(crate) fn of(&mut self, iri: NamedNodeRef<'_>) -> Result<Option<String>, ServerError> {
        Ok(self.literal(iri)?.map(|(_, l)| l.value().to_owned()))
    }

    /// The label of any term: IRIs are looked up, other terms have none.
    pub(crate) fn of_term(&mut self, term: &Term) -> Result<Option<String>, ServerError> {
        match term {
            Term::NamedNode(n) => self.of(n.as_ref()),
            _ => Ok(None),
        }
    }
}

/// The first naming property with a value decides; among its values an
/// English one, then one without language, then the shortest, so the
/// choice does not depend on the store's order.
fn best_label(store: &Store, iri: NamedNodeRef<'_>) -> Result<Option<(NamedNodeRef<'static>, Literal)>, ServerError> {
    for property in NAMING {
        let mut best: Option<Literal> = None;
        for quad in store.quads_for_pattern(Some(iri.into()), Some(property), None, Some(GraphNameRef::DefaultGraph)) {
            let quad = quad.map_err(ServerError::internal)?;
            if let Term::Literal(literal) = quad.object {
                if best.as_ref().is_none_or(|b| rank(&literal) < rank(b)) {
                    best = Some(literal);
                }
            }
        }
        if let Some(best) = best {
            return Ok(Some((property, best)));
        }
    }
    Ok(None)
}

fn rank(literal: &Literal) -> (u8, usize, String) {
    let language = match literal.language() {
        Some(l) if l.eq_ignore_ascii_case("en") || l.to_ascii_lowercase().starts_with("en-") => 0,
        None => 1,
        Some(_) => 2,
    };
    (language, literal.value().chars().count(), literal.value().to_owned())
}

/// A short form of a term for display: `prefix:local` for the project's
/// namespaces, the IRI otherwise, the value of a literal.
pub(crate) fn short(term: TermRef<'_>) -> String {
    match term {
        TermRef::NamedNode(n) => compact(n.as_str()),
        TermRef::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

/// `prefix:local` when the IRI is in one of the project's namespaces.
pub(crate) fn compact(iri: &str) -> String {
    ssgr_vocab::PREFIXES
        .iter()
        .filter(|(_, ns)| iri.starts_with(ns) && iri.len() > ns.len())
        .max_by_key(|(_, ns)| ns.len())
        .map_or_else(|| iri.to_owned(), |(prefix, ns)| format!("{prefix}:{}", &iri[ns.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::RdfFormat;

    #[test]
    fn english_then_plain_then_shortest() {
        let store = Store::new().expect("a memory store");
        let data = r#"<http://e/x> <http://www.w3.org/2000/01/rdf-schema#label> "Zed"@de, "Longer name", "Name"@en, "Nom"@fr .
<http://e/y> <http://purl.org/dc/terms/title> "A title" .
<http://e/z> <http://www.w3.org/2000/01/rdf-schema#label> "b", "a" ."#;
        store.load_from_slice(RdfFormat::Turtle, data).expect("valid Turtle");
        let mut labels = Labels::new(&store);
        let of = |labels: &mut Labels<'_>, iri: &str| labels.of(NamedNodeRef::new_unchecked(iri)).ok().flatten();
        assert_eq!(of(&mut labels, "http://e/x").as_deref(), Some("Name"));
        assert_eq!(of(&mut labels, "http://e/y").as_deref(), Some("A title"));
        assert_eq!(of(&mut labels, "http://e/z").as_deref(), Some("a"));
        assert_eq!(of(&mut labels, "http://e/none"), None);
    }

    #[test]
    fn compact_names() {
        assert_eq!(compact("https://w3id.org/ssgr/ontology#worksOn"), "ssgr:worksOn");
        assert_eq!(compact("https://w3id.org/ssgr/id/org/osce"), "ssgrid:org/osce");
        assert_eq!(compact("http://example.org/x"), "http://example.org/x");
    }
}
