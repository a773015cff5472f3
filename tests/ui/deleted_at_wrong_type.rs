use stamped::{Timestamp, Timestamped, Timestamps};

#[derive(Timestamped)]
pub struct Note {
    body: String,
    #[timestamped(deleted_at)]
    deleted_at: Timestamp,
    timestamps: Timestamps,
}

fn main() {}
