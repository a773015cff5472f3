use stamped::Timestamped;

#[derive(Timestamped)]
union Task {
    a: u32,
    b: f32,
}

fn main() {}
