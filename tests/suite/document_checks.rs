//! Document and data checks on whole bundles: the MRZ, dates judged on the submission day,
//! the client's policy, and the history of a document across imports.

use crate::common::*;
use serde_json::{Value, json};
use std::path::Path;
use vigil::hints::Hint;
use vigil::import::{check_bundle, import_paths};
use vigil::policy::Policy;
use vigil::store::{SqliteStore, Store};

/// The hints `vigil check` would print for `json`, without a store and with face checks off
/// (the fixtures' pictures show no face; tests/faces.rs tests faces).
fn check(json: &Value) -> Vec<Hint> {
    face_checks_off();
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_bundle(tmp.path(), "b", json);
    check_bundle(&dir, &Policy::builtin(), None).unwrap().1
}

fn codes(hints: &[Hint]) -> Vec<&'static str> {
    hints.iter().map(|h| h.code.code()).collect()
}

fn hint<'a>(hints: &'a [Hint], code: &str) -> &'a Hint {
    hints
        .iter()
        .find(|h| h.code.code() == code)
        .unwrap_or_else(|| panic!("no {code} in {:?}", codes(hints)))
}

/// The spec's example with `edit` applied to it and its MRZ rewritten to agree.
fn consistent(edit: impl FnOnce(&mut Value)) -> Value {
    let mut s = submission("DOC-1");
    edit(&mut s);
    rewrite_mrz(&mut s);
    s
}

#[test]
fn the_spec_example_and_consistent_documents_raise_nothing() {
    assert_eq!(codes(&check(&spec_example("DOC-0"))), Vec::<&str>::new());
    assert_eq!(codes(&check(&submission("DOC-0"))), Vec::<&str>::new());
    let card = consistent(|s| {
        s["document"]["type"] = json!("id_card");
        s["images"]["document_back"] = json!("front.jpg");
        s["document"]["number"] = json!("LV12345678901");
    });
    assert!(
        card["document"]["mrz"]
            .as_str()
            .unwrap()
            .starts_with("IDUTO")
    );
    assert_eq!(codes(&check(&card)), Vec::<&str>::new());
}

#[test]
fn expiry_is_judged_on_the_submission_day() {
    let on = |expiry: &str| {
        check(&consistent(|s| {
            s["document"]["expiry_date"] = json!(expiry);
        }))
    };
    assert!(
        on("2026-11-20").is_empty(),
        "expiring on the day is still valid"
    );
    let hints = on("2026-11-19");
    assert_eq!(codes(&hints), ["document.expired"]);
    let h = hint(&hints, "document.expired");
    assert_eq!(h.severity.code(), "fail");
    assert_eq!(h.suggests.unwrap().code(), "validity.document_expired");
    assert_eq!(
        h.evidence,
        json!({"expiry_date": "2026-11-19", "source": "declared", "submission_date": "2026-11-20"})
    );
    // No declared expiry: the MRZ's counts.
    let mut s = consistent(|s| s["document"]["expiry_date"] = json!("2012-04-15"));
    s["document"]["expiry_date"] = Value::Null;
    let hints = check(&s);
    assert_eq!(codes(&hints), ["document.expired"]);
    assert_eq!(hint(&hints, "document.expired").evidence["source"], "mrz");
}

