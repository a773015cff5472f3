#![doc = include_str!("../README.md")]

pub use timestamp_core::*;
pub use timestamp_derive::Timestamped;
