//! `jiff` 1: `jiff::Timestamp` <-> [`Timestamp`], and [`JiffClock`].
//!
//! ```
//! # extern crate timestamp_core as stamped;
//! use stamped::Timestamp;
//!
//! let j: jiff::Timestamp = "1960-01-01T00:00:00.0000015Z".parse().unwrap();
//! let t = Timestamp::try_from(j)?; // 1.5 µs floors to 1 µs
//! assert_eq!(t.to_string(), "1960-01-01T00:00:00.000001Z");
//! assert_eq!(jiff::Timestamp::try_from(t)?.to_string(), "1960-01-01T00:00:00.000001Z");
//! // jiff's range ends 26 hours before ours: an error there, never a saturated value.
//! assert!(jiff::Timestamp::try_from(Timestamp::MAX).is_err());
//! # Ok::<(), stamped::Error>(())
//! ```

use super::{floor_nanos, reading_from_nanos};
use crate::{Clock, Error, Timestamp};

#[cfg_attr(docsrs, doc(cfg(feature = "jiff")))]
impl TryFrom<Timestamp> for jiff::Timestamp {
    type Error = Error;

    /// The same instant, exactly.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] for the last 26 hours of the domain: jiff's range ends at
    /// `9999-12-30T22:00:00.999999999Z` (it reserves room for offsets up to ±25:59:59). Never
    /// a saturated value.
    fn try_from(t: Timestamp) -> Result<Self, Error> {
        // From nanoseconds: jiff's `from_microsecond` stops a second short of its own range
        // (at `22:00:00.000000`), which would reject the instants of that last second.
        let micros = t.as_unix_micros();
        jiff::Timestamp::from_nanosecond(i128::from(micros) * 1_000).map_err(|_| {
            Error::OutOfRange {
                unix_micros: i128::from(micros),
            }
        })
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "jiff")))]
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

#[cfg_attr(docsrs, doc(cfg(feature = "jiff")))]
impl Clock for JiffClock {
    fn now(&self) -> Timestamp {
        reading_from_nanos(jiff::Timestamp::now().as_nanosecond())
    }

    fn scope_copy(&self) -> Option<crate::scope::ScopeCopy> {
        Some(crate::scope::ScopeCopy::stateless(*self))
    }
}
