//! The RFC 3339 parser behind [`Timestamp`]'s `FromStr`; its rules are documented there.

use crate::civil;
use crate::error::{Error, ParseError, ParseErrorKind};
use crate::Timestamp;

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn fail(&self, kind: ParseErrorKind) -> ParseError {
        ParseError::new(kind, self.pos)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The character at the cursor was not `expected` (the input must not be at its end).
    fn invalid(&self, expected: &'static str) -> ParseError {
        self.fail(ParseErrorKind::InvalidCharacter {
            expected,
            found: char_at(self.bytes, self.pos),
        })
    }

    fn expect(&mut self, want: u8, expected: &'static str) -> Result<(), ParseError> {
        match self.peek() {
            Some(b) if b == want => {
                self.pos += 1;
                Ok(())
            }
            Some(_) => Err(self.invalid(expected)),
            None => Err(self.fail(ParseErrorKind::UnexpectedEnd { expected })),
        }
    }

    /// Exactly `n` ASCII digits as a number.
    fn digits(&mut self, n: usize, expected: &'static str) -> Result<u32, ParseError> {
        let mut value = 0u32;
        for _ in 0..n {
            match self.peek() {
                Some(b @ b'0'..=b'9') => {
                    value = value * 10 + u32::from(b - b'0');
                    self.pos += 1;
                }
                Some(_) => return Err(self.invalid(expected)),
                None => return Err(self.fail(ParseErrorKind::UnexpectedEnd { expected })),
            }
        }
        Ok(value)
    }

    /// Two digits as a number.
    fn two_digits(&mut self, expected: &'static str) -> Result<u8, ParseError> {
        let v = self.digits(2, expected)?;
        #[expect(clippy::cast_possible_truncation, reason = "two digits, at most 99")]
        Ok(v as u8)
    }

    /// Two digits checked against `max`, reported with `kind` when above it.
    fn field(
        &mut self,
        expected: &'static str,
        max: u8,
        kind: fn(u8) -> ParseErrorKind,
    ) -> Result<u8, ParseError> {
        let start = self.pos;
        let v = self.two_digits(expected)?;
        if v > max {
            return Err(ParseError::new(kind(v), start));
        }
        Ok(v)
    }
}

