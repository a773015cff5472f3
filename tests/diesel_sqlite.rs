//! RELIABILITY.md test 12, Diesel on SQLite (`diesel-sqlite`): `Timestamp` is the Rust type of
//! `TimestamptzSqlite` and `Timestamp` columns (and `Option<Timestamp>` of their `Nullable`),
//! bit-exact for 1,000 random instants plus the edge set; the pair loads as `Timestamps`,
//! validated; what Diesel's chrono types, `CURRENT_TIMESTAMP` (Diesel's `updated_at` trigger)
//! and the sqlx integration write reads as the same instant, and the other way round.
//! No server: an SQLite file of its own.
#![allow(missing_docs, reason = "diesel's table! generates undocumented items")]

mod common;

use common::{edge_set, random_instants};
use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;
use stamped::{Timestamp, Timestamps};

diesel::table! {
    stamps (id) {
        id -> BigInt,
        tz -> TimestamptzSqlite,
        naive -> Timestamp,
        maybe -> Nullable<TimestamptzSqlite>,
    }
}

diesel::table! {
    tasks (id) {
        id -> BigInt,
        title -> Text,
        created_at -> TimestamptzSqlite,
        updated_at -> TimestamptzSqlite,
    }
}

struct TempDb {
    path: std::path::PathBuf,
}

impl TempDb {
    fn new(name: &str) -> (TempDb, SqliteConnection) {
        let path = std::env::temp_dir().join(format!(
            "timestamped-diesel-{name}-{}.db",
            std::process::id()
        ));
        let _ = std::fs::remove_file(&path);
        let mut conn = SqliteConnection::establish(path.to_str().unwrap()).unwrap();
        diesel::sql_query(
            "CREATE TABLE stamps (id BIGINT PRIMARY KEY, tz TEXT NOT NULL, naive TEXT NOT NULL, maybe TEXT)",
        )
        .execute(&mut conn)
        .unwrap();
        diesel::sql_query(
            "CREATE TABLE tasks (id BIGINT PRIMARY KEY, title TEXT NOT NULL, \
             created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
        )
        .execute(&mut conn)
        .unwrap();
        (TempDb { path }, conn)
    }

    fn url(&self) -> String {
        format!("sqlite://{}", self.path.display())
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[derive(QueryableByName)]
struct Unix {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    seconds: i64,
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

#[test]
fn both_sql_types_round_trip_bit_exact_and_in_sql_order() {
    let (_db, mut conn) = TempDb::new("roundtrip");
    let mut written = edge_set();
    written.extend(random_instants(0x00d1_e5e1, 1_000));
    let rows: Vec<_> = written
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                stamps::id.eq(i64::try_from(i).unwrap()),
                stamps::tz.eq(*t),
                stamps::naive.eq(*t),
                stamps::maybe.eq((i % 2 == 0).then_some(*t)),
            )
        })
        .collect();
    for chunk in rows.chunks(200) {
        diesel::insert_into(stamps::table)
            .values(chunk)
            .execute(&mut conn)
            .unwrap();
    }
    let back: Vec<(Timestamp, Timestamp, Option<Timestamp>)> = stamps::table
        .select((stamps::tz, stamps::naive, stamps::maybe))
        .order(stamps::id)
        .load(&mut conn)
        .unwrap();
    for (i, (t, (tz, naive, maybe))) in written.iter().zip(&back).enumerate() {
        assert_eq!((tz, naive), (t, t), "{i}");
        assert_eq!(*maybe, (i % 2 == 0).then_some(*t), "{i}");
    }
    let mut sorted = written.clone();
    sorted.sort();
    for column in ["tz", "naive"] {
        let ordered: Vec<Timestamp> = stamps::table
            .select(stamps::tz)
            .order(diesel::dsl::sql::<diesel::sql_types::Text>(&format!(
                "{column}, id"
            )))
            .load(&mut conn)
            .unwrap();
        assert_eq!(ordered, sorted, "ORDER BY {column}");
    }
    // A bound stamp compares with the column exactly.
    let probe = written[500];
    let found: i64 = stamps::table
        .filter(stamps::tz.eq(probe))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(found, 1);
}

