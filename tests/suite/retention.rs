//! Retention (TEAM.md): `purge` removes the personal data of cases decided before a date,
//! the bytes included, while the log still verifies and extends the checkpoints taken before.

use crate::common::*;
use serde_json::json;
use std::path::Path;
use vigil::accounts::Role;
use vigil::checkpoint::Checkpoint;
use vigil::decision_log::EntryKind;
use vigil::export::{self, Format};
use vigil::import::import_paths;
use vigil::lifecycle::{DecisionRequest, Verdict};
use vigil::policy::Policy;
use vigil::retention::{Clients, PurgeRule};
use vigil::store::{Location, Store, StoreError, TimeRange};

/// The surname of the applicants whose cases are purged: no byte of it may stay.
const GONE: &str = "ZORGENFREY";
/// Kept: decided after the cut-off.
const KEPT: &str = "KEEPINGTON";
const DAY: i64 = 86_400;

fn bundle(inbox: &Path, id: &str, surname: &str) {
    let mut s = submission(id);
    s["applicant"]["surname"] = json!(surname);
    rewrite_mrz(&mut s);
    write_bundle(inbox, id, &s);
}

fn decide(store: &mut dyn Store, id: &str, day: i64, note: &str) {
    let req = DecisionRequest {
        case_id: id.into(),
        by: cred("ana"),
        verdict: Verdict::Approve,
        note: note.into(),
        handling_ms: Some(5),
        despite_running_checks: false,
    };
    store.decide(&req, t(DAY * day)).unwrap();
}

/// Whether `needle` occurs in any file under `dir`.
fn found_in(dir: &Path, needle: &[u8]) -> Vec<String> {
    let mut hits = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            hits.extend(found_in(&path, needle));
        } else if std::fs::read(&path)
            .unwrap()
            .windows(needle.len())
            .any(|w| w == needle)
        {
            hits.push(path.display().to_string());
        }
    }
    hits
}

#[test]
fn purge_removes_personal_data_and_its_bytes_while_the_log_still_verifies() {
    each_backend(|backend| {
        let tmp = tempfile::tempdir().unwrap();
        let inbox = tmp.path().join("inbox");
        for (id, surname) in [("P-0", GONE), ("P-1", GONE), ("P-2", KEPT), ("P-3", KEPT)] {
            bundle(&inbox, id, surname);
        }
        let place = backend.location(tmp.path());
        let mut store = open(&place);
        import_paths(&mut *store, &Policy::builtin(), &[inbox], t(0));
        accounts(&mut *store, &[("ana", &[Role::Reviewer])]);
        decide(&mut *store, "P-0", 1, &format!("{GONE} looked fine"));
        decide(&mut *store, "P-1", 2, &format!("{GONE} again"));
        decide(&mut *store, "P-2", 10, "later");
        // P-3 stays pending: not decided, never purged.
        let images_of = |s: &dyn Store, id: &str| -> Vec<String> {
            let case = s.case(id).unwrap().unwrap();
            case.files.into_iter().filter_map(|f| f.sha256).collect()
        };
        let purged_images: Vec<String> = ["P-0", "P-1"]
            .iter()
            .flat_map(|id| images_of(&*store, id))
            .collect();
        assert_eq!(purged_images.len(), 10);
        let number = store
            .case("P-0")
            .unwrap()
            .unwrap()
            .submission
            .document
            .number
            .unwrap();
        let key = store.log_key().unwrap().verifier();
        let (before, note) = store.checkpoint().unwrap().unwrap();

        let rule = PurgeRule {
            clients: Clients::All,
            before: t(DAY * 5),
        };
        // A reviewer may not purge; the store refuses in the transaction.
        assert!(matches!(
            store.purge(std::slice::from_ref(&rule), &cred("ana"), t(DAY * 20)),
            Err(StoreError::Refused(_))
        ));
        let report = store
            .purge(std::slice::from_ref(&rule), &cred(ADMIN), t(DAY * 20))
            .unwrap();
        assert_eq!(report.cases, ["P-0", "P-1"]);
        assert_eq!(report.images.len(), 10);
        let [entry] = &report.entries[..] else {
            panic!("{:?}", report.entries)
        };
        assert_eq!(entry.kind, EntryKind::Purge);
        assert_eq!(entry.reviewer, ADMIN);
        assert!(entry.change.contains("2 cases"), "{}", entry.change);

        // The log verifies, extends the checkpoint taken before, and explains every case.
        let older = Checkpoint::open(&note, &key).unwrap();
        let audit = store.audit(None, Some(older), chrono::Utc::now()).unwrap();
        assert!(audit.holds(), "{audit:?}");
        assert_eq!(audit.tree.size(), before.size + 1);

        // What the purged cases keep, and what the kept one still has.
        let p0 = store.case("P-0").unwrap().unwrap();
        assert_eq!(p0.purged_at, Some(t(DAY * 20)));
        assert_eq!(p0.submission.applicant.surname, None);
        assert_eq!(p0.submission.document.number, None);
        assert_eq!(p0.submission.document.mrz, None);
        assert!(p0.files.iter().all(|f| f.sha256.is_none()));
        assert!(p0.hints.iter().all(|h| h.message.is_empty()));
        let notes: Vec<String> = store
            .case_entries("P-0")
            .unwrap()
            .into_iter()
            .map(|e| e.note)
            .collect();
        assert_eq!(notes, [""]);
        let p2 = store.case("P-2").unwrap().unwrap();
        assert_eq!(p2.purged_at, None);
        assert_eq!(p2.submission.applicant.surname.as_deref(), Some(KEPT));
        assert!(store.case("P-3").unwrap().unwrap().purged_at.is_none());
        for sha in &purged_images {
            assert!(store.read_blob(sha).is_err(), "image {sha} still stored");
        }
        assert!(store.document_history(&number).unwrap().is_empty());

        // An export after the purge still verifies offline and extends the old checkpoint.
        let out = tmp.path().join("after.jsonl");
        export::export_to_file(
            &*store,
            TimeRange::default(),
            Format::Jsonl,
            &out,
            &mut |_| {},
        )
        .unwrap();
        let offline = vigil::export_audit::audit_file(&out, Some(&key), Some(&note), None).unwrap();
        assert!(offline.chain.is_ok(), "{:?}", offline.chain);
        assert!(!std::fs::read_to_string(&out).unwrap().contains(GONE));

        // A purged case is not reviewed again: a supervisor's reopening is refused.
        accounts(&mut *store, &[("sue", &[Role::Supervisor])]);
        assert!(matches!(
            store.reopen("P-0", "second look", &cred("sue"), t(DAY * 20)),
            Err(StoreError::Refused(
                vigil::lifecycle::DecisionRefused::Purged(_)
            ))
        ));

        // Nothing left to purge; the run is logged all the same.
        let again = store
            .purge(std::slice::from_ref(&rule), &cred(ADMIN), t(DAY * 21))
            .unwrap();
        assert!(again.cases.is_empty() && again.entries.len() == 1);

        // Not a byte left in the store's files: database, write-ahead log, images.
        if let Location::Folder(dir) = &place {
            drop(store);
            for needle in [GONE, number.as_str()] {
                let hits = found_in(dir, needle.as_bytes());
                assert!(hits.is_empty(), "{needle} still in {hits:?}");
            }
            assert!(!found_in(dir, KEPT.as_bytes()).is_empty());
        }
    });
}

