//! An edit's changes as an `UPDATE`'s `SET` list, built with `sqlx::QueryBuilder` on any of the
//! three databases: no field named in a string.

use sqlx::{Database, Encode, QueryBuilder, Type};

use crate::{Changes, ColumnVisitor, Timestamp, Timestamped, WriteChanges};

/// A [`ColumnVisitor`] that appends `column = <bound value>` to a `QueryBuilder`, comma
/// separated: the `SET` list of an `UPDATE`. [`push_changes`] uses it; use it directly to
/// write the changes into other statements.
///
/// Column names are written as given (the field names, or `#[timestamped(column = "...")]`),
/// unquoted; values are bound, never spliced into the SQL.
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        feature = "sqlx-postgres",
        feature = "sqlx-sqlite",
        feature = "sqlx-mysql"
    )))
)]
pub struct SetColumns<'b, DB: Database> {
    builder: &'b mut QueryBuilder<DB>,
    written: usize,
}

impl<DB: Database> std::fmt::Debug for SetColumns<'_, DB> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SetColumns")
            .field("written", &self.written)
            .finish_non_exhaustive()
    }
}

impl<'b, DB: Database> SetColumns<'b, DB> {
    /// Appends to `builder`.
    pub fn new(builder: &'b mut QueryBuilder<DB>) -> Self {
        SetColumns {
            builder,
            written: 0,
        }
    }

    /// How many columns were appended.
    pub fn written(&self) -> usize {
        self.written
    }

    fn push<T>(&mut self, name: &str, value: &T)
    where
        T: for<'e> Encode<'e, DB> + Type<DB>,
    {
        if self.written > 0 {
            self.builder.push(", ");
        }
        self.builder.push(name).push(" = ").push_bind(value);
        self.written += 1;
    }
}

impl<DB, T> ColumnVisitor<T> for SetColumns<'_, DB>
where
    DB: Database,
    T: for<'e> Encode<'e, DB> + Type<DB>,
{
    fn column(&mut self, name: &'static str, value: &T) {
        self.push(name, value);
    }
}

/// Appends the `SET` list of an edit's changes to `builder`: each changed column with its new
/// value, then `updated_at` with the entity's. The entity derives `Timestamped` with
/// `#[timestamped(columns)]`; a field whose type cannot be bound on `DB` is a compile error
/// here, and a field added later is written without another line.
///
/// Write the compare-and-set around it: `UPDATE … SET` before, `WHERE <key> = … AND
/// updated_at = <the version the edit started from>` after, and check that one row was
/// written (0: another write landed first).
///
/// ```
/// # extern crate timestamp_core as stamped;
/// # use timestamp_derive::Timestamped;
/// use sqlx::{Connection, QueryBuilder, Sqlite, SqliteConnection};
/// use stamped::{db::push_changes, Timestamped, Timestamps};
///
/// #[derive(sqlx::FromRow, Timestamped)]
/// #[timestamped(new, columns)]
/// # #[timestamped(crate = "::timestamp_core")]
/// struct Task {
///     #[timestamped(skip)]
///     id: i64,
///     title: String,
///     #[timestamped(column = "is_done")]
///     done: bool,
///     #[sqlx(flatten)]
///     timestamps: Timestamps,
/// }
///
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let mut db = SqliteConnection::connect("sqlite::memory:").await?;
/// sqlx::raw_sql("CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT NOT NULL, \
///                is_done BOOLEAN NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL); \
///                INSERT INTO tasks VALUES (1, 'write docs', 0, \
///                '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')")
///     .execute(&mut db).await?;
/// let mut task: Task = sqlx::query_as("SELECT id, title, is_done AS done, created_at, updated_at \
///                                      FROM tasks WHERE id = 1").fetch_one(&mut db).await?;
///
/// let version = task.updated_at();
/// let mut edit = task.edit();
/// edit.set_title("write docs".to_string()).set_done(true); // the title does not change
/// let changes = edit.finish();
///
/// let mut update = QueryBuilder::<Sqlite>::new("UPDATE tasks SET ");
/// push_changes(&mut update, &task, changes); // is_done = ?, updated_at = ?
/// update.push(" WHERE id = ").push_bind(task.id).push(" AND updated_at = ").push_bind(version);
/// assert_eq!(update.sql().as_str(), "UPDATE tasks SET is_done = ?, updated_at = ? WHERE id = ? AND updated_at = ?");
/// let written = update.build().execute(&mut db).await?;
/// assert_eq!(written.rows_affected(), 1); // 0 would mean another write landed first
/// # Ok::<(), sqlx::Error>(())
/// # }).unwrap();
/// ```
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        feature = "sqlx-postgres",
        feature = "sqlx-sqlite",
        feature = "sqlx-mysql"
    )))
)]
pub fn push_changes<DB, E>(builder: &mut QueryBuilder<DB>, entity: &E, changes: Changes)
where
    DB: Database,
    E: Timestamped + for<'b> WriteChanges<SetColumns<'b, DB>>,
    Timestamp: for<'e> Encode<'e, DB> + Type<DB>,
{
    let mut set = SetColumns::new(builder);
    entity.write_changes(changes, &mut set);
    set.push("updated_at", &entity.updated_at());
}
