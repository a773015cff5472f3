//! The SQLite backend: one file, one writer connection (SQLite has one writer; queueing in the
//! pool is cheaper than its busy-wait sleeps), four read-only readers beside it (WAL).
//!
//! The feed's marks come from `feed_state.last_mark`, a counter the writer bumps in the same
//! transaction as each write: with one writer, the counter's order is the commit order, and
//! since the counter outlives every row, deleting rows by hand never makes a mark repeat.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, Row};
use stamped::{Changes, Timestamp};

use super::{
    bind_insert, discard_on_error, insert_sql, read_change, read_task, update_query, Cursor,
    Durability, Shared, StoreError, COLUMNS,
};
use crate::metrics::count_query;
use crate::model::Task;

/// The mark of the write in progress (taken by `begin_write`).
const MARK: &str = "(SELECT last_mark FROM feed_state)";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// A file's identity (device, inode): it changes when the file is deleted and created again.
type FileId = (u64, u64);

#[derive(Debug)]
pub(super) struct Sqlite {
    writer: SqlitePool,
    readers: SqlitePool,
    /// The file and the identity it had when the service opened it (none in memory).
    file: Option<(PathBuf, FileId)>,
}

impl Sqlite {
    pub(super) async fn open(
        url: &str,
        durability: Durability,
        deadline: Duration,
    ) -> Result<Sqlite, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(match durability {
                Durability::Full => SqliteSynchronous::Full,
                Durability::Normal => SqliteSynchronous::Normal,
            })
            .busy_timeout(deadline);
        // Create the file and the schema once; the pool then never creates a file, so a
        // database deleted while the service runs is an error, not a fresh empty file.
        let mut first = options.clone().connect().await?;
        if !schema_is_current(&mut first).await? {
            // sqlx's SQLite migrator takes no lock: an immediate transaction is one, so
            // instances starting together migrate one after the other (each migration a
            // savepoint in it). A current schema takes no lock at all, so an instance starts
            // next to running ones whatever transactions they hold open.
            let mut setup = first.begin_with("BEGIN IMMEDIATE").await?;
            adopt_unrecorded_layout(&mut setup).await?;
            MIGRATOR.run(&mut *setup).await?;
            setup.commit().await?;
        }
        first.close().await?;
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
        Ok(Sqlite {
            writer,
            readers,
            file,
        })
    }

    pub(super) async fn close(&self) {
        self.readers.close().await;
        self.writer.close().await;
    }

    /// Refuses a write that would not be kept: the file the service opened is no longer the
    /// file at its path (deleted or replaced while running).
    fn ensure_writable(&self) -> Result<(), StoreError> {
        let Some((path, opened)) = &self.file else {
            return Ok(());
        };
        match file_id(path) {
            Ok(now) if now == *opened => Ok(()),
            Ok(_) => Err(StoreError::NotWritable(format!(
                "{} was replaced by another file since the service opened it",
                path.display()
            ))),
            Err(e) => Err(StoreError::NotWritable(format!(
                "{} is gone: {e}",
                path.display()
            ))),
        }
    }

    /// Begins a write on the writer connection `conn` and takes the next feed mark in it: the
    /// write's statement then reads it as [`MARK`].
    async fn begin_write<'c>(
        &self,
        conn: &'c mut SqliteConnection,
    ) -> Result<sqlx::Transaction<'c, sqlx::Sqlite>, StoreError> {
        count_query();
        let mut tx = conn.begin().await?;
        count_query();
        sqlx::query("UPDATE feed_state SET last_mark = last_mark + 1")
            .execute(&mut *tx)
            .await?;
        Ok(tx)
    }

    /// Commits after the last check; an error anywhere before drops `tx`, rolling it back.
    async fn commit(
        shared: &Shared,
        tx: sqlx::Transaction<'_, sqlx::Sqlite>,
    ) -> Result<(), StoreError> {
        shared.before_commit().await?;
        count_query();
        tx.commit().await?;
        Ok(())
    }

    pub(super) async fn insert(&self, shared: &Shared, task: &Task) -> Result<i64, StoreError> {
        self.ensure_writable()?;
        let mut conn = self.writer.acquire().await?;
        let result = self.insert_on(&mut conn, shared, task).await;
        discard_on_error(conn, result).await
    }

    async fn insert_on(
        &self,
        conn: &mut SqliteConnection,
        shared: &Shared,
        task: &Task,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write(conn).await?;
        count_query();
        // Read to the end of the statement (`fetch_all`): SQLite yields a RETURNING row before
        // the statement has finished, and an error at its end must not be dropped.
        let sql = insert_sql("change_seq", MARK);
        let rows = bind_insert(sqlx::query(AssertSqlSafe(sql.as_str())), task)
            .fetch_all(&mut *tx)
            .await?;
        let id: i64 = rows
            .first()
            .ok_or(sqlx::Error::RowNotFound)?
            .try_get("id")?;
        Sqlite::commit(shared, tx).await?;
        Ok(id)
    }

    pub(super) async fn update(
        &self,
        shared: &Shared,
        task: &Task,
        changes: Changes,
        version: Timestamp,
    ) -> Result<bool, StoreError> {
        self.ensure_writable()?;
        let mut conn = self.writer.acquire().await?;
        let result = self
            .update_on(&mut conn, shared, task, changes, version)
            .await;
        discard_on_error(conn, result).await
    }

    async fn update_on(
        &self,
        conn: &mut SqliteConnection,
        shared: &Shared,
        task: &Task,
        changes: Changes,
        version: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write(conn).await?;
        count_query();
        let done = update_query(task, changes, "change_seq", MARK, version)
            .build()
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if done != 1 {
            return Ok(false); // lost the race: `tx` rolls back, the mark is not used
        }
        Sqlite::commit(shared, tx).await?;
        Ok(true)
    }

    pub(super) async fn probe_write(&self, at: Timestamp) -> Result<(), StoreError> {
        self.ensure_writable()?;
        count_query();
        sqlx::query(
            "INSERT INTO health_probe (id, at) VALUES (1, $1) \
             ON CONFLICT (id) DO UPDATE SET at = excluded.at",
        )
        .bind(at)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    pub(super) async fn get(&self, id: i64) -> Result<Option<Result<Task, String>>, StoreError> {
        count_query();
        let row = sqlx::query(AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM tasks WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.readers)
        .await?;
        Ok(row.map(|row| read_task(&row).1))
    }

    pub(super) async fn list(
        &self,
        after: i64,
        limit: u32,
    ) -> Result<Vec<(i64, Result<Task, String>)>, StoreError> {
        count_query();
        let sql = format!(
            "SELECT {COLUMNS} FROM tasks WHERE id > $1 AND deleted_at IS NULL ORDER BY id LIMIT $2"
        );
        let rows = sqlx::query(AssertSqlSafe(sql.as_str()))
            .bind(after)
            .bind(i64::from(limit))
            .fetch_all(&self.readers)
            .await?;
        Ok(rows.iter().map(read_task).collect())
    }

    pub(super) async fn future_stamps(
        &self,
        after: Timestamp,
        cap: i64,
    ) -> Result<i64, StoreError> {
        count_query();
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT 1 FROM tasks WHERE updated_at > $1 LIMIT $2)",
        )
        .bind(after)
        .bind(cap)
        .fetch_one(&self.readers)
        .await?)
    }

    /// The feed: rows with marks after the cursor, in mark order. An empty batch checks the
    /// cursor against the counter: a cursor past every mark issued is refused.
    pub(super) async fn changes(
        &self,
        after: Cursor,
        limit: u32,
    ) -> Result<Vec<(Cursor, Result<Task, String>)>, StoreError> {
        count_query();
        let sql = format!(
            "SELECT {COLUMNS}, change_seq AS mark FROM tasks \
             WHERE (change_seq, id) > ($1, $2) ORDER BY change_seq, id LIMIT $3"
        );
        let rows = sqlx::query(AssertSqlSafe(sql.as_str()))
            .bind(after.mark)
            .bind(after.id)
            .bind(i64::from(limit))
            .fetch_all(&self.readers)
            .await?;
        if rows.is_empty() {
            count_query();
            let issued: i64 = sqlx::query_scalar("SELECT last_mark FROM feed_state")
                .fetch_one(&self.readers)
                .await?;
            if after.mark > issued {
                return Err(StoreError::CursorReset(format!(
                    "mark {} is past the last mark issued, {issued}",
                    after.mark
                )));
            }
        }
        Ok(rows.iter().map(read_change).collect())
    }
}

