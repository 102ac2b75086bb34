//! Entity pages, following Linked Data conventions: `GET /id/{path}` for
//! the IRIs `https://w3id.org/ssgr/id/{path}`, `GET /resource?iri=…` for
//! any other IRI of the graph, and `GET /api/entity?iri=…` as JSON.
//!
//! The Accept header (with q-values), a `format` parameter or a suffix
//! (`/id/org/osce.ttl`) chooses HTML, Turtle, JSON-LD, N-Triples or
//! RDF/XML. N-Quads and TriG are not offered: a description is one graph.
//! All lookups run under the query rules (`guarded::blocking`).

mod describe;
mod evidence;
mod html;
mod json;
mod labels;

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::NamedNode;
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use ssgr_store::Store;
use ssgr_vocab::ssgrid;

use crate::error::ServerError;
use crate::graph_body;
use crate::guarded;
use crate::negotiation::{Offer, negotiate};
use crate::state::AppState;
use describe::{Budget, Description};

/// What a description is sent as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Html,
    Rdf(RdfFormat),
}

const JSON_LD: RdfFormat = RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() };

/// The formats of a description, HTML first: a browser and `*/*` get the
/// page. The first media type of each is the one sent.
const OFFERS: &[Offer<Format>] = &[
    Offer { format: Format::Html, media_types: &["text/html", "application/xhtml+xml"], names: &["html", "htm"] },
    Offer {
        format: Format::Rdf(RdfFormat::Turtle),
        media_types: &["text/turtle", "application/x-turtle"],
        names: &["turtle", "ttl"],
    },
    Offer {
        format: Format::Rdf(JSON_LD),
        media_types: &["application/ld+json", "application/json"],
        names: &["jsonld", "json-ld", "json"],
    },
    Offer {
        format: Format::Rdf(RdfFormat::NTriples),
        media_types: &["application/n-triples", "text/plain"],
        names: &["ntriples", "nt", "n-triples"],
    },
    Offer {
        format: Format::Rdf(RdfFormat::RdfXml),
        media_types: &["application/rdf+xml", "application/xml", "text/xml"],
        names: &["rdfxml", "rdf+xml", "rdf", "xml"],
    },
];

/// Each format as the page names it: name, media type, URL suffix (also
/// its `format` value), in the order of [`OFFERS`].
pub(crate) const ALTERNATES: [(&str, &str, &str); 5] = [
    ("HTML", "text/html", "html"),
    ("Turtle", "text/turtle", "ttl"),
    ("JSON-LD", "application/ld+json", "jsonld"),
    ("N-Triples", "application/n-triples", "nt"),
    ("RDF/XML", "application/rdf+xml", "rdf"),
];

const KIND: &str = "an entity description";

impl Format {
    fn alternate(self) -> (&'static str, &'static str, &'static str) {
        let index = OFFERS.iter().position(|o| o.format == self).unwrap_or(0);
        ALTERNATES[index]
    }

    fn by_suffix(suffix: &str) -> Option<Self> {
        let index = ALTERNATES.iter().position(|(_, _, s)| *s == suffix)?;
        Some(OFFERS[index].format)
    }
}

/// The page of an IRI on this server: `/id/…` for the project's own
/// instances, `/resource?iri=…` for anything else.
pub(crate) fn page_url(iri: &str) -> String {
    match iri.strip_prefix(ssgrid::NS) {
        Some(path) if !path.is_empty() && !path.contains(['?', '#']) => format!("/id/{}", encode_path(path)),
        _ => format!("/resource?iri={}", form_urlencoded::byte_serialize(iri.as_bytes()).collect::<String>()),
    }
}

/// The page's URL for one format: a suffix on `/id/…`, a `format`
/// parameter on `/resource`.
pub(crate) fn alternate_url(page: &str, suffix: &str) -> String {
    if page.starts_with("/id/") { format!("{page}.{suffix}") } else { format!("{page}&format={suffix}") }
}

