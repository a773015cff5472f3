//! The task entity and the request bodies. Stamps only ever come from the derive: a request
//! body naming `created_at`, `updated_at`, `deleted_at` or `id` is rejected
//! (`deny_unknown_fields`).

use serde::{Deserialize, Serialize};
use stamped::{Changes, Clock, Timestamp, Timestamped, Timestamps};

/// Longest accepted title, in characters.
pub(crate) const MAX_TITLE: usize = 200;
/// Longest accepted description, in characters.
pub(crate) const MAX_DESCRIPTION: usize = 10_000;

/// How urgent a task is. Read from JSON as one of the strings `"low"`, `"medium"`, `"high"`;
/// anything else (another string, a number) is a 422 naming the accepted values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", try_from = "String")]
pub enum Priority {
    /// Whenever.
    Low,
    /// Soon (the default).
    #[default]
    Medium,
    /// Now.
    High,
}

impl TryFrom<String> for Priority {
    type Error = String;

    fn try_from(s: String) -> Result<Priority, String> {
        match s.as_str() {
            "low" => Ok(Priority::Low),
            "medium" => Ok(Priority::Medium),
            "high" => Ok(Priority::High),
            _ => Err(format!(
                "unknown priority {s:?}: expected \"low\", \"medium\" or \"high\""
            )),
        }
    }
}

/// Stored as its text (`"low"`, …) in a text column, on any database sqlx binds text on: so
/// the generated `WriteChanges` writes it like any other field.
impl<DB: sqlx::Database> sqlx::Type<DB> for Priority
where
    str: sqlx::Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <str as sqlx::Type<DB>>::type_info()
    }

    fn compatible(ty: &DB::TypeInfo) -> bool {
        <str as sqlx::Type<DB>>::compatible(ty)
    }
}

impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for Priority
where
    &'static str: sqlx::Encode<'q, DB>,
{
    fn encode_by_ref(
        &self,
        buf: &mut <DB as sqlx::Database>::ArgumentBuffer,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        self.as_str().encode_by_ref(buf)
    }
}

impl Priority {
    /// The stored and serialized form.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Medium => "medium",
            Priority::High => "high",
        }
    }
}

/// A task. Its fields change only through the generated setters, which touch `updated_at`
/// exactly when a value changes. Rows load through `sqlx::FromRow` (the stamps flattened and
/// validated like `Timestamps::restore`); new tasks come from the generated constructors.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, Timestamped)]
#[timestamped(new, columns)]
pub struct Task {
    #[timestamped(skip)]
    id: i64,
    title: String,
    description: String,
    #[sqlx(try_from = "String")]
    #[timestamped(copy)]
    priority: Priority,
    /// Set by DELETE (a soft delete): the task then answers 404 and leaves lists, and the
    /// change feed carries it as a tombstone.
    #[timestamped(deleted_at)]
    #[serde(skip_serializing_if = "Option::is_none")]
    deleted_at: Option<Timestamp>,
    #[serde(flatten)]
    #[sqlx(flatten)]
    timestamps: Timestamps,
}

impl Task {
    /// A new task (its id is given by the database), stamped with one reading of `clock`.
    pub(crate) fn create(new: NewTask, clock: &dyn Clock) -> Task {
        Task::with_timestamps(
            0,
            new.title,
            new.description,
            new.priority,
            Timestamps::now_with(clock),
        )
    }

    /// The row's id.
    pub fn id(&self) -> i64 {
        self.id
    }

    /// The task with the id its row was given.
    pub(crate) fn with_id(self, id: i64) -> Task {
        Task { id, ..self }
    }

    /// The HTTP entity tag: the version of the row, which is its `updated_at`.
    pub fn etag(&self) -> String {
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

/// A text field's rules: length, and no NUL (PostgreSQL cannot store it in `TEXT`, so both
/// databases refuse it the same way, here).
fn check_text(field: &str, value: &str, max: usize, required: bool) -> Result<(), Invalid> {
    if required && value.trim().is_empty() {
        return Err(Invalid(format!("`{field}` must not be empty")));
    }
    if value.contains('\0') {
        return Err(Invalid(format!(
            "`{field}` contains a NUL character (\\u0000), which cannot be stored"
        )));
    }
    if value.chars().count() > max {
        return Err(Invalid(format!(
            "`{field}` is longer than {max} characters"
        )));
    }
    Ok(())
}

impl NewTask {
    pub(crate) fn validate(&self) -> Result<(), Invalid> {
        check_text("title", &self.title, MAX_TITLE, true)?;
        check_text("description", &self.description, MAX_DESCRIPTION, false)
    }
}

impl TaskPatch {
    pub(crate) fn validate(&self) -> Result<(), Invalid> {
        if let Some(title) = &self.title {
            check_text("title", title, MAX_TITLE, true)?;
        }
        if let Some(description) = &self.description {
            check_text("description", description, MAX_DESCRIPTION, false)?;
        }
        Ok(())
    }

    /// Applies the patch through one edit whose touch reads `clock`: at most one touch, and
    /// none if nothing changed. Returns the fields that changed.
    pub(crate) fn apply(&self, task: &mut Task, clock: &dyn Clock) -> Changes {
        let mut edit = task.edit_with(clock);
        if let Some(title) = &self.title {
            edit.set_title(title.clone());
        }
        if let Some(description) = &self.description {
            edit.set_description(description.clone());
        }
        if let Some(priority) = self.priority {
            edit.set_priority(priority);
        }
        edit.finish()
    }
}
