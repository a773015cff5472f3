//! PostgreSQL `TIMESTAMPTZ`.

use diesel::deserialize::{self, FromSql};
use diesel::pg::data_types::PgTimestamp;
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Timestamptz;

use crate::{Error, Timestamp};

/// 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix microseconds.
const PG_EPOCH_MICROS: i64 = 946_684_800_000_000;

#[cfg_attr(docsrs, doc(cfg(feature = "diesel-postgres")))]
impl ToSql<Timestamptz, Pg> for Timestamp {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        // The domain lies well inside PostgreSQL's range: no overflow, no special values.
        let pg = PgTimestamp(self.as_unix_micros() - PG_EPOCH_MICROS);
        <PgTimestamp as ToSql<Timestamptz, Pg>>::to_sql(&pg, &mut out.reborrow())
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "diesel-postgres")))]
impl FromSql<Timestamptz, Pg> for Timestamp {
    fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
        let PgTimestamp(pg) = <PgTimestamp as FromSql<Timestamptz, Pg>>::from_sql(value)?;
        match pg {
            i64::MAX => Err(Error::NotAnInstant("PostgreSQL 'infinity'").into()),
            i64::MIN => Err(Error::NotAnInstant("PostgreSQL '-infinity'").into()),
            _ => Ok(Timestamp::from_unix_micros_i128(
                i128::from(pg) + i128::from(PG_EPOCH_MICROS),
            )?),
        }
    }
}
