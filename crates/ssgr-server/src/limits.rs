//! Query slots: a fixed number of evaluations at once, a bounded queue in
//! front of them (first come, first served), 503 past either bound.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

use crate::error::ServerError;

/// The slots and the queue.
#[derive(Debug)]
pub(crate) struct Limiter {
    slots: Arc<Semaphore>,
    capacity: usize,
    queued: AtomicUsize,
    max_queued: usize,
}

/// A held slot; dropping it frees the slot.
#[derive(Debug)]
pub(crate) struct Slot {
    _permit: OwnedSemaphorePermit,
}

impl Limiter {
    pub(crate) fn new(capacity: usize, max_queued: usize) -> Self {
        Self { slots: Arc::new(Semaphore::new(capacity)), capacity, queued: AtomicUsize::new(0), max_queued }
    }

    /// A slot now, or after waiting in the queue until `deadline`.
    pub(crate) async fn acquire(&self, deadline: Instant) -> Result<Slot, ServerError> {
        if let Ok(permit) = Arc::clone(&self.slots).try_acquire_owned() {
            return Ok(Slot { _permit: permit });
        }
        if self.queued.fetch_add(1, Ordering::SeqCst) >= self.max_queued {
            self.queued.fetch_sub(1, Ordering::SeqCst);
            return Err(ServerError::Busy(format!(
                "{} queries are running and {} are waiting",
                self.capacity, self.max_queued
            )));
        }
        let _leave = Leave(&self.queued);
        match tokio::time::timeout_at(deadline, Arc::clone(&self.slots).acquire_owned()).await {
            Ok(Ok(permit)) => Ok(Slot { _permit: permit }),
            Ok(Err(_closed)) => Err(ServerError::internal("the query slots were closed")),
            Err(_elapsed) => Err(ServerError::Busy("no query slot became free within the time limit".into())),
        }
    }

    /// Queries running now.
    pub(crate) fn running(&self) -> usize {
        self.capacity.saturating_sub(self.slots.available_permits())
    }

    /// Queries waiting for a slot now.
    pub(crate) fn queued(&self) -> usize {
        self.queued.load(Ordering::SeqCst)
    }
}

/// Leaves the queue when the wait ends, however it ends.
struct Leave<'a>(&'a AtomicUsize);

impl Drop for Leave<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn queue_then_refuse() {
        let limiter = Limiter::new(1, 1);
        let soon = Instant::now() + Duration::from_millis(50);
        let first = limiter.acquire(soon).await;
        assert!(first.is_ok());
        assert_eq!(limiter.running(), 1);
        // The second waits in the queue and times out; a third, meanwhile,
        // finds the queue full.
        let (second, third) = tokio::join!(limiter.acquire(soon), async {
            tokio::time::sleep(Duration::from_millis(10)).await;
            limiter.acquire(soon).await
        });
        assert!(matches!(second, Err(ServerError::Busy(_))));
        assert!(matches!(third, Err(ServerError::Busy(m)) if m.contains("waiting")));
        assert_eq!(limiter.queued(), 0);
        drop(first);
        assert!(limiter.acquire(Instant::now() + Duration::from_millis(50)).await.is_ok());
    }
}
