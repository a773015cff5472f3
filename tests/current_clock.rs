//! `CurrentClock` made the scoped clock or the process default: it would read itself until the
//! stack overflowed (a process abort, found by review). Both now leave the current clock as
//! it is. A test binary of its own, since it installs the process default.

use std::time::Duration;

use stamped::{
    install_default_clock, with_clock, Clock, CurrentClock, FixedClock, SystemClock, Timestamp,
    Timestamps,
};

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

#[test]
fn current_clock_as_scope_or_default_reads_what_is_current() {
    // As a scope: the enclosing scope's clock stays current.
    let fixed = FixedClock::new(ts("2030-01-01T00:00:00Z"));
    let inner: Timestamps = with_clock(&fixed, || with_clock(&CurrentClock, Timestamps::now));
    assert_eq!(inner.created_at(), ts("2030-01-01T00:00:00Z"));
    let arc = std::sync::Arc::new(CurrentClock);
    let boxed: Box<dyn Clock> = Box::new(CurrentClock);
    let through_wrappers: Timestamps = with_clock(&fixed, || {
        with_clock(&arc, || with_clock(&boxed, Timestamps::now))
    });
    assert_eq!(through_wrappers.created_at(), ts("2030-01-01T00:00:00Z"));

    // As the default: nothing is installed, the system clock stays the default...
    assert!(install_default_clock(CurrentClock).is_ok());
    let now = Timestamp::now();
    let system = SystemClock.now();
    let gap = system
        .checked_duration_since(now)
        .or_else(|| now.checked_duration_since(system));
    assert!(gap.is_some_and(|g| g < Duration::from_secs(5)));
    // ... and a real default can still be installed afterwards.
    assert_eq!(install_default_clock(fixed), Ok(()));
    assert_eq!(Timestamp::now(), ts("2030-01-01T00:00:00Z"));
}
