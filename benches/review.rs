//! What reviewers feel, measured headless with the real app (egui_kittest, no GPU):
//! the time from a decision to the next case fully drawn over the demo queue, and the frame
//! time of the queue screen with 100,000 cases. Run: `cargo bench --bench review`.

mod common;
#[path = "../tests/suite/common/window.rs"]
mod window;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::time::{Duration, Instant};
use vigil::accounts::Password;
use vigil::policy::Policy;
use vigil::store::{SqliteStore, Store};
use vigil::ui::{App, Options};
use window::{run_until, window};

fn harness(data: &std::path::Path) -> Harness<'static, App> {
    // Signed in at start, as `vigil --as bench` with VIGIL_PASSWORD: one password check.
    let opts = Options {
        location: vigil::store::Location::Folder(data.to_path_buf()),
        sign_in: Some(("bench".into(), Some(Password::given(PASSWORD)))),
        policy: Policy::builtin(),
        load_demo: false,
        // As at the workstation: the next case opens while the decision is held.
        undo_window: vigil::ui::UNDO_WINDOW,
    };
    window(opts, egui::vec2(1600.0, 1000.0))
}

const PASSWORD: &str = "bench-password";

fn sign_in(h: &mut Harness<'static, App>) {
    run_until(h, "the queue", |a| a.queue_loaded());
    run_until(h, "the sign-in", |a| a.account().is_some());
}

/// A store in `dir` holding `count` demo cases of `seed` and the reviewer "bench".
fn demo_store(dir: &std::path::Path, count: u32, seed: u64) -> std::path::PathBuf {
    let demo = dir.join("demo");
    vigil::demo::write_demo(&demo, count, seed).unwrap();
    let data = dir.join("data");
    let mut store = SqliteStore::open(&data).unwrap();
    vigil::import::import_paths(&mut store, &Policy::builtin(), &[demo], chrono::Utc::now());
    vigil::demo::create_demo_accounts(&mut store, chrono::Utc::now()).unwrap();
    let admin = vigil::accounts::Credential::Password {
        name: "ada".into(),
        password: Password::given("demo-ada-2026"),
    };
    let bench = vigil::accounts::AccountChange::Create {
        name: vigil::accounts::AccountName::parse("bench").unwrap(),
        roles: vigil::accounts::Roles::of([vigil::accounts::Role::Reviewer]),
        password: Password::new_password(PASSWORD).unwrap(),
    };
    store
        .change_account(&admin, &bench, chrono::Utc::now())
        .unwrap();
    data
}

