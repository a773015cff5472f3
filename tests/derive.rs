//! Behaviour of `#[derive(Timestamped)]`: accessors, setters, no-ops, the edit, options,
//! generics, the trait. Time is controlled with test clocks throughout.

use std::fmt::Debug;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use stamped::{
    with_clock, Clock, FixedClock, ManualClock, Millis, Timestamp, Timestamped, Timestamps,
};

/// A manual clock that counts its reads.
struct CountingClock {
    inner: ManualClock,
    reads: AtomicUsize,
}

impl CountingClock {
    fn at(micros: i64) -> Self {
        CountingClock {
            inner: ManualClock::new(ts(micros)),
            reads: AtomicUsize::new(0),
        }
    }
    fn reads(&self) -> usize {
        self.reads.load(Ordering::SeqCst)
    }
}

impl Clock for CountingClock {
    fn now(&self) -> Timestamp {
        self.reads.fetch_add(1, Ordering::SeqCst);
        self.inner.now()
    }
}

fn ts(micros: i64) -> Timestamp {
    Timestamp::from_unix_micros(micros).expect("test instants are in range")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Priority {
    Low,
    High,
}

/// A task. `into` (struct option): setters take `impl Into<T>`, so `set_title("b")` works.
#[derive(Debug, Clone, Timestamped)]
#[timestamped(into)]
struct Task {
    /// The task's title.
    title: String,
    description: String,
    priority: Priority,
    timestamps: Timestamps,
}

impl Task {
    fn new(title: &str) -> Self {
        Task {
            title: title.into(),
            description: String::new(),
            priority: Priority::Low,
            timestamps: Timestamps::now(),
        }
    }
}

#[test]
fn create_reads_the_clock_once_and_both_stamps_are_equal() {
    let clock = CountingClock::at(1_000);
    let task = with_clock(&clock, || Task::new("a"));
    assert_eq!(clock.reads(), 1);
    assert_eq!(task.created_at(), ts(1_000));
    assert_eq!(task.updated_at(), task.created_at());
    assert_eq!(task.timestamps().created_at(), ts(1_000));
}

#[test]
fn getters_return_the_fields() {
    let task = Task::new("title");
    assert_eq!(task.title(), "title");
    assert_eq!(task.description(), "");
    assert_eq!(*task.priority(), Priority::Low);
}

#[test]
fn setter_with_a_new_value_assigns_and_touches() {
    let clock = CountingClock::at(1_000);
    with_clock(&clock, || {
        let mut task = Task::new("a");
        clock.inner.advance(Duration::from_micros(500));
        task.set_title("b");
        assert_eq!(task.title(), "b");
        assert_eq!(task.updated_at(), ts(1_500));
        assert_eq!(task.created_at(), ts(1_000));
        assert_eq!(clock.reads(), 2);
        task.set_priority(Priority::High);
        assert_eq!(*task.priority(), Priority::High);
        assert_eq!(
            task.updated_at(),
            ts(1_501),
            "frozen clock: one microsecond later"
        );
    });
}

#[test]
fn setter_with_the_same_value_changes_nothing_and_reads_no_clock() {
    let clock = CountingClock::at(1_000);
    with_clock(&clock, || {
        let mut task = Task::new("same");
        clock.inner.advance(Duration::from_secs(1));
        let before = *task.timestamps();
        task.set_title("same");
        task.set_title(String::from("same"));
        task.set_priority(Priority::Low);
        assert_eq!(*task.timestamps(), before);
        assert_eq!(clock.reads(), 1, "only the create read the clock");
    });
}

#[test]
fn edit_changes_several_fields_with_one_clock_read_and_one_touch() {
    let clock = CountingClock::at(1_000);
    with_clock(&clock, || {
        let mut task = Task::new("a");
        clock.inner.advance(Duration::from_micros(10));
        task.edit()
            .set_title("b")
            .set_description("d")
            .set_priority(Priority::High);
        assert_eq!(
            (task.title().as_str(), task.description().as_str()),
            ("b", "d")
        );
        assert_eq!(*task.priority(), Priority::High);
        assert_eq!(clock.reads(), 2);
        assert_eq!(task.updated_at(), ts(1_010));
    });
}

#[test]
fn edit_that_changes_nothing_does_not_touch() {
    let clock = CountingClock::at(1_000);
    with_clock(&clock, || {
        let mut task = Task::new("a");
        clock.inner.advance(Duration::from_micros(10));
        {
            let mut edit = task.edit();
            edit.set_title("a").set_priority(Priority::Low);
            assert!(edit.finish().is_empty());
        }
        assert_eq!(task.updated_at(), ts(1_000));
        assert_eq!(clock.reads(), 1);
    });
}

#[test]
fn edit_finish_reports_a_change_and_touches_once() {
    let clock = CountingClock::at(1_000);
    with_clock(&clock, || {
        let mut task = Task::new("a");
        let mut edit = task.edit();
        edit.set_title("x");
        edit.set_title("y");
        edit.set_title("z");
        let changes = edit.finish();
        assert!(changes.contains("title"));
        assert_eq!(changes.len(), 1);
        assert_eq!(task.title(), "z");
        assert_eq!(task.updated_at(), ts(1_001));
        assert_eq!(clock.reads(), 2);
    });
}

#[test]
fn edit_touches_even_when_the_scope_unwinds() {
    let clock = FixedClock::new(ts(7));
    let mut task = with_clock(&clock, || Task::new("a"));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        with_clock(&clock, || {
            let mut edit = task.edit();
            edit.set_title("changed");
            panic!("handler failed half-way");
        });
    }));
    assert!(result.is_err());
    assert_eq!(task.title(), "changed");
    assert!(
        task.updated_at() > task.created_at(),
        "a change never goes unstamped"
    );
}

