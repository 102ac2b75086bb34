//! The actor–topic network and the actor–actor network.

use std::collections::{BTreeMap, BTreeSet};

use ssgr_store::Store;
use ssgr_vocab::{dcterms, ssgr};

use crate::error::AnalyticsError;
use crate::graph::Graph;
use crate::projection::catalogue::{Catalogue, rows};

/// The properties from a publication to the actors behind it.
const PUBLICATION_ROLES: &str = "dcterms:publisher|dcterms:creator|dcterms:contributor|schema:editor";
/// The properties from an engagement to the actors taking part in it.
const ENGAGEMENT_ROLES: &str = "ssgr:requestedBy|ssgr:organisedBy|ssgr:supportedBy|ssgr:implementedBy|ssgr:beneficiary";

/// Actor → topic → the reasons linking them (the actor itself for
/// `ssgr:worksOn`, else the publication or engagement).
type TopicLinks = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

/// Every actor's links to topics: `ssgr:worksOn`, and the `dcterms:subject`
/// of each publication and engagement it is linked to.
pub(crate) fn topic_links(store: &Store) -> Result<TopicLinks, AnalyticsError> {
    // Three queries rather than one UNION under `?a a ssgr:Actor`: Oxigraph
    // evaluates such a UNION once per actor, and on a store of millions of
    // triples that took 110 s where the three parts take under a second.
    let queries = [
        "SELECT DISTINCT ?a ?t ?via WHERE { ?a ssgr:worksOn ?t . ?a a ssgr:Actor . ?t a ssgr:Topic . BIND(?a AS ?via) }"
            .to_owned(),
        format!(
            "SELECT DISTINCT ?a ?t ?via WHERE {{
               ?via a ssgr:Publication ; dcterms:subject ?t ; {PUBLICATION_ROLES} ?a .
               ?a a ssgr:Actor . ?t a ssgr:Topic .
             }}"
        ),
        format!(
            "SELECT DISTINCT ?a ?t ?via WHERE {{
               ?via a ssgr:Engagement ; dcterms:subject ?t ; {ENGAGEMENT_ROLES} ?a .
               ?a a ssgr:Actor . ?t a ssgr:Topic .
             }}"
        ),
    ];
    let mut links = TopicLinks::new();
    for query in &queries {
        for row in rows(store, query, &["a", "t", "via"])? {
            let [actor, topic, via] = <[String; 3]>::try_from(row).unwrap_or_default();
            links.entry(actor).or_default().entry(topic).or_default().insert(via);
        }
    }
    Ok(links)
}

/// The actor–topic network: an edge from each actor to each topic it is
/// linked to, weighted by the number of reasons (the `ssgr:worksOn`
/// statement, each publication, each engagement); its relation is
/// `ssgr:worksOn` when that is stated, else `dcterms:subject`.
pub(crate) fn actor_topic(store: &Store, catalogue: &Catalogue) -> Result<Graph, AnalyticsError> {
    let links = topic_links(store)?;
    let mut pairs: Vec<(&String, &String, &BTreeSet<String>)> = Vec::new();
    let mut members = BTreeSet::new();
    for (actor, topics) in &links {
        for (topic, reasons) in topics {
            pairs.push((actor, topic, reasons));
            members.insert(actor);
            members.insert(topic);
        }
    }
    let mut graph = Graph::new(false);
    for iri in members {
        if let Some(node) = catalogue.get(iri) {
            graph.add_node(node.clone());
        }
    }
    for (actor, topic, reasons) in pairs {
        let (Some(a), Some(t)) = (graph.find(actor), graph.find(topic)) else { continue };
        let relation = if reasons.contains(actor) { ssgr::WORKS_ON } else { dcterms::SUBJECT };
        graph.add_edge(a, t, reasons.len() as f64, relation.as_str());
    }
    Ok(graph)
}

/// The things an actor can share with another, by kind.
const KINDS: [(&str, &str); 4] =
    [("engagement", "engagements"), ("publication", "publications"), ("topic", "topics"), ("country", "countries")];

/// The actor–actor network: an edge between two actors that share
/// something, weighted by how many things they share: engagements both take
/// part in, publications both are behind, topics both are linked to (as in
/// the actor–topic network), countries both are in (`ssgr:activeIn`,
/// `ssgr:hostCountry`, `ssgr:locatedIn` a country or a place in it). The
/// relation names the counts: "shares 1 engagement, 3 topics".
pub(crate) fn actor_actor(store: &Store, catalogue: &Catalogue) -> Result<Graph, AnalyticsError> {
    // kind index → item → actors
    let mut items: [BTreeMap<String, BTreeSet<String>>; 4] = Default::default();
    let queries = [
        format!("SELECT DISTINCT ?a ?x WHERE {{ ?x {ENGAGEMENT_ROLES} ?a . ?x a ssgr:Engagement . ?a a ssgr:Actor }}"),
        format!(
            "SELECT DISTINCT ?a ?x WHERE {{ ?x {PUBLICATION_ROLES} ?a . ?x a ssgr:Publication . ?a a ssgr:Actor }}"
        ),
        String::new(),
        "SELECT DISTINCT ?a ?x WHERE {
           ?a a ssgr:Actor .
           { ?a ssgr:activeIn|ssgr:hostCountry|ssgr:locatedIn ?x } UNION { ?a ssgr:locatedIn/ssgr:locatedIn ?x }
           ?x a ssgr:Country .
         }"
        .to_owned(),
    ];
    for (kind, query) in queries.iter().enumerate() {
        if query.is_empty() {
            continue;
        }
        for row in rows(store, query, &["a", "x"])? {
            let [actor, item] = <[String; 2]>::try_from(row).unwrap_or_default();
            items[kind].entry(item).or_default().insert(actor);
        }
    }
    for (actor, topics) in topic_links(store)? {
        for topic in topics.into_keys() {
            items[2].entry(topic).or_default().insert(actor.clone());
        }
    }
    let mut shared: BTreeMap<(String, String), [usize; 4]> = BTreeMap::new();
    for (kind, by_item) in items.iter().enumerate() {
        for actors in by_item.values() {
            let actors: Vec<&String> = actors.iter().collect();
            for (i, a) in actors.iter().enumerate() {
                for b in &actors[i + 1..] {
                    shared.entry(((*a).clone(), (*b).clone())).or_default()[kind] += 1;
                }
            }
        }
    }
    let mut graph = Graph::new(false);
    let members: BTreeSet<&String> = shared.keys().flat_map(|(a, b)| [a, b]).collect();
    for iri in members {
        if let Some(node) = catalogue.get(iri) {
            graph.add_node(node.clone());
        }
    }
    for ((a, b), counts) in &shared {
        let (Some(a), Some(b)) = (graph.find(a), graph.find(b)) else { continue };
        graph.add_edge(a, b, counts.iter().sum::<usize>() as f64, &describe(counts));
    }
    Ok(graph)
}

/// "shares 1 engagement, 3 topics".
fn describe(counts: &[usize; 4]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .zip(KINDS)
        .filter(|(n, _)| **n > 0)
        .map(|(n, (one, many))| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect();
    format!("shares {}", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_things_are_described() {
        assert_eq!(describe(&[1, 0, 3, 0]), "shares 1 engagement, 3 topics");
        assert_eq!(describe(&[0, 2, 0, 1]), "shares 2 publications, 1 country");
    }
}
