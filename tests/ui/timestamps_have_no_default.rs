use stamped::Timestamps;

// No `Default`: `#[serde(default)]`, `unwrap_or_default()` or `#[sqlx(default)]` would
// otherwise stamp "now" where stored stamps are missing.
fn main() {
    let _stamps: Timestamps = Default::default();
}
