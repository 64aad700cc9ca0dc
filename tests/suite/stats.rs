//! Team statistics (TEAM.md "Team quality") against figures computed by hand from a fixed
//! log, on both back ends, through the store and the command line.

use crate::common::*;
use chrono::Duration;
use vigil::accounts::Role;
use vigil::hints::{Hint, HintCode};
use vigil::lifecycle::{DecisionRequest, Reasons, Verdict};
use vigil::stats::{Figures, Overturned, Stats};
use vigil::store::{AnyStore, Location, TimeRange};
use vigil::taxonomy::{Category, ReasonCode};

fn hint(code: HintCode) -> Hint {
    Hint::new(code, None, code.code(), serde_json::json!({}))
}

fn decide(store: &mut AnyStore, id: &str, who: &str, verdict: Verdict, ms: u64, at: i64) {
    let req = DecisionRequest {
        case_id: id.into(),
        by: cred(who),
        verdict,
        note: String::new(),
        handling_ms: Some(ms),
        despite_running_checks: false,
    };
    store.decide(&req, t(at)).unwrap();
}

fn reject(code: ReasonCode) -> Verdict {
    Verdict::Reject(Reasons::new([code]).unwrap())
}

/// The fixed log. `t(0)` is 400 s into a clock hour, so the first hour runs to `t(3200)`.
///
/// | at    | who | case | what                                   | ms     | hints         |
/// |-------|-----|------|----------------------------------------|--------|---------------|
/// | 100   | ana | C-0  | approve                                | 10 000 | blurry        |
/// | 200   | ana | C-1  | reject (visibility)                    | 30 000 | blurry, glare |
/// | 300   | ben | C-2  | approve                                | 20 000 |               |
/// | 400   | ana | C-3  | claim, then release at 450 (a skip)    |        |               |
/// | 3300  | ana | C-3  | fraud reason: escalated as a proposal  | 40 000 | glare         |
/// | 3400  | fay | C-3  | approve (overturns ana's proposal)     | 5 000  | glare         |
/// | 3500  | ben | C-4  | approve                                | 60 000 |               |
/// | 3600  | sam | C-0  | reopen (overturns ana's approval)      |        |               |
/// | 3700  | ben | C-5  | approve                                | 50 000 | blurry        |
/// | 10000 | ana | C-6  | approve                                | 99 000 |               |
fn fixed_log(backend: Backend, tmp: &std::path::Path) -> (Location, AnyStore) {
    let place = backend.location(tmp);
    let mut store = open(&place);
    let blurry = || hint(HintCode::ImageBlurry);
    let glare = || hint(HintCode::ImageGlare);
    let cases: [(&str, Vec<Hint>); 7] = [
        ("C-0", vec![blurry()]),
        ("C-1", vec![blurry(), glare()]),
        ("C-2", vec![]),
        ("C-3", vec![glare()]),
        ("C-4", vec![]),
        ("C-5", vec![blurry()]),
        ("C-6", vec![]),
    ];
    for (id, hints) in cases {
        running_case(&mut *store, id, hints);
        store.complete_checks(id, &[], None).unwrap();
    }
    accounts(
        &mut *store,
        &[
            ("ana", REVIEWER),
            ("ben", REVIEWER),
            ("fay", FRAUD),
            ("sam", &[Role::Supervisor]),
            ("aud", &[Role::Auditor]),
        ],
    );
    decide(&mut store, "C-0", "ana", Verdict::Approve, 10_000, 100);
    let blurred = ReasonCode::VisibilityPoorImageQuality;
    decide(&mut store, "C-1", "ana", reject(blurred), 30_000, 200);
    decide(&mut store, "C-2", "ben", Verdict::Approve, 20_000, 300);
    let lease = Duration::minutes(15);
    store.claim("C-3", &cred("ana"), t(400), lease).unwrap();
    store.release("C-3", &cred("ana"), t(450)).unwrap();
    let forged = ReasonCode::FraudForgedDocument;
    decide(&mut store, "C-3", "ana", reject(forged), 40_000, 3300);
    decide(&mut store, "C-3", "fay", Verdict::Approve, 5_000, 3400);
    decide(&mut store, "C-4", "ben", Verdict::Approve, 60_000, 3500);
    store
        .reopen("C-0", "a second look", &cred("sam"), t(3600))
        .unwrap();
    decide(&mut store, "C-5", "ben", Verdict::Approve, 50_000, 3700);
    decide(&mut store, "C-6", "ana", Verdict::Approve, 99_000, 10_000);
    (place, store)
}

fn figures(
    [decisions, approved, rejected, escalated]: [u64; 4],
    median: f64,
    p90: u64,
    skips: u64,
    [fraud, reopened]: [u64; 2],
    per_hour: f64,
) -> Figures {
    Figures {
        decisions,
        approved,
        rejected,
        escalated,
        handling_median_ms: Some(median),
        handling_p90_ms: Some(p90),
        skips,
        overturned: Overturned {
            fraud,
            reopened,
            qa: 0,
        },
        per_active_hour: Some(per_hour),
    }
}

fn until(secs: i64) -> TimeRange {
    TimeRange {
        since: None,
        until: Some(t(secs)),
    }
}

/// Each hint's (code, fired, approved despite).
fn hint_counts(s: &Stats) -> Vec<(HintCode, u64, u64)> {
    let mut v: Vec<_> = s
        .hints
        .iter()
        .map(|h| (h.code, h.fired, h.approved_despite))
        .collect();
    v.sort();
    v
}

