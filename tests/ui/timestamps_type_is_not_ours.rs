use stamped::Timestamped;

struct Timestamps;

#[derive(Timestamped)]
struct Task {
    title: String,
    timestamps: Timestamps,
}

fn main() {}
