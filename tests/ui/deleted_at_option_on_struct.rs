use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
#[timestamped(deleted_at)]
pub struct Note {
    body: String,
    timestamps: Timestamps,
}

fn main() {}
