//! `chrono` 0.4: `DateTime<Utc>` (and any `DateTime<Tz>`) <-> [`Timestamp`], and [`ChronoClock`].
//!
//! ```
//! # extern crate timestamp_core as stamped;
//! use chrono::{DateTime, TimeZone, Utc};
//! use stamped::Timestamp;
//!
//! let dt = Utc.with_ymd_and_hms(1969, 7, 20, 20, 17, 40).unwrap() + chrono::Duration::nanoseconds(999);
//! let t = Timestamp::try_from(dt)?; // 999 ns floor to 0 µs
//! assert_eq!(t.to_string(), "1969-07-20T20:17:40.000000Z");
//! assert_eq!(DateTime::<Utc>::from(t), dt - chrono::Duration::nanoseconds(999));
//! # Ok::<(), stamped::Error>(())
//! ```

use chrono::{DateTime, TimeZone, Utc};

use crate::{Clock, Error, Timestamp};

#[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
impl From<Timestamp> for DateTime<Utc> {
    /// Exact: chrono's range contains the whole domain.
    fn from(t: Timestamp) -> Self {
        DateTime::from_timestamp_micros(t.as_unix_micros()).unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
impl<Tz: TimeZone> TryFrom<DateTime<Tz>> for Timestamp {
    type Error = Error;

    /// Any offset, normalised to UTC. Sub-microsecond digits are floored; a leap second
    /// (chrono's nanoseconds >= 1e9) becomes the last microsecond of its second, like `:60` in
    /// text.
    fn try_from(dt: DateTime<Tz>) -> Result<Timestamp, Error> {
        let micros_of_second = i128::from(dt.timestamp_subsec_micros().min(999_999));
        Timestamp::from_unix_micros_i128(i128::from(dt.timestamp()) * 1_000_000 + micros_of_second)
    }
}

/// Reads the time through `chrono::Utc::now()`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ChronoClock;

#[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
impl Clock for ChronoClock {
    fn now(&self) -> Timestamp {
        let now = Utc::now();
        Timestamp::from_unix_micros_clamped(now.timestamp_micros())
    }

    fn scope_copy(&self) -> Option<crate::scope::ScopeCopy> {
        Some(crate::scope::ScopeCopy::stateless(*self))
    }
}
