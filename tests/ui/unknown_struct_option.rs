use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
#[timestamped(rename_all = "camelCase")]
struct Task {
    title: String,
    timestamps: Timestamps,
}

fn main() {}
