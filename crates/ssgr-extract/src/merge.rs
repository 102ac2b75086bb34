//! Merging the graphs of many documents into one set of triples.

use std::collections::{BTreeMap, HashMap};

use indexmap::IndexSet;

use oxrdf::{Literal, NamedOrBlankNode, Term, Triple};
use ssgr_vocab::{rdfs, skos};

use crate::emit::choose_label;

/// The union of `graphs` as a set, with one `rdfs:label` per entity: where
/// documents named an entity differently, the label most documents use
/// (then the shortest) stays, and the others become `skos:altLabel`.
pub fn merge<'a>(graphs: impl IntoIterator<Item = &'a [Triple]>) -> Vec<Triple> {
    let mut union = IndexSet::new();
    let mut labels: HashMap<NamedOrBlankNode, BTreeMap<String, usize>> = HashMap::new();
    for graph in graphs {
        for t in graph {
            if t.predicate == rdfs::LABEL {
                if let Term::Literal(l) = &t.object {
                    *labels.entry(t.subject.clone()).or_default().entry(l.value().to_owned()).or_default() += 1;
                    if l.language().is_some() {
                        continue;
                    }
                }
            }
            union.insert(t.clone());
        }
    }
    let mut labels: Vec<_> = labels.into_iter().collect();
    labels.sort_by_cached_key(|(subject, _)| subject.to_string());
    for (subject, counts) in labels {
        let Some(label) = choose_label(&counts) else { continue };
        if union.contains(&Triple::new(subject.clone(), rdfs::LABEL, Literal::new_simple_literal(&label))) {
            continue;
        }
        for name in counts.into_keys() {
            let literal = Literal::new_language_tagged_literal_unchecked(&name, "en");
            let predicate = if name == label { rdfs::LABEL } else { skos::ALT_LABEL };
            union.insert(Triple::new(subject.clone(), predicate, literal));
        }
    }
    union.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::NamedNode;

    #[test]
    fn one_label_per_entity_after_merging() {
        let e = NamedNode::new_unchecked("https://w3id.org/ssgr/id/org/x");
        let label =
            |s: &str| Triple::new(e.clone(), rdfs::LABEL, Literal::new_language_tagged_literal_unchecked(s, "en"));
        let a = vec![label("Public Policy Research Center")];
        let b = vec![label("Public Policy Research Centre")];
        let c = vec![label("Public Policy Research Centre")];
        let merged = merge([a.as_slice(), b.as_slice(), c.as_slice()]);
        let labels: Vec<_> = merged.iter().filter(|t| t.predicate == rdfs::LABEL).collect();
        assert_eq!(labels.len(), 1);
        assert!(labels[0].object.to_string().contains("Centre"));
        assert_eq!(merged.iter().filter(|t| t.predicate == skos::ALT_LABEL).count(), 1);
    }
}
