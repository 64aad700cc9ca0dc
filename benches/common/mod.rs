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
        due_at: None,
    }
}

/// Appends `n` synthetic decisions spread evenly over the `days` days before `now()`
/// straight into the SQLite database `db`, by ana, ben and eve in turn, with a mix of
/// outcomes, hints, reasons and handling times: a fixture for the statistics, which read
/// the log but never verify it (the hashes are no chain, and the importer would sync every
/// entry to disk).
pub fn synthetic_decisions(db: &std::path::Path, n: u64, days: i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let first: i64 = conn
        .query_row("SELECT COALESCE(MAX(seq), 0) FROM decisions", [], |r| {
            r.get(0)
        })
        .unwrap();
    let span = days * 86_400;
    let start = vigil::decision_log::timestamp(now() - chrono::Duration::days(days));
    conn.execute_batch(&format!(
        "BEGIN;
         WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {n})
         INSERT INTO decisions (seq, kind, submission_id, decided_at, reviewer, outcome, reasons,
                final, note, hints, handling_ms, applicant_locale, applicant_message, subject,
                change, prev_hash, hash)
         SELECT {first} + i, 'decision', printf('S-%07d', i),
                strftime('%Y-%m-%dT%H:%M:%fZ', '{start}', '+' || (i * {span} / {n}) || ' seconds'),
                CASE i % 3 WHEN 0 THEN 'ana' WHEN 1 THEN 'ben' ELSE 'eve' END,
                CASE i % 5 WHEN 0 THEN 'rejected' WHEN 1 THEN 'escalated' ELSE 'approved' END,
                CASE i % 5 WHEN 0 THEN 'visibility.poor_image_quality' ELSE '' END,
                0, '', CASE i % 4 WHEN 0 THEN 'image.blurry' WHEN 1 THEN 'image.glare;face.none'
                ELSE '' END,
                1000 + (i * 7919) % 120000, 'en', '', '', '', '', printf('%064d', i)
         FROM k;
         COMMIT;"
    ))
    .unwrap();
}
