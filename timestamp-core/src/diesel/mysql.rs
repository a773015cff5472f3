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
    let part = |v: u32, max: u32| u8::try_from(v).ok().filter(|v| u32::from(*v) <= max);
    let (Some(month), Some(day)) = (part(t.month, 12), part(t.day, 31)) else {
        return Err(Error::NotAnInstant("a MySQL date with an impossible part"));
    };
    if t.neg
        || month == 0
        || day == 0
        || day > civil::days_in_month(i64::from(t.year), month)
        || t.hour > 23
        || t.minute > 59
        || t.second > 59
        || t.second_part > 999_999
    {
        return Err(Error::NotAnInstant(
            "a MySQL date with a zero or impossible part",
        ));
    }
    let days = civil::days_from_civil(i64::from(t.year), month, day);
    let seconds =
        days * 86_400 + i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(t.second);
    Timestamp::from_unix_micros_i128(i128::from(seconds) * 1_000_000 + i128::from(t.second_part))
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
