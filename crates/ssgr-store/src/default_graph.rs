//! The default graph: the set union of every named graph plus what the
//! ontology entails. Built once per build, and rebuilt after a change to the
//! named graphs (an update through the endpoint, new analytics scores).

use std::collections::{BTreeMap, HashSet};

use oxigraph::model::{GraphName, GraphNameRef, NamedNodeRef, Quad, QuadRef, Triple};
use oxigraph::store::Store;
use ssgr_vocab::ssgrid;

use crate::entail::{Schema, entail};
use crate::error::StoreError;

/// The default graph's triples for these named graphs; `ontology` drives
/// the entailment.
pub(crate) fn default_graph(ontology: &[Triple], graphs: &[&[Triple]]) -> Vec<Triple> {
    let union = ssgr_extract::merge(graphs.iter().copied());
    let entailed = entail(ontology, &union.iter().cloned().collect());
    let mut all = union;
    all.extend(entailed);
    all
}

/// Recomputes the default graph of a store from its named graphs, in one
/// transaction: readers see the old default graph or the new one. Returns
/// the number of triples in the new default graph.
pub fn refresh_default_graph(store: &Store) -> Result<usize, StoreError> {
    let mut by_graph: BTreeMap<String, Vec<Triple>> = BTreeMap::new();
    for quad in store.iter() {
        let quad = quad?;
        if let GraphName::NamedNode(g) = &quad.graph_name {
            by_graph.entry(g.as_str().to_owned()).or_default().push(Triple::new(
                quad.subject,
                quad.predicate,
                quad.object,
            ));
        }
    }
    let empty = Vec::new();
    let ontology = by_graph.get(ssgrid::GRAPH_ONTOLOGY.as_str()).unwrap_or(&empty);
    let graphs: Vec<&[Triple]> = by_graph.values().map(Vec::as_slice).collect();
    let triples = default_graph(ontology, &graphs);
    let count = triples.len();
    let mut transaction = store.start_transaction()?;
    transaction.clear_graph(GraphNameRef::DefaultGraph)?;
    let quads: Vec<Quad> = triples.into_iter().map(|t| t.in_graph(GraphName::DefaultGraph)).collect();
    transaction.extend(&quads);
    transaction.commit()?;
    Ok(count)
}

/// Replaces the triples of the named graph `graph` with `triples` and keeps
/// the default graph in step.
///
/// When every triple removed or added is inert under the ontology (it
/// entails nothing and nothing entails it, as with the analytics scores),
/// only the difference is written to the default graph, in the same
/// transaction: the cost is that of the graph, not of the store, which
/// matters after a build of millions of triples. Otherwise the default
/// graph is recomputed with [`refresh_default_graph`].
pub fn replace_named_graph(store: &Store, graph: NamedNodeRef<'_>, triples: &[Triple]) -> Result<(), StoreError> {
    let graph_name = GraphNameRef::NamedNode(graph);
    let old = store
        .quads_for_pattern(None, None, None, Some(graph_name))
        .map(|quad| quad.map(Triple::from))
        .collect::<Result<HashSet<_>, _>>()?;
    let new: HashSet<Triple> = triples.iter().cloned().collect();
    let ontology = store
        .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(ssgrid::GRAPH_ONTOLOGY)))
        .map(|quad| quad.map(Triple::from))
        .collect::<Result<Vec<_>, _>>()?;
    let schema = Schema::new(&ontology);
    let inert = graph != ssgrid::GRAPH_ONTOLOGY && old.iter().chain(&new).all(|t| schema.is_inert(t));
    let mut transaction = store.start_transaction()?;
    transaction.clear_graph(graph_name)?;
    for triple in &new {
        transaction.insert(QuadRef::new(&triple.subject, &triple.predicate, &triple.object, graph_name));
    }
    if inert {
        for triple in old.difference(&new) {
            if !held_by_another_graph(store, triple, graph)? {
                transaction.remove(QuadRef::new(
                    &triple.subject,
                    &triple.predicate,
                    &triple.object,
                    GraphNameRef::DefaultGraph,
                ));
            }
        }
        for triple in new.difference(&old) {
            transaction.insert(QuadRef::new(
                &triple.subject,
                &triple.predicate,
                &triple.object,
                GraphNameRef::DefaultGraph,
            ));
        }
    }
    transaction.commit()?;
    if !inert {
        refresh_default_graph(store)?;
    }
    Ok(())
}

