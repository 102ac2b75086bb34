//! The default graph: the set union of every named graph plus what the
//! ontology entails. Built once per build, and rebuilt after a change to the
//! named graphs (an update through the endpoint, new analytics scores).

use std::collections::BTreeMap;

use oxigraph::model::{GraphName, GraphNameRef, Quad, Triple};
use oxigraph::store::Store;
use ssgr_vocab::ssgrid;

use crate::entail::entail;
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