#[derive(Debug, Timestamped)]
struct Options {
    #[timestamped(skip)]
    pub public_id: u64,
    #[timestamped(no_touch)]
    view_count: u64,
    #[timestamped(always_touch)]
    payload: NotComparable,
    #[timestamped(vis = "pub(crate)", into)]
    note: String,
    stamps: Timestamps,
}

#[derive(Debug)]
struct NotComparable(Vec<u8>);

fn options_at(clock: &impl Clock) -> Options {
    Options {
        public_id: 1,
        view_count: 0,
        payload: NotComparable(vec![]),
        note: String::new(),
        stamps: Timestamps::now_with(clock),
    }
}

#[test]
fn no_touch_field_assigns_without_touching() {
    let clock = CountingClock::at(5);
    with_clock(&clock, || {
        let mut o = options_at(&clock);
        o.set_view_count(10_u64);
        assert_eq!(*o.view_count(), 10);
        assert_eq!(o.updated_at(), o.created_at());
        assert_eq!(clock.reads(), 1);
    });
}

#[test]
fn always_touch_field_touches_on_every_set() {
    let clock = FixedClock::new(ts(5));
    with_clock(&clock, || {
        let mut o = options_at(&clock);
        o.set_payload(NotComparable(vec![]));
        o.set_payload(NotComparable(vec![]));
        assert_eq!(o.payload().0.len(), 0);
        assert_eq!(o.updated_at(), ts(7));
    });
}

#[test]
fn skip_field_is_left_alone_and_vis_applies() {
    let clock = FixedClock::new(ts(5));
    let mut o = options_at(&clock);
    o.public_id = 99; // skipped fields are plain fields
    o.set_note("n");
    assert_eq!(o.note(), "n");
    assert_eq!(o.public_id, 99);
}

#[test]
fn edit_honours_no_touch_and_always_touch() {
    let clock = FixedClock::new(ts(5));
    with_clock(&clock, || {
        let mut o = options_at(&clock);
        let mut edit = o.edit();
        edit.set_view_count(3_u64);
        let changes = edit.finish();
        assert!(
            changes.contains("view_count"),
            "a no_touch change is reported"
        );
        assert_eq!(o.updated_at(), ts(5), "but does not touch");
        let mut edit = o.edit();
        edit.set_payload(NotComparable(vec![1]));
        let changes = edit.finish();
        assert_eq!(changes.iter().collect::<Vec<_>>(), ["payload"]);
        assert_eq!(o.updated_at(), ts(6));
    });
}

