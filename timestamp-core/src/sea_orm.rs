//! SeaORM 2: [`Timestamp`] and `Option<Timestamp>` as fields of a `DeriveEntityModel` model.
//!
//! A `Timestamp` travels as SeaORM's UTC date-time value (`Value::ChronoDateTimeUtc`), so it is
//! a `TIMESTAMPTZ` on PostgreSQL, a `DATETIME(6)` / `TIMESTAMP(6)` on MySQL, and text on SQLite,
//! exactly like a `chrono::DateTime<Utc>` field; values read are floored to whole microseconds
//! and range-checked like every conversion into a `Timestamp`. On SQLite the text SeaORM writes
//! is chrono's RFC 3339 form through sqlx (`2026-11-26T23:10:26.123456+00:00`); every layer
//! reads it, and SeaORM reads what the others write (the canonical form, and text without an
//! offset as UTC). SQLite compares that text as text, though: a compare-and-set
//! `WHERE updated_at = ?` through SeaORM matches rows whose stamps SeaORM wrote, not the
//! canonical text that the sqlx and Diesel integrations write (`…Z`). On SQLite, let one layer
//! write a table's stamps; PostgreSQL and MySQL compare typed values and have no such limit.
//!
//! SeaORM's `ActiveModelBehavior::before_save` is skipped by bulk operations; the derive's
//! touch is not, since it happens in the entity, not in the ORM: keep the entity (derived with
//! `#[timestamped(columns)]`) as the one place that changes, and [`set_changes`] copies an
//! edit's changed columns and `updated_at` into an `ActiveModel` whose other columns stay
//! `NotSet`, so `update` writes only those.
//!
//! ```
//! # extern crate timestamp_core as stamped;
//! use sea_orm::entity::prelude::*;
//! use stamped::Timestamp;
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

use std::str::FromStr;

use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr};
use sea_orm::{
    ActiveModelTrait, ActiveValue, ColIdx, DbErr, EntityTrait, IntoActiveValue, QueryResult,
    TryGetError, TryGetable, Value,
};

use crate::{Changes, ColumnVisitor, Timestamp, Timestamped, WriteChanges};

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

/// A [`ColumnVisitor`] that `Set`s each changed column on a SeaORM `ActiveModel`, found by its
/// name among the model's columns; [`set_changes`] uses it.
#[cfg_attr(docsrs, doc(cfg(feature = "sea-orm")))]
pub struct SetChanged<'a, A> {
    model: &'a mut A,
    error: Option<DbErr>,
}

impl<A> std::fmt::Debug for SetChanged<'_, A> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SetChanged")
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

impl<'a, A: ActiveModelTrait> SetChanged<'a, A> {
    /// Sets columns of `model`.
    pub fn new(model: &'a mut A) -> Self {
        SetChanged { model, error: None }
    }

    /// The first column that could not be set, if any.
    ///
    /// # Errors
    /// `DbErr::Custom` naming a column the model does not have; the model's own error for a
    /// value of the wrong type.
    pub fn finish(self) -> Result<(), DbErr> {
        self.error.map_or(Ok(()), Err)
    }

    fn set(&mut self, name: &str, value: Value) {
        if self.error.is_some() {
            return;
        }
        let column = <<A::Entity as EntityTrait>::Column as FromStr>::from_str(name);
        self.error = match column {
            Ok(column) => self.model.try_set(column, value).err(),
            Err(_) => Some(DbErr::Custom(format!(
                "the model has no column `{name}` (set `#[timestamped(column = \"...\")]` on the field)"
            ))),
        };
    }
}

impl<A, T> ColumnVisitor<T> for SetChanged<'_, A>
where
    A: ActiveModelTrait,
    T: Clone + Into<Value>,
{
    fn column(&mut self, name: &'static str, value: &T) {
        self.set(name, value.clone().into());
    }
}

/// `Set`s on `model` the columns an edit of `entity` changed, and `updated_at`; the other
/// columns keep what they were (`NotSet` in a fresh `ActiveModel`, so an `update` writes only
/// these). No field is named in a string: the entity derives `Timestamped` with
/// `#[timestamped(columns)]`, and a field type SeaORM cannot take is a compile error here.
///
/// # Errors
/// A column the model does not have (a field whose column has another name needs
/// `#[timestamped(column = "...")]`), or a value of the wrong type for it.
#[cfg_attr(docsrs, doc(cfg(feature = "sea-orm")))]
pub fn set_changes<A, E>(model: &mut A, entity: &E, changes: Changes) -> Result<(), DbErr>
where
    A: ActiveModelTrait,
    E: Timestamped + for<'a> WriteChanges<SetChanged<'a, A>>,
{
    let mut set = SetChanged::new(model);
    entity.write_changes(changes, &mut set);
    set.set("updated_at", entity.updated_at().into());
    set.finish()
}
