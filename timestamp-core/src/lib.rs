//! Runtime of [`stamped`](https://docs.rs/stamped): [`Timestamp`], [`Timestamps`],
//! [`Clock`] and the clocks, [`with_clock`], the touch rule and its [`metrics`].
//!
//! Use it through the `stamped` crate, which re-exports all of this together with
//! `#[derive(Timestamped)]`.
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(any(feature = "chrono", feature = "time", feature = "jiff"))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "chrono", feature = "time", feature = "jiff")))
)]
pub mod backend;
mod cached_clock;
mod changes;
mod civil;
mod clock;
mod columns;
#[cfg(any(
    feature = "sqlx-postgres",
    feature = "sqlx-sqlite",
    feature = "sqlx-mysql"
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        feature = "sqlx-postgres",
        feature = "sqlx-sqlite",
        feature = "sqlx-mysql"
    )))
)]
pub mod db;
#[cfg(any(
    feature = "diesel-postgres",
    feature = "diesel-sqlite",
    feature = "diesel-mysql"
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        feature = "diesel-postgres",
        feature = "diesel-sqlite",
        feature = "diesel-mysql"
    )))
)]
pub mod diesel;
mod entity;
mod error;
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub mod formats;
mod metrics;
mod parse;
mod precision;
pub mod scope;
#[cfg(feature = "sea-orm")]
#[cfg_attr(docsrs, doc(cfg(feature = "sea-orm")))]
pub mod sea_orm;
#[cfg(feature = "serde")]
mod serde;
mod timestamp;
mod timestamps;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use cached_clock::CachedClock;
pub use changes::{Changes, ChangesIter};
pub use clock::{Clock, FixedClock, ManualClock, SystemClock};
pub use columns::{ColumnVisitor, WriteChanges};
pub use entity::Timestamped;
pub use error::{Error, ParseError, ParseErrorKind};
pub use metrics::{metrics, Metrics};
pub use precision::{Micros, Millis, Precision, Seconds};
pub use scope::{
    install_default_clock, with_clock, with_clock_async, without_touching, without_touching_async,
    CurrentClock, WithClock, WithoutTouching,
};
pub use timestamp::Timestamp;
pub use timestamps::Timestamps;

#[cfg(feature = "chrono")]
#[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
pub use backend::chrono::ChronoClock;
#[cfg(feature = "jiff")]
#[cfg_attr(docsrs, doc(cfg(feature = "jiff")))]
pub use backend::jiff::JiffClock;
#[cfg(feature = "time")]
#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
pub use backend::time::TimeClock;
