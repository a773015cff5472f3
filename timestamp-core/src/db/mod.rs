//! `sqlx` encodings of [`Timestamp`](crate::Timestamp): PostgreSQL `TIMESTAMPTZ` and SQLite
//! `TEXT`. What is read back is bit-equal to what was written.
//!
//! ## PostgreSQL (`sqlx-postgres`)
//!
//! A `Timestamp` is a `TIMESTAMPTZ`, which PostgreSQL keeps as whole microseconds — the same
//! resolution, so nothing is rounded either way. Values are sent in the binary format.
//! Decoding accepts both formats sqlx can receive: binary (prepared statements) and text
//! (`raw_sql`, simple queries), the latter in the ISO `DateStyle` with any session
//! `TimeZone` (offsets `+hh`, `+hh:mm` and `+hh:mm:ss` are all applied exactly).
//! Refused, each with an [`Error`](crate::Error) instead of a panic: `infinity` and
//! `-infinity` ([`Error::NotAnInstant`](crate::Error::NotAnInstant)), and instants outside
//! `0001-01-01 ..= 9999-12-31` such as BC dates ([`Error::OutOfRange`](crate::Error::OutOfRange)).
//! `TIMESTAMP` (without time zone) columns are not accepted: their values name no instant.
//!
//! ## SQLite (`sqlx-sqlite`)
//!
//! SQLite has no date type; a `Timestamp` is stored as `TEXT` in the canonical 27-byte form
//! (`2026-11-26T23:10:26.123456Z`), so `ORDER BY` on the column is time order and the text is
//! readable in the `sqlite3` shell. Decoding accepts any RFC 3339 text with an offset (also
//! with a space between date and time, as SQLite's own functions print plus an offset) under
//! the rules of [`parse`](crate::parse). Refused: text without an offset (what
//! `CURRENT_TIMESTAMP` writes: it names no instant), and `INTEGER` / `REAL` values, whose unit
//! (seconds? milliseconds? Julian days?) cannot be known.

#[cfg(feature = "sqlx-postgres")]
mod postgres;
#[cfg(feature = "sqlx-sqlite")]
mod sqlite;
