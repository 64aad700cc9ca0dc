//! One queue for many workstations: the PostgreSQL store under concurrent writers, and two
//! workstations (two processes, two data folders) sharing cases, images, claims and the log.

use crate::common::*;
use chrono::Duration;
use std::collections::HashSet;
use std::sync::{Arc, Barrier};
use vigil::import::import_paths;
use vigil::lifecycle::{DecisionRequest, Verdict};
use vigil::policy::Policy;
use vigil::store::{Location, QueueKind, QueueQuery};

/// Two workstations opening an empty database at the same moment both succeed: the
/// migrations run once, under the advisory lock.
#[test]
fn migrations_race_on_an_empty_database() {
    let place = Location::Server(pg::server().fresh_database());
    let barrier = Arc::new(Barrier::new(4));
    let opened: Vec<bool> = (0..4)
        .map(|_| {
            let (place, barrier) = (place.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                place.open().is_ok()
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|h| h.join().unwrap())
        .collect();
    assert_eq!(opened, [true; 4]);
}

/// Eight workstations (eight processes, each running `vigil claim --next` and `vigil decide`
/// in a loop) empty one queue of 200 at once: every case is decided exactly once, none is
/// lost, and the log is one unbroken chain.
#[test]
fn eight_processes_decide_two_hundred_cases_once_each() {
    const CASES: usize = 200;
    const WRITERS: usize = 8;
    let tmp = tempfile::tempdir().unwrap();
    let url = pg::server().fresh_database();
    let place = Location::Server(url.clone());
    let mut store = open(&place);
    for i in 0..CASES {
        checked_case(&mut *store, &format!("R-{i:03}"));
    }
    let names: Vec<String> = (0..WRITERS).map(|i| format!("rev{i}")).collect();
    let list: Vec<(&str, &[vigil::accounts::Role])> =
        names.iter().map(|n| (n.as_str(), REVIEWER)).collect();
    accounts(&mut *store, &list);

    let script = r#"
        while out=$("$VIGIL" --store "$URL" --as "$WHO" claim --next); do
            case "$out" in "no case"*) exit 0;; esac
            "$VIGIL" --store "$URL" --as "$WHO" decide "${out%% *}" --approve >/dev/null || exit 1
        done
        exit 2"#;
    let writers: Vec<std::process::Child> = names
        .iter()
        .map(|name| {
            std::process::Command::new("sh")
                .args(["-c", script])
                .env("VIGIL", env!("CARGO_BIN_EXE_vigil"))
                .env("URL", &url)
                .env("WHO", name)
                .env("VIGIL_PASSWORD", password_of(name))
                .env("VIGIL_DATA_DIR", tmp.path().join(name))
                .env("VIGIL_MODELS", tmp.path().join("no-models"))
                .env_remove("VIGIL_NEW_PASSWORD")
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut w in writers {
        assert!(w.wait().unwrap().success(), "a writer failed");
    }
    let decided = decisions(&*store);
    let unique: HashSet<&String> = decided.iter().map(|e| &e.submission_id).collect();
    assert_eq!(decided.len(), CASES, "every case decided once");
    assert_eq!(unique.len(), CASES);
    let by: HashSet<&String> = decided.iter().map(|e| &e.reviewer).collect();
    assert!(by.len() > 1, "the work was shared: {by:?}");
    let summary = store.verify_log(None).unwrap().unwrap();
    // The administrator, eight accounts, then 200 claims and 200 decisions, in one chain.
    assert_eq!(summary.entries as usize, 1 + WRITERS + 2 * CASES);
}

/// A second workstation, another process with another data folder, sees the first one's
/// cases, images, claims and decisions through the server.
#[test]
fn a_second_workstation_sees_the_first_ones_work() {
    let tmp = tempfile::tempdir().unwrap();
    let url = pg::server().fresh_database();
    write_bundle(&tmp.path().join("inbox"), "b", &submission("W-1"));
    write_bundle(&tmp.path().join("inbox"), "c", &submission("W-2"));
    let one = tmp.path().join("one");
    let two = tmp.path().join("two");
    let store_arg = ["--store", url.as_str()];
    let with = |data: &std::path::Path, args: &[&str], env: &[(&str, &str)]| {
        let mut all: Vec<&str> = store_arg.to_vec();
        all.extend_from_slice(args);
        run_vigil(data, &all, env)
    };
    let ok = |o: std::process::Output| {
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    ok(with(
        &one,
        &["import", tmp.path().join("inbox").to_str().unwrap()],
        &[],
    ));
    ok(with(
        &one,
        &["account", "init", ADMIN],
        &[("VIGIL_NEW_PASSWORD", &password_of(ADMIN))],
    ));
    for name in ["ana", "ben"] {
        ok(with(
            &one,
            &["--as", ADMIN, "account", "add", name, "--role", "reviewer"],
            &[
                ("VIGIL_PASSWORD", &password_of(ADMIN)),
                ("VIGIL_NEW_PASSWORD", &password_of(name)),
            ],
        ));
    }
    // Workstation one claims W-1; workstation two sees the claim and cannot take it.
    ok(with(
        &one,
        &["--as", "ana", "claim", "W-1"],
        &[("VIGIL_PASSWORD", &password_of("ana"))],
    ));
    let queue = ok(with(&two, &["queue"], &[]));
    assert!(queue.contains("in review: ana"), "{queue}");
    let taken = with(
        &two,
        &["--as", "ben", "claim", "W-1"],
        &[("VIGIL_PASSWORD", &password_of("ben"))],
    );
    assert_eq!(taken.status.code(), Some(1));
    // Two decides W-2; one sees it gone from the queue and in the log.
    ok(with(
        &two,
        &["--as", "ben", "decide", "W-2", "--approve"],
        &[("VIGIL_PASSWORD", &password_of("ben"))],
    ));
    let queue = ok(with(&one, &["queue", "--json"], &[]));
    let ids: Vec<String> = serde_json::from_str::<serde_json::Value>(&queue)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["W-1"]);
    let verify = ok(with(&one, &["audit", "verify"], &[]));
    // Three accounts, ana's claim and ben's decision.
    assert!(verify.contains("5 entries"), "{verify}");
    // The images are in the database: neither data folder holds them.
    for data in [&one, &two] {
        assert!(!data.join("blobs").exists(), "{}", data.display());
    }
    let place = Location::Server(url);
    let store = open(&place);
    let case = store.case("W-1").unwrap().unwrap();
    let front = case.files[0].sha256.clone().unwrap();
    let bytes = store.read_blob(&front).unwrap();
    assert_eq!(
        bytes,
        std::fs::read(tmp.path().join("inbox/b/front.jpg")).unwrap()
    );
    // A reading command on a database that holds no store says so, and creates none.
    let empty = pg::server().fresh_database();
    let missing = run_vigil(&one, &["--store", &empty, "queue"], &[]);
    assert_eq!(
        missing.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&missing.stderr)
    );
}

/// `store copy`: a workstation's store, decisions, claims, accounts and images included,
/// into an empty database, the same there; a second copy into it is refused.
#[test]
fn store_copy_moves_a_workstation_to_the_server() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    for i in 0..4 {
        write_bundle(&inbox, &format!("b{i}"), &submission(&format!("M-{i}")));
    }
    let local = Location::Folder(tmp.path().join("data"));
    let mut store = open(&local);
    import_paths(&mut *store, &Policy::builtin(), &[inbox], t(0));
    accounts(&mut *store, &[("ana", REVIEWER), ("eve", FRAUD)]);
    let decide = |s: &mut vigil::store::AnyStore, id: &str, who: &str, v: Verdict| {
        s.decide(
            &DecisionRequest {
                case_id: id.into(),
                by: cred(who),
                verdict: v,
                note: "copied".into(),
                handling_ms: Some(3),
                despite_running_checks: false,
            },
            t(30),
        )
        .unwrap()
    };
    decide(&mut store, "M-0", "ana", Verdict::Approve);
    decide(&mut store, "M-1", "ana", Verdict::Escalate);
    store
        .claim("M-2", &cred("ana"), t(40), Duration::minutes(15))
        .unwrap();
    // A case whose face checks found its portrait: copied with its hash and descriptor.
    let json = serde_json::to_vec(&submission("M-P")).unwrap();
    let front = vigil::store::CaseFile::named(vigil::hints::Slot::DocumentFront, "front.jpg");
    store
        .insert_case(
            &vigil::store::NewCase {
                submission: vigil::submission::Submission::parse(&json).unwrap(),
                fingerprint: "fp-M-P".into(),
                files: vec![front],
                hints: Vec::new(),
                policy: "builtin".into(),
                document_numbers: Vec::new(),
                checks_running: true,
                due_at: None,
            },
            t(0),
        )
        .unwrap();
    let portrait = vigil::checks::Portrait {
        hash: vigil::imaging::phash::ImageHash(0x0123_4567_89ab_cdef),
        region: [1, 2, 3, 4],
        descriptor: [0.25; 128],
    };
    assert!(store.complete_checks("M-P", &[], Some(&portrait)).unwrap());
    let head = store.verify_log(None).unwrap().unwrap();
    drop(store);

    let url = pg::server().fresh_database();
    let copy = run_vigil(
        &tmp.path().join("data"),
        &["store", "copy", "--to", &url],
        &[],
    );
    let out = String::from_utf8_lossy(&copy.stdout);
    assert_eq!(
        copy.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&copy.stderr)
    );
    assert!(
        out.contains("copied 5 cases") && out.contains("3 accounts"),
        "{out}"
    );
    assert!(out.contains(&head.head), "{out}");

    let mut server = open(&Location::Server(url.clone()));
    let local = open(&local);
    assert_eq!(server.verify_log(Some(&head.head)).unwrap().unwrap(), head);
    assert_eq!(log_entries(&*server), log_entries(&*local));
    let found = server.similar_images(portrait.hash, 0).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].case_id, "M-P");
    assert_eq!(found[0].descriptor.as_deref(), Some(&portrait.descriptor));
    for id in ["M-0", "M-1", "M-2", "M-3", "M-P"] {
        let (a, b) = (
            server.case(id).unwrap().unwrap(),
            local.case(id).unwrap().unwrap(),
        );
        for f in a.files.iter().filter_map(|f| f.sha256.as_deref()) {
            assert_eq!(server.read_blob(f).unwrap(), local.read_blob(f).unwrap());
        }
        assert_eq!(
            (a.status, a.claim, a.files, a.escalation, a.imported_at),
            (b.status, b.claim, b.files, b.escalation, b.imported_at),
            "{id}"
        );
    }
    assert_eq!(server.accounts().unwrap(), local.accounts().unwrap());
    // The same passwords work there, and the fraud queue carries on.
    let eve = session(&mut *server, "eve");
    assert!(server.case("M-1").unwrap().unwrap().escalation.is_some());
    server
        .decide(
            &DecisionRequest {
                case_id: "M-1".into(),
                by: eve,
                verdict: Verdict::Approve,
                note: String::new(),
                handling_ms: None,
                despite_running_checks: false,
            },
            t(50),
        )
        .unwrap();
    assert!(server.verify_log(Some(&head.head)).unwrap().is_ok());
    // A second copy into a store that is not empty is refused, and changes nothing.
    let again = run_vigil(
        &tmp.path().join("data"),
        &["store", "copy", "--to", &url],
        &[],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
    assert_eq!(
        server.verify_log(None).unwrap().unwrap().entries,
        head.entries + 1
    );
}

