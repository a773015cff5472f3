//! Load generator for the tasks service:
//! `cargo run --release -p tasks-api --bin tasks-loadgen -- --url http://127.0.0.1:8000 --clients 8 --requests 5000`.
//!
//! `--requests` is the total, shared by the clients; with several `--url`s the clients are
//! spread over them in turn. Each client creates a task, then alternates updates of it with new
//! creates, so half the requests are creates and half updates. Prints the throughput, then
//! p50/p95/p99/max latency and errors for each kind, and whether the plan's KPIs (create p99 <
//! 200 ms, update p99 < 150 ms, p95 < 500 ms, error rate < 0.1%) and ours (p95 < 5 ms, zero
//! errors) are met. Exit code 0 when ours are met, 1 otherwise, 2 for bad arguments.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use serde_json::{json, Value};

/// Load for the tasks service: creates and updates from concurrent clients.
#[derive(Debug, Parser)]
#[command(name = "tasks-loadgen", version, about)]
struct Options {
    /// Base URL of an instance; repeat to spread the clients over several.
    #[arg(long = "url", default_value = "http://127.0.0.1:8000")]
    urls: Vec<String>,
    /// Concurrent clients.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..))]
    clients: u32,
    /// Requests in all, shared by the clients.
    #[arg(long, default_value_t = 5000, value_parser = clap::value_parser!(u32).range(1..))]
    requests: u32,
    /// Instead of HTTP, run the service's own store (insert; read then compare-and-set update,
    /// the same transactions and statements) straight on this PostgreSQL database, with the
    /// same concurrency: the database's own limit, to compare the service with.
    #[arg(long, value_name = "POSTGRES_URL")]
    direct: Option<String>,
}

#[derive(Default)]
struct Samples {
    latencies: Vec<Duration>,
    errors: usize,
}

impl Samples {
    fn record(&mut self, started: Instant, ok: bool) {
        self.latencies.push(started.elapsed());
        if !ok {
            self.errors += 1;
        }
    }

    fn merge(&mut self, other: Samples) {
        self.latencies.extend(other.latencies);
        self.errors += other.errors;
    }

