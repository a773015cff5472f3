//! Every error reply: `{"error": {"code", "message", "request_id"}}` with its status. Server
//! errors are logged with their cause and the request id; the body carries only the id, never
//! the database's own text.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::gate::Refusal;
use crate::model::Invalid;
use crate::store::StoreError;

tokio::task_local! {
    /// The id of the request being served.
    pub(crate) static REQUEST_ID: u64;
}

static NEXT_REQUEST_ID: AtomicU64 = AtomicU64::new(1);

/// A fresh request id.
pub(crate) fn next_request_id() -> u64 {
    NEXT_REQUEST_ID.fetch_add(1, Ordering::Relaxed)
}

/// The current request's id, 0 outside a request.
pub(crate) fn request_id() -> u64 {
    REQUEST_ID.try_with(|id| *id).unwrap_or(0)
}

/// An error reply.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) code: &'static str,
    pub(crate) message: String,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    pub(crate) fn not_found(id: i64) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no task with id {id}"),
        )
    }

    pub(crate) fn timeout() -> Self {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            "the request did not finish within its deadline; nothing is acknowledged, retry later",
        )
    }

    /// A write refused before it committed: nothing was stored.
    pub(crate) fn refused(why: Refusal) -> Self {
        match why {
            Refusal::ReadOnly => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "read_only",
                "the service is in read-only mode: reads work, writes are refused until it is switched back; nothing was stored",
            ),
            Refusal::ClockSkew { offset_micros } => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "clock_skew",
                format!(
                    "this instance's clock is {offset_micros} µs off the database's, beyond the maximum offset: it refuses writes until its clock is back; nothing was stored"
                ),
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let request_id = request_id();
        let body = json!({
            "error": { "code": self.code, "message": self.message, "request_id": request_id }
        });
        (self.status, Json(body)).into_response()
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        let code = match rejection {
            JsonRejection::JsonSyntaxError(_) => "malformed_json",
            JsonRejection::JsonDataError(_) => "invalid_body",
            JsonRejection::MissingJsonContentType(_) => "unsupported_media_type",
            _ if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => "body_too_large",
            _ => "bad_request",
        };
        ApiError::new(rejection.status(), code, rejection.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_query",
            rejection.body_text(),
        )
    }
}

impl From<Invalid> for ApiError {
    fn from(e: Invalid) -> Self {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_body", e.0)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        let id = request_id();
        tracing::error!(request_id = id, error = %e, "storage failed");
        if e.is_timeout() {
            return ApiError::timeout();
        }
        if e.is_full() {
            return ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "storage_full",
                format!("the disk is full, so nothing was stored; retry once space is freed (request {id})"),
            );
        }
        match e {
            StoreError::Refused(why) => ApiError::refused(why),
            StoreError::CursorReset(why) => ApiError::new(
                StatusCode::GONE,
                "cursor_reset",
                format!("this cursor cannot be continued ({why}): start again from the beginning, without `after`, and replace your copy"),
            ),
            StoreError::Corrupt { id: task, .. } => ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "corrupt_row",
                format!("task {task} is stored in a form that cannot be read; the cause is logged under request {id}"),
            ),
            StoreError::NotWritable(_) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "storage_not_writable",
                format!("storage cannot be written now, so nothing was stored; the cause is logged under request {id}"),
            ),
            StoreError::Database(_) | StoreError::Migrate(_) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "storage_unavailable",
                format!("storage is unavailable; the cause is logged under request {id}"),
            ),
        }
    }
}
