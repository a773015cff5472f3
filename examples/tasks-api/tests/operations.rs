//! The service at its operating edges, as an operator meets them: a full disk, a restore into
//! another cluster, rows deleted by hand, instances started together, read-only switched on
//! while writes wait, a clock an hour off, the feed held back, the page framed (P16-P18).
#[macro_use]
mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{create, send, Database, Options, Outside, Server};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};
use stamped::{Clock, SystemClock, Timestamp};

on_both_databases!(
    a_cursor_ahead_of_the_database_is_410_cursor_reset,
    instances_started_together_on_an_empty_database_all_serve,
    no_write_is_acknowledged_after_read_only_is_switched_on,
    every_response_carries_the_security_headers,
    stamps_in_the_future_are_counted_and_alerted,
    a_database_of_the_previous_layout_migrates_in_place,
);

/// Polls the feed from `after` until a page comes back empty; the tasks by id (the last
/// version seen of each) and the cursor reached.
async fn follow(client: &Client, server: &Server, after: &str) -> (BTreeMap<i64, Value>, String) {
    follow_until(client, server, after, |_| true).await
}

/// Polls the feed from `after` until a page comes back empty and `done` holds for what was
/// seen (other tests' open transactions hold the PostgreSQL feed back for a while), for 20 s
/// at most.
async fn follow_until(
    client: &Client,
    server: &Server,
    after: &str,
    done: impl Fn(&BTreeMap<i64, Value>) -> bool,
) -> (BTreeMap<i64, Value>, String) {
    let give_up = std::time::Instant::now() + Duration::from_secs(20);
    let mut seen = BTreeMap::new();
    let mut cursor = after.to_owned();
    loop {
        let (status, _, body) = send(
            client,
            Method::GET,
            server.url(&format!("/api/v1/tasks/changes?limit=50&after={cursor}")),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let changes = body["changes"].as_array().expect("changes").clone();
        cursor = body["next"].as_str().expect("next").to_owned();
        if changes.is_empty() {
            if done(&seen) || std::time::Instant::now() > give_up {
                return (seen, cursor);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        for task in changes {
            seen.insert(task["id"].as_i64().unwrap(), task);
        }
    }
}

async fn put(client: &Client, server: &Server, id: i64, body: Value) -> (StatusCode, Value) {
    let (status, _, reply) = send(
        client,
        Method::PUT,
        server.url(&format!("/api/v1/tasks/{id}")),
        Some(body),
    )
    .await;
    (status, reply)
}

fn assert_cursor_reset(status: StatusCode, body: &Value) {
    assert_eq!(status, StatusCode::GONE, "{body}");
    assert_eq!(body["error"]["code"], "cursor_reset", "{body}");
}

// ---------------------------------------------------------------------------------------------
// The change feed's marks.

/// A cursor past anything the database has issued is refused with 410 `cursor_reset`, never
/// answered with an empty page forever.
async fn a_cursor_ahead_of_the_database_is_410_cursor_reset(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    create(&client, &server, json!({"title": "one"})).await;
    let (_, reached) = follow(&client, &server, "").await;
    let (mark, id) = reached.split_once('.').unwrap();
    let ahead = format!("{}.{id}", mark.parse::<i64>().unwrap() + 1_000_000);
    for cursor in ["9223372036854775807.9223372036854775807".to_owned(), ahead] {
        let (status, _, body) = send(
            &client,
            Method::GET,
            server.url(&format!("/api/v1/tasks/changes?after={cursor}")),
            None,
        )
        .await;
        assert_cursor_reset(status, &body);
    }
    // The cursor the feed gave is still good.
    let (status, _, body) = send(
        &client,
        Method::GET,
        server.url(&format!("/api/v1/tasks/changes?after={reached}")),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    server.stop().await;
}

/// SQLite: rows with the highest marks deleted by hand (or tombstones purged) must not make the
/// next marks repeat below a follower's cursor.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_marks_never_repeat_after_hard_deletes() {
    let db = Database::sqlite();
    let server = Server::start(&db.url).await;
    let client = Client::new();
    let mut ids = Vec::new();
    for title in ["a", "b", "c", "d"] {
        ids.push(
            create(&client, &server, json!({"title": title})).await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let (_, cursor) = follow(&client, &server, "").await;
    let mut outside = Outside::connect(&db.url).await;
    outside
        .execute("DELETE FROM tasks WHERE change_seq >= (SELECT MAX(change_seq) - 1 FROM tasks)")
        .await;
    let (status, _) = put(&client, &server, ids[0], json!({"title": "a, changed"})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = put(&client, &server, ids[1], json!({"title": "b, changed"})).await;
    assert_eq!(status, StatusCode::OK);
    let (seen, _) = follow(&client, &server, &cursor).await;
    assert_eq!(
        seen.keys().copied().collect::<Vec<_>>(),
        vec![ids[0], ids[1]],
        "the follower missed changes made after the hard delete"
    );
    assert_eq!(seen[&ids[0]]["title"], "a, changed");
    server.stop().await;
    db.drop_all().await;
}

/// PostgreSQL: a `pg_dump` restored into another cluster (whose transaction ids are behind the
/// marks it restores). A follower from the beginning sees every task at once, a follower with
/// a cursor from the old cluster is told to start again (410), and changes after the restore
/// reach the new follower.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs two PostgreSQL clusters: set TIMESTAMPED_POSTGRES_URL and TIMESTAMPED_POSTGRES_URL_2 and pass --include-ignored"]
async fn a_restore_into_another_cluster_keeps_the_feed_whole() {
    let admin = std::env::var("TIMESTAMPED_POSTGRES_URL").expect("TIMESTAMPED_POSTGRES_URL");
    let other = std::env::var("TIMESTAMPED_POSTGRES_URL_2")
        .expect("TIMESTAMPED_POSTGRES_URL_2 must name a second PostgreSQL cluster");
    let db = Database::postgres().await;
    let schema = db.schema().unwrap().to_owned();
    let client = Client::new();

    let server = Server::start(&db.url).await;
    let mut ids = Vec::new();
    for i in 0..200 {
        let task = create(&client, &server, json!({"title": format!("task {i}")})).await;
        ids.push(task["id"].as_i64().unwrap());
    }
    let (before, old_cursor) = follow_until(&client, &server, "", |s| s.len() == 200).await;
    assert_eq!(before.len(), 200);
    server.stop().await;

    let dump = std::env::temp_dir().join(format!("tasks-api-feed-{}.sql", std::process::id()));
    let dumped = Command::new("pg_dump")
        .arg(format!("--dbname={admin}"))
        .arg(format!("--schema={schema}"))
        .arg("--no-owner")
        .arg(format!("--file={}", dump.display()))
        .status()
        .expect("pg_dump runs");
    assert!(dumped.success());
    db.drop_all().await;

    let fresh = format!("tasks_feed_restore_{}", std::process::id());
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&other)
        .await
        .expect("the second cluster is reachable");
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
    let base = other.rsplit_once('/').map_or(other.as_str(), |(b, _)| b);
    let fresh_url = format!("{base}/{fresh}");
    let restored = Command::new("psql")
        .arg(&fresh_url)
        .args(["--quiet", "--set=ON_ERROR_STOP=1", "--file"])
        .arg(&dump)
        .status()
        .expect("psql runs");
    assert!(restored.success());
    let _ = std::fs::remove_file(&dump);

    let restored_url = format!("{fresh_url}?options=-c%20search_path%3D{schema}");
    let server = Server::start(&restored_url).await;
    let (from_start, _) = follow_until(&client, &server, "", |s| s.len() == 200).await;
    assert_eq!(
        from_start.len(),
        200,
        "a follower from the beginning must see every restored task"
    );
    for id in &ids[..35] {
        let (status, _) = put(&client, &server, *id, json!({"title": "after the restore"})).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, _, body) = send(
        &client,
        Method::GET,
        server.url(&format!("/api/v1/tasks/changes?after={old_cursor}")),
        None,
    )
    .await;
    assert_cursor_reset(status, &body);
    let changed = |copy: &BTreeMap<i64, Value>| {
        copy.values()
            .filter(|t| t["title"] == "after the restore")
            .count()
    };
    let (copy, _) = follow_until(&client, &server, "", |c| changed(c) == 35).await;
    let changed = changed(&copy);
    assert_eq!((copy.len(), changed), (200, 35));
    server.stop().await;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE {fresh} WITH (FORCE)"
    )))
    .execute(&mut conn)
    .await
    .unwrap();
}

// ---------------------------------------------------------------------------------------------
// Start-up.

/// Three instances opened at the same moment on a database with no schema yet: all of them
/// open and serve.
async fn instances_started_together_on_an_empty_database_all_serve(url: &str) {
    let (a, b, c) = tokio::join!(Server::start(url), Server::start(url), Server::start(url));
    let client = Client::new();
    for server in [&a, &b, &c] {
        create(&client, server, json!({"title": "served"})).await;
    }
    let (seen, _) = follow_until(&client, &a, "", |s| s.len() == 3).await;
    assert_eq!(seen.len(), 3);
    for server in [a, b, c] {
        server.stop().await;
    }
}

// ---------------------------------------------------------------------------------------------
// Read-only mode.

/// PUTs waiting on a row lock when read-only is switched on: none of them is acknowledged, and
/// none of them is stored.
async fn no_write_is_acknowledged_after_read_only_is_switched_on(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    let task = create(&client, &server, json!({"title": "before"})).await;
    let id = task["id"].as_i64().unwrap();
    let mut holder = Outside::connect(url).await;
    holder
        .execute(&format!(
            "BEGIN; UPDATE tasks SET title = title WHERE id = {id}"
        ))
        .await;
    let puts: Vec<_> = (0..3)
        .map(|i| {
            let client = client.clone();
            let url = server.url(&format!("/api/v1/tasks/{id}"));
            tokio::spawn(async move {
                send(
                    &client,
                    Method::PUT,
                    url,
                    Some(json!({"title": format!("during {i}")})),
                )
                .await
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(500)).await;
    server.app.set_read_only(true);
    holder.execute("ROLLBACK").await;
    for put in puts {
        let (status, _, body) = put.await.unwrap();
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert_eq!(body["error"]["code"], "read_only", "{body}");
    }
    let stored = Outside::connect(url)
        .await
        .tasks(&format!("SELECT * FROM tasks WHERE id = {id}"), None)
        .await;
    assert_eq!(stored[0].title(), "before");
    server.stop().await;
}

// ---------------------------------------------------------------------------------------------
// Headers.

/// The page cannot be framed and runs no inline script; no response can be sniffed into
/// another type.
async fn every_response_carries_the_security_headers(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    let page = client.get(server.url("/")).send().await.unwrap();
    let header = |name: &str| {
        page.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let csp = header("content-security-policy").expect("a CSP on the page");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert_eq!(header("x-frame-options").as_deref(), Some("DENY"));
    let html = page.text().await.unwrap();
    assert!(
        !html.contains("<script>") && !html.contains(" style="),
        "inline script or style would be blocked by the CSP"
    );
    for path in [
        "/health",
        "/api/v1/tasks",
        "/api/v1/tasks/99999",
        "/nowhere",
        "/metrics",
    ] {
        let response = client.get(server.url(path)).send().await.unwrap();
        assert_eq!(
            response
                .headers()
                .get("x-content-type-options")
                .map(|v| v.to_str().unwrap()),
            Some("nosniff"),
            "{path}"
        );
    }
    server.stop().await;
}

// ---------------------------------------------------------------------------------------------
// A full disk.

/// A small tmpfs mounted for one test, unmounted on drop.
struct Tmpfs(std::path::PathBuf);

impl Tmpfs {
    fn mount(size: &str) -> Tmpfs {
        let dir = std::env::temp_dir().join(format!("tasks-api-full-{}", std::process::id()));
        let _ = Command::new("umount").arg(&dir).status();
        std::fs::create_dir_all(&dir).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .status()
            .expect("mount runs");
        assert!(mounted.success(), "mounting a tmpfs needs root");
        Tmpfs(dir)
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
        let _ = std::fs::remove_dir(&self.0);
    }
}

/// SQLite on a filesystem that fills up: every create answered 201 is stored, every other one
/// is 503 `storage_full`; `/health` names the full disk; once space is freed the service writes
/// again by itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs root to mount a 2 MB tmpfs: pass --include-ignored as root"]
async fn on_a_full_filesystem_every_acknowledged_create_is_stored() {
    let fs = Tmpfs::mount("2m");
    let ballast = fs.0.join("ballast");
    std::fs::write(&ballast, vec![0_u8; 512 * 1024]).unwrap();
    let url = format!("sqlite://{}/tasks.db?mode=rwc", fs.0.display());
    let server = Server::start_with(&url, Options::default()).await;
    let client = Client::new();
    let description = "x".repeat(4000);
    let mut acknowledged = BTreeSet::new();
    let mut refused = 0;
    for i in 0..600 {
        let (status, _, body) = send(
            &client,
            Method::POST,
            server.url("/api/v1/tasks"),
            Some(json!({"title": format!("task {i}"), "description": description})),
        )
        .await;
        if status == StatusCode::CREATED {
            let id = body["id"].as_i64().unwrap();
            assert!(acknowledged.insert(id), "id {id} was given twice");
        } else {
            assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
            assert_eq!(body["error"]["code"], "storage_full", "{body}");
            refused += 1;
        }
    }
    assert!(refused > 0, "the filesystem never filled");
    let (status, _, health) = send(&client, Method::GET, server.url("/health"), None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{health}");
    assert_eq!(health["status"], "storage_full", "{health}");

    std::fs::remove_file(&ballast).unwrap();
    let (status, _, health) = send(&client, Method::GET, server.url("/health"), None).await;
    assert_eq!(status, StatusCode::OK, "space freed: {health}");
    let task = create(&client, &server, json!({"title": "after"})).await;
    acknowledged.insert(task["id"].as_i64().unwrap());
    server.stop().await;

    let stored: BTreeSet<i64> = Outside::connect(&url)
        .await
        .tasks("SELECT * FROM tasks", None)
        .await
        .iter()
        .map(tasks_api::Task::id)
        .collect();
    assert_eq!(stored, acknowledged, "acknowledged creates were lost");
}

// ---------------------------------------------------------------------------------------------
// Clocks.

/// The system clock shifted by an offset that the test can change while the service runs.
#[derive(Clone, Default)]
struct Shifted(Arc<AtomicI64>);

impl Clock for Shifted {
    fn now(&self) -> Timestamp {
        let micros = SystemClock
            .now()
            .as_unix_micros()
            .saturating_add(self.0.load(Ordering::SeqCst));
        Timestamp::from_unix_micros(micros).unwrap_or(Timestamp::MAX)
    }
}

const HOUR_MICROS: i64 = 3_600_000_000;

async fn health(client: &Client, server: &Server) -> (StatusCode, Value) {
    let (status, _, body) = send(client, Method::GET, server.url("/health"), None).await;
    (status, body)
}

/// `off`, whose clock is `offset` µs off, refuses writes and says so; `good` writes meanwhile.
async fn refuses_writes_while_off(
    client: &Client,
    off: &Server,
    good: &Server,
    id: i64,
    offset: i64,
) {
    off.app.check_clock().await.expect("PostgreSQL").unwrap();
    let (status, _, body) = send(
        client,
        Method::POST,
        off.url("/api/v1/tasks"),
        Some(json!({"title": "from the future"})),
    )
    .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["error"]["code"], "clock_skew", "{body}");
    let (status, body) = put(client, off, id, json!({"title": "no"})).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, Some("clock_skew")),
        "{body}"
    );
    let (status, body) = health(client, off).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["status"], "clock_skew", "{body}");
    let measured = body["clock"]["offset_micros"].as_i64().unwrap();
    assert!(
        (measured - offset).abs() < 5_000_000,
        "measured {measured} µs, set {offset}"
    );
    let metrics = client
        .get(off.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("tasks_clock_skewed 1"), "{metrics}");
    let gauge = metrics
        .lines()
        .find_map(|l| l.strip_prefix("tasks_clock_offset_seconds "))
        .expect("the offset gauge");
    let seconds: f64 = gauge.parse().unwrap();
    let whole = f64::from(i32::try_from(offset / 1_000_000).unwrap());
    assert!((seconds - whole).abs() < 5.0, "{gauge}");
    // The correct instance writes meanwhile.
    let (status, _) = put(client, good, id, json!({"title": format!("good {offset}")})).await;
    assert_eq!(status, StatusCode::OK);
}

/// An instance whose clock is an hour ahead (then behind) of the database's refuses every
/// write with 503 `clock_skew`, says so on `/health` and `/metrics`, and writes again by itself
/// once its clock is back; the correct instance beside it writes throughout.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: set TIMESTAMPED_POSTGRES_URL and pass --include-ignored"]
async fn an_instance_with_a_clock_an_hour_off_refuses_writes_until_it_is_back() {
    let db = Database::postgres().await;
    let client = Client::new();
    let good = Server::start(&db.url).await;
    let task = create(&client, &good, json!({"title": "kept"})).await;
    let id = task["id"].as_i64().unwrap();
    let shift = Shifted::default();
    shift.0.store(HOUR_MICROS, Ordering::SeqCst);
    let options = Options {
        clock: Arc::new(shift.clone()),
        clock_check_interval: Duration::from_millis(100),
        ..Options::default()
    };
    let off = Server::start_with(&db.url, options).await;
    for offset in [HOUR_MICROS, -HOUR_MICROS] {
        shift.0.store(offset, Ordering::SeqCst);
        refuses_writes_while_off(&client, &off, &good, id, offset).await;
    }
    // The clock put right: the periodic check lets writes through again by itself.
    shift.0.store(0, Ordering::SeqCst);
    let give_up = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let (status, _, body) = send(
            &client,
            Method::POST,
            off.url("/api/v1/tasks"),
            Some(json!({"title": "back"})),
        )
        .await;
        if status == StatusCode::CREATED {
            break;
        }
        assert!(
            std::time::Instant::now() < give_up,
            "never recovered: {body}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (status, body) = health(&client, &off).await;
    assert_eq!(
        (status, body["status"].as_str()),
        (StatusCode::OK, Some("healthy")),
        "{body}"
    );
    // No stamp an hour off was ever written.
    let stored = Outside::connect(&db.url)
        .await
        .tasks("SELECT * FROM tasks", None)
        .await;
    let now = SystemClock.now();
    for task in stored {
        let gap = task
            .updated_at()
            .checked_duration_since(now)
            .or_else(|| now.checked_duration_since(task.updated_at()))
            .unwrap();
        assert!(gap < Duration::from_mins(1), "{task:?}");
    }
    off.stop().await;
    good.stop().await;
    db.drop_all().await;
}

/// Stamps already in the future beyond the bound (written by a clock that was ahead, or by
/// something else) are counted by `/health` and alerted by the monitor.
async fn stamps_in_the_future_are_counted_and_alerted(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    create(&client, &server, json!({"title": "now"})).await;
    let (status, body) = health(&client, &server).await;
    assert_eq!(
        (status, body["future_stamps"].as_i64()),
        (StatusCode::OK, Some(0)),
        "{body}"
    );
    let ahead = SystemClock
        .now()
        .checked_add(Duration::from_hours(1))
        .unwrap();
    let mut outside = Outside::connect(url).await;
    let literal = if url.starts_with("sqlite:") {
        format!("'{ahead}'")
    } else {
        format!("'{ahead}'::timestamptz")
    };
    outside
        .execute(&format!(
            "INSERT INTO tasks (title, description, priority, created_at, updated_at) \
             VALUES ('ahead', '', 'low', {literal}, {literal})"
        ))
        .await;
    let (status, body) = health(&client, &server).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "degraded", "{body}");
    assert_eq!(body["future_stamps"], 1, "{body}");
    let report = tasks_api::monitor::validate(&client, &server.base).await;
    assert_eq!(
        report.level,
        tasks_api::monitor::Level::Critical,
        "{report:?}"
    );
    assert!(
        report.summary().contains("in the future"),
        "{}",
        report.summary()
    );
    // The README's repair (its SQL blocks, run as written) brings the stamp back to now, and
    // the feed carries the repaired version.
    let (_, cursor) = follow(&client, &server, "").await;
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find("### Stamps in the future").unwrap()..];
    let blocks: Vec<&str> = section
        .split("```sql\n")
        .skip(1)
        .take(2)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    let repair = if url.starts_with("sqlite:") {
        blocks[1]
    } else {
        blocks[0]
    };
    outside.execute(repair).await;
    let (status, body) = health(&client, &server).await;
    assert_eq!(
        (status, body["future_stamps"].as_i64()),
        (StatusCode::OK, Some(0)),
        "{body}"
    );
    let (repaired, _) = follow_until(&client, &server, &cursor, |s| s.len() == 1).await;
    let task = repaired
        .values()
        .next()
        .expect("the repaired task in the feed");
    assert_eq!(task["title"], "ahead");
    assert!(task["deleted_at"].is_null(), "{task}");
    assert!(
        common::stamp(task, "updated_at") <= SystemClock.now(),
        "{task}"
    );
    if let Outside::Sqlite(conn) = &mut outside {
        // The count is an index range scan, not a table scan.
        let plan: Vec<(i64, i64, i64, String)> = sqlx::query_as(
            "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM (SELECT 1 FROM tasks WHERE updated_at > $1 LIMIT 10)",
        )
        .bind(ahead)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        assert!(
            plan.iter()
                .any(|(_, _, _, detail)| detail.contains("INDEX tasks_updated_at")),
            "{plan:?}"
        );
    }
    server.stop().await;
}

/// A writing transaction left open in another database of the cluster holds the feed back:
/// `/metrics` and `/health` show by how much.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: set TIMESTAMPED_POSTGRES_URL and pass --include-ignored"]
async fn the_feed_lag_is_visible() {
    let admin = std::env::var("TIMESTAMPED_POSTGRES_URL").expect("TIMESTAMPED_POSTGRES_URL");
    let db = Database::postgres().await;
    let server = Server::start(&db.url).await;
    let client = Client::new();
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    let mut elsewhere =
        <sqlx::PgConnection as sqlx::Connection>::connect(&format!("{base}/postgres"))
            .await
            .unwrap();
    sqlx::raw_sql("BEGIN; SELECT pg_current_xact_id()")
        .execute(&mut elsewhere)
        .await
        .unwrap();
    create(&client, &server, json!({"title": "held back"})).await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let clock = server.app.check_clock().await.expect("PostgreSQL").unwrap();
    assert!(clock.feed_lag_transactions >= 1, "{clock:?}");
    assert!(clock.feed_lag_seconds >= 1.0, "{clock:?}");
    let (_, body) = health(&client, &server).await;
    assert!(
        body["feed"]["lag_seconds"].as_f64().unwrap() >= 1.0,
        "{body}"
    );
    let metrics = client
        .get(server.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let lag: f64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("tasks_feed_lag_seconds "))
        .expect("the lag gauge")
        .parse()
        .unwrap();
    assert!(lag >= 1.0, "{metrics}");
    sqlx::raw_sql("ROLLBACK")
        .execute(&mut elsewhere)
        .await
        .unwrap();
    server.stop().await;
    db.drop_all().await;
}

// ---------------------------------------------------------------------------------------------
// The previous layout.

/// A database made by the previous release (its schema created by hand-written statements, no
/// migration recorded) migrates in place: its rows are served, its feed continues, and a
/// follower's cursor from before keeps working.
async fn a_database_of_the_previous_layout_migrates_in_place(url: &str) {
    let mut outside = Outside::connect(url).await;
    let (schema, mark) = if url.starts_with("sqlite:") {
        (
            "CREATE TABLE tasks (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, \
             description TEXT NOT NULL, priority TEXT NOT NULL, created_at TEXT NOT NULL, \
             updated_at TEXT NOT NULL, deleted_at TEXT, change_seq INTEGER NOT NULL DEFAULT 0); \
             CREATE TABLE health_probe (id INTEGER PRIMARY KEY, at TEXT NOT NULL); \
             CREATE INDEX tasks_changes ON tasks (change_seq, id)",
            "change_seq) VALUES ('old', '', 'low', '2026-01-01T00:00:00.000000Z', \
             '2026-01-01T00:00:00.000000Z', 7)",
        )
    } else {
        (
            "CREATE TABLE tasks (id BIGSERIAL PRIMARY KEY, title TEXT NOT NULL, \
             description TEXT NOT NULL, priority TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL, \
             updated_at TIMESTAMPTZ NOT NULL, deleted_at TIMESTAMPTZ, \
             change_xid xid8 NOT NULL DEFAULT '0'); \
             CREATE TABLE health_probe (id INTEGER PRIMARY KEY, at TIMESTAMPTZ NOT NULL); \
             CREATE INDEX tasks_changes ON tasks (change_xid, id)",
            "change_xid) VALUES ('old', '', 'low', '2026-01-01T00:00:00Z', \
             '2026-01-01T00:00:00Z', pg_current_xact_id())",
        )
    };
    outside.execute(schema).await;
    outside
        .execute(&format!(
            "INSERT INTO tasks (title, description, priority, created_at, updated_at, {mark}"
        ))
        .await;
    drop(outside);
    let server = Server::start(url).await;
    let client = Client::new();
    let (seen, cursor) = follow_until(&client, &server, "", |s| s.len() == 1).await;
    assert_eq!(seen[&1]["title"], "old");
    let (status, _) = put(&client, &server, 1, json!({"title": "new"})).await;
    assert_eq!(status, StatusCode::OK);
    let (after, _) = follow_until(&client, &server, &cursor, |s| s.len() == 1).await;
    assert_eq!(
        after[&1]["title"], "new",
        "the cursor from before the migration continues"
    );
    server.stop().await;
}
