//! One module per subcommand.

pub(crate) mod analyze;
pub(crate) mod build;
pub(crate) mod explain;
pub(crate) mod export;
pub(crate) mod extract;
pub(crate) mod link;
pub(crate) mod push;
pub(crate) mod query;
pub(crate) mod serve;

use std::path::PathBuf;

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Everything was read.
    Success,
    /// Some documents could not be read; the rest were used.
    SomeFailed,
}

impl From<Status> for std::process::ExitCode {
    fn from(status: Status) -> Self {
        match status {
            Status::Success => Self::SUCCESS,
            Status::SomeFailed => Self::from(1),
        }
    }
}

/// The inputs to read: those given, else `./seeds`.
pub(crate) fn inputs_or_seeds(inputs: &[PathBuf]) -> Vec<PathBuf> {
    if inputs.is_empty() { vec![PathBuf::from("seeds")] } else { inputs.to_vec() }
}

/// Megabytes to bytes for the read limit.
pub(crate) fn read_options(max_mb: u64) -> ssgr_extract::ReadOptions {
    ssgr_extract::ReadOptions { max_bytes: max_mb.saturating_mul(1024 * 1024) }
}
