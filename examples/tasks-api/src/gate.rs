//! Whether a write may be acknowledged now. Checked before a write starts and again just before
//! its transaction commits, so nothing is acknowledged after read-only mode is switched on or
//! after the clock is found off.

use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::time::Duration;

/// Why a write is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Read-only mode is on.
    ReadOnly,
    /// This instance's clock is off from the database's by more than the maximum offset.
    ClockSkew {
        /// The measured offset of this instance's clock from the database's (positive: ahead).
        offset_micros: i64,
    },
}

/// The switches every write passes through.
#[derive(Debug)]
pub(crate) struct Gate {
    read_only: AtomicBool,
    /// The bound on the clock's offset, in µs.
    max_offset_micros: AtomicU64,
    /// The last measurement: offset (µs, positive when this clock is ahead) and its
    /// uncertainty (half the round trip, µs). `i64::MIN` before the first one.
    offset_micros: AtomicI64,
    uncertainty_micros: AtomicU64,
    skewed: AtomicBool,
}

impl Gate {
    pub(crate) fn new(max_offset: Duration) -> Gate {
        Gate {
            read_only: AtomicBool::new(false),
            max_offset_micros: AtomicU64::new(micros(max_offset)),
            offset_micros: AtomicI64::new(i64::MIN),
            uncertainty_micros: AtomicU64::new(0),
            skewed: AtomicBool::new(false),
        }
    }

    /// `Ok` when a write may be acknowledged now.
    pub(crate) fn check(&self) -> Result<(), Refusal> {
        if self.read_only.load(Ordering::SeqCst) {
            return Err(Refusal::ReadOnly);
        }
        if self.skewed.load(Ordering::SeqCst) {
            return Err(Refusal::ClockSkew {
                offset_micros: self.offset_micros.load(Ordering::SeqCst),
            });
        }
        Ok(())
    }

    pub(crate) fn read_only(&self) -> bool {
        self.read_only.load(Ordering::SeqCst)
    }

    pub(crate) fn set_read_only(&self, on: bool) {
        let was = self.read_only.swap(on, Ordering::SeqCst);
        if was != on {
            tracing::warn!(read_only = on, "read-only mode switched");
        }
    }

    pub(crate) fn max_offset(&self) -> Duration {
        Duration::from_micros(self.max_offset_micros.load(Ordering::SeqCst))
    }

    pub(crate) fn set_max_offset(&self, bound: Duration) {
        self.max_offset_micros
            .store(micros(bound), Ordering::SeqCst);
        self.judge();
    }

    /// Records a measurement: this clock is `offset_micros` ahead of the database's (negative:
    /// behind), give or take `uncertainty_micros`.
    pub(crate) fn record_offset(&self, offset_micros: i64, uncertainty_micros: u64) {
        self.offset_micros.store(offset_micros, Ordering::SeqCst);
        self.uncertainty_micros
            .store(uncertainty_micros, Ordering::SeqCst);
        self.judge();
    }

    /// The last measured offset and its uncertainty, if one was measured.
    pub(crate) fn offset(&self) -> Option<(i64, u64)> {
        let offset = self.offset_micros.load(Ordering::SeqCst);
        (offset != i64::MIN).then(|| (offset, self.uncertainty_micros.load(Ordering::SeqCst)))
    }

    pub(crate) fn skewed(&self) -> bool {
        self.skewed.load(Ordering::SeqCst)
    }

    /// Skewed when the offset is beyond the bound even at the most favourable end of its
    /// uncertainty: a slow round trip never refuses writes by itself.
    fn judge(&self) {
        let Some((offset, uncertainty)) = self.offset() else {
            return;
        };
        let least = offset.unsigned_abs().saturating_sub(uncertainty);
        let skewed = least > self.max_offset_micros.load(Ordering::SeqCst);
        let was = self.skewed.swap(skewed, Ordering::SeqCst);
        if was != skewed {
            if skewed {
                tracing::error!(
                    offset_micros = offset,
                    uncertainty_micros = uncertainty,
                    "this instance's clock is off from the database's beyond the maximum offset: refusing writes"
                );
            } else {
                tracing::warn!(
                    offset_micros = offset,
                    "the clock is back within the maximum offset: writing again"
                );
            }
        }
    }
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}
