use timestamped::Timestamped;

#[derive(Timestamped)]
struct Task;

fn main() {}
