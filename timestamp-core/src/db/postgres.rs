//! PostgreSQL `TIMESTAMPTZ`.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{
    PgArgumentBuffer, PgHasArrayType, PgTypeInfo, PgValueFormat, PgValueRef, Postgres,
};
use sqlx::{Decode, Encode, Type, ValueRef};

use crate::{civil, Error, ParseError, ParseErrorKind, Timestamp};

/// 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix microseconds.
const PG_EPOCH_MICROS: i64 = 946_684_800_000_000;

#[cfg_attr(docsrs, doc(cfg(feature = "sqlx-postgres")))]
impl Type<Postgres> for Timestamp {
    fn type_info() -> PgTypeInfo {
        PgTypeInfo::with_name("timestamptz")
    }

    fn compatible(ty: &PgTypeInfo) -> bool {
        *ty == <Self as Type<Postgres>>::type_info()
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "sqlx-postgres")))]
impl PgHasArrayType for Timestamp {
    fn array_type_info() -> PgTypeInfo {
        PgTypeInfo::with_name("_timestamptz")
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "sqlx-postgres")))]
impl Encode<'_, Postgres> for Timestamp {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        // The domain lies well inside PostgreSQL's range: no overflow, no special values.
        let pg = self.as_unix_micros() - PG_EPOCH_MICROS;
        <i64 as Encode<'_, Postgres>>::encode_by_ref(&pg, buf)
    }

    fn size_hint(&self) -> usize {
        8
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "sqlx-postgres")))]
impl<'r> Decode<'r, Postgres> for Timestamp {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        if value.is_null() {
            return Err(Error::Null.into());
        }
        match value.format() {
            PgValueFormat::Binary => {
                let pg = <i64 as Decode<'r, Postgres>>::decode(value)?;
                Ok(from_pg_micros(pg)?)
            }
            PgValueFormat::Text => Ok(parse_pg_text(<&str as Decode<'r, Postgres>>::decode(
                value,
            )?)?),
        }
    }
}

/// A binary `TIMESTAMPTZ`: microseconds since 2000-01-01, with `infinity` at the extremes.
fn from_pg_micros(pg: i64) -> Result<Timestamp, Error> {
    match pg {
        i64::MAX => Err(Error::NotAnInstant("PostgreSQL 'infinity'")),
        i64::MIN => Err(Error::NotAnInstant("PostgreSQL '-infinity'")),
        _ => Timestamp::from_unix_micros_i128(i128::from(pg) + i128::from(PG_EPOCH_MICROS)),
    }
}

/// A text `TIMESTAMPTZ` in the ISO `DateStyle`: `2026-01-01 05:30:00.123456+05:30`, in the
/// session's time zone. The local date may lie outside the domain while the instant does not
/// (`10000-01-01 05:29:59.999999+05:30`, `0001-12-31 19:00:00-05 BC`), so years of any length
/// and BC dates are read, and only the instant is range-checked.
fn parse_pg_text(s: &str) -> Result<Timestamp, Error> {
    match s {
        "infinity" => return Err(Error::NotAnInstant("PostgreSQL 'infinity'")),
        "-infinity" => return Err(Error::NotAnInstant("PostgreSQL '-infinity'")),
        _ => {}
    }
    let bad = |at: usize| {
        let found = crate::parse::char_at(s.as_bytes(), at);
        Error::Parse(ParseError::new(
            ParseErrorKind::InvalidCharacter {
                expected: "PostgreSQL's ISO timestamptz text",
                found,
            },
            at,
        ))
    };
    let (body, bc) = match s.strip_suffix(" BC") {
        Some(body) => (body, true),
        None => (s, false),
    };
    let (date, rest) = body.split_once(' ').ok_or_else(|| bad(body.len()))?;
    let mut date_parts = date.splitn(3, '-');
    let (Some(year_text), Some(month_text), Some(day_text)) =
        (date_parts.next(), date_parts.next(), date_parts.next())
    else {
        return Err(bad(0));
    };
    let year: i64 = digits(year_text).ok_or_else(|| bad(0))?;
    let year = if bc { 1 - year } else { year };
    let month: u8 = digits(month_text)
        .filter(|month| (1..=12).contains(month))
        .ok_or_else(|| bad(year_text.len() + 1))?;
    let day: u8 = digits(day_text)
        .filter(|&day| day >= 1 && day <= civil::days_in_month(year, month))
        .ok_or_else(|| bad(date.len() - day_text.len()))?;

    let time_at = date.len() + 1;
    let sign_at = rest.rfind(['+', '-']).ok_or_else(|| bad(body.len()))?;
    let (time, offset) = rest.split_at(sign_at);
    let (hms, fraction) = time.split_once('.').unwrap_or((time, ""));
    let mut hms_parts = hms.split(':');
    let (Some(hour_text), Some(minute_text), Some(second_text), None) = (
        hms_parts.next(),
        hms_parts.next(),
        hms_parts.next(),
        hms_parts.next(),
    ) else {
        return Err(bad(time_at));
    };
    let hour: i64 = digits(hour_text)
        .filter(|hour| *hour < 24)
        .ok_or_else(|| bad(time_at))?;
    let minute: i64 = digits(minute_text)
        .filter(|minute| *minute < 60)
        .ok_or_else(|| bad(time_at + 3))?;
    let second: i64 = digits(second_text)
        .filter(|second| *second < 60)
        .ok_or_else(|| bad(time_at + 6))?;
    if fraction.len() > 6 {
        return Err(bad(time_at + 9));
    }
    let micros_of_second: i64 = if fraction.is_empty() {
        0
    } else {
        let f: i64 = digits(fraction).ok_or_else(|| bad(time_at + 9))?;
        f * 10_i64.pow(6 - u32::try_from(fraction.len()).unwrap_or(6))
    };

    let offset_at = time_at + sign_at;
    let fields: Vec<&str> = offset[1..].split(':').collect();
    if fields.len() > 3 || fields.iter().any(|f| f.len() != 2) {
        return Err(bad(offset_at));
    }
    let mut offset_secs: i64 = 0;
    for (unit, field) in [3600, 60, 1].into_iter().zip(&fields) {
        offset_secs += unit * digits::<i64>(field).ok_or_else(|| bad(offset_at))?;
    }
    if offset.starts_with('-') {
        offset_secs = -offset_secs;
    }

    let secs =
        civil::days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
            - offset_secs;
    Timestamp::from_unix_micros_i128(i128::from(secs) * 1_000_000 + i128::from(micros_of_second))
}

