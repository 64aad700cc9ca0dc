//! Other cases with the same document: `history.repeat_attempt` (the same person again) and
//! `history.document_reused` (the number under another name or date of birth).

use super::Facts;
use crate::hints::{Hint, HintCode};
use crate::mrz;
use crate::submission::Submission;
use crate::taxonomy::ReasonCode;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Value, json};

/// Cases a message names; the evidence lists them all.
const NAMED_IN_MESSAGE: usize = 3;

/// A case that carried a given document number, as the store reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRecord {
    pub case_id: String,
    pub submitted_at: DateTime<Utc>,
    pub surname: Option<String>,
    pub given_names: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    /// `pending`, `escalated`, `approved` or `rejected`.
    pub status: &'static str,
    /// The reasons of the case's latest decision (empty unless it was a rejection).
    pub reasons: Vec<ReasonCode>,
}

/// A document number as cases are matched on it: upper case, letters and digits only, so
/// `lv 123-456`, `LV123456` and the MRZ's `LV123456<` are one number. None when nothing is left.
pub(super) fn number_key(number: &str) -> Option<String> {
    let key: String = number
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (!key.is_empty()).then_some(key)
}

/// The numbers a submission's document goes by, as keys: the declared one and the MRZ's
/// (they differ when one was changed, and the history must see both).
pub fn document_numbers(s: &Submission) -> Vec<String> {
    let printed = s
        .document
        .mrz
        .as_deref()
        .and_then(|text| mrz::parse(text).ok())
        .map(|zone| zone.document_number.to_string());
    let mut keys = Vec::with_capacity(2);
    for key in [s.document.number.as_deref(), printed.as_deref()]
        .into_iter()
        .flatten()
        .filter_map(number_key)
    {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// Who the submission says the applicant is: the declared data, or the MRZ's where nothing
/// was declared.
pub(super) struct Identity<'a> {
    surname: Option<&'a str>,
    given_names: Option<&'a str>,
    date_of_birth: Option<NaiveDate>,
}

impl<'a> Identity<'a> {
    pub(super) fn of(f: &'a Facts<'a>) -> Identity<'a> {
        let a = &f.submission.applicant;
        let zone = f.zone();
        Identity {
            surname: a.surname.as_deref().or(zone.map(|z| z.name.surname)),
            given_names: a
                .given_names
                .as_deref()
                .or(zone.map(|z| z.name.given_names)),
            date_of_birth: a.date_of_birth.or_else(|| f.mrz_birth_date()),
        }
    }

    /// The fields in which someone with these details is provably someone else; a field
    /// either side lacks proves nothing.
    pub(super) fn differences(
        &self,
        surname: Option<&str>,
        given_names: Option<&str>,
        date_of_birth: Option<NaiveDate>,
    ) -> Vec<&'static str> {
        let mut out = Vec::new();
        if let (Some(a), Some(b)) = (self.date_of_birth, date_of_birth)
            && a != b
        {
            out.push("date_of_birth");
        }
        for (field, mine, theirs) in [
            ("surname", self.surname, surname),
            ("given_names", self.given_names, given_names),
        ] {
            if let (Some(a), Some(b)) = (mine, theirs)
                && same_name(a, b) == Some(false)
            {
                out.push(field);
            }
        }
        out
    }
}

/// Two declared names are the same when either, as an MRZ would write it, is a spelling of
/// the other: Müller and MUELLER, Müller and Muller. None when either is in a script the
/// MRZ table cannot write.
fn same_name(a: &str, b: &str) -> Option<bool> {
    let (form_a, form_b) = (mrz::mrz_form(a)?, mrz::mrz_form(b)?);
    if form_a == form_b {
        return Some(true);
    }
    let spelled = |name: &str, form: &str| mrz::name_matches(name, form, false) == Some(true);
    Some(spelled(a, &form_b) || spelled(b, &form_a))
}

fn case_json(r: &HistoryRecord) -> Value {
    json!({
        "id": r.case_id,
        "submitted_at": r.submitted_at.to_rfc3339(),
        "status": r.status,
        "reasons": r.reasons,
    })
}

/// `A (pending), B (rejected) and 3 more`
fn named(cases: &[&HistoryRecord]) -> String {
    let mut text = cases
        .iter()
        .take(NAMED_IN_MESSAGE)
        .map(|r| format!("{} ({})", r.case_id, r.status))
        .collect::<Vec<_>>()
        .join(", ");
    if cases.len() > NAMED_IN_MESSAGE {
        text.push_str(&format!(" and {} more", cases.len() - NAMED_IN_MESSAGE));
    }
    text
}

/// Every other case counts, earlier or later: bundles are not always imported in the order
/// they were submitted, and a case imported first must not hide the pair from both sides.
pub(super) fn hints(f: &Facts<'_>, history: &[HistoryRecord], out: &mut Vec<Hint>) {
    let me = Identity::of(f);
    let numbers = document_numbers(f.submission);
    let mut repeats = Vec::new();
    let mut reuses = Vec::new();
    for r in history
        .iter()
        .filter(|r| r.case_id != f.submission.id.as_str())
    {
        let differs = me.differences(
            r.surname.as_deref(),
            r.given_names.as_deref(),
            r.date_of_birth,
        );
        if differs.is_empty() {
            repeats.push(r);
        } else {
            reuses.push((r, differs));
        }
    }
    if !repeats.is_empty() {
        out.push(Hint::new(
            HintCode::HistoryRepeatAttempt,
            None,
            format!(
                "Also submitted with the same document and date of birth: {}",
                named(&repeats)
            ),
            json!({
                "document_numbers": numbers,
                "cases": repeats.iter().map(|r| case_json(r)).collect::<Vec<_>>(),
            }),
        ));
    }
    if !reuses.is_empty() {
        let cases: Vec<_> = reuses.iter().map(|(r, _)| *r).collect();
        out.push(Hint::new(
            HintCode::HistoryDocumentReused,
            None,
            format!(
                "Document {} was submitted under another name or date of birth: {}",
                numbers.join(" / "),
                named(&cases)
            ),
            json!({
                "document_numbers": numbers,
                "cases": reuses.iter().map(|(r, differs)| {
                    let mut v = case_json(r);
                    v["surname"] = json!(r.surname);
                    v["given_names"] = json!(r.given_names);
                    v["date_of_birth"] = json!(r.date_of_birth.map(|d| d.to_string()));
                    v["differs"] = json!(differs);
                    v
                }).collect::<Vec<_>>(),
            }),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_keyed_without_spacing_case_or_fillers() {
        assert_eq!(number_key(" lv 123-456 ").as_deref(), Some("LV123456"));
        assert_eq!(number_key("L898902C<").as_deref(), Some("L898902C"));
        assert_eq!(number_key("--"), None);
        assert_eq!(number_key("ЖЖ12"), Some("12".to_owned()));
    }

    #[test]
    fn names_are_the_same_across_spellings() {
        assert_eq!(same_name("Müller", "MUELLER"), Some(true));
        assert_eq!(same_name("Muller", "Müller"), Some(true));
        assert_eq!(same_name("Bērziņa", "BERZINA"), Some(true));
        assert_eq!(same_name("anna maria", "ANNA MARIA"), Some(true));
        assert_eq!(same_name("Mueller", "Muller"), Some(false));
        assert_eq!(same_name("Ozola", "Ozols"), Some(false));
        assert_eq!(same_name("Иван", "Ivan"), None);
        let long = "Wolfeschlegelsteinhausenbergerdorff ".repeat(3);
        assert_eq!(same_name(&long, &long.to_lowercase()), Some(true));
    }
}
