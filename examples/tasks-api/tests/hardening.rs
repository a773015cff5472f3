//! Production defects found by an adversarial run, one test each, and the production features
//! that answer them: the request deadline, honest health, server limits, conflicts as
//! documented, RFC 9110 `If-Match`, JSON 405s, unreadable rows, no database text in bodies,
//! canonical ids, read-only mode, Prometheus metrics and paginated lists.
#[macro_use]
mod common;

use std::time::{Duration, Instant};

use common::{create, list, send, stamp, Database, Options, Outside, Server};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};
use tasks_api::Limits;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

on_both_databases!(
    a_stalled_database_answers_503_within_the_deadline,
    nul_in_a_string_is_422_naming_the_field,
    puts_without_if_match_are_retried_never_409,
    if_match_star_and_lists_follow_rfc_9110,
    replies_405_and_bad_ids_are_json_errors,
    an_unreadable_row_is_skipped_and_reported,
    storage_errors_carry_no_database_text,
    read_only_mode_refuses_writes_and_keeps_reads,
    metrics_are_prometheus_text,
    lists_are_paginated_and_bounded,
    a_new_instance_starts_without_blocking_the_running_ones,
);

fn deadline(d: Duration) -> Options {
    Options {
        deadline: d,
        ..Options::default()
    }
}

/// Another session holds the table (PostgreSQL: `LOCK TABLE … ACCESS EXCLUSIVE`; SQLite: an
/// exclusive write transaction). A PUT answers 503 `timeout` within the deadline, and the
/// service serves again once the lock is released.
async fn a_stalled_database_answers_503_within_the_deadline(url: &str) {
    let server = Server::start_with(url, deadline(Duration::from_secs(1))).await;
    let client = Client::new();
    let task = create(&client, &server, json!({"title": "locked"})).await;
    let path = server.url(&format!("/api/v1/tasks/{}", task["id"]));

    let mut holder = hold_the_table(url).await;
    let started = Instant::now();
    let (status, _, body) = send(
        &client,
        Method::PUT,
        path.clone(),
        Some(json!({"title": "x"})),
    )
    .await;
    let took = started.elapsed();
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["error"]["code"], "timeout", "{body}");
    assert!(
        took < Duration::from_millis(2_500),
        "answered after {took:?}"
    );
    holder.execute("ROLLBACK").await;

    let mut serving_again = false;
    for _ in 0..50 {
        let (status, _, _) = send(
            &client,
            Method::PUT,
            path.clone(),
            Some(json!({"title": "after"})),
        )
        .await;
        if status == StatusCode::OK {
            serving_again = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        serving_again,
        "the service serves again once the lock is gone"
    );
    server.stop().await;
}

/// Locks `tasks` from another connection, until `execute("ROLLBACK")`.
async fn hold_the_table(url: &str) -> Outside {
    let mut conn = Outside::connect(url).await;
    conn.execute(if url.starts_with("sqlite:") {
        "BEGIN EXCLUSIVE"
    } else {
        "BEGIN; LOCK TABLE tasks IN ACCESS EXCLUSIVE MODE"
    })
    .await;
    conn
}

