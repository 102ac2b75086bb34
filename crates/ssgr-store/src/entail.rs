//! The entailment the ontology contract promises, materialised: subclass
//! and subproperty closure, inverse properties, symmetric properties.
//!
//! A short rule pass to a fixpoint rather than a general reasoner: the
//! ontology is small and these four rules are all the contract needs.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use oxigraph::model::{NamedNode, NamedOrBlankNode, Term, Triple};
use ssgr_vocab::{owl, rdf, rdfs};

/// The triples that `ontology` entails from `data` and that `data` lacks.
pub fn entail(ontology: &[Triple], data: &HashSet<Triple>) -> Vec<Triple> {
    Schema::new(ontology).entail(data)
}

/// The ontology's axioms, ready to apply. Each rule reads one triple, so a
/// graph's entailments are the union of its parts': documents can be
/// entailed one at a time.
pub(crate) struct Schema {
    superclasses: BTreeMap<NamedNode, BTreeSet<NamedNode>>,
    superproperties: BTreeMap<NamedNode, BTreeSet<NamedNode>>,
    inverses: BTreeMap<NamedNode, BTreeSet<NamedNode>>,
    symmetric: BTreeSet<NamedNode>,
}

impl Schema {
    /// The triples entailed from `data` that `data` lacks, sorted.
    pub(crate) fn entail(&self, data: &HashSet<Triple>) -> Vec<Triple> {
        let mut known: HashSet<Triple> = data.clone();
        let mut added = Vec::new();
        let mut frontier: Vec<Triple> = data.iter().cloned().collect();
        while !frontier.is_empty() {
            let mut next = Vec::new();
            for t in &frontier {
                for derived in self.consequences(t) {
                    if known.insert(derived.clone()) {
                        next.push(derived.clone());
                        added.push(derived);
                    }
                }
            }
            frontier = next;
        }
        added.sort_by_cached_key(ToString::to_string);
        added
    }

    pub(crate) fn new(ontology: &[Triple]) -> Self {
        let pairs = |p| -> Vec<(NamedNode, NamedNode)> {
            ontology
                .iter()
                .filter(|t| t.predicate == p)
                .filter_map(|t| match (&t.subject, &t.object) {
                    (NamedOrBlankNode::NamedNode(a), Term::NamedNode(b)) => Some((a.clone(), b.clone())),
                    _ => None,
                })
                .collect()
        };
        let mut inverses: BTreeMap<NamedNode, BTreeSet<NamedNode>> = BTreeMap::new();
        for (a, b) in pairs(owl::INVERSE_OF) {
            inverses.entry(a.clone()).or_default().insert(b.clone());
            inverses.entry(b).or_default().insert(a);
        }
        let symmetric = ontology
            .iter()
            .filter(|t| t.predicate == rdf::TYPE && t.object == Term::NamedNode(owl::SYMMETRIC_PROPERTY.into_owned()))
            .filter_map(|t| match &t.subject {
                NamedOrBlankNode::NamedNode(n) => Some(n.clone()),
                NamedOrBlankNode::BlankNode(_) => None,
            })
            .collect();
        Self {
            superclasses: closure(pairs(rdfs::SUB_CLASS_OF)),
            superproperties: closure(pairs(rdfs::SUB_PROPERTY_OF)),
            inverses,
            symmetric,
        }
    }

    /// Whether `t` takes no part in entailment: it entails nothing, and no
    /// rule can produce it. Such triples can be added to or removed from
    /// the default graph one by one.
    pub(crate) fn is_inert(&self, t: &Triple) -> bool {
        let p = &t.predicate;
        *p != rdf::TYPE
            && !self.superproperties.contains_key(p)
            && !self.superproperties.values().any(|sups| sups.contains(p))
            && !self.inverses.contains_key(p)
            && !self.symmetric.contains(p)
    }

    /// What one triple entails in one step.
    fn consequences(&self, t: &Triple) -> Vec<Triple> {
        let mut out = Vec::new();
        if t.predicate == rdf::TYPE {
            if let Term::NamedNode(class) = &t.object {
                for sup in self.superclasses.get(class).into_iter().flatten() {
                    out.push(Triple::new(t.subject.clone(), rdf::TYPE, sup.clone()));
                }
            }
            return out;
        }
        for sup in self.superproperties.get(&t.predicate).into_iter().flatten() {
            out.push(Triple::new(t.subject.clone(), sup.clone(), t.object.clone()));
        }
        let reversed: Option<NamedOrBlankNode> = match &t.object {
            Term::NamedNode(n) => Some(n.clone().into()),
            Term::BlankNode(b) => Some(b.clone().into()),
            _ => None,
        };
        if let Some(object_as_subject) = reversed {
            let subject_as_object: Term = t.subject.clone().into();
            for inverse in self.inverses.get(&t.predicate).into_iter().flatten() {
                out.push(Triple::new(object_as_subject.clone(), inverse.clone(), subject_as_object.clone()));
            }
            if self.symmetric.contains(&t.predicate) {
                out.push(Triple::new(object_as_subject, t.predicate.clone(), subject_as_object));
            }
        }
        out
    }
}

/// The transitive closure of a relation given as pairs.
fn closure(pairs: Vec<(NamedNode, NamedNode)>) -> BTreeMap<NamedNode, BTreeSet<NamedNode>> {
    let mut direct: BTreeMap<NamedNode, BTreeSet<NamedNode>> = BTreeMap::new();
    for (a, b) in pairs {
        direct.entry(a).or_default().insert(b);
    }
    let mut out = BTreeMap::new();
    for start in direct.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&NamedNode> = direct.get(start).into_iter().flatten().collect();
        while let Some(n) = stack.pop() {
            if n != start && seen.insert(n.clone()) {
                stack.extend(direct.get(n).into_iter().flatten());
            }
        }
        out.insert(start.clone(), seen);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ssgr_vocab::{org, ssgr};

    fn nn(s: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("https://example.org/{s}"))
    }

    #[test]
    fn closure_inverse_and_symmetry() {
        let ontology = vec![
            Triple::new(ssgr::FIELD_MISSION, rdfs::SUB_CLASS_OF, ssgr::ORGANISATIONAL_UNIT),
            Triple::new(ssgr::ORGANISATIONAL_UNIT, rdfs::SUB_CLASS_OF, ssgr::ORGANISATION),
            Triple::new(org::UNIT_OF, owl::INVERSE_OF, org::HAS_UNIT),
            Triple::new(ssgr::COOPERATES_WITH, rdf::TYPE, owl::SYMMETRIC_PROPERTY),
        ];
        let data: HashSet<Triple> = [
            Triple::new(nn("m"), rdf::TYPE, ssgr::FIELD_MISSION),
            Triple::new(nn("osce"), org::HAS_UNIT, nn("m")),
            Triple::new(nn("a"), ssgr::COOPERATES_WITH, nn("b")),
        ]
        .into();
        let added = entail(&ontology, &data);
        assert!(added.contains(&Triple::new(nn("m"), rdf::TYPE, ssgr::ORGANISATION)));
        assert!(added.contains(&Triple::new(nn("m"), org::UNIT_OF, nn("osce"))));
        assert!(added.contains(&Triple::new(nn("b"), ssgr::COOPERATES_WITH, nn("a"))));
        assert_eq!(entail(&ontology, &added.iter().chain(&data).cloned().collect()), Vec::<Triple>::new());
    }
}
