//! RELIABILITY.md test 8 and properties P11 and P12: the async clock scope holds for every poll
//! of its future on whatever worker runs it, and nowhere else; no-touch scopes change values
//! and report changes while `updated_at` stays.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use stamped::{
    metrics, with_clock, with_clock_async, without_touching, without_touching_async, Clock,
    FixedClock, ManualClock, Seconds, Timestamp, Timestamped, Timestamps,
};

fn ts(micros: i64) -> Timestamp {
    Timestamp::from_unix_micros(micros).expect("test instants are in range")
}

/// Year 2000: far from any wall-clock reading, so a stamp from the system clock is told apart.
const BASE: i64 = 946_684_800_000_000;

fn is_system_time(t: Timestamp) -> bool {
    t > ts(BASE + 400 * 24 * 3_600 * 1_000_000 * 20)
}

#[derive(Debug, Clone, Timestamped)]
#[timestamped(new, into)]
struct Task {
    title: String,
    timestamps: Timestamps,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_task_sees_only_its_own_clock_across_awaits_and_workers() {
    let workers = Arc::new(Mutex::new(HashSet::new()));
    let mut handles = Vec::new();
    for i in 0..64_i64 {
        let clock = ManualClock::new(ts(BASE + i * 1_000_000_000));
        let handle = clock.clone();
        let workers = Arc::clone(&workers);
        handles.push(tokio::spawn(with_clock_async(clock, async move {
            let mut task = Task::new(format!("task {i}"));
            assert_eq!(task.created_at(), handle.now());
            for step in 0..20 {
                workers.lock().unwrap().insert(std::thread::current().id());
                if step % 2 == 0 {
                    tokio::task::yield_now().await;
                } else {
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
                handle.advance(Duration::from_millis(10));
                assert!(task.set_title(format!("task {i} step {step}")));
                assert_eq!(task.updated_at(), handle.now(), "task {i} step {step}");
                let fresh: Timestamps = Timestamps::now();
                assert_eq!(fresh.created_at(), handle.now());
            }
            task
        })));
    }
    for (i, h) in handles.into_iter().enumerate() {
        let task = h.await.expect("no task panicked");
        let start = ts(BASE + i64::try_from(i).unwrap() * 1_000_000_000);
        assert_eq!(task.created_at(), start);
        assert_eq!(
            task.updated_at(),
            start.checked_add(Duration::from_millis(200)).unwrap()
        );
    }
    assert!(
        workers.lock().unwrap().len() > 1,
        "the tasks ran on several worker threads"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spawned_tasks_do_not_inherit_the_clock_unless_wrapped() {
    let clock = FixedClock::new(ts(BASE));
    let (inner, wrapped) = with_clock_async(clock, async move {
        let inner = tokio::spawn(async { Timestamp::now() }).await.unwrap();
        let wrapped = tokio::spawn(with_clock_async(clock, async { Timestamp::now() }))
            .await
            .unwrap();
        (inner, wrapped)
    })
    .await;
    assert!(
        is_system_time(inner),
        "a spawned task runs outside the scope"
    );
    assert_eq!(wrapped, ts(BASE));
}

/// Pending on its first poll, ready on the second.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            Poll::Pending
        }
    }
}

#[test]
fn the_async_scope_holds_only_during_polls_and_is_restored_on_panic() {
    let mut cx = Context::from_waker(Waker::noop());
    let clock = FixedClock::new(ts(BASE));
    let mut future = Box::pin(with_clock_async(clock, async {
        let before = Timestamp::now();
        YieldOnce(false).await;
        (before, Timestamp::now())
    }));
    assert!(future.as_mut().poll(&mut cx).is_pending());
    assert!(
        is_system_time(Timestamp::now()),
        "between polls the thread has its own clock back"
    );
    let Poll::Ready((before, after)) = future.as_mut().poll(&mut cx) else {
        panic!("ready on the second poll");
    };
    assert_eq!((before, after), (ts(BASE), ts(BASE)));

    let outer = FixedClock::new(ts(BASE + 5));
    with_clock(&outer, || {
        let mut panicking = Box::pin(with_clock_async(clock, async {
            panic!("handler failed");
        }));
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _ = panicking.as_mut().poll(&mut cx);
        }));
        assert!(result.is_err());
        assert_eq!(Timestamp::now(), ts(BASE + 5), "the outer clock is back");
    });
}

