#![doc = include_str!("../README.md")]

mod dataset;
mod error;
pub mod formats;
pub mod layout;
mod network;
pub mod style;

pub use dataset::{DatasetFormat, DatasetSummary, write_dataset};
pub use error::ExportError;
pub use formats::{NetworkFormat, write_network};
pub use network::{Network, NetworkEdge, NetworkNode, NetworkOptions};
