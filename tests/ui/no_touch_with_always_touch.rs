use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
struct Task {
    #[timestamped(no_touch, always_touch)]
    title: String,
    timestamps: Timestamps,
}

fn main() {}
