//! The background side of the window: one thread owns the store, and decoding runs on the
//! rayon pool. The UI thread only sends commands and reads events; it never waits.

use super::evidence::{self, CaseImages};
use crate::access_log::Access;
use crate::accounts::{
    Account, AccountChange, AuthError, Credential, Password, Session, SessionToken,
};
use crate::decision_log::LogEntry;
use crate::export::{self, Format};
use crate::hints::{Hint, HintCode, Slot};
use crate::import::{self, PendingChecks};
use crate::lifecycle::{Claim, DecisionRefused, DecisionRequest};
use crate::policy::Policy;
use crate::store::{
    AnyStore, CaseFile, CaseRecord, CaseSummary, Location, QueueKind, QueueQuery, Store,
    StoreError, TimeRange,
};
use chrono::Utc;
use eframe::egui;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, SyncSender, channel, sync_channel};
use std::time::{Duration, Instant};

/// How long a claim lasts without renewal; the window renews it while the case is open.
pub const LEASE: chrono::Duration = chrono::Duration::minutes(15);

pub enum Command {
    LoadQueue(QueueKind),
    /// Decode a case's images for display (prefetch); does not claim it.
    Prepare(String),
    /// Record that the account opens a case read-only (the access log), then prepare it.
    Open {
        id: String,
        by: Credential,
    },
    Claim {
        id: String,
        by: Credential,
    },
    Release {
        id: String,
        by: Credential,
    },
    Decide(DecisionRequest),
    /// A supervisor reopens a decided case, for a reason.
    Reopen {
        id: String,
        reason: String,
        by: Credential,
    },
    /// Whether the store has accounts and is a demo store.
    LoadStoreInfo,
    /// Checked on a thread of its own (with `LoadAccounts`): a password costs ~0.1 s and the
    /// store thread may be busy importing.
    SignIn {
        name: String,
        password: Password,
    },
    SignOut(SessionToken),
    LoadAccounts,
    ChangeAccount {
        by: Credential,
        change: AccountChange,
    },
    LoadLog,
    /// The statistics of a period, as the account may see them.
    LoadStats {
        by: Credential,
        range: TimeRange,
        /// The request's number, said back with the figures.
        asked: u64,
    },
    Export {
        path: PathBuf,
        format: Format,
        by: Credential,
    },
    Verify,
    LoadDemo,
    /// Reads a case's hints again: its checks finished on another workstation.
    LoadHints(String),
    /// The QA queue the account may review blind, and (`report`) the agreement report.
    LoadQa {
        by: Credential,
        queue: bool,
        report: bool,
        /// The request's number, said back with the answer.
        asked: u64,
    },
    /// Record that the account opens a case for its blind second review, then prepare it
    /// without its log.
    OpenForQa {
        id: String,
        by: Credential,
    },
    /// An auditor's evidence packet of case `id`, in `lang`, written to `path`.
    Packet {
        id: String,
        path: PathBuf,
        by: Credential,
        lang: crate::i18n::Lang,
    },
    /// A blind second review; `epoch` is said back.
    QaReview {
        request: DecisionRequest,
        epoch: u64,
    },
    /// A supervisor samples decided cases for blind QA, at `rate` or each client's policy
    /// rate.
    QaSample {
        by: Credential,
        rate: Option<crate::qa::QaRate>,
        epoch: u64,
    },
}

