//! `/sparql` and `/query`: the SPARQL 1.1 Protocol's query operation.
//!
//! The query is parsed and its format negotiated before it takes a slot,
//! so a bad query or an impossible Accept costs nothing. It is then
//! evaluated inline if it is small and quick ([`crate::inline`]), else on a
//! blocking thread with a cancellation token that the time limit, the
//! client's disconnection and the shutdown all trigger ([`crate::stream`]).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, Method};
use axum::response::Response;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults};
use oxigraph::store::Store;
use spargebra::SparqlParser;

use crate::error::ServerError;
use crate::inline::{self, BufferWriter};
use crate::interrupt;
use crate::metrics::{Evaluation, Outcome};
use crate::negotiation::{GRAPH, SOLUTIONS, negotiate, rdf_media_type, results_media_type};
use crate::request::SparqlRequest;
use crate::service::Services;
use crate::service_description;
use crate::state::{AppState, Stop};
use crate::stream::{self, Done, Job, Sink};

/// The header that tells a client the row cap in force.
pub(crate) const RESULT_LIMIT: &str = "ssgr-result-limit";

/// `GET` and `POST` on `/sparql` and `/query`.
pub(crate) async fn sparql(
    State(state): State<AppState>,
    method: Method,
    request: SparqlRequest,
) -> Result<Response, ServerError> {
    let started = Instant::now();
    let Some(text) = request.query.as_deref() else {
        if method == Method::POST {
            tracing::info!(target: "ssgr_server::query", outcome = "bad_request", "query refused: no query was given");
            return Err(ServerError::BadRequest("no query was given".into()));
        }
        tracing::info!(target: "ssgr_server::query", kind = "service description", "query");
        return service_description::respond(&state, &request);
    };
    match prepare(&state, &request, text) {
        Ok(prepared) => run(&state, prepared, &request, text, started).await,
        Err(error) => {
            let outcome = if error.status().is_client_error() { Outcome::BadRequest } else { Outcome::Busy };
            state.metrics().query(outcome, started.elapsed());
            // Quoted (`?`): a parser's message spans lines, a log entry must not.
            tracing::info!(target: "ssgr_server::query", outcome = outcome.name(), error = ?error.to_string(), "query refused");
            Err(error)
        }
    }
}

/// The format a result is written in.
#[derive(Debug, Clone, Copy)]
enum Format {
    Results(QueryResultsFormat),
    Graph(RdfFormat),
}

/// A parsed query with its dataset and format, ready to evaluate.
struct Prepared {
    store: Store,
    query: spargebra::Query,
    kind: &'static str,
    format: Format,
    dataset: Option<(Vec<GraphName>, Vec<NamedOrBlankNode>)>,
    services: Services,
}

fn prepare(state: &AppState, request: &SparqlRequest, text: &str) -> Result<Prepared, ServerError> {
    let store = state.store()?;
    let query =
        SparqlParser::new().parse_query(text).map_err(|source| ServerError::Syntax { what: "query", source })?;
    let accept = request.accept.as_deref();
    let format = request.format.as_slice();
    let (kind, format) = match &query {
        spargebra::Query::Select { .. } => {
            ("select", Format::Results(negotiate(SOLUTIONS, accept, format, "SELECT results")?))
        }
        spargebra::Query::Ask { .. } => ("ask", Format::Results(negotiate(SOLUTIONS, accept, format, "ASK results")?)),
        spargebra::Query::Construct { .. } => {
            ("construct", Format::Graph(negotiate(GRAPH, accept, format, "a graph")?))
        }
        spargebra::Query::Describe { .. } => ("describe", Format::Graph(negotiate(GRAPH, accept, format, "a graph")?)),
    };
    let dataset = if request.default_graph_uris.is_empty() && request.named_graph_uris.is_empty() {
        None
    } else {
        let default = request.default_graph_uris.iter().map(|iri| iri_param(iri, "default-graph-uri").map(Into::into));
        let named = request.named_graph_uris.iter().map(|iri| iri_param(iri, "named-graph-uri").map(Into::into));
        Some((default.collect::<Result<_, _>>()?, named.collect::<Result<_, _>>()?))
    };
    Ok(Prepared { store, query, kind, format, dataset, services: Services::new(state) })
}

