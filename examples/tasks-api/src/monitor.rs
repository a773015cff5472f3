//! One validation pass of the tasks service, and the alert gate: the logic of the
//! `tasks-monitor` binary, shared with the tests.

use std::fmt;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use stamped::Timestamp;

/// Average create latency above which the service counts as slow.
pub const SLOW_CREATE: Duration = Duration::from_millis(500);
/// How far from the monitor's clock a fresh stamp may be.
pub const MAX_SKEW: Duration = Duration::from_mins(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
/// How the service is doing.
pub enum Level {
    /// Everything checked out.
    Healthy,
    /// Slow, or `/health` not 200.
    Degraded,
    /// Missing or wrong stamps, API errors.
    Critical,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Healthy => "healthy",
            Level::Degraded => "degraded",
            Level::Critical => "critical",
        })
    }
}

/// What one pass found.
#[derive(Debug, Clone)]
pub struct Report {
    /// The worst finding.
    pub level: Level,
    /// What was found, one line each.
    pub reasons: Vec<String>,
    /// Average latency of the batch of creates, when it ran.
    pub average_create: Option<Duration>,
}

impl Report {
    fn flag(&mut self, level: Level, reason: impl Into<String>) {
        self.level = self.level.max(level);
        self.reasons.push(reason.into());
    }

    /// What identifies this alert across passes: the level and the reasons without their
    /// numbers (latencies, ids, stamps change from pass to pass). `None` when healthy.
    pub fn alert_key(&self) -> Option<String> {
        (self.level != Level::Healthy).then(|| {
            let reasons = self.reasons.join("; ");
            format!(
                "{}: {}",
                self.level,
                reasons.replace(|c: char| c.is_ascii_digit(), "")
            )
        })
    }

    /// The line the monitor prints.
    pub fn summary(&self) -> String {
        let average = self
            .average_create
            .map_or_else(String::new, |d| format!(" (create avg {:.1} ms)", ms(d)));
        if self.reasons.is_empty() {
            format!("{}{average}", self.level)
        } else {
            format!("{}{average}: {}", self.level, self.reasons.join("; "))
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

/// A failed step: the reason to report.
type Step<T> = Result<T, String>;

struct Api<'a> {
    client: &'a reqwest::Client,
    base: &'a str,
}

impl Api<'_> {
    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Step<(u16, Value)> {
        let mut request = self
            .client
            .request(method.clone(), format!("{}{path}", self.base));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request
            .send()
            .await
            .map_err(|e| format!("{method} {path}: {e}"))?;
        let status = response.status().as_u16();
        let text = response
            .text()
            .await
            .map_err(|e| format!("{method} {path}: reading the body: {e}"))?;
        let json = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::Null)
        };
        Ok((status, json))
    }

    async fn create(&self, title: &str) -> Step<Value> {
        match self
            .send(
                reqwest::Method::POST,
                "/api/v1/tasks",
                Some(json!({ "title": title })),
            )
            .await?
        {
            (201, task) => Ok(task),
            (status, body) => Err(format!("create answered {status}: {body}")),
        }
    }

    async fn delete(&self, id: i64) -> Step<()> {
        match self
            .send(
                reqwest::Method::DELETE,
                &format!("/api/v1/tasks/{id}"),
                None,
            )
            .await?
        {
            (204, _) => Ok(()),
            (status, body) => Err(format!("delete of task {id} answered {status}: {body}")),
        }
    }
}

fn stamp(task: &Value, field: &str) -> Step<Timestamp> {
    let text = task[field]
        .as_str()
        .ok_or_else(|| format!("task has no `{field}`: {task}"))?;
    text.parse()
        .map_err(|e| format!("`{field}` {text:?} is not a timestamp: {e}"))
}

fn id_of(task: &Value) -> Step<i64> {
    task["id"]
        .as_i64()
        .ok_or_else(|| format!("task has no `id`: {task}"))
}