    fn percentile(sorted: &[Duration], p: f64) -> Duration {
        if sorted.is_empty() {
            return Duration::ZERO;
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "an index into a non-empty slice"
        )]
        let index = ((sorted.len() - 1) as f64 * p).round() as usize;
        sorted[index.min(sorted.len() - 1)]
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

/// One client of the direct mode: the same mix as `run_client`, through the service's own
/// store (the same transactions and statements), without HTTP.
async fn run_direct(store: Arc<tasks_api::Store>, requests: usize) -> (Samples, Samples) {
    use tasks_api::{Priority, Task};
    let (mut creates, mut updates) = (Samples::default(), Samples::default());
    let mut current: Option<i64> = None;
    for i in 0..requests {
        let started = Instant::now();
        match current {
            Some(id) if i % 2 == 1 => {
                let ok = match store.get(id).await {
                    Ok(Some(mut task)) => {
                        let version = task.updated_at();
                        let mut edit = task.edit();
                        edit.set_description(format!("update {i}"));
                        let changes = edit.finish();
                        store
                            .update_changes(&task, changes, version)
                            .await
                            .unwrap_or(false)
                    }
                    _ => false,
                };
                updates.record(started, ok);
            }
            _ => {
                let task = Task::new(0, format!("load {i}"), String::new(), Priority::Medium);
                let id = store.insert(task).await.ok().map(|t| t.id());
                creates.record(started, id.is_some());
                current = id.or(current);
            }
        }
    }
    (creates, updates)
}

async fn run_client(client: reqwest::Client, url: String, requests: usize) -> (Samples, Samples) {
    let (mut creates, mut updates) = (Samples::default(), Samples::default());
    let mut current: Option<i64> = None;
    for i in 0..requests {
        match current {
            Some(id) if i % 2 == 1 => {
                let started = Instant::now();
                let result = client
                    .put(format!("{url}/api/v1/tasks/{id}"))
                    .json(&json!({ "description": format!("update {i}") }))
                    .send()
                    .await;
                updates.record(started, result.is_ok_and(|r| r.status().is_success()));
            }
            _ => {
                let started = Instant::now();
                let result = client
                    .post(format!("{url}/api/v1/tasks"))
                    .json(&json!({ "title": format!("load {i}") }))
                    .send()
                    .await;
                let id = match result {
                    Ok(r) if r.status().is_success() => {
                        r.json::<Value>().await.ok().and_then(|t| t["id"].as_i64())
                    }
                    _ => None,
                };
                creates.record(started, id.is_some());
                current = id.or(current);
            }
        }
    }
    (creates, updates)
}

/// Prints one row; returns (p95, p99, error rate).
fn report(kind: &str, samples: &mut Samples, limit: Duration) -> (Duration, Duration, f64) {
    samples.latencies.sort_unstable();
    let s = &samples.latencies;
    let (p50, p95, p99) = (
        Samples::percentile(s, 0.50),
        Samples::percentile(s, 0.95),
        Samples::percentile(s, 0.99),
    );
    let max = s.last().copied().unwrap_or_default();
    #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
    let error_rate = if s.is_empty() {
        0.0
    } else {
        samples.errors as f64 / s.len() as f64
    };
    println!(
        "{kind:<7} {:>6} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>7} {:>8.3}%   plan: p99 < {:.0} ms",
        s.len(),
        ms(p50),
        ms(p95),
        ms(p99),
        ms(max),
        samples.errors,
        error_rate * 100.0,
        ms(limit)
    );
    (p95, p99, error_rate)
}

/// The store of the direct mode: PostgreSQL, opened as the service opens it.
async fn open_direct(url: &str) -> Result<Arc<tasks_api::Store>, String> {
    if !(url.starts_with("postgres:") || url.starts_with("postgresql:")) {
        return Err("--direct takes a postgres:// URL".into());
    }
    tasks_api::Store::open(url, tasks_api::Durability::Full, Duration::from_secs(5))
        .await
        .map(Arc::new)
        .map_err(|e| e.to_string())
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = Options::parse();
    let client = match reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let urls: Vec<String> = options
        .urls
        .iter()
        .map(|u| u.trim_end_matches('/').to_owned())
        .collect();
    let per_client = usize::try_from((options.requests / options.clients).max(1)).unwrap_or(1);
    let clients = usize::try_from(options.clients).unwrap_or(1);
    let direct = match &options.direct {
        None => None,
        Some(url) => match open_direct(url).await {
            Ok(pool) => Some(pool),
            Err(e) => {
                eprintln!("error: {url}: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let started = Instant::now();
    let handles: Vec<_> = match &direct {
        Some(pool) => (0..clients)
            .map(|_| tokio::spawn(run_direct(pool.clone(), per_client)))
            .collect(),
        None => urls
            .iter()
            .cycle()
            .take(clients)
            .map(|url| tokio::spawn(run_client(client.clone(), url.clone(), per_client)))
            .collect(),
    };
    let (mut creates, mut updates) = (Samples::default(), Samples::default());
    for handle in handles {
        match handle.await {
            Ok((c, u)) => {
                creates.merge(c);
                updates.merge(u);
            }
            Err(e) => {
                eprintln!("error: a client failed: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let elapsed = started.elapsed();
    let total = creates.latencies.len() + updates.latencies.len();
    println!(
        "{total} requests from {} clients in {:.2} s ({:.0} req/s) against {}",
        options.clients,
        elapsed.as_secs_f64(),
        f64::from(u32::try_from(total).unwrap_or(u32::MAX)) / elapsed.as_secs_f64(),
        if direct.is_some() {
            "the database directly (sqlx, no HTTP)".to_owned()
        } else {
            urls.join(", ")
        }
    );
    println!(
        "{:<7} {:>6} {:>9} {:>9} {:>9} {:>9} {:>7} {:>9}",
        "kind", "count", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "rate"
    );
    let (create_p95, create_p99, create_errors) =
        report("create", &mut creates, Duration::from_millis(200));
    let (update_p95, update_p99, update_errors) =
        report("update", &mut updates, Duration::from_millis(150));
    let p95 = create_p95.max(update_p95);
    let plan = create_p99 < Duration::from_millis(200)
        && update_p99 < Duration::from_millis(150)
        && p95 < Duration::from_millis(500)
        && create_errors < 0.001
        && update_errors < 0.001;
    let ours = p95 < Duration::from_millis(5) && creates.errors + updates.errors == 0;
    println!(
        "plan KPIs (p99 create < 200 ms, update < 150 ms; p95 < 500 ms; errors < 0.1%): {}",
        if plan { "met" } else { "MISSED" }
    );
    println!(
        "our KPIs (p95 < 5 ms, zero errors): {}",
        if ours { "met" } else { "MISSED" }
    );
    if ours {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
