//! The document against the client's policy (`document.type_unsupported`,
//! `document.country_unsupported`) and the selected type against the MRZ
//! (`document.type_mismatch`).

use super::Facts;
use crate::hints::{Hint, HintCode};
use crate::policy::ClientPolicy;
use serde_json::json;

/// The types an applicant can select (SUBMISSION.md); others are kept and only flagged as
/// unsupported, since nothing says what their MRZ should look like.
const SELECTABLE: [&str; 2] = ["passport", "id_card"];

pub(super) fn hints(f: &Facts<'_>, policy: &ClientPolicy, out: &mut Vec<Hint>) {
    let s = f.submission;
    let selected = s.document.doc_type.as_deref();
    if let Some(t) = selected
        && !policy.document_types.iter().any(|p| p == t)
    {
        out.push(Hint::new(
            HintCode::DocumentTypeUnsupported,
            None,
            format!(
                "Document type `{t}` is not supported for client {} (supported: {})",
                s.client,
                policy.document_types.join(", ")
            ),
            json!({"type": t, "supported": policy.document_types}),
        ));
    }
    if let (Some(t), Some(zone)) = (selected, f.zone()) {
        let kind = zone.kind().code();
        if SELECTABLE.contains(&t) && kind != t {
            out.push(Hint::new(
                HintCode::DocumentTypeMismatch,
                None,
                format!(
                    "The applicant selected {}, but the MRZ (code {}, {}) is {}'s",
                    described(t),
                    zone.document_code.trim_end_matches('<'),
                    zone.format.code(),
                    described(kind)
                ),
                json!({
                    "selected": t,
                    "mrz_kind": kind,
                    "mrz_document_code": zone.document_code,
                    "mrz_format": zone.format.code(),
                }),
            ));
        }
    }
    country(f, policy, out);
}

fn described(kind: &str) -> &'static str {
    match kind {
        "passport" => "a passport",
        "id_card" => "an ID card",
        "visa" => "a visa",
        _ => "another document",
    }
}

/// The declared issuing country and the MRZ's must both be supported: either could be the
/// one that was changed.
fn country(f: &Facts<'_>, policy: &ClientPolicy, out: &mut Vec<Hint>) {
    let supported = &policy.supported_countries;
    if supported.is_empty() {
        return;
    }
    let declared = f.submission.document.issuing_country.as_deref();
    let printed = f.zone().map(|z| z.issuing_state);
    let outside = [("declared", declared), ("mrz", printed)]
        .into_iter()
        .filter_map(|(source, code)| Some((source, code?.trim_end_matches('<'))))
        .find(|(_, code)| {
            !code.is_empty() && !supported.iter().any(|c| c.trim_end_matches('<') == *code)
        });
    if let Some((source, code)) = outside {
        out.push(Hint::new(
            HintCode::DocumentCountryUnsupported,
            None,
            format!(
                "Documents issued by {code} are not supported for client {}",
                f.submission.client
            ),
            json!({"issuing_country": code, "source": source, "supported": supported}),
        ));
    }
}
