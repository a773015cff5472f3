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
    /// Whole microseconds: PostgreSQL `TIMESTAMPTZ`, the canonical text form. The default.
    Micros, 1
);
precision!(
    /// Whole milliseconds: JavaScript dates, MySQL `DATETIME(3)`, many JSON APIs.
    Millis, 1_000
);
precision!(
    /// Whole seconds: Unix time columns, MySQL `DATETIME`.
    Seconds, 1_000_000
);
