use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
pub struct Task {
    pub title: String,
    #[timestamped(unknown)]
    body: String,
    pub timestamps: Timestamps,
}

fn main() {}
