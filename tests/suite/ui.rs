//! The window, driven as a reviewer drives it: by accessible labels and keys (egui_kittest).

use crate::common::window::{PATIENCE, run_until, window};
use crate::common::*;
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
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
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo");
    write_demo(&demo, n, 1).unwrap();
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
    // Decisions go to the store at once; one test takes them back.
    harness_undoing(location, load_demo, Duration::ZERO)
}

fn harness_undoing(
    location: vigil::store::Location,
    load_demo: bool,
    undo_window: Duration,
) -> Harness<'static, App> {
    let opts = Options {
        location,
        sign_in: None,
        policy: Policy::builtin(),
        load_demo,
        undo_window,
    };
    window(opts, eframe::egui::vec2(1400.0, 900.0))
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

    tick_reason(&mut h, "expired");
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
    tick_reason(&mut h, "identity theft");
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
    // The demo arrives a few cases at a time: the first is on screen long before the last.
    run_until(&mut h, "the first demo case", |a| a.queue_len() >= 1);
    assert!(h.state().queue_len() < 41, "the whole demo came at once");
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
    let d = desk(2);
    let mut h = harness(&d);
    sign_in(&mut h, "ana");
    run_until(&mut h, "the CJK font", |a| a.cjk_ready());
    // A decision, said in the status bar in English; the next case on screen.
    let first = open_first(&mut h);
    h.key_press(Key::S);
    run_until(&mut h, "the next case", |a| {
        a.open_case().is_some_and(|id| id != first)
    });
    h.key_press(Key::E);
    run_until(&mut h, "the escalation", |a| a.last_entry.is_some());
    let seq = h.state().last_entry.as_ref().unwrap().seq as usize;
    let id = h.state().last_entry.as_ref().unwrap().submission_id.clone();
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
    // What was said in English is said again in Japanese, its words too.
    let ja = vigil::i18n::Lang::Ja;
    let said = ja.text_with(
        "decision-recorded",
        &[
            ("id", id.as_str().into()),
            ("outcome", ja.text("outcome-escalated").into()),
            ("seq", seq.into()),
        ],
    );
    assert_eq!(h.state().status(), said);
    assert!(h.query_by_label(&said).is_some(), "`{said}` on screen");
    // The choice is the reviewer's: it comes back when they sign in again.
    sign_out(&mut h, "ana");
    sign_in(&mut h, "ana");
    assert_eq!(h.state().language(), vigil::i18n::Lang::Ja);
}

/// On a team's server, a case decided on another workstation leaves this window's queue
/// without anyone pressing anything (the window listens for the server's notices).
#[test]
fn a_case_decided_elsewhere_leaves_the_queue() {
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo");
    write_demo(&demo, 3, 1).unwrap();
    let place = vigil::store::Location::Server(pg::server().fresh_database());
    let mut store = place.open().unwrap();
    import_paths(&mut *store, &Policy::builtin(), &[demo], t(0));
    accounts(&mut *store, &[("ana", REVIEWER), ("ben", REVIEWER)]);
    let mut h = harness_at(place.clone(), false);
    sign_in(&mut h, "ana");
    run_until(&mut h, "the queue", |a| a.queue_len() == 3);
    approve(&mut *store, "DEMO-1-0001", "ben", "", t(10));
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
    tick_reason(&mut h, "identity theft");
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
        h.query_all_by_label_contains("Identity theft attempt")
            .next()
            .is_some()
    );
    // The case's log is on the case: the escalation, by whom, and what they had on screen.
    assert!(h.query_by_label_contains("Log of this case (1)").is_some());
    assert!(h.query_by_label_contains(" · ana · escalated").is_some());
}

/// The server drops the window's connections just before a decision: the decision is
/// recorded once the window has connected again, exactly once, and the reviewer goes on.
#[test]
fn a_decision_survives_a_dropped_connection_and_is_recorded_once() {
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo");
    write_demo(&demo, 3, 1).unwrap();
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
    let entries = decided_entries(&*store, &first);
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].outcome, Some(Outcome::Approved));
}

/// The decisions recorded on case `id` (its claims and openings left out).
fn decided_entries(store: &dyn Store, id: &str) -> Vec<LogEntry> {
    let mut entries = store.case_entries(id).unwrap();
    entries.retain(|e| e.kind == vigil::decision_log::EntryKind::Decision);
    entries
}

fn harness_sized(d: &Desk, w: f32, h: f32) -> Harness<'static, App> {
    let mut harness = harness(d);
    harness.set_size(eframe::egui::vec2(w, h));
    harness
}

/// A filter typed and a digit pressed in the same frame (a fast reviewer, a slow frame):
/// the digit picks from the list the filter leaves, never from the one before it.
#[test]
fn a_digit_pressed_with_the_filter_picks_from_the_filtered_list() {
    let d = desk(2);
    let mut h = harness(&d);
    sign_in(&mut h, "ana");
    open_first(&mut h);
    let en = vigil::i18n::Lang::En;
    for (filter, digit, want) in [
        ("expired", Key::Num1, ReasonCode::ValidityDocumentExpired),
        ("glasses", Key::Num1, ReasonCode::VisibilityGlasses),
        ("identity theft", Key::Num1, ReasonCode::FraudIdentityTheft),
    ] {
        h.key_press(Key::R);
        h.step();
        assert_eq!(h.state().picker_filter(), "", "the picker opens clean");
        h.get_by_label("Filter reasons").type_text(filter);
        h.key_press(digit);
        h.step();
        let (ticked, open) = h.state().ticked_reasons();
        assert!(open);
        assert_eq!(ticked, [want], "filter {filter:?}");
        assert!(
            en.reason_label(want).to_lowercase().contains(filter) || want.code().contains(filter)
        );
        // Esc clears the filter first, then closes the picker and forgets its ticks.
        h.key_press(Key::Escape);
        h.step();
        assert_eq!(h.state().picker_filter(), "");
        assert!(
            h.state().ticked_reasons().1,
            "the first Esc only clears the filter"
        );
        h.key_press(Key::Escape);
        h.step();
        assert_eq!(h.state().ticked_reasons(), (&[][..], false));
    }
    assert!(log(&d).is_empty(), "nothing was sent");
}

