//! Expansion snapshots: what the derive generates for sample structs, pretty-printed and
//! checked in under `snapshots/`, so every change to the generated code shows in review.
//! After a deliberate change: `UPDATE_SNAPSHOTS=1 cargo test -p timestamp-derive`, then read
//! the diff.

use std::path::PathBuf;

fn check(name: &str, input: &str) {
    let input: syn::DeriveInput = syn::parse_str(input).expect("the sample parses");
    let output = crate::expand::derive(&input);
    let file: syn::File = syn::parse2(output).expect("the expansion is valid Rust");
    let pretty = prettyplease::unparse(&file);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("snapshots")
        .join(format!("{name}.rs"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("snapshots dir");
        std::fs::write(&path, &pretty).expect("snapshot written");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot at {}; run with UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    assert!(
        expected == pretty,
        "the expansion of `{name}` changed; review it and run with UPDATE_SNAPSHOTS=1\n--- expected\n{expected}\n--- got\n{pretty}"
    );
}

#[test]
fn task() {
    check(
        "task",
        r#"
        pub struct Task {
            /// What to do.
            title: String,
            #[timestamped(no_touch)]
            views: u64,
            #[timestamped(always_touch, vis = "pub(crate)")]
            payload: Vec<u8>,
            #[timestamped(skip)]
            pub id: u64,
            timestamps: Timestamps,
        }
        "#,
    );
}

#[test]
fn generic_with_renamed_crate() {
    check(
        "generic_with_renamed_crate",
        r#"
        #[timestamped(crate = "::my_runtime::timestamped")]
        struct Pair<'a, T: Clone, const N: usize> where T: PartialEq {
            r#type: &'a str,
            value: [T; N],
            stamps: Timestamps<Millis>,
        }
        "#,
    );
}

#[test]
fn constructors_copy_into_and_soft_delete() {
    check(
        "constructors_and_soft_delete",
        r"
        #[timestamped(new, into)]
        pub(crate) struct Note {
            #[timestamped(skip)]
            id: i64,
            body: String,
            #[timestamped(copy)]
            pinned: bool,
            #[timestamped(deleted_at)]
            deleted_at: Option<Timestamp>,
            timestamps: Timestamps,
        }
        ",
    );
}

#[test]
fn columns_for_a_generic_entity() {
    check(
        "columns_for_a_generic_entity",
        r#"
        #[timestamped(columns)]
        pub struct Tagged<T: Clone + PartialEq> where T: Send {
            tag: T,
            #[timestamped(column = "label_text")]
            label: String,
            #[timestamped(no_touch)]
            views: u64,
            #[timestamped(skip)]
            pub cache: Vec<u8>,
            #[timestamped(deleted_at)]
            deleted_at: Option<Timestamp>,
            timestamps: Timestamps,
        }
        "#,
    );
}

#[test]
fn errors_come_with_a_stub_impl() {
    check("enum_error", "enum Task { A }");
}
