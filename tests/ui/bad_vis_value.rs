use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
struct Task {
    #[timestamped(vis = "public")]
    title: String,
    timestamps: Timestamps,
}

fn main() {}
