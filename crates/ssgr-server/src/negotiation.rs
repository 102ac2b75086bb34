//! Content negotiation: the Accept header (with q-values) or a `format`
//! parameter picks one of the formats that fit what is being sent.

use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::sparql::results::QueryResultsFormat;

use crate::error::ServerError;

/// A format the endpoint can write, with the media types and short names
/// that ask for it. The first media type is the one sent.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Offer<F> {
    pub(crate) format: F,
    pub(crate) media_types: &'static [&'static str],
    pub(crate) names: &'static [&'static str],
}

/// Formats for SELECT and ASK results, in the server's order of preference.
pub(crate) const SOLUTIONS: &[Offer<QueryResultsFormat>] = &[
    Offer {
        format: QueryResultsFormat::Json,
        media_types: &["application/sparql-results+json", "application/json"],
        names: &["json", "srj"],
    },
    Offer {
        format: QueryResultsFormat::Xml,
        media_types: &["application/sparql-results+xml", "application/xml"],
        names: &["xml", "srx"],
    },
    Offer { format: QueryResultsFormat::Csv, media_types: &["text/csv"], names: &["csv"] },
    Offer { format: QueryResultsFormat::Tsv, media_types: &["text/tab-separated-values", "text/tsv"], names: &["tsv"] },
];

const JSON_LD: RdfFormat = RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() };

/// Formats for a graph (CONSTRUCT, DESCRIBE, one graph of the store).
pub(crate) const GRAPH: &[Offer<RdfFormat>] = &[
    Offer {
        format: RdfFormat::Turtle,
        media_types: &["text/turtle", "application/x-turtle"],
        names: &["turtle", "ttl"],
    },
    Offer {
        format: RdfFormat::NTriples,
        media_types: &["application/n-triples", "text/plain"],
        names: &["ntriples", "nt", "n-triples"],
    },
    Offer {
        format: RdfFormat::NQuads,
        media_types: &["application/n-quads", "text/x-nquads"],
        names: &["nquads", "nq", "n-quads"],
    },
    Offer { format: RdfFormat::TriG, media_types: &["application/trig", "application/x-trig"], names: &["trig"] },
    Offer {
        format: RdfFormat::RdfXml,
        media_types: &["application/rdf+xml", "application/xml", "text/xml"],
        names: &["rdfxml", "rdf+xml", "rdf", "xml"],
    },
    Offer {
        format: JSON_LD,
        media_types: &["application/ld+json", "application/json"],
        names: &["jsonld", "json-ld", "json"],
    },
];

/// Formats for the whole dataset (every graph).
pub(crate) const DATASET: &[Offer<RdfFormat>] = &[
    Offer { format: RdfFormat::TriG, media_types: &["application/trig", "application/x-trig"], names: &["trig"] },
    Offer {
        format: RdfFormat::NQuads,
        media_types: &["application/n-quads", "text/x-nquads"],
        names: &["nquads", "nq", "n-quads"],
    },
];

/// Picks a format: the `format` parameter if given (a short name or a
/// media type), else the Accept header, else the first offer.
pub(crate) fn negotiate<F: Copy>(
    offers: &[Offer<F>],
    accept: Option<&str>,
    formats: &[String],
    kind: &'static str,
) -> Result<F, ServerError> {
    let not_acceptable = |asked: &str| ServerError::NotAcceptable {
        asked: asked.to_owned(),
        kind,
        available: offers.iter().map(|o| o.media_types[0]).collect::<Vec<_>>().join(", "),
    };
    let asked: Vec<&str> = formats.iter().map(|f| f.trim()).filter(|f| !f.is_empty()).collect();
    if !asked.is_empty() {
        return asked
            .iter()
            .find_map(|name| {
                let lower = name.to_ascii_lowercase();
                let media = lower.split(';').next().unwrap_or_default().trim().to_owned();
                offers.iter().find(|o| o.names.contains(&lower.as_str()) || o.media_types.contains(&media.as_str()))
            })
            .map(|o| o.format)
            .ok_or_else(|| not_acceptable(&asked.join(", ")));
    }
    let Some(accept) = accept.map(str::trim).filter(|a| !a.is_empty()) else {
        return offers.first().map(|o| o.format).ok_or_else(|| not_acceptable(""));
    };
    let ranges = parse_accept(accept);
    let mut best: Option<(Score, F)> = None;
    for (index, offer) in offers.iter().enumerate() {
        for media_type in offer.media_types {
            if let Some(score) = score(&ranges, media_type, index) {
                if score.q > 0 && best.as_ref().is_none_or(|(b, _)| score > *b) {
                    best = Some((score, offer.format));
                }
            }
        }
    }
    best.map(|(_, f)| f).ok_or_else(|| not_acceptable(accept))
}

