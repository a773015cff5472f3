//! The tasks REST service, built on `#[derive(Timestamped)]`: the library's proof in use.
//!
//! [`App`] is the whole service: open it on a database URL (SQLite file or PostgreSQL), then
//! [`serve`](App::serve) it on a listener. The `tasks-api` binary does that from its
//! [`Config`]; the tests do it on a random port with a database of their own. See the crate's
//! README for the routes, the options and the measured latency.

mod api;
pub mod config;
mod error;
mod health;
mod metrics;
mod model;
pub mod monitor;
pub mod server;
mod state;
mod store;

use std::future::Future;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

use timestamped::{Clock, SystemClock};

pub use config::{Config, DEFAULT_DATABASE_URL};
pub use model::{Priority, Task};
pub use server::Limits;
pub use store::{Cursor, Durability, Store, StoreError};

use state::AppState;

/// How long the requests in flight may take to finish once shutdown begins.
const DRAIN: Duration = Duration::from_secs(10);

/// The service: its state and its routes.
#[derive(Clone)]
pub struct App {
    state: Arc<AppState>,
}

impl App {
    /// Opens the database at `url` (creating the schema if missing) with the system clock.
    /// `deadline` bounds every request, database statements included.
    ///
    /// # Errors
    /// An unsupported URL, or a database that cannot be reached or written.
    pub async fn open(
        url: &str,
        durability: Durability,
        deadline: Duration,
    ) -> Result<App, StoreError> {
        App::open_with_clock(url, durability, deadline, Arc::new(SystemClock)).await
    }

    /// Like [`open`](App::open), with every stamp read from `clock`: several instances with
    /// different clocks can run in one process.
    ///
    /// # Errors
    /// As [`open`](App::open).
    pub async fn open_with_clock(
        url: &str,
        durability: Durability,
        deadline: Duration,
        clock: Arc<dyn Clock>,
    ) -> Result<App, StoreError> {
        let store = Store::open(url, durability, deadline).await?;
        Ok(App {
            state: Arc::new(AppState {
                store,
                clock,
                read_only: AtomicBool::new(false),
                metrics: metrics::Metrics::new(),
                deadline,
            }),
        })
    }

    /// Opens the service `config` describes.
    ///
    /// # Errors
    /// As [`open`](App::open).
    pub async fn from_config(config: &Config) -> Result<App, StoreError> {
        let app = App::open(
            &config.database_url,
            config.sqlite_sync,
            config.request_timeout,
        )
        .await?;
        app.set_read_only(config.read_only);
        Ok(app)
    }

    /// The HTTP routes.
    pub fn router(&self) -> axum::Router {
        api::router(self.state.clone())
    }

    /// Switches read-only mode: writes get 503 `read_only`; reads and `/health` keep working.
    pub fn set_read_only(&self, on: bool) {
        self.state.set_read_only(on);
    }

    /// `"sqlite"` or `"postgres"`.
    pub fn backend(&self) -> &'static str {
        self.state.store.backend()
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish.
    ///
    /// # Errors
    /// See [`server::serve`].
    pub async fn serve(
        &self,
        listener: tokio::net::TcpListener,
        limits: Limits,
        shutdown: impl Future<Output = ()>,
    ) -> std::io::Result<()> {
        server::serve(listener, self.router(), limits, shutdown, DRAIN).await
    }

    /// A test hook: every write holds its transaction open for `delay` before committing, so
    /// commits land out of stamp order (as under load, or with slow clients of the database).
    #[doc(hidden)]
    pub fn set_commit_delay(&self, delay: Duration) {
        self.state.store.set_commit_delay(delay);
    }

    /// Closes the database connections.
    pub async fn close(&self) {
        self.state.store.close().await;
    }
}
