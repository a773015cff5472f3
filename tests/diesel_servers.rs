//! RELIABILITY.md test 12, Diesel on PostgreSQL (`Timestamptz`) and MySQL/MariaDB (`Datetime`,
//! `Timestamp`): bit-exact round trips of 1,000 random instants plus the edge set, the pair
//! loaded as `Timestamps`, `infinity` and zero dates as errors, and the same column read by
//! Diesel's chrono types and by the sqlx integration, both ways.
//!
//! Compiled only with the feature `diesel-server-tests` (Diesel's connections link libpq and
//! the MySQL client library; `.ci/run` installs them and builds with `--all-features`). The
//! tests need servers: `#[ignore]`d without `--include-ignored`, with their URLs in
//! `TIMESTAMPED_POSTGRES_URL` and `TIMESTAMPED_MYSQL_URL`.
#![cfg(feature = "diesel-server-tests")]
#![allow(missing_docs, reason = "diesel's table! generates undocumented items")]

mod common;

use chrono::{DateTime, NaiveDateTime, Utc};
use common::{edge_set, random_instants};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use stamped::{Timestamp, Timestamps};

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = diesel::sql_types::Datetime)]
    dt: Timestamp,
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn sample() -> Vec<Timestamp> {
    let mut all = edge_set();
    all.extend(random_instants(0x0d1e_5e12, 1_000));
    all
}

fn url(var: &str) -> String {
    std::env::var(var).unwrap_or_else(|_| panic!("{var} must name a server for these tests"))
}

/// A table of its own, dropped at the end: other connections (sqlx) see it.
fn table_name(db: &str) -> String {
    format!("diesel_{db}_{}", std::process::id())
}

mod pg {
    diesel::table! {
        use diesel::sql_types::*;
        stamps (id) {
            id -> BigInt,
            at -> Timestamptz,
            maybe -> Nullable<Timestamptz>,
            later -> Timestamptz,
        }
    }
}

