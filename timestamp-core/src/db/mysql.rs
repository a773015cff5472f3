//! MySQL and MariaDB `DATETIME(n)` and `TIMESTAMP(n)`.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::mysql::{MySql, MySqlTypeInfo, MySqlValueRef};
use sqlx::{Decode, Encode, Type, TypeInfo, ValueRef};

use crate::{civil, Error, Timestamp};

#[cfg_attr(docsrs, doc(cfg(feature = "sqlx-mysql")))]
impl Type<MySql> for Timestamp {
    /// Sent as text: the server reads it into the column's type (`DATETIME`, `TIMESTAMP`) at
    /// the column's precision, exactly.
    fn type_info() -> MySqlTypeInfo {
        <str as Type<MySql>>::type_info()
    }

    /// `DATETIME(n)` and `TIMESTAMP(n)` columns (and text, for values sent back as text).
    fn compatible(ty: &MySqlTypeInfo) -> bool {
        matches!(ty.name(), "DATETIME" | "TIMESTAMP") || <str as Type<MySql>>::compatible(ty)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "sqlx-mysql")))]
impl Encode<'_, MySql> for Timestamp {
    fn encode_by_ref(&self, buf: &mut Vec<u8>) -> Result<IsNull, BoxDynError> {
        // `2026-11-26 23:10:26.123456`: the canonical form without its `T` and `Z`, which
        // MySQL 8 would read as a time zone designator (and MariaDB refuses).
        let canonical = self.to_canonical_bytes();
        let mut text = [0_u8; 26];
        text.copy_from_slice(&canonical[..26]);
        text[10] = b' ';
        let text = std::str::from_utf8(&text)?;
        <&str as Encode<'_, MySql>>::encode(text, buf)
    }

    fn size_hint(&self) -> usize {
        27
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "sqlx-mysql")))]
impl<'r> Decode<'r, MySql> for Timestamp {
    /// Reads the binary protocol (prepared statements) and the text protocol (plain queries);
    /// the wall time is UTC, as sqlx's session `time_zone = '+00:00'` makes it.
    fn decode(value: MySqlValueRef<'r>) -> Result<Self, BoxDynError> {
        if value.is_null() {
            return Err(Error::Null.into());
        }
        let bytes = <&[u8] as Decode<'r, MySql>>::decode(value)?;
        match bytes.first() {
            // Text starts with the year's first digit; binary with its length (0, 4, 7, 11).
            Some(b'0'..=b'9') => Ok(from_text(bytes)?),
            _ => Ok(from_binary(bytes)?),
        }
    }
}

const ZERO_DATE: Error = Error::NotAnInstant("MySQL's zero date '0000-00-00 00:00:00'");

/// `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC.
fn from_text(bytes: &[u8]) -> Result<Timestamp, Error> {
    if bytes.starts_with(b"0000-00-00") {
        return Err(ZERO_DATE);
    }
    crate::parse::parse_text_as_utc(bytes)
}

/// The binary protocol: a length (0, 4, 7 or 11), then year (u16 LE), month, day, and with
/// 7 or 11 hour, minute, second, and with 11 microseconds (u32 LE).
fn from_binary(bytes: &[u8]) -> Result<Timestamp, Error> {
    let malformed = || Error::NotAnInstant("a malformed MySQL binary DATETIME");
    let (&len, rest) = bytes.split_first().ok_or_else(malformed)?;
    if len == 0 {
        return Err(ZERO_DATE);
    }
    let rest = rest.get(..usize::from(len)).ok_or_else(malformed)?;
    if !matches!(len, 4 | 7 | 11) {
        return Err(malformed());
    }
    let year = u16::from_le_bytes([rest[0], rest[1]]);
    let (month, day) = (rest[2], rest[3]);
    if year == 0 && month == 0 && day == 0 {
        return Err(ZERO_DATE);
    }
    let time = if len >= 7 {
        (u32::from(rest[4]), u32::from(rest[5]), u32::from(rest[6]))
    } else {
        (0, 0, 0)
    };
    let micros = if len == 11 {
        u32::from_le_bytes([rest[7], rest[8], rest[9], rest[10]])
    } else {
        0
    };
    let micros = civil::wall_time_micros(
        u32::from(year),
        u32::from(month),
        u32::from(day),
        time,
        u64::from(micros),
    )
    .ok_or(Error::NotAnInstant(
        "a MySQL date with a zero or impossible part",
    ))?;
    Timestamp::from_unix_micros_i128(micros)
}
