//! Blind QA (TEAM.md "Team quality"): sampling, blind second reviews that never change the
//! case, the agreement report against figures computed by hand, the replay of the QA queue,
//! on both back ends and through the command line.

use crate::common::*;
use vigil::accounts::Role;
use vigil::agreement::QaReport;
use vigil::decision_log::{EntryKind, LogEntry};
use vigil::lifecycle::{CaseStatus, DecisionRefused, DecisionRequest, Reasons, Verdict};
use vigil::qa::{Agreement, QaRate};
use vigil::store::{AnyStore, Location, StoreError, TimeRange};
use vigil::taxonomy::{Category, Outcome, ReasonCode};

const EXPIRED: ReasonCode = ReasonCode::ValidityDocumentExpired;
const BLURRED: ReasonCode = ReasonCode::VisibilityPoorImageQuality;

fn request(id: &str, who: &str, verdict: Verdict) -> DecisionRequest {
    DecisionRequest {
        case_id: id.into(),
        by: cred(who),
        verdict,
        note: format!("{who}'s note on {id}"),
        handling_ms: Some(1_000),
        despite_running_checks: false,
    }
}

fn reject(code: ReasonCode) -> Verdict {
    Verdict::Reject(Reasons::new([code]).unwrap())
}

fn no_policy_rate(_: &str) -> Option<QaRate> {
    None
}

