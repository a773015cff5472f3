//! RELIABILITY.md test 4: a corpus of bad input, each case expecting its specific error — for the
//! text parser, the integer constructor, and JSON into a derived entity.

mod common;

use common::Task;
use stamped::{Error, ParseErrorKind as K, Timestamp};

enum Want {
    Kind(K),
    OutOfRange,
}

fn invalid(expected: &'static str, found: char) -> Want {
    Want::Kind(K::InvalidCharacter { expected, found })
}

fn end(expected: &'static str) -> Want {
    Want::Kind(K::UnexpectedEnd { expected })
}

#[expect(clippy::too_many_lines, reason = "the corpus is one table")]
fn corpus() -> Vec<(&'static str, Want)> {
    use Want::{Kind, OutOfRange};
    vec![
        ("", Kind(K::Empty)),
        (
            "2026-02-30T00:00:00Z",
            Kind(K::DayOutOfRange {
                year: 2026,
                month: 2,
                day: 30,
            }),
        ),
        (
            "2025-02-29T00:00:00Z",
            Kind(K::DayOutOfRange {
                year: 2025,
                month: 2,
                day: 29,
            }),
        ),
        (
            "1900-02-29T00:00:00Z",
            Kind(K::DayOutOfRange {
                year: 1900,
                month: 2,
                day: 29,
            }),
        ),
        (
            "2026-04-31T00:00:00Z",
            Kind(K::DayOutOfRange {
                year: 2026,
                month: 4,
                day: 31,
            }),
        ),
        (
            "2026-01-00T00:00:00Z",
            Kind(K::DayOutOfRange {
                year: 2026,
                month: 1,
                day: 0,
            }),
        ),
        (
            "2026-01-32T00:00:00Z",
            Kind(K::DayOutOfRange {
                year: 2026,
                month: 1,
                day: 32,
            }),
        ),
        ("2026-13-01T00:00:00Z", Kind(K::MonthOutOfRange(13))),
        ("2026-00-01T00:00:00Z", Kind(K::MonthOutOfRange(0))),
        ("2026-01-01T24:00:00Z", Kind(K::HourOutOfRange(24))),
        ("2026-01-01T99:00:00Z", Kind(K::HourOutOfRange(99))),
        ("2026-01-01T00:60:00Z", Kind(K::MinuteOutOfRange(60))),
        ("2026-01-01T00:00:61Z", Kind(K::SecondOutOfRange(61))),
        ("2026-01-01T12:00:60Z", Kind(K::LeapSecondMisplaced)),
        ("2026-06-30T23:58:60Z", Kind(K::LeapSecondMisplaced)),
        ("2026-06-30T23:59:60+00:30", Kind(K::LeapSecondMisplaced)),
        ("2026-01-01T00:00:00+24:00", Kind(K::OffsetOutOfRange)),
        ("2026-01-01T00:00:00-24:00", Kind(K::OffsetOutOfRange)),
        ("2026-01-01T00:00:00+01:60", Kind(K::OffsetOutOfRange)),
        ("2026-01-01T00:00:00+01:00:00", Kind(K::OffsetWithSeconds)),
        (
            "2026-01-01T00:00:00+0100",
            invalid("':' in the offset", '0'),
        ),
        ("2026-01-01T00:00:00+01", end("':' in the offset")),
        ("2026-01-01T00:00:00", Kind(K::MissingOffset)),
        ("2026-01-01T00:00:00.123456", Kind(K::MissingOffset)),
        (
            "2026-01-01T00:00:00.1234567890Z",
            Kind(K::FractionTooLong { digits: 10 }),
        ),
        ("2026-01-01T00:00:00.Z", invalid("a digit after '.'", 'Z')),
        ("2026-01-01T00:00:00.", end("a digit after '.'")),
        (
            "2026-01-01T00:00:00,5Z",
            invalid("'Z' or a UTC offset", ','),
        ),
        ("12026-01-01T00:00:00Z", invalid("'-' after the year", '6')),
        ("+2026-01-01T00:00:00Z", invalid("a four-digit year", '+')),
        ("-0001-01-01T00:00:00Z", invalid("a four-digit year", '-')),
        ("226-01-01T00:00:00Z", invalid("a four-digit year", '-')),
        ("2026-1-01T00:00:00Z", invalid("a two-digit month", '-')),
        ("2026-01-1T00:00:00Z", invalid("a two-digit day", 'T')),
        ("2026-01-01T0:00:00Z", invalid("a two-digit hour", ':')),
        ("2026-01-01T00:00Z", invalid("':' after the minute", 'Z')),
        ("2026/01/01T00:00:00Z", invalid("'-' after the year", '/')),
        (
            "2026-01-01X00:00:00Z",
            invalid("'T' between date and time", 'X'),
        ),
        ("2026-01-01", end("'T' and a time")),
        ("2026-01-01T", end("a two-digit hour")),
        (" 2026-01-01T00:00:00Z", invalid("a four-digit year", ' ')),
        ("2026-01-01T00:00:00Z ", Kind(K::TrailingCharacters)),
        ("2026-01-01T00:00:00Z\n", Kind(K::TrailingCharacters)),
        ("\t2026-01-01T00:00:00Z", invalid("a four-digit year", '\t')),
        ("2026-01-01T00:00:00Z\0", Kind(K::TrailingCharacters)),
        (
            "\x002026-01-01T00:00:00Z",
            invalid("a four-digit year", '\0'),
        ),
        ("2026-01-01T00:00:00ZZ", Kind(K::TrailingCharacters)),
        (
            "2026-01-01T00:00:00 UTC",
            invalid("'Z' or a UTC offset", ' '),
        ),
        (
            "2026-01-01T00:00:00GMT",
            invalid("'Z' or a UTC offset", 'G'),
        ),
        ("infinity", invalid("a four-digit year", 'i')),
        ("-infinity", invalid("a four-digit year", '-')),
        ("NaN", invalid("a four-digit year", 'N')),
        ("1.5", invalid("a four-digit year", '.')),
        ("1700000000", invalid("'-' after the year", '0')),
        ("1700000000.123", invalid("'-' after the year", '0')),
        (
            "９９９９-01-01T00:00:00Z",
            invalid("a four-digit year", '９'),
        ),
        ("2026-01-01T00:00:00.٣Z", invalid("a digit after '.'", '٣')),
        // U+2212 MINUS SIGN, as word processors write it: named as the character, not a byte.
        (
            "2026-01-01T00:00:00\u{2212}05:00",
            invalid("'Z' or a UTC offset", '\u{2212}'),
        ),
        ("0000-01-01T00:00:00Z", OutOfRange),
        ("0001-01-01T00:00:00+00:01", OutOfRange),
        ("9999-12-31T23:59:59-00:01", OutOfRange),
        ("2026-01-01T00:00:00-00:00junk", Kind(K::TrailingCharacters)),
    ]
}

