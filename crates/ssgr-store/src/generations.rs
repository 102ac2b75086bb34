//! The store directory: generations and the `current` link.
//!
//! `DIR/current` is a symbolic link to `DIR/gen-<n>`, an Oxigraph RocksDB
//! directory. A build writes `gen-<n+1>`, then points a fresh link at it and
//! renames that link over `current`: `rename` is atomic, so a reader sees
//! the old graph or the new one, never a half-built one.

use std::fs;
use std::path::{Path, PathBuf};

use oxigraph::store::Store;

use crate::error::StoreError;

const CURRENT: &str = "current";
const PREFIX: &str = "gen-";

fn io<'p>(action: &'static str, path: &'p Path) -> impl FnOnce(std::io::Error) -> StoreError + 'p {
    move |source| StoreError::Io { action, path: path.to_owned(), source }
}

/// Opens the current generation of a store directory. Read-only stores may
/// be opened while a build runs.
pub fn open_store(dir: &Path, read_only: bool) -> Result<Store, StoreError> {
    let current = dir.join(CURRENT);
    if !current.exists() {
        return Err(StoreError::NotBuilt(dir.to_owned()));
    }
    Ok(if read_only { Store::open_read_only(&current)? } else { Store::open(&current)? })
}

/// Creates the directory for the next generation, removing what earlier
/// killed builds left behind.
pub(crate) fn new_generation(dir: &Path) -> Result<PathBuf, StoreError> {
    fs::create_dir_all(dir).map_err(io("cannot create", dir))?;
    let live = fs::read_link(dir.join(CURRENT)).ok();
    let mut highest = 0u64;
    for entry in fs::read_dir(dir).map_err(io("cannot list", dir))? {
        let entry = entry.map_err(io("cannot list", dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(n) = name.strip_prefix(PREFIX).and_then(|n| n.parse::<u64>().ok()) else { continue };
        highest = highest.max(n);
        if live.as_deref() != Some(Path::new(&name)) {
            let path = entry.path();
            fs::remove_dir_all(&path).map_err(io("cannot remove stale generation", &path))?;
        }
    }
    let path = dir.join(format!("{PREFIX}{}", highest + 1));
    Ok(path)
}

/// Makes `generation` the current one and removes the one it replaces.
pub(crate) fn publish(dir: &Path, generation: &Path) -> Result<(), StoreError> {
    let name = generation.file_name().ok_or_else(|| StoreError::NotBuilt(generation.to_owned()))?;
    let previous = fs::read_link(dir.join(CURRENT)).ok();
    let staged = dir.join(format!("{CURRENT}.next"));
    let _ = fs::remove_file(&staged);
    symlink(Path::new(name), &staged).map_err(io("cannot link", &staged))?;
    let current = dir.join(CURRENT);
    fs::rename(&staged, &current).map_err(io("cannot swap in", &current))?;
    if let Some(previous) = previous.filter(|p| p.as_os_str() != name) {
        let path = dir.join(previous);
        fs::remove_dir_all(&path).map_err(io("cannot remove previous generation", &path))?;
    }
    Ok(())
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::windows::fs::symlink_dir(target, link)
}
