//! The errors of reconciliation.

/// What can stop `ssgr link`. What was written before the error stays.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LinkError {
    /// Reading or writing the local store failed.
    #[error("store: {0}")]
    Store(#[from] ssgr_store::StoreError),
    /// A transaction on the local store failed.
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    /// The endpoint could not be reached, or kept failing after the retries.
    #[error("endpoint {endpoint}: {message}")]
    Endpoint {
        /// The endpoint's URL.
        endpoint: String,
        /// What went wrong, with the last HTTP status where there was one.
        message: String,
    },
    /// The endpoint answered something that is not SPARQL JSON results.
    #[error("endpoint {endpoint}: bad results: {message}")]
    Results {
        /// The endpoint's URL.
        endpoint: String,
        /// What is wrong with them.
        message: String,
    },
    /// The endpoint is not an absolute IRI (it is recorded as `dcterms:source`).
    #[error("endpoint {0:?} is not an absolute http(s) URL")]
    BadEndpoint(String),
    /// The class mapping file is malformed.
    #[error("wikidata_classes.tsv:{line}: {message}")]
    Classes {
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}
