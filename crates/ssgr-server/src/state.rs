//! What every handler shares: the store (once loaded), the configuration,
//! the query slots, the metrics, and the queries running now.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use oxigraph::sparql::CancellationToken;
use oxigraph::store::Store;

use crate::config::ServerConfig;
use crate::error::ServerError;
use crate::inline::{ShapeMemory, Sweep, Watchdog};
use crate::limits::Limiter;
use crate::metrics::Metrics;

/// The state of the endpoint. Cheap to clone: every clone shares one
/// store, one set of slots and one set of metrics.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    config: ServerConfig,
    store: OnceLock<Store>,
    draining: AtomicBool,
    limiter: Limiter,
    metrics: Metrics,
    write_lock: tokio::sync::Mutex<()>,
    running: Mutex<HashMap<u64, Arc<QueryControl>>>,
    next_id: AtomicU64,
    started: Instant,
    inline: Inline,
}

impl AppState {
    /// A state whose store is still loading: `/health` answers, queries get
    /// 503 until [`AppState::set_store`].
    pub fn new(config: ServerConfig) -> Self {
        let limiter = Limiter::new(config.max_concurrent_queries.max(1), config.max_queued_queries);
        Self {
            inner: Arc::new(Inner {
                config,
                store: OnceLock::new(),
                draining: AtomicBool::new(false),
                limiter,
                metrics: Metrics::default(),
                write_lock: tokio::sync::Mutex::new(()),
                running: Mutex::new(HashMap::new()),
                next_id: AtomicU64::new(1),
                started: Instant::now(),
                inline: Inline::default(),
            }),
        }
    }

    /// A state serving `store` at once.
    pub fn with_store(store: Store, config: ServerConfig) -> Self {
        let state = Self::new(config);
        state.set_store(store);
        state
    }

    /// Makes the store available; the server becomes ready. Returns false
    /// (and changes nothing) if a store was already set.
    pub fn set_store(&self, store: Store) -> bool {
        self.inner.store.set(store).is_ok()
    }

    /// Whether the store is loaded and the server is not shutting down.
    pub fn is_ready(&self) -> bool {
        self.inner.store.get().is_some() && !self.inner.draining.load(Ordering::SeqCst)
    }

    /// The configuration.
    pub fn config(&self) -> &ServerConfig {
        &self.inner.config
    }

    /// Marks the server as shutting down: readiness turns false.
    pub fn start_draining(&self) {
        self.inner.draining.store(true, Ordering::SeqCst);
    }

    /// Stops every query still running (at the end of a shutdown's grace).
    pub fn cancel_all(&self) {
        let running: Vec<Arc<QueryControl>> = self.lock_running().values().cloned().collect();
        for control in running {
            control.stop(Stop::Shutdown);
        }
    }

    /// Seconds since the state was made.
    pub fn uptime_seconds(&self) -> f64 {
        self.inner.started.elapsed().as_secs_f64()
    }

    pub(crate) fn store(&self) -> Result<Store, ServerError> {
        self.inner.store.get().cloned().ok_or(ServerError::NotReady)
    }

    pub(crate) fn limiter(&self) -> &Limiter {
        &self.inner.limiter
    }

    pub(crate) fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }

    pub(crate) fn write_lock(&self) -> &tokio::sync::Mutex<()> {
        &self.inner.write_lock
    }

    /// A new running query, known to [`AppState::cancel_all`] until the
    /// returned registration is dropped.
    pub(crate) fn register(&self) -> Registration {
        self.register_with(None)
    }

    /// A new query evaluated on a request's own thread, stopped with
    /// [`Stop::Budget`] by the watchdog once `budget` has passed.
    /// None if the watchdog could not be started.
    pub(crate) fn register_inline(&self, budget: Duration) -> Option<Registration> {
        let registration = self.register_with(Some(Instant::now() + budget));
        self.inner.inline.watchdog.wake(Arc::downgrade(&self.inner)).then_some(registration)
    }

    /// The query shapes known to be too slow or too large to answer inline.
    pub(crate) fn shapes(&self) -> &ShapeMemory {
        &self.inner.inline.shapes
    }

    fn register_with(&self, budget: Option<Instant>) -> Registration {
        let id = self.inner.next_id.fetch_add(1, Ordering::Relaxed);
        let control = Arc::new(QueryControl::new(id, budget));
        self.lock_running().insert(id, Arc::clone(&control));
        Registration { state: self.clone(), control }
    }

    fn lock_running(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<QueryControl>>> {
        self.inner.lock_running()
    }
}

