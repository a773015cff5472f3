//! The tasks REST service: `cargo run -p tasks-api` listens on 127.0.0.1:8000 and stores in
//! `tasks.db` (SQLite) in the working directory. `--help` lists the options.
//!
//! Signals: Ctrl-C or SIGTERM shut down gracefully; SIGUSR1 switches read-only mode on,
//! SIGUSR2 off.

use std::process::ExitCode;

use clap::Parser;
use tasks_api::{App, Config};

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

/// SIGUSR1 / SIGUSR2 switch read-only mode: an operator's switch that needs no HTTP route.
#[cfg(unix)]
fn watch_read_only_signals(app: &App) {
    use tokio::signal::unix::{signal, SignalKind};
    for (kind, on) in [
        (SignalKind::user_defined1(), true),
        (SignalKind::user_defined2(), false),
    ] {
        let app = app.clone();
        match signal(kind) {
            Ok(mut stream) => {
                tokio::spawn(async move {
                    while stream.recv().await.is_some() {
                        app.set_read_only(on);
                    }
                });
            }
            Err(e) => tracing::warn!(error = %e, "cannot watch the read-only signals"),
        }
    }
}

#[cfg(not(unix))]
fn watch_read_only_signals(_: &App) {}

#[tokio::main]
async fn main() -> ExitCode {
    let config = Config::parse();
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stdout());
    tracing_subscriber::fmt()
        .with_target(false)
        .with_ansi(ansi)
        .init();
    let app = match App::from_config(&config).await {
        Ok(app) => app,
        Err(e) => {
            eprintln!("error: cannot open {}: {e}", config.database_url);
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(config.bind).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", config.bind);
            return ExitCode::FAILURE;
        }
    };
    watch_read_only_signals(&app);
    let address = listener.local_addr().map_or(config.bind, |a| a);
    tracing::info!(
        "tasks-api listening on http://{address}, storing in {} ({}){}",
        app.backend(),
        config.database_url,
        if config.read_only { ", read-only" } else { "" }
    );
    let served = app
        .serve(listener, config.limits(), shutdown_signal())
        .await;
    app.close().await;
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