async fn nul_in_a_string_is_422_naming_the_field(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    for (field, body) in [
        ("title", json!({"title": "a\u{0}b"})),
        (
            "description",
            json!({"title": "ok", "description": "x\u{0}"}),
        ),
    ] {
        let (status, _, reply) = send(
            &client,
            Method::POST,
            server.url("/api/v1/tasks"),
            Some(body),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reply}");
        let message = reply["error"]["message"].as_str().unwrap();
        assert!(
            message.contains(field) && message.contains("NUL"),
            "{message}"
        );
    }
    let task = create(&client, &server, json!({"title": "clean"})).await;
    let (status, _, reply) = send(
        &client,
        Method::PUT,
        server.url(&format!("/api/v1/tasks/{}", task["id"])),
        Some(json!({"title": "\u{0}"})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reply}");
    assert_eq!(list(&client, &server).await.len(), 1, "nothing stored");
    server.stop().await;
}

/// 32 clients PUT the same task without `If-Match`: every PUT lands (retried with backoff
/// until it does), none gets 409, and `updated_at` strictly increases along what each client
/// was told.
async fn puts_without_if_match_are_retried_never_409(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    let task = create(&client, &server, json!({"title": "hot"})).await;
    let path = server.url(&format!("/api/v1/tasks/{}", task["id"]));
    let writers: Vec<_> = (0..32)
        .map(|c| {
            let (client, path) = (client.clone(), path.clone());
            tokio::spawn(async move {
                let mut last = stamped::Timestamp::MIN;
                for i in 0..5 {
                    let (status, _, body) = send(
                        &client,
                        Method::PUT,
                        path.clone(),
                        Some(json!({"description": format!("c{c} i{i}")})),
                    )
                    .await;
                    assert_eq!(status, StatusCode::OK, "{body}");
                    assert_eq!(body["description"], format!("c{c} i{i}"));
                    assert!(stamp(&body, "updated_at") > last);
                    last = stamp(&body, "updated_at");
                }
            })
        })
        .collect();
    for w in writers {
        w.await.unwrap();
    }
    server.stop().await;
}

async fn put_with_if_match(
    client: &Client,
    path: &str,
    if_match: &str,
    body: Value,
) -> (StatusCode, Value) {
    let response = client
        .put(path)
        .header("if-match", if_match)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

async fn if_match_star_and_lists_follow_rfc_9110(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    let task = create(&client, &server, json!({"title": "v1"})).await;
    let path = server.url(&format!("/api/v1/tasks/{}", task["id"]));
    let v1 = format!("\"{}\"", stamp(&task, "updated_at"));

    // `*` matches any current representation: it holds even after other writes landed.
    let (status, _, _) = send(
        &client,
        Method::PUT,
        path.clone(),
        Some(json!({"title": "v2"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = put_with_if_match(&client, &path, "*", json!({"title": "v3"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v3 = format!("\"{}\"", stamp(&body, "updated_at"));

    // A list holds when any tag is the current one; the stale one does not matter.
    let (status, body) = put_with_if_match(
        &client,
        &path,
        &format!("{v1}, {v3}"),
        json!({"title": "v4"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v4 = format!("\"{}\"", stamp(&body, "updated_at"));
    // Weak tags never match for If-Match (strong comparison).
    let (status, body) =
        put_with_if_match(&client, &path, &format!("W/{v4}"), json!({"title": "v5"})).await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED, "{body}");
    let (status, body) = put_with_if_match(&client, &path, &v1, json!({"title": "v5"})).await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED, "{body}");
    assert!(
        body["error"]["message"].as_str().unwrap().contains(&v4),
        "{body}"
    );
    let (status, body) =
        put_with_if_match(&client, &path, "not a tag", json!({"title": "v5"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

    // `*` on a task that does not exist: the condition is false, 412 (not 404).
    let (status, body) = put_with_if_match(
        &client,
        &server.url("/api/v1/tasks/999999"),
        "*",
        json!({"title": "ghost"}),
    )
    .await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED, "{body}");
    let (status, _, _) = send(
        &client,
        Method::PUT,
        server.url("/api/v1/tasks/999999"),
        Some(json!({"title": "ghost"})),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    server.stop().await;
}

async fn replies_405_and_bad_ids_are_json_errors(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    let task = create(&client, &server, json!({"title": "one"})).await;
    let (status, _, body) = send(&client, Method::PATCH, server.url("/api/v1/tasks"), None).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body["error"]["code"], "method_not_allowed", "{body}");
    let id = task["id"].as_i64().unwrap();
    for bad in [
        format!("+{id}"),
        format!("0{id}"),
        "-1".into(),
        "0".into(),
        "1e3".into(),
        "99999999999999999999".into(),
    ] {
        let (status, _, body) = send(
            &client,
            Method::GET,
            server.url(&format!("/api/v1/tasks/{bad}")),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        assert_eq!(body["error"]["code"], "invalid_id", "{bad}: {body}");
    }
    let (status, _, _) = send(
        &client,
        Method::GET,
        server.url(&format!("/api/v1/tasks/{id}")),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    server.stop().await;
}

/// A row written outside the service that is not a valid task: the list skips it and says
/// which, `/health` reports it as degraded, reading it alone is a 500 naming it.
async fn an_unreadable_row_is_skipped_and_reported(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    let good = create(&client, &server, json!({"title": "good"})).await;
    let bad = create(&client, &server, json!({"title": "to be broken"})).await;
    let bad_id = bad["id"].as_i64().unwrap();
    outside_sql(
        url,
        &format!("UPDATE tasks SET priority = 'urgent!' WHERE id = {bad_id}"),
    )
    .await;

    let (status, _, page) = send(&client, Method::GET, server.url("/api/v1/tasks"), None).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["tasks"].as_array().unwrap().len(), 1);
    assert_eq!(page["tasks"][0]["id"], good["id"]);
    assert_eq!(page["skipped"], json!([bad_id]));

    let (status, _, health) = send(&client, Method::GET, server.url("/health"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(health["status"], "degraded", "{health}");
    assert_eq!(health["corrupt_rows"], json!([bad_id]));

    let (status, _, body) = send(
        &client,
        Method::GET,
        server.url(&format!("/api/v1/tasks/{bad_id}")),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body["error"]["code"], "corrupt_row", "{body}");
    server.stop().await;
}

/// Runs `sql` on the service's database from another connection.
async fn outside_sql(url: &str, sql: &str) {
    Outside::connect(url).await.execute(sql).await;
}

async fn storage_errors_carry_no_database_text(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    server.app.close().await;
    let response = client
        .post(server.url("/api/v1/tasks"))
        .json(&json!({"title": "t"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let header_id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body: Value = response.json().await.unwrap();
    let message = body["error"]["message"].as_str().unwrap().to_lowercase();
    for raw in [
        "pool",
        "sqlx",
        "closed",
        "connection",
        "error returned from database",
    ] {
        assert!(
            !message.contains(raw),
            "database text in the body: {message}"
        );
    }
    assert_eq!(body["error"]["request_id"].to_string(), header_id, "{body}");
    assert!(message.contains(&header_id), "{message}");
    server.stop().await;
}

async fn read_only_mode_refuses_writes_and_keeps_reads(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    let task = create(&client, &server, json!({"title": "kept"})).await;
    let path = server.url(&format!("/api/v1/tasks/{}", task["id"]));
    server.app.set_read_only(true);
    for (method, path, body) in [
        (
            Method::POST,
            server.url("/api/v1/tasks"),
            Some(json!({"title": "no"})),
        ),
        (Method::PUT, path.clone(), Some(json!({"title": "no"}))),
        (Method::DELETE, path.clone(), None),
    ] {
        let (status, _, reply) = send(&client, method, path, body).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{reply}");
        assert_eq!(reply["error"]["code"], "read_only");
    }
    let (status, _, fetched) = send(&client, Method::GET, path.clone(), None).await;
    assert_eq!(
        (status, fetched["title"].as_str()),
        (StatusCode::OK, Some("kept"))
    );
    let (status, _, health) = send(&client, Method::GET, server.url("/health"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(health["read_only"], true, "{health}");
    server.app.set_read_only(false);
    let (status, _, _) = send(&client, Method::PUT, path, Some(json!({"title": "yes"}))).await;
    assert_eq!(status, StatusCode::OK);
    server.stop().await;
}

/// The sample lines of the text format: name, labels, value (as written).
fn samples(text: &str) -> Vec<(String, String, String)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let (series, value) = line.rsplit_once(' ').expect("`series value`");
            let (name, labels) = match series.split_once('{') {
                Some((name, rest)) => (name, rest.trim_end_matches('}')),
                None => (series, ""),
            };
            (
                name.to_owned(),
                labels.to_owned(),
                value
                    .parse()
                    .unwrap_or_else(|_| panic!("a number in {line:?}")),
            )
        })
        .collect()
}

async fn metrics_are_prometheus_text(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    let task = create(&client, &server, json!({"title": "counted"})).await;
    let (status, _, _) = send(
        &client,
        Method::PUT,
        server.url(&format!("/api/v1/tasks/{}", task["id"])),
        Some(json!({"title": "counted twice"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let response = client.get(server.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    assert!(text.trim_end().ends_with("# EOF"), "{text}");
    let all = samples(&text);
    // Counters and histogram counts are whole numbers.
    let value = |name: &str, labels: &[&str]| -> u64 {
        all.iter()
            .filter(|(n, l, _)| n == name && labels.iter().all(|want| l.contains(want)))
            .map(|(_, _, v)| v.parse::<u64>().unwrap_or_else(|_| panic!("{name} {v}")))
            .sum()
    };
    assert_eq!(
        value(
            "tasks_http_requests_total",
            &[
                "method=\"POST\"",
                "route=\"/api/v1/tasks\"",
                "status=\"201\""
            ]
        ),
        1,
        "{text}"
    );
    assert_eq!(
        value(
            "tasks_http_requests_total",
            &[
                "method=\"PUT\"",
                "route=\"/api/v1/tasks/{id}\"",
                "status=\"200\""
            ]
        ),
        1
    );
    // A write is a transaction committed before the reply: BEGIN, the statement, COMMIT (on
    // SQLite the feed counter's UPDATE too). A create is that; a PUT reads first.
    let write = if url.starts_with("sqlite:") { 4 } else { 3 };
    assert_eq!(
        value("tasks_db_queries_total", &["route=\"/api/v1/tasks\""]),
        write,
        "{text}"
    );
    assert_eq!(
        value("tasks_db_queries_total", &["route=\"/api/v1/tasks/{id}\""]),
        1 + write,
        "{text}"
    );
    assert!(
        value(
            "tasks_http_request_duration_seconds_count",
            &["route=\"/api/v1/tasks\""]
        ) >= 1
    );
    assert!(
        all.iter()
            .any(|(n, _, _)| n == "timestamped_clock_regressions"),
        "{text}"
    );
    server.stop().await;
}

async fn lists_are_paginated_and_bounded(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    for i in 0..25 {
        create(&client, &server, json!({"title": format!("t{i}")})).await;
    }
    let mut seen = Vec::new();
    let mut after = 0;
    loop {
        let (status, _, page) = send(
            &client,
            Method::GET,
            server.url(&format!("/api/v1/tasks?limit=10&after={after}")),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let tasks = page["tasks"].as_array().unwrap();
        assert!(tasks.len() <= 10);
        seen.extend(tasks.iter().map(|t| t["id"].as_i64().unwrap()));
        match page["next"].as_i64() {
            Some(next) => after = next,
            None => break,
        }
    }
    assert_eq!(seen.len(), 25);
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "in id order, no repeats"
    );
    let (_, _, default_page) = send(&client, Method::GET, server.url("/api/v1/tasks"), None).await;
    assert_eq!(
        default_page["tasks"].as_array().unwrap().len(),
        25,
        "default limit 100"
    );
    for bad in [
        "limit=0",
        "limit=1001",
        "limit=ten",
        "after=-1",
        "after=x",
        "color=red",
    ] {
        let (status, _, body) = send(
            &client,
            Method::GET,
            server.url(&format!("/api/v1/tasks?{bad}")),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
    server.stop().await;
}

/// A second instance starting on a database where a write transaction is open: its schema
/// check takes no table lock when the schema is already there, so it starts at once and the
/// running instance keeps serving reads (an `ALTER TABLE` on every start would have queued all
/// traffic on the table behind the open transaction).
async fn a_new_instance_starts_without_blocking_the_running_ones(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    let task = create(&client, &server, json!({"title": "busy"})).await;
    let mut holder = hold_a_row(url, task["id"].as_i64().unwrap()).await;
    let started = Instant::now();
    let second = tokio::time::timeout(Duration::from_secs(3), Server::start(url))
        .await
        .expect("the new instance started while a transaction was open");
    let (status, _, _) = send(
        &client,
        Method::GET,
        second.url(&format!("/api/v1/tasks/{}", task["id"])),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    holder.execute("ROLLBACK").await;
    second.stop().await;
    server.stop().await;
}

/// An open write transaction that has changed one row of `tasks`, until `execute("ROLLBACK")`.
async fn hold_a_row(url: &str, id: i64) -> Outside {
    let mut conn = Outside::connect(url).await;
    conn.execute(&format!(
        "BEGIN; UPDATE tasks SET title = title WHERE id = {id}"
    ))
    .await;
    conn
}

// ---------------------------------------------------------------------------------------------
// SQLite file faults and connection limits (no database server involved).

/// The database file deleted while the service runs: `/health` says so and writes are refused
/// (never acknowledged into an unlinked file), before and after a restart nothing acknowledged
/// is lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_sqlite_file_is_reported_and_writes_are_refused() {
    let db = Database::sqlite();
    let server = Server::start(&db.url).await;
    let client = Client::new();
    create(&client, &server, json!({"title": "before"})).await;
    let path = db
        .url
        .trim_start_matches("sqlite://")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{path}{suffix}"));
    }
    let (status, _, health) = send(&client, Method::GET, server.url("/health"), None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{health}");
    assert!(
        health["reason"].as_str().unwrap().contains("gone"),
        "{health}"
    );
    for i in 0..10 {
        let (status, _, body) = send(
            &client,
            Method::POST,
            server.url("/api/v1/tasks"),
            Some(json!({"title": format!("after {i}")})),
        )
        .await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert_eq!(body["error"]["code"], "storage_not_writable");
    }
    server.stop().await;
    db.drop_all().await;
}

/// Opened read-only (`mode=ro`): `/health` is 503 with the reason, writes are 503.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_sqlite_database_is_unhealthy() {
    let db = Database::sqlite();
    let server = Server::start(&db.url).await;
    server.stop().await;
    let read_only = db.url.replace("mode=rwc", "mode=ro");
    let server = Server::start(&read_only).await;
    let client = Client::new();
    let (status, _, health) = send(&client, Method::GET, server.url("/health"), None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{health}");
    assert_eq!(health["status"], "unhealthy");
    let (status, _, _) = send(
        &client,
        Method::POST,
        server.url("/api/v1/tasks"),
        Some(json!({"title": "x"})),
    )
    .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    server.stop().await;
    db.drop_all().await;
}

fn short_limits() -> Options {
    Options {
        limits: Limits {
            header_read_timeout: Duration::from_millis(800),
            idle_timeout: Duration::from_millis(500),
            max_connections: 512,
        },
        ..Options::default()
    }
}

/// Whether the server closed `stream` (EOF or reset) within `within`.
async fn closed_by_server(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0_u8; 64];
    match tokio::time::timeout(within, stream.read(&mut buf)).await {
        Ok(Ok(0) | Err(_)) => true,
        Ok(Ok(_)) | Err(_) => false,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_slow_connections_are_closed_and_health_still_answers() {
    let db = Database::sqlite();
    let server = Server::start_with(&db.url, short_limits()).await;
    let address = server.base.trim_start_matches("http://").to_owned();

    // 300 idle sockets and 20 slowloris ones, all open at once.
    let mut idle = Vec::new();
    for _ in 0..300 {
        idle.push(TcpStream::connect(&address).await.unwrap());
    }
    let mut slow = Vec::new();
    for _ in 0..20 {
        let mut s = TcpStream::connect(&address).await.unwrap();
        s.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n")
            .await
            .unwrap();
        slow.push(s);
    }
    let client = Client::new();
    let started = Instant::now();
    let (status, _, _) = send(&client, Method::GET, server.url("/health"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "health answered in {:?}",
        started.elapsed()
    );

    // The slow clients keep sending a byte now and then: still cut off by the header timeout.
    for _ in 0..4 {
        tokio::time::sleep(Duration::from_millis(200)).await;
        for s in &mut slow {
            let _ = s.write_all(b"X").await;
        }
    }
    for s in &mut slow {
        assert!(
            closed_by_server(s, Duration::from_secs(2)).await,
            "a slowloris connection stays open"
        );
    }
    for s in &mut idle {
        assert!(
            closed_by_server(s, Duration::from_secs(2)).await,
            "an idle connection stays open"
        );
    }
    server.stop().await;
    db.drop_all().await;
}

/// The idle timeout counts only while no request is being handled: a request that waits on the
/// database longer than the idle timeout gets its answer (here the deadline's 503), not a cut
/// connection.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_idle_timeout_never_cuts_a_request_in_flight() {
    let db = Database::sqlite();
    let mut options = short_limits();
    options.limits.idle_timeout = Duration::from_millis(200);
    options.deadline = Duration::from_millis(1_200);
    let server = Server::start_with(&db.url, options).await;
    let client = Client::new();
    let task = create(&client, &server, json!({"title": "slow"})).await;
    let mut holder = hold_the_table(&db.url).await;
    let (status, _, body) = send(
        &client,
        Method::PUT,
        server.url(&format!("/api/v1/tasks/{}", task["id"])),
        Some(json!({"title": "waits"})),
    )
    .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["error"]["code"], "timeout");
    holder.execute("ROLLBACK").await;
    server.stop().await;
    db.drop_all().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_past_the_cap_wait_and_are_served_in_turn() {
    let db = Database::sqlite();
    let mut options = short_limits();
    options.limits.max_connections = 4;
    let server = Server::start_with(&db.url, options).await;
    let address = server.base.trim_start_matches("http://").to_owned();
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(TcpStream::connect(&address).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    // A fifth connection is accepted by the kernel but not served until a slot frees.
    let client = Client::new();
    let started = Instant::now();
    let (status, _, _) = send(&client, Method::GET, server.url("/health"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "served only once an idle connection was closed ({:?})",
        started.elapsed()
    );
    drop(held);
    server.stop().await;
    db.drop_all().await;
}
