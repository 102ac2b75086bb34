//! The centrality table.

use serde::{Deserialize, Serialize};
use ssgr_store::Store;

use crate::algorithms::betweenness::{betweenness, betweenness_sampled};
use crate::algorithms::centrality::{closeness, degree, eigenvector, weighted_degree};
use crate::algorithms::components::component_membership;
use crate::algorithms::pagerank::{PageRankOptions, page_rank};
use crate::error::AnalyticsError;
use crate::graph::Graph;
use crate::projection::{Filter, Projection, project};
use crate::report::EntityRef;

/// Above this many nodes betweenness is sampled and closeness (`O(n·m)`)
/// left out.
pub const EXACT_LIMIT: usize = 5000;

/// Sources sampled for betweenness above [`EXACT_LIMIT`] nodes, and the
/// sample's seed, unless asked otherwise: the write-back, the exports, the
/// web page and `ssgr analyze` use these, so that their scores agree.
pub const DEFAULT_SAMPLES: usize = 256;
/// See [`DEFAULT_SAMPLES`].
pub const DEFAULT_SEED: u64 = 0;

/// What to rank by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// Distinct neighbours.
    Degree,
    /// Summed edge weight.
    WeightedDegree,
    /// PageRank.
    #[default]
    PageRank,
    /// Betweenness.
    Betweenness,
    /// Closeness.
    Closeness,
    /// Eigenvector centrality.
    Eigenvector,
}

/// A centrality table to compute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CentralityRequest {
    /// The projection (actor–topic).
    pub projection: Projection,
    /// Which part of it.
    pub filter: Filter,
    /// List only entities of this class (`Actor`, `Topic`, …); the scores
    /// are still those of the whole (filtered) projection.
    pub show: Option<String>,
    /// The measure rows are ranked by (PageRank).
    pub sort: Measure,
    /// At most this many rows.
    pub limit: Option<usize>,
    /// Sources sampled for betweenness above [`EXACT_LIMIT`] nodes (256).
    pub samples: usize,
    /// The seed of that sample (0).
    pub seed: u64,
}

impl Default for CentralityRequest {
    fn default() -> Self {
        Self {
            projection: Projection::default(),
            filter: Filter::default(),
            show: None,
            sort: Measure::default(),
            limit: None,
            samples: DEFAULT_SAMPLES,
            seed: DEFAULT_SEED,
        }
    }
}

/// One entity's scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CentralityRow {
    /// Its place in the table, from 1.
    pub rank: usize,
    /// The entity.
    #[serde(flatten)]
    pub entity: EntityRef,
    /// Distinct neighbours.
    pub degree: usize,
    /// Summed edge weight.
    pub weighted_degree: f64,
    /// PageRank (sums to 1 over the projection).
    pub page_rank: f64,
    /// Normalised betweenness.
    pub betweenness: f64,
    /// Closeness; absent above [`EXACT_LIMIT`] nodes.
    pub closeness: Option<f64>,
    /// Eigenvector centrality; absent if it did not converge.
    pub eigenvector: Option<f64>,
    /// The connected component, 0 the largest.
    pub component: usize,
}

/// The centrality of the entities of a projection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CentralityTable {
    /// The projection's name.
    pub projection: &'static str,
    /// Its nodes.
    pub nodes: usize,
    /// Its edges.
    pub edges: usize,
    /// Its connected components.
    pub components: usize,
    /// How betweenness was computed: "exact" or "sampled: k sources, seed s".
    pub betweenness: String,
    /// The measure rows are ranked by.
    pub sort: Measure,
    /// The rows, best first.
    pub rows: Vec<CentralityRow>,
}

/// Every score of every node of a graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// Distinct neighbours.
    pub degree: Vec<usize>,
    /// Summed edge weight.
    pub weighted_degree: Vec<f64>,
    /// PageRank.
    pub page_rank: Vec<f64>,
    /// Normalised betweenness, exact up to [`EXACT_LIMIT`] nodes.
    pub betweenness: Vec<f64>,
    /// Whether betweenness was sampled.
    pub sampled: bool,
    /// Closeness, up to [`EXACT_LIMIT`] nodes.
    pub closeness: Option<Vec<f64>>,
    /// Eigenvector centrality, if it converged.
    pub eigenvector: Option<Vec<f64>>,
    /// Connected component of each node.
    pub component: Vec<usize>,
}

impl Scores {
    /// Computes every score; betweenness from `samples` sources drawn with
    /// `seed` above [`EXACT_LIMIT`] nodes.
    pub fn compute(graph: &Graph, samples: usize, seed: u64) -> Result<Self, AnalyticsError> {
        let exact = graph.node_count() <= EXACT_LIMIT;
        Ok(Self {
            degree: degree(graph),
            weighted_degree: weighted_degree(graph),
            page_rank: page_rank(graph, &PageRankOptions::default())?,
            betweenness: if exact {
                betweenness(graph, true)
            } else {
                betweenness_sampled(graph, samples, seed, true)?
            },
            sampled: !exact,
            closeness: exact.then(|| closeness(graph)),
            eigenvector: eigenvector(graph, 1000, 1e-9).ok(),
            component: component_membership(graph),
        })
    }

    fn value(&self, measure: Measure, v: usize) -> f64 {
        match measure {
            Measure::Degree => self.degree[v] as f64,
            Measure::WeightedDegree => self.weighted_degree[v],
            Measure::PageRank => self.page_rank[v],
            Measure::Betweenness => self.betweenness[v],
            Measure::Closeness => self.closeness.as_ref().map_or(0.0, |c| c[v]),
            Measure::Eigenvector => self.eigenvector.as_ref().map_or(0.0, |e| e[v]),
        }
    }
}

/// The centrality table of a projection.
pub fn centrality(store: &Store, request: &CentralityRequest) -> Result<CentralityTable, AnalyticsError> {
    let graph = project(store, request.projection, &request.filter)?;
    let scores = Scores::compute(&graph, request.samples, request.seed)?;
    let show = request.show.as_deref().map(|c| c.rsplit([':', '#']).next().unwrap_or(c));
    let mut order: Vec<usize> =
        (0..graph.node_count()).filter(|&v| show.is_none_or(|c| graph.node(v).is_a(c))).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (scores.value(request.sort, a), scores.value(request.sort, b));
        y.total_cmp(&x).then_with(|| graph.node(a).label.cmp(&graph.node(b).label)).then(a.cmp(&b))
    });
    order.truncate(request.limit.unwrap_or(usize::MAX));
    let rows = order
        .into_iter()
        .enumerate()
        .map(|(i, v)| CentralityRow {
            rank: i + 1,
            entity: graph.node(v).into(),
            degree: scores.degree[v],
            weighted_degree: scores.weighted_degree[v],
            page_rank: scores.page_rank[v],
            betweenness: scores.betweenness[v],
            closeness: scores.closeness.as_ref().map(|c| c[v]),
            eigenvector: scores.eigenvector.as_ref().map(|e| e[v]),
            component: scores.component[v],
        })
        .collect();
    Ok(CentralityTable {
        projection: request.projection.name(),
        nodes: graph.node_count(),
        edges: graph.edge_count(),
        components: scores.component.iter().max().map_or(0, |c| c + 1),
        betweenness: if scores.sampled {
            format!("sampled: {} sources, seed {}", request.samples, request.seed)
        } else {
            "exact".to_owned()
        },
        sort: request.sort,
        rows,
    })
}
