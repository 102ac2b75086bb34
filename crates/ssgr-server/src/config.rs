//! What the server may do and how much of it: resolved once, at start.

use std::fmt;
use std::time::Duration;

/// The server's limits and access rules.
///
/// `Default` gives the values `ssgr serve` uses without flags: a 30 s query
/// timeout, 32 MiB bodies, four query slots per core, no result cap, no
/// updates, no CORS.
#[derive(Clone)]
pub struct ServerConfig {
    /// Hard limit on one query, from arrival to the last byte of its
    /// results; time spent waiting for a slot counts.
    pub query_timeout: Duration,
    /// Largest request body (query, update or graph upload), in bytes.
    pub max_body_bytes: usize,
    /// Queries (and graph downloads) evaluated at once.
    pub max_concurrent_queries: usize,
    /// Queries waiting for a slot; one more is refused at once with 503.
    pub max_queued_queries: usize,
    /// Largest number of rows (SELECT) or triples (CONSTRUCT, DESCRIBE) a
    /// response carries; longer results are cut there.
    pub max_result_rows: Option<usize>,
    /// With a token, `/update` and Graph Store writes exist and require
    /// `Authorization: Bearer <token>`; without one, the server is read-only.
    pub update_token: Option<String>,
    /// Origins allowed to call the endpoint from a browser; `*` allows any.
    /// Empty: no CORS headers.
    pub cors_origins: Vec<String>,
    /// Whether responses are compressed (gzip, br) for clients that ask.
    pub compression: bool,
    /// How long a shutdown waits for requests in flight before it cancels
    /// them.
    pub shutdown_grace: Duration,
}

impl Default for ServerConfig {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self {
            query_timeout: Duration::from_secs(30),
            max_body_bytes: 32 * 1024 * 1024,
            max_concurrent_queries: (4 * cores).max(4),
            max_queued_queries: 1024,
            max_result_rows: None,
            update_token: None,
            cors_origins: Vec::new(),
            compression: true,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

impl ServerConfig {
    /// Whether writes (`/update`, Graph Store PUT, POST, DELETE) are enabled.
    pub fn writable(&self) -> bool {
        self.update_token.is_some()
    }

    /// Checks the values that cannot work: a zero timeout or slot count, an
    /// empty token, an origin that is not a valid header value.
    pub fn validate(&self) -> Result<(), String> {
        if self.query_timeout.is_zero() {
            return Err("the query timeout must be positive".into());
        }
        if self.max_concurrent_queries == 0 {
            return Err("at least one query must be allowed to run".into());
        }
        if self.update_token.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err("the update token is empty".into());
        }
        for origin in &self.cors_origins {
            if origin != "*" && axum::http::HeaderValue::from_str(origin).is_err() {
                return Err(format!("{origin:?} is not a valid CORS origin"));
            }
        }
        Ok(())
    }
}

/// The token is never printed.
impl fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerConfig")
            .field("query_timeout", &self.query_timeout)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("max_concurrent_queries", &self.max_concurrent_queries)
            .field("max_queued_queries", &self.max_queued_queries)
            .field("max_result_rows", &self.max_result_rows)
            .field("update_token", &self.update_token.as_ref().map(|_| "<set>"))
            .field("cors_origins", &self.cors_origins)
            .field("compression", &self.compression)
            .field("shutdown_grace", &self.shutdown_grace)
            .finish()
    }
}
