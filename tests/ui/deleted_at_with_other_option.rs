use stamped::{Timestamp, Timestamped, Timestamps};

#[derive(Timestamped)]
pub struct Note {
    body: String,
    #[timestamped(deleted_at, no_touch)]
    deleted_at: Option<Timestamp>,
    timestamps: Timestamps,
}

fn main() {}
