//! The HTTP API: routes, handlers, the request deadline, entity tags, metrics and logs.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, MatchedPath, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::{next_request_id, ApiError, REQUEST_ID};
use crate::metrics::{counting_queries, RequestLabels, RouteLabels};
use crate::model::{NewTask, Task, TaskPatch};
use crate::state::AppState;
use crate::store::Cursor;

/// Largest accepted request body.
pub(crate) const MAX_BODY_BYTES: usize = 64 * 1024;
/// Tasks per page when the request does not say.
pub(crate) const DEFAULT_PAGE: u32 = 100;
/// The most tasks one page holds.
pub(crate) const MAX_PAGE: u32 = 1000;

/// The service's routes over `state`.
pub(crate) fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route(
            "/",
            get(page)
                .layer::<_, Infallible>(SetResponseHeaderLayer::overriding(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(PAGE_POLICY),
                ))
                .layer::<_, Infallible>(SetResponseHeaderLayer::overriding(
                    header::X_FRAME_OPTIONS,
                    HeaderValue::from_static("DENY"),
                )),
        )
        .route("/app.js", get(script))
        .route("/app.css", get(styles))
        .route("/health", get(crate::health::health))
        .route("/metrics", get(crate::health::metrics))
        .route("/api/v1/tasks", get(list_tasks).post(create_task))
        .route("/api/v1/tasks/changes", get(changes))
        .route(
            "/api/v1/tasks/{id}",
            get(get_task).put(update_task).delete(delete_task),
        )
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no_route", "no such route") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "this route does not take that method",
            )
        })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            around_request,
        ))
        .with_state(state)
}

/// The page: files embedded in the binary (no build step, no CDN), using the API above.
const PAGE: &str = include_str!("../static/index.html");
const SCRIPT: &str = include_str!("../static/app.js");
const STYLES: &str = include_str!("../static/app.css");

/// The page's policy: its own script and styles only (nothing inline), its own API, and no
/// framing (a framed page could be clicked into deleting tasks).
const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

fn embedded(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

async fn page() -> Response {
    embedded("text/html; charset=utf-8", PAGE)
}

async fn script() -> Response {
    embedded("text/javascript; charset=utf-8", SCRIPT)
}

async fn styles() -> Response {
    embedded("text/css; charset=utf-8", STYLES)
}

/// Around every request: an id, the deadline, metrics, the log line.
async fn around_request(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let id = next_request_id();
    let method = request.method().to_string();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let path = request.uri().path().to_owned();
    let start = Instant::now();
    let queries = state
        .metrics
        .db_queries
        .get_or_create(&RouteLabels {
            route: route.clone(),
        })
        .clone();
    let deadline = state.deadline;
    let mut response = REQUEST_ID
        .scope(id, async move {
            let run = counting_queries(queries, next.run(request));
            tokio::time::timeout(deadline, run)
                .await
                .unwrap_or_else(|_| {
                    tracing::warn!(request_id = id, %path, "deadline passed");
                    ApiError::timeout().into_response()
                })
        })
        .await;
    let elapsed = start.elapsed();
    let status = response.status().as_u16();
    state
        .metrics
        .requests
        .get_or_create(&RequestLabels {
            method: method.clone(),
            route: route.clone(),
            status,
        })
        .inc();
    state
        .metrics
        .latency
        .get_or_create(&RouteLabels {
            route: route.clone(),
        })
        .observe(elapsed.as_secs_f64());
    if let Ok(value) = HeaderValue::from_str(&id.to_string()) {
        response.headers_mut().insert("x-request-id", value);
    }
    let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
    tracing::info!(request_id = id, %method, %route, status, micros, "request");
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

/// A task id from the path: a positive decimal integer, no sign, no leading zeros, no spaces,
/// so every task has exactly one URL.
fn parse_id(text: &str) -> Result<i64, ApiError> {
    let canonical =
        !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0');
    canonical
        .then(|| text.parse::<i64>().ok())
        .flatten()
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_id",
                format!(
                    "{text:?} is not a task id: ids are positive decimal integers, without sign or leading zeros"
                ),
            )
        })
}

