use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
struct Task {
    title: String,
    #[timestamped(no_touch)]
    timestamps: Timestamps,
}

fn main() {}
