//! `SERVICE <endpoint> { … }`: federated queries, sent to endpoints on the
//! allow-list only (`--allow-service`), within what is left of the query's
//! time limit.
//!
//! Off by default: a `SERVICE` clause makes the server send a request of
//! its own, to an address the query chose, so an operator has to name the
//! endpoints it may reach. The sub-pattern is sent as `SELECT *` with the
//! SPARQL 1.1 Protocol (POST `application/sparql-query`), and the results
//! are read as SPARQL JSON or XML while the query consumes them.

use std::sync::Arc;
use std::time::{Duration, Instant};

use oxigraph::model::NamedNode;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput};
use oxigraph::sparql::{DefaultServiceHandler, QueryEvaluationError, QuerySolutionIter};
use oxiri::Iri;
use spargebra::algebra::GraphPattern;

use crate::state::{AppState, QueryControl, Stop};

/// The media types asked of a remote endpoint, in order of preference.
const ACCEPT: &str = "application/sparql-results+json, application/sparql-results+xml;q=0.9";
/// How much of a remote error body is quoted in the message.
const QUOTED: usize = 300;

/// Why a `SERVICE` call failed. Each message names the endpoint.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub(crate) enum ServiceError {
    /// The endpoint is not on the allow-list (or the list is empty).
    #[error("SERVICE <{service}> is not allowed: {why}")]
    NotAllowed {
        /// The endpoint asked for.
        service: String,
        /// What the operator has allowed.
        why: &'static str,
    },
    /// The query's time limit ran out before or during the call.
    #[error("SERVICE <{0}> did not answer within the query's time limit")]
    TimedOut(String),
    /// The request could not be sent or its answer read.
    #[error("SERVICE <{service}> failed: {message}")]
    Transport {
        /// The endpoint.
        service: String,
        /// The client's error.
        message: String,
    },
    /// The endpoint answered with an error status.
    #[error("SERVICE <{service}> answered {status}: {body}")]
    Status {
        /// The endpoint.
        service: String,
        /// The HTTP status.
        status: u16,
        /// The start of the answer's body.
        body: String,
    },
    /// The endpoint answered with something other than SELECT results.
    #[error("SERVICE <{service}> answered with {what}, not SPARQL JSON or XML results")]
    Format {
        /// The endpoint.
        service: String,
        /// What came back.
        what: String,
    },
}

/// What a query may call and until when: made when the query arrives,
/// turned into its handler once it runs.
pub(crate) struct Services {
    state: AppState,
    deadline: Instant,
}

impl Services {
    /// The services of a query that arrived now, under the server's
    /// configuration (shared, not copied: most queries call no service).
    pub(crate) fn new(state: &AppState) -> Self {
        Self { state: state.clone(), deadline: Instant::now() + state.config().query_timeout }
    }

    /// The handler of the query stopped by `control`.
    pub(crate) fn handler(self, control: &Arc<QueryControl>) -> Federation {
        Federation { state: self.state, deadline: self.deadline, control: Arc::clone(control) }
    }
}

/// The `SERVICE` handler of one query.
pub(crate) struct Federation {
    state: AppState,
    deadline: Instant,
    control: Arc<QueryControl>,
}

impl Federation {
    fn check(&self, service: &NamedNode) -> Result<(), ServiceError> {
        let allowed = self.state.config();
        if allowed.allows_service(service.as_str()) {
            return Ok(());
        }
        let why = if allowed.allowed_services.is_empty() {
            "this server sends no requests of its own unless started with --allow-service <IRI>"
        } else {
            "it is not on this server's --allow-service list"
        };
        Err(ServiceError::NotAllowed { service: service.as_str().to_owned(), why })
    }

    /// What is left of the query's time, or the error that says none is.
    fn remaining(&self, service: &NamedNode) -> Result<Duration, ServiceError> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            self.control.stop(Stop::Timeout);
            return Err(ServiceError::TimedOut(service.as_str().to_owned()));
        }
        Ok(left)
    }

    /// A client error, as a timeout when the deadline is what stopped it.
    fn transport(&self, service: &NamedNode, error: impl std::fmt::Display) -> ServiceError {
        if Instant::now() + Duration::from_millis(50) >= self.deadline {
            self.control.stop(Stop::Timeout);
            return ServiceError::TimedOut(service.as_str().to_owned());
        }
        ServiceError::Transport { service: service.as_str().to_owned(), message: error.to_string() }
    }
}

impl DefaultServiceHandler for Federation {
    type Error = ServiceError;

    fn handle(
        &self,
        service_name: &NamedNode,
        pattern: &GraphPattern,
        base_iri: Option<&Iri<String>>,
    ) -> Result<QuerySolutionIter<'static>, ServiceError> {
        self.check(service_name)?;
        let timeout = self.remaining(service_name)?;
        let query = spargebra::Query::Select { dataset: None, pattern: pattern.clone(), base_iri: base_iri.cloned() };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            // The allow-list names the endpoints the server may call; a
            // redirect could send it anywhere else.
            .max_redirects(0)
            .user_agent(concat!("ssgr/", env!("CARGO_PKG_VERSION"), " (SPARQL federated query)"))
            .build()
            .into();
        let response = agent
            .post(service_name.as_str())
            .header("accept", ACCEPT)
            .header("content-type", "application/sparql-query")
            .send(query.to_string())
            .map_err(|e| self.transport(service_name, e))?;
        let status = response.status().as_u16();
        let content_type =
            response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        let mut body = response.into_body();
        if !(200..300).contains(&status) {
            let text = body.read_to_string().unwrap_or_default();
            let body: String = text.chars().take(QUOTED).collect();
            return Err(ServiceError::Status { service: service_name.as_str().to_owned(), status, body });
        }
        let format = QueryResultsFormat::from_media_type(&content_type).ok_or_else(|| ServiceError::Format {
            service: service_name.as_str().to_owned(),
            what: format!("Content-Type {content_type:?}"),
        })?;
        let parsed = QueryResultsParser::from_format(format)
            .for_reader(body.into_reader())
            .map_err(|e| self.transport(service_name, e))?;
        let ReaderQueryResultsParserOutput::Solutions(solutions) = parsed else {
            return Err(ServiceError::Format { service: service_name.as_str().to_owned(), what: "a boolean".into() });
        };
        let variables: Arc<[oxigraph::sparql::Variable]> = solutions.variables().into();
        let service = service_name.clone();
        let control = Arc::clone(&self.control);
        let deadline = self.deadline;
        let rows = solutions.map(move |solution| {
            solution.map_err(|e| {
                let error = if Instant::now() + Duration::from_millis(50) >= deadline {
                    control.stop(Stop::Timeout);
                    ServiceError::TimedOut(service.as_str().to_owned())
                } else {
                    ServiceError::Transport { service: service.as_str().to_owned(), message: e.to_string() }
                };
                QueryEvaluationError::Service(Box::new(error))
            })
        });
        Ok(QuerySolutionIter::new(variables, rows))
    }
}