#[test]
fn without_touching_changes_values_and_leaves_updated_at() {
    let clock = ManualClock::new(ts(BASE));
    with_clock(&clock, || {
        let mut task = Task::new("a");
        let before = task.updated_at();
        clock.advance(Duration::from_mins(1));
        let suppressed = metrics().suppressed_touches;

        assert!(without_touching(|| task.set_title("x".to_string())));
        assert_eq!(task.title(), "x");
        assert_eq!(task.updated_at(), before);

        let changes = without_touching(|| {
            let mut edit = task.edit();
            edit.set_title("y");
            edit.finish()
        });
        assert_eq!(changes.iter().collect::<Vec<_>>(), ["title"]);
        assert_eq!((task.title().as_str(), task.updated_at()), ("y", before));

        without_touching(|| {
            task.touch();
            task.touch_with(&clock);
            // Nested, and combined with another clock.
            without_touching(|| task.set_title("z"));
            with_clock(&FixedClock::new(ts(BASE * 2)), || task.set_title("w"));
            // Creating is not touching: new entities are still stamped.
            assert_eq!(Task::new("new").created_at(), clock.now());
        });
        assert_eq!(task.updated_at(), before);
        assert!(metrics().suppressed_touches >= suppressed + 6);

        // Outside the scope, touching is back.
        task.set_title("v");
        assert_eq!(task.updated_at(), clock.now());
    });
}

#[test]
fn without_touching_is_restored_on_panic() {
    let clock = FixedClock::new(ts(BASE));
    let mut task = with_clock(&clock, || Task::new("a"));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        without_touching(|| panic!("migration failed"));
    }));
    assert!(result.is_err());
    with_clock(&clock, || task.set_title("b"));
    assert_eq!(task.updated_at(), ts(BASE + 1), "touching works again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_touching_async_holds_across_awaits() {
    let mut task = Task::new("a");
    let before = task.updated_at();
    let task = without_touching_async(async move {
        for i in 0..10 {
            tokio::time::sleep(Duration::from_millis(1)).await;
            assert!(task.set_title(format!("backfill {i}")));
        }
        task
    })
    .await;
    assert_eq!(task.title(), "backfill 9");
    assert_eq!(task.updated_at(), before);
}

#[derive(Debug, Timestamped)]
#[timestamped(new, copy)]
struct Counter {
    count: u32,
    stamps: Timestamps<Seconds>,
}

#[test]
fn a_burst_at_second_precision_runs_ahead_and_the_metrics_show_how_far() {
    let clock = FixedClock::new(ts(BASE + 250_000));
    with_clock(&clock, || {
        let mut c = Counter::new(0);
        assert_eq!(c.created_at(), ts(BASE), "truncated to the second");
        for i in 1..=100 {
            c.set_count(i);
        }
        // Every touch is at least one unit later: 100 touches within one second of the clock
        // put updated_at 100 s past the truncated reading.
        assert_eq!(c.updated_at(), ts(BASE + 100_000_000));
        let lead = metrics().largest_lead;
        assert!(
            lead >= Duration::from_millis(100_000 - 250),
            "largest_lead {lead:?}"
        );
    });
}

/// `with_clock` takes unsized clocks too: a `dyn Clock` behind any pointer.
#[test]
fn with_clock_takes_a_dyn_clock() {
    use stamped::{Clock, FixedClock, Timestamps};
    let fixed = FixedClock::new("2031-01-01T00:00:00Z".parse().unwrap());
    let dynamic: &dyn Clock = &fixed;
    let ts: Timestamps = stamped::with_clock(dynamic, Timestamps::now);
    assert_eq!(ts.created_at(), fixed.now());
}
