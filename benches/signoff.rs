//! Performance sign-off: the hand-written ("legacy") timestamp pattern against the derived
//! entity, side by side. `cargo bench --bench signoff` runs the groups, then prints a table read
//! from criterion's own `target/criterion/<group>/<function>/new/estimates.json`.
//!
//! Groups (functions `legacy` and `timestamped`, plus `timestamped_fast` on [`CachedClock`]):
//! `create` (one entity, its two strings allocated), `update` (a setter that changes a string),
//! `update_noop` (setting the value a scalar field already holds), `update_noop_string` (the same
//! on a string field), `create_batch_1000`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use criterion::{BatchSize, Criterion};
use stamped::{with_clock, CachedClock, Clock, SystemClock, Timestamp, Timestamped, Timestamps};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Priority {
    Low,
    High,
}

/// The pattern every backend writes by hand.
mod legacy {
    use super::{DateTime, Priority, Utc};

    #[derive(Debug, Clone)]
    pub(crate) struct Task {
        pub(crate) id: u64,
        pub(crate) title: String,
        pub(crate) description: String,
        pub(crate) priority: Priority,
        pub(crate) created_at: DateTime<Utc>,
        pub(crate) updated_at: DateTime<Utc>,
    }

    impl Task {
        pub(crate) fn new(id: u64, title: &str, description: &str) -> Self {
            Task {
                id,
                title: title.into(),
                description: description.into(),
                priority: Priority::Low,
                created_at: Utc::now(), // two reads: they differ
                updated_at: Utc::now(),
            }
        }

        pub(crate) fn set_title(&mut self, title: String) {
            self.title = title;
            self.updated_at = Utc::now(); // touches even when nothing changed
        }

        pub(crate) fn set_priority(&mut self, priority: Priority) {
            self.priority = priority;
            self.updated_at = Utc::now();
        }
    }
}

/// The same entity with the derive.
#[derive(Debug, Clone, Timestamped)]
struct Task {
    #[timestamped(skip)]
    id: u64,
    title: String,
    description: String,
    priority: Priority,
    timestamps: Timestamps,
}

impl Task {
    fn new(id: u64, title: &str, description: &str) -> Self {
        Task::with_stamps(id, title, description, Timestamps::now())
    }

    fn with_stamps(id: u64, title: &str, description: &str, timestamps: Timestamps) -> Self {
        Task {
            id,
            title: title.into(),
            description: description.into(),
            priority: Priority::Low,
            timestamps,
        }
    }
}

const TITLE: &str = "write the sign-off bench";
const DESCRIPTION: &str = "compare with the hand-written pattern";

fn create(c: &mut Criterion) {
    let mut g = c.benchmark_group("create");
    g.bench_function("legacy", |b| {
        b.iter(|| legacy::Task::new(black_box(1), black_box(TITLE), black_box(DESCRIPTION)));
    });
    g.bench_function("timestamped", |b| {
        b.iter(|| Task::new(black_box(1), black_box(TITLE), black_box(DESCRIPTION)));
    });
    let fast = CachedClock::global();
    g.bench_function("timestamped_fast", |b| {
        with_clock(&fast, || {
            b.iter(|| Task::new(black_box(1), black_box(TITLE), black_box(DESCRIPTION)));
        });
    });
    g.finish();
}

fn update(c: &mut Criterion) {
    let mut g = c.benchmark_group("update");
    let old = legacy::Task::new(1, TITLE, DESCRIPTION);
    g.bench_function("legacy", |b| {
        b.iter_batched_ref(
            || (old.clone(), String::from("a new title")),
            |(task, title)| task.set_title(std::mem::take(title)),
            BatchSize::SmallInput,
        );
    });
    let ours = Task::new(1, TITLE, DESCRIPTION);
    g.bench_function("timestamped", |b| {
        b.iter_batched_ref(
            || (ours.clone(), String::from("a new title")),
            |(task, title)| task.set_title(std::mem::take(title)),
            BatchSize::SmallInput,
        );
    });
    let fast = CachedClock::global();
    g.bench_function("timestamped_fast", |b| {
        with_clock(&fast, || {
            b.iter_batched_ref(
                || (ours.clone(), String::from("a new title")),
                |(task, title)| task.set_title(std::mem::take(title)),
                BatchSize::SmallInput,
            );
        });
    });
    g.finish();
}

/// Setting the value a field already holds: on a scalar field (`priority`), the common case of
/// a PUT that repeats unchanged fields, and on a string field, where the caller's string must be
/// freed either way.
fn update_noop(c: &mut Criterion) {
    let mut g = c.benchmark_group("update_noop");
    let mut old = legacy::Task::new(1, TITLE, DESCRIPTION);
    g.bench_function("legacy", |b| {
        b.iter(|| old.set_priority(black_box(Priority::Low)));
    });
    let mut ours = Task::new(1, TITLE, DESCRIPTION);
    g.bench_function("timestamped", |b| {
        b.iter(|| ours.set_priority(black_box(Priority::Low)));
    });
    g.finish();

    let mut g = c.benchmark_group("update_noop_string");
    let old = legacy::Task::new(1, TITLE, DESCRIPTION);
    g.bench_function("legacy", |b| {
        b.iter_batched_ref(
            || (old.clone(), String::from(TITLE)),
            |(task, title)| task.set_title(std::mem::take(title)),
            BatchSize::SmallInput,
        );
    });
    let ours = Task::new(1, TITLE, DESCRIPTION);
    g.bench_function("timestamped", |b| {
        b.iter_batched_ref(
            || (ours.clone(), String::from(TITLE)),
            |(task, title)| task.set_title(std::mem::take(title)),
            BatchSize::SmallInput,
        );
    });
    g.finish();
}

