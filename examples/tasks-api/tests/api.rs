//! The service end to end: each test starts it in-process on `127.0.0.1:0` with a database of
//! its own and talks HTTP to it.
//!
//! Every scenario runs on SQLite (a fresh file) and on PostgreSQL (a fresh schema). The
//! PostgreSQL variants need a server, so they are `#[ignore]`d in a plain `cargo test`; CI runs
//! them with `TIMESTAMPED_POSTGRES_URL` set and `-- --include-ignored`.
#![expect(
    clippy::too_many_lines,
    reason = "each scenario reads top to bottom as one story"
)]

#[macro_use]
mod common;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use common::{create, list, send, stamp, Server};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use stamped::Timestamp;
use tasks_api::monitor::{self, AlertGate, Level};

on_both_databases!(
    contract,
    stamps_in_bodies_are_rejected,
    bad_input_is_refused_and_nothing_is_stored,
    if_match_and_stale_versions,
    racing_writers_never_lose_an_update,
    restart_keeps_tasks_and_stamps,
    health_reports_metrics_and_database_loss,
    monitor_pass,
    load_8_clients_x_500_requests,
);

// ---------------------------------------------------------------------------------------------
// Scenarios.

async fn contract(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();

    let (status, headers, task) = send(
        &client,
        reqwest::Method::POST,
        server.url("/api/v1/tasks"),
        Some(json!({"title": "write tests", "description": "all of them", "priority": "high"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let id = task["id"].as_i64().unwrap();
    assert_eq!(
        (task["title"].as_str(), task["priority"].as_str()),
        (Some("write tests"), Some("high"))
    );
    assert_eq!(
        stamp(&task, "created_at"),
        stamp(&task, "updated_at"),
        "one clock read on create"
    );
    assert_eq!(
        headers.get("location"),
        Some(format!("/api/v1/tasks/{id}").as_str())
    );
    assert_eq!(
        headers.get("etag"),
        Some(format!("\"{}\"", stamp(&task, "updated_at")).as_str())
    );
    let created = stamp(&task, "created_at");

    let defaults = create(&client, &server, json!({"title": "defaults"})).await;
    assert_eq!(
        (
            defaults["description"].as_str(),
            defaults["priority"].as_str()
        ),
        (Some(""), Some("medium"))
    );

    let (status, _, fetched) = send(
        &client,
        reqwest::Method::GET,
        server.url(&format!("/api/v1/tasks/{id}")),
        None,
    )
    .await;
    assert_eq!((status, &fetched), (StatusCode::OK, &task));
    let all = list(&client, &server).await;
    assert_eq!(all.len(), 2);
    assert_eq!(all[0], task);

    // A change moves updated_at forward and keeps created_at.
    let path = server.url(&format!("/api/v1/tasks/{id}"));
    let (status, _, changed) = send(
        &client,
        reqwest::Method::PUT,
        path.clone(),
        Some(json!({"priority": "low"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(changed["priority"], "low");
    assert_eq!(
        changed["title"], "write tests",
        "fields not in the body stay"
    );
    assert!(stamp(&changed, "updated_at") > stamp(&task, "updated_at"));
    assert_eq!(stamp(&changed, "created_at"), created);

    // A no-op PUT keeps updated_at (and writes nothing).
    let (status, _, same) = send(
        &client,
        reqwest::Method::PUT,
        path.clone(),
        Some(json!({"priority": "low", "title": "write tests"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(same, changed);
    let (_, _, stored) = send(&client, reqwest::Method::GET, path.clone(), None).await;
    assert_eq!(stamp(&stored, "updated_at"), stamp(&changed, "updated_at"));

    let (status, _, body) = send(&client, reqwest::Method::DELETE, path.clone(), None).await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, Value::Null));
    for method in [reqwest::Method::GET, reqwest::Method::DELETE] {
        let (status, _, body) = send(&client, method, path.clone(), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body["error"]["code"], "not_found");
    }
    let (status, _, _) = send(
        &client,
        reqwest::Method::PUT,
        path,
        Some(json!({"title": "x"})),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(list(&client, &server).await.len(), 1);
    server.stop().await;
}

async fn stamps_in_bodies_are_rejected(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    let forged = "2000-01-01T00:00:00.000000Z";
    let (status, _, body) = send(
        &client,
        reqwest::Method::POST,
        server.url("/api/v1/tasks"),
        Some(json!({"title": "forged", "created_at": forged, "updated_at": forged})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("unknown field `created_at`"),
        "{body}"
    );
    assert!(list(&client, &server).await.is_empty(), "nothing stored");

    let task = create(&client, &server, json!({"title": "real"})).await;
    let path = server.url(&format!("/api/v1/tasks/{}", task["id"]));
    for field in ["created_at", "updated_at", "id"] {
        let (status, _, body) = send(
            &client,
            reqwest::Method::PUT,
            path.clone(),
            Some(json!({"title": "changed", field: forged})),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {body}");
    }
    let (_, _, stored) = send(&client, reqwest::Method::GET, path, None).await;
    assert_eq!(stored, task, "a rejected PUT changes nothing");
    server.stop().await;
}

async fn bad_input_is_refused_and_nothing_is_stored(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    let tasks = server.url("/api/v1/tasks");
    let long_title = "x".repeat(201);
    let huge = format!(r#"{{"title":"{}"}}"#, "y".repeat(70 * 1024));
    let cases: Vec<(&str, String, &str, StatusCode, &str)> = vec![
        (
            "application/json",
            "{\"title\":".into(),
            "POST",
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
        (
            "application/json",
            "not json".into(),
            "POST",
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
        (
            "application/json",
            r#"{"title": 5}"#.into(),
            "POST",
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            "application/json",
            r#"{"description": "no title"}"#.into(),
            "POST",
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            "application/json",
            r#"{"title": "   "}"#.into(),
            "POST",
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            "application/json",
            format!(r#"{{"title": "{long_title}"}}"#),
            "POST",
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            "application/json",
            r#"{"title": "t", "priority": "urgent"}"#.into(),
            "POST",
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            "application/json",
            r#"{"title": "t", "priority": 1}"#.into(),
            "POST",
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            "application/json",
            "[]".into(),
            "POST",
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            "application/json",
            huge,
            "POST",
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
        ),
        (
            "text/plain",
            r#"{"title": "t"}"#.into(),
            "POST",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
    ];
    for (content_type, body, _, want_status, want_code) in &cases {
        let response = client
            .post(&tasks)
            .header("content-type", *content_type)
            .body(body.clone())
            .send()
            .await
            .unwrap();
        let status = response.status();
        let json: Value = response.json().await.expect("errors are JSON");
        assert_eq!(status, *want_status, "{body:.60}: {json}");
        assert_eq!(json["error"]["code"], *want_code, "{body:.60}: {json}");
        assert!(!json["error"]["message"].as_str().unwrap().is_empty());
    }
    assert!(
        list(&client, &server).await.is_empty(),
        "nothing stored by bad requests"
    );

    let task = create(&client, &server, json!({"title": "kept"})).await;
    let path = server.url(&format!("/api/v1/tasks/{}", task["id"]));
    for (body, code) in [
        (json!({"title": ""}), "invalid_body"),
        (json!({"priority": "someday"}), "invalid_body"),
        (json!({"description": 7}), "invalid_body"),
    ] {
        let (status, _, answer) =
            send(&client, reqwest::Method::PUT, path.clone(), Some(body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(answer["error"]["code"], code);
    }
    let (status, _, answer) = send(
        &client,
        reqwest::Method::GET,
        server.url("/api/v1/tasks/not-a-number"),
        None,
    )
    .await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_id"))
    );
    let (status, _, answer) = send(
        &client,
        reqwest::Method::GET,
        server.url("/api/v2/nothing"),
        None,
    )
    .await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("no_route"))
    );
    let (_, _, stored) = send(&client, reqwest::Method::GET, path, None).await;
    assert_eq!(stored, task);
    server.stop().await;
}

async fn if_match_and_stale_versions(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    let task = create(&client, &server, json!({"title": "v1"})).await;
    let path = server.url(&format!("/api/v1/tasks/{}", task["id"]));
    let etag = format!("\"{}\"", stamp(&task, "updated_at"));

    // Two clients saw the same version; both send it back.
    let first = client
        .put(&path)
        .header("if-match", &etag)
        .json(&json!({"title": "from A"}))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let new_etag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(new_etag, etag);
    let second = client
        .put(&path)
        .header("if-match", &etag)
        .json(&json!({"title": "from B"}))
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), StatusCode::PRECONDITION_FAILED);
    let body: Value = second.json().await.unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains(&new_etag),
        "{body}"
    );
    let (_, _, stored) = send(&client, reqwest::Method::GET, path.clone(), None).await;
    assert_eq!(stored["title"], "from A", "the stale write was not applied");

    let current = client
        .put(&path)
        .header("if-match", &new_etag)
        .json(&json!({"title": "from B, rebased"}))
        .send()
        .await
        .unwrap();
    assert_eq!(current.status(), StatusCode::OK);
    let any = client
        .put(&path)
        .header("if-match", "*")
        .json(&json!({"description": "any version"}))
        .send()
        .await
        .unwrap();
    assert_eq!(any.status(), StatusCode::OK);
    server.stop().await;
}

/// Writes per racing client.
const ROUNDS: usize = 40;

async fn racing_writers_never_lose_an_update(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    let task = create(
        &client,
        &server,
        json!({"title": "start", "description": "start"}),
    )
    .await;
    let path = server.url(&format!("/api/v1/tasks/{}", task["id"]));
    let writer = |field: &'static str| {
        let (client, path) = (client.clone(), path.clone());
        tokio::spawn(async move {
            let mut last_updated = Timestamp::MIN;
            for i in 0..ROUNDS {
                let response = client
                    .put(&path)
                    .json(&json!({ field: format!("{field} {i}") }))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), StatusCode::OK, "{field} {i}");
                let body: Value = response.json().await.unwrap();
                assert_eq!(
                    body[field],
                    format!("{field} {i}"),
                    "the response shows this write"
                );
                assert!(stamp(&body, "updated_at") > last_updated);
                last_updated = stamp(&body, "updated_at");
            }
        })
    };
    let (a, b) = (writer("title"), writer("description"));
    a.await.unwrap();
    b.await.unwrap();
    let (_, _, stored) = send(&client, reqwest::Method::GET, path, None).await;
    assert_eq!(
        stored["title"],
        format!("title {}", ROUNDS - 1),
        "A's last write survived B's"
    );
    assert_eq!(
        stored["description"],
        format!("description {}", ROUNDS - 1),
        "B's last write survived A's"
    );
    server.stop().await;
}

async fn restart_keeps_tasks_and_stamps(url: &str) {
    let client = Client::new();
    let server = Server::start(url).await;
    let task = create(&client, &server, json!({"title": "persistent"})).await;
    let path = format!("/api/v1/tasks/{}", task["id"]);
    let (_, _, updated) = send(
        &client,
        reqwest::Method::PUT,
        server.url(&path),
        Some(json!({"priority": "high"})),
    )
    .await;
    server.stop().await;

    let server = Server::start(url).await;
    let (status, _, after) = send(&client, reqwest::Method::GET, server.url(&path), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        after, updated,
        "same fields, same stamps to the microsecond"
    );
    server.stop().await;
}

async fn health_reports_metrics_and_database_loss(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    let (status, _, health) =
        send(&client, reqwest::Method::GET, server.url("/health"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(health["status"], "healthy");
    assert_eq!(health["database"]["writable"], true);
    assert!(
        health["timestamp_metrics"]["clock_regressions"].is_u64(),
        "{health}"
    );
    assert!(
        health["timestamp_metrics"]["largest_regression_micros"].is_u64(),
        "{health}"
    );

    server.app.close().await; // the database goes away
    let (status, _, health) =
        send(&client, reqwest::Method::GET, server.url("/health"), None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(health["status"], "unhealthy");
    let (status, _, body) = send(
        &client,
        reqwest::Method::POST,
        server.url("/api/v1/tasks"),
        Some(json!({"title": "t"})),
    )
    .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["error"]["code"], "storage_unavailable");
    server.stop().await;
}

async fn monitor_pass(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    let report = monitor::validate(&client, &server.base).await;
    assert_eq!(report.level, Level::Healthy, "{}", report.summary());
    assert!(report.average_create.is_some());
    assert!(
        list(&client, &server).await.is_empty(),
        "the monitor cleans up after itself"
    );

    server.app.close().await;
    let report = monitor::validate(&client, &server.base).await;
    assert_eq!(report.level, Level::Critical, "{}", report.summary());
    assert!(
        report
            .reasons
            .iter()
            .any(|r| r.contains("/health answered 503")),
        "{}",
        report.summary()
    );
    let base = server.base.clone();
    server.stop().await;
    let report = monitor::validate(&client, &base).await;
    assert_eq!(report.level, Level::Critical);
    assert!(
        report.reasons[0].starts_with("API unreachable"),
        "{}",
        report.summary()
    );
}

/// 8 clients x 500 mixed requests: no 5xx, and the stored state is what the clients were told.
async fn load_8_clients_x_500_requests(url: &str) {
    let server = Server::start(url).await;
    let client = Client::new();
    let started = Instant::now();
    let clients: Vec<_> = (0..8_u64)
        .map(|c| {
            let (client, base) = (client.clone(), server.base.clone());
            tokio::spawn(async move {
                let mut rng = c * 7919 + 1;
                let mut next = move |n: u64| {
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    rng % n
                };
                // What this client was told: id -> Some(task) or None once deleted.
                let mut told: HashMap<i64, Option<Value>> = HashMap::new();
                for i in 0..500 {
                    let live: Vec<i64> = told
                        .iter()
                        .filter(|(_, t)| t.is_some())
                        .map(|(id, _)| *id)
                        .collect();
                    let pick = |n: u64| live[usize::try_from(n).unwrap() % live.len()];
                    let roll = next(100);
                    let (status, body, id) = if live.is_empty() || roll < 30 {
                        let (s, _, b) = send(
                            &client,
                            reqwest::Method::POST,
                            format!("{base}/api/v1/tasks"),
                            Some(json!({"title": format!("c{c} t{i}")})),
                        )
                        .await;
                        let id = b["id"].as_i64().unwrap_or(-1);
                        (s, b, id)
                    } else if roll < 70 {
                        let id = pick(next(1_000));
                        let (s, _, b) = send(
                            &client,
                            reqwest::Method::PUT,
                            format!("{base}/api/v1/tasks/{id}"),
                            Some(json!({"description": format!("c{c} u{i}")})),
                        )
                        .await;
                        (s, b, id)
                    } else if roll < 90 {
                        let id = pick(next(1_000));
                        let (s, _, b) = send(
                            &client,
                            reqwest::Method::GET,
                            format!("{base}/api/v1/tasks/{id}"),
                            None,
                        )
                        .await;
                        assert_eq!(Some(&b), told[&id].as_ref(), "a read shows the last write");
                        (s, b, id)
                    } else {
                        let id = pick(next(1_000));
                        let (s, _, _) = send(
                            &client,
                            reqwest::Method::DELETE,
                            format!("{base}/api/v1/tasks/{id}"),
                            None,
                        )
                        .await;
                        told.insert(id, None);
                        (s, Value::Null, id)
                    };
                    assert!(
                        !status.is_server_error(),
                        "client {c} request {i}: {status} {body}"
                    );
                    assert!(
                        status.is_success(),
                        "client {c} request {i}: {status} {body}"
                    );
                    if !body.is_null() {
                        told.insert(id, Some(body));
                    }
                }
                told
            })
        })
        .collect();
    let mut told = HashMap::new();
    for c in clients {
        told.extend(c.await.unwrap());
    }
    let elapsed = started.elapsed();
    let stored: HashMap<i64, Value> = list(&client, &server)
        .await
        .into_iter()
        .map(|t| (t["id"].as_i64().unwrap(), t))
        .collect();
    let expected: HashMap<i64, Value> = told
        .into_iter()
        .filter_map(|(id, t)| t.map(|t| (id, t)))
        .collect();
    assert_eq!(
        stored, expected,
        "the final state is exactly what the clients were told"
    );
    eprintln!(
        "load: 4000 requests in {elapsed:?} on {}",
        server.app.backend()
    );
    server.stop().await;
}

// ---------------------------------------------------------------------------------------------
// The monitor's alert gate.

#[test]
fn an_alert_repeats_at_most_once_per_period() {
    let mut gate = AlertGate::new(Duration::from_mins(15));
    let t0 = Instant::now();
    assert!(gate.admit(Some("degraded: slow"), t0));
    assert!(!gate.admit(Some("degraded: slow"), t0 + Duration::from_mins(1)));
    assert!(!gate.admit(Some("degraded: slow"), t0 + Duration::from_secs(899)));
    assert!(gate.admit(Some("degraded: slow"), t0 + Duration::from_mins(15)));
    assert!(
        gate.admit(Some("critical: down"), t0 + Duration::from_secs(901)),
        "a different alert passes"
    );
    assert!(
        !gate.admit(None, t0 + Duration::from_secs(902)),
        "healthy: nothing to alert"
    );
    assert!(
        gate.admit(Some("critical: down"), t0 + Duration::from_secs(903)),
        "after recovery it alerts again"
    );
}
