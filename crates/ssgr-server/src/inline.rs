//! Answering small queries inline: on the request's own thread, without the
//! hand-off to a blocking thread.
//!
//! Most queries (a lookup, a join over a few entities, an aggregate over one
//! organisation) take well under a millisecond, and for them the hand-off to
//! a blocking thread and back cost as much as the evaluation (measured: a
//! 60 µs lookup answered in 89 µs, most of the difference two thread
//! wake-ups). So a query is first evaluated inline into a buffer, under two
//! bounds that keep the async worker from being held:
//!
//! - a time budget ([`BUDGET`]): a watchdog thread stops an inline
//!   evaluation that runs past it (through its cancellation token and the
//!   interrupt probe, as a timeout would);
//! - a size bound: a result larger than one chunk stops being written.
//!
//! A query stopped by either bound is evaluated again on a blocking thread,
//! streamed, with the time limit and disconnect detection of
//! [`crate::stream`]; the work lost is at most the budget. Its *shape* (the
//! query text without its digits, so that `b:unit7` and `b:unit8` are one
//! shape) is remembered, and later queries of that shape go to the blocking
//! thread at once, until one of them turns out small and quick again.
//!
//! Some queries are never evaluated inline ([`eligible`]): those that could
//! call a remote `SERVICE` (the call's wait is not the evaluator's, the
//! budget cannot stop it) and those with `VALUES` (a product of `VALUES`
//! blocks reads no store, so the cancellation token is never consulted).

use std::io::{self, Write};
use std::marker::PhantomData;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, Weak};
use std::thread::Thread;
use std::time::{Duration, Instant};

use axum::body::Bytes;

use crate::error::ServerError;
use crate::state::QueryControl;
use crate::stream::{CHUNK, Sink};

/// How long an inline evaluation may run before it gives way.
pub(crate) const BUDGET: Duration = Duration::from_millis(5);
/// How often the watchdog looks at the inline evaluations: the budget is
/// enforced to within this.
const TICK: Duration = Duration::from_millis(2);
/// Ticks with no inline evaluation after which the watchdog sleeps until
/// the next one starts.
const IDLE_TICKS: u32 = 500;
/// Remembered shapes; a new shape may evict an old one, which then gets
/// one more inline try.
const SHAPES: usize = 4096;

/// Whether `text` may be evaluated inline: it names no `SERVICE` (a remote
/// call's wait is not the evaluator's, the budget cannot stop it) and no
/// `VALUES` (rows made in memory: a product of `VALUES` blocks reads no
/// store, and Oxigraph checks the cancellation token only on store reads).
/// Deliberately coarse (either word anywhere, in any case, even in a
/// literal): a false "no" only costs the hand-off. The query parser reads
/// keywords literally (spargebra's Unicode-escape feature is off), so a
/// keyword cannot hide behind an escape.
pub(crate) fn eligible(text: &str) -> bool {
    let bytes = text.as_bytes();
    let names = |word: &[u8]| bytes.windows(word.len()).any(|window| window.eq_ignore_ascii_case(word));
    !names(b"service") && !names(b"values")
}

/// The shape of a query text: a hash of the text without its ASCII digits.
/// Never zero (zero marks an empty slot).
pub(crate) fn shape(text: &str) -> u64 {
    // FNV-1a: a query is a few hundred bytes, hashed once per request.
    let hash = text
        .bytes()
        .filter(|b| !b.is_ascii_digit())
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    hash | 1
}

/// The shapes that were too slow or too large to answer inline: a fixed
/// table of hashes, one slot per hash, read and written without a lock.
pub(crate) struct ShapeMemory {
    slots: Box<[AtomicU64]>,
}

impl Default for ShapeMemory {
    fn default() -> Self {
        Self { slots: (0..SHAPES).map(|_| AtomicU64::new(0)).collect() }
    }
}

impl ShapeMemory {
    fn slot(&self, shape: u64) -> &AtomicU64 {
        // The high bits: FNV's low bits are the weakest.
        let index = usize::try_from(shape >> 40).unwrap_or_default() % self.slots.len();
        &self.slots[index]
    }

