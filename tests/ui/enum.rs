use stamped::{Timestamped, Timestamps};

#[derive(Timestamped)]
enum Task {
    Open { timestamps: Timestamps },
}

fn main() {}
