//! The real window under Xvfb: it starts on the demo queue, a reviewer signed in with
//! `--as` decides cases with real key presses (xdotool), Ctrl+Q closes it, and the
//! status bar's decision-to-next-case figure, measured on the painted frames, is read from
//! what the window says on closing.

use std::process::Command;

/// Decisions made by key presses; the figure is their median.
const DECISIONS: usize = 8;

fn installed(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Starts the window, waits for the whole demo queue and for ana's sign-in (which starts
/// only once the demo's accounts exist: a key pressed before it lands nowhere), opens the
/// oldest case (Enter), escalates `DECISIONS` cases (E, a reviewer's pace apart) and closes
/// it (Ctrl+Q).
const DRIVE: &str = r#"
set -u
"$VIGIL" --data-dir "$DATA" --demo --as ana > "$OUT" 2>&1 &
pid=$!
for _ in $(seq 600); do
    grep -q "signed in as ana" "$OUT" && break
    kill -0 "$pid" 2>/dev/null || exit 3
    sleep 0.5
done
grep -q "signed in as ana" "$OUT" || { kill "$pid"; exit 4; }
wid=$(xdotool search --name '^Vigil$' | head -n 1)
xdotool windowsize --sync "$wid" 1600 1000
xdotool windowfocus --sync "$wid"
xdotool key --window "$wid" Return
sleep 4
for _ in $(seq "$DECISIONS"); do
    xdotool key --window "$wid" e
    sleep 1.5
done
xdotool key --window "$wid" ctrl+q
wait "$pid"
"#;

#[test]
fn the_real_window_measures_decision_to_next_case_on_painted_frames() {
    if !installed("xvfb-run") || !installed("xdotool") {
        eprintln!(
            "skipped: xvfb-run or xdotool is not installed (apt-get install xvfb xauth xdotool), so the real window cannot be driven"
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out_file = tmp.path().join("window.out");
    let run = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1600x1000x24", "bash", "-c", DRIVE])
        .env("VIGIL", env!("CARGO_BIN_EXE_vigil"))
        .env("DATA", tmp.path().join("data"))
        .env("OUT", &out_file)
        .env("DECISIONS", DECISIONS.to_string())
        .env("VIGIL_PASSWORD", "demo-ana-2026")
        // Window state is remembered under HOME: keep it out of the tester's own.
        .env("HOME", tmp.path())
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let said = std::fs::read_to_string(&out_file).unwrap_or_default();
    assert!(
        run.status.success(),
        "the window failed ({:?}): {said}\n{}",
        run.status.code(),
        String::from_utf8_lossy(&run.stderr)
    );
    // The demo arrives a few cases at a time: the window is ready, and its first case on
    // screen, before the last is in.
    assert!(said.contains("window ready: "), "{said}");
    assert!(said.contains("first case on screen "), "{said}");
    assert!(said.contains("demo queue loaded: 41 new cases"), "{said}");
    let figure = said
        .lines()
        .find(|l| l.starts_with("decision to next case "))
        .unwrap_or_else(|| panic!("no figure said on closing: {said}"));
    eprintln!("real window, 1600×1000 under Xvfb: {figure}");
    // "decision to next case 52.3 ms (median of 8)": every decision was measured.
    let (ms, count) = figure
        .strip_prefix("decision to next case ")
        .and_then(|r| r.split_once(" ms (median of "))
        .and_then(|(ms, rest)| Some((ms.parse::<f64>().ok()?, rest.strip_suffix(')')?)))
        .unwrap_or_else(|| panic!("not the status bar's figure: {figure}"));
    assert_eq!(count, DECISIONS.to_string(), "{figure}");
    assert!(ms > 0.0, "{figure}");
}
