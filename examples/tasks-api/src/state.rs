//! What every handler shares: the store, the clock, the read-only switch, the metrics.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use timestamped::Clock;

use crate::metrics::Metrics;
use crate::store::Store;

/// The application state.
pub(crate) struct AppState {
    pub(crate) store: Store,
    /// Every stamp the service takes reads this clock (the system clock in production).
    pub(crate) clock: Arc<dyn Clock>,
    /// Integrity emergencies: refuse every write, keep serving reads and `/health`.
    pub(crate) read_only: AtomicBool,
    pub(crate) metrics: Metrics,
    /// How long a request may take, all included.
    pub(crate) deadline: Duration,
}

impl AppState {
    pub(crate) fn set_read_only(&self, on: bool) {
        let was = self.read_only.swap(on, Ordering::SeqCst);
        if was != on {
            tracing::warn!(read_only = on, "read-only mode switched");
        }
    }
}
