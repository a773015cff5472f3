use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
struct Task {
    #[timestamped(skip, vis = "pub")]
    title: String,
    timestamps: Timestamps,
}

fn main() {}