/// Whether the database records its migrations (`_sqlx_migrations` exists).
async fn records_migrations(conn: &mut SqliteConnection) -> Result<bool, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations')",
    )
    .fetch_one(conn)
    .await?)
}

/// Whether every migration is recorded as applied.
async fn schema_is_current(conn: &mut SqliteConnection) -> Result<bool, StoreError> {
    let recorded = records_migrations(conn).await?;
    if !recorded {
        return Ok(false);
    }
    let applied: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
            .fetch_all(&mut *conn)
            .await?;
    Ok(MIGRATOR.iter().all(|m| applied.contains(&m.version)))
}

/// A database made before migrations were recorded (no `_sqlx_migrations`): adds the columns
/// the first layout lacked, so the recorded migrations apply to it in place.
async fn adopt_unrecorded_layout(conn: &mut SqliteConnection) -> Result<(), StoreError> {
    let recorded = records_migrations(conn).await?;
    if recorded {
        return Ok(());
    }
    let present: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info('tasks')")
        .fetch_all(&mut *conn)
        .await?;
    if present.is_empty() {
        return Ok(()); // a new database: the migrations create everything
    }
    for (column, declaration) in [
        ("deleted_at", "TEXT"),
        ("change_seq", "INTEGER NOT NULL DEFAULT 0"),
    ] {
        if !present.iter().any(|p| p == column) {
            let sql = format!("ALTER TABLE tasks ADD COLUMN {column} {declaration}");
            sqlx::raw_sql(AssertSqlSafe(sql))
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}

fn file_id(path: &Path) -> std::io::Result<FileId> {
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