/// Creates, updates and deletes one task, checking its stamps.
async fn check_stamps(api: &Api<'_>) -> Step<()> {
    let task = api.create("monitor probe").await?;
    let id = id_of(&task)?;
    let result = async {
        let (created, updated) = (stamp(&task, "created_at")?, stamp(&task, "updated_at")?);
        if created != updated {
            return Err(format!(
                "a new task has created_at {created} != updated_at {updated}"
            ));
        }
        let now = Timestamp::now();
        let skew = now
            .checked_duration_since(created)
            .or_else(|| created.checked_duration_since(now))
            .unwrap_or(Duration::MAX);
        if skew > MAX_SKEW {
            return Err(format!(
                "created_at {created} is {skew:?} away from the monitor's clock {now}"
            ));
        }
        let path = format!("/api/v1/tasks/{id}");
        match api
            .send(
                reqwest::Method::PUT,
                &path,
                Some(json!({ "title": "monitor probe, updated" })),
            )
            .await?
        {
            (200, after) => {
                let moved = stamp(&after, "updated_at")?;
                if moved <= updated {
                    return Err(format!(
                        "an update left updated_at at {moved} (was {updated})"
                    ));
                }
                if stamp(&after, "created_at")? != created {
                    return Err("an update changed created_at".into());
                }
                Ok(())
            }
            (status, body) => Err(format!("update answered {status}: {body}")),
        }
    }
    .await;
    let deleted = api.delete(id).await;
    result.and(deleted)
}

/// Times `count` creates, then deletes what it made.
async fn time_creates(api: &Api<'_>, count: u32) -> Step<Duration> {
    let mut ids = Vec::new();
    let start = Instant::now();
    for i in 0..count {
        ids.push(id_of(
            &api.create(&format!("monitor latency probe {i}")).await?,
        )?);
    }
    let average = start.elapsed() / count;
    for id in ids {
        api.delete(id).await?;
    }
    Ok(average)
}

/// What `/health` counts that needs a person: stamps in the future (written by a clock that
/// was ahead; the touch rule then carries them forward on every update, so they never heal by
/// themselves) and a clock off beyond the maximum offset.
fn check_health_findings(report: &mut Report, health: &Value) {
    if let Some(n @ 1..) = health["future_stamps"].as_i64() {
        report.flag(
            Level::Critical,
            format!("{n} tasks have updated_at in the future beyond the maximum clock offset: repair them as the README says"),
        );
    }
    if health["status"] == "clock_skew" {
        report.flag(
            Level::Critical,
            format!(
                "the instance's clock is {} µs off the database's: it refuses writes",
                health["clock"]["offset_micros"]
            ),
        );
    }
}

/// One validation pass against the service at `base` (e.g. `http://127.0.0.1:8000`).
pub async fn validate(client: &reqwest::Client, base: &str) -> Report {
    let api = Api {
        client,
        base: base.trim_end_matches('/'),
    };
    let mut report = Report {
        level: Level::Healthy,
        reasons: Vec::new(),
        average_create: None,
    };
    match api.send(reqwest::Method::GET, "/health", None).await {
        Ok((200, body)) => check_health_findings(&mut report, &body),
        Ok((status, body)) => {
            report.flag(
                Level::Degraded,
                format!("/health answered {status}: {body}"),
            );
            check_health_findings(&mut report, &body);
        }
        Err(e) => {
            report.flag(Level::Critical, format!("API unreachable: {e}"));
            return report;
        }
    }
    if let Err(reason) = check_stamps(&api).await {
        report.flag(Level::Critical, reason);
    }
    match time_creates(&api, 10).await {
        Ok(average) => {
            report.average_create = Some(average);
            if average > SLOW_CREATE {
                report.flag(
                    Level::Degraded,
                    format!("creates are slow: {:.1} ms on average", ms(average)),
                );
            }
        }
        Err(reason) => report.flag(Level::Critical, reason),
    }
    report
}

/// Lets an alert through when it is new, or when the same alert was last let through at least
/// `every` ago.
pub struct AlertGate {
    every: Duration,
    last: Option<(String, Instant)>,
}

impl AlertGate {
    /// A gate that lets an unchanged alert through at most once per `every`.
    pub fn new(every: Duration) -> Self {
        AlertGate { every, last: None }
    }

    /// Whether to emit `alert` at `now`. A healthy pass clears the gate.
    pub fn admit(&mut self, alert: Option<&str>, now: Instant) -> bool {
        let Some(alert) = alert else {
            self.last = None;
            return false;
        };
        let repeat = matches!(&self.last, Some((last, at)) if last == alert && now.duration_since(*at) < self.every);
        if !repeat {
            self.last = Some((alert.to_owned(), now));
        }
        !repeat
    }
}
