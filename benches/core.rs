//! Core benchmarks: import of demo bundles (with the face checks when the models are
//! installed, and queued only, their face checks handed over), decide throughput, export and audit of 100,000
//! decisions, the evidence packet of a six-image case. Run with `cargo bench --bench core`; figures are quoted in the issue notes.

mod common;

use chrono::Duration;
use common::{bare_case, now};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use vigil::accounts::{AccountChange, AccountName, Credential, Password, Role, Roles};
use vigil::export::{self, Format};
use vigil::import::{import_paths, import_paths_then};
use vigil::lifecycle::{DecisionRequest, Reasons, Verdict};
use vigil::policy::Policy;
use vigil::store::{SqliteStore, Store, TimeRange};
use vigil::taxonomy::ReasonCode;

const LOG_ENTRIES: u64 = 100_000;

fn cache_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-cache")
        .join(name)
}

fn request(i: u64, by: &Credential) -> DecisionRequest {
    let verdict = match i % 3 {
        0 => Verdict::Approve,
        1 => Verdict::Reject(Reasons::new([ReasonCode::VisibilityPoorImageQuality]).unwrap()),
        _ => Verdict::Escalate,
    };
    DecisionRequest {
        case_id: format!("B-{i:07}"),
        by: by.clone(),
        verdict,
        note: "benchmark decision".into(),
        handling_ms: Some(4200),
        despite_running_checks: false,
    }
}

/// A store with `n` cases and the reviewer `bench`, signed in as the window signs in: the
/// decisions are checked against a session, as the window's are, not a password each.
fn store_with_cases(dir: &Path, n: u64) -> (SqliteStore, Credential) {
    let mut s = SqliteStore::open(dir).unwrap();
    for i in 0..n {
        s.insert_case(&bare_case(i), now()).unwrap();
    }
    let password = Password::new_password("bench-password").unwrap();
    if s.accounts().unwrap().is_empty() {
        s.init_admin("admin", &password, now()).unwrap();
        let admin = Credential::Password {
            name: "admin".into(),
            password: password.clone(),
        };
        let bench = AccountChange::Create {
            name: AccountName::parse("bench").unwrap(),
            roles: Roles::of([Role::Reviewer]),
            password: password.clone(),
        };
        s.change_account(&admin, &bench, now()).unwrap();
    }
    let session = s.sign_in("bench", &password, now()).unwrap();
    (s, Credential::Session(session.token))
}

