//! The PostgreSQL backend: one pool; several instances may share the database.
//!
//! **The feed's marks.** A change's mark is the id of the transaction that wrote it plus the
//! epoch's offset (`feed_epoch.mark_offset`). Transaction ids are issued in start order, not
//! commit order, so a feed batch ends below the oldest transaction still running anywhere in
//! the cluster (its snapshot's `xmin`): no change can later commit behind a cursor.
//!
//! **Restores.** `pg_dump` restored into another cluster (or database) brings marks that
//! cluster never issued, usually above its transaction ids, so new changes would sort before
//! restored ones. At start-up an instance compares where the marks were issued (the cluster's
//! system identifier and the database's oid, kept in `feed_epoch`) and the highest mark with
//! what this database has issued; on a mismatch it re-bases in one transaction: every row gets
//! the first mark of a new epoch above every earlier mark, and the offset moves so new
//! changes sort after them. A cursor from before the re-base (below the epoch's floor) or
//! past anything issued is refused: the follower starts again from the beginning.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::{AssertSqlSafe, Connection, Row};
use stamped::{Changes, Clock, Timestamp};

use super::{
    bind_insert, discard_on_error, insert_sql, read_change, read_task, update_query, Cursor,
    Shared, StoreError, COLUMNS,
};
use crate::metrics::count_query;
use crate::model::Task;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The mark of the writing transaction.
const MARK: &str = "pg_current_xact_id()::text::bigint + (SELECT mark_offset FROM feed_epoch)";

/// Each epoch starts at a multiple of 2^44: above any transaction id a cluster reaches in
/// practice, so every mark of an epoch is below the next epoch's floor.
const EPOCH_BITS: u32 = 44;

/// One reading of the database's clock, with how far the feed trails.
#[derive(Debug, Clone, Copy)]
pub struct DatabaseClock {
    /// This instance's clock minus the database's (positive: this one is ahead), in µs.
    pub offset_micros: i64,
    /// Half the round trip of the reading, in µs: the offset is exact within this.
    pub uncertainty_micros: u64,
    /// Transactions between the feed's watermark (the oldest running one) and the next id.
    pub feed_lag_transactions: i64,
    /// How long the oldest transaction holding the watermark back has been open (0 if none).
    pub feed_lag_seconds: f64,
}

#[derive(Debug)]
pub(super) struct Postgres {
    pool: PgPool,
}

impl Postgres {
    pub(super) async fn open(url: &str, deadline: Duration) -> Result<Postgres, StoreError> {
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
        // Under the migrator's advisory lock: instances starting together wait for the first.
        // Nothing is locked once the schema is current, so running instances never wait.
        MIGRATOR.run(&pool).await?;
        rebase_if_restored(&pool).await?;
        Ok(Postgres { pool })
    }

    pub(super) async fn close(&self) {
        self.pool.close().await;
    }