/// At the 900×600 minimum and at 1280×720, the ticked reasons, their retry/final verdict,
/// the confirm button and the message the applicant will get are all on screen.
#[test]
fn what_is_about_to_be_sent_stays_on_screen_at_small_sizes() {
    let d = desk(2);
    for (w, hgt) in [(900.0, 600.0), (1280.0, 720.0)] {
        let mut h = harness_sized(&d, w, hgt);
        sign_in(&mut h, "ana");
        let first = open_first(&mut h);
        let locale = SqliteStore::open(&d.data)
            .unwrap()
            .case(&first)
            .unwrap()
            .unwrap()
            .submission
            .applicant_locale;
        let screen =
            eframe::egui::Rect::from_min_size(eframe::egui::Pos2::ZERO, eframe::egui::vec2(w, hgt));
        let on_screen = |h: &Harness<'static, App>, label: &str| {
            let node = h.get_by_label_contains(label);
            let r = node.rect();
            assert!(
                screen.contains_rect(r),
                "at {w}×{hgt}, `{label}` is drawn at {r:?}, off screen"
            );
        };
        // Nothing pending: no message is shown as if it were about to go.
        let (_, approved) = vigil::applicant_message::compose(Outcome::Approved, &[], &locale);
        assert!(h.query_by_label(&approved).is_none());
        tick_reason(&mut h, "expired");
        h.step();
        let (_, message) = vigil::applicant_message::compose(
            Outcome::Rejected,
            &[ReasonCode::ValidityDocumentExpired],
            &locale,
        );
        on_screen(&h, "1 reason, retry");
        on_screen(&h, "Confirm rejection");
        on_screen(&h, &message);
        // The ticked reason stays listed when the filter hides it.
        h.get_by_label("Filter reasons").type_text("zzz");
        h.step();
        h.step();
        on_screen(&h, "1 reason, retry");
        on_screen(
            &h,
            &vigil::i18n::Lang::En.reason_label(ReasonCode::ValidityDocumentExpired),
        );
        h.key_press(Key::Escape);
        h.key_press(Key::Escape);
        h.step();
        sign_out(&mut h, "ana");
    }
}

/// The first demo case with a hint whose suggested reason has `flag`.
fn case_suggesting(d: &Desk, flag: vigil::taxonomy::Flag) -> (String, ReasonCode) {
    let store = SqliteStore::open(&d.data).unwrap();
    let rows = review_queue(&store);
    rows.iter()
        .find_map(|r| {
            let case = store.case(&r.id).unwrap().unwrap();
            case.hints
                .iter()
                .filter_map(|h| h.suggests)
                .find(|s| s.flag() == flag)
                .map(|s| (r.id.clone(), s))
        })
        .expect("the demo has such a case")
}

/// Opens the reason picker (R), filters it by `filter` and ticks the first reason shown.
fn tick_reason(h: &mut Harness<'static, App>, filter: &str) {
    h.key_press(Key::R);
    h.step();
    h.get_by_label("Filter reasons").type_text(filter);
    h.step();
    h.key_press(Key::Num1);
    h.step();
}

/// Types `text` in the queue's search and presses Enter (which opens the first match).
fn search_and_enter(h: &mut Harness<'static, App>, text: &str) {
    h.get_by_label("Search").click();
    h.run_ok();
    // Whatever an earlier search left is replaced.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Search").type_text(text);
    h.step();
    h.key_press(Key::Enter);
}

/// Opens case `id`: searched for, then Enter.
fn open_case(h: &mut Harness<'static, App>, id: &str) {
    search_and_enter(h, id);
    run_until(h, "the case", |a| {
        a.open_case().as_deref() == Some(id) && a.open_case_claimed()
    });
}

/// In Latvian, a case's hint explanations and its policy line are said in Latvian, filled
/// from the evidence (the stored English message is not what shows).
#[test]
fn hints_and_the_policy_line_are_said_in_the_reviewers_language() {
    let d = desk(12);
    let store = SqliteStore::open(&d.data).unwrap();
    let case = review_queue(&store)
        .iter()
        .map(|r| store.case(&r.id).unwrap().unwrap())
        .max_by_key(|c| c.hints.len())
        .expect("a case");
    assert!(!case.hints.is_empty(), "{:?}", case.hints);
    let mut h = harness(&d);
    sign_in(&mut h, "ana");
    open_case(&mut h, case.submission.id.as_str());
    h.get_by_label("Language").click();
    h.run_ok();
    h.get_by_label("Latviešu").click();
    run_until(&mut h, "Latvian", |a| a.language() == vigil::i18n::Lang::Lv);
    h.step();
    let lv = vigil::i18n::Lang::Lv;
    for hint in &case.hints {
        let said = vigil::hint_explain::explain(lv, hint).expect("said in Latvian");
        assert_ne!(said, hint.message);
        assert!(
            h.query_all_by_label_contains(&said).next().is_some(),
            "`{said}` is not on screen"
        );
        assert!(
            h.query_all_by_label_contains(&hint.message)
                .next()
                .is_none(),
            "the English `{}` is on screen",
            hint.message
        );
    }
    let policy = lv.text_with(
        "policy-line",
        &[
            ("source", "built-in".into()),
            ("client", case.submission.client.as_str().into()),
        ],
    );
    assert!(policy.contains("iebūvētā"), "{policy}");
    assert!(
        h.query_by_label(&policy).is_some(),
        "`{policy}` is not on screen"
    );
}