pub enum Event {
    Queue {
        kind: QueueKind,
        rows: Vec<CaseSummary>,
    },
    Prepared(Box<PreparedCase>),
    PrepareFailed {
        id: String,
        error: String,
    },
    Claimed {
        id: String,
        claim: Claim,
    },
    ClaimRefused {
        id: String,
        reason: String,
    },
    Decided(Box<LogEntry>),
    DecisionFailed {
        id: String,
        reason: String,
    },
    Reopened(Box<LogEntry>),
    ReopenFailed {
        id: String,
        reason: String,
    },
    StoreInfo {
        has_accounts: bool,
        demo: bool,
    },
    SignedIn(Session),
    SignInFailed(String),
    /// The store no longer knows the window's session (expired, account disabled, password
    /// reset): the window signs out and says why.
    SessionEnded(String),
    Accounts(Vec<Account>),
    AccountChanged(Box<LogEntry>),
    AccountChangeFailed(String),
    /// Cases changed on another workstation (or the watch is down and this is a poll).
    QueueChanged,
    /// Whether the team's server is reachable for the live queue, said in the status bar.
    Connection(Result<(), String>),
    Log(Vec<LogEntry>),
    ExportProgress {
        done: u64,
        total: u64,
    },
    Exported {
        path: PathBuf,
        count: u64,
    },
    ExportFailed(String),
    Verified(Result<crate::store::Audit, String>),
    Stats {
        asked: u64,
        shown: Result<Box<super::stats_view::Shown>, String>,
    },
    /// Cases of the demo imported so far, while it loads.
    DemoProgress {
        imported: usize,
    },
    DemoLoaded {
        imported: usize,
    },
    Qa {
        asked: u64,
        queue: Option<Result<Vec<crate::qa::Queued>, String>>,
        report: Option<Result<Box<crate::agreement::QaReport>, String>>,
    },
    /// An evidence packet written (where), or why not.
    Packet {
        id: String,
        result: Result<PathBuf, String>,
    },
    /// A sample for blind QA taken: how many of how many cases, or why not.
    QaSampled {
        epoch: u64,
        result: Result<(usize, usize), String>,
    },
    /// A blind second review recorded (its entry number), or why not.
    QaReviewed {
        epoch: u64,
        id: String,
        result: Result<u64, String>,
    },
    /// A case's slower checks finished: its whole list of hints.
    ChecksDone {
        id: String,
        hints: Vec<Hint>,
    },
    Failed(String),
}

/// A case ready to be shown: its record and its decoded images, textures uploaded.
pub struct PreparedCase {
    pub record: CaseRecord,
    pub images: CaseImages,
    /// Every earlier log entry of the case, oldest first (none for a blind QA review).
    pub history: Vec<LogEntry>,
    /// The status now of each other case the hints name (frozen in the hint at import).
    pub related: Vec<(String, &'static str)>,
    pub opening: Opening,
}

/// What a case was prepared for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// Ahead of review (prefetched): nothing is recorded until it is claimed.
    Ahead,
    /// A read-only opening the log recorded (`Command::Open`): only such a case goes on
    /// the read-only case screen.
    ReadOnly,
    /// A blind second review the log recorded (`Command::OpenForQa`): without the case's
    /// log or escalation, which would tell its decision.
    BlindQa,
}

pub struct Worker {
    commands: Sender<Command>,
    sign_ins: Sender<Command>,
    pub events: Receiver<Event>,
    store: Option<std::thread::JoinHandle<()>>,
}

impl Worker {
    /// Starts the store thread on `location`, and a second thread with its own connection
    /// for sign-ins. Events wake the UI through `ctx`.
    pub fn start(location: Location, policy: Policy, ctx: egui::Context) -> Worker {
        let (commands, rx) = channel::<Command>();
        let (sign_ins, sign_in_rx) = channel::<Command>();
        let (tx, events) = channel::<Event>();
        let outbox = || Outbox {
            tx: tx.clone(),
            ctx: ctx.clone(),
        };
        if let Location::Server(url) = &location {
            let (url, out) = (url.clone(), outbox());
            std::thread::Builder::new()
                .name("vigil-watch".into())
                .spawn(move || watch_thread(&url, &out))
                .ok();
        }
        let (place, out) = (location.clone(), outbox());
        std::thread::Builder::new()
            .name("vigil-sign-in".into())
            .spawn(move || sign_in_thread(&place, &out, sign_in_rx))
            .ok();
        let (checks, checks_rx) = sync_channel::<Vec<PendingChecks>>(CHECKS_AHEAD);
        let (place, out, rules) = (location.clone(), outbox(), policy.clone());
        std::thread::Builder::new()
            .name("vigil-checks".into())
            .spawn(move || checks_thread(&place, &rules, &out, checks_rx))
            .ok();
        let store = std::thread::Builder::new()
            .name("vigil-store".into())
            .spawn(move || run(location, policy, checks, ctx, rx, tx))
            .ok();
        Worker {
            commands,
            sign_ins,
            events,
            store,
        }
    }

