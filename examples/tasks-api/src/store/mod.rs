//! Storage on SQLite (the default, an embedded file; [`sqlite`]) or PostgreSQL ([`postgres`]),
//! chosen by the URL. Each backend's file reads top-down: opening (the schema through sqlx
//! migrations in `migrations/`), the writes, the reads, the change feed.
//!
//! `updated_at` is the row's version: an update writes only the changed columns, and only if
//! the row still has the version the change was made from (compare-and-set), so no write is
//! ever silently lost. Every write runs in a transaction that is committed before it is
//! acknowledged; just before the commit the write passes the [`Gate`](crate::gate::Gate)
//! again (read-only mode, the clock's offset), so nothing is acknowledged after either turns
//! against it. Every statement is bounded by the request deadline on the server side too
//! (PostgreSQL `statement_timeout` and `lock_timeout`, SQLite's busy timeout).

mod postgres;
mod sqlite;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sqlx::{FromRow, Row};
use stamped::{Changes, Timestamp};

use crate::gate::{Gate, Refusal};
use crate::model::{Priority, Task};

pub use postgres::DatabaseClock;

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

/// The columns of a task, in the entity's order.
const COLUMNS: &str = "id, title, description, priority, created_at, updated_at, deleted_at";

/// A position in the change feed: the commit-ordered mark of the last change seen, then its
/// id. `0.0` is the beginning.
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
    /// The write was refused before it committed (read-only mode, clock skew): nothing stored.
    Refused(Refusal),
    /// A feed cursor this database cannot honour: ahead of every mark it has issued, or from
    /// before its marks were re-based (a restore). The follower starts again from the beginning.
    CursorReset(String),
    /// Schema set-up failed.
    Migrate(sqlx::migrate::MigrateError),
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
            StoreError::Refused(Refusal::ReadOnly) => f.write_str("refused: read-only mode"),
            StoreError::Refused(Refusal::ClockSkew { offset_micros }) => write!(
                f,
                "refused: this instance's clock is {offset_micros} µs off the database's"
            ),
            StoreError::CursorReset(why) => write!(f, "cursor cannot be honoured: {why}"),
            StoreError::Migrate(e) => write!(f, "schema set-up failed: {e}"),
            StoreError::Corrupt { id, reason } => write!(f, "task {id} cannot be read: {reason}"),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Database(e) => Some(e),
            StoreError::Migrate(e) => Some(e),
            _ => None,
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Database(e)
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        match e {
            sqlx::migrate::MigrateError::Execute(e) => StoreError::Database(e),
            e => StoreError::Migrate(e),
        }
    }
}

impl From<Refusal> for StoreError {
    fn from(r: Refusal) -> Self {
        StoreError::Refused(r)
    }
}

impl StoreError {
    fn database_code(&self) -> Option<String> {
        match self {
            StoreError::Database(sqlx::Error::Database(db)) => {
                db.code().map(std::borrow::Cow::into_owned)
            }
            _ => None,
        }
    }

    /// Whether the database gave up because a deadline passed (statement timeout, lock
    /// timeout, busy timeout, pool acquire timeout).
    pub(crate) fn is_timeout(&self) -> bool {
        // PostgreSQL: query_canceled (statement_timeout), lock_not_available (lock_timeout);
        // SQLite: SQLITE_BUSY (5).
        matches!(self, StoreError::Database(sqlx::Error::PoolTimedOut))
            || matches!(
                self.database_code().as_deref(),
                Some("57014" | "55P03" | "5")
            )
    }

