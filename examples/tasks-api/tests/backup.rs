//! Backups keep every stamp: 10,000 tasks, their stamps spread over the whole supported range,
//! dumped and restored (PostgreSQL: `pg_dump` into a fresh database; SQLite: `VACUUM INTO`),
//! then served by the service from the copy, bit-identical.

mod common;

use std::process::Command;

use common::{list, Database, Server};
use reqwest::Client;
use sqlx::Connection;
use stamped::Timestamp;

const TASKS: usize = 10_000;

/// `TASKS` pairs `created_at <= updated_at`, from a fixed seed, with the domain's edges.
fn stamps() -> Vec<(Timestamp, Timestamp)> {
    let min = Timestamp::MIN.as_unix_micros();
    let max = Timestamp::MAX.as_unix_micros();
    let mut state: u64 = 0x5EED_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let span = u64::try_from(max - min).unwrap();
    let mut pairs = vec![
        (Timestamp::MIN, Timestamp::MIN),
        (Timestamp::MIN, Timestamp::MAX),
        (Timestamp::MAX, Timestamp::MAX),
        (Timestamp::UNIX_EPOCH, Timestamp::UNIX_EPOCH),
    ];
    while pairs.len() < TASKS {
        let a = min + i64::try_from(next() % span).unwrap();
        let b = min + i64::try_from(next() % span).unwrap();
        let (a, b) = (a.min(b), a.max(b));
        pairs.push((
            Timestamp::from_unix_micros(a).unwrap(),
            Timestamp::from_unix_micros(b).unwrap(),
        ));
    }
    pairs
}

/// Starts the service on `url`, reads every task, and checks each against `pairs` (task `i`,
/// id `i + 1`, has the `i`-th pair).
async fn served_stamps_match(url: &str, pairs: &[(Timestamp, Timestamp)]) {
    let server = Server::start(url).await;
    let tasks = list(&Client::new(), &server).await;
    assert_eq!(tasks.len(), pairs.len());
    for (task, (created, updated)) in tasks.iter().zip(pairs) {
        assert_eq!(common::stamp(task, "created_at"), *created, "{task}");
        assert_eq!(common::stamp(task, "updated_at"), *updated, "{task}");
    }
    server.stop().await;
}

async fn fill(url: &str, pairs: &[(Timestamp, Timestamp)]) {
    // The service creates the schema; the rows then go in as one statement.
    let server = Server::start(url).await;
    server.stop().await;
    let ids: Vec<i64> = (1..=i64::try_from(pairs.len()).unwrap()).collect();
    let created: Vec<Timestamp> = pairs.iter().map(|p| p.0).collect();
    let updated: Vec<Timestamp> = pairs.iter().map(|p| p.1).collect();
    if url.starts_with("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
        let mut tx = conn.begin().await.unwrap();
        for i in 0..pairs.len() {
            sqlx::query(
                "INSERT INTO tasks (id, title, description, priority, created_at, updated_at) \
                 VALUES ($1, $2, '', 'medium', $3, $4)",
            )
            .bind(ids[i])
            .bind(format!("task {i}"))
            .bind(created[i])
            .bind(updated[i])
            .execute(&mut *tx)
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
    } else {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query(
            "INSERT INTO tasks (id, title, description, priority, created_at, updated_at) \
             SELECT id, 'task ' || (id - 1), '', 'medium', c, u \
             FROM UNNEST($1::bigint[], $2::timestamptz[], $3::timestamptz[]) AS t(id, c, u)",
        )
        .bind(&ids)
        .bind(&created)
        .bind(&updated)
        .execute(&mut conn)
        .await
        .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_vacuum_into_keeps_every_stamp() {
    let db = Database::sqlite();
    let pairs = stamps();
    fill(&db.url, &pairs).await;
    let copy = Database::sqlite();
    let copy_path = copy
        .url
        .trim_start_matches("sqlite://")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let mut conn = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
    sqlx::query("VACUUM INTO $1")
        .bind(&copy_path)
        .execute(&mut conn)
        .await
        .unwrap();
    drop(conn);
    db.drop_all().await; // the original is gone: the service serves the copy
    served_stamps_match(&copy.url, &pairs).await;
    copy.drop_all().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL and pg_dump: set TIMESTAMPED_POSTGRES_URL and pass --include-ignored"]
async fn pg_dump_and_restore_keep_every_stamp() {
    let admin = std::env::var("TIMESTAMPED_POSTGRES_URL")
        .expect("TIMESTAMPED_POSTGRES_URL must name a PostgreSQL server");
    let db = Database::postgres().await;
    let schema = db
        .schema()
        .expect("a PostgreSQL database has a schema")
        .to_owned();
    let pairs = stamps();
    fill(&db.url, &pairs).await;

    let dump = std::env::temp_dir().join(format!("tasks-api-dump-{}.sql", std::process::id()));
    let dumped = Command::new("pg_dump")
        .arg(format!("--dbname={admin}"))
        .arg(format!("--schema={schema}"))
        .arg("--no-owner")
        .arg(format!("--file={}", dump.display()))
        .status()
        .expect("pg_dump runs");
    assert!(dumped.success());

    let fresh = format!("tasks_restore_{}", std::process::id());
    let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {fresh}"
    )))
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {fresh}")))
        .execute(&mut conn)
        .await
        .unwrap();
    let base = admin
        .rsplit_once('/')
        .map_or(admin.as_str(), |(base, _)| base);
    let fresh_url = format!("{base}/{fresh}");
    let restored = Command::new("psql")
        .arg(&fresh_url)
        .args(["--quiet", "--set=ON_ERROR_STOP=1", "--file"])
        .arg(&dump)
        .status()
        .expect("psql runs");
    assert!(restored.success());
    let _ = std::fs::remove_file(&dump);
    db.drop_all().await; // the original is gone: the service serves the copy

    let served = format!("{fresh_url}?options=-c%20search_path%3D{schema}");
    served_stamps_match(&served, &pairs).await;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE {fresh} WITH (FORCE)"
    )))
    .execute(&mut conn)
    .await
    .unwrap();
}