/// "use <reason>" says when the reason is final and when it is a fraud finding.
#[test]
fn use_buttons_mark_final_and_fraud_reasons() {
    let d = desk(41);
    let (id, reason) = case_suggesting(&d, vigil::taxonomy::Flag::Fraud);
    let mut h = harness(&d);
    sign_in(&mut h, "fay");
    open_case(&mut h, &id);
    let en = vigil::i18n::Lang::En;
    let button = format!("use {} (Final · fraud)", en.reason_label(reason));
    assert!(
        h.query_by_label(&button).is_some(),
        "no button `{button}` on {id}"
    );
    h.get_by_label(&button).click();
    h.step();
    h.step();
    assert_eq!(h.state().ticked_reasons(), (&[reason][..], true));
    assert!(
        h.query_by_label("[Final · fraud]").is_some(),
        "the ticked reason says it"
    );
}

/// + and − zoom the active pane against its own fit; Shift+arrows pan it.
#[test]
fn keyboard_zoom_acts_on_the_active_panes_fit() {
    let d = desk(2);
    let mut h = harness(&d);
    sign_in(&mut h, "ana");
    open_first(&mut h);
    h.step();
    let (scale, fit) = h.state().active_view_scale().expect("an image on screen");
    assert!((scale - fit).abs() < 1e-4, "opens at fit");
    h.key_press(Key::Minus);
    h.step();
    let (out, _) = h.state().active_view_scale().unwrap();
    assert!(
        (out - fit * 0.8).abs() < fit * 1e-3,
        "− at fit: {out} vs fit {fit}"
    );
    h.key_press(Key::F);
    h.step();
    h.key_press(Key::Plus);
    h.step();
    let (zoomed, _) = h.state().active_view_scale().unwrap();
    assert!(
        (zoomed - fit * 1.25).abs() < fit * 1e-3,
        "+ at fit: {zoomed} vs fit {fit}"
    );
}

/// After H selects a hint (and brings its image forward), J, K and clicks still move the
/// active pane; Esc clears the selection.
#[test]
fn after_a_hint_is_selected_the_panes_still_move() {
    let d = desk(41);
    let (id, _) = case_suggesting(&d, vigil::taxonomy::Flag::None);
    let mut h = harness(&d);
    sign_in(&mut h, "ana");
    open_case(&mut h, &id);
    h.key_press(Key::H);
    h.step();
    let (pane, hint) = h.state().active_pane();
    assert_eq!(hint, Some(0));
    h.key_press(Key::J);
    h.step();
    h.step();
    let (moved, hint) = h.state().active_pane();
    assert_ne!(moved, pane, "J moves on from the hint's image");
    assert_eq!(hint, Some(0), "the hint stays selected");
    h.key_press(Key::K);
    h.step();
    assert_eq!(h.state().active_pane().0, pane);
    h.key_press(Key::Escape);
    h.step();
    assert_eq!(h.state().active_pane().1, None);
}

/// A case taken by another workstation is said on screen until the reviewer dismisses it;
/// "the queue is done" does not replace it.
#[test]
fn a_case_taken_elsewhere_stays_on_screen_until_dismissed() {
    let d = desk(2);
    let mut h = harness(&d);
    sign_in(&mut h, "ana");
    run_until(&mut h, "the queue", |a| a.queue_len() == 2);
    let mut other = SqliteStore::open(&d.data).unwrap();
    accounts(&mut other, &[("ben", REVIEWER)]);
    other
        .claim(
            "DEMO-1-0001",
            &cred("ben"),
            chrono::Utc::now(),
            chrono::Duration::minutes(10),
        )
        .unwrap();
    let first = open_first(&mut h);
    assert_eq!(first, "DEMO-1-0000");
    h.key_press(Key::S);
    run_until(&mut h, "the refusal", |a| !a.notices().is_empty());
    run_until(&mut h, "the end of the queue", |a| a.open_case().is_none());
    for _ in 0..5 {
        h.step();
    }
    assert_eq!(h.state().notices().len(), 1);
    assert!(h.state().notices()[0].contains("DEMO-1-0001"));
    let notice = &h.state().notices()[0].clone();
    assert!(
        h.query_by_label(notice).is_some(),
        "the notice is on screen"
    );
    h.get_by_label("Dismiss").click();
    h.step();
    assert!(h.state().notices().is_empty());
}

/// The fraud queue says who escalated each case, and does not offer a fraud reviewer the
/// cases they escalated themselves (another decides them: four eyes).
#[test]
fn the_fraud_queue_names_the_escalator_and_keeps_own_escalations_back() {
    let d = desk(2);
    let mut h = harness(&d);
    sign_in(&mut h, "fay");
    let first = open_first(&mut h);
    h.key_press(Key::E);
    run_until(&mut h, "the escalation", |a| a.last_entry.is_some());
    wait_for_label(&mut h, "Fraud queue (1)");
    h.get_by_label("Fraud queue (1)").click();
    run_until(&mut h, "the fraud queue", |a| a.queue_len() == 1);
    h.step();
    assert!(h.query_by_label("Escalated by").is_some());
    assert!(h.query_by_label("fay (you)").is_some());
    h.get_by_label("Start reviewing").click();
    for _ in 0..10 {
        h.step();
    }
    assert_ne!(h.state().open_case().as_deref(), Some(first.as_str()));
}

