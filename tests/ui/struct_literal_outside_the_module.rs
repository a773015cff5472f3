mod model {
    use stamped::{Timestamped, Timestamps};

    #[derive(Timestamped)]
    pub struct Task {
        title: String,
        timestamps: Timestamps,
    }
}

fn main() {
    let _task = model::Task { title: String::new(), timestamps: stamped::Timestamps::now() };
}
