//! Streaming results: evaluation runs on a blocking thread and writes into
//! a bounded channel that is the response body, so a large result is never
//! held whole.
//!
//! The status is committed with the first chunk (32 KiB) or at the end,
//! whichever comes first: an error before that point (a syntax the chosen
//! format cannot write, a timeout in a sort) still gets its proper status;
//! after it, an error cuts the body with an error, so that a cut result
//! never looks complete. A result that ends within the first chunk (most
//! of them) is sent whole, with a Content-Length, in one write.

use std::io::{self, Write};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant as StdInstant;

use axum::body::{Body, Bytes};
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::Response;
use tokio::runtime::Handle;
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;

use crate::error::ServerError;
use crate::limits::Slot;
use crate::metrics::Outcome;
use crate::state::{AppState, QueryControl, Registration, Stop};

/// Bytes gathered before a chunk is sent.
pub(crate) const CHUNK: usize = 32 * 1024;
/// Chunks in flight between the thread and the socket.
const CHANNEL: usize = 8;

type Chunk = Result<Bytes, io::Error>;
type Head = oneshot::Sender<Result<Start, ServerError>>;

/// How the response starts.
enum Start {
    /// The result is larger than a chunk: stream it.
    Stream,
    /// The whole result fitted in the first chunk: one body with a length,
    /// written in one go.
    Whole(Bytes),
}

/// Where an evaluation writes its result: the channel of a streamed
/// response, or the buffer of an inline one.
pub(crate) trait Sink: Write {
    /// The control of the query, for its cancellation token.
    fn control(&self) -> &Arc<QueryControl>;

    /// An error of the serializer writing into this sink, as the client
    /// should see it.
    fn write_error(&self, error: &io::Error, format: &'static str) -> ServerError;
}

/// What a finished evaluation produced.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Done {
    /// Rows or triples written.
    pub(crate) rows: usize,
    /// Whether the row cap cut the result.
    pub(crate) truncated: bool,
}

/// The evaluation thread's end: a `Write` that sends full chunks into the
/// response body. A send fails when the client is gone or the query was
/// stopped.
pub(crate) struct ChannelWriter {
    tx: mpsc::Sender<Chunk>,
    head: Option<Head>,
    buffer: Vec<u8>,
    control: Arc<QueryControl>,
    runtime: Handle,
    /// The channel itself failed (client gone, query stopped), as opposed
    /// to a serializer refusing a term.
    closed: bool,
}

impl Sink for ChannelWriter {
    fn control(&self) -> &Arc<QueryControl> {
        &self.control
    }

    fn write_error(&self, error: &io::Error, format: &'static str) -> ServerError {
        if self.closed {
            ServerError::internal(format!("the response could not be sent: {error}"))
        } else {
            ServerError::Unserializable { format, message: error.to_string() }
        }
    }
}

