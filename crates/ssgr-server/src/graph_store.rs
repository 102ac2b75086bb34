//! `/store`: the SPARQL 1.1 Graph Store HTTP Protocol, indirect
//! identification (`?graph=<iri>`, `?default`, or neither for the whole
//! dataset).
//!
//! Reads always work and are streamed. Writes exist with an update token;
//! the default graph is derived (the union of the named graphs), so it is
//! read-only here: writes go to named graphs and the default graph follows.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad};
use oxigraph::store::Store;

use crate::error::ServerError;
use crate::negotiation::{DATASET, GRAPH, negotiate, rdf_format_of, rdf_media_type};
use crate::query::{iri_param, rdf_serializer};
use crate::request::{header_text, media_type, read_body};
use crate::state::AppState;
use crate::stream::{self, ChannelWriter, Done, Job, Sink};
use crate::update::{Authorized, DEFAULT_GRAPH_IS_DERIVED, write};

/// What a Graph Store request is about.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// `?default`.
    Default,
    /// `?graph=<iri>`.
    Named(NamedNode),
    /// Neither: the whole dataset.
    All,
}

fn target(uri: &Uri) -> Result<Target, ServerError> {
    let mut graph = None;
    let mut default = false;
    for (key, value) in form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "graph" if graph.is_some() => {
                return Err(ServerError::BadRequest("the 'graph' parameter is given more than once".into()));
            }
            "graph" => graph = Some(value.into_owned()),
            "default" => default = true,
            _ => {}
        }
    }
    match (graph, default) {
        (Some(_), true) => Err(ServerError::BadRequest("give either ?graph=<iri> or ?default, not both".into())),
        (Some(iri), false) => Ok(Target::Named(iri_param(&iri, "graph")?)),
        (None, true) => Ok(Target::Default),
        (None, false) => Ok(Target::All),
    }
}

/// Checks the target exists and picks the response format.
fn read_plan(state: &AppState, uri: &Uri, headers: &HeaderMap) -> Result<(Store, Target, RdfFormat), ServerError> {
    let store = state.store()?;
    let target = target(uri)?;
    if let Target::Named(graph) = &target {
        if !store.contains_named_graph(graph).map_err(ServerError::internal)? {
            return Err(ServerError::NotFound(format!("the graph {graph} does not exist")));
        }
    }
    let accept = header_text(headers, header::ACCEPT);
    let format = match target {
        Target::All => negotiate(DATASET, accept.as_deref(), &[], "the whole dataset")?,
        _ => negotiate(GRAPH, accept.as_deref(), &[], "a graph")?,
    };
    Ok((store, target, format))
}

/// `HEAD /store`.
pub(crate) async fn head(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Result<Response, ServerError> {
    let (_, _, format) = read_plan(&state, &uri, &headers)?;
    let mut response = Response::new(Body::empty());
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(rdf_media_type(format)));
    Ok(response)
}

