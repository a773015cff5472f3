use stamped::{Timestamp, Timestamps};

fn main() {
    let mut stamps: Timestamps = Timestamps::now();
    stamps.updated = Timestamp::UNIX_EPOCH;
}
