//! Writes: the bearer-token check, SPARQL 1.1 Update on `/update`, and the
//! one path every write takes (serialised, then the default graph
//! recomputed as the union of the named graphs).

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use oxigraph::model::GraphName;
use oxigraph::sparql::SparqlEvaluator;
use oxigraph::store::Store;
use spargebra::term::{GraphName as SparqlGraphName, GraphNamePattern};
use spargebra::{GraphUpdateOperation, SparqlParser};
use subtle::ConstantTimeEq;

use crate::error::ServerError;
use crate::metrics::Outcome;
use crate::query::iri_param;
use crate::request::UpdateRequest;
use crate::state::{AppState, QueryControl, Stop};

/// Why writes to the default graph are refused.
pub(crate) const DEFAULT_GRAPH_IS_DERIVED: &str = "the default graph is the union of the named graphs (with the \
     ontology's entailments) and is recomputed after every write: write to a named graph instead \
     (GRAPH <…> { … } in an update, ?graph=<…> in the Graph Store)";

/// Proof that the request carries the update token. Rejects with 401
/// without credentials and 403 with wrong ones; the comparison takes the
/// same time whatever the token sent.
#[derive(Debug, Clone, Copy)]
pub struct Authorized;

impl FromRequestParts<AppState> for Authorized {
    type Rejection = ServerError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ServerError> {
        let Some(expected) = state.config().update_token.as_deref() else {
            return Err(ServerError::Forbidden);
        };
        let value = parts.headers.get(header::AUTHORIZATION).ok_or(ServerError::Unauthorized)?.as_bytes();
        let (scheme, token) = value.split_at(value.len().min(7));
        if !scheme.eq_ignore_ascii_case(b"bearer ") {
            return Err(ServerError::Unauthorized);
        }
        if same_token(token.trim_ascii(), expected.as_bytes()) { Ok(Self) } else { Err(ServerError::Forbidden) }
    }
}

/// Compares in time that depends on the expected token's length only.
fn same_token(given: &[u8], expected: &[u8]) -> bool {
    let mut equal = subtle::Choice::from(1);
    for (i, byte) in expected.iter().enumerate() {
        equal &= byte.ct_eq(given.get(i).unwrap_or(&0));
    }
    equal &= (given.len() as u64).ct_eq(&(expected.len() as u64));
    equal.into()
}

/// `/update` when the server has no token: writes do not exist.
pub(crate) async fn disabled() -> ServerError {
    ServerError::NotFound(
        "this server is read-only: start it with --update-token (or SSGR_UPDATE_TOKEN) to enable /update".into(),
    )
}

/// `POST /update`.
pub(crate) async fn update(
    State(state): State<AppState>,
    _: Authorized,
    request: UpdateRequest,
) -> Result<Response, ServerError> {
    let checked = check_update(&request);
    let (update, using_default, using_named) = match checked {
        Ok(checked) => checked,
        Err(error) => {
            state.metrics().update(Outcome::BadRequest);
            tracing::info!(target: "ssgr_server::update", kind = "update", outcome = "bad_request", error = ?error.to_string(), "write refused");
            return Err(error);
        }
    };
    write(&state, "update", move |store, control| {
        let mut prepared = SparqlEvaluator::new().with_cancellation_token(control.token()).for_update(update);
        if !using_default.is_empty() || !using_named.is_empty() {
            for using in prepared.using_datasets_mut() {
                if !using.is_default_dataset() {
                    return Err(ServerError::BadRequest(
                        "using-graph-uri and using-named-graph-uri cannot be combined with USING in the update".into(),
                    ));
                }
                using.set_default_graph(using_default.clone());
                using.set_available_named_graphs(using_named.clone());
            }
        }
        prepared.on_store(store).execute().map_err(ServerError::from_update)?;
        Ok(StatusCode::NO_CONTENT.into_response())
    })
    .await
}

type CheckedUpdate = (spargebra::Update, Vec<GraphName>, Vec<oxigraph::model::NamedOrBlankNode>);

/// Parses the update and its parameters, and refuses default-graph writes.
fn check_update(request: &UpdateRequest) -> Result<CheckedUpdate, ServerError> {
    let update = SparqlParser::new()
        .parse_update(&request.update)
        .map_err(|source| ServerError::Syntax { what: "update", source })?;
    refuse_default_graph_writes(&update)?;
    let using_default = request.using_graph_uris.iter().map(|i| iri_param(i, "using-graph-uri").map(GraphName::from));
    let using_default: Vec<GraphName> = using_default.collect::<Result<_, _>>()?;
    let using_named =
        request.using_named_graph_uris.iter().map(|i| iri_param(i, "using-named-graph-uri").map(Into::into));
    let using_named = using_named.collect::<Result<_, _>>()?;
    Ok((update, using_default, using_named))
}

