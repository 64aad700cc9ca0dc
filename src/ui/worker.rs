//! The background side of the window: one thread owns the store, and decoding runs on the
//! rayon pool. The UI thread only sends commands and reads events; it never waits.

use super::evidence::{self, CaseImages};
use crate::decision_log::{ChainSummary, LogEntry};
use crate::export::{self, Format};
use crate::hints::{Hint, HintCode, Slot};
use crate::import;
use crate::lifecycle::{Claim, DecisionRequest, Reviewer};
use crate::policy::Policy;
use crate::store::{
    CaseFile, CaseRecord, CaseSummary, QueueKind, QueueQuery, SqliteStore, Store, TimeRange,
};
use chrono::Utc;
use eframe::egui;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

/// How long a claim lasts without renewal; the window renews it while the case is open.
pub const LEASE: chrono::Duration = chrono::Duration::minutes(15);

pub enum Command {
    LoadQueue(QueueKind),
    /// Decode a case's images for display (prefetch); does not claim it.
    Prepare(String),
    Claim {
        id: String,
        reviewer: String,
    },
    Release {
        id: String,
        reviewer: String,
    },
    Decide(DecisionRequest),
    LoadReviewers,
    SaveReviewer(Reviewer),
    LoadLog,
    Export {
        path: PathBuf,
        format: Format,
    },
    Verify,
    LoadDemo,
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
    Reviewers(Vec<Reviewer>),
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
    Verified(Result<ChainSummary, String>),
    DemoLoaded {
        imported: usize,
    },
    Failed(String),
}

/// A case ready to be shown: its record and its decoded images, textures uploaded.
pub struct PreparedCase {
    pub record: CaseRecord,
    pub images: CaseImages,
}

pub struct Worker {
    commands: Sender<Command>,
    pub events: Receiver<Event>,
}

impl Worker {
    /// Starts the store thread on `data_dir`. Events wake the UI through `ctx`.
    pub fn start(data_dir: PathBuf, policy: Policy, ctx: egui::Context) -> Worker {
        let (commands, rx) = channel::<Command>();
        let (tx, events) = channel::<Event>();
        std::thread::Builder::new()
            .name("vigil-store".into())
            .spawn(move || run(data_dir, policy, ctx, rx, tx))
            .ok();
        Worker { commands, events }
    }

    pub fn send(&self, c: Command) {
        // If the store thread is gone, the next event poll reports it.
        let _ = self.commands.send(c);
    }
}

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
    data_dir: PathBuf,
    policy: Policy,
    ctx: egui::Context,
    rx: Receiver<Command>,
    tx: Sender<Event>,
) {
    let out = Outbox { tx, ctx };
    let mut store = match SqliteStore::open(&data_dir) {
        Ok(s) => s,
        Err(e) => {
            out.send(Event::Failed(format!(
                "cannot open the store in {}: {e}",
                data_dir.display()
            )));
            return;
        }
    };
    while let Ok(cmd) = rx.recv() {
        handle(&mut store, &policy, &out, cmd);
    }
}

fn handle(store: &mut SqliteStore, policy: &Policy, out: &Outbox, cmd: Command) {
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
        Command::Prepare(id) => match store.case(&id) {
            Ok(Some(record)) => {
                // Read the files here (the store is this thread's), decode on the pool.
                let read = |store: &SqliteStore, f: &CaseFile| {
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
                    );
                    let _ = tx.send(Event::Prepared(Box::new(PreparedCase { record, images })));
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
        },
        Command::Claim { id, reviewer } => match store.claim(&id, &reviewer, now, LEASE) {
            Ok(claim) => out.send(Event::Claimed { id, claim }),
            Err(e) => out.send(Event::ClaimRefused {
                id,
                reason: e.to_string(),
            }),
        },
        Command::Release { id, reviewer } => {
            if let Err(e) = store.release(&id, &reviewer) {
                out.send(Event::Failed(format!("releasing {id}: {e}")));
            }
        }
        Command::Decide(req) => match store.decide(&req, now) {
            Ok(entry) => out.send(Event::Decided(Box::new(entry))),
            Err(e) => out.send(Event::DecisionFailed {
                id: req.case_id,
                reason: e.to_string(),
            }),
        },
        Command::LoadReviewers => match store.reviewers() {
            Ok(r) => out.send(Event::Reviewers(r)),
            Err(e) => out.send(Event::Failed(format!("loading reviewers: {e}"))),
        },
        Command::SaveReviewer(r) => {
            match store.save_reviewer(&r).and_then(|()| store.reviewers()) {
                Ok(all) => out.send(Event::Reviewers(all)),
                Err(e) => out.send(Event::Failed(format!("saving reviewer {}: {e}", r.name))),
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
        Command::Export { path, format } => export_to(store, out, path, format),
        Command::Verify => out.send(Event::Verified(
            store
                .verify_log(None)
                .map_err(|e| e.to_string())
                .and_then(|r| r.map_err(|b| format!("broken at entry {}: {b}", b.seq()))),
        )),
        Command::LoadDemo => {
            let loaded = tempfile::tempdir()
                .map_err(|e| e.to_string())
                .and_then(|dir| {
                    crate::demo::write_demo(dir.path(), crate::demo::FULL_COVERAGE_COUNT, 1)
                        .map_err(|e| e.to_string())?;
                    let r = import::import_paths(store, policy, &[dir.path().to_path_buf()], now);
                    match r.aborted {
                        Some(why) => Err(why),
                        None => Ok(r),
                    }
                });
            match loaded {
                Ok(r) => out.send(Event::DemoLoaded {
                    imported: r.imported.len(),
                }),
                Err(e) => out.send(Event::Failed(format!("loading the demo queue: {e}"))),
            }
        }
    }
}

/// Exports through the atomic file writer, reporting progress as it goes.
fn export_to(store: &SqliteStore, out: &Outbox, path: PathBuf, format: Format) {
    let mut total = 0u64;
    let _ = store.for_each_entry(TimeRange::default(), &mut |_| {
        total += 1;
        Ok(())
    });
    let mut progress = |done| out.send(Event::ExportProgress { done, total });
    match export::export_to_file(store, TimeRange::default(), format, &path, &mut progress) {
        Ok(count) => out.send(Event::Exported { path, count }),
        Err(e) => out.send(Event::ExportFailed(e.to_string())),
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
