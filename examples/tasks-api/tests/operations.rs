//! The service at its operating edges, as an operator meets them: a full disk, a restore into
//! another cluster, rows deleted by hand, instances started together, read-only switched on
//! while writes wait, a clock an hour off, the feed held back, the page framed (P16-P18).
#[macro_use]
mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use std::time::Duration;

use common::{create, send, Database, Options, Outside, Server};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

on_both_databases!(
    a_cursor_ahead_of_the_database_is_410_cursor_reset,
    instances_started_together_on_an_empty_database_all_serve,
    no_write_is_acknowledged_after_read_only_is_switched_on,
    every_response_carries_the_security_headers,
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
    sqlx::raw_sql(&format!("DROP DATABASE IF EXISTS {fresh}"))
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::raw_sql(&format!("CREATE DATABASE {fresh}"))
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

    let served = format!("{fresh_url}?options=-c%20search_path%3D{schema}");
    let server = Server::start(&served).await;
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
    sqlx::raw_sql(&format!("DROP DATABASE {fresh} WITH (FORCE)"))
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
