//! The web page in a real browser: the server on a socket (port 0) with the
//! seeds' graph, and `tests/browser/page.mjs` driving headless Chromium
//! through playwright-core (see that script for what it checks). Its
//! screenshots go to `target/browser-artefacts/`.
//!
//! Needs node, `npm ci --prefix tests/browser` and Chromium
//! (`/usr/bin/chromium`, or `SSGR_CHROMIUM`). Without them the test is
//! skipped with a message, unless `CI` is set: then it fails.

#![allow(missing_docs, clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::{config, serve_on_socket};
use ssgr_server::AppState;
use ssgr_store::{BuildOptions, Location, build};

/// The workspace, without `..` (documents are labelled by their path).
fn root() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// Why the browser test cannot run here, if it cannot.
fn missing_tools(scripts: &Path) -> Option<String> {
    let chromium = std::env::var_os("SSGR_CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not installed".into());
    }
    if !scripts.join("node_modules/playwright-core").is_dir() {
        return Some(format!("playwright-core is not installed: run `npm ci --prefix {}`", scripts.display()));
    }
    if !chromium.exists() {
        return Some(format!("{} is missing: `apt-get install chromium chromium-driver`", chromium.display()));
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_works_in_chromium() {
    let scripts = root().join("tests/browser");
    if let Some(why) = missing_tools(&scripts) {
        assert!(std::env::var_os("CI").is_none(), "the browser test must run when CI is set: {why}");
        eprintln!("SKIPPED: the browser test did not run: {why}");
        return;
    }
    let report = build(&BuildOptions::new(vec![root().join("seeds")], Location::Memory), |_| {}).unwrap();
    let state = AppState::with_store(report.store, config());
    let (address, stop, server) = serve_on_socket(state).await;

    let artefacts = root().join("target/browser-artefacts");
    let script = scripts.join("page.mjs");
    let url = format!("http://{address}");
    let run = tokio::task::spawn_blocking(move || {
        Command::new("node").arg(&script).arg(&url).arg(&artefacts).current_dir(&scripts).output()
    });
    let output = tokio::time::timeout(Duration::from_secs(180), run).await.unwrap().unwrap().unwrap();
    let _ = stop.send(());
    let _ = tokio::time::timeout(Duration::from_secs(15), server).await;

    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    eprintln!("{stdout}{stderr}");
    if output.status.code() == Some(3) {
        assert!(std::env::var_os("CI").is_none(), "Chromium must start when CI is set: {stderr}");
        eprintln!("SKIPPED: Chromium could not be started");
        return;
    }
    assert!(output.status.success(), "the browser checks failed:\n{stdout}{stderr}");
    for screenshot in ["query.png", "network.png"] {
        assert!(root().join("target/browser-artefacts").join(screenshot).is_file(), "{screenshot} was not saved");
    }
}
