use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
struct Task {
    #[timestamped(crate = "::timestamped")]
    title: String,
    timestamps: Timestamps,
}

fn main() {}
