//! The `tasks-api` binary as an operator runs it: `--help`, the `READ_ONLY_MODE` environment
//! switch, read-only mode toggled at runtime by signals (no HTTP switch), graceful SIGTERM.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode};
use serde_json::json;

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tasks-api"))
}

#[test]
fn help_lists_the_options_and_their_environment_fallbacks() {
    let out = binary().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for option in [
        "--bind",
        "--database-url",
        "DATABASE_URL",
        "--sqlite-sync",
        "--request-timeout",
        "--header-read-timeout",
        "--idle-timeout",
        "--max-connections",
        "--read-only",
        "READ_ONLY_MODE",
    ] {
        assert!(
            text.contains(option),
            "{option} missing from --help:\n{text}"
        );
    }
    let bad = binary()
        .args(["--request-timeout", "soon"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a duration"));
}

/// The running binary and its address.
struct Running {
    child: Child,
    base: String,
}

fn start(db: &std::path::Path, read_only: bool) -> Running {
    let mut child = binary()
        .args(["--bind", "127.0.0.1:0", "--database-url"])
        .arg(format!("sqlite://{}?mode=rwc", db.display()))
        .env("READ_ONLY_MODE", if read_only { "true" } else { "false" })
        .env_remove("DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let base = loop {
        let line = lines
            .next()
            .expect("the service logs where it listens")
            .unwrap();
        if let Some(rest) = line.split("listening on ").nth(1) {
            break rest.split(',').next().unwrap().to_owned();
        }
    };
    // Keep draining the log so the service never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Running { child, base }
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success());
}

async fn create_status(client: &Client, base: &str) -> StatusCode {
    client
        .post(format!("{base}/api/v1/tasks"))
        .json(&json!({"title": "t"}))
        .send()
        .await
        .unwrap()
        .status()
}

async fn wait_for(client: &Client, base: &str, want: StatusCode) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(5) {
        if create_status(client, base).await == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("POST never answered {want}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_from_the_environment_and_switched_by_signals() {
    let db = std::env::temp_dir().join(format!("tasks-api-binary-{}.db", std::process::id()));
    let mut running = start(&db, true);
    let client = Client::new();
    assert_eq!(
        create_status(&client, &running.base).await,
        StatusCode::SERVICE_UNAVAILABLE
    );
    let health: serde_json::Value = client
        .get(format!("{}/health", running.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["read_only"], true, "{health}");

    signal(&running.child, "USR2"); // off
    wait_for(&client, &running.base, StatusCode::CREATED).await;
    signal(&running.child, "USR1"); // on again
    wait_for(&client, &running.base, StatusCode::SERVICE_UNAVAILABLE).await;

    signal(&running.child, "TERM");
    let status = tokio::task::spawn_blocking(move || running.child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success(), "graceful shutdown exits 0: {status}");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
}