/// `GET /store`: the graph or dataset, streamed.
pub(crate) async fn get(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Result<Response, ServerError> {
    let started = Instant::now();
    let (store, target, format) = read_plan(&state, &uri, &headers)?;
    let deadline = tokio::time::Instant::now() + state.config().query_timeout;
    let slot = state.limiter().acquire(deadline).await?;
    let registration = state.register();
    let content_type = rdf_media_type(format);
    let kind = if target == Target::All { "dataset" } else { "graph" };
    let job = Job { kind, content_type, deadline: None, started, headers: Vec::new(), shape: None };
    stream::respond(&state, registration, slot, job, move |writer| dump(&store, &target, format, content_type, writer))
        .await
}

fn dump(
    store: &Store,
    target: &Target,
    format: RdfFormat,
    content_type: &'static str,
    writer: &mut ChannelWriter,
) -> Result<Done, ServerError> {
    let graph: Option<GraphNameRef<'_>> = match target {
        Target::Default => Some(GraphNameRef::DefaultGraph),
        Target::Named(g) => Some(g.as_ref().into()),
        Target::All => None,
    };
    let plain = !ssgr_store::supports_triple_terms(format);
    let mut serializer = rdf_serializer(format).for_writer(&mut *writer);
    let mut done = Done::default();
    for quad in store.quads_for_pattern(None, None, None, graph) {
        let quad = quad.map_err(ServerError::internal)?;
        let written = if graph.is_none() {
            serializer.serialize_quad(&quad)
        } else if plain {
            ssgr_store::without_triple_terms(quad.into()).iter().try_for_each(|t| serializer.serialize_triple(t))
        } else {
            serializer.serialize_triple(&oxigraph::model::Triple::from(quad))
        };
        if let Err(e) = written {
            drop(serializer);
            return Err(writer.write_error(&e, content_type));
        }
        done.rows += 1;
    }
    if let Err(e) = serializer.finish() {
        return Err(writer.write_error(&e, content_type));
    }
    Ok(done)
}

/// Graph Store writes when the server has no token.
pub(crate) async fn read_only() -> ServerError {
    ServerError::MethodNotAllowed {
        message: "this server is read-only: start it with --update-token (or SSGR_UPDATE_TOKEN) to write".into(),
        allow: "GET, HEAD",
    }
}

fn default_is_read_only() -> ServerError {
    ServerError::MethodNotAllowed { message: DEFAULT_GRAPH_IS_DERIVED.into(), allow: "GET, HEAD" }
}

/// `PUT /store`: replaces a graph, or every named graph.
pub(crate) async fn put(
    State(state): State<AppState>,
    _: Authorized,
    request: Request,
) -> Result<Response, ServerError> {
    let target = target(request.uri())?;
    match target {
        Target::Default => Err(default_is_read_only()),
        Target::Named(graph) => {
            let quads = parse_body(&state, request, Some(&graph)).await?;
            write(&state, "store-put", move |store, _| {
                let existed = store.contains_named_graph(&graph).map_err(ServerError::internal)?;
                let mut transaction = store.start_transaction().map_err(ServerError::internal)?;
                transaction.clear_graph(&graph).map_err(ServerError::internal)?;
                transaction.insert_named_graph(&graph);
                transaction.extend(&quads);
                transaction.commit().map_err(ServerError::internal)?;
                Ok(created_or_not(!existed))
            })
            .await
        }
        Target::All => {
            let quads = parse_body(&state, request, None).await?;
            write(&state, "store-put", move |store, _| {
                let mut transaction = store.start_transaction().map_err(ServerError::internal)?;
                transaction.clear().map_err(ServerError::internal)?;
                transaction.extend(&quads);
                transaction.commit().map_err(ServerError::internal)?;
                Ok(StatusCode::NO_CONTENT.into_response())
            })
            .await
        }
    }
}

/// `POST /store`: adds to a graph, adds quads to the dataset, or (triples
/// with no target) makes a new graph and answers with its location.
pub(crate) async fn post(
    State(state): State<AppState>,
    _: Authorized,
    request: Request,
) -> Result<Response, ServerError> {
    let target = target(request.uri())?;
    let graph = match target {
        Target::Default => return Err(default_is_read_only()),
        Target::Named(graph) => Some((graph, false)),
        Target::All => {
            let is_dataset =
                media_type(request.headers()).and_then(|m| rdf_format_of(&m)).is_some_and(|f| f.supports_datasets());
            if is_dataset { None } else { Some((new_graph_name(), true)) }
        }
    };
    let quads = parse_body(&state, request, graph.as_ref().map(|(g, _)| g)).await?;
    write(&state, "store-post", move |store, _| {
        let Some((graph, fresh)) = graph else {
            let mut transaction = store.start_transaction().map_err(ServerError::internal)?;
            transaction.extend(&quads);
            transaction.commit().map_err(ServerError::internal)?;
            return Ok(StatusCode::NO_CONTENT.into_response());
        };
        let existed = store.contains_named_graph(&graph).map_err(ServerError::internal)?;
        let mut transaction = store.start_transaction().map_err(ServerError::internal)?;
        transaction.insert_named_graph(&graph);
        transaction.extend(&quads);
        transaction.commit().map_err(ServerError::internal)?;
        let mut response = created_or_not(!existed);
        if fresh {
            let encoded: String = form_urlencoded::byte_serialize(graph.as_str().as_bytes()).collect();
            let location = format!("/store?graph={encoded}");
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            *response.body_mut() = Body::from(format!("{graph}\n"));
        }
        Ok(response)
    })
    .await
}

