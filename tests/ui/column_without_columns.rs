use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
struct Task {
    #[timestamped(column = "task_title")]
    title: String,
    timestamps: Timestamps,
}

fn main() {}
