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

/// Touches the entity's pair with the current clock and returns the instant of the change
/// (see `Timestamps::touch_marking`).
#[inline]
pub fn touch_marking<S: StampsField>(stamps: &mut S) -> Timestamp {
    stamps.stamps_mut().touch_marking(None)
}

/// Where a setter's change goes: the entity's stamps (a touch at once), nowhere (`no_touch`),
/// or an edit (recorded as a bit, the touch asked for or not).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not `&mut stamped::Timestamps`",
    label = "the field the derive takes as the entity's stamps",
    note = "`#[derive(Timestamped)]` needs one field of type `stamped::Timestamps` (or `Timestamps<Millis>` ...)"
)]
pub trait SetTarget {
    /// The value changed.
    fn changed(self);
}

impl<S: StampsField> SetTarget for &mut S {
    #[inline]
    fn changed(self) {
        self.stamps_mut().touch();
    }
}

/// The target of a `no_touch` setter: the change touches nothing.
pub struct Quiet;

impl SetTarget for Quiet {
    #[inline]
    fn changed(self) {}
}

impl SetTarget for (&mut EditState, u64, bool) {
    #[inline]
    fn changed(self) {
        let (edit, bit, touches) = self;
        edit.record(bit, touches);
    }
}

/// Every setter, the entity's and the edit's: assigns `value` unless it equals the current one,
/// then tells `target`; says whether it assigned. (One function, so that a field type without
/// `PartialEq` is reported once.)
#[inline]
pub fn assign<T: Compared, G: SetTarget>(field: &mut T, value: T, target: G) -> bool {
    let changed = replace_if_changed(field, value);
    if changed {
        target.changed();
    }
    changed
}

/// Every `always_touch` setter, the entity's and the edit's: assigns `value`, equal or not, and
/// tells `target`; says `true`.
#[inline]
pub fn assign_always<T, G: SetTarget>(field: &mut T, value: T, target: G) -> bool {
    *field = value;
    target.changed();
    true
}

/// What a generated edit records besides the entity and its clock: the fields that changed
/// (bit `i` for the `i`-th tracked field), whether to touch, and whether the touch stamps
/// `deleted_at`. No lifetime, so that the setters' bodies are cheap to borrow-check.
pub struct EditState {
    changed: u64,
    touch: bool,
    stamp_deleted: bool,
}

impl EditState {
    /// A new edit's state: nothing changed yet.
    pub const NEW: EditState = EditState {
        changed: 0,
        touch: false,
        stamp_deleted: false,
    };

    /// Records a change of the field of `bit`; asks for the touch if `touches`.
    #[inline]
    fn record(&mut self, bit: u64, touches: bool) {
        self.changed |= bit;
        self.touch |= touches;
    }

    /// The edit's `delete()`: unless already deleted, puts `placeholder` in `deleted_at` until
    /// the touch gives the instant.
    #[inline]
    pub fn delete(&mut self, deleted: &mut Option<Timestamp>, placeholder: Timestamp, bit: u64) {
        if deleted.is_none() {
            *deleted = Some(placeholder);
            self.stamp_deleted = true;
            self.record(bit, true);
        }
    }

    /// The edit's `undelete()`.
    #[inline]
    pub fn undelete(&mut self, deleted: &mut Option<Timestamp>, bit: u64) {
        if deleted.is_some() {
            *deleted = None;
            self.stamp_deleted = false;
            self.record(bit, true);
        }
    }

    /// The one touch, reading `clock` (the current clock when `None`), if a change asked for
    /// it; runs once. Returns the instant of the touch, if there was one. (Generated code calls
    /// it as a method: cheaper for rustc to check in every `finish` and `drop` than a path.)
    #[inline]
    pub fn apply<P: Precision>(
        &mut self,
        stamps: &mut Timestamps<P>,
        clock: Option<&dyn Clock>,
    ) -> Option<Timestamp> {
        self.touch.then(|| {
            self.touch = false;
            stamps.touch_marking(clock)
        })
    }

    /// The one touch of an entity with a `deleted_at` field, which a `delete()` in the edit
    /// stamps with the touch's instant.
    #[inline]
    pub fn apply_deleting<P: Precision>(
        &mut self,
        stamps: &mut Timestamps<P>,
        clock: Option<&dyn Clock>,
        deleted: &mut Option<Timestamp>,
    ) {
        if let Some(at) = self.apply(stamps, clock) {
            if core::mem::take(&mut self.stamp_deleted) {
                *deleted = Some(at);
            }
        }
    }

    /// The fields that changed, named by the entity's tracked fields (`"a,b,"`: each name
    /// followed by a comma).
    #[inline]
    pub const fn changes(&self, names: &'static str) -> Changes {
        Changes::from_bits(self.changed, names)
    }
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
fn replace_if_changed<T: Compared>(field: &mut T, value: T) -> bool {
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

/// `deleted_at` within the life the stamps give: `created_at <= deleted_at <= updated_at`, in
/// whole units of `P`.
///
/// # Errors
/// [`Error::FinerThanPrecision`] or [`Error::DeletedOutOfOrder`] otherwise.
pub fn check_deleted_at<P: Precision>(
    stamps: &Timestamps<P>,
    deleted_at: Option<Timestamp>,
) -> Result<(), Error> {
    let deleted_at = deleted_at
        .map(crate::timestamps::whole_units::<P>)
        .transpose()?;
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
