//! `Timestamps<P>` from a row: `sqlx::FromRow`, for `#[sqlx(flatten)]`.

use sqlx::{ColumnIndex, Decode, FromRow, Row, Type};

use crate::{Precision, Timestamp, Timestamps};

#[cfg_attr(
    docsrs,
    doc(cfg(any(
        feature = "sqlx-postgres",
        feature = "sqlx-sqlite",
        feature = "sqlx-mysql"
    )))
)]
impl<'r, R, P> FromRow<'r, R> for Timestamps<P>
where
    R: Row,
    P: Precision,
    &'r str: ColumnIndex<R>,
    Timestamp: Decode<'r, R::Database> + Type<R::Database>,
{
    /// Reads the columns `created_at` and `updated_at`, validated like
    /// [`Timestamps::restore`]; a pair with `updated_at < created_at` is
    /// `sqlx::Error::ColumnDecode` naming `updated_at`.
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        Timestamps::from_row_columns(row, "created_at", "updated_at")
    }
}

#[cfg_attr(
    docsrs,
    doc(cfg(any(
        feature = "sqlx-postgres",
        feature = "sqlx-sqlite",
        feature = "sqlx-mysql"
    )))
)]
impl<P: Precision> Timestamps<P> {
    /// Reads the pair from the columns named `created_at` and `updated_at` of `row`, validated
    /// like [`Timestamps::restore`], for tables whose columns have other names. Each column
    /// decodes as a [`Timestamp`] (PostgreSQL `TIMESTAMPTZ`, SQLite canonical `TEXT`).
    ///
    /// ```no_run
    /// # extern crate timestamp_core as stamped;
    /// use sqlx::sqlite::SqliteRow;
    /// use stamped::Timestamps;
    ///
    /// fn stamps(row: &SqliteRow) -> Result<Timestamps, sqlx::Error> {
    ///     Timestamps::from_row_columns(row, "inserted_at", "modified_at")
    /// }
    /// ```
    ///
    /// # Errors
    /// `sqlx::Error::ColumnNotFound` for a missing column; `sqlx::Error::ColumnDecode` naming
    /// the column whose value is not an instant (NULL, `infinity`, out of range, unparsable
    /// text), or naming `updated_at` when it precedes `created_at`.
    pub fn from_row_columns<'r, R>(
        row: &'r R,
        created_at: &'r str,
        updated_at: &'r str,
    ) -> Result<Self, sqlx::Error>
    where
        R: Row,
        &'r str: ColumnIndex<R>,
        Timestamp: Decode<'r, R::Database> + Type<R::Database>,
    {
        let created: Timestamp = row.try_get(created_at)?;
        let updated: Timestamp = row.try_get(updated_at)?;
        Timestamps::restore(created, updated).map_err(|e| sqlx::Error::ColumnDecode {
            index: format!("{updated_at:?}"),
            source: Box::new(e),
        })
    }
}
