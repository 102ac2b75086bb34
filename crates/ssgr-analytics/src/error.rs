//! The errors of the analytics.

/// What can go wrong projecting, analysing or writing back.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AnalyticsError {
    /// Reading from or writing to the store failed.
    #[error(transparent)]
    Store(#[from] ssgr_store::StoreError),
    /// Oxigraph's storage failed.
    #[error("store error: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    /// A name matches no entity.
    #[error("no entity is named {0:?} (give a label, an alternative label or an IRI)")]
    UnknownEntity(String),
    /// A name matches several entities.
    #[error("{name:?} names several entities: {}", candidates.join(", "))]
    AmbiguousName {
        /// The name given.
        name: String,
        /// The IRIs it matches.
        candidates: Vec<String>,
    },
    /// The entity exists but is not a node of the projection analysed.
    #[error("{entity} is not in the {projection} projection (after its filters)")]
    NotInProjection {
        /// The entity's IRI.
        entity: String,
        /// The projection's name.
        projection: &'static str,
    },
    /// An iterative algorithm did not converge.
    #[error("{algorithm} did not converge in {iterations} iterations")]
    NotConverged {
        /// Which algorithm.
        algorithm: &'static str,
        /// How many iterations were run.
        iterations: usize,
    },
    /// A parameter is out of range.
    #[error("invalid parameter: {0}")]
    InvalidParameter(String),
    /// Community detection failed.
    #[error("community detection failed: {0}")]
    Community(String),
    /// An edge list could not be read.
    #[error("edge list line {line}: {message}")]
    EdgeList {
        /// The line number, from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}
