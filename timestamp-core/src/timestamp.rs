//! [`Timestamp`]: one UTC instant in whole microseconds.

use core::fmt;
use core::num::NonZeroU64;
use core::str::FromStr;
use core::time::Duration;

use crate::civil;
use crate::error::Error;

/// A UTC instant with microsecond resolution: 8 bytes, `Copy`, ordered like time.
///
/// The domain is `0001-01-01T00:00:00Z ..= 9999-12-31T23:59:59.999999Z`, the range every
/// common database and date library can hold. Every way in ([`from_unix_micros`], parsing,
/// conversions from other libraries) checks it and returns [`Error::OutOfRange`] outside it;
/// nothing wraps or panics.
///
/// `Option<Timestamp>` is 8 bytes too: the representation leaves a niche.
///
/// ```
/// # extern crate timestamp_core as stamped;
/// use stamped::Timestamp;
///
/// let t: Timestamp = "2026-11-26T23:10:26.123456+01:00".parse()?;
/// assert_eq!(t.to_string(), "2026-11-26T22:10:26.123456Z");
/// assert_eq!(t.as_unix_micros(), 1_795_731_026_123_456);
/// assert_eq!(Timestamp::from_unix_micros(t.as_unix_micros())?, t);
/// assert_eq!(std::mem::size_of::<Option<Timestamp>>(), 8);
/// # Ok::<(), stamped::Error>(())
/// ```
///
/// [`from_unix_micros`]: Timestamp::from_unix_micros
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
// Diesel: `column.eq(ts)`, `Option<Timestamp>` for `Nullable<..>`, and `.first::<Timestamp>()`
// for each SQL type whose `ToSql`/`FromSql` the `diesel` module implements.
#[cfg_attr(
    any(
        feature = "diesel-postgres",
        feature = "diesel-sqlite",
        feature = "diesel-mysql"
    ),
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)
)]
#[cfg_attr(
    feature = "diesel-postgres",
    diesel(sql_type = diesel::sql_types::Timestamptz)
)]
#[cfg_attr(
    feature = "diesel-sqlite",
    diesel(sql_type = diesel::sql_types::TimestamptzSqlite)
)]
#[cfg_attr(
    any(feature = "diesel-sqlite", feature = "diesel-mysql"),
    diesel(sql_type = diesel::sql_types::Timestamp)
)]
#[cfg_attr(
    feature = "diesel-mysql",
    diesel(sql_type = diesel::sql_types::Datetime)
)]
pub struct Timestamp {
    // The microseconds with the sign bit flipped: an order-preserving map of i64 onto u64 whose
    // only zero, i64::MIN, lies outside the domain. Derived `Ord` is therefore time order.
    biased: NonZeroU64,
}

const SIGN: u64 = 1 << 63;
const MIN_MICROS: i64 = -62_135_596_800_000_000;
const MAX_MICROS: i64 = 253_402_300_799_999_999;

impl Timestamp {
    /// The first supported instant, `0001-01-01T00:00:00.000000Z`.
    pub const MIN: Timestamp = Timestamp::from_valid(MIN_MICROS);
    /// The last supported instant, `9999-12-31T23:59:59.999999Z`.
    pub const MAX: Timestamp = Timestamp::from_valid(MAX_MICROS);
    /// The Unix epoch, `1970-01-01T00:00:00.000000Z`.
    pub const UNIX_EPOCH: Timestamp = Timestamp::from_valid(0);

    /// The instant `micros` microseconds after (before, if negative) the Unix epoch.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside [`Timestamp::MIN`] `..=` [`Timestamp::MAX`].
    pub const fn from_unix_micros(micros: i64) -> Result<Timestamp, Error> {
        if micros < MIN_MICROS || micros > MAX_MICROS {
            return Err(Error::OutOfRange {
                unix_micros: micros as i128,
            });
        }
        Ok(Timestamp::from_valid(micros))
    }

    /// Like [`from_unix_micros`](Timestamp::from_unix_micros), for wider inputs.
    pub(crate) fn from_unix_micros_i128(micros: i128) -> Result<Timestamp, Error> {
        match i64::try_from(micros) {
            Ok(m) => Timestamp::from_unix_micros(m),
            Err(_) => Err(Error::OutOfRange {
                unix_micros: micros,
            }),
        }
    }

    /// The instant clamped into the domain; for clock readings, which must not fail.
    pub(crate) const fn from_unix_micros_clamped(micros: i64) -> Timestamp {
        if micros < MIN_MICROS {
            Self::MIN
        } else if micros > MAX_MICROS {
            Self::MAX
        } else {
            Timestamp::from_valid(micros)
        }
    }