#[test]
fn statistics_match_the_figures_computed_by_hand() {
    each_backend(|backend| {
        let tmp = tempfile::tempdir().unwrap();
        let (_place, mut store) = fixed_log(backend, tmp.path());
        // The supervisor sees everyone, up to before C-6's approval.
        let s = store.stats(&cred("sam"), until(9000), t(20_000)).unwrap();
        assert_eq!(s.only, None);
        // ana: 10, 30, 40 s; two active hours; her proposal and her approval overturned.
        let ana = figures([3, 1, 1, 1], 30_000.0, 40_000, 1, [1, 1], 1.5);
        // ben: 20, 50, 60 s over two hours.
        let ben = figures([3, 3, 0, 0], 50_000.0, 60_000, 0, [0, 0], 1.5);
        let fay = figures([1, 1, 0, 0], 5_000.0, 5_000, 0, [0, 0], 1.0);
        assert_eq!(s.reviewers.len(), 3, "{:?}", s.reviewers.keys());
        assert_eq!(s.reviewers["ana"], ana);
        assert_eq!(s.reviewers["ben"], ben);
        assert_eq!(s.reviewers["fay"], fay);
        // Seven times: 5, 10, 20, 30, 40, 50, 60 s; p90 is the 7th (⌈6.3⌉).
        let team = figures([7, 5, 1, 1], 30_000.0, 60_000, 1, [1, 1], 3.5);
        assert_eq!(s.total, team);
        // blurry on C-0 (approved), C-1 (rejected), C-5 (approved); glare on C-1, and on
        // C-3 twice (escalated, then approved by the fraud team).
        assert_eq!(
            hint_counts(&s),
            [(HintCode::ImageBlurry, 3, 2), (HintCode::ImageGlare, 3, 1)]
        );
        let blurry = s.hints.iter().find(|h| h.code == HintCode::ImageBlurry);
        assert!((blurry.unwrap().override_rate - 2.0 / 3.0).abs() < 1e-9);
        let reasons: Vec<(Category, u64)> = s
            .reasons_by_category
            .iter()
            .filter(|c| c.reasons > 0)
            .map(|c| (c.category, c.reasons))
            .collect();
        assert_eq!(reasons, [(Category::Fraud, 1), (Category::Visibility, 1)]);
        let hours: Vec<(i64, u64)> = s
            .throughput
            .iter()
            .map(|h| ((h.hour - t(0)).num_seconds(), h.decisions))
            .collect();
        assert_eq!(hours, [(-400, 3), (3200, 4)]);
        assert_eq!(
            s.handling_ms,
            [5_000, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000]
        );

        // A reviewer sees only her own figures, her overturns included.
        let own = store.stats(&cred("ana"), until(9000), t(20_000)).unwrap();
        assert_eq!(own.only.as_deref(), Some("ana"));
        assert_eq!(own.reviewers.keys().collect::<Vec<_>>(), ["ana"]);
        assert_eq!(own.reviewers["ana"], ana);
        assert_eq!(own.total, ana);
        assert_eq!(
            hint_counts(&own),
            [(HintCode::ImageBlurry, 2, 1), (HintCode::ImageGlare, 2, 0)]
        );

        // From the second hour on: ana's proposal (overturned) and C-6; the reopening undid
        // a decision of the first hour, and the skip was in it too.
        let later = TimeRange {
            since: Some(t(3200)),
            until: None,
        };
        let s = store.stats(&cred("aud"), later, t(20_000)).unwrap();
        assert_eq!(
            s.reviewers["ana"],
            figures([2, 1, 0, 1], 69_500.0, 99_000, 0, [1, 0], 1.0)
        );
        // A wrong password sees nothing.
        let wrong = vigil::accounts::Credential::Password {
            name: "sam".into(),
            password: vigil::accounts::Password::given("guess"),
        };
        assert!(store.stats(&wrong, until(9000), t(20_000)).is_err());
    });
}

#[test]
fn the_command_line_prints_the_table_and_the_json() {
    let tmp = tempfile::tempdir().unwrap();
    let (place, store) = fixed_log(Backend::Sqlite, tmp.path());
    drop(store);
    let Location::Folder(data) = place else {
        unreachable!("a folder store")
    };
    let run = |who: &str, args: &[&str]| vigil_as(&data, who, &[&["stats"], args].concat());
    let until = vigil::decision_log::timestamp(t(9000));
    let json = run("sam", &["--until", &until, "--json"]);
    assert!(
        json.status.success(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["total"]["decisions"], 7);
    assert_eq!(v["reviewers"]["ana"]["overturned"]["fraud"], 1);
    assert_eq!(v["reviewers"]["ben"]["handling_median_ms"], 50_000.0);
    assert_eq!(v["hints"][0]["fired"], 3);
    let table = run("ben", &["--until", &until]);
    assert!(table.status.success());
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("ben's own figures"), "{text}");
    // ben: 3 decisions, all approved, median 50.0 s, p90 60.0 s.
    let row = text.lines().find(|l| l.starts_with("ben ")).unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        cells,
        [
            "ben", "3", "3", "0", "0", "50.0", "s", "60.0", "s", "0", "0", "1.5"
        ]
    );
    assert!(!text.contains("ana"), "{text}");
    // An unknown account gets exit 1 and nothing.
    let nobody = run_vigil(
        &data,
        &["--as", "zed", "stats"],
        &[("VIGIL_PASSWORD", "whatever")],
    );
    assert_eq!(nobody.status.code(), Some(1));
    assert!(nobody.stdout.is_empty());
}