    /// Lets the store thread carry out what it was sent (a decision sent as the window
    /// closes among it), waiting at most `within`.
    pub fn finish(self, within: Duration) {
        let Worker {
            commands, store, ..
        } = self;
        // Without a sender the thread's queue ends once drained.
        drop(commands);
        let Some(store) = store else { return };
        let deadline = Instant::now() + within;
        while !store.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn send(&self, c: Command) {
        // If a store thread is gone, the next event poll reports it.
        let _ = match c {
            Command::SignIn { .. } | Command::LoadAccounts => self.sign_ins.send(c),
            c => self.commands.send(c),
        };
    }
}

/// Batches of face checks the intake may hand over before it waits for the checks thread.
const CHECKS_AHEAD: usize = 8;

/// How often the checks thread looks for checks left running elsewhere.
const STALE_POLL: Duration = Duration::from_secs(60);

/// Runs the face checks of cases the intake stored, on its own connection to the store, and
/// first those an earlier import left running; each case's hints are sent as they are added.
fn checks_thread(
    location: &Location,
    policy: &Policy,
    out: &Outbox,
    rx: Receiver<Vec<PendingChecks>>,
) {
    let mut store = match location.open() {
        Ok(s) => s,
        Err(e) => {
            out.send(Event::Failed(format!(
                "the face checks cannot open the store: {e}"
            )));
            return;
        }
    };
    // Checks an import left running (stopped, or a window closed before they finished) are
    // run again once stale: at the start, then whenever a minute passes without intake.
    let rerun_stale =
        |store: &mut AnyStore| match import::rerun_stale_checks(&mut **store, policy, Utc::now()) {
            Ok(0) => {}
            Ok(_) => out.send(Event::QueueChanged),
            Err(e) => out.send(Event::Failed(format!("finishing earlier face checks: {e}"))),
        };
    rerun_stale(&mut store);
    loop {
        let batch = match rx.recv_timeout(STALE_POLL) {
            Ok(batch) => batch,
            Err(RecvTimeoutError::Timeout) => {
                rerun_stale(&mut store);
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        for p in batch {
            let done = p.run();
            let id = done.case_id.clone();
            match done.record(&mut *store) {
                Ok(_) => send_hints(&*store, out, &id),
                Err(e) => out.send(Event::Failed(format!(
                    "adding the face checks of {id}: {e}"
                ))),
            }
        }
        out.send(Event::QueueChanged);
    }
}

/// Sends case `id`'s hints as stored, once its checks are done.
fn send_hints(store: &dyn Store, out: &Outbox, id: &str) {
    match store.case(id) {
        Ok(Some(r)) if !r.checks_running => out.send(Event::ChecksDone {
            id: id.to_owned(),
            hints: r.hints,
        }),
        Ok(_) => {}
        Err(e) => out.send(Event::Failed(format!("reading the hints of {id}: {e}"))),
    }
}

/// Checks passwords and opens sessions, on its own connection to the store.
fn sign_in_thread(location: &Location, out: &Outbox, rx: Receiver<Command>) {
    let mut store: Option<AnyStore> = None;
    while let Ok(cmd) = rx.recv() {
        if store.is_none() {
            store = location.open().ok();
        }
        let Some(s) = store.as_mut() else {
            out.send(Event::Failed(format!("cannot open the store {location}")));
            continue;
        };
        match cmd {
            Command::SignIn { name, password } => {
                out.send(match s.sign_in(&name, &password, Utc::now()) {
                    Ok(session) => Event::SignedIn(session),
                    Err(e) => Event::SignInFailed(e.to_string()),
                })
            }
            Command::LoadAccounts => match s.accounts() {
                Ok(a) => out.send(Event::Accounts(a)),
                Err(e) => out.send(Event::Failed(format!("loading the accounts: {e}"))),
            },
            _ => {}
        }
    }
}

/// How often the queue is reloaded while the server's notices cannot be heard.
const POLL: std::time::Duration = std::time::Duration::from_secs(2);

/// Listens for cases changed on other workstations and tells the window; when the
/// connection drops, says so, polls instead, and reconnects.
fn watch_thread(url: &str, out: &Outbox) {
    let mut watch: Option<crate::store::ChangeWatch> = None;
    loop {
        match watch.as_mut() {
            None => match crate::store::ChangeWatch::connect(url) {
                Ok(w) => {
                    watch = Some(w);
                    out.send(Event::Connection(Ok(())));
                    // Whatever changed while nobody listened.
                    out.send(Event::QueueChanged);
                }
                Err(e) => {
                    out.send(Event::Connection(Err(e.to_string())));
                    out.send(Event::QueueChanged);
                    std::thread::sleep(POLL);
                }
            },
            Some(w) => match w.wait(std::time::Duration::from_secs(30)) {
                Ok(true) => out.send(Event::QueueChanged),
                Ok(false) => {}
                Err(_) => watch = None,
            },
        }
    }
}

/// How long a decision waits for the server to come back before it is reported unrecorded.
const DECISION_PATIENCE: std::time::Duration = std::time::Duration::from_secs(120);

/// Records a decision, also across a lost connection: while the server cannot be reached,
/// waits and tries again, and before each new try looks in the case's log for the entry an
/// earlier try may have committed (the commit of a call cut off midway is unknown), so the
/// decision is recorded once.
fn decide_surely(
    store: &mut AnyStore,
    out: &Outbox,
    req: &DecisionRequest,
    now: chrono::DateTime<Utc>,
) -> Result<LogEntry, StoreError> {
    let started = std::time::Instant::now();
    let mut result = store.decide(req, now);
    while let Err(StoreError::Unavailable(why)) = &result {
        if started.elapsed() > DECISION_PATIENCE {
            break;
        }
        out.send(Event::Connection(Err(why.clone())));
        std::thread::sleep(POLL);
        result = match store.case_entries(&req.case_id) {
            Ok(entries) => match entries.into_iter().find(|e| same_decision(e, req, now)) {
                Some(committed) => Ok(committed),
                None => store.decide(req, now),
            },
            Err(e) => Err(e),
        };
        if result.is_ok() {
            out.send(Event::Connection(Ok(())));
        }
    }
    result
}

/// Whether `e` is the entry `req`, decided at `now`, would have written.
fn same_decision(e: &LogEntry, req: &DecisionRequest, now: chrono::DateTime<Utc>) -> bool {
    use crate::decision_log::timestamp;
    e.kind == crate::decision_log::EntryKind::Decision
        && e.submission_id == req.case_id
        && timestamp(e.decided_at) == timestamp(now)
        && e.note == req.note
        && e.handling_ms == req.handling_ms.unwrap_or(e.handling_ms)
}

/// Whether a refusal means the window's session is over.
fn session_ended(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::Refused(DecisionRefused::NotAllowed(AuthError::SessionEnded))
    )
}

#[derive(Clone)]
struct Outbox {
    tx: Sender<Event>,
    ctx: egui::Context,
}

impl Outbox {
    fn send(&self, e: Event) {
        let _ = self.tx.send(e);
        self.ctx.request_repaint();
    }
}

fn run(
    location: Location,
    policy: Policy,
    checks: SyncSender<Vec<PendingChecks>>,
    ctx: egui::Context,
    rx: Receiver<Command>,
    tx: Sender<Event>,
) {
    let out = Outbox { tx, ctx };
    let mut store = match location.open() {
        Ok(s) => s,
        Err(e) => {
            out.send(Event::Failed(format!(
                "cannot open the store {location}: {e}"
            )));
            return;
        }
    };
    // Whether the demo is being loaded: a second request meanwhile is the same demo.
    let intake = Arc::new(AtomicBool::new(false));
    let place = Place {
        location,
        policy,
        intake,
        checks,
    };
    while let Ok(cmd) = rx.recv() {
        handle(&mut store, &place, &out, cmd);
    }
}

/// What the store thread knows besides its connection.
struct Place {
    location: Location,
    policy: Policy,
    intake: Arc<AtomicBool>,
    /// Where the intake hands the face checks of the cases it stored.
    checks: SyncSender<Vec<PendingChecks>>,
}

fn handle(store: &mut AnyStore, place: &Place, out: &Outbox, cmd: Command) {
    let policy = &place.policy;
    let now = Utc::now();
    match cmd {
        Command::LoadQueue(kind) => match store.queue(&QueueQuery {
            kind,
            limit: None,
            now,
        }) {
            Ok(rows) => out.send(Event::Queue { kind, rows }),
            Err(e) => out.send(Event::Failed(format!("loading the queue: {e}"))),
        },
        Command::Prepare(id) => prepare(store, policy, out, id, Opening::Ahead),
        Command::Open { id, by } => open(store, policy, out, id, by, Opening::ReadOnly),
        Command::OpenForQa { id, by } => open(store, policy, out, id, by, Opening::BlindQa),
        Command::LoadQa {
            by,
            queue,
            report,
            asked,
        } => {
            let queue = queue.then(|| store.qa_queue(&by, now));
            if let Some(Err(e)) = &queue
                && session_ended(e)
            {
                return out.send(Event::SessionEnded(e.to_string()));
            }
            let report = report.then(|| {
                store
                    .qa_report(&by, now)
                    .map(Box::new)
                    .map_err(|e| e.to_string())
            });
            out.send(Event::Qa {
                asked,
                queue: queue.map(|q| q.map_err(|e| e.to_string())),
                report,
            });
        }
        Command::Packet { id, path, by, lang } => {
            // Asked before the packet is recorded: no record for a file never written.
            let written = export::writable(&path)
                .map_err(|e| e.to_string())
                .and_then(|()| crate::packet::Fonts::load().map_err(|e| e.to_string()))
                .and_then(|fonts| {
                    crate::packet::make(&mut **store, &id, &by, lang, &fonts, now)
                        .map_err(|e| e.to_string())
                })
                .and_then(|pdf| {
                    export::write_atomically(&path, &mut |w| Ok(w.write_all(&pdf)?))
                        .map_err(|e| e.to_string())
                });
            out.send(Event::Packet {
                id,
                result: written.map(|()| path),
            });
        }
        Command::QaSample { by, rate, epoch } => {
            let rate_of = |client: &str| policy.for_client(client).qa_rate;
            let seed = crate::qa::fresh_seed();
            let result = store.qa_sample(rate, &rate_of, seed, &by, now);
            if let Err(e) = &result
                && session_ended(e)
            {
                out.send(Event::SessionEnded(e.to_string()));
            }
            out.send(Event::QaSampled {
                epoch,
                result: result
                    .map(|s| (s.sampled.len(), s.considered))
                    .map_err(|e| e.to_string()),
            });
        }
        Command::QaReview {
            request: req,
            epoch,
        } => {
            let result = store.qa_review(&req, now);
            if let Err(e) = &result
                && session_ended(e)
            {
                out.send(Event::SessionEnded(e.to_string()));
            }
            out.send(Event::QaReviewed {
                epoch,
                id: req.case_id,
                result: result.map(|e| e.seq).map_err(|e| e.to_string()),
            });
        }
        Command::Claim { id, by } => match store.claim(&id, &by, now, LEASE) {
            Ok(claim) => out.send(Event::Claimed { id, claim }),
            Err(e) if session_ended(&e) => out.send(Event::SessionEnded(e.to_string())),
            Err(e) => out.send(Event::ClaimRefused {
                id,
                reason: e.to_string(),
            }),
        },
        Command::Release { id, by } => match store.release(&id, &by, now) {
            Ok(_) => {}
            Err(e) if session_ended(&e) => out.send(Event::SessionEnded(e.to_string())),
            Err(e) => out.send(Event::Failed(format!("releasing {id}: {e}"))),
        },
        Command::Decide(req) => match decide_surely(store, out, &req, now) {
            Ok(entry) => out.send(Event::Decided(Box::new(entry))),
            Err(e) => {
                let ended = session_ended(&e);
                out.send(Event::DecisionFailed {
                    id: req.case_id,
                    reason: e.to_string(),
                });
                if ended {
                    out.send(Event::SessionEnded(e.to_string()));
                }
            }
        },
        Command::Reopen { id, reason, by } => match store.reopen(&id, &reason, &by, now) {
            Ok(entry) => out.send(Event::Reopened(Box::new(entry))),
            Err(e) if session_ended(&e) => out.send(Event::SessionEnded(e.to_string())),
            Err(e) => out.send(Event::ReopenFailed {
                id,
                reason: e.to_string(),
            }),
        },
        Command::LoadStoreInfo => send_store_info(store, out),
        Command::SignOut(token) => {
            if let Err(e) = store.sign_out(&token) {
                out.send(Event::Failed(format!("signing out: {e}")));
            }
        }
        // Sign-ins and account lists go to their own thread (`Worker::send`).
        Command::SignIn { .. } | Command::LoadAccounts => {}
        Command::ChangeAccount { by, change } => {
            match store.change_account(&by, &change, now) {
                Ok(entry) => out.send(Event::AccountChanged(Box::new(entry))),
                Err(e) if session_ended(&e) => out.send(Event::SessionEnded(e.to_string())),
                Err(e) => out.send(Event::AccountChangeFailed(e.to_string())),
            }
            if let Ok(a) = store.accounts() {
                out.send(Event::Accounts(a));
            }
        }
        Command::LoadLog => {
            let mut entries = Vec::new();
            let r = store.for_each_entry(TimeRange::default(), &mut |row| {
                if let Ok(e) = row {
                    entries.push(e);
                }
                Ok(())
            });
            match r {
                Ok(()) => out.send(Event::Log(entries)),
                Err(e) => out.send(Event::Failed(format!("reading the decision log: {e}"))),
            }
        }
        Command::Export { path, format, by } => export_to(store, out, &by, path, format),
        Command::LoadStats { by, range, asked } => match store.stats(&by, range, now) {
            // The plots are prepared here too: the window only draws.
            Ok(stats) => out.send(Event::Stats {
                asked,
                shown: Ok(Box::new(super::stats_view::Shown::new(stats))),
            }),
            Err(e) if session_ended(&e) => out.send(Event::SessionEnded(e.to_string())),
            Err(e) => out.send(Event::Stats {
                asked,
                shown: Err(e.to_string()),
            }),
        },
        Command::Verify => out.send(Event::Verified(
            store.audit(None, None, now).map_err(|e| e.to_string()),
        )),
        Command::LoadDemo => {
            // The demo is drawn and imported on a thread of its own, with its own connection:
            // claims, decisions and queue loads never wait behind it.
            if place.intake.swap(true, Ordering::SeqCst) {
                return;
            }
            let (location, policy) = (place.location.clone(), place.policy.clone());
            let (running, intake) = (Arc::clone(&place.intake), out.clone());
            let checks = place.checks.clone();
            let spawned = std::thread::Builder::new()
                .name("vigil-intake".into())
                .spawn(move || {
                    let loaded = load_demo(&location, &policy, &checks, &intake);
                    running.store(false, Ordering::SeqCst);
                    intake.send(match loaded {
                        Ok(imported) => Event::DemoLoaded { imported },
                        Err(e) => Event::Failed(format!("loading the demo queue: {e}")),
                    })
                });
            if let Err(e) = spawned {
                place.intake.store(false, Ordering::SeqCst);
                out.send(Event::Failed(format!("loading the demo queue: {e}")));
            }
        }
        Command::LoadHints(id) => send_hints(&**store, out, &id),
    }
}

/// Cases of the demo written and imported at a time, after the first one alone: the first
/// case is on screen within about a second, and each later one is imported after the earlier
/// cases its history and reuse hints refer to.
const DEMO_STEP: u32 = 4;

/// Writes and imports the demo queue a few cases at a time, saying how many are in; the
/// demo's accounts are made once the first case is in (hashing their passwords takes most of
/// a second), so that a newcomer signs in while the rest arrive.
fn load_demo(
    location: &Location,
    policy: &Policy,
    checks: &SyncSender<Vec<PendingChecks>>,
    out: &Outbox,
) -> Result<usize, String> {
    let mut store = location.open().map_err(|e| e.to_string())?;
    // Checked before any case is in, not when the face-mismatch case is drawn: a damaged
    // photo stops the demo whole, not part-way.
    crate::demo::stranger_photo().map_err(|e| e.to_string())?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let total = crate::demo::FULL_COVERAGE_COUNT;
    let steps = std::iter::once(0..1.min(total)).chain(
        (1..total)
            .step_by(DEMO_STEP as usize)
            .map(|start| start..(start + DEMO_STEP).min(total)),
    );
    let mut imported = 0;
    for (n, cases) in steps.enumerate() {
        let bundles =
            crate::demo::write_demo_cases(dir.path(), cases, 1).map_err(|e| e.to_string())?;
        // Each case is queued as soon as it is stored; its face checks go to their thread.
        let r = import::import_paths_then(
            &mut *store,
            policy,
            &bundles,
            Utc::now(),
            &mut |_, pending| {
                checks
                    .send(pending)
                    .map_err(|_| StoreError::Database("the face checks thread has stopped".into()))
            },
        );
        if let Some(why) = r.aborted {
            return Err(why);
        }
        imported += r.imported.len();
        out.send(Event::DemoProgress { imported });
        if n == 0 {
            crate::demo::create_demo_accounts(&mut *store, Utc::now())
                .map_err(|e| format!("creating the demo accounts: {e}"))?;
            send_store_info(&store, out);
        }
    }
    Ok(imported)
}

fn send_store_info(store: &AnyStore, out: &Outbox) {
    match store.accounts().and_then(|a| Ok((a, store.is_demo()?))) {
        Ok((accounts, demo)) => out.send(Event::StoreInfo {
            has_accounts: !accounts.is_empty(),
            demo,
        }),
        Err(e) => out.send(Event::Failed(format!("reading the accounts: {e}"))),
    }
}

/// Exports through the atomic file writer, reporting progress as it goes.
fn export_to(store: &mut AnyStore, out: &Outbox, by: &Credential, path: PathBuf, format: Format) {
    let mut total = 0u64;
    let _ = store.for_each_entry(TimeRange::default(), &mut |_| {
        total += 1;
        Ok(())
    });
    let mut progress = |done| out.send(Event::ExportProgress { done, total });
    match export::export_recorded(
        &mut **store,
        by,
        TimeRange::default(),
        format,
        &path,
        &mut progress,
    ) {
        Ok((exported, _)) => out.send(Event::Exported {
            path,
            count: exported.entries,
        }),
        Err(e) => out.send(Event::ExportFailed(e.to_string())),
    }
}

/// Reads case `id` and decodes its images on the pool, for display: `Event::Prepared`;
/// `opened` when its read-only opening was recorded first.
/// Records that the account opens case `id` (the access log), then prepares it: nothing is
/// shown that the log does not record as opened.
fn open(
    store: &mut AnyStore,
    policy: &Policy,
    out: &Outbox,
    id: String,
    by: Credential,
    opening: Opening,
) {
    let access = match opening {
        Opening::BlindQa => Access::OpenedForQa { case: id.clone() },
        _ => Access::Opened { case: id.clone() },
    };
    match store.record_access(&access, &by, Utc::now()) {
        Ok(_) => prepare(store, policy, out, id, opening),
        Err(e) if session_ended(&e) => out.send(Event::SessionEnded(e.to_string())),
        Err(e) => out.send(Event::PrepareFailed {
            id,
            error: e.to_string(),
        }),
    }
}

fn prepare(store: &AnyStore, policy: &Policy, out: &Outbox, id: String, opening: Opening) {
    let blind = opening == Opening::BlindQa;
    match store.case(&id).and_then(|r| match r {
        // A blind review reads nothing of the case's log.
        Some(record) if blind => Ok(Some((Vec::new(), record))),
        Some(record) => Ok(Some((store.case_entries(&id)?, record))),
        None => Ok(None),
    }) {
        Ok(Some((history, mut record))) => {
            if blind {
                record.escalation = None;
            }
            let mut related: Vec<(String, &'static str)> = Vec::new();
            for other in record.hints.iter().flat_map(Hint::referenced_cases) {
                if !related.iter().any(|(c, _)| *c == other)
                    && let Ok(Some(o)) = store.case(&other)
                {
                    related.push((other, o.status.code()));
                }
            }
            // Read the files here (the store is this thread's), decode on the pool.
            let read = |store: &AnyStore, f: &CaseFile| {
                (f.clone(), f.sha256.as_deref().map(|s| store.read_blob(s)))
            };
            let mut files: Vec<_> = record
                .files
                .iter()
                .map(|f| (read(store, f), None))
                .collect();
            // The other applicants' images this case's reuse hints point at, shown beside.
            for (case, slot) in reused_elsewhere(&record.hints) {
                if let Ok(Some(other)) = store.case(&case)
                    && let Some(f) = other.files.iter().find(|f| f.slot == slot)
                {
                    files.push((read(store, f), Some(case)));
                }
            }
            let ctx = out.ctx.clone();
            let tx = out.tx.clone();
            let policy = policy.for_client(&record.submission.client);
            rayon::spawn(move || {
                let images = evidence::decode_case(
                    &ctx,
                    &record.submission.id.to_string(),
                    files,
                    &policy,
                    record.purged_at.is_some(),
                );
                let prepared = PreparedCase {
                    record,
                    images,
                    history,
                    related,
                    opening,
                };
                let _ = tx.send(Event::Prepared(Box::new(prepared)));
                ctx.request_repaint();
            });
        }
        Ok(None) => out.send(Event::PrepareFailed {
            id,
            error: "no such case".into(),
        }),
        Err(e) => out.send(Event::PrepareFailed {
            id,
            error: e.to_string(),
        }),
    }
}

/// The (case, slot) of each image another case's `image.reused` hint names, once each.
fn reused_elsewhere(hints: &[Hint]) -> Vec<(String, Slot)> {
    let mut out: Vec<(String, Slot)> = Vec::new();
    for h in hints.iter().filter(|h| h.code == HintCode::ImageReused) {
        let case = h.evidence.get("case").and_then(|v| v.as_str());
        let slot = h
            .evidence
            .get("slot")
            .and_then(|v| v.as_str()?.parse().ok());
        if let (Some(case), Some(slot)) = (case, slot)
            && !out.iter().any(|(c, s)| c == case && *s == slot)
        {
            out.push((case.to_owned(), slot));
        }
    }
    out
}
