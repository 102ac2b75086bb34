//! Communities, paths, neighbourhoods and similar actors.

use serde::{Deserialize, Serialize};
use ssgr_store::Store;

use crate::algorithms::centrality::weighted_degree;
use crate::algorithms::community::CommunityOptions;
use crate::algorithms::paths::{neighbourhood, shortest_path};
use crate::algorithms::similarity::jaccard;
use crate::error::AnalyticsError;
use crate::graph::{Graph, NodeId};
use crate::projection::catalogue::Catalogue;
use crate::projection::{Filter, Projection, project_with};
use crate::report::{EntityRef, compact};
use crate::resolve::resolve_in;

/// Communities to find.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CommunityRequest {
    /// The projection (actor–topic).
    pub projection: Projection,
    /// Which part of it.
    pub filter: Filter,
    /// The algorithm, resolution and seed.
    pub options: CommunityOptions,
}

/// One community.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Community {
    /// Its number: 0 is the largest.
    pub id: usize,
    /// How many members.
    pub size: usize,
    /// The members, the most connected (weighted degree) first.
    pub members: Vec<EntityRef>,
}

/// The communities of a projection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommunityReport {
    /// The projection's name.
    pub projection: &'static str,
    /// Its nodes.
    pub nodes: usize,
    /// Its edges.
    pub edges: usize,
    /// The algorithm, resolution and seed used.
    pub options: CommunityOptions,
    /// The partition's modularity.
    pub modularity: f64,
    /// The communities, largest first.
    pub communities: Vec<Community>,
}

/// The communities of a projection.
pub fn communities(store: &Store, request: &CommunityRequest) -> Result<CommunityReport, AnalyticsError> {
    let catalogue = Catalogue::read(store)?;
    let graph = project_with(store, &catalogue, request.projection, &request.filter)?;
    let partition = crate::algorithms::community::communities(&graph, &request.options)?;
    let strength = weighted_degree(&graph);
    let communities = partition
        .communities()
        .into_iter()
        .enumerate()
        .map(|(id, mut members)| {
            members.sort_by(|&a, &b| strength[b].total_cmp(&strength[a]).then(a.cmp(&b)));
            Community { id, size: members.len(), members: members.into_iter().map(|v| graph.node(v).into()).collect() }
        })
        .collect();
    Ok(CommunityReport {
        projection: request.projection.name(),
        nodes: graph.node_count(),
        edges: graph.edge_count(),
        options: request.options,
        modularity: partition.modularity,
        communities,
    })
}

/// A path to find between two entities, named by label or IRI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PathRequest {
    /// Where the path starts.
    pub from: String,
    /// Where it ends.
    pub to: String,
    /// The projection (the entity graph).
    pub projection: Projection,
    /// Which part of it.
    pub filter: Filter,
}

impl Default for PathRequest {
    fn default() -> Self {
        Self { from: String::new(), to: String::new(), projection: Projection::Entity, filter: Filter::default() }
    }
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathStep {
    /// The entity the step leaves.
    pub from: EntityRef,
    /// The relation: a property IRI (or, in the actor–actor network, what
    /// the two share).
    pub relation: String,
    /// The relation, prefixed (`dcterms:publisher`).
    pub relation_name: String,
    /// "forward" when the statement reads `from relation to`, "backward"
    /// when it reads `to relation from`.
    pub direction: &'static str,
    /// The entity it reaches.
    pub to: EntityRef,
}

/// A shortest path between two entities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathReport {
    /// The projection's name.
    pub projection: &'static str,
    /// The start.
    pub from: EntityRef,
    /// The end.
    pub to: EntityRef,
    /// Whether a path exists.
    pub connected: bool,
    /// Its steps (none when not connected or when start and end are one).
    pub steps: Vec<PathStep>,
}

/// Resolves a name to a node of the projection.
fn node_of(
    store: &Store,
    catalogue: &Catalogue,
    graph: &Graph,
    projection: Projection,
    name: &str,
) -> Result<NodeId, AnalyticsError> {
    let iri = resolve_in(store, catalogue, name)?;
    graph.find(&iri).ok_or(AnalyticsError::NotInProjection { entity: iri, projection: projection.name() })
}

fn step(graph: &Graph, from: NodeId, to: NodeId, edge: usize) -> PathStep {
    let edge = &graph.edges()[edge];
    let relation = graph.relation(edge).to_owned();
    PathStep {
        from: graph.node(from).into(),
        relation_name: compact(&relation),
        relation,
        direction: if edge.source() == from { "forward" } else { "backward" },
        to: graph.node(to).into(),
    }
}

/// A shortest path between two entities, each step a named relation with
/// its direction.
pub fn path(store: &Store, request: &PathRequest) -> Result<PathReport, AnalyticsError> {
    let catalogue = Catalogue::read(store)?;
    let graph = project_with(store, &catalogue, request.projection, &request.filter)?;
    let from = node_of(store, &catalogue, &graph, request.projection, &request.from)?;
    let to = node_of(store, &catalogue, &graph, request.projection, &request.to)?;
    let found = shortest_path(&graph, from, to);
    let steps = found.iter().flatten().map(|s| step(&graph, s.from, s.to, s.edge)).collect();
    Ok(PathReport {
        projection: request.projection.name(),
        from: graph.node(from).into(),
        to: graph.node(to).into(),
        connected: found.is_some(),
        steps,
    })
}

