//! Accounts, roles and sign-in (TEAM.md, "Accounts and roles"): every rule enforced by the
//! store in the transaction that records, and the command line's words and exit codes.

use crate::common::*;
use chrono::Duration;
use std::path::Path;
use std::process::Output;
use vigil::accounts::{
    AccountChange, AccountError, AccountName, AuthError, Credential, Password, Role, Roles,
};
use vigil::decision_log::{self, ChainBreak, EntryKind};
use vigil::import::import_paths;
use vigil::lifecycle::{DecisionRefused, DecisionRequest, Reasons, Verdict};
use vigil::policy::Policy;
use vigil::store::{AnyStore, StoreError, TimeRange};
use vigil::taxonomy::{Outcome, ReasonCode};

fn setup(backend: Backend, n: usize) -> (tempfile::TempDir, AnyStore) {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    for i in 0..n {
        write_bundle(&inbox, &format!("b{i}"), &submission(&format!("A-{i}")));
    }
    let mut store = open(&backend.location(tmp.path()));
    import_paths(&mut *store, &Policy::builtin(), &[inbox], t(0));
    accounts(
        &mut *store,
        &[
            ("ana", REVIEWER),
            ("ben", REVIEWER),
            ("eve", FRAUD),
            ("sam", &[Role::Supervisor]),
        ],
    );
    (tmp, store)
}

fn decide(
    store: &mut AnyStore,
    case: &str,
    by: Credential,
    verdict: Verdict,
    at: i64,
) -> Result<decision_log::LogEntry, StoreError> {
    store.decide(
        &DecisionRequest {
            case_id: case.into(),
            by,
            verdict,
            note: format!("by the test at {at}"),
            handling_ms: Some(5),
            despite_running_checks: false,
        },
        t(at),
    )
}

fn refused<T: std::fmt::Debug>(r: Result<T, StoreError>) -> StoreError {
    r.expect_err("expected a refusal")
}

fn not_allowed<T: std::fmt::Debug>(r: Result<T, StoreError>) {
    assert!(
        matches!(
            refused(r),
            StoreError::Refused(DecisionRefused::NotAllowed(AuthError::Refused))
        ),
        "expected the one sentence that says nothing about which part was wrong"
    );
}

fn entries(store: &AnyStore) -> Vec<decision_log::LogEntry> {
    log_entries(&**store)
}

fn with_password(name: &str, password: &str) -> Credential {
    Credential::Password {
        name: name.into(),
        password: Password::given(password),
    }
}

fn create(name: &str, roles: &[Role]) -> AccountChange {
    AccountChange::Create {
        name: AccountName::parse(name).unwrap(),
        roles: Roles::of(roles.iter().copied()),
        password: Password::new_password(password_of(name)).unwrap(),
    }
}

fn reject(codes: &[ReasonCode]) -> Verdict {
    Verdict::Reject(Reasons::new(codes.iter().copied()).unwrap())
}

#[test]
fn the_escalator_decides_under_no_name_that_reads_the_same() {
    each_backend(|backend| {
        let (_tmp, mut store) = setup(backend, 1);
        store
            .change_account(
                &cred(ADMIN),
                &AccountChange::Grant {
                    name: "ana".into(),
                    role: Role::Fraud,
                },
                t(1),
            )
            .unwrap();
        // Names are unique by their skeleton: no second `ana` can be made.
        for twin in ["Ana", "\u{0430}na", "ＡＮＡ", "ANA"] {
            let r = store.change_account(&cred(ADMIN), &create(twin, FRAUD), t(2));
            assert!(
                matches!(refused(r), StoreError::Account(AccountError::NameTaken { existing, .. }) if existing == "ana"),
                "{twin}"
            );
        }
        decide(&mut store, "A-0", cred("ana"), Verdict::Escalate, 10).unwrap();
        // Signing in as `Ana` or Cyrillic `аna` is signing in as ana: still the escalator.
        for same in ["ana", "Ana", "\u{0430}na"] {
            let by = with_password(same, &password_of("ana"));
            assert!(matches!(
                refused(decide(&mut store, "A-0", by.clone(), Verdict::Approve, 11)),
                StoreError::Refused(DecisionRefused::FourEyes { .. })
            ));
            assert!(
                refused(store.claim("A-0", &by, t(11), Duration::minutes(5)))
                    .to_string()
                    .contains("four-eyes")
            );
        }
        // A different person with the fraud role decides it.
        let fin = decide(&mut store, "A-0", cred("eve"), Verdict::Approve, 12).unwrap();
        assert_eq!(fin.outcome, Some(Outcome::Approved));
    });
}

