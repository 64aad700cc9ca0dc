//! The access log (TEAM.md "Verifiable log"): who claimed, released, opened and exported
//! what is recorded in the chain, by the store, in the transaction that acts; the claims the
//! log records are replayed and compared with the stored ones.

use crate::common::*;
use chrono::Duration;
use vigil::access_log::Access;
use vigil::accounts::Role;
use vigil::decision_log::{EntryKind, LogEntry, timestamp};
use vigil::export::{self, Format};
use vigil::import::import_paths;
use vigil::lifecycle::{DecisionRefused, DecisionRequest, Verdict};
use vigil::policy::Policy;
use vigil::store::{AnyStore, Location, QueueKind, StoreError};

const LEASE: i64 = 15 * 60;

fn setup(backend: Backend, tmp: &std::path::Path, n: usize) -> (Location, AnyStore) {
    let inbox = tmp.join("inbox");
    for i in 0..n {
        write_bundle(&inbox, &format!("b{i}"), &submission(&format!("A-{i}")));
    }
    let place = backend.location(tmp);
    let mut store = open(&place);
    import_paths(&mut *store, &Policy::builtin(), &[inbox], t(0));
    accounts(
        &mut *store,
        &[
            ("ana", REVIEWER),
            ("ben", REVIEWER),
            ("sam", &[Role::Supervisor]),
            ("aud", &[Role::Auditor]),
        ],
    );
    (place, store)
}

/// The access entries of the log: kind, case, who, whose, and what.
fn accesses(store: &AnyStore) -> Vec<(EntryKind, String, String, String, String)> {
    log_entries(&**store)
        .into_iter()
        .filter(|e| e.kind.is_access())
        .map(|e: LogEntry| (e.kind, e.submission_id, e.reviewer, e.subject, e.change))
        .collect()
}

fn access(
    kind: EntryKind,
    case: &str,
    by: &str,
    whose: &str,
    change: &str,
) -> (EntryKind, String, String, String, String) {
    (kind, case.into(), by.into(), whose.into(), change.into())
}

fn refused(r: Result<LogEntry, StoreError>) -> StoreError {
    r.expect_err("refused")
}

