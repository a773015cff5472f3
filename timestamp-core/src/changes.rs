//! [`Changes`]: which fields an edit changed.

use core::fmt;

/// Which fields of an entity an edit changed, returned by the generated `edit().finish()`.
///
/// A small `Copy` value: the set of changed fields as a bit set over the entity's field names
/// (in declaration order). Use it to write only what changed — a partial `UPDATE` of the
/// changed columns plus `updated_at` — or to skip the write when it [`is_empty`](Self::is_empty).
///
/// A field counts as changed when its setter stored a value different from the one it held
/// (fields marked `always_touch`, which cannot be compared, whenever they were set), and
/// `deleted_at` when the edit deleted or undeleted the entity.
///
/// ```
/// # extern crate timestamp_core as stamped;
/// use stamped::{Timestamped, Timestamps};
/// # use timestamp_derive::Timestamped;
///
/// #[derive(Timestamped)]
/// # #[timestamped(crate = "::timestamp_core")]
/// struct Task {
///     title: String,
///     done: bool,
///     timestamps: Timestamps,
/// }
///
/// # let mut task = Task { title: "a".into(), done: false, timestamps: Timestamps::now() };
/// let mut edit = task.edit();
/// edit.set_title("a".to_string()).set_done(true);
/// let changes = edit.finish();
/// assert!(changes.contains("done") && !changes.contains("title"));
/// assert_eq!(changes.iter().collect::<Vec<_>>(), ["done"]);
/// assert_eq!(format!("{changes:?}"), r#"Changes(["done"])"#);
/// ```
#[derive(Clone, Copy)]
pub struct Changes {
    bits: u64,
    /// The entity's tracked field names in declaration order, each followed by a `,` (one
    /// string literal in the generated code: cheaper to compile than an array of them).
    names: &'static str,
}

impl Changes {
    /// No change.
    pub const NONE: Changes = Changes { bits: 0, names: "" };

    /// The fields of `names` (each followed by a `,`) whose bit is set in `bits` (bit `i` for
    /// the `i`-th name). Built by generated code, which sets only bits that have a name (so
    /// nothing is counted at run time).
    pub(crate) const fn from_bits(bits: u64, names: &'static str) -> Changes {
        Changes { bits, names }
    }

    /// The bit set (bit `i` for the entity's `i`-th tracked field), for generated code.
    pub(crate) const fn bits(&self) -> u64 {
        self.bits
    }

    /// Whether nothing changed.
    pub const fn is_empty(&self) -> bool {
        self.bits == 0
    }

    /// How many fields changed.
    pub const fn len(&self) -> usize {
        self.bits.count_ones() as usize
    }

    /// Whether the field named `field` (as declared, without `r#`) changed.
    pub fn contains(&self, field: &str) -> bool {
        self.iter().any(|name| name == field)
    }

    /// The names of the changed fields, in declaration order.
    pub fn iter(&self) -> ChangesIter {
        self.into_iter()
    }
}

impl Default for Changes {
    fn default() -> Self {
        Changes::NONE
    }
}

impl PartialEq for Changes {
    /// Equal when the same field names changed.
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for Changes {}

impl fmt::Debug for Changes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Changes").field(&DebugList(self)).finish()
    }
}

struct DebugList<'a>(&'a Changes);

impl fmt::Debug for DebugList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter()).finish()
    }
}

impl IntoIterator for Changes {
    type Item = &'static str;
    type IntoIter = ChangesIter;

    fn into_iter(self) -> ChangesIter {
        ChangesIter {
            bits: self.bits,
            rest: self.names,
        }
    }
}

impl IntoIterator for &Changes {
    type Item = &'static str;
    type IntoIter = ChangesIter;

    fn into_iter(self) -> ChangesIter {
        (*self).into_iter()
    }
}

/// The names of the changed fields, in declaration order: [`Changes::iter`].
#[derive(Debug, Clone)]
pub struct ChangesIter {
    /// The changed fields among `rest`, bit 0 for its first name.
    bits: u64,
    /// The names not yet looked at, each followed by a `,`.
    rest: &'static str,
}

impl Iterator for ChangesIter {
    type Item = &'static str;

    fn next(&mut self) -> Option<&'static str> {
        while self.bits != 0 {
            let (name, rest) = self.rest.split_once(',')?;
            let changed = self.bits & 1 != 0;
            self.bits >>= 1;
            self.rest = rest;
            if changed {
                return Some(name);
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let rest = self.bits.count_ones() as usize;
        (rest, Some(rest))
    }
}

impl ExactSizeIterator for ChangesIter {}

impl core::iter::FusedIterator for ChangesIter {}
