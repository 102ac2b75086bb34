//! `ssgr push` end to end against the real Oxigraph server (the `oxigraph`
//! binary, PyPI package `oxigraph` 0.5.13): after a push over the Graph
//! Store Protocol or Update, every competency query answers there as it
//! does in ssgr; an interrupted push resumes without sending a finished
//! graph again. Skipped when `oxigraph` is missing, unless `CI` is set.

#![allow(missing_docs, clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput};
use ssgr_store::{open_store, select};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Whether the `oxigraph` binary runs; in CI its absence is a failure.
fn oxigraph_available() -> bool {
    let found = Command::new("oxigraph").arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "CI: the oxigraph server is missing (pip install oxigraph==0.5.13)");
        eprintln!("skipped: no `oxigraph` binary on PATH (pip install oxigraph==0.5.13)");
    }
    found
}

/// An `oxigraph serve` on a free port, killed on drop.
struct Oxigraph {
    child: Child,
    address: SocketAddr,
    _dir: tempfile::TempDir,
}

impl Oxigraph {
    fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let address: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let child = Command::new("oxigraph")
            .args(["serve", "--location"])
            .arg(dir.path().join("db"))
            .args(["--bind", &address.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Self { child, address, _dir: dir };
        let started = Instant::now();
        while server.query_json("ASK {}").is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "oxigraph did not answer on {address}");
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    fn query_json(&self, query: &str) -> Result<Vec<u8>, ureq::Error> {
        let mut response = ureq::post(self.url("/query"))
            .header("content-type", "application/sparql-query")
            .header("accept", "application/sparql-results+json")
            .send(query)?;
        response.body_mut().with_config().limit(1 << 30).read_to_vec()
    }

    /// The rows of a SELECT, each as sorted `variable=term` strings.
    fn rows(&self, query: &str) -> BTreeSet<Vec<String>> {
        let body = self.query_json(query).unwrap_or_else(|e| panic!("oxigraph: {e}\n{query}"));
        let parsed = QueryResultsParser::from_format(QueryResultsFormat::Json).for_reader(body.as_slice()).unwrap();
        let ReaderQueryResultsParserOutput::Solutions(solutions) = parsed else { panic!("not solutions: {query}") };
        solutions
            .map(|s| s.unwrap().iter().map(|(v, t)| format!("{}={t}", v.as_str())).collect::<BTreeSet<_>>())
            .map(|row| row.into_iter().collect())
            .collect()
    }
}

impl Drop for Oxigraph {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn ssgr_rows(store: &Path, query: &str) -> BTreeSet<Vec<String>> {
    let store = open_store(store, true).unwrap();
    let rows = select(&store, query).unwrap_or_else(|e| panic!("{e}\n{query}"));
    rows.into_iter()
        .map(|row| row.iter().map(|(v, t)| format!("{v}={t}")).collect::<BTreeSet<_>>().into_iter().collect())
        .collect()
}

/// `ssgr build --store` of the seeds, once per test.
fn built() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("graph");
    let status =
        Command::cargo_bin("ssgr").unwrap().current_dir(root()).arg("build").arg("--store").arg(&store).status();
    assert!(status.unwrap().success());
    (dir, store)
}

fn push(store: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("ssgr").unwrap().arg("push").arg("--store").arg(store).args(args).output().unwrap()
}

fn competency_queries() -> Vec<(String, String)> {
    let mut queries: Vec<(String, String)> = std::fs::read_dir(root().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    queries.sort();
    assert!(queries.len() >= 10);
    queries
}

/// Triples per graph ("default" for the default graph).
const PER_GRAPH: &str =
    "SELECT ?g (COUNT(*) AS ?n) { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o BIND(\"default\" AS ?g) } } GROUP BY ?g";

#[test]
fn competency_queries_answer_the_same_after_a_graph_store_push() {
    if !oxigraph_available() {
        return;
    }
    let (_dir, store) = built();
    let server = Oxigraph::start();
    let output = push(&store, &["--to", &server.url("/store"), "--graph-store", "--rdf12", "--batch", "700"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(server.rows(PER_GRAPH), ssgr_rows(&store, PER_GRAPH), "every graph arrived whole");
    for (name, query) in competency_queries() {
        let expected = ssgr_rows(&store, &query);
        assert_eq!(server.rows(&query), expected, "{name}");
    }
}

#[test]
fn competency_queries_answer_the_same_after_an_update_push_in_rdf_11() {
    if !oxigraph_available() {
        return;
    }
    let (_dir, store) = built();
    let server = Oxigraph::start();
    let output = push(&store, &["--to", &server.url("/update"), "--update", "--batch", "2000"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    // RDF 1.1: each reifier's triple term became rdf:subject/predicate/object.
    let reifies = "SELECT (COUNT(*) AS ?n) { ?r <http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies> ?t }";
    let subjects = "SELECT (COUNT(*) AS ?n) { ?r <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?t }";
    let in_ssgr = ssgr_rows(&store, reifies);
    assert_ne!(in_ssgr, ssgr_rows(&store, "SELECT (0 AS ?n) {}"), "the seeds have evidence reifiers");
    assert_eq!(server.rows(subjects), in_ssgr);
    for (name, query) in competency_queries().into_iter().filter(|(_, q)| !q.contains("reifies")) {
        assert_eq!(server.rows(&query), ssgr_rows(&store, &query), "{name}");
    }
}

/// A proxy in front of the target that logs each request line and, once
/// its budget of requests is spent, hangs up without answering.
struct Proxy {
    address: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
    budget: Arc<Mutex<Option<usize>>>,
}

impl Proxy {
    fn start(upstream: SocketAddr, budget: Option<usize>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let budget = Arc::new(Mutex::new(budget));
        let (logged, left) = (Arc::clone(&log), Arc::clone(&budget));
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                {
                    let mut left = left.lock().unwrap();
                    match left.as_mut() {
                        Some(0) => continue, // dropped: the connection closes unanswered
                        Some(n) => *n -= 1,
                        None => {}
                    }
                }
                if let Some(line) = forward(client, upstream) {
                    logged.lock().unwrap().push(line);
                }
            }
        });
        Self { address, log, budget }
    }

    /// Answers every request from now on, with an empty log.
    fn heal(&self) {
        *self.budget.lock().unwrap() = None;
        self.log.lock().unwrap().clear();
    }

    fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

/// Relays one request (with `Connection: close`) and its answer; returns
/// the request line.
fn forward(client: TcpStream, upstream: SocketAddr) -> Option<String> {
    let mut reader = BufReader::new(client.try_clone().ok()?);
    let mut head = String::new();
    let mut length = 0;
    let mut request_line = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if request_line.is_empty() {
            request_line = line.trim_end().to_owned();
        }
        if line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(value) = lower.strip_prefix("content-length:") {
            length = value.trim().parse().ok()?;
        }
        if !lower.starts_with("connection:") {
            head.push_str(&line);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let mut server = TcpStream::connect(upstream).ok()?;
    server.write_all(head.as_bytes()).ok()?;
    server.write_all(b"Connection: close\r\n\r\n").ok()?;
    server.write_all(&body).ok()?;
    let mut answer = Vec::new();
    server.read_to_end(&mut answer).ok()?;
    let mut client = client;
    client.write_all(&answer).ok()?;
    Some(request_line)
}

/// The graph a Graph Store request line is for.
fn graph_of(request_line: &str) -> String {
    let target = request_line.split(' ').nth(1).unwrap_or_default();
    match target.split_once("graph=") {
        Some((_, encoded)) => percent_decode(encoded),
        None => "default".to_owned(),
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 3 <= bytes.len() {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn done(state: &Path) -> BTreeSet<String> {
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(state).unwrap()).unwrap();
    json["done"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
}

#[test]
fn an_interrupted_push_resumes_without_sending_a_finished_graph_again() {
    if !oxigraph_available() {
        return;
    }
    let (dir, store) = built();
    let server = Oxigraph::start();
    let state = dir.path().join("state.json");
    let state_arg = state.to_str().unwrap();
    let common = ["--rdf12", "--batch", "300", "--attempts", "2", "--state", state_arg];

    let proxy = Proxy::start(server.address, Some(5));
    let to = format!("http://{}/store", proxy.address);
    let first = push(&store, &[&["--to", &to], &common[..]].concat());
    assert_eq!(first.status.code(), Some(2), "the push stops: {}", String::from_utf8_lossy(&first.stdout));
    let finished = done(&state);
    let sent: Vec<String> = proxy.requests().iter().map(|l| graph_of(l)).collect();
    let interrupted = sent.last().unwrap().clone();
    assert!(!finished.is_empty(), "a graph was finished before the interruption: {sent:?}");
    assert!(!finished.contains(&interrupted), "{interrupted} was cut half-way: {sent:?}");

    proxy.heal();
    let second = push(&store, &[&["--to", &to, "--resume"], &common[..]].concat());
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    let again = proxy.requests();
    let mut first_request: BTreeMap<String, String> = BTreeMap::new();
    for line in &again {
        let graph = graph_of(line);
        assert!(!finished.contains(&graph), "{graph} was sent again: {line}");
        first_request.entry(graph).or_insert_with(|| line.split(' ').next().unwrap_or_default().to_owned());
    }
    assert_eq!(first_request.get(&interrupted).map(String::as_str), Some("PUT"), "resent from its start");
    assert!(first_request.values().all(|method| method == "PUT"), "{first_request:?}");
    assert_eq!(server.rows(PER_GRAPH), ssgr_rows(&store, PER_GRAPH), "the dataset is complete");
}