    /// Like [`from_unix_micros_clamped`](Timestamp::from_unix_micros_clamped), for wider
    /// readings (nanosecond clocks, `SystemTime`).
    pub(crate) fn from_unix_micros_i128_clamped(micros: i128) -> Timestamp {
        let narrowed =
            i64::try_from(micros).unwrap_or(if micros < 0 { i64::MIN } else { i64::MAX });
        Timestamp::from_unix_micros_clamped(narrowed)
    }

    /// Builds a value already known to be in the domain.
    pub(crate) const fn from_valid(micros: i64) -> Timestamp {
        #[expect(
            clippy::cast_sign_loss,
            reason = "a bit-level reinterpretation, by design"
        )]
        let biased = (micros as u64) ^ SIGN;
        match NonZeroU64::new(biased) {
            Some(biased) => Timestamp { biased },
            // Only i64::MIN maps to zero and it is not in the domain.
            None => Timestamp {
                biased: NonZeroU64::MIN,
            },
        }
    }

    /// Microseconds since the Unix epoch (negative before 1970).
    #[inline]
    pub const fn as_unix_micros(self) -> i64 {
        #[expect(clippy::cast_possible_wrap, reason = "undoes the bias of `from_valid`")]
        let micros = (self.biased.get() ^ SIGN) as i64;
        micros
    }

    /// The current clock's reading: the clock given to [`with_clock`](crate::with_clock) on
    /// this thread, else the process default (see [`install_default_clock`](crate::install_default_clock)),
    /// else [`SystemClock`](crate::SystemClock).
    #[inline]
    pub fn now() -> Timestamp {
        crate::scope::current_now()
    }

    /// This instant rounded down (toward the past) to a multiple of `unit_micros`.
    #[inline]
    pub(crate) const fn floor_to(self, unit_micros: i64) -> Timestamp {
        if unit_micros <= 1 {
            return self;
        }
        let m = self.as_unix_micros();
        // MIN is a whole second, so flooring never leaves the domain.
        Timestamp::from_valid(m - m.rem_euclid(unit_micros))
    }

    /// `self + d`, floored to the microsecond (a sub-microsecond part of `d` is dropped).
    ///
    /// # Errors
    /// [`Error::OutOfRange`] when the result is past [`Timestamp::MAX`].
    pub fn checked_add(self, d: Duration) -> Result<Timestamp, Error> {
        #[expect(
            clippy::cast_possible_wrap,
            reason = "as_micros() < 2^128 / 2 for any Duration"
        )]
        let delta = d.as_micros() as i128;
        Timestamp::from_unix_micros_i128(i128::from(self.as_unix_micros()) + delta)
    }

    /// `self - d`, floored to the microsecond: a sub-microsecond part of `d` moves the result
    /// one microsecond further into the past, never into the future.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] when the result is before [`Timestamp::MIN`].
    pub fn checked_sub(self, d: Duration) -> Result<Timestamp, Error> {
        #[expect(
            clippy::cast_possible_wrap,
            reason = "as_micros() < 2^128 / 2 for any Duration"
        )]
        let delta = d.as_micros() as i128 + i128::from(!d.subsec_nanos().is_multiple_of(1_000));
        Timestamp::from_unix_micros_i128(i128::from(self.as_unix_micros()) - delta)
    }

    /// How long after `earlier` this instant is; `None` if it is before `earlier` (named like
    /// `std::time::Instant::checked_duration_since`).
    pub fn checked_duration_since(self, earlier: Timestamp) -> Option<Duration> {
        let diff = self
            .as_unix_micros()
            .checked_sub(earlier.as_unix_micros())?;
        u64::try_from(diff).ok().map(Duration::from_micros)
    }

    /// The canonical text form as bytes: RFC 3339, UTC, `Z`, 6 fractional digits, 27 bytes.
    pub fn to_canonical_bytes(self) -> [u8; 27] {
        let micros = self.as_unix_micros();
        let secs = micros.div_euclid(1_000_000);
        let frac = micros.rem_euclid(1_000_000);
        let days = secs.div_euclid(86_400);
        let sod = secs.rem_euclid(86_400);
        let (y, m, d) = civil::civil_from_days(days);
        let mut out = *b"0000-00-00T00:00:00.000000Z";
        put_digits(&mut out[0..4], y);
        put_digits(&mut out[5..7], i64::from(m));
        put_digits(&mut out[8..10], i64::from(d));
        put_digits(&mut out[11..13], sod / 3600);
        put_digits(&mut out[14..16], sod / 60 % 60);
        put_digits(&mut out[17..19], sod % 60);
        put_digits(&mut out[20..26], frac);
        out
    }
}

