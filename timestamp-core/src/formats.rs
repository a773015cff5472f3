//! Alternative serde encodings of a [`Timestamp`](crate::Timestamp), chosen per field with `#[serde(with = ...)]`.
//!
//! The default encoding (the canonical string) needs none of these.
//!
//! ```
//! # extern crate timestamp_core as stamped;
//! use serde::{Deserialize, Serialize};
//! use stamped::Timestamp;
//!
//! #[derive(Serialize, Deserialize, PartialEq, Debug)]
//! struct Event {
//!     #[serde(with = "stamped::formats::unix_micros")]
//!     at: Timestamp,
//!     #[serde(with = "stamped::formats::unix_millis")]
//!     seen: Timestamp,
//! }
//!
//! let e = Event { at: Timestamp::from_unix_micros(1_500)?, seen: Timestamp::from_unix_micros(-1_000)? };
//! let json = serde_json::to_string(&e).unwrap();
//! assert_eq!(json, r#"{"at":1500,"seen":-1}"#);
//! assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), e);
//! # Ok::<(), stamped::Error>(())
//! ```

/// An integer: microseconds since the Unix epoch. Exact both ways; out of range is an error.
pub mod unix_micros {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::Timestamp;

    /// Serializes `t` as an `i64` of microseconds.
    ///
    /// # Errors
    /// Only the serializer's own.
    pub fn serialize<S: Serializer>(t: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(t.as_unix_micros())
    }

    /// Deserializes an `i64` of microseconds.
    ///
    /// # Errors
    /// Not an integer, or outside the supported range.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        let micros = i64::deserialize(deserializer)?;
        Timestamp::from_unix_micros(micros).map_err(serde::de::Error::custom)
    }
}

/// An integer: milliseconds since the Unix epoch (JavaScript's `Date.getTime()`).
///
/// Serializing **floors** sub-millisecond digits (toward the past), so use it for stamps of
/// [`Millis`](crate::Millis) precision, which have none; then it is exact both ways.
pub mod unix_millis {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::Timestamp;

    /// Serializes `t` as an `i64` of milliseconds, floored.
    ///
    /// # Errors
    /// Only the serializer's own.
    pub fn serialize<S: Serializer>(t: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(t.as_unix_micros().div_euclid(1_000))
    }

    /// Deserializes an `i64` of milliseconds.
    ///
    /// # Errors
    /// Not an integer, or outside the supported range.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        let millis = i64::deserialize(deserializer)?;
        Timestamp::from_unix_micros_i128(i128::from(millis) * 1_000)
            .map_err(serde::de::Error::custom)
    }
}
