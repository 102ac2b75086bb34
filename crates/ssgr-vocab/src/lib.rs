#![doc = include_str!("../README.md")]

pub mod id;
mod namespaces;
mod ontology;

pub use namespaces::*;
pub use ontology::{ONTOLOGY_TTL, OntologyError, TOPICS_TTL, ontology_triples, topic_triples};