/// Percent-encodes what may not stand in a URL path; `/` is kept.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// How the client asked for a format.
#[derive(Debug, Clone)]
struct Request {
    /// Accept or `format`, negotiated before any lookup; the error keeps
    /// what was asked for.
    negotiated: Result<Format, String>,
    /// Whether the answer depends on Accept (no `format`, no suffix).
    by_accept: bool,
}

impl Request {
    fn new(headers: &HeaderMap, formats: &[String]) -> Self {
        let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
        let negotiated = negotiate(OFFERS, accept, formats, KIND).map_err(|e| match e {
            ServerError::NotAcceptable { asked, .. } => asked,
            other => other.to_string(),
        });
        Self { negotiated, by_accept: formats.is_empty() }
    }
}

/// The query parameters, with `iri` at most once.
fn parameters(query: Option<&str>) -> Result<(Option<String>, Vec<String>), ServerError> {
    let mut iri = None;
    let mut formats = Vec::new();
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "iri" if iri.is_some() => return Err(ServerError::BadRequest("give the parameter `iri` once".into())),
            "iri" => iri = Some(value.into_owned()),
            "format" => formats.push(value.into_owned()),
            _ => {}
        }
    }
    Ok((iri, formats))
}

/// `text` as an IRI; `what` names where it came from for the error.
fn parse_iri(text: &str, what: &str) -> Result<NamedNode, ServerError> {
    NamedNode::new(text.trim())
        .map_err(|e| ServerError::BadRequest(format!("{what} must be an absolute IRI; `{text}` is not: {e}")))
}

