//! Precision markers: the unit a [`Timestamps`](crate::Timestamps) pair is kept in.

use core::fmt::Debug;
use core::hash::Hash;

mod sealed {
    pub trait Sealed {}
}

/// The unit stamps are truncated to when taken, and the step of a touch.
///
/// Pick the precision of the column the entity is stored in, so what is in memory is exactly
/// what the database gives back. Implemented by [`Micros`] (the default), [`Millis`] and
/// [`Seconds`]; sealed.
///
/// # What the strict touch rule costs with a coarse unit
///
/// Every touch moves `updated_at` at least one unit (`max(reading, updated_at + 1 unit)`), so
/// it never repeats or goes back. Touches that come faster than the unit therefore run ahead of
/// the clock by one unit each: 100 updates within one second of a `Timestamps<Seconds>` entity
/// put `updated_at` 100 s past the truncated reading (100 ms with [`Millis`], 100 µs with
/// [`Micros`]). The lead shrinks again as the clock catches up, and
/// [`metrics()`](crate::metrics) reports the largest one seen (`largest_lead`). Choose the
/// finest unit your storage keeps.
///
/// ```
/// # extern crate timestamp_core as stamped;
/// use stamped::{FixedClock, Seconds, Timestamp, Timestamps};
///
/// let clock = FixedClock::new("2026-01-01T00:00:00.250Z".parse()?);
/// let mut ts: Timestamps<Seconds> = Timestamps::now_with(&clock);
/// for _ in 0..100 {
///     ts.touch_with(&clock); // 100 updates within the same second
/// }
/// assert_eq!(ts.updated_at().to_string(), "2026-01-01T00:01:40.000000Z"); // 100 s ahead
/// assert!(stamped::metrics().largest_lead.as_secs() >= 99);
/// # Ok::<(), stamped::Error>(())
/// ```
pub trait Precision:
    sealed::Sealed + Copy + Default + Debug + Eq + Ord + Hash + Send + Sync + Unpin + 'static
{
    /// One unit, in microseconds.
    const UNIT_MICROS: i64;
}

macro_rules! precision {
    ($(#[$doc:meta])* $name:ident, $micros:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name;
        impl sealed::Sealed for $name {}
        impl Precision for $name {
            const UNIT_MICROS: i64 = $micros;
        }
    };
}

precision!(
    /// Whole microseconds: PostgreSQL `TIMESTAMPTZ`, MySQL `DATETIME(6)`, SQLite text, the
    /// canonical text form. The default.
    Micros, 1
);
precision!(
    /// Whole milliseconds: JavaScript dates, MySQL `DATETIME(3)`, many JSON APIs. Touches more
    /// often than once a millisecond run ahead of the clock by 1 ms each (see [`Precision`]).
    Millis, 1_000
);
precision!(
    /// Whole seconds: Unix time columns, MySQL `DATETIME`. Touches more often than once a
    /// second run ahead of the clock by 1 s each: 100 quick updates, 100 s (see [`Precision`]).
    Seconds, 1_000_000
);
