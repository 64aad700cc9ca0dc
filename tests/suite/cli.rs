//! The command line's behaviour and exit codes (CLI.md), run as a user would run it.

use crate::common::*;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn vigil(data: &Path, args: &[&str]) -> Output {
    vigil_env(data, args, &[])
}

/// The first administrator and then each account with its roles, through the command line.
fn cli_accounts(data: &Path, list: &[(&str, &str)]) {
    let init = vigil_env(
        data,
        &["account", "init", ADMIN],
        &[("VIGIL_NEW_PASSWORD", &password_of(ADMIN))],
    );
    assert_eq!(code(&init), 0, "{}", stderr(&init));
    for (name, roles) in list {
        let add = vigil_env(
            data,
            &["--as", ADMIN, "account", "add", name, "--role", roles],
            &[
                ("VIGIL_PASSWORD", &password_of(ADMIN)),
                ("VIGIL_NEW_PASSWORD", &password_of(name)),
            ],
        );
        assert_eq!(code(&add), 0, "{}", stderr(&add));
    }
}

fn vigil_env(data: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    run_vigil(data, args, env)
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn import_exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let good = tmp.path().join("good");
    write_bundle(&good, "a", &submission("CLI-A"));
    let mixed = tmp.path().join("mixed");
    write_bundle(&mixed, "b", &submission("CLI-B"));
    let mut bad = submission("CLI-C");
    bad["format"] = serde_json::json!("nope");
    write_bundle(&mixed, "c", &bad);

    let ok = vigil(&data, &["import", good.to_str().unwrap()]);
    assert_eq!(code(&ok), 0, "{}", stderr(&ok));
    assert!(stdout(&ok).contains("1 imported, 0 already present, 0 refused"));

    let some = vigil(&data, &["import", mixed.to_str().unwrap()]);
    assert_eq!(code(&some), 1);
    assert!(stdout(&some).contains("refused"), "{}", stdout(&some));
    assert!(stdout(&some).contains("field `format`"));

    let none = vigil(
        &data,
        &["import", tmp.path().join("nothing-here").to_str().unwrap()],
    );
    assert_eq!(code(&none), 2);
}