#[test]
fn age_is_judged_on_the_submission_day_with_29_february_on_1_march() {
    let born = |dob: &str, submitted: &str| {
        check(&consistent(|s| {
            s["applicant"]["date_of_birth"] = json!(dob);
            s["submitted_at"] = json!(submitted);
        }))
    };
    assert!(
        born("2008-11-20", "2026-11-20T14:03:11Z").is_empty(),
        "18 today"
    );
    let hints = born("2008-11-21", "2026-11-20T14:03:11Z");
    assert_eq!(codes(&hints), ["applicant.underage"]);
    let e = &hint(&hints, "applicant.underage").evidence;
    assert_eq!(
        (e["age"].as_i64(), e["minimum_age"].as_i64()),
        (Some(17), Some(18))
    );
    assert_eq!(e["source"], "declared");
    // Born on 29 February: 18 on 1 March of a common year, not on 28 February.
    let leap = "2008-02-29";
    assert_eq!(
        codes(&born(leap, "2026-02-28T23:59:59Z")),
        ["applicant.underage"]
    );
    assert!(born(leap, "2026-03-01T00:00:00Z").is_empty());
    // A client's own minimum age.
    let nordbank = consistent(|s| {
        s["client"] = json!("nordbank");
        s["applicant"]["date_of_birth"] = json!("2006-01-01");
    });
    let hints = check(&nordbank);
    assert_eq!(codes(&hints), ["applicant.underage"]);
    assert!(
        hints[0].message.contains("requires 21"),
        "{}",
        hints[0].message
    );
}

#[test]
fn names_match_in_both_icao_spellings_and_truncated() {
    for mrz_surname in ["MUELLER", "MULLER"] {
        let mut s = consistent(|s| s["applicant"]["surname"] = json!(mrz_surname));
        s["applicant"]["surname"] = json!("Müller");
        assert!(check(&s).is_empty(), "Müller vs {mrz_surname}");
    }
    // A name longer than the zone is cut short there and still matches.
    let long = consistent(|s| {
        s["applicant"]["surname"] = json!("Wolfeschlegelsteinhausen");
        s["applicant"]["given_names"] = json!("Hubert Blaine Wolfgang");
    });
    let zone = long["document"]["mrz"].as_str().unwrap();
    assert!(
        zone.starts_with("P<UTOWOLFESCHLEGELSTEINHAUSEN<<HUBERT<BLAINE\n"),
        "{zone}"
    );
    assert!(check(&long).is_empty());
    // A different name is a mismatch naming both values.
    let mut s = submission("DOC-2");
    s["applicant"]["surname"] = json!("Erikson");
    let hints = check(&s);
    assert_eq!(codes(&hints), ["mrz.data_mismatch"]);
    let e = &hints[0].evidence;
    assert_eq!(e["fields"], json!(["surname"]));
    assert_eq!(
        (&e["declared"]["surname"], &e["mrz"]["surname"]),
        (&json!("Erikson"), &json!("ERIKSSON"))
    );
    assert_eq!(
        hints[0].message,
        "The MRZ disagrees with the declared surname"
    );
}

#[test]
fn every_declared_field_is_compared_with_the_mrz() {
    let mut s = spec_example("DOC-3");
    let a = &mut s["applicant"];
    a["given_names"] = json!("ANNA");
    a["date_of_birth"] = json!("1974-08-13");
    a["nationality"] = json!("SWE");
    a["sex"] = json!("M");
    let d = &mut s["document"];
    d["number"] = json!("L898902C4");
    d["expiry_date"] = json!("2032-04-16");
    let hints = check(&s);
    assert_eq!(codes(&hints), ["mrz.data_mismatch"]);
    let e = &hints[0].evidence;
    assert_eq!(
        e["fields"],
        json!([
            "given_names",
            "date_of_birth",
            "expiry_date",
            "document_number",
            "nationality",
            "sex"
        ])
    );
    assert_eq!(e["mrz"]["date_of_birth"], "1974-08-12");
    assert_eq!(e["mrz"]["document_number"], "L898902C3");
    assert_eq!(e["mrz"]["given_names"], "ANNA MARIA");
    assert_eq!(e["declared"]["sex"], "M");
    // Spacing and case of a declared number are not a disagreement.
    let mut s = spec_example("DOC-4");
    s["document"]["number"] = json!("l898902 c3");
    assert!(check(&s).is_empty());
}

