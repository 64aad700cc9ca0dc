//! The decision log: append-only, hash-chained, and tamper-evident even against someone who
//! drops the triggers and edits the SQLite file.

use crate::common::*;
use rusqlite::Connection;
use vigil::decision_log::{self, ChainBreak, ChainSummary};
use vigil::import::import_paths;
use vigil::lifecycle::{DecisionRequest, Reasons, Verdict};
use vigil::policy::Policy;
use vigil::store::{SqliteStore, Store, TimeRange};
use vigil::taxonomy::ReasonCode;

/// A store holding `n` cases, each decided once, in `dir`.
fn decided_store(dir: &std::path::Path, n: usize) -> SqliteStore {
    let mut store = store(&dir.join("data"));
    for i in 0..n {
        checked_case(&mut store, &format!("CASE-{i:05}"));
    }
    accounts(&mut store, &[("ana", REVIEWER)]);
    let ana = session(&mut store, "ana");
    let verdicts = [
        Verdict::Approve,
        Verdict::Reject(
            Reasons::new([
                ReasonCode::ValidityDocumentExpired,
                ReasonCode::OtherUnderage,
            ])
            .unwrap(),
        ),
        Verdict::Escalate,
    ];
    for i in 0..n {
        store
            .decide(
                &DecisionRequest {
                    case_id: format!("CASE-{i:05}"),
                    by: ana.clone(),
                    verdict: verdicts[i % 3].clone(),
                    note: format!("note, with \"quotes\"; and\nnewline {i}"),
                    handling_ms: Some(1000 + i as u64),
                    despite_running_checks: false,
                },
                t(100 + i as i64),
            )
            .unwrap();
    }
    store
}

fn verify(store: &SqliteStore) -> Result<ChainSummary, ChainBreak> {
    store.verify_log(None).unwrap().map_err(|b| match b {
        vigil::checkpoint::LogBreak::Chain(c) => c,
        other => panic!("not a chain break: {other}"),
    })
}

/// Opens the database behind the store's back, as an attacker would, without the triggers.
fn tamper(dir: &std::path::Path, sql: &str) {
    let conn = Connection::open(dir.join("data/vigil.db")).unwrap();
    conn.execute_batch("DROP TRIGGER decisions_no_update; DROP TRIGGER decisions_no_delete;")
        .unwrap();
    conn.execute_batch(sql).unwrap();
}

#[test]
fn a_thousand_decisions_verify_and_each_tampering_names_its_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let store = decided_store(tmp.path(), 1000);
    let intact = verify(&store).unwrap();
    // The first administrator's and ana's creation, then the decisions.
    assert_eq!(intact.entries, 1002);
    drop(store);

    // Each tampering on a fresh copy of the database.
    let cases: [(&str, &str, ChainBreak); 3] = [
        (
            "edited field",
            "UPDATE decisions SET outcome = 'approved' WHERE seq = 500",
            ChainBreak::Content { seq: 500 },
        ),
        (
            "deleted row",
            "DELETE FROM decisions WHERE seq = 321",
            ChainBreak::Sequence {
                expected: 321,
                found: 322,
            },
        ),
        (
            "swapped rows",
            "UPDATE decisions SET seq = -1 WHERE seq = 700;
             UPDATE decisions SET seq = 700 WHERE seq = 701;
             UPDATE decisions SET seq = 701 WHERE seq = -1;",
            ChainBreak::Link { seq: 700 },
        ),
    ];
    for (what, sql, expected) in cases {
        let copy = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(copy.path().join("data")).unwrap();
        // VACUUM INTO gives a consistent copy of the WAL database.
        let src = Connection::open(tmp.path().join("data/vigil.db")).unwrap();
        src.execute(
            "VACUUM INTO ?1",
            [copy.path().join("data/vigil.db").to_str().unwrap()],
        )
        .unwrap();
        tamper(copy.path(), sql);
        let reopened = SqliteStore::open(&copy.path().join("data")).unwrap();
        assert_eq!(verify(&reopened), Err(expected), "{what}");
    }
}

#[test]
fn rehashing_an_edited_entry_breaks_the_link_after_it() {
    let tmp = tempfile::tempdir().unwrap();
    let store = decided_store(tmp.path(), 5);
    let mut rows = Vec::new();
    store
        .for_each_entry(TimeRange::default(), &mut |r| {
            rows.push(r.unwrap());
            Ok(())
        })
        .unwrap();
    drop(store);
    let mut forged = rows[2].clone();
    forged.reviewer = "mallory".into();
    let forged = forged.seal();
    tamper(
        tmp.path(),
        &format!(
            "UPDATE decisions SET reviewer = 'mallory', hash = '{}' WHERE seq = 3",
            forged.hash
        ),
    );
    let store = SqliteStore::open(&tmp.path().join("data")).unwrap();
    assert_eq!(verify(&store), Err(ChainBreak::Link { seq: 4 }));
}

#[test]
fn triggers_refuse_update_and_delete() {
    let tmp = tempfile::tempdir().unwrap();
    drop(decided_store(tmp.path(), 3));
    let conn = Connection::open(tmp.path().join("data/vigil.db")).unwrap();
    let upd = conn
        .execute("UPDATE decisions SET note = 'x' WHERE seq = 1", [])
        .unwrap_err();
    assert!(upd.to_string().contains("append-only"), "{upd}");
    let del = conn.execute("DELETE FROM decisions", []).unwrap_err();
    assert!(del.to_string().contains("append-only"), "{del}");
}

#[test]
fn entries_record_reviewer_hints_handling_time_and_message() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    let mut s = submission("HINTED-1");
    s["images"]["liveness"] = serde_json::json!(["l.jpg"]);
    write_bundle(&inbox, "h", &s);
    let mut store = store(&tmp.path().join("data"));
    import_paths(&mut store, &Policy::builtin(), &[inbox], t(0));
    accounts(&mut store, &[("Līga Ozola", REVIEWER)]);
    store
        .claim(
            "HINTED-1",
            &cred("Līga Ozola"),
            t(10),
            chrono::Duration::minutes(15),
        )
        .unwrap();
    let e = store
        .decide(
            &DecisionRequest {
                case_id: "HINTED-1".into(),
                by: cred("Līga Ozola"),
                verdict: Verdict::Reject(
                    Reasons::new([ReasonCode::OtherConnectionProblem]).unwrap(),
                ),
                note: String::new(),
                handling_ms: None,
                despite_running_checks: false,
            },
            t(52),
        )
        .unwrap();
    // After the two account entries (the administrator, then Līga's account) and her claim.
    assert_eq!(e.seq, 4);
    assert_ne!(e.prev_hash, decision_log::GENESIS_HASH);
    assert_eq!(e.reviewer, "Līga Ozola");
    assert_eq!(
        e.hints.iter().map(|h| h.code()).collect::<Vec<_>>(),
        ["liveness.incomplete"]
    );
    assert_eq!(e.handling_ms, 42_000, "from the claim to the decision");
    assert!(!e.is_final);
    assert_eq!(e.applicant_locale, "lv");
    // The applicant wrote in Latvian: the message is in Latvian.
    let lv = vigil::i18n::Lang::Lv;
    assert!(
        e.applicant_message
            .contains(&lv.reason_applicant(ReasonCode::OtherConnectionProblem))
    );
}
