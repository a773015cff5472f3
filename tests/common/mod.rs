//! Shared by the reliability tests: an entity, a clock with nanosecond steps, a small PRNG.
#![allow(
    dead_code,
    unreachable_pub,
    reason = "shared by several test binaries, each using a part"
)]

use std::sync::atomic::{AtomicI64, Ordering};

use serde::{Deserialize, Serialize};
use stamped::{Clock, Millis, Timestamp, Timestamped, Timestamps};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    High,
}

/// The entity of the product's examples, with the flat JSON a REST API returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Timestamped)]
pub struct Task {
    title: String,
    priority: Priority,
    #[serde(flatten)]
    timestamps: Timestamps,
}

impl Task {
    pub fn new(title: &str) -> Self {
        Task {
            title: title.into(),
            priority: Priority::Low,
            timestamps: Timestamps::now(),
        }
    }
}

/// The same entity kept in a millisecond column.
#[derive(Debug, Clone, PartialEq, Timestamped)]
pub struct MilliTask {
    title: String,
    timestamps: Timestamps<Millis>,
}

impl MilliTask {
    pub fn new(title: &str) -> Self {
        MilliTask {
            title: title.into(),
            timestamps: Timestamps::now(),
        }
    }
}

/// A clock kept in nanoseconds, so steps smaller than a microsecond can be taken.
#[derive(Debug, Default)]
pub struct NanoClock(AtomicI64);

impl NanoClock {
    pub fn at_nanos(nanos: i64) -> Self {
        NanoClock(AtomicI64::new(nanos))
    }
    pub fn step(&self, nanos: i64) {
        self.0.fetch_add(nanos, Ordering::SeqCst);
    }
    pub fn nanos(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

impl Clock for NanoClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_unix_micros(self.nanos().div_euclid(1_000))
            .expect("test clock stays in range")
    }
}

/// xorshift64*: deterministic, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = u64::try_from(i128::from(hi) - i128::from(lo) + 1).expect("non-empty range");
        let offset = i64::try_from(self.next_u64() % span).expect("span fits");
        lo + offset
    }
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % n as u64).expect("fits")
    }
}

pub fn ts(micros: i64) -> Timestamp {
    Timestamp::from_unix_micros(micros).expect("test instants are in range")
}

/// The edge set of RELIABILITY.md: epoch, epoch - 1 µs, first and last supported instant, and
/// their neighbours.
pub fn edge_set() -> Vec<Timestamp> {
    let min = Timestamp::MIN.as_unix_micros();
    let max = Timestamp::MAX.as_unix_micros();
    [
        0,
        -1,
        1,
        min,
        min + 1,
        max,
        max - 1,
        -1_000_000,
        951_782_400_000_000,
        1_795_731_026_123_456,
    ]
    .into_iter()
    .map(ts)
    .collect()
}

/// `count` instants spread uniformly over the whole domain.
pub fn random_instants(seed: u64, count: usize) -> Vec<Timestamp> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|_| {
            ts(rng.range(
                Timestamp::MIN.as_unix_micros(),
                Timestamp::MAX.as_unix_micros(),
            ))
        })
        .collect()
}

/// Asserts that decoding a `Timestamp` failed because the value was SQL NULL: sqlx's column
/// error around `stamped::Error::Null`.
pub fn assert_null_error(err: sqlx::Error) {
    let sqlx::Error::ColumnDecode { source, .. } = err else {
        panic!("a decode error, got {err:?}");
    };
    assert_eq!(
        source.downcast_ref::<stamped::Error>(),
        Some(&stamped::Error::Null)
    );
}
