use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
pub struct Task {
    #[timestamped(new)]
    title: String,
    timestamps: Timestamps,
}

fn main() {}
