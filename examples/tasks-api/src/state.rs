//! What every handler shares: the store, the clock, the write gate, the metrics.

use std::sync::Arc;
use std::time::Duration;

use stamped::Clock;

use crate::gate::Gate;
use crate::metrics::Metrics;
use crate::store::Store;

/// The application state.
pub(crate) struct AppState {
    pub(crate) store: Store,
    /// Every stamp the service takes reads this clock (the system clock in production).
    pub(crate) clock: Arc<dyn Clock>,
    /// Read-only mode and the clock's offset: every write passes it, before it starts and
    /// just before it commits.
    pub(crate) gate: Arc<Gate>,
    pub(crate) metrics: Metrics,
    /// How long a request may take, all included.
    pub(crate) deadline: Duration,
}
