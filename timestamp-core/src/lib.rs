//! Runtime of [`timestamped`](https://docs.rs/timestamped): [`Timestamp`], [`Timestamps`],
//! [`Clock`] and the clocks, [`with_clock`], the touch rule and its [`metrics`].
//!
//! Use it through the `timestamped` crate, which re-exports all of this together with
//! `#[derive(Timestamped)]`.

#[cfg(any(feature = "chrono", feature = "time", feature = "jiff"))]
pub mod backend;
mod cached_clock;
mod civil;
mod clock;
#[cfg(any(feature = "sqlx-postgres", feature = "sqlx-sqlite"))]
pub mod db;
mod entity;
mod error;
#[cfg(feature = "serde")]
pub mod formats;
mod metrics;
pub mod parse;
mod precision;
#[cfg(feature = "serde")]
mod serde;
mod timestamp;
mod timestamps;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use cached_clock::CachedClock;
pub use clock::{
    install_default_clock, with_clock, Clock, CurrentClock, FixedClock, ManualClock, SystemClock,
};
pub use entity::Timestamped;
pub use error::{Error, ParseError, ParseErrorKind};
pub use metrics::{metrics, Metrics};
pub use precision::{Micros, Millis, Precision, Seconds};
pub use timestamp::Timestamp;
pub use timestamps::Timestamps;

#[cfg(feature = "chrono")]
pub use backend::chrono::ChronoClock;
#[cfg(feature = "jiff")]
pub use backend::jiff::JiffClock;
#[cfg(feature = "time")]
pub use backend::time::TimeClock;