/// `GET /id/{path}`: the entity `ssgrid:{path}`, or with a format suffix
/// (`.ttl`, `.jsonld`, `.nt`, `.rdf`, `.html`) the entity without it.
pub(crate) async fn by_path(
    State(state): State<AppState>,
    Path(path): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ServerError> {
    let (_, formats) = parameters(query.as_deref())?;
    let iri = parse_iri(&format!("{}{path}", ssgrid::NS), "the path after /id/ with its namespace")?;
    let suffixed = path.rsplit_once('.').and_then(|(stem, suffix)| {
        let format = Format::by_suffix(suffix)?;
        (!stem.is_empty() && !suffix.contains('/')).then(|| (NamedNode::new(format!("{}{stem}", ssgrid::NS)), format))
    });
    let suffixed = match suffixed {
        Some((Ok(stem), format)) => Some((stem, format)),
        _ => None,
    };
    let request = Request::new(&headers, &formats);
    if suffixed.is_none() {
        request.negotiated.clone().map_err(not_acceptable)?;
    }
    answer(&state, iri, suffixed, request).await
}

/// `GET /resource?iri=…`: any IRI the graph mentions.
pub(crate) async fn by_iri(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ServerError> {
    let (iri, formats) = parameters(query.as_deref())?;
    let iri = iri.ok_or_else(|| ServerError::BadRequest("the parameter `iri` is required".into()))?;
    let iri = parse_iri(&iri, "the parameter `iri`")?;
    let request = Request::new(&headers, &formats);
    request.negotiated.clone().map_err(not_acceptable)?;
    answer(&state, iri, None, request).await
}

/// The 406 for what the client asked for (Accept or `format`).
fn not_acceptable(asked: String) -> ServerError {
    ServerError::NotAcceptable { asked, kind: KIND, available: available() }
}

fn available() -> String {
    OFFERS.iter().map(|o| o.media_types[0]).collect::<Vec<_>>().join(", ")
}

/// What the lookup found, rendered on the blocking thread.
enum Found {
    Page { body: Vec<u8>, format: Format, iri: NamedNode, by_accept: bool },
    Missing { page: Option<String> },
}

async fn answer(
    state: &AppState,
    iri: NamedNode,
    suffixed: Option<(NamedNode, Format)>,
    request: Request,
) -> Result<Response, ServerError> {
    let timeout = state.config().query_timeout;
    let found = guarded::blocking(state, move |store, token| {
        let budget = Budget { token: token.clone(), timeout };
        let (iri, format, by_accept) = match (describe::exists(store, iri.as_ref())?, suffixed, request.negotiated) {
            (true, _, Ok(format)) => (iri, format, request.by_accept),
            (true, _, Err(message)) => return Err(not_acceptable(message)),
            (false, Some((stem, format)), _) if describe::exists(store, stem.as_ref())? => (stem, format, false),
            (false, _, negotiated) => {
                let page = match negotiated {
                    Ok(Format::Html) => Some(html::not_found(iri.as_str(), &suggestions(store, &iri, token)?)),
                    _ => None,
                };
                return Ok(Found::Missing { page });
            }
        };
        let Some(description) = describe::describe(store, &iri, &budget)? else {
            return Ok(Found::Missing { page: None });
        };
        let body = render(&description, format)?;
        Ok(Found::Page { body, format, iri, by_accept })
    })
    .await?;
    match found {
        Found::Page { body, format, iri, by_accept } => Ok(page_response(body, format, &iri, by_accept)),
        Found::Missing { page: Some(page) } => {
            let mut response = (StatusCode::NOT_FOUND, page).into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
            headers.insert(header::VARY, HeaderValue::from_static("Accept"));
            Ok(response)
        }
        Found::Missing { page: None } => {
            Err(ServerError::NotFound("no statement of the graph mentions this IRI".into()))
        }
    }
}

fn render(description: &Description, format: Format) -> Result<Vec<u8>, ServerError> {
    match format {
        Format::Html => Ok(html::page(description).into_bytes()),
        Format::Rdf(rdf_format) => graph_body::serialize(&description.triples, rdf_format, &[]),
    }
}

/// The answer with its Linked Data headers: `Link` to the other formats,
/// and when Accept chose, `Vary: Accept` and the `Content-Location` of
/// the format sent.
fn page_response(body: Vec<u8>, format: Format, iri: &NamedNode, by_accept: bool) -> Response {
    let page = page_url(iri.as_str());
    let (_, media_type, suffix) = format.alternate();
    let content_type =
        if format == Format::Html { "text/html; charset=utf-8".to_owned() } else { media_type.to_owned() };
    let mut response = Response::new(Body::from(body));
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    let links: Vec<String> = ALTERNATES
        .iter()
        .filter(|(_, m, _)| *m != media_type)
        .map(|(_, m, s)| format!(r#"<{}>; rel="alternate"; type="{m}""#, alternate_url(&page, s)))
        .collect();
    if let Ok(value) = HeaderValue::from_str(&links.join(", ")) {
        headers.insert(header::LINK, value);
    }
    if by_accept {
        headers.insert(header::VARY, HeaderValue::from_static("Accept"));
        if let Ok(value) = HeaderValue::from_str(&alternate_url(&page, suffix)) {
            headers.insert(header::CONTENT_LOCATION, value);
        }
    }
    response
}

/// Up to eight entities whose label contains the last word of the IRI
/// asked for, for the 404 page.
fn suggestions(
    store: &Store,
    iri: &NamedNode,
    token: &CancellationToken,
) -> Result<Vec<(String, Option<String>)>, ServerError> {
    let last = iri.as_str().trim_end_matches('/').rsplit(['/', '#']).next().unwrap_or_default();
    let words: String = last
        .chars()
        .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if words.chars().count() < 3 {
        return Ok(Vec::new());
    }
    let query = format!(
        "SELECT ?x (MIN(STR(?l)) AS ?label) WHERE {{ ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l \
         FILTER(isIRI(?x) && CONTAINS(LCASE(STR(?l)), \"{words}\")) }} GROUP BY ?x ORDER BY STRLEN(?label) ?x LIMIT 8"
    );
    let results = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .parse_query(&query)
        .map_err(ServerError::internal)?
        .on_store(store)
        .execute()
        .map_err(ServerError::from_evaluation)?;
    let QueryResults::Solutions(solutions) = results else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(ServerError::from_evaluation)?;
        if let Some(oxigraph::model::Term::NamedNode(x)) = solution.get("x") {
            let label = match solution.get("label") {
                Some(oxigraph::model::Term::Literal(l)) => Some(l.value().to_owned()),
                _ => None,
            };
            out.push((x.as_str().to_owned(), label));
        }
    }
    Ok(out)
}

/// `GET /api/entity?iri=…`: the description as JSON; errors as JSON too
/// (`{"error": "…"}`), 400 for a missing or bad IRI, 404 for an unknown one.
pub(crate) async fn api(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    match api_answer(&state, query.as_deref()).await {
        Ok(response) => response,
        Err(error) => json_error(error),
    }
}

async fn api_answer(state: &AppState, query: Option<&str>) -> Result<Response, ServerError> {
    let (iri, _) = parameters(query)?;
    let iri = iri.ok_or_else(|| ServerError::BadRequest("the parameter `iri` is required".into()))?;
    let iri = parse_iri(&iri, "the parameter `iri`")?;
    let timeout = state.config().query_timeout;
    let described = guarded::blocking(state, move |store, token| {
        let budget = Budget { token: token.clone(), timeout };
        Ok(describe::describe(store, &iri, &budget)?.map(|d| json::EntityJson::from(&d)))
    })
    .await?;
    let described =
        described.ok_or_else(|| ServerError::NotFound("no statement of the graph mentions this IRI".into()))?;
    Ok(Json(described).into_response())
}

/// An error with its status and headers (Retry-After, say), as JSON.
fn json_error(error: ServerError) -> Response {
    let message = error.to_string();
    let response = error.into_response();
    let (mut parts, _) = response.into_parts();
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = serde_json::json!({ "error": message }).to_string();
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_alternates() {
        assert_eq!(page_url("https://w3id.org/ssgr/id/org/osce"), "/id/org/osce");
        assert_eq!(page_url("https://w3id.org/ssgr/id/place/São Paulo"), "/id/place/S%C3%A3o%20Paulo");
        assert_eq!(
            page_url("http://www.wikidata.org/entity/Q81299"),
            "/resource?iri=http%3A%2F%2Fwww.wikidata.org%2Fentity%2FQ81299"
        );
        assert_eq!(alternate_url("/id/org/osce", "ttl"), "/id/org/osce.ttl");
        assert_eq!(alternate_url("/resource?iri=x", "nt"), "/resource?iri=x&format=nt");
    }

    #[test]
    fn suffixes_and_offers_agree() {
        for (i, (_, media_type, suffix)) in ALTERNATES.iter().enumerate() {
            assert_eq!(OFFERS[i].media_types[0], *media_type);
            assert_eq!(Format::by_suffix(suffix), Some(OFFERS[i].format));
            assert_eq!(negotiate(OFFERS, None, &[(*suffix).to_owned()], KIND).ok(), Some(OFFERS[i].format));
        }
    }

    #[test]
    fn browsers_get_html_and_rdf_clients_rdf() {
        let pick = |accept: &str| negotiate(OFFERS, Some(accept), &[], KIND).ok();
        assert_eq!(pick("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"), Some(Format::Html));
        assert_eq!(pick("*/*"), Some(Format::Html));
        assert_eq!(pick("text/turtle;q=0.9, application/ld+json"), Some(Format::Rdf(JSON_LD)));
        assert_eq!(pick("application/n-quads"), None);
    }

    #[test]
    fn repeated_iri_is_refused() {
        assert!(parameters(Some("iri=a&iri=b")).is_err());
        let (iri, formats) = parameters(Some("iri=http%3A%2F%2Fe%2Fx&format=ttl")).expect("valid parameters");
        assert_eq!(iri.as_deref(), Some("http://e/x"));
        assert_eq!(formats, ["ttl"]);
    }
}
