//! Exports parse back with the same content; date ranges; reason codes.

use crate::common::*;
use vigil::export::{self, Bound, Format};
use vigil::import::import_paths;
use vigil::lifecycle::{DecisionRequest, Reasons, Verdict};
use vigil::policy::Policy;
use vigil::store::{Store, TimeRange};
use vigil::taxonomy::{ReasonCode, parse_reason_list};

/// Six decisions of three kinds over six days, with a name and a note that need quoting.
pub fn store_with_decisions() -> (tempfile::TempDir, vigil::store::SqliteStore) {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    for i in 0..6 {
        let mut s = submission(&format!("E-{i}"));
        s["applicant_locale"] = serde_json::json!(["en", "lv", "ja"][i % 3]);
        write_bundle(&inbox, &format!("b{i}"), &s);
    }
    let mut store = store(&tmp.path().join("data"));
    import_paths(&mut store, &Policy::builtin(), &[inbox], t(0));
    accounts(&mut store, &[("Ana, \"the\" reviewer", REVIEWER)]);
    let day = 86_400;
    for i in 0..6 {
        let verdict = match i % 3 {
            0 => Verdict::Approve,
            1 => Verdict::Reject(
                Reasons::new([
                    ReasonCode::VisibilityPoorImageQuality,
                    ReasonCode::ValidityBlackAndWhite,
                ])
                .unwrap(),
            ),
            _ => Verdict::Escalate,
        };
        store
            .decide(
                &DecisionRequest {
                    case_id: format!("E-{i}"),
                    by: cred("Ana, \"the\" reviewer"),
                    verdict,
                    note: "line one\nline two, with \"quotes\"; semicolon".into(),
                    handling_ms: Some(i * 1000),
                    despite_running_checks: false,
                },
                // One decision a day.
                t(i as i64 * day),
            )
            .unwrap();
    }
    (tmp, store)
}

fn all(store: &vigil::store::SqliteStore) -> Vec<vigil::decision_log::LogEntry> {
    log_entries(store)
}

#[test]
fn jsonl_and_csv_exports_parse_back_to_the_same_entries() {
    let (_tmp, store) = store_with_decisions();
    let entries = all(&store);
    // The administrator's and the reviewer's creation, then six decisions.
    assert_eq!(entries.len(), 8);

    let mut jsonl = Vec::new();
    assert_eq!(
        export::export(&store, TimeRange::default(), Format::Jsonl, &mut jsonl)
            .unwrap()
            .entries,
        8
    );
    let back: Vec<_> = export::read_jsonl(&jsonl[..]).map(Result::unwrap).collect();
    assert_eq!(back, entries);
    // Eight entries, then the signed checkpoint of the eighth (TEAM.md).
    let text = String::from_utf8(jsonl).unwrap();
    assert_eq!(text.lines().count(), 9);
    let last: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert_eq!(last["kind"], "checkpoint");
    assert!(
        last["checkpoint"].as_str().unwrap().contains("\n8\n"),
        "{last}"
    );

    let mut csv = Vec::new();
    export::export(&store, TimeRange::default(), Format::Csv, &mut csv).unwrap();
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(
        text.starts_with(
            "seq,kind,submission_id,decided_at,reviewer,outcome,reasons,final,note,hints"
        ),
        "{text}"
    );
    // Quoting: the comma and quotes in the reviewer's name and the newline in the note survive.
    assert!(text.contains("\"Ana, \"\"the\"\" reviewer\""));
    assert!(text.contains("visibility.poor_image_quality;validity.black_and_white"));
    let back: Vec<_> = export::read_csv(&csv[..]).map(Result::unwrap).collect();
    assert_eq!(back, entries);

    // An export verifies on its own, so an auditor needs only the file.
    let summary = vigil::decision_log::verify(back.into_iter().map(Ok), None).unwrap();
    assert_eq!(summary.head, entries[7].hash);
}