/// Refuses a write before it starts (read-only mode, clock skew). The store checks again at
/// every attempt and just before each commit.
fn refuse_writes(state: &AppState) -> Result<(), ApiError> {
    state.gate.check().map_err(ApiError::refused)
}

async fn create_task(
    State(state): State<Arc<AppState>>,
    body: Result<Json<NewTask>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(new) = body?;
    new.validate()?;
    refuse_writes(&state)?;
    let task = state.store.insert(Task::create(new, &*state.clock)).await?;
    let mut response = task_response(StatusCode::CREATED, &task);
    if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/tasks/{}", task.id())) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// `?limit=N&after=…` of the list and the change feed, both optional; kept as text so a bad
/// value gets a clear message.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PageQuery {
    limit: Option<String>,
    after: Option<String>,
}

fn bad_query(message: String) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "invalid_query", message)
}

/// `limit`: 1 to `MAX_PAGE`, `DEFAULT_PAGE` when absent.
fn page_limit(text: Option<&str>) -> Result<u32, ApiError> {
    match text {
        None => Ok(DEFAULT_PAGE),
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_PAGE).contains(n))
            .ok_or_else(|| {
                bad_query(format!(
                    "limit={text:?}: expected a whole number from 1 to {MAX_PAGE}"
                ))
            }),
    }
}

async fn list_tasks(
    State(state): State<Arc<AppState>>,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    let limit = page_limit(query.limit.as_deref())?;
    let after = match query.after.as_deref() {
        None => 0,
        Some(text) => text
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .ok_or_else(|| {
                bad_query(format!(
                    "after={text:?}: expected a task id (the `next` of the previous page)"
                ))
            })?,
    };
    let page = state.store.list(after, limit).await?;
    Ok(Json(json!({
        "tasks": page.tasks,
        "next": page.next,
        "skipped": page.skipped,
    }))
    .into_response())
}

async fn get_task(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let task = live(state.store.get(id).await?).ok_or_else(|| ApiError::not_found(id))?;
    Ok(task_response(StatusCode::OK, &task))
}

/// A task that is not deleted: deleted tasks answer as if absent.
fn live(task: Option<Task>) -> Option<Task> {
    task.filter(|t| !t.is_deleted())
}

/// An `If-Match` precondition (RFC 9110, section 13.1.1).
#[derive(Debug)]
enum Precondition {
    /// No `If-Match`: the update applies to whatever the task is when it lands.
    None,
    /// `If-Match: *`: any current representation; false only when the task does not exist.
    Any,
    /// A list of entity tags; strong comparison, so weak tags (`W/"…"`) never match.
    Tags(Vec<String>),
}

impl Precondition {
    fn parse(headers: &HeaderMap) -> Result<Precondition, ApiError> {
        let bad = || {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_if_match",
                "If-Match must be `*` or a comma-separated list of entity tags such as \"2026-01-01T00:00:00.000000Z\"",
            )
        };
        let mut tags = Vec::new();
        let mut any = false;
        let mut seen = false;
        for value in headers.get_all(header::IF_MATCH) {
            seen = true;
            let text = value.to_str().map_err(|_| bad())?;
            for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                if item == "*" {
                    any = true;
                } else if let Some(weak) = item.strip_prefix("W/") {
                    if !(weak.len() >= 2 && weak.starts_with('"') && weak.ends_with('"')) {
                        return Err(bad());
                    }
                } else if item.len() >= 2 && item.starts_with('"') && item.ends_with('"') {
                    tags.push(item.to_owned());
                } else {
                    return Err(bad());
                }
            }
        }
        Ok(match (seen, any) {
            (false, _) => Precondition::None,
            (true, true) => Precondition::Any,
            (true, false) => Precondition::Tags(tags),
        })
    }

    /// Whether the precondition holds for `task` (`None`: the task does not exist).
    fn holds(&self, task: Option<&Task>) -> bool {
        match (self, task) {
            (Precondition::None, _) => true,
            (Precondition::Any, current) => current.is_some(),
            (Precondition::Tags(tags), Some(task)) => {
                let current = task.etag();
                tags.contains(&current)
            }
            (Precondition::Tags(_), None) => false,
        }
    }
}

