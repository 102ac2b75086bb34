//! `ssgr serve`: the SPARQL endpoint over a store, or over documents built
//! in memory (./seeds by default).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use ssgr_server::{LoadResult, ServerConfig};
use ssgr_store::{BuildOptions, Location, Modified, VoidOptions, open_store};

use super::{Status, build::build_with_progress, inputs_or_seeds, read_options};
use crate::cli::Source;

/// `ssgr serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Where the graph comes from.
    #[command(flatten)]
    pub(crate) source: Source,
    /// Address and port to listen on (port 0: any free port).
    #[arg(long, short, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
    pub(crate) bind: String,
    /// Hard limit on each query, in seconds, queueing included; a query
    /// past it is stopped and answered with 503.
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub(crate) timeout: u64,
    /// Enables /update and Graph Store writes, for requests with
    /// `Authorization: Bearer <TOKEN>` (also read from SSGR_UPDATE_TOKEN).
    #[arg(long, value_name = "TOKEN")]
    pub(crate) update_token: Option<String>,
    /// An origin allowed to call the endpoint from a browser (repeatable;
    /// `*` for any). Without it, no CORS headers.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub(crate) cors_origins: Vec<String>,
    /// Largest request body, in megabytes.
    #[arg(long, default_value_t = 32, value_name = "MB")]
    pub(crate) max_body: usize,
    /// Queries evaluated at once [default: four per core].
    #[arg(long, value_name = "N")]
    pub(crate) max_concurrent: Option<usize>,
    /// Queries waiting for a slot before new ones get 503.
    #[arg(long, default_value_t = 1024, value_name = "N")]
    pub(crate) max_queued: usize,
    /// Cut results at this many rows (or triples).
    #[arg(long, value_name = "N")]
    pub(crate) max_rows: Option<usize>,
    /// Seconds a shutdown waits for requests in flight.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    pub(crate) shutdown_grace: u64,
    /// Do not compress responses.
    #[arg(long)]
    pub(crate) no_compression: bool,
    /// An endpoint queries may call with `SERVICE <IRI>` (repeatable). An
    /// entry ending in `*` allows every IRI starting with what precedes
    /// it. Without it, `SERVICE` is refused: the server sends no requests.
    #[arg(long = "allow-service", value_name = "IRI")]
    pub(crate) allow_service: Vec<String>,
    /// The URL clients reach the server at, named as the SPARQL endpoint in
    /// the dataset description (/.well-known/void) [default: the bound
    /// address].
    #[arg(long, value_name = "URL")]
    pub(crate) public_url: Option<String>,
    /// Largest document to read when building, in megabytes.
    #[arg(long, default_value_t = 20, value_name = "MB")]
    pub(crate) max_size: u64,
}

pub(crate) fn run(args: &ServeArgs) -> anyhow::Result<Status> {
    let update_token = args.update_token.clone().or_else(|| std::env::var("SSGR_UPDATE_TOKEN").ok());
    let defaults = ServerConfig::default();
    let config = ServerConfig {
        query_timeout: Duration::from_secs(args.timeout),
        max_body_bytes: args.max_body.saturating_mul(1024 * 1024),
        max_concurrent_queries: args.max_concurrent.unwrap_or(defaults.max_concurrent_queries),
        max_queued_queries: args.max_queued,
        max_result_rows: args.max_rows,
        update_token,
        cors_origins: args.cors_origins.clone(),
        compression: !args.no_compression,
        shutdown_grace: Duration::from_secs(args.shutdown_grace),
        allowed_services: args.allow_service.clone(),
        public_url: args.public_url.clone(),
    };
    let writable = config.writable();
    let some_failed = Arc::new(AtomicBool::new(false));
    let failed = Arc::clone(&some_failed);
    let store = args.source.store.clone();
    let mut options = BuildOptions::new(inputs_or_seeds(&args.source.input), Location::Memory);
    options.read = read_options(args.max_size);
    let bound = Arc::new(OnceLock::new());
    let address = Arc::clone(&bound);
    let public_url = args.public_url.clone();
    let load = move || -> LoadResult {
        let (store, can_write) = match store {
            Some(dir) => (open_store(&dir, !writable).with_context(|| format!("opening {}", dir.display()))?, writable),
            None => {
                let report = build_with_progress(&options)?.report;
                failed.store(!report.failures.is_empty(), Ordering::SeqCst);
                eprintln!("built {} documents: {} triples in the default graph", report.documents, report.triples);
                (report.store, true)
            }
        };
        // The stored description names this server as its endpoint (a
        // read-only store keeps its own; /.well-known/void names this
        // server either way).
        let base = public_url.or_else(|| address.get().map(|a: &SocketAddr| format!("http://{a}")));
        if let (true, Some(base)) = (can_write, base) {
            let options = VoidOptions { base_url: Some(base), modified: Modified::Keep };
            ssgr_store::refresh_void(&store, &options).context("describing the dataset (VoID)")?;
        }
        eprintln!("ready");
        Ok(store)
    };
    ssgr_server::run(&args.bind, config, load, move |address| {
        let _ = bound.set(address);
        eprintln!("listening on http://{address}/sparql (loading the store…)");
    })?;
    Ok(if some_failed.load(Ordering::SeqCst) { Status::SomeFailed } else { Status::Success })
}
