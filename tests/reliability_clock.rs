//! RELIABILITY.md test 1: the hybrid-logical-clock sequence and clock jumps. Stamps strictly
//! increase; backward steps are absorbed and counted. (One test: the metrics are process-wide.)

mod common;

use std::time::Duration;

use common::ts;
use stamped::{metrics, with_clock, ManualClock, Timestamped};

/// Sets the clock to each reading in turn: the first creates the task, the others touch it.
fn stamps_for(readings: &[i64]) -> Vec<i64> {
    let clock = ManualClock::new(ts(readings[0]));
    with_clock(&clock, || {
        let mut task = common::Task::new("t");
        let mut out = vec![task.created_at().as_unix_micros()];
        for &r in &readings[1..] {
            clock.set(ts(r));
            task.touch();
            out.push(task.updated_at().as_unix_micros());
        }
        out
    })
}

#[test]
fn backward_and_frozen_clocks_are_absorbed_and_counted() {
    let before = metrics();

    // CockroachDB's TestHLCClock wall readings, in microseconds.
    let hlc = stamps_for(&[5, 6, 10, 7, 8, 10, 11, 11]);
    assert_eq!(hlc, [5, 6, 10, 11, 12, 13, 14, 15]);
    let after_hlc = metrics();
    assert_eq!(
        after_hlc.regressions - before.regressions,
        5,
        "7, 8, 10, 11 and 11 read behind the entity"
    );

    // Jumps of +-40 ms, +-700 ms, -1 h, +1 day around an instant in 2026.
    let b = 1_795_731_026_000_000;
    let (ms, hour, day) = (1_000, 3_600_000_000, 86_400_000_000);
    let readings = [b, b + 40 * ms, b, b + 700 * ms, b, b - hour, b + day];
    let jumps = stamps_for(&readings);
    assert_eq!(
        jumps,
        [
            b,
            b + 40 * ms,
            b + 40 * ms + 1,
            b + 700 * ms,
            b + 700 * ms + 1,
            b + 700 * ms + 2,
            b + day
        ]
    );
    assert!(jumps.windows(2).all(|w| w[0] < w[1]));
    let after = metrics();
    assert_eq!(
        after.regressions - after_hlc.regressions,
        3,
        "-40 ms, -700 ms and -1 h"
    );
    assert!(
        after.largest_regression
            >= Duration::from_micros(u64::try_from(hour + 700 * ms + 1).unwrap())
    );
}
