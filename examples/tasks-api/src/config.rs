//! Command-line options of `tasks-api`, with environment fallbacks.

use std::net::SocketAddr;
use std::time::Duration;

use crate::server::Limits;
use crate::store::Durability;

/// Where the service stores when no URL is given: `tasks.db` in the working directory,
/// created with its schema on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://tasks.db?mode=rwc";

/// The tasks REST service: `#[derive(Timestamped)]` entities on SQLite or PostgreSQL.
#[derive(Debug, Clone, clap::Parser)]
#[command(name = "tasks-api", version, about)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "TASKS_BIND", default_value = "127.0.0.1:8000")]
    pub bind: SocketAddr,

    /// `sqlite://FILE?mode=rwc` or `postgres://USER@HOST/DB`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,

    /// SQLite commits: `full` (every acknowledged write survives a power loss) or `normal`
    /// (faster; the last commits may roll back after a power loss or OS crash).
    #[arg(long, value_enum, default_value_t = Durability::Full)]
    pub sqlite_sync: Durability,

    /// Deadline of every request, database statements included (e.g. `5s`, `500ms`).
    #[arg(long, default_value = "5s", value_parser = parse_duration)]
    pub request_timeout: Duration,

    /// A request's headers must arrive within this (slow clients are cut off).
    #[arg(long, default_value = "10s", value_parser = parse_duration)]
    pub header_read_timeout: Duration,

    /// A connection that moves no byte for this long, with no request in flight, is closed.
    #[arg(long, default_value = "60s", value_parser = parse_duration)]
    pub idle_timeout: Duration,

    /// Connections served at once; more wait in the listen backlog.
    #[arg(long, default_value_t = 512, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,

    /// PostgreSQL: refuse writes (503 `clock_skew`) while this machine's clock is off from the
    /// database's by more than this (measured at start-up and every `--clock-check-interval`).
    #[arg(long, env = "MAX_CLOCK_OFFSET", default_value = "500ms", value_parser = parse_duration)]
    pub max_clock_offset: Duration,

    /// PostgreSQL: how often the clock's offset and the change feed's lag are measured.
    #[arg(long, default_value = "5s", value_parser = parse_duration)]
    pub clock_check_interval: Duration,

    /// Start in read-only mode: writes get 503 `read_only`, reads and `/health` work. Switch
    /// at runtime with SIGUSR1 (on) and SIGUSR2 (off).
    #[arg(long, env = "READ_ONLY_MODE")]
    pub read_only: bool,
}

impl Config {
    /// The server limits these options set.
    pub fn limits(&self) -> Limits {
        Limits {
            header_read_timeout: self.header_read_timeout,
            idle_timeout: self.idle_timeout,
            max_connections: usize::try_from(self.max_connections).unwrap_or(usize::MAX),
        }
    }
}

/// `5s`, `500ms`, `2m`, or a plain number of seconds (`1.5`).
///
/// # Errors
/// Anything else, or a duration that is zero or negative.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = if let Some(n) = text.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1.0)
    } else if let Some(n) = text.strip_suffix('m') {
        (n, 60.0)
    } else {
        (text, 1.0)
    };
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a duration: write e.g. 5s, 500ms or 2m"))?;
    if !(value.is_finite() && value > 0.0) {
        return Err(format!("{text:?}: a duration must be positive"));
    }
    Duration::try_from_secs_f64(value * unit).map_err(|e| format!("{text:?}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_mins(2)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1500)));
        for bad in ["", "0", "-1s", "five", "1h", "nan"] {
            assert!(parse_duration(bad).is_err(), "{bad:?}");
        }
    }
}
