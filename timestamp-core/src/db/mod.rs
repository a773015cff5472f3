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
//! `TIMESTAMP` (without time zone) and `DATE` columns are not accepted *for reading*: their
//! values name no instant. **Writing** is another matter, and PostgreSQL does not refuse it: a
//! `Timestamp` bound into a `TIMESTAMP` or `DATE` column is converted by the server into the
//! session's `TimeZone` and stored as that local wall time, silently. Under
//! `TimeZone = 'Asia/Kolkata'`, `2026-01-01T20:00:00.123456Z` is stored as
//! `2026-01-02 01:30:00.123456`, and the same value written under UTC would be stored five and
//! a half hours apart. Declare every column that holds a stamp `TIMESTAMPTZ`:
//!
//! ```sql
//! CREATE TABLE tasks (
//!     id          BIGSERIAL PRIMARY KEY,
//!     title       TEXT NOT NULL,
//!     created_at  TIMESTAMPTZ NOT NULL,
//!     updated_at  TIMESTAMPTZ NOT NULL,
//!     deleted_at  TIMESTAMPTZ            -- NULL while the row is live
//! );
//! ```
//!
//! ## SQLite (`sqlx-sqlite`)
//!
//! SQLite has no date type; a `Timestamp` is stored as `TEXT` in the canonical 27-byte form
//! (`2026-11-26T23:10:26.123456Z`), so `ORDER BY` on the column is time order and the text is
//! readable in the `sqlite3` shell. Decoding accepts any RFC 3339 text with an offset (also
//! with a space between date and time, as SQLite's own functions print plus an offset) under
//! the rules of [`parse`](crate::parse). Refused: text without an offset (what
//! `CURRENT_TIMESTAMP` writes: it names no instant), and `INTEGER` / `REAL` values, whose unit
//! (seconds? milliseconds? Julian days?) cannot be known. `NULL` in a non-`Option` field is an
//! error that says so; decode nullable columns as `Option<Timestamp>`.
//!
//! ## Rows
//!
//! [`Timestamps`](crate::Timestamps) implements `sqlx::FromRow` for the rows of both databases,
//! reading the columns `created_at` and `updated_at` and validating like
//! [`Timestamps::restore`](crate::Timestamps::restore), so an entity loads with
//! `#[derive(sqlx::FromRow)]` and `#[sqlx(flatten)] timestamps: Timestamps`. Other column
//! names: [`Timestamps::from_row_columns`](crate::Timestamps::from_row_columns).

#[cfg(feature = "sqlx-postgres")]
mod postgres;
mod row;
#[cfg(feature = "sqlx-sqlite")]
mod sqlite;
