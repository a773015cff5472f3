//! `Timestamp`: domain, canonical text, parsing rules, arithmetic, sizes.

use std::time::Duration;

use stamped::{Error, Millis, ParseErrorKind, Seconds, Timestamp, Timestamps};

fn parse(s: &str) -> Result<Timestamp, Error> {
    s.parse()
}

fn kind(s: &str) -> ParseErrorKind {
    match parse(s) {
        Err(Error::Parse(e)) => e.kind(),
        other => panic!("{s:?}: expected a parse error, got {other:?}"),
    }
}

#[test]
fn sizes() {
    assert_eq!(size_of::<Timestamp>(), 8);
    assert_eq!(size_of::<Option<Timestamp>>(), 8);
    assert_eq!(size_of::<Timestamps>(), 16);
    assert_eq!(size_of::<Timestamps<Millis>>(), 16);
    assert_eq!(size_of::<Timestamps<Seconds>>(), 16);
}

#[test]
fn domain_edges() {
    assert_eq!(Timestamp::MIN.to_string(), "0001-01-01T00:00:00.000000Z");
    assert_eq!(Timestamp::MAX.to_string(), "9999-12-31T23:59:59.999999Z");
    assert_eq!(
        Timestamp::UNIX_EPOCH.to_string(),
        "1970-01-01T00:00:00.000000Z"
    );
    let min = Timestamp::MIN.as_unix_micros();
    let max = Timestamp::MAX.as_unix_micros();
    assert_eq!(Timestamp::from_unix_micros(min).unwrap(), Timestamp::MIN);
    assert_eq!(Timestamp::from_unix_micros(max).unwrap(), Timestamp::MAX);
    for bad in [min - 1, max + 1, i64::MIN, i64::MAX] {
        assert_eq!(
            Timestamp::from_unix_micros(bad),
            Err(Error::OutOfRange {
                unix_micros: bad.into()
            })
        );
    }
}

#[test]
fn canonical_form_is_27_bytes_and_round_trips() {
    for micros in [
        0,
        -1,
        1,
        1_795_731_026_123_456,
        -62_135_596_800_000_000,
        -1_000_000,
        951_782_400_000_000,
    ] {
        let t = Timestamp::from_unix_micros(micros).unwrap();
        let s = t.to_string();
        assert_eq!(s.len(), 27, "{s}");
        assert_eq!(parse(&s).unwrap(), t);
    }
    assert_eq!(
        Timestamp::from_unix_micros(-1).unwrap().to_string(),
        "1969-12-31T23:59:59.999999Z"
    );
    assert_eq!(
        Timestamp::from_unix_micros(951_782_400_000_000)
            .unwrap()
            .to_string(),
        "2000-02-29T00:00:00.000000Z"
    );
}

#[test]
fn string_order_is_time_order() {
    let mut values: Vec<Timestamp> = [5, -5, 0, 1 << 50, -(1 << 55), 253_402_300_799_999_999]
        .into_iter()
        .map(|m| Timestamp::from_unix_micros(m).unwrap())
        .collect();
    let mut strings: Vec<String> = values.iter().map(ToString::to_string).collect();
    values.sort();
    strings.sort();
    assert_eq!(
        strings,
        values.iter().map(ToString::to_string).collect::<Vec<_>>()
    );
}

#[test]
fn offsets_are_normalised_to_utc() {
    let utc = parse("2026-11-26T22:10:26.5Z").unwrap();
    assert_eq!(parse("2026-11-26T23:10:26.5+01:00").unwrap(), utc);
    assert_eq!(parse("2026-11-26T12:40:26.5-09:30").unwrap(), utc);
    assert_eq!(parse("2026-11-26t22:10:26.5z").unwrap(), utc);
    assert_eq!(parse("2026-11-26 22:10:26.5-00:00").unwrap(), utc);
    assert_eq!(
        parse("2026-11-27T00:10:26.500+02:00").unwrap().to_string(),
        "2026-11-26T22:10:26.500000Z"
    );
}

