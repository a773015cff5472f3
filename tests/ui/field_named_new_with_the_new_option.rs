use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
#[timestamped(new)]
pub struct Task {
    new: bool,
    timestamps: Timestamps,
}

fn main() {}
