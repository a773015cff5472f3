use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
struct Task {
    #[timestamped(no_touch, no_touch)]
    title: String,
    timestamps: Timestamps,
}

fn main() {}
