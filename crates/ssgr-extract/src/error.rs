//! Why a document could not be read.

use std::path::PathBuf;

/// Why a file could not be read as a document. Every message names the file.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be opened or read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file is larger than the limit of [`ReadOptions::max_bytes`](crate::ReadOptions::max_bytes).
    #[error(
        "{} is {}, over the {} limit; raise --max-size to read it",
        path.display(),
        human_size(*size),
        human_size(*limit)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes (at least `limit + 1` if it grew while being read).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file has no bytes at all (or only a byte-order mark).
    #[error("{} is empty", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file holds a NUL byte or many control characters: it is not text.
    #[error(
        "{} looks like a binary file (control byte at offset {offset}), not text, Markdown or HTML",
        path.display()
    )]
    Binary {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first NUL byte, or of the first control character
        /// when they make up more than a tenth of the file.
        offset: u64,
    },
    /// The file is not valid UTF-8 (for instance Latin-1 or Windows-1252).
    #[error(
        "{} is not valid UTF-8 (first bad byte at line {line}, column {column}); convert it to UTF-8 first",
        path.display()
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Line of the first invalid byte, from 1.
        line: usize,
        /// Column (in characters) of the first invalid byte, from 1.
        column: usize,
    },
    /// The file starts with a UTF-16 byte-order mark.
    #[error("{} is UTF-16 (it starts with a UTF-16 byte-order mark); convert it to UTF-8 first", path.display())]
    Utf16 {
        /// The file.
        path: PathBuf,
    },
    /// Once laid out, the document has no block of text: only white space,
    /// or HTML whose text is all markup, scripts or navigation.
    #[error("{} has no text once laid out (only white space, markup or hidden elements)", path.display())]
    NoText {
        /// The file.
        path: PathBuf,
    },
}

/// A size for people: "100 bytes", "1.5 KB", "31.2 MB" (units of 1024).
fn human_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    const GB: u64 = 1024 * MB;
    let (unit, name) = match bytes {
        b if b >= GB => (GB, "GB"),
        b if b >= MB => (MB, "MB"),
        b if b >= KB => (KB, "KB"),
        _ => return format!("{bytes} bytes"),
    };
    // Tenths of the unit, rounded down so that a size just over a limit is never
    // shown as equal to a larger one.
    let tenths = u128::from(bytes) * 10 / u128::from(unit);
    if tenths % 10 == 0 { format!("{} {name}", tenths / 10) } else { format!("{}.{} {name}", tenths / 10, tenths % 10) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(100), "100 bytes");
        assert_eq!(human_size(1536), "1.5 KB");
        assert_eq!(human_size(20 * 1024 * 1024), "20 MB");
        assert_eq!(human_size(32_715_571), "31.1 MB");
        assert_eq!(human_size(3 * 1024 * 1024 * 1024), "3 GB");
    }

    #[test]
    fn too_large_names_path_and_limit() {
        let err =
            InputError::TooLarge { path: "big.txt".into(), size: 31 * 1024 * 1024 + 300_000, limit: 20 * 1024 * 1024 };
        assert_eq!(err.to_string(), "big.txt is 31.2 MB, over the 20 MB limit; raise --max-size to read it");
    }
}