/// One media range of an Accept header.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Range {
    main: String,
    sub: String,
    /// The q-value in thousandths.
    q: u16,
}

/// How well a media type is wanted: higher q first, then a more specific
/// range, then the client's order, then the server's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    q: u16,
    specificity: u8,
    client_order: std::cmp::Reverse<usize>,
    server_order: std::cmp::Reverse<usize>,
}

/// The media ranges of an Accept header; malformed entries are skipped.
fn parse_accept(header: &str) -> Vec<Range> {
    header
        .split(',')
        .filter_map(|entry| {
            let mut parts = entry.split(';');
            let (main, sub) = parts.next()?.trim().split_once('/')?;
            let (main, sub) = (main.trim().to_ascii_lowercase(), sub.trim().to_ascii_lowercase());
            if main.is_empty() || sub.is_empty() || (main == "*" && sub != "*") {
                return None;
            }
            let mut q = 1000;
            for param in parts {
                if let Some((name, value)) = param.split_once('=') {
                    if name.trim().eq_ignore_ascii_case("q") {
                        q = parse_q(value.trim())?;
                    }
                }
            }
            Some(Range { main, sub, q })
        })
        .collect()
}

/// A q-value ("0", "0.5", "1.000") in thousandths.
fn parse_q(value: &str) -> Option<u16> {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole = match int {
        "0" => 0,
        "1" => 1000,
        _ => return None,
    };
    let thousandths: u16 = format!("{frac:0<3}").parse().ok()?;
    let q = whole + thousandths;
    (q <= 1000).then_some(q)
}

/// The score of one media type against the ranges: the most specific
/// matching range decides its q-value.
fn score(ranges: &[Range], media_type: &str, server_order: usize) -> Option<Score> {
    let (main, sub) = media_type.split_once('/')?;
    ranges
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let specificity = if r.main == main && r.sub == sub {
                2
            } else if r.main == main && r.sub == "*" {
                1
            } else if r.main == "*" {
                0
            } else {
                return None;
            };
            Some((specificity, i, r.q))
        })
        .max_by_key(|(specificity, i, _)| (*specificity, std::cmp::Reverse(*i)))
        .map(|(specificity, i, q)| Score {
            q,
            specificity,
            client_order: std::cmp::Reverse(i),
            server_order: std::cmp::Reverse(server_order),
        })
}

/// The media type sent for a results format.
pub(crate) fn results_media_type(format: QueryResultsFormat) -> &'static str {
    SOLUTIONS.iter().find(|o| o.format == format).map_or("application/octet-stream", |o| o.media_types[0])
}

/// The media type sent for an RDF format.
pub(crate) fn rdf_media_type(format: RdfFormat) -> &'static str {
    GRAPH.iter().find(|o| o.format == format).map_or("application/octet-stream", |o| o.media_types[0])
}

