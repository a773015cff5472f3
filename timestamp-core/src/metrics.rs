//! Process-wide stamping metrics, for a service's health endpoint.

use core::sync::atomic::{AtomicU64, Ordering};
use core::time::Duration;

static REGRESSIONS: AtomicU64 = AtomicU64::new(0);
static LARGEST_REGRESSION_MICROS: AtomicU64 = AtomicU64::new(0);
static LARGEST_LEAD_MICROS: AtomicU64 = AtomicU64::new(0);
static SUPPRESSED: AtomicU64 = AtomicU64::new(0);

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
/// # extern crate timestamp_core as stamped;
/// let m = stamped::metrics();
/// println!(
///     "{} regressions (worst {:?}), stamps at most {:?} ahead, {} touches suppressed",
///     m.regressions, m.largest_regression, m.largest_lead, m.suppressed_touches
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Metrics {
    /// How many touches found the clock behind the entity's `updated_at`.
    pub regressions: u64,
    /// The largest lag seen: `updated_at` minus the (truncated) clock reading.
    pub largest_regression: Duration,
    /// The furthest a touch ever set `updated_at` ahead of its clock's reading. The touch rule
    /// moves `updated_at` at least one unit of the precision per touch, so a burst of touches
    /// within one unit runs ahead of the clock by up to a unit per touch: 100 touches within one
    /// second of a `Timestamps<Seconds>` end 99 s ahead. Stays under one unit when touches are
    /// spaced wider than the unit and the clock never steps back.
    pub largest_lead: Duration,
    /// Touches skipped inside [`without_touching`](crate::without_touching) scopes.
    pub suppressed_touches: u64,
}

/// The current metrics of this process.
pub fn metrics() -> Metrics {
    Metrics {
        regressions: REGRESSIONS.load(Ordering::Relaxed),
        largest_regression: Duration::from_micros(
            LARGEST_REGRESSION_MICROS.load(Ordering::Relaxed),
        ),
        largest_lead: Duration::from_micros(LARGEST_LEAD_MICROS.load(Ordering::Relaxed)),
        suppressed_touches: SUPPRESSED.load(Ordering::Relaxed),
    }
}

/// Records a touch that could not take the clock's reading as it is: the reading was `lag_micros`
/// (>= 0) behind `updated_at`, and the new `updated_at` is `lead_micros` (> 0) ahead of the
/// reading. A lag of zero (touches within one unit) is not a regression. Cold: kept out of the
/// touch fast path.
#[cold]
#[inline(never)]
pub(crate) fn record_ahead(lag_micros: u64, lead_micros: u64) {
    if lag_micros > 0 {
        REGRESSIONS.fetch_add(1, Ordering::Relaxed);
        LARGEST_REGRESSION_MICROS.fetch_max(lag_micros, Ordering::Relaxed);
    }
    LARGEST_LEAD_MICROS.fetch_max(lead_micros, Ordering::Relaxed);
}

/// Records one touch skipped by a no-touch scope.
#[cold]
#[inline(never)]
pub(crate) fn record_suppressed() {
    SUPPRESSED.fetch_add(1, Ordering::Relaxed);
}
