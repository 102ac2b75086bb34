//! The endpoint graphs are sent to: the request each batch becomes, and
//! retries with exponential backoff.

use std::time::Duration;

use oxigraph::model::GraphName;

use crate::error::PushError;

/// How the dataset is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// SPARQL 1.1 Graph Store HTTP Protocol: PUT the first batch of a graph
    /// to `?graph=<iri>` (or `?default`), POST the others.
    GraphStore,
    /// SPARQL 1.1 Update: `CLEAR SILENT GRAPH` then `INSERT DATA` batches.
    Update,
}

impl Mode {
    /// The name recorded in the state file.
    pub fn name(self) -> &'static str {
        match self {
            Self::GraphStore => "graph-store",
            Self::Update => "update",
        }
    }
}

/// When and how often a failed request is tried again.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    /// Attempts per request, the first included.
    pub attempts: u32,
    /// The wait after the first failure; it doubles after each.
    pub initial: Duration,
    /// The longest wait.
    pub max: Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Self { attempts: 6, initial: Duration::from_millis(250), max: Duration::from_secs(8) }
    }
}

/// Time allowed for one request, upload and answer.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(300);
/// How much of an error answer is quoted.
const QUOTED: usize = 500;

/// One endpoint, with its headers and counters.
pub(crate) struct Target {
    url: String,
    mode: Mode,
    headers: Vec<(String, String)>,
    retry: Retry,
    agent: ureq::Agent,
    /// Requests sent, retries included.
    pub(crate) requests: u64,
    /// Requests sent again after a failure.
    pub(crate) retries: u64,
}

/// One outcome of one attempt.
enum Attempt {
    Done,
    Retry(String, Option<Duration>),
    Refused(u16, String),
}

impl Target {
    pub(crate) fn new(url: &str, mode: Mode, headers: Vec<(String, String)>, retry: Retry) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(REQUEST_TIMEOUT))
            .http_status_as_error(false)
            // A redirect would turn a PUT or POST into a GET without its
            // body that succeeds: data reported sent but never written. A
            // 3xx is a refusal the user must see.
            .max_redirects(0)
            .user_agent(concat!("ssgr-push/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Self { url: url.to_owned(), mode, headers, retry, agent, requests: 0, retries: 0 }
    }

    /// Sends one batch of N-Triples lines of `graph`; `first` replaces what
    /// the target holds in that graph.
    pub(crate) fn send(&mut self, graph: &GraphName, first: bool, ntriples: &str) -> Result<(), PushError> {
        let (method, url, content_type, body) = match self.mode {
            Mode::GraphStore => {
                let method = if first { "PUT" } else { "POST" };
                (method, graph_store_url(&self.url, graph), "application/n-triples", ntriples.to_owned())
            }
            Mode::Update => ("POST", self.url.clone(), "application/sparql-update", update(graph, first, ntriples)),
        };
        let mut wait = self.retry.initial;
        let mut attempt = 1;
        loop {
            self.requests += 1;
            let outcome = self.attempt(method, &url, content_type, &body);
            let (message, asked) = match outcome {
                Attempt::Done => return Ok(()),
                Attempt::Refused(status, body) => {
                    return Err(PushError::Refused { method, url, graph: graph_label(graph), status, body });
                }
                Attempt::Retry(message, asked) => (message, asked),
            };
            if attempt >= self.retry.attempts {
                let graph = graph_label(graph);
                return Err(PushError::Unreachable { method, url, graph, attempts: attempt, message });
            }
            let pause = asked.unwrap_or(wait).min(self.retry.max);
            tracing::warn!(%url, attempt, error = %message, wait_ms = pause.as_millis() as u64, "retrying");
            std::thread::sleep(pause);
            wait = (wait * 2).min(self.retry.max);
            attempt += 1;
            self.retries += 1;
        }
    }

    fn attempt(&self, method: &'static str, url: &str, content_type: &str, body: &str) -> Attempt {
        let mut request = match method {
            "PUT" => self.agent.put(url),
            _ => self.agent.post(url),
        }
        .header("content-type", content_type);
        for (name, value) in &self.headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let mut response = match request.send(body) {
            Ok(response) => response,
            Err(error) => return Attempt::Retry(error.to_string(), None),
        };
        let status = response.status().as_u16();
        if (200..300).contains(&status) {
            return Attempt::Done;
        }
        let asked = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let text: String = response.body_mut().read_to_string().unwrap_or_default().chars().take(QUOTED).collect();
        if status == 429 || status >= 500 {
            Attempt::Retry(format!("{status}: {text}"), asked)
        } else {
            Attempt::Refused(status, text)
        }
    }
}

