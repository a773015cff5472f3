//! Storage on SQLite (the default, an embedded file) or PostgreSQL, chosen by the URL.
//!
//! `updated_at` is the row's version: an update writes only the changed columns, and only if
//! the row still has the version the change was made from (compare-and-set), so no write is
//! ever silently lost. Every statement is bounded by the request deadline on the server side
//! too (PostgreSQL `statement_timeout` and `lock_timeout`, SQLite's busy timeout).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{ConnectOptions, FromRow, Row};
use timestamped::{Changes, Timestamp};

use crate::metrics::count_query;
use crate::model::Task;

/// How SQLite commits (PostgreSQL is configured on its server).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Durability {
    /// `synchronous = FULL`: a write the API acknowledged survives a power loss. Every commit
    /// waits for the disk (an fsync), which dominates request latency.
    #[default]
    Full,
    /// `synchronous = NORMAL`, SQLite's usual WAL setting: the database never corrupts, but
    /// the last commits before a power loss or OS crash may be rolled back (an application
    /// crash loses nothing). Several times faster.
    Normal,
}

/// The database behind the store.
#[derive(Debug)]
enum Pool {
    Sqlite {
        /// One connection for every write: SQLite has one writer, and queueing in the pool
        /// is cheaper than SQLite's busy-wait sleeps between competing writers.
        writer: SqlitePool,
        /// Reads, concurrent with the writer (WAL).
        readers: SqlitePool,
        /// The file and the identity (device, inode) it had when the service opened it.
        file: Option<(PathBuf, FileId)>,
    },
    Postgres(PgPool),
}

/// A file's identity: it changes when the file is deleted and created again.
type FileId = (u64, u64);

