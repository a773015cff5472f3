//! Clocks and the current clock: `with_clock` scoping, restoring on panic, thread isolation,
//! the touch rule against frozen and backward clocks, precision.

use std::sync::Arc;
use std::time::Duration;

use stamped::{
    with_clock, Clock, CurrentClock, FixedClock, ManualClock, Micros, Millis, Seconds, SystemClock,
    Timestamp, Timestamps,
};

fn ts(micros: i64) -> Timestamp {
    Timestamp::from_unix_micros(micros).unwrap()
}

#[test]
fn with_clock_returns_the_value_nests_and_restores() {
    let outer = FixedClock::new(ts(1));
    let inner = FixedClock::new(ts(2));
    let (a, b, c) = with_clock(&outer, || {
        let a = Timestamp::now();
        let b = with_clock(&inner, Timestamp::now);
        (a, b, Timestamp::now())
    });
    assert_eq!((a, b, c), (ts(1), ts(2), ts(1)));
    assert!(
        Timestamp::now() > ts(1_700_000_000_000_000),
        "outside any scope: the system clock"
    );
}

#[test]
fn with_clock_restores_on_panic() {
    let clock = FixedClock::new(ts(1));
    let result = std::panic::catch_unwind(|| with_clock(&clock, || panic!("boom")));
    assert!(result.is_err());
    assert_ne!(Timestamp::now(), ts(1));
}

#[test]
fn threads_do_not_see_each_others_clock() {
    let handles: Vec<_> = (1..=8)
        .map(|i| {
            std::thread::spawn(move || {
                let clock = FixedClock::new(ts(i));
                with_clock(&clock, || (0..1000).all(|_| Timestamp::now() == ts(i)))
            })
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap());
    }
}

#[test]
fn clocks_behind_pointers_are_clocks() {
    let fixed = FixedClock::new(ts(9));
    let boxed: Box<dyn Clock> = Box::new(fixed);
    let arc = Arc::new(fixed);
    let reference = &fixed;
    assert_eq!(boxed.now(), ts(9));
    assert_eq!(arc.now(), ts(9));
    assert_eq!(reference.now(), ts(9));
    assert_eq!(with_clock(&boxed, || CurrentClock.now()), ts(9));
    let stamps: Timestamps = Timestamps::now_with(&arc);
    assert_eq!(stamps.created_at(), ts(9));
}

#[test]
fn manual_clock_clones_share_one_time_and_stay_in_range() {
    let clock = ManualClock::new(ts(0));
    let handle = clock.clone();
    handle.advance(Duration::from_secs(1));
    assert_eq!(clock.now(), ts(1_000_000));
    handle.set(ts(-5));
    assert_eq!(clock.now(), ts(-5));
    handle.advance(Duration::MAX);
    assert_eq!(clock.now(), Timestamp::MAX);
    handle.rewind(Duration::MAX);
    assert_eq!(clock.now(), Timestamp::MIN);
}

#[test]
fn system_clock_agrees_with_std() {
    let std_micros = || {
        let d = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap();
        i64::try_from(d.as_micros()).unwrap()
    };
    let before = std_micros();
    let ours = SystemClock.now().as_unix_micros();
    let after = std_micros();
    assert!(
        before <= ours && ours <= after,
        "{before} <= {ours} <= {after}"
    );
}

#[test]
fn frozen_clock_still_moves_updated_at_forward() {
    let clock = FixedClock::new(ts(100));
    let mut stamps: Timestamps = Timestamps::now_with(&clock);
    let seen: Vec<i64> = (0..5)
        .map(|_| {
            stamps.touch_with(&clock);
            stamps.updated_at().as_unix_micros()
        })
        .collect();
    assert_eq!(seen, [101, 102, 103, 104, 105]);
    assert_eq!(stamps.created_at(), ts(100));
}

#[test]
fn backward_clock_never_moves_updated_at_back() {
    let clock = ManualClock::new(ts(10_000));
    let mut stamps: Timestamps = Timestamps::now_with(&clock);
    clock.rewind(Duration::from_hours(1));
    stamps.touch_with(&clock);
    assert_eq!(stamps.updated_at(), ts(10_001));
    clock.set(ts(20_000));
    stamps.touch_with(&clock);
    assert_eq!(
        stamps.updated_at(),
        ts(20_000),
        "the clock catches up: its reading is used again"
    );
}

fn touches<P: stamped::Precision>(readings: &[i64]) -> Vec<i64> {
    let clock = ManualClock::new(ts(readings[0]));
    let mut stamps: Timestamps<P> = Timestamps::now_with(&clock);
    let mut out = vec![stamps.created_at().as_unix_micros()];
    for &r in &readings[1..] {
        clock.set(ts(r));
        stamps.touch_with(&clock);
        out.push(stamps.updated_at().as_unix_micros());
    }
    out
}

#[test]
fn precision_truncates_readings_and_sets_the_step() {
    assert_eq!(
        touches::<Micros>(&[1_999_999, 1_999_999]),
        [1_999_999, 2_000_000]
    );
    assert_eq!(
        touches::<Millis>(&[1_999_999, 1_999_999, 5_000_123]),
        [1_999_000, 2_000_000, 5_000_000]
    );
    assert_eq!(
        touches::<Seconds>(&[1_999_999, 1_999_999]),
        [1_000_000, 2_000_000]
    );
    assert_eq!(
        touches::<Seconds>(&[-1, -1]),
        [-1_000_000, 0],
        "before 1970 truncation floors too"
    );
}

#[test]
fn touching_at_the_end_of_the_domain_saturates() {
    let clock = FixedClock::new(Timestamp::MAX);
    let mut stamps: Timestamps = Timestamps::now_with(&clock);
    stamps.touch_with(&clock);
    assert_eq!(stamps.updated_at(), Timestamp::MAX);
}

#[test]
fn cached_clock_follows_the_wall_clock_within_its_tick() {
    use stamped::CachedClock;
    let cached = CachedClock::global();
    let first = cached.now();
    let wall = SystemClock.now();
    assert!(
        first <= wall,
        "the cache never runs ahead: {first} > {wall}"
    );
    std::thread::sleep(Duration::from_millis(30));
    let second = cached.now();
    assert!(
        second > first,
        "the refresh thread advances it: {first} -> {second}"
    );
    let lag = SystemClock
        .now()
        .checked_duration_since(second)
        .expect("not ahead");
    assert!(lag < Duration::from_secs(1), "stale by {lag:?}");
}

/// A clock that holds a time shows it in `Debug`.
#[test]
fn clocks_holding_a_time_show_it_in_debug() {
    let manual = ManualClock::new(ts(1_500));
    assert_eq!(
        format!("{manual:?}"),
        "ManualClock(1970-01-01T00:00:00.001500Z)"
    );
    assert_eq!(
        format!("{:?}", FixedClock::new(ts(1_500))),
        "FixedClock(1970-01-01T00:00:00.001500Z)"
    );
}
