//! The [`Timestamped`] trait, implemented by `#[derive(Timestamped)]`.

use crate::{Clock, Precision, Timestamp, Timestamps};

/// An entity that carries [`Timestamps`]. Implemented by `#[derive(Timestamped)]`; generic code
/// (repositories, handlers) takes `T: Timestamped`.
///
/// There is deliberately no way to get `&mut Timestamps` through this trait: the only change it
/// allows is a touch.
///
/// Not sealed: the derive implements it in your crate, and a hand-written impl (for a type the
/// derive cannot take) is allowed. So that such impls keep compiling, the trait only ever grows
/// *provided* methods after 0.1; `timestamps()` and `touch_with()` stay the only required ones.
pub trait Timestamped {
    /// The precision of the entity's stamps.
    type Precision: Precision;

    /// The entity's stamps.
    fn timestamps(&self) -> &Timestamps<Self::Precision>;

    /// Moves `updated_at` forward, reading the current clock once.
    fn touch(&mut self) {
        self.touch_with(&crate::CurrentClock);
    }

    /// Moves `updated_at` forward, reading `clock` once.
    fn touch_with(&mut self, clock: &dyn Clock);

    /// When the entity was created.
    fn created_at(&self) -> Timestamp {
        self.timestamps().created_at()
    }

    /// When the entity last changed.
    fn updated_at(&self) -> Timestamp {
        self.timestamps().updated_at()
    }
}