fn file_id(path: &std::path::Path) -> std::io::Result<FileId> {
    let meta = std::fs::metadata(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Ok((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        Ok((0, u64::from(meta.len() > 0)))
    }
}

/// Runs the same code on either database, with the pool for writes (`write`) or for reads
/// (`read`): the queries are written once, in SQL both databases read (numbered parameters,
/// each used once and in order, `RETURNING`).
macro_rules! on_pool {
    ($store:expr, write, $pool:ident => $body:expr) => {
        match &$store.pool {
            Pool::Sqlite { writer: $pool, .. } => $body,
            Pool::Postgres($pool) => $body,
        }
    };
    ($store:expr, read, $pool:ident => $body:expr) => {
        match &$store.pool {
            Pool::Sqlite { readers: $pool, .. } => $body,
            Pool::Postgres($pool) => $body,
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
);
CREATE TABLE IF NOT EXISTS health_probe (id INTEGER PRIMARY KEY, at TEXT NOT NULL)";

const POSTGRES_SCHEMA: &str = "CREATE TABLE IF NOT EXISTS tasks (
    id          BIGSERIAL PRIMARY KEY,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    priority    TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS health_probe (id INTEGER PRIMARY KEY, at TIMESTAMPTZ NOT NULL)";

const COLUMNS: &str = "id, title, description, priority, created_at, updated_at";

/// Why storage failed. The `Display` text is for logs; HTTP bodies never carry it.
#[derive(Debug)]
pub enum StoreError {
    /// The database refused or failed the statement.
    Database(sqlx::Error),
    /// Writes would not be kept: the database file was deleted or replaced, or is read-only.
    NotWritable(String),
    /// A stored row that does not make a valid task.
    Corrupt {
        /// The row's id.
        id: i64,
        /// Why it cannot be read.
        reason: String,
    },
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Database(e) => write!(f, "database error: {e}"),
            StoreError::NotWritable(why) => write!(f, "storage not writable: {why}"),
            StoreError::Corrupt { id, reason } => write!(f, "task {id} cannot be read: {reason}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Database(e)
    }
}

impl StoreError {
    /// Whether the database gave up because a deadline passed (statement timeout, lock
    /// timeout, busy timeout, pool acquire timeout).
    pub(crate) fn is_timeout(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::PoolTimedOut) => true,
            StoreError::Database(sqlx::Error::Database(db)) => {
                // PostgreSQL: query_canceled (statement_timeout), lock_not_available
                // (lock_timeout); SQLite: SQLITE_BUSY (5).
                matches!(db.code().as_deref(), Some("57014" | "55P03" | "5"))
            }
            _ => false,
        }
    }
}

/// One page of tasks.
#[derive(Debug)]
pub(crate) struct Page {
    pub(crate) tasks: Vec<Task>,
    /// Rows of this page that could not be read as tasks.
    pub(crate) skipped: Vec<i64>,
    /// The id to continue after, if there may be more.
    pub(crate) next: Option<i64>,
}

/// The tasks table.
#[derive(Debug)]
pub struct Store {
    pool: Pool,
    /// Ids of rows met that could not be read as tasks, for `/health`.
    corrupt: Mutex<BTreeSet<i64>>,
}

impl Store {
    /// Connects to `sqlite://…` or `postgres://…` and creates the schema if it is missing.
    /// `deadline` bounds every statement on the database's side too.
    ///
    /// # Errors
    /// An unsupported URL, or a database that cannot be reached or written.
    pub async fn open(
        url: &str,
        durability: Durability,
        deadline: Duration,
    ) -> Result<Store, StoreError> {
        let pool = if url.starts_with("sqlite:") {
            open_sqlite(url, durability, deadline).await?
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            open_postgres(url, deadline).await?
        } else {
            return Err(StoreError::Database(sqlx::Error::Configuration(
                format!("unsupported database URL {url:?}: use sqlite://… or postgres://…").into(),
            )));
        };
        Ok(Store {
            pool,
            corrupt: Mutex::new(BTreeSet::new()),
        })
    }

    /// `"sqlite"` or `"postgres"`.
    pub fn backend(&self) -> &'static str {
        match self.pool {
            Pool::Sqlite { .. } => "sqlite",
            Pool::Postgres(_) => "postgres",
        }
    }

    /// Closes every connection.
    pub async fn close(&self) {
        if let Pool::Sqlite { readers, .. } = &self.pool {
            readers.close().await;
        }
        on_pool!(self, write, pool => pool.close().await);
    }

    /// Refuses a write that would not be kept: on SQLite, when the file the service opened is
    /// no longer the file at its path (deleted or replaced while running).
    fn ensure_writable(&self) -> Result<(), StoreError> {
        if let Pool::Sqlite {
            file: Some((path, opened)),
            ..
        } = &self.pool
        {
            match file_id(path) {
                Ok(now) if now == *opened => {}
                Ok(_) => {
                    return Err(StoreError::NotWritable(format!(
                        "{} was replaced by another file since the service opened it",
                        path.display()
                    )))
                }
                Err(e) => {
                    return Err(StoreError::NotWritable(format!(
                        "{} is gone: {e}",
                        path.display()
                    )))
                }
            }
        }
        Ok(())
    }

    /// Proves storage can be written: the file is still the one opened, and a real write to
    /// the probe table commits.
    pub(crate) async fn probe_write(&self, at: Timestamp) -> Result<(), StoreError> {
        self.ensure_writable()?;
        count_query();
        let sql = "INSERT INTO health_probe (id, at) VALUES (1, $1) \
                   ON CONFLICT (id) DO UPDATE SET at = excluded.at";
        on_pool!(self, write, pool => sqlx::query(sql).bind(at).execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// The ids of unreadable rows met so far.
    pub(crate) fn corrupt_rows(&self) -> Vec<i64> {
        self.corrupt
            .lock()
            .map(|set| set.iter().copied().collect())
            .unwrap_or_default()
    }

    fn note_row(&self, id: i64, readable: bool) {
        if let Ok(mut set) = self.corrupt.lock() {
            if readable {
                set.remove(&id);
            } else {
                set.insert(id);
            }
        }
    }

    /// Stores a new task and returns it with its id.
    pub(crate) async fn insert(&self, task: Task) -> Result<Task, StoreError> {
        self.ensure_writable()?;
        count_query();
        let sql = "INSERT INTO tasks (title, description, priority, created_at, updated_at) \
                   VALUES ($1, $2, $3, $4, $5) RETURNING id";
        let id: i64 = on_pool!(self, write, pool => sqlx::query_scalar(sql)
            .bind(task.title())
            .bind(task.description())
            .bind(task.priority().as_str())
            .bind(task.created_at())
            .bind(task.updated_at())
            .fetch_one(pool)
            .await)?;
        Ok(task.with_id(id))
    }

    /// The task with this id, if there is one.
    pub(crate) async fn get(&self, id: i64) -> Result<Option<Task>, StoreError> {
        count_query();
        let sql = format!("SELECT {COLUMNS} FROM tasks WHERE id = $1");
        let task = on_pool!(self, read, pool => sqlx::query(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?
            .map(|row| Task::from_row(&row).map_err(|e| e.to_string())));
        match task {
            None => Ok(None),
            Some(Ok(task)) => {
                self.note_row(id, true);
                Ok(Some(task))
            }
            Some(Err(reason)) => {
                self.note_row(id, false);
                Err(StoreError::Corrupt { id, reason })
            }
        }
    }

    /// Up to `limit` tasks with ids after `after`, by id. A row that cannot be read as a task
    /// is skipped and reported, never failing the page.
    pub(crate) async fn list(&self, after: i64, limit: u32) -> Result<Page, StoreError> {
        count_query();
        let sql = format!("SELECT {COLUMNS} FROM tasks WHERE id > $1 ORDER BY id LIMIT $2");
        let rows: Vec<(i64, Result<Task, String>)> = on_pool!(self, read, pool => {
            sqlx::query(&sql)
                .bind(after)
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await?
                .iter()
                .map(|row| {
                    let id: i64 = row.try_get("id").unwrap_or(i64::MIN);
                    (id, Task::from_row(row).map_err(|e| e.to_string()))
                })
                .collect()
        });
        let full = rows.len() == usize::try_from(limit).unwrap_or(usize::MAX);
        let next = if full {
            rows.last().map(|(id, _)| *id)
        } else {
            None
        };
        let mut page = Page {
            tasks: Vec::with_capacity(rows.len()),
            skipped: Vec::new(),
            next,
        };
        for (id, task) in rows {
            match task {
                Ok(task) => {
                    self.note_row(id, true);
                    page.tasks.push(task);
                }
                Err(reason) => {
                    tracing::warn!(id, %reason, "skipping a row that is not a valid task");
                    self.note_row(id, false);
                    page.skipped.push(id);
                }
            }
        }
        Ok(page)
    }

    /// Writes the changed columns of `task` and its `updated_at`, if its row still has
    /// `updated_at == version`; says whether it did.
    pub(crate) async fn update_changes(
        &self,
        task: &Task,
        changes: Changes,
        version: Timestamp,
    ) -> Result<bool, StoreError> {
        self.ensure_writable()?;
        count_query();
        let mut sets: Vec<String> = changes
            .iter()
            .enumerate()
            .map(|(i, column)| format!("{column} = ${}", i + 1))
            .collect();
        let n = sets.len();
        sets.push(format!("updated_at = ${}", n + 1));
        let sql = format!(
            "UPDATE tasks SET {} WHERE id = ${} AND updated_at = ${}",
            sets.join(", "),
            n + 2,
            n + 3
        );
        let done = on_pool!(self, write, pool => {
            let mut query = sqlx::query(&sql);
            for column in changes {
                query = match column {
                    "title" => query.bind(task.title()),
                    "description" => query.bind(task.description()),
                    _ => query.bind(task.priority().as_str()),
                };
            }
            query
                .bind(task.updated_at())
                .bind(task.id())
                .bind(version)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(done == 1)
    }

    /// Deletes a task; says whether it existed.
    pub(crate) async fn delete(&self, id: i64) -> Result<bool, StoreError> {
        self.ensure_writable()?;
        count_query();
        let sql = "DELETE FROM tasks WHERE id = $1";
        let done = on_pool!(self, write, pool => sqlx::query(sql).bind(id).execute(pool).await?.rows_affected());
        Ok(done == 1)
    }
}

async fn open_sqlite(
    url: &str,
    durability: Durability,
    deadline: Duration,
) -> Result<Pool, StoreError> {
    let options = SqliteConnectOptions::from_str(url)?
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(match durability {
            Durability::Full => SqliteSynchronous::Full,
            Durability::Normal => SqliteSynchronous::Normal,
        })
        .busy_timeout(deadline);
    // Create the file and the schema once; the pool then never creates a file, so a database
    // deleted while the service runs is an error, not a fresh empty file.
    let mut first = options.clone().connect().await?;
    sqlx::raw_sql(SQLITE_SCHEMA).execute(&mut first).await?;
    drop(first);
    let path = options.get_filename().to_path_buf();
    let in_memory = path.as_os_str().is_empty() || path.to_string_lossy().contains(":memory:");
    let file = if in_memory {
        None
    } else {
        let id = file_id(&path).map_err(|e| {
            StoreError::NotWritable(format!("{} cannot be read: {e}", path.display()))
        })?;
        Some((path, id))
    };
    let options = options.create_if_missing(false);
    let writer = SqlitePoolOptions::new()
        .max_connections(1)
        .acquire_timeout(deadline)
        .connect_with(options.clone())
        .await?;
    let readers = SqlitePoolOptions::new()
        .max_connections(4)
        .acquire_timeout(deadline)
        .connect_with(options.read_only(true))
        .await?;
    Ok(Pool::Sqlite {
        writer,
        readers,
        file,
    })
}

async fn open_postgres(url: &str, deadline: Duration) -> Result<Pool, StoreError> {
    let millis = deadline.as_millis().to_string();
    let options = PgConnectOptions::from_str(url)?.options([
        ("statement_timeout", millis.as_str()),
        ("lock_timeout", millis.as_str()),
    ]);
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(deadline)
        .connect_with(options)
        .await?;
    sqlx::raw_sql(POSTGRES_SCHEMA).execute(&pool).await?;
    Ok(Pool::Postgres(pool))
}
