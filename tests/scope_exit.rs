//! Soundness of the clock scope when its frame never returns (issue 17, item 8; P10, P11).
//!
//! `std::process::exit` inside `with_clock(&clock, ..)` leaves the frame in place forever, but
//! glibc still runs the calling thread's thread-local destructors, newest first. A clock living
//! in a thread-local is then dropped while the scope still names it, and a destructor that runs
//! later and stamps must not read it. The test runs this binary again under valgrind, which
//! reports a read of freed memory as an error; `.ci/run` installs valgrind.

use std::path::PathBuf;
use std::process::Command;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use stamped::{with_clock, Clock, ManualClock, Timestamp};

/// Set in the child process: the file its late destructor writes its reading to.
const CHILD: &str = "STAMPED_SCOPE_EXIT_CHILD";
const TIME: &str = "2001-02-03T04:05:06.000007Z";

/// Stamps in its destructor, which runs after the clock's (it is registered first).
struct Stamper;

impl Drop for Stamper {
    fn drop(&mut self) {
        let reading = Timestamp::now();
        if let Ok(path) = std::env::var(CHILD) {
            // No stdout here: its lock may already be gone. A file needs no thread-local.
            let _ = std::fs::write(path, reading.to_string());
        }
    }
}

/// A clock type of the user's own, not `Clone`, reading state on the heap.
struct OwnClock(Arc<AtomicI64>);

impl Clock for OwnClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_unix_micros(self.0.load(Ordering::SeqCst)).expect("in range")
    }
}

fn time() -> Timestamp {
    TIME.parse().expect("a valid instant")
}

thread_local! {
    static STAMPER: Stamper = const { Stamper };
    static CLOCK: ManualClock = ManualClock::new(time());
    static OWN_CLOCK: OwnClock = OwnClock(Arc::new(AtomicI64::new(time().as_unix_micros())));
}

/// Runs this test binary's test `name` under valgrind as the child; returns what its late
/// destructor stamped.
fn stamp_under_valgrind(name: &str) -> String {
    let out: PathBuf =
        std::env::temp_dir().join(format!("stamped-scope-exit-{}-{name}", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let child = Command::new("valgrind")
        .args(["--error-exitcode=99", "--leak-check=no", "--quiet"])
        .arg(std::env::current_exe().expect("the test binary"))
        .args([name, "--exact", "--include-ignored", "--test-threads=1"])
        .env(CHILD, &out)
        .output()
        .expect("valgrind runs (apt-get install valgrind)");
    let stderr = String::from_utf8_lossy(&child.stderr);
    assert_eq!(child.status.code(), Some(0), "valgrind reported:\n{stderr}");
    let stamp = std::fs::read_to_string(&out).expect("the late destructor stamped");
    let _ = std::fs::remove_file(&out);
    stamp
}

#[test]
#[ignore = "runs this test binary again under valgrind (`.ci/run` installs it)"]
fn exit_inside_a_scope_never_reads_a_freed_clock() {
    if std::env::var_os(CHILD).is_some() {
        STAMPER.with(|_| ());
        CLOCK.with(|clock| with_clock(clock, || std::process::exit(0)));
    }
    // The scope owns a copy of the manual clock: still in force while the thread's destructors
    // run, and read.
    assert_eq!(
        stamp_under_valgrind("exit_inside_a_scope_never_reads_a_freed_clock"),
        TIME
    );
}

#[test]
#[ignore = "runs this test binary again under valgrind (`.ci/run` installs it)"]
fn exit_inside_a_scope_of_an_own_clock_never_reads_it_freed() {
    if std::env::var_os(CHILD).is_some() {
        STAMPER.with(|_| ());
        OWN_CLOCK.with(|clock| with_clock(clock, || std::process::exit(0)));
    }
    // A clock of the user's own is read where it is: the scope is cleared before that
    // thread-local is destroyed, and the late stamp reads the system clock instead.
    let stamp: Timestamp =
        stamp_under_valgrind("exit_inside_a_scope_of_an_own_clock_never_reads_it_freed")
            .parse()
            .expect("a timestamp");
    assert!(stamp > time(), "{stamp}");
}
