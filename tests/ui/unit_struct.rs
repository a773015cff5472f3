use stamped::Timestamped;

#[derive(Timestamped)]
struct Task;

fn main() {}