fn percentile(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn decision_to_next_case() {
    let tmp = tempfile::tempdir().unwrap();
    let data = demo_store(tmp.path(), vigil::demo::FULL_COVERAGE_COUNT, 1);

    let mut h = harness(&data);
    sign_in(&mut h);
    h.get_by_label("Start reviewing").click();
    let decisions = 30;
    for n in 0..decisions {
        run_until(&mut h, "a case", |a| {
            a.open_case().is_some() && a.open_case_claimed()
        });
        let id = h.state().open_case().unwrap_or_default();
        // A reviewer looks at a case for seconds; the prefetch of the next ones has that long.
        let look = Instant::now();
        while look.elapsed() < Duration::from_millis(400) {
            h.step();
            std::thread::sleep(Duration::from_millis(10));
        }
        h.key_press(egui::Key::A);
        h.step();
        if h.state().open_case().as_deref() == Some(id.as_str()) {
            // The case has fail hints: the second press confirms.
            h.key_press(egui::Key::A);
        }
        run_until(&mut h, "the latency sample", |a| {
            a.next_case_latency().1 > n
        });
    }
    let mut samples = h.state().next_case_samples();
    let median = percentile(&mut samples, 0.5);
    let p90 = percentile(&mut samples, 0.9);
    let max = percentile(&mut samples, 1.0);
    println!(
        "decision to next case fully drawn, {} decisions over the demo queue: median {:.2} ms, p90 {:.2} ms, max {:.2} ms (target: median <= 16 ms)",
        samples.len(),
        median.as_secs_f64() * 1e3,
        p90.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3
    );
}

fn queue_frame_time() {
    const CASES: usize = 100_000;
    let tmp = tempfile::tempdir().unwrap();
    let data = demo_store(tmp.path(), 1, 2);
    // Fixture: copy the one imported case 100,000 times in one transaction (the importer
    // syncs every case to disk; a fixture of this size need not).
    let conn = rusqlite::Connection::open(data.join("vigil.db")).unwrap();
    conn.execute_batch(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {CASES})
         INSERT INTO cases (id, fingerprint, submitted_at, imported_at, client, applicant_locale, surname,
                given_names, date_of_birth, document_type, issuing_country, document_number, submission, policy)
         SELECT printf('BULK-%07d', i), fingerprint, submitted_at, imported_at, client, applicant_locale,
                surname, given_names, date_of_birth, document_type, issuing_country,
                printf('N%07d', i), submission, policy
         FROM cases, n WHERE cases.id = 'DEMO-2-0000';"
    ))
    .unwrap();
    drop(conn);

    let mut h = harness(&data);
    sign_in(&mut h);
    run_until(&mut h, "100,000 rows", |a| a.queue_len() > CASES);
    let load = h.state().frame_time();
    let started = Instant::now();
    let mut frames = 0;
    while frames < 300 {
        // Scroll the table as a reviewer would with the wheel.
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -600.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        h.step();
        frames += 1;
    }
    let per_frame = started.elapsed() / frames;
    println!(
        "queue screen with {} cases: UI time per frame (median) {:.2} ms, harness step incl. layout {:.2} ms (before scrolling {:?})",
        h.state().queue_len(),
        h.state().frame_time().unwrap_or_default().as_secs_f64() * 1e3,
        per_frame.as_secs_f64() * 1e3,
        load
    );
}

/// The Statistics screen over a year of a team's decisions: its frame time while the
/// pointer moves over the plots.
fn stats_frame_time() {
    const DECISIONS: u64 = 200_000;
    let tmp = tempfile::tempdir().unwrap();
    let data = demo_store(tmp.path(), 1, 3);
    let mut store = SqliteStore::open(&data).unwrap();
    let admin = vigil::accounts::Credential::Password {
        name: "ada".into(),
        password: Password::given("demo-ada-2026"),
    };
    let everyone = vigil::accounts::AccountChange::Grant {
        name: "bench".into(),
        role: vigil::accounts::Role::Supervisor,
    };
    store
        .change_account(&admin, &everyone, chrono::Utc::now())
        .unwrap();
    drop(store);
    common::synthetic_decisions(&data.join("vigil.db"), DECISIONS, 365);

    let mut h = harness(&data);
    sign_in(&mut h);
    h.get_by_label("Statistics").click();
    run_until(&mut h, "the last 30 days", |a| {
        a.stats_decisions().is_some()
    });
    h.get_by_label("All").click();
    run_until(&mut h, "the year", |a| {
        a.stats_decisions() == Some(DECISIONS)
    });
    let started = Instant::now();
    let frames = 300;
    for i in 0..frames {
        // The pointer sweeps across the plots, as a supervisor reading bars would.
        let x = 100.0 + (i % 140) as f32 * 10.0;
        h.event(egui::Event::PointerMoved(egui::pos2(x, 600.0)));
        h.step();
    }
    let per_frame = started.elapsed() / frames;
    println!(
        "statistics screen with a year of {DECISIONS} decisions: UI time per frame (median) {:.2} ms, harness step incl. layout {:.2} ms (target: <= 8 ms)",
        h.state().frame_time().unwrap_or_default().as_secs_f64() * 1e3,
        per_frame.as_secs_f64() * 1e3,
    );
}

fn main() {
    // `cargo test --benches` runs benches once with --bench absent; keep that quick.
    if !std::env::args().any(|a| a == "--bench") {
        println!("review bench: run with `cargo bench --bench review`");
        return;
    }
    decision_to_next_case();
    queue_frame_time();
    stats_frame_time();
}