    /// Whether the disk (or the database's size limit) is full: SQLite's `SQLITE_FULL` (13),
    /// PostgreSQL's `disk_full` (53100).
    pub(crate) fn is_full(&self) -> bool {
        matches!(self.database_code().as_deref(), Some("13" | "53100"))
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

/// What both backends share: the write gate, the commit-delay test hook, the unreadable rows.
#[derive(Debug)]
struct Shared {
    gate: Arc<Gate>,
    /// A test hook: hold each write's transaction open this long before committing (µs).
    commit_delay_micros: AtomicU64,
    /// Ids of rows met that could not be read as tasks, for `/health`.
    corrupt: Mutex<BTreeSet<i64>>,
}

impl Shared {
    /// The last step before a commit: the test hook's delay, then the gate. An error here
    /// drops the transaction, which rolls it back.
    async fn before_commit(&self) -> Result<(), StoreError> {
        let delay = Duration::from_micros(self.commit_delay_micros.load(Ordering::Relaxed));
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        Ok(self.gate.check()?)
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

    /// Tasks from rows, the unreadable ones skipped, reported and remembered; the last key.
    fn sort_rows<K: RowKey>(
        &self,
        rows: Vec<(K, Result<Task, String>)>,
    ) -> (Vec<Task>, Vec<i64>, Option<K>) {
        let last = rows.last().map(|(key, _)| *key);
        let mut tasks = Vec::with_capacity(rows.len());
        let mut skipped = Vec::new();
        for (key, task) in rows {
            let id = key.id();
            match task {
                Ok(task) => {
                    self.note_row(id, true);
                    tasks.push(task);
                }
                Err(reason) => {
                    tracing::warn!(id, %reason, "skipping a row that is not a valid task");
                    self.note_row(id, false);
                    skipped.push(id);
                }
            }
        }
        (tasks, skipped, last)
    }
}

/// The database behind the store.
#[derive(Debug)]
enum Backend {
    Sqlite(sqlite::Sqlite),
    Postgres(postgres::Postgres),
}

/// The tasks table.
#[derive(Debug)]
pub struct Store {
    backend: Backend,
    shared: Shared,
}

impl Store {
    /// Connects to `sqlite://…` or `postgres://…` and brings the schema up to date (sqlx
    /// migrations; on PostgreSQL under an advisory lock, so instances may start together).
    /// `deadline` bounds every statement on the database's side too.
    ///
    /// # Errors
    /// An unsupported URL, or a database that cannot be reached, migrated or written.
    pub async fn open(
        url: &str,
        durability: Durability,
        deadline: Duration,
    ) -> Result<Store, StoreError> {
        Store::open_gated(
            url,
            durability,
            deadline,
            Arc::new(Gate::new(Duration::MAX)),
        )
        .await
    }

    pub(crate) async fn open_gated(
        url: &str,
        durability: Durability,
        deadline: Duration,
        gate: Arc<Gate>,
    ) -> Result<Store, StoreError> {
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite(sqlite::Sqlite::open(url, durability, deadline).await?)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres(postgres::Postgres::open(url, deadline).await?)
        } else {
            return Err(StoreError::Database(sqlx::Error::Configuration(
                format!("unsupported database URL {url:?}: use sqlite://… or postgres://…").into(),
            )));
        };
        Ok(Store {
            backend,
            shared: Shared {
                gate,
                commit_delay_micros: AtomicU64::new(0),
                corrupt: Mutex::new(BTreeSet::new()),
            },
        })
    }

    /// `"sqlite"` or `"postgres"`.
    pub fn backend(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// A test hook: every write keeps its transaction open for `delay` after its statement,
    /// before committing, so commits land out of stamp order.
    pub fn set_commit_delay(&self, delay: Duration) {
        let micros = u64::try_from(delay.as_micros()).unwrap_or(u64::MAX);
        self.shared
            .commit_delay_micros
            .store(micros, Ordering::Relaxed);
    }

    /// Closes every connection.
    pub async fn close(&self) {
        match &self.backend {
            Backend::Sqlite(db) => db.close().await,
            Backend::Postgres(db) => db.close().await,
        }
    }

    /// Stores a new task and returns it with its id, once its transaction has committed.
    ///
    /// # Errors
    /// The database failed (a full disk included), or the write was refused before it
    /// committed: nothing is stored.
    pub async fn insert(&self, task: Task) -> Result<Task, StoreError> {
        self.shared.gate.check()?;
        let id = match &self.backend {
            Backend::Sqlite(db) => db.insert(&self.shared, &task).await?,
            Backend::Postgres(db) => db.insert(&self.shared, &task).await?,
        };
        Ok(task.with_id(id))
    }

    /// Writes the changed columns of `task` and its `updated_at`, if its row still has
    /// `updated_at == version`; says whether it did, once its transaction has committed.
    ///
    /// # Errors
    /// As [`insert`](Store::insert).
    pub async fn update_changes(
        &self,
        task: &Task,
        changes: Changes,
        version: Timestamp,
    ) -> Result<bool, StoreError> {
        self.shared.gate.check()?;
        match &self.backend {
            Backend::Sqlite(db) => db.update(&self.shared, task, changes, version).await,
            Backend::Postgres(db) => db.update(&self.shared, task, changes, version).await,
        }
    }

    /// The task with this id, if there is one.
    ///
    /// # Errors
    /// The database failed, or the row is not a valid task.
    pub async fn get(&self, id: i64) -> Result<Option<Task>, StoreError> {
        let row = match &self.backend {
            Backend::Sqlite(db) => db.get(id).await?,
            Backend::Postgres(db) => db.get(id).await?,
        };
        match row {
            None => Ok(None),
            Some(Ok(task)) => {
                self.shared.note_row(id, true);
                Ok(Some(task))
            }
            Some(Err(reason)) => {
                self.shared.note_row(id, false);
                Err(StoreError::Corrupt { id, reason })
            }
        }
    }

    /// Up to `limit` live tasks with ids after `after`, by id. A row that cannot be read as a
    /// task is skipped and reported, never failing the page.
    pub(crate) async fn list(&self, after: i64, limit: u32) -> Result<Page, StoreError> {
        let rows = match &self.backend {
            Backend::Sqlite(db) => db.list(after, limit).await?,
            Backend::Postgres(db) => db.list(after, limit).await?,
        };
        let full = rows.len() == usize::try_from(limit).unwrap_or(usize::MAX);
        let (tasks, skipped, last) = self.shared.sort_rows(rows);
        Ok(Page {
            tasks,
            skipped,
            next: last.filter(|_| full),
        })
    }

    /// Tasks changed after `after`, in commit order, at most `limit`: live ones and deleted
    /// ones. A follower that polls from the start and keeps polling sees every change.
    ///
    /// A cursor this database cannot honour is [`StoreError::CursorReset`].
    pub(crate) async fn changes(&self, after: Cursor, limit: u32) -> Result<Changed, StoreError> {
        let rows = match &self.backend {
            Backend::Sqlite(db) => db.changes(after, limit).await?,
            Backend::Postgres(db) => db.changes(after, limit).await?,
        };
        let (tasks, skipped, last) = self.shared.sort_rows(rows);
        Ok(Changed {
            tasks,
            skipped,
            next: last.unwrap_or(after),
        })
    }

    /// Proves storage can be written: on SQLite the file is still the one opened, and a real
    /// write to the probe table commits.
    pub(crate) async fn probe_write(&self, at: Timestamp) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Sqlite(db) => db.probe_write(at).await,
            Backend::Postgres(db) => db.probe_write(at).await,
        }
    }

    /// How many tasks (at most `cap`) have an `updated_at` later than now plus `bound`: on
    /// PostgreSQL by the database's clock, on SQLite by `now` (the service's). An index range
    /// scan, not a table scan.
    pub(crate) async fn future_stamps(
        &self,
        now: Timestamp,
        bound: Duration,
        cap: i64,
    ) -> Result<i64, StoreError> {
        // Beyond a century the question is moot (and PostgreSQL's interval would overflow).
        let bound = bound.min(Duration::from_hours(100 * 366 * 24));
        match &self.backend {
            Backend::Sqlite(db) => {
                let limit = now.checked_add(bound).unwrap_or(Timestamp::MAX);
                db.future_stamps(limit, cap).await
            }
            Backend::Postgres(db) => db.future_stamps(bound, cap).await,
        }
    }

    /// On PostgreSQL, the database's clock and how far the feed trails, measured now.
    pub(crate) async fn database_clock(
        &self,
        local: &dyn stamped::Clock,
    ) -> Option<Result<DatabaseClock, StoreError>> {
        match &self.backend {
            Backend::Sqlite(_) => None,
            Backend::Postgres(db) => Some(db.database_clock(local).await),
        }
    }

    /// The ids of unreadable rows met so far.
    pub(crate) fn corrupt_rows(&self) -> Vec<i64> {
        self.shared
            .corrupt
            .lock()
            .map(|set| set.iter().copied().collect())
            .unwrap_or_default()
    }
}

/// Closes the connection of a write that failed instead of returning it to the pool: after a
/// failed `COMMIT` (a full disk) SQLite has already rolled back, sqlx's `ROLLBACK` then fails,
/// and the connection's transaction bookkeeping would turn every later `BEGIN` into a
/// savepoint of a transaction that never commits. A fresh connection knows no such past.
async fn discard_on_error<DB: sqlx::Database, T>(
    conn: sqlx::pool::PoolConnection<DB>,
    result: Result<T, StoreError>,
) -> Result<T, StoreError> {
    if matches!(result, Err(StoreError::Database(_))) {
        let _ = conn.close().await;
    }
    result
}

/// A query with its arguments, on database `DB`.
type Query<'q, DB> = sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments>;

/// `INSERT … RETURNING id` of a task, parameters as [`bind_insert`] binds them; its feed mark
/// goes into `mark_column` from the SQL expression `mark`.
fn insert_sql(mark_column: &str, mark: &str) -> String {
    format!(
        "INSERT INTO tasks (title, description, priority, created_at, updated_at, {mark_column}) \
         VALUES ($1, $2, $3, $4, $5, {mark}) RETURNING id"
    )
}

fn bind_insert<'q, DB>(query: Query<'q, DB>, task: &'q Task) -> Query<'q, DB>
where
    DB: sqlx::Database,
    &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Timestamp: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    query
        .bind(task.title().as_str())
        .bind(task.description().as_str())
        .bind(task.priority().as_str())
        .bind(task.created_at())
        .bind(task.updated_at())
}

