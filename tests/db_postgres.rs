//! RELIABILITY.md test 7, PostgreSQL: 10,000 random stamps plus the edge set come back
//! bit-exact over the binary and the text protocol, `ORDER BY` in SQL is Rust's order,
//! `infinity` and out-of-range values are errors.
//!
//! Needs a server, so every test here is `#[ignore]`d in a plain `cargo test` (reported as
//! ignored, never as passed). Run them with `TIMESTAMPED_POSTGRES_URL` set and
//! `-- --include-ignored`, as CI does (`postgres://postgres@127.0.0.1:5432/test`).
//! Every test works in temporary tables of its own connection: nothing is left behind.

mod common;

use common::{edge_set, random_instants};
use sqlx::{Connection, PgConnection, Row};
use stamped::{Error, Timestamp};

async fn connect() -> PgConnection {
    let url = std::env::var("TIMESTAMPED_POSTGRES_URL")
        .expect("TIMESTAMPED_POSTGRES_URL must name a PostgreSQL server for these tests");
    let mut conn = PgConnection::connect(&url)
        .await
        .expect("TIMESTAMPED_POSTGRES_URL is set but unreachable");
    sqlx::raw_sql(
        "CREATE TEMP TABLE stamps (id BIGINT PRIMARY KEY, at TIMESTAMPTZ, maybe TIMESTAMPTZ)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    conn
}

fn sample() -> Vec<Timestamp> {
    let mut all = edge_set();
    all.extend(random_instants(0x96, 10_000));
    all
}

async fn insert_all(conn: &mut PgConnection, values: &[Timestamp]) {
    let ids: Vec<i64> = (0..values.len())
        .map(|i| i64::try_from(i).unwrap())
        .collect();
    let maybe: Vec<Option<Timestamp>> = values
        .iter()
        .enumerate()
        .map(|(i, t)| (i % 3 != 0).then_some(*t))
        .collect();
    sqlx::query("INSERT INTO stamps (id, at, maybe) SELECT * FROM UNNEST($1::bigint[], $2::timestamptz[], $3::timestamptz[])")
        .bind(&ids)
        .bind(values)
        .bind(&maybe)
        .execute(&mut *conn)
        .await
        .unwrap();
}

#[tokio::test]
#[ignore = "needs PostgreSQL: set TIMESTAMPED_POSTGRES_URL and pass --include-ignored"]
async fn ten_thousand_stamps_round_trip_bit_exact() {
    let mut conn = connect().await;
    let written = sample();
    insert_all(&mut conn, &written).await;

    // Binary protocol (prepared statement).
    let rows = sqlx::query("SELECT at, maybe FROM stamps ORDER BY id")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    for (i, (row, t)) in rows.iter().zip(&written).enumerate() {
        assert_eq!(row.get::<Timestamp, _>("at"), *t);
        assert_eq!(
            row.get::<Option<Timestamp>, _>("maybe"),
            (i % 3 != 0).then_some(*t)
        );
    }
    assert_eq!(rows.len(), written.len());

    // Text protocol, in a session time zone that is not UTC (with a half-hour offset).
    sqlx::raw_sql("SET TIME ZONE 'Asia/Kolkata'")
        .execute(&mut conn)
        .await
        .unwrap();
    let rows = sqlx::raw_sql("SELECT at FROM stamps ORDER BY id")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert_eq!(rows.len(), written.len());
    for (row, t) in rows.iter().zip(&written) {
        assert_eq!(row.get::<Timestamp, _>("at"), *t);
    }

    // PostgreSQL's own rendering of what we stored is our canonical text.
    sqlx::raw_sql("SET TIME ZONE 'UTC'")
        .execute(&mut conn)
        .await
        .unwrap();
    let texts: Vec<String> = sqlx::query_scalar(
        r#"SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') FROM stamps ORDER BY id"#,
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let ours: Vec<String> = written.iter().map(ToString::to_string).collect();
    assert_eq!(texts, ours);
}

#[tokio::test]
#[ignore = "needs PostgreSQL: set TIMESTAMPED_POSTGRES_URL and pass --include-ignored"]
async fn order_by_in_sql_is_rust_order() {
    let mut conn = connect().await;
    let written = sample();
    insert_all(&mut conn, &written).await;
    let in_sql: Vec<Timestamp> = sqlx::query_scalar("SELECT at FROM stamps ORDER BY at")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let mut sorted = written;
    sorted.sort();
    assert_eq!(in_sql, sorted);
}

#[tokio::test]
#[ignore = "needs PostgreSQL: set TIMESTAMPED_POSTGRES_URL and pass --include-ignored"]
async fn infinity_and_out_of_range_are_errors() {
    let mut conn = connect().await;
    let cases = [
        ("'infinity'", "infinity"),
        ("'-infinity'", "-infinity"),
        ("'0044-03-15 12:00:00+00 BC'", "outside the supported range"),
        ("'10000-01-01 00:00:00+00'", "outside the supported range"),
        (
            "'294276-12-31 23:59:59.999999+00'",
            "outside the supported range",
        ),
    ];
    for (id, (value, message)) in cases.iter().enumerate() {
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "INSERT INTO stamps (id, at) VALUES ({id}, {value})"
        )))
        .execute(&mut conn)
        .await
        .unwrap();
        let select = format!("SELECT at FROM stamps WHERE id = {id}");
        let binary = sqlx::query(sqlx::AssertSqlSafe(select.as_str()))
            .fetch_one(&mut conn)
            .await
            .unwrap();
        let text = sqlx::raw_sql(sqlx::AssertSqlSafe(select.as_str()))
            .fetch_one(&mut conn)
            .await
            .unwrap();
        for row in [binary, text] {
            let err = row.try_get::<Timestamp, _>("at").expect_err(value);
            assert!(err.to_string().contains(message), "{value}: {err}");
        }
    }
    // The typed error is reachable for callers that want it.
    let row = sqlx::query("SELECT 'infinity'::timestamptz AS at")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    match row.try_get::<Timestamp, _>("at") {
        Err(sqlx::Error::ColumnDecode { source, .. }) => {
            assert_eq!(
                source.downcast_ref::<Error>(),
                Some(&Error::NotAnInstant("PostgreSQL 'infinity'"))
            );
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
#[ignore = "needs PostgreSQL: set TIMESTAMPED_POSTGRES_URL and pass --include-ignored"]
async fn timestamp_without_time_zone_is_refused() {
    let mut conn = connect().await;
    let row = sqlx::query("SELECT '2026-01-01 00:00:00'::timestamp AS at")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert!(matches!(
        row.try_get::<Timestamp, _>("at"),
        Err(sqlx::Error::ColumnDecode { .. })
    ));
}

/// NULL where a `Timestamp` is decoded is its own error variant, in both protocols.
#[tokio::test]
#[ignore = "needs PostgreSQL: set TIMESTAMPED_POSTGRES_URL and pass --include-ignored"]
async fn null_is_its_own_error() {
    let mut conn = connect().await;
    // Binary (a prepared statement) and text (a simple query) protocols.
    let row = sqlx::query("SELECT NULL::timestamptz AS at")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let text = sqlx::raw_sql("SELECT NULL::timestamptz AS at")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    for row in [row, text] {
        common::assert_null_error(row.try_get::<Timestamp, _>("at").unwrap_err());
        assert_eq!(row.try_get::<Option<Timestamp>, _>("at").unwrap(), None);
    }
}