#[tokio::test]
#[ignore = "needs PostgreSQL: set TIMESTAMPED_POSTGRES_URL and pass --include-ignored"]
async fn postgres_timestamptz_round_trips_loads_pairs_and_reads_across_layers() {
    use pg::stamps;
    let url = url("TIMESTAMPED_POSTGRES_URL");
    let mut conn = PgConnection::establish(&url).unwrap();
    let name = table_name("pg");
    conn.batch_execute(&format!(
        "DROP TABLE IF EXISTS {name} CASCADE; CREATE TABLE {name} (id BIGINT PRIMARY KEY, \
         at TIMESTAMPTZ NOT NULL, maybe TIMESTAMPTZ, later TIMESTAMPTZ NOT NULL)"
    ))
    .unwrap();
    // The table! above is named `stamps`: a temporary view points it at ours (a table that
    // the sqlx connection sees too).
    diesel::sql_query(format!("CREATE TEMP VIEW stamps AS SELECT * FROM {name}"))
        .execute(&mut conn)
        .unwrap();

    let written = sample();
    for (i, chunk) in written.chunks(250).enumerate() {
        let rows: Vec<_> = chunk
            .iter()
            .enumerate()
            .map(|(j, t)| {
                let id = i64::try_from(i * 250 + j).unwrap();
                (
                    stamps::id.eq(id),
                    stamps::at.eq(*t),
                    stamps::maybe.eq((id % 2 == 0).then_some(*t)),
                    stamps::later.eq(*t),
                )
            })
            .collect();
        diesel::insert_into(stamps::table)
            .values(&rows)
            .execute(&mut conn)
            .unwrap();
    }
    let back: Vec<(i64, Timestamp, Option<Timestamp>)> = stamps::table
        .select((stamps::id, stamps::at, stamps::maybe))
        .order(stamps::id)
        .load(&mut conn)
        .unwrap();
    for (t, (id, at, maybe)) in written.iter().zip(&back) {
        assert_eq!(at, t);
        assert_eq!(*maybe, (id % 2 == 0).then_some(*t));
    }
    let pair: Timestamps = stamps::table
        .select((stamps::at, stamps::later))
        .first(&mut conn)
        .unwrap();
    assert_eq!(pair.created_at(), written[0]);

    // Diesel's chrono reads ours, and we read what it writes.
    let chrono_back: DateTime<Utc> = stamps::table
        .select(stamps::at)
        .filter(stamps::id.eq(5))
        .first(&mut conn)
        .unwrap();
    assert_eq!(Timestamp::try_from(chrono_back).unwrap(), written[5]);
    let at = ts("2026-06-01T12:34:56.789012Z");
    diesel::insert_into(stamps::table)
        .values((
            stamps::id.eq(-1_i64),
            stamps::at.eq(DateTime::<Utc>::from(at)),
            stamps::later.eq(at),
        ))
        .execute(&mut conn)
        .unwrap();
    let ours: Timestamp = stamps::table
        .select(stamps::at)
        .filter(stamps::id.eq(-1))
        .first(&mut conn)
        .unwrap();
    assert_eq!(ours, at);

    // sqlx reads what Diesel wrote.
    let mut sqlx_conn = <sqlx::PgConnection as sqlx::Connection>::connect(&url)
        .await
        .unwrap();
    let via_sqlx: Timestamp = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT at FROM {name} WHERE id = 5"
    )))
    .fetch_one(&mut sqlx_conn)
    .await
    .unwrap();
    assert_eq!(via_sqlx, written[5]);

    // infinity is an error, never a value.
    diesel::sql_query(format!(
        "INSERT INTO {name} VALUES (-2, 'infinity', '-infinity', 'infinity')"
    ))
    .execute(&mut conn)
    .unwrap();
    let err = stamps::table
        .select(stamps::at)
        .filter(stamps::id.eq(-2))
        .first::<Timestamp>(&mut conn)
        .unwrap_err();
    assert!(format!("{err:?}").contains("infinity"), "{err:?}");
    diesel::sql_query(format!("DROP TABLE {name} CASCADE"))
        .execute(&mut conn)
        .unwrap();
}

mod my {
    diesel::table! {
        use diesel::sql_types::*;
        stamps (id) {
            id -> BigInt,
            dt -> Datetime,
            ts -> Nullable<Timestamp>,
            maybe -> Nullable<Datetime>,
        }
    }
}

