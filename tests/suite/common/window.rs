//! The window under egui_kittest, shared by the suite's window tests and the review bench so
//! that both drive the same app the same way.

use eframe::egui;
use egui_kittest::Harness;
use std::time::{Duration, Instant};
use vigil::ui::{App, Options};

/// How long a step may wait for the store thread before it is called hung: generous,
/// because the suite's other tests (eight writer processes, a thousand-entry log) share
/// the two cores. A guard against hangs, not a speed target (those are in benches/).
pub const PATIENCE: Duration = Duration::from_secs(180);

/// The app in a headless window of `size` points.
pub fn window(opts: Options, size: egui::Vec2) -> Harness<'static, App> {
    Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut App| app.show(ui), App::new(opts, None))
}

/// Steps frames until `done` holds, then one more; the store thread answers in its own time.
pub fn run_until(h: &mut Harness<'static, App>, what: &str, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(start.elapsed() < PATIENCE, "timed out waiting for {what}");
        h.step();
        std::thread::sleep(Duration::from_millis(2));
    }
    h.step();
}