#[test]
fn claims_releases_openings_and_exports_are_logged_by_the_store() {
    each_backend(|backend| {
        let tmp = tempfile::tempdir().unwrap();
        let (_place, mut store) = setup(backend, tmp.path(), 3);
        let lease = Duration::seconds(LEASE);
        let until = |at: i64| timestamp(t(at + LEASE));

        // A claim, its renewal, and the next case claimed from the queue.
        store.claim("A-0", &cred("ana"), t(10), lease).unwrap();
        store.claim("A-0", &cred("ana"), t(400), lease).unwrap();
        let (next, _) = store
            .claim_next(QueueKind::Review, &cred("ben"), t(20), lease)
            .unwrap()
            .unwrap();
        assert_eq!(next, "A-1");
        // A refused claim records nothing.
        assert!(store.claim("A-0", &cred("ben"), t(30), lease).is_err());
        // Ben gives his back; ana decides hers, which ends her claim without a release.
        store.release("A-1", &cred("ben"), t(40)).unwrap();
        let req = DecisionRequest {
            case_id: "A-0".into(),
            by: cred("ana"),
            verdict: Verdict::Approve,
            note: String::new(),
            handling_ms: None,
            despite_running_checks: false,
        };
        store.decide(&req, t(500)).unwrap();
        // A supervisor opens the decided case; an auditor exports and writes a receipt.
        let opened = Access::Opened { case: "A-0".into() };
        store.record_access(&opened, &cred("sam"), t(600)).unwrap();
        let file = tmp.path().join("log.jsonl");
        let (exported, entry) = export::export_recorded(
            &mut *store,
            &cred("aud"),
            Default::default(),
            Format::Jsonl,
            &file,
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(
            entry.change,
            format!("exported entries 1–{} as JSONL", exported.last)
        );
        assert_eq!(
            exported.last + 1,
            entry.seq,
            "the export's record follows it"
        );
        let receipt = Access::Receipt {
            seq: 3,
            case: "A-0".into(),
        };
        store.record_access(&receipt, &cred("aud"), t(700)).unwrap();

        let export_change = format!("exported entries 1–{} as JSONL", exported.last);
        assert_eq!(
            accesses(&store),
            [
                access(
                    EntryKind::Claim,
                    "A-0",
                    "ana",
                    "ana",
                    &format!("claimed until {}", until(10))
                ),
                access(
                    EntryKind::Claim,
                    "A-0",
                    "ana",
                    "ana",
                    &format!("renewed the claim until {}", until(400))
                ),
                access(
                    EntryKind::Claim,
                    "A-1",
                    "ben",
                    "ben",
                    &format!("claimed until {}", until(20))
                ),
                access(
                    EntryKind::Release,
                    "A-1",
                    "ben",
                    "ben",
                    &format!("released the claim held until {}", until(20))
                ),
                access(EntryKind::Open, "A-0", "sam", "sam", "opened the case"),
                access(EntryKind::Export, "", "aud", "aud", &export_change),
                access(
                    EntryKind::Export,
                    "A-0",
                    "aud",
                    "aud",
                    "wrote a receipt of entry 3"
                ),
            ]
        );
        // They are the case's own entries too (what the window shows on the case), and
        // the chain and the replay of claims hold.
        let kinds: Vec<EntryKind> = store
            .case_entries("A-0")
            .unwrap()
            .iter()
            .map(|e| e.kind)
            .collect();
        use EntryKind::{Claim, Decision, Export, Open};
        assert_eq!(kinds, [Claim, Claim, Decision, Open, Export]);
        let audit = store.audit(None, None, t(800)).unwrap();
        assert!(audit.holds(), "{audit:?}");
    });
}

#[test]
fn an_access_the_roles_do_not_allow_is_refused_and_recorded_nowhere() {
    each_backend(|backend| {
        let tmp = tempfile::tempdir().unwrap();
        let (_place, mut store) = setup(backend, tmp.path(), 1);
        let before = log_entries(&*store).len();
        let opened = Access::Opened { case: "A-0".into() };
        // The administrator alone does not work on cases; a reviewer does not export.
        assert!(matches!(
            refused(store.record_access(&opened, &cred(ADMIN), t(1))),
            StoreError::Refused(DecisionRefused::NotAllowed(_))
        ));
        let exported = Access::Exported {
            first: 1,
            last: 2,
            format: "CSV",
        };
        assert!(matches!(
            refused(store.record_access(&exported, &cred("ana"), t(1))),
            StoreError::Refused(DecisionRefused::NotAllowed(_))
        ));
        // A case the store does not have is not opened; a wrong password proves nobody.
        let nowhere = Access::Opened {
            case: "NOPE".into(),
        };
        assert!(matches!(
            refused(store.record_access(&nowhere, &cred("ana"), t(1))),
            StoreError::Refused(DecisionRefused::NoSuchCase(_))
        ));
        let wrong = vigil::accounts::Credential::Password {
            name: "ana".into(),
            password: vigil::accounts::Password::given("guess"),
        };
        assert!(store.record_access(&opened, &wrong, t(1)).is_err());
        assert_eq!(log_entries(&*store).len(), before);

        // An export by a reviewer is not written: an older file at its path stays as it was.
        let file = tmp.path().join("log.csv");
        std::fs::write(&file, "an older export").unwrap();
        let r = export::export_recorded(
            &mut *store,
            &cred("ana"),
            Default::default(),
            Format::Csv,
            &file,
            &mut |_| {},
        );
        assert!(
            matches!(r, Err(export::ExportError::Unrecorded(_))),
            "{r:?}"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "an older export");
        assert!(!export::checkpoint_path(&file).exists());
        assert_eq!(log_entries(&*store).len(), before);
    });
}

#[test]
fn a_claim_changed_behind_the_log_is_named_by_the_audit() {
    each_backend(|backend| {
        let tmp = tempfile::tempdir().unwrap();
        let (place, mut store) = setup(backend, tmp.path(), 3);
        let lease = Duration::seconds(LEASE);
        store.claim("A-0", &cred("ana"), t(10), lease).unwrap();
        store.claim("A-1", &cred("ana"), t(10), lease).unwrap();
        let now = t(100);
        assert!(store.audit(None, None, now).unwrap().holds());
        // The claim of A-0 handed to ben, A-1's cleared, and A-2 claimed out of nowhere,
        // each by SQL.
        let later = timestamp(t(5000));
        tamper(
            &place,
            &format!(
                "UPDATE cases SET claimed_by = 'ben' WHERE id = 'A-0';
                 UPDATE cases SET claimed_by = NULL, claimed_at = NULL, lease_until = NULL
                     WHERE id = 'A-1';
                 UPDATE cases SET claimed_by = 'ben', claimed_at = '{later}',
                     lease_until = '{later}' WHERE id = 'A-2';"
            ),
        );
        let audit = store.audit(None, None, now).unwrap();
        assert!(
            audit.chain.is_ok() && audit.unexplained.is_empty(),
            "{audit:?}"
        );
        let said: Vec<String> = audit.claims.iter().map(ToString::to_string).collect();
        let until = timestamp(t(10 + LEASE));
        assert_eq!(
            said,
            [
                format!(
                    "case A-0 is claimed by ben until {until}, but its log has it claimed by ana until {until}"
                ),
                format!(
                    "case A-1 has no live claim, but its log has it claimed by ana until {until}"
                ),
                format!(
                    "case A-2 is claimed by ben until {later}, but its log gives it no live claim"
                ),
            ]
        );
        assert!(!audit.holds());
        // Once every lease is over, the claims grant nothing and are not compared.
        assert!(store.audit(None, None, t(6000)).unwrap().claims.is_empty());
    });
}

#[test]
fn the_command_line_records_its_exports_and_receipts() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut store = open(&Location::Folder(data.clone()));
    accounts(&mut *store, &[("aud", &[Role::Auditor]), ("ana", REVIEWER)]);
    drop(store);
    let as_ = |name: &str| vec![("VIGIL_PASSWORD", password_of(name))];
    let run = |name: &str, args: &[&str]| {
        let env = as_(name);
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut full = vec!["--as", name];
        full.extend_from_slice(args);
        run_vigil(&data, &full, &env)
    };
    let export_as = |name: &str, format: &str, out: &std::path::Path| {
        run(
            name,
            &["export", "--format", format, "--out", out.to_str().unwrap()],
        )
    };
    let r = export_as("aud", "jsonl", &tmp.path().join("log.jsonl"));
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let r = run("aud", &["audit", "receipt", "1"]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    // A reviewer's export is refused before anything is written or recorded.
    let refused_out = tmp.path().join("no.jsonl");
    let r = export_as("ana", "csv", &refused_out);
    assert_eq!(r.status.code(), Some(1));
    assert!(!refused_out.exists());

    let store = open(&Location::Folder(data));
    let log = log_entries(&*store);
    let recorded: Vec<(&str, &str, &str)> = log
        .iter()
        .filter(|e| e.kind == EntryKind::Export)
        .map(|e| {
            (
                e.reviewer.as_str(),
                e.submission_id.as_str(),
                e.change.as_str(),
            )
        })
        .collect();
    // Entries 1–3: the administrator and the two accounts it made.
    assert_eq!(
        recorded,
        [
            ("aud", "", "exported entries 1–3 as JSONL"),
            ("aud", "", "wrote a receipt of entry 1"),
        ]
    );
}