impl Inner {
    fn lock_running(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<QueryControl>>> {
        self.running.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// What inline answering shares: the watchdog and the shape memory.
#[derive(Default)]
struct Inline {
    watchdog: Watchdog<Inner>,
    shapes: ShapeMemory,
}

impl Sweep for Inner {
    fn sweep(&self, now: Instant) -> usize {
        let running = self.lock_running();
        let mut inline = 0;
        for (control, deadline) in running.values().filter_map(|c| c.budget.map(|deadline| (c, deadline))) {
            inline += 1;
            if now >= deadline {
                control.stop(Stop::Budget);
            }
        }
        inline
    }
}

/// Why a query was stopped before its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// It ran past the time limit.
    Timeout,
    /// Its client went away.
    ClientGone,
    /// The server is shutting down.
    Shutdown,
    /// It ran past the budget of an inline answer: it is run again on a
    /// blocking thread (never seen by a client).
    Budget,
}

const RUNNING: u8 = 0;
const FINISHED: u8 = 4;
const BUDGET: u8 = 5;

/// One query's cancellation: the token Oxigraph checks while it evaluates,
/// and the first reason it was stopped for.
pub(crate) struct QueryControl {
    id: u64,
    token: CancellationToken,
    state: AtomicU8,
    signal: tokio::sync::watch::Sender<bool>,
    failed: AtomicBool,
    /// When an inline evaluation must give way to a blocking thread.
    budget: Option<Instant>,
}

impl QueryControl {
    fn new(id: u64, budget: Option<Instant>) -> Self {
        Self {
            id,
            budget,
            token: CancellationToken::new(),
            state: AtomicU8::new(RUNNING),
            signal: tokio::sync::watch::Sender::new(false),
            failed: AtomicBool::new(false),
        }
    }

    /// A control in no running set, for unit tests.
    #[cfg(test)]
    pub(crate) fn detached() -> Self {
        Self::new(0, None)
    }

    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    pub(crate) fn token(&self) -> CancellationToken {
        self.token.clone()
    }

    /// Stops the query, unless it already ended or was stopped.
    pub(crate) fn stop(&self, why: Stop) {
        let code = match why {
            Stop::Timeout => 1,
            Stop::ClientGone => 2,
            Stop::Shutdown => 3,
            Stop::Budget => BUDGET,
        };
        if self.state.compare_exchange(RUNNING, code, Ordering::SeqCst, Ordering::SeqCst).is_ok() {
            self.token.cancel();
            self.signal.send_replace(true);
        }
    }

    /// Resolves once the query is stopped.
    pub(crate) async fn stopped_signal(&self) {
        let mut rx = self.signal.subscribe();
        let _ = rx.wait_for(|stopped| *stopped).await;
    }

    /// Marks the response as broken: its body must end with an error.
    pub(crate) fn mark_failed(&self) {
        self.failed.store(true, Ordering::SeqCst);
    }

    /// Whether the response's body must end with an error.
    pub(crate) fn failed(&self) -> bool {
        self.failed.load(Ordering::SeqCst)
    }

    /// Marks the query as ended; later stops do nothing.
    pub(crate) fn finish(&self) {
        let _ = self.state.compare_exchange(RUNNING, FINISHED, Ordering::SeqCst, Ordering::SeqCst);
    }

    /// Why the query was stopped, if it was.
    pub(crate) fn stopped(&self) -> Option<Stop> {
        match self.state.load(Ordering::SeqCst) {
            1 => Some(Stop::Timeout),
            2 => Some(Stop::ClientGone),
            3 => Some(Stop::Shutdown),
            BUDGET => Some(Stop::Budget),
            _ => None,
        }
    }
}

/// A query's place in the running set; leaving it on drop.
pub(crate) struct Registration {
    state: AppState,
    control: Arc<QueryControl>,
}

impl Registration {
    pub(crate) fn control(&self) -> &Arc<QueryControl> {
        &self.control
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        self.state.lock_running().remove(&self.control.id);
    }
}
