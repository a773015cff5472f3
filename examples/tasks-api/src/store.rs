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

/// Columns added since the first schema, added to older tables on open.
const SQLITE_COLUMNS: &[(&str, &str)] = &[
    ("deleted_at", "TEXT"),
    ("change_seq", "INTEGER NOT NULL DEFAULT 0"),
];

const SQLITE_INDEX: &str = "CREATE INDEX IF NOT EXISTS tasks_changes ON tasks (change_seq, id)";

const POSTGRES_SCHEMA: &str = "CREATE TABLE IF NOT EXISTS tasks (
    id          BIGSERIAL PRIMARY KEY,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    priority    TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS health_probe (id INTEGER PRIMARY KEY, at TIMESTAMPTZ NOT NULL)";

/// Columns added since the first schema. Added only when missing: `ALTER TABLE` takes an
/// exclusive lock even when there is nothing to do, and an instance starting next to running
/// ones would queue every request on the table behind it.
const POSTGRES_COLUMNS: &[(&str, &str)] = &[
    ("deleted_at", "TIMESTAMPTZ"),
    ("change_xid", "xid8 NOT NULL DEFAULT '0'"),
];

const POSTGRES_INDEX: &str = "CREATE INDEX IF NOT EXISTS tasks_changes ON tasks (change_xid, id)";

const COLUMNS: &str = "id, title, description, priority, created_at, updated_at, deleted_at";

/// A position in the change feed: the commit-ordered mark of the last change seen (SQLite's
/// `change_seq`, PostgreSQL's `change_xid`), then its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Cursor {
    mark: i64,
    id: i64,
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.mark, self.id)
    }
}

impl std::str::FromStr for Cursor {
    type Err = ();

    fn from_str(s: &str) -> Result<Cursor, ()> {
        let (mark, id) = s.split_once('.').ok_or(())?;
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if !(digits(mark) && digits(id)) {
            return Err(());
        }
        Ok(Cursor {
            mark: mark.parse().map_err(|_| ())?,
            id: id.parse().map_err(|_| ())?,
        })
    }
}

