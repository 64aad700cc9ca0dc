//! A hint's explanation in the reviewer's language, worded from its evidence.
//!
//! The checks write an English `message` into the hint at import (HINTS.md fixes that
//! field, and exports carry it). The window says the same in the reviewer's language with
//! `hint-explain-*` messages whose arguments are the evidence's own fields: every top-level
//! field becomes an argument of its name, dates in the language's form, image slots and
//! document types by their names, lists joined, `<name>_count` for a list's length,
//! `<name>_<i>` for its items and `<name>_percent` for a share between 0 and 1. A hint whose
//! evidence does not fill its message (an older store, a code's new shape) falls back to
//! English and then to the stored message, never to a half-filled sentence.

use crate::hints::{Hint, HintCode, Slot};
use crate::i18n::Lang;
use chrono::NaiveDate;
use fluent_templates::fluent_bundle::FluentValue;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashMap;

/// The explanation in `lang`, else in English, else the message stored with the hint.
pub fn explanation(lang: Lang, hint: &Hint) -> String {
    explain(lang, hint)
        .or_else(|| explain(Lang::En, hint))
        .unwrap_or_else(|| hint.message.clone())
}

/// The explanation in `lang` itself; None when that language has no message for the hint's
/// shape or the evidence lacks a field the message names.
pub fn explain(lang: Lang, hint: &Hint) -> Option<String> {
    let args = arguments(lang, hint);
    lang.text_exact(&message_key(hint), &args)
}

/// The message for the hint's code, and for the codes whose checks word different findings
/// differently, for the finding its evidence records.
pub fn message_key(hint: &Hint) -> String {
    let e = &hint.evidence;
    let has = |k: &str| e.get(k).is_some_and(|v| !v.is_null());
    let variant = match hint.code {
        HintCode::FileUnreadable if e.get("problem").and_then(Value::as_str) == Some("missing") => {
            "-missing"
        }
        HintCode::FileUnreadable if has("type") => "-broken",
        HintCode::FileUnsupportedType if has("accepted") => "-extension",
        HintCode::ImageScreenshot if has("tag") => "-tagged",
        // ISO dates order as text.
        HintCode::ApplicantUnderage
            if e.get("date_of_birth").and_then(Value::as_str)
                > e.get("submission_date").and_then(Value::as_str) =>
        {
            "-unborn"
        }
        _ => "",
    };
    format!(
        "hint-explain-{}{variant}",
        hint.code.code().replace('.', "-")
    )
}

fn arguments(lang: Lang, hint: &Hint) -> HashMap<Cow<'static, str>, FluentValue<'static>> {
    let mut args = HashMap::new();
    if let Some(slot) = hint.slot {
        args.insert(Cow::Borrowed("image"), FluentValue::from(lang.slot(slot)));
    }
    let Some(fields) = hint.evidence.as_object() else {
        return args;
    };
    for (name, value) in fields {
        let word = |v: &Value| scalar(lang, name, v);
        match value {
            Value::Array(items) => {
                args.insert(
                    Cow::Owned(format!("{name}_count")),
                    FluentValue::from(items.len()),
                );
                let words: Vec<String> = items
                    .iter()
                    .filter_map(|item| match item {
                        Value::Object(o) => o.get("id").or_else(|| o.get("case")).and_then(word),
                        other => word(other),
                    })
                    .collect();
                for (i, w) in words.iter().enumerate() {
                    args.insert(
                        Cow::Owned(format!("{name}_{i}")),
                        FluentValue::from(w.clone()),
                    );
                }
                args.insert(
                    Cow::Owned(name.clone()),
                    FluentValue::from(words.join(", ")),
                );
            }
            Value::Number(n) => {
                if let Some(x) = n.as_f64() {
                    if (0.0..=1.0).contains(&x) {
                        let percent = (x * 1000.0).round() / 10.0;
                        args.insert(
                            Cow::Owned(format!("{name}_percent")),
                            FluentValue::from(percent),
                        );
                    }
                    args.insert(Cow::Owned(name.clone()), FluentValue::from(x));
                }
            }
            other => {
                if let Some(w) = word(other) {
                    args.insert(Cow::Owned(name.clone()), FluentValue::from(w));
                }
            }
        }
    }
    args
}

