//! [`CachedClock`]: the wall clock read from memory, refreshed by a background thread.

use core::sync::atomic::{AtomicI64, Ordering};
use std::sync::Once;
use std::time::Duration;

use crate::{Clock, SystemClock, Timestamp};

/// The refresh period of the cache.
const TICK: Duration = Duration::from_millis(1);
/// What the cache holds until its thread has written it (or if the thread could not start).
const EMPTY: i64 = i64::MIN;

static CACHE: AtomicI64 = AtomicI64::new(EMPTY);
static START: Once = Once::new();

/// The wall clock as of the last millisecond: a reading is one atomic load (under a
/// nanosecond) instead of a system call (about 20 ns).
///
/// **Trade-off**: readings lag the wall clock by up to one millisecond — more while the machine
/// is overloaded and the refresh thread waits to run — and advance in steps of about a
/// millisecond. Entities touched several times within one step still get strictly increasing
/// `updated_at` (the touch rule adds one unit); those touches count as regressions in
/// [`metrics`](crate::metrics). Choose it for services that stamp at high rates and do not need
/// sub-millisecond accuracy; keep [`SystemClock`] otherwise.
///
/// The first call to [`CachedClock::global`] starts one background thread for the whole
/// process (named `timestamped-clock`); if the thread cannot start, readings fall back to
/// [`SystemClock`].
///
/// ```
/// # extern crate timestamp_core as stamped;
/// use stamped::{install_default_clock, CachedClock};
///
/// // At start-up: every entity stamped without a scoped clock now reads the cache.
/// install_default_clock(CachedClock::global()).unwrap();
/// ```
#[derive(Debug, Clone, Copy)]
pub struct CachedClock {
    _started: (),
}

impl CachedClock {
    /// The process-wide cached clock, starting its refresh thread on first use.
    pub fn global() -> CachedClock {
        START.call_once(|| {
            CACHE.store(SystemClock.now().as_unix_micros(), Ordering::Relaxed);
            let spawned = std::thread::Builder::new()
                .name("timestamped-clock".into())
                .spawn(|| loop {
                    std::thread::sleep(TICK);
                    CACHE.store(SystemClock.now().as_unix_micros(), Ordering::Relaxed);
                });
            if spawned.is_err() {
                CACHE.store(EMPTY, Ordering::Relaxed);
            }
        });
        CachedClock { _started: () }
    }
}

impl Clock for CachedClock {
    #[inline]
    fn now(&self) -> Timestamp {
        match CACHE.load(Ordering::Relaxed) {
            EMPTY => SystemClock.now(),
            micros => Timestamp::from_unix_micros_clamped(micros),
        }
    }

    fn scope_copy(&self) -> Option<crate::scope::ScopeCopy> {
        Some(crate::scope::ScopeCopy::stateless(*self))
    }
}
