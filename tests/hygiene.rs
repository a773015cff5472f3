//! The derive compiles in a hostile module: prelude names shadowed, warnings and pedantic
//! clippy lints denied. Generated code must use absolute paths only.
#![deny(warnings, missing_docs, clippy::pedantic)]
#![allow(dead_code, non_camel_case_types, clippy::struct_field_names)]

mod hostile {
    #![allow(unused_imports, clippy::wildcard_imports)]
    use timestamped::Timestamped;

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
        stamps: ::timestamped::Timestamps<::timestamped::Millis>,
    }

    pub(crate) fn exercise() -> bool {
        let mut e = Entity {
            name: "n",
            value: 1_u8,
            hits: 0,
            blob: ::std::vec::Vec::new(),
            raw: 0,
            stamps: ::timestamped::Timestamps::now(),
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

/// No prelude at all: every name the generated code uses must be a full path.
mod without_prelude {
    #![no_implicit_prelude]

    /// An entity in a module without the prelude.
    #[derive(::timestamped::Timestamped)]
    pub(crate) struct Bare {
        #[timestamped(into)]
        name: ::std::string::String,
        #[timestamped(always_touch)]
        count: u32,
        stamps: ::timestamped::Timestamps,
    }

    pub(crate) fn exercise() -> bool {
        let mut bare = Bare {
            name: ::std::string::String::new(),
            count: 0,
            stamps: ::timestamped::Timestamps::now(),
        };
        bare.set_name("x");
        bare.edit().set_count(2_u32);
        bare.name() == "x" && *bare.count() == 2 && bare.updated_at() > bare.created_at()
    }
}

#[test]
fn derive_compiles_with_shadowed_names_under_deny_warnings() {
    assert!(hostile::exercise());
}

#[test]
fn derive_compiles_without_the_prelude() {
    assert!(without_prelude::exercise());
}
