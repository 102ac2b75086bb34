//! The SPARQL 1.1 Protocol's request forms, read into one type each for
//! queries and updates.
//!
//! A query comes as `GET ?query=…`, as `POST` of an
//! `application/x-www-form-urlencoded` form, or as `POST` of an
//! `application/sparql-query` body (with the other parameters in the URL).
//! Updates come the same two POST ways, with `application/sparql-update`.

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, Method, header};

use crate::error::ServerError;
use crate::state::AppState;

/// A query request: the query and its protocol parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SparqlRequest {
    /// The query text; none on a bare `GET /sparql` (the service
    /// description).
    pub query: Option<String>,
    /// `default-graph-uri` values, in order.
    pub default_graph_uris: Vec<String>,
    /// `named-graph-uri` values, in order.
    pub named_graph_uris: Vec<String>,
    /// The `format` (also `output`, `results`) parameter values, in order:
    /// short names (`json`, `csv`, `turtle`…) or media types. The first one
    /// that fits the result overrides the Accept header.
    pub format: Vec<String>,
    /// The Accept header.
    pub accept: Option<String>,
    /// The Host header, for the service description's IRIs.
    pub host: Option<String>,
}

/// An update request: the update and its protocol parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateRequest {
    /// The update text.
    pub update: String,
    /// `using-graph-uri` values, in order.
    pub using_graph_uris: Vec<String>,
    /// `using-named-graph-uri` values, in order.
    pub using_named_graph_uris: Vec<String>,
}

impl SparqlRequest {
    fn set(&mut self, key: &str, value: String) -> Result<(), ServerError> {
        match key {
            "query" => once(&mut self.query, value, "query")?,
            "default-graph-uri" => self.default_graph_uris.push(value),
            "named-graph-uri" => self.named_graph_uris.push(value),
            "format" | "output" | "results" => self.format.push(value),
            _ => {}
        }
        Ok(())
    }
}

impl FromRequest<AppState> for SparqlRequest {
    type Rejection = ServerError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ServerError> {
        let (parts, body) = request.into_parts();
        let mut out = Self {
            accept: header_text(&parts.headers, header::ACCEPT),
            host: header_text(&parts.headers, header::HOST),
            ..Self::default()
        };
        for (key, value) in form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes()) {
            out.set(&key, value.into_owned())?;
        }
        match parts.method {
            Method::GET | Method::HEAD => {}
            Method::POST => match media_type(&parts.headers).as_deref() {
                Some("application/sparql-query") => {
                    let text = utf8(read_body(body, state.config().max_body_bytes).await?)?;
                    once(&mut out.query, text, "query")?;
                }
                Some("application/x-www-form-urlencoded") => {
                    let form = read_body(body, state.config().max_body_bytes).await?;
                    for (key, value) in form_urlencoded::parse(&form) {
                        out.set(&key, value.into_owned())?;
                    }
                    if out.query.is_none() {
                        return Err(ServerError::BadRequest("the form has no 'query' field".into()));
                    }
                }
                other => {
                    return Err(ServerError::UnsupportedMediaType {
                        given: other.unwrap_or_default().to_owned(),
                        expected: "POST a query as application/sparql-query or application/x-www-form-urlencoded",
                    });
                }
            },
            _ => {
                return Err(ServerError::MethodNotAllowed {
                    message: "queries are sent with GET or POST".into(),
                    allow: "GET, HEAD, POST",
                });
            }
        }
        Ok(out)
    }
}

impl FromRequest<AppState> for UpdateRequest {
    type Rejection = ServerError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ServerError> {
        let (parts, body) = request.into_parts();
        let mut update = None;
        let mut out = Self::default();
        let mut set = |key: &str, value: String, update: &mut Option<String>| -> Result<(), ServerError> {
            match key {
                "update" => once(update, value, "update")?,
                "using-graph-uri" => out.using_graph_uris.push(value),
                "using-named-graph-uri" => out.using_named_graph_uris.push(value),
                _ => {}
            }
            Ok(())
        };
        for (key, value) in form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes()) {
            set(&key, value.into_owned(), &mut update)?;
        }
        match media_type(&parts.headers).as_deref() {
            Some("application/sparql-update") => {
                let text = utf8(read_body(body, state.config().max_body_bytes).await?)?;
                once(&mut update, text, "update")?;
            }
            Some("application/x-www-form-urlencoded") => {
                let form = read_body(body, state.config().max_body_bytes).await?;
                for (key, value) in form_urlencoded::parse(&form) {
                    set(&key, value.into_owned(), &mut update)?;
                }
            }
            other => {
                return Err(ServerError::UnsupportedMediaType {
                    given: other.unwrap_or_default().to_owned(),
                    expected: "POST an update as application/sparql-update or application/x-www-form-urlencoded",
                });
            }
        }
        out.update = update.ok_or_else(|| ServerError::BadRequest("no 'update' was given".into()))?;
        Ok(out)
    }
}

/// Sets a parameter that may be given once only.
fn once(slot: &mut Option<String>, value: String, name: &str) -> Result<(), ServerError> {
    if slot.is_some() {
        return Err(ServerError::BadRequest(format!("the '{name}' parameter is given more than once")));
    }
    *slot = Some(value);
    Ok(())
}

/// A header as text, if present and visible ASCII.
pub(crate) fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// The Content-Type's media type, lower case, without parameters.
pub(crate) fn media_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    Some(value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
}

/// The whole body, refused past `limit` bytes.
pub(crate) async fn read_body(body: Body, limit: usize) -> Result<Bytes, ServerError> {
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&e);
        while let Some(error) = source {
            if error.is::<http_body_util::LengthLimitError>() {
                return ServerError::PayloadTooLarge { limit };
            }
            source = error.source();
        }
        ServerError::BadRequest(format!("cannot read the request body: {e}"))
    })
}

fn utf8(body: Bytes) -> Result<String, ServerError> {
    String::from_utf8(body.to_vec()).map_err(|e| ServerError::BadRequest(format!("the body is not UTF-8: {e}")))
}
