use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
pub struct Task {
    pub(crate) title: String,
    timestamps: Timestamps,
}

fn main() {}
