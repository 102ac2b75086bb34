//! The web page: `/` (the SPARQL editor and the network view) and
//! `/assets/...`, every file embedded in the binary at compile time (see
//! `build.rs`), so the page works offline and `cargo run` alone serves it.
//!
//! `/` answers the page to a client that asks for HTML and the plain-text
//! list of routes to any other. Assets carry an ETag and answer 304 to a
//! matching `If-None-Match`; the vendored libraries have their version in
//! their name and are cached for a year.

use std::collections::HashMap;
use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::negotiation::{Offer, negotiate};

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The path of the generated list of example queries, under `/assets/`.
const EXAMPLES: &str = "examples.json";

/// One embedded file, ready to send.
#[derive(Debug)]
struct Asset {
    body: &'static [u8],
    content_type: &'static str,
    etag: HeaderValue,
    cache_control: &'static str,
}

/// The embedded files by path under `/assets/`, plus the examples list.
static ASSETS: LazyLock<HashMap<&'static str, Asset>> = LazyLock::new(|| {
    let mut assets: HashMap<&'static str, Asset> =
        ASSET_FILES.iter().map(|&(name, body)| (name, Asset::new(name, body))).collect();
    let examples: &'static [u8] = Vec::leak(examples_json());
    assets.insert(EXAMPLES, Asset::new(EXAMPLES, examples));
    assets
});

impl Asset {
    fn new(name: &str, body: &'static [u8]) -> Self {
        let etag = HeaderValue::from_str(&format!("\"{:016x}\"", fnv1a(body)))
            .unwrap_or_else(|_| HeaderValue::from_static("\"0\""));
        // A vendored file's name changes with its version, so a copy never
        // goes stale; the page's own files are checked on every load.
        let cache_control =
            if name.starts_with("vendor/") { "public, max-age=31536000, immutable" } else { "no-cache" };
        Self { body, content_type: content_type(name), etag, cache_control }
    }
}

/// One example query of the page's menu.
#[derive(Debug, Serialize)]
struct Example<'a> {
    /// The file stem (`cq01-osce-field-missions`).
    name: &'a str,
    /// The first comment line, without `#`, or the stem.
    title: String,
    /// The query text.
    query: &'a str,
}

fn examples_json() -> Vec<u8> {
    let examples: Vec<Example<'_>> =
        EXAMPLE_QUERIES.iter().map(|&(name, query)| Example { name, title: title_of(name, query), query }).collect();
    serde_json::to_vec(&examples).unwrap_or_else(|_| b"[]".to_vec())
}

/// The title of a query: its first comment line (`# CQ1: Which …`).
fn title_of(name: &str, query: &str) -> String {
    query
        .lines()
        .map(str::trim)
        .find_map(|line| line.strip_prefix('#').map(str::trim).filter(|t| !t.is_empty()))
        .map_or_else(|| name.to_owned(), str::to_owned)
}

/// The media type of a file, by its extension.
fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// 64-bit FNV-1a: a stable fingerprint for the ETag (not a security hash;
/// it only has to change when the file does).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn send(asset: &Asset, headers: &HeaderMap) -> Response {
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == "*" || t.trim() == asset.etag));
    let common =
        [(header::ETAG, asset.etag.clone()), (header::CACHE_CONTROL, HeaderValue::from_static(asset.cache_control))];
    if fresh {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    (common, [(header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type))], asset.body).into_response()
}

/// What `/` can send: the page, or the list of routes as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Index {
    Text,
    Page,
}

/// Plain text first, so that clients without an Accept header (curl) and
/// `*/*` get the list; browsers ask for `text/html` by name.
const INDEX_OFFERS: &[Offer<Index>] = &[
    Offer { format: Index::Text, media_types: &["text/plain"], names: &["text"] },
    Offer { format: Index::Page, media_types: &["text/html", "application/xhtml+xml"], names: &["html"] },
];

/// `GET /`: the page for a browser, the list of routes for anything else.
pub(crate) async fn index(headers: HeaderMap) -> Response {
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    match negotiate(INDEX_OFFERS, accept, &[], "the index") {
        Ok(Index::Page) => match ASSETS.get("index.html") {
            Some(page) => send(page, &headers),
            None => crate::index().await.into_response(),
        },
        Ok(Index::Text) | Err(_) => crate::index().await.into_response(),
    }
}

/// `GET /assets/{*path}`: an embedded file, or 404.
pub(crate) async fn asset(Path(path): Path<String>, headers: HeaderMap) -> Response {
    match ASSETS.get(path.as_str()) {
        Some(asset) => send(asset, &headers),
        None => (StatusCode::NOT_FOUND, format!("no such asset: /assets/{path}\n")).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_the_first_comment() {
        assert_eq!(title_of("cq01", "# CQ1: Which missions?\nPREFIX a: <b>\n"), "CQ1: Which missions?");
        assert_eq!(title_of("cq02", "SELECT * WHERE {}"), "cq02");
    }

    #[test]
    fn every_embedded_file_has_a_known_type() {
        assert!(ASSET_FILES.iter().any(|(name, _)| *name == "index.html"));
        for (name, _) in ASSET_FILES {
            assert_ne!(content_type(name), "application/octet-stream", "{name}");
        }
    }

    #[test]
    fn fingerprints_differ_with_content() {
        assert_ne!(fnv1a(b"a"), fnv1a(b"b"));
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    }
}
