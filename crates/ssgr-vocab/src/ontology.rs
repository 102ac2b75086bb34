//! The ontology and the topic scheme, embedded from `ontology/`.

use oxrdf::Triple;
use oxttl::TurtleParser;

/// `ontology/ssgr.ttl`: classes and properties of the SSG/R ontology.
pub const ONTOLOGY_TTL: &str = include_str!("../../../ontology/ssgr.ttl");

/// `ontology/topics.ttl`: the SKOS scheme of SSG/R topics.
pub const TOPICS_TTL: &str = include_str!("../../../ontology/topics.ttl");

/// A syntax error in one of the embedded ontology files.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {source}")]
pub struct OntologyError {
    /// Which embedded file failed to parse.
    pub file: &'static str,
    /// The Turtle parser's message, with its position.
    #[source]
    pub source: oxttl::TurtleSyntaxError,
}

/// The triples of `ontology/ssgr.ttl`.
pub fn ontology_triples() -> Result<Vec<Triple>, OntologyError> {
    parse("ontology/ssgr.ttl", ONTOLOGY_TTL)
}

/// The triples of `ontology/topics.ttl`.
pub fn topic_triples() -> Result<Vec<Triple>, OntologyError> {
    parse("ontology/topics.ttl", TOPICS_TTL)
}

fn parse(file: &'static str, text: &str) -> Result<Vec<Triple>, OntologyError> {
    TurtleParser::new()
        .for_slice(text.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|source| OntologyError { file, source })
}
