//! `GET /api/network`: a projection of `ssgr-analytics` as nodes and edges
//! for the page's network view, each node with its centrality, community,
//! and the countries and topics it is linked to (for the page's filters).
//!
//! Parameters: `projection` (`actor-topic`, the default; `actor` or
//! `actor-actor`; `entity`), the analytics filters `class` (comma-separated
//! classes), `topic`, `country`, `document`, and `countries` (`true` adds
//! the countries the actors are linked to as nodes, with an edge to each,
//! to a projection that has none).

use std::collections::{BTreeMap, BTreeSet};

use axum::Json;
use axum::extract::{Query, State};
use oxigraph::model::Term;
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use serde::{Deserialize, Serialize};
use ssgr_analytics::algorithms::community::{CommunityOptions, communities};
use ssgr_analytics::report::{DEFAULT_SAMPLES, DEFAULT_SEED, Scores, compact};
use ssgr_analytics::{Filter, Graph, Node, Projection, project};
use ssgr_store::Store;

use crate::analytics::analytics_error;
use crate::error::ServerError;
use crate::guarded;
use crate::state::AppState;

/// The parameters of `/api/network`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    projection: Option<String>,
    class: Option<String>,
    topic: Option<String>,
    country: Option<String>,
    document: Option<String>,
    #[serde(default)]
    countries: bool,
}

/// The answer: nodes, edges, and the values the page's filters offer.
#[derive(Debug, Serialize)]
struct Network {
    projection: &'static str,
    nodes: Vec<NetworkNode>,
    edges: Vec<NetworkEdge>,
    communities: usize,
    modularity: f64,
    facets: Facets,
}

#[derive(Debug, Serialize)]
struct NetworkNode {
    /// The entity's IRI.
    id: String,
    label: String,
    /// Its most specific class (local name).
    class: String,
    classes: Vec<String>,
    /// PageRank in this network (sums to 1).
    centrality: f64,
    degree: usize,
    betweenness: f64,
    /// Leiden community, 0 the largest.
    community: usize,
    /// IRIs of the countries it is linked to (itself for a country).
    countries: Vec<String>,
    /// IRIs of the topics it is linked to, broader topics included (itself
    /// for a topic).
    topics: Vec<String>,
}

#[derive(Debug, Serialize)]
struct NetworkEdge {
    source: String,
    target: String,
    /// The property (compacted, `ssgr:worksOn`) or what is shared.
    relation: String,
    weight: f64,
}

#[derive(Debug, Default, Serialize)]
struct Facets {
    classes: Vec<Facet>,
    topics: Vec<Facet>,
    countries: Vec<Facet>,
}

/// A value a filter can take, with the number of nodes that have it.
#[derive(Debug, Serialize)]
struct Facet {
    id: String,
    label: String,
    count: usize,
}

