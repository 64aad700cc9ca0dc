//! MRZ dates: YYMMDD with a two-digit year, placed in a century by what the date is.

use chrono::{Datelike, NaiveDate};

/// Expiry dates are placed at most this many years after the reference date…
const EXPIRY_YEARS_AHEAD: i32 = 30;
/// …and less than this many before it: an expired document is rarely older than that.
const EXPIRY_YEARS_BEHIND: i32 = 70;

/// The year, month and day digits of `yymmdd`; None unless it is six digits.
fn digits(yymmdd: &str) -> Option<(i32, u32, u32)> {
    let b = yymmdd.as_bytes();
    if b.len() != 6 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let two = |i: usize| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0');
    Some((two(0) as i32, two(2), two(4)))
}

/// A date of birth: the latest date with these digits that is not after `on` (nobody is born
/// after they submit). None when the digits are not a date (`<` for an unknown part, OCR
/// noise, 31 April).
pub fn birth_date(yymmdd: &str, on: NaiveDate) -> Option<NaiveDate> {
    let (yy, month, day) = digits(yymmdd)?;
    let mut year = on.year() - on.year().rem_euclid(100) + yy;
    if (year, month, day) > (on.year(), on.month(), on.day()) {
        year -= 100;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// An expiry date: the date with these digits from 70 years before `around` to 30 years
/// after it.
pub fn expiry_date(yymmdd: &str, around: NaiveDate) -> Option<NaiveDate> {
    let (yy, month, day) = digits(yymmdd)?;
    let mut year = around.year() - around.year().rem_euclid(100) + yy;
    if year > around.year() + EXPIRY_YEARS_AHEAD {
        year -= 100;
    } else if year <= around.year() - EXPIRY_YEARS_BEHIND {
        year += 100;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::date as d;

    #[test]
    fn births_are_never_after_the_submission() {
        let on = d(2026, 11, 20);
        assert_eq!(birth_date("740812", on), Some(d(1974, 8, 12)));
        assert_eq!(birth_date("081120", on), Some(d(2008, 11, 20)));
        assert_eq!(birth_date("261120", on), Some(d(2026, 11, 20)));
        assert_eq!(birth_date("261121", on), Some(d(1926, 11, 21)));
        assert_eq!(birth_date("000229", on), Some(d(2000, 2, 29)));
        assert_eq!(birth_date("010229", on), None);
        assert_eq!(birth_date("83<<<<", on), None);
        assert_eq!(birth_date("BB0911", on), None);
        assert_eq!(birth_date("7408", on), None);
        assert_eq!(birth_date("７４０８１２", on), None);
    }

    #[test]
    fn expiries_fall_in_a_window_around_the_submission() {
        let on = d(2026, 11, 20);
        assert_eq!(expiry_date("320415", on), Some(d(2032, 4, 15)));
        assert_eq!(expiry_date("120415", on), Some(d(2012, 4, 15)));
        assert_eq!(expiry_date("560101", on), Some(d(2056, 1, 1)));
        assert_eq!(expiry_date("570101", on), Some(d(1957, 1, 1)));
        assert_eq!(expiry_date("991231", on), Some(d(1999, 12, 31)));
        let late = d(2095, 1, 1);
        assert_eq!(expiry_date("100101", late), Some(d(2110, 1, 1)));
        assert_eq!(expiry_date("261340", on), None);
    }
}