#[test]
fn a_wrong_password_records_nothing_and_five_lock_the_account() {
    each_backend(|backend| {
        let (_tmp, mut store) = setup(backend, 1);
        let before = entries(&store).len();
        let wrong = with_password("ana", "not-her-password");
        not_allowed(decide(
            &mut store,
            "A-0",
            wrong.clone(),
            Verdict::Approve,
            10,
        ));
        not_allowed(store.claim("A-0", &wrong, t(10), Duration::minutes(5)));
        // An unknown account and a missing role get the same sentence.
        not_allowed(decide(&mut store, "A-0", cred("zed"), Verdict::Approve, 10));
        not_allowed(decide(&mut store, "A-0", cred("sam"), Verdict::Approve, 10));
        assert_eq!(entries(&store).len(), before, "nothing was recorded");
        assert_eq!(store.case("A-0").unwrap().unwrap().status.code(), "pending");
        assert!(store.case("A-0").unwrap().unwrap().claim.is_none());

        // Two failures so far; three more within 15 minutes lock ana out, right password or not.
        for i in 0..3 {
            not_allowed(store.sign_in("ana", &Password::given("guess-number-x"), t(60 + i)));
        }
        let locked = refused(store.sign_in("ana", &Password::given(password_of("ana")), t(70)));
        assert!(
            matches!(&locked, StoreError::Refused(DecisionRefused::NotAllowed(AuthError::Locked { name, .. })) if name == "ana"),
            "{locked}"
        );
        assert!(
            locked
                .to_string()
                .contains("locked after 5 failed sign-ins"),
            "{locked}"
        );
        store
            .sign_in("ben", &Password::given(password_of("ben")), t(70))
            .unwrap();
        // Ben is not affected; after 15 minutes ana signs in again.
        let later = 62 + 15 * 60;
        store
            .sign_in("ana", &Password::given(password_of("ana")), t(later))
            .unwrap();
    });
}

#[test]
fn failures_spread_over_more_than_15_minutes_do_not_lock() {
    each_backend(|backend| {
        let (_tmp, mut store) = setup(backend, 0);
        for i in 0..8 {
            not_allowed(store.sign_in("ben", &Password::given("guess-number-x"), t(i * 300)));
        }
        store
            .sign_in("ben", &Password::given(password_of("ben")), t(8 * 300))
            .unwrap();
    });
}

#[test]
fn fraud_reasons_from_a_plain_reviewer_are_a_proposal_the_fraud_team_sees() {
    each_backend(|backend| {
        let (_tmp, mut store) = setup(backend, 1);
        let proposed = [
            ReasonCode::FraudIdentityTheft,
            ReasonCode::ValidityDocumentExpired,
        ];
        let e = decide(&mut store, "A-0", cred("ana"), reject(&proposed), 10).unwrap();
        assert_eq!(e.outcome, Some(Outcome::Escalated));
        assert_eq!(e.reasons, proposed);
        assert!(!e.is_final);
        let lv = vigil::i18n::Lang::Lv;
        assert_eq!(
            e.applicant_message,
            lv.text("applicant-escalated"),
            "the applicant hears of a review, nothing more"
        );
        let case = store.case("A-0").unwrap().unwrap();
        assert_eq!(case.status.code(), "escalated");
        let esc = case
            .escalation
            .expect("the fraud reviewer sees the escalation");
        assert_eq!(
            (esc.by.as_str(), esc.proposed.as_slice(), esc.at),
            ("ana", &proposed[..], t(10))
        );
        assert_eq!(esc.note, "by the test at 10");
        // The plain reviewer cannot confirm it; the fraud reviewer does.
        not_allowed(decide(
            &mut store,
            "A-0",
            cred("ben"),
            reject(&proposed),
            11,
        ));
        let fin = decide(&mut store, "A-0", cred("eve"), reject(&proposed), 12).unwrap();
        assert_eq!((fin.outcome, fin.is_final), (Some(Outcome::Rejected), true));
        assert!(store.case("A-0").unwrap().unwrap().escalation.is_none());
    });
}

