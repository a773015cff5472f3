//! RELIABILITY.md test 3: 10,000 random instants over the whole domain plus the edge set go
//! through text, serde JSON, chrono, time and jiff and come back identical; a string written by
//! one library parses to the same instant in the others; string order is instant order.

mod common;

use chrono::{DateTime, SecondsFormat, Utc};
use common::{edge_set, random_instants, ts};
use stamped::{Error, Timestamp, Timestamps};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcDateTime};

fn sample() -> Vec<Timestamp> {
    let mut all = edge_set();
    all.extend(random_instants(0x5EED, 10_000));
    all
}

#[test]
fn text_and_json_round_trip() {
    for t in sample() {
        let s = t.to_string();
        assert_eq!(s.len(), 27);
        assert_eq!(s.parse::<Timestamp>().unwrap(), t, "{s}");
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, format!("\"{s}\""));
        assert_eq!(serde_json::from_str::<Timestamp>(&json).unwrap(), t);
        let pair: Timestamps = Timestamps::restore(t, t).unwrap();
        let json = serde_json::to_string(&pair).unwrap();
        assert_eq!(serde_json::from_str::<Timestamps>(&json).unwrap(), pair);
    }
}

#[test]
fn backends_round_trip() {
    for t in sample() {
        assert_eq!(Timestamp::try_from(DateTime::<Utc>::from(t)).unwrap(), t);
        assert_eq!(Timestamp::try_from(OffsetDateTime::from(t)).unwrap(), t);
        assert_eq!(Timestamp::try_from(UtcDateTime::from(t)).unwrap(), t);
        match jiff::Timestamp::try_from(t) {
            Ok(j) => {
                assert_eq!(Timestamp::try_from(j).unwrap(), t);
            }
            Err(e) => {
                assert!(
                    t > ts(253_402_207_200_999_999),
                    "only past jiff's range: {t}"
                );
                assert_eq!(
                    e,
                    Error::OutOfRange {
                        unix_micros: t.as_unix_micros().into()
                    },
                    "an error past jiff's range, never a saturated value"
                );
            }
        }
    }
}

#[test]
fn strings_cross_between_libraries() {
    for t in sample() {
        let ours = t.to_string();
        // Ours, read by the others.
        assert_eq!(
            DateTime::parse_from_rfc3339(&ours)
                .unwrap()
                .with_timezone(&Utc),
            DateTime::<Utc>::from(t)
        );
        assert_eq!(
            OffsetDateTime::parse(&ours, &Rfc3339).unwrap(),
            OffsetDateTime::from(t)
        );
        if let Ok(j) = jiff::Timestamp::try_from(t) {
            assert_eq!(ours.parse::<jiff::Timestamp>().unwrap(), j);
        }
        // Theirs, read by ours.
        let chrono_text = DateTime::<Utc>::from(t).to_rfc3339_opts(SecondsFormat::AutoSi, true);
        assert_eq!(
            chrono_text.parse::<Timestamp>().unwrap(),
            t,
            "{chrono_text}"
        );
        let time_text = OffsetDateTime::from(t).format(&Rfc3339).unwrap();
        assert_eq!(time_text.parse::<Timestamp>().unwrap(), t, "{time_text}");
        if let Ok(j) = jiff::Timestamp::try_from(t) {
            let jiff_text = j.to_string();
            assert_eq!(jiff_text.parse::<Timestamp>().unwrap(), t, "{jiff_text}");
        }
    }
}

#[test]
fn string_order_is_instant_order() {
    let mut by_instant = sample();
    let mut by_text: Vec<String> = by_instant.iter().map(ToString::to_string).collect();
    by_instant.sort();
    by_text.sort();
    let expected: Vec<String> = by_instant.iter().map(ToString::to_string).collect();
    assert_eq!(by_text, expected);
}

