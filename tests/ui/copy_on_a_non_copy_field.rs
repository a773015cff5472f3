use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
pub struct Task {
    #[timestamped(copy)]
    title: String,
    timestamps: Timestamps,
}

fn main() {}