#[test]
fn fractions_are_truncated_toward_the_past() {
    assert_eq!(
        parse("2026-12-31T23:59:59.9999999Z").unwrap().to_string(),
        "2026-12-31T23:59:59.999999Z"
    );
    assert_eq!(
        parse("1969-12-31T23:59:59.999999999Z")
            .unwrap()
            .as_unix_micros(),
        -1
    );
    assert_eq!(
        parse("2026-01-01T00:00:00.1Z").unwrap().as_unix_micros() % 1_000_000,
        100_000
    );
    assert_eq!(
        kind("2026-01-01T00:00:00.1234567890Z"),
        ParseErrorKind::FractionTooLong { digits: 10 }
    );
}

#[test]
fn leap_second_becomes_the_last_microsecond_of_its_minute() {
    assert_eq!(
        parse("2016-12-31T23:59:60Z").unwrap().to_string(),
        "2016-12-31T23:59:59.999999Z"
    );
    assert_eq!(
        parse("2017-01-01T00:59:60.5+01:00").unwrap().to_string(),
        "2016-12-31T23:59:59.999999Z"
    );
    assert_eq!(
        kind("2016-12-31T12:30:60Z"),
        ParseErrorKind::LeapSecondMisplaced
    );
    assert_eq!(
        kind("2016-12-31T23:59:60+01:00"),
        ParseErrorKind::LeapSecondMisplaced
    );
}

#[test]
fn bad_text_gets_a_specific_error() {
    assert_eq!(kind(""), ParseErrorKind::Empty);
    assert_eq!(
        kind("2026-13-01T00:00:00Z"),
        ParseErrorKind::MonthOutOfRange(13)
    );
    assert_eq!(
        kind("2026-02-30T00:00:00Z"),
        ParseErrorKind::DayOutOfRange {
            year: 2026,
            month: 2,
            day: 30
        }
    );
    assert_eq!(
        kind("2026-01-01T24:00:00Z"),
        ParseErrorKind::HourOutOfRange(24)
    );
    assert_eq!(
        kind("2026-01-01T00:60:00Z"),
        ParseErrorKind::MinuteOutOfRange(60)
    );
    assert_eq!(
        kind("2026-01-01T00:00:61Z"),
        ParseErrorKind::SecondOutOfRange(61)
    );
    assert_eq!(kind("2026-01-01T00:00:00"), ParseErrorKind::MissingOffset);
    assert_eq!(
        kind("2026-01-01T00:00:00+24:00"),
        ParseErrorKind::OffsetOutOfRange
    );
    assert_eq!(
        kind("2026-01-01T00:00:00+01:00:00"),
        ParseErrorKind::OffsetWithSeconds
    );
    assert_eq!(
        kind(" 2026-01-01T00:00:00Z"),
        ParseErrorKind::InvalidCharacter {
            expected: "a four-digit year",
            found: ' '
        }
    );
    assert_eq!(
        kind("2026-01-01T00:00:00Z "),
        ParseErrorKind::TrailingCharacters
    );
    assert_eq!(
        kind("12026-01-01T00:00:00Z"),
        ParseErrorKind::InvalidCharacter {
            expected: "'-' after the year",
            found: '6'
        }
    );
    assert_eq!(
        kind("2026-01-01"),
        ParseErrorKind::UnexpectedEnd {
            expected: "'T' and a time"
        }
    );
    let e = parse("2026-01-01T00:00:00.Z").unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid RFC 3339 timestamp at byte 20: expected a digit after '.', found 'Z'"
    );
    assert_eq!(
        parse("0000-12-31T23:59:59Z"),
        Err(Error::OutOfRange {
            unix_micros: -62_135_596_801_000_000
        })
    );
    assert!(matches!(
        parse("0001-01-01T00:00:00+00:01"),
        Err(Error::OutOfRange { .. })
    ));
    assert!(parse("9999-12-31T23:59:59.999999-00:00").is_ok());
}