#[test]
fn wrong_check_digits_and_malformed_zones() {
    let mrz = spec_example("X")["document"]["mrz"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut s = spec_example("DOC-5");
    s["document"]["mrz"] = json!(mrz.replace("7408122F", "7408123F"));
    let hints = check(&s);
    assert_eq!(codes(&hints), ["mrz.checksum_invalid"]);
    assert_eq!(
        hints[0].message,
        "MRZ check digits wrong: date of birth, composite"
    );
    assert_eq!(
        hints[0].evidence["fields"],
        json!(["date_of_birth", "composite"])
    );
    assert_eq!(
        hints[0].evidence["digits"][0],
        json!({"field": "date_of_birth", "printed": "3", "computed": "2"})
    );
    // A blank MRZ is one the capture system did not read: nothing to check.
    let mut s = submission("DOC-6");
    s["document"]["mrz"] = json!(" \n");
    assert!(check(&s).is_empty());
    for bad in [
        "P<UTO\n\n".to_owned(),
        mrz.to_lowercase(),
        mrz.replace('\n', ""),
        format!("{mrz}\n{mrz}"),
        mrz.replace("ERIKSSON", "ERİKSSON"),
        mrz[..mrz.len() - 3].to_owned(),
        "\u{202e}\u{0}".repeat(50),
    ] {
        let mut s = submission("DOC-6");
        s["document"]["mrz"] = json!(bad);
        let hints = check(&s);
        assert_eq!(codes(&hints), ["mrz.malformed"], "{bad:?}");
        assert_eq!(
            hints[0].suggests.unwrap().code(),
            "manipulation.data_inconsistent"
        );
    }
    // Too long for any MRZ: the submission itself is refused, naming the field.
    let mut s = submission("DOC-7");
    s["document"]["mrz"] = json!("P".repeat(100_000));
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_bundle(tmp.path(), "b", &s);
    let e = check_bundle(&dir, &Policy::builtin(), None).unwrap_err();
    assert!(e.to_string().contains("document.mrz"), "{e}");
}

#[test]
fn selected_type_policy_and_country() {
    // A card's zone under a passport selection.
    let mut s = consistent(|s| s["document"]["type"] = json!("id_card"));
    s["document"]["type"] = json!("passport");
    let hints = check(&s);
    assert_eq!(codes(&hints), ["document.type_mismatch"]);
    assert_eq!(
        hints[0].evidence,
        json!({"selected": "passport", "mrz_kind": "id_card", "mrz_document_code": "ID", "mrz_format": "TD1"})
    );
    // A visa matches no selection.
    let visa = "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX7408122F3212105ZE184226B<<<<<<<";
    let mut s = submission("DOC-8");
    s["document"]["mrz"] = json!(visa);
    s["document"]["number"] = json!("L8988901C");
    s["document"]["expiry_date"] = json!("2032-12-10");
    s["applicant"]["nationality"] = json!("XXX");
    let hints = check(&s);
    assert_eq!(codes(&hints), ["document.type_mismatch"]);
    assert_eq!(hints[0].evidence["mrz_kind"], "visa");
    // A type the policy does not support is flagged as that alone.
    let mut s = submission("DOC-9");
    s["document"]["type"] = json!("driving_licence");
    assert_eq!(codes(&check(&s)), ["document.type_unsupported"]);
    // Countries: every one by default; the client's list otherwise, for the declared
    // country and the MRZ's.
    let french = consistent(|s| {
        s["document"]["issuing_country"] = json!("FRA");
        s["applicant"]["nationality"] = json!("FRA");
    });
    assert!(check(&french).is_empty());
    let mut s = french.clone();
    s["client"] = json!("nordbank");
    let hints = check(&s);
    assert_eq!(codes(&hints), ["document.country_unsupported"]);
    assert_eq!(hints[0].evidence["issuing_country"], "FRA");
    s["document"]["issuing_country"] = json!("LVA");
    let hints = check(&s);
    assert_eq!(
        codes(&hints),
        ["mrz.data_mismatch", "document.country_unsupported"]
    );
    assert_eq!(hints[1].evidence["source"], "mrz");
}

fn import(store: &mut SqliteStore, inbox: &Path) {
    let r = import_paths(store, &Policy::builtin(), &[inbox.to_path_buf()], t(0));
    assert!(r.refused.is_empty(), "{:?}", r.refused);
}

/// A store under `tmp` holding the spec's example as case `id`, and the inbox it came from.
fn store_with_example(tmp: &Path, id: &str) -> (SqliteStore, std::path::PathBuf) {
    let mut store = store(&tmp.join("data"));
    let inbox = tmp.join("first");
    write_bundle(&inbox, "a", &spec_example(id));
    import(&mut store, &inbox);
    assert!(case_codes(&store, id).is_empty());
    (store, inbox)
}

fn case_codes(store: &SqliteStore, id: &str) -> Vec<&'static str> {
    codes(&store.case(id).unwrap().unwrap().hints)
}

