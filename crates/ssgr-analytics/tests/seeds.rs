//! The analytics on the graph of `seeds/`: competency questions 14 and 15,
//! the projections, the filters, the reports and the scores written back.

use std::path::PathBuf;
use std::sync::OnceLock;

use oxigraph::model::Term;
use ssgr_analytics::report::{
    CentralityRequest, CommunityRequest, Measure, NeighbourRequest, PathRequest, SimilarRequest,
};
use ssgr_analytics::{AnalyticsError, Filter, Projection, centrality, communities, neighbours, path, project, refresh};
use ssgr_analytics::{resolve, similar};
use ssgr_store::{BuildOptions, Location, Store, build, select};

const OSCE: &str = "https://w3id.org/ssgr/id/org/osce";
const DCAF: &str = "https://w3id.org/ssgr/id/org/dcaf";
const TAJIKISTAN: &str = "https://w3id.org/ssgr/id/country/TJ";

fn build_seeds() -> Store {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let report = build(&BuildOptions::new(vec![seeds], Location::Memory), |_| {})
        .unwrap_or_else(|e| panic!("building the seeds: {e}"));
    report.store
}

/// The seeds' graph with its analytics, built once.
fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let store = build_seeds();
        refresh(&store).unwrap_or_else(|e| panic!("refreshing the analytics: {e}"));
        store
    })
}

fn ask(store: &Store, query: &str) -> Vec<std::collections::BTreeMap<String, Term>> {
    select(store, query).unwrap_or_else(|e| panic!("{query}: {e}"))
}

fn literal(row: &std::collections::BTreeMap<String, Term>, var: &str) -> String {
    match row.get(var) {
        Some(Term::Literal(l)) => l.value().to_owned(),
        other => panic!("{var} is {other:?}"),
    }
}

#[test]
fn cq14_the_osce_ranks_first_by_degree_and_by_page_rank() {
    for sort in [Measure::Degree, Measure::PageRank] {
        let request = CentralityRequest { show: Some("Actor".into()), sort, ..CentralityRequest::default() };
        let table = centrality(store(), &request).unwrap_or_else(|e| panic!("{e}"));
        let (first, second) = (&table.rows[0], &table.rows[1]);
        assert_eq!(first.entity.iri, OSCE, "{sort:?}: {first:?}");
        assert!(first.degree > second.degree && first.page_rank > second.page_rank, "{sort:?}: a tie");
    }
    // The same through SPARQL over the written-back scores.
    let query =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../queries/cq14-central-actors.rq"))
            .unwrap_or_else(|e| panic!("{e}"));
    let rows = ask(store(), &query);
    assert_eq!(rows[0].get("actor"), Some(&Term::NamedNode(oxigraph::model::NamedNode::new_unchecked(OSCE))));
    assert_eq!((literal(&rows[0], "degreeRank"), literal(&rows[0], "pageRankRank")), ("1".into(), "1".into()));
    assert_eq!(literal(&rows[1], "pageRankRank"), "2", "the OSCE alone is first");
}

#[test]
fn cq15_dcaf_is_connected_to_tajikistan_by_named_relations() {
    let request = PathRequest { from: "DCAF".into(), to: "Tajikistan".into(), ..PathRequest::default() };
    let report = path(store(), &request).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.connected);
    assert_eq!((report.from.iri.as_str(), report.to.iri.as_str()), (DCAF, TAJIKISTAN));
    assert_eq!(report.steps.first().map(|s| s.from.iri.as_str()), Some(DCAF));
    assert_eq!(report.steps.last().map(|s| s.to.iri.as_str()), Some(TAJIKISTAN));
    for pair in report.steps.windows(2) {
        assert_eq!(pair[0].to, pair[1].from);
    }
    for step in &report.steps {
        let (s, o) = if step.direction == "forward" { (&step.from, &step.to) } else { (&step.to, &step.from) };
        let query = format!("SELECT ?x WHERE {{ BIND(1 AS ?x) <{}> <{}> <{}> }}", s.iri, step.relation, o.iri);
        assert_eq!(ask(store(), &query).len(), 1, "not a statement of the graph: {step:?}");
        assert!(step.relation_name.contains(':'));
    }
    // No shorter path: Tajikistan is as far from DCAF as the path is long.
    let hood = NeighbourRequest { entity: DCAF.into(), hops: 10, ..NeighbourRequest::default() };
    let hood = neighbours(store(), &hood).unwrap_or_else(|e| panic!("{e}"));
    let distance = hood.nodes.iter().find(|n| n.entity.iri == TAJIKISTAN).map(|n| n.distance);
    assert_eq!(distance, Some(report.steps.len()));
}