/// A window's watch hears a claim made on another workstation.
#[test]
fn a_claim_elsewhere_is_announced() {
    let tmp = tempfile::tempdir().unwrap();
    write_bundle(&tmp.path().join("inbox"), "b", &submission("N-1"));
    let url = pg::server().fresh_database();
    let place = Location::Server(url.clone());
    let mut store = open(&place);
    import_paths(
        &mut *store,
        &Policy::builtin(),
        &[tmp.path().join("inbox")],
        t(0),
    );
    accounts(&mut *store, &[("ana", REVIEWER)]);
    let mut watch = vigil::store::ChangeWatch::connect(&url).unwrap();
    // Quiet: nothing changed since the watch began.
    assert!(!watch.wait(std::time::Duration::from_millis(200)).unwrap());
    let started = std::time::Instant::now();
    store
        .claim("N-1", &cred("ana"), t(5), Duration::minutes(5))
        .unwrap();
    assert!(watch.wait(std::time::Duration::from_secs(10)).unwrap());
    eprintln!("claim announced after {:?}", started.elapsed());
}

/// The server drops the workstation's connection (a restart, a cut) while the reviewer looks
/// at a case: the next call finds it gone, connects again and carries on.
#[test]
fn a_dropped_connection_is_opened_again() {
    let tmp = tempfile::tempdir().unwrap();
    write_bundle(&tmp.path().join("inbox"), "b", &submission("D-1"));
    let url = pg::server().fresh_database();
    let place = Location::Server(url.clone());
    let mut store = open(&place);
    import_paths(
        &mut *store,
        &Policy::builtin(),
        &[tmp.path().join("inbox")],
        t(0),
    );
    accounts(&mut *store, &[("ana", REVIEWER)]);
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let cut = admin
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
            &[],
        )
        .unwrap();
    assert!(cut >= 1);
    let queue = QueueQuery {
        kind: QueueKind::Review,
        limit: None,
        now: t(1),
    };
    // Right away, the call meets the dead connection: told apart as "cannot be reached",
    // which the window waits out and retries (a refusal it would not).
    if let Err(e) = store.queue(&queue) {
        assert!(
            matches!(e, vigil::store::StoreError::Unavailable(_)),
            "{e:?}"
        );
    }
    std::thread::sleep(std::time::Duration::from_millis(1200));
    assert_eq!(store.queue(&queue).unwrap().len(), 1);
    store
        .claim("D-1", &cred("ana"), t(2), Duration::minutes(5))
        .unwrap();
}

