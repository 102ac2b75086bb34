//! The HTTP side: SPARQL queries to the endpoint, spaced by the rate
//! limit, retried with backoff on 429, 5xx and transport errors, honouring
//! `Retry-After`.

use std::time::{Duration, Instant};

use crate::error::LinkError;

/// The User-Agent ssgr sends: Wikidata's policy asks for one that names the
/// tool and where to find it.
pub fn user_agent() -> String {
    format!("ssgr/{} (https://github.com/ssgr/ssgr)", env!("CARGO_PKG_VERSION"))
}

/// The first wait before a retry; it doubles with each retry.
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
/// The longest wait for one retry, whatever `Retry-After` asks.
const MAX_WAIT: Duration = Duration::from_secs(300);
/// How long one request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// A rate-limited SPARQL client for one endpoint.
pub(crate) struct Client {
    agent: ureq::Agent,
    endpoint: String,
    interval: Duration,
    retries: u32,
    last: Option<Instant>,
    /// The number of HTTP requests sent, retries included.
    pub(crate) requests: usize,
}

impl Client {
    /// A client that sends at most `rate` requests a second and retries a
    /// failed request up to `retries` times.
    pub(crate) fn new(endpoint: &str, rate: f64, retries: u32) -> Self {
        let config = ureq::Agent::config_builder()
            .user_agent(user_agent())
            .http_status_as_error(false)
            // A redirect would turn the POSTed query into a GET without it.
            .max_redirects(0)
            .timeout_global(Some(REQUEST_TIMEOUT))
            .build();
        let interval = if rate > 0.0 { Duration::from_secs_f64(1.0 / rate) } else { Duration::ZERO };
        Self { agent: config.into(), endpoint: endpoint.to_owned(), interval, retries, last: None, requests: 0 }
    }

    /// Sends a SELECT query (POST, form-encoded) and returns the SPARQL JSON
    /// results' text.
    pub(crate) fn select(&mut self, query: &str) -> Result<String, LinkError> {
        let mut attempt = 0;
        loop {
            self.pace();
            let outcome = self.send(query);
            let wait = match outcome {
                Ok(Reply::Done(body)) => return Ok(body),
                Ok(Reply::Retry { status, retry_after }) => (format!("HTTP {status}"), retry_after),
                Ok(Reply::Fail { status, body }) => {
                    let detail: String = body.chars().take(500).collect();
                    return Err(self.error(format!("HTTP {status}: {detail}")));
                }
                Err(e) => (e.to_string(), None),
            };
            if attempt >= self.retries {
                return Err(self.error(format!("{} (after {} retries)", wait.0, self.retries)));
            }
            let backoff = wait.1.unwrap_or(FIRST_BACKOFF * 2u32.saturating_pow(attempt)).min(MAX_WAIT);
            tracing::warn!(endpoint = %self.endpoint, reason = %wait.0, ?backoff, "retrying");
            std::thread::sleep(backoff);
            attempt += 1;
        }
    }

    fn send(&mut self, query: &str) -> Result<Reply, ureq::Error> {
        self.requests += 1;
        self.last = Some(Instant::now());
        let mut response = self
            .agent
            .post(&self.endpoint)
            .header("Accept", "application/sparql-results+json")
            .send_form([("query", query)])?;
        let status = response.status().as_u16();
        if status == 429 || status >= 500 {
            let retry_after = response.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(retry_after);
            return Ok(Reply::Retry { status, retry_after });
        }
        let body = response.body_mut().read_to_string()?;
        Ok(if (200..300).contains(&status) { Reply::Done(body) } else { Reply::Fail { status, body } })
    }

    /// Sleeps until the rate limit allows the next request.
    fn pace(&self) {
        if let Some(last) = self.last {
            let next = last + self.interval;
            let now = Instant::now();
            if next > now {
                std::thread::sleep(next - now);
            }
        }
    }

    fn error(&self, message: String) -> LinkError {
        LinkError::Endpoint { endpoint: self.endpoint.clone(), message }
    }
}

enum Reply {
    Done(String),
    Retry { status: u16, retry_after: Option<Duration> },
    Fail { status: u16, body: String },
}

/// A `Retry-After` header in seconds (the HTTP-date form is rare from
/// SPARQL services and falls back to the backoff).
fn retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// Parses a rate as `N` or `N/s` (requests a second, N > 0).
pub fn parse_rate(text: &str) -> Result<f64, String> {
    let number = text.trim().strip_suffix("/s").unwrap_or(text.trim());
    match number.parse::<f64>() {
        Ok(n) if n > 0.0 && n.is_finite() => Ok(n),
        _ => Err(format!("rate {text:?} is not a positive number of requests a second (like 1/s or 0.5)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_with_or_without_the_unit() {
        assert_eq!(parse_rate("1/s"), Ok(1.0));
        assert_eq!(parse_rate("0.5"), Ok(0.5));
        assert!(parse_rate("0").is_err());
        assert!(parse_rate("fast").is_err());
        assert!(parse_rate("-2/s").is_err());
    }

    #[test]
    fn retry_after_in_seconds() {
        assert_eq!(retry_after(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }

    #[test]
    fn the_user_agent_names_the_tool_and_its_home() {
        let ua = user_agent();
        assert!(ua.starts_with("ssgr/") && ua.ends_with("(https://github.com/ssgr/ssgr)"), "{ua}");
    }
}
