//! The one error type of the crate.

use core::fmt;

use crate::Timestamp;

/// Everything that can go wrong when a timestamp enters the library.
///
/// No function of this crate panics on bad input: it returns one of these instead.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The instant lies outside `0001-01-01T00:00:00Z ..= 9999-12-31T23:59:59.999999Z`.
    OutOfRange {
        /// The offending instant in microseconds since the Unix epoch (wide enough for any input).
        unix_micros: i128,
    },
    /// A text form could not be parsed; says what was wrong and at which byte.
    Parse(ParseError),
    /// `updated_at` would precede `created_at`.
    UpdatedBeforeCreated {
        /// The creation stamp that was given.
        created_at: Timestamp,
        /// The update stamp that was given, earlier than `created_at`.
        updated_at: Timestamp,
    },
    /// A soft-deleted entity rebuilt with a deletion stamp outside its life: before
    /// `created_at` or after `updated_at` (a deletion touches, so it is never later than the
    /// last change).
    DeletedOutOfOrder {
        /// The creation stamp that was given.
        created_at: Timestamp,
        /// The update stamp that was given.
        updated_at: Timestamp,
        /// The deletion stamp that was given.
        deleted_at: Timestamp,
    },
    /// A stored stamp finer than the precision of the pair it is restored into (a
    /// `Timestamps<Seconds>` given `…:01.500123Z`): refused rather than rounded, so that what is
    /// in memory is what storage holds.
    FinerThanPrecision {
        /// The stamp that was given.
        value: Timestamp,
        /// The pair's unit, in microseconds (1,000 for `Millis`, 1,000,000 for `Seconds`).
        unit_micros: i64,
    },
    /// SQL `NULL` where a timestamp is required: decode a nullable column as
    /// `Option<Timestamp>`.
    Null,
    /// A value from another library or from storage has no instant (e.g. PostgreSQL `infinity`).
    NotAnInstant(&'static str),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::OutOfRange { unix_micros } => write!(
                f,
                "instant {unix_micros} µs since the Unix epoch is outside the supported range \
                 0001-01-01T00:00:00Z ..= 9999-12-31T23:59:59.999999Z"
            ),
            Error::Parse(e) => fmt::Display::fmt(e, f),
            Error::UpdatedBeforeCreated {
                created_at,
                updated_at,
            } => write!(
                f,
                "updated_at ({updated_at}) is earlier than created_at ({created_at})"
            ),
            Error::Null => f.write_str(
                "SQL NULL where a timestamp is required (decode a nullable column as `Option<Timestamp>`)",
            ),
            Error::FinerThanPrecision { value, unit_micros } => write!(
                f,
                "{value} is finer than the stamps' precision (whole units of {unit_micros} µs)"
            ),
            Error::DeletedOutOfOrder {
                created_at,
                updated_at,
                deleted_at,
            } => write!(
                f,
                "deleted_at ({deleted_at}) is not between created_at ({created_at}) and updated_at ({updated_at})"
            ),
            Error::NotAnInstant(what) => write!(f, "{what} is not an instant"),
        }
    }
}

/// No `source`: a parse error's `Display` is already the parse error's own message, so an error
/// chain prints it once.
impl std::error::Error for Error {}

impl From<ParseError> for Error {
    fn from(e: ParseError) -> Self {
        Error::Parse(e)
    }
}

/// Why a text form was rejected, and the byte offset where the problem starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseError {
    kind: ParseErrorKind,
    position: usize,
}

impl ParseError {
    pub(crate) const fn new(kind: ParseErrorKind, position: usize) -> Self {
        ParseError { kind, position }
    }

    /// What was wrong.
    pub const fn kind(&self) -> ParseErrorKind {
        self.kind
    }

    /// The byte offset in the input where the problem starts.
    pub const fn position(&self) -> usize {
        self.position
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid RFC 3339 timestamp at byte {}: {}",
            self.position, self.kind
        )
    }
}

impl std::error::Error for ParseError {}

/// The kinds of [`ParseError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The input is empty.
    Empty,
    /// The input ends where more was expected.
    UnexpectedEnd {
        /// What was expected there.
        expected: &'static str,
    },
    /// A byte that does not belong at this place.
    InvalidCharacter {
        /// What was expected there.
        expected: &'static str,
        /// The character found instead (U+FFFD where the input was not UTF-8 there).
        found: char,
    },
    /// Month outside `01..=12`.
    MonthOutOfRange(u8),
    /// Day outside the month (e.g. February 30).
    DayOutOfRange {
        /// The year.
        year: u16,
        /// The month.
        month: u8,
        /// The day that month does not have.
        day: u8,
    },
    /// Hour outside `00..=23`.
    HourOutOfRange(u8),
    /// Minute outside `00..=59`.
    MinuteOutOfRange(u8),
    /// Second outside `00..=60`.
    SecondOutOfRange(u8),
    /// Second `60` anywhere but the last minute of a UTC day, where leap seconds are inserted.
    LeapSecondMisplaced,
    /// More than 9 fractional digits (nanoseconds are the finest unit accepted).
    FractionTooLong {
        /// How many digits were given.
        digits: usize,
    },
    /// No `Z` and no numeric offset: a local time, which names no instant.
    MissingOffset,
    /// An offset hour above 23 or an offset minute above 59.
    OffsetOutOfRange,
    /// An offset with seconds (`+01:00:00`), which RFC 3339 does not allow.
    OffsetWithSeconds,
    /// Characters after a complete timestamp (including whitespace).
    TrailingCharacters,
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ParseErrorKind::Empty => f.write_str("the input is empty"),
            ParseErrorKind::UnexpectedEnd { expected } => {
                write!(f, "the input ends where {expected} was expected")
            }
            ParseErrorKind::InvalidCharacter { expected, found } => {
                write!(f, "expected {expected}, found {found:?}")
            }
            ParseErrorKind::MonthOutOfRange(m) => write!(f, "month {m} is not in 01..=12"),
            ParseErrorKind::DayOutOfRange { year, month, day } => {
                write!(f, "day {day} does not exist in {year:04}-{month:02}")
            }
            ParseErrorKind::HourOutOfRange(h) => write!(f, "hour {h} is not in 00..=23"),
            ParseErrorKind::MinuteOutOfRange(m) => write!(f, "minute {m} is not in 00..=59"),
            ParseErrorKind::SecondOutOfRange(s) => write!(f, "second {s} is not in 00..=60"),
            ParseErrorKind::LeapSecondMisplaced => f.write_str(
                "second 60 is only valid at 23:59:60 UTC, where leap seconds are inserted",
            ),
            ParseErrorKind::FractionTooLong { digits } => {
                write!(f, "{digits} fractional digits; at most 9 are accepted")
            }
            ParseErrorKind::MissingOffset => {
                f.write_str("no UTC offset (`Z` or `+hh:mm`): a local time names no instant")
            }
            ParseErrorKind::OffsetOutOfRange => {
                f.write_str("the UTC offset is not in -23:59..=+23:59")
            }
            ParseErrorKind::OffsetWithSeconds => {
                f.write_str("the UTC offset has seconds, which RFC 3339 does not allow")
            }
            ParseErrorKind::TrailingCharacters => {
                f.write_str("unexpected characters after the timestamp")
            }
        }
    }
}