#[test]
fn purge_from_the_command_line_takes_the_date_or_the_policys_retention_days() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    bundle(&inbox, "Q-0", GONE);
    let data = tmp.path().join("data");
    let mut store = open(&Location::Folder(data.clone()));
    import_paths(&mut *store, &Policy::builtin(), &[inbox], t(0));
    accounts(&mut *store, &[("ana", &[Role::Reviewer])]);
    // Decided two months before the test's base date, over a month before today.
    decide(&mut *store, "Q-0", -60, "");
    drop(store);
    let admin = [("VIGIL_PASSWORD", password_of(ADMIN))];
    let env: Vec<(&str, &str)> = admin.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // The built-in policy sets no retention: a date is needed.
    let none = run_vigil(&data, &["--as", ADMIN, "purge"], &env);
    assert_eq!(
        none.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&none.stderr)
    );
    // A policy keeping personal data 30 days: the case goes.
    let policy = tmp.path().join("policy.toml");
    let builtin =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/policy.toml"))
            .unwrap();
    std::fs::write(
        &policy,
        builtin.replacen("[default]\n", "[default]\nretention_days = 30\n", 1),
    )
    .unwrap();
    let by_policy = run_vigil(
        &data,
        &["--as", ADMIN, "--policy", policy.to_str().unwrap(), "purge"],
        &env,
    );
    let said = String::from_utf8_lossy(&by_policy.stdout);
    assert_eq!(
        by_policy.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&by_policy.stderr)
    );
    assert!(said.contains("purged 1 cases"), "{said}");
    // A reviewer is refused; a date that is no date is bad input.
    let ana = run_vigil(
        &data,
        &["--as", "ana", "purge", "--before", "2030-01-01"],
        &[("VIGIL_PASSWORD", &password_of("ana"))],
    );
    assert_eq!(ana.status.code(), Some(1));
    let bad = run_vigil(&data, &["--as", ADMIN, "purge", "--before", "soon"], &env);
    assert_eq!(bad.status.code(), Some(2));
    let verify = run_vigil(&data, &["audit", "verify"], &[]);
    assert_eq!(
        verify.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&verify.stderr)
    );
}
