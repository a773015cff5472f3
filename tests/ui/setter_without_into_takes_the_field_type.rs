use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
#[timestamped(new)]
pub struct Task {
    title: String,
    timestamps: Timestamps,
}

fn main() {
    // Without `#[timestamped(into)]` a setter takes exactly `String`.
    let mut task = Task::new(String::new());
    task.set_title("a &str");
}
