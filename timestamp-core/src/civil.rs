//! Proleptic Gregorian calendar arithmetic (Howard Hinnant's days/civil algorithms), with floor
//! division so that instants before 1970 work like any other.

/// Days since 1970-01-01 of the civil date `y-m-d`.
pub(crate) const fn days_from_civil(y: i64, m: u8, d: u8) -> i64 {
    let m = m as i64;
    let d = d as i64;
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of `days` since 1970-01-01.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "month 1..=12, day 1..=31"
)]
pub(crate) const fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

/// Days in `month` of `year`.
pub(crate) const fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Microseconds since the Unix epoch of a UTC wall time given in parts, as MySQL hands them
/// out; `None` when a part is zero or impossible (month 0, February 30, hour 24, …).
#[cfg(any(feature = "sqlx-mysql", feature = "diesel-mysql"))]
pub(crate) fn wall_time_micros(
    year: u32,
    month: u32,
    day: u32,
    (hour, minute, second): (u32, u32, u32),
    micros: u64,
) -> Option<i128> {
    let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
    let day = u8::try_from(day).ok()?;
    let valid = day >= 1
        && day <= days_in_month(i64::from(year), month)
        && hour <= 23
        && minute <= 59
        && second <= 59
        && micros <= 999_999;
    valid.then(|| {
        let seconds = days_from_civil(i64::from(year), month, day) * 86_400
            + i64::from(hour) * 3600
            + i64::from(minute) * 60
            + i64::from(second);
        i128::from(seconds) * 1_000_000 + i128::from(micros)
    })
}
