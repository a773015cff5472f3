//! `time` 0.3: `OffsetDateTime` and `UtcDateTime` <-> [`Timestamp`], and [`TimeClock`].
//!
//! ```
//! # extern crate timestamp_core as stamped;
//! use time::macros::datetime;
//! use stamped::Timestamp;
//!
//! let t = Timestamp::try_from(datetime!(2026-03-01 12:00:00.1234567 +02:00))?;
//! assert_eq!(t.to_string(), "2026-03-01T10:00:00.123456Z");
//! assert_eq!(time::OffsetDateTime::from(t), datetime!(2026-03-01 10:00:00.123456 UTC));
//! # Ok::<(), stamped::Error>(())
//! ```

use time::{OffsetDateTime, UtcDateTime};

use super::{floor_nanos, reading_from_nanos};
use crate::{Clock, Error, Timestamp};

fn nanos(t: Timestamp) -> i128 {
    i128::from(t.as_unix_micros()) * 1_000
}

#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
impl From<Timestamp> for OffsetDateTime {
    /// Exact, in UTC: time's range contains the whole domain.
    fn from(t: Timestamp) -> Self {
        OffsetDateTime::from_unix_timestamp_nanos(nanos(t)).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
impl TryFrom<OffsetDateTime> for Timestamp {
    type Error = Error;

    /// Any offset, normalised to UTC; sub-microsecond digits floored.
    fn try_from(dt: OffsetDateTime) -> Result<Timestamp, Error> {
        floor_nanos(dt.unix_timestamp_nanos())
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
impl From<Timestamp> for UtcDateTime {
    /// Exact: time's range contains the whole domain.
    fn from(t: Timestamp) -> Self {
        UtcDateTime::from_unix_timestamp_nanos(nanos(t)).unwrap_or(UtcDateTime::UNIX_EPOCH)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
impl TryFrom<UtcDateTime> for Timestamp {
    type Error = Error;

    /// Sub-microsecond digits floored.
    fn try_from(dt: UtcDateTime) -> Result<Timestamp, Error> {
        floor_nanos(dt.unix_timestamp_nanos())
    }
}

/// Reads the time through `time::OffsetDateTime::now_utc()`.
#[derive(Debug, Clone, Copy, Default)]
pub struct TimeClock;

#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
impl Clock for TimeClock {
    fn now(&self) -> Timestamp {
        reading_from_nanos(OffsetDateTime::now_utc().unix_timestamp_nanos())
    }

    fn scope_copy(&self) -> Option<crate::scope::ScopeCopy> {
        Some(crate::scope::ScopeCopy::stateless(*self))
    }
}
