//! Entities at the database boundary, on SQLite and PostgreSQL: `#[derive(sqlx::FromRow)]`
//! with a flattened `Timestamps` loads an entity, `#[timestamped(new)]` builds one to insert,
//! and an edit's `Changes` drive a partial `UPDATE` (only the changed columns plus
//! `updated_at`, compare-and-set on the old `updated_at`). Invalid stored pairs and NULL stamps
//! are errors that name the column.
//!
//! The PostgreSQL tests need a server: `#[ignore]`d in a plain `cargo test`, run with
//! `TIMESTAMPED_POSTGRES_URL` and `-- --include-ignored` (as CI does), in temporary tables.

use sqlx::{Connection, PgConnection, SqliteConnection};
use stamped::{with_clock, FixedClock, Timestamp, Timestamped, Timestamps};

fn ts(text: &str) -> Timestamp {
    text.parse().expect("a valid test instant")
}

/// The entity as a user writes it: no hand-written row mapping, no hand-written constructor.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Timestamped)]
#[timestamped(new, into, columns)]
struct Task {
    #[timestamped(skip)]
    id: i64,
    title: String,
    #[timestamped(copy)]
    count: i64,
    /// Bumped by other processes without touching.
    #[timestamped(no_touch, copy)]
    views: i64,
    #[timestamped(deleted_at)]
    deleted_at: Option<Timestamp>,
    #[sqlx(flatten)]
    timestamps: Timestamps,
}

/// The compare-and-set `UPDATE` of an edit's changes, its `SET` list written by the generated
/// `WriteChanges` (`push_changes`): the changed columns and `updated_at`, written only if the
/// row still has `version` as its `updated_at`. No field is named here.
macro_rules! cas_update {
    ($db:ty, $task:expr, $changes:expr, $version:expr) => {{
        let mut update = sqlx::QueryBuilder::<$db>::new("UPDATE tasks SET ");
        stamped::db::push_changes(&mut update, &$task, $changes);
        update
            .push(" WHERE id = ")
            .push_bind($task.id)
            .push(" AND updated_at = ")
            .push_bind($version);
        update
    }};
}

