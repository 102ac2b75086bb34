//! Counters and a latency histogram, written in the Prometheus text format
//! on `/metrics`.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// How a query ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Its results were sent in full (or up to the row cap).
    Ok,
    /// It was refused: syntax, parameters, format, an evaluation error of
    /// its own making.
    BadRequest,
    /// It ran past the time limit.
    Timeout,
    /// Its client disconnected before the end.
    ClientGone,
    /// No slot was free.
    Busy,
    /// The server failed.
    Error,
    /// The server shut down under it.
    Shutdown,
}

impl Outcome {
    const ALL: [Self; 7] =
        [Self::Ok, Self::BadRequest, Self::Timeout, Self::ClientGone, Self::Busy, Self::Error, Self::Shutdown];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::BadRequest => "bad_request",
            Self::Timeout => "timeout",
            Self::ClientGone => "client_gone",
            Self::Busy => "busy",
            Self::Error => "error",
            Self::Shutdown => "shutdown",
        }
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|o| *o == self).unwrap_or(0)
    }
}

/// Where a query was evaluated ([`crate::inline`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Evaluation {
    /// On the request's own thread, to its end.
    Inline,
    /// Inline at first, stopped by the budget or the size bound.
    GaveWay,
    /// On a blocking thread.
    Blocking,
}

impl Evaluation {
    const ALL: [Self; 3] = [Self::Inline, Self::GaveWay, Self::Blocking];

    fn name(self) -> &'static str {
        match self {
            Self::Inline => "inline",
            Self::GaveWay => "inline_gave_way",
            Self::Blocking => "blocking",
        }
    }
}

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 14] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0];

/// The server's counters.
#[derive(Debug, Default)]
pub(crate) struct Metrics {
    requests: Mutex<BTreeMap<(&'static str, &'static str, u16), u64>>,
    queries: [AtomicU64; 7],
    updates: [AtomicU64; 7],
    buckets: [AtomicU64; BUCKETS.len()],
    latency_count: AtomicU64,
    latency_micros: AtomicU64,
    truncated: AtomicU64,
    evaluations: [AtomicU64; 3],
}