#[test]
fn check_prints_the_hints_json_without_importing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut s = submission("CHK-1");
    s["images"]["liveness"] = serde_json::json!(["l.jpg"]);
    let dir = write_bundle(tmp.path(), "b", &s);
    let out = vigil(&data, &["check", dir.to_str().unwrap(), "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["submission_id"], "CHK-1");
    let h = &v["hints"][0];
    assert_eq!(h["code"], "liveness.incomplete");
    assert_eq!(h["severity"], "warn");
    assert_eq!(h["slot"], Value::Null);
    assert_eq!(h["suggests"], "other.connection_problem");
    assert_eq!(h["evidence"]["frames"], 1);
    // Nothing was imported, not even an empty store created; reading commands say so.
    assert!(!data.join("vigil.db").exists());
    let q = vigil(&data, &["queue", "--json"]);
    assert_eq!(code(&q), 2);
    assert!(stderr(&q).contains("there is no store"), "{}", stderr(&q));
    assert_eq!(code(&vigil(&data, &["audit", "verify"])), 2);

    let unreadable = vigil(
        &data,
        &[
            "check",
            tmp.path().join("missing").to_str().unwrap(),
            "--json",
        ],
    );
    assert_ne!(code(&unreadable), 0);
    assert!(
        stderr(&unreadable).starts_with("vigil: "),
        "{}",
        stderr(&unreadable)
    );
    assert!(stdout(&unreadable).is_empty());
}

#[test]
fn check_reads_the_history_from_an_existing_store_and_never_creates_one() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let inbox = tmp.path().join("inbox");
    write_bundle(&inbox, "a", &spec_example("HC-1"));
    let mut other = spec_example("HC-2");
    other["applicant"]["date_of_birth"] = serde_json::json!("1980-01-01");
    rewrite_mrz(&mut other);
    let second = write_bundle(tmp.path(), "b", &other);
    let check = || {
        let out = vigil(&data, &["check", second.to_str().unwrap(), "--json"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        serde_json::from_str::<Value>(&stdout(&out)).unwrap()["hints"].clone()
    };

    assert_eq!(check(), serde_json::json!([]));
    assert!(!data.exists(), "check created a store");
    assert_eq!(code(&vigil(&data, &["import", inbox.to_str().unwrap()])), 0);
    let hints = check();
    assert_eq!(hints[0]["code"], "history.document_reused");
    assert_eq!(hints[0]["evidence"]["cases"][0]["id"], "HC-1");
    assert_eq!(
        hints[0]["evidence"]["cases"][0]["differs"],
        serde_json::json!(["date_of_birth"])
    );
}

#[test]
fn queue_decide_export_and_audit() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let inbox = tmp.path().join("inbox");
    for i in 0..3 {
        write_bundle(&inbox, &format!("b{i}"), &submission(&format!("Q-{i}")));
    }
    assert_eq!(code(&vigil(&data, &["import", inbox.to_str().unwrap()])), 0);

    let q: Value = serde_json::from_str(&stdout(&vigil(&data, &["queue", "--json"]))).unwrap();
    let first = &q[0];
    for key in ["id", "submitted_at", "status", "hints"] {
        assert!(
            first.get(key).is_some(),
            "queue --json lacks {key}: {first}"
        );
    }
    assert_eq!(first["status"], "pending");
    assert_eq!(
        first["hints"],
        serde_json::json!({"fail": 0, "warn": 0, "info": 0})
    );

    cli_accounts(
        &data,
        &[("ana", "reviewer"), ("bob", "reviewer"), ("aud", "auditor")],
    );
    let ok = vigil_as(
        &data,
        "ana",
        &[
            "decide",
            "Q-0",
            "--reject",
            "validity.document_expired",
            "--note",
            "expired in 2024",
        ],
    );
    assert_eq!(code(&ok), 0, "{}", stderr(&ok));
    let unknown = vigil_as(
        &data,
        "ana",
        &["decide", "Q-1", "--reject", "validity.expired"],
    );
    assert_eq!(code(&unknown), 2);
    assert!(stderr(&unknown).contains("unknown reason code `validity.expired`"));
    let twice = vigil_as(&data, "ana", &["decide", "Q-0", "--approve"]);
    assert_eq!(code(&twice), 1);
    assert!(
        stderr(&twice).contains("already rejected"),
        "{}",
        stderr(&twice)
    );
    let both = vigil_as(&data, "ana", &["decide", "Q-1", "--approve", "--escalate"]);
    assert_eq!(code(&both), 2);
    // `--reviewer` stays an alias of `--as` on decide.
    let escalate = vigil_env(
        &data,
        &["decide", "Q-1", "--escalate", "--reviewer", "ana"],
        &[("VIGIL_PASSWORD", &password_of("ana"))],
    );
    assert_eq!(code(&escalate), 0, "{}", stderr(&escalate));
    // Four eyes: a fraud reviewer who is not the escalating one; bob has no fraud role yet.
    assert_eq!(
        code(&vigil_as(&data, "bob", &["decide", "Q-1", "--approve"])),
        1
    );
    assert_eq!(
        code(&vigil_as(
            &data,
            ADMIN,
            &["account", "grant", "bob", "fraud"]
        )),
        0
    );
    assert_eq!(
        code(&vigil_as(&data, "bob", &["decide", "Q-1", "--approve"])),
        0
    );

    let csv = tmp.path().join("log.csv");
    // Reading the log is the auditor's: a reviewer is refused.
    let refused = vigil_as(&data, "ana", &["export", "--format", "csv"]);
    assert_eq!(code(&refused), 1);
    assert!(stdout(&refused).is_empty());
    let exp = vigil_as(
        &data,
        "aud",
        &["export", "--format", "csv", "--out", csv.to_str().unwrap()],
    );
    assert_eq!(code(&exp), 0, "{}", stderr(&exp));
    let text = std::fs::read_to_string(&csv).unwrap();
    // Four accounts created, three decisions and bob's fraud role: eight entries.
    assert_eq!(text.lines().count(), 9, "{text}");
    let jsonl = vigil_as(
        &data,
        "aud",
        &["export", "--format", "jsonl", "--since", "2000-01-01"],
    );
    // Eight entries, the record of the CSV export, and their checkpoint.
    assert_eq!(stdout(&jsonl).lines().count(), 10);
    let future = vigil_as(
        &data,
        "aud",
        &["export", "--format", "jsonl", "--since", "2999-01-01"],
    );
    // No entry: only the checkpoint of the log so far.
    let future = stdout(&future);
    let lines: Vec<&str> = future.lines().collect();
    assert!(
        matches!(&lines[..], [only] if only.starts_with("{\"kind\":\"checkpoint\"")),
        "{lines:?}"
    );
    // A failed export writes nothing.
    let nowhere = tmp.path().join("no/such/dir/log.csv");
    let failed = vigil_as(
        &data,
        "aud",
        &[
            "export",
            "--format",
            "csv",
            "--out",
            nowhere.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&failed), 1);
    assert!(!nowhere.exists());

    let audit = vigil(&data, &["audit", "verify"]);
    assert_eq!(code(&audit), 0, "{}", stderr(&audit));
    // The eight, and the records of the three exports given (the failed one is not).
    assert!(stdout(&audit).contains("11 entries"), "{}", stdout(&audit));
    let head = stdout(&audit).split_whitespace().last().unwrap().to_owned();
    assert_eq!(
        code(&vigil(
            &data,
            &["audit", "verify", "--file", csv.to_str().unwrap()]
        )),
        0
    );
    assert_eq!(
        code(&vigil(&data, &["audit", "verify", "--expect-head", &head])),
        0
    );

    // Tampering, directly on the file with the triggers dropped.
    let conn = rusqlite::Connection::open(data.join("vigil.db")).unwrap();
    conn.execute_batch("DROP TRIGGER decisions_no_update; UPDATE decisions SET reviewer = 'mallory' WHERE seq = 2;")
        .unwrap();
    drop(conn);
    let broken = vigil(&data, &["audit", "verify"]);
    assert_eq!(code(&broken), 1);
    assert!(stderr(&broken).contains("entry 2"), "{}", stderr(&broken));
    // A truncated export is caught against the head noted earlier.
    let cut: String = text.lines().take(3).map(|l| format!("{l}\n")).collect();
    let cut_path = tmp.path().join("cut.csv");
    std::fs::write(&cut_path, cut).unwrap();
    assert_eq!(
        code(&vigil(
            &data,
            &["audit", "verify", "--file", cut_path.to_str().unwrap()]
        )),
        0
    );
    let caught = vigil(
        &data,
        &[
            "audit",
            "verify",
            "--file",
            cut_path.to_str().unwrap(),
            "--expect-head",
            &head,
        ],
    );
    assert_eq!(code(&caught), 1);
    assert!(
        stderr(&caught).contains("removed from the end"),
        "{}",
        stderr(&caught)
    );
}

#[test]
fn claims_across_processes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    write_bundle(&tmp.path().join("inbox"), "b", &submission("L-1"));
    vigil(
        &data,
        &["import", tmp.path().join("inbox").to_str().unwrap()],
    );
    cli_accounts(&data, &[("ana", "reviewer"), ("ben", "reviewer")]);
    assert_eq!(code(&vigil_as(&data, "ana", &["claim", "L-1"])), 0);
    let other = vigil_as(&data, "ben", &["claim", "L-1"]);
    assert_eq!(code(&other), 1);
    assert!(
        stderr(&other).contains("being reviewed by ana"),
        "{}",
        stderr(&other)
    );
    // Nor can ben release ana's claim: only a supervisor can.
    let release = vigil_as(&data, "ben", &["release", "L-1"]);
    assert_eq!(code(&release), 1);
    assert!(
        stderr(&release).contains("supervisor"),
        "{}",
        stderr(&release)
    );
    assert_eq!(code(&vigil_as(&data, "ana", &["release", "L-1"])), 0);
    assert_eq!(code(&vigil_as(&data, "ben", &["claim", "L-1"])), 0);
}

