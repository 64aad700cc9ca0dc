//! The real window starts under Xvfb on the demo queue and closes: a broken start fails here.

use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn the_window_starts_on_the_demo_queue() {
    if Command::new("xvfb-run").arg("--help").output().is_err() {
        eprintln!(
            "skipped: xvfb-run is not installed (apt-get install xvfb xauth), so the real window cannot be started"
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let out = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1400x900x24"])
        .arg(env!("CARGO_BIN_EXE_vigil"))
        .arg("--data-dir")
        .arg(tmp.path().join("data"))
        .args(["--demo", "--close-when-ready"])
        // Window state is remembered under HOME: keep it out of the tester's own.
        .env("HOME", tmp.path())
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the window failed: {stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("window ready: 41 cases in the queue"),
        "{stdout}\n{stderr}"
    );
    assert!(started.elapsed() < Duration::from_secs(300));
}
