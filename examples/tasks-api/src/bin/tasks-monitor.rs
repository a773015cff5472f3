//! Watches the tasks service:
//! `cargo run -p tasks-api --bin tasks-monitor -- --url http://127.0.0.1:8000 [--once] [--interval 30s]`.
//!
//! Each pass checks `/health`, creates a task and checks its stamps (present, equal, within a
//! minute of this machine's clock), updates it and checks `updated_at` moved, deletes it, and
//! times a batch of 10 creates. It prints `healthy`, `degraded` (slow, or health not 200) or
//! `critical` (missing or wrong stamps, API errors) with the reasons. With `--once` the exit
//! code is 0 healthy, 1 degraded, 2 critical; in a loop, an unchanged alert is repeated at most
//! once every 15 minutes.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use tasks_api::config::parse_duration;
use tasks_api::monitor::{validate, AlertGate, Level};

const REPEAT_ALERT: Duration = Duration::from_mins(15);

/// Watches a tasks-api instance and alerts when it misbehaves.
#[derive(Debug, Parser)]
#[command(name = "tasks-monitor", version, about)]
struct Options {
    /// Base URL of the service.
    #[arg(long)]
    url: String,
    /// One pass, then exit with 0 (healthy), 1 (degraded) or 2 (critical).
    #[arg(long)]
    once: bool,
    /// Time between passes.
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    interval: Duration,
}

fn exit_code(level: Level) -> ExitCode {
    match level {
        Level::Healthy => ExitCode::SUCCESS,
        Level::Degraded => ExitCode::from(1),
        Level::Critical => ExitCode::from(2),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = Options::parse();
    let client = match reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if options.once {
        let report = validate(&client, &options.url).await;
        println!("{}", report.summary());
        return exit_code(report.level);
    }
    let mut gate = AlertGate::new(REPEAT_ALERT);
    loop {
        let report = validate(&client, &options.url).await;
        let key = report.alert_key();
        let admitted = gate.admit(key.as_deref(), Instant::now());
        if key.is_none() {
            println!("{}", report.summary());
        } else if admitted {
            println!("ALERT {}", report.summary());
        }
        tokio::select! {
            () = tokio::time::sleep(options.interval) => {}
            _ = tokio::signal::ctrl_c() => return exit_code(report.level),
        }
    }
}
