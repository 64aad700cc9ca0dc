//! The MRZ on its own (`mrz.malformed`, `mrz.checksum_invalid`) and against the declared
//! data (`mrz.data_mismatch`).

use super::Facts;
use super::history::number_key;
use crate::hints::{Hint, HintCode};
use crate::mrz::{self, Malformed, Zone};
use crate::submission::Sex;
use chrono::NaiveDate;
use serde_json::{Map, Value, json};

/// Lines of a malformed MRZ described in the evidence; more are only counted.
const DESCRIBED_LINES: usize = 5;

pub(super) fn hints(f: &Facts<'_>, out: &mut Vec<Hint>) {
    match (&f.mrz, f.submission.document.mrz.as_deref()) {
        (Some(Err(e)), Some(text)) => out.push(malformed(text, e)),
        (Some(Ok(zone)), _) => {
            checksums(zone, out);
            mismatches(f, zone, out);
        }
        _ => {}
    }
}

fn malformed(text: &str, e: &Malformed) -> Hint {
    let lengths: Vec<usize> = text
        .split('\n')
        .take(DESCRIBED_LINES)
        .map(|l| l.chars().count())
        .collect();
    Hint::new(
        HintCode::MrzMalformed,
        None,
        format!("The MRZ is not a TD1, TD2, TD3, MRV-A or MRV-B zone: {e}"),
        json!({"problem": e.to_string(), "line_lengths": lengths}),
    )
}

fn checksums(zone: &Zone<'_>, out: &mut Vec<Hint>) {
    let failed: Vec<_> = zone.checks().filter(|c| !c.ok()).collect();
    if failed.is_empty() {
        return;
    }
    let labels: Vec<_> = failed.iter().map(|c| c.field.label()).collect();
    let plural = if failed.len() > 1 { "s" } else { "" };
    out.push(Hint::new(
        HintCode::MrzChecksumInvalid,
        None,
        format!("MRZ check digit{plural} wrong: {}", labels.join(", ")),
        json!({
            "fields": failed.iter().map(|c| c.field.code()).collect::<Vec<_>>(),
            "format": zone.format.code(),
            "digits": failed.iter().map(|c| json!({
                "field": c.field.code(),
                "printed": c.found.to_string(),
                "computed": c.computed.to_string(),
            })).collect::<Vec<_>>(),
        }),
    ));
}

/// The fields where the zone and the declared data disagree, with both values.
#[derive(Default)]
struct Disagreements {
    fields: Vec<&'static str>,
    declared: Map<String, Value>,
    mrz: Map<String, Value>,
}

impl Disagreements {
    fn add(&mut self, field: &'static str, declared: impl Into<Value>, mrz: impl Into<Value>) {
        self.fields.push(field);
        self.declared.insert(field.to_owned(), declared.into());
        self.mrz.insert(field.to_owned(), mrz.into());
    }
}

fn mismatches(f: &Facts<'_>, zone: &Zone<'_>, out: &mut Vec<Hint>) {
    let (a, d) = (&f.submission.applicant, &f.submission.document);
    let mut found = Disagreements::default();
    let name = &zone.name;
    for (field, declared, printed) in [
        ("surname", &a.surname, name.surname),
        ("given_names", &a.given_names, name.given_names),
    ] {
        if let Some(v) = declared
            && mrz::name_matches(v, printed, name.truncated) == Some(false)
        {
            found.add(field, v.as_str(), printed.replace('<', " "));
        }
    }
    for (field, declared, printed, read) in [
        (
            "date_of_birth",
            a.date_of_birth,
            zone.birth_date,
            f.mrz_birth_date(),
        ),
        (
            "expiry_date",
            d.expiry_date,
            zone.expiry_date,
            f.mrz_expiry_date(),
        ),
    ] {
        if let Some(v) = declared
            && !date_agrees(v, printed, read)
        {
            let shown = read.map_or_else(|| printed.to_owned(), |r| r.to_string());
            found.add(field, v.to_string(), shown);
        }
    }
    let number = zone.document_number.to_string();
    if let Some(v) = &d.number
        && number_key(v) != number_key(&number)
    {
        found.add("document_number", v.as_str(), number);
    }
    for (field, declared, printed) in [
        ("nationality", &a.nationality, zone.nationality),
        ("issuing_country", &d.issuing_country, zone.issuing_state),
    ] {
        // Codes shorter than three letters are padded with `<` in the zone (Germany: `D<<`).
        let printed = printed.trim_end_matches('<');
        if let Some(v) = declared
            && v.trim_end_matches('<') != printed
        {
            found.add(field, v.as_str(), printed);
        }
    }
    if let Some(v) = a.sex
        && !sex_agrees(v, zone.sex)
    {
        found.add("sex", json!(v), zone.sex.to_string());
    }
    if found.fields.is_empty() {
        return;
    }
    let labels: Vec<_> = found.fields.iter().map(|f| f.replace('_', " ")).collect();
    out.push(Hint::new(
        HintCode::MrzDataMismatch,
        None,
        format!("The MRZ disagrees with the declared {}", labels.join(", ")),
        json!({"fields": found.fields, "declared": found.declared, "mrz": found.mrz}),
    ));
}

/// A printed date that reads as a date is compared as one. Otherwise it is compared digit by
/// digit, where `<` marks a part the issuer did not know (ICAO 9303 Part 3) and agrees with
/// anything.
fn date_agrees(declared: NaiveDate, printed: &str, read: Option<NaiveDate>) -> bool {
    match read {
        Some(r) => r == declared,
        None => {
            let want = mrz::yymmdd(declared);
            want.len() == printed.len()
                && want
                    .bytes()
                    .zip(printed.bytes())
                    .all(|(w, p)| p == b'<' || w == p)
        }
    }
}

/// `X` (unspecified) is printed as `X` or as the filler `<`.
fn sex_agrees(declared: Sex, printed: char) -> bool {
    match declared {
        Sex::F => printed == 'F',
        Sex::M => printed == 'M',
        Sex::X => matches!(printed, 'X' | '<'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::date as d;

    #[test]
    fn unknown_date_parts_agree_with_anything() {
        assert!(date_agrees(d(1983, 5, 5), "83<<<<", None));
        assert!(!date_agrees(d(1984, 5, 5), "83<<<<", None));
        assert!(!date_agrees(d(1988, 9, 11), "BB0911", None));
        assert!(date_agrees(d(1974, 8, 12), "740812", Some(d(1974, 8, 12))));
        assert!(!date_agrees(d(1874, 8, 12), "740812", Some(d(1974, 8, 12))));
    }

    #[test]
    fn unspecified_sex_is_x_or_the_filler() {
        assert!(sex_agrees(Sex::X, '<'));
        assert!(sex_agrees(Sex::X, 'X'));
        assert!(!sex_agrees(Sex::F, '<'));
        assert!(!sex_agrees(Sex::M, 'F'));
    }
}
