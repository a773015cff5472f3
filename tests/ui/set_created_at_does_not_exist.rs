use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
struct Task {
    title: String,
    timestamps: Timestamps,
}

fn main() {
    let mut task = Task { title: String::new(), timestamps: Timestamps::now() };
    task.set_created_at(stamped::Timestamp::UNIX_EPOCH);
}