#[test]
fn the_pair_loads_as_timestamps_validated() {
    let (_db, mut conn) = TempDb::new("pair");
    let pair: Timestamps = Timestamps::restore(
        ts("2026-03-01T10:00:00.123456Z"),
        ts("2026-03-02T10:00:00.654321Z"),
    )
    .unwrap();
    diesel::insert_into(tasks::table)
        .values((
            tasks::id.eq(1_i64),
            tasks::title.eq("a"),
            tasks::created_at.eq(pair.created_at()),
            tasks::updated_at.eq(pair.updated_at()),
        ))
        .execute(&mut conn)
        .unwrap();
    let loaded: Timestamps = tasks::table
        .select((tasks::created_at, tasks::updated_at))
        .first(&mut conn)
        .unwrap();
    assert_eq!(loaded, pair);
    let one: Timestamp = tasks::table
        .select(tasks::updated_at)
        .first(&mut conn)
        .unwrap();
    assert_eq!(one, pair.updated_at());
    // updated_at before created_at: an error, never a pair.
    let err = tasks::table
        .select((tasks::updated_at, tasks::created_at))
        .first::<Timestamps>(&mut conn)
        .unwrap_err();
    assert!(err.to_string().contains("earlier than created_at"), "{err}");
}

#[test]
fn what_chrono_and_current_timestamp_write_reads_as_the_same_instant_and_back() {
    use chrono::{DateTime, NaiveDateTime, Utc};
    let (_db, mut conn) = TempDb::new("chrono");
    let at = ts("2026-06-01T12:34:56.789012Z");
    let utc: DateTime<Utc> = at.into();
    // Diesel's chrono types write; we read.
    diesel::insert_into(stamps::table)
        .values((
            stamps::id.eq(1_i64),
            stamps::tz.eq(utc),
            stamps::naive.eq(utc.naive_utc()),
        ))
        .execute(&mut conn)
        .unwrap();
    let (tz, naive): (Timestamp, Timestamp) = stamps::table
        .select((stamps::tz, stamps::naive))
        .first(&mut conn)
        .unwrap();
    assert_eq!((tz, naive), (at, at));
    // We write; Diesel's chrono types read.
    diesel::insert_into(stamps::table)
        .values((
            stamps::id.eq(2_i64),
            stamps::tz.eq(at),
            stamps::naive.eq(at),
        ))
        .execute(&mut conn)
        .unwrap();
    let (tz, naive): (DateTime<Utc>, NaiveDateTime) = stamps::table
        .select((stamps::tz, stamps::naive))
        .filter(stamps::id.eq(2))
        .first(&mut conn)
        .unwrap();
    assert_eq!((tz, naive), (utc, utc.naive_utc()));
    // What Diesel's `updated_at` trigger writes on SQLite: CURRENT_TIMESTAMP, UTC, no offset.
    diesel::sql_query(
        "INSERT INTO stamps (id, tz, naive) VALUES (3, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    )
    .execute(&mut conn)
    .unwrap();
    let unix: Unix = diesel::sql_query(
        "SELECT CAST(strftime('%s', naive) AS INTEGER) AS seconds FROM stamps WHERE id = 3",
    )
    .get_result(&mut conn)
    .unwrap();
    let (tz, naive): (Timestamp, Timestamp) = stamps::table
        .select((stamps::tz, stamps::naive))
        .filter(stamps::id.eq(3))
        .first(&mut conn)
        .unwrap();
    assert_eq!(naive.as_unix_micros(), unix.seconds * 1_000_000);
    assert_eq!(tz, naive);
}

#[test]
fn numbers_in_a_stamp_column_are_errors() {
    let (_db, mut conn) = TempDb::new("numbers");
    diesel::sql_query("INSERT INTO stamps (id, tz, naive) VALUES (1, 1767225600, 2461041.5)")
        .execute(&mut conn)
        .unwrap();
    for result in [
        stamps::table
            .select(stamps::tz)
            .first::<Timestamp>(&mut conn),
        stamps::table
            .select(stamps::naive)
            .first::<Timestamp>(&mut conn),
    ] {
        let err = format!("{:?}", result.unwrap_err());
        assert!(err.contains("unit cannot be known"), "{err}");
    }
}

/// The same column through both layers: what Diesel writes, sqlx reads as the same instant,
/// and the other way round (P19).
#[tokio::test]
async fn diesel_and_sqlx_read_each_others_stamps() {
    let (db, mut conn) = TempDb::new("layers");
    let first = ts("2026-01-02T03:04:05.060708Z");
    diesel::insert_into(stamps::table)
        .values((
            stamps::id.eq(1_i64),
            stamps::tz.eq(first),
            stamps::naive.eq(first),
        ))
        .execute(&mut conn)
        .unwrap();
    let mut sqlx_conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&db.url())
        .await
        .unwrap();
    let (tz, naive): (Timestamp, Timestamp) =
        sqlx::query_as("SELECT tz, naive FROM stamps WHERE id = 1")
            .fetch_one(&mut sqlx_conn)
            .await
            .unwrap();
    assert_eq!((tz, naive), (first, first));
    let second = ts("1969-07-20T20:17:40.000001Z");
    sqlx::query("INSERT INTO stamps (id, tz, naive) VALUES (2, ?, ?)")
        .bind(second)
        .bind(second)
        .execute(&mut sqlx_conn)
        .await
        .unwrap();
    let (tz, naive): (Timestamp, Timestamp) = stamps::table
        .select((stamps::tz, stamps::naive))
        .filter(stamps::id.eq(2))
        .first(&mut conn)
        .unwrap();
    assert_eq!((tz, naive), (second, second));
}

