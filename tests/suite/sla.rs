//! Due times (TEAM.md `sla_hours`): each case's due time is its client's SLA after
//! submission; the queue and the next claim go by it; `queue --json` says it; the window
//! marks cases due soon and overdue; the statistics count the overdue ones.

use crate::common::*;
use chrono::Duration;
use std::path::Path;
use vigil::import::import_paths;
use vigil::policy::Policy;
use vigil::store::{Location, QueueKind, QueueQuery};

/// Express cases are due 2 hours after submission, standard ones 48; the default client's
/// have no due time.
fn policy() -> Policy {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/policy.toml");
    let text = std::fs::read_to_string(path).unwrap()
        + "\n[clients.express]\nsla_hours = 2\n[clients.standard]\nsla_hours = 48\n";
    Policy::parse(&text, "sla.toml").unwrap()
}

/// Three cases: an old one without a due time, a newer express one, and a standard one
/// submitted in between but due two days later.
fn inbox(dir: &Path) -> std::path::PathBuf {
    let inbox = dir.join("inbox");
    for (id, client, at) in [
        ("D-OLD", "default", "2026-11-20T08:00:00Z"),
        ("X-NEW", "express", "2026-11-20T12:00:00Z"),
        ("S-MID", "standard", "2026-11-20T09:00:00Z"),
    ] {
        let mut s = submission(id);
        s["client"] = serde_json::json!(client);
        s["submitted_at"] = serde_json::json!(at);
        write_bundle(&inbox, id, &s);
    }
    inbox
}

#[test]
fn the_queue_and_the_next_claim_go_by_due_time() {
    each_backend(|backend| {
        let tmp = tempfile::tempdir().unwrap();
        let mut store = open(&backend.location(tmp.path()));
        let r = import_paths(&mut *store, &policy(), &[inbox(tmp.path())], t(0));
        assert_eq!(r.imported.len(), 3, "{:?}", r.refused);
        // 2026-11-20T15:00Z: the express case (due 14:00) is overdue, the others are not.
        let now = "2026-11-20T15:00:00Z".parse().unwrap();
        let q = store
            .queue(&QueueQuery {
                kind: QueueKind::Review,
                limit: None,
                now,
            })
            .unwrap();
        let order: Vec<(&str, Option<String>)> = q
            .iter()
            .map(|c| (c.id.as_str(), c.due_at.map(vigil::decision_log::timestamp)))
            .collect();
        // The case without a due time counts as due when submitted: the backlog first.
        assert_eq!(
            order,
            [
                ("D-OLD", None),
                ("X-NEW", Some("2026-11-20T14:00:00.000Z".to_owned())),
                ("S-MID", Some("2026-11-22T09:00:00.000Z".to_owned())),
            ]
        );
        let case = store.case("X-NEW").unwrap().unwrap();
        assert_eq!(case.due_at, q[1].due_at);
        accounts(
            &mut *store,
            &[
                ("ana", REVIEWER),
                ("ben", REVIEWER),
                ("sam", &[vigil::accounts::Role::Supervisor]),
            ],
        );
        let (next, _) = store
            .claim_next(QueueKind::Review, &cred("ana"), now, Duration::minutes(15))
            .unwrap()
            .unwrap();
        assert_eq!(next, "D-OLD", "the case due first is taken first");
        let (next, _) = store
            .claim_next(QueueKind::Review, &cred("ben"), now, Duration::minutes(15))
            .unwrap()
            .unwrap();
        assert_eq!(next, "X-NEW", "then the next due");
        let stats = store.stats(&cred("sam"), Default::default(), now).unwrap();
        assert_eq!(stats.overdue_now, 1);
    });
}

#[test]
fn queue_json_says_when_each_case_is_due() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut store = open(&Location::Folder(data.clone()));
    import_paths(&mut *store, &policy(), &[inbox(tmp.path())], t(0));
    drop(store);
    let out = run_vigil(&data, &["queue", "--json"], &[]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let due: Vec<(&str, Option<&str>)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["due_at"].as_str()))
        .collect();
    assert_eq!(
        due,
        [
            ("D-OLD", None),
            ("X-NEW", Some("2026-11-20T14:00:00Z")),
            ("S-MID", Some("2026-11-22T09:00:00Z")),
        ]
    );
    // The text queue says it too: long past, both cases with a due time are overdue.
    let text = String::from_utf8(run_vigil(&data, &["queue"], &[]).stdout).unwrap();
    assert_eq!(text.matches("(OVERDUE by ").count(), 2, "{text}");
}

/// The window's queue has a Due column: how long until each case is due, or how long it is
/// overdue.
#[cfg(feature = "ui")]
#[test]
fn the_window_says_how_long_until_each_case_is_due_or_that_it_is_overdue() {
    use crate::common::window::{run_until, window};
    use egui_kittest::kittest::Queryable;
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    let now = chrono::Utc::now();
    let ago = |mins: i64| vigil::decision_log::timestamp(now - Duration::minutes(mins));
    for (id, client, at) in [
        // Due 2 hours after: in 30 minutes.
        ("X-SOON", "express", ago(90)),
        // Due in 48 hours.
        ("S-LATER", "standard", ago(0)),
        // Long overdue.
        ("S-OLD", "standard", "2026-11-20T08:00:00Z".to_owned()),
        // No due time.
        ("D-ANY", "default", ago(10)),
    ] {
        let mut s = submission(id);
        s["client"] = serde_json::json!(client);
        s["submitted_at"] = serde_json::json!(at);
        write_bundle(&inbox, id, &s);
    }
    let data = tmp.path().join("data");
    let mut store = open(&Location::Folder(data.clone()));
    import_paths(&mut *store, &policy(), &[inbox], now);
    accounts(&mut *store, &[("ana", REVIEWER)]);
    drop(store);
    let opts = vigil::ui::Options {
        location: Location::Folder(data),
        sign_in: Some((
            "ana".into(),
            Some(vigil::accounts::Password::given(password_of("ana"))),
        )),
        policy: policy(),
        load_demo: false,
        undo_window: std::time::Duration::ZERO,
    };
    let mut h = window(opts, eframe::egui::vec2(1400.0, 900.0));
    run_until(&mut h, "the queue", |a| a.queue_len() == 4);
    h.step();
    assert!(h.query_by_label("Due").is_some());
    assert!(
        h.query_by_label("in 29 min").is_some() || h.query_by_label("in 30 min").is_some(),
        "the express case, due within the hour"
    );
    assert!(h.query_by_label("in 47 h").is_some());
    assert_eq!(h.query_all_by_label_contains("overdue").count(), 1);
}