impl Metrics {
    /// One query ended after `elapsed`.
    pub(crate) fn query(&self, outcome: Outcome, elapsed: Duration) {
        self.queries[outcome.index()].fetch_add(1, Ordering::Relaxed);
        let seconds = elapsed.as_secs_f64();
        for (bound, bucket) in BUCKETS.iter().zip(&self.buckets) {
            if seconds <= *bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.latency_count.fetch_add(1, Ordering::Relaxed);
        let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
        self.latency_micros.fetch_add(micros, Ordering::Relaxed);
    }

    /// One update (or Graph Store write) ended.
    pub(crate) fn update(&self, outcome: Outcome) {
        self.updates[outcome.index()].fetch_add(1, Ordering::Relaxed);
    }

    /// A query evaluation started, ended or gave way there.
    pub(crate) fn evaluation(&self, evaluation: Evaluation) {
        self.evaluations[evaluation as usize].fetch_add(1, Ordering::Relaxed);
    }

    /// A result was cut at the row cap.
    pub(crate) fn truncated(&self) {
        self.truncated.fetch_add(1, Ordering::Relaxed);
    }

    /// How many queries ended with this outcome.
    pub(crate) fn queries_with(&self, outcome: Outcome) -> u64 {
        self.queries[outcome.index()].load(Ordering::Relaxed)
    }

    fn request(&self, route: &'static str, method: &'static str, status: u16) {
        let mut requests = self.requests.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *requests.entry((route, method, status)).or_insert(0) += 1;
    }

    /// The Prometheus text exposition of every counter.
    pub(crate) fn render(&self, state: &AppState) -> String {
        let mut out = String::new();
        let requests = self.requests.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        family(&mut out, "ssgr_http_requests_total", "counter", "HTTP requests by route, method and status.");
        for ((route, method, status), n) in &requests {
            let _ = writeln!(
                out,
                "ssgr_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {n}"
            );
        }
        family(&mut out, "ssgr_http_errors_total", "counter", "HTTP responses with a 4xx or 5xx status.");
        for class in [4, 5] {
            let n: u64 = requests.iter().filter(|((_, _, s), _)| s / 100 == class).map(|(_, n)| n).sum();
            let _ = writeln!(out, "ssgr_http_errors_total{{class=\"{class}xx\"}} {n}");
        }
        family(&mut out, "ssgr_queries_total", "counter", "SPARQL queries by outcome.");
        for outcome in Outcome::ALL {
            let n = self.queries[outcome.index()].load(Ordering::Relaxed);
            let _ = writeln!(out, "ssgr_queries_total{{outcome=\"{}\"}} {n}", outcome.name());
        }
        family(&mut out, "ssgr_query_timeouts_total", "counter", "Queries stopped at the time limit.");
        let _ = writeln!(out, "ssgr_query_timeouts_total {}", self.queries_with(Outcome::Timeout));
        family(&mut out, "ssgr_updates_total", "counter", "SPARQL updates and Graph Store writes by outcome.");
        for outcome in Outcome::ALL {
            let n = self.updates[outcome.index()].load(Ordering::Relaxed);
            let _ = writeln!(out, "ssgr_updates_total{{outcome=\"{}\"}} {n}", outcome.name());
        }
        family(&mut out, "ssgr_query_evaluations_total", "counter", "SPARQL query evaluations by where they ran.");
        for evaluation in Evaluation::ALL {
            let n = self.evaluations[evaluation as usize].load(Ordering::Relaxed);
            let _ = writeln!(out, "ssgr_query_evaluations_total{{on=\"{}\"}} {n}", evaluation.name());
        }
        family(&mut out, "ssgr_query_results_truncated_total", "counter", "Results cut at the row cap.");
        let _ = writeln!(out, "ssgr_query_results_truncated_total {}", self.truncated.load(Ordering::Relaxed));
        family(&mut out, "ssgr_query_duration_seconds", "histogram", "Time from a query's arrival to its end.");
        for (bound, bucket) in BUCKETS.iter().zip(&self.buckets) {
            let _ = writeln!(
                out,
                "ssgr_query_duration_seconds_bucket{{le=\"{bound}\"}} {}",
                bucket.load(Ordering::Relaxed)
            );
        }
        let count = self.latency_count.load(Ordering::Relaxed);
        let sum = self.latency_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "ssgr_query_duration_seconds_bucket{{le=\"+Inf\"}} {count}");
        let _ = writeln!(out, "ssgr_query_duration_seconds_sum {sum}");
        let _ = writeln!(out, "ssgr_query_duration_seconds_count {count}");
        let gauges = [
            ("ssgr_queries_running", "Queries holding a slot now.", state.limiter().running() as f64),
            ("ssgr_queries_queued", "Queries waiting for a slot now.", state.limiter().queued() as f64),
            ("ssgr_store_ready", "1 once the store is loaded.", if state.is_ready() { 1.0 } else { 0.0 }),
            ("ssgr_uptime_seconds", "Seconds since the server started.", state.uptime_seconds()),
        ];
        for (name, help, value) in gauges {
            family(&mut out, name, "gauge", help);
            let _ = writeln!(out, "{name} {value}");
        }
        out
    }
}

fn family(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// `GET /metrics`.
pub(crate) async fn metrics(State(state): State<AppState>) -> Response {
    let body = state.metrics().render(&state);
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"));
    response
}

/// Counts every request by route, method and status.
pub(crate) async fn count_requests(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = route_label(request.uri().path());
    let method = method_label(request.method());
    let response = next.run(request).await;
    state.metrics().request(route, method, response.status().as_u16());
    response
}

/// A bounded set of labels: the standard methods, else "other".
fn method_label(method: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    [Method::GET, Method::HEAD, Method::POST, Method::PUT, Method::DELETE, Method::OPTIONS]
        .into_iter()
        .zip(["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"])
        .find_map(|(m, label)| (m == method).then_some(label))
        .unwrap_or("other")
}

/// A bounded set of labels: the known routes, else "other".
fn route_label(path: &str) -> &'static str {
    match path {
        "/sparql" => "/sparql",
        "/query" => "/query",
        "/update" => "/update",
        "/store" => "/store",
        "/health" | "/health/live" | "/health/ready" => "/health",
        "/metrics" => "/metrics",
        "/" => "/",
        _ => "other",
    }
}
