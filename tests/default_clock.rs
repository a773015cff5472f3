//! The process default clock (its own test binary: installing it is process-wide).

use stamped::{install_default_clock, with_clock, FixedClock, Timestamp, Timestamps};

#[test]
fn installed_default_is_used_once_set_and_scopes_still_override_it() {
    let t = |m| Timestamp::from_unix_micros(m).unwrap();
    assert!(
        Timestamp::now() > t(1_700_000_000_000_000),
        "before: the system clock"
    );
    install_default_clock(FixedClock::new(t(77))).unwrap();
    assert_eq!(Timestamp::now(), t(77));
    let stamps: Timestamps = Timestamps::now();
    assert_eq!(stamps.created_at(), t(77));
    // A second install is refused and hands the clock back, as `OnceLock::set` does.
    assert_eq!(
        install_default_clock(FixedClock::new(t(88))),
        Err(FixedClock::new(t(88)))
    );
    assert_eq!(Timestamp::now(), t(77), "the first default stays");
    assert_eq!(with_clock(&FixedClock::new(t(5)), Timestamp::now), t(5));
    let on_other_thread = std::thread::spawn(Timestamp::now).join().unwrap();
    assert_eq!(on_other_thread, t(77), "the default is process-wide");
}