/// An all-ASCII-digits string as a number (no sign, no spaces).
fn digits<T: core::str::FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_forms_of_every_session_time_zone() {
        let utc = "2026-01-01T00:00:00.123456Z".parse::<Timestamp>().unwrap();
        for text in [
            "2026-01-01 00:00:00.123456+00",
            "2026-01-01 05:30:00.123456+05:30",
            "2025-12-31 19:00:00.123456-05",
            "2026-01-01 00:53:28.123456+00:53:28",
            "2026-01-01 00:00:00.123456-00",
        ] {
            assert_eq!(parse_pg_text(text).unwrap(), utc, "{text}");
        }
        assert_eq!(
            parse_pg_text("infinity"),
            Err(Error::NotAnInstant("PostgreSQL 'infinity'"))
        );
        assert_eq!(
            parse_pg_text("-infinity"),
            Err(Error::NotAnInstant("PostgreSQL '-infinity'"))
        );
        // 1 BC, Dec 31, is the day before the domain starts.
        assert_eq!(
            parse_pg_text("0001-12-31 00:00:00+00 BC"),
            Err(Error::OutOfRange {
                unix_micros: i128::from(Timestamp::MIN.as_unix_micros()) - 86_400_000_000
            })
        );
        assert_eq!(
            parse_pg_text("10000-01-01 05:29:59.999999+05:30"),
            Ok(Timestamp::MAX)
        );
        assert_eq!(
            parse_pg_text("0001-12-31 19:00:00-05 BC"),
            Ok(Timestamp::MIN)
        );
        assert!(matches!(
            parse_pg_text("10000-01-01 00:00:00+00"),
            Err(Error::OutOfRange { .. })
        ));
        assert!(matches!(
            parse_pg_text("2026-01-01 00:00:00+xx"),
            Err(Error::Parse(_))
        ));
        assert!(matches!(
            parse_pg_text("2026-02-30 00:00:00+00"),
            Err(Error::Parse(_))
        ));
        assert!(matches!(
            parse_pg_text("2026-01-01T00:00:00+00"),
            Err(Error::Parse(_))
        ));
        assert!(matches!(parse_pg_text(""), Err(Error::Parse(_))));
        assert!(matches!(
            parse_pg_text("2026-01-01 00:00:00+01:00:00:00"),
            Err(Error::Parse(_))
        ));
    }

    #[test]
    fn mangled_text_never_panics() {
        let seeds = [
            "2026-01-01 05:30:00.123456+05:30",
            "0001-12-31 19:00:00-05 BC",
            "10000-01-01 00:00:00+00:53:28",
        ];
        let alphabet = b"0123456789-+: .BC";
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(state >> 33).unwrap_or(0) % n.max(1)
        };
        for i in 0..100_000 {
            let mut bytes = seeds[i % seeds.len()].as_bytes().to_vec();
            for _ in 0..=next(3) {
                let at = next(bytes.len());
                match next(4) {
                    0 => bytes[at] = alphabet[next(alphabet.len())],
                    1 => bytes.insert(at, alphabet[next(alphabet.len())]),
                    2 => bytes.truncate(at),
                    _ => {
                        bytes.remove(at);
                    }
                }
                if bytes.is_empty() {
                    break;
                }
            }
            let _ = parse_pg_text(&String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn binary_special_values() {
        assert_eq!(
            from_pg_micros(0).unwrap().to_string(),
            "2000-01-01T00:00:00.000000Z"
        );
        assert!(matches!(
            from_pg_micros(i64::MAX),
            Err(Error::NotAnInstant(_))
        ));
        assert!(matches!(
            from_pg_micros(i64::MIN),
            Err(Error::NotAnInstant(_))
        ));
        assert!(matches!(
            from_pg_micros(i64::MAX - 1),
            Err(Error::OutOfRange { .. })
        ));
    }
}