fn refusal(r: Result<impl std::fmt::Debug, StoreError>) -> DecisionRefused {
    match r {
        Err(StoreError::Refused(d)) => d,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn ids(queue: &[vigil::qa::Queued]) -> Vec<&str> {
    queue.iter().map(|q| q.case_id.as_str()).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// ana decides C-0..C-4 (approve, approve, approve, reject expired, reject blurred), ben
/// C-5..C-7 (approve); C-8 stays pending, C-9 is escalated.
fn decided_cases(backend: Backend, tmp: &std::path::Path) -> (Location, AnyStore) {
    let place = backend.location(tmp);
    let mut store = open(&place);
    for i in 0..10 {
        let id = format!("C-{i}");
        running_case(&mut *store, &id, vec![]);
        store.complete_checks(&id, &[], None).unwrap();
    }
    accounts(
        &mut *store,
        &[
            ("ana", REVIEWER),
            ("ben", REVIEWER),
            ("cy", REVIEWER),
            ("fay", &[Role::Fraud]),
            ("sam", &[Role::Supervisor]),
            ("aud", &[Role::Auditor]),
        ],
    );
    let verdicts = [
        ("C-0", "ana", Verdict::Approve),
        ("C-1", "ana", Verdict::Approve),
        ("C-2", "ana", Verdict::Approve),
        ("C-3", "ana", reject(EXPIRED)),
        ("C-4", "ana", reject(BLURRED)),
        ("C-5", "ben", Verdict::Approve),
        ("C-6", "ben", Verdict::Approve),
        ("C-7", "ben", Verdict::Approve),
        ("C-9", "ana", Verdict::Escalate),
    ];
    for (i, (id, who, verdict)) in verdicts.into_iter().enumerate() {
        store
            .decide(&request(id, who, verdict), t(100 + i as i64))
            .unwrap();
    }
    (place, store)
}

fn status(store: &AnyStore, id: &str) -> CaseStatus {
    store.case(id).unwrap().unwrap().status
}

#[test]
fn blind_qa_reviews_without_changing_the_case_and_reports_agreement_by_hand() {
    each_backend(|backend| {
        let tmp = tempfile::tempdir().unwrap();
        let (place, mut store) = decided_cases(backend, tmp.path());
        let all = QaRate::new(1.0).ok();

        // Only a supervisor samples.
        let r = store.qa_sample(all, &no_policy_rate, 1, &cred("ana"), t(200));
        assert!(matches!(refusal(r), DecisionRefused::NotAllowed(_)));
        let s = store
            .qa_sample(all, &no_policy_rate, 1, &cred("sam"), t(200))
            .unwrap();
        // The pending C-8 and escalated C-9 are not decided; the other eight are.
        assert_eq!((s.considered, s.sampled.len()), (8, 8));
        let sampled: Vec<LogEntry> = log_entries(&*store)
            .into_iter()
            .filter(|e| e.kind == EntryKind::Qa)
            .collect();
        assert_eq!(sampled.len(), 9, "eight cases and the run");
        let c0 = &sampled[0];
        assert_eq!(
            (
                c0.submission_id.as_str(),
                c0.reviewer.as_str(),
                c0.subject.as_str()
            ),
            ("C-0", "sam", "ana")
        );
        assert_eq!(c0.outcome, None);
        assert_eq!(s.run.submission_id, "");
        assert!(
            s.run.change.starts_with("sampled 8 of 8 decided cases"),
            "{}",
            s.run.change
        );
        // What was considered is not considered again.
        let again = store
            .qa_sample(all, &no_policy_rate, 2, &cred("sam"), t(201))
            .unwrap();
        assert_eq!((again.considered, again.sampled.len()), (0, 0));

        // Each reviewer's queue holds only the cases whose decision they have not seen.
        let queue = |store: &mut AnyStore, who: &str| store.qa_queue(&cred(who), t(300)).unwrap();
        assert_eq!(ids(&queue(&mut store, "ana")), ["C-5", "C-6", "C-7"]);
        assert_eq!(
            ids(&queue(&mut store, "ben")),
            ["C-0", "C-1", "C-2", "C-3", "C-4"]
        );
        assert_eq!(queue(&mut store, "sam").len(), 8);
        assert!(store.qa_queue(&cred("fay"), t(300)).is_err());

        // Nobody reviews their own decision, or one they opened read-only.
        let own = store.qa_review(&request("C-0", "ana", Verdict::Approve), t(300));
        assert_eq!(refusal(own), DecisionRefused::SeenDecision("C-0".into()));
        let opened = vigil::access_log::Access::Opened { case: "C-6".into() };
        store.record_access(&opened, &cred("cy"), t(300)).unwrap();
        assert_eq!(
            ids(&queue(&mut store, "cy")),
            ["C-0", "C-1", "C-2", "C-3", "C-4", "C-5", "C-7"]
        );
        let seen = store.qa_review(&request("C-6", "cy", Verdict::Approve), t(301));
        assert_eq!(refusal(seen), DecisionRefused::SeenDecision("C-6".into()));
        // A fraud reviewer alone does not review for QA; an unsampled case is not in QA.
        let fraud = store.qa_review(&request("C-5", "fay", Verdict::Approve), t(301));
        assert!(matches!(refusal(fraud), DecisionRefused::NotAllowed(_)));
        let unsampled = store.qa_review(&request("C-8", "ben", Verdict::Approve), t(301));
        assert_eq!(refusal(unsampled), DecisionRefused::NotInQa("C-8".into()));
        // An opening for blind QA is recorded and does not count as seeing the decision.
        let for_qa = vigil::access_log::Access::OpenedForQa { case: "C-7".into() };
        store.record_access(&for_qa, &cred("cy"), t(302)).unwrap();
        assert!(ids(&queue(&mut store, "cy")).contains(&"C-7"));
        let not_in_qa = vigil::access_log::Access::OpenedForQa { case: "C-8".into() };
        assert!(
            store
                .record_access(&not_in_qa, &cred("cy"), t(302))
                .is_err()
        );

        // The second reviews: C-0 and C-3 agree, C-4 and C-1 come to another outcome; ana
        // reviews ben's C-5, sam ben's C-6 (both agree).
        let reviews = [
            ("C-0", "ben", Verdict::Approve),
            ("C-3", "ben", reject(EXPIRED)),
            ("C-4", "ben", Verdict::Approve),
            ("C-1", "ben", reject(BLURRED)),
            ("C-5", "ana", Verdict::Approve),
            ("C-6", "sam", Verdict::Approve),
        ];
        let before: Vec<CaseStatus> = (0..8).map(|i| status(&store, &format!("C-{i}"))).collect();
        let mut entries = Vec::new();
        for (i, (id, who, verdict)) in reviews.into_iter().enumerate() {
            entries.push(
                store
                    .qa_review(&request(id, who, verdict), t(400 + i as i64))
                    .unwrap(),
            );
        }
        let after: Vec<CaseStatus> = (0..8).map(|i| status(&store, &format!("C-{i}"))).collect();
        assert_eq!(before, after, "a QA review never changes a case");
        let c4 = &entries[2];
        assert_eq!(
            (
                c4.kind,
                c4.reviewer.as_str(),
                c4.subject.as_str(),
                c4.outcome
            ),
            (EntryKind::Qa, "ben", "ana", Some(Outcome::Approved))
        );
        assert!(c4.change.ends_with(": another outcome"), "{}", c4.change);
        assert_eq!(c4.note, "ben's note on C-4");
        // A case is reviewed once.
        let twice = store.qa_review(&request("C-0", "cy", Verdict::Approve), t(500));
        assert_eq!(refusal(twice), DecisionRefused::NotInQa("C-0".into()));

        // The report, by hand. Outcomes, first: A A R R A A (C-0, C-3, C-4, C-1, C-5, C-6
        // in review order: A, R, R, A, A, A); second: A, R, A, R, A, A. p_o = 4/6; each
        // rater 4 A and 2 R, so p_e = (4/6)² + (2/6)² = 20/36; kappa = (24 − 20)/(36 − 20).
        let r: QaReport = store.qa_report(&cred("sam"), t(600)).unwrap();
        assert_eq!(r.overall.items, 6);
        assert!(close(r.overall.observed, 4.0 / 6.0), "{:?}", r.overall);
        assert!(close(r.overall.expected, 20.0 / 36.0), "{:?}", r.overall);
        assert!(close(r.overall.kappa.unwrap(), 0.25), "{:?}", r.overall);
        // Validity: only C-3, by both: kappa 1. Visibility: C-4's first and C-1's second
        // only: p_o = 4/6, p_e = (1/6)² + (5/6)² = 26/36, kappa = (24 − 26)/(36 − 26).
        let cats: Vec<(Category, Option<f64>)> = r
            .by_category
            .iter()
            .map(|c| (c.category, c.kappa.kappa))
            .collect();
        assert_eq!(cats.len(), 2, "{cats:?}");
        assert_eq!(cats[0].0, Category::Visibility);
        assert!(close(cats[0].1.unwrap(), -0.2), "{cats:?}");
        assert_eq!(cats[1], (Category::Validity, Some(1.0)));
        // ana and ben, whoever was first: ana A,R,R,A + A (C-5, hers second), ben A,R,A,R
        // + A: p_o 3/5, p_e (3/5)² + (2/5)² = 13/25, kappa (15 − 13)/(25 − 13) = 1/6.
        // ben and sam: one item, both approve: undefined.
        let pairs: Vec<(String, u64, Option<f64>)> = r
            .by_pair
            .iter()
            .map(|p| (p.reviewers.join("+"), p.kappa.items, p.kappa.kappa))
            .collect();
        assert_eq!(pairs.len(), 2);
        assert_eq!((pairs[0].0.as_str(), pairs[0].1), ("ana+ben", 5));
        assert!(close(pairs[0].2.unwrap(), 1.0 / 6.0), "{pairs:?}");
        assert_eq!(pairs[1], ("ben+sam".to_string(), 1, None));
        // The disagreements, newest review first, both decisions side by side.
        let d: Vec<(&str, Agreement, &str, &str)> = r
            .disagreements
            .iter()
            .map(|p| {
                (
                    p.case_id.as_str(),
                    p.agreement,
                    p.first.note.as_str(),
                    p.second.note.as_str(),
                )
            })
            .collect();
        assert_eq!(
            d,
            [
                (
                    "C-1",
                    Agreement::OtherOutcome,
                    "ana's note on C-1",
                    "ben's note on C-1"
                ),
                (
                    "C-4",
                    Agreement::OtherOutcome,
                    "ana's note on C-4",
                    "ben's note on C-4"
                )
            ]
        );
        assert_eq!(r.waiting, 2, "C-2 and C-7");
        // Reviewers do not read the report; auditors do.
        assert!(store.qa_report(&cred("ben"), t(600)).is_err());
        assert_eq!(store.qa_report(&cred("aud"), t(600)).unwrap(), r);

        // The statistics count ana's two decisions overturned by QA.
        let stats = store
            .stats(&cred("sam"), TimeRange::default(), t(600))
            .unwrap();
        assert_eq!(stats.reviewers["ana"].overturned.qa, 2);
        assert_eq!(stats.reviewers["ben"].overturned.qa, 0);

        // The Decided list leaves out the cases still waiting for QA (C-2, C-7): it would
        // tell a second reviewer their outcome.
        let decided = store
            .queue(&vigil::store::QueueQuery {
                kind: vigil::store::QueueKind::Decided,
                limit: None,
                now: t(600),
            })
            .unwrap();
        let listed: Vec<&str> = decided.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(listed, ["C-0", "C-1", "C-3", "C-4", "C-5", "C-6"]);

        // A reopening takes its case out of the QA queue; decided again, it is sampled anew.
        store
            .reopen("C-2", "QA sample", &cred("sam"), t(700))
            .unwrap();
        assert_eq!(store.qa_report(&cred("sam"), t(701)).unwrap().waiting, 1);
        // A decision QA overturned and then reopened is overturned once, by QA; its pair no
        // longer stands (a reopening from the report would undo a later decision).
        store
            .reopen("C-4", "QA disagreed", &cred("sam"), t(701))
            .unwrap();
        let stats = store
            .stats(&cred("sam"), TimeRange::default(), t(701))
            .unwrap();
        let ana = &stats.reviewers["ana"].overturned;
        assert_eq!((ana.qa, ana.reopened), (2, 1));
        let r = store.qa_report(&cred("sam"), t(701)).unwrap();
        let standing: Vec<(&str, bool)> = r
            .disagreements
            .iter()
            .map(|p| (p.case_id.as_str(), p.standing))
            .collect();
        assert_eq!(standing, [("C-1", true), ("C-4", false)]);
        store
            .decide(&request("C-2", "cy", reject(EXPIRED)), t(702))
            .unwrap();
        let anew = store
            .qa_sample(all, &no_policy_rate, 3, &cred("sam"), t(703))
            .unwrap();
        assert_eq!(ids_of(&anew.sampled), ["C-2"]);
        assert!(store.audit(None, None, t(800)).unwrap().holds());

        // The QA queue is replayed from the log: a row deleted or added by SQL is named.
        tamper(&place, "DELETE FROM qa_queue WHERE case_id = 'C-7'");
        tamper(
            &place,
            "INSERT INTO qa_queue (case_id, decision_seq, sampled_seq) VALUES ('C-0', 1, 1)",
        );
        let audit = store.audit(None, None, t(800)).unwrap();
        let named: Vec<String> = audit.qa.iter().map(ToString::to_string).collect();
        assert_eq!(named.len(), 2, "{named:?}");
        assert!(
            named[0].starts_with("case C-0 waits for QA of entry 1, but its log has no QA waiting"),
            "{named:?}"
        );
        assert!(
            named[1].starts_with(
                "case C-7 is not in the QA queue, but its log has it waiting for QA of entry"
            ),
            "{named:?}"
        );
        assert!(!audit.holds());
    });
}

fn ids_of(p: &[vigil::qa::Pending]) -> Vec<&str> {
    p.iter().map(|p| p.case_id.as_str()).collect()
}

#[test]
fn the_command_line_samples_reviews_and_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let (place, store) = decided_cases(Backend::Sqlite, tmp.path());
    drop(store);
    let Location::Folder(data) = place else {
        unreachable!("a folder store")
    };
    let run = |who: &str, args: &[&str]| vigil_as(&data, who, &[&["qa"], args].concat());
    let text = |o: &std::process::Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    };
    // Without a rate and without a policy's qa_rate: a usage error.
    let none = run("sam", &["sample"]);
    assert_eq!(none.status.code(), Some(2), "{}", text(&none));
    assert!(text(&none).contains("qa_rate"), "{}", text(&none));
    let bad = run("sam", &["sample", "--rate", "1.5"]);
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad));
    let refused = run("ben", &["sample", "--rate", "0.5"]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    // Half of eight, seeded.
    let sampled = run("sam", &["sample", "--rate", "0.5", "--seed", "7"]);
    assert!(sampled.status.success(), "{}", text(&sampled));
    assert!(
        text(&sampled).contains("sampled 4 of 8"),
        "{}",
        text(&sampled)
    );
    // The queue names cases, clients and submission times; nothing of the decision.
    let q = run("cy", &["queue", "--json"]);
    assert!(q.status.success(), "{}", text(&q));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&q.stdout).unwrap();
    assert_eq!(rows.len(), 4);
    for row in &rows {
        let keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["client", "id", "submitted_at"]);
    }
    let id = rows[0]["id"].as_str().unwrap().to_owned();
    let decided = run(
        "cy",
        &["decide", &id, "--reject", "validity.document_expired"],
    );
    assert!(decided.status.success(), "{}", text(&decided));
    // The reviewer is not told whether they agreed.
    let said = text(&decided);
    assert!(said.contains("the case is unchanged"), "{said}");
    assert!(
        !said.contains("agree") && !said.contains("outcome"),
        "{said}"
    );
    let both = run("cy", &["decide", &id, "--approve", "--escalate"]);
    assert_eq!(both.status.code(), Some(2), "{}", text(&both));
    let report = run("sam", &["report", "--json"]);
    assert!(report.status.success(), "{}", text(&report));
    let v: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(v["overall"]["items"], 1);
    assert_eq!(v["waiting"], 3);
    // Every first decision of the fixture is an approval or a rejection by ana or ben; cy
    // rejected for an expired document: a disagreement unless the first was the same.
    let table = run("sam", &["report"]);
    let t = text(&table);
    assert!(t.contains("Blind QA: 3 cases waiting"), "{t}");
    assert!(t.contains("Outcome: kappa"), "{t}");
    assert!(run("ben", &["report"]).status.code() == Some(1));
}
