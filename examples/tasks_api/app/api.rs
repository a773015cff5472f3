//! The HTTP API: routes, handlers, errors as JSON, entity tags, request logs.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use super::model::{Invalid, NewTask, Task, TaskPatch};
use super::store::{Store, StoreError};

/// Largest accepted request body.
pub(crate) const MAX_BODY_BYTES: usize = 64 * 1024;
/// How often an update is re-applied when another write lands in between (without `If-Match`).
const MAX_ATTEMPTS: usize = 16;

/// An error response: `{"error": {"code": ..., "message": ...}}` with its status.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    fn not_found(id: i64) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no task with id {id}"),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            tracing::error!(code = self.code, message = %self.message, "request failed");
        }
        let body = json!({ "error": { "code": self.code, "message": self.message } });
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

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid_id", rejection.body_text())
    }
}

impl From<Invalid> for ApiError {
    fn from(e: Invalid) -> Self {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_body", e.0)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "storage_error",
            e.to_string(),
        )
    }
}

type AppState = Arc<Store>;

/// The service's routes over `store`.
pub(crate) fn router(store: Store) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/api/v1/tasks", get(list_tasks).post(create_task))
        .route(
            "/api/v1/tasks/{id}",
            get(get_task).put(update_task).delete(delete_task),
        )
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no_route", "no such route") })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(log_request))
        .with_state(Arc::new(store))
}

async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let start = Instant::now();
    let response = next.run(request).await;
    let micros = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX);
    tracing::info!(%method, %path, status = response.status().as_u16(), micros, "request");
    response
}

/// A task with its `ETag`.
fn task_response(status: StatusCode, task: &Task) -> Response {
    let mut response = (status, Json(task)).into_response();
    if let Ok(tag) = HeaderValue::from_str(&task.etag()) {
        response.headers_mut().insert(header::ETAG, tag);
    }
    response
}

fn parse_id(id: Result<Path<i64>, PathRejection>) -> Result<i64, ApiError> {
    Ok(id?.0)
}

async fn health(State(store): State<AppState>) -> Response {
    let reachable = store.ping().await;
    let metrics = timestamped::metrics();
    let body = json!({
        "status": if reachable { "healthy" } else { "unhealthy" },
        "database": { "backend": store.backend(), "reachable": reachable },
        "clean_timestamp_status": if metrics.regressions == 0 { "clean" } else { "regressions_absorbed" },
        "timestamp_metrics": {
            "clock_regressions": metrics.regressions,
            "largest_regression_micros": u64::try_from(metrics.largest_regression.as_micros()).unwrap_or(u64::MAX),
        },
    });
    let status = if reachable {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body)).into_response()
}

async fn create_task(
    State(store): State<AppState>,
    body: Result<Json<NewTask>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(new) = body?;
    new.validate()?;
    let task = store
        .insert(Task::new(0, new.title, new.description, new.priority))
        .await?;
    let mut response = task_response(StatusCode::CREATED, &task);
    if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/tasks/{}", task.id())) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

async fn list_tasks(State(store): State<AppState>) -> Result<Response, ApiError> {
    #[derive(serde::Serialize)]
    struct TaskList {
        tasks: Vec<Task>,
    }
    let tasks = store.list().await?;
    Ok(Json(TaskList { tasks }).into_response())
}

async fn get_task(
    State(store): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = parse_id(id)?;
    let task = store
        .get(id)
        .await?
        .ok_or_else(|| ApiError::not_found(id))?;
    Ok(task_response(StatusCode::OK, &task))
}

/// The `If-Match` entity tag, if the request has one.
fn if_match(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    match headers.get(header::IF_MATCH) {
        None => Ok(None),
        Some(value) => value
            .to_str()
            .map(|s| Some(s.trim().to_owned()))
            .map_err(|_| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_if_match",
                    "If-Match is not valid text",
                )
            }),
    }
}

fn stale(task: &Task) -> ApiError {
    ApiError::new(
        StatusCode::PRECONDITION_FAILED,
        "stale_version",
        format!(
            "task {} has changed: its current ETag is {}",
            task.id(),
            task.etag()
        ),
    )
}

async fn update_task(
    State(store): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
    headers: HeaderMap,
    body: Result<Json<TaskPatch>, JsonRejection>,
) -> Result<Response, ApiError> {
    let id = parse_id(id)?;
    let Json(patch) = body?;
    patch.validate()?;
    let expected = if_match(&headers)?;
    for _ in 0..MAX_ATTEMPTS {
        let mut task = store
            .get(id)
            .await?
            .ok_or_else(|| ApiError::not_found(id))?;
        if let Some(tag) = &expected {
            if tag != "*" && *tag != task.etag() {
                return Err(stale(&task));
            }
        }
        let version = task.updated_at();
        if !patch.apply(&mut task) {
            return Ok(task_response(StatusCode::OK, &task)); // nothing changed: no write
        }
        if store.update_if_version(&task, version).await? {
            return Ok(task_response(StatusCode::OK, &task));
        }
        if expected.is_some() {
            // The client asked for the version it saw; another write got there first.
            let current = store
                .get(id)
                .await?
                .ok_or_else(|| ApiError::not_found(id))?;
            return Err(stale(&current));
        }
        // Another write landed between our read and our write: apply the patch again on top.
    }
    Err(ApiError::new(
        StatusCode::CONFLICT,
        "contention",
        format!("task {id} kept changing; the update was not applied, try again"),
    ))
}

async fn delete_task(
    State(store): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = parse_id(id)?;
    if store.delete(id).await? {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(ApiError::not_found(id))
    }
}
