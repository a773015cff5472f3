//! Diesel 2.3: [`Timestamp`] as the Rust type of Diesel's date-time SQL types,
//! and [`Timestamps`] loadable as a pair of columns.
//!
//! | feature | SQL types | stored as |
//! |---|---|---|
//! | `diesel-postgres` | `Timestamptz` | PostgreSQL's microseconds, bit-exact; `infinity` is an error |
//! | `diesel-sqlite` | `TimestamptzSqlite`, `Timestamp` | text: `2026-11-26T23:10:26.123456Z` for `TimestamptzSqlite`, `2026-11-26 23:10:26.123456` (UTC, SQLite's own convention) for `Timestamp` |
//! | `diesel-mysql` | `Datetime`, `Timestamp` | `DATETIME(n)` / `TIMESTAMP(n)` through the client's `MYSQL_TIME`, UTC wall time |
//!
//! `Nullable<..>` of each is `Option<Timestamp>`. Reading accepts what the others and Diesel's
//! own chrono types write: on SQLite any RFC 3339 text, text without an offset as UTC (what
//! `CURRENT_TIMESTAMP` and Diesel's `diesel_manage_updated_at` trigger write), a bare date as
//! midnight UTC; numbers (Julian days, Unix seconds) are refused, their unit being unknowable.
//! MySQL's zero date is an error. What is written reads back through chrono too.
//!
//! The pair loads with `.select((created_at, updated_at)).first::<Timestamps>(conn)`
//! (`Timestamps<P>: Queryable<(ST, ST), DB>`), validated like
//! [`Timestamps::restore`].
//!
//! Writing an entity back: Diesel's own `#[derive(AsChangeset)]` on a struct built from the
//! entity's getters (`updated_at` included), applied with a compare-and-set on the version the
//! edit started from, names no field in a string; a stale copy writes nothing
//! (`tests/diesel_sqlite.rs`):
//!
//! ```text
//! diesel::update(tasks.filter(id.eq(task.id)).filter(updated_at.eq(version)))
//!     .set(TaskChanges::from(&task))   // #[derive(AsChangeset)] struct TaskChanges<'a> { title: &'a str, updated_at: Timestamp }
//!     .execute(conn)?                  // 0 rows: another write landed first
//! ```
//!
//! It writes every column of the changeset, changed or not; to write only the changed ones,
//! derive `Timestamped` with `#[timestamped(columns)]` and collect them with a
//! [`ColumnVisitor`](crate::ColumnVisitor).

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromStaticSqlRow, Queryable};

use crate::{Precision, Timestamp, Timestamps};

#[cfg(feature = "diesel-mysql")]
mod mysql;
#[cfg(feature = "diesel-postgres")]
mod postgres;
#[cfg(feature = "diesel-sqlite")]
mod sqlite;

#[cfg_attr(
    docsrs,
    doc(cfg(any(
        feature = "diesel-postgres",
        feature = "diesel-sqlite",
        feature = "diesel-mysql"
    )))
)]
impl<ST, DB, P> Queryable<(ST, ST), DB> for Timestamps<P>
where
    DB: Backend,
    P: Precision,
    Timestamp: FromSql<ST, DB>,
    (Timestamp, Timestamp): FromStaticSqlRow<(ST, ST), DB>,
{
    type Row = (Timestamp, Timestamp);

    /// `(created_at, updated_at)`, validated like [`Timestamps::restore`].
    fn build((created_at, updated_at): Self::Row) -> deserialize::Result<Self> {
        Ok(Timestamps::restore(created_at, updated_at)?)
    }
}