#[test]
fn duration_arithmetic_is_checked() {
    let t = parse("2026-01-01T00:00:00Z").unwrap();
    let later = t.checked_add(Duration::from_nanos(1_500_999)).unwrap();
    assert_eq!(later.as_unix_micros() - t.as_unix_micros(), 1_500);
    assert_eq!(later.checked_sub(Duration::from_micros(1_500)).unwrap(), t);
    assert_eq!(
        later
            .checked_sub(Duration::from_nanos(1_500_001))
            .unwrap()
            .as_unix_micros()
            - t.as_unix_micros(),
        -1,
        "floored"
    );
    assert_eq!(
        later.checked_duration_since(t),
        Some(Duration::from_micros(1_500))
    );
    assert_eq!(t.checked_duration_since(later), None);
    assert!(matches!(
        Timestamp::MAX.checked_add(Duration::from_micros(1)),
        Err(Error::OutOfRange { .. })
    ));
    assert!(matches!(
        Timestamp::MIN.checked_sub(Duration::from_micros(1)),
        Err(Error::OutOfRange { .. })
    ));
    assert!(matches!(
        t.checked_add(Duration::MAX),
        Err(Error::OutOfRange { .. })
    ));
}

#[test]
fn restore_rejects_updated_before_created() {
    let a = parse("2026-01-01T00:00:00Z").unwrap();
    let b = parse("2026-01-02T00:00:00Z").unwrap();
    let ts: Timestamps = Timestamps::restore(a, b).unwrap();
    assert_eq!((ts.created_at(), ts.updated_at()), (a, b));
    let err = Timestamps::<stamped::Micros>::restore(b, a).unwrap_err();
    assert_eq!(
        err,
        Error::UpdatedBeforeCreated {
            created_at: b,
            updated_at: a
        }
    );
    assert_eq!(
        err.to_string(),
        "updated_at (2026-01-01T00:00:00.000000Z) is earlier than created_at (2026-01-02T00:00:00.000000Z)"
    );
}

/// A pair coarser than microseconds holds only instants of its unit: a stored stamp finer than
/// that is refused by `restore` (and so by serde and `FromRow`, which go through it), never
/// rounded, so that what is in memory is what storage holds.
#[test]
fn restore_rejects_stamps_finer_than_the_precision() {
    let whole = parse("2026-01-01T00:00:01Z").unwrap();
    let fine = parse("2026-01-01T00:00:01.500123Z").unwrap();
    let millis = parse("2026-01-01T00:00:01.500Z").unwrap();
    assert!(Timestamps::<Seconds>::restore(whole, whole).is_ok());
    assert_eq!(
        Timestamps::<Seconds>::restore(whole, fine),
        Err(Error::FinerThanPrecision {
            value: fine,
            unit_micros: 1_000_000
        })
    );
    assert!(matches!(
        Timestamps::<Seconds>::restore(millis, whole.max(millis)),
        Err(Error::FinerThanPrecision { .. })
    ));
    assert!(Timestamps::<Millis>::restore(millis, millis).is_ok());
    let err = Timestamps::<Millis>::restore(millis, fine).unwrap_err();
    assert_eq!(
        err.to_string(),
        "2026-01-01T00:00:01.500123Z is finer than the stamps' precision (whole units of 1000 µs)"
    );
    assert!(Timestamps::<stamped::Micros>::restore(fine, fine).is_ok());
    // serde goes through `restore`.
    #[cfg(feature = "serde")]
    {
        let json =
            r#"{"created_at":"2026-01-01T00:00:01Z","updated_at":"2026-01-01T00:00:01.500123Z"}"#;
        assert!(serde_json::from_str::<Timestamps<Seconds>>(json).is_err());
        assert!(serde_json::from_str::<Timestamps>(json).is_ok());
    }
}

/// A parse error's message is printed once in an error chain: it is the `Display`, and there
/// is no `source` repeating it.
#[test]
fn a_parse_error_is_printed_once_in_a_chain() {
    let err = "2026-13-01T00:00:00Z".parse::<Timestamp>().unwrap_err();
    let mut chain = vec![err.to_string()];
    let mut source = std::error::Error::source(&err);
    while let Some(inner) = source {
        chain.push(inner.to_string());
        source = inner.source();
    }
    assert_eq!(chain.len(), 1, "{chain:?}");
    assert!(chain[0].contains("13"), "{chain:?}");
}