/// Diesel's own way to write an entity: an `AsChangeset` built from its getters, applied with
/// a compare-and-set on the version the edit started from. No field is named in a string; a
/// stale copy writes nothing.
#[test]
fn an_entity_saves_through_an_as_changeset_with_compare_and_set() {
    use stamped::Timestamped;

    #[derive(Debug, Clone, PartialEq, Timestamped)]
    #[timestamped(new)]
    struct Task {
        #[timestamped(skip)]
        id: i64,
        title: String,
        timestamps: Timestamps,
    }

    #[derive(AsChangeset)]
    #[diesel(table_name = tasks)]
    struct TaskChanges<'a> {
        title: &'a str,
        updated_at: Timestamp,
    }

    impl<'a> From<&'a Task> for TaskChanges<'a> {
        fn from(task: &'a Task) -> Self {
            TaskChanges {
                title: task.title(),
                updated_at: task.updated_at(),
            }
        }
    }

    let (_db, mut conn) = TempDb::new("changeset");
    let mut task = Task::new(1, "write docs".to_owned());
    diesel::insert_into(tasks::table)
        .values((
            tasks::id.eq(task.id),
            tasks::title.eq(task.title()),
            tasks::created_at.eq(task.created_at()),
            tasks::updated_at.eq(task.updated_at()),
        ))
        .execute(&mut conn)
        .unwrap();
    let stale = task.clone();
    let version = task.updated_at();
    assert!(task.set_title("write better docs".to_owned()));
    let written = diesel::update(
        tasks::table
            .filter(tasks::id.eq(task.id))
            .filter(tasks::updated_at.eq(version)),
    )
    .set(TaskChanges::from(&task))
    .execute(&mut conn)
    .unwrap();
    assert_eq!(written, 1);
    let stored: (String, Timestamps) = tasks::table
        .select((tasks::title, (tasks::created_at, tasks::updated_at)))
        .first(&mut conn)
        .unwrap();
    assert_eq!(stored, (task.title().clone(), *task.timestamps()));
    // The stale copy's version no longer matches: nothing is written.
    let written = diesel::update(
        tasks::table
            .filter(tasks::id.eq(stale.id))
            .filter(tasks::updated_at.eq(stale.updated_at())),
    )
    .set(TaskChanges::from(&stale))
    .execute(&mut conn)
    .unwrap();
    assert_eq!(written, 0);
}