    /// Whether queries of `shape` go straight to a blocking thread.
    pub(crate) fn is_heavy(&self, shape: u64) -> bool {
        self.slot(shape).load(Ordering::Relaxed) == shape
    }

    /// A query of `shape` ran past a bound.
    pub(crate) fn mark_heavy(&self, shape: u64) {
        self.slot(shape).store(shape, Ordering::Relaxed);
    }

    /// A query of `shape` was small and quick: try the next one inline.
    pub(crate) fn mark_light(&self, shape: u64) {
        let _ = self.slot(shape).compare_exchange(shape, 0, Ordering::Relaxed, Ordering::Relaxed);
    }
}

/// What the watchdog looks after.
pub(crate) trait Sweep: Send + Sync + 'static {
    /// Stops the inline evaluations past their budget at `now`; returns how
    /// many inline evaluations are running.
    fn sweep(&self, now: Instant) -> usize;
}

/// A thread that sweeps every [`TICK`] while inline evaluations run, and
/// sleeps otherwise. Started by the first inline evaluation; it ends once
/// the state it watches is dropped.
pub(crate) struct Watchdog<T> {
    thread: OnceLock<Option<Thread>>,
    asleep: Arc<AtomicBool>,
    watched: PhantomData<fn() -> T>,
}

impl<T> Default for Watchdog<T> {
    fn default() -> Self {
        Self { thread: OnceLock::new(), asleep: Arc::new(AtomicBool::new(false)), watched: PhantomData }
    }
}

impl<T: Sweep> Watchdog<T> {
    /// Makes sure the watchdog is awake, starting it on first use; call
    /// after the inline evaluation is registered. False if no thread could
    /// be started (the caller must not evaluate inline then).
    pub(crate) fn wake(&self, target: Weak<T>) -> bool {
        let thread = self.thread.get_or_init(|| {
            let asleep = Arc::clone(&self.asleep);
            let spawned =
                std::thread::Builder::new().name("ssgr-inline-watchdog".into()).spawn(move || watch(&target, &asleep));
            match spawned {
                Ok(handle) => Some(handle.thread().clone()),
                Err(error) => {
                    tracing::warn!(error = %error, "no inline watchdog: every query runs on a blocking thread");
                    None
                }
            }
        });
        let Some(thread) = thread else { return false };
        if self.asleep.load(Ordering::SeqCst) {
            thread.unpark();
        }
        true
    }
}

fn watch<T: Sweep>(target: &Weak<T>, asleep: &AtomicBool) {
    let mut idle = 0;
    loop {
        std::thread::sleep(TICK);
        let Some(watched) = target.upgrade() else { return };
        if watched.sweep(Instant::now()) > 0 {
            idle = 0;
            continue;
        }
        idle += 1;
        if idle < IDLE_TICKS {
            continue;
        }
        drop(watched);
        if !sleep_until_needed(target, asleep) {
            return;
        }
        idle = 0;
    }
}

/// Sleeps until an inline evaluation is registered; false once the target
/// is gone. Registration inserts, then reads `asleep`; this stores
/// `asleep`, then sweeps: an evaluation that saw "awake" is in the sweep,
/// one that saw "asleep" unparks the thread.
fn sleep_until_needed<T: Sweep>(target: &Weak<T>, asleep: &AtomicBool) -> bool {
    asleep.store(true, Ordering::SeqCst);
    loop {
        let Some(watched) = target.upgrade() else { return false };
        if watched.sweep(Instant::now()) > 0 {
            asleep.store(false, Ordering::SeqCst);
            return true;
        }
        drop(watched);
        // Bounded, so that a dropped target ends the thread.
        std::thread::park_timeout(Duration::from_secs(1));
    }
}

/// The inline evaluation's output: a buffer of at most one chunk.
pub(crate) struct BufferWriter {
    buffer: Vec<u8>,
    control: Arc<QueryControl>,
    overflowed: bool,
}

impl BufferWriter {
    pub(crate) fn new(control: Arc<QueryControl>) -> Self {
        // The whole chunk at once: growing from small copied the result
        // over and over (measured: 12 µs of a 100-row answer).
        Self { buffer: Vec::with_capacity(CHUNK), control, overflowed: false }
    }

