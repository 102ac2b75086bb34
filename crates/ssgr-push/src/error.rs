//! What can stop a push.

use std::path::PathBuf;

/// Why a push failed. Each message names what to look at: the URL, the
/// graph, the state file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PushError {
    /// The options cannot work (a bad URL or header).
    #[error("{0}")]
    Config(String),
    /// Reading the store failed.
    #[error("reading the store: {0}")]
    Store(#[from] oxigraph::store::StorageError),
    /// A triple could not be written as the request body.
    #[error("writing a batch of graph {graph}: {message}")]
    Serialize {
        /// The graph being sent.
        graph: String,
        /// The serializer's message.
        message: String,
    },
    /// The target refused a request (a status that retrying will not fix).
    #[error("{method} {url} answered {status} for graph {graph}: {body}")]
    Refused {
        /// The request's method.
        method: &'static str,
        /// The request's URL.
        url: String,
        /// The graph being sent.
        graph: String,
        /// The HTTP status.
        status: u16,
        /// The start of the answer's body.
        body: String,
    },
    /// The target could not be reached, or kept failing, after every retry.
    #[error("{method} {url} failed after {attempts} attempts for graph {graph}: {message}")]
    Unreachable {
        /// The request's method.
        method: &'static str,
        /// The request's URL.
        url: String,
        /// The graph being sent.
        graph: String,
        /// Attempts made.
        attempts: u32,
        /// The last error.
        message: String,
    },
    /// The state file could not be read or written.
    #[error("push state {path}: {message}")]
    State {
        /// The state file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}