/// `GET /api/network`.
pub(crate) async fn network(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<Json<serde_json::Value>, ServerError> {
    let projection = parse_projection(params.projection.as_deref())?;
    let filter = Filter {
        class: params
            .class
            .iter()
            .flat_map(|c| c.split(','))
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect(),
        topic: params.topic.clone().filter(|t| !t.is_empty()),
        country: params.country.clone().filter(|c| !c.is_empty()),
        document: params.document.clone().filter(|d| !d.is_empty()),
    };
    let countries = params.countries;
    let network =
        guarded::blocking(&state, move |store, token| build(store, token, projection, &filter, countries)).await?;
    serde_json::to_value(network).map(Json).map_err(ServerError::internal)
}

fn parse_projection(name: Option<&str>) -> Result<Projection, ServerError> {
    match name.unwrap_or("actor-topic") {
        "actor-topic" => Ok(Projection::ActorTopic),
        "actor" | "actor-actor" => Ok(Projection::ActorActor),
        "entity" => Ok(Projection::Entity),
        other => {
            Err(ServerError::BadRequest(format!("unknown projection {other:?}: use actor-topic, actor or entity")))
        }
    }
}

fn check(token: &CancellationToken) -> Result<(), ServerError> {
    if token.is_cancelled() { Err(ServerError::Busy("the request was stopped".into())) } else { Ok(()) }
}

fn build(
    store: &Store,
    token: &CancellationToken,
    projection: Projection,
    filter: &Filter,
    with_countries: bool,
) -> Result<Network, ServerError> {
    let mut graph = project(store, projection, filter).map_err(analytics_error)?;
    check(token)?;
    let links = Links::read(store, token)?;
    if with_countries && projection != Projection::Entity {
        add_countries(&mut graph, &links);
    }
    check(token)?;
    let scores = Scores::compute(&graph, DEFAULT_SAMPLES, DEFAULT_SEED).map_err(analytics_error)?;
    let partition = communities(&graph, &CommunityOptions::default()).map_err(analytics_error)?;
    check(token)?;
    let nodes: Vec<NetworkNode> = graph
        .nodes()
        .iter()
        .enumerate()
        .map(|(v, node)| NetworkNode {
            id: node.iri.clone(),
            label: if node.label.is_empty() { node.iri.clone() } else { node.label.clone() },
            class: node.class.clone(),
            classes: node.classes.clone(),
            centrality: scores.page_rank[v],
            degree: scores.degree[v],
            betweenness: scores.betweenness[v],
            community: partition.membership[v],
            countries: links.of(&links.countries, node, "Country"),
            topics: links.of(&links.topics, node, "Topic"),
        })
        .collect();
    let edges = graph
        .edges()
        .iter()
        .map(|e| NetworkEdge {
            source: graph.node(e.source()).iri.clone(),
            target: graph.node(e.target()).iri.clone(),
            relation: compact(graph.relation(e)),
            weight: e.weight,
        })
        .collect();
    let facets = facets(&nodes, &links.labels);
    Ok(Network {
        projection: projection.name(),
        nodes,
        edges,
        communities: partition.count,
        modularity: partition.modularity,
        facets,
    })
}

/// Adds a node for every country an actor of the graph is linked to, and
/// an edge from the actor to it.
fn add_countries(graph: &mut Graph, links: &Links) {
    let actors: Vec<(usize, String)> =
        graph.nodes().iter().enumerate().filter(|(_, n)| n.is_a("Actor")).map(|(v, n)| (v, n.iri.clone())).collect();
    for (actor, iri) in actors {
        for country in links.countries.get(&iri).into_iter().flatten() {
            let label = links.labels.get(country).cloned().unwrap_or_default();
            let node = Node {
                iri: country.clone(),
                label,
                class: "Country".into(),
                classes: vec!["Country".into(), "Place".into()],
            };
            let target = graph.add_node(node);
            graph.add_edge(actor, target, 1.0, ssgr_vocab::ssgr::ACTIVE_IN.as_str());
        }
    }
}

/// Which countries and topics each entity is linked to, and their labels.
#[derive(Debug, Default)]
struct Links {
    countries: BTreeMap<String, BTreeSet<String>>,
    topics: BTreeMap<String, BTreeSet<String>>,
    labels: BTreeMap<String, String>,
}

/// An entity and a country: linked by a statement either way, through a
/// place in the country, or through a publication or engagement about it
/// (the analytics' country filter).
const COUNTRY_LINKS: &str = "SELECT DISTINCT ?x ?k WHERE {
  ?k a ssgr:Country .
  { ?x ?p ?k } UNION { ?k ?p ?x } UNION { ?x ssgr:locatedIn/ssgr:locatedIn ?k }
  UNION { ?w dcterms:spatial ?k ; ?r ?x }
  FILTER(isIRI(?x) && ?x != ?k)
}";

/// An entity and a topic: linked to the topic or a narrower one by a
/// statement either way, or through a publication or engagement about it
/// (the analytics' topic filter).
const TOPIC_LINKS: &str = "SELECT DISTINCT ?x ?k WHERE {
  ?k a ssgr:Topic . ?n skos:broader* ?k .
  { ?x ?p ?n } UNION { ?n ?p ?x }
  UNION { ?w dcterms:subject ?n ; ?r ?x . VALUES ?c { ssgr:Publication ssgr:Engagement } ?w a ?c }
  FILTER(isIRI(?x) && ?x != ?k)
}";

const LABELS: &str = "SELECT ?k (SAMPLE(?l) AS ?label) WHERE {
  VALUES ?c { ssgr:Country ssgr:Topic } ?k a ?c .
  { ?k rdfs:label ?l } UNION { ?k skos:prefLabel ?l }
} GROUP BY ?k";

