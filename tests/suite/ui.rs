//! The window, driven as a reviewer drives it: by accessible labels and keys (egui_kittest).



use crate::common::*;
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::time::{Duration, Instant};
use vigil::accounts::Role;
use vigil::decision_log::LogEntry;
use vigil::hints::Severity;
use vigil::import::import_paths;
use vigil::policy::Policy;
use vigil::store::{SqliteStore, Store};
use vigil::taxonomy::{Outcome, ReasonCode};
use vigil::ui::{App, Options};

struct Desk {
    _tmp: tempfile::TempDir,
    data: std::path::PathBuf,
}

/// A store with `n` demo cases, the administrator, a reviewer and a fraud reviewer.
fn desk(n: u32) -> Desk {
    face_checks_off();
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo");
    vigil::demo::write_demo(&demo, n, 1).unwrap();
    let data = tmp.path().join("data");
    let mut store = SqliteStore::open(&data).unwrap();
    let r = import_paths(&mut store, &Policy::builtin(), &[demo], t(0));
    assert_eq!(r.imported.len() as u32, n);
    accounts(&mut store, &[("ana", REVIEWER), ("fay", FRAUD)]);
    Desk { _tmp: tmp, data }
}

fn harness(d: &Desk) -> Harness<'static, App> {
    harness_on(&d.data, false)
}

fn harness_on(data: &std::path::Path, load_demo: bool) -> Harness<'static, App> {
    harness_at(
        vigil::store::Location::Folder(data.to_path_buf()),
        load_demo,
    )
}