/// Writes `value` (non-negative) right-aligned in ASCII decimal digits, zero-padded.
fn put_digits(dst: &mut [u8], mut value: i64) {
    for b in dst.iter_mut().rev() {
        #[expect(clippy::cast_possible_truncation, reason = "rem_euclid(10) is 0..=9")]
        let digit = value.rem_euclid(10) as u8;
        *b = b'0' + digit;
        value /= 10;
    }
}

impl fmt::Display for Timestamp {
    /// The canonical form, e.g. `2026-11-26T23:10:26.123456Z`: always 27 bytes, so string order
    /// is time order.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = self.to_canonical_bytes();
        let s = core::str::from_utf8(&bytes).map_err(|_| fmt::Error)?;
        f.pad(s)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Timestamp {
    type Err = Error;

    /// Parses RFC 3339 with any offset and normalises to UTC.
    ///
    /// Accepted: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±hh:mm)`, the form RFC 3339 section 5.6 gives.
    ///
    /// - The date/time separator may be `T`, `t` or one space (as PostgreSQL and SQLite print);
    ///   `Z` may be `z`. Nothing else is tolerated: no surrounding whitespace, no missing offset.
    /// - Any offset from `-23:59` to `+23:59` is normalised to UTC; `-00:00` means UTC.
    /// - Fractions of 1 to 9 digits are accepted. Digits past the sixth are **truncated toward the
    ///   past**, never rounded: `23:59:59.9999999Z` stays on the same day. More than 9 digits is an
    ///   error ([`ParseErrorKind::FractionTooLong`](crate::ParseErrorKind::FractionTooLong)).
    /// - A leap second `23:59:60` (UTC, after applying the offset) becomes the last microsecond of
    ///   that minute, `23:59:59.999999`: still after every other instant of the day, never in the
    ///   next day. Second 60 anywhere else is
    ///   [`ParseErrorKind::LeapSecondMisplaced`](crate::ParseErrorKind::LeapSecondMisplaced).
    /// - Instants outside `0001-01-01T00:00:00Z ..= 9999-12-31T23:59:59.999999Z` after
    ///   normalisation are [`Error::OutOfRange`].
    fn from_str(s: &str) -> Result<Timestamp, Error> {
        crate::parse::parse_rfc3339(s.as_bytes())
    }
}

impl TryFrom<&str> for Timestamp {
    type Error = Error;

    fn try_from(s: &str) -> Result<Timestamp, Error> {
        s.parse()
    }
}

impl TryFrom<std::time::SystemTime> for Timestamp {
    type Error = Error;

    /// Sub-microsecond digits are floored (toward the past, also before 1970).
    fn try_from(t: std::time::SystemTime) -> Result<Timestamp, Error> {
        Timestamp::from_unix_micros_i128(system_time_micros(t))
    }
}

/// Microseconds since the Unix epoch of `t`, floored (toward the past, also before 1970).
pub(crate) fn system_time_micros(t: std::time::SystemTime) -> i128 {
    match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => i128::try_from(after.as_micros()).unwrap_or(i128::MAX),
        Err(before) => {
            let d = before.duration();
            let whole = i128::try_from(d.as_micros()).unwrap_or(i128::MAX);
            -whole - i128::from(!d.subsec_nanos().is_multiple_of(1_000))
        }
    }
}

impl TryFrom<Timestamp> for std::time::SystemTime {
    type Error = Error;

    /// Exact where the platform's `SystemTime` reaches the instant (on Linux, the whole domain;
    /// on Windows, from 1601 on).
    fn try_from(t: Timestamp) -> Result<std::time::SystemTime, Error> {
        let micros = t.as_unix_micros();
        let magnitude = Duration::from_micros(micros.unsigned_abs());
        let out_of_range = || Error::OutOfRange {
            unix_micros: i128::from(micros),
        };
        if micros >= 0 {
            std::time::UNIX_EPOCH
                .checked_add(magnitude)
                .ok_or_else(out_of_range)
        } else {
            std::time::UNIX_EPOCH
                .checked_sub(magnitude)
                .ok_or_else(out_of_range)
        }
    }
}