/// Generics, lifetimes, where clauses, const generics, raw identifiers.
#[derive(Debug, Timestamped)]
pub struct Generic<'a, T, const N: usize>
where
    T: Clone + PartialEq + Debug,
{
    r#type: &'a str,
    value: T,
    array: [u8; N],
    timestamps: Timestamps<Millis>,
}

#[test]
fn generics_lifetimes_and_raw_identifiers_work() {
    let clock = ManualClock::new(ts(1_234_567));
    with_clock(&clock, || {
        let mut g = Generic {
            r#type: "kind",
            value: 1_i32,
            array: [0; 3],
            timestamps: Timestamps::now(),
        };
        assert_eq!(
            g.created_at(),
            ts(1_234_000),
            "millisecond entity truncates its reading"
        );
        assert_eq!(*g.r#type(), "kind");
        g.set_type("other");
        assert_eq!(*g.r#type(), "other");
        assert_eq!(
            g.updated_at(),
            ts(1_235_000),
            "frozen clock: one millisecond later"
        );
        g.set_value(2);
        g.set_array([1, 2, 3]);
        assert_eq!((*g.value(), *g.array()), (2, [1, 2, 3]));
        g.edit().set_value(5).set_type("third");
        assert_eq!(g.updated_at(), ts(1_238_000));
    });
}

fn bump_all<T: Timestamped>(items: &mut [T], clock: &dyn Clock) -> Vec<Timestamp> {
    items
        .iter_mut()
        .map(|i| {
            i.touch_with(clock);
            i.updated_at()
        })
        .collect()
}

#[test]
fn the_trait_serves_generic_code() {
    let clock = FixedClock::new(ts(100));
    let mut tasks = vec![
        with_clock(&clock, || Task::new("a")),
        with_clock(&clock, || Task::new("b")),
    ];
    let later = FixedClock::new(ts(200));
    assert_eq!(bump_all(&mut tasks, &later), vec![ts(200), ts(200)]);
    let task: &dyn Timestamped<Precision = stamped::Micros> = &tasks[0];
    assert_eq!(task.created_at(), ts(100));
    assert_eq!(Timestamped::updated_at(task), ts(200));
    with_clock(&clock, || tasks[1].touch());
    assert_eq!(
        tasks[1].updated_at(),
        ts(201),
        "clock behind the entity: one microsecond on"
    );
}

#[test]
fn a_batch_shares_one_clock_read() {
    let clock = CountingClock::at(42);
    let tasks: Vec<Task> = with_clock(&clock, || {
        let stamps = Timestamps::now();
        (0..1000)
            .map(|i| Task {
                title: i.to_string(),
                description: String::new(),
                priority: Priority::Low,
                timestamps: stamps,
            })
            .collect()
    });
    assert_eq!(clock.reads(), 1);
    assert!(tasks
        .iter()
        .all(|t| t.created_at() == ts(42) && t.updated_at() == ts(42)));
}

/// The runtime reached through a re-export, as a crate that wraps `stamped` would.
mod reexport {
    pub(crate) use ::stamped as runtime;
}

#[derive(Debug, Timestamped)]
#[timestamped(crate = "crate::reexport::runtime", into)]
struct Renamed {
    name: String,
    stamps: reexport::runtime::Timestamps,
}

#[test]
fn crate_option_routes_generated_paths() {
    let clock = FixedClock::new(ts(3));
    let mut r = Renamed {
        name: "a".into(),
        stamps: Timestamps::now_with(&clock),
    };
    with_clock(&clock, || r.set_name("b"));
    assert_eq!((r.name().as_str(), r.updated_at()), ("b", ts(4)));
}
