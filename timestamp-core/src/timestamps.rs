//! [`Timestamps`]: the `created_at` / `updated_at` pair.

use core::fmt;
use core::marker::PhantomData;

use crate::precision::{Micros, Precision};
use crate::{metrics, scope, Clock, Error, Timestamp};

/// The two stamps of an entity: when it was created and when it last changed.
///
/// Neither stamp can be assigned. The only ways to get a pair are [`now`](Timestamps::now) /
/// [`now_with`](Timestamps::now_with) (one clock read, so `created_at == updated_at`) and
/// [`restore`](Timestamps::restore) (from storage, validated); the only way to change one is a
/// touch, which moves `updated_at` forward by the rule
///
/// `updated_at = max(clock reading truncated to P, updated_at + one unit of P)`
///
/// so `updated_at` strictly increases on every touch and never precedes `created_at`, whatever
/// the clock does. `P` is the [`Precision`] (default [`Micros`]); the pair is 16 bytes for all.
///
/// ```
/// # extern crate timestamp_core as stamped;
/// use stamped::{FixedClock, Timestamp, Timestamps};
///
/// let clock = FixedClock::new("2026-01-01T00:00:00Z".parse()?);
/// let mut ts: Timestamps = Timestamps::now_with(&clock);
/// assert_eq!(ts.created_at(), ts.updated_at());
/// ts.touch_with(&clock); // the clock is frozen, yet updated_at moves on by 1 µs
/// assert_eq!(ts.updated_at().to_string(), "2026-01-01T00:00:00.000001Z");
/// # Ok::<(), stamped::Error>(())
/// ```
///
/// `Timestamps` is `Copy`: stamping a batch of entities from one clock read is
/// `let ts = Timestamps::now();` followed by `timestamps: ts` in each of them.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timestamps<P: Precision = Micros> {
    created: Timestamp,
    updated: Timestamp,
    precision: PhantomData<P>,
}

impl<P: Precision> Timestamps<P> {
    /// A new pair from one reading of the current clock (see [`Timestamp::now`]), truncated
    /// to `P`: `created_at == updated_at`.
    #[inline]
    pub fn now() -> Self {
        Self::at(Timestamp::now())
    }

    /// A new pair from one reading of `clock`, truncated to `P`.
    #[inline]
    pub fn now_with<C: Clock + ?Sized>(clock: &C) -> Self {
        Self::at(clock.now())
    }

    #[inline]
    fn at(reading: Timestamp) -> Self {
        let t = reading.floor_to(P::UNIT_MICROS);
        Timestamps {
            created: t,
            updated: t,
            precision: PhantomData,
        }
    }

    /// Rebuilds a pair read from storage. The values are kept exactly as given.
    ///
    /// # Errors
    /// [`Error::UpdatedBeforeCreated`] when `updated_at < created_at`;
    /// [`Error::FinerThanPrecision`] when a value is not a whole number of `P`'s unit (a
    /// `Timestamps<Seconds>` given `…:01.500123Z`): the pair never holds what its own touches
    /// could not produce.
    pub fn restore(created_at: Timestamp, updated_at: Timestamp) -> Result<Self, Error> {
        whole_units::<P>(created_at)?;
        whole_units::<P>(updated_at)?;
        if updated_at < created_at {
            return Err(Error::UpdatedBeforeCreated {
                created_at,
                updated_at,
            });
        }
        Ok(Timestamps {
            created: created_at,
            updated: updated_at,
            precision: PhantomData,
        })
    }

    /// When the entity was created.
    #[inline]
    pub fn created_at(&self) -> Timestamp {
        self.created
    }

    /// When the entity last changed.
    #[inline]
    pub fn updated_at(&self) -> Timestamp {
        self.updated
    }

    /// Moves `updated_at` forward, reading the current clock once. Does nothing inside
    /// [`without_touching`](crate::without_touching).
    #[inline]
    pub fn touch(&mut self) {
        if let Some(reading) = scope::touch_reading() {
            self.advance(reading);
        }
    }

    /// Moves `updated_at` forward, reading `clock` once. Does nothing inside
    /// [`without_touching`](crate::without_touching).
    #[inline]
    pub fn touch_with<C: Clock + ?Sized>(&mut self, clock: &C) {
        if scope::touching_allowed() {
            self.advance(clock.now());
        }
    }

    /// Touches with `clock` (the current clock when `None`) and returns the instant of the
    /// change: the new `updated_at`, or inside a no-touch scope, where `updated_at` stays, the
    /// clock's reading truncated to `P`. Used for `deleted_at`.
    pub(crate) fn touch_marking(&mut self, clock: Option<&dyn Clock>) -> Timestamp {
        // One thread-local access on the normal path, as in `touch` and `touch_with`.
        let reading = match clock {
            Some(clock) if scope::touching_allowed() => clock.now(),
            Some(clock) => return clock.now().floor_to(P::UNIT_MICROS),
            None => match scope::touch_reading() {
                Some(reading) => reading,
                None => return Timestamp::now().floor_to(P::UNIT_MICROS),
            },
        };
        self.advance(reading);
        self.updated
    }

    /// The touch rule.
    #[inline]
    fn advance(&mut self, reading: Timestamp) {
        let floored = reading.floor_to(P::UNIT_MICROS).as_unix_micros();
        let prev = self.updated.as_unix_micros();
        let next = if floored > prev {
            floored
        } else {
            // At the very end of the domain the stamp stays at MAX rather than wrapping.
            let next = prev.saturating_add(P::UNIT_MICROS);
            metrics::record_ahead(
                prev.abs_diff(floored),
                next.abs_diff(reading.as_unix_micros()),
            );
            next
        };
        self.updated = Timestamp::from_unix_micros_clamped(next);
    }
}

impl<P: Precision> fmt::Debug for Timestamps<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Timestamps")
            .field("created_at", &self.created)
            .field("updated_at", &self.updated)
            .finish()
    }
}

/// `value` if it is a whole number of `P`'s unit: what a pair of precision `P` can hold.
///
/// # Errors
/// [`Error::FinerThanPrecision`] otherwise.
pub(crate) fn whole_units<P: Precision>(value: Timestamp) -> Result<Timestamp, Error> {
    if value.floor_to(P::UNIT_MICROS) == value {
        Ok(value)
    } else {
        Err(Error::FinerThanPrecision {
            value,
            unit_micros: P::UNIT_MICROS,
        })
    }
}
