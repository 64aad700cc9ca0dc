//! The case life cycle across store handles: claims, leases, the fraud queue.

use crate::common::*;
use chrono::Duration;
use vigil::account_log::{AccountFinding, Authority};
use vigil::accounts::{AuthError, Role, Roles};
use vigil::import::import_paths;
use vigil::lifecycle::{CaseStatus, DecisionRefused, DecisionRequest, Reasons, Stored, Verdict};
use vigil::policy::Policy;
use vigil::store::{AnyStore, Location, QueueKind, QueueQuery, StoreError};
use vigil::taxonomy::{Outcome, ReasonCode};

/// `n` cases and four accounts in a new store on `backend`; the location opens more handles.
fn setup(backend: Backend, n: usize) -> (tempfile::TempDir, AnyStore, Location) {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    for i in 0..n {
        let mut s = submission(&format!("C-{i}"));
        // Later ids were submitted earlier: the queue must follow submission time, not id.
        s["submitted_at"] = serde_json::json!(format!("2026-11-20T14:{:02}:00Z", 59 - i));
        write_bundle(&inbox, &format!("b{i}"), &s);
    }
    let place = backend.location(tmp.path());
    let mut store = open(&place);
    import_paths(&mut *store, &Policy::builtin(), &[inbox], t(0));
    accounts(
        &mut *store,
        &[
            ("ana", REVIEWER),
            ("ben", REVIEWER),
            ("eve", FRAUD),
            ("fay", FRAUD),
        ],
    );
    (tmp, store, place)
}

fn request(case: &str, who: &str, verdict: Verdict) -> DecisionRequest {
    DecisionRequest {
        case_id: case.into(),
        by: cred(who),
        verdict,
        note: String::new(),
        handling_ms: Some(5),
        despite_running_checks: false,
    }
}

