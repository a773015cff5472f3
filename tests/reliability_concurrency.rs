//! RELIABILITY.md test 6: 8 threads x 10,000 stamps on one shared clock, frozen and stepping
//! back at random: every entity's `updated_at` sequence strictly increases.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{ts, Rng, Task};
use stamped::{with_clock, Clock, FixedClock, ManualClock};

const THREADS: u64 = 8;
const STAMPS: usize = 10_000;

/// Runs 8 threads that each create a task and set its title 10,000 times on `clock`;
/// `step` lets a thread move the shared clock between stamps.
fn hammer<C: Clock + 'static>(clock: &Arc<C>, step: fn(&C, &mut Rng)) {
    let threads: Vec<_> = (0..THREADS)
        .map(|n| {
            let clock = Arc::clone(clock);
            std::thread::spawn(move || {
                let mut rng = Rng::new(n + 1);
                with_clock(&clock, || {
                    let mut task = Task::new("start");
                    let mut previous = task.updated_at();
                    for i in 0..STAMPS {
                        step(&clock, &mut rng);
                        task.set_title(i.to_string());
                        assert!(task.updated_at() > previous, "thread {n}, stamp {i}");
                        assert!(task.updated_at() >= task.created_at());
                        previous = task.updated_at();
                    }
                    previous
                })
            })
        })
        .collect();
    for t in threads {
        t.join().expect("no thread panicked");
    }
}

#[test]
fn frozen_shared_clock() {
    hammer(
        &Arc::new(FixedClock::new(ts(1_795_731_026_000_000))),
        |_, _| {},
    );
}

#[test]
fn shared_clock_stepping_back_at_random() {
    let clock = Arc::new(ManualClock::new(ts(1_795_731_026_000_000)));
    hammer(&clock, |c, rng| match rng.below(4) {
        0 => c.rewind(Duration::from_micros(
            u64::try_from(rng.range(1, 5_000)).unwrap(),
        )),
        1 => c.advance(Duration::from_micros(
            u64::try_from(rng.range(1, 5_000)).unwrap(),
        )),
        _ => {}
    });
}

#[test]
fn system_clock_from_many_threads() {
    let threads: Vec<_> = (0..THREADS)
        .map(|_| {
            std::thread::spawn(|| {
                let mut task = Task::new("start");
                (0..STAMPS).all(|i| {
                    let before = task.updated_at();
                    task.set_title(i.to_string());
                    task.updated_at() > before
                })
            })
        })
        .collect();
    assert!(threads.into_iter().all(|t| t.join().unwrap()));
}
