//! The tasks service: model, storage, HTTP API. Shared by `main.rs` and the integration tests.

pub(crate) mod api;
pub(crate) mod model;
pub(crate) mod store;

pub(crate) use api::router;
pub(crate) use store::{Durability, Store};

/// Where the service stores when no URL is given: `tasks.db` in the working directory,
/// created with its schema on first start.
pub(crate) const DEFAULT_DATABASE_URL: &str = "sqlite://tasks.db?mode=rwc";
