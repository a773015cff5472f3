//! `#[derive(Timestamped)]` for the [`stamped`](https://docs.rs/stamped) crate.
//!
//! This crate only parses the input and hands it to the expansion; use it through
//! `stamped`, which re-exports the derive next to the runtime it generates code for.

mod accessors;
mod ast;
mod attr;
mod columns;
mod constructor;
mod ctxt;
mod edit;
mod expand;
mod soft_delete;
mod span;
mod valid;

#[cfg(test)]
mod snapshots;

use proc_macro::TokenStream;

/// Keeps an entity's `created_at` / `updated_at` private and generates everything that changes
/// the entity through them.
///
/// The struct has named fields and exactly one private field of type `Timestamps` (or
/// `Timestamps<Millis>`, `Timestamps<Seconds>`). Every other field is *managed* unless marked
/// `skip` (or `deleted_at`), and must then be private: its setter is the only way to change it.
///
/// # Generated items
///
/// With the struct's visibility (a field's `vis` option overrides it for that field's items):
///
/// | item | what it does |
/// |---|---|
/// | `fn title(&self) -> &String` | getter of each managed field; `-> String` by copy with `copy`. Docs carried over |
/// | `fn set_title(&mut self, value: String) -> bool` | stores a different value and touches `updated_at` (one clock read); an equal value changes nothing, reads no clock, returns `false`. Takes `impl Into<String>` with `into` |
/// | `fn edit(&mut self) -> TaskEdit<'_>` | an edit: the same setters, chained, with at most one touch when the edit ends |
/// | `fn edit_with(&mut self, clock: &dyn Clock) -> TaskEdit<'_>` | an edit whose touch reads `clock` |
/// | `TaskEdit::set_title(&mut self, value: String) -> &mut TaskEdit` | an edit's setter of each managed field |
/// | `TaskEdit::finish(self) -> Changes` | applies the touch now and says which fields changed (dropping the edit applies it too) |
/// | `fn created_at(&self)`, `fn updated_at(&self) -> Timestamp`, `fn timestamps(&self)` | the stamps |
/// | `fn new(fields…) -> Self`, `fn with_timestamps(fields…, timestamps) -> Self` | with `#[timestamped(new)]`: every field but the stamps and `deleted_at`, in declaration order |
/// | `deleted_at()`, `is_deleted()`, `delete() -> bool`, `undelete() -> bool`; `TaskEdit::delete()`, `undelete()` | with a `#[timestamped(deleted_at)]` field |
/// | `impl Timestamped for Task` | `timestamps()`, `created_at()`, `updated_at()`, `touch()`, `touch_with(&dyn Clock)` for generic code |
///
/// These names are API from 0.1 on: a later version neither renames nor removes them, and adds
/// new generated items only behind a new option, so that a name a user already took for a method
/// of their own never collides with one the derive starts to generate. Besides them the derive
/// generates an `impl Drop for TaskEdit` and one `const _: () = { .. };` block, and with
/// `#[timestamped(columns)]` an `impl WriteChanges<V> for Task`; `__`-prefixed names inside them
/// are private.
///
/// ```
/// use stamped::{Timestamped, Timestamps};
///
/// #[derive(Debug, Timestamped)]
/// pub struct Task {
///     /// What to do.
///     title: String,
///     count: u64,
///     timestamps: Timestamps,
/// }
///
/// let mut task = Task { title: "a".into(), count: 0, timestamps: Timestamps::now() };
/// assert!(task.set_count(5));            // takes a `u64`: the literal infers
/// assert!(!task.set_count(5));           // equal: no change, no touch
/// let mut edit = task.edit();
/// edit.set_title("b".to_string()).set_count(6);
/// let changes = edit.finish();           // one touch for both
/// assert_eq!(changes.iter().collect::<Vec<_>>(), ["title", "count"]);
/// assert!(task.updated_at() > task.created_at());
/// ```
///
/// # Struct options
///
/// - `#[timestamped(new)]` generates `new` (stamped with one reading of the current clock) and
///   `with_timestamps` (stamps given: a batch sharing one reading, or a pair from storage):
///
///   ```
///   use stamped::{Timestamped, Timestamps};
///
///   #[derive(Timestamped)]
///   #[timestamped(new)]
///   struct Task { #[timestamped(skip)] id: i64, title: String, timestamps: Timestamps }
///
///   let task = Task::new(1, "a".to_string());
///   assert_eq!(task.created_at(), task.updated_at());
///   let batch: Timestamps = Timestamps::now();
///   let copy = Task::with_timestamps(2, "b".to_string(), batch);
///   assert_eq!(*copy.timestamps(), batch);
///   ```
/// - `#[timestamped(into)]`: every setter, and every parameter of `new`, takes `impl Into<T>`.
/// - `#[timestamped(copy)]`: every getter returns its value by copy.
/// - `#[timestamped(crate = "::path")]`: where the runtime is, when `stamped` is renamed or
///   re-exported (an absolute path).
///
/// # Field options
///
/// - `skip`: no accessors, not managed (may be `pub`); still a parameter of `new`.
/// - `no_touch`: the setter stores a different value without touching (and still reports it).
/// - `always_touch`: the setter touches on every call, equal or not: for types without
///   `PartialEq`.
/// - `vis = "pub(crate)"`: visibility of this field's accessors (`""` for private).
/// - `into`, `copy`: as the struct options, for this field only.
/// - `deleted_at`: this `Option<Timestamp>` field is the soft-delete stamp: no setter; `delete()`
///   sets it to the instant of its touch (so `deleted_at == updated_at`), `undelete()` clears it
///   and touches.
///
/// ```
/// use stamped::{Timestamp, Timestamped, Timestamps};
///
/// #[derive(Timestamped)]
/// #[timestamped(new)]
/// pub struct Counter {
///     #[timestamped(into, vis = "pub(crate)")]
///     name: String,
///     #[timestamped(no_touch, copy)]
///     hits: u64,
///     #[timestamped(deleted_at)]
///     deleted_at: Option<Timestamp>,
///     timestamps: Timestamps,
/// }
///
/// let mut c = Counter::new("home".to_string(), 0);
/// let version = c.updated_at();
/// assert!(c.set_hits(1));                 // no_touch: stored, reported, not touched
/// assert_eq!((c.hits(), c.updated_at()), (1, version));
/// assert!(c.set_name("start"));           // into: a &str will do
/// assert!(c.delete());
/// assert_eq!(c.deleted_at(), Some(c.updated_at()));
/// ```
///
/// # Errors
///
/// Every misuse is a compile error pointing at the offending tokens, all of them at once: a
/// tuple struct, enum or union; zero or two `Timestamps` fields; a `pub` managed, `Timestamps`
/// or `deleted_at` field; an unknown, misplaced, repeated or contradictory option; a bad `vis`;
/// a relative `crate` path; a `deleted_at` field that is not `Option<Timestamp>`; `copy` on a
/// type that is not `Copy`; a type without `PartialEq` and without `always_touch`; a field named
/// like a generated method; more than 64 tracked fields.
#[proc_macro_derive(Timestamped, attributes(timestamped))]
pub fn derive_timestamped(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}
