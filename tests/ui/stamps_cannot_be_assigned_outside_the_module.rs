mod model {
    use stamped::{Timestamped, Timestamps};

    #[derive(Timestamped)]
    pub struct Task {
        title: String,
        timestamps: Timestamps,
    }

    impl Task {
        pub fn new() -> Self {
            Task { title: String::new(), timestamps: Timestamps::now() }
        }
    }
}

fn main() {
    let mut task = model::Task::new();
    task.timestamps = stamped::Timestamps::now();
}