/// `vigil reopen`: a supervisor's reopening, with its reason; refusals exit 1 (2 without a
/// reason) and record nothing; the export carries the entry as kind `reopen`.
#[test]
fn a_supervisor_reopens_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    write_bundle(&tmp.path().join("inbox"), "b", &submission("R-1"));
    vigil(
        &data,
        &["import", tmp.path().join("inbox").to_str().unwrap()],
    );
    cli_accounts(&data, &[("ana", "reviewer"), ("sam", "supervisor,auditor")]);
    assert_eq!(
        code(&vigil_as(&data, "ana", &["decide", "R-1", "--approve"])),
        0
    );
    let by_reviewer = vigil_as(&data, "ana", &["reopen", "R-1", "--reason", "mine"]);
    assert_eq!(code(&by_reviewer), 1, "{}", stderr(&by_reviewer));
    let no_reason = vigil_as(&data, "sam", &["reopen", "R-1", "--reason", " "]);
    assert_eq!(code(&no_reason), 2);
    assert!(
        stderr(&no_reason).contains("reason"),
        "{}",
        stderr(&no_reason)
    );
    let ok = vigil_as(
        &data,
        "sam",
        &["reopen", "R-1", "--reason", "the selfie is of someone else"],
    );
    assert_eq!(code(&ok), 0, "{}", stderr(&ok));
    assert!(
        stdout(&ok).contains("R-1 reopened: reopened the approved decision of entry"),
        "{}",
        stdout(&ok)
    );
    let queue = vigil(&data, &["queue", "--json"]);
    assert!(stdout(&queue).contains("R-1"), "{}", stdout(&queue));
    let export = vigil_as(&data, "sam", &["export", "--format", "jsonl"]);
    let reopen: Vec<serde_json::Value> = stdout(&export)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .filter(|v: &serde_json::Value| v["kind"] == "reopen")
        .collect();
    assert_eq!(reopen.len(), 1, "{}", stdout(&export));
    assert_eq!(reopen[0]["note"], "the selfie is of someone else");
    assert_eq!(reopen[0]["subject"], "ana");
    assert_eq!(code(&vigil(&data, &["audit", "verify"])), 0);
}

