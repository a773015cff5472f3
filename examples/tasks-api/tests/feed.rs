//! RELIABILITY test 9, properties P13 and P14: several instances with skewed clocks on one
//! database, writers whose commits land out of stamp order, and followers.
//!
//! - The change feed: a follower that starts at the beginning and keeps polling ends with
//!   exactly the table, task by task, stamp by stamp.
//! - A naive `updated_at > cursor` feed, run by the same harness on the same writes, loses
//!   updates: the test asserts that it does, so the harness is shown able to catch a lossy feed.
//! - Skew: along each task's acknowledged versions `updated_at` strictly increases, never below
//!   `created_at`, no acknowledged write is lost, and no request fails with a 5xx.

#![expect(
    clippy::too_many_lines,
    reason = "each scenario reads top to bottom as one story"
)]

#[macro_use]
mod common;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{create, send, Options, Outside, Server};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};
use stamped::{Clock, SystemClock, Timestamp};

on_both_databases!(
    a_follower_ends_with_the_table_and_a_naive_feed_does_not,
    skewed_instances_never_move_a_task_back_or_lose_a_write,
);

/// The system clock moved by a fixed offset: an instance on a machine whose clock is off.
#[derive(Debug)]
struct OffsetClock(i64);

impl Clock for OffsetClock {
    fn now(&self) -> Timestamp {
        let micros = SystemClock.now().as_unix_micros().saturating_add(self.0);
        Timestamp::from_unix_micros(micros).unwrap_or(Timestamp::MAX)
    }
}

/// Three instances on `url`, with clocks −2 s, 0 and +2 s from the system clock, all within
/// a maximum offset of 5 s (so they write: the skew the touch rule absorbs).
async fn skewed_instances(url: &str) -> Vec<Server> {
    let mut servers = Vec::new();
    for offset in [-2_000_000, 0, 2_000_000] {
        let options = Options {
            clock: Arc::new(OffsetClock(offset)),
            max_clock_offset: Duration::from_secs(5),
            ..Options::default()
        };
        servers.push(Server::start_with(url, options).await);
    }
    servers
}

/// Every row of the table, as the service serializes it (tombstones included).
async fn table(url: &str) -> HashMap<i64, Value> {
    let sql =
        "SELECT id, title, description, priority, created_at, updated_at, deleted_at FROM tasks";
    let tasks = Outside::connect(url).await.tasks(sql, None).await;
    tasks
        .into_iter()
        .map(|t| (t.id(), serde_json::to_value(&t).unwrap()))
        .collect()
}

/// A follower of the change feed: its copy of the table and its cursor.
#[derive(Default)]
struct Follower {
    copy: HashMap<i64, Value>,
    cursor: String,
    polls: u64,
}