impl Links {
    fn read(store: &Store, token: &CancellationToken) -> Result<Self, ServerError> {
        let mut links = Self::default();
        for (query, map) in [(COUNTRY_LINKS, &mut links.countries), (TOPIC_LINKS, &mut links.topics)] {
            for row in select(store, token, query, ["x", "k"])? {
                let [x, k] = row;
                map.entry(x).or_default().insert(k);
            }
        }
        links.labels = select(store, token, LABELS, ["k", "label"])?.into_iter().map(|[k, l]| (k, l)).collect();
        Ok(links)
    }

    /// The linked countries or topics of a node: itself when it is one.
    fn of(&self, map: &BTreeMap<String, BTreeSet<String>>, node: &Node, class: &str) -> Vec<String> {
        let mut out: BTreeSet<String> = map.get(&node.iri).cloned().unwrap_or_default();
        if node.is_a(class) {
            out.insert(node.iri.clone());
        }
        out.into_iter().collect()
    }
}

/// The classes, topics and countries of the nodes, with counts; classes by
/// count, the others by label.
fn facets(nodes: &[NetworkNode], labels: &BTreeMap<String, String>) -> Facets {
    let mut classes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut topics: BTreeMap<&str, usize> = BTreeMap::new();
    let mut countries: BTreeMap<&str, usize> = BTreeMap::new();
    for node in nodes {
        *classes.entry(&node.class).or_default() += 1;
        for t in &node.topics {
            *topics.entry(t).or_default() += 1;
        }
        for c in &node.countries {
            *countries.entry(c).or_default() += 1;
        }
    }
    let listed = |map: BTreeMap<&str, usize>| -> Vec<Facet> {
        let mut out: Vec<Facet> = map
            .into_iter()
            .map(|(id, count)| Facet {
                id: id.to_owned(),
                label: labels.get(id).cloned().unwrap_or_else(|| id.rsplit('/').next().unwrap_or(id).to_owned()),
                count,
            })
            .collect();
        out.sort_by(|a, b| a.label.to_lowercase().cmp(&b.label.to_lowercase()).then(a.id.cmp(&b.id)));
        out
    };
    let mut classes: Vec<Facet> = classes
        .into_iter()
        .filter(|(c, _)| !c.is_empty())
        .map(|(c, count)| Facet { id: c.to_owned(), label: c.to_owned(), count })
        .collect();
    classes.sort_by(|a, b| b.count.cmp(&a.count).then(a.id.cmp(&b.id)));
    Facets { classes, topics: listed(topics), countries: listed(countries) }
}

/// Runs a SELECT with the project's prefixes under the request's token;
/// rows without a value for one of `vars` are left out.
fn select<const N: usize>(
    store: &Store,
    token: &CancellationToken,
    query: &str,
    vars: [&str; N],
) -> Result<Vec<[String; N]>, ServerError> {
    let prefixes: String = ssgr_vocab::PREFIXES.iter().map(|(p, iri)| format!("PREFIX {p}: <{iri}>\n")).collect();
    let results = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .parse_query(&format!("{prefixes}{query}"))
        .map_err(ServerError::internal)?
        .on_store(store)
        .execute()
        .map_err(ServerError::from_evaluation)?;
    let QueryResults::Solutions(solutions) = results else {
        return Err(ServerError::internal("a network query is not a SELECT"));
    };
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(ServerError::from_evaluation)?;
        let values = vars.map(|v| match solution.get(v) {
            Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
            Some(Term::Literal(l)) => Some(l.value().to_owned()),
            _ => None,
        });
        if values.iter().all(Option::is_some) {
            rows.push(values.map(Option::unwrap_or_default));
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projections_are_named_as_on_the_page() {
        assert_eq!(parse_projection(None).ok(), Some(Projection::ActorTopic));
        assert_eq!(parse_projection(Some("actor")).ok(), Some(Projection::ActorActor));
        assert_eq!(parse_projection(Some("entity")).ok(), Some(Projection::Entity));
        assert!(matches!(parse_projection(Some("nodes")), Err(ServerError::BadRequest(_))));
    }
}