fn refused(r: Result<impl std::fmt::Debug, StoreError>) -> DecisionRefused {
    match r {
        Err(StoreError::Refused(d)) => d,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn two_store_handles_cannot_claim_the_same_case_until_the_lease_expires() {
    each_backend(|backend| {
        let (_tmp, mut one, place) = setup(backend, 1);
        // A second handle on the same files, as a second `vigil` process would have.
        let mut two = open(&place);
        let lease = Duration::minutes(15);
        let claim = one.claim("C-0", &cred("ana"), t(0), lease).unwrap();
        assert_eq!(claim.lease_until, t(900));
        assert!(matches!(
            refused(two.claim("C-0", &cred("ben"), t(60), lease)),
            DecisionRefused::ClaimedByOther { by, .. } if by == "ana"
        ));
        assert!(matches!(
            refused(two.decide(&request("C-0", "ben", Verdict::Approve), t(60))),
            DecisionRefused::ClaimedByOther { .. }
        ));
        // The queue shows who holds it.
        let q = two
            .queue(&QueueQuery {
                kind: QueueKind::Review,
                limit: None,
                now: t(60),
            })
            .unwrap();
        assert_eq!(q[0].claimed_by.as_deref(), Some("ana"));
        // Renewing keeps the start of the claim, for handling time.
        let renewed = one.claim("C-0", &cred("ana"), t(300), lease).unwrap();
        assert_eq!(renewed.claimed_at, t(0));
        assert_eq!(renewed.lease_until, t(1200));
        // After the lease, the case is free for another reviewer.
        let taken = two.claim("C-0", &cred("ben"), t(1200), lease).unwrap();
        assert_eq!((taken.by.as_str(), taken.claimed_at), ("ben", t(1200)));
        assert!(matches!(
            refused(one.claim("C-0", &cred("ana"), t(1201), lease)),
            DecisionRefused::ClaimedByOther { .. }
        ));
        // Released, it is anyone's again.
        two.release("C-0", &cred("ben"), t(5000)).unwrap();
        one.claim("C-0", &cred("ana"), t(1300), lease).unwrap();
    });
}

#[test]
fn escalation_then_final_decision_by_a_second_fraud_reviewer() {
    each_backend(|backend| {
        let (_tmp, mut store, _place) = setup(backend, 2);
        let esc = store
            .decide(&request("C-0", "eve", Verdict::Escalate), t(10))
            .unwrap();
        assert_eq!(esc.outcome, Some(Outcome::Escalated));
        let review = store
            .queue(&QueueQuery {
                kind: QueueKind::Review,
                limit: None,
                now: t(11),
            })
            .unwrap();
        assert_eq!(
            review.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["C-1"]
        );
        let fraud = store
            .queue(&QueueQuery {
                kind: QueueKind::Fraud,
                limit: None,
                now: t(11),
            })
            .unwrap();
        assert_eq!(
            fraud
                .iter()
                .map(|c| (c.id.as_str(), c.status))
                .collect::<Vec<_>>(),
            [("C-0", "escalated")]
        );

        let reject = Verdict::Reject(Reasons::new([ReasonCode::FraudIdentityTheft]).unwrap());
        assert_eq!(
            refused(store.decide(&request("C-0", "ana", reject.clone()), t(20))),
            DecisionRefused::NotAllowed(AuthError::Refused)
        );
        assert!(matches!(
            refused(store.decide(&request("C-0", "eve", reject.clone()), t(20))),
            DecisionRefused::FourEyes { .. }
        ));
        let fin = store
            .decide(&request("C-0", "fay", reject.clone()), t(30))
            .unwrap();
        assert_eq!(
            (fin.outcome, fin.is_final, fin.seq),
            (Some(Outcome::Rejected), true, esc.seq + 1)
        );
        assert!(
            !fin.applicant_message.to_lowercase().contains("fraud"),
            "fraud findings stay unsaid"
        );
        assert!(matches!(
            refused(store.decide(&request("C-0", "fay", Verdict::Approve), t(40))),
            DecisionRefused::AlreadyDecided {
                outcome: Outcome::Rejected,
                ..
            }
        ));
        // Both entries stay in the log.
        let of_case: Vec<_> = store
            .case_entries("C-0")
            .unwrap()
            .into_iter()
            .map(|e| (e.reviewer, e.outcome))
            .collect();
        assert_eq!(
            of_case,
            [
                ("eve".into(), Some(Outcome::Escalated)),
                ("fay".into(), Some(Outcome::Rejected))
            ]
        );
        assert!(store.case_entries("C-1").unwrap().is_empty());
        let outcomes: Vec<_> = decisions(&*store)
            .into_iter()
            .map(|e| (e.submission_id, e.reviewer, e.outcome))
            .collect();
        assert_eq!(
            outcomes,
            [
                ("C-0".into(), "eve".into(), Some(Outcome::Escalated)),
                ("C-0".into(), "fay".into(), Some(Outcome::Rejected))
            ]
        );
        assert!(
            store
                .queue(&QueueQuery {
                    kind: QueueKind::Fraud,
                    limit: None,
                    now: t(50)
                })
                .unwrap()
                .is_empty()
        );
    });
}

#[test]
fn queue_is_oldest_first_and_unknown_cases_and_reviewers_are_refused() {
    each_backend(|backend| {
        let (_tmp, mut store, _place) = setup(backend, 3);
        let q = store
            .queue(&QueueQuery {
                kind: QueueKind::Review,
                limit: None,
                now: t(0),
            })
            .unwrap();
        assert_eq!(
            q.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["C-2", "C-1", "C-0"]
        );
        assert_eq!(q[0].applicant, "ANNA MARIA ERIKSSON");
        let limited = store
            .queue(&QueueQuery {
                kind: QueueKind::Review,
                limit: Some(1),
                now: t(0),
            })
            .unwrap();
        assert_eq!(limited.len(), 1);
        assert_eq!(
            refused(store.decide(&request("NOPE", "ana", Verdict::Approve), t(1))),
            DecisionRefused::NoSuchCase("NOPE".into())
        );
        assert_eq!(
            refused(store.decide(&request("C-0", "zed", Verdict::Approve), t(1))),
            DecisionRefused::NotAllowed(AuthError::Refused)
        );
    });
}

#[test]
fn claims_respect_the_fraud_queue_rules_and_bounds() {
    each_backend(|backend| {
        let (_tmp, mut store, _place) = setup(backend, 1);
        store
            .decide(&request("C-0", "eve", Verdict::Escalate), t(0))
            .unwrap();
        let lease = Duration::minutes(15);
        // Nobody outside the fraud team, nor the escalating reviewer, can block an escalated case.
        assert_eq!(
            refused(store.claim("C-0", &cred("ana"), t(1), lease)),
            DecisionRefused::NotAllowed(AuthError::Refused)
        );
        assert!(matches!(
            refused(store.claim("C-0", &cred("eve"), t(1), lease)),
            DecisionRefused::FourEyes { .. }
        ));
        store.claim("C-0", &cred("fay"), t(1), lease).unwrap();
        // A lease is never longer than a day, and never overflows the calendar.
        assert!(matches!(
            refused(store.claim("C-0", &cred("fay"), t(2), Duration::days(400))),
            DecisionRefused::BadLease(_)
        ));
        assert!(matches!(
            refused(store.claim("C-0", &cred("fay"), t(2), Duration::seconds(0))),
            DecisionRefused::BadLease(0)
        ));
        // Releasing needs the claim: others and unknown cases are told so.
        assert!(matches!(
            refused(store.release("C-0", &cred("ana"), t(5))),
            DecisionRefused::ClaimOfAnother { .. }
        ));
        assert_eq!(
            refused(store.release("NOPE", &cred("fay"), t(5000))),
            DecisionRefused::NoSuchCase("NOPE".into())
        );
        store.release("C-0", &cred("fay"), t(5000)).unwrap();
    });
}

#[test]
fn racing_processes_never_both_win_a_claim() {
    each_backend(|backend| {
        let (_tmp, _store, place) = setup(backend, 1);
        for round in 0..5 {
            let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
            let winners: Vec<bool> = ["ana", "ben"]
                .into_iter()
                .map(|who| {
                    let (place, barrier) = (place.clone(), barrier.clone());
                    std::thread::spawn(move || {
                        let mut s = open(&place);
                        barrier.wait();
                        s.claim("C-0", &cred(who), t(round * 10_000), Duration::minutes(15))
                            .is_ok()
                    })
                })
                .collect::<Vec<_>>()
                .into_iter()
                .map(|h| h.join().unwrap())
                .collect();
            assert_eq!(
                winners.iter().filter(|w| **w).count(),
                1,
                "round {round}: {winners:?}"
            );
        }
    });
}

#[test]
fn claim_next_takes_the_oldest_case_nobody_holds() {
    each_backend(|backend| {
        let (_tmp, mut store, place) = setup(backend, 3);
        let lease = Duration::minutes(15);
        let mut other = open(&place);
        let next = |s: &mut AnyStore, who: &str, kind: QueueKind, at: i64| {
            s.claim_next(kind, &cred(who), t(at), lease)
                .unwrap()
                .map(|(id, c)| {
                    assert_eq!(c.by, who);
                    id
                })
        };
        // Oldest first (C-2 was submitted first); each handle skips what the other holds.
        assert_eq!(
            next(&mut store, "ana", QueueKind::Review, 0).as_deref(),
            Some("C-2")
        );
        assert_eq!(
            next(&mut other, "ben", QueueKind::Review, 1).as_deref(),
            Some("C-1")
        );
        // Asking again renews one's own claim rather than taking another.
        assert_eq!(
            next(&mut store, "ana", QueueKind::Review, 2).as_deref(),
            Some("C-2")
        );
        store
            .decide(&request("C-0", "eve", Verdict::Escalate), t(3))
            .unwrap();
        assert_eq!(
            next(&mut other, "ben", QueueKind::Review, 4).as_deref(),
            Some("C-1")
        );
        // The fraud queue: never the escalator's own case; a plain reviewer gets nothing.
        assert_eq!(next(&mut store, "eve", QueueKind::Fraud, 5), None);
        assert_eq!(next(&mut store, "ana", QueueKind::Fraud, 5), None);
        assert_eq!(
            next(&mut other, "fay", QueueKind::Fraud, 6).as_deref(),
            Some("C-0")
        );
        // After the leases, the abandoned cases are free again, oldest first.
        assert_eq!(
            next(&mut other, "ben", QueueKind::Review, 2000).as_deref(),
            Some("C-2")
        );
        assert_eq!(
            next(&mut store, "eve", QueueKind::Review, 2001).as_deref(),
            Some("C-1")
        );
    });
}

/// Decided cases are listed (approved and rejected, with who escalated on the way), never
/// claimed; the fraud queue names each case's escalator.
#[test]
fn decided_cases_are_listed_and_never_claimed() {
    each_backend(|backend| {
        let (_tmp, mut store, _place) = setup(backend, 3);
        store
            .decide(&request("C-0", "ana", Verdict::Approve), t(10))
            .unwrap();
        let retry = Reasons::new([ReasonCode::ValidityDocumentExpired]).unwrap();
        store
            .decide(&request("C-1", "ana", Verdict::Reject(retry)), t(11))
            .unwrap();
        store
            .decide(&request("C-2", "eve", Verdict::Escalate), t(12))
            .unwrap();
        let list = |store: &AnyStore, kind| {
            store
                .queue(&QueueQuery {
                    kind,
                    limit: None,
                    now: t(20),
                })
                .unwrap()
                .into_iter()
                .map(|c| (c.id, c.status, c.escalated_by))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
        };
        assert_eq!(
            list(&store, QueueKind::Decided),
            [
                ("C-0".to_owned(), "approved", None),
                ("C-1".to_owned(), "rejected", None)
            ]
        );
        assert_eq!(
            list(&store, QueueKind::Fraud),
            [("C-2".to_owned(), "escalated", Some("eve".to_owned()))]
        );
        let lease = Duration::minutes(15);
        assert_eq!(
            store
                .claim_next(QueueKind::Decided, &cred("ana"), t(20), lease)
                .unwrap(),
            None
        );
    });
}

fn queue_ids(store: &AnyStore, kind: QueueKind, now: i64) -> Vec<String> {
    store
        .queue(&QueueQuery {
            kind,
            limit: None,
            now: t(now),
        })
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect()
}

/// A supervisor reopens a decided case: its own log entry with the reason, the decision's
/// entry untouched, the case back in the queue it was decided from; refused to anyone
/// else, for one's own decision, without a reason, and for a case that is not decided.
#[test]
fn a_supervisor_reopens_a_decided_case_into_the_queue_it_came_from() {
    use vigil::decision_log::EntryKind;
    each_backend(|backend| {
        let (_tmp, mut store, _place) = setup(backend, 3);
        accounts(
            &mut *store,
            &[
                ("sam", &[Role::Supervisor, Role::Reviewer]),
                ("sue", &[Role::Supervisor]),
            ],
        );
        let approved = store
            .decide(&request("C-0", "ana", Verdict::Approve), t(10))
            .unwrap();
        let before = log_entries(&*store).len();
        // Refusals record nothing.
        assert_eq!(
            refused(store.reopen("C-0", "wrong person", &cred("ben"), t(20))),
            DecisionRefused::NotAllowed(AuthError::Refused)
        );
        assert_eq!(
            refused(store.reopen("C-0", "  ", &cred("sam"), t(20))),
            DecisionRefused::ReopenWithoutReason
        );
        assert!(matches!(
            refused(store.reopen("C-1", "not decided", &cred("sam"), t(20))),
            DecisionRefused::NotReopenable {
                status: "pending",
                ..
            }
        ));
        assert!(matches!(
            refused(store.reopen("C-9", "no such case", &cred("sam"), t(20))),
            DecisionRefused::NoSuchCase(_)
        ));
        assert_eq!(log_entries(&*store).len(), before);

        let reopened = store
            .reopen(
                "C-0",
                "approved with an expired document",
                &cred("sam"),
                t(30),
            )
            .unwrap();
        assert_eq!(
            (
                reopened.kind,
                reopened.reviewer.as_str(),
                reopened.subject.as_str(),
                reopened.note.as_str(),
                reopened.outcome
            ),
            (
                EntryKind::Reopen,
                "sam",
                "ana",
                "approved with an expired document",
                None
            )
        );
        assert!(
            reopened.change.contains(&format!("entry {}", approved.seq))
                && reopened.change.contains("review queue"),
            "{}",
            reopened.change
        );
        assert!(queue_ids(&store, QueueKind::Review, 31).contains(&"C-0".to_owned()));
        assert!(matches!(
            refused(store.reopen("C-0", "again", &cred("sue"), t(32))),
            DecisionRefused::NotReopenable { .. }
        ));
        // Decided again, this time by the supervisor: nobody reopens their own decision.
        let reject = Verdict::Reject(Reasons::new([ReasonCode::ValidityDocumentExpired]).unwrap());
        store.decide(&request("C-0", "sam", reject), t(40)).unwrap();
        assert!(matches!(
            refused(store.reopen("C-0", "mine", &cred("sam"), t(50))),
            DecisionRefused::OwnDecision { .. }
        ));
        let kinds: Vec<_> = store
            .case_entries("C-0")
            .unwrap()
            .into_iter()
            .map(|e| (e.kind, e.reviewer, e.outcome))
            .collect();
        assert_eq!(
            kinds,
            [
                (EntryKind::Decision, "ana".into(), Some(Outcome::Approved)),
                (EntryKind::Reopen, "sam".into(), None),
                (EntryKind::Decision, "sam".into(), Some(Outcome::Rejected)),
            ]
        );
        // The first decision's entry is as it was: the chain verifies.
        assert_eq!(log_entries(&*store)[approved.seq as usize - 1], approved);
        assert!(store.verify_log(None).unwrap().is_ok());

        // A case the fraud team decided goes back to the fraud team, escalator remembered.
        store
            .decide(&request("C-2", "ana", Verdict::Escalate), t(60))
            .unwrap();
        assert!(matches!(
            refused(store.reopen("C-2", "still open", &cred("sue"), t(65))),
            DecisionRefused::NotReopenable {
                status: "escalated",
                ..
            }
        ));
        store
            .decide(&request("C-2", "fay", Verdict::Approve), t(70))
            .unwrap();
        let back = store
            .reopen(
                "C-2",
                "approved despite a reused selfie",
                &cred("sue"),
                t(80),
            )
            .unwrap();
        assert!(back.change.contains("fraud queue"), "{}", back.change);
        assert_eq!(queue_ids(&store, QueueKind::Fraud, 81), ["C-2"]);
        assert!(matches!(
            refused(store.claim("C-2", &cred("ana"), t(82), Duration::minutes(5))),
            DecisionRefused::NotAllowed(_) | DecisionRefused::FourEyes { .. }
        ));
        store
            .decide(&request("C-2", "eve", Verdict::Approve), t(90))
            .unwrap();
    });
}

#[test]
fn a_case_is_queued_while_its_checks_run_and_decided_before_them_only_when_confirmed() {
    use vigil::decision_log::CHECKS_RUNNING;
    use vigil::hints::{Hint, HintCode, Slot};
    each_backend(|backend| {
        let (_tmp, mut store, place) = setup(backend, 0);
        let early = Hint::new(
            HintCode::ImageBlurry,
            Some(Slot::Selfie),
            "blurry",
            serde_json::json!({}),
        );
        running_case(&mut *store, "RUN-1", vec![early.clone()]);
        running_case(&mut *store, "RUN-2", Vec::new());
        let rows = store
            .queue(&QueueQuery {
                kind: QueueKind::Review,
                limit: None,
                now: t(1),
            })
            .unwrap();
        assert!(rows.iter().all(|r| r.checks_running), "{rows:?}");
        assert!(store.case("RUN-1").unwrap().unwrap().checks_running);

        // Unconfirmed, the store refuses, whoever asks and however the UI behaves.
        let approve = request("RUN-1", "ana", Verdict::Approve);
        assert_eq!(
            refused(store.decide(&approve, t(2))),
            DecisionRefused::ChecksRunning("RUN-1".into())
        );
        assert!(store.case_entries("RUN-1").unwrap().is_empty());

        // An import that stopped leaves them running: they are stale once old enough.
        assert_eq!(store.stale_checks(t(-60)).unwrap(), Vec::<String>::new());
        assert_eq!(store.stale_checks(t(3600)).unwrap(), ["RUN-1", "RUN-2"]);

        // The checks finish: their hints follow the ones found before, once.
        let late = Hint::new(
            HintCode::FaceNone,
            Some(Slot::Selfie),
            "no face",
            serde_json::json!({"faces": 0}),
        );
        assert!(
            store
                .complete_checks("RUN-1", std::slice::from_ref(&late), None)
                .unwrap()
        );
        // A second workstation finishing the same checks adds nothing.
        let mut other = open(&place);
        assert!(
            !other
                .complete_checks("RUN-1", std::slice::from_ref(&late), None)
                .unwrap()
        );
        let done = store.case("RUN-1").unwrap().unwrap();
        assert!(!done.checks_running);
        let codes: Vec<_> = done.hints.iter().map(|h| h.code).collect();
        assert_eq!(codes, [HintCode::ImageBlurry, HintCode::FaceNone]);
        assert_eq!(store.stale_checks(t(3600)).unwrap(), ["RUN-2"]);
        let entry = store.decide(&approve, t(4)).unwrap();
        assert_eq!(entry.change, "", "checks were done: nothing to say");
        assert_eq!(entry.hints, codes);

        // Confirmed, the decision is recorded and the log says the checks were running.
        let confirmed = DecisionRequest {
            despite_running_checks: true,
            ..request("RUN-2", "ben", Verdict::Escalate)
        };
        let entry = store.decide(&confirmed, t(5)).unwrap();
        assert_eq!(entry.change, CHECKS_RUNNING);
        assert!(store.verify_log(None).unwrap().is_ok());
        // A decision's change can only say that: anything else is a forged shape.
        let json = serde_json::to_string(&entry).unwrap();
        let forged: vigil::decision_log::LogEntry =
            serde_json::from_str(&json.replace(CHECKS_RUNNING, "anything")).unwrap();
        let mut verifier = vigil::decision_log::ChainVerifier::new(None);
        store
            .for_each_entry(Default::default(), &mut |row| {
                let e = row.unwrap();
                if e.seq < entry.seq {
                    verifier.push(&e).unwrap();
                }
                Ok(())
            })
            .unwrap();
        let broken = verifier.push(&forged.seal()).unwrap_err();
        assert!(
            broken
                .to_string()
                .contains("a decision with a subject or change"),
            "{broken}"
        );
    });
}

/// The `cases` and `accounts` tables are not in the chain: a status or a role changed by SQL
/// is found by replaying the log, naming the case or account, what is stored and what the
/// log makes it; a case's escalation credited to someone else counts, as the four-eyes rule
/// reads it. On both back ends, through the store and through `vigil audit verify`.
#[test]
fn a_status_or_role_changed_behind_the_log_is_named_by_audit_verify() {
    each_backend(|backend| {
        let (tmp, mut store, place) = setup(backend, 4);
        let reject = Verdict::Reject(Reasons::new([ReasonCode::ValidityDocumentExpired]).unwrap());
        store.decide(&request("C-0", "ana", reject), t(10)).unwrap();
        store
            .decide(&request("C-1", "ana", Verdict::Escalate), t(11))
            .unwrap();
        store
            .decide(&request("C-2", "ben", Verdict::Approve), t(12))
            .unwrap();
        let audit = store.audit(None, None, chrono::Utc::now()).unwrap();
        assert!(audit.holds(), "{audit:?}");
        let cli_audit = || {
            let mut args = vec!["audit", "verify"];
            let data = match &place {
                Location::Folder(dir) => dir.clone(),
                Location::Server(url) => {
                    args.extend(["--store", url.as_str()]);
                    tmp.path().join("cli-data")
                }
            };
            run_vigil(&data, &args, &[])
        };
        assert_eq!(cli_audit().status.code(), Some(0));

        tamper(
            &place,
            "UPDATE cases SET status = 'pending' WHERE id = 'C-0';
             UPDATE cases SET escalated_by = 'fay' WHERE id = 'C-1';
             UPDATE cases SET status = 'approved' WHERE id = 'C-3';
             UPDATE accounts SET roles = 'reviewer,admin' WHERE name = 'ana';",
        );
        let audit = store.audit(None, None, chrono::Utc::now()).unwrap();
        // The chain itself is intact: only the cases and accounts tables were changed.
        assert!(audit.chain.is_ok(), "{audit:?}");
        let found = &audit.unexplained;
        let escalated = |by: &str| CaseStatus::Escalated { by: by.into() };
        assert_eq!(
            found
                .iter()
                .map(|u| (u.id.as_str(), &u.stored, &u.logged))
                .collect::<Vec<_>>(),
            [
                (
                    "C-0",
                    &Stored::Status(CaseStatus::Pending),
                    &CaseStatus::Decided(Outcome::Rejected)
                ),
                ("C-1", &Stored::Status(escalated("fay")), &escalated("ana")),
                (
                    "C-3",
                    &Stored::Status(CaseStatus::Decided(Outcome::Approved)),
                    &CaseStatus::Pending
                ),
            ]
        );
        let as_reviewer = |roles: &[Role]| Authority {
            roles: Roles::of(roles.iter().copied()),
            disabled: false,
        };
        assert_eq!(
            audit.accounts,
            [AccountFinding::Differs {
                name: "ana".into(),
                stored: Some(as_reviewer(&[Role::Reviewer, Role::Admin])),
                logged: Some(as_reviewer(REVIEWER)),
            }]
        );
        let out = cli_audit();
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{said}");
        assert!(
            said.contains("3 cases were and 1 account was changed behind the log"),
            "{said}"
        );
        for line in found
            .iter()
            .map(ToString::to_string)
            .chain(audit.accounts.iter().map(ToString::to_string))
        {
            assert!(said.lines().any(|l| l.trim() == line), "{line}: {said}");
        }
        assert!(!said.contains("C-2"), "{said}");
    });
}
