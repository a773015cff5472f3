//! The derive at the boundary of an entity: `#[timestamped(new)]`, `into` / `copy`, setters
//! that report a change, `Changes` from an edit, `edit_with`, and `#[derive(Default)]`.

use std::sync::atomic::{AtomicUsize, Ordering};

use stamped::{
    with_clock, Changes, Clock, FixedClock, ManualClock, Millis, Timestamp, Timestamped, Timestamps,
};

fn ts(micros: i64) -> Timestamp {
    Timestamp::from_unix_micros(micros).expect("test instants are in range")
}

/// A fixed clock that counts its reads.
struct Counting {
    at: Timestamp,
    reads: AtomicUsize,
}

impl Counting {
    fn at(micros: i64) -> Self {
        Counting {
            at: ts(micros),
            reads: AtomicUsize::new(0),
        }
    }
    fn reads(&self) -> usize {
        self.reads.load(Ordering::SeqCst)
    }
}

impl Clock for Counting {
    fn now(&self) -> Timestamp {
        self.reads.fetch_add(1, Ordering::SeqCst);
        self.at
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Priority {
    #[default]
    Low,
    High,
}

/// Setters take `T` by default: `set_count(5)` on a `u64` infers the literal's type.
#[derive(Debug, Clone, Timestamped)]
#[timestamped(new)]
struct Task {
    #[timestamped(skip)]
    id: i64,
    #[timestamped(into)]
    title: String,
    #[timestamped(copy)]
    count: u64,
    #[timestamped(copy)]
    priority: Priority,
    #[timestamped(no_touch)]
    views: u32,
    handler: Handler,
    timestamps: Timestamps,
}

/// A field type holding a closure, which `impl Into<T>` setters could not take as
/// `Box::new(|| ..)`; compared by an id.
#[derive(Clone, Default)]
struct Handler(u8, Option<std::sync::Arc<dyn Fn() -> u8 + Send + Sync>>);

impl PartialEq for Handler {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl std::fmt::Debug for Handler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Handler({})", self.0)
    }
}

#[test]
fn new_takes_every_field_but_the_stamps_in_order_and_reads_the_clock_once() {
    let clock = Counting::at(1_000);
    let task = with_clock(&clock, || {
        Task::new(7, "a", 3, Priority::High, 0, Handler::default())
    });
    assert_eq!(clock.reads(), 1);
    assert_eq!(task.id, 7);
    assert_eq!(task.title(), "a");
    assert_eq!((task.count(), task.priority()), (3, Priority::High));
    assert_eq!(task.created_at(), ts(1_000));
    assert_eq!(task.updated_at(), task.created_at());
}

#[test]
fn with_timestamps_keeps_the_given_stamps() {
    let stamps: Timestamps = Timestamps::restore(ts(10), ts(20)).unwrap();
    let task = Task::with_timestamps(
        1,
        String::from("restored"),
        0,
        Priority::Low,
        0,
        Handler::default(),
        stamps,
    );
    assert_eq!((task.created_at(), task.updated_at()), (ts(10), ts(20)));
    assert_eq!(*task.timestamps(), stamps);
}

#[test]
fn setters_infer_their_argument_and_say_whether_they_changed() {
    let clock = FixedClock::new(ts(100));
    with_clock(&clock, || {
        let mut task = Task::new(1, "a", 0, Priority::Low, 0, Handler::default());
        assert!(task.set_count(5)); // a plain literal: T, not impl Into<T>
        assert!(!task.set_count(5));
        assert_eq!(task.updated_at(), ts(101));
        assert!(task.set_handler(Handler(1, Some(std::sync::Arc::new(|| 9)))));
        assert_eq!(task.handler().1.as_ref().map(|f| f()), Some(9));
        assert!(task.set_title("b")); // `into` on the field: &str works
        assert!(!task.set_title(String::from("b")));
        assert!(task.set_views(3), "no_touch still reports the change");
        assert_eq!(task.updated_at(), ts(103), "views did not touch");
    });
}

/// `Timestamps` has no `Default` (a default reading the clock would stamp "now" where stored
/// stamps are missing; `tests/ui/timestamps_have_no_default.rs`): `new` stamps with one reading.
#[test]
fn new_stamps_with_one_reading_truncated_to_the_precision() {
    let clock = Counting::at(55);
    let task = with_clock(&clock, || {
        Task::new(1, "a", 0, Priority::Low, 0, Handler::default())
    });
    assert_eq!(clock.reads(), 1);
    assert_eq!(task.created_at(), ts(55));
    assert_eq!(task.updated_at(), ts(55));
    let millis: Timestamps<Millis> = with_clock(&FixedClock::new(ts(1_999)), Timestamps::now);
    assert_eq!(millis.created_at(), ts(1_000), "now truncates to P");
}

#[test]
fn finish_names_the_changed_fields_in_declaration_order_and_ends_the_borrow() {
    let clock = Counting::at(1_000);
    with_clock(&clock, || {
        let mut task = Task::new(1, "a", 0, Priority::Low, 0, Handler::default());
        let mut edit = task.edit();
        edit.set_priority(Priority::High)
            .set_title("a") // unchanged
            .set_count(2)
            .set_views(9);
        let changes = edit.finish();
        // The edit is gone: the entity is usable again without `drop(edit)`.
        assert_eq!(task.count(), 2);
        assert_eq!(
            changes.iter().collect::<Vec<_>>(),
            ["count", "priority", "views"]
        );
        assert_eq!(changes.len(), 3);
        assert!(changes.contains("priority") && !changes.contains("title"));
        assert!(!changes.contains("id") && !changes.contains("nonsense"));
        assert_eq!(
            format!("{changes:?}"),
            r#"Changes(["count", "priority", "views"])"#
        );
        assert_eq!(
            clock.reads(),
            2,
            "one reading for the create, one for the edit"
        );

        let copy: Changes = changes;
        assert_eq!(copy, changes);
        assert_eq!(copy.into_iter().count(), 3);

        let mut edit = task.edit();
        edit.set_count(2);
        let none = edit.finish();
        assert!(none.is_empty());
        assert_eq!(none, Changes::default());
        assert_eq!(clock.reads(), 2, "no change: no clock read");
    });
}

#[test]
fn an_edit_of_only_no_touch_fields_reports_them_without_touching() {
    let clock = Counting::at(1_000);
    let mut task = with_clock(&clock, || {
        Task::new(1, "a", 0, Priority::Low, 0, Handler::default())
    });
    with_clock(&clock, || {
        let mut edit = task.edit();
        edit.set_views(4);
        assert_eq!(edit.finish().iter().collect::<Vec<_>>(), ["views"]);
    });
    assert_eq!(task.updated_at(), task.created_at());
    assert_eq!(clock.reads(), 1);
}

#[test]
fn edit_with_reads_the_injected_clock_even_inside_another_scope() {
    let scoped = FixedClock::new(ts(5_000));
    let injected = ManualClock::new(ts(9_000));
    with_clock(&scoped, || {
        let mut task = Task::new(1, "a", 0, Priority::Low, 0, Handler::default());
        assert_eq!(task.created_at(), ts(5_000));
        let mut edit = task.edit_with(&injected);
        edit.set_count(1);
        assert_eq!(edit.finish().len(), 1);
        assert_eq!(task.updated_at(), ts(9_000));
        // Dropping an edit_with edit touches through the same clock.
        injected.set(ts(9_500));
        task.edit_with(&injected).set_count(2);
        assert_eq!(task.updated_at(), ts(9_500));
        // A `&dyn Clock` and an `Arc<dyn Clock>` serve as well.
        let shared: std::sync::Arc<dyn Clock> = std::sync::Arc::new(FixedClock::new(ts(9_600)));
        task.edit_with(&shared).set_count(3);
        assert_eq!(task.updated_at(), ts(9_600));
        task.edit_with(&*shared).set_count(4);
        assert_eq!(task.updated_at(), ts(9_601), "a frozen clock: one unit on");
    });
}

/// The struct-level options: `into` and `copy` for every field.
#[derive(Debug, Timestamped)]
#[timestamped(new, into, copy)]
struct Counter {
    hits: u64,
    ratio: f64,
    stamps: Timestamps,
}

#[test]
fn struct_level_into_and_copy_apply_to_every_field() {
    let mut c = Counter::new(1_u32, 0.5_f32);
    assert_eq!((c.hits(), c.ratio()), (1, 0.5));
    assert!(c.set_hits(2_u8));
    assert!(c.set_ratio(0.25_f32));
    assert_eq!((c.hits(), c.ratio()), (2, 0.25));
}

#[test]
fn dropping_an_unfinished_edit_applies_its_touch() {
    let clock = FixedClock::new(ts(50));
    with_clock(&clock, || {
        let mut c = Counter::new(0_u8, 0.0_f32);
        {
            let mut edit = c.edit();
            edit.set_hits(5_u8);
        }
        assert_eq!((c.hits(), c.updated_at()), (5, ts(51)));
    });
}

/// `#[timestamped(columns)]` on a generic entity with a where clause: the changed fields, and
/// only those, reach the visitor with their column names, in declaration order; `skip` fields
/// never do.
mod write_changes {
    use std::fmt::Debug;

