//! The verifiable log (TEAM.md): signed checkpoints, exports an auditor verifies offline with
//! the store's public key, and every kind of tampering caught, on both back ends.

use crate::common::*;
use std::path::{Path, PathBuf};
use vigil::accounts::Role;
use vigil::checkpoint::{CheckpointError, LogBreak, TreeBreak};
use vigil::decision_log::{ChainBreak, LogEntry};
use vigil::export::{self, Format};
use vigil::export_audit::{FileAudit, audit_file};
use vigil::import::import_paths;
use vigil::lifecycle::{DecisionRequest, Verdict};
use vigil::policy::Policy;
use vigil::signed_note::{LogKey, VerifierKey};
use vigil::store::{AnyStore, Location, Store, TimeRange};

const CASES: usize = 6;

/// A store with two accounts and `CASES` cases, each decided a day after the one before.
fn decided(backend: Backend) -> (tempfile::TempDir, AnyStore, Location) {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    for i in 0..CASES {
        write_bundle(&inbox, &format!("b{i}"), &submission(&format!("K-{i}")));
    }
    let place = backend.location(tmp.path());
    let mut store = open(&place);
    import_paths(&mut *store, &Policy::builtin(), &[inbox], t(0));
    accounts(
        &mut *store,
        &[("ana", &[Role::Reviewer]), ("aud", &[Role::Auditor])],
    );
    for i in 0..CASES {
        let req = DecisionRequest {
            case_id: format!("K-{i}"),
            by: cred("ana"),
            verdict: Verdict::Approve,
            note: format!("checked {i}"),
            handling_ms: Some(5),
            despite_running_checks: false,
        };
        store.decide(&req, t(86_400 * (i as i64 + 1))).unwrap();
    }
    (tmp, store, place)
}

