//! What the benchmarks share: a fixed clock and cases without files.
#![allow(dead_code)] // Each benchmark uses a different subset.

use chrono::{TimeZone, Utc};
use vigil::store::NewCase;
use vigil::submission::Submission;

pub fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0)
        .single()
        .unwrap()
}

/// A case with no files, as an integration that posts only data would produce.
pub fn bare_case(i: u64) -> NewCase {
    let json = format!(
        r#"{{"format":"idv-submission/1","id":"B-{i:07}","submitted_at":"2026-11-20T10:00:00Z",
            "applicant_locale":"lv","applicant":{{"surname":"OZOLA","given_names":"ANNA"}},
            "document":{{"type":"passport","number":"LV{i:07}"}}}}"#
    );
    NewCase {
        submission: Submission::parse(json.as_bytes()).unwrap(),
        fingerprint: format!("{i}"),
        files: Vec::new(),
        hints: Vec::new(),
        policy: "bench".into(),
        document_numbers: vec![format!("LV{i:07}")],
        checks_running: false,
    }
}
