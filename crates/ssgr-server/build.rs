//! Embeds the web page: lists every file under `assets/` and every query of
//! the workspace's `queries/` (the page's menu of examples) as
//! `include_bytes!`/`include_str!` lines in `$OUT_DIR/embedded.rs`, so that
//! adding a file needs no change to the code and the binary serves the page
//! on its own.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let assets = manifest.join("assets");
    let queries = manifest.join("../../queries");
    println!("cargo::rerun-if-changed={}", assets.display());
    println!("cargo::rerun-if-changed={}", queries.display());

    let mut files = Vec::new();
    walk(&assets, &mut files);
    // READMEs document the folder; they are not part of the page.
    files.retain(|p| p.extension().is_none_or(|e| e != "md"));
    files.sort();

    let mut examples: Vec<PathBuf> = std::fs::read_dir(&queries)
        .map(|dir| {
            dir.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "rq")).collect()
        })
        .unwrap_or_default();
    examples.sort();

    let mut out = String::from("/// Every file under `assets/`: its path there and its bytes.\n");
    out.push_str("pub(crate) static ASSET_FILES: &[(&str, &[u8])] = &[\n");
    for file in &files {
        let relative = file.strip_prefix(&assets).unwrap_or(file);
        let name = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let _ = writeln!(out, "    ({name:?}, include_bytes!({:?})),", file.display().to_string());
    }
    out.push_str("];\n\n/// The queries of `queries/`: file stem and text.\n");
    out.push_str("pub(crate) static EXAMPLE_QUERIES: &[(&str, &str)] = &[\n");
    for file in &examples {
        let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let _ = writeln!(out, "    ({stem:?}, include_str!({:?})),", file.display().to_string());
    }
    out.push_str("];\n");

    let target = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("embedded.rs");
    if let Err(error) = std::fs::write(&target, out) {
        panic!("cannot write {}: {error}", target.display());
    }
}

/// Every file below `dir`, recursively; a missing folder has none.
fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, files);
        } else {
            files.push(path);
        }
    }
}
