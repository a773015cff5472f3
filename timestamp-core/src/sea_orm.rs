//! SeaORM 2: [`Timestamp`] and `Option<Timestamp>` as fields of a `DeriveEntityModel` model.
//!
//! A `Timestamp` travels as SeaORM's UTC date-time value (`Value::ChronoDateTimeUtc`), so it is
//! a `TIMESTAMPTZ` on PostgreSQL, a `DATETIME(6)` / `TIMESTAMP(6)` on MySQL, and text on SQLite,
//! exactly like a `chrono::DateTime<Utc>` field; values read are floored to whole microseconds
//! and range-checked like every conversion into a `Timestamp`. On SQLite the text SeaORM writes
//! is sqlx's chrono form (`2026-11-26 23:10:26.123456+00:00`); every layer reads it, and SeaORM
//! reads what the others write (the canonical form, and text without an offset as UTC).
//!
//! SeaORM's `ActiveModelBehavior::before_save` is skipped by bulk operations; the derive's
//! touch is not, since it happens in the entity, not in the ORM: keep the entity as the one
//! place that changes, and copy its fields into the `ActiveModel` (only the changed ones `Set`,
//! with a [`ColumnVisitor`](crate::ColumnVisitor) if you like) to save it.
//!
//! ```
//! # extern crate timestamp_core as timestamped;
//! use sea_orm::entity::prelude::*;
//! use timestamped::Timestamp;
//!
//! #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
//! #[sea_orm(table_name = "tasks")]
//! pub struct Model {
//!     #[sea_orm(primary_key)]
//!     pub id: i64,
//!     pub title: String,
//!     pub created_at: Timestamp,
//!     pub updated_at: Timestamp,
//!     pub deleted_at: Option<Timestamp>,
//! }
//!
//! #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
//! pub enum Relation {}
//!
//! impl ActiveModelBehavior for ActiveModel {}
//! ```

use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr};
use sea_orm::{
    ActiveValue, ColIdx, DbErr, IntoActiveValue, QueryResult, TryGetError, TryGetable, Value,
};

use crate::Timestamp;

type Utc = chrono::DateTime<chrono::Utc>;

#[cfg_attr(docsrs, doc(cfg(feature = "sea-orm")))]
impl From<Timestamp> for Value {
    fn from(t: Timestamp) -> Value {
        Value::from(Utc::from(t))
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "sea-orm")))]
impl TryGetable for Timestamp {
    fn try_get_by<I: ColIdx>(res: &QueryResult, index: I) -> Result<Self, TryGetError> {
        let utc = <Utc as TryGetable>::try_get_by(res, index)?;
        <Timestamp as TryFrom<Utc>>::try_from(utc)
            .map_err(|e| TryGetError::DbErr(DbErr::Type(e.to_string())))
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "sea-orm")))]
impl ValueType for Timestamp {
    fn try_from(v: Value) -> Result<Self, ValueTypeErr> {
        let utc = <Utc as ValueType>::try_from(v)?;
        <Timestamp as TryFrom<Utc>>::try_from(utc).map_err(|_| ValueTypeErr)
    }

    fn type_name() -> String {
        "Timestamp".to_owned()
    }

    fn array_type() -> ArrayType {
        <Utc as ValueType>::array_type()
    }

    fn column_type() -> ColumnType {
        <Utc as ValueType>::column_type()
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "sea-orm")))]
impl Nullable for Timestamp {
    fn null() -> Value {
        <Utc as Nullable>::null()
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "sea-orm")))]
impl IntoActiveValue<Timestamp> for Timestamp {
    fn into_active_value(self) -> ActiveValue<Timestamp> {
        ActiveValue::Set(self)
    }
}
