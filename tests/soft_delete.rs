//! `#[timestamped(deleted_at)]`: `delete()` stamps `deleted_at` with the instant of its touch,
//! is idempotent, `undelete()` is a change like any other, and edits report it.

use stamped::{
    with_clock, without_touching, FixedClock, ManualClock, Timestamp, Timestamped, Timestamps,
};

fn ts(micros: i64) -> Timestamp {
    Timestamp::from_unix_micros(micros).expect("test instants are in range")
}

#[derive(Debug, Clone, Timestamped)]
#[timestamped(new, into)]
struct Note {
    body: String,
    #[timestamped(deleted_at)]
    deleted_at: Option<Timestamp>,
    timestamps: Timestamps,
}

#[test]
fn new_entities_are_not_deleted() {
    let note = Note::new("x");
    assert_eq!(note.deleted_at(), None);
    assert!(!note.is_deleted());
}

#[test]
fn delete_sets_deleted_at_to_the_new_updated_at_and_is_idempotent() {
    let clock = ManualClock::new(ts(1_000));
    with_clock(&clock, || {
        let mut note = Note::new("x");
        clock.set(ts(2_000));
        assert!(note.delete());
        assert_eq!(note.updated_at(), ts(2_000));
        assert_eq!(note.deleted_at(), Some(note.updated_at()));
        assert!(note.is_deleted());

        clock.set(ts(3_000));
        assert!(!note.delete(), "a second delete changes nothing");
        assert_eq!(note.updated_at(), ts(2_000));
        assert_eq!(note.deleted_at(), Some(ts(2_000)));
    });
}

#[test]
fn delete_on_a_clock_that_stepped_back_still_moves_forward_together() {
    let clock = FixedClock::new(ts(500));
    let mut note = with_clock(&FixedClock::new(ts(1_000)), || Note::new("x"));
    with_clock(&clock, || assert!(note.delete()));
    assert_eq!(note.updated_at(), ts(1_001));
    assert_eq!(
        note.deleted_at(),
        Some(ts(1_001)),
        "never before created_at"
    );
}

#[test]
fn undelete_clears_and_touches_and_is_idempotent() {
    let clock = ManualClock::new(ts(1_000));
    with_clock(&clock, || {
        let mut note = Note::new("x");
        assert!(!note.undelete(), "nothing to undo");
        assert_eq!(note.updated_at(), ts(1_000));
        clock.set(ts(2_000));
        note.delete();
        clock.set(ts(3_000));
        assert!(note.undelete());
        assert_eq!(note.deleted_at(), None);
        assert_eq!(note.updated_at(), ts(3_000));
    });
}

#[test]
fn an_edit_deletes_with_its_one_touch_and_reports_deleted_at() {
    let clock = ManualClock::new(ts(1_000));
    with_clock(&clock, || {
        let mut note = Note::new("x");
        clock.set(ts(4_000));
        let mut edit = note.edit();
        edit.set_body("gone").delete();
        let changes = edit.finish();
        assert_eq!(changes.iter().collect::<Vec<_>>(), ["body", "deleted_at"]);
        assert_eq!(note.updated_at(), ts(4_000));
        assert_eq!(note.deleted_at(), Some(ts(4_000)));

        // Deleting again in an edit is no change.
        let mut edit = note.edit();
        edit.delete();
        assert!(edit.finish().is_empty());

        clock.set(ts(5_000));
        let mut edit = note.edit();
        edit.undelete();
        assert_eq!(edit.finish().iter().collect::<Vec<_>>(), ["deleted_at"]);
        assert_eq!((note.deleted_at(), note.updated_at()), (None, ts(5_000)));
    });
}

#[test]
fn an_edit_with_an_injected_clock_stamps_both_from_it() {
    let injected = FixedClock::new(ts(7_000));
    let mut note = with_clock(&FixedClock::new(ts(1_000)), || Note::new("x"));
    note.edit_with(&injected).delete();
    assert_eq!(note.updated_at(), ts(7_000));
    assert_eq!(note.deleted_at(), Some(ts(7_000)));
}

#[test]
fn delete_inside_without_touching_records_when_but_leaves_updated_at() {
    let clock = ManualClock::new(ts(1_000));
    with_clock(&clock, || {
        let mut note = Note::new("x");
        clock.set(ts(8_000));
        without_touching(|| assert!(note.delete()));
        assert_eq!(note.updated_at(), ts(1_000));
        assert_eq!(note.deleted_at(), Some(ts(8_000)));
    });
}

#[derive(Debug, Clone, Timestamped)]
#[timestamped(new)]
struct Coarse {
    body: String,
    #[timestamped(deleted_at)]
    deleted_at: Option<Timestamp>,
    timestamps: Timestamps<stamped::Seconds>,
}

/// A restored deletion stamp finer than the entity's precision is refused, like the pair's own.
#[test]
fn restore_refuses_a_deletion_stamp_finer_than_the_precision() {
    let stamps = Timestamps::<stamped::Seconds>::restore(ts(1_000_000), ts(5_000_000)).unwrap();
    let whole = Coarse::restore("x".into(), stamps, Some(ts(2_000_000))).unwrap();
    assert_eq!(whole.deleted_at(), Some(ts(2_000_000)));
    assert_eq!(whole.body(), "x");
    assert_eq!(
        Coarse::restore("x".into(), stamps, Some(ts(2_000_001))).unwrap_err(),
        stamped::Error::FinerThanPrecision {
            value: ts(2_000_001),
            unit_micros: 1_000_000
        }
    );
}