fn harness_at(location: vigil::store::Location, load_demo: bool) -> Harness<'static, App> {
    let app = App::new(
        Options {
            location,
            sign_in: None,
            policy: Policy::builtin(),
            load_demo,
            close_when_ready: false,
        },
        None,
    );
    Harness::builder()
        .with_size(eframe::egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

/// How long a step may wait for the store thread before the test calls it hung: generous,
/// because the suite's other tests (eight writer processes, a thousand-entry log) share
/// the two cores. A guard against hangs, not a speed target (those are in benches/).
const PATIENCE: Duration = Duration::from_secs(180);

/// Steps frames until `done` holds; the store thread answers in its own time.
fn run_until(h: &mut Harness<'static, App>, what: &str, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < PATIENCE,
            "timed out waiting for {what}"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    h.step();
}

/// The decisions in the log.
fn log(d: &Desk) -> Vec<LogEntry> {
    decisions(&SqliteStore::open(&d.data).unwrap())
}

/// Steps frames until a widget labelled `label` is on screen.
fn wait_for_label(h: &mut Harness<'static, App>, label: &str) {
    let start = Instant::now();
    while h.query_by_label(label).is_none() {
        assert!(
            start.elapsed() < PATIENCE,
            "timed out waiting for `{label}`"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Types `name` and `password` into the sign-in dialog and presses Sign in, in whatever
/// language the window speaks.
fn type_credentials(h: &mut Harness<'static, App>, name: &str, password: &str) {
    let lang = h.state().language();
    let (button, name_field, password_field) = (
        lang.text("sign-in-button"),
        lang.text("sign-in-name"),
        lang.text("sign-in-password"),
    );
    // "Sign in", not "Checking…": no earlier attempt is still with the store.
    wait_for_label(h, &button);
    h.get_by_label(&name_field).click();
    h.run_ok();
    // The dialog remembers the last name: replace it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(&name_field).type_text(name);
    h.step();
    h.get_by_label(&password_field).click();
    h.run_ok();
    h.get_by_label(&password_field).type_text(password);
    h.step();
    h.get_by_label(&button).click();
    // The click is taken: the earlier answer is cleared, this one awaited.
    h.step();
    h.step();
}

/// Signs in through the dialog with the account's test password.
fn sign_in(h: &mut Harness<'static, App>, name: &str) {
    run_until(h, "the queue", |a| a.queue_loaded());
    type_credentials(h, name, &password_of(name));
    run_until(h, "the sign-in", |a| {
        a.account().is_some_and(|r| r.name == name)
    });
}

fn sign_out(h: &mut Harness<'static, App>, name: &str) {
    let label = h
        .state()
        .language()
        .text_with("sign-out-button", &[("name", name.into())]);
    h.get_by_label(&label).click();
    run_until(h, "the sign-in dialog", |a| a.account().is_none());
}

fn open_first(h: &mut Harness<'static, App>) -> String {
    h.get_by_label("Start reviewing").click();
    run_until(h, "a case on screen", |a| {
        a.open_case().is_some() && a.open_case_claimed()
    });
    h.state().open_case().unwrap()
}

#[test]
fn reject_by_keyboard_then_the_next_case_is_open() {
    let d = desk(4);
    let mut h = harness(&d);
    sign_in(&mut h, "ana");
    let first = open_first(&mut h);
    assert_eq!(first, "DEMO-1-0000", "the oldest case opens first");

    h.key_press(Key::R);
    h.step();
    h.get_by_label("Filter reasons").type_text("expired");
    h.step();
    h.key_press(Key::Num1);
    h.step();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    run_until(&mut h, "the decision", |a| a.last_entry.is_some());

    let entry = log(&d).pop().unwrap();
    assert_eq!(entry.submission_id, first);
    assert_eq!(entry.reviewer, "ana");
    assert_eq!(entry.outcome, Some(Outcome::Rejected));
    assert_eq!(entry.reasons, [ReasonCode::ValidityDocumentExpired]);
    assert!(entry.handling_ms > 0);
    let store = SqliteStore::open(&d.data).unwrap();
    let shown: Vec<_> = store
        .case(&first)
        .unwrap()
        .unwrap()
        .hints
        .iter()
        .map(|x| x.code)
        .collect();
    assert_eq!(
        entry.hints, shown,
        "the log keeps the hints the reviewer saw"
    );
    run_until(&mut h, "the next case", |a| {
        a.open_case().is_some_and(|id| id != first)
    });
    assert_eq!(h.state().open_case().unwrap(), "DEMO-1-0001");
    run_until(&mut h, "the latency sample", |a| {
        a.next_case_latency().1 == 1
    });
    let (median, _) = h.state().next_case_latency();
    assert!(median.is_some());
}

#[test]
fn approve_escalate_and_finish_from_the_fraud_queue() {
    let d = desk(4);
    let mut h = harness(&d);
    sign_in(&mut h, "ana");
    let first = open_first(&mut h);
    // Approve: twice when the case carries fail hints (the second press confirms).
    let store = SqliteStore::open(&d.data).unwrap();
    let fails = store
        .case(&first)
        .unwrap()
        .unwrap()
        .hints
        .iter()
        .filter(|x| x.severity == Severity::Fail)
        .count();
    h.key_press(Key::A);
    h.step();
    if fails > 0 {
        assert!(
            h.state().last_entry.is_none(),
            "one press must not approve a case with fail hints"
        );
        h.key_press(Key::A);
    }
    run_until(&mut h, "the approval", |a| {
        a.last_entry
            .as_ref()
            .is_some_and(|e| e.submission_id == first)
    });
    assert_eq!(
        h.state().last_entry.as_ref().unwrap().outcome,
        Some(Outcome::Approved)
    );

    run_until(&mut h, "the next case", |a| {
        a.open_case().is_some() && a.open_case_claimed()
    });
    let second = h.state().open_case().unwrap();
    h.key_press(Key::E);
    run_until(&mut h, "the escalation", |a| {
        a.last_entry
            .as_ref()
            .is_some_and(|e| e.submission_id == second)
    });

    // Switch to the fraud reviewer and finish the case from the fraud queue.
    sign_out(&mut h, "ana");
    sign_in(&mut h, "fay");
    wait_for_label(&mut h, "Fraud queue (1)");
    h.get_by_label("Fraud queue (1)").click();
    run_until(&mut h, "the fraud queue", |a| a.queue_len() == 1);
    h.get_by_label("Start reviewing").click();
    run_until(&mut h, "the escalated case", |a| {
        a.open_case().as_ref() == Some(&second) && a.open_case_claimed()
    });
    h.key_press(Key::R);
    h.step();
    h.get_by_label("Filter reasons").type_text("identity theft");
    h.step();
    h.key_press(Key::Num1);
    h.step();
    h.get_by_label("Confirm rejection").click();
    run_until(&mut h, "the fraud decision", |a| {
        a.last_entry.as_ref().is_some_and(|e| e.reviewer == "fay")
    });

    let entries: Vec<_> = log(&d)
        .into_iter()
        .filter(|e| e.submission_id == second)
        .collect();
    assert_eq!(entries.len(), 2);
    assert_eq!(
        (entries[0].outcome, entries[0].reviewer.as_str()),
        (Some(Outcome::Escalated), "ana")
    );
    assert_eq!(
        (entries[1].outcome, entries[1].reviewer.as_str()),
        (Some(Outcome::Rejected), "fay")
    );
    assert_eq!(entries[1].reasons, [ReasonCode::FraudIdentityTheft]);
    assert!(entries[1].is_final);
}

#[test]
fn search_filters_the_queue() {
    let d = desk(4);
    let mut h = harness(&d);
    sign_in(&mut h, "ana");
    assert!(h.query_by_label("DEMO-1-0002").is_some());
    h.get_by_label("Search").click();
    h.run_ok();
    h.get_by_label("Search").type_text("DEMO-1-0003");
    h.step();
    h.step();
    assert!(h.query_by_label("DEMO-1-0003").is_some());
    assert!(h.query_by_label("DEMO-1-0002").is_none());
    assert!(h.query_by_label_contains("1 of 4 cases").is_some());
}

#[test]
fn a_wrong_password_signs_nobody_in_and_records_nothing() {
    let d = desk(1);
    let mut h = harness(&d);
    run_until(&mut h, "the queue", |a| a.queue_loaded());
    // No self-service profiles: a name the store does not know is refused like a wrong password.
    for (name, password) in [("ana", "not-her-password"), ("newcomer", "any-password-1")] {
        type_credentials(&mut h, name, password);
        wait_for_label(&mut h, &vigil::accounts::AuthError::Refused.to_string());
        assert!(h.state().account().is_none());
    }
    let store = SqliteStore::open(&d.data).unwrap();
    assert_eq!(
        store.accounts().unwrap().len(),
        3,
        "the admin, ana and fay: nobody was created"
    );
    assert!(log(&d).is_empty());
    // The right password then works, and the cheat sheet opens.
    sign_in(&mut h, "ana");
    h.key_press(Key::F1);
    h.step();
    h.step();
    assert!(h.query_by_label("Keyboard shortcuts").is_some());
    assert!(
        h.query_by_label_contains("Reject: open the reason picker")
            .is_some()
    );
}

#[test]
fn the_administrator_grants_a_role_on_the_accounts_screen() {
    let d = desk(1);
    let mut h = harness(&d);
    sign_in(&mut h, ADMIN);
    assert!(
        h.query_by_label("Queue (1)").is_none(),
        "an administrator does not review"
    );
    wait_for_label(&mut h, "ana fraud");
    h.get_by_label("ana fraud").click();
    wait_for_label(&mut h, "ana: granted fraud (log entry 4)");
    let store = SqliteStore::open(&d.data).unwrap();
    let ana = store
        .accounts()
        .unwrap()
        .into_iter()
        .find(|a| a.name == "ana")
        .unwrap();
    assert!(ana.has(Role::Fraud) && ana.has(Role::Reviewer));
    // Signed in as ana again, the fraud queue is hers now.
    sign_out(&mut h, ADMIN);
    sign_in(&mut h, "ana");
    wait_for_label(&mut h, "Fraud queue (0)");
}

#[test]
fn the_demo_offers_its_accounts_and_says_it_is_a_demo() {
    face_checks_off();
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness_on(&tmp.path().join("data"), true);
    wait_for_label(&mut h, "Sign in as ana");
    assert!(h.state().is_demo_store());
    assert!(h.query_all_by_label_contains("DEMO STORE").next().is_some());
    assert!(
        h.query_by_label("demo-ana-2026").is_some(),
        "the password is shown"
    );
    h.get_by_label("Sign in as ana").click();
    run_until(&mut h, "the demo sign-in", |a| {
        a.account().is_some_and(|r| r.name == "ana")
    });
    run_until(&mut h, "the demo queue", |a| a.queue_len() == 41);
    assert!(
        h.query_all_by_label_contains("DEMO STORE").next().is_some(),
        "said on every screen"
    );
}

#[test]
fn the_interface_switches_to_japanese() {
    if !vigil::ui::cjk_font_installed() {
        eprintln!(
            "skipped: no CJK font installed (apt-get install fonts-noto-cjk), Japanese cannot be drawn"
        );
        return;
    }
    let d = desk(1);
    let mut h = harness(&d);
    sign_in(&mut h, "ana");
    run_until(&mut h, "the CJK font", |a| a.cjk_ready());
    h.get_by_label("Language").click();
    h.run_ok();
    h.get_by_label("日本語").click();
    run_until(&mut h, "Japanese", |a| {
        a.language() == vigil::i18n::Lang::Ja
    });
    h.step();
    let start = vigil::i18n::Lang::Ja.text("queue-start");
    assert!(start.chars().any(|c| c as u32 > 0x3000), "{start}");
    assert!(
        h.query_by_label(&start).is_some(),
        "no Japanese label `{start}` on screen"
    );
    // The choice is the reviewer's: it comes back when they sign in again.
    sign_out(&mut h, "ana");
    sign_in(&mut h, "ana");
    assert_eq!(h.state().language(), vigil::i18n::Lang::Ja);
}

/// On a team's server, a case decided on another workstation leaves this window's queue
/// without anyone pressing anything (the window listens for the server's notices).
#[test]
fn a_case_decided_elsewhere_leaves_the_queue() {
    face_checks_off();
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo");
    vigil::demo::write_demo(&demo, 3, 1).unwrap();
    let place = vigil::store::Location::Server(pg::server().fresh_database());
    let mut store = place.open().unwrap();
    import_paths(&mut *store, &Policy::builtin(), &[demo], t(0));
    accounts(&mut *store, &[("ana", REVIEWER), ("ben", REVIEWER)]);
    let mut h = harness_at(place.clone(), false);
    sign_in(&mut h, "ana");
    run_until(&mut h, "the queue", |a| a.queue_len() == 3);
    store
        .decide(
            &vigil::lifecycle::DecisionRequest {
                case_id: "DEMO-1-0001".into(),
                by: cred("ben"),
                verdict: vigil::lifecycle::Verdict::Approve,
                note: String::new(),
                handling_ms: None,
            },
            t(10),
        )
        .unwrap();
    let started = Instant::now();
    run_until(&mut h, "the case to leave the queue", |a| {
        a.queue_len() == 2
    });
    eprintln!("decision elsewhere shown after {:?}", started.elapsed());
}

/// A plain reviewer's fraud reason is shown as what it becomes (a proposal to the fraud
/// team, the applicant told of a review), and the fraud reviewer sees who proposed what.
#[test]
fn a_plain_reviewers_fraud_reason_goes_to_the_fraud_team_as_a_proposal() {
    let d = desk(2);
    let mut h = harness(&d);
    sign_in(&mut h, "ana");
    let first = open_first(&mut h);
    h.key_press(Key::R);
    h.step();
    h.get_by_label("Filter reasons").type_text("identity theft");
    h.step();
    h.key_press(Key::Num1);
    h.step();
    h.step();
    assert!(h.query_by_label("Send to the fraud team").is_some());
    let review = vigil::i18n::Lang::Lv.text("applicant-escalated");
    assert!(
        h.query_by_label(&review).is_some(),
        "the preview is the message really sent: {review}"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    run_until(&mut h, "the proposal", |a| a.last_entry.is_some());
    let e = h.state().last_entry.clone().unwrap();
    assert_eq!(
        (e.submission_id.as_str(), e.outcome, e.reasons.as_slice()),
        (
            first.as_str(),
            Some(Outcome::Escalated),
            &[ReasonCode::FraudIdentityTheft][..]
        )
    );
    sign_out(&mut h, "ana");
    sign_in(&mut h, "fay");
    wait_for_label(&mut h, "Fraud queue (1)");
    h.get_by_label("Fraud queue (1)").click();
    run_until(&mut h, "the fraud queue", |a| a.queue_len() == 1);
    h.get_by_label("Start reviewing").click();
    run_until(&mut h, "the escalated case", |a| {
        a.open_case().as_ref() == Some(&first)
    });
    assert!(h.query_by_label_contains("Escalated by ana").is_some());
    assert!(
        h.query_by_label_contains("Identity theft attempt")
            .is_some()
    );
}

/// The server drops the window's connections just before a decision: the decision is
/// recorded once the window has connected again, exactly once, and the reviewer goes on.
#[test]
fn a_decision_survives_a_dropped_connection_and_is_recorded_once() {
    face_checks_off();
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo");
    vigil::demo::write_demo(&demo, 3, 1).unwrap();
    let url = pg::server().fresh_database();
    let place = vigil::store::Location::Server(url.clone());
    let mut store = place.open().unwrap();
    import_paths(&mut *store, &Policy::builtin(), &[demo], t(0));
    accounts(&mut *store, &[("ana", REVIEWER)]);
    let mut h = harness_at(place.clone(), false);
    sign_in(&mut h, "ana");
    let first = open_first(&mut h);
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
            &[],
        )
        .unwrap();
    h.key_press(Key::A);
    run_until(&mut h, "the decision, after reconnecting", |a| {
        a.last_entry
            .as_ref()
            .is_some_and(|e| e.submission_id == first)
    });
    let store = place.open().unwrap();
    let entries = store.case_entries(&first).unwrap();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].outcome, Some(Outcome::Approved));
}
