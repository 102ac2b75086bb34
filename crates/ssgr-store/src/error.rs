//! The errors of the store.

use std::path::PathBuf;

/// What can go wrong building, opening or querying the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The extractor could not be set up (reference data or ontology broken).
    #[error("cannot set up the extractor: {0}")]
    Setup(#[from] ssgr_extract::SetupError),
    /// An input path does not exist or cannot be listed.
    #[error("cannot read input {path}: {message}")]
    Input {
        /// The path given.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// Oxigraph's storage failed.
    #[error("store error: {0}")]
    Storage(oxigraph::store::StorageError),
    /// A file system operation on the store directory failed.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// On which path.
        path: PathBuf,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
    /// The store directory has no built graph yet.
    #[error("{0} holds no built graph: run `ssgr build --store {0}` first")]
    NotBuilt(PathBuf),
    /// The query does not parse; the message gives line and column.
    #[error("query syntax error: {0}")]
    Syntax(oxigraph::sparql::SparqlSyntaxError),
    /// The query failed while running.
    #[error("query evaluation error: {0}")]
    Evaluation(oxigraph::sparql::QueryEvaluationError),
    /// The results could not be written.
    #[error("cannot write results: {0}")]
    Write(#[source] std::io::Error),
    /// The requested output format does not fit the query's results.
    #[error("{format} cannot hold {kind} results")]
    Format {
        /// The format asked for.
        format: &'static str,
        /// What the query returned.
        kind: &'static str,
    },
}

// The wrapped errors are written into the message, not chained as sources,
// so that a report of the whole chain says each thing once.
impl From<oxigraph::store::StorageError> for StoreError {
    fn from(e: oxigraph::store::StorageError) -> Self {
        Self::Storage(e)
    }
}

impl From<oxigraph::sparql::SparqlSyntaxError> for StoreError {
    fn from(e: oxigraph::sparql::SparqlSyntaxError) -> Self {
        Self::Syntax(e)
    }
}

impl From<oxigraph::sparql::QueryEvaluationError> for StoreError {
    fn from(e: oxigraph::sparql::QueryEvaluationError) -> Self {
        Self::Evaluation(e)
    }
}