/// Search ignores case and diacritics: "berz" finds BĒRZIŅA.
#[test]
fn search_ignores_case_and_diacritics() {
    let d = desk(41);
    let mut h = harness(&d);
    sign_in(&mut h, "ana");
    let store = SqliteStore::open(&d.data).unwrap();
    let rows = review_queue(&store);
    let berz: Vec<&str> = rows
        .iter()
        .filter(|r| r.applicant.contains("BĒRZIŅ"))
        .map(|r| r.id.as_str())
        .collect();
    assert!(!berz.is_empty(), "the demo has a Bērziņš");
    h.get_by_label("Search").click();
    h.run_ok();
    h.get_by_label("Search").type_text("berz");
    h.step();
    h.step();
    let shown = format!("{} of 41 cases", berz.len());
    assert!(h.query_by_label_contains(&shown).is_some(), "{shown}");
    assert!(h.query_by_label(berz[0]).is_some());
}

/// A hint names another case as it was at import; the case shows that case's status now.
#[test]
fn hints_show_the_other_cases_status_now() {
    let d = desk(41);
    let mut store = SqliteStore::open(&d.data).unwrap();
    let rows = review_queue(&store);
    let (id, other) = rows
        .iter()
        .find_map(|r| {
            let case = store.case(&r.id).unwrap().unwrap();
            case.hints
                .iter()
                .flat_map(|h| h.referenced_cases())
                .find(|o| *o != r.id && rows.iter().any(|x| x.id == *o))
                .map(|o| (r.id.clone(), o))
        })
        .expect("the demo has a hint naming another pending case");
    accounts(&mut store, &[("ben", REVIEWER)]);
    approve(&mut store, &other, "ben", "", chrono::Utc::now());
    let mut h = harness(&d);
    sign_in(&mut h, "ana");
    open_case(&mut h, &id);
    let now = format!("{other} is now: approved");
    assert!(h.query_by_label(&now).is_some(), "`{now}` on {id}");
}

/// The review queue as the store lists it.
fn review_queue(store: &SqliteStore) -> Vec<vigil::store::CaseSummary> {
    store
        .queue(&vigil::store::QueueQuery {
            kind: vigil::store::QueueKind::Review,
            now: t(0),
            limit: None,
        })
        .unwrap()
}

/// The auditor narrows the log to a date range and opens an entry whole: its note, its
/// message and both full hashes.
#[test]
fn the_audit_view_filters_by_date_and_opens_an_entry_whole() {
    let d = desk(3);
    let mut store = SqliteStore::open(&d.data).unwrap();
    accounts(&mut store, &[("sam", &[Role::Auditor])]);
    for (i, days) in [(0, 0), (1, 3), (2, 3)] {
        approve(
            &mut store,
            &format!("DEMO-1-000{i}"),
            "ana",
            &format!("note {i}"),
            t(days * 86_400),
        );
    }
    let day = t(3 * 86_400).date_naive();
    let all = log_entries(&store);
    let on_day: Vec<&LogEntry> = all
        .iter()
        .filter(|e| e.decided_at.date_naive() == day)
        .collect();
    assert_eq!(on_day.len(), 2);
    let mut h = harness(&d);
    sign_in(&mut h, "sam");
    let total = format!("{0} of {0} entries", all.len());
    wait_for_label(&mut h, &total);
    for field in ["From", "until"] {
        h.get_by_label(field).click();
        h.run_ok();
        h.get_by_label(field).type_text(&day.to_string());
        h.step();
    }
    h.step();
    let shown = format!("2 of {} entries", all.len());
    assert!(h.query_by_label(&shown).is_some(), "`{shown}`");
    let e = on_day[0];
    h.get_by_label(&format!("#{}", e.seq)).click();
    // A window is measured in its first frame and shown in the next.
    for _ in 0..4 {
        h.step();
    }
    assert!(h.query_by_label(&e.hash).is_some(), "the full hash");
    assert!(
        h.query_by_label(&e.prev_hash).is_some(),
        "the previous hash"
    );
    assert!(h.query_by_label(&e.note).is_some(), "the note");
    assert!(
        h.query_by_label_contains(&e.applicant_message).is_some(),
        "the message"
    );

    // Esc closes the entry. A case set back to pending behind the log: the chain is
    // intact, the case is named.
    h.key_press(Key::Escape);
    h.step();
    assert!(h.query_by_label(&e.hash).is_none(), "the entry is closed");
    tamper(
        &vigil::store::Location::Folder(d.data.clone()),
        "UPDATE cases SET status = 'pending' WHERE id = 'DEMO-1-0001'",
    );
    h.get_by_label("Verify chain").click();
    wait_for_label(
        &mut h,
        "1 case differs from what the log makes it: changed behind the log",
    );
    assert!(
        h.query_by_label_contains("Chain intact").is_some(),
        "the chain itself is intact"
    );
    assert!(
        h.query_by_label("DEMO-1-0001: stored as pending; the log makes it approved")
            .is_some()
    );
}