/// A store with 100,000 decisions, built once and kept under target/.
fn big_log() -> SqliteStore {
    let dir = cache_dir("log-100k");
    if let Ok(s) = SqliteStore::open(&dir) {
        let mut n = 0;
        s.for_each_entry(TimeRange::default(), &mut |_| {
            n += 1;
            Ok(())
        })
        .unwrap();
        // The two account entries, then the decisions.
        if n == LOG_ENTRIES + 2 {
            return s;
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!("building the 100,000-decision store once (slow: every decision is synced to disk)");
    let (mut s, by) = store_with_cases(&dir, LOG_ENTRIES);
    for i in 0..LOG_ENTRIES {
        s.decide(&request(i, &by), now() + Duration::milliseconds(i as i64))
            .unwrap();
    }
    s
}

fn import(c: &mut Criterion) {
    let demo = cache_dir("demo-200");
    if !demo.join("DEMO-3-0199").is_dir() {
        vigil::demo::write_demo(&demo, 200, 3).unwrap();
    }
    let policy = Policy::builtin();
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.throughput(Throughput::Elements(200));
    g.bench_function("200 demo bundles", |b| {
        b.iter_with_setup(
            || tempfile::tempdir().unwrap(),
            |tmp| {
                let mut store = SqliteStore::open(tmp.path()).unwrap();
                let r = import_paths(&mut store, &policy, std::slice::from_ref(&demo), now());
                assert_eq!(r.imported.len(), 200);
            },
        )
    });
    // What a reviewer waits for: each case queued, its face checks handed over (the window
    // runs them on a thread of their own), not run here.
    g.bench_function("200 demo bundles queued, face checks handed over", |b| {
        b.iter_with_setup(
            || tempfile::tempdir().unwrap(),
            |tmp| {
                let mut store = SqliteStore::open(tmp.path()).unwrap();
                let mut handed = 0;
                let r = import_paths_then(
                    &mut store,
                    &policy,
                    std::slice::from_ref(&demo),
                    now(),
                    &mut |_, pending| {
                        handed += pending.len();
                        Ok(())
                    },
                );
                assert_eq!(r.imported.len(), 200);
                black_box(handed);
            },
        )
    });
    g.finish();
}

fn decide(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, by) = store_with_cases(tmp.path(), 0);
    let mut next = 0u64;
    let mut g = c.benchmark_group("decide");
    g.throughput(Throughput::Elements(1));
    g.bench_function("one decision (synced)", |b| {
        b.iter_custom(|iters| {
            // Cases to decide are added outside the timed part.
            for i in next..next + iters {
                store.insert_case(&bare_case(i), now()).unwrap();
            }
            let start = std::time::Instant::now();
            for _ in 0..iters {
                store.decide(&request(next, &by), now()).unwrap();
                next += 1;
            }
            start.elapsed()
        })
    });
    g.finish();
}

fn log(c: &mut Criterion) {
    let store = big_log();
    let mut g = c.benchmark_group("log of 100,000 decisions");
    g.sample_size(10);
    g.throughput(Throughput::Elements(LOG_ENTRIES));
    g.bench_function("audit verify", |b| {
        b.iter(|| {
            let summary = store.verify_log(None).unwrap().unwrap();
            assert_eq!(summary.entries, LOG_ENTRIES + 2);
        })
    });
    g.bench_function("audit verify with every case and account replayed", |b| {
        b.iter(|| {
            assert!(store.audit(None, None, chrono::Utc::now()).unwrap().holds());
        })
    });
    g.bench_function("audit checkpoint (chain, Merkle tree and signature)", |b| {
        b.iter(|| {
            let (c, _note) = store.checkpoint().unwrap().unwrap();
            assert_eq!(c.size, LOG_ENTRIES + 2);
        })
    });
    let (checkpoint, _) = store.checkpoint().unwrap().unwrap();
    let log_key = store.log_key().unwrap();
    g.bench_function("sign one checkpoint (Ed25519)", |b| {
        b.iter(|| black_box(checkpoint.sign(&log_key)))
    });
    let exported = tempfile::tempdir().unwrap();
    let file = exported.path().join("log.jsonl");
    let key = store.log_key().unwrap().verifier();
    export::export_to_file(
        &store,
        TimeRange::default(),
        Format::Jsonl,
        &file,
        &mut |_| {},
    )
    .unwrap();
    g.bench_function("audit verify of a signed JSONL export, offline", |b| {
        b.iter(|| {
            let audit = vigil::export_audit::audit_file(&file, Some(&key), None, None).unwrap();
            assert_eq!(audit.chain.unwrap().entries, LOG_ENTRIES + 2);
        })
    });
    for format in [Format::Jsonl, Format::Csv] {
        g.bench_function(format!("export {format:?}"), |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(64 << 20);
                let n = export::export(&store, TimeRange::default(), format, &mut out).unwrap();
                assert_eq!(n.entries, LOG_ENTRIES + 2);
            })
        });
    }
    g.finish();
}

/// Purging 10,000 of the 100,000 decided cases (retention): each run on a fresh copy of the
/// store, the copy not timed.
fn purge(c: &mut Criterion) {
    let source = big_log();
    let dir = source.dir().to_path_buf();
    drop(source);
    let admin = Credential::Password {
        name: "admin".into(),
        password: Password::given("bench-password"),
    };
    // Every third decision is an escalation, which a purge leaves: 15,000 decided, 10,000 go.
    let rule = vigil::retention::PurgeRule {
        clients: vigil::retention::Clients::All,
        before: now() + Duration::milliseconds(15_000),
    };
    let mut g = c.benchmark_group("retention");
    g.sample_size(10);
    g.throughput(Throughput::Elements(10_000));
    g.bench_function("purge 10,000 of 100,000 decided cases", |b| {
        b.iter_batched(
            || {
                let tmp = tempfile::tempdir().unwrap();
                for f in ["vigil.db", "log.key"] {
                    std::fs::copy(dir.join(f), tmp.path().join(f)).unwrap();
                }
                let store = SqliteStore::open(tmp.path()).unwrap();
                (tmp, store)
            },
            |(tmp, mut store)| {
                let report = store
                    .purge(std::slice::from_ref(&rule), &admin, now())
                    .unwrap();
                assert_eq!(report.cases.len(), 10_000);
                (tmp, store)
            },
            criterion::BatchSize::PerIteration,
        )
    });
    g.finish();
}

