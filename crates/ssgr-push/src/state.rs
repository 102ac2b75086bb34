//! The resume state: which graphs a target has received whole.
//!
//! Written after every graph, atomically (a temporary file renamed over the
//! old one), so an interrupted push leaves a state that lists only graphs
//! that were fully sent.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::PushError;

/// What a state file records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushState {
    /// The target URL the graphs were sent to.
    pub target: String,
    /// "graph-store" or "update".
    pub mode: String,
    /// Graphs sent whole: their IRI, or "default" for the default graph.
    pub done: BTreeSet<String>,
}

impl PushState {
    /// A new state for a push to `target` in `mode`.
    pub fn new(target: &str, mode: &str) -> Self {
        Self { target: target.to_owned(), mode: mode.to_owned(), done: BTreeSet::new() }
    }

    /// The state at `path`, if the file exists.
    pub fn load(path: &Path) -> Result<Option<Self>, PushError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(state_error(path, e)),
        };
        serde_json::from_str(&text).map(Some).map_err(|e| state_error(path, format!("not a push state file: {e}")))
    }

    /// Writes the state to `path` atomically.
    pub fn save(&self, path: &Path) -> Result<(), PushError> {
        let text = serde_json::to_string_pretty(self).map_err(|e| state_error(path, e))?;
        let mut temporary = PathBuf::from(path);
        temporary.set_extension("json.partial");
        std::fs::write(&temporary, text).map_err(|e| state_error(&temporary, e))?;
        std::fs::rename(&temporary, path).map_err(|e| state_error(path, e))
    }
}

fn state_error(path: &Path, error: impl std::fmt::Display) -> PushError {
    PushError::State { path: path.to_owned(), message: error.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_state_loads_back_and_a_missing_one_is_none() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("push-state.json");
        assert_eq!(PushState::load(&path).ok(), Some(None));
        let mut state = PushState::new("http://x/store", "graph-store");
        state.done.insert("default".into());
        state.save(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(PushState::load(&path).ok().flatten(), Some(state));
        std::fs::write(&path, "{not json").unwrap_or_else(|e| panic!("{e}"));
        let error = PushState::load(&path).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("push-state.json") && error.contains("not a push state file"), "{error}");
    }
}