#[test]
fn every_bad_string_gets_its_specific_error() {
    let corpus = corpus();
    assert!(corpus.len() >= 50, "the corpus has {} cases", corpus.len());
    for (input, want) in corpus {
        let got = input.parse::<Timestamp>();
        match (want, got) {
            (Want::Kind(kind), Err(Error::Parse(e))) => {
                assert_eq!(e.kind(), kind, "{input:?}: {e}");
            }
            (Want::OutOfRange, Err(Error::OutOfRange { .. })) => {}
            (_, got) => panic!("{input:?}: unexpected {got:?}"),
        }
    }
}

#[test]
fn integers_outside_the_domain_are_errors() {
    for micros in [
        i64::MIN,
        i64::MAX,
        i64::MIN + 1,
        -62_135_596_800_000_001,
        253_402_300_800_000_000,
    ] {
        assert_eq!(
            Timestamp::from_unix_micros(micros),
            Err(Error::OutOfRange {
                unix_micros: micros.into()
            })
        );
    }
}

/// JSON for a task with the given stamps (raw JSON values).
fn task_json(created: &str, updated: &str) -> String {
    format!(r#"{{"title":"t","priority":"low","created_at":{created},"updated_at":{updated}}}"#)
}

#[test]
fn bad_json_into_a_derived_entity_names_what_is_wrong() {
    let ok = r#""2026-01-01T00:00:00Z""#;
    let later = r#""2026-01-02T00:00:00Z""#;
    let cases: Vec<(String, &str)> = vec![
        (task_json(later, ok), "updated_at: 2026-01-01T00:00:00.000000Z is earlier than created_at"),
        (r#"{"title":"t","priority":"low","updated_at":"2026-01-01T00:00:00Z"}"#.into(), "missing field `created_at`"),
        (r#"{"title":"t","priority":"low","created_at":"2026-01-01T00:00:00Z"}"#.into(), "missing field `updated_at`"),
        (r#"{"title":"t","priority":"low"}"#.into(), "missing field `created_at`"),
        (task_json("1767225600", ok), "created_at: invalid type: integer `1767225600`"),
        (task_json(ok, "1.5"), "updated_at: invalid type: floating point `1.5`"),
        (task_json(ok, "null"), "updated_at: invalid type: null"),
        (task_json(ok, "true"), "updated_at: invalid type: boolean `true`"),
        (task_json(ok, "[]"), "updated_at: invalid type: sequence"),
        (task_json(ok, "{}"), "updated_at: invalid type: map"),
        (task_json(r#""infinity""#, ok), r#"created_at: "infinity" is not a valid timestamp"#),
        (task_json(r#""2026-02-30T00:00:00Z""#, ok), "day 30 does not exist in 2026-02"),
        (task_json(r#""2026-01-01T00:00:00""#, ok), "no UTC offset"),
        (task_json(ok, r#""2026-01-01T00:00:00+24:00""#), "updated_at: \"2026-01-01T00:00:00+24:00\" is not a valid timestamp"),
        (task_json(ok, r#""10000-01-01T00:00:00Z""#), "updated_at:"),
        (task_json(r#""0000-01-01T00:00:00Z""#, ok), "outside the supported range"),
        (task_json(ok, r#"" 2026-01-01T00:00:00Z""#), "expected a four-digit year, found ' '"),
        (r#"{"title":"t","priority":"low","created_at":"2026-01-01T00:00:00Z","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}"#.into(), "duplicate field `created_at`"),
        (r#"{"title":"t","priority":"urgent","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}"#.into(), "unknown variant `urgent`"),
        (r#"{"title":5,"priority":"low","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}"#.into(), "invalid type: integer `5`, expected a string"),
        ("{".into(), "EOF while parsing"),
        (String::new(), "EOF while parsing"),
        ("[1,2]".into(), "invalid type"),
    ];
    for (json, expected) in cases {
        let err = serde_json::from_str::<Task>(&json)
            .expect_err(&json)
            .to_string();
        assert!(
            err.contains(expected),
            "{json}\n  error:    {err}\n  expected: {expected}"
        );
    }
}

#[test]
fn good_json_still_parses() {
    let json = task_json(
        r#""2026-01-01T00:00:00Z""#,
        r#""2026-01-01T02:00:00+01:00""#,
    );
    let task: Task = serde_json::from_str(&json).unwrap();
    assert_eq!(task.updated_at().to_string(), "2026-01-01T01:00:00.000000Z");
    let back = serde_json::to_value(&task).unwrap();
    assert_eq!(back["created_at"], "2026-01-01T00:00:00.000000Z");
    assert_eq!(back["title"], "t");
}

#[test]
fn a_non_ascii_character_is_named_in_the_message() {
    let e = "2026-01-01T00:00:00\u{2212}05:00"
        .parse::<Timestamp>()
        .unwrap_err();
    let message = e.to_string();
    assert!(message.contains("found '\u{2212}'"), "{message}");
    assert!(!message.contains('â'), "{message}");
}
