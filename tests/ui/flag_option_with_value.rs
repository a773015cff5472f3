use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
struct Task {
    #[timestamped(skip = true)]
    title: String,
    timestamps: Timestamps,
}

fn main() {}