/// Decided cases are found by search and open read-only: nothing is claimed, Esc goes back.
#[test]
fn a_decided_case_is_found_and_looked_at_read_only() {
    let d = desk(3);
    let mut store = SqliteStore::open(&d.data).unwrap();
    accounts(&mut store, &[("ben", REVIEWER)]);
    approve(
        &mut store,
        "DEMO-1-0001",
        "ben",
        "looked fine",
        chrono::Utc::now(),
    );
    let mut h = harness(&d);
    sign_in(&mut h, "ana");
    h.get_by_label("Decided").click();
    wait_for_label(&mut h, "Decided (1)");
    open_case_read_only(&mut h, "DEMO-1-0001");
    assert!(h.query_by_label_contains("Read-only: approved").is_some());
    assert!(h.query_by_label_contains("Note: looked fine").is_some());
    let case = store.case("DEMO-1-0001").unwrap().unwrap();
    assert!(case.claim.is_none(), "looking claims nothing");
    assert_eq!(log(&d).len(), 1, "and decides nothing");
    // The opening is in the access log, and the case shows it among who looked at it.
    let opened = store.case_entries("DEMO-1-0001").unwrap();
    let last = opened.last().unwrap();
    assert_eq!((last.kind.code(), last.reviewer.as_str()), ("open", "ana"));
    let access = h.get_by_label("Who looked at this case (1)");
    access.click();
    h.step();
    assert!(
        h.query_by_label_contains(&format!("#{} ·", last.seq))
            .is_some()
            && h.query_by_label_contains("ana · opened read-only")
                .is_some(),
        "the opening listed on the case"
    );
    h.key_press(Key::Escape);
    h.step();
    assert_eq!(h.state().screen, vigil::ui::Screen::Queue);
}

/// A supervisor reopens a decided case from its read-only screen, with a reason: a reviewer
/// is not offered it, nor the supervisor for their own decision; the case is back in the
/// review queue and its log shows the reopening.
#[test]
fn a_supervisor_reopens_a_decided_case_with_a_reason() {
    let d = desk(3);
    let mut store = SqliteStore::open(&d.data).unwrap();
    let supervisor: &[Role] = &[Role::Reviewer, Role::Supervisor];
    accounts(&mut store, &[("ben", REVIEWER), ("sam", supervisor)]);
    let now = chrono::Utc::now();
    approve(&mut store, "DEMO-1-0001", "ben", "looked fine", now);
    approve(&mut store, "DEMO-1-0002", "sam", "", now);
    let title = "Reopen this case (supervisor)";
    let mut h = harness(&d);
    sign_in(&mut h, "ana");
    h.get_by_label("Decided").click();
    wait_for_label(&mut h, "Decided (2)");
    open_case_read_only(&mut h, "DEMO-1-0001");
    assert!(
        h.query_by_label(title).is_none(),
        "a reviewer is not offered it"
    );
    h.key_press(Key::Escape);
    h.step();
    sign_out(&mut h, "ana");
    sign_in(&mut h, "sam");
    h.get_by_label("Decided").click();
    wait_for_label(&mut h, "Decided (2)");
    open_case_read_only(&mut h, "DEMO-1-0002");
    assert!(
        h.query_by_label_contains("sam decided this case").is_some(),
        "four eyes said"
    );
    assert!(h.query_by_label("Reason").is_none());
    h.key_press(Key::Escape);
    h.step();
    open_case_read_only(&mut h, "DEMO-1-0001");
    assert!(h.query_by_label(title).is_some());
    let before = log_entries(&store).len();
    h.get_by_label("Reopen").click();
    h.step();
    h.step();
    assert!(!h.state().status().contains("reopened"));
    assert_eq!(
        log_entries(&store).len(),
        before,
        "no reopening without a reason"
    );
    h.get_by_label("Reason").click();
    h.run_ok();
    h.get_by_label("Reason")
        .type_text("the document photo is a screenshot");
    h.step();
    h.get_by_label("Reopen").click();
    run_until(&mut h, "the reopening", |a| a.status().contains("reopened"));
    run_until(&mut h, "the case as it is now", |a| {
        a.looking_at().as_deref() == Some("DEMO-1-0001")
    });
    h.step();
    assert!(h.query_by_label_contains("Read-only: pending").is_some());
    assert!(h.query_by_label(title).is_none(), "nothing left to reopen");
    let entries = store.case_entries("DEMO-1-0001").unwrap();
    let kinds: Vec<&str> = entries.iter().map(|e| e.kind.code()).collect();
    // Ben's decision; ana's and sam's openings of it read-only, the reopening, and sam's
    // opening of the case as it is now: the access log has every look.
    assert_eq!(kinds, ["decision", "open", "open", "reopen", "open"]);
    let who: Vec<&str> = entries.iter().map(|e| e.reviewer.as_str()).collect();
    assert_eq!(who, ["ben", "ana", "sam", "sam", "sam"]);
    let last = &entries[3];
    assert_eq!(
        (
            last.kind.code(),
            last.reviewer.as_str(),
            last.subject.as_str()
        ),
        ("reopen", "sam", "ben")
    );
    assert_eq!(last.note, "the document photo is a screenshot");
    assert!(
        h.query_by_label_contains("the document photo is a screenshot")
            .is_some(),
        "the case's log shows the reopening and its reason"
    );
    let case = store.case("DEMO-1-0001").unwrap().unwrap();
    assert_eq!(case.status.code(), "pending");
}

