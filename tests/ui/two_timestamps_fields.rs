use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
struct Task {
    title: String,
    timestamps: Timestamps,
    more: Timestamps,
}

fn main() {}
