//! The page at `/`, in a real browser: headless Chromium driven over `WebDriver` (`chromedriver`)
//! against the service on a random port with its own database.
//!
//! Checks what a person at the browser would: the page loads without console errors; a task
//! created through the form shows equal created and updated times; an edit moves updated and
//! not created; a stale edit (another client changed the task meanwhile) shows the conflict
//! message, keeps the other client's change and the user's text; and no `input`, `textarea`,
//! `select` or editable element anywhere is bound to a timestamp. A screenshot is saved as
//! `tasks-page.png` in cargo's target tmp directory.
//!
//! Needs `chromium` and `chromedriver` (Debian packages `chromium`, `chromium-driver`; other
//! paths through `CHROMIUM` and `CHROMEDRIVER`), so it is `#[ignore]`d in a plain `cargo test`;
//! `.ci/run` installs them and runs it with `--include-ignored`.

#![expect(
    clippy::too_many_lines,
    reason = "the scenario reads top to bottom as one visit"
)]

mod common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{send, Database, Server};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver process and one browser session on it.
struct Browser {
    driver: Child,
    base: String,
    session: String,
    http: Client,
}

impl Browser {
    async fn start() -> Browser {
        let driver_path =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap().port()
        };
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {driver_path}: {e}"));
        let base = format!("http://127.0.0.1:{port}");
        let http = Client::new();
        let started = Instant::now();
        loop {
            if let Ok(r) = http.get(format!("{base}/status")).send().await {
                if r.status().is_success() {
                    break;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile =
            std::env::temp_dir().join(format!("tasks-api-chromium-{}", std::process::id()));
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--window-size=1100,900",
                    format!("--user-data-dir={}", profile.display()),
                ],
            },
        }}});
        let reply: Value = http
            .post(format!("{base}/session"))
            .json(&capabilities)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let session = reply["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {reply}"))
            .to_owned();
        Browser {
            driver,
            base,
            session,
            http,
        }
    }

    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let mut request = self.http.request(method, url);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let reply: Value = request.send().await.unwrap().json().await.unwrap();
        assert!(
            reply["value"].get("error").is_none(),
            "WebDriver {path}: {reply}"
        );
        reply["value"].clone()
    }

    async fn open(&self, url: &str) {
        self.call(Method::POST, "/url", Some(json!({ "url": url })))
            .await;
    }

    async fn script(&self, script: &str, args: Value) -> Value {
        self.call(
            Method::POST,
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
        .await
    }

    async fn find(&self, css: &str) -> String {
        let found = self
            .call(
                Method::POST,
                "/element",
                Some(json!({"using": "css selector", "value": css})),
            )
            .await;
        found[ELEMENT].as_str().unwrap().to_owned()
    }

    async fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        self.call(
            Method::POST,
            &format!("/element/{element}/clear"),
            Some(json!({})),
        )
        .await;
        self.call(
            Method::POST,
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        )
        .await;
    }

    async fn click(&self, css: &str) {
        let element = self.find(css).await;
        self.call(
            Method::POST,
            &format!("/element/{element}/click"),
            Some(json!({})),
        )
        .await;
    }

    /// Waits until `script` (a JS expression) is truthy, and returns its value.
    async fn until(&self, what: &str, script: &str) -> Value {
        let started = Instant::now();
        loop {
            let value = self.script(&format!("return {script};"), json!([])).await;
            if !(value.is_null() || value == json!(false) || value == json!("")) {
                return value;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "timed out waiting for {what}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Console messages logged at error level since the last call.
    async fn console_errors(&self) -> Vec<String> {
        let entries = self
            .call(Method::POST, "/se/log", Some(json!({"type": "browser"})))
            .await;
        entries
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    async fn screenshot(&self) -> Vec<u8> {
        let encoded = self.call(Method::GET, "/screenshot", None).await;
        base64_decode(encoded.as_str().unwrap())
    }

    async fn quit(mut self) {
        let _ = self
            .http
            .delete(format!("{}/session/{}", self.base, self.session))
            .send()
            .await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        }
    };
    let clean: Vec<u8> = text
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
        .collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let mut bits = 0_u32;
        for (i, c) in chunk.iter().enumerate() {
            bits |= value(*c) << (18 - 6 * i);
        }
        let bytes = bits.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}

/// Every form control and editable element on the page, with what names it.
const CONTROLS: &str = r"
  return Array.from(document.querySelectorAll('input, textarea, select, [contenteditable]'))
    .filter(el => el.getAttribute('contenteditable') !== 'false')
    .map(el => ({
      tag: el.tagName.toLowerCase(),
      name: el.name || '',
      id: el.id || '',
      label: (el.labels && el.labels.length ? el.labels[0].textContent : '') + ' ' + (el.getAttribute('aria-label') || ''),
      value: 'value' in el ? String(el.value) : el.textContent,
      bound: Object.keys(el.dataset).join(' '),
    }));
";

/// Whether a control is tied to a timestamp by its name, label or value.
fn names_a_timestamp(control: &Value) -> bool {
    let text = format!(
        "{} {} {} {}",
        control["name"], control["id"], control["label"], control["bound"]
    )
    .to_lowercase();
    let by_name = ["created", "updated", "deleted", "timestamp", "_at"]
        .iter()
        .any(|w| text.contains(w));
    let value = control["value"].as_str().unwrap_or_default();
    by_name || value.parse::<stamped::Timestamp>().is_ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver (Debian: chromium chromium-driver); pass --include-ignored"]
async fn the_page_creates_edits_and_never_lets_a_timestamp_be_typed() {
    let db = Database::sqlite();
    let server = Server::start(&db.url).await;
    let api = Client::new();
    let browser = Browser::start().await;

    browser.open(&server.url("/")).await;
    browser
        .until("the page", "document.readyState === 'complete'")
        .await;
    browser
        .until(
            "health",
            "document.getElementById('health').textContent.includes('healthy')",
        )
        .await;
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors on load: {errors:?}");

    // Create through the form, as a person would.
    browser
        .type_into("#new-title", "Write the release notes")
        .await;
    browser.type_into("#new-description", "for 0.2").await;
    browser.click("#create button[type=submit]").await;
    let id = browser
        .until(
            "the new task",
            "document.querySelector('li.task') && document.querySelector('li.task').dataset.taskId",
        )
        .await;
    let id: i64 = id.as_str().unwrap().parse().unwrap();
    let stamps = |id: i64| {
        format!(
            "(() => {{ const li = document.querySelector('li[data-task-id=\"{id}\"]'); \
             return [li.querySelector('time.created').dateTime, li.querySelector('time.updated').dateTime, \
             li.querySelector('.title').textContent]; }})()"
        )
    };
    let shown = browser
        .script(&format!("return {};", stamps(id)), json!([]))
        .await;
    assert_eq!(
        shown[0], shown[1],
        "a new task shows equal created and updated: {shown}"
    );
    let (_, _, stored) = send(
        &api,
        Method::GET,
        server.url(&format!("/api/v1/tasks/{id}")),
        None,
    )
    .await;
    assert_eq!(shown[0], stored["created_at"]);
    assert_eq!(shown[2], "Write the release notes");
    let hover = browser
        .script(
            &format!(
                "return document.querySelector('li[data-task-id=\"{id}\"] time.created').title;"
            ),
            json!([]),
        )
        .await;
    assert!(
        hover
            .as_str()
            .unwrap()
            .contains(stored["created_at"].as_str().unwrap()),
        "exact UTC on hover: {hover}"
    );

    // Edit: updated moves, created does not.
    browser
        .click(&format!("li[data-task-id=\"{id}\"] .start-edit"))
        .await;
    browser
        .type_into(&format!("#edit-title-{id}"), "Write the release notes, v2")
        .await;
    browser
        .click(&format!(
            "li[data-task-id=\"{id}\"] form.edit button[type=submit]"
        ))
        .await;
    browser
        .until(
            "the saved edit",
            &format!("!document.querySelector('li[data-task-id=\"{id}\"] form.edit')"),
        )
        .await;
    let edited = browser
        .script(&format!("return {};", stamps(id)), json!([]))
        .await;
    assert_eq!(edited[0], shown[0], "created did not move");
    assert!(
        edited[1].as_str().unwrap() > shown[1].as_str().unwrap(),
        "updated moved: {edited}"
    );
    assert_eq!(edited[2], "Write the release notes, v2");

    // A stale edit: another client changes the task while the form is open.
    browser
        .click(&format!("li[data-task-id=\"{id}\"] .start-edit"))
        .await;
    browser
        .type_into(&format!("#edit-title-{id}"), "My late change")
        .await;
    let (status, _, theirs) = send(
        &api,
        Method::PUT,
        server.url(&format!("/api/v1/tasks/{id}")),
        Some(json!({"title": "Their change"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    browser
        .click(&format!(
            "li[data-task-id=\"{id}\"] form.edit button[type=submit]"
        ))
        .await;
    let conflict = browser
        .until(
            "the conflict message",
            &format!("document.querySelector('li[data-task-id=\"{id}\"] .conflict').textContent"),
        )
        .await;
    assert!(
        conflict
            .as_str()
            .unwrap()
            .contains("Someone else changed this task"),
        "{conflict}"
    );
    let (_, _, stored) = send(
        &api,
        Method::GET,
        server.url(&format!("/api/v1/tasks/{id}")),
        None,
    )
    .await;
    assert_eq!(stored, theirs, "the stale edit overwrote nothing");
    let kept = browser
        .script(
            &format!("return document.getElementById('edit-title-{id}').value;"),
            json!([]),
        )
        .await;
    assert_eq!(kept, "My late change", "the user's text is kept");

    // No control anywhere (the create form and an open edit form) is bound to a timestamp.
    let controls = browser.script(CONTROLS, json!([])).await;
    let controls = controls.as_array().unwrap();
    assert!(controls.len() >= 6, "the forms are there: {controls:?}");
    let bound: Vec<&Value> = controls.iter().filter(|c| names_a_timestamp(c)).collect();
    assert!(bound.is_empty(), "controls bound to a timestamp: {bound:?}");

    let png = browser.screenshot().await;
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("tasks-page.png");
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());

    let errors = browser.console_errors().await;
    let unexpected: Vec<&String> = errors.iter().filter(|e| !e.contains("412")).collect();
    assert!(unexpected.is_empty(), "console errors: {unexpected:?}");

    // Delete through the page.
    browser
        .click(&format!("li[data-task-id=\"{id}\"] .delete"))
        .await;
    browser
        .until(
            "the task to leave the list",
            &format!("!document.querySelector('li[data-task-id=\"{id}\"]')"),
        )
        .await;
    let (status, _, _) = send(
        &api,
        Method::GET,
        server.url(&format!("/api/v1/tasks/{id}")),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    browser.quit().await;
    server.stop().await;
    db.drop_all().await;
}

#[test]
fn base64_decodes() {
    assert_eq!(base64_decode("iVBORw=="), b"\x89PNG");
    assert_eq!(base64_decode("aGVsbG8="), b"hello");
    assert_eq!(base64_decode("aGk="), b"hi");
}
