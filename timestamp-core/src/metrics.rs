//! Process-wide stamping metrics, for a service's health endpoint.

use core::sync::atomic::{AtomicU64, Ordering};
use core::time::Duration;

static REGRESSIONS: AtomicU64 = AtomicU64::new(0);
static LARGEST_REGRESSION_MICROS: AtomicU64 = AtomicU64::new(0);

/// A snapshot of what the touch rule has absorbed since the process started.
///
/// A *regression* is a touch whose clock reading was earlier than the entity's `updated_at`:
/// the wall clock stepped back, the entity was stamped by a clock that runs ahead of this one,
/// or touches came faster than the clock ticks (a frozen test clock, second precision).
/// The touch then advances `updated_at` by one unit instead of going back; these counters say
/// how often that happened and by how much the clock lagged at worst.
///
/// Recording costs nothing on the normal path: only a regression touches the counters.
///
/// ```
/// let m = timestamp_core::metrics();
/// println!("{} regressions, worst {:?}", m.regressions, m.largest_regression);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Metrics {
    /// How many touches found the clock behind the entity's `updated_at`.
    pub regressions: u64,
    /// The largest lag seen: `updated_at` minus the (truncated) clock reading.
    pub largest_regression: Duration,
}

/// The current metrics of this process.
pub fn metrics() -> Metrics {
    Metrics {
        regressions: REGRESSIONS.load(Ordering::Relaxed),
        largest_regression: Duration::from_micros(
            LARGEST_REGRESSION_MICROS.load(Ordering::Relaxed),
        ),
    }
}

/// Records one regression of `lag_micros` (> 0). Cold: kept out of the touch fast path.
#[cold]
#[inline(never)]
pub(crate) fn record_regression(lag_micros: u64) {
    REGRESSIONS.fetch_add(1, Ordering::Relaxed);
    LARGEST_REGRESSION_MICROS.fetch_max(lag_micros, Ordering::Relaxed);
}
