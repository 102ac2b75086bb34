//! From the store to a [`Graph`]: the three projections of the knowledge
//! graph and their filters. Read from the default graph (the union of the
//! named graphs, with entailment). See the crate README for the definitions.

mod actors;
pub(crate) mod catalogue;
mod entity;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ssgr_store::Store;

use crate::error::AnalyticsError;
use crate::graph::{Graph, NodeId};
use crate::resolve::{expand, resolve_document, resolve_in};
use catalogue::{Catalogue, rows};

/// Which graph the algorithms run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Projection {
    /// Every entity; every statement between two entities, typed.
    Entity,
    /// Actors and topics, linked by `ssgr:worksOn` and by the subjects of
    /// the actors' publications and engagements.
    #[default]
    ActorTopic,
    /// Actors, linked by what they share, weighted by how much.
    ActorActor,
}

impl Projection {
    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::Entity => "entity",
            Self::ActorTopic => "actor-topic",
            Self::ActorActor => "actor-actor",
        }
    }
}

/// Which part of a projection to keep. Filters choose among the focus
/// nodes (actors in the actor networks, every entity but topics in the
/// entity graph); a topic stays while it is linked to a focus node that
/// stays. Several filters must all hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Keep instances of one of these classes (`Organisation`,
    /// `ssgr:FieldMission`, or a full IRI).
    pub class: Vec<String>,
    /// Keep what is linked to this topic or a narrower one: by a statement,
    /// or through a publication or engagement about it.
    pub topic: Option<String>,
    /// Keep this country and what is linked to it: by a statement, through a
    /// place in it, or through a publication or engagement about it.
    pub country: Option<String>,
    /// Keep what was read in this source document (`prov:wasDerivedFrom`):
    /// its IRI, `ssgrid:doc/<stem>`, or its file name.
    pub document: Option<String>,
}

impl Filter {
    /// Whether the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        self.class.is_empty() && self.topic.is_none() && self.country.is_none() && self.document.is_none()
    }
}

/// Builds a projection of the store, filtered. Nodes are in IRI order.
pub fn project(store: &Store, projection: Projection, filter: &Filter) -> Result<Graph, AnalyticsError> {
    let catalogue = Catalogue::read(store)?;
    project_with(store, &catalogue, projection, filter)
}

pub(crate) fn project_with(
    store: &Store,
    catalogue: &Catalogue,
    projection: Projection,
    filter: &Filter,
) -> Result<Graph, AnalyticsError> {
    let graph = match projection {
        Projection::Entity => entity::entity_graph(store, catalogue)?,
        Projection::ActorTopic => actors::actor_topic(store, catalogue)?,
        Projection::ActorActor => actors::actor_actor(store, catalogue)?,
    };
    if filter.is_empty() {
        return Ok(graph);
    }
    let admitted = admitted(store, catalogue, filter)?;
    let is_focus = |v: NodeId| match projection {
        Projection::Entity => !graph.node(v).is_a("Topic"),
        Projection::ActorTopic | Projection::ActorActor => graph.node(v).is_a("Actor"),
    };
    let kept_focus: Vec<bool> =
        (0..graph.node_count()).map(|v| is_focus(v) && admitted.contains(&graph.node(v).iri)).collect();
    let mut keep = kept_focus.clone();
    for edge in graph.edges() {
        let (s, t) = (edge.source(), edge.target());
        if kept_focus[s] && !is_focus(t) {
            keep[t] = true;
        }
        if kept_focus[t] && !is_focus(s) {
            keep[s] = true;
        }
    }
    let filtered = graph.induced(|v| keep[v]);
    if projection == Projection::Entity {
        return Ok(filtered);
    }
    let mut linked = vec![false; filtered.node_count()];
    for edge in filtered.edges() {
        linked[edge.source()] = true;
        linked[edge.target()] = true;
    }
    Ok(filtered.induced(|v| linked[v]))
}

/// The IRIs every filter admits.
fn admitted(store: &Store, catalogue: &Catalogue, filter: &Filter) -> Result<HashSet<String>, AnalyticsError> {
    let mut sets: Vec<HashSet<String>> = Vec::new();
    let select = |query: &str| -> Result<HashSet<String>, AnalyticsError> {
        Ok(rows(store, query, &["x"])?.into_iter().map(|mut r| r.remove(0)).collect())
    };
    if !filter.class.is_empty() {
        let mut classes = Vec::new();
        for class in &filter.class {
            let iri = if class.contains(':') { expand(class) } else { format!("{}{class}", ssgr_vocab::ssgr::NS) };
            let known = oxigraph::model::NamedNode::new(&iri).is_ok()
                && !rows(store, &format!("SELECT ?c WHERE {{ BIND(<{iri}> AS ?c) ?c a owl:Class }}"), &["c"])?
                    .is_empty();
            if !known {
                return Err(AnalyticsError::InvalidParameter(format!("{class} is not a class of the ontology")));
            }
            classes.push(format!("<{iri}>"));
        }
        sets.push(select(&format!("SELECT DISTINCT ?x WHERE {{ VALUES ?c {{ {} }} ?x a ?c }}", classes.join(" ")))?);
    }
    if let Some(topic) = &filter.topic {
        let t = resolve_in(store, catalogue, topic)?;
        sets.push(select(&format!(
            "SELECT DISTINCT ?x WHERE {{
               ?t skos:broader* <{t}> .
               {{ ?x ?p ?t }} UNION {{ ?t ?p ?x }}
               UNION {{ ?w dcterms:subject ?t ; ?r ?x . VALUES ?k {{ ssgr:Publication ssgr:Engagement }} ?w a ?k }}
               FILTER(isIRI(?x))
             }}"
        ))?);
    }
    if let Some(country) = &filter.country {
        let c = resolve_in(store, catalogue, country)?;
        sets.push(select(&format!(
            "SELECT DISTINCT ?x WHERE {{
               {{ BIND(<{c}> AS ?x) }} UNION {{ ?x ?p <{c}> }} UNION {{ <{c}> ?p ?x }}
               UNION {{ ?x ssgr:locatedIn/ssgr:locatedIn <{c}> }}
               UNION {{ ?w dcterms:spatial <{c}> ; ?r ?x }}
               FILTER(isIRI(?x))
             }}"
        ))?);
    }
    if let Some(document) = &filter.document {
        let d = resolve_document(store, document)?;
        sets.push(select(&format!("SELECT DISTINCT ?x WHERE {{ ?x prov:wasDerivedFrom <{d}> }}"))?);
    }
    let mut sets = sets.into_iter();
    let first = sets.next().unwrap_or_default();
    Ok(sets.fold(first, |acc, set| acc.intersection(&set).cloned().collect()))
}
