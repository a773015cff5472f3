//! Compile-fail tests: every misuse is a compile error that points at the user's tokens.
//! One misuse per file in `tests/ui/`, with the expected compiler output in its `.stderr`.
//! Regenerate after a deliberate change with `TRYBUILD=overwrite cargo test --test ui`, then
//! review the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
