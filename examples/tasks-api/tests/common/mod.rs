//! The harness every test file of the service shares: a database of its own (a fresh SQLite
//! file, or a fresh PostgreSQL schema), the service started in-process on `127.0.0.1:0`, and
//! small HTTP helpers.
#![allow(
    dead_code,
    unreachable_pub,
    unused_macros,
    reason = "shared by several test binaries, each using a part"
)]

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reqwest::{Client, StatusCode};
use serde_json::Value;
use stamped::{Clock, SystemClock, Timestamp};
use tasks_api::{App, Durability, Limits, Settings};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

static NEXT: AtomicU32 = AtomicU32::new(0);

/// A database of its own for one test.
pub struct Database {
    pub url: String,
    cleanup: Cleanup,
}

pub enum Cleanup {
    File(std::path::PathBuf),
    Schema { admin_url: String, schema: String },
}

impl Database {
    pub fn sqlite() -> Database {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let path =
            std::env::temp_dir().join(format!("tasks-api-test-{}-{n}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        Database {
            url: format!("sqlite://{}?mode=rwc", path.display()),
            cleanup: Cleanup::File(path),
        }
    }

    pub async fn postgres() -> Database {
        let admin_url = std::env::var("TIMESTAMPED_POSTGRES_URL").expect(
            "TIMESTAMPED_POSTGRES_URL must name a PostgreSQL server for the postgres variants",
        );
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let schema = format!("tasks_api_test_{}_{n}_{nanos}", std::process::id());
        let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin_url)
            .await
            .expect("PostgreSQL reachable");
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
            .execute(&mut conn)
            .await
            .unwrap();
        let sep = if admin_url.contains('?') { '&' } else { '?' };
        let url = format!("{admin_url}{sep}options=-c%20search_path%3D{schema}");
        Database {
            url,
            cleanup: Cleanup::Schema { admin_url, schema },
        }
    }

    /// The PostgreSQL schema of this database, if it is one.
    pub fn schema(&self) -> Option<&str> {
        match &self.cleanup {
            Cleanup::Schema { schema, .. } => Some(schema),
            Cleanup::File(_) => None,
        }
    }

    pub async fn drop_all(self) {
        match self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Schema { admin_url, schema } => {
                if let Ok(mut conn) =
                    <sqlx::PgConnection as sqlx::Connection>::connect(&admin_url).await
                {
                    let _ =
                        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
                            .execute(&mut conn)
                            .await;
                }
            }
        }
    }
}

/// How a test starts the service.
#[derive(Clone)]
pub struct Options {
    pub deadline: Duration,
    pub limits: Limits,
    pub clock: Arc<dyn Clock>,
    pub max_clock_offset: Duration,
    pub clock_check_interval: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            deadline: Duration::from_secs(5),
            limits: Limits::default(),
            clock: Arc::new(SystemClock),
            max_clock_offset: tasks_api::DEFAULT_MAX_CLOCK_OFFSET,
            clock_check_interval: tasks_api::DEFAULT_CLOCK_CHECK_INTERVAL,
        }
    }
}

/// The service running in this process.
pub struct Server {
    pub base: String,
    pub app: App,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl Server {
    pub async fn start(url: &str) -> Server {
        Server::start_with(url, Options::default()).await
    }

    pub async fn start_with(url: &str, options: Options) -> Server {
        let app = App::open_with(
            url,
            Settings {
                durability: Durability::Full,
                deadline: options.deadline,
                clock: options.clock,
                max_clock_offset: options.max_clock_offset,
                clock_check_interval: options.clock_check_interval,
            },
        )
        .await
        .expect("the service opens its database");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let serving = app.clone();
        let task = tokio::spawn(async move {
            serving
                .serve(listener, options.limits, async {
                    let _ = stopped.await;
                })
                .await
                .expect("server runs");
        });
        Server {
            base,
            app,
            stop: Some(stop),
            task,
        }
    }

    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.task.await.unwrap();
        self.app.close().await;
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

pub async fn send(
    client: &Client,
    method: reqwest::Method,
    url: String,
    body: Option<Value>,
) -> (StatusCode, HeaderView, Value) {
    let mut request = client.request(method, url);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("request sent");
    let status = response.status();
    let headers = HeaderView(response.headers().clone());
    let text = response.text().await.unwrap();
    let json = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).expect("the body is JSON")
    };
    (status, headers, json)
}

pub struct HeaderView(pub reqwest::header::HeaderMap);

impl HeaderView {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(|v| v.to_str().ok())
    }
}

pub fn stamp(task: &Value, field: &str) -> Timestamp {
    task[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} in {task}"))
        .parse()
        .unwrap()
}

pub async fn create(client: &Client, server: &Server, body: Value) -> Value {
    let (status, _, task) = send(
        client,
        reqwest::Method::POST,
        server.url("/api/v1/tasks"),
        Some(body),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{task}");
    task
}

pub async fn list(client: &Client, server: &Server) -> Vec<Value> {
    let mut all = Vec::new();
    let mut after = 0_i64;
    loop {
        let (status, _, body) = send(
            client,
            reqwest::Method::GET,
            server.url(&format!("/api/v1/tasks?limit=1000&after={after}")),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        all.extend(
            body["tasks"]
                .as_array()
                .expect("{\"tasks\": [...]}")
                .iter()
                .cloned(),
        );
        match body["next"].as_i64() {
            Some(next) => after = next,
            None => return all,
        }
    }
}

/// Runs each scenario (an `async fn(&str)` taking the database URL) on SQLite and on
/// PostgreSQL.
macro_rules! on_both_databases {
    ($($scenario:ident),* $(,)?) => {$(
        mod $scenario {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = crate::common::Database::sqlite();
                super::$scenario(&db.url).await;
                db.drop_all().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[ignore = "needs PostgreSQL: set TIMESTAMPED_POSTGRES_URL and pass --include-ignored"]
            async fn postgres() {
                let db = crate::common::Database::postgres().await;
                super::$scenario(&db.url).await;
                db.drop_all().await;
            }
        }
    )*};
}

/// A connection to the service's database from outside the service: another session, as an
/// operator, a migration or a follower would open one.
pub enum Outside {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

impl Outside {
    pub async fn connect(url: &str) -> Outside {
        use sqlx::Connection;
        if url.starts_with("sqlite:") {
            Outside::Sqlite(sqlx::SqliteConnection::connect(url).await.unwrap())
        } else {
            Outside::Postgres(sqlx::PgConnection::connect(url).await.unwrap())
        }
    }

    /// Runs `sql` (one or more statements, no parameters).
    pub async fn execute(&mut self, sql: &str) {
        match self {
            Outside::Sqlite(conn) => sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
                .execute(conn)
                .await
                .map(|_| ()),
            Outside::Postgres(conn) => sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
                .execute(conn)
                .await
                .map(|_| ()),
        }
        .unwrap();
    }

    /// The tasks `sql` selects (all the entity's columns), with `since` bound as `$1` if given.
    pub async fn tasks(&mut self, sql: &str, since: Option<Timestamp>) -> Vec<tasks_api::Task> {
        match self {
            Outside::Sqlite(conn) => {
                let query = sqlx::query_as(sqlx::AssertSqlSafe(sql.to_owned()));
                let query = match since {
                    Some(t) => query.bind(t),
                    None => query,
                };
                query.fetch_all(conn).await
            }
            Outside::Postgres(conn) => {
                let query = sqlx::query_as(sqlx::AssertSqlSafe(sql.to_owned()));
                let query = match since {
                    Some(t) => query.bind(t),
                    None => query,
                };
                query.fetch_all(conn).await
            }
        }
        .unwrap()
    }
}