    use stamped::{ColumnVisitor, Timestamp, Timestamped, Timestamps, WriteChanges};

    #[derive(Timestamped)]
    #[timestamped(new, columns)]
    struct Tagged<T: Clone + PartialEq>
    where
        T: Debug,
    {
        tag: T,
        #[timestamped(column = "label_text")]
        label: String,
        #[timestamped(no_touch)]
        views: u64,
        #[timestamped(skip)]
        cache: Vec<u8>,
        #[timestamped(deleted_at)]
        deleted_at: Option<Timestamp>,
        timestamps: Timestamps,
    }

    #[derive(Default)]
    struct Collect(Vec<(&'static str, String)>);

    impl<T: Debug> ColumnVisitor<T> for Collect {
        fn column(&mut self, name: &'static str, value: &T) {
            self.0.push((name, format!("{value:?}")));
        }
    }

    fn written(entity: &Tagged<u8>, changes: stamped::Changes) -> Vec<(&'static str, String)> {
        let mut collect = Collect::default();
        entity.write_changes(changes, &mut collect);
        collect.0
    }

    #[test]
    fn only_changed_fields_reach_the_visitor_under_their_column_names() {
        let mut entity = Tagged::new(1_u8, "a".to_owned(), 0, Vec::new());
        let mut edit = entity.edit();
        edit.set_tag(1).set_label("b".to_owned()).set_views(3);
        let changes = edit.finish();
        assert_eq!(
            written(&entity, changes),
            [
                ("label_text", "\"b\"".to_owned()),
                ("views", "3".to_owned())
            ]
        );
        entity.cache.push(1); // not tracked, never written

        let mut edit = entity.edit();
        edit.delete();
        let changes = edit.finish();
        let deleted = written(&entity, changes);
        assert_eq!(deleted.len(), 1);
        assert_eq!(deleted[0].0, "deleted_at");
        assert!(deleted[0].1.contains(&entity.updated_at().to_string()));

        let unchanged = entity.edit().finish();
        assert!(written(&entity, unchanged).is_empty());
    }
}

/// `Changes::iter` knows how many names are left and stays done once done.
#[test]
fn changes_iter_is_exact_size_and_fused() {
    let clock = Counting::at(1_000);
    with_clock(&clock, || {
        let mut task = Task::new(1, "a", 0, Priority::Low, 0, Handler::default());
        let mut edit = task.edit();
        edit.set_title("b").set_count(3).set_views(4);
        let changes = edit.finish();
        let mut iter = changes.iter();
        assert_eq!(iter.len(), 3);
        iter.next();
        assert_eq!(iter.len(), 2);
        iter.by_ref().for_each(drop);
        assert_eq!((iter.len(), iter.next(), iter.next()), (0, None, None));
    });
}