/// The compare-and-set `UPDATE` of an edit of `task`: its changed columns and `updated_at`
/// (written by the generated `WriteChanges`: no column named here), its feed mark from the SQL
/// expression `mark`, where its row still has the version the change was made from.
fn update_query<DB>(
    task: &Task,
    changes: Changes,
    mark_column: &str,
    mark: &str,
    version: Timestamp,
) -> sqlx::QueryBuilder<DB>
where
    DB: sqlx::Database,
    DB::Arguments: Default,
    String: for<'e> sqlx::Encode<'e, DB> + sqlx::Type<DB>,
    Priority: for<'e> sqlx::Encode<'e, DB> + sqlx::Type<DB>,
    Option<Timestamp>: for<'e> sqlx::Encode<'e, DB> + sqlx::Type<DB>,
    Timestamp: for<'e> sqlx::Encode<'e, DB> + sqlx::Type<DB>,
    i64: for<'e> sqlx::Encode<'e, DB> + sqlx::Type<DB>,
{
    let mut update = sqlx::QueryBuilder::new("UPDATE tasks SET ");
    stamped::db::push_changes(&mut update, task, changes);
    update
        .push(format_args!(", {mark_column} = {mark} WHERE id = "))
        .push_bind(task.id())
        .push(" AND updated_at = ")
        .push_bind(version);
    update
}

/// Where a row stands in its listing: its id (a page of tasks) or its cursor (the feed).
trait RowKey: Copy {
    fn id(&self) -> i64;
}

impl RowKey for i64 {
    fn id(&self) -> i64 {
        *self
    }
}

impl RowKey for Cursor {
    fn id(&self) -> i64 {
        self.id
    }
}

/// A task row: its id and the task (or why it is not one).
fn read_task<R: Row>(row: &R) -> (i64, Result<Task, String>)
where
    for<'r> Task: FromRow<'r, R>,
    for<'r> &'r str: sqlx::ColumnIndex<R>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let id: i64 = row.try_get("id").unwrap_or(i64::MIN);
    (id, Task::from_row(row).map_err(|e| e.to_string()))
}

/// A feed row (with its `mark` column): its cursor and the task.
fn read_change<R: Row>(row: &R) -> (Cursor, Result<Task, String>)
where
    for<'r> Task: FromRow<'r, R>,
    for<'r> &'r str: sqlx::ColumnIndex<R>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let (id, task) = read_task(row);
    let cursor = Cursor {
        mark: row.try_get("mark").unwrap_or(0),
        id,
    };
    (cursor, task)
}
