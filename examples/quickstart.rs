//! Creates a task, updates it, prints both stamps: `cargo run --example quickstart`.

use timestamped::{Timestamped, Timestamps};

/// How urgent a task is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Priority {
    /// Whenever.
    Low,
    /// Soon.
    High,
}

/// A task of a to-do service.
#[derive(Debug, Clone, Timestamped)]
pub struct Task {
    /// What to do.
    title: String,
    /// Details.
    description: String,
    priority: Priority,
    timestamps: Timestamps,
}

impl Task {
    /// A new task, stamped with one clock read.
    pub fn new(title: impl Into<String>, priority: Priority) -> Self {
        Task {
            title: title.into(),
            description: String::new(),
            priority,
            timestamps: Timestamps::now(),
        }
    }
}

fn main() {
    let mut task = Task::new("write the quick start", Priority::Low);
    println!(
        "created    {}  created_at={}  updated_at={}",
        task.title(),
        task.created_at(),
        task.updated_at()
    );
    assert_eq!(task.created_at(), task.updated_at());

    task.set_title("write the quick start"); // same value: nothing changes, no clock read
    println!("same title updated_at={}", task.updated_at());

    task.set_priority(Priority::High);
    println!(
        "priority   {:?}  updated_at={}",
        task.priority(),
        task.updated_at()
    );

    task.edit().set_title("ship it").set_description("today"); // two fields, one touch
    println!(
        "edited     {}: {}  updated_at={}",
        task.title(),
        task.description(),
        task.updated_at()
    );
    println!("created_at stays {}", task.created_at());
}
