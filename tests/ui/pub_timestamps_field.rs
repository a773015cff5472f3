use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
pub struct Task {
    title: String,
    pub timestamps: Timestamps,
}

fn main() {}