/// A workstation killed (-9) while deciding: the store and the chain stay intact, each case
/// is decided once or not at all, and a claim the dead process held expires.
#[test]
fn a_deciding_process_killed_midway_leaves_everything_intact() {
    use std::os::unix::process::CommandExt;
    const CASES: usize = 12;
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    for i in 0..CASES {
        write_bundle(
            &inbox,
            &format!("b{i:02}"),
            &submission(&format!("K-{i:02}")),
        );
    }
    let url = pg::server().fresh_database();
    let place = Location::Server(url.clone());
    let mut store = open(&place);
    import_paths(&mut *store, &Policy::builtin(), &[inbox], t(0));
    accounts(&mut *store, &[("ana", REVIEWER), ("ben", REVIEWER)]);
    // A script deciding one case after another, each a claim and a decision of its own.
    let ids: Vec<String> = (0..CASES).map(|i| format!("K-{i:02}")).collect();
    let script = r#"for id in "$@"; do "$VIGIL" --store "$URL" --as ana claim "$id" && "$VIGIL" --store "$URL" --as ana decide "$id" --approve; done"#;
    let mut child = std::process::Command::new("sh")
        .args(["-c", script, "decider"])
        .args(&ids)
        .env("VIGIL", env!("CARGO_BIN_EXE_vigil"))
        .env("URL", &url)
        .env("VIGIL_PASSWORD", password_of("ana"))
        .env("VIGIL_DATA_DIR", tmp.path().join("ws"))
        .env("VIGIL_MODELS", tmp.path().join("no-models"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .process_group(0)
        .spawn()
        .unwrap();
    // Kill the whole group (the script and the vigil it runs) in the middle of the work.
    let started = std::time::Instant::now();
    while decisions(&*store).len() < 2 && started.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(150));
    // SAFETY: kill(2) on the child's own process group; no memory is involved.
    unsafe { libc::kill(-(child.id() as i32), libc::SIGKILL) };
    let _ = child.wait();

    let decided = decisions(&*store);
    assert!(
        !decided.is_empty() && decided.len() < CASES,
        "{}",
        decided.len()
    );
    assert!(
        store.verify_log(None).unwrap().is_ok(),
        "the chain is intact"
    );
    let mut seen = std::collections::HashSet::new();
    for e in &decided {
        assert!(
            seen.insert(e.submission_id.clone()),
            "{} decided twice",
            e.submission_id
        );
        assert_eq!(
            store.case(&e.submission_id).unwrap().unwrap().status.code(),
            "approved"
        );
    }
    // Every other case is still pending; a claim left behind ends with its lease, and then
    // another reviewer takes the oldest case nobody holds.
    let later = chrono::Utc::now() + Duration::minutes(16);
    let pending: Vec<String> = ids.iter().filter(|i| !seen.contains(*i)).cloned().collect();
    for id in &pending {
        let c = store.case(id).unwrap().unwrap();
        assert_eq!(c.status.code(), "pending", "{id}");
        assert!(c.claim.is_none_or(|l| l.lease_until < later), "{id}");
    }
    let (next, _) = store
        .claim_next(QueueKind::Review, &cred("ben"), later, Duration::minutes(5))
        .unwrap()
        .unwrap();
    assert_eq!(next, pending[0]);
}