/// Names, file names and fields from a bundle never reach the terminal raw: escape
/// sequences, CR/LF forging a line, bidi overrides and NUL are shown escaped in `import`,
/// `queue` and `check`; `--json` stays exact.
#[test]
fn bundle_text_cannot_drive_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let inbox = tmp.path().join("inbox");
    let evil = "EVIL\u{1b}]0;pwned\u{7}\u{1b}[2J\r\nGOOD-9 approved\u{202e}gpj.exe\0";
    let mut named = submission("TERM-1");
    named["applicant"]["surname"] = serde_json::json!(evil);
    write_bundle(&inbox, "named", &named);
    let mut filed = submission("TERM-2");
    filed["images"]["selfie"] = serde_json::json!("self\u{1b}[31mie\u{202e}.jpg");
    let filed_dir = write_bundle(&inbox, "filed", &filed);
    let mut refused = submission("TERM-3");
    refused["images"]["document_front"] = serde_json::json!("../\u{1b}[2Jx.jpg");
    write_bundle(&inbox, "refused", &refused);
    let hazards = ['\u{1b}', '\r', '\u{7}', '\u{202e}', '\0'];
    let clean = |what: &str, text: &str| {
        assert!(
            !text.chars().any(|c| hazards.contains(&c)),
            "{what} printed a raw control: {text:?}"
        );
    };
    let import = vigil(&data, &["import", inbox.to_str().unwrap()]);
    clean("import", &stdout(&import));
    clean("import (errors)", &stderr(&import));
    assert!(
        stdout(&import).contains("\\u{1b}[2Jx.jpg"),
        "{}",
        stdout(&import)
    );
    let queue = vigil(&data, &["queue"]);
    clean("queue", &stdout(&queue));
    let shown = stdout(&queue);
    assert!(
        shown.contains("EVIL\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\r\\nGOOD-9 approved\\u{202e}"),
        "{shown}"
    );
    let check = vigil(&data, &["check", filed_dir.to_str().unwrap()]);
    clean("check", &stdout(&check));
    assert!(
        stdout(&check).contains("self\\u{1b}[31mie"),
        "{}",
        stdout(&check)
    );
    // JSON stays exact: parsed back, the value is the bundle's own.
    let json = vigil(&data, &["queue", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let names: Vec<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["applicant"].as_str().unwrap_or("").to_owned())
        .collect();
    assert!(names.iter().any(|n| n.contains(evil)), "{names:?}");
}