#[test]
fn only_a_supervisor_releases_anothers_claim_and_the_log_says_so() {
    each_backend(|backend| {
        let (_tmp, mut store) = setup(backend, 1);
        let lease = Duration::minutes(15);
        store.claim("A-0", &cred("ana"), t(0), lease).unwrap();
        assert!(matches!(
            refused(store.release("A-0", &cred("ben"), t(1))),
            StoreError::Refused(DecisionRefused::ClaimOfAnother { by, .. }) if by == "ana"
        ));
        let entry = store.release("A-0", &cred("sam"), t(2)).unwrap();
        assert_eq!(
            (
                entry.kind,
                entry.reviewer.as_str(),
                entry.subject.as_str(),
                entry.submission_id.as_str()
            ),
            (EntryKind::Release, "sam", "ana", "A-0")
        );
        assert!(
            entry.change.contains("released the claim"),
            "{}",
            entry.change
        );
        store.claim("A-0", &cred("ben"), t(3), lease).unwrap();
        // One's own claim needs nobody's permission; its release is logged all the same.
        let own = store.release("A-0", &cred("ben"), t(4)).unwrap();
        assert_eq!(
            (own.kind, own.reviewer.as_str(), own.subject.as_str()),
            (EntryKind::Release, "ben", "ben")
        );
        assert!(store.verify_log(None).unwrap().is_ok());
    });
}

#[test]
fn only_administrators_change_accounts() {
    each_backend(|backend| {
        let (_tmp, mut store) = setup(backend, 0);
        let before = entries(&store).len();
        let grant = AccountChange::Grant {
            name: "ana".into(),
            role: Role::Fraud,
        };
        not_allowed(store.change_account(&cred("ana"), &grant, t(1)));
        not_allowed(store.change_account(&cred("sam"), &create("mallory", &[Role::Admin]), t(1)));
        not_allowed(store.change_account(
            &cred("ana"),
            &AccountChange::SetPassword {
                name: "ben".into(),
                password: Password::new_password("taken-over-1").unwrap(),
            },
            t(1),
        ));
        assert_eq!(entries(&store).len(), before);
        // Anyone changes their own password; the log says so.
        let own = store
            .change_account(
                &cred("ana"),
                &AccountChange::SetPassword {
                    name: "ana".into(),
                    password: Password::new_password("a-new-password").unwrap(),
                },
                t(2),
            )
            .unwrap();
        assert_eq!(
            (own.reviewer.as_str(), own.change.as_str()),
            ("ana", "password changed")
        );
        not_allowed(store.sign_in("ana", &Password::given(password_of("ana")), t(3)));
        store
            .sign_in("ana", &Password::given("a-new-password"), t(3))
            .unwrap();
        assert!(matches!(
            refused(store.init_admin(
                "eve2",
                &Password::new_password("whatever-123").unwrap(),
                t(4)
            )),
            StoreError::Account(AccountError::AlreadyInitialised)
        ));
    });
}

