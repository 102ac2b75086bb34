#![doc = include_str!("../README.md")]

mod adjacency;
pub mod algorithms;
mod error;
pub mod generate;
mod graph;
pub mod projection;
pub mod report;
mod resolve;
pub mod writeback;

pub use adjacency::Adjacency;
pub use error::AnalyticsError;
pub use graph::{Edge, Graph, Node, NodeId};
pub use projection::{Filter, Projection, project};
pub use report::{centrality, communities, neighbours, path, similar};
pub use resolve::resolve;
pub use writeback::{Summary, refresh};
