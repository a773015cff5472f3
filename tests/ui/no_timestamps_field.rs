use stamped::Timestamped;

#[derive(Timestamped)]
struct Task {
    title: String,
}

fn main() {}
