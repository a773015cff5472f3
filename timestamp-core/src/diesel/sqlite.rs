//! SQLite text: `TimestamptzSqlite` in the canonical form, `Timestamp` in SQLite's own UTC form.

use diesel::deserialize::{self, FromSql};
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{Timestamp as SqlTimestamp, TimestamptzSqlite};
use diesel::sqlite::{Sqlite, SqliteType, SqliteValue};

use crate::{Error, Timestamp};

#[cfg_attr(docsrs, doc(cfg(feature = "diesel-sqlite")))]
impl ToSql<TimestamptzSqlite, Sqlite> for Timestamp {
    /// `2026-11-26T23:10:26.123456Z`: what the sqlx integration writes too.
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(self.to_string());
        Ok(IsNull::No)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "diesel-sqlite")))]
impl ToSql<SqlTimestamp, Sqlite> for Timestamp {
    /// `2026-11-26 23:10:26.123456`: UTC without an offset, as SQLite's date functions write
    /// it, so it sorts with what `CURRENT_TIMESTAMP` wrote into the same column.
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        let canonical = self.to_canonical_bytes();
        let mut text = String::from_utf8_lossy(&canonical[..26]).into_owned();
        text.replace_range(10..11, " ");
        out.set_value(text);
        Ok(IsNull::No)
    }
}

fn from_text(mut value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Timestamp> {
    match value.value_type() {
        Some(SqliteType::Text) => Ok(crate::parse::parse_text_as_utc(
            value.read_text().as_bytes(),
        )?),
        Some(SqliteType::Long | SqliteType::Double) => Err(Error::NotAnInstant(
            "a number in a SQLite date-time column (its unit cannot be known)",
        )
        .into()),
        None => Err(Error::Null.into()),
        Some(_) => Err(Error::NotAnInstant("a SQLite value that is not text").into()),
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "diesel-sqlite")))]
impl FromSql<TimestamptzSqlite, Sqlite> for Timestamp {
    fn from_sql(value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        from_text(value)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "diesel-sqlite")))]
impl FromSql<SqlTimestamp, Sqlite> for Timestamp {
    fn from_sql(value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        from_text(value)
    }
}
