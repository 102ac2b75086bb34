//! The errors of the endpoint and the HTTP status each one answers with.
//!
//! A client's mistake is a 4xx with a message that says what to change; a
//! 500 is only ever the server's own failure, and is logged.

use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use oxigraph::sparql::{QueryEvaluationError, SparqlSyntaxError, UpdateEvaluationError};

/// What can go wrong answering a request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServerError {
    /// The request is malformed: a missing or repeated parameter, a bad IRI,
    /// a body that is not UTF-8 or not valid RDF.
    #[error("{0}")]
    BadRequest(String),
    /// The query or update does not parse; the parser's message gives the
    /// line and column.
    #[error("{what} syntax error: {source}")]
    Syntax {
        /// "query" or "update".
        what: &'static str,
        /// The parser's error.
        source: SparqlSyntaxError,
    },
    /// The body's media type is missing or not one this endpoint reads.
    #[error("unsupported content type {given:?}: {expected}")]
    UnsupportedMediaType {
        /// The Content-Type sent ("" when none).
        given: String,
        /// What the endpoint accepts there.
        expected: &'static str,
    },
    /// No format the endpoint can write fits the Accept header or `format`.
    #[error("no available format fits {asked:?} for {kind}; available: {available}")]
    NotAcceptable {
        /// The Accept header or `format` parameter.
        asked: String,
        /// What is being sent.
        kind: &'static str,
        /// The media types that could be sent.
        available: String,
    },
    /// The result holds something the chosen format cannot write (a
    /// predicate RDF/XML cannot abbreviate, say).
    #[error("the result cannot be written as {format}: {message}; ask for another format")]
    Unserializable {
        /// The media type chosen.
        format: &'static str,
        /// The serializer's message.
        message: String,
    },
    /// A write came without `Authorization: Bearer <token>`.
    #[error("this operation needs an Authorization: Bearer <token> header")]
    Unauthorized,
    /// A write came with a wrong token.
    #[error("the bearer token is not the server's update token")]
    Forbidden,
    /// No such endpoint or graph.
    #[error("{0}")]
    NotFound(String),
    /// The resource exists but does not take this method.
    #[error("{message}")]
    MethodNotAllowed {
        /// Why.
        message: String,
        /// The value of the Allow header.
        allow: &'static str,
    },
    /// The body is larger than the configured limit.
    #[error("the request body is larger than the limit of {limit} bytes")]
    PayloadTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The query ran past its time limit and was stopped.
    #[error("the query was stopped after the time limit of {}; simplify it or ask for fewer results", seconds(*.0))]
    Timeout(Duration),
    /// Every query slot is taken and the queue is full, or the query waited
    /// its whole time limit for a slot.
    #[error("the server is busy: {0}; retry later")]
    Busy(String),
    /// The store is still being built or opened.
    #[error("the store is still loading; retry in a moment")]
    NotReady,
    /// The query failed during evaluation because of what it asks (an
    /// unsupported SERVICE, an unknown function).
    #[error("query evaluation error: {0}")]
    Evaluation(#[source] QueryEvaluationError),
    /// The update failed because of what it asks (a graph that exists or
    /// does not, a LOAD that cannot be read).
    #[error("update error: {0}")]
    Update(#[source] UpdateEvaluationError),
    /// The server failed: storage, a lost worker. Logged, answered with 500.
    #[error("internal server error: {0}")]
    Internal(String),
}

fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 { format!("{s:.0} s") } else { format!("{s:.3} s") }
}

impl ServerError {
    /// The HTTP status this error answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) | Self::Syntax { .. } | Self::Evaluation(_) | Self::Update(_) => {
                StatusCode::BAD_REQUEST
            }
            Self::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::NotAcceptable { .. } | Self::Unserializable { .. } => StatusCode::NOT_ACCEPTABLE,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Timeout(_) | Self::Busy(_) | Self::NotReady => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A storage or other server-side failure.
    pub(crate) fn internal(error: impl std::fmt::Display) -> Self {
        Self::Internal(error.to_string())
    }

    /// An evaluation error: the client's doing (400) or the server's (500).
    pub(crate) fn from_evaluation(error: QueryEvaluationError) -> Self {
        match error {
            QueryEvaluationError::Service(_)
            | QueryEvaluationError::NotExistingSubstitutedVariable(_)
            | QueryEvaluationError::UnsupportedCustomFunction(_)
            | QueryEvaluationError::UnsupportedCustomFunctionArity { .. }
            | QueryEvaluationError::UnboundService
            | QueryEvaluationError::InvalidServiceName(_)
            | QueryEvaluationError::UnsupportedService(_) => Self::Evaluation(error),
            other => Self::internal(other),
        }
    }

    /// An update error: the client's doing (400) or the server's (500).
    pub(crate) fn from_update(error: UpdateEvaluationError) -> Self {
        match error {
            UpdateEvaluationError::Storage(e) => Self::internal(e),
            UpdateEvaluationError::Unexpected(e) => Self::internal(e),
            other => Self::Update(other),
        }
    }
}

impl IntoResponse for ServerError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() && status != StatusCode::SERVICE_UNAVAILABLE {
            tracing::error!(error = ?self.to_string(), "request failed");
        }
        let mut response = (status, format!("{self}\n")).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
        match &self {
            Self::Unauthorized => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"ssgr\""));
            }
            Self::Forbidden => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"ssgr\", error=\"invalid_token\""),
                );
            }
            Self::MethodNotAllowed { allow, .. } => {
                headers.insert(header::ALLOW, HeaderValue::from_static(allow));
            }
            Self::Busy(_) | Self::NotReady => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            _ => {}
        }
        response
    }
}

/// What can stop the server itself (as opposed to one request).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// The configuration cannot work.
    #[error("invalid server configuration: {0}")]
    Config(String),
    /// The address could not be bound.
    #[error("cannot listen on {address}: {source}")]
    Bind {
        /// The address asked for.
        address: String,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
    /// The store could not be built or opened.
    #[error("cannot load the store: {0}")]
    Load(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The runtime or the listener failed.
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}
