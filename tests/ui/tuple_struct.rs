use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
struct Task(String, Timestamps);

fn main() {}
