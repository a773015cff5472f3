//! `/health` (does storage take writes, with the stamping metrics) and `/metrics`.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::error::request_id;
use crate::state::AppState;
use crate::store::StoreError;

/// 200 `healthy` when a real write to storage commits (`degraded` when unreadable rows were
/// met, `read_only` in read-only mode, where nothing is written), 503 `unhealthy` with the
/// reason when it does not.
pub(crate) async fn health(State(state): State<Arc<AppState>>) -> Response {
    let read_only = state.read_only.load(Ordering::Relaxed);
    let probe = if read_only {
        Ok(())
    } else {
        state.store.probe_write(state.clock.now()).await
    };
    let corrupt = state.store.corrupt_rows();
    let m = timestamped::metrics();
    let (status, code, reason) = match &probe {
        Ok(()) if read_only => (StatusCode::OK, "read_only", None),
        Ok(()) if !corrupt.is_empty() => (
            StatusCode::OK,
            "degraded",
            Some(format!(
                "{} stored rows cannot be read as tasks",
                corrupt.len()
            )),
        ),
        Ok(()) => (StatusCode::OK, "healthy", None),
        Err(e) => {
            tracing::error!(request_id = request_id(), error = %e, "health probe failed");
            let reason = match e {
                StoreError::NotWritable(why) => format!("storage cannot be written: {why}"),
                _ if e.is_timeout() => "storage did not answer within the deadline".to_owned(),
                _ => format!(
                    "storage cannot be written; the cause is logged under request {}",
                    request_id()
                ),
            };
            (StatusCode::SERVICE_UNAVAILABLE, "unhealthy", Some(reason))
        }
    };
    let body = json!({
        "status": code,
        "reason": reason,
        "read_only": read_only,
        "database": { "backend": state.store.backend(), "writable": probe.is_ok() },
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
