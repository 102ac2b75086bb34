//! The entity graph: every entity, and every statement between two
//! entities as an edge typed by its property.

use std::collections::{BTreeSet, HashMap, HashSet};

use oxigraph::model::{GraphNameRef, NamedOrBlankNode, Term};
use ssgr_store::Store;
use ssgr_vocab::rdf;

use crate::error::AnalyticsError;
use crate::graph::Graph;
use crate::projection::catalogue::{Catalogue, rows};

/// A statement between two entities: subject, property, object IRIs.
type Statement = (String, String, String);

/// Builds the entity graph from the default graph. What entailment added
/// and says again is left out, so that each fact is one edge: a statement
/// whose property has a subproperty also stated between the same two
/// entities (`ssgr:activeIn` beside `ssgr:hostCountry`); the mirror of a
/// statement by the inverse property (`org:hasUnit` beside `org:unitOf`);
/// the second direction of a symmetric property (`ssgr:cooperatesWith`).
pub(crate) fn entity_graph(store: &Store, catalogue: &Catalogue) -> Result<Graph, AnalyticsError> {
    let mut statements: BTreeSet<Statement> = BTreeSet::new();
    for quad in store.quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph)) {
        let quad = quad?;
        let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) = (&quad.subject, &quad.object) else { continue };
        if quad.predicate == rdf::TYPE || catalogue.get(s.as_str()).is_none() || catalogue.get(o.as_str()).is_none() {
            continue;
        }
        statements.insert((s.as_str().to_owned(), quad.predicate.as_str().to_owned(), o.as_str().to_owned()));
    }
    let statements = reduce(statements, &Axioms::read(store)?);
    let mut graph = Graph::new(false);
    for node in catalogue.entities.values() {
        graph.add_node(node.clone());
    }
    for (s, p, o) in &statements {
        if let (Some(s), Some(o)) = (graph.find(s), graph.find(o)) {
            graph.add_edge(s, o, 1.0, p);
        }
    }
    Ok(graph)
}

/// What the ontology says about its properties.
#[derive(Debug, Default)]
pub(crate) struct Axioms {
    /// Property → every property above it (strictly).
    supers: HashMap<String, HashSet<String>>,
    /// `(p, q)` for each `p owl:inverseOf q`.
    inverses: Vec<(String, String)>,
    /// Symmetric properties.
    symmetric: HashSet<String>,
}

impl Axioms {
    fn read(store: &Store) -> Result<Self, AnalyticsError> {
        let mut direct: HashMap<String, Vec<String>> = HashMap::new();
        for row in rows(store, "SELECT ?p ?q WHERE { ?p rdfs:subPropertyOf ?q }", &["p", "q"])? {
            if row[0] != row[1] {
                direct.entry(row[0].clone()).or_default().push(row[1].clone());
            }
        }
        let mut supers = HashMap::new();
        for p in direct.keys() {
            let mut seen = HashSet::new();
            let mut stack = vec![p.clone()];
            while let Some(x) = stack.pop() {
                for q in direct.get(&x).into_iter().flatten() {
                    if seen.insert(q.clone()) {
                        stack.push(q.clone());
                    }
                }
            }
            seen.remove(p);
            supers.insert(p.clone(), seen);
        }
        let inverses = rows(store, "SELECT ?p ?q WHERE { ?p owl:inverseOf ?q }", &["p", "q"])?
            .into_iter()
            .filter(|r| r[0] != r[1])
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect();
        let symmetric = rows(store, "SELECT ?p WHERE { ?p a owl:SymmetricProperty }", &["p"])?
            .into_iter()
            .map(|r| r[0].clone())
            .collect();
        Ok(Self { supers, inverses, symmetric })
    }
}

/// Leaves out the statements entailment restates (see [`entity_graph`]).
pub(crate) fn reduce(statements: BTreeSet<Statement>, axioms: &Axioms) -> BTreeSet<Statement> {
    let mut between: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    for (s, p, o) in &statements {
        between.entry((s, o)).or_default().push(p);
    }
    let restated = |(s, p, o): &Statement| {
        between[&(s.as_str(), o.as_str())]
            .iter()
            .any(|q| axioms.supers.get(*q).is_some_and(|above| above.contains(p.as_str())))
    };
    let kept: BTreeSet<Statement> = statements.iter().filter(|st| !restated(st)).cloned().collect();
    let mirrored = |(s, p, o): &Statement| {
        axioms.inverses.iter().any(|(a, b)| b == p && kept.contains(&(o.clone(), a.clone(), s.clone())))
            || (axioms.symmetric.contains(p) && s > o && kept.contains(&(o.clone(), p.clone(), s.clone())))
    };
    kept.iter().filter(|st| !mirrored(st)).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(s: &str, p: &str, o: &str) -> Statement {
        (s.to_owned(), p.to_owned(), o.to_owned())
    }

    #[test]
    fn entailed_restatements_are_left_out() {
        let axioms = Axioms {
            supers: HashMap::from([("hostCountry".to_owned(), HashSet::from(["activeIn".to_owned()]))]),
            inverses: vec![("unitOf".to_owned(), "hasUnit".to_owned())],
            symmetric: HashSet::from(["cooperatesWith".to_owned()]),
        };
        let statements = BTreeSet::from([
            st("mission", "hostCountry", "ba"),
            st("mission", "activeIn", "ba"),
            st("osce", "activeIn", "ba"),
            st("mission", "unitOf", "osce"),
            st("osce", "hasUnit", "mission"),
            st("osce", "hasUnit", "odihr"),
            st("dcaf", "cooperatesWith", "osce"),
            st("osce", "cooperatesWith", "dcaf"),
        ]);
        let kept: Vec<Statement> = reduce(statements, &axioms).into_iter().collect();
        assert_eq!(
            kept,
            vec![
                st("dcaf", "cooperatesWith", "osce"),
                st("mission", "hostCountry", "ba"),
                st("mission", "unitOf", "osce"),
                st("osce", "activeIn", "ba"),
                st("osce", "hasUnit", "odihr"),
            ]
        );
    }
}
