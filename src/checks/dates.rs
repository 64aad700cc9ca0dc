//! Dates judged on the submission date: `document.expired` and `applicant.underage`. The
//! declared date and the MRZ's are both judged, either can be the one that was changed.

use super::Facts;
use crate::hints::{Hint, HintCode};
use crate::mrz::Field;
use crate::policy::ClientPolicy;
use chrono::{Datelike, NaiveDate};
use serde_json::json;

pub(super) fn hints(f: &Facts<'_>, policy: &ClientPolicy, out: &mut Vec<Hint>) {
    expired(f, out);
    underage(f, policy, out);
}

/// The declared date (if any) and then the MRZ's (if its check digit holds), with their source.
fn sources(
    declared: Option<NaiveDate>,
    read: Option<NaiveDate>,
) -> impl Iterator<Item = (NaiveDate, &'static str)> {
    [(declared, "declared"), (read, "mrz")]
        .into_iter()
        .filter_map(|(d, source)| Some((d?, source)))
}

/// A document is valid through its expiry date: one that expires on the submission day was
/// still valid when it was submitted.
fn expired(f: &Facts<'_>, out: &mut Vec<Hint>) {
    let read = f.trusted(Field::ExpiryDate, f.mrz_expiry_date());
    let declared = f.submission.document.expiry_date;
    if let Some((expiry, source)) = sources(declared, read).find(|(d, _)| *d < f.on) {
        out.push(Hint::new(
            HintCode::DocumentExpired,
            None,
            format!(
                "The document expired on {expiry}, before the submission date {}",
                f.on
            ),
            json!({
                "expiry_date": expiry.to_string(),
                "source": source,
                "submission_date": f.on.to_string(),
            }),
        ));
    }
}

/// Completed years of age on `on`. Birthdays are compared as (month, day), so someone born on
/// 29 February turns a year older on 1 March in years without that day: (2, 28) comes before
/// (2, 29) and (3, 1) after it. Some countries say 28 February instead; for a minimum-age
/// check 1 March is the safe side, as it never counts anyone older a day early.
fn age(born: NaiveDate, on: NaiveDate) -> i32 {
    let before_birthday = (on.month(), on.day()) < (born.month(), born.day());
    on.year() - born.year() - i32::from(before_birthday)
}

fn underage(f: &Facts<'_>, policy: &ClientPolicy, out: &mut Vec<Hint>) {
    let minimum = i64::from(policy.minimum_age);
    let read = f.trusted(Field::DateOfBirth, f.mrz_birth_date());
    let declared = f.submission.applicant.date_of_birth;
    let young = sources(declared, read)
        .map(|(born, source)| (born, source, age(born, f.on)))
        .find(|(_, _, years)| i64::from(*years) < minimum);
    let Some((born, source, years)) = young else {
        return;
    };
    let message = if born > f.on {
        format!(
            "The date of birth {born} is after the submission date {}",
            f.on
        )
    } else {
        format!(
            "The applicant was {years} on the submission date; client {} requires {minimum}",
            f.submission.client
        )
    };
    out.push(Hint::new(
        HintCode::ApplicantUnderage,
        None,
        message,
        json!({
            "date_of_birth": born.to_string(),
            "source": source,
            "age": years,
            "minimum_age": minimum,
            "submission_date": f.on.to_string(),
        }),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::date as d;

    #[test]
    fn age_counts_completed_years() {
        assert_eq!(age(d(2008, 11, 20), d(2026, 11, 20)), 18);
        assert_eq!(age(d(2008, 11, 21), d(2026, 11, 20)), 17);
        assert_eq!(age(d(2008, 12, 1), d(2026, 11, 20)), 17);
        assert_eq!(age(d(1974, 8, 12), d(2026, 11, 20)), 52);
    }

    #[test]
    fn a_29_february_birthday_comes_on_1_march_in_common_years() {
        let born = d(2008, 2, 29);
        assert_eq!(age(born, d(2026, 2, 28)), 17);
        assert_eq!(age(born, d(2026, 3, 1)), 18);
        assert_eq!(age(born, d(2028, 2, 28)), 19);
        assert_eq!(age(born, d(2028, 2, 29)), 20);
    }
}