#[test]
fn bad_account_input_is_refused_and_nothing_is_recorded() {
    each_backend(|backend| {
        let (_tmp, mut store) = setup(backend, 0);
        let before = entries(&store).len();
        for bad in ["", &"x".repeat(65), "tab\there", "bell\u{7}", "rtl\u{202e}"] {
            assert!(AccountName::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            Password::new_password("123456789"),
            Err(AccountError::ShortPassword)
        );
        assert!(matches!(
            Roles::parse_list("reviewer,root"),
            Err(AccountError::UnknownRole(_))
        ));
        let admin = cred(ADMIN);
        let cases: Vec<(AccountChange, &str)> = vec![
            (
                AccountChange::Grant {
                    name: "ana".into(),
                    role: Role::Reviewer,
                },
                "already has the role reviewer",
            ),
            (
                AccountChange::Revoke {
                    name: "ana".into(),
                    role: Role::Fraud,
                },
                "does not have the role fraud",
            ),
            (
                AccountChange::Revoke {
                    name: ADMIN.into(),
                    role: Role::Admin,
                },
                "last administrator",
            ),
            (
                AccountChange::Disable { name: ADMIN.into() },
                "last administrator",
            ),
            (
                AccountChange::Grant {
                    name: "nobody".into(),
                    role: Role::Fraud,
                },
                "no account named",
            ),
            (
                AccountChange::Create {
                    name: AccountName::parse("nora").unwrap(),
                    roles: Roles::NONE,
                    password: Password::new_password("long-enough-1").unwrap(),
                },
                "at least one role",
            ),
        ];
        for (change, says) in cases {
            let e = refused(store.change_account(&admin, &change, t(1)));
            assert!(e.to_string().contains(says), "{change:?}: {e}");
        }
        assert_eq!(entries(&store).len(), before);
        // A second administrator can be revoked once there is another.
        store
            .change_account(
                &admin,
                &AccountChange::Grant {
                    name: "sam".into(),
                    role: Role::Admin,
                },
                t(2),
            )
            .unwrap();
        store
            .change_account(
                &admin,
                &AccountChange::Revoke {
                    name: ADMIN.into(),
                    role: Role::Admin,
                },
                t(3),
            )
            .unwrap();
    });
}

#[test]
fn disabled_accounts_and_reset_passwords_end_sessions() {
    each_backend(|backend| {
        let (_tmp, mut store) = setup(backend, 1);
        let session = store
            .sign_in("ana", &Password::given(password_of("ana")), t(0))
            .unwrap();
        let by = Credential::Session(session.token.clone());
        store
            .claim("A-0", &by, t(1), Duration::minutes(15))
            .unwrap();
        store
            .change_account(
                &cred(ADMIN),
                &AccountChange::Disable { name: "ana".into() },
                t(2),
            )
            .unwrap();
        assert!(matches!(
            refused(decide(&mut store, "A-0", by, Verdict::Approve, 3)),
            StoreError::Refused(DecisionRefused::NotAllowed(AuthError::SessionEnded))
        ));
        not_allowed(store.sign_in("ana", &Password::given(password_of("ana")), t(4)));
        // A reset by the administrator ends ben's sessions and his old password.
        let ben = store
            .sign_in("ben", &Password::given(password_of("ben")), t(5))
            .unwrap();
        let reset = store
            .change_account(
                &cred(ADMIN),
                &AccountChange::SetPassword {
                    name: "ben".into(),
                    password: Password::new_password("reset-by-admin").unwrap(),
                },
                t(6),
            )
            .unwrap();
        assert_eq!(reset.change, "password reset by an administrator");
        assert!(
            refused(store.authenticate(&Credential::Session(ben.token), t(7)))
                .to_string()
                .contains("session has ended")
        );
        not_allowed(store.sign_in("ben", &Password::given(password_of("ben")), t(8)));
        store
            .sign_in("ben", &Password::given("reset-by-admin"), t(9))
            .unwrap();
        // Sessions end at signing out, and after their working day.
        let s = store
            .sign_in("eve", &Password::given(password_of("eve")), t(10))
            .unwrap();
        store
            .authenticate(&Credential::Session(s.token.clone()), t(11))
            .unwrap();
        assert!(
            store
                .authenticate(&Credential::Session(s.token.clone()), t(10 + 13 * 3600))
                .is_err()
        );
        store.sign_out(&s.token).unwrap();
        assert!(
            store
                .authenticate(&Credential::Session(s.token), t(12))
                .is_err()
        );
    });
}

#[test]
fn account_changes_verify_in_an_export_and_tampering_is_caught() {
    each_backend(|backend| {
        let (tmp, mut store) = setup(backend, 1);
        let admin = cred(ADMIN);
        store
            .change_account(
                &admin,
                &AccountChange::Grant {
                    name: "ben".into(),
                    role: Role::Fraud,
                },
                t(1),
            )
            .unwrap();
        store
            .change_account(
                &admin,
                &AccountChange::Revoke {
                    name: "ben".into(),
                    role: Role::Fraud,
                },
                t(2),
            )
            .unwrap();
        store
            .change_account(&admin, &AccountChange::Disable { name: "sam".into() }, t(3))
            .unwrap();
        decide(&mut store, "A-0", cred("ana"), Verdict::Approve, 4).unwrap();
        let log = entries(&store);
        let kinds: Vec<(EntryKind, &str, &str)> = log
            .iter()
            .map(|e| (e.kind, e.subject.as_str(), e.change.as_str()))
            .collect();
        assert_eq!(
            kinds[0],
            (
                EntryKind::Account,
                ADMIN,
                "created as the first administrator (account init)"
            )
        );
        assert_eq!(
            kinds[1],
            (EntryKind::Account, "ana", "created with roles reviewer")
        );
        assert_eq!(kinds[5], (EntryKind::Account, "ben", "granted fraud"));
        assert_eq!(kinds[6], (EntryKind::Account, "ben", "revoked fraud"));
        assert_eq!(kinds[7], (EntryKind::Account, "sam", "disabled"));
        assert_eq!(kinds[8].0, EntryKind::Decision);
        assert!(
            log[5..8]
                .iter()
                .all(|e| e.reviewer == ADMIN && e.outcome.is_none())
        );

        for format in [vigil::export::Format::Jsonl, vigil::export::Format::Csv] {
            let path = tmp.path().join(format!("log.{format:?}").to_lowercase());
            vigil::export::export_to_file(
                &*store,
                TimeRange::default(),
                format,
                &path,
                &mut |_| {},
            )
            .unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            let read = |text: &str| -> Vec<_> {
                match format {
                    vigil::export::Format::Jsonl => vigil::export::read_jsonl(text.as_bytes())
                        .map(|e| {
                            e.map_err(|x| ChainBreak::Unreadable {
                                seq: 0,
                                problem: x.to_string(),
                            })
                        })
                        .collect(),
                    vigil::export::Format::Csv => vigil::export::read_csv(text.as_bytes())
                        .map(|e| {
                            e.map_err(|x| ChainBreak::Unreadable {
                                seq: 0,
                                problem: x.to_string(),
                            })
                        })
                        .collect(),
                }
            };
            assert!(
                decision_log::verify(read(&text), None).is_ok(),
                "{format:?}"
            );
            // Someone turns the revocation into a grant of admin.
            let forged = text.replacen("revoked fraud", "granted admin", 1);
            assert_ne!(forged, text);
            assert_eq!(
                decision_log::verify(read(&forged), None),
                Err(ChainBreak::Content { seq: 7 }),
                "{format:?}"
            );
        }
        if let Some(line) = std::fs::read_to_string(tmp.path().join("log.jsonl"))
            .unwrap()
            .lines()
            .nth(5)
        {
            assert!(
                line.contains("\"kind\":\"account\"") && line.contains("\"subject\":\"ben\""),
                "{line}"
            );
        }
    });
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn blob_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for sub in std::fs::read_dir(dir.join("blobs")).unwrap() {
        let sub = sub.unwrap().path();
        if sub.is_dir() && sub.file_name().unwrap() != "tmp" {
            out.push(sub.clone());
            out.extend(std::fs::read_dir(&sub).unwrap().map(|f| f.unwrap().path()));
        }
    }
    out
}

#[cfg(unix)]
#[test]
fn personal_data_is_private_in_a_new_and_an_existing_data_folder() {
    use std::os::unix::fs::PermissionsExt;
    let (tmp, store) = setup(Backend::Sqlite, 1);
    let data = tmp.path().join("data");
    drop(store);
    let check = || {
        assert_eq!(mode(&data), 0o700);
        assert_eq!(mode(&data.join("vigil.db")), 0o600);
        for side in ["vigil.db-wal", "vigil.db-shm"] {
            if data.join(side).exists() {
                assert_eq!(mode(&data.join(side)), 0o600, "{side}");
            }
        }
        let blobs = blob_files(&data);
        assert!(blobs.len() >= 2, "{blobs:?}");
        for b in blobs {
            let want = if b.is_dir() { 0o700 } else { 0o600 };
            assert_eq!(mode(&b), want, "{}", b.display());
        }
    };
    let _open = open(&vigil::store::Location::Folder(data.clone()));
    check();
    drop(_open);
    // A store from before this rule: everything world-readable.
    let open_up =
        |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    open_up(&data, 0o755);
    open_up(&data.join("vigil.db"), 0o644);
    open_up(&data.join("blobs"), 0o755);
    for b in blob_files(&data) {
        open_up(&b, if b.is_dir() { 0o755 } else { 0o644 });
    }
    let _reopened = open(&vigil::store::Location::Folder(data.clone()));
    check();
}

fn vigil(data: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    run_vigil(data, args, env)
}

fn as_admin(data: &Path, args: &[&str], new_password: &str) -> Output {
    let mut all = vec!["--as", ADMIN];
    all.extend_from_slice(args);
    vigil(
        data,
        &all,
        &[
            ("VIGIL_PASSWORD", &password_of(ADMIN)),
            ("VIGIL_NEW_PASSWORD", new_password),
        ],
    )
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_account_commands_and_their_exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let pw = password_of(ADMIN);
    let init = vigil(
        &data,
        &["account", "init", ADMIN],
        &[("VIGIL_NEW_PASSWORD", &pw)],
    );
    assert_eq!(init.status.code(), Some(0), "{}", err(&init));
    let again = vigil(
        &data,
        &["account", "init", "other"],
        &[("VIGIL_NEW_PASSWORD", &pw)],
    );
    assert_eq!(again.status.code(), Some(1), "{}", err(&again));
    // No password anywhere and no terminal: told what to set, never a hang.
    let no_password = vigil(&data, &["--as", ADMIN, "account", "list"], &[]);
    assert_eq!(no_password.status.code(), Some(2));
    assert!(
        err(&no_password).contains("VIGIL_PASSWORD"),
        "{}",
        err(&no_password)
    );

    let ok = as_admin(
        &data,
        &["account", "add", "ana", "--role", "reviewer,fraud"],
        "ana-password",
    );
    assert_eq!(ok.status.code(), Some(0), "{}", err(&ok));
    // Bad input: exit 2, one clear sentence.
    let long = "x".repeat(65);
    for (args, new_pw, says) in [
        (
            vec!["account", "add", "", "--role", "reviewer"],
            "long-enough-1",
            "empty",
        ),
        (
            vec!["account", "add", long.as_str(), "--role", "reviewer"],
            "long-enough-1",
            "longer than 64",
        ),
        (
            vec!["account", "add", "a\u{1b}[2Jb", "--role", "reviewer"],
            "long-enough-1",
            "control",
        ),
        (
            vec!["account", "add", "nora", "--role", "reviewer"],
            "short",
            "at least 10",
        ),
        (
            vec!["account", "add", "nora", "--role", "root"],
            "long-enough-1",
            "not a role",
        ),
        (
            vec!["account", "grant", "ana", "superuser"],
            "",
            "not a role",
        ),
    ] {
        let o = as_admin(&data, &args, new_pw);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert!(err(&o).contains(says), "{args:?}: {}", err(&o));
        assert_eq!(err(&o).trim().lines().count(), 1, "{}", err(&o));
        assert!(!err(&o).contains('\u{1b}'), "escaped");
    }
    // Refusals: exit 1.
    for (args, says) in [
        (
            vec!["account", "grant", "ana", "fraud"],
            "already has the role fraud",
        ),
        (
            vec!["account", "revoke", ADMIN, "admin"],
            "last administrator",
        ),
        (
            vec!["account", "add", "Ana", "--role", "reviewer"],
            "reads the same as the existing account `ana`",
        ),
    ] {
        let o = as_admin(&data, &args, "long-enough-1");
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", err(&o));
        assert!(err(&o).contains(says), "{args:?}: {}", err(&o));
    }
    // A reviewer grants nothing; a wrong password and an unknown account read the same.
    let sentences: Vec<String> = [
        ("ana", "ana-password"),
        ("ana", "wrong-password"),
        ("zed", "zed-password"),
    ]
    .iter()
    .map(|(who, pw)| {
        let o = vigil(
            &data,
            &["--as", who, "account", "grant", "ana", "admin"],
            &[("VIGIL_PASSWORD", pw)],
        );
        assert_eq!(o.status.code(), Some(1));
        err(&o)
    })
    .collect();
    assert!(
        sentences.iter().all(|s| *s == sentences[0]),
        "{sentences:?}"
    );
    // The list, as JSON.
    let list = as_admin(&data, &["account", "list", "--json"], "");
    let v: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(v[1]["name"], "ana");
    assert_eq!(v[1]["roles"], serde_json::json!(["reviewer", "fraud"]));
    assert_eq!(v[1]["disabled"], false);
    let disable = as_admin(&data, &["account", "disable", "ana"], "");
    assert_eq!(disable.status.code(), Some(0), "{}", err(&disable));
    let text = as_admin(&data, &["account", "list"], "");
    assert!(String::from_utf8_lossy(&text.stdout).contains("reviewer,fraud  (disabled)"));
    // Every change is in the log and the log verifies.
    let verify = vigil(&data, &["audit", "verify"], &[]);
    assert!(
        String::from_utf8_lossy(&verify.stdout).contains("3 entries"),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
}