#[test]
fn the_entity_graph_holds_entities_and_each_fact_once() {
    let graph = project(store(), Projection::Entity, &Filter::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(graph.node_count() > 100);
    assert!(graph.nodes().iter().all(|n| !n.is_a("SourceDocument") && !n.is_a("Evidence")));
    let relations: Vec<&str> = graph.edges().iter().map(|e| graph.relation(e)).collect();
    assert!(relations.contains(&"http://www.w3.org/ns/org#unitOf"));
    assert!(!relations.contains(&"http://www.w3.org/ns/org#hasUnit"), "inverse restatements are left out");
    assert!(!relations.contains(&"https://w3id.org/ssgr/ontology#involves"), "superproperties are left out");
    let mission = graph.find("https://w3id.org/ssgr/id/mission/osce-programme-office-in-dushanbe");
    assert_eq!(mission.map(|m| graph.node(m).class.as_str()), Some("FieldMission"));
}

#[test]
fn the_actor_networks_link_what_they_say() {
    let topics = project(store(), Projection::ActorTopic, &Filter::default()).unwrap_or_else(|e| panic!("{e}"));
    for edge in topics.edges() {
        assert!(topics.node(edge.source()).is_a("Actor") && topics.node(edge.target()).is_a("Topic"));
    }
    let actors = project(store(), Projection::ActorActor, &Filter::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(actors.nodes().iter().all(|n| n.is_a("Actor")));
    let (odihr, dcaf) = (actors.find("https://w3id.org/ssgr/id/org/odihr"), actors.find(DCAF));
    let shared = actors.edges().iter().find(|e| {
        let ends = [Some(e.source()), Some(e.target())];
        ends.contains(&odihr) && ends.contains(&dcaf)
    });
    let shared = shared.unwrap_or_else(|| panic!("DCAF and ODIHR developed publications together"));
    assert!(actors.relation(shared).contains("publication"), "{}", actors.relation(shared));
}

#[test]
fn filters_narrow_the_projections() {
    let topic = Filter { topic: Some("border management".into()), ..Filter::default() };
    let graph = project(store(), Projection::ActorTopic, &topic).unwrap_or_else(|e| panic!("{e}"));
    assert!(graph.find(OSCE).is_some() && graph.node_count() < 46);
    let country = Filter { country: Some("TJ".into()), ..Filter::default() };
    let graph = project(store(), Projection::Entity, &country).unwrap_or_else(|e| panic!("{e}"));
    assert!(graph.find(TAJIKISTAN).is_some());
    assert!(graph.find("https://w3id.org/ssgr/id/mission/osce-programme-office-in-dushanbe").is_some());
    assert!(graph.find(DCAF).is_none());
    let class = Filter { class: vec!["FieldMission".into()], ..Filter::default() };
    let graph = project(store(), Projection::ActorTopic, &class).unwrap_or_else(|e| panic!("{e}"));
    assert!(graph.nodes().iter().all(|n| n.is_a("FieldMission") || n.is_a("Topic")));
    let document = Filter { document: Some("002_7ea4d798e6fa0770.txt".into()), ..Filter::default() };
    let graph = project(store(), Projection::Entity, &document).unwrap_or_else(|e| panic!("{e}"));
    assert!(graph.find(OSCE).is_some() && graph.find(TAJIKISTAN).is_none());
    let unknown = Filter { class: vec!["Spaceship".into()], ..Filter::default() };
    assert!(matches!(project(store(), Projection::Entity, &unknown), Err(AnalyticsError::InvalidParameter(_))));
}

#[test]
fn names_resolve_to_entities() {
    assert_eq!(resolve(store(), "DCAF").ok().as_deref(), Some(DCAF));
    assert_eq!(resolve(store(), "tj").ok().as_deref(), Some(TAJIKISTAN));
    assert_eq!(resolve(store(), "ssgrid:org/osce").ok().as_deref(), Some(OSCE));
    assert_eq!(resolve(store(), OSCE).ok().as_deref(), Some(OSCE));
    assert!(matches!(resolve(store(), "Atlantis"), Err(AnalyticsError::UnknownEntity(_))));
}

#[test]
fn similar_actors_neighbours_and_communities() {
    let request = SimilarRequest { actor: "ODIHR".into(), ..SimilarRequest::default() };
    let report = similar(store(), &request).unwrap_or_else(|e| panic!("{e}"));
    assert!(!report.topics.is_empty());
    let best = &report.similar[0];
    assert!(best.jaccard > 0.0 && best.jaccard <= 1.0 && !best.shared.is_empty());
    assert!(report.similar.windows(2).all(|w| w[0].jaccard >= w[1].jaccard));

    let request = NeighbourRequest { entity: "DCAF".into(), ..NeighbourRequest::default() };
    let hood = neighbours(store(), &request).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(hood.nodes[0].entity.iri, DCAF);
    assert!(hood.nodes.iter().any(|n| n.entity.iri == OSCE && n.distance == 1));
    assert!(hood.nodes.iter().all(|n| n.distance <= 1));

    let report = communities(store(), &CommunityRequest::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.modularity > 0.3, "{}", report.modularity);
    assert_eq!(report.communities.iter().map(|c| c.size).sum::<usize>(), report.nodes);
    let missing = PathRequest { from: "DCAF".into(), to: "Atlantis".into(), ..PathRequest::default() };
    assert!(path(store(), &missing).is_err());
}

#[test]
fn scores_are_written_back_sortable_and_reproducible() {
    let rows = ask(
        store(),
        "SELECT ?x ?pr WHERE { GRAPH <https://w3id.org/ssgr/id/graph/analytics> { ?x <https://w3id.org/ssgr/ontology#pageRank> ?pr } } ORDER BY DESC(?pr) LIMIT 1",
    );
    assert_eq!(rows.len(), 1);
    let in_default = ask(
        store(),
        "SELECT ?x WHERE { ?x <https://w3id.org/ssgr/ontology#community> ?c ; <https://w3id.org/ssgr/ontology#betweenness> ?b ; <https://w3id.org/ssgr/ontology#degree> ?d }",
    );
    let graph = project(store(), Projection::ActorTopic, &Filter::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(in_default.len(), graph.node_count());

    let again = build_seeds();
    let first = refresh(&again).unwrap_or_else(|e| panic!("{e}"));
    let second = refresh(&again).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((first.triples, second.triples), (4 * graph.node_count(), 4 * graph.node_count()));
    let a = ssgr_store::canonical_nquads(store()).unwrap_or_else(|e| panic!("{e}"));
    let b = ssgr_store::canonical_nquads(&again).unwrap_or_else(|e| panic!("{e}"));
    assert!(a == b, "two builds and refreshes give different graphs");
}