/// One batch of the change feed.
#[derive(Debug)]
pub(crate) struct Changed {
    /// Tasks changed after the cursor, in commit order; deleted ones as they were deleted.
    pub(crate) tasks: Vec<Task>,
    /// Rows in the batch that could not be read as tasks.
    pub(crate) skipped: Vec<i64>,
    /// Where the next poll continues.
    pub(crate) next: Cursor,
}

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
    /// A test hook: hold each write's transaction open this long before committing (µs).
    commit_delay_micros: std::sync::atomic::AtomicU64,
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
            commit_delay_micros: std::sync::atomic::AtomicU64::new(0),
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

    /// A test hook: every write keeps its transaction open for `delay` after its statement,
    /// before committing, so commits land out of stamp order.
    pub fn set_commit_delay(&self, delay: Duration) {
        let micros = u64::try_from(delay.as_micros()).unwrap_or(u64::MAX);
        self.commit_delay_micros
            .store(micros, std::sync::atomic::Ordering::Relaxed);
    }

    fn commit_delay(&self) -> Duration {
        Duration::from_micros(
            self.commit_delay_micros
                .load(std::sync::atomic::Ordering::Relaxed),
        )
    }

    /// The SQL expression that marks a write with its place in commit order.
    fn mark_column(&self) -> &'static str {
        match self.pool {
            Pool::Sqlite { .. } => "change_seq",
            Pool::Postgres(_) => "change_xid",
        }
    }

    fn change_mark(&self) -> &'static str {
        match self.pool {
            // One writer at a time: the next number is the commit order.
            Pool::Sqlite { .. } => "(SELECT COALESCE(MAX(change_seq), 0) + 1 FROM tasks)",
            // The writing transaction's id; the feed holds back ids that may still commit.
            Pool::Postgres(_) => "pg_current_xact_id()",
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
        let column = self.mark_column();
        let sql = format!(
            "INSERT INTO tasks (title, description, priority, created_at, updated_at, {column}) \
             VALUES ($1, $2, $3, $4, $5, {}) RETURNING id",
            self.change_mark()
        );
        let delay = self.commit_delay();
        let id: i64 = on_pool!(self, write, pool => {
            let query = sqlx::query_scalar(&sql)
                .bind(task.title())
                .bind(task.description())
                .bind(task.priority().as_str())
                .bind(task.created_at())
                .bind(task.updated_at());
            if delay.is_zero() {
                query.fetch_one(pool).await?
            } else {
                let mut tx = pool.begin().await?;
                let id = query.fetch_one(&mut *tx).await?;
                tokio::time::sleep(delay).await;
                tx.commit().await?;
                id
            }
        });
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

    /// Up to `limit` live tasks with ids after `after`, by id. A row that cannot be read as a
    /// task is skipped and reported, never failing the page.
    pub(crate) async fn list(&self, after: i64, limit: u32) -> Result<Page, StoreError> {
        count_query();
        let sql = format!(
            "SELECT {COLUMNS} FROM tasks WHERE id > $1 AND deleted_at IS NULL ORDER BY id LIMIT $2"
        );
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
        sets.push(format!("{} = {}", self.mark_column(), self.change_mark()));
        let sql = format!(
            "UPDATE tasks SET {} WHERE id = ${} AND updated_at = ${}",
            sets.join(", "),
            n + 2,
            n + 3
        );
        let delay = self.commit_delay();
        let done = on_pool!(self, write, pool => {
            let mut query = sqlx::query(&sql);
            for column in changes {
                query = match column {
                    "title" => query.bind(task.title()),
                    "description" => query.bind(task.description()),
                    "priority" => query.bind(task.priority().as_str()),
                    _ => query.bind(task.deleted_at()),
                };
            }
            let query = query.bind(task.updated_at()).bind(task.id()).bind(version);
            if delay.is_zero() {
                query.execute(pool).await?.rows_affected()
            } else {
                let mut tx = pool.begin().await?;
                let done = query.execute(&mut *tx).await?.rows_affected();
                tokio::time::sleep(delay).await;
                tx.commit().await?;
                done
            }
        });
        Ok(done == 1)
    }

    /// Tasks changed after `after`, in commit order, at most `limit`: live ones and deleted
    /// ones. A follower that polls from the start and keeps polling sees every change: on
    /// SQLite the one writer numbers its writes in commit order; on PostgreSQL a batch ends
    /// before the oldest transaction still running (its snapshot's `xmin`), so no change can
    /// later commit behind the cursor.
    pub(crate) async fn changes(&self, after: Cursor, limit: u32) -> Result<Changed, StoreError> {
        count_query();
        let limit = i64::from(limit);
        let rows: Vec<(Cursor, Result<Task, String>)> = match &self.pool {
            Pool::Sqlite { readers, .. } => {
                let sql = format!(
                    "SELECT {COLUMNS}, change_seq AS mark FROM tasks \
                     WHERE (change_seq, id) > ($1, $2) ORDER BY change_seq, id LIMIT $3"
                );
                sqlx::query(&sql)
                    .bind(after.mark)
                    .bind(after.id)
                    .bind(limit)
                    .fetch_all(readers)
                    .await?
                    .iter()
                    .map(read_change)
                    .collect()
            }
            Pool::Postgres(pool) => {
                count_query();
                // The watermark first, in a statement of its own: every transaction below it
                // has ended, so the next statement's snapshot sees all of their changes.
                let watermark: String =
                    sqlx::query_scalar("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")
                        .fetch_one(pool)
                        .await?;
                let sql = format!(
                    "SELECT {COLUMNS}, change_xid::text::bigint AS mark FROM tasks \
                     WHERE (change_xid, id) > ($1::text::xid8, $2) AND change_xid < $3::text::xid8 \
                     ORDER BY change_xid, id LIMIT $4"
                );
                sqlx::query(&sql)
                    .bind(after.mark.to_string())
                    .bind(after.id)
                    .bind(watermark)
                    .bind(limit)
                    .fetch_all(pool)
                    .await?
                    .iter()
                    .map(read_change)
                    .collect()
            }
        };
        let mut batch = Changed {
            tasks: Vec::with_capacity(rows.len()),
            skipped: Vec::new(),
            next: rows.last().map_or(after, |(cursor, _)| *cursor),
        };
        for (cursor, task) in rows {
            match task {
                Ok(task) => {
                    self.note_row(cursor.id, true);
                    batch.tasks.push(task);
                }
                Err(reason) => {
                    tracing::warn!(id = cursor.id, %reason, "skipping a change that is not a valid task");
                    self.note_row(cursor.id, false);
                    batch.skipped.push(cursor.id);
                }
            }
        }
        Ok(batch)
    }
}

/// A feed row: its cursor and the task.
fn read_change<R: Row>(row: &R) -> (Cursor, Result<Task, String>)
where
    for<'r> Task: FromRow<'r, R>,
    for<'r> &'r str: sqlx::ColumnIndex<R>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let cursor = Cursor {
        mark: row.try_get("mark").unwrap_or(0),
        id: row.try_get("id").unwrap_or(0),
    };
    (cursor, Task::from_row(row).map_err(|e| e.to_string()))
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
    let present: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info('tasks')")
        .fetch_all(&mut first)
        .await?;
    for (column, declaration) in SQLITE_COLUMNS {
        if !present.iter().any(|p| p == column) {
            sqlx::raw_sql(&format!(
                "ALTER TABLE tasks ADD COLUMN {column} {declaration}"
            ))
            .execute(&mut first)
            .await?;
        }
    }
    sqlx::raw_sql(SQLITE_INDEX).execute(&mut first).await?;
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
    let present: Vec<String> = sqlx::query_scalar(
        "SELECT column_name::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = 'tasks'",
    )
    .fetch_all(&pool)
    .await?;
    for (column, declaration) in POSTGRES_COLUMNS {
        if !present.iter().any(|p| p == column) {
            sqlx::raw_sql(&format!(
                "ALTER TABLE tasks ADD COLUMN IF NOT EXISTS {column} {declaration}"
            ))
            .execute(&pool)
            .await?;
        }
    }
    // CREATE INDEX takes a lock that waits for every writer, even when the index exists.
    let indexed: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM pg_indexes \
         WHERE schemaname = current_schema() AND indexname = 'tasks_changes')",
    )
    .fetch_one(&pool)
    .await?;
    if !indexed {
        sqlx::raw_sql(POSTGRES_INDEX).execute(&pool).await?;
    }
    Ok(Pool::Postgres(pool))
}
