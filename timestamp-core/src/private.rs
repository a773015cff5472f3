//! The only names generated code touches. Not public API: no stability promise.

pub use crate::{
    Changes, Clock, ColumnVisitor, Error, Micros, Precision, Timestamp, Timestamped, Timestamps,
    WriteChanges,
};
pub use core::convert::Into;
pub use core::ops::Drop;
pub use core::option::Option::{self, None, Some};
pub use core::result::Result;

/// A field whose setter compares before it touches.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be compared with `PartialEq`, so the setter cannot tell a no-op from a change",
    label = "this field's type does not implement `PartialEq`",
    note = "derive or implement `PartialEq` for it, or mark the field `#[timestamped(always_touch)]` \
            (every set touches) or `#[timestamped(skip)]`"
)]
pub trait Compared: PartialEq {}
impl<T: PartialEq + ?Sized> Compared for T {}

/// The one field of type `Timestamps<P>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not `stamped::Timestamps`",
    label = "the field the derive takes as the entity's stamps",
    note = "`#[derive(Timestamped)]` needs one field of type `stamped::Timestamps` (or `Timestamps<Millis>` ...)"
)]
pub trait StampsField {
    /// The precision `P` of `Timestamps<P>`.
    type Precision: Precision;
    /// The pair.
    fn stamps(&self) -> &Timestamps<Self::Precision>;
    /// The pair, to touch it.
    fn stamps_mut(&mut self) -> &mut Timestamps<Self::Precision>;
    /// A new pair from one reading of the current clock.
    fn fresh() -> Self;
}
impl<P: Precision> StampsField for Timestamps<P> {
    type Precision = P;
    #[inline]
    fn stamps(&self) -> &Self {
        self
    }
    #[inline]
    fn stamps_mut(&mut self) -> &mut Self {
        self
    }
    #[inline]
    fn fresh() -> Self {
        Timestamps::now()
    }
}

/// Touches the entity's pair with the current clock.
#[inline]
pub fn touch<S: StampsField>(stamps: &mut S) {
    stamps.stamps_mut().touch();
}

/// Touches the entity's pair with `clock`, or the current clock when `None` (an edit's one
/// touch), and returns the instant of the change (see `Timestamps::touch_marking`).
#[inline]
pub fn touch_via<S: StampsField>(stamps: &mut S, clock: Option<&dyn Clock>) -> Timestamp {
    stamps.stamps_mut().touch_marking(clock)
}

/// A field whose getter returns a copy (`#[timestamped(copy)]`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not `Copy`, so `#[timestamped(copy)]` cannot return it by value",
    label = "this field's type does not implement `Copy`",
    note = "remove `copy` (the getter then returns `&{Self}`), or derive `Copy` for the type"
)]
pub trait Copied: Copy {}
impl<T: Copy> Copied for T {}

/// The value of a `copy` field.
#[inline]
pub fn copied<T: Copied>(field: &T) -> T {
    *field
}

/// The `#[timestamped(deleted_at)]` field: `Option<Timestamp>`.
#[diagnostic::on_unimplemented(
    message = "a `#[timestamped(deleted_at)]` field must be `Option<stamped::Timestamp>`, not `{Self}`",
    label = "the soft-delete stamp",
    note = "declare it `deleted_at: Option<Timestamp>`: `None` while the entity exists"
)]
pub trait DeletedAtField {
    /// The stamp.
    fn get(&self) -> Option<Timestamp>;
    /// The stamp, to set it.
    fn slot(&mut self) -> &mut Option<Timestamp>;
}
impl DeletedAtField for Option<Timestamp> {
    #[inline]
    fn get(&self) -> Option<Timestamp> {
        *self
    }
    #[inline]
    fn slot(&mut self) -> &mut Option<Timestamp> {
        self
    }
}

/// Assigns `value` unless it equals the current one; says whether it assigned.
#[inline]
pub fn replace_if_changed<T: Compared>(field: &mut T, value: T) -> bool {
    if *field == value {
        false
    } else {
        *field = value;
        true
    }
}

/// The bit set of `changes` (bit `i` for the entity's `i`-th tracked field).
pub const fn change_bits(changes: Changes) -> u64 {
    changes.bits()
}

/// `deleted_at` within the life the stamps give: `created_at <= deleted_at <= updated_at`.
///
/// # Errors
/// [`Error::DeletedOutOfOrder`] otherwise.
pub fn check_deleted_at<P: Precision>(
    stamps: &Timestamps<P>,
    deleted_at: Option<Timestamp>,
) -> Result<(), Error> {
    match deleted_at {
        Some(deleted_at)
            if deleted_at < stamps.created_at() || deleted_at > stamps.updated_at() =>
        {
            Err(Error::DeletedOutOfOrder {
                created_at: stamps.created_at(),
                updated_at: stamps.updated_at(),
                deleted_at,
            })
        }
        _ => Ok(()),
    }
}
