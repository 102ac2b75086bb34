//! The answers the command line and the HTTP API give: each a function from
//! the store and a request to a serialisable report.

mod centrality;
mod structure;

use serde::Serialize;

pub use centrality::{
    CentralityRequest, CentralityRow, CentralityTable, DEFAULT_SAMPLES, DEFAULT_SEED, EXACT_LIMIT, Measure, Scores,
    centrality,
};
pub use structure::{
    Community, CommunityReport, CommunityRequest, Neighbour, NeighbourEdge, NeighbourRequest, Neighbourhood,
    PathReport, PathRequest, PathStep, SimilarActor, SimilarReport, SimilarRequest, communities, neighbours, path,
    similar,
};

use crate::graph::Node;

/// An entity as reports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRef {
    /// Its IRI.
    pub iri: String,
    /// Its label (empty when it has none).
    pub label: String,
    /// Its most specific class (local name).
    pub class: String,
}

impl From<&Node> for EntityRef {
    fn from(node: &Node) -> Self {
        Self { iri: node.iri.clone(), label: node.label.clone(), class: node.class.clone() }
    }
}

/// `dcterms:publisher` for a property IRI under one of the project's
/// prefixes; anything else as is.
pub fn compact(iri: &str) -> String {
    for (prefix, ns) in ssgr_vocab::PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            return format!("{prefix}:{local}");
        }
    }
    iri.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_are_compacted() {
        assert_eq!(compact("http://purl.org/dc/terms/publisher"), "dcterms:publisher");
        assert_eq!(compact("shares 2 topics"), "shares 2 topics");
    }
}
