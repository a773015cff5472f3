use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
#[timestamped(crate = "timestamped")]
struct Task {
    title: String,
    timestamps: Timestamps,
}

fn main() {}
