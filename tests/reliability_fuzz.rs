//! RELIABILITY.md test 5: generated input into every parser and into the derived entity's
//! deserializer, with a fixed budget: no panic, and whatever parses round-trips exactly.
//! `FUZZ_CASES=1000000 cargo test --release --test reliability_fuzz` for a longer run.

mod common;

use common::{Rng, Task};
use stamped::Timestamp;

fn budget() -> usize {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

const SEEDS: &[&str] = &[
    "2026-11-26T23:10:26.123456Z",
    "1969-12-31T23:59:59.999999999-09:30",
    "0001-01-01T00:00:00+00:00",
    "9999-12-31T23:59:60z",
    "2016-12-31 23:59:60.5+00:00",
    "2000-02-29t12:00:00.1+14:00",
];
const ALPHABET: &[u8] = b"0123456789-:T.Zz+ t\0\xff9";

/// One mutation of a seed: flip, insert, delete, truncate, splice or replace bytes.
fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..=rng.below(3) {
        let at = if v.is_empty() { 0 } else { rng.below(v.len()) };
        match rng.below(7) {
            0 if !v.is_empty() => v[at] = ALPHABET[rng.below(ALPHABET.len())],
            1 => v.insert(at, ALPHABET[rng.below(ALPHABET.len())]),
            2 if !v.is_empty() => {
                v.remove(at);
            }
            3 => v.truncate(at),
            4 if !v.is_empty() => {
                let extra = v[at..].to_vec();
                v.extend_from_slice(&extra);
            }
            5 if !v.is_empty() => v[at] = u8::try_from(rng.below(256)).unwrap_or(0),
            _ => v.push(ALPHABET[rng.below(ALPHABET.len())]),
        }
    }
    v
}

#[test]
fn text_parser_never_panics_and_round_trips_what_it_accepts() {
    let mut rng = Rng::new(0xF022);
    let mut accepted = 0;
    for i in 0..budget() {
        let bytes = if i % 10 == 0 {
            (0..rng.below(40))
                .map(|_| u8::try_from(rng.below(256)).unwrap_or(0))
                .collect()
        } else {
            mutate(&mut rng, SEEDS[i % SEEDS.len()].as_bytes())
        };
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(t) = text.parse::<Timestamp>() {
            accepted += 1;
            let canonical = t.to_string();
            assert_eq!(canonical.len(), 27);
            assert_eq!(canonical.parse::<Timestamp>().unwrap(), t, "{text:?}");
            assert_eq!(
                Timestamp::try_from(chrono::DateTime::<chrono::Utc>::from(t)).unwrap(),
                t
            );
        }
    }
    assert!(
        accepted > 1_000,
        "the mutations also produce valid inputs ({accepted})"
    );
}

#[test]
fn entity_deserializer_never_panics() {
    let mut rng = Rng::new(0xDE5E);
    let base = r#"{"title":"t","priority":"low","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:01Z"}"#;
    let mut accepted = 0;
    for i in 0..budget() {
        let doc = if i % 2 == 0 {
            let a = mutate(&mut rng, SEEDS[i % SEEDS.len()].as_bytes());
            let b = mutate(&mut rng, SEEDS[(i / 2) % SEEDS.len()].as_bytes());
            format!(
                r#"{{"title":"t","priority":"high","created_at":"{}","updated_at":"{}"}}"#,
                String::from_utf8_lossy(&a).replace(['"', '\\'], ""),
                String::from_utf8_lossy(&b).replace(['"', '\\'], "")
            )
            .into_bytes()
        } else {
            mutate(&mut rng, base.as_bytes())
        };
        if let Ok(task) = serde_json::from_slice::<Task>(&doc) {
            accepted += 1;
            assert!(task.updated_at() >= task.created_at());
            let again: Task = serde_json::from_str(&serde_json::to_string(&task).unwrap()).unwrap();
            assert_eq!(again, task);
        }
    }
    assert!(accepted > 100, "some documents stay valid ({accepted})");
}
