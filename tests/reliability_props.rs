//! RELIABILITY.md test 2: random sequences of clock steps mixed with creates, setter calls,
//! no-op setter calls, edits and touches. P1-P4 hold throughout.
//! `PROPTEST_CASES=10000 cargo test --test reliability_props` for a longer run.

mod common;

use common::{MilliTask, NanoClock, Priority, Task};
use proptest::prelude::*;
use stamped::{with_clock, Clock, Timestamp, Timestamped};

#[derive(Debug, Clone)]
enum Op {
    Step(i64),
    Create,
    SetTitle(u8),
    SetSame,
    Edit(u8),
    Touch,
}

fn step() -> impl Strategy<Value = i64> {
    const US: i64 = 1_000;
    prop_oneof![
        Just(0),
        1..1_000_i64,              // sub-microsecond
        US..=1_000_000 * US,       // +1 µs ..= 1 s
        -10_000_000 * US..=-US,    // -10 s ..= -1 µs
        Just(-3_600_000_000 * US), // -1 h
        Just(86_400_000_000 * US), // +1 day
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => step().prop_map(Op::Step),
        1 => Just(Op::Create),
        2 => any::<u8>().prop_map(Op::SetTitle),
        1 => Just(Op::SetSame),
        1 => any::<u8>().prop_map(Op::Edit),
        1 => Just(Op::Touch),
    ]
}

fn floor(t: Timestamp, unit: i64) -> i64 {
    t.as_unix_micros().div_euclid(unit) * unit
}

/// The touch rule as the spec states it.
fn expected_touch(prev: Timestamp, reading: Timestamp, unit: i64) -> i64 {
    floor(reading, unit).max(prev.as_unix_micros() + unit)
}

fn check_invariants<T: Timestamped>(e: &T, unit: i64) -> Result<(), TestCaseError> {
    prop_assert!(
        e.updated_at() >= e.created_at(),
        "P2: updated_at >= created_at"
    );
    prop_assert_eq!(
        e.created_at().as_unix_micros().rem_euclid(unit),
        0,
        "P4: truncated to the precision"
    );
    prop_assert_eq!(
        e.updated_at().as_unix_micros().rem_euclid(unit),
        0,
        "P4: truncated to the precision"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn touch_rule_holds_for_any_clock(ops in proptest::collection::vec(op(), 1..1_000)) {
        // Start in 2026 so a -1 h step never leaves the domain.
        let clock = NanoClock::at_nanos(1_795_731_026_123_456_789);
        with_clock(&clock, || -> Result<(), TestCaseError> {
            let mut task = Task::new("start");
            let mut milli = MilliTask::new("start");
            prop_assert_eq!(task.created_at(), task.updated_at(), "P1");
            for op in ops {
                let (prev, prev_milli) = (task.updated_at(), milli.updated_at());
                let reading = clock.now();
                match op {
                    Op::Step(nanos) => clock.step(nanos),
                    Op::Create => {
                        task = Task::new("fresh");
                        milli = MilliTask::new("fresh");
                        prop_assert_eq!(task.created_at(), task.updated_at(), "P1: one read");
                        prop_assert_eq!(task.created_at(), reading);
                        prop_assert_eq!(milli.created_at().as_unix_micros(), floor(reading, 1_000), "P4");
                    }
                    Op::SetTitle(n) => {
                        let title = format!("title {n}");
                        let (changes, changes_milli) = (*task.title() != title, *milli.title() != title);
                        task.set_title(title.clone());
                        milli.set_title(title);
                        if changes {
                            prop_assert_eq!(task.updated_at().as_unix_micros(), expected_touch(prev, reading, 1), "P2");
                        } else {
                            prop_assert_eq!(task.updated_at(), prev, "no-op set");
                        }
                        if changes_milli {
                            prop_assert_eq!(milli.updated_at().as_unix_micros(), expected_touch(prev_milli, reading, 1_000), "P2/P4");
                        } else {
                            prop_assert_eq!(milli.updated_at(), prev_milli, "no-op set");
                        }
                    }
                    Op::SetSame => {
                        let (before, before_milli) = (task.clone(), milli.clone());
                        task.set_title(task.title().clone());
                        task.set_priority(*task.priority());
                        milli.set_title(milli.title().clone());
                        prop_assert_eq!(&task, &before, "a no-op set changes nothing");
                        prop_assert_eq!(&milli, &before_milli, "a no-op set changes nothing");
                    }
                    Op::Edit(n) => {
                        let priority = if n % 2 == 0 { Priority::High } else { Priority::Low };
                        let title = format!("edit {}", n / 2);
                        let changes = *task.title() != title || *task.priority() != priority;
                        task.edit().set_title(title).set_priority(priority);
                        if changes {
                            prop_assert_eq!(task.updated_at().as_unix_micros(), expected_touch(prev, reading, 1), "P2");
                        } else {
                            prop_assert_eq!(task.updated_at(), prev);
                        }
                    }
                    Op::Touch => {
                        task.touch();
                        milli.touch();
                        prop_assert!(task.updated_at() > prev, "P2: strictly increasing");
                        prop_assert!(milli.updated_at() > prev_milli, "P2: strictly increasing");
                        prop_assert_eq!(task.updated_at().as_unix_micros(), expected_touch(prev, reading, 1), "P3: absorbed");
                    }
                }
                check_invariants(&task, 1)?;
                check_invariants(&milli, 1_000)?;
            }
            Ok(())
        })?;
    }
}