/// Whether a named graph other than `graph` holds `triple`.
fn held_by_another_graph(store: &Store, triple: &Triple, graph: NamedNodeRef<'_>) -> Result<bool, StoreError> {
    for quad in store.quads_for_pattern(
        Some(triple.subject.as_ref()),
        Some(triple.predicate.as_ref()),
        Some(triple.object.as_ref()),
        None,
    ) {
        match quad?.graph_name {
            GraphName::NamedNode(other) if other.as_ref() != graph => return Ok(true),
            _ => {}
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use oxigraph::model::{Literal, NamedNode};
    use ssgr_vocab::{rdf, ssgr};

    use super::*;
    use crate::build::{BuildOptions, Location, build};

    fn seeds() -> Store {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        build(&BuildOptions::new(vec![seeds], Location::Memory), |_| {}).unwrap().store
    }

    fn default_graph_of(store: &Store) -> HashSet<Triple> {
        store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
            .map(|q| Triple::from(q.unwrap()))
            .collect()
    }

    /// The default graph recomputed from scratch, without writing it.
    fn recomputed(store: &Store) -> HashSet<Triple> {
        let mut by_graph: BTreeMap<String, Vec<Triple>> = BTreeMap::new();
        for quad in store.iter() {
            let quad = quad.unwrap();
            if let GraphName::NamedNode(g) = &quad.graph_name {
                by_graph.entry(g.as_str().to_owned()).or_default().push(Triple::from(quad.clone()));
            }
        }
        let ontology = by_graph.get(ssgrid::GRAPH_ONTOLOGY.as_str()).cloned().unwrap_or_default();
        let graphs: Vec<&[Triple]> = by_graph.values().map(Vec::as_slice).collect();
        default_graph(&ontology, &graphs).into_iter().collect()
    }

    #[test]
    fn replacing_a_graph_keeps_the_default_graph_equal_to_a_full_recomputation() {
        let store = seeds();
        let graph = NamedNode::new("https://w3id.org/ssgr/id/graph/test").unwrap();
        let entity = NamedNode::new("https://w3id.org/ssgr/id/org/osce").unwrap();
        let score = Triple::new(entity.clone(), ssgr::PAGE_RANK, Literal::from(0.5));
        // A triple a document graph holds too: removing it from the test
        // graph must leave it in the default graph.
        let shared = store
            .quads_for_pattern(Some(entity.as_ref().into()), None, None, None)
            .map(|q| q.unwrap())
            .find(|q| {
                matches!(&q.graph_name, GraphName::NamedNode(g) if g.as_str().contains("/graph/0"))
                    && q.predicate != rdf::TYPE
            })
            .map(Triple::from)
            .unwrap();
        replace_named_graph(&store, graph.as_ref(), &[score.clone(), shared.clone()]).unwrap();
        assert_eq!(default_graph_of(&store), recomputed(&store));
        assert!(default_graph_of(&store).contains(&score));

        let other = Triple::new(entity.clone(), ssgr::PAGE_RANK, Literal::from(0.25));
        replace_named_graph(&store, graph.as_ref(), std::slice::from_ref(&other)).unwrap();
        let now = default_graph_of(&store);
        assert_eq!(now, recomputed(&store));
        assert!(!now.contains(&score), "the replaced score is gone");
        assert!(now.contains(&shared), "a triple another graph holds stays");

        // A class assertion entails its superclasses: the slow path.
        let typed =
            Triple::new(NamedNode::new("https://w3id.org/ssgr/id/org/test").unwrap(), rdf::TYPE, ssgr::FIELD_MISSION);
        replace_named_graph(&store, graph.as_ref(), &[typed]).unwrap();
        assert_eq!(default_graph_of(&store), recomputed(&store));
    }
}