/// `DELETE /store`: drops a graph, or every graph.
pub(crate) async fn delete(State(state): State<AppState>, _: Authorized, uri: Uri) -> Result<Response, ServerError> {
    match target(&uri)? {
        Target::Default => Err(default_is_read_only()),
        Target::Named(graph) => {
            write(&state, "store-delete", move |store, _| {
                if !store.contains_named_graph(&graph).map_err(ServerError::internal)? {
                    return Err(ServerError::NotFound(format!("the graph {graph} does not exist")));
                }
                store.remove_named_graph(&graph).map_err(ServerError::internal)?;
                Ok(StatusCode::NO_CONTENT.into_response())
            })
            .await
        }
        Target::All => {
            write(&state, "store-delete", |store, _| {
                store.clear().map_err(ServerError::internal)?;
                Ok(StatusCode::NO_CONTENT.into_response())
            })
            .await
        }
    }
}

fn created_or_not(created: bool) -> Response {
    if created { StatusCode::CREATED.into_response() } else { StatusCode::NO_CONTENT.into_response() }
}

/// A fresh graph name for a POST without a target.
fn new_graph_name() -> NamedNode {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    NamedNode::new_unchecked(format!("{}graph/upload-{nanos:x}-{n}", ssgr_vocab::ssgrid::NS))
}

/// Reads and parses the body: into `graph` if given (a graph payload),
/// else as a dataset whose default graph must be empty.
async fn parse_body(state: &AppState, request: Request, graph: Option<&NamedNode>) -> Result<Vec<Quad>, ServerError> {
    let given = media_type(request.headers()).unwrap_or_default();
    let format = rdf_format_of(&given).ok_or_else(|| ServerError::UnsupportedMediaType {
        given: given.clone(),
        expected: "send RDF as text/turtle, application/n-triples, application/n-quads, application/trig, \
                   application/rdf+xml or application/ld+json",
    })?;
    if graph.is_none() && !format.supports_datasets() {
        return Err(ServerError::UnsupportedMediaType {
            given,
            expected: "the whole dataset is sent as application/trig or application/n-quads; name a graph with ?graph=<iri> for triples",
        });
    }
    let body = read_body(request.into_body(), state.config().max_body_bytes).await?;
    let graph = graph.cloned();
    tokio::task::spawn_blocking(move || {
        let mut parser = RdfParser::from_format(format);
        if let Some(graph) = &graph {
            parser = parser
                .without_named_graphs()
                .with_default_graph(graph.clone())
                .with_base_iri(graph.as_str())
                .map_err(|e| ServerError::BadRequest(e.to_string()))?;
        }
        let quads = parser
            .for_slice(&body)
            .collect::<Result<Vec<Quad>, _>>()
            .map_err(|e| ServerError::BadRequest(format!("the body is not valid {}: {e}", format.name())))?;
        if graph.is_none() && quads.iter().any(|q| q.graph_name == GraphName::DefaultGraph) {
            return Err(ServerError::BadRequest(DEFAULT_GRAPH_IS_DERIVED.into()));
        }
        Ok(quads)
    })
    .await
    .map_err(ServerError::internal)?
}