#[test]
fn demo_writes_bundles_that_import() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("demo");
    let d = vigil(
        &tmp.path().join("data"),
        &[
            "demo",
            "--out",
            out.to_str().unwrap(),
            "--count",
            "4",
            "--seed",
            "9",
        ],
    );
    assert_eq!(code(&d), 0, "{}", stderr(&d));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 4);
    let imp = vigil(&tmp.path().join("data"), &["import", out.to_str().unwrap()]);
    assert_eq!(code(&imp), 0, "{}", stdout(&imp));
}

#[test]
fn bad_policy_file_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let policy = tmp.path().join("policy.toml");
    std::fs::write(&policy, "[default]\nminimum_age = 'x'\n").unwrap();
    let dir = write_bundle(tmp.path(), "b", &submission("P-1"));
    let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args([
            "--policy",
            policy.to_str().unwrap(),
            "check",
            dir.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("policy.toml"), "{}", stderr(&out));
}

/// Whether this process runs as root, whom file permissions do not bind.
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").unwrap().uid() == 0
}

/// Sets `dir` (the tree) to `dirs` / `files` modes.
fn chmod_tree(dir: &Path, dirs: u32, files: u32) {
    use std::os::unix::fs::PermissionsExt;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            chmod_tree(&path, dirs, files);
        } else {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(files)).unwrap();
        }
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(dirs)).unwrap();
}

/// A data folder its user cannot write, and `vigil` run as that user: as root (CI), the
/// folder stays root's and readable to all, and `vigil` runs as `nobody` from a copy it may
/// execute; otherwise the folder is made read-only to its owner.
struct ReadOnlyFolder {
    data: std::path::PathBuf,
    bin: std::path::PathBuf,
    root: bool,
}

impl ReadOnlyFolder {
    fn make(tmp: &Path, data: &Path) -> ReadOnlyFolder {
        use std::os::unix::fs::PermissionsExt;
        let root = running_as_root();
        let bin = if root {
            let bin = tmp.join("bin/vigil");
            std::fs::create_dir_all(bin.parent().unwrap()).unwrap();
            std::fs::copy(env!("CARGO_BIN_EXE_vigil"), &bin).unwrap();
            chmod_tree(bin.parent().unwrap(), 0o755, 0o755);
            std::fs::set_permissions(tmp, std::fs::Permissions::from_mode(0o755)).unwrap();
            chmod_tree(data, 0o755, 0o644);
            bin
        } else {
            chmod_tree(data, 0o500, 0o400);
            env!("CARGO_BIN_EXE_vigil").into()
        };
        ReadOnlyFolder {
            data: data.to_path_buf(),
            bin,
            root,
        }
    }

