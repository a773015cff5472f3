//! The tasks REST service, built on `#[derive(Timestamped)]`: the library's proof in use.
//!
//! [`App`] is the whole service: open it on a database URL (SQLite file or PostgreSQL), then
//! [`serve`](App::serve) it on a listener. The `tasks-api` binary does that from its
//! [`Config`]; the tests do it on a random port with a database of their own. See the crate's
//! README for the routes, the options and the measured latency.

mod api;
pub mod config;
mod error;
mod gate;
mod health;
mod metrics;
mod model;
pub mod monitor;
pub mod server;
mod state;
mod store;
mod watch;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use stamped::{Clock, SystemClock};

pub use config::{Config, DEFAULT_DATABASE_URL};
pub use gate::Refusal;
pub use model::{Priority, Task};
pub use server::Limits;
pub use store::{Cursor, DatabaseClock, Durability, Store, StoreError};

use state::AppState;

/// How long the requests in flight may take to finish once shutdown begins.
const DRAIN: Duration = Duration::from_secs(10);

/// How an instance opens, besides its database URL.
#[derive(Clone)]
pub struct Settings {
    /// How SQLite commits.
    pub durability: Durability,
    /// The deadline of every request, database statements included.
    pub deadline: Duration,
    /// Where every stamp is read (the system clock in production).
    pub clock: Arc<dyn Clock>,
    /// On PostgreSQL: beyond this offset of `clock` from the database's clock, writes are
    /// refused (503 `clock_skew`) until it is back within.
    pub max_clock_offset: Duration,
    /// On PostgreSQL: how often the clock's offset and the feed's lag are measured.
    pub clock_check_interval: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            durability: Durability::Full,
            deadline: Duration::from_secs(5),
            clock: Arc::new(SystemClock),
            max_clock_offset: DEFAULT_MAX_CLOCK_OFFSET,
            clock_check_interval: DEFAULT_CLOCK_CHECK_INTERVAL,
        }
    }
}

/// The default bound on the clock's offset from the database's (the default of `CockroachDB`).
pub const DEFAULT_MAX_CLOCK_OFFSET: Duration = Duration::from_millis(500);
/// The default interval between clock measurements.
pub const DEFAULT_CLOCK_CHECK_INTERVAL: Duration = Duration::from_secs(5);

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
        App::open_with(
            url,
            Settings {
                durability,
                deadline,
                clock,
                ..Settings::default()
            },
        )
        .await
    }

    /// Opens the database at `url` with every setting of [`Settings`]. On PostgreSQL the
    /// clock is measured against the database's before this returns, then every
    /// `settings.clock_check_interval` by a task that ends with the last clone of the app.
    ///
    /// # Errors
    /// As [`open`](App::open).
    pub async fn open_with(url: &str, settings: Settings) -> Result<App, StoreError> {
        let gate = Arc::new(gate::Gate::new(settings.max_clock_offset));
        let store =
            Store::open_gated(url, settings.durability, settings.deadline, gate.clone()).await?;
        let state = Arc::new(AppState {
            store,
            clock: settings.clock,
            gate,
            metrics: metrics::Metrics::new(),
            deadline: settings.deadline,
        });
        watch::start(&state, settings.clock_check_interval).await;
        Ok(App { state })
    }

    /// Opens the service `config` describes.
    ///
    /// # Errors
    /// As [`open`](App::open).
    pub async fn from_config(config: &Config) -> Result<App, StoreError> {
        let app = App::open_with(
            &config.database_url,
            Settings {
                durability: config.sqlite_sync,
                deadline: config.request_timeout,
                max_clock_offset: config.max_clock_offset,
                clock_check_interval: config.clock_check_interval,
                ..Settings::default()
            },
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
        self.state.gate.set_read_only(on);
    }

    /// Sets the largest offset of this instance's clock from the database's (PostgreSQL) at
    /// which it still writes; the last measurement is judged again at once.
    pub fn set_max_clock_offset(&self, bound: Duration) {
        self.state.gate.set_max_offset(bound);
    }

    /// Measures the clock against the database's now (PostgreSQL; `None` on SQLite, which
    /// shares this machine's clock), and refuses or resumes writes by the result.
    ///
    /// # Errors
    /// The database could not be asked.
    pub async fn check_clock(&self) -> Option<Result<DatabaseClock, StoreError>> {
        watch::check(&self.state).await
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
