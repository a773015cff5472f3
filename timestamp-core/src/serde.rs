//! `serde`: [`Timestamp`] as its canonical string, [`Timestamps`] as `created_at` /
//! `updated_at`, and alternative encodings in [`formats`](crate::formats).
//!
//! - A `Timestamp` serializes as its 27-byte canonical string (`"2025-11-24T16:00:00.123456Z"`).
//!   Deserializing accepts any RFC 3339 offset and normalises to UTC, with the parsing rules of
//!   `Timestamp`'s [`FromStr`](crate::Timestamp#impl-FromStr-for-Timestamp) (fractions truncated toward the past, `:60` as the last
//!   microsecond of its minute); anything else fails with a message saying what was wrong.
//! - A `Timestamps` serializes as a struct with the fields `created_at` and `updated_at`, so
//!   `#[serde(flatten)]` in an entity gives the flat JSON a REST API returns. Deserializing it
//!   requires both fields, rejects a repeated one, and enforces `created_at <= updated_at`; each
//!   error names the field.
//!
//! ```
//! # extern crate timestamp_core as stamped;
//! use stamped::Timestamps;
//!
//! let json = r#"{"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T01:00:00+01:00"}"#;
//! let ts: Timestamps = serde_json::from_str(json).unwrap();
//! assert_eq!(serde_json::to_string(&ts).unwrap(),
//!     r#"{"created_at":"2026-01-01T00:00:00.000000Z","updated_at":"2026-01-01T00:00:00.000000Z"}"#);
//!
//! let bad = r#"{"created_at":"2026-01-02T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}"#;
//! let err = serde_json::from_str::<Timestamps>(bad).unwrap_err().to_string();
//! assert!(err.starts_with("updated_at: 2026-01-01T00:00:00.000000Z is earlier than created_at"), "{err}");
//! ```

use core::fmt;
use core::marker::PhantomData;

use ::serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use ::serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::{Precision, Timestamp, Timestamps};

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let bytes = self.to_canonical_bytes();
        let text = core::str::from_utf8(&bytes).map_err(::serde::ser::Error::custom)?;
        serializer.serialize_str(text)
    }
}

struct TimestampVisitor;

impl Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "an RFC 3339 timestamp string with an offset, such as \"2026-01-01T00:00:00.000000Z\"",
        )
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
        v.parse()
            .map_err(|e| E::custom(format_args!("{v:?} is not a valid timestamp: {e}")))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Timestamp, E> {
        crate::parse::parse_rfc3339(v)
            .map_err(|e| E::custom(format_args!("invalid timestamp bytes: {e}")))
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TimestampVisitor)
    }
}

const CREATED_AT: &str = "created_at";
const UPDATED_AT: &str = "updated_at";
const FIELDS: &[&str] = &[CREATED_AT, UPDATED_AT];

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<P: Precision> Serialize for Timestamps<P> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Timestamps", 2)?;
        s.serialize_field(CREATED_AT, &self.created_at())?;
        s.serialize_field(UPDATED_AT, &self.updated_at())?;
        s.end()
    }
}

struct TimestampsVisitor<P>(PhantomData<P>);

/// Which of the two fields a key is; anything else is skipped (so a flattened entity's other
/// fields pass by).
enum Key {
    Created,
    Updated,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(match v {
                    CREATED_AT => Key::Created,
                    UPDATED_AT => Key::Updated,
                    _ => Key::Other,
                })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// Names the field in an error about its value.
fn in_field<E: de::Error>(field: &'static str) -> impl FnOnce(E) -> E {
    move |e| E::custom(format_args!("{field}: {e}"))
}

fn check<P: Precision, E: de::Error>(
    created: Timestamp,
    updated: Timestamp,
) -> Result<Timestamps<P>, E> {
    Timestamps::restore(created, updated).map_err(|_| {
        E::custom(format_args!(
            "{UPDATED_AT}: {updated} is earlier than {CREATED_AT} {created}"
        ))
    })
}

impl<'de, P: Precision> Visitor<'de> for TimestampsVisitor<P> {
    type Value = Timestamps<P>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the fields `created_at` and `updated_at`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut created: Option<Timestamp> = None;
        let mut updated: Option<Timestamp> = None;
        while let Some(key) = map.next_key::<Key>()? {
            let (slot, name) = match key {
                Key::Created => (&mut created, CREATED_AT),
                Key::Updated => (&mut updated, UPDATED_AT),
                Key::Other => {
                    map.next_value::<de::IgnoredAny>()?;
                    continue;
                }
            };
            if slot.is_some() {
                return Err(de::Error::duplicate_field(name));
            }
            *slot = Some(map.next_value().map_err(in_field(name))?);
        }
        let created = created.ok_or_else(|| de::Error::missing_field(CREATED_AT))?;
        let updated = updated.ok_or_else(|| de::Error::missing_field(UPDATED_AT))?;
        check(created, updated)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let created = seq
            .next_element()
            .map_err(in_field(CREATED_AT))?
            .ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let updated = seq
            .next_element()
            .map_err(in_field(UPDATED_AT))?
            .ok_or_else(|| de::Error::invalid_length(1, &self))?;
        check(created, updated)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de, P: Precision> Deserialize<'de> for Timestamps<P> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Timestamps", FIELDS, TimestampsVisitor(PhantomData))
    }
}