impl ChannelWriter {
    fn send_buffer(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        if let Some(head) = self.head.take() {
            let _ = head.send(Ok(Start::Stream));
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK)));
        let control = Arc::clone(&self.control);
        let tx = self.tx.clone();
        let sent = self.runtime.block_on(async move {
            tokio::select! {
                sent = tx.send(Ok(chunk)) => sent.map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client is gone")),
                () = control.stopped_signal() => Err(io::Error::other("the query was stopped")),
            }
        });
        if sent.is_err() {
            self.closed = true;
        }
        sent
    }

    /// Ends the response with `error`: as its status if none was sent yet,
    /// else by cutting the body with an error.
    fn fail(&mut self, error: ServerError) {
        self.buffer.clear();
        match self.head.take() {
            Some(head) => {
                let _ = head.send(Err(error));
            }
            None => {
                self.control.mark_failed();
                let _ = self.tx.try_send(Err(io::Error::other(error.to_string())));
            }
        }
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.write_all(data)?;
        Ok(data.len())
    }

    // The serializers write a result in many small pieces: one copy each,
    // without the default `write_all`'s loop (measured: 2 % of a 100-row
    // query's time went to that loop).
    #[inline]
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK {
            self.send_buffer()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The response body's end of the channel. Dropped before the end, it
/// stops the query: the client is gone.
pub(crate) struct BodyStream {
    rx: mpsc::Receiver<Chunk>,
    control: Arc<QueryControl>,
    ended: bool,
}

impl tokio_stream::Stream for BodyStream {
    type Item = Chunk;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Chunk>> {
        if self.ended {
            return Poll::Ready(None);
        }
        match self.rx.poll_recv(cx) {
            Poll::Ready(Some(Err(e))) => {
                self.ended = true;
                Poll::Ready(Some(Err(e)))
            }
            // The thread could not queue its error: end with one anyway.
            Poll::Ready(None) if self.control.failed() => {
                self.ended = true;
                Poll::Ready(Some(Err(io::Error::other("the results were cut short"))))
            }
            other => other,
        }
    }
}

impl Drop for BodyStream {
    fn drop(&mut self) {
        self.control.stop(Stop::ClientGone);
    }
}

/// What a streamed response is, for its headers and its log line.
pub(crate) struct Job {
    /// "select", "ask", "construct", "describe", "graph", "dataset".
    pub(crate) kind: &'static str,
    /// The Content-Type of a successful response.
    pub(crate) content_type: &'static str,
    /// A deadline for the whole evaluation, if it has one.
    pub(crate) deadline: Option<Instant>,
    /// When the request arrived.
    pub(crate) started: StdInstant,
    /// Headers added to a successful response.
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// The query's shape, for [`crate::inline`]'s memory.
    pub(crate) shape: Option<u64>,
}

/// What the evaluation thread keeps of its job for the end.
struct JobEnd {
    kind: &'static str,
    started: StdInstant,
    shape: Option<u64>,
    /// When the evaluation itself began (after the wait for a slot).
    began: StdInstant,
}

/// Runs `work` on a blocking thread holding `slot`, and answers with its
/// streamed output, or with its error if it fails before the first chunk.
pub(crate) async fn respond<F>(
    state: &AppState,
    registration: Registration,
    slot: Slot,
    job: Job,
    work: F,
) -> Result<Response, ServerError>
where
    F: FnOnce(&mut ChannelWriter) -> Result<Done, ServerError> + Send + 'static,
{
    let control = Arc::clone(registration.control());
    let (tx, rx) = mpsc::channel(CHANNEL);
    let (head_tx, head_rx) = oneshot::channel();
    let (done_tx, done_rx) = oneshot::channel::<()>();
    let body = BodyStream { rx, control: Arc::clone(&control), ended: false };
    let writer = ChannelWriter {
        tx,
        head: Some(head_tx),
        buffer: Vec::with_capacity(CHUNK),
        control: Arc::clone(&control),
        runtime: Handle::current(),
        closed: false,
    };
    let thread_state = state.clone();
    let (kind, started, shape) = (job.kind, job.started, job.shape);
    tokio::task::spawn_blocking(move || {
        let end = JobEnd { kind, started, shape, began: StdInstant::now() };
        let _slot = slot;
        let _registration = registration;
        let _done = done_tx;
        let mut writer = writer;
        let result = work(&mut writer).and_then(|done| {
            if writer.head.is_none() {
                writer
                    .send_buffer()
                    .map_err(|e| ServerError::internal(format!("the response could not be sent: {e}")))?;
            }
            Ok(done)
        });
        finish(&thread_state, &mut writer, result, &end);
    });

    let head = match job.deadline {
        Some(deadline) => tokio::select! {
            head = head_rx => head,
            () = tokio::time::sleep_until(deadline) => {
                control.stop(Stop::Timeout);
                return Err(ServerError::Timeout(state.config().query_timeout));
            }
        },
        None => head_rx.await,
    };
    let body = match head {
        Ok(Ok(Start::Whole(bytes))) => Body::from(bytes),
        Ok(Ok(Start::Stream)) => {
            // The rest of the result streams on: the deadline still holds.
            if let Some(deadline) = job.deadline {
                let control = Arc::clone(&control);
                tokio::spawn(async move {
                    tokio::select! {
                        () = tokio::time::sleep_until(deadline) => control.stop(Stop::Timeout),
                        _ = done_rx => {}
                    }
                });
            }
            Body::from_stream(body)
        }
        Ok(Err(error)) => return Err(error),
        Err(_) => return Err(ServerError::internal("the evaluation thread ended without an answer")),
    };
    Ok(answer(body, job.content_type, job.headers))
}

/// A successful answer: `body` as `content_type`, with `headers`.
pub(crate) fn answer(body: Body, content_type: &'static str, headers: Vec<(HeaderName, HeaderValue)>) -> Response {
    let mut response = Response::new(body);
    let all = response.headers_mut();
    all.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    for (name, value) in headers {
        all.insert(name, value);
    }
    response
}

/// The end of a streamed evaluation: its outcome concluded, its error (if
/// any) sent, its shape marked light if it was small and quick.
fn finish(state: &AppState, writer: &mut ChannelWriter, result: Result<Done, ServerError>, job: &JobEnd) {
    let control = Arc::clone(writer.control());
    let evaluated = job.began.elapsed();
    match conclude(state, &control, result, job.kind, job.started) {
        Ok(_) => {
            if let Some(head) = writer.head.take() {
                if let Some(shape) = job.shape.filter(|_| evaluated < crate::inline::BUDGET / 2) {
                    state.shapes().mark_light(shape);
                }
                let whole = Bytes::from(std::mem::take(&mut writer.buffer));
                let _ = head.send(Ok(Start::Whole(whole)));
            }
        }
        Err(error) => writer.fail(error),
    }
}

/// The end of an evaluation, streamed or inline: its outcome counted and
/// logged; its error, if any, as the client should see it (a stopped query
/// says why it was stopped).
pub(crate) fn conclude(
    state: &AppState,
    control: &QueryControl,
    result: Result<Done, ServerError>,
    kind: &'static str,
    started: StdInstant,
) -> Result<Done, ServerError> {
    let stopped = control.stopped();
    control.finish();
    let outcome = match (&result, stopped) {
        (Ok(_), _) => Outcome::Ok,
        (_, Some(Stop::Timeout)) => Outcome::Timeout,
        (_, Some(Stop::ClientGone)) => Outcome::ClientGone,
        (_, Some(Stop::Shutdown)) => Outcome::Shutdown,
        (Err(e), _) if e.status().is_client_error() => Outcome::BadRequest,
        (Err(_), _) => Outcome::Error,
    };
    let elapsed = started.elapsed();
    state.metrics().query(outcome, elapsed);
    let done = result.as_ref().map_or_else(|_| Done::default(), |d| *d);
    if done.truncated {
        state.metrics().truncated();
    }
    tracing::info!(
        target: "ssgr_server::query",
        id = control.id(),
        kind,
        outcome = outcome.name(),
        rows = done.rows,
        truncated = done.truncated,
        ms = elapsed.as_secs_f64() * 1000.0,
        "query"
    );
    result.map_err(|error| {
        let error = match stopped {
            Some(Stop::Timeout) => ServerError::Timeout(state.config().query_timeout),
            Some(Stop::Shutdown) => ServerError::Busy("the server is shutting down".into()),
            _ => error,
        };
        if matches!(outcome, Outcome::Error) {
            tracing::error!(id = control.id(), error = ?error.to_string(), "query failed");
        }
        error
    })
}
