//! Storage on SQLite (the default, an embedded file) or PostgreSQL, chosen by the URL.
//! `updated_at` is the row's version: an update only lands if the row still has the version
//! the change was made from (compare-and-set), so no write is ever silently lost.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use timestamped::Timestamp;

use super::model::Task;

/// How SQLite commits (PostgreSQL is configured on its server).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Durability {
    /// `synchronous = FULL`: a write the API acknowledged survives a power loss. Every commit
    /// waits for the disk (an fsync), which dominates request latency.
    #[default]
    Full,
    /// `synchronous = NORMAL`, SQLite's usual WAL setting: the database never corrupts, but
    /// the last commits before a power loss or OS crash may be rolled back (an application
    /// crash loses nothing). Several times faster.
    Normal,
}

#[derive(Debug, Clone)]
pub(crate) enum Store {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same code on either pool: the queries are written once, in SQL both databases
/// read (numbered parameters, each used once and in order, `RETURNING`).
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store {
            Store::Sqlite($pool) => $body,
            Store::Postgres($pool) => $body,
        }
    };
}

const SQLITE_SCHEMA: &str = "CREATE TABLE IF NOT EXISTS tasks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    priority    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
)";

const POSTGRES_SCHEMA: &str = "CREATE TABLE IF NOT EXISTS tasks (
    id          BIGSERIAL PRIMARY KEY,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    priority    TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
)";

const COLUMNS: &str = "id, title, description, priority, created_at, updated_at";

/// Storage failures, kept apart from "not found" and "changed meanwhile".
#[derive(Debug)]
pub(crate) enum StoreError {
    Database(sqlx::Error),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Database(e) => write!(f, "database error: {e}"),
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Database(e)
    }
}

impl Store {
    /// Connects to `sqlite://…` or `postgres://…` and creates the schema if it is missing.
    pub(crate) async fn open(url: &str, durability: Durability) -> Result<Store, StoreError> {
        let store = if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(match durability {
                    Durability::Full => SqliteSynchronous::Full,
                    Durability::Normal => SqliteSynchronous::Normal,
                })
                .busy_timeout(Duration::from_secs(10));
            Store::Sqlite(
                SqlitePoolOptions::new()
                    .max_connections(4)
                    .connect_with(options)
                    .await?,
            )
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Store::Postgres(
                PgPoolOptions::new()
                    .max_connections(8)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect(url)
                    .await?,
            )
        } else {
            return Err(StoreError::Database(sqlx::Error::Configuration(
                format!("unsupported database URL {url:?}: use sqlite://… or postgres://…").into(),
            )));
        };
        let schema = match &store {
            Store::Sqlite(_) => SQLITE_SCHEMA,
            Store::Postgres(_) => POSTGRES_SCHEMA,
        };
        on_pool!(&store, pool => sqlx::query(schema).execute(pool).await.map(|_| ()))?;
        Ok(store)
    }

    pub(crate) fn backend(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "sqlite",
            Store::Postgres(_) => "postgres",
        }
    }

    /// Whether the database answers.
    pub(crate) async fn ping(&self) -> bool {
        on_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ())).is_ok()
    }

    /// Closes every connection (used to take the service's database away in tests).
    pub(crate) async fn close(&self) {
        on_pool!(self, pool => pool.close().await);
    }

    /// Stores a new task and returns it with its id.
    pub(crate) async fn insert(&self, task: Task) -> Result<Task, StoreError> {
        let sql = "INSERT INTO tasks (title, description, priority, created_at, updated_at) \
                   VALUES ($1, $2, $3, $4, $5) RETURNING id";
        let id: i64 = on_pool!(self, pool => sqlx::query_scalar(sql)
            .bind(task.title())
            .bind(task.description())
            .bind(task.priority().as_str())
            .bind(task.created_at())
            .bind(task.updated_at())
            .fetch_one(pool)
            .await)?;
        Ok(task.with_id(id))
    }

    pub(crate) async fn get(&self, id: i64) -> Result<Option<Task>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM tasks WHERE id = $1");
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?)
    }

    pub(crate) async fn list(&self) -> Result<Vec<Task>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM tasks ORDER BY id");
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).fetch_all(pool).await)?)
    }

    /// Writes `task` if its row still has `updated_at == version`; says whether it did.
    pub(crate) async fn update_if_version(
        &self,
        task: &Task,
        version: Timestamp,
    ) -> Result<bool, StoreError> {
        let sql = "UPDATE tasks SET title = $1, description = $2, priority = $3, updated_at = $4 \
                   WHERE id = $5 AND updated_at = $6";
        let done = on_pool!(self, pool => sqlx::query(sql)
            .bind(task.title())
            .bind(task.description())
            .bind(task.priority().as_str())
            .bind(task.updated_at())
            .bind(task.id())
            .bind(version)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(done == 1)
    }

    /// Deletes a task; says whether it existed.
    pub(crate) async fn delete(&self, id: i64) -> Result<bool, StoreError> {
        let sql = "DELETE FROM tasks WHERE id = $1";
        let done = on_pool!(self, pool => sqlx::query(sql).bind(id).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(done == 1)
    }
}
