use stamped::{Timestamp, Timestamped, Timestamps};

#[derive(Timestamped)]
pub struct Note {
    #[timestamped(deleted_at)]
    deleted_at: Option<Timestamp>,
    #[timestamped(deleted_at)]
    removed_at: Option<Timestamp>,
    timestamps: Timestamps,
}

fn main() {}