    /// Whether the result outgrew the buffer.
    pub(crate) fn overflowed(&self) -> bool {
        self.overflowed
    }

    /// The result written.
    pub(crate) fn into_bytes(self) -> Bytes {
        Bytes::from(self.buffer)
    }
}

impl Write for BufferWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.write_all(data)?;
        Ok(data.len())
    }

    #[inline]
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        if self.buffer.len() + data.len() > CHUNK {
            self.overflowed = true;
            return Err(io::Error::other("the result is larger than an inline answer"));
        }
        self.buffer.extend_from_slice(data);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Sink for BufferWriter {
    fn control(&self) -> &Arc<QueryControl> {
        &self.control
    }

    fn write_error(&self, error: &io::Error, format: &'static str) -> ServerError {
        if self.overflowed {
            ServerError::internal("the result is larger than an inline answer")
        } else {
            ServerError::Unserializable { format, message: error.to_string() }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::atomic::AtomicUsize;

    use super::*;

    #[test]
    fn shapes_ignore_digits_only() {
        assert_eq!(shape("SELECT * { b:unit7 ?p ?o }"), shape("SELECT * { b:unit1234 ?p ?o }"));
        assert_ne!(shape("SELECT * { b:unit7 ?p ?o }"), shape("SELECT * { b:org7 ?p ?o }"));
        assert_ne!(shape(""), 0);
    }

    #[test]
    fn a_heavy_shape_is_remembered_until_marked_light() {
        let memory = ShapeMemory::default();
        let heavy = shape("SELECT * { ?s ?p ?o } ORDER BY ?o");
        assert!(!memory.is_heavy(heavy));
        memory.mark_heavy(heavy);
        assert!(memory.is_heavy(heavy));
        assert!(!memory.is_heavy(shape("ASK {}")));
        memory.mark_light(heavy);
        assert!(!memory.is_heavy(heavy));
    }

    #[test]
    fn service_calls_and_values_are_not_eligible() {
        assert!(eligible("SELECT * { ?s ?p ?o }"));
        assert!(!eligible("SELECT * { SERVICE <http://e/sparql> { ?s ?p ?o } }"));
        assert!(!eligible("select * { service <http://e/sparql> { ?s ?p ?o } }"));
        assert!(!eligible("ASK { VALUES ?a { 1 2 } VALUES ?b { 3 4 } }"));
        assert!(!eligible("ASK { FILTER EXISTS { values ?a { 1 } } }"));
    }

    #[test]
    fn the_buffer_refuses_more_than_a_chunk() {
        let control = Arc::new(QueryControl::detached());
        let mut writer = BufferWriter::new(control);
        writer.write_all(&vec![b'x'; CHUNK - 1]).unwrap();
        assert!(!writer.overflowed());
        assert!(writer.write_all(b"yz").is_err());
        assert!(writer.overflowed());
        assert_eq!(writer.into_bytes().len(), CHUNK - 1);
    }

    /// Counts sweeps and reports one evaluation running while `busy`.
    struct Probe {
        sweeps: AtomicUsize,
        busy: AtomicBool,
    }

    impl Sweep for Probe {
        fn sweep(&self, _now: Instant) -> usize {
            self.sweeps.fetch_add(1, Ordering::SeqCst);
            usize::from(self.busy.load(Ordering::SeqCst))
        }
    }

    #[test]
    fn the_watchdog_sweeps_while_evaluations_run_and_ends_with_its_target() {
        let probe = Arc::new(Probe { sweeps: AtomicUsize::new(0), busy: AtomicBool::new(true) });
        let watchdog = Watchdog::default();
        assert!(watchdog.wake(Arc::downgrade(&probe)));
        std::thread::sleep(Duration::from_millis(60));
        let swept = probe.sweeps.load(Ordering::SeqCst);
        assert!(swept >= 5, "{swept} sweeps in 60 ms");
        let weak = Arc::downgrade(&probe);
        drop(probe);
        // The thread holds a strong reference only while it sweeps.
        let gone = (0..100).any(|_| {
            std::thread::sleep(Duration::from_millis(5));
            weak.upgrade().is_none()
        });
        assert!(gone);
    }
}