fn precondition_failed(id: i64, task: Option<&Task>) -> ApiError {
    let message = match task {
        Some(task) => format!(
            "task {id} has changed: its current ETag is {}; read it again and retry",
            task.etag()
        ),
        None => format!("task {id} does not exist, so If-Match cannot hold"),
    };
    ApiError::new(
        StatusCode::PRECONDITION_FAILED,
        "precondition_failed",
        message,
    )
}

/// The wait between attempts of a write that lost a compare-and-set race: 1 ms at first,
/// doubling up to 64 ms, each scaled by a factor in 0.5..1.5 so racing writers do not retry in
/// lockstep. The attempts are bounded by the request's deadline, not by a count.
struct Backoff(Duration);

impl Backoff {
    const FIRST: Duration = Duration::from_millis(1);
    const MAX: Duration = Duration::from_millis(64);

    fn new() -> Backoff {
        Backoff(Backoff::FIRST)
    }

    async fn wait(&mut self) {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |t| t.subsec_nanos());
        tokio::time::sleep(self.0.mul_f64(0.5 + f64::from(nanos % 1000) / 1000.0)).await;
        self.0 = (self.0 * 2).min(Backoff::MAX);
    }
}

async fn update_task(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<TaskPatch>, JsonRejection>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let Json(patch) = body?;
    patch.validate()?;
    let precondition = Precondition::parse(&headers)?;
    refuse_writes(&state)?;
    let mut backoff = Backoff::new();
    // Bounded by the request deadline (the middleware), not by a count.
    loop {
        let current = live(state.store.get(id).await?);
        if !precondition.holds(current.as_ref()) {
            return Err(precondition_failed(id, current.as_ref()));
        }
        let mut task = current.ok_or_else(|| ApiError::not_found(id))?;
        let version = task.updated_at();
        let changes = patch.apply(&mut task, &*state.clock);
        if changes.is_empty() {
            return Ok(task_response(StatusCode::OK, &task)); // nothing changed: no write
        }
        if state.store.update_changes(&task, changes, version).await? {
            return Ok(task_response(StatusCode::OK, &task));
        }
        // Another write landed between our read and our write. Read again: with If-Match
        // the precondition is checked against the new version; without, the patch is applied
        // on top of it.
        backoff.wait().await;
    }
}

/// DELETE is a soft delete: `deleted_at` is stamped with the instant of the touch, so the
/// change feed carries a tombstone; the task then answers 404. Raced like a PUT.
async fn delete_task(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    refuse_writes(&state)?;
    let mut backoff = Backoff::new();
    loop {
        let mut task = live(state.store.get(id).await?).ok_or_else(|| ApiError::not_found(id))?;
        let version = task.updated_at();
        let mut edit = task.edit_with(&*state.clock);
        edit.delete();
        let changes = edit.finish();
        if state.store.update_changes(&task, changes, version).await? {
            return Ok(StatusCode::NO_CONTENT.into_response());
        }
        backoff.wait().await;
    }
}

/// The change feed: tasks changed after the cursor in one total (commit) order, deleted ones
/// as tombstones, and the cursor to poll with next.
async fn changes(
    State(state): State<Arc<AppState>>,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    let after = match query.after.as_deref() {
        None | Some("") => Cursor::default(),
        Some(text) => text.parse::<Cursor>().map_err(|()| {
            bad_query(format!(
                "after={text:?}: expected a cursor (the `next` of the previous answer)"
            ))
        })?,
    };
    let limit = page_limit(query.limit.as_deref())?;
    let batch = state.store.changes(after, limit).await?;
    Ok(Json(json!({
        "changes": batch.tasks,
        "next": batch.next.to_string(),
        "skipped": batch.skipped,
    }))
    .into_response())
}
