//! Prometheus metrics at `/metrics`: requests by route and status, latency histograms,
//! database queries by route, and the library's stamping metrics.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

/// A request's method, route template (`/api/v1/tasks/{id}`, not the id) and status.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct RequestLabels {
    pub(crate) method: String,
    pub(crate) route: String,
    pub(crate) status: u16,
}

/// A route template.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct RouteLabels {
    pub(crate) route: String,
}

fn latency_histogram() -> Histogram {
    // 0.25 ms .. about 8 s.
    Histogram::new(exponential_buckets(0.000_25, 2.0, 16))
}

/// The service's metrics and their registry.
pub(crate) struct Metrics {
    registry: Registry,
    pub(crate) requests: Family<RequestLabels, Counter>,
    pub(crate) latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    pub(crate) db_queries: Family<RouteLabels, Counter>,
    regressions: Gauge,
    largest_regression: Gauge<f64, std::sync::atomic::AtomicU64>,
    largest_lead: Gauge<f64, std::sync::atomic::AtomicU64>,
    suppressed: Gauge,
    clock_offset: Gauge<f64, std::sync::atomic::AtomicU64>,
    clock_uncertainty: Gauge<f64, std::sync::atomic::AtomicU64>,
    clock_skewed: Gauge,
    feed_lag_transactions: Gauge,
    feed_lag_seconds: Gauge<f64, std::sync::atomic::AtomicU64>,
}

impl Metrics {
    pub(crate) fn new() -> Metrics {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "tasks_http_requests",
            "HTTP requests by method, route and status",
            requests.clone(),
        );
        let latency = Family::new_with_constructor(latency_histogram as fn() -> Histogram);
        registry.register(
            "tasks_http_request_duration_seconds",
            "Time to answer a request, by route",
            latency.clone(),
        );
        let db_queries = Family::<RouteLabels, Counter>::default();
        registry.register(
            "tasks_db_queries",
            "Database statements run, by the route of the request that ran them",
            db_queries.clone(),
        );
        let regressions = Gauge::default();
        registry.register(
            "timestamped_clock_regressions",
            "Touches whose clock reading was behind the entity's updated_at (absorbed)",
            regressions.clone(),
        );
        let largest_regression = Gauge::default();
        registry.register(
            "timestamped_largest_regression_seconds",
            "The largest lag of a clock reading behind an entity's updated_at",
            largest_regression.clone(),
        );
        let largest_lead = Gauge::default();
        registry.register(
            "timestamped_largest_lead_seconds",
            "The furthest a touch set updated_at ahead of its clock reading",
            largest_lead.clone(),
        );
        let suppressed = Gauge::default();
        registry.register(
            "timestamped_suppressed_touches",
            "Touches skipped inside no-touch scopes",
            suppressed.clone(),
        );
        let clock_offset = Gauge::default();
        registry.register(
            "tasks_clock_offset_seconds",
            "This instance's clock minus the database's, last measured (PostgreSQL)",
            clock_offset.clone(),
        );
        let clock_uncertainty = Gauge::default();
        registry.register(
            "tasks_clock_offset_uncertainty_seconds",
            "Half the round trip of the last clock measurement: the offset is exact within it",
            clock_uncertainty.clone(),
        );
        let clock_skewed = Gauge::default();
        registry.register(
            "tasks_clock_skewed",
            "1 while the clock is off beyond the maximum offset and writes are refused",
            clock_skewed.clone(),
        );
        let feed_lag_transactions = Gauge::default();
        registry.register(
            "tasks_feed_lag_transactions",
            "Transactions between the change feed's watermark and the next transaction id (PostgreSQL)",
            feed_lag_transactions.clone(),
        );
        let feed_lag_seconds = Gauge::default();
        registry.register(
            "tasks_feed_lag_seconds",
            "Age of the oldest writing transaction in the cluster, which holds the feed's watermark back (PostgreSQL)",
            feed_lag_seconds.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            db_queries,
            regressions,
            largest_regression,
            largest_lead,
            suppressed,
            clock_offset,
            clock_uncertainty,
            clock_skewed,
            feed_lag_transactions,
            feed_lag_seconds,
        }
    }

    /// Records a measurement of the database's clock and the feed's lag.
    #[expect(
        clippy::cast_precision_loss,
        reason = "offsets in µs are far below 2^52"
    )]
    pub(crate) fn record_database_clock(&self, clock: &crate::store::DatabaseClock, skewed: bool) {
        self.clock_offset.set(clock.offset_micros as f64 / 1e6);
        self.clock_uncertainty
            .set(clock.uncertainty_micros as f64 / 1e6);
        self.clock_skewed.set(i64::from(skewed));
        self.feed_lag_transactions.set(clock.feed_lag_transactions);
        self.feed_lag_seconds.set(clock.feed_lag_seconds);
    }

    /// The text exposition format, with the stamping metrics read now.
    pub(crate) fn render(&self) -> String {
        let m = stamped::metrics();
        self.regressions
            .set(i64::try_from(m.regressions).unwrap_or(i64::MAX));
        self.largest_regression
            .set(m.largest_regression.as_secs_f64());
        self.largest_lead.set(m.largest_lead.as_secs_f64());
        self.suppressed
            .set(i64::try_from(m.suppressed_touches).unwrap_or(i64::MAX));
        let mut out = String::new();
        if prometheus_client::encoding::text::encode(&mut out, &self.registry).is_err() {
            out.clear();
        }
        out
    }
}

tokio::task_local! {
    /// The database-query counter of the request being served.
    static QUERIES: Counter;
}

/// Runs `future` with `counter` counting its database statements.
pub(crate) async fn counting_queries<F: std::future::Future>(
    counter: Counter,
    future: F,
) -> F::Output {
    QUERIES.scope(counter, future).await
}

/// Counts one database statement for the current request (nothing outside a request).
pub(crate) fn count_query() {
    let _ = QUERIES.try_with(Counter::inc);
}
