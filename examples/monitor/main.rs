//! Watches the tasks service: `cargo run --example monitor -- --url http://127.0.0.1:8000
//! [--once] [--interval SECS]`.
//!
//! Each pass checks `/health`, creates a task and checks its stamps (present, equal, within a
//! minute of this machine's clock), updates it and checks `updated_at` moved, deletes it, and
//! times a batch of 10 creates. It prints `healthy`, `degraded` (slow, or health not 200) or
//! `critical` (missing or wrong stamps, API errors) with the reasons. With `--once` the exit
//! code is 0 healthy, 1 degraded, 2 critical; in a loop, an unchanged alert is repeated at most
//! once every 15 minutes.

mod check;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use check::{validate, AlertGate, Level};

const REPEAT_ALERT: Duration = Duration::from_secs(15 * 60);
const USAGE: &str = "usage: monitor --url URL [--once] [--interval SECS]";

struct Options {
    url: String,
    once: bool,
    interval: Duration,
}

fn parse_options() -> Result<Options, String> {
    let mut url = None;
    let mut once = false;
    let mut interval = Duration::from_secs(30);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--url" => url = Some(args.next().ok_or("--url needs a value")?),
            "--once" => once = true,
            "--interval" => {
                let value = args.next().ok_or("--interval needs a number of seconds")?;
                let secs: u64 = value
                    .parse()
                    .map_err(|_| format!("--interval {value:?} is not a whole number"))?;
                if secs == 0 {
                    return Err("--interval must be at least 1 second".into());
                }
                interval = Duration::from_secs(secs);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let url = url.ok_or("--url is required")?;
    Ok(Options {
        url,
        once,
        interval,
    })
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
    let options = match parse_options() {
        Ok(o) => o,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(64);
        }
    };
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
