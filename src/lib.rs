#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub use timestamp_core::*;
pub use timestamp_derive::Timestamped;