/// V looks at the case the selected hint names, read-only; Esc comes back to the open case,
/// still claimed.
#[test]
fn v_looks_at_the_case_a_hint_names_and_esc_comes_back() {
    let d = desk(41);
    let store = SqliteStore::open(&d.data).unwrap();
    let rows = review_queue(&store);
    let (id, hint, other) = rows
        .iter()
        .find_map(|r| {
            let case = store.case(&r.id).unwrap().unwrap();
            case.hints.iter().enumerate().find_map(|(i, h)| {
                h.referenced_cases()
                    .into_iter()
                    .next()
                    .filter(|o| *o != r.id)
                    .map(|o| (r.id.clone(), i, o))
            })
        })
        .expect("the demo has a hint naming another case");
    let mut h = harness(&d);
    sign_in(&mut h, "ana");
    open_case(&mut h, &id);
    while h.state().active_pane().1 != Some(hint) {
        h.key_press(Key::H);
        h.step();
    }
    h.key_press(Key::V);
    run_until(&mut h, "the named case", |a| {
        a.looking_at().as_deref() == Some(other.as_str())
    });
    assert_eq!(h.state().screen, vigil::ui::Screen::Case);
    h.key_press(Key::Escape);
    h.step();
    assert_eq!(h.state().screen, vigil::ui::Screen::Review);
    assert_eq!(h.state().open_case().as_deref(), Some(id.as_str()));
    assert!(h.state().open_case_claimed());
}

/// Opens a listed case read-only: searched for, then Enter.
fn open_case_read_only(h: &mut Harness<'static, App>, id: &str) {
    search_and_enter(h, id);
    run_until(h, "the case, read-only", |a| {
        a.looking_at().as_deref() == Some(id)
    });
}

/// `who` approves case `id` through the store, as another workstation would.
fn approve(
    store: &mut dyn Store,
    id: &str,
    who: &str,
    note: &str,
    at: chrono::DateTime<chrono::Utc>,
) {
    store
        .decide(
            &vigil::lifecycle::DecisionRequest {
                case_id: id.into(),
                by: cred(who),
                verdict: vigil::lifecycle::Verdict::Approve,
                note: note.into(),
                handling_ms: None,
                despite_running_checks: false,
            },
            at,
        )
        .unwrap();
}

/// Ctrl+Z within the undo window takes a decision back unrecorded and reopens its case as
/// the reviewer left it; after the window the decision is recorded, once.
#[test]
fn ctrl_z_takes_a_decision_back_before_it_is_recorded() {
    let d = desk(3);
    // Long enough that the next case's loading on a slow machine never outlasts it, which
    // would send the decision before Ctrl+Z; the second half waits it out once.
    let window = Duration::from_secs(20);
    let mut h = harness_undoing(
        vigil::store::Location::Folder(d.data.clone()),
        false,
        window,
    );
    sign_in(&mut h, "ana");
    let first = open_first(&mut h);
    h.key_press(Key::N);
    h.step();
    h.get_by_label("Note").type_text("blurry back side");
    h.step();
    h.key_press(Key::Escape);
    h.step();
    tick_reason(&mut h, "expired");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    run_until(&mut h, "the next case", |a| {
        a.open_case().is_some_and(|id| id != first)
    });
    assert_eq!(
        h.state().held_decision().map(|(id, _)| id),
        Some(first.clone())
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    run_until(&mut h, "the case back", |a| {
        a.open_case().as_deref() == Some(first.as_str())
    });
    assert_eq!(
        h.state().ticked_reasons(),
        (&[ReasonCode::ValidityDocumentExpired][..], true),
        "the rejection comes back as it was"
    );
    assert!(h.state().held_decision().is_none());
    assert!(log(&d).is_empty(), "nothing was recorded");
    // Decided again, and let go: recorded once the window has passed.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    run_until(&mut h, "the decision recorded", |a| a.last_entry.is_some());
    let entries = log(&d);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].submission_id, first);
    assert_eq!(entries[0].note, "blurry back side");
    assert_eq!(entries[0].reasons, [ReasonCode::ValidityDocumentExpired]);
}

