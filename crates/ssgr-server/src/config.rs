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
    /// Endpoints a query may call with `SERVICE`: an IRI matches an entry
    /// equal to it, or an entry ending in `*` that it starts with (without
    /// the `*`). Empty: `SERVICE` is refused, so the server sends no
    /// request of its own.
    pub allowed_services: Vec<String>,
    /// The URL clients reach the server at (`https://host/base`), named as
    /// the SPARQL endpoint by `/.well-known/void`; `None`: taken from the
    /// request's Host header.
    pub public_url: Option<String>,
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
            allowed_services: Vec::new(),
            public_url: None,
        }
    }
}

impl ServerConfig {
    /// Whether writes (`/update`, Graph Store PUT, POST, DELETE) are enabled.
    pub fn writable(&self) -> bool {
        self.update_token.is_some()
    }

    /// Whether a query may call `service` with `SERVICE`.
    pub fn allows_service(&self, service: &str) -> bool {
        self.allowed_services.iter().any(|entry| match entry.strip_suffix('*') {
            Some(prefix) => service.starts_with(prefix),
            None => service == entry,
        })
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
        for service in &self.allowed_services {
            let iri = service.strip_suffix('*').unwrap_or(service);
            if !(iri.starts_with("http://") || iri.starts_with("https://")) {
                return Err(format!("the allowed service {service:?} is not an http(s) IRI"));
            }
            // A prefix must end its host with a path: `http://a.example*`
            // would also allow `http://a.example.evil/`.
            let after_scheme = iri.split_once("://").map_or("", |(_, rest)| rest);
            if service.ends_with('*') && !after_scheme.contains('/') {
                return Err(format!(
                    "the allowed service prefix {service:?} must include a path after the host (as in http://host/*)"
                ));
            }
        }
        if let Some(url) = &self.public_url {
            if oxigraph::model::NamedNode::new(url.as_str()).is_err() || !url.starts_with("http") {
                return Err(format!("the public URL {url:?} is not an absolute http(s) URL"));
            }
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
            .field("allowed_services", &self.allowed_services)
            .field("public_url", &self.public_url)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_match_exactly_or_by_a_starred_prefix() {
        let config = ServerConfig {
            allowed_services: vec!["http://a.example/sparql".into(), "https://b.example/*".into()],
            ..ServerConfig::default()
        };
        assert!(config.allows_service("http://a.example/sparql"));
        assert!(!config.allows_service("http://a.example/sparql2"));
        assert!(!config.allows_service("http://a.example.evil/sparql"));
        assert!(config.allows_service("https://b.example/query"));
        assert!(!config.allows_service("https://b.example.evil/query"));
        assert!(!ServerConfig::default().allows_service("http://a.example/sparql"));
    }

    #[test]
    fn services_and_public_urls_must_be_http() {
        let bad = ServerConfig { allowed_services: vec!["file:///etc/passwd".into()], ..ServerConfig::default() };
        assert!(bad.validate().is_err());
        let bad = ServerConfig { allowed_services: vec!["http://a.example*".into()], ..ServerConfig::default() };
        assert!(bad.validate().is_err(), "a prefix that stops inside the host");
        let bad = ServerConfig { public_url: Some("not a url".into()), ..ServerConfig::default() };
        assert!(bad.validate().is_err());
        let good = ServerConfig {
            allowed_services: vec!["http://127.0.0.1:1/*".into()],
            public_url: Some("https://ssgr.example/".into()),
            ..ServerConfig::default()
        };
        assert_eq!(good.validate(), Ok(()));
    }
}