    fn vigil(&self, who: Option<&str>, args: &[&str]) -> Output {
        let command = if self.root {
            let mut c = std::process::Command::new("runuser");
            c.args(["-u", "nobody", "--"]).arg(&self.bin);
            c
        } else {
            std::process::Command::new(&self.bin)
        };
        let password = who.map(password_of);
        let mut all = Vec::new();
        if let Some(who) = who {
            all.extend(["--as", who]);
        }
        all.extend_from_slice(args);
        let env: Vec<(&str, &str)> = password
            .iter()
            .map(|p| ("VIGIL_PASSWORD", p.as_str()))
            .collect();
        run_vigil_as(command, &self.data, &all, &env)
    }
}

impl Drop for ReadOnlyFolder {
    fn drop(&mut self) {
        chmod_tree(&self.data, 0o700, 0o600);
    }
}

#[test]
fn a_read_only_folder_still_lists_and_verifies_and_says_why_writing_and_exporting_fail() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let inbox = tmp.path().join("inbox");
    for i in 0..2 {
        write_bundle(&inbox, &format!("b{i}"), &submission(&format!("RO-{i}")));
    }
    assert_eq!(code(&vigil(&data, &["import", inbox.to_str().unwrap()])), 0);
    cli_accounts(&data, &[("ana", "reviewer"), ("aud", "auditor")]);
    let decided = vigil_as(&data, "ana", &["decide", "RO-0", "--approve"]);
    assert_eq!(code(&decided), 0, "{}", stderr(&decided));
    let later = tmp.path().join("later");
    write_bundle(&later, "c", &submission("RO-2"));
    let folder = ReadOnlyFolder::make(tmp.path(), &data);

    let queue = folder.vigil(None, &["queue"]);
    assert_eq!(code(&queue), 0, "{}", stderr(&queue));
    assert!(stdout(&queue).contains("RO-1"), "{}", stdout(&queue));
    let verify = folder.vigil(None, &["audit", "verify"]);
    assert_eq!(code(&verify), 0, "{}", stderr(&verify));
    assert!(stdout(&verify).contains("decision log intact"));

    // Writing fails, and says why in words, not as a database code. An export is
    // recorded in the access log, so it fails too, and gives out nothing.
    for (who, args) in [
        (None, vec!["import", later.to_str().unwrap()]),
        (Some("ana"), vec!["decide", "RO-1", "--approve"]),
        (Some("aud"), vec!["export", "--format", "jsonl"]),
    ] {
        let refused = folder.vigil(who, &args);
        assert_ne!(code(&refused), 0, "{args:?}");
        assert_eq!(stdout(&refused), "", "{args:?}");
        assert!(
            stderr(&refused).contains("the store cannot be written: its folder is read-only"),
            "{args:?}: {}",
            stderr(&refused)
        );
    }
    drop(folder);
    // Nothing was recorded, and the store opens for writing again.
    let q: Value = serde_json::from_str(&stdout(&vigil(&data, &["queue", "--json"]))).unwrap();
    assert_eq!(q.as_array().unwrap().len(), 1);
}

#[test]
fn audit_verify_exits_2_when_it_cannot_read_and_1_only_for_a_broken_chain() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    // A folder where the export should be: reading it fails, which is no broken chain.
    let unreadable = vigil(
        &data,
        &["audit", "verify", "--file", tmp.path().to_str().unwrap()],
    );
    assert_eq!(code(&unreadable), 2, "{}", stderr(&unreadable));
    // A store that is not a database at all.
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("vigil.db"), vec![0x42; 8192]).unwrap();
    let garbage = vigil(&data, &["audit", "verify"]);
    assert_eq!(code(&garbage), 2, "{}", stderr(&garbage));
    // A broken chain: 1.
    let export = tmp.path().join("log.jsonl");
    std::fs::write(&export, "{\"seq\": 1}\n").unwrap();
    let broken = vigil(
        &data,
        &["audit", "verify", "--file", export.to_str().unwrap()],
    );
    assert_eq!(code(&broken), 1, "{}", stderr(&broken));
}
