//! The derive compiles in a hostile module: prelude names shadowed, warnings and pedantic
//! clippy lints denied. Generated code must use absolute paths only.
#![deny(warnings, missing_docs, clippy::pedantic)]
#![allow(
    dead_code,
    non_camel_case_types,
    clippy::struct_field_names,
    reason = "hostile declarations that exist only to shadow names"
)]

mod hostile {
    #![allow(
        unused_imports,
        clippy::wildcard_imports,
        reason = "the shadowing names are there whether used or not"
    )]
    use stamped::Timestamped;

    struct Option;
    struct Some;
    struct None;
    struct Result;
    struct Ok;
    struct Err;
    struct String;
    struct Clone;
    struct Into;
    struct Drop;
    struct PartialEq;
    struct Timestamps;
    trait Clock {}
    mod core {}
    mod std {}

    /// An entity declared where every common name means something else.
    #[derive(Timestamped)]
    pub(crate) struct Entity<'a, T: ::core::cmp::PartialEq> {
        /// A documented field.
        name: &'a str,
        value: T,
        #[timestamped(no_touch)]
        hits: u32,
        #[timestamped(always_touch)]
        blob: ::std::vec::Vec<u8>,
        #[timestamped(skip)]
        pub(crate) raw: u8,
        stamps: ::stamped::Timestamps<::stamped::Millis>,
    }

    pub(crate) fn exercise() -> bool {
        let mut e = Entity {
            name: "n",
            value: 1_u8,
            hits: 0,
            blob: ::std::vec::Vec::new(),
            raw: 0,
            stamps: ::stamped::Timestamps::now(),
        };
        e.set_name("m");
        e.set_value(2_u8);
        e.set_hits(3_u32);
        e.set_blob(::std::vec![1_u8]);
        e.edit().set_name("o").set_value(4_u8);
        e.touch();
        *e.name() == "o" && *e.value() == 4 && e.updated_at() > e.created_at()
    }
}

/// Every option that generates code, in the hostile module too.
mod hostile_options {
    #![allow(
        unused_imports,
        dead_code,
        reason = "the shadowing names are there whether used or not"
    )]
    use stamped::Timestamped;

    struct Option;
    struct Some;
    struct None;
    struct Into;
    struct Drop;
    struct Copy;
    struct Timestamp;
    struct Changes;

    /// An entity with constructors, conversions, copies and soft delete.
    #[derive(Timestamped)]
    #[timestamped(new, into, columns)]
    pub(crate) struct Note {
        #[timestamped(skip)]
        pub(crate) id: i64,
        /// The text.
        body: ::std::string::String,
        #[timestamped(copy, no_touch)]
        pinned: bool,
        #[timestamped(deleted_at)]
        deleted_at: ::core::option::Option<::stamped::Timestamp>,
        stamps: ::stamped::Timestamps,
    }

    pub(crate) fn exercise() -> bool {
        let mut note = Note::new(1_i64, "a", false);
        let clock = ::stamped::FixedClock::new(::stamped::Timestamp::UNIX_EPOCH);
        let mut edit = note.edit_with(&clock);
        edit.set_body("b").set_pinned(true).delete();
        let changes = edit.finish();
        let copy = Note::with_timestamps(2_i64, "c", true, *note.timestamps());
        changes.len() == 3
            && note.is_deleted()
            && note.undelete()
            && note.pinned()
            && copy.created_at() == note.created_at()
            && Note::restore(
                3_i64,
                "d",
                false,
                *note.timestamps(),
                ::core::option::Option::None,
            )
            .is_ok_and(|restored| restored.deleted_at().is_none())
    }
}

/// No prelude at all: every name the generated code uses must be a full path.
mod without_prelude {
    #![no_implicit_prelude]

    /// An entity in a module without the prelude.
    #[derive(::stamped::Timestamped)]
    #[timestamped(new)]
    pub(crate) struct Bare {
        #[timestamped(into)]
        name: ::std::string::String,
        #[timestamped(always_touch, copy)]
        count: u32,
        #[timestamped(deleted_at)]
        gone: ::std::option::Option<::stamped::Timestamp>,
        stamps: ::stamped::Timestamps,
    }

    pub(crate) fn exercise() -> bool {
        let mut bare = Bare::new("", 0);
        bare.set_name("x");
        bare.edit().set_count(2_u32).delete();
        let mut edit = bare.edit();
        edit.undelete();
        let changes = edit.finish();
        bare.name() == "x"
            && bare.count() == 2
            && !bare.is_deleted()
            && changes.contains("gone")
            && bare.updated_at() > bare.created_at()
    }
}

#[test]
fn derive_compiles_with_shadowed_names_under_deny_warnings() {
    assert!(hostile::exercise());
}

#[test]
fn every_option_compiles_with_shadowed_names_under_deny_warnings() {
    assert!(hostile_options::exercise());
}

#[test]
fn derive_compiles_without_the_prelude() {
    assert!(without_prelude::exercise());
}