/// Refuses an update that writes the default graph: it is derived.
fn refuse_default_graph_writes(update: &spargebra::Update) -> Result<(), ServerError> {
    let default = GraphNamePattern::DefaultGraph;
    let writes_default = update.operations.iter().any(|operation| match operation {
        GraphUpdateOperation::InsertData { data } => data.iter().any(|q| q.graph_name == SparqlGraphName::DefaultGraph),
        GraphUpdateOperation::DeleteData { data } => data.iter().any(|q| q.graph_name == SparqlGraphName::DefaultGraph),
        GraphUpdateOperation::DeleteInsert { delete, insert, .. } => {
            delete.iter().any(|q| q.graph_name == default) || insert.iter().any(|q| q.graph_name == default)
        }
        GraphUpdateOperation::Load { destination, .. } => *destination == SparqlGraphName::DefaultGraph,
        GraphUpdateOperation::Clear { graph, .. } | GraphUpdateOperation::Drop { graph, .. } => {
            *graph == spargebra::algebra::GraphTarget::DefaultGraph
        }
        GraphUpdateOperation::Create { .. } => false,
    });
    if writes_default { Err(ServerError::BadRequest(DEFAULT_GRAPH_IS_DERIVED.into())) } else { Ok(()) }
}

/// Runs one write: one at a time, on a blocking thread, stopped at the
/// time limit, then the default graph recomputed; counted and logged.
pub(crate) async fn write<F>(state: &AppState, kind: &'static str, work: F) -> Result<Response, ServerError>
where
    F: FnOnce(&Store, &QueryControl) -> Result<Response, ServerError> + Send + 'static,
{
    let started = Instant::now();
    let result = write_inner(state, work).await;
    let outcome = match &result {
        Ok(_) => Outcome::Ok,
        Err(ServerError::Timeout(_)) => Outcome::Timeout,
        Err(ServerError::Busy(_)) => Outcome::Busy,
        Err(e) if e.status().is_client_error() => Outcome::BadRequest,
        Err(_) => Outcome::Error,
    };
    state.metrics().update(outcome);
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(target: "ssgr_server::update", kind, outcome = outcome.name(), ms, "write");
    result
}

async fn write_inner<F>(state: &AppState, work: F) -> Result<Response, ServerError>
where
    F: FnOnce(&Store, &QueryControl) -> Result<Response, ServerError> + Send + 'static,
{
    let store = state.store()?;
    let timeout = state.config().query_timeout;
    let deadline = tokio::time::Instant::now() + timeout;
    let lock = tokio::time::timeout_at(deadline, state.write_lock().lock())
        .await
        .map_err(|_| ServerError::Busy("another write held the store for the whole time limit".into()))?;
    let registration = state.register();
    let control = Arc::clone(registration.control());
    let watcher = {
        let control = Arc::clone(&control);
        tokio::spawn(async move {
            tokio::time::sleep_until(deadline).await;
            control.stop(Stop::Timeout);
        })
    };
    let thread_control = Arc::clone(&control);
    let result = tokio::task::spawn_blocking(move || {
        let response = work(&store, &thread_control)?;
        ssgr_store::refresh_default_graph(&store).map_err(ServerError::internal)?;
        // The analytics scores follow the graph (this refreshes the default
        // graph again, with the new scores in it).
        ssgr_analytics::refresh(&store).map_err(ServerError::internal)?;
        // The VoID description counts the graph as it now is.
        let void = ssgr_store::VoidOptions { base_url: None, modified: ssgr_store::Modified::Now };
        ssgr_store::refresh_void(&store, &void).map_err(ServerError::internal)?;
        Ok(response)
    })
    .await;
    watcher.abort();
    drop(lock);
    let stopped = control.stopped();
    control.finish();
    drop(registration);
    match (result, stopped) {
        (Ok(Ok(response)), _) => Ok(response),
        (Ok(Err(_)), Some(Stop::Timeout)) => Err(ServerError::Timeout(timeout)),
        (Ok(Err(_)), Some(Stop::Shutdown)) => Err(ServerError::Busy("the server is shutting down".into())),
        (Ok(Err(error)), _) => Err(error),
        (Err(join), _) => Err(ServerError::internal(format!("the write failed: {join}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token(b"s3cret", b"s3cret"));
        assert!(!same_token(b"s3cre", b"s3cret"));
        assert!(!same_token(b"s3cretX", b"s3cret"));
        assert!(!same_token(b"", b"s3cret"));
        assert!(!same_token(b"S3cret", b"s3cret"));
    }

    #[test]
    fn default_graph_writes_are_refused() {
        let refused = [
            "INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }",
            "DELETE DATA { <http://e/s> <http://e/p> <http://e/o> }",
            "DELETE WHERE { ?s ?p ?o }",
            "INSERT { ?s a <http://e/C> } WHERE { ?s ?p ?o }",
            "CLEAR DEFAULT",
            "DROP DEFAULT",
            "LOAD <http://e/data.ttl>",
            "ADD <http://e/g> TO DEFAULT",
        ];
        let allowed = [
            "INSERT DATA { GRAPH <http://e/g> { <http://e/s> <http://e/p> <http://e/o> } }",
            "DELETE WHERE { GRAPH ?g { ?s <http://e/p> ?o } }",
            "WITH <http://e/g> INSERT { ?s a <http://e/C> } WHERE { ?s ?p ?o }",
            "CLEAR ALL",
            "DROP GRAPH <http://e/g>",
            "CREATE GRAPH <http://e/h>",
        ];
        for text in refused {
            let update = SparqlParser::new().parse_update(text).map_err(|e| e.to_string());
            assert!(update.is_ok_and(|u| refuse_default_graph_writes(&u).is_err()), "{text} should be refused");
        }
        for text in allowed {
            let update = SparqlParser::new().parse_update(text).map_err(|e| e.to_string());
            assert!(update.is_ok_and(|u| refuse_default_graph_writes(&u).is_ok()), "{text} should be allowed");
        }
    }
}
