//! The tasks REST service built on `#[derive(Timestamped)]`.
//!
//! `cargo run --example tasks_api` listens on 127.0.0.1:8000 and stores in `tasks.db` (SQLite)
//! in the working directory. Options: `--bind ADDR`, `--database-url URL` (also
//! `DATABASE_URL`; `sqlite://…` or `postgres://…`).

mod app;

use std::net::SocketAddr;
use std::process::ExitCode;

use app::{router, Durability, Store, DEFAULT_DATABASE_URL};

struct Options {
    bind: SocketAddr,
    database_url: String,
    durability: Durability,
}

const USAGE: &str =
    "usage: tasks_api [--bind ADDR] [--database-url URL] [--sqlite-sync full|normal]\n\
    \n  --bind ADDR               address to listen on (default 127.0.0.1:8000)\
    \n  --database-url URL        sqlite://FILE?mode=rwc or postgres://USER@HOST/DB\
    \n                            (default: $DATABASE_URL, else sqlite://tasks.db?mode=rwc)\
    \n  --sqlite-sync full|normal full (default): every acknowledged write survives a power loss;\
    \n                            normal: faster, the last writes may roll back after a power loss";

fn parse_options() -> Result<Options, String> {
    let mut bind: SocketAddr = ([127, 0, 0, 1], 8000).into();
    let mut database_url = std::env::var("DATABASE_URL").ok();
    let mut durability = Durability::Full;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bind" => {
                let value = args.next().ok_or("--bind needs an address")?;
                bind = value
                    .parse()
                    .map_err(|e| format!("--bind {value:?}: {e}"))?;
            }
            "--database-url" => {
                database_url = Some(args.next().ok_or("--database-url needs a URL")?);
            }
            "--sqlite-sync" => {
                durability = match args.next().as_deref() {
                    Some("full") => Durability::Full,
                    Some("normal") => Durability::Normal,
                    other => {
                        return Err(format!(
                            "--sqlite-sync takes `full` or `normal`, not {other:?}"
                        ))
                    }
                }
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Options {
        bind,
        database_url: database_url.unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
        durability,
    })
}

/// Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing the requests in flight");
}

#[tokio::main]
async fn main() -> ExitCode {
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stdout());
    tracing_subscriber::fmt()
        .with_target(false)
        .with_ansi(ansi)
        .init();
    let options = match parse_options() {
        Ok(o) => o,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}\n");
            }
            eprintln!("{USAGE}");
            return if message.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    let store = match Store::open(&options.database_url, options.durability).await {
        Ok(store) => store,
        Err(e) => {
            eprintln!("error: cannot open {}: {e}", options.database_url);
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(options.bind).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", options.bind);
            return ExitCode::FAILURE;
        }
    };
    tracing::info!(
        "tasks_api listening on http://{}, storing in {} ({})",
        options.bind,
        store.backend(),
        options.database_url
    );
    let served = axum::serve(listener, router(store.clone()))
        .with_graceful_shutdown(shutdown_signal())
        .await;
    store.close().await;
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