/// Closing the window while a decision is held records it before the process ends.
#[test]
fn closing_the_window_records_the_held_decision() {
    let d = desk(2);
    let place = vigil::store::Location::Folder(d.data.clone());
    let mut h = harness_undoing(place, false, Duration::from_secs(600));
    sign_in(&mut h, "ana");
    let first = open_first(&mut h);
    h.key_press(Key::E);
    run_until(&mut h, "the held decision", |a| a.held_decision().is_some());
    assert!(log(&d).is_empty());
    let closing = Instant::now();
    eframe::App::on_exit(h.state_mut(), None);
    // Closing waits for the store thread for its grace; only a busy machine outlasts it,
    // and then the commit comes after. Nothing else sends the decision: its window is ten
    // minutes and `h` is not stepped again (a step would start a new worker).
    if log(&d).is_empty() {
        let waited = closing.elapsed();
        assert!(
            waited >= vigil::ui::EXIT_GRACE,
            "closing gave up after {waited:?} with the decision unrecorded"
        );
        while log(&d).is_empty() && closing.elapsed() < PATIENCE {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let entries = log(&d);
    assert_eq!(entries.len(), 1, "recorded as the window closed");
    assert_eq!(
        (entries[0].submission_id.as_str(), entries[0].outcome),
        (first.as_str(), Some(Outcome::Escalated))
    );
}

/// A case whose face checks still run opens at once and says so; deciding it takes a second
/// press, which the log records. When another workstation finishes a case's checks, the
/// case on screen shows their hints and decides with one press.
#[test]
fn a_case_whose_checks_still_run_says_so_and_asks_before_deciding() {
    use vigil::decision_log::CHECKS_RUNNING;
    use vigil::hints::{Hint, HintCode, Slot};
    face_checks_off();
    let place = vigil::store::Location::Server(pg::server().fresh_database());
    let mut store = place.open().unwrap();
    running_case(&mut *store, "RUN-1", Vec::new());
    running_case(&mut *store, "RUN-2", Vec::new());
    accounts(&mut *store, &[("ana", REVIEWER)]);
    let mut h = harness_at(place.clone(), false);
    sign_in(&mut h, "ana");
    run_until(&mut h, "the queue", |a| a.queue_len() == 2);
    assert_eq!(
        h.query_all_by_label("checking…").count(),
        2,
        "the queue says so"
    );

    open_case(&mut h, "RUN-1");
    let running = "Face checks still running: their hints appear here when they finish.";
    assert!(h.query_all_by_label(running).next().is_some());
    h.key_press(Key::A);
    h.step();
    h.step();
    assert!(h.state().last_entry.is_none(), "one press does not decide");
    assert!(
        h.query_all_by_label_contains("Press again to decide without them")
            .next()
            .is_some()
    );
    h.key_press(Key::A);
    run_until(&mut h, "the approval", |a| a.last_entry.is_some());
    let entries = decided_entries(&*store, "RUN-1");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].change, CHECKS_RUNNING);

    // The next case, its checks running; another workstation finishes them.
    run_until(&mut h, "the queue", |a| a.open_case().is_none());
    open_case(&mut h, "RUN-2");
    assert_eq!(h.state().open_case_checks(), Some((true, 0)));
    let blurry = Hint::new(
        HintCode::ImageBlurry,
        Some(Slot::Selfie),
        "blurry",
        serde_json::json!({}),
    );
    assert!(
        place
            .open()
            .unwrap()
            .complete_checks("RUN-2", &[blurry], None)
            .unwrap()
    );
    run_until(&mut h, "the hints on screen", |a| {
        a.open_case_checks() == Some((false, 1))
    });
    h.step();
    assert!(h.query_all_by_label(running).next().is_none());
    h.key_press(Key::A);
    run_until(&mut h, "the approval", |a| {
        a.last_entry
            .as_ref()
            .is_some_and(|e| e.submission_id == "RUN-2")
    });
    let entries = decided_entries(&*store, "RUN-2");
    assert_eq!(
        (entries[0].change.as_str(), entries[0].hints.as_slice()),
        ("", &[HintCode::ImageBlurry][..])
    );
}

#[test]
fn a_purged_case_shows_as_purged_and_offers_no_reopening() {
    let d = desk(3);
    let mut store = SqliteStore::open(&d.data).unwrap();
    let supervisor: &[Role] = &[Role::Reviewer, Role::Supervisor];
    accounts(&mut store, &[("ben", REVIEWER), ("sam", supervisor)]);
    let now = chrono::Utc::now();
    approve(&mut store, "DEMO-1-0001", "ben", "looked fine", now);
    let rule = vigil::retention::PurgeRule {
        clients: vigil::retention::Clients::All,
        before: now + chrono::Duration::seconds(1),
    };
    let report = store.purge(&[rule], &cred(ADMIN), now).unwrap();
    assert_eq!(report.cases, ["DEMO-1-0001"]);
    let mut h = harness(&d);
    sign_in(&mut h, "sam");
    h.get_by_label("Decided").click();
    wait_for_label(&mut h, "Decided (1)");
    open_case_read_only(&mut h, "DEMO-1-0001");
    assert!(
        h.query_by_label_contains("Personal data purged on")
            .is_some(),
        "the case says it was purged"
    );
    assert!(h.query_by_label("Reopen this case (supervisor)").is_none());
    assert!(h.query_by_label_contains("looked fine").is_none());
}

/// The Statistics screen: a reviewer sees her own figures and nobody else's name; a
/// supervisor sees everyone's, the team's row and the plots' titles.
#[test]
fn statistics_show_a_reviewer_her_own_figures_and_a_supervisor_everyones() {
    let d = desk(3);
    let mut store = SqliteStore::open(&d.data).unwrap();
    accounts(
        &mut store,
        &[("ben", REVIEWER), ("sam", &[Role::Supervisor])],
    );
    let now = chrono::Utc::now();
    approve(&mut store, "DEMO-1-0000", "ana", "", now);
    approve(&mut store, "DEMO-1-0001", "ben", "", now);
    approve(&mut store, "DEMO-1-0002", "ben", "", now);
    let mut h = harness(&d);
    sign_in(&mut h, "ana");
    h.get_by_label("Statistics").click();
    run_until(&mut h, "ana's figures", |a| a.stats_decisions() == Some(1));
    h.step();
    assert!(h.query_by_label_contains("Your own figures").is_some());
    assert!(h.query_by_label("ana").is_some());
    assert!(h.query_by_label("ben").is_none(), "no one else's row");
    assert!(h.query_by_label("Team").is_none());
    sign_out(&mut h, "ana");
    sign_in(&mut h, "sam");
    h.get_by_label("Statistics").click();
    run_until(&mut h, "everyone's figures", |a| {
        a.stats_decisions() == Some(3)
    });
    h.step();
    assert!(h.query_by_label_contains("Everyone's figures").is_some());
    for label in [
        "ana",
        "ben",
        "Team",
        "Decisions over time",
        "Override rate by hint",
    ] {
        assert!(h.query_by_label(label).is_some(), "{label}");
    }
}

