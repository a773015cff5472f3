//! MySQL and MariaDB `DATETIME(n)` and `TIMESTAMP(n)`, through the client's `MYSQL_TIME`.

use diesel::deserialize::{self, FromSql};
use diesel::mysql::data_types::{MysqlTime, MysqlTimestampType};
use diesel::mysql::{Mysql, MysqlValue};
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::{Datetime, Timestamp as SqlTimestamp};

use crate::{civil, Error, Timestamp};

fn to_mysql_time(t: Timestamp) -> MysqlTime {
    let micros = t.as_unix_micros();
    let seconds = micros.div_euclid(1_000_000);
    let (year, month, day) = civil::civil_from_days(seconds.div_euclid(86_400));
    let second_of_day = seconds.rem_euclid(86_400);
    let narrow = |v: i64| u32::try_from(v).unwrap_or_default();
    MysqlTime::new(
        narrow(year),
        u32::from(month),
        u32::from(day),
        narrow(second_of_day / 3600),
        narrow(second_of_day / 60 % 60),
        narrow(second_of_day % 60),
        u64::try_from(micros.rem_euclid(1_000_000)).unwrap_or_default(),
        false,
        MysqlTimestampType::MYSQL_TIMESTAMP_DATETIME,
        0,
    )
}

fn from_mysql_time(t: &MysqlTime) -> Result<Timestamp, Error> {
    if t.year == 0 && t.month == 0 && t.day == 0 {
        return Err(Error::NotAnInstant(
            "MySQL's zero date '0000-00-00 00:00:00'",
        ));
    }
    let micros = (!t.neg)
        .then(|| {
            civil::wall_time_micros(
                t.year,
                t.month,
                t.day,
                (t.hour, t.minute, t.second),
                t.second_part,
            )
        })
        .flatten()
        .ok_or(Error::NotAnInstant(
            "a MySQL date with a zero or impossible part",
        ))?;
    Timestamp::from_unix_micros_i128(micros)
}

#[cfg_attr(docsrs, doc(cfg(feature = "diesel-mysql")))]
impl ToSql<Datetime, Mysql> for Timestamp {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Mysql>) -> serialize::Result {
        <MysqlTime as ToSql<Datetime, Mysql>>::to_sql(&to_mysql_time(*self), &mut out.reborrow())
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "diesel-mysql")))]
impl ToSql<SqlTimestamp, Mysql> for Timestamp {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Mysql>) -> serialize::Result {
        <MysqlTime as ToSql<SqlTimestamp, Mysql>>::to_sql(
            &to_mysql_time(*self),
            &mut out.reborrow(),
        )
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "diesel-mysql")))]
impl FromSql<Datetime, Mysql> for Timestamp {
    fn from_sql(value: MysqlValue<'_>) -> deserialize::Result<Self> {
        Ok(from_mysql_time(&<MysqlTime as FromSql<
            Datetime,
            Mysql,
        >>::from_sql(value)?)?)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "diesel-mysql")))]
impl FromSql<SqlTimestamp, Mysql> for Timestamp {
    fn from_sql(value: MysqlValue<'_>) -> deserialize::Result<Self> {
        Ok(from_mysql_time(&<MysqlTime as FromSql<
            SqlTimestamp,
            Mysql,
        >>::from_sql(value)?)?)
    }
}
