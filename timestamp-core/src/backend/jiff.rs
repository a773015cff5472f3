//! `jiff` 1: `jiff::Timestamp` <-> [`Timestamp`], and [`JiffClock`].
//!
//! ```
//! use timestamp_core::Timestamp;
//!
//! let j: jiff::Timestamp = "1960-01-01T00:00:00.0000015Z".parse().unwrap();
//! let t = Timestamp::try_from(j)?; // 1.5 µs floors to 1 µs
//! assert_eq!(t.to_string(), "1960-01-01T00:00:00.000001Z");
//! assert_eq!(jiff::Timestamp::from(t).to_string(), "1960-01-01T00:00:00.000001Z");
//! # Ok::<(), timestamp_core::Error>(())
//! ```

use super::floor_nanos;
use crate::{Clock, Error, Timestamp};

impl From<Timestamp> for jiff::Timestamp {
    /// Exact: jiff's range contains the whole domain.
    fn from(t: Timestamp) -> Self {
        jiff::Timestamp::from_microsecond(t.as_unix_micros()).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    }
}

impl TryFrom<jiff::Timestamp> for Timestamp {
    type Error = Error;

    /// Sub-microsecond digits floored; outside the domain (jiff reaches year -9999) an error.
    fn try_from(t: jiff::Timestamp) -> Result<Timestamp, Error> {
        floor_nanos(t.as_nanosecond())
    }
}

/// Reads the time through `jiff::Timestamp::now()`.
#[derive(Debug, Clone, Copy, Default)]
pub struct JiffClock;

impl Clock for JiffClock {
    fn now(&self) -> Timestamp {
        let micros = i64::try_from(jiff::Timestamp::now().as_nanosecond().div_euclid(1_000)).unwrap_or(i64::MAX);
        Timestamp::from_unix_micros_clamped(micros)
    }
}
