use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
pub struct Task {
    pub title: String,
    timestamps: Timestamps,
}

fn main() {}