/// An IRI given as a parameter.
pub(crate) fn iri_param(iri: &str, name: &str) -> Result<NamedNode, ServerError> {
    NamedNode::new(iri).map_err(|e| ServerError::BadRequest(format!("{name} {iri:?} is not an absolute IRI: {e}")))
}

async fn run(
    state: &AppState,
    prepared: Prepared,
    request: &SparqlRequest,
    text: &str,
    started: Instant,
) -> Result<Response, ServerError> {
    let deadline = tokio::time::Instant::from_std(started) + state.config().query_timeout;
    let slot = match state.limiter().acquire(deadline).await {
        Ok(slot) => slot,
        Err(error) => {
            state.metrics().query(Outcome::Busy, started.elapsed());
            tracing::warn!(target: "ssgr_server::query", outcome = "busy", error = ?error.to_string(), "query refused");
            return Err(error);
        }
    };
    let shape = inline::shape(text);
    // Inline only with the whole budget left before the deadline: an
    // inline evaluation is stopped by its budget, not by the deadline.
    let time_left = deadline.saturating_duration_since(tokio::time::Instant::now());
    let inline = inline::eligible(text) && !state.shapes().is_heavy(shape) && time_left > inline::BUDGET * 2;
    let prepared = if inline {
        match answer_inline(state, prepared, started) {
            Some(answer) => return answer,
            None => {
                state.shapes().mark_heavy(shape);
                // Parsed again: the inline evaluation consumed the query.
                prepare(state, request, text)?
            }
        }
    } else {
        prepared
    };
    state.metrics().evaluation(Evaluation::Blocking);
    let registration = state.register();
    let max_rows = state.config().max_result_rows;
    let content_type = content_type(prepared.format);
    let job = Job {
        kind: prepared.kind,
        content_type,
        deadline: Some(deadline),
        started,
        headers: result_headers(state),
        shape: Some(shape),
    };
    stream::respond(state, registration, slot, job, move |writer| evaluate(prepared, max_rows, content_type, writer))
        .await
}

/// Evaluates on this thread into a buffer, within [`inline::BUDGET`] and
/// one chunk. None if the query ran past either bound: it must run on a
/// blocking thread.
fn answer_inline(state: &AppState, prepared: Prepared, started: Instant) -> Option<Result<Response, ServerError>> {
    let registration = state.register_inline(inline::BUDGET)?;
    let control = Arc::clone(registration.control());
    let mut writer = BufferWriter::new(Arc::clone(&control));
    let (kind, content_type) = (prepared.kind, content_type(prepared.format));
    let max_rows = state.config().max_result_rows;
    // A panic of the evaluator must not take the connection's task with it;
    // it is answered (500) and logged here, never retried.
    let evaluated = catch_unwind(AssertUnwindSafe(|| evaluate(prepared, max_rows, content_type, &mut writer)));
    let result = match evaluated {
        Ok(Err(_)) if writer.overflowed() || control.stopped() == Some(Stop::Budget) => {
            state.metrics().evaluation(Evaluation::GaveWay);
            return None;
        }
        Ok(result) => result,
        Err(_) => Err(ServerError::internal("the evaluation of the query panicked")),
    };
    state.metrics().evaluation(Evaluation::Inline);
    let result = stream::conclude(state, &control, result, kind, started);
    drop(registration);
    Some(result.map(|_| stream::answer(Body::from(writer.into_bytes()), content_type, result_headers(state))))
}

fn content_type(format: Format) -> &'static str {
    match format {
        Format::Results(f) => results_media_type(f),
        Format::Graph(f) => rdf_media_type(f),
    }
}

/// The headers of a successful answer.
fn result_headers(state: &AppState) -> Vec<(HeaderName, HeaderValue)> {
    state
        .config()
        .max_result_rows
        .map(|max| (HeaderName::from_static(RESULT_LIMIT), HeaderValue::from(max)))
        .into_iter()
        .collect()
}