/// The RDF format of a request body's media type (parameters ignored).
pub(crate) fn rdf_format_of(content_type: &str) -> Option<RdfFormat> {
    let media = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    GRAPH.iter().find(|o| o.media_types.contains(&media.as_str()) && media != "text/plain").map(|o| o.format)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results(accept: &str) -> Result<QueryResultsFormat, ServerError> {
        negotiate(SOLUTIONS, Some(accept), &[], "SELECT results")
    }

    fn graph(accept: &str) -> Result<RdfFormat, ServerError> {
        negotiate(GRAPH, Some(accept), &[], "a graph")
    }

    #[test]
    fn q_values_choose() {
        let cases: &[(&str, QueryResultsFormat)] = &[
            ("", QueryResultsFormat::Json),
            ("*/*", QueryResultsFormat::Json),
            ("text/csv", QueryResultsFormat::Csv),
            ("text/csv;q=0.5, application/sparql-results+xml", QueryResultsFormat::Xml),
            ("application/sparql-results+json;q=0.1, text/tab-separated-values;q=0.9", QueryResultsFormat::Tsv),
            ("text/*;q=0.9, application/json;q=0.2", QueryResultsFormat::Csv),
            ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", QueryResultsFormat::Xml),
            ("application/sparql-results+json,application/json,text/javascript", QueryResultsFormat::Json),
            ("text/tsv, text/csv", QueryResultsFormat::Tsv),
            ("TEXT/CSV ; Q=1", QueryResultsFormat::Csv),
            ("bogus, text/csv;q=0.3", QueryResultsFormat::Csv),
        ];
        for (accept, expected) in cases {
            assert_eq!(results(accept).ok(), Some(*expected), "Accept: {accept}");
        }
    }

    #[test]
    fn the_most_specific_range_decides() {
        // text/csv is refused even though text/* is welcome.
        assert_eq!(results("text/*, text/csv;q=0").ok(), Some(QueryResultsFormat::Tsv));
        assert_eq!(graph("*/*;q=0.1, application/n-triples").ok(), Some(RdfFormat::NTriples));
    }

    #[test]
    fn nothing_fits_is_406() {
        for accept in ["text/html", "image/png, text/csv;q=0", "application/json;q=0"] {
            let err = results(accept).err().map(|e| e.status());
            assert_eq!(err, Some(axum::http::StatusCode::NOT_ACCEPTABLE), "Accept: {accept}");
        }
        assert!(graph("text/csv").is_err());
    }

    #[test]
    fn format_parameter_wins() {
        let pick = |f: &str| negotiate(SOLUTIONS, Some("text/csv"), &[f.to_owned()], "results").ok();
        assert_eq!(pick("json"), Some(QueryResultsFormat::Json));
        assert_eq!(pick("application/sparql-results+xml"), Some(QueryResultsFormat::Xml));
        assert_eq!(pick("turtle"), None);
        assert_eq!(negotiate(GRAPH, None, &["json".to_owned()], "graph").ok(), Some(JSON_LD));
        assert_eq!(negotiate(GRAPH, None, &["nt".to_owned()], "graph").ok(), Some(RdfFormat::NTriples));
        // SPARQLWrapper's habit: a short name it hopes for, then the media type.
        let both = ["rdf+xml".to_owned(), "application/rdf+xml".to_owned()];
        assert_eq!(negotiate(GRAPH, None, &both, "graph").ok(), Some(RdfFormat::RdfXml));
        let unknown_first = ["yaml".to_owned(), "text/tab-separated-values".to_owned()];
        assert_eq!(negotiate(SOLUTIONS, None, &unknown_first, "results").ok(), Some(QueryResultsFormat::Tsv));
    }

    #[test]
    fn q_value_syntax() {
        assert_eq!(parse_q("0.5"), Some(500));
        assert_eq!(parse_q("1"), Some(1000));
        assert_eq!(parse_q("1.000"), Some(1000));
        assert_eq!(parse_q("0.001"), Some(1));
        assert_eq!(parse_q("1.5"), None);
        assert_eq!(parse_q("2"), None);
        assert_eq!(parse_q("0.0001"), None);
        assert_eq!(parse_q("abc"), None);
    }

    #[test]
    fn body_formats() {
        assert_eq!(rdf_format_of("text/turtle; charset=utf-8"), Some(RdfFormat::Turtle));
        assert_eq!(rdf_format_of("application/n-quads"), Some(RdfFormat::NQuads));
        assert_eq!(rdf_format_of("application/ld+json"), Some(JSON_LD));
        assert_eq!(rdf_format_of("text/html"), None);
    }
}
