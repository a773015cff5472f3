//! Conversions to and from the date-time libraries, each behind its cargo feature, and a clock
//! reading through each.
//!
//! Every conversion into [`Timestamp`](crate::Timestamp) floors sub-microsecond digits (toward
//! the past, also before 1970) and fails with [`Error::OutOfRange`](crate::Error::OutOfRange)
//! outside `0001-01-01 ..= 9999-12-31`. Every conversion out of it is exact, with one
//! exception: jiff's range ends 26 hours before ours (`TryFrom<Timestamp> for jiff::Timestamp` is an error there).

#[cfg(feature = "chrono")]
pub mod chrono;
#[cfg(feature = "jiff")]
pub mod jiff;
#[cfg(feature = "time")]
pub mod time;

/// A clock reading in nanoseconds since the epoch, floored and clamped into the domain.
#[cfg(any(feature = "time", feature = "jiff"))]
pub(crate) fn reading_from_nanos(nanos: i128) -> crate::Timestamp {
    crate::Timestamp::from_unix_micros_i128_clamped(nanos.div_euclid(1_000))
}

/// Floors a nanosecond count since the epoch to microseconds.
#[cfg(any(feature = "time", feature = "jiff"))]
pub(crate) fn floor_nanos(nanos: i128) -> Result<crate::Timestamp, crate::Error> {
    crate::Timestamp::from_unix_micros_i128(nanos.div_euclid(1_000))
}