/// Evaluates on the current thread, writing into `writer`.
fn evaluate(
    prepared: Prepared,
    max_rows: Option<usize>,
    content_type: &'static str,
    writer: &mut impl Sink,
) -> Result<Done, ServerError> {
    let token = writer.control().token();
    interrupt::catch(|| write_results(prepared, token, max_rows, content_type, writer), evaluation_error)
}

fn write_results(
    prepared: Prepared,
    token: CancellationToken,
    max_rows: Option<usize>,
    content_type: &'static str,
    writer: &mut impl Sink,
) -> Result<Done, ServerError> {
    let Prepared { store, mut query, format, dataset, services, .. } = prepared;
    interrupt::interruptible(&mut query);
    let services = services.handler(writer.control());
    let mut evaluator = interrupt::evaluator(token).with_default_service_handler(services).for_query(query);
    if let Some((default, named)) = dataset {
        evaluator.dataset_mut().set_default_graph(default);
        evaluator.dataset_mut().set_available_named_graphs(named);
    }
    let results = evaluator.on_store(&store).execute().map_err(evaluation_error)?;
    let full = |rows: usize| max_rows.is_some_and(|max| rows >= max);
    let mut done = Done::default();
    match (results, format) {
        (QueryResults::Solutions(solutions), Format::Results(format)) => {
            let variables = solutions.variables().to_vec();
            let mut serializer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(&mut *writer, variables)
                .map_err(|e| ServerError::internal(format!("writing results: {e}")))?;
            for solution in solutions {
                if full(done.rows) {
                    done.truncated = true;
                    break;
                }
                let solution = solution.map_err(evaluation_error)?;
                if let Err(e) = serializer.serialize(&solution) {
                    drop(serializer);
                    return Err(writer.write_error(&e, content_type));
                }
                done.rows += 1;
            }
            if let Err(e) = serializer.finish() {
                return Err(writer.write_error(&e, content_type));
            }
        }
        (QueryResults::Boolean(value), Format::Results(format)) => {
            if let Err(e) = QueryResultsSerializer::from_format(format).serialize_boolean_to_writer(&mut *writer, value)
            {
                return Err(writer.write_error(&e, content_type));
            }
            done.rows = 1;
        }
        (QueryResults::Graph(triples), Format::Graph(format)) => {
            let plain = !ssgr_store::supports_triple_terms(format);
            let mut serializer = rdf_serializer(format).for_writer(&mut *writer);
            for triple in triples {
                if full(done.rows) {
                    done.truncated = true;
                    break;
                }
                let triple = triple.map_err(evaluation_error)?;
                let written = if plain { ssgr_store::without_triple_terms(triple) } else { vec![triple] };
                for t in &written {
                    if let Err(e) = serializer.serialize_triple(t) {
                        drop(serializer);
                        return Err(writer.write_error(&e, content_type));
                    }
                }
                done.rows += 1;
            }
            if let Err(e) = serializer.finish() {
                return Err(writer.write_error(&e, content_type));
            }
        }
        _ => return Err(ServerError::internal("the query's results do not match its form")),
    }
    Ok(done)
}

/// A serializer with the project's prefixes.
pub(crate) fn rdf_serializer(format: RdfFormat) -> RdfSerializer {
    ssgr_vocab::PREFIXES
        .iter()
        .try_fold(RdfSerializer::from_format(format), |s, (prefix, iri)| s.with_prefix(*prefix, *iri))
        .unwrap_or_else(|_| RdfSerializer::from_format(format))
}

/// Cancellation is reported by the caller (timeout, client gone or
/// shutdown, whichever stopped it); other errors are classified.
fn evaluation_error(error: QueryEvaluationError) -> ServerError {
    match error {
        QueryEvaluationError::Cancelled => ServerError::internal("the query was cancelled"),
        other => ServerError::from_evaluation(other),
    }
}