/// The same scenario on either database: `$conn` is a connection with an empty `tasks` table.
macro_rules! scenario {
    ($db:ty, $conn:expr) => {{
        let conn = $conn;
        let clock = FixedClock::new(ts("2026-03-01T10:00:00.123456Z"));
        let new = with_clock(&clock, || Task::new(0, "write docs", 1, 0));
        assert_eq!(new.created_at(), new.updated_at());
        // `fetch_all`, not `fetch_one`: SQLite yields a RETURNING row before the statement has
        // finished, and `fetch_one` drops an error at its end (a full disk, a failed commit).
        let ids: Vec<i64> = sqlx::query_scalar(
            "INSERT INTO tasks (title, count, views, deleted_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(new.title())
        .bind(new.count())
        .bind(new.views())
        .bind(new.deleted_at())
        .bind(new.created_at())
        .bind(new.updated_at())
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        let id = ids[0];

        // Load: FromRow with the flattened stamps.
        let tasks: Vec<Task> = sqlx::query_as("SELECT * FROM tasks")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        assert_eq!(tasks.len(), 1);
        let mut task = tasks.into_iter().next().unwrap();
        assert_eq!(task.id, id);
        assert_eq!(*task.timestamps(), *new.timestamps(), "bit-exact stamps");
        assert_eq!((task.title().as_str(), task.count()), ("write docs", 1));

        // Another process bumps `views` meanwhile, without touching.
        sqlx::query("UPDATE tasks SET views = views + 5 WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await
            .unwrap();

        // An edit; its change set drives a partial UPDATE that leaves `views` alone.
        let version = task.updated_at();
        let later = FixedClock::new(ts("2026-03-01T11:00:00Z"));
        let mut edit = task.edit_with(&later);
        edit.set_title("write better docs").set_count(1_i64);
        let changes = edit.finish();
        assert_eq!(changes.iter().collect::<Vec<_>>(), ["title"]);
        let mut update = cas_update!($db, task, changes, version);
        assert!(
            update
                .sql()
                .as_str()
                .starts_with("UPDATE tasks SET title = "),
            "{}",
            update.sql().as_str()
        );
        let done = update.build().execute(&mut *conn).await.unwrap();
        assert_eq!(done.rows_affected(), 1);

        let stored: Task = sqlx::query_as("SELECT * FROM tasks WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(stored.title(), "write better docs");
        assert_eq!(
            stored.views(),
            5,
            "the column nobody changed here kept its value"
        );
        assert_eq!(stored.updated_at(), ts("2026-03-01T11:00:00Z"));
        assert_eq!(stored.created_at(), task.created_at());

        // A stale copy loses the compare-and-set: nothing is written.
        let mut stale = new.clone();
        stale.id = id;
        let mut edit = stale.edit_with(&later);
        edit.set_count(99_i64);
        let changes = edit.finish();
        let done = cas_update!($db, stale, changes, new.updated_at())
            .build()
            .execute(&mut *conn)
            .await
            .unwrap();
        assert_eq!(done.rows_affected(), 0);

        // Soft delete through the same path: the change set names `deleted_at`.
        let mut task = stored;
        let version = task.updated_at();
        let next_day = FixedClock::new(ts("2026-03-02T00:00:00Z"));
        let mut edit = task.edit_with(&next_day);
        edit.delete();
        let changes = edit.finish();
        assert_eq!(changes.iter().collect::<Vec<_>>(), ["deleted_at"]);
        let done = cas_update!($db, task, changes, version)
            .build()
            .execute(&mut *conn)
            .await
            .unwrap();
        assert_eq!(done.rows_affected(), 1);
        let deleted: Task = sqlx::query_as("SELECT * FROM tasks WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(deleted.deleted_at(), Some(deleted.updated_at()));
        assert_eq!(deleted, task);
        // A loader that is not FromRow restores the soft-deleted entity through the generated
        // `restore`, which checks the deletion stamp against the pair.
        let restored = Task::restore(
            deleted.id,
            deleted.title().clone(),
            deleted.count(),
            deleted.views(),
            *deleted.timestamps(),
            deleted.deleted_at(),
        )
        .unwrap();
        assert_eq!(restored, deleted);
        let too_late = deleted
            .updated_at()
            .checked_add(std::time::Duration::from_micros(1))
            .unwrap();
        assert!(matches!(
            Task::restore(0, "x", 0_i64, 0_i64, *deleted.timestamps(), Some(too_late)),
            Err(stamped::Error::DeletedOutOfOrder { .. })
        ));

        // A stored pair with updated_at < created_at is refused, naming the column.
        sqlx::query("UPDATE tasks SET updated_at = $1 WHERE id = $2")
            .bind(ts("2000-01-01T00:00:00Z"))
            .bind(id)
            .execute(&mut *conn)
            .await
            .unwrap();
        let err = sqlx::query_as::<_, Task>("SELECT * FROM tasks")
            .fetch_one(&mut *conn)
            .await
            .unwrap_err();
        match &err {
            sqlx::Error::ColumnDecode { index, source } => {
                assert_eq!(index, "\"updated_at\"");
                assert!(
                    source.to_string().contains("earlier than created_at"),
                    "{source}"
                );
            }
            other => panic!("expected ColumnDecode, got {other:?}"),
        }

        // Other column names.
        let row = sqlx::query(
            "SELECT created_at AS inserted_at, $1 AS modified_at FROM tasks WHERE id = $2",
        )
        .bind(ts("2027-01-01T00:00:00Z"))
        .bind(id)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        let stamps: Timestamps =
            Timestamps::from_row_columns(&row, "inserted_at", "modified_at").unwrap();
        assert_eq!(stamps.created_at(), new.created_at());
        assert_eq!(stamps.updated_at(), ts("2027-01-01T00:00:00Z"));
        assert!(matches!(
            Timestamps::<stamped::Micros>::from_row_columns(&row, "nope", "modified_at"),
            Err(sqlx::Error::ColumnNotFound(_))
        ));

        // NULL where a stamp must be: an error that says NULL.
        sqlx::query("UPDATE tasks SET created_at = NULL WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await
            .unwrap();
        let err = sqlx::query_as::<_, Task>("SELECT * FROM tasks")
            .fetch_one(&mut *conn)
            .await
            .unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("created_at") && message.to_lowercase().contains("null"),
            "{message}"
        );
    }};
}

#[tokio::test]
async fn sqlite_rows_constructors_and_partial_updates() {
    let mut conn = SqliteConnection::connect("sqlite::memory:").await.unwrap();
    sqlx::query(
        "CREATE TABLE tasks (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, \
         count INTEGER NOT NULL, views INTEGER NOT NULL, deleted_at TEXT, \
         created_at TEXT, updated_at TEXT NOT NULL)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    scenario!(sqlx::Sqlite, &mut conn);
}

#[tokio::test]
#[ignore = "needs PostgreSQL: set TIMESTAMPED_POSTGRES_URL and pass --include-ignored"]
async fn postgres_rows_constructors_and_partial_updates() {
    let url = std::env::var("TIMESTAMPED_POSTGRES_URL")
        .expect("TIMESTAMPED_POSTGRES_URL must name a PostgreSQL server for this test");
    let mut conn = PgConnection::connect(&url).await.unwrap();
    sqlx::query(
        "CREATE TEMP TABLE tasks (id BIGSERIAL PRIMARY KEY, title TEXT NOT NULL, \
         count BIGINT NOT NULL, views BIGINT NOT NULL, deleted_at TIMESTAMPTZ, \
         created_at TIMESTAMPTZ, updated_at TIMESTAMPTZ NOT NULL)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    scenario!(sqlx::Postgres, &mut conn);
}
