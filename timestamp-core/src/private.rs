//! The only names generated code touches. Not public API: no stability promise.

pub use crate::{Clock, Micros, Precision, Timestamp, Timestamped, Timestamps};
pub use core::convert::Into;
pub use core::ops::Drop;

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
    message = "`{Self}` is not `timestamped::Timestamps`",
    label = "the field the derive takes as the entity's stamps",
    note = "`#[derive(Timestamped)]` needs one field of type `timestamped::Timestamps` (or `Timestamps<Millis>` ...)"
)]
pub trait StampsField {
    /// The precision `P` of `Timestamps<P>`.
    type Precision: Precision;
    /// The pair.
    fn stamps(&self) -> &Timestamps<Self::Precision>;
    /// The pair, to touch it.
    fn stamps_mut(&mut self) -> &mut Timestamps<Self::Precision>;
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
}

/// Touches the entity's pair with the current clock.
#[inline]
pub fn touch<S: StampsField>(stamps: &mut S) {
    stamps.stamps_mut().touch();
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
