//! A case's data as the reviewer reads it: each field as declared and as its MRZ reads, in
//! the reviewer's language (the window's data panel and the evidence packet).

use crate::i18n::Lang;
use crate::mrz;
use crate::store::CaseRecord;

/// One field: its label's message key, its code (as hints name a mismatched field), the
/// declared value and the MRZ's ("—" where there is none).
pub struct DataRow {
    pub label: &'static str,
    pub code: &'static str,
    pub declared: String,
    pub from_mrz: Option<String>,
}

/// The fields of `case`, dates written as `lang` writes them.
pub fn rows(case: &CaseRecord, lang: Lang) -> Vec<DataRow> {
    let s = &case.submission;
    let (a, d) = (&s.applicant, &s.document);
    let zone = d.mrz.as_deref().map(mrz::parse);
    let read = zone.as_ref().and_then(|z| z.as_ref().ok());
    let on = s.submitted_at.date_naive();
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let date = |v: Option<chrono::NaiveDate>| v.map_or("—".into(), |d| lang.date(d));
    let clean = |v: &str| v.trim_end_matches('<').replace('<', " ");
    let row = |label, code, declared, from_mrz| DataRow {
        label,
        code,
        declared,
        from_mrz,
    };
    vec![
        row(
            "field-surname",
            "surname",
            opt(&a.surname),
            read.map(|z| clean(z.name.surname)),
        ),
        row(
            "field-given-names",
            "given_names",
            opt(&a.given_names),
            read.map(|z| clean(z.name.given_names)),
        ),
        row(
            "field-date-of-birth",
            "date_of_birth",
            date(a.date_of_birth),
            read.map(|z| date(mrz::birth_date(z.birth_date, on))),
        ),
        row(
            "field-sex",
            "sex",
            a.sex.map_or("—".into(), |x| format!("{x:?}")),
            read.map(|z| z.sex.to_string()),
        ),
        row(
            "field-nationality",
            "nationality",
            opt(&a.nationality),
            read.map(|z| clean(z.nationality)),
        ),
        row(
            "field-document-number",
            "document_number",
            opt(&d.number),
            read.map(|z| z.document_number.to_string()),
        ),
        row(
            "field-issuing-country",
            "issuing_country",
            opt(&d.issuing_country),
            read.map(|z| clean(z.issuing_state)),
        ),
        row(
            "field-expiry",
            "expiry_date",
            date(d.expiry_date),
            read.map(|z| date(mrz::expiry_date(z.expiry_date, on))),
        ),
    ]
}

/// The MRZ's heading: its format and whether its check digits are right, or why it does not
/// read; `None` without an MRZ.
pub fn mrz_title(case: &CaseRecord, lang: Lang) -> Option<String> {
    let text = case.submission.document.mrz.as_deref()?;
    Some(match mrz::parse(text) {
        Ok(z) => {
            let key = if z.is_valid() {
                "mrz-valid"
            } else {
                "mrz-wrong"
            };
            lang.text_with(key, &[("format", z.format.code().into())])
        }
        Err(e) => lang.text_with("mrz-malformed", &[("error", e.to_string().into())]),
    })
}