/// One evidence value as the reviewer reads it: a date in their form, an image slot, an MRZ
/// field or a document type by its name, anything else as recorded.
fn scalar(lang: Lang, field: &str, v: &Value) -> Option<String> {
    let text = match v {
        Value::String(s) => s.as_str(),
        Value::Number(n) => return Some(n.to_string()),
        _ => return None,
    };
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(lang.date(d));
    }
    if let Ok(s) = text.parse::<Slot>() {
        return Some(lang.slot(s));
    }
    Some(match field {
        "fields" => lang.mrz_field(text),
        "selected" | "mrz_kind" | "type" | "supported" => lang.document_type(text),
        _ => text.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn hint(code: HintCode, slot: Option<Slot>, evidence: Value) -> Hint {
        Hint::new(code, slot, "stored English", evidence)
    }

    #[test]
    fn the_evidence_fills_the_message_in_each_language() {
        let h = hint(
            HintCode::ImageGlare,
            Some(Slot::DocumentFront),
            json!({"fraction": 0.123, "threshold": 0.05, "region": [1, 2, 3, 4]}),
        );
        let en = explain(Lang::En, &h).expect("English");
        assert!(en.contains("12.3%") && en.contains("5%"), "{en}");
        let lv = explain(Lang::Lv, &h).expect("Latvian");
        assert!(lv.contains("12.3") && lv != en, "{lv}");
        let ja = explain(Lang::Ja, &h).expect("Japanese");
        assert!(ja.contains("12.3") && ja != en, "{ja}");
    }

    #[test]
    fn dates_slots_and_fields_are_said_in_the_language() {
        let h = hint(
            HintCode::DocumentExpired,
            None,
            json!({"expiry_date": "2024-03-01", "source": "mrz", "submission_date": "2026-11-20"}),
        );
        assert!(explanation(Lang::Ja, &h).contains("2024年3月1日"));
        assert!(explanation(Lang::Lv, &h).contains("01.03.2024."));
        let m = hint(
            HintCode::MrzChecksumInvalid,
            None,
            json!({"fields": ["date_of_birth"], "format": "TD3", "digits": []}),
        );
        assert!(explanation(Lang::En, &m).contains("Date of birth"));
        let r = hint(
            HintCode::ImageReused,
            Some(Slot::Selfie),
            json!({"case": "C-9", "slot": "selfie", "distance": 3, "threshold": 10, "matches": []}),
        );
        let ja = explanation(Lang::Ja, &r);
        assert!(
            ja.contains("C-9") && ja.contains(&Lang::Ja.slot(Slot::Selfie)),
            "{ja}"
        );
    }

    #[test]
    fn a_finding_worded_differently_gets_its_own_message() {
        let missing = hint(
            HintCode::FileUnreadable,
            None,
            json!({"file": "a.jpg", "problem": "missing"}),
        );
        let broken = hint(
            HintCode::FileUnreadable,
            None,
            json!({"file": "a.jpg", "type": "jpeg", "problem": "truncated"}),
        );
        let unreadable = hint(
            HintCode::FileUnreadable,
            None,
            json!({"file": "a.jpg", "problem": "permission denied"}),
        );
        let keys: Vec<String> = [&missing, &broken, &unreadable]
            .map(message_key)
            .into_iter()
            .collect();
        assert_eq!(
            keys,
            [
                "hint-explain-file-unreadable-missing",
                "hint-explain-file-unreadable-broken",
                "hint-explain-file-unreadable"
            ]
        );
        let unborn = hint(
            HintCode::ApplicantUnderage,
            None,
            json!({"date_of_birth": "2030-01-01", "submission_date": "2026-11-20", "age": -4, "minimum_age": 18, "source": "declared"}),
        );
        assert_eq!(
            message_key(&unborn),
            "hint-explain-applicant-underage-unborn"
        );
        for lang in Lang::ALL {
            for h in [&missing, &broken, &unreadable, &unborn] {
                assert!(
                    explain(lang, h).is_some(),
                    "{} {}",
                    lang.code(),
                    message_key(h)
                );
            }
        }
    }

    #[test]
    fn evidence_that_does_not_fill_the_message_falls_back_to_the_stored_text() {
        // Hostile or old evidence: wrong types, missing fields, not an object at all.
        for evidence in [
            json!({}),
            json!(null),
            json!("glare"),
            json!({"fraction": "a lot"}),
            json!({"fraction": [0.1]}),
        ] {
            let h = hint(HintCode::ImageGlare, Some(Slot::Selfie), evidence.clone());
            for lang in Lang::ALL {
                assert_eq!(explanation(lang, &h), "stored English", "{evidence}");
            }
        }
    }
}