fn create_batch_1000(c: &mut Criterion) {
    let mut g = c.benchmark_group("create_batch_1000");
    g.bench_function("legacy", |b| {
        b.iter(|| {
            (0..1000)
                .map(|i| legacy::Task::new(black_box(i), TITLE, DESCRIPTION))
                .collect::<Vec<_>>()
        });
    });
    g.bench_function("timestamped", |b| {
        b.iter(|| {
            let stamps = Timestamps::now(); // one clock read for the batch
            (0..1000)
                .map(|i| Task::with_stamps(black_box(i), TITLE, DESCRIPTION, stamps))
                .collect::<Vec<_>>()
        });
    });
    g.finish();
}

fn clock_reads(c: &mut Criterion) {
    let mut g = c.benchmark_group("clock_read");
    g.bench_function("chrono_utc_now", |b| b.iter(Utc::now));
    g.bench_function("system_clock_direct", |b| b.iter(|| SystemClock.now()));
    g.bench_function("timestamp_now", |b| b.iter(Timestamp::now));
    let fast = CachedClock::global();
    g.bench_function("timestamp_now_cached", |b| {
        with_clock(&fast, || b.iter(Timestamp::now));
    });
    g.finish();
}

// ----------------------------------------------------------------------------------------------
// The sign-off table.

fn criterion_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    );
    target.join("criterion")
}

/// Median in ns of one function, from criterion's estimates.
fn median(group: &str, function: &str) -> Option<f64> {
    let path = criterion_dir()
        .join(group)
        .join(function)
        .join("new")
        .join("estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["median"]["point_estimate"].as_f64()
}

struct Row {
    group: &'static str,
    function: &'static str,
    plan: Option<f64>,
    ours: Option<f64>,
}

const ROWS: &[Row] = &[
    Row {
        group: "create",
        function: "timestamped",
        plan: Some(0.50),
        ours: Some(0.55),
    },
    Row {
        group: "update",
        function: "timestamped",
        plan: Some(0.67),
        ours: Some(0.60),
    },
    Row {
        group: "update_noop",
        function: "timestamped",
        plan: None,
        ours: Some(0.05),
    },
    Row {
        group: "update_noop_string",
        function: "timestamped",
        plan: None,
        ours: None,
    },
    Row {
        group: "create_batch_1000",
        function: "timestamped",
        plan: None,
        ours: Some(0.42),
    },
    Row {
        group: "create",
        function: "timestamped_fast",
        plan: None,
        ours: Some(0.42),
    },
    Row {
        group: "update",
        function: "timestamped_fast",
        plan: None,
        ours: Some(0.25),
    },
];

fn verdict(ratio: f64, target: Option<f64>) -> String {
    match target {
        Some(t) if ratio <= t => format!("<= {t:.2} met"),
        Some(t) => format!("<= {t:.2} MISSED"),
        None => "-".into(),
    }
}

fn print_signoff() {
    println!("\n== timestamped sign-off (criterion medians; ratio = timestamped / legacy) ==");
    println!(
        "{:<18} {:<17} {:>11} {:>13} {:>7}  {:<16} {:<16}",
        "group", "function", "legacy ns", "ours ns", "ratio", "plan target", "our target"
    );
    for row in ROWS {
        match (median(row.group, "legacy"), median(row.group, row.function)) {
            (Some(legacy), Some(ours)) => {
                let ratio = ours / legacy;
                println!(
                    "{:<18} {:<17} {:>11.1} {:>13.1} {:>7.3}  {:<16} {:<16}",
                    row.group,
                    row.function,
                    legacy,
                    ours,
                    ratio,
                    verdict(ratio, row.plan),
                    verdict(ratio, row.ours)
                );
            }
            _ => println!(
                "{:<18} {:<17} (not measured in this run)",
                row.group, row.function
            ),
        }
    }
    if let (Some(chrono), Some(direct), Some(ours), Some(cached)) = (
        median("clock_read", "chrono_utc_now"),
        median("clock_read", "system_clock_direct"),
        median("clock_read", "timestamp_now"),
        median("clock_read", "timestamp_now_cached"),
    ) {
        println!(
            "clock read: chrono Utc::now {chrono:.1} ns, SystemClock direct {direct:.1} ns, \
             Timestamp::now {ours:.1} ns (current-clock check {:.1} ns), cached {cached:.1} ns",
            ours - direct
        );
    }
    println!("\nmemory (size_of, bytes)              legacy   timestamped");
    println!(
        "  stamps                              {:>6}   {:>11}",
        2 * size_of::<DateTime<Utc>>(),
        size_of::<Timestamps>()
    );
    println!(
        "  entity                              {:>6}   {:>11}",
        size_of::<legacy::Task>(),
        size_of::<Task>()
    );
    println!(
        "  one optional stamp                  {:>6}   {:>11}   (Option<DateTime<Utc>> vs Option<Timestamp>)",
        size_of::<Option<DateTime<Utc>>>(),
        size_of::<Option<Timestamp>>()
    );
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();
    create(&mut c);
    update(&mut c);
    update_noop(&mut c);
    create_batch_1000(&mut c);
    clock_reads(&mut c);
    c.final_summary();
    print_signoff();
    // Read every field once, so the compiler sees both entities' fields in use.
    let t = legacy::Task::new(0, "", "");
    black_box((
        t.id,
        &t.description,
        t.priority,
        t.created_at,
        Priority::High,
    ));
    let ours = Task::new(0, "", "");
    black_box((ours.id, ours.description(), ours.priority()));
}
