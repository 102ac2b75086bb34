//! Shared helpers: a small fixture store and one-shot requests.

#![allow(dead_code, unreachable_pub, missing_docs, clippy::unwrap_used)]

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use oxigraph::io::RdfFormat;
use ssgr_server::{AppState, ServerConfig, app};
use ssgr_store::Store;
use tower::ServiceExt;

pub const TOKEN: &str = "t0ken-for-tests";
pub const EX: &str = "http://example.org/";

/// An ontology graph (a FieldMission is an Organisation), two document
/// graphs sharing one triple, and the default graph computed from them.
pub const FIXTURE: &str = r#"
@prefix ssgr: <https://w3id.org/ssgr/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .
<https://w3id.org/ssgr/id/graph/ontology> {
  ssgr:FieldMission rdfs:subClassOf ssgr:Organisation .
}
ex:g1 {
  ex:m1 a ssgr:FieldMission ; rdfs:label "Mission one" .
  ex:shared rdfs:label "in both graphs" .
}
ex:g2 {
  ex:m2 a ssgr:FieldMission ; rdfs:label "Mission two" .
  ex:shared rdfs:label "in both graphs" .
}
"#;

pub fn fixture_store() -> Store {
    let store = Store::new().unwrap();
    store.load_from_slice(RdfFormat::TriG, FIXTURE).unwrap();
    ssgr_store::refresh_default_graph(&store).unwrap();
    store
}

/// A store with `n` triples in one named graph (and the default graph).
pub fn big_store(n: usize) -> Store {
    let store = Store::new().unwrap();
    let mut trig = String::from("<http://example.org/big> {\n");
    for i in 0..n {
        trig.push_str(&format!("<http://example.org/s{i}> <http://example.org/p> \"value {i}\" .\n"));
    }
    trig.push_str("}\n");
    store.load_from_slice(RdfFormat::TriG, &trig).unwrap();
    ssgr_store::refresh_default_graph(&store).unwrap();
    store
}

pub fn config() -> ServerConfig {
    ServerConfig { compression: false, ..ServerConfig::default() }
}

pub fn writable() -> ServerConfig {
    ServerConfig { update_token: Some(TOKEN.into()), ..config() }
}

pub fn router(store: Store, config: ServerConfig) -> Router {
    app(AppState::with_store(store, config))
}

pub fn fixture() -> Router {
    router(fixture_store(), config())
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

pub async fn send(router: &Router, request: Request<Body>) -> Answer {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.map(|c| c.to_bytes()).unwrap_or_default();
    Answer { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

pub fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

pub fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

pub fn get_accept(uri: &str, accept: &str) -> Request<Body> {
    Request::get(uri).header("accept", accept).body(Body::empty()).unwrap()
}

pub fn query_get(query: &str, accept: &str) -> Request<Body> {
    get_accept(&format!("/sparql?query={}", encode(query)), accept)
}

pub fn post(uri: &str, content_type: &str, body: impl Into<String>) -> Request<Body> {
    Request::post(uri).header("content-type", content_type).body(Body::from(body.into())).unwrap()
}

pub fn with_token(mut request: Request<Body>, token: &str) -> Request<Body> {
    request.headers_mut().insert("authorization", format!("Bearer {token}").parse().unwrap());
    request
}

/// A query that reads the store for a long time on `big_store(3000)` (a
/// filtered cross product); the token stops it within milliseconds.
pub const SLOW: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) < STR(?f)) }";

/// Waits (bounded) until `check` holds.
pub async fn eventually(mut check: impl FnMut() -> bool) -> bool {
    for _ in 0..200 {
        if check() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    false
}

/// The value of a metric line, as text.
pub async fn metric(router: &Router, line_start: &str) -> String {
    let answer = send(router, get("/metrics")).await;
    answer
        .body
        .lines()
        .find(|l| l.starts_with(line_start))
        .map(|l| l.rsplit(' ').next().unwrap_or("").to_owned())
        .unwrap_or_default()
}

/// The server on a socket of its own (127.0.0.1, a free port): its address,
/// the sender that stops it gracefully, and its task.
pub async fn serve_on_socket(
    state: AppState,
) -> (std::net::SocketAddr, tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        ssgr_server::serve(listener, state, async move {
            let _ = stopped.await;
        })
        .await
        .unwrap();
    });
    (address, stop, server)
}
