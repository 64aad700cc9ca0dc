//! The shared store under a team's load, beside SQLite: eight workstations deciding at once
//! (decisions per second, p99 latency), "claim next" among 100,000 pending cases, and the time
//! from a change on one workstation to the notice on another. Run:
//! `cargo bench --bench shared_store` (starts its own PostgreSQL server, as the tests do).

mod common;
#[path = "../tests/suite/common/pg.rs"]
mod pg;

use chrono::Duration;
use common::{bare_case, now};
use std::sync::{Arc, Barrier};
use std::time::Instant;
use vigil::accounts::{AccountChange, AccountName, Credential, Password, Role, Roles};
use vigil::lifecycle::{DecisionRequest, Verdict};
use vigil::store::{AnyStore, InsertOutcome, Location, QueueKind};

const WRITERS: usize = 8;
const DECISIONS: usize = 800;
const PENDING: usize = 100_000;

/// A store with `cases` cases and `WRITERS` reviewers (passwords `bench-password`).
fn filled(place: &Location, cases: usize) -> AnyStore {
    let mut s = place.open().unwrap();
    for i in 0..cases {
        assert_eq!(
            s.insert_case(&bare_case(i as u64), now()).unwrap(),
            InsertOutcome::Inserted
        );
    }
    let password = Password::new_password("bench-password").unwrap();
    s.init_admin("admin", &password, now()).unwrap();
    let admin = Credential::Password {
        name: "admin".into(),
        password: password.clone(),
    };
    for w in 0..WRITERS {
        let change = AccountChange::Create {
            name: AccountName::parse(&format!("rev{w}")).unwrap(),
            roles: Roles::of([Role::Reviewer]),
            password: password.clone(),
        };
        s.change_account(&admin, &change, now()).unwrap();
    }
    s
}

fn percentile(v: &mut [std::time::Duration], p: f64) -> std::time::Duration {
    v.sort();
    v[((v.len() - 1) as f64 * p).round() as usize]
}

/// Eight threads, each its own connection and session, claiming the next case and deciding.
fn concurrent_decisions(place: &Location) {
    drop(filled(place, DECISIONS));
    let barrier = Arc::new(Barrier::new(WRITERS));
    let started = Instant::now();
    let handles: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (place, barrier) = (place.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut s = place.open().unwrap();
                let password = Password::given("bench-password");
                let session = s.sign_in(&format!("rev{w}"), &password, now()).unwrap();
                let by = Credential::Session(session.token);
                barrier.wait();
                let mut latencies = Vec::new();
                while let Some((id, _)) = s
                    .claim_next(QueueKind::Review, &by, now(), Duration::minutes(15))
                    .unwrap()
                {
                    let t = Instant::now();
                    s.decide(
                        &DecisionRequest {
                            case_id: id,
                            by: by.clone(),
                            verdict: Verdict::Approve,
                            note: String::new(),
                            handling_ms: Some(1),
                            despite_running_checks: false,
                        },
                        now(),
                    )
                    .unwrap();
                    latencies.push(t.elapsed());
                }
                latencies
            })
        })
        .collect();
    let mut all: Vec<_> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    let elapsed = started.elapsed();
    assert_eq!(all.len(), DECISIONS);
    println!(
        "  {WRITERS} writers, {DECISIONS} claim-next + decide: {:.0} decisions/s, decide p50 {:?}, p99 {:?}",
        DECISIONS as f64 / elapsed.as_secs_f64(),
        percentile(&mut all, 0.5),
        percentile(&mut all, 0.99)
    );
}

/// "Claim next" among 100,000 pending cases, each claim then released.
fn claim_next_among_many(place: &Location) {
    let mut s = filled(place, PENDING);
    let session = s
        .sign_in("rev0", &Password::given("bench-password"), now())
        .unwrap();
    let by = Credential::Session(session.token);
    let mut times = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        let (id, _) = s
            .claim_next(QueueKind::Review, &by, now(), Duration::minutes(15))
            .unwrap()
            .unwrap();
        times.push(t.elapsed());
        s.release(&id, &by, now()).unwrap();
    }
    println!(
        "  claim next among {PENDING} pending: median {:?}, p90 {:?}",
        percentile(&mut times, 0.5),
        percentile(&mut times, 0.9)
    );
}

/// From a claim committed on one connection to the notice on another.
fn notice_latency(url: &str) {
    let mut s = filled(&Location::Server(url.to_owned()), 50);
    let mut watch = vigil::store::ChangeWatch::connect(url).unwrap();
    let by = Credential::Session(
        s.sign_in("rev0", &Password::given("bench-password"), now())
            .unwrap()
            .token,
    );
    let mut times = Vec::new();
    for i in 0..50 {
        let id = format!("B-{i:07}");
        s.claim(&id, &by, now(), Duration::minutes(15)).unwrap();
        let t = Instant::now();
        assert!(watch.wait(std::time::Duration::from_secs(5)).unwrap());
        times.push(t.elapsed());
    }
    println!(
        "  notice of a claim on another connection: median {:?}, max {:?}",
        percentile(&mut times, 0.5),
        percentile(&mut times, 1.0)
    );
}

fn main() {
    let server = pg::server();
    for (name, fresh) in [("SQLite", false), ("PostgreSQL", true)] {
        println!("{name}:");
        let tmp = tempfile::tempdir().unwrap();
        let place = |sub: &str| {
            if fresh {
                Location::Server(server.fresh_database())
            } else {
                Location::Folder(tmp.path().join(sub))
            }
        };
        concurrent_decisions(&place("decide"));
        claim_next_among_many(&place("claim"));
    }
    println!("PostgreSQL LISTEN/NOTIFY:");
    notice_latency(&server.fresh_database());
}