    pub(super) async fn insert(&self, shared: &Shared, task: &Task) -> Result<i64, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let result = Postgres::insert_on(&mut conn, shared, task).await;
        discard_on_error(conn, result).await
    }

    async fn insert_on(
        conn: &mut PgConnection,
        shared: &Shared,
        task: &Task,
    ) -> Result<i64, StoreError> {
        count_query();
        let mut tx = conn.begin().await?;
        count_query();
        let sql = insert_sql("change_mark", MARK);
        // Read to the end of the statement: an error after the row must not be dropped.
        let rows = bind_insert(sqlx::query(AssertSqlSafe(sql.as_str())), task)
            .fetch_all(&mut *tx)
            .await?;
        let id: i64 = rows
            .first()
            .ok_or(sqlx::Error::RowNotFound)?
            .try_get("id")?;
        shared.before_commit().await?;
        count_query();
        tx.commit().await?;
        Ok(id)
    }

    pub(super) async fn update(
        &self,
        shared: &Shared,
        task: &Task,
        changes: Changes,
        version: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let result = Postgres::update_on(&mut conn, shared, task, changes, version).await;
        discard_on_error(conn, result).await
    }

    async fn update_on(
        conn: &mut PgConnection,
        shared: &Shared,
        task: &Task,
        changes: Changes,
        version: Timestamp,
    ) -> Result<bool, StoreError> {
        count_query();
        let mut tx = conn.begin().await?;
        count_query();
        let done = update_query(task, changes, "change_mark", MARK, version)
            .build()
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if done != 1 {
            return Ok(false); // lost the race: nothing written, `tx` rolls back
        }
        shared.before_commit().await?;
        count_query();
        tx.commit().await?;
        Ok(true)
    }

    pub(super) async fn probe_write(&self, at: Timestamp) -> Result<(), StoreError> {
        count_query();
        sqlx::query(
            "INSERT INTO health_probe (id, at) VALUES (1, $1) \
             ON CONFLICT (id) DO UPDATE SET at = excluded.at",
        )
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub(super) async fn get(&self, id: i64) -> Result<Option<Result<Task, String>>, StoreError> {
        count_query();
        let row = sqlx::query(AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM tasks WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
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
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(read_task).collect())
    }

    /// Rows stamped later than the database's `now()` plus `bound` (`now()` is stable within
    /// the statement, so the comparison is an index range scan).
    pub(super) async fn future_stamps(&self, bound: Duration, cap: i64) -> Result<i64, StoreError> {
        count_query();
        let micros = i64::try_from(bound.as_micros()).unwrap_or(i64::MAX);
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT 1 FROM tasks \
             WHERE updated_at > now() + $1 * interval '1 microsecond' LIMIT $2) AS future",
        )
        .bind(micros)
        .bind(cap)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Reads the database's clock between two readings of `local`, and the feed's lag.
    pub(super) async fn database_clock(
        &self,
        local: &dyn Clock,
    ) -> Result<DatabaseClock, StoreError> {
        let before = local.now();
        let row = sqlx::query(
            "SELECT clock_timestamp() AS now, \
               pg_snapshot_xmax(s)::text::bigint - pg_snapshot_xmin(s)::text::bigint AS lag, \
               COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - LEAST( \
                 (SELECT min(xact_start) FROM pg_stat_activity WHERE backend_xid IS NOT NULL), \
                 (SELECT min(prepared) FROM pg_prepared_xacts))), 0)::float8 AS lag_seconds \
             FROM pg_current_snapshot() AS s",
        )
        .fetch_one(&self.pool)
        .await?;
        let after = local.now();
        let theirs: Timestamp = row.try_get("now")?;
        let (before, after) = (before.as_unix_micros(), after.as_unix_micros());
        let half_trip = after.saturating_sub(before) / 2;
        let ours = before.saturating_add(half_trip);
        Ok(DatabaseClock {
            offset_micros: ours.saturating_sub(theirs.as_unix_micros()),
            uncertainty_micros: half_trip.unsigned_abs(),
            feed_lag_transactions: row.try_get("lag")?,
            feed_lag_seconds: row.try_get("lag_seconds")?,
        })
    }

    /// The feed: rows with marks after the cursor and below the watermark, in mark order.
    pub(super) async fn changes(
        &self,
        after: Cursor,
        limit: u32,
    ) -> Result<Vec<(Cursor, Result<Task, String>)>, StoreError> {
        count_query();
        // The watermark first, in a statement of its own: every transaction below it has
        // ended, so the next statement's snapshot sees all of their changes.
        let (watermark, issued, floor): (i64, i64, i64) = sqlx::query_as(
            "SELECT pg_snapshot_xmin(s)::text::bigint + e.mark_offset, \
                    pg_snapshot_xmax(s)::text::bigint + e.mark_offset, e.floor \
             FROM pg_current_snapshot() AS s, feed_epoch AS e",
        )
        .fetch_one(&self.pool)
        .await?;
        if after.mark >= issued {
            return Err(StoreError::CursorReset(format!(
                "mark {} is past every mark this database has issued ({issued})",
                after.mark
            )));
        }
        if after.mark != 0 && after.mark < floor {
            return Err(StoreError::CursorReset(format!(
                "mark {} is from before the marks were re-based to {floor} (a restore)",
                after.mark
            )));
        }
        count_query();
        let sql = format!(
            "SELECT {COLUMNS}, change_mark AS mark FROM tasks \
             WHERE (change_mark, id) > ($1, $2) AND change_mark < $3 \
             ORDER BY change_mark, id LIMIT $4"
        );
        let rows = sqlx::query(AssertSqlSafe(sql.as_str()))
            .bind(after.mark)
            .bind(after.id)
            .bind(watermark)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(read_change).collect())
    }
}

/// Where the marks were issued against where this database is, and the highest mark against
/// what it has issued.
const EPOCH_CHECK: &str = "SELECT \
      e.system_identifier <> (SELECT system_identifier FROM pg_control_system()) \
      OR e.database_oid <> (SELECT oid::bigint FROM pg_database WHERE datname = current_database()) \
      OR (SELECT COALESCE(MAX(change_mark), 0) FROM tasks) \
         >= pg_snapshot_xmax(pg_current_snapshot())::text::bigint + e.mark_offset \
    FROM feed_epoch AS e";

/// Re-bases the feed's marks when they were issued elsewhere (a restore), in one transaction.
async fn rebase_if_restored(pool: &PgPool) -> Result<(), StoreError> {
    let foreign: bool = sqlx::query_scalar(EPOCH_CHECK).fetch_one(pool).await?;
    if !foreign {
        return Ok(());
    }
    let mut tx = pool.begin().await?;
    // One instance re-bases; the others wait here, then find nothing to do.
    sqlx::query("SELECT 1 FROM feed_epoch FOR UPDATE")
        .execute(&mut *tx)
        .await?;
    let foreign: bool = sqlx::query_scalar(EPOCH_CHECK).fetch_one(&mut *tx).await?;
    if !foreign {
        return Ok(());
    }
    sqlx::raw_sql("SET LOCAL statement_timeout = 0; LOCK TABLE tasks IN EXCLUSIVE MODE")
        .execute(&mut *tx)
        .await?;
    let (xid, highest, floor, offset): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT pg_current_xact_id()::text::bigint, \
                (SELECT COALESCE(MAX(change_mark), 0) FROM tasks), floor, mark_offset \
         FROM feed_epoch",
    )
    .fetch_one(&mut *tx)
    .await?;
    let top = highest.max(floor).max(xid.saturating_add(offset));
    let new_floor = ((top >> EPOCH_BITS) + 1) << EPOCH_BITS;
    let moved = sqlx::query("UPDATE tasks SET change_mark = $1")
        .bind(new_floor)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query(
        "UPDATE feed_epoch SET \
           system_identifier = (SELECT system_identifier FROM pg_control_system()), \
           database_oid = (SELECT oid::bigint FROM pg_database WHERE datname = current_database()), \
           mark_offset = $1 - pg_current_xact_id()::text::bigint, floor = $1",
    )
    .bind(new_floor)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::warn!(
        rows = moved,
        floor = new_floor,
        "the feed's marks were issued by another cluster or database (a restore): re-based; \
         followers with older cursors get 410 cursor_reset and start again"
    );
    Ok(())
}
