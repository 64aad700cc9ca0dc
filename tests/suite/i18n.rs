//! Every word in every language: keys complete, nothing empty, applicant messages in the
//! applicant's language, and the generated reason reference current.

use crate::common::*;
use std::collections::BTreeSet;
use vigil::i18n::{self, Lang};
use vigil::import::import_paths;
use vigil::lifecycle::{DecisionRequest, Reasons, Verdict};
use vigil::policy::Policy;
use vigil::store::{Store, TimeRange};
use vigil::taxonomy::{Flag, ReasonCode};

fn locale_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

/// The message identifiers of a Fluent file; panics on a message with no value.
fn ids(path: &std::path::Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let lines: Vec<&str> = text.lines().collect();
    let mut out = BTreeSet::new();
    for (i, l) in lines.iter().enumerate() {
        if !l.starts_with(|c: char| c.is_ascii_lowercase()) {
            continue;
        }
        let (id, value) = l
            .split_once(" =")
            .unwrap_or_else(|| panic!("{}: `{l}`", path.display()));
        // A value is on the line, or (a select expression) on indented lines below it.
        let continued = lines.get(i + 1).is_some_and(|n| n.starts_with(' '));
        assert!(
            !value.trim().is_empty() || continued,
            "{}: {id} is empty",
            path.display()
        );
        out.insert(id.trim().to_owned());
    }
    out
}

#[test]
fn every_file_has_the_same_keys_in_every_language_and_none_is_empty() {
    let files: BTreeSet<_> = std::fs::read_dir(locale_dir().join("en"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(files.len() >= 2, "{files:?}");
    for f in &files {
        let en = ids(&locale_dir().join("en").join(f));
        for lang in ["lv", "ja"] {
            let other = ids(&locale_dir().join(lang).join(f));
            let missing: Vec<_> = en.difference(&other).collect();
            let extra: Vec<_> = other.difference(&en).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang}/{f:?}: missing {missing:?}, extra {extra:?}"
            );
        }
        // Every message without arguments resolves in each language itself.
        let plain =
            |lang: Lang| -> BTreeSet<&String> { en.iter().filter(|id| lang.has(id)).collect() };
        for lang in [Lang::Lv, Lang::Ja] {
            assert_eq!(plain(lang), plain(Lang::En), "{}/{f:?}", lang.code());
        }
    }
}

#[test]
fn every_reason_has_its_three_texts_in_every_language() {
    for lang in Lang::ALL {
        for key in i18n::domain_keys() {
            assert!(lang.has(&key), "{} lacks {key}", lang.code());
        }
        for r in ReasonCode::ALL {
            for text in [
                lang.reason_label(*r),
                lang.reason_description(*r),
                lang.reason_applicant(*r),
            ] {
                assert!(
                    !text.trim().is_empty() && !text.starts_with("reason-"),
                    "{} {r}",
                    lang.code()
                );
            }
        }
    }
    // The languages really differ: a Latvian or Japanese text is not the English one.
    let r = ReasonCode::ValidityDocumentExpired;
    assert_ne!(Lang::Lv.reason_applicant(r), Lang::En.reason_applicant(r));
    assert!(Lang::Ja.reason_label(r).chars().any(|c| c as u32 > 0x3000));
}

#[test]
fn fraud_findings_are_never_described_to_the_applicant() {
    for lang in Lang::ALL {
        let neutral = lang.text("applicant-rejected-neutral");
        for r in ReasonCode::ALL.iter().filter(|r| r.flag() == Flag::Fraud) {
            let (_, msg) = vigil::applicant_message::compose(
                vigil::taxonomy::Outcome::Rejected,
                &[*r],
                lang.code(),
            );
            assert_eq!(msg, neutral, "{} {r}", lang.code());
        }
        let (_, victim) = vigil::applicant_message::compose(
            vigil::taxonomy::Outcome::Rejected,
            &[ReasonCode::FraudSocialEngineering],
            lang.code(),
        );
        assert_eq!(
            victim,
            lang.reason_applicant(ReasonCode::FraudSocialEngineering)
        );
        assert_ne!(victim, neutral);
    }
}

#[test]
fn exported_decisions_carry_the_message_in_the_applicants_language() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    for (i, tag) in ["en", "lv-LV", "ja", "fr"].iter().enumerate() {
        let mut s = submission(&format!("L-{i}"));
        s["applicant_locale"] = serde_json::json!(tag);
        write_bundle(&inbox, &format!("b{i}"), &s);
    }
    let mut store = store(&tmp.path().join("data"));
    import_paths(&mut store, &Policy::builtin(), &[inbox], t(0));
    accounts(&mut store, &[("ana", REVIEWER)]);
    let expired = ReasonCode::ValidityDocumentExpired;
    for i in 0..4 {
        store
            .decide(
                &DecisionRequest {
                    case_id: format!("L-{i}"),
                    by: cred("ana"),
                    verdict: Verdict::Reject(Reasons::new([expired]).unwrap()),
                    note: String::new(),
                    handling_ms: Some(1),
                    despite_running_checks: false,
                },
                t(10 + i),
            )
            .unwrap();
    }
    let mut csv = Vec::new();
    vigil::export::export(
        &store,
        TimeRange::default(),
        vigil::export::Format::Csv,
        &mut csv,
    )
    .unwrap();
    let entries: Vec<_> = vigil::export::read_csv(&csv[..])
        .map(Result::unwrap)
        .filter(|e| e.kind == vigil::decision_log::EntryKind::Decision)
        .collect();
    assert_eq!(entries.len(), 4);
    let expect = [Lang::En, Lang::Lv, Lang::Ja, Lang::En];
    for (e, lang) in entries.iter().zip(expect) {
        assert_eq!(e.applicant_locale, lang.code(), "{}", e.submission_id);
        assert!(
            e.applicant_message
                .contains(&lang.reason_applicant(expired)),
            "{}: {}",
            e.submission_id,
            e.applicant_message
        );
        assert!(
            e.applicant_message
                .starts_with(&lang.text("applicant-rejected-retry-intro"))
        );
    }
}

#[test]
fn reason_reference_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/reasons.md");
    let generated = i18n::reasons_reference();
    if std::env::var_os("VIGIL_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/reasons.md is out of date: run `VIGIL_UPDATE_DOCS=1 cargo test --test suite i18n`"
    );
    assert_eq!(
        generated.lines().filter(|l| l.starts_with("| `")).count(),
        43
    );
}

#[test]
fn dates_follow_each_language() {
    let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    assert_eq!(Lang::En.date(d), "21 Nov 2026");
    assert_eq!(Lang::Lv.date(d), "21.11.2026.");
    assert_eq!(Lang::Ja.date(d), "2026年11月21日");
    assert_eq!(Lang::for_applicant("lv-LV"), Lang::Lv);
    assert_eq!(Lang::for_applicant("ja_JP"), Lang::Ja);
    assert_eq!(Lang::for_applicant("xx"), Lang::En);
    assert_eq!(Lang::for_applicant(""), Lang::En);
}
