//! RELIABILITY.md test 7, SQLite: 10,000 random stamps plus the edge set come back bit-exact,
//! `ORDER BY` in SQL is Rust's order, and bad stored values are errors, not panics.

mod common;

use common::{edge_set, random_instants};
use sqlx::sqlite::SqlitePoolOptions;
use sqlx::{Row, SqlitePool};
use stamped::Timestamp;

async fn pool() -> SqlitePool {
    // One connection: an in-memory database lives as long as its connection.
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await
        .unwrap();
    sqlx::query("CREATE TABLE stamps (id INTEGER PRIMARY KEY, at TEXT, maybe TEXT)")
        .execute(&pool)
        .await
        .unwrap();
    pool
}

#[tokio::test]
async fn ten_thousand_stamps_round_trip_bit_exact_and_sort_in_sql() {
    let pool = pool().await;
    let mut written = edge_set();
    written.extend(random_instants(0xDB, 10_000));
    let mut tx = pool.begin().await.unwrap();
    for (id, t) in written.iter().enumerate() {
        let maybe = (id % 2 == 0).then_some(*t);
        sqlx::query("INSERT INTO stamps (id, at, maybe) VALUES (?, ?, ?)")
            .bind(i64::try_from(id).unwrap())
            .bind(t)
            .bind(maybe)
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();

    let rows = sqlx::query("SELECT at, maybe FROM stamps ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(rows.len(), written.len());
    for (id, (row, t)) in rows.iter().zip(&written).enumerate() {
        assert_eq!(row.get::<Timestamp, _>("at"), *t);
        assert_eq!(
            row.get::<Option<Timestamp>, _>("maybe"),
            (id % 2 == 0).then_some(*t)
        );
        assert_eq!(
            row.get::<String, _>("at"),
            t.to_string(),
            "stored as the canonical text"
        );
    }

    let in_sql_order: Vec<Timestamp> = sqlx::query_scalar("SELECT at FROM stamps ORDER BY at")
        .fetch_all(&pool)
        .await
        .unwrap();
    let mut sorted = written.clone();
    sorted.sort();
    assert_eq!(in_sql_order, sorted);
}

#[tokio::test]
async fn other_stored_shapes_are_read_or_refused() {
    let pool = pool().await;
    let cases: [(&str, Option<&str>); 9] = [
        (
            "'2026-01-01 01:00:00.5+01:00'",
            Some("2026-01-01T00:00:00.500000Z"),
        ),
        (
            "'2026-01-01T00:00:00Z'",
            Some("2026-01-01T00:00:00.000000Z"),
        ),
        // Without an offset: UTC, as SQLite's date functions define it (CURRENT_TIMESTAMP's
        // shape, Diesel's chrono shape, a bare date).
        ("'2026-01-01 00:00:00'", Some("2026-01-01T00:00:00.000000Z")),
        (
            "'2026-01-01 00:00:00.123456'",
            Some("2026-01-01T00:00:00.123456Z"),
        ),
        ("'2026-01-01'", Some("2026-01-01T00:00:00.000000Z")),
        ("1767225600", None), // INTEGER: unit unknown
        ("2461041.5", None),  // REAL (a Julian day)
        ("'infinity'", None),
        ("'2026-02-30T00:00:00Z'", None),
    ];
    // What CURRENT_TIMESTAMP writes reads as the same instant as SQLite's own clock.
    let (current, unix): (Timestamp, i64) = sqlx::query_as(
        "SELECT CURRENT_TIMESTAMP, CAST(strftime('%s', CURRENT_TIMESTAMP) AS INTEGER)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(current.as_unix_micros(), unix * 1_000_000);
    for (id, (sql_value, expected)) in cases.iter().enumerate() {
        let insert = format!("INSERT INTO stamps (id, at) VALUES ({id}, {sql_value})");
        sqlx::query(sqlx::AssertSqlSafe(insert.as_str()))
            .execute(&pool)
            .await
            .unwrap();
        let row = sqlx::query("SELECT at FROM stamps WHERE id = ?")
            .bind(i64::try_from(id).unwrap())
            .fetch_one(&pool)
            .await
            .unwrap();
        let got = row.try_get::<Timestamp, _>("at");
        match expected {
            Some(want) => assert_eq!(got.unwrap().to_string(), *want, "{sql_value}"),
            None => assert!(got.is_err(), "{sql_value} must be refused, got {got:?}"),
        }
    }
}

/// NULL where a `Timestamp` is decoded is its own error variant, not a message to compare.
#[tokio::test]
async fn null_is_its_own_error() {
    let pool = pool().await;
    let row = sqlx::query("SELECT NULL AS at")
        .fetch_one(&pool)
        .await
        .unwrap();
    common::assert_null_error(row.try_get::<Timestamp, _>("at").unwrap_err());
    assert_eq!(row.try_get::<Option<Timestamp>, _>("at").unwrap(), None);
}
