use stamped::{Timestamp, Timestamped, Timestamps};

#[derive(Timestamped)]
#[timestamped(new)]
pub struct Note {
    body: String,
    #[timestamped(deleted_at)]
    deleted_at: Option<Timestamp>,
    timestamps: Timestamps,
}

fn main() {
    let mut note = Note::new(String::new());
    note.set_deleted_at(Some(Timestamp::UNIX_EPOCH));
}