fn write_lines(path: &Path, lines: &[String]) {
    std::fs::write(
        path,
        lines.iter().map(|l| format!("{l}\n")).collect::<String>(),
    )
    .unwrap();
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn entry(line: &str) -> LogEntry {
    serde_json::from_str(line).unwrap()
}

fn line(e: &LogEntry) -> String {
    serde_json::to_string(e).unwrap()
}

/// The entries from `from` on (0-based) re-linked and re-hashed, as an attacker with the
/// database and the README would: the chain verifies again.
fn rechain(entries: &mut [LogEntry], from: usize) {
    for i in from..entries.len() {
        if i > 0 {
            entries[i].prev_hash = entries[i - 1].hash.clone();
        }
        entries[i] = entries[i].clone().seal();
    }
}

fn failure(audit: FileAudit) -> LogBreak {
    match audit.chain {
        Err(b) => b,
        Ok(s) => panic!("verified although tampered: {s:?}"),
    }
}

struct Export {
    dir: tempfile::TempDir,
    path: PathBuf,
    lines: Vec<String>,
}

impl Export {
    fn of(store: &dyn Store, range: TimeRange) -> Export {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.jsonl");
        export::export_to_file(store, range, Format::Jsonl, &path, &mut |_| {}).unwrap();
        let lines = lines(&path);
        Export { dir, path, lines }
    }

    /// The export with its lines changed by `edit`, in a file of its own.
    fn tampered(&self, name: &str, edit: impl FnOnce(&mut Vec<String>)) -> PathBuf {
        let mut l = self.lines.clone();
        edit(&mut l);
        let path = self.dir.path().join(format!("{name}.jsonl"));
        write_lines(&path, &l);
        path
    }
}

#[test]
fn an_export_verifies_offline_and_every_tampering_of_it_is_caught() {
    each_backend(|backend| {
        let (_tmp, store, _place) = decided(backend);
        let key = store.log_key().unwrap().verifier();
        // The checkpoint an auditor took of the log as it stands.
        let (older, older_note) = store.checkpoint().unwrap().unwrap();
        let ex = Export::of(&*store, TimeRange::default());
        let n = ex.lines.len() as u64 - 1;
        assert_eq!(older.size, n);
        assert!(
            ex.lines
                .last()
                .unwrap()
                .starts_with("{\"kind\":\"checkpoint\"")
        );

        let ok = audit_file(&ex.path, Some(&key), Some(&older_note), None).unwrap();
        assert_eq!(ok.chain.as_ref().unwrap().entries, n);
        assert_eq!(ok.extends, Some(n));
        assert_eq!(ok.signed.as_ref().unwrap().root, older.root);
        let verify =
            |p: &Path| failure(audit_file(p, Some(&key), Some(&older_note), None).unwrap());
        let last = n as usize - 1;

        let edited = ex.tampered("edited", |l| l[3] = l[3].replace("checked", "glanced at"));
        assert_eq!(
            verify(&edited),
            LogBreak::Chain(ChainBreak::Content { seq: 4 })
        );

        let middle = ex.tampered("middle", |l| drop(l.remove(3)));
        assert!(matches!(
            verify(&middle),
            LogBreak::Chain(ChainBreak::Sequence {
                expected: 4,
                found: 5
            })
        ));

        let cut = ex.tampered("cut", |l| drop(l.remove(last)));
        assert_eq!(
            verify(&cut),
            LogBreak::Tree(TreeBreak::Cut {
                size: n,
                found: n - 1
            })
        );
        let cut_unsigned = ex.tampered("cut-unsigned", |l| l.truncate(last));
        assert_eq!(verify(&cut_unsigned), LogBreak::Unsigned);

        let reordered = ex.tampered("reordered", |l| l.swap(3, 4));
        assert!(matches!(verify(&reordered), LogBreak::Chain(b) if b.seq() == 4));

        // A forged entry at the end, linked and hashed as Vigil would.
        let appended = ex.tampered("appended", |l| {
            let mut forged = entry(&l[last]);
            forged.seq += 1;
            forged.prev_hash = forged.hash.clone();
            forged.note = "forged".into();
            l.insert(last + 1, line(&forged.commit_note().seal()));
        });
        assert_eq!(
            verify(&appended),
            LogBreak::Tree(TreeBreak::Longer {
                size: n,
                found: n + 1
            })
        );

        // An entry edited and the whole chain after it recomputed: only the tree shows it.
        let rehashed = ex.tampered("rehashed", |l| {
            let mut entries: Vec<LogEntry> = l[..=last].iter().map(|s| entry(s)).collect();
            entries[2].reviewer = "mallory".into();
            rechain(&mut entries, 2);
            for (i, e) in entries.iter().enumerate() {
                l[i] = line(e);
            }
        });
        assert!(matches!(
            verify(&rehashed),
            LogBreak::Tree(TreeBreak::NotExtended { .. } | TreeBreak::Root { .. })
        ));
        let alone = failure(audit_file(&rehashed, Some(&key), None, None).unwrap());
        assert_eq!(alone, LogBreak::Tree(TreeBreak::Root { size: n }));

        // The checkpoint's signature swapped for another key's, and a checkpoint from
        // another store: neither opens with this store's key.
        let other = LogKey::generate();
        let swapped = ex.tampered("swapped", |l| {
            let note = ex_note(&l[l.len() - 1]);
            let body = note.split("\n\n").next().unwrap().to_owned() + "\n";
            let resigned = other.sign(&body);
            let stolen_sig = resigned.split("\n\n").nth(1).unwrap();
            let forged = format!("{body}\n{stolen_sig}");
            let len = l.len();
            l[len - 1] = checkpoint_line(&forged);
        });
        assert!(matches!(
            verify(&swapped),
            LogBreak::Checkpoint(CheckpointError::Note(_))
        ));
        let foreign = ex.tampered("foreign", |l| {
            let note = ex_note(&l[l.len() - 1]);
            let body = note.split("\n\n").next().unwrap();
            let size_and_root = body.split_once('\n').unwrap().1;
            let theirs = other.sign(&format!("{}\n{size_and_root}", other.name()));
            let len = l.len();
            l[len - 1] = checkpoint_line(&theirs);
        });
        assert!(matches!(verify(&foreign), LogBreak::Checkpoint(_)));
        let their_key = other.verifier();
        assert!(matches!(
            failure(audit_file(&ex.path, Some(&their_key), None, None).unwrap()),
            LogBreak::Checkpoint(_)
        ));
        // Without a key only the chain is checked, and the rehashed export passes it: the
        // reason the key is asked for.
        assert!(
            audit_file(&rehashed, None, None, None)
                .unwrap()
                .chain
                .is_ok()
        );
    });
}

fn ex_note(checkpoint_line: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(checkpoint_line).unwrap();
    v["checkpoint"].as_str().unwrap().to_owned()
}

fn checkpoint_line(note: &str) -> String {
    serde_json::json!({"kind": "checkpoint", "checkpoint": note}).to_string()
}

#[test]
fn a_range_export_carries_the_frontier_before_it_and_extends_older_checkpoints() {
    let (_tmp, mut store, _place) = decided(Backend::Sqlite);
    let key = store.log_key().unwrap().verifier();
    let (early, early_note) = store.checkpoint().unwrap().unwrap();
    // Two more decisions after the early checkpoint.
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    for i in 0..2 {
        write_bundle(&inbox, &format!("l{i}"), &submission(&format!("L-{i}")));
    }
    import_paths(&mut *store, &Policy::builtin(), &[inbox], t(0));
    for i in 0..2 {
        let req = DecisionRequest {
            case_id: format!("L-{i}"),
            by: cred("ana"),
            verdict: Verdict::Escalate,
            note: String::new(),
            handling_ms: Some(5),
            despite_running_checks: false,
        };
        store.decide(&req, t(86_400 * 20 + i)).unwrap();
    }
    // The export of the later days only: it starts after the early checkpoint.
    let later = export::range(None, None);
    let since_day = TimeRange {
        since: Some(t(86_400 * 4)),
        ..later
    };
    let ex = Export::of(&*store, since_day);
    let first = entry(&ex.lines[0]);
    assert!(first.seq > 1);
    let note = ex_note(ex.lines.last().unwrap());
    assert!(
        note.contains(&format!("\nprefix {} ", first.seq - 1)),
        "{note}"
    );
    let ok = audit_file(&ex.path, Some(&key), None, None).unwrap();
    assert!(ok.chain.is_ok(), "{:?}", ok.chain);
    // Without the key only its chain is checked, from where the range starts.
    let chain_only = audit_file(&ex.path, None, None, None).unwrap();
    assert!(
        chain_only.chain.is_ok() && chain_only.has_checkpoint,
        "{:?}",
        chain_only.chain
    );
    // The early checkpoint falls within what the export and its frontier cover.
    assert!(early.size >= first.seq - 1);
    let extends = audit_file(&ex.path, Some(&key), Some(&early_note), None).unwrap();
    assert!(extends.chain.is_ok(), "{:?}", extends.chain);
    assert_eq!(extends.extends, Some(early.size));
    // Its first entry dropped: the frontier no longer leads to it.
    let dropped = ex.tampered("dropped", |l| drop(l.remove(0)));
    assert!(matches!(
        failure(audit_file(&dropped, Some(&key), None, None).unwrap()),
        LogBreak::Chain(ChainBreak::Sequence { .. })
    ));
    // A checkpoint older than the export's start cannot be checked with it: said so.
    let full = Export::of(&*store, TimeRange::default());
    let (_, newest) = store.checkpoint().unwrap().unwrap();
    assert!(
        audit_file(&full.path, Some(&key), Some(&newest), None)
            .unwrap()
            .chain
            .is_ok()
    );
    let small = sign_prefix(&*store, 2);
    assert!(matches!(
        failure(audit_file(&ex.path, Some(&key), Some(&small), None).unwrap()),
        LogBreak::Tree(TreeBreak::StartsLater { size: 2, .. })
    ));
    // A newer checkpoint than the export: the export was cut at its end.
    let old_export = Export::of(
        &*store,
        TimeRange {
            until: Some(t(86_400 * 4)),
            ..later
        },
    );
    assert!(matches!(
        failure(audit_file(&old_export.path, Some(&key), Some(&newest), None).unwrap()),
        LogBreak::Tree(TreeBreak::Cut { .. })
    ));
}

/// The store's signed checkpoint of its first `size` entries, as it would have signed then.
fn sign_prefix(store: &dyn Store, size: u64) -> String {
    let mut tree = vigil::merkle::Frontier::default();
    store
        .for_each_entry(TimeRange::default(), &mut |row| {
            let e = row.unwrap();
            if e.seq <= size {
                tree.push(vigil::checkpoint::leaf(&e));
            }
            Ok(())
        })
        .unwrap();
    let key = store.log_key().unwrap();
    vigil::checkpoint::Checkpoint::of(&key, &tree).sign(&key)
}

#[test]
fn a_store_rewritten_behind_the_log_fails_against_an_older_checkpoint() {
    each_backend(|backend| {
        let (_tmp, store, place) = decided(backend);
        let (older, note) = store.checkpoint().unwrap().unwrap();
        let older_checkpoint = |s: &dyn Store| {
            let key: VerifierKey = s.log_key().unwrap().verifier();
            vigil::checkpoint::Checkpoint::open(&note, &key).unwrap()
        };
        let audit = store
            .audit(None, Some(older_checkpoint(&*store)), chrono::Utc::now())
            .unwrap();
        assert!(audit.holds(), "{audit:?}");
        assert_eq!(audit.tree.root(), older.root);

        // Entry 3 edited and every entry after it re-linked and re-hashed, in the database.
        let mut entries = log_entries(&*store);
        entries[2].reviewer = "mallory".into();
        rechain(&mut entries, 2);
        let mut sql = String::from(match &place {
            Location::Folder(_) => "DROP TRIGGER decisions_no_update;",
            Location::Server(_) => "DROP TRIGGER decisions_append_only ON decisions;",
        });
        for e in &entries[2..] {
            sql.push_str(&format!(
                "UPDATE decisions SET reviewer = '{}', prev_hash = '{}', hash = '{}' WHERE seq = {};",
                e.reviewer, e.prev_hash, e.hash, e.seq
            ));
        }
        // PostgreSQL keeps the head apart, for appends to lock.
        if let (Location::Server(_), Some(head)) = (&place, entries.last()) {
            sql.push_str(&format!(
                "UPDATE log_head SET hash = '{}' WHERE id = 1;",
                head.hash
            ));
        }
        tamper(&place, &sql);
        // The chain alone verifies: that is what the checkpoint is for.
        assert!(store.verify_log(None).unwrap().is_ok());
        let audit = store
            .audit(None, Some(older_checkpoint(&*store)), chrono::Utc::now())
            .unwrap();
        assert_eq!(
            audit.chain,
            Err(LogBreak::Tree(TreeBreak::NotExtended { size: older.size }))
        );
    });
}

#[test]
fn audit_key_checkpoint_and_verify_work_from_the_command_line() {
    let (tmp, store, place) = decided(Backend::Sqlite);
    let Location::Folder(data) = place else {
        unreachable!()
    };
    drop(store);
    let key_file = tmp.path().join("store.pub");
    let key = run_vigil(&data, &["audit", "key"], &[]);
    assert_eq!(key.status.code(), Some(0));
    std::fs::write(&key_file, &key.stdout).unwrap();
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(data.join("log.key"))
            .unwrap()
            .permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);

    let older = tmp.path().join("older.checkpoint");
    let cp = run_vigil(
        &data,
        &["audit", "checkpoint", "--out", older.to_str().unwrap()],
        &[],
    );
    assert_eq!(
        cp.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&cp.stderr)
    );
    let csv = tmp.path().join("log.csv");
    let exported = run_vigil(
        &data,
        &[
            "--as",
            "aud",
            "export",
            "--format",
            "csv",
            "--out",
            csv.to_str().unwrap(),
        ],
        &[("VIGIL_PASSWORD", &password_of("aud"))],
    );
    assert_eq!(
        exported.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    let sidecar = export::checkpoint_path(&csv);
    assert!(sidecar.is_file());
    let verify = |extra: &[&str]| {
        let mut args = vec!["audit", "verify", "--file", csv.to_str().unwrap()];
        args.extend_from_slice(extra);
        run_vigil(&data, &args, &[])
    };
    let k = key_file.to_str().unwrap();
    let ok = verify(&["--key", k, "--since", older.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&ok.stdout);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(
        said.contains("export intact and signed") && said.contains("extends your checkpoint"),
        "{said}"
    );
    // The sidecar's size changed: its signature fails, exit 1.
    let note = std::fs::read_to_string(&sidecar).unwrap();
    let mut parts = note.splitn(3, '\n');
    let (origin, size, rest) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    let bigger: u64 = size.parse::<u64>().unwrap() + 1;
    std::fs::write(&sidecar, format!("{origin}\n{bigger}\n{rest}")).unwrap();
    let bad = verify(&["--key", k]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("does not verify"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
    // A key that is no key: exit 2.
    let garbage = verify(&["--key", "not-a-key"]);
    assert_eq!(garbage.status.code(), Some(2));

    // A receipt of entry 3, checked offline; the same with its entry's line changed.
    let receipt = tmp.path().join("entry-3.tlog-proof");
    let made = run_vigil(
        &data,
        &[
            "--as",
            "aud",
            "audit",
            "receipt",
            "3",
            "--out",
            receipt.to_str().unwrap(),
        ],
        &[("VIGIL_PASSWORD", &password_of("aud"))],
    );
    assert_eq!(
        made.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let check = || {
        run_vigil(
            &data,
            &[
                "audit",
                "verify",
                "--receipt",
                receipt.to_str().unwrap(),
                "--key",
                k,
            ],
            &[],
        )
    };
    let held = check();
    assert_eq!(
        held.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&held.stderr)
    );
    assert!(String::from_utf8_lossy(&held.stdout).contains("receipt holds: entry 3"));
    let text = std::fs::read_to_string(&receipt).unwrap();
    std::fs::write(&receipt, text.replacen("index 2", "index 3", 1)).unwrap();
    assert_eq!(check().status.code(), Some(1));
}

#[test]
fn a_receipt_proves_one_entry_offline_and_fails_when_altered() {
    each_backend(|backend| {
        use vigil::receipt::{self, ReceiptError};
        let (_tmp, store, _place) = decided(backend);
        let key = store.log_key().unwrap().verifier();
        let n = log_entries(&*store).len() as u64;
        for seq in [1, 4, n] {
            let text = receipt::make(&*store, seq).unwrap().0;
            let (e, c) = receipt::verify(&text, &key).unwrap();
            assert_eq!((e.seq, c.size), (seq, n));
        }
        assert!(matches!(
            receipt::make(&*store, n + 1),
            Err(ReceiptError::NoEntry { .. })
        ));
        assert!(matches!(
            receipt::make(&*store, 0),
            Err(ReceiptError::NoEntry { .. })
        ));

        let text = receipt::make(&*store, 4).unwrap().0;
        let lines: Vec<&str> = text.lines().collect();
        let with_line = |i: usize, new: &str| {
            let mut l = lines.clone();
            l[i] = new;
            l.join("\n") + "\n"
        };
        let b64 = base64::engine::general_purpose::STANDARD;
        use base64::Engine;
        let extra = lines[1].strip_prefix("extra ").unwrap();
        let entry: LogEntry = serde_json::from_slice(&b64.decode(extra).unwrap()).unwrap();
        // The entry's note edited, and edited with its commitment and hash recomputed.
        let mut edited = entry.clone();
        edited.note = "edited".into();
        let as_extra =
            |e: &LogEntry| format!("extra {}", b64.encode(serde_json::to_vec(e).unwrap()));
        assert!(matches!(
            receipt::verify(&with_line(1, &as_extra(&edited)), &key),
            Err(ReceiptError::Edited)
        ));
        assert!(matches!(
            receipt::verify(&with_line(1, &as_extra(&edited.commit_note().seal())), &key),
            Err(ReceiptError::NotIncluded { seq: 4 })
        ));
        // Another index, a proof hash changed, the checkpoint's size changed.
        assert!(matches!(
            receipt::verify(&with_line(2, "index 4"), &key),
            Err(ReceiptError::NotIncluded { .. })
        ));
        let bent = b64.encode([9u8; 32]);
        assert!(matches!(
            receipt::verify(&with_line(3, &bent), &key),
            Err(ReceiptError::NotIncluded { .. })
        ));
        let size_line = lines.iter().position(|l| *l == n.to_string()).unwrap();
        assert!(matches!(
            receipt::verify(&with_line(size_line, &(n + 1).to_string()), &key),
            Err(ReceiptError::Checkpoint(_))
        ));
        // Another store's key, garbage, a huge line.
        assert!(receipt::verify(&text, &LogKey::generate().verifier()).is_err());
        for garbage in [
            "",
            "\n\n",
            "c2sp.org/tlog-proof@v1\n\n",
            &"A".repeat(1 << 20),
        ] {
            assert!(receipt::verify(garbage, &key).is_err());
        }
    });
}