#[test]
fn sub_microsecond_digits_floor_toward_the_past_also_before_1970() {
    let before_epoch = DateTime::<Utc>::from_timestamp(-1, 999_999_999).unwrap(); // 1969-12-31T23:59:59.999999999
    assert_eq!(Timestamp::try_from(before_epoch).unwrap(), ts(-1));
    let j = jiff::Timestamp::from_nanosecond(-1).unwrap();
    assert_eq!(Timestamp::try_from(j).unwrap(), ts(-1));
    let o = OffsetDateTime::from_unix_timestamp_nanos(-1_001).unwrap();
    assert_eq!(Timestamp::try_from(o).unwrap(), ts(-2));
    assert_eq!(
        "1969-12-31T23:59:59.9999999Z".parse::<Timestamp>().unwrap(),
        ts(-1)
    );
}

#[test]
fn values_outside_the_domain_are_errors() {
    let too_late = DateTime::parse_from_rfc3339("+10000-01-01T00:00:00Z");
    if let Ok(dt) = too_late {
        assert!(matches!(
            Timestamp::try_from(dt),
            Err(Error::OutOfRange { .. })
        ));
    }
    let chrono_late = DateTime::<Utc>::from_timestamp(253_402_300_800, 0).unwrap();
    assert!(matches!(
        Timestamp::try_from(chrono_late),
        Err(Error::OutOfRange { .. })
    ));
    let chrono_early = DateTime::<Utc>::from_timestamp(-62_135_596_801, 999_999_999).unwrap();
    assert!(matches!(
        Timestamp::try_from(chrono_early),
        Err(Error::OutOfRange { .. })
    ));
    assert!(matches!(
        Timestamp::try_from(jiff::Timestamp::MIN),
        Err(Error::OutOfRange { .. })
    ));
    let jiff_max = Timestamp::try_from(jiff::Timestamp::MAX).unwrap();
    assert_eq!(
        jiff_max.to_string(),
        "9999-12-30T22:00:00.999999Z",
        "inside our domain, floored"
    );
    // Regression: the last second of jiff's range (22:00:00.000001 ..= .999999) used to be
    // refused (and saturated by a `From` since removed), so a value from jiff could not go back.
    for micros in [
        253_402_207_200_000_001,
        253_402_207_200_500_000,
        253_402_207_200_999_999,
    ] {
        let t = ts(micros);
        let j = jiff::Timestamp::try_from(t).expect("inside jiff's range");
        assert_eq!(j.as_nanosecond(), i128::from(micros) * 1_000);
        assert_eq!(Timestamp::try_from(j).unwrap(), t);
    }
    assert_eq!(
        jiff::Timestamp::try_from(jiff_max).unwrap().to_string(),
        "9999-12-30T22:00:00.999999Z"
    );
    let year_zero = OffsetDateTime::from_unix_timestamp(-62_135_596_801).unwrap();
    assert!(matches!(
        Timestamp::try_from(year_zero),
        Err(Error::OutOfRange { .. })
    ));
}

#[test]
fn backend_clocks_read_the_wall_clock() {
    use stamped::{ChronoClock, Clock, JiffClock, SystemClock, TimeClock};
    for clock in [&ChronoClock as &dyn Clock, &TimeClock, &JiffClock] {
        let before = SystemClock.now();
        let reading = clock.now();
        let after = SystemClock.now();
        assert!(
            before <= reading && reading <= after,
            "{before} <= {reading} <= {after}"
        );
    }
}

#[test]
fn system_time_round_trips_and_floors() {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};
    for t in sample() {
        let st = SystemTime::try_from(t).expect("Linux SystemTime holds the whole domain");
        assert_eq!(Timestamp::try_from(st).unwrap(), t);
    }
    let just_before_epoch = UNIX_EPOCH - Duration::from_nanos(1);
    assert_eq!(Timestamp::try_from(just_before_epoch).unwrap(), ts(-1));
    let after = UNIX_EPOCH + Duration::from_nanos(1_999);
    assert_eq!(Timestamp::try_from(after).unwrap(), ts(1));
    let far = UNIX_EPOCH + Duration::from_mins(5_000_000_000);
    assert!(matches!(
        Timestamp::try_from(far),
        Err(Error::OutOfRange { .. })
    ));
}
