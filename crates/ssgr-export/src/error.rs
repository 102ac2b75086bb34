//! The errors of the exports.

/// What can go wrong projecting, laying out or writing an export.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The projection or its scores could not be computed (an unknown
    /// class, topic or country in a filter, among others).
    #[error(transparent)]
    Analytics(#[from] ssgr_analytics::AnalyticsError),
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] ssgr_store::StoreError),
    /// The output could not be written.
    #[error("cannot write the export: {0}")]
    Write(#[from] std::io::Error),
    /// A CSV table could not be written.
    #[error("cannot write the CSV export: {0}")]
    Csv(#[from] csv::Error),
    /// A parameter is out of range.
    #[error("invalid parameter: {0}")]
    InvalidParameter(String),
}