/// Every label and value on screen: what a reviewer can read.
fn screen_texts(h: &Harness<'static, App>) -> Vec<String> {
    h.query_all_by(|_| true)
        .flat_map(|n| {
            let node = n.accesskit_node();
            [node.label(), node.value()]
        })
        .flatten()
        .collect()
}

/// A blind second review shows the evidence and nothing of the first decision (every label
/// on the screen is read); it is logged as QA and leaves the case as it was; a supervisor
/// sees the disagreement side by side and reopens its case with one key.
#[test]
fn blind_qa_never_shows_the_first_decision_and_a_disagreement_reopens_with_one_key() {
    let d = desk(3);
    let mut store = SqliteStore::open(&d.data).unwrap();
    accounts(
        &mut store,
        &[
            ("qfirst", REVIEWER),
            ("ben", REVIEWER),
            ("sam", &[Role::Supervisor]),
        ],
    );
    let note = "hologram-checked-under-tilt";
    approve(
        &mut store,
        "DEMO-1-0000",
        "qfirst",
        note,
        chrono::Utc::now(),
    );
    drop(store);

    // The supervisor samples every decided case from the QA tab.
    let mut h = harness(&d);
    sign_in(&mut h, "sam");
    h.key_press(Key::F4);
    run_until(&mut h, "sam's QA queue", |a| a.qa_waiting() == Some(0));
    h.step();
    let rate = "Sample the cases decided since the last sample, at the rate";
    h.get_by_label(rate).click();
    h.run_ok();
    h.get_by_label(rate).type_text("1");
    h.step();
    h.get_by_label("Sample").click();
    run_until(&mut h, "the sample", |a| a.qa_waiting() == Some(1));
    sign_out(&mut h, "sam");
    sign_in(&mut h, "ben");
    h.key_press(Key::F4);
    run_until(&mut h, "ben's QA queue", |a| a.qa_waiting() == Some(1));
    h.step();
    assert!(h.query_by_label("QA (1)").is_some());
    h.key_press(Key::Enter);
    run_until(&mut h, "the case under blind review", |a| {
        a.qa_case().as_deref() == Some("DEMO-1-0000")
    });
    h.step();
    h.step();
    let texts = screen_texts(&h);
    let shown = texts.join("\n");
    // The evidence, the data and the decision area are there…
    for expected in ["Blind QA · DEMO-1-0000", "Approve", "Reject", "Data"] {
        assert!(
            texts.iter().any(|t| t.contains(expected)),
            "`{expected}` missing from:\n{shown}"
        );
    }
    // …and nothing of the first decision: not its reviewer, note, outcome or log.
    for secret in [
        "qfirst",
        note,
        "approved",
        "Approved",
        "Log of this case",
        "Who looked",
        "#",
    ] {
        assert!(
            !texts.iter().any(|t| t.contains(secret)),
            "`{secret}` shown on the blind QA screen:\n{shown}"
        );
    }

    // ben rejects it: recorded as QA; the case stays approved.
    tick_reason(&mut h, "expired");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    // The list drops the case at once; the worker records it a moment later.
    run_until(&mut h, "the case left the QA list", |a| {
        a.qa_case().is_none() && a.qa_waiting() == Some(0)
    });
    let reader = SqliteStore::open(&d.data).unwrap();
    let qa_reviews = || -> Vec<LogEntry> {
        log_entries(&reader)
            .into_iter()
            .filter(|e| e.kind == vigil::decision_log::EntryKind::Qa && e.outcome.is_some())
            .collect()
    };
    run_until(&mut h, "the QA review recorded", |_| {
        !qa_reviews().is_empty()
    });
    let qa = qa_reviews();
    let store = SqliteStore::open(&d.data).unwrap();
    assert_eq!(qa.len(), 1);
    assert_eq!(
        (qa[0].reviewer.as_str(), qa[0].subject.as_str()),
        ("ben", "qfirst")
    );
    assert_eq!(qa[0].reasons, [ReasonCode::ValidityDocumentExpired]);
    let status = store.case("DEMO-1-0000").unwrap().unwrap().status;
    assert_eq!(
        status,
        vigil::lifecycle::CaseStatus::Decided(Outcome::Approved)
    );
    drop(store);

    // The supervisor reads the disagreement, both sides, and reopens it with Shift+R.
    sign_out(&mut h, "ben");
    sign_in(&mut h, "sam");
    h.key_press(Key::F4);
    run_until(&mut h, "the QA report", |a| a.qa_disagreements() == Some(1));
    h.step();
    let texts = screen_texts(&h);
    let shown = texts.join("\n");
    for expected in [
        "approved · qfirst",
        "rejected · ben",
        "Disagreements: 1",
        "ben + qfirst",
    ] {
        assert!(
            texts.iter().any(|t| t.contains(expected)),
            "`{expected}` missing from the report:\n{shown}"
        );
    }
    h.key_press_modifiers(Modifiers::SHIFT, Key::R);
    run_until(&mut h, "the reopening", |_| {
        let store = SqliteStore::open(&d.data).unwrap();
        store.case("DEMO-1-0000").unwrap().unwrap().status == vigil::lifecycle::CaseStatus::Pending
    });
    let store = SqliteStore::open(&d.data).unwrap();
    let reopen = log_entries(&store).pop().unwrap();
    assert_eq!(reopen.kind, vigil::decision_log::EntryKind::Reopen);
    assert!(
        reopen.note.starts_with("blind QA disagreed"),
        "{}",
        reopen.note
    );
}
