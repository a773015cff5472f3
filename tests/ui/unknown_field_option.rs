use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
struct Task {
    #[timestamped(readonly)]
    title: String,
    timestamps: Timestamps,
}

fn main() {}
