//! The errors of the exports.

/// What can go wrong projecting, laying out or writing an export.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The projection or its scores could not be computed (an unknown
    /// class, topic or country in a filter, among others).
    #[error(transparent)]
    Analytics(#[from] ssgr_analytics::AnalyticsError),
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] ssgr_store::StoreError),
    /// The output could not be written.
    #[error("cannot write the export: {0}")]
    Write(#[from] std::io::Error),
    /// A CSV table could not be written (other than by the output failing,
    /// which is [`ExportError::Write`]).
    #[error("cannot write the CSV export: {0}")]
    Csv(csv::Error),
    /// A parameter is out of range.
    #[error("invalid parameter: {0}")]
    InvalidParameter(String),
}

/// The output's own error stays an I/O error: `csv::Error` does not give it
/// as its source, and a closed pipe (`ssgr export … | head`) must still be
/// told from a failure.
impl From<csv::Error> for ExportError {
    fn from(error: csv::Error) -> Self {
        if !error.is_io_error() {
            return Self::Csv(error);
        }
        match error.into_kind() {
            csv::ErrorKind::Io(io) => Self::Write(io),
            other => Self::Write(std::io::Error::other(format!("{other:?}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_write_error_keeps_its_io_kind() {
        let mut closed = csv::Writer::from_writer(Closed);
        let error = closed.write_record(["a"]).and_then(|()| Ok(closed.flush()?)).map_err(ExportError::from);
        assert!(
            matches!(&error, Err(ExportError::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe),
            "{error:?}"
        );
    }

    /// A pipe whose reader has gone.
    struct Closed;

    impl std::io::Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
    }
}
