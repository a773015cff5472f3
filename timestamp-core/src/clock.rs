//! Clocks: where stamps read the time. Which clock is current is [`crate::scope`]'s business.

use core::sync::atomic::{AtomicI64, Ordering};
use core::time::Duration;
use std::sync::Arc;

use crate::scope::ScopeCopy;
use crate::Timestamp;

/// A source of the current instant.
///
/// `Send + Sync` so one clock can stamp entities on every thread. `&C`, `Arc<C>` and
/// `Box<C>` (including `Box<dyn Clock>`) are clocks too.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Timestamp;

    /// Whether this clock reads the current clock, as [`CurrentClock`](crate::CurrentClock)
    /// does: made the scoped clock or the default, it would read itself forever. Not meant to
    /// be overridden.
    #[doc(hidden)]
    #[inline]
    fn reads_current_clock(&self) -> bool {
        false
    }

    /// A copy of this clock that a [`with_clock`](crate::with_clock) scope can own, for the
    /// clocks of this crate (a copy of a [`ManualClock`] shares its time). Not meant to be
    /// overridden, except by forwarding to a wrapped clock.
    #[doc(hidden)]
    #[inline]
    fn scope_copy(&self) -> Option<ScopeCopy> {
        None
    }
}

/// `&C`, `Arc<C>` and `Box<C>` are clocks that forward every method to `C`.
macro_rules! forward_clock {
    ($($pointer:ty),*) => {$(
        impl<C: Clock + ?Sized> Clock for $pointer {
            #[inline]
            fn now(&self) -> Timestamp {
                (**self).now()
            }

            #[inline]
            fn reads_current_clock(&self) -> bool {
                (**self).reads_current_clock()
            }

            #[inline]
            fn scope_copy(&self) -> Option<ScopeCopy> {
                (**self).scope_copy()
            }
        }
    )*};
}

forward_clock!(&C, Arc<C>, Box<C>);

/// The operating system's wall clock (`CLOCK_REALTIME`), read directly on Unix.
///
/// A reading outside the supported range (a machine clock set past year 9999) is clamped to
/// [`Timestamp::MIN`] / [`Timestamp::MAX`] rather than failing.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[inline]
    fn now(&self) -> Timestamp {
        system_now()
    }

    fn scope_copy(&self) -> Option<ScopeCopy> {
        Some(ScopeCopy::stateless(*self))
    }
}

#[cfg(unix)]
#[inline]
fn system_now() -> Timestamp {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; CLOCK_REALTIME exists on every Unix.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &raw mut ts) };
    if rc != 0 {
        return portable_now();
    }
    // tv_nsec is in 0..1e9, so the division floors; tv_sec is negative before 1970.
    #[allow(
        clippy::useless_conversion,
        reason = "time_t and c_long are i32 on some targets, i64 on others"
    )]
    let (secs, nanos) = (i64::from(ts.tv_sec), i64::from(ts.tv_nsec));
    Timestamp::from_unix_micros_clamped(
        secs.saturating_mul(1_000_000).saturating_add(nanos / 1_000),
    )
}

#[cfg(not(unix))]
#[inline]
fn system_now() -> Timestamp {
    portable_now()
}

/// `SystemTime`, floored to microseconds also before 1970.
fn portable_now() -> Timestamp {
    Timestamp::from_unix_micros_i128_clamped(crate::timestamp::system_time_micros(
        std::time::SystemTime::now(),
    ))
}

/// A clock stuck at one instant: every reading is the same. For tests.
///
/// Touches still move `updated_at` forward (by one unit of the precision each), so even a
/// frozen clock never produces equal or decreasing `updated_at` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FixedClock(Timestamp);

impl FixedClock {
    /// A clock that always reads `at`.
    pub const fn new(at: Timestamp) -> Self {
        FixedClock(at)
    }
}

impl Clock for FixedClock {
    #[inline]
    fn now(&self) -> Timestamp {
        self.0
    }

    fn scope_copy(&self) -> Option<ScopeCopy> {
        Some(ScopeCopy::Fixed(*self))
    }
}

/// A clock moved by hand. Clones share one time, so a test can keep a handle while the code
/// under test holds another.
///
/// It may be set backwards, to test what happens when the wall clock steps back.
///
/// ```
/// # extern crate timestamp_core as stamped;
/// use std::time::Duration;
/// use stamped::{Clock, ManualClock, Timestamp};
///
/// let clock = ManualClock::new(Timestamp::UNIX_EPOCH);
/// let handle = clock.clone();
/// handle.advance(Duration::from_secs(90));
/// assert_eq!(clock.now().to_string(), "1970-01-01T00:01:30.000000Z");
/// handle.rewind(Duration::from_mins(2));
/// assert_eq!(clock.now().as_unix_micros(), -30_000_000);
/// ```
#[derive(Clone)]
pub struct ManualClock(Arc<AtomicI64>);

/// Shows the time it reads: `ManualClock(2026-01-01T00:00:00.000000Z)`.
impl core::fmt::Debug for ManualClock {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("ManualClock").field(&self.now()).finish()
    }
}

impl ManualClock {
    /// A clock reading `at` until it is moved.
    pub fn new(at: Timestamp) -> Self {
        ManualClock(Arc::new(AtomicI64::new(at.as_unix_micros())))
    }

    /// Sets the time, forwards or backwards.
    pub fn set(&self, at: Timestamp) {
        self.0.store(at.as_unix_micros(), Ordering::SeqCst);
    }

    /// Moves the time forward by `d` (whole microseconds), stopping at [`Timestamp::MAX`].
    pub fn advance(&self, d: Duration) {
        self.step(i128::try_from(d.as_micros()).unwrap_or(i128::MAX));
    }

    /// Moves the time backward by `d` (whole microseconds), stopping at [`Timestamp::MIN`].
    pub fn rewind(&self, d: Duration) {
        self.step(-i128::try_from(d.as_micros()).unwrap_or(i128::MAX));
    }

    /// Moves the time by `micros` (negative: backwards), staying inside the domain.
    pub fn step(&self, micros: i128) {
        let _ = self
            .0
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |cur| {
                let next = i128::from(cur).saturating_add(micros).clamp(
                    i128::from(Timestamp::MIN.as_unix_micros()),
                    i128::from(Timestamp::MAX.as_unix_micros()),
                );
                i64::try_from(next).ok()
            });
    }
}

impl Clock for ManualClock {
    #[inline]
    fn now(&self) -> Timestamp {
        Timestamp::from_unix_micros_clamped(self.0.load(Ordering::SeqCst))
    }

    fn scope_copy(&self) -> Option<ScopeCopy> {
        Some(ScopeCopy::Manual(self.clone()))
    }
}
