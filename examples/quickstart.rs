//! Creates a task, updates it, prints both stamps: `cargo run --example quickstart`.

use stamped::{Timestamped, Timestamps};

/// How urgent a task is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Priority {
    /// Whenever.
    Low,
    /// Soon.
    High,
}

/// A task of a to-do service. `new` generates `Task::new(title, description, priority)`;
/// `into` makes the setters (and `new`) take `impl Into<T>`.
#[derive(Debug, Clone, Timestamped)]
#[timestamped(new, into)]
pub struct Task {
    /// What to do.
    title: String,
    /// Details.
    description: String,
    #[timestamped(copy)]
    priority: Priority,
    timestamps: Timestamps,
}

fn main() {
    let mut task = Task::new("write the quick start", "", Priority::Low);
    println!(
        "created    {}  created_at={}  updated_at={}",
        task.title(),
        task.created_at(),
        task.updated_at()
    );
    assert_eq!(task.created_at(), task.updated_at());

    let was_new = task.set_title("write the quick start"); // same value: no change, no clock read
    println!(
        "same title changed={was_new} updated_at={}",
        task.updated_at()
    );

    task.set_priority(Priority::High);
    println!(
        "priority   {:?}  updated_at={}",
        task.priority(),
        task.updated_at()
    );

    let mut edit = task.edit();
    edit.set_title("ship it").set_description("today");
    let changes = edit.finish(); // two fields, one touch
    println!(
        "edited     {}: {}  changed {changes:?}  updated_at={}",
        task.title(),
        task.description(),
        task.updated_at()
    );
    println!("created_at stays {}", task.created_at());
}
