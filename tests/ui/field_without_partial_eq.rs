use stamped::{Timestamped, Timestamps};

struct Blob(Vec<u8>);

#[derive(Timestamped)]
struct Task {
    blob: Blob,
    timestamps: Timestamps,
}

fn main() {}