/// Parses one RFC 3339 timestamp; see the module docs for the exact rules.
#[expect(
    clippy::too_many_lines,
    reason = "one linear grammar reads best in one place"
)]
pub(crate) fn parse_rfc3339(bytes: &[u8]) -> Result<Timestamp, Error> {
    if bytes.is_empty() {
        return Err(ParseError::new(ParseErrorKind::Empty, 0).into());
    }
    let mut c = Cursor { bytes, pos: 0 };
    let year = c.digits(4, "a four-digit year")?;
    c.expect(b'-', "'-' after the year")?;
    let month_at = c.pos;
    let month = c.two_digits("a two-digit month")?;
    if !(1..=12).contains(&month) {
        return Err(ParseError::new(ParseErrorKind::MonthOutOfRange(month), month_at).into());
    }
    c.expect(b'-', "'-' after the month")?;
    let day_at = c.pos;
    let day = c.two_digits("a two-digit day")?;
    if day == 0 || day > civil::days_in_month(i64::from(year), month) {
        #[expect(clippy::cast_possible_truncation, reason = "four digits fit u16")]
        let year = year as u16;
        return Err(
            ParseError::new(ParseErrorKind::DayOutOfRange { year, month, day }, day_at).into(),
        );
    }
    match c.peek() {
        Some(b'T' | b't' | b' ') => c.pos += 1,
        Some(_) => return Err(c.invalid("'T' between date and time").into()),
        None => {
            return Err(c
                .fail(ParseErrorKind::UnexpectedEnd {
                    expected: "'T' and a time",
                })
                .into())
        }
    }
    let hour = c.field("a two-digit hour", 23, ParseErrorKind::HourOutOfRange)?;
    c.expect(b':', "':' after the hour")?;
    let minute = c.field("a two-digit minute", 59, ParseErrorKind::MinuteOutOfRange)?;
    c.expect(b':', "':' after the minute")?;
    let second_at = c.pos;
    let second = c.field("a two-digit second", 60, ParseErrorKind::SecondOutOfRange)?;

    let mut micros_of_second: i64 = 0;
    if c.peek() == Some(b'.') {
        c.pos += 1;
        let frac_at = c.pos;
        let mut digits = 0usize;
        while let Some(b @ b'0'..=b'9') = c.peek() {
            if digits < 6 {
                micros_of_second = micros_of_second * 10 + i64::from(b - b'0');
            }
            digits += 1;
            c.pos += 1;
        }
        if digits == 0 {
            return Err(match c.peek() {
                Some(_) => c.invalid("a digit after '.'"),
                None => c.fail(ParseErrorKind::UnexpectedEnd {
                    expected: "a digit after '.'",
                }),
            }
            .into());
        }
        if digits > 9 {
            return Err(
                ParseError::new(ParseErrorKind::FractionTooLong { digits }, frac_at).into(),
            );
        }
        for _ in digits..6 {
            micros_of_second *= 10;
        }
    }

    let offset_at = c.pos;
    let offset_minutes: i64 = match c.peek() {
        Some(b'Z' | b'z') => {
            c.pos += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            c.pos += 1;
            let h = c.digits(2, "a two-digit offset hour")?;
            c.expect(b':', "':' in the offset")?;
            let m = c.digits(2, "a two-digit offset minute")?;
            if h > 23 || m > 59 {
                return Err(ParseError::new(ParseErrorKind::OffsetOutOfRange, offset_at).into());
            }
            if c.peek() == Some(b':') {
                return Err(c.fail(ParseErrorKind::OffsetWithSeconds).into());
            }
            let total = i64::from(h * 60 + m);
            if sign == b'-' {
                -total
            } else {
                total
            }
        }
        None => return Err(c.fail(ParseErrorKind::MissingOffset).into()),
        Some(_) => return Err(c.invalid("'Z' or a UTC offset").into()),
    };
    if c.pos != bytes.len() {
        return Err(c.fail(ParseErrorKind::TrailingCharacters).into());
    }

    let days = civil::days_from_civil(i64::from(year), month, day);
    let local_secs = days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60;
    let utc_minute_start = local_secs - offset_minutes * 60;
    let (second, micros_of_second) = if second == 60 {
        if utc_minute_start.rem_euclid(86_400) != 23 * 3600 + 59 * 60 {
            return Err(ParseError::new(ParseErrorKind::LeapSecondMisplaced, second_at).into());
        }
        (59, 999_999)
    } else {
        (i64::from(second), micros_of_second)
    };
    let micros = i128::from(utc_minute_start + second) * 1_000_000 + i128::from(micros_of_second);
    Timestamp::from_unix_micros_i128(micros)
}

/// A database's date-time text, UTC unless it says otherwise: RFC 3339 as [`parse_rfc3339`]
/// reads it, and also text without an offset, which SQLite's date functions define as UTC
/// (`CURRENT_TIMESTAMP` writes `2026-11-26 23:10:26`, Diesel's chrono types
/// `2026-11-26 23:10:26.123456`) and MySQL's text protocol sends in the session's zone (UTC
/// under sqlx), and a bare date (`date('now')`), read as midnight UTC.
#[cfg(any(
    feature = "sqlx-sqlite",
    feature = "diesel-sqlite",
    feature = "sqlx-mysql"
))]
pub(crate) fn parse_text_as_utc(bytes: &[u8]) -> Result<Timestamp, Error> {
    // A number stored as text (a TEXT column's affinity converts it): Julian days? Unix
    // seconds? Milliseconds? Its unit cannot be known.
    if core::str::from_utf8(bytes).is_ok_and(|t| t.trim().parse::<f64>().is_ok()) {
        return Err(Error::NotAnInstant(
            "a number in a SQLite date-time column (its unit cannot be known)",
        ));
    }
    let has_offset = bytes.len() > 10
        && bytes[10..]
            .iter()
            .any(|b| matches!(b, b'Z' | b'z' | b'+' | b'-'));
    if has_offset {
        return parse_rfc3339(bytes);
    }
    let mut utc = Vec::with_capacity(bytes.len() + 10);
    utc.extend_from_slice(bytes);
    if bytes.len() == 10 {
        utc.extend_from_slice(b"T00:00:00");
    }
    utc.push(b'Z');
    parse_rfc3339(&utc)
}

/// The character that starts at byte `at` of `bytes`, decoded as UTF-8 (so an error names `−`,
/// not the first byte of its encoding); U+FFFD where the bytes there are not UTF-8.
pub(crate) fn char_at(bytes: &[u8], at: usize) -> char {
    let rest = bytes.get(at..).unwrap_or_default();
    (1..=rest.len().min(4))
        .find_map(|len| core::str::from_utf8(&rest[..len]).ok())
        .and_then(|s| s.chars().next())
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}