/// `graph` as the state file and messages name it.
pub(crate) fn graph_label(graph: &GraphName) -> String {
    match graph {
        GraphName::NamedNode(n) => n.as_str().to_owned(),
        GraphName::BlankNode(b) => b.to_string(),
        GraphName::DefaultGraph => "default".to_owned(),
    }
}

/// The Graph Store URL of `graph` under `base`.
fn graph_store_url(base: &str, graph: &GraphName) -> String {
    let separator = if base.contains('?') { '&' } else { '?' };
    match graph {
        GraphName::NamedNode(n) => format!("{base}{separator}graph={}", encode(n.as_str())),
        _ => format!("{base}{separator}default"),
    }
}

/// An Update request adding `ntriples` to `graph`, clearing it first for
/// the first batch.
fn update(graph: &GraphName, first: bool, ntriples: &str) -> String {
    let (clear, open, close) = match graph {
        GraphName::NamedNode(n) => {
            (format!("CLEAR SILENT GRAPH <{}> ;\n", n.as_str()), format!("GRAPH <{}> {{\n", n.as_str()), "}\n")
        }
        _ => ("CLEAR SILENT DEFAULT ;\n".to_owned(), String::new(), ""),
    };
    let mut out = String::with_capacity(ntriples.len() + 128);
    if first {
        out.push_str(&clear);
    }
    out.push_str("INSERT DATA {\n");
    out.push_str(&open);
    out.push_str(ntriples);
    out.push_str(close);
    out.push_str("}\n");
    out
}

/// Percent-encodes a query parameter value (RFC 3986 unreserved kept).
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 2);
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use oxigraph::model::NamedNode;

    use super::*;

    fn named(iri: &str) -> GraphName {
        NamedNode::new_unchecked(iri).into()
    }

    /// A server on 127.0.0.1 that redirects every write to a page that
    /// answers 200 to a GET, as a misconfigured target might (http to
    /// https, a missing slash).
    fn redirecting_server() -> String {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a local port");
        let base = format!("http://{}", listener.local_addr().expect("its address"));
        let location = format!("{base}/ok");
        std::thread::spawn(move || {
            for stream in listener.incoming().take(16) {
                let Ok(mut stream) = stream else { continue };
                let mut buffer = [0u8; 65536];
                let read = stream.read(&mut buffer).unwrap_or(0);
                let request = String::from_utf8_lossy(&buffer[..read]);
                let answer = if request.starts_with("GET /ok") {
                    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".to_owned()
                } else {
                    format!(
                        "HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    )
                };
                let _ = stream.write_all(answer.as_bytes());
            }
        });
        format!("{base}/store")
    }

    #[test]
    fn a_redirect_is_a_failure_not_a_silent_success() {
        let retry = Retry { attempts: 2, initial: Duration::from_millis(1), max: Duration::from_millis(1) };
        for mode in [Mode::GraphStore, Mode::Update] {
            let mut target = Target::new(&redirecting_server(), mode, Vec::new(), retry);
            let sent =
                target.send(&named("https://w3id.org/ssgr/id/graph/a"), true, "<http://a> <http://b> <http://c> .\n");
            assert!(sent.is_err(), "{mode:?}: a 302 was taken for success");
        }
    }

    #[test]
    fn graph_store_urls_name_the_graph_or_the_default() {
        let g = named("https://w3id.org/ssgr/id/graph/a b");
        assert_eq!(
            graph_store_url("http://h/store", &g),
            "http://h/store?graph=https%3A%2F%2Fw3id.org%2Fssgr%2Fid%2Fgraph%2Fa%20b"
        );
        assert_eq!(graph_store_url("http://h/rdf?db=x", &GraphName::DefaultGraph), "http://h/rdf?db=x&default");
    }

    #[test]
    fn updates_clear_the_graph_only_with_its_first_batch() {
        let g = named("http://g");
        let line = "<http://s> <http://p> \"o\" .\n";
        let first = update(&g, true, line);
        assert!(first.starts_with("CLEAR SILENT GRAPH <http://g> ;\nINSERT DATA {\nGRAPH <http://g> {\n"), "{first}");
        assert!(first.contains(line) && first.ends_with("}\n}\n"), "{first}");
        let next = update(&g, false, line);
        assert!(!next.contains("CLEAR"), "{next}");
        let default = update(&GraphName::DefaultGraph, true, line);
        assert!(default.starts_with("CLEAR SILENT DEFAULT ;\nINSERT DATA {\n<http://s>"), "{default}");
    }
}