#[test]
fn history_across_imports_and_within_one() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, first) = store_with_example(tmp.path(), "H-1");

    // A second import: the same person again, and within the same import someone else
    // with the same document number.
    let second = tmp.path().join("second");
    write_bundle(&second, "a", &spec_example("H-2"));
    let mut thief = spec_example("H-3");
    thief["applicant"]["surname"] = json!("MORGAN");
    thief["applicant"]["date_of_birth"] = json!("1980-01-01");
    rewrite_mrz(&mut thief);
    write_bundle(&second, "b", &thief);
    import(&mut store, &second);

    assert_eq!(case_codes(&store, "H-2"), ["history.repeat_attempt"]);
    let h2 = store.case("H-2").unwrap().unwrap();
    assert_eq!(h2.hints[0].severity.code(), "info");
    assert_eq!(h2.hints[0].suggests, None);
    assert_eq!(h2.hints[0].evidence["cases"][0]["id"], "H-1");
    assert_eq!(h2.hints[0].evidence["cases"][0]["status"], "pending");

    let h3 = store.case("H-3").unwrap().unwrap();
    assert_eq!(codes(&h3.hints), ["history.document_reused"]);
    let cases = &h3.hints[0].evidence["cases"];
    assert_eq!(cases[0]["id"], "H-1");
    assert_eq!(cases[1]["id"], "H-2");
    assert_eq!(cases[0]["differs"], json!(["date_of_birth", "surname"]));
    assert_eq!(h3.hints[0].suggests.unwrap().code(), "fraud.identity_theft");

    // Importing the same bundle again finds nothing new and does not see itself.
    import(&mut store, &first);
    assert!(case_codes(&store, "H-1").is_empty());
}

#[test]
fn history_carries_earlier_outcomes_and_finds_the_mrz_number() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, _) = store_with_example(tmp.path(), "R-1");
    accounts(&mut store, &[("ria", REVIEWER)]);
    let reasons =
        vigil::lifecycle::Reasons::new([vigil::taxonomy::ReasonCode::VisibilityPoorImageQuality])
            .unwrap();
    store
        .decide(
            &vigil::lifecycle::DecisionRequest {
                case_id: "R-1".into(),
                by: cred("ria"),
                verdict: vigil::lifecycle::Verdict::Reject(reasons),
                note: String::new(),
                handling_ms: Some(1),
                despite_running_checks: false,
            },
            t(10),
        )
        .unwrap();
    // The declared number is typed differently; the MRZ's is the same document.
    let mut again = spec_example("R-2");
    again["document"]["number"] = Value::Null;
    let dir = write_bundle(&tmp.path().join("later"), "a", &again);
    let (_, hints) = check_bundle(&dir, &Policy::builtin(), Some(&store as &dyn Store)).unwrap();
    assert_eq!(codes(&hints), ["history.repeat_attempt"]);
    assert_eq!(
        hints[0].evidence["cases"][0],
        json!({"id": "R-1", "submitted_at": "2026-11-20T14:03:11+00:00", "status": "rejected",
               "reasons": ["visibility.poor_image_quality"]})
    );
}
