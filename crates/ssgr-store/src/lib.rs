#![doc = include_str!("../README.md")]

mod build;
mod default_graph;
mod entail;
mod error;
mod generations;
mod load;
mod query;
mod void;

pub use build::{BuildOptions, BuildReport, Failure, Location, Progress, build, collect_documents};
pub use default_graph::{refresh_default_graph, replace_named_graph};
pub use entail::entail;
pub use error::StoreError;
pub use generations::open_store;
pub use query::{
    OutputFormat, QueryOutcome, canonical_graph, canonical_nquads, graph_names, nquads_line, run_query, select,
    supports_triple_terms, without_triple_terms,
};

pub use void::{
    DatasetStatistics, Modified, VOID_PREFIX, VoidOptions, describe, endpoint_triples, is_endpoint_triple,
    newest_modification, refresh_void, stored_void,
};

pub use oxigraph::store::Store;