#[tokio::test]
#[ignore = "needs MySQL/MariaDB: set TIMESTAMPED_MYSQL_URL and pass --include-ignored"]
async fn mysql_datetime_and_timestamp_round_trip_and_read_across_layers() {
    use my::stamps;
    let url = url("TIMESTAMPED_MYSQL_URL");
    let mut conn = MysqlConnection::establish(&url).unwrap();
    diesel::sql_query("SET time_zone = '+00:00'")
        .execute(&mut conn)
        .unwrap();
    diesel::sql_query(
        "CREATE TEMPORARY TABLE stamps (id BIGINT PRIMARY KEY, dt DATETIME(6) NOT NULL, \
         ts TIMESTAMP(6) NULL, maybe DATETIME(6) NULL)",
    )
    .execute(&mut conn)
    .unwrap();
    let written = sample();
    // TIMESTAMP holds 1970-01-01 00:00:01 ..= 2038-01-19 03:14:07 UTC only.
    let in_timestamp_range = |t: &Timestamp| {
        (ts("1970-01-01T00:00:01Z")..=ts("2038-01-19T03:14:07.999999Z")).contains(t)
    };
    for (i, t) in written.iter().enumerate() {
        let id = i64::try_from(i).unwrap();
        diesel::insert_into(stamps::table)
            .values((
                stamps::id.eq(id),
                stamps::dt.eq(*t),
                stamps::ts.eq(in_timestamp_range(t).then_some(*t)),
                stamps::maybe.eq((id % 2 == 0).then_some(*t)),
            ))
            .execute(&mut conn)
            .unwrap();
    }
    let back: Vec<(i64, Timestamp, Option<Timestamp>, Option<Timestamp>)> = stamps::table
        .select((stamps::id, stamps::dt, stamps::ts, stamps::maybe))
        .order(stamps::id)
        .load(&mut conn)
        .unwrap();
    for (t, (id, dt, tsv, maybe)) in written.iter().zip(&back) {
        assert_eq!(dt, t);
        assert_eq!(*tsv, in_timestamp_range(t).then_some(*t));
        assert_eq!(*maybe, (id % 2 == 0).then_some(*t));
    }
    let pair: Timestamps = stamps::table
        .select((stamps::dt, stamps::dt))
        .first(&mut conn)
        .unwrap();
    assert_eq!(pair.created_at(), written[0]);

    // Diesel's chrono reads ours; we read what it writes.
    let naive: NaiveDateTime = stamps::table
        .select(stamps::dt)
        .filter(stamps::id.eq(5))
        .first(&mut conn)
        .unwrap();
    assert_eq!(Timestamp::try_from(naive.and_utc()).unwrap(), written[5]);
    let at = ts("2026-06-01T12:34:56.789012Z");
    diesel::insert_into(stamps::table)
        .values((
            stamps::id.eq(-1_i64),
            stamps::dt.eq(DateTime::<Utc>::from(at).naive_utc()),
        ))
        .execute(&mut conn)
        .unwrap();
    let ours: Timestamp = stamps::table
        .select(stamps::dt)
        .filter(stamps::id.eq(-1))
        .first(&mut conn)
        .unwrap();
    assert_eq!(ours, at);

    // Zero dates (strict mode off) are errors, never values.
    diesel::sql_query("SET SESSION sql_mode = ''")
        .execute(&mut conn)
        .unwrap();
    diesel::sql_query("INSERT INTO stamps (id, dt) VALUES (-2, '0000-00-00 00:00:00')")
        .execute(&mut conn)
        .unwrap();
    let err = stamps::table
        .select(stamps::dt)
        .filter(stamps::id.eq(-2))
        .first::<Timestamp>(&mut conn)
        .unwrap_err();
    assert!(format!("{err:?}").contains("zero"), "{err:?}");
}

/// sqlx reads what Diesel wrote, and Diesel what sqlx wrote, in a table both connections see.
#[tokio::test]
#[ignore = "needs MySQL/MariaDB: set TIMESTAMPED_MYSQL_URL and pass --include-ignored"]
async fn mysql_layers_read_each_others_stamps() {
    let url = url("TIMESTAMPED_MYSQL_URL");
    let mut conn = MysqlConnection::establish(&url).unwrap();
    let written = sample();
    let name = table_name("my");
    diesel::sql_query(format!(
        "CREATE TABLE {name} (id BIGINT PRIMARY KEY, dt DATETIME(6) NOT NULL)"
    ))
    .execute(&mut conn)
    .unwrap();
    diesel::sql_query(format!("INSERT INTO {name} (id, dt) VALUES (1, ?)"))
        .bind::<diesel::sql_types::Datetime, _>(written[7])
        .execute(&mut conn)
        .unwrap();
    let mut sqlx_conn = <sqlx::MySqlConnection as sqlx::Connection>::connect(&url)
        .await
        .unwrap();
    let via_sqlx: Timestamp = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT dt FROM {name} WHERE id = 1"
    )))
    .fetch_one(&mut sqlx_conn)
    .await
    .unwrap();
    assert_eq!(via_sqlx, written[7]);
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO {name} (id, dt) VALUES (2, ?)"
    )))
    .bind(written[8])
    .execute(&mut sqlx_conn)
    .await
    .unwrap();
    let row: Row = diesel::sql_query(format!("SELECT dt FROM {name} WHERE id = 2"))
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(row.dt, written[8]);
    diesel::sql_query(format!("DROP TABLE {name}"))
        .execute(&mut conn)
        .unwrap();
}
