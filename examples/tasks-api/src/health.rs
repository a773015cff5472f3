//! `/health` (does storage take writes, with the stamping metrics) and `/metrics`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::error::request_id;
use crate::state::AppState;
use crate::store::StoreError;

/// The most stamps in the future `/health` counts (the count stops there).
const FUTURE_CAP: i64 = 10_000;

/// 200 `healthy` when a real write to storage commits (`degraded` when unreadable rows or
/// stamps in the future were met, `read_only` in read-only mode, where nothing is written);
/// 503 with the reason when storage cannot be written (`storage_full`, `unhealthy`) or this
/// instance's clock is off beyond the maximum offset (`clock_skew`).
pub(crate) async fn health(State(state): State<Arc<AppState>>) -> Response {
    let read_only = state.gate.read_only();
    let now = state.clock.now();
    let probe = if read_only {
        Ok(())
    } else {
        state.store.probe_write(now).await
    };
    // On PostgreSQL, a fresh measurement: a clock put right is seen at once.
    let database_clock = crate::watch::check(&state).await.and_then(Result::ok);
    let bound = state.gate.max_offset();
    let future = state.store.future_stamps(now, bound, FUTURE_CAP).await;
    let corrupt = state.store.corrupt_rows();
    let offset = state.gate.offset();
    let m = stamped::metrics();
    let mut findings = Vec::new();
    if !corrupt.is_empty() {
        findings.push(format!(
            "{} stored rows cannot be read as tasks",
            corrupt.len()
        ));
    }
    if let Ok(n @ 1..) = future {
        findings.push(format!(
            "{n} tasks have updated_at more than {bound:?} in the future (written by a clock that was ahead): see the README's \"Stamps in the future\""
        ));
    }
    let (status, code, reason) = match &probe {
        Err(e) => {
            tracing::error!(request_id = request_id(), error = %e, "health probe failed");
            let (code, reason) = match e {
                _ if e.is_full() => (
                    "storage_full",
                    "the disk (or the database's size limit) is full: writes are refused until space is freed".to_owned(),
                ),
                StoreError::NotWritable(why) => {
                    ("unhealthy", format!("storage cannot be written: {why}"))
                }
                _ if e.is_timeout() => (
                    "unhealthy",
                    "storage did not answer within the deadline".to_owned(),
                ),
                _ => (
                    "unhealthy",
                    format!(
                        "storage cannot be written; the cause is logged under request {}",
                        request_id()
                    ),
                ),
            };
            (StatusCode::SERVICE_UNAVAILABLE, code, Some(reason))
        }
        Ok(()) if state.gate.skewed() => {
            let (offset, uncertainty) = offset.unwrap_or_default();
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "clock_skew",
                Some(format!(
                    "this instance's clock is {offset} µs (± {uncertainty} µs) off the database's, beyond the maximum offset of {bound:?}: writes are refused until it is back"
                )),
            )
        }
        Ok(()) if read_only => (StatusCode::OK, "read_only", None),
        Ok(()) if !findings.is_empty() => (StatusCode::OK, "degraded", Some(findings.join("; "))),
        Ok(()) => (StatusCode::OK, "healthy", None),
    };
    let body = json!({
        "status": code,
        "reason": reason,
        "read_only": read_only,
        "database": { "backend": state.store.backend(), "writable": probe.is_ok() },
        "clock": {
            "offset_micros": offset.map(|(o, _)| o),
            "uncertainty_micros": offset.map(|(_, u)| u),
            "max_offset_micros": u64::try_from(bound.as_micros()).unwrap_or(u64::MAX),
            "skewed": state.gate.skewed(),
        },
        "future_stamps": future.as_ref().ok(),
        "feed": {
            "lag_transactions": database_clock.map(|c| c.feed_lag_transactions),
            "lag_seconds": database_clock.map(|c| c.feed_lag_seconds),
        },
        "corrupt_rows": corrupt.iter().take(100).collect::<Vec<_>>(),
        "timestamp_metrics": {
            "clock_regressions": m.regressions,
            "largest_regression_micros": u64::try_from(m.largest_regression.as_micros()).unwrap_or(u64::MAX),
            "largest_lead_micros": u64::try_from(m.largest_lead.as_micros()).unwrap_or(u64::MAX),
            "suppressed_touches": m.suppressed_touches,
        },
    });
    (status, Json(body)).into_response()
}

/// The Prometheus scrape.
pub(crate) async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        state.metrics.render(),
    )
        .into_response()
}