impl Follower {
    /// One poll; returns how many changes it applied.
    async fn poll(&mut self, client: &Client, server: &Server) -> usize {
        let (status, _, body) = send(
            client,
            Method::GET,
            server.url(&format!(
                "/api/v1/tasks/changes?after={}&limit=1000",
                self.cursor
            )),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let changes = body["changes"].as_array().unwrap();
        for task in changes {
            self.copy.insert(task["id"].as_i64().unwrap(), task.clone());
        }
        body["next"].as_str().unwrap().clone_into(&mut self.cursor);
        self.polls += 1;
        changes.len()
    }
}

/// The naive follower: `WHERE updated_at > cursor`, straight on the database.
#[derive(Default)]
struct NaiveFollower {
    copy: HashMap<i64, Value>,
    cursor: Option<Timestamp>,
}

impl NaiveFollower {
    async fn poll(&mut self, url: &str) {
        let since = self.cursor.unwrap_or(Timestamp::MIN);
        let sql = "SELECT id, title, description, priority, created_at, updated_at, deleted_at \
                   FROM tasks WHERE updated_at > $1 ORDER BY updated_at LIMIT 1000";
        let tasks = Outside::connect(url).await.tasks(sql, Some(since)).await;
        for task in tasks {
            self.cursor = Some(
                self.cursor
                    .map_or(task.updated_at(), |c| c.max(task.updated_at())),
            );
            self.copy
                .insert(task.id(), serde_json::to_value(&task).unwrap());
        }
    }
}

/// Tasks whose copy differs from the table.
fn differences(copy: &HashMap<i64, Value>, table: &HashMap<i64, Value>) -> Vec<i64> {
    let mut ids: Vec<i64> = table
        .iter()
        .filter(|(id, row)| copy.get(id) != Some(row))
        .map(|(id, _)| *id)
        .collect();
    ids.extend(copy.keys().filter(|id| !table.contains_key(id)));
    ids.sort_unstable();
    ids
}

async fn a_follower_ends_with_the_table_and_a_naive_feed_does_not(url: &str) {
    let servers = skewed_instances(url).await;
    let client = Client::new();
    let x = create(&client, &servers[1], json!({"title": "x"})).await;
    let y = create(&client, &servers[1], json!({"title": "y"})).await;

    let mut follower = Follower::default();
    let mut naive = NaiveFollower::default();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));

    // Both followers poll as fast as they can while the writes land (a fourth instance serves
    // the feed).
    let polling = {
        let stop = stop.clone();
        let (client, base_url) = (client.clone(), url.to_owned());
        let feed_server = Server::start(url).await;
        tokio::spawn(async move {
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                follower.poll(&client, &feed_server).await;
                naive.poll(&base_url).await;
            }
            (follower, naive, feed_server)
        })
    };
    // The writers: first a fixed interleaving that defeats an `updated_at` cursor on either
    // database, then random load. The +2 s instance stamps y and holds its commit 0.5 s; the
    // 0 s instance stamps x 300 ms later (an earlier stamp) and holds its commit 1.5 s, so y
    // commits first and a poll in the second between the commits sees y, not x.
    servers[2].app.set_commit_delay(Duration::from_millis(500));
    servers[1].app.set_commit_delay(Duration::from_millis(1500));
    let put = |server: &Server, task: &Value, title: &str| {
        let (client, url, title) = (
            client.clone(),
            server.url(&format!("/api/v1/tasks/{}", task["id"])),
            title.to_owned(),
        );
        tokio::spawn(async move {
            let (status, _, body) =
                send(&client, Method::PUT, url, Some(json!({ "title": title }))).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            body
        })
    };
    let y_write = put(&servers[2], &y, "y, +2 s instance");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let x_write = put(&servers[1], &x, "x, 0 s instance");

    // A naive follower of its own watches this interleaving: it reads y's later stamp before
    // x commits, so x's change, stamped earlier, falls behind its cursor for good.
    let mut probe = NaiveFollower::default();
    let mut y_seen_before_x_committed = false;
    while !x_write.is_finished() {
        probe.poll(url).await;
        let y_now = &probe.copy[&y["id"].as_i64().unwrap()]["title"];
        y_seen_before_x_committed |= *y_now == "y, +2 s instance" && !x_write.is_finished();
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (y_body, x_body) = (y_write.await.unwrap(), x_write.await.unwrap());
    assert!(
        y_seen_before_x_committed,
        "the interleaving did not happen: y's commit was not visible before x's"
    );
    probe.poll(url).await;
    probe.poll(url).await;
    let x_id = x["id"].as_i64().unwrap();
    assert_eq!(
        probe.copy[&y["id"].as_i64().unwrap()]["title"],
        "y, +2 s instance"
    );
    assert_eq!(
        probe.copy[&x_id]["title"], "x",
        "the naive feed never sees x's committed change"
    );
    assert!(
        common::stamp(&x_body, "updated_at") < common::stamp(&y_body, "updated_at"),
        "x committed last with the earlier stamp"
    );

    // Random load: 4 writers per instance, commits held 0 / 30 / 60 ms.
    for (s, delay) in servers.iter().zip([0, 30, 60]) {
        s.app.set_commit_delay(Duration::from_millis(delay));
    }
    let deadline = Instant::now() + Duration::from_secs(2);
    let mut writers = Vec::new();
    for (n, server) in servers.iter().enumerate() {
        for w in 0..4_u64 {
            let (client, base) = (client.clone(), server.base.clone());
            let (x_id, y_id) = (x["id"].as_i64().unwrap(), y["id"].as_i64().unwrap());
            writers.push(tokio::spawn(async move {
                let mut mine: Vec<i64> = vec![x_id, y_id];
                let mut i = 0_u64;
                while Instant::now() < deadline {
                    i += 1;
                    let pick = mine[usize::try_from((i * 7 + w) % mine.len() as u64).unwrap()];
                    let (method, path, body) = match i % 10 {
                        0..=2 => (
                            Method::POST,
                            "/api/v1/tasks".to_owned(),
                            Some(json!({"title": format!("i{n} w{w} #{i}")})),
                        ),
                        3 if mine.len() > 3 => {
                            (Method::DELETE, format!("/api/v1/tasks/{pick}"), None)
                        }
                        _ => (
                            Method::PUT,
                            format!("/api/v1/tasks/{pick}"),
                            Some(json!({"description": format!("i{n} w{w} #{i}")})),
                        ),
                    };
                    let deleting = method == Method::DELETE;
                    let (status, _, reply) =
                        send(&client, method, format!("{base}{path}"), body).await;
                    assert!(!status.is_server_error(), "{status} {reply}");
                    if status == StatusCode::CREATED {
                        mine.push(reply["id"].as_i64().unwrap());
                    }
                    if deleting {
                        mine.retain(|id| *id != pick);
                    }
                }
            }));
        }
    }
    for w in writers {
        w.await.unwrap();
    }
    for s in &servers {
        s.app.set_commit_delay(Duration::ZERO);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let (mut follower, mut naive, feed_server) = polling.await.unwrap();

    // Drain: everything has committed; both followers catch up as far as they can.
    let client = Client::new();
    while follower.poll(&client, &feed_server).await > 0 {}
    naive.poll(url).await;
    let table = table(url).await;
    assert!(table.len() > 10, "the load wrote tasks: {}", table.len());
    let missed = differences(&follower.copy, &table);
    assert!(
        missed.is_empty(),
        "the feed's follower differs on tasks {missed:?}"
    );
    let lost = differences(&naive.copy, &table);
    assert!(
        !lost.is_empty(),
        "the naive feed was expected to lose updates under this load"
    );
    eprintln!(
        "feed on {}: {} tasks, follower equal after {} polls; the naive feed lost {} of them",
        feed_server.app.backend(),
        table.len(),
        follower.polls,
        lost.len()
    );
    feed_server.stop().await;
    for s in servers {
        s.stop().await;
    }
}

/// One acknowledged write: which task, its stamps, and the body the client was given.
struct Ack {
    id: i64,
    created_at: Timestamp,
    updated_at: Timestamp,
    body: Value,
}

async fn skewed_instances_never_move_a_task_back_or_lose_a_write(url: &str) {
    let servers = skewed_instances(url).await;
    let client = Client::new();
    let mut shared = Vec::new();
    for i in 0..20 {
        shared.push(
            create(
                &client,
                &servers[i % 3],
                json!({"title": format!("shared {i}")}),
            )
            .await,
        );
    }
    let shared: Arc<Vec<i64>> =
        Arc::new(shared.iter().map(|t| t["id"].as_i64().unwrap()).collect());
    let deadline = Instant::now() + Duration::from_secs(3);
    let mut clients = Vec::new();
    for (n, server) in servers.iter().enumerate() {
        for c in 0..8_u64 {
            let (client, base, shared) = (client.clone(), server.base.clone(), shared.clone());
            clients.push(tokio::spawn(async move {
                let mut acks = Vec::new();
                let (mut requests, mut refused) = (0_u64, 0_u64);
                let mut etags: HashMap<i64, String> = HashMap::new();
                let mut state = c * 7919 + u64::try_from(n).unwrap() + 1;
                while Instant::now() < deadline {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    let id = shared[usize::try_from(state % 20).unwrap()];
                    let url = format!("{base}/api/v1/tasks/{id}");
                    requests += 1;
                    let roll = (state >> 8) % 100;
                    let response = if roll < 5 {
                        client
                            .post(format!("{base}/api/v1/tasks"))
                            .json(&json!({"title": "new"}))
                            .send()
                            .await
                    } else if roll < 7 {
                        client.delete(&url).send().await
                    } else if roll < 40 && etags.contains_key(&id) {
                        client
                            .put(&url)
                            .header("if-match", &etags[&id])
                            .json(&json!({"title": format!("c{n}.{c} r{requests}")}))
                            .send()
                            .await
                    } else {
                        client
                            .put(&url)
                            .json(&json!({"description": format!("c{n}.{c} r{requests}")}))
                            .send()
                            .await
                    };
                    let response = response.unwrap();
                    let status = response.status();
                    assert!(!status.is_server_error(), "instance {n}: {status}");
                    if let Some(tag) = response.headers().get("etag") {
                        etags.insert(id, tag.to_str().unwrap().to_owned());
                    }
                    if status == StatusCode::OK && roll >= 7 {
                        let body: Value = response.json().await.unwrap();
                        acks.push(Ack {
                            id: body["id"].as_i64().unwrap(),
                            created_at: common::stamp(&body, "created_at"),
                            updated_at: common::stamp(&body, "updated_at"),
                            body,
                        });
                    } else if status == StatusCode::PRECONDITION_FAILED
                        || status == StatusCode::NOT_FOUND
                    {
                        refused += 1;
                    }
                }
                (acks, requests, refused)
            }));
        }
    }
    let (mut acks, mut requests, mut refused) = (Vec::new(), 0, 0);
    for c in clients {
        let (a, r, f) = c.await.unwrap();
        acks.extend(a);
        requests += r;
        refused += f;
    }
    let table = table(url).await;
    let mut by_task: HashMap<i64, Vec<&Ack>> = HashMap::new();
    for ack in &acks {
        by_task.entry(ack.id).or_default().push(ack);
    }
    for (id, versions) in &mut by_task {
        versions.sort_by_key(|a| a.updated_at);
        assert!(
            versions
                .windows(2)
                .all(|w| w[0].updated_at < w[1].updated_at),
            "task {id}: two acknowledged writes share a version"
        );
        assert!(
            versions.iter().all(|a| a.updated_at >= a.created_at),
            "task {id}: updated before created"
        );
        let final_row = &table[id];
        let newest = versions.last().unwrap();
        if final_row.get("deleted_at").is_some() {
            // Deleted after its last acknowledged PUT: the tombstone's version is later still.
            assert!(
                common::stamp(final_row, "updated_at") > newest.updated_at,
                "task {id}"
            );
            assert_eq!(
                final_row["deleted_at"], final_row["updated_at"],
                "task {id}"
            );
        } else {
            assert_eq!(
                *final_row, newest.body,
                "task {id}: the last acknowledged write is what is stored"
            );
        }
    }
    let regressions = stamped::metrics().regressions;
    eprintln!(
        "skew on {}: {requests} requests, {} acknowledged PUTs on {} tasks, {refused} refused (412/404), \
         {regressions} clock regressions absorbed in this process",
        servers[0].app.backend(),
        acks.len(),
        by_task.len()
    );
    assert!(
        acks.len() > 30,
        "the clients got writes through: {}",
        acks.len()
    );
    for s in servers {
        s.stop().await;
    }
}
