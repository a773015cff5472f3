//! The task entity and the request bodies. Stamps only ever come from the derive: a request
//! body naming `created_at` or `updated_at` is rejected (`deny_unknown_fields`).

use serde::{Deserialize, Serialize};
use timestamped::{Timestamped, Timestamps};

/// Longest accepted title, in characters.
pub(crate) const MAX_TITLE: usize = 200;
/// Longest accepted description, in characters.
pub(crate) const MAX_DESCRIPTION: usize = 10_000;

/// Read from JSON as one of the strings `"low"`, `"medium"`, `"high"`; anything else (another
/// string, a number) is a 422 naming the accepted values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", try_from = "String")]
pub(crate) enum Priority {
    Low,
    #[default]
    Medium,
    High,
}

impl TryFrom<String> for Priority {
    type Error = String;

    fn try_from(s: String) -> Result<Priority, String> {
        Priority::parse(&s).ok_or_else(|| {
            format!("unknown priority {s:?}: expected \"low\", \"medium\" or \"high\"")
        })
    }
}

impl Priority {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Medium => "medium",
            Priority::High => "high",
        }
    }

    fn parse(s: &str) -> Option<Priority> {
        match s {
            "low" => Some(Priority::Low),
            "medium" => Some(Priority::Medium),
            "high" => Some(Priority::High),
            _ => None,
        }
    }
}

/// A task. Its fields change only through the generated setters, which touch `updated_at`
/// exactly when a value changes. Rows load through `sqlx::FromRow` (the stamps flattened and
/// validated like `Timestamps::restore`); new tasks come from the generated `Task::new`.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, Timestamped)]
#[timestamped(new)]
pub(crate) struct Task {
    #[timestamped(skip)]
    id: i64,
    title: String,
    description: String,
    #[sqlx(try_from = "String")]
    priority: Priority,
    #[serde(flatten)]
    #[sqlx(flatten)]
    timestamps: Timestamps,
}

impl Task {
    pub(crate) fn id(&self) -> i64 {
        self.id
    }

    /// The task with the id its row was given.
    pub(crate) fn with_id(self, id: i64) -> Task {
        Task { id, ..self }
    }

    /// The HTTP entity tag: the version of the row, which is its `updated_at`.
    pub(crate) fn etag(&self) -> String {
        format!("\"{}\"", self.updated_at())
    }
}

/// `POST /api/v1/tasks`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewTask {
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) description: String,
    #[serde(default)]
    pub(crate) priority: Priority,
}

/// `PUT /api/v1/tasks/{id}`: any subset of the fields.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TaskPatch {
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) priority: Option<Priority>,
}

/// Why a body's values were refused.
#[derive(Debug)]
pub(crate) struct Invalid(pub(crate) String);

fn check_title(title: &str) -> Result<(), Invalid> {
    if title.trim().is_empty() {
        return Err(Invalid("`title` must not be empty".into()));
    }
    if title.chars().count() > MAX_TITLE {
        return Err(Invalid(format!(
            "`title` is longer than {MAX_TITLE} characters"
        )));
    }
    Ok(())
}

fn check_description(description: &str) -> Result<(), Invalid> {
    if description.chars().count() > MAX_DESCRIPTION {
        return Err(Invalid(format!(
            "`description` is longer than {MAX_DESCRIPTION} characters"
        )));
    }
    Ok(())
}

impl NewTask {
    pub(crate) fn validate(&self) -> Result<(), Invalid> {
        check_title(&self.title)?;
        check_description(&self.description)
    }
}

impl TaskPatch {
    pub(crate) fn validate(&self) -> Result<(), Invalid> {
        if let Some(title) = &self.title {
            check_title(title)?;
        }
        if let Some(description) = &self.description {
            check_description(description)?;
        }
        Ok(())
    }

    /// Applies the patch through one edit: at most one touch, and none if nothing changed.
    /// Returns whether the task changed.
    pub(crate) fn apply(&self, task: &mut Task) -> bool {
        let mut edit = task.edit();
        if let Some(title) = &self.title {
            edit.set_title(title.clone());
        }
        if let Some(description) = &self.description {
            edit.set_description(description.clone());
        }
        if let Some(priority) = self.priority {
            edit.set_priority(priority);
        }
        !edit.finish().is_empty()
    }
}
