//! A small graph (a description, not a streamed query result) written
//! whole in one RDF format, with the project's prefixes and the caller's.
//! Turtle and N-Triples carry RDF 1.2 triple terms; JSON-LD and RDF/XML get
//! RDF 1.1 reification. Entity pages, the service description and the VoID
//! description are written through it.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use oxigraph::io::RdfFormat;
use oxigraph::model::Triple;
use ssgr_store::{supports_triple_terms, without_triple_terms};

use crate::error::ServerError;
use crate::negotiation::rdf_media_type;
use crate::query::rdf_serializer;

/// The triples written in `format`, with the project's prefixes and `extra`.
pub(crate) fn serialize(triples: &[Triple], format: RdfFormat, extra: &[(&str, &str)]) -> Result<Vec<u8>, ServerError> {
    let unserializable =
        |e: std::io::Error| ServerError::Unserializable { format: rdf_media_type(format), message: e.to_string() };
    let mut serializer = rdf_serializer(format);
    for (prefix, iri) in extra {
        serializer = serializer.with_prefix(*prefix, *iri).map_err(ServerError::internal)?;
    }
    let mut writer = serializer.for_writer(Vec::new());
    let plain = !supports_triple_terms(format);
    for triple in triples {
        if plain {
            for t in without_triple_terms(triple.clone()) {
                writer.serialize_triple(&t).map_err(unserializable)?;
            }
        } else {
            writer.serialize_triple(triple).map_err(unserializable)?;
        }
    }
    writer.finish().map_err(unserializable)
}

/// The triples as a response with their content type.
pub(crate) fn respond(triples: &[Triple], format: RdfFormat, extra: &[(&str, &str)]) -> Result<Response, ServerError> {
    let mut response = serialize(triples, format, extra)?.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(rdf_media_type(format)));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::{JsonLdProfileSet, RdfParser};
    use oxigraph::model::{Literal, NamedNode, Term};

    fn sample() -> Vec<Triple> {
        let s = NamedNode::new_unchecked("https://w3id.org/ssgr/id/org/x");
        let p = NamedNode::new_unchecked("https://w3id.org/ssgr/ontology#worksOn");
        let o = NamedNode::new_unchecked("https://w3id.org/ssgr/id/topic/gender");
        let statement = Triple::new(s.clone(), p, o);
        let reifier = NamedNode::new_unchecked("https://w3id.org/ssgr/id/evidence/e1");
        let reifies = NamedNode::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies");
        vec![
            statement.clone(),
            Triple::new(s, NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label"), Literal::from("X")),
            Triple::new(reifier, reifies, Term::Triple(Box::new(statement))),
        ]
    }

    #[test]
    fn every_format_reads_back() {
        let formats = [
            (RdfFormat::Turtle, 3),
            (RdfFormat::NTriples, 3),
            // The triple term becomes three reification triples.
            (RdfFormat::RdfXml, 5),
            (RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() }, 5),
        ];
        for (format, expected) in formats {
            let bytes = serialize(&sample(), format, &[]).expect("serializable");
            let parsed: Vec<_> = RdfParser::from_format(format).for_slice(&bytes).collect();
            assert!(parsed.iter().all(Result::is_ok), "{format}: {}", String::from_utf8_lossy(&bytes));
            assert_eq!(parsed.len(), expected, "{format}: {}", String::from_utf8_lossy(&bytes));
        }
    }
}
