//! `sqlx` encodings of [`Timestamp`](crate::Timestamp): PostgreSQL `TIMESTAMPTZ`, SQLite
//! `TEXT`, MySQL and MariaDB `DATETIME` and `TIMESTAMP`. What is read back is bit-equal to what was written.
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
//! with a space between date and time) under the rules of
//! [`Timestamp`'s `FromStr`](crate::Timestamp#impl-FromStr-for-Timestamp), and text
//! without an offset as UTC, which is how SQLite's own date functions define it: what
//! `CURRENT_TIMESTAMP` writes (`2026-11-26 23:10:26`), what Diesel's chrono types write
//! (`2026-11-26 23:10:26.123456`), and a bare date (`2026-11-26`, midnight UTC). So a column
//! reads the same whoever wrote it. Refused: `INTEGER` / `REAL` values, whose unit (seconds?
//! milliseconds? Julian days?) cannot be known. `NULL` in a non-`Option` field is an
//! error that says so; decode nullable columns as `Option<Timestamp>`.
//!
//! ## MySQL and MariaDB (`sqlx-mysql`)
//!
//! A `Timestamp` is a `DATETIME(n)` or `TIMESTAMP(n)`. It is sent as the text
//! `2026-11-26 23:10:26.123456`, which the server reads into the column exactly at the
//! column's precision: `DATETIME(6)` keeps every microsecond, and an entity whose stamps have
//! the column's precision (`Timestamps<Millis>` in `DATETIME(3)`, `Timestamps<Seconds>` in
//! `DATETIME`) reads back equal. Decoding reads both protocols (binary for prepared statements,
//! text for plain queries). Refused, with an [`Error`](crate::Error): the zero date
//! `0000-00-00 00:00:00` and dates with a zero part, which MySQL stores when strict mode is off.
//!
//! The wall time in the column is UTC. `DATETIME` stores what it is sent; `TIMESTAMP` converts
//! from the **session time zone** to UTC when writing and back when reading, and sqlx sets the
//! session's `time_zone` to `'+00:00'` on connect (`MySqlConnectOptions::timezone`), so both
//! hold UTC and read back exactly. A connection with another session time zone writes
//! `TIMESTAMP` values shifted by it, and reads them shifted back: readers on other session
//! time zones see other wall times. `TIMESTAMP` covers only `1970-01-01 00:00:01` to
//! `2038-01-19 03:14:07` UTC: a stamp outside is refused by the server in strict mode (the
//! default) with a database error (`1292`, incorrect datetime value), never stored wrong.
//! Prefer `DATETIME(6)`:
//!
//! ```sql
//! CREATE TABLE tasks (
//!     id          BIGINT AUTO_INCREMENT PRIMARY KEY,
//!     title       TEXT NOT NULL,
//!     created_at  DATETIME(6) NOT NULL,
//!     updated_at  DATETIME(6) NOT NULL,
//!     deleted_at  DATETIME(6)             -- NULL while the row is live
//! );
//! ```
//!
//! ## Rows
//!
//! [`Timestamps`](crate::Timestamps) implements `sqlx::FromRow` for the rows of all three databases,
//! reading the columns `created_at` and `updated_at` and validating like
//! [`Timestamps::restore`](crate::Timestamps::restore), so an entity loads with
//! `#[derive(sqlx::FromRow)]` and `#[sqlx(flatten)] timestamps: Timestamps`. Other column
//! names: [`Timestamps::from_row_columns`](crate::Timestamps::from_row_columns).

mod changes;
#[cfg(feature = "sqlx-mysql")]
mod mysql;
#[cfg(feature = "sqlx-postgres")]
mod postgres;
mod row;

pub use changes::{push_changes, SetColumns};
#[cfg(feature = "sqlx-sqlite")]
mod sqlite;