/// `vigil stats` over a log of a million entries: a year of synthetic decisions by three
/// reviewers, read as a supervisor sees them (everyone's).
fn stats(c: &mut Criterion) {
    const ENTRIES: u64 = 1_000_000;
    let dir = cache_dir("log-1m-synthetic");
    let count = |dir: &Path| -> Option<i64> {
        rusqlite::Connection::open(dir.join("vigil.db"))
            .ok()?
            .query_row("SELECT COUNT(*) FROM decisions", [], |r| r.get(0))
            .ok()
    };
    if count(&dir) != Some(ENTRIES as i64 + 3) {
        let _ = std::fs::remove_dir_all(&dir);
        let (mut s, _) = store_with_cases(&dir, 0);
        let admin = Credential::Password {
            name: "admin".into(),
            password: Password::given("bench-password"),
        };
        let grant = AccountChange::Grant {
            name: "bench".into(),
            role: Role::Supervisor,
        };
        s.change_account(&admin, &grant, now()).unwrap();
        drop(s);
        common::synthetic_decisions(&dir.join("vigil.db"), ENTRIES, 365);
    }
    let (mut store, by) = store_with_cases(&dir, 0);
    let mut g = c.benchmark_group("statistics");
    g.sample_size(10);
    g.bench_function("stats of 1,000,000 log entries (a year, everyone's)", |b| {
        b.iter(|| {
            let s = store.stats(&by, TimeRange::default(), now()).unwrap();
            assert_eq!(s.total.decisions, ENTRIES);
            black_box(s)
        })
    });
}

/// One Argon2id verification, as a sign-in or a command-line decision pays it (the window
/// pays it once per sign-in, never per decision). Target: 50–250 ms on this machine.
fn password(c: &mut Criterion) {
    let p = Password::new_password("correct horse battery").unwrap();
    let hash = p.hash().unwrap();
    let mut g = c.benchmark_group("password");
    g.sample_size(10);
    g.bench_function("Argon2id verify", |b| b.iter(|| assert!(p.verify(&hash))));
    g.finish();
}

/// The evidence packet of a demo case with six images (document front and back, selfie,
/// three liveness frames), as an auditor writes it: recorded, decoded, laid out, encoded.
fn packet(c: &mut Criterion) {
    let demo = cache_dir("demo-packet");
    if !demo.is_dir() {
        vigil::demo::write_demo(&demo, 8, 1).unwrap();
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(tmp.path()).unwrap();
    import_paths(&mut store, &Policy::builtin(), &[demo], now());
    let password = Password::new_password("bench-password").unwrap();
    store.init_admin("admin", &password, now()).unwrap();
    let admin = Credential::Password {
        name: "admin".into(),
        password: password.clone(),
    };
    let auditor = AccountChange::Create {
        name: AccountName::parse("aud").unwrap(),
        roles: Roles::of([Role::Auditor]),
        password: password.clone(),
    };
    store.change_account(&admin, &auditor, now()).unwrap();
    let session = store.sign_in("aud", &password, now()).unwrap();
    let by = Credential::Session(session.token);
    let images = |store: &SqliteStore, id: &str| {
        let r = store.case(id).unwrap().unwrap();
        r.files.iter().filter(|f| f.sha256.is_some()).count()
    };
    let id = (0..8)
        .map(|i| format!("DEMO-1-{i:04}"))
        .find(|id| images(&store, id) == 6)
        .expect("a demo case with six images");
    let fonts = vigil::packet::Fonts::load().unwrap();
    let mut g = c.benchmark_group("packet");
    g.sample_size(10);
    g.bench_function("6-image case, English", |b| {
        b.iter(|| {
            let pdf =
                vigil::packet::make(&mut store, &id, &by, vigil::i18n::Lang::En, &fonts, now())
                    .unwrap();
            black_box(pdf.len())
        })
    });
    g.finish();
}

criterion_group!(benches, import, decide, log, purge, stats, password, packet);
criterion_main!(benches);