/// Cells a spreadsheet would run as formulas are written inert (a leading `'`), and the CSV
/// still reads back to the entries as logged, so it verifies; JSONL stays exact.
#[test]
fn csv_cells_that_would_be_formulas_are_neutralised_and_still_verify() {
    let (_tmp, mut store) = store_with_decisions();
    let notes = [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+1+1",
        "-2",
        "@SUM(A1)",
        "\tTAB",
        "\rCR",
        "'already quoted",
        "plain",
    ];
    let inbox = _tmp.path().join("inbox2");
    for (i, _) in notes.iter().enumerate() {
        write_bundle(&inbox, &format!("f{i}"), &submission(&format!("F-{i}")));
    }
    import_paths(&mut store, &Policy::builtin(), &[inbox], t(0));
    for (i, note) in notes.iter().enumerate() {
        store
            .decide(
                &DecisionRequest {
                    case_id: format!("F-{i}"),
                    by: cred("Ana, \"the\" reviewer"),
                    verdict: Verdict::Approve,
                    note: (*note).into(),
                    handling_ms: Some(1),
                    despite_running_checks: false,
                },
                t(10 * 86_400 + i as i64),
            )
            .unwrap();
    }
    let entries = all(&store);
    let mut csv = Vec::new();
    export::export(&store, TimeRange::default(), Format::Csv, &mut csv).unwrap();
    let mut r = csv::Reader::from_reader(&csv[..]);
    let note_col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "note")
        .unwrap();
    let cells: Vec<String> = r
        .records()
        .map(|rec| rec.unwrap()[note_col].to_owned())
        .filter(|c| !c.is_empty() && !c.starts_with("line one"))
        .collect();
    assert_eq!(
        cells,
        [
            "'=HYPERLINK(\"http://evil.example\",\"click\")",
            "'+1+1",
            "'-2",
            "'@SUM(A1)",
            "'\tTAB",
            "'\rCR",
            "''already quoted",
            "plain",
        ]
    );
    let back: Vec<_> = export::read_csv(&csv[..]).map(Result::unwrap).collect();
    assert_eq!(back, entries);
    assert!(vigil::decision_log::verify(back.into_iter().map(Ok), None).is_ok());
    let mut jsonl = Vec::new();
    export::export(&store, TimeRange::default(), Format::Jsonl, &mut jsonl).unwrap();
    assert!(
        String::from_utf8(jsonl)
            .unwrap()
            .contains("\"note\":\"=HYPERLINK(")
    );
}

/// A JSONL line with a field the format does not have does not verify.
#[test]
fn a_jsonl_line_with_an_unknown_field_is_refused() {
    let (_tmp, store) = store_with_decisions();
    let mut jsonl = Vec::new();
    export::export(&store, TimeRange::default(), Format::Jsonl, &mut jsonl).unwrap();
    let text = String::from_utf8(jsonl).unwrap();
    let first = text.lines().next().unwrap();
    let forged = first.replacen('{', "{\"approved_by_ceo\":true,", 1);
    let r: Vec<_> = export::read_jsonl(forged.as_bytes()).collect();
    assert!(
        matches!(r[0], Err(export::ExportError::Parse { line: 1, .. })),
        "{r:?}"
    );
}

#[test]
fn since_and_until_select_whole_days() {
    let (_tmp, store) = store_with_decisions();
    let day = |d: &str| d.parse::<Bound>().unwrap();
    let first = t(0).date_naive();
    let range = export::range(
        Some(day(&(first + chrono::Duration::days(1)).to_string())),
        Some(day(&(first + chrono::Duration::days(3)).to_string())),
    );
    let mut out = Vec::new();
    assert_eq!(
        export::export(&store, range, Format::Jsonl, &mut out)
            .unwrap()
            .entries,
        3
    );
    let seqs: Vec<u64> = export::read_jsonl(&out[..])
        .map(|e| e.unwrap().seq)
        .collect();
    assert_eq!(seqs, [4, 5, 6]);
    let instant = export::range(Some(Bound::Instant(t(86_400 * 5))), None);
    let mut out = Vec::new();
    assert_eq!(
        export::export(&store, instant, Format::Csv, &mut out)
            .unwrap()
            .entries,
        1
    );
    assert!("yesterday".parse::<Bound>().is_err());
}

#[test]
fn unknown_reason_codes_are_refused() {
    assert!(parse_reason_list("validity.document_expired,validity.documnet_expired").is_err());
    assert!(parse_reason_list("").is_err());
    let bad_csv = "seq,submission_id,decided_at,reviewer,outcome,reasons,final,note,hints,handling_ms,applicant_locale,applicant_message,prev_hash,hash\n\
                   1,X,2026-01-01T00:00:00.000Z,a,rejected,fraud.nope,true,,,0,en,m,0,0\n";
    let r: Vec<_> = export::read_csv(bad_csv.as_bytes()).collect();
    assert!(
        r[0].as_ref()
            .unwrap_err()
            .to_string()
            .contains("fraud.nope")
    );
    let wrong_header: Vec<_> = export::read_csv("a,b\n1,2\n".as_bytes()).collect();
    assert!(wrong_header[0].is_err());
    let broken_jsonl: Vec<_> = export::read_jsonl("{\"seq\": 1}\nnot json\n".as_bytes()).collect();
    assert!(broken_jsonl.iter().all(Result::is_err));
}

#[test]
fn applicant_locale_is_kept_per_entry() {
    let (_tmp, store) = store_with_decisions();
    let locales: Vec<String> = decisions(&store)
        .into_iter()
        .map(|e| e.applicant_locale)
        .collect();
    assert_eq!(locales, ["en", "lv", "ja", "en", "lv", "ja"]);
}
