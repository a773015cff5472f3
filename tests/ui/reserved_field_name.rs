use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
struct Task {
    edit: bool,
    timestamps: Timestamps,
}

fn main() {}
