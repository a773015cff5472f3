//! Runtime of [`timestamped`](https://docs.rs/timestamped): [`Timestamp`], [`Timestamps`],
//! [`Clock`] and the clocks, [`with_clock`], the touch rule and its [`metrics`].
//!
//! Use it through the `timestamped` crate, which re-exports all of this together with
//! `#[derive(Timestamped)]`.

mod civil;
mod clock;
mod entity;
mod error;
mod metrics;
pub mod parse;
mod precision;
mod timestamp;
mod timestamps;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use clock::{
    install_default_clock, with_clock, Clock, CurrentClock, FixedClock, ManualClock, SystemClock,
};
pub use entity::Timestamped;
pub use error::{Error, ParseError, ParseErrorKind};
pub use metrics::{metrics, Metrics};
pub use precision::{Micros, Millis, Precision, Seconds};
pub use timestamp::Timestamp;
pub use timestamps::Timestamps;