/// A neighbourhood to list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NeighbourRequest {
    /// The centre, by label or IRI.
    pub entity: String,
    /// How many edges away (1).
    pub hops: usize,
    /// The projection (the entity graph).
    pub projection: Projection,
    /// Which part of it.
    pub filter: Filter,
}

impl Default for NeighbourRequest {
    fn default() -> Self {
        Self { entity: String::new(), hops: 1, projection: Projection::Entity, filter: Filter::default() }
    }
}

/// An entity near the centre.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbour {
    /// The entity.
    #[serde(flatten)]
    pub entity: EntityRef,
    /// Its distance from the centre, in edges.
    pub distance: usize,
}

/// An edge between two entities of the neighbourhood.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeighbourEdge {
    /// The subject's IRI.
    pub source: String,
    /// The relation.
    pub relation: String,
    /// The relation, prefixed.
    pub relation_name: String,
    /// The object's IRI.
    pub target: String,
    /// The edge's weight.
    pub weight: f64,
}

/// The entities at most `hops` edges from one, and the edges among them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbourhood {
    /// The projection's name.
    pub projection: &'static str,
    /// The centre.
    pub centre: EntityRef,
    /// The hop limit.
    pub hops: usize,
    /// The entities, the centre first, by distance.
    pub nodes: Vec<Neighbour>,
    /// The edges between them.
    pub edges: Vec<NeighbourEdge>,
}

/// The k-hop neighbourhood of an entity.
pub fn neighbours(store: &Store, request: &NeighbourRequest) -> Result<Neighbourhood, AnalyticsError> {
    let catalogue = Catalogue::read(store)?;
    let graph = project_with(store, &catalogue, request.projection, &request.filter)?;
    let centre = node_of(store, &catalogue, &graph, request.projection, &request.entity)?;
    let near = neighbourhood(&graph, centre, request.hops);
    let mut inside = vec![false; graph.node_count()];
    for &(v, _) in &near {
        inside[v] = true;
    }
    let edges = graph
        .edges()
        .iter()
        .filter(|e| inside[e.source()] && inside[e.target()])
        .map(|e| NeighbourEdge {
            source: graph.node(e.source()).iri.clone(),
            relation: graph.relation(e).to_owned(),
            relation_name: compact(graph.relation(e)),
            target: graph.node(e.target()).iri.clone(),
            weight: e.weight,
        })
        .collect();
    Ok(Neighbourhood {
        projection: request.projection.name(),
        centre: graph.node(centre).into(),
        hops: request.hops,
        nodes: near.into_iter().map(|(v, distance)| Neighbour { entity: graph.node(v).into(), distance }).collect(),
        edges,
    })
}

/// Actors like one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SimilarRequest {
    /// The actor, by label or IRI.
    pub actor: String,
    /// At most this many (10).
    pub limit: usize,
    /// Which part of the actor–topic network.
    pub filter: Filter,
}

impl Default for SimilarRequest {
    fn default() -> Self {
        Self { actor: String::new(), limit: 10, filter: Filter::default() }
    }
}

/// An actor like the one asked about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimilarActor {
    /// The actor.
    #[serde(flatten)]
    pub entity: EntityRef,
    /// Shared topics over all topics of the two.
    pub jaccard: f64,
    /// The topics both are linked to.
    pub shared: Vec<EntityRef>,
}

/// Actors similar to one by shared topics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimilarReport {
    /// The actor.
    pub actor: EntityRef,
    /// Its topics.
    pub topics: Vec<EntityRef>,
    /// The actors sharing topics with it, most similar first.
    pub similar: Vec<SimilarActor>,
}

/// Actors similar to one by the topics they share in the actor–topic
/// network (Jaccard index).
pub fn similar(store: &Store, request: &SimilarRequest) -> Result<SimilarReport, AnalyticsError> {
    let catalogue = Catalogue::read(store)?;
    let projection = Projection::ActorTopic;
    let graph = project_with(store, &catalogue, projection, &request.filter)?;
    let actor = node_of(store, &catalogue, &graph, projection, &request.actor)?;
    let is_topic = |v: NodeId| graph.node(v).is_a("Topic");
    let found = jaccard(&graph, actor, |v| !is_topic(v), is_topic);
    let mut topics: Vec<NodeId> = graph
        .edges()
        .iter()
        .filter(|e| e.source() == actor || e.target() == actor)
        .map(|e| e.other(actor))
        .filter(|&v| is_topic(v))
        .collect();
    topics.sort_unstable();
    topics.dedup();
    Ok(SimilarReport {
        actor: graph.node(actor).into(),
        topics: topics.into_iter().map(|v| graph.node(v).into()).collect(),
        similar: found
            .into_iter()
            .take(request.limit)
            .map(|s| SimilarActor {
                entity: graph.node(s.node).into(),
                jaccard: s.jaccard,
                shared: s.shared.into_iter().map(|v| graph.node(v).into()).collect(),
            })
            .collect(),
    })
}
