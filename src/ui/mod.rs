//! The reviewer workstation window (eframe/egui), a thin layer over the domain: the queue,
//! the evidence side by side, decisions at keyboard speed, and the audit log.

mod accounts_view;
mod audit_view;
mod case_view;
mod decision;
mod evidence;
mod fonts;
mod keys;
mod latency;
mod pane;
mod prefetch;
mod qa_view;
mod queue_view;
mod reopen;
mod review;
mod sign_in;
mod stats_view;
mod worker;

use crate::accounts::{Account, Credential, Password, Role, Session};
use crate::decision_log::LogEntry;
use crate::hints::Severity;
use crate::i18n::{Arg, Lang, Message};
use crate::lifecycle::{CaseStatus, DecisionRequest, Verdict};
use crate::policy::Policy;
use crate::store::{CaseSummary, Location, QueueKind};
use accounts_view::AccountsState;
use audit_view::{AuditIntent, AuditState};
use decision::{Draft, Intent};
use eframe::egui::{self, Color32, RichText};
use keys::Action;
use latency::{NextCaseClock, Samples};
use qa_view::{QaIntent, QaState};
use review::Layout;
use sign_in::{SignInForm, StoreInfo};
use stats_view::{StatsIntent, StatsState};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use worker::{Command, Event, Opening, PreparedCase, Worker};

pub use worker::LEASE;

/// The last account name signed in on this workstation: the name only, never a session.
const REMEMBERED_NAME: &str = "last-account";
/// Each reviewer's interface language, remembered on this workstation.
const REMEMBERED_LANGUAGES: &str = "languages";

pub struct Options {
    /// The store: a data folder, or a team's PostgreSQL server.
    pub location: Location,
    /// `--as NAME`: the name to sign in with, and with VIGIL_PASSWORD its password, so the
    /// window signs in at once (as the command line does).
    pub sign_in: Option<(String, Option<Password>)>,
    pub policy: Policy,
    /// Load the built-in demo queue at start.
    pub load_demo: bool,
    /// How long a decision waits before it is sent to the store, so that Ctrl+Z can take it
    /// back unrecorded ([`UNDO_WINDOW`] at the workstation).
    pub undo_window: Duration,
}

/// The workstation's undo window: after it, only a supervisor can reopen a case.
pub const UNDO_WINDOW: Duration = Duration::from_secs(10);

/// How long closing the window waits for the store to record what it was sent.
pub const EXIT_GRACE: Duration = Duration::from_secs(15);

/// A decision made and shown as made, not yet sent: Ctrl+Z still takes it back.
struct Held {
    request: DecisionRequest,
    until: Instant,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    #[default]
    Queue,
    Review,
    /// A case looked at read-only (decided, or named by a hint).
    Case,
    Audit,
    Accounts,
    Stats,
    /// Blind second reviews, and their agreement with first decisions.
    Qa,
}

/// What a screen asks of the window: each screen turns input into these, and `App::apply`
/// is the one place that carries them out.
pub(crate) enum Act {
    /// Decide on, or skip, the case under review.
    Decide(Intent),
    /// Claim and review a case of a queue.
    Review {
        kind: QueueKind,
        id: String,
    },
    /// Look at a case read-only.
    LookAt(String),
    /// Leave the read-only case for the screen it was opened from.
    Back,
    /// A supervisor reopens a decided case.
    Reopen {
        id: String,
        reason: String,
    },
    LoadDemo,
    SignIn {
        name: String,
        password: Password,
    },
    ChangeAccount(crate::accounts::AccountChange),
    Audit(AuditIntent),
    Stats(StatsIntent),
    Qa(QaIntent),
    /// An auditor writes a case's evidence packet to `path`.
    Packet {
        id: String,
        path: std::path::PathBuf,
    },
}

/// The queues' state: their rows as last loaded, the one on screen with its filters, and the
/// one the reviewer works through.
struct QueueState {
    /// The queue on screen.
    kind: QueueKind,
    /// The queue the reviewer works through: the next case comes from it.
    working: QueueKind,
    rows: HashMap<QueueKind, Arc<Vec<CaseSummary>>>,
    visible: queue_view::Visible,
    loaded: bool,
    filters: queue_view::Filters,
}

impl Default for QueueState {
    fn default() -> QueueState {
        QueueState {
            kind: QueueKind::Review,
            working: QueueKind::Review,
            rows: HashMap::new(),
            visible: Default::default(),
            loaded: false,
            filters: Default::default(),
        }
    }
}

/// The review screen's state: the case under review, the cases prepared ahead, the claims,
/// the decision being made and the one held for the undo window.
#[derive(Default)]
struct ReviewState {
    current: Option<Current>,
    waiting_for: Option<String>,
    cache: HashMap<String, PreparedCase>,
    preparing: HashSet<String>,
    /// Decided or skipped in this session: not offered again.
    done: HashSet<String>,
    /// Leases granted, by case, with when they were last renewed. A claim may be granted
    /// before the case's images are decoded, so it is kept apart from the open case.
    claims: HashMap<String, (chrono::DateTime<chrono::Utc>, Instant)>,
    draft: Draft,
    layout: Layout,
    held: Option<Held>,
    /// A case was opened: prepare the ones after it at the next frame.
    prefetch_due: bool,
}

impl ReviewState {
    /// Whether case `id` is the one the review screen waits to show.
    fn waits_for(&self, id: &str) -> bool {
        self.waiting_for.as_deref() == Some(id)
    }
}

struct Current {
    case: PreparedCase,
    opened: Instant,
}

impl Current {
    fn id(&self) -> String {
        self.case.record.submission.id.to_string()
    }
}

pub struct App {
    opts: Options,
    /// The reviewer's chosen language; Japanese shows once a CJK font is loaded.
    chosen_lang: Lang,
    lang: Lang,
    languages: HashMap<String, Lang>,
    cjk_ready: Arc<AtomicBool>,
    worker: Option<Worker>,
    pub screen: Screen,
    queues: QueueState,
    /// The signed-in account and its session; decisions are sent with the session's token,
    /// which the store checks in the transaction that records.
    session: Option<Session>,
    sign_in: SignInForm,
    store_info: Option<StoreInfo>,
    accounts: AccountsState,
    /// Why the team's server cannot be heard, while it cannot.
    connection: Option<String>,
    review: ReviewState,
    /// The case looked at read-only.
    case_screen: case_view::CaseScreen,
    next_case: NextCaseClock,
    next_case_drawn: bool,
    frame_times: Samples,
    audit: AuditState,
    stats: StatsState,
    /// Requests for statistics sent, the last one's number.
    stats_asked: u64,
    qa: QaState,
    /// Requests for the QA queue and report sent, the last one's number.
    qa_asked: u64,
    /// A QA review was recorded: the next case of the QA queue opens once it is loaded.
    qa_next: bool,
    /// Sign-outs so far: an answer sent for an earlier account is dropped.
    epoch: u64,
    /// Conflicts the reviewer must read (a case taken elsewhere, a refused decision): kept
    /// on screen until dismissed, never replaced by the next status line.
    notices: Vec<Message>,
    /// The status line, said in the language on screen.
    status: Message,
    help: bool,
    /// The last decision the log accepted.
    pub last_entry: Option<LogEntry>,
    /// What was said on standard output of the window's start: "window ready" once the
    /// queue is loaded, then the time to the first case on screen.
    announced: Announced,
    /// When the window was made, for the time to the first case.
    opened_at: std::time::Instant,
}

impl App {
    pub fn new(opts: Options, storage: Option<&dyn eframe::Storage>) -> App {
        let remembered = storage.and_then(|s| eframe::get_value::<String>(s, REMEMBERED_NAME));
        let name = opts.sign_in.as_ref().map(|(n, _)| n.clone()).or(remembered);
        let languages = storage
            .and_then(|s| eframe::get_value::<HashMap<String, Lang>>(s, REMEMBERED_LANGUAGES))
            .unwrap_or_default();
        App {
            opts,
            chosen_lang: Lang::En,
            lang: Lang::En,
            languages,
            cjk_ready: Arc::new(AtomicBool::new(false)),
            worker: None,
            screen: Screen::Queue,
            session: None,
            sign_in: SignInForm::remembering(name),
            store_info: None,
            accounts: AccountsState::default(),
            connection: None,
            queues: QueueState::default(),
            review: ReviewState::default(),
            case_screen: Default::default(),
            next_case: NextCaseClock::default(),
            next_case_drawn: false,
            frame_times: Samples::default(),
            audit: AuditState::default(),
            stats: StatsState::default(),
            stats_asked: 0,
            qa: QaState::default(),
            qa_asked: 0,
            qa_next: false,
            epoch: 0,
            notices: Vec::new(),
            // Said once, where the reviewer looks for news; the compare view says it again.
            // (main loads the models before the window opens, so this does not block.)
            status: crate::faces::availability()
                .err()
                .map_or(Message::Plain(String::new()), |e| {
                    Message::with("faces-off", &[("reason", e.to_string().into())])
                }),
            help: false,
            last_entry: None,
            announced: Announced::Nothing,
            opened_at: std::time::Instant::now(),
        }
    }

    /// The median time from a decision to the next case fully drawn, and how many were measured.
    pub fn next_case_latency(&self) -> (Option<Duration>, usize) {
        (
            self.next_case.samples.median(),
            self.next_case.samples.count(),
        )
    }

    pub fn next_case_samples(&self) -> Vec<Duration> {
        self.next_case.samples.all().collect()
    }

    pub fn frame_time(&self) -> Option<Duration> {
        self.frame_times.median()
    }

    pub fn queue_len(&self) -> usize {
        self.queues
            .rows
            .get(&self.queues.kind)
            .map_or(0, |r| r.len())
    }

    /// The decisions counted on the Statistics screen, once its figures are in.
    pub fn stats_decisions(&self) -> Option<u64> {
        match &self.stats.shown {
            Some(Ok(shown)) if !self.stats.loading => Some(shown.stats.total.decisions),
            _ => None,
        }
    }

    /// Cases waiting for this account's blind review, once the QA queue is loaded.
    pub fn qa_waiting(&self) -> Option<usize> {
        self.qa.waiting()
    }

    /// The case under blind review on the QA screen.
    pub fn qa_case(&self) -> Option<String> {
        let (case, _) = self.qa.current.as_ref()?;
        Some(case.record.submission.id.to_string())
    }

    /// The disagreements of the QA report, once it is loaded.
    pub fn qa_disagreements(&self) -> Option<usize> {
        match &self.qa.report {
            Some(Ok(r)) => Some(r.disagreements.len()),
            _ => None,
        }
    }

    pub fn queue_loaded(&self) -> bool {
        self.queues.loaded
    }

    /// The signed-in account.
    pub fn account(&self) -> Option<&Account> {
        self.session.as_ref().map(|s| &s.account)
    }

    fn has_role(&self, r: Role) -> bool {
        self.account().is_some_and(|a| a.has(r))
    }

    /// The signed-in window's proof of identity for the store.
    fn credential(&self) -> Option<Credential> {
        self.session
            .as_ref()
            .map(|s| Credential::Session(s.token.clone()))
    }

    /// Whether the store is a demo store (said on every screen).
    pub fn is_demo_store(&self) -> bool {
        self.store_info.is_some_and(|i| i.demo)
    }

    /// The id of the case on screen, once its images are ready.
    pub fn open_case(&self) -> Option<String> {
        self.review.current.as_ref().map(Current::id)
    }

    /// Whether the open case's checks are still running, and how many hints it shows.
    pub fn open_case_checks(&self) -> Option<(bool, usize)> {
        let record = &self.review.current.as_ref()?.case.record;
        Some((record.checks_running, record.hints.len()))
    }

    /// Whether the open case's claim was granted.
    pub fn open_case_claimed(&self) -> bool {
        self.open_case()
            .is_some_and(|id| self.review.claims.contains_key(&id))
    }

    /// The status line, in the language on screen.
    pub fn status(&self) -> String {
        self.status.render(self.lang)
    }

    /// The reasons ticked in the picker, and whether it is open.
    pub fn ticked_reasons(&self) -> (&[crate::taxonomy::ReasonCode], bool) {
        (&self.review.draft.reasons, self.review.draft.picker_open)
    }

    /// The picker's filter text.
    pub fn picker_filter(&self) -> &str {
        &self.review.draft.filter
    }

    /// The case looked at read-only, once it is on screen.
    pub fn looking_at(&self) -> Option<String> {
        self.case_screen.showing().map(str::to_owned)
    }

    /// The active image pane and the selected hint, by index.
    pub fn active_pane(&self) -> (usize, Option<usize>) {
        (self.review.layout.active, self.review.layout.selected_hint)
    }

    /// The active pane's scale (screen points per image pixel) and the scale that fits the
    /// image in that pane, as drawn last frame.
    pub fn active_view_scale(&self) -> Option<(f32, f32)> {
        let cur = self.review.current.as_ref()?;
        let size = cur
            .case
            .images
            .panes
            .get(self.review.layout.active)?
            .shown_size()?;
        let rect = self.review.layout.rect_of(self.review.layout.active)?;
        let view = self
            .review
            .layout
            .views
            .get(&self.review.layout.active)
            .copied()
            .unwrap_or_default();
        Some((view.scale(rect, size), view.fit_scale(rect, size)))
    }

    /// The conflicts on screen, oldest first, in the language on screen.
    pub fn notices(&self) -> Vec<String> {
        self.notices.iter().map(|n| n.render(self.lang)).collect()
    }

    fn notify(&mut self, m: Message) {
        // A conflict repeated (the same case refused twice) is said once.
        if !self.notices.contains(&m) {
            self.notices.push(m);
        }
    }

    fn send(&self, c: Command) {
        if let Some(w) = &self.worker {
            w.send(c);
        }
    }

    fn start(&mut self, ctx: &egui::Context) {
        fonts::load_in_background(ctx, Arc::clone(&self.cjk_ready));
        let worker = Worker::start(
            self.opts.location.clone(),
            self.opts.policy.clone(),
            ctx.clone(),
        );
        self.worker = Some(worker);
        if !self.opts.load_demo {
            // The demo load says it itself, once its accounts exist.
            self.send(Command::LoadStoreInfo);
        }
        if !self.opts.load_demo {
            self.sign_in_as_asked();
        }
        if self.opts.load_demo {
            self.status = Message::new("queue-loading-demo");
            self.send(Command::LoadDemo);
        } else {
            self.reload_queues();
        }
    }

    fn reload_queues(&self) {
        self.send(Command::LoadQueue(QueueKind::Review));
        self.send(Command::LoadQueue(QueueKind::Fraud));
    }

    /// The cases to offer next, in queue order, as the filters show them.
    fn order(&self, kind: QueueKind) -> Vec<String> {
        let current = self.open_case();
        self.queues
            .rows
            .get(&kind)
            .map(|rows| {
                let me = self.account().map(|a| a.name.as_str());
                let skeleton = self.account().map(Account::skeleton);
                rows.iter()
                    .filter(|r| self.queues.filters.matches(r))
                    .filter(|r| {
                        !self.review.done.contains(&r.id) && Some(&r.id) != current.as_ref()
                    })
                    .filter(|r| {
                        (r.claimed_by.is_none() || r.claimed_by.as_deref() == me)
                            && !queue_view::own_escalation(r, skeleton.as_deref())
                    })
                    .map(|r| r.id.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn open(&mut self, id: String) {
        let Some(by) = self.credential() else {
            return;
        };
        self.screen = Screen::Review;
        self.review.draft = Draft::default();
        self.review.layout = Layout::default();
        self.review.current = None;
        match self.review.cache.remove(&id) {
            Some(case) => self.show_case(case),
            None => {
                self.prepare(&id);
                self.review.waiting_for = Some(id.clone());
            }
        }
        self.send(Command::Claim { id, by });
        // Once this case is painted: decoding the ones after it now would take the cores
        // the painting needs.
        self.review.prefetch_due = true;
    }

    fn show_case(&mut self, case: PreparedCase) {
        self.review.waiting_for = None;
        // Start on the first image that has a fail hint, else the document front.
        self.review.layout.active = case
            .record
            .hints
            .iter()
            .filter(|h| h.severity == Severity::Fail)
            .find_map(|h| h.slot)
            .and_then(|s| case.images.panes.iter().position(|p| p.slot == s))
            .unwrap_or(0);
        self.review.current = Some(Current {
            case,
            opened: Instant::now(),
        });
    }

    /// Prepares the cases ahead of the reviewer within the prefetch budget, and drops any
    /// prepared case no longer among them.
    fn prefetch(&mut self) {
        let mut ahead = self.order(self.queues.working);
        let sizes = ahead
            .iter()
            .map(|id| self.review.cache.get(id).map(|c| c.images.texture_bytes()));
        ahead.truncate(prefetch::kept(sizes, prefetch::BUDGET));
        for id in &ahead {
            if !self.review.cache.contains_key(id) {
                self.prepare(id);
            }
        }
        self.review.cache.retain(|id, _| ahead.contains(id));
    }

    /// Asks the worker to prepare case `id`, unless it is being prepared already.
    fn prepare(&mut self, id: &str) {
        if self.review.preparing.insert(id.to_owned()) {
            self.send(Command::Prepare(id.to_owned()));
        }
    }

    fn advance(&mut self) {
        match self.order(self.queues.working).into_iter().next() {
            Some(id) => self.open(id),
            None => {
                self.review.current = None;
                self.review.waiting_for = None;
                self.next_case.cancel();
                self.screen = Screen::Queue;
                self.status = Message::new("queue-done");
            }
        }
    }

    fn decide(&mut self, intent: Intent) {
        let (Some(cur), Some(by)) = (&self.review.current, self.credential()) else {
            return;
        };
        let id = cur.id();
        let verdict = match intent {
            Intent::Skip => {
                self.send(Command::Release { id: id.clone(), by });
                self.review.claims.remove(&id);
                self.review.done.insert(id);
                self.advance();
                return;
            }
            other => match other.verdict() {
                Some(v) => v,
                None => return,
            },
        };
        // Deciding before the face checks have added their hints takes a second press (the
        // store refuses it unconfirmed).
        let running = cur.case.record.checks_running;
        if running && !self.review.draft.running_armed {
            self.review.draft.running_armed = true;
            return;
        }
        let request = DecisionRequest {
            case_id: id.clone(),
            by,
            verdict,
            note: self.review.draft.note.trim().to_owned(),
            handling_ms: Some(cur.opened.elapsed().as_millis() as u64),
            despite_running_checks: running,
        };
        // One decision is held at a time: a new one sends the one before.
        self.send_held();
        self.review.held = Some(Held {
            request,
            until: Instant::now() + self.opts.undo_window,
        });
        let _ = self.send_due();
        self.review.claims.remove(&id);
        self.review.done.insert(id.clone());
        for rows in self.queues.rows.values_mut() {
            Arc::make_mut(rows).retain(|r| r.id != id);
        }
        self.next_case.start();
        self.advance();
    }

    /// Asks again for the hints of each case on screen or prepared whose checks were running
    /// and, by the queue's `rows`, are finished (on another workstation, say).
    fn refresh_finished_checks(&mut self, rows: &[CaseSummary]) {
        let shown = self.review.current.iter().map(|c| &c.case);
        let stale: Vec<String> = shown
            .chain(self.review.cache.values())
            .filter(|c| c.record.checks_running)
            .map(|c| c.record.submission.id.to_string())
            .filter(|id| rows.iter().any(|r| r.id == *id && !r.checks_running))
            .collect();
        for id in stale {
            self.send(Command::LoadHints(id));
        }
    }

    /// Case `id`'s checks finished with `hints`: they replace what the case showed. A
    /// decision armed without them is disarmed, so that the reviewer sees them first.
    fn checks_done(&mut self, id: &str, hints: Vec<crate::hints::Hint>) {
        let update = |case: &mut PreparedCase| {
            case.record.hints = hints.clone();
            case.record.checks_running = false;
        };
        if let Some(cur) = self.review.current.as_mut().filter(|c| c.id() == id) {
            update(&mut cur.case);
            let d = &mut self.review.draft;
            d.approve_armed &= !std::mem::take(&mut d.running_armed);
        }
        if let Some(case) = self.review.cache.get_mut(id) {
            update(case);
        }
        self.case_screen.checks_done(id, &hints);
    }

    /// Sends the held decision now.
    fn send_held(&mut self) {
        if let Some(h) = self.review.held.take() {
            self.send(Command::Decide(h.request));
        }
    }

    /// Sends the held decision once its undo window has passed; returns how long is left
    /// while it has not.
    fn send_due(&mut self) -> Option<Duration> {
        let left = self
            .review
            .held
            .as_ref()?
            .until
            .saturating_duration_since(Instant::now());
        if left.is_zero() {
            self.send_held();
            None
        } else {
            Some(left)
        }
    }

    /// Ctrl+Z: takes the held decision back before it is recorded, and reopens its case
    /// as the reviewer left it.
    fn undo(&mut self) {
        let Some(Held { request, .. }) = self.review.held.take() else {
            return;
        };
        let id = request.case_id;
        self.review.done.remove(&id);
        self.next_case.cancel();
        self.status = Message::with("decision-undone", &[("id", id.as_str().into())]);
        self.open(id);
        self.review.draft.note = request.note;
        if let Verdict::Reject(reasons) = request.verdict {
            self.review.draft.open_picker();
            self.review.draft.reasons = reasons.codes().to_vec();
        }
        self.reload_queues();
    }

    /// Whether a decision is held, with the seconds left to take it back.
    pub fn held_decision(&self) -> Option<(String, Duration)> {
        self.review.held.as_ref().map(|h| {
            (
                h.request.case_id.clone(),
                h.until.saturating_duration_since(Instant::now()),
            )
        })
    }

    fn poll(&mut self) {
        let Some(w) = &self.worker else { return };
        let events: Vec<Event> = w.events.try_iter().collect();
        for e in events {
            self.on_event(e);
        }
    }

    fn on_event(&mut self, e: Event) {
        match e {
            Event::Queue { kind, rows } => {
                self.refresh_finished_checks(&rows);
                self.queues.rows.insert(kind, Arc::new(rows));
                self.queues.loaded = true;
                if self.review.current.is_some() {
                    self.prefetch();
                }
            }
            Event::Prepared(p) => {
                let id = p.record.submission.id.to_string();
                self.review.preparing.remove(&id);
                if p.opening == Opening::BlindQa {
                    // Only for the blind review asked for; never kept for later.
                    if self.qa.wants(&id) {
                        self.qa.arrived(*p);
                    }
                } else if self.case_screen.wants(&id) && p.opening == Opening::ReadOnly {
                    self.case_screen.arrived(*p);
                } else if self.review.waits_for(&id) {
                    self.show_case(*p);
                } else {
                    // Kept only while it is still ahead and within the budget.
                    self.review.cache.insert(id, *p);
                    self.prefetch();
                }
            }
            Event::PrepareFailed { id, error } => {
                self.review.preparing.remove(&id);
                self.notify(Message::with(
                    "case-cannot-open",
                    &[("id", id.as_str().into()), ("error", error.into())],
                ));
                // Nothing to look at: back where the reviewer was.
                if self.qa.wants(&id) {
                    self.qa.waiting_for = None;
                    self.qa.passed.insert(id.clone());
                    self.load_qa();
                }
                if self.case_screen.wants(&id) {
                    self.screen = self.case_screen.leave();
                }
                if self.review.waits_for(&id) {
                    self.review.done.insert(id);
                    self.advance();
                }
            }
            Event::Claimed { id, claim } => {
                self.review
                    .claims
                    .insert(id, (claim.lease_until, Instant::now()));
            }
            Event::ClaimRefused { id, reason } => {
                let shown =
                    self.open_case().as_deref() == Some(id.as_str()) || self.review.waits_for(&id);
                if shown {
                    self.notify(Message::with(
                        "case-skipped",
                        &[("id", id.as_str().into()), ("reason", reason.into())],
                    ));
                    self.review.done.insert(id);
                    self.advance();
                }
            }
            Event::Decided(entry) => {
                let outcome = entry.outcome.map_or(Arg::Text(String::new()), |o| {
                    Arg::Word(format!("outcome-{o}"))
                });
                self.status = Message::with(
                    "decision-recorded",
                    &[
                        ("id", entry.submission_id.as_str().into()),
                        ("outcome", outcome),
                        ("seq", (entry.seq as usize).into()),
                    ],
                );
                if entry.outcome == Some(crate::taxonomy::Outcome::Escalated) {
                    self.send(Command::LoadQueue(QueueKind::Fraud));
                    if !entry.reasons.is_empty() {
                        self.status = Message::with(
                            "decision-proposed",
                            &[("id", entry.submission_id.as_str().into())],
                        );
                    }
                }
                self.last_entry = Some(*entry);
            }
            Event::DecisionFailed { id, reason } => {
                self.notify(Message::with(
                    "decision-not-recorded",
                    &[("id", id.as_str().into()), ("reason", reason.into())],
                ));
                self.review.done.remove(&id);
                self.reload_queues();
            }
            Event::StoreInfo { has_accounts, demo } => {
                self.store_info = Some(StoreInfo { has_accounts, demo });
            }
            Event::SignedIn(session) => self.signed_in(session),
            Event::SignInFailed(e) => {
                self.sign_in.pending = false;
                self.sign_in.error = Some(e);
            }
            Event::SessionEnded(why) => {
                self.sign_out();
                self.sign_in.error = Some(why);
            }
            Event::Accounts(list) => {
                // The signed-in account's roles as the store now has them.
                if let Some(s) = &mut self.session
                    && let Some(a) = list.iter().find(|a| a.name == s.account.name)
                {
                    s.account = a.clone();
                }
                self.accounts.list = list;
            }
            Event::AccountChanged(entry) => {
                self.accounts.message = Some((
                    true,
                    self.lang.text_with(
                        "accounts-changed",
                        &[
                            ("name", entry.subject.as_str().into()),
                            ("change", entry.change.as_str().into()),
                            ("seq", (entry.seq as usize).into()),
                        ],
                    ),
                ));
            }
            Event::AccountChangeFailed(e) => self.accounts.message = Some((false, e)),
            Event::ChecksDone { id, hints } => self.checks_done(&id, hints),
            Event::QueueChanged => {
                if self.session.is_some() {
                    self.reload_queues();
                }
            }
            Event::Connection(state) => {
                self.connection = state.err();
            }
            Event::Log(entries) => self.audit.entries = entries,
            Event::ExportProgress { done, total } => self.audit.progress = Some((done, total)),
            Event::Exported { path, count } => {
                self.audit.progress = None;
                self.audit.message = Some(self.lang.text_with(
                    "audit-written",
                    &[
                        ("count", (count as usize).into()),
                        ("path", path.display().to_string().into()),
                    ],
                ));
            }
            Event::ExportFailed(e) => {
                self.audit.progress = None;
                self.audit.message =
                    Some(self.lang.text_with("audit-failed", &[("error", e.into())]));
            }
            Event::Verified(r) => self.audit.verified = Some(r),
            // Only the figures last asked for: an answer to an earlier request (another
            // period, or the account signed in before) is dropped.
            Event::Stats { asked, shown } if asked == self.stats_asked => {
                self.stats.loading = false;
                self.stats.shown = Some(shown.map(|s| *s));
            }
            Event::Stats { .. } => {}
            Event::Qa {
                asked,
                queue,
                report,
            } if asked == self.qa_asked => {
                if queue.is_some() {
                    self.qa.queue = queue;
                }
                if report.is_some() {
                    self.qa.report = report;
                }
                if std::mem::take(&mut self.qa_next)
                    && self.screen == Screen::Qa
                    && let Some(id) = self.qa.next()
                {
                    self.apply(Act::Qa(QaIntent::Open(id)));
                }
            }
            Event::Qa { .. } => {}
            // Answers to an account signed out since are dropped.
            Event::QaSampled { epoch, .. } | Event::QaReviewed { epoch, .. }
                if epoch != self.epoch => {}
            Event::QaSampled { result, .. } => {
                self.qa.sampling = false;
                match result {
                    Ok((sampled, considered)) => {
                        self.status = Message::with(
                            "qa-sampled",
                            &[("count", sampled.into()), ("of", considered.into())],
                        );
                        self.load_qa();
                    }
                    Err(reason) => self.notify(Message::with(
                        "qa-sample-failed",
                        &[("reason", reason.into())],
                    )),
                }
            }
            Event::Packet { id, result } => match result {
                Ok(path) => {
                    self.status = Message::with(
                        "packet-written",
                        &[
                            ("id", id.as_str().into()),
                            ("path", path.display().to_string().into()),
                        ],
                    );
                }
                Err(reason) => self.notify(Message::with(
                    "packet-failed",
                    &[("id", id.as_str().into()), ("reason", reason.into())],
                )),
            },
            Event::QaReviewed { id, result, .. } => match result {
                Ok(seq) => {
                    self.status = Message::with(
                        "qa-reviewed",
                        &[("id", id.as_str().into()), ("seq", (seq as usize).into())],
                    );
                    self.qa_next = true;
                    self.load_qa();
                }
                Err(reason) => {
                    self.notify(Message::with(
                        "qa-review-failed",
                        &[("id", id.as_str().into()), ("reason", reason.into())],
                    ));
                    self.load_qa();
                }
            },
            Event::DemoProgress { imported } => {
                self.status = Message::with("queue-demo-progress", &[("count", imported.into())]);
                self.reload_queues();
            }
            Event::DemoLoaded { imported } => {
                // Said on standard output too, as "window ready" is, for scripts and tests.
                println!("demo queue loaded: {imported} new cases");
                self.status = Message::with("queue-demo-loaded", &[("count", imported.into())]);
                self.reload_queues();
                // `--demo --as ana`: the demo's accounts exist only now.
                self.sign_in_as_asked();
            }
            Event::Reopened(entry) => {
                let id = entry.submission_id.clone();
                self.status = Message::with(
                    "case-reopened",
                    &[
                        ("id", id.as_str().into()),
                        ("seq", (entry.seq as usize).into()),
                    ],
                );
                self.case_screen.reopen_answered(true);
                if self.qa.report.is_some() {
                    self.load_qa();
                }
                self.reload_queues();
                self.send(Command::LoadQueue(QueueKind::Decided));
                // The case as it is now: back in its queue, the reopening in its log.
                if self.looking_at().as_deref() == Some(id.as_str()) {
                    self.look_at(id);
                }
            }
            Event::ReopenFailed { id, reason } => {
                self.case_screen.reopen_answered(false);
                self.qa.reopened.remove(&id);
                self.notify(Message::with(
                    "case-reopen-failed",
                    &[("id", id.as_str().into()), ("reason", reason.into())],
                ));
            }
            Event::Failed(e) => self.status = Message::Plain(e),
        }
    }

    /// Everything the window shows, one frame.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let started = Instant::now();
        let ctx = ui.ctx().clone();
        // The previous frame drew the next case and has been painted: stop the clock.
        if std::mem::take(&mut self.next_case_drawn) {
            self.next_case.stop();
        }
        if std::mem::take(&mut self.review.prefetch_due) {
            self.prefetch();
        }
        if self.worker.is_none() {
            self.start(&ctx);
        }
        // Without a CJK font Japanese would show as boxes: stay in English and say why.
        let font_missing = self.chosen_lang == Lang::Ja && !self.cjk_ready();
        self.lang = if font_missing {
            Lang::En
        } else {
            self.chosen_lang
        };
        self.poll();
        if let Some(left) = self.send_due() {
            // Wake for the countdown and for the moment the decision goes.
            ctx.request_repaint_after(left.min(Duration::from_secs(1)));
        }
        let mut acts = Vec::new();
        if self.session.is_none() {
            acts.extend(self.sign_in.show(&ctx, self.lang, self.store_info));
        } else {
            self.global_keys(&ctx);
        }
        if self.screen == Screen::Review {
            // Keys act before anything is drawn: the frame of a decision draws the next case.
            for act in self.review_keys(&ctx) {
                self.apply(act);
            }
        }
        if self.screen == Screen::Qa
            && self.session.is_some()
            && let Some(intent) = self.qa.keys(&ctx, self.has_role(Role::Supervisor))
        {
            self.apply(Act::Qa(intent));
        }
        self.top_bar(ui);
        self.notice_bar(ui);
        self.status_bar(ui);
        let lang = self.lang;
        match self.screen {
            Screen::Queue => acts.extend(self.queue_screen(ui)),
            Screen::Review => acts.extend(self.review_screen(ui)),
            Screen::Case => {
                let account = self.session.as_ref().map(|s| &s.account);
                acts.extend(self.case_screen.show(ui, account, lang));
            }
            Screen::Audit => acts.extend(self.audit_screen(ui)),
            Screen::Accounts => acts.extend(self.accounts_screen(ui)),
            Screen::Stats => acts.extend(self.stats_screen(ui)),
            Screen::Qa => {
                let (fraud, supervisor) =
                    (self.has_role(Role::Fraud), self.has_role(Role::Supervisor));
                acts.extend(qa_view::show(ui, &mut self.qa, fraud, supervisor, lang).map(Act::Qa));
            }
        }
        for act in acts {
            self.apply(act);
        }
        if self.help {
            self.cheat_sheet(&ctx);
        }
        self.renew_claim();
        // This frame draws the next case with its textures; it is complete once painted,
        // which the start of the following frame marks. Ask for that frame at once.
        if self.next_case.running() && self.review.current.is_some() {
            self.next_case_drawn = true;
            ctx.request_repaint();
        }
        // Said once on standard output, for whoever started the window from a terminal or a
        // script (the window tests wait for it).
        if self.queues.loaded && self.screen == Screen::Queue {
            if self.announced == Announced::Nothing {
                self.announced = Announced::Ready;
                println!("window ready: {} cases in the queue", self.queue_len());
            }
            if self.announced == Announced::Ready && self.queue_len() > 0 {
                self.announced = Announced::FirstCase;
                println!(
                    "first case on screen {} ms after the window opened",
                    self.opened_at.elapsed().as_millis()
                );
            }
        }
        self.frame_times.push(started.elapsed());
    }

    /// "decision to next case 12.3 ms (median of 8)": measured from the decision to the start
    /// of the frame after the next case's, so the painting of the next case is in it.
    fn latency_text(&self, lang: Lang) -> Option<String> {
        let m = self.next_case.samples.median()?;
        Some(lang.text_with(
            "status-latency",
            &[
                ("ms", format!("{:.1}", m.as_secs_f64() * 1000.0).into()),
                ("count", self.next_case.samples.count().into()),
            ],
        ))
    }

    fn renew_claim(&mut self) {
        let half = LEASE
            .to_std()
            .map(|d| d / 2)
            .unwrap_or(Duration::from_secs(300));
        let (Some(id), Some(by)) = (self.open_case(), self.credential()) else {
            return;
        };
        if let Some((_, renewed)) = self.review.claims.get_mut(&id)
            && renewed.elapsed() > half
        {
            *renewed = Instant::now();
            self.send(Command::Claim { id, by });
        }
    }

    /// `--as NAME` with VIGIL_PASSWORD: signs in without the dialog, once.
    fn sign_in_as_asked(&mut self) {
        if let Some((name, Some(password))) = self.opts.sign_in.take() {
            self.request_sign_in(name, password);
        }
    }

    fn request_sign_in(&mut self, name: String, password: Password) {
        self.sign_in.pending = true;
        self.send(Command::SignIn { name, password });
    }

    fn signed_in(&mut self, session: Session) {
        let a = &session.account;
        // Said on standard output, as "window ready" is: a script waits for it before keys.
        println!("signed in as {}", a.name);
        if let Some(l) = self.languages.get(&a.name) {
            self.chosen_lang = *l;
        }
        // Start where the account's work is.
        (self.screen, self.queues.kind) = if a.has(Role::Reviewer) {
            (Screen::Queue, QueueKind::Review)
        } else if a.has(Role::Fraud) {
            (Screen::Queue, QueueKind::Fraud)
        } else if a.has(Role::Auditor) {
            (Screen::Audit, QueueKind::Review)
        } else {
            (Screen::Accounts, QueueKind::Review)
        };
        self.queues.working = self.queues.kind;
        self.sign_in = SignInForm::remembering(Some(a.name.clone()));
        self.session = Some(session);
        self.reload_queues();
        self.send(Command::LoadAccounts);
        if self.screen == Screen::Audit {
            self.send(Command::LoadLog);
        }
    }

    /// The interface language, remembered for the signed-in reviewer.
    pub fn set_language(&mut self, l: Lang) {
        self.chosen_lang = l;
        if let Some(a) = self.account() {
            self.languages.insert(a.name.clone(), l);
        }
    }

    pub fn language(&self) -> Lang {
        self.lang
    }

    /// Whether Japanese can be shown (a CJK font is loaded).
    pub fn cjk_ready(&self) -> bool {
        self.cjk_ready.load(Ordering::Acquire)
    }

    fn language_switch(&mut self, ui: &mut egui::Ui) {
        let mut chosen = self.chosen_lang;
        // Until a CJK font is loaded, "日本語" itself cannot be drawn.
        let cjk = self.cjk_ready();
        let name = |l: Lang| {
            if l == Lang::Ja && !cjk {
                "Japanese"
            } else {
                l.native_name()
            }
        };
        egui::ComboBox::from_label(self.lang.text("language"))
            .selected_text(name(chosen))
            .show_ui(ui, |ui| {
                for l in Lang::ALL {
                    ui.selectable_value(&mut chosen, l, name(l));
                }
            });
        if chosen != self.chosen_lang {
            self.set_language(chosen);
        }
    }

    /// Gives back the open case and ends this account's session, for the next one.
    fn sign_out(&mut self) {
        // A decision still held is the reviewer's: it is recorded before the session ends.
        self.send_held();
        if let (Some(id), Some(by)) = (self.open_case(), self.credential()) {
            self.send(Command::Release { id, by });
        }
        if let Some(s) = self.session.take() {
            self.send(Command::SignOut(s.token));
            self.sign_in = SignInForm::remembering(Some(s.account.name));
        }
        // Each screen's state starts afresh for the next account.
        self.review = ReviewState::default();
        self.case_screen = Default::default();
        self.screen = Screen::Queue;
        self.queues.kind = QueueKind::Review;
        self.queues.working = QueueKind::Review;
        self.queues.rows.remove(&QueueKind::Decided);
        self.accounts = AccountsState::default();
        self.audit = AuditState::default();
        self.stats = StatsState::default();
        self.qa.clear();
        self.qa_next = false;
        self.epoch += 1;
        // An answer still on its way was asked for by this account: it is dropped.
        self.stats_asked += 1;
        self.qa_asked += 1;
        self.notices.clear();
        self.send(Command::LoadStoreInfo);
    }

    fn global_keys(&mut self, ctx: &egui::Context) {
        if !ctx.text_edit_focused() && keys::pressed(ctx, Action::Undo) {
            self.undo();
        }
        if keys::pressed(ctx, Action::Help) {
            self.help = !self.help;
        }
        if keys::pressed(ctx, Action::OpenQueue) {
            self.screen = Screen::Queue;
            self.reload_queues();
        }
        if keys::pressed(ctx, Action::OpenAudit) && self.has_role(Role::Auditor) {
            self.screen = Screen::Audit;
            self.send(Command::LoadLog);
        }
        if keys::pressed(ctx, Action::OpenQa) && self.may_qa() {
            self.open_qa();
        }
        if keys::pressed(ctx, Action::Quit) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Carries out what a screen asked for.
    fn apply(&mut self, act: Act) {
        match act {
            Act::Decide(intent) => self.decide(intent),
            Act::Review { kind, id } => {
                self.queues.working = kind;
                self.open(id);
            }
            Act::LookAt(id) => self.look_at(id),
            Act::Back => self.screen = self.case_screen.leave(),
            Act::Reopen { id, reason } => {
                if let Some(by) = self.credential() {
                    self.send(Command::Reopen { id, reason, by });
                }
            }
            Act::LoadDemo => {
                self.status = Message::new("queue-loading-demo");
                self.send(Command::LoadDemo);
            }
            Act::SignIn { name, password } => self.request_sign_in(name, password),
            Act::ChangeAccount(change) => {
                if let Some(by) = self.credential() {
                    self.accounts.message = None;
                    self.send(Command::ChangeAccount { by, change });
                }
            }
            Act::Stats(StatsIntent::Load(range)) => {
                if let Some(by) = self.credential() {
                    self.stats_asked += 1;
                    let asked = self.stats_asked;
                    self.send(Command::LoadStats { by, range, asked });
                }
            }
            Act::Qa(intent) => self.qa_act(intent),
            Act::Packet { id, path } => {
                if let Some(by) = self.credential() {
                    let lang = self.lang;
                    self.send(Command::Packet { id, path, by, lang });
                }
            }
            Act::Audit(AuditIntent::Reload) => self.send(Command::LoadLog),
            Act::Audit(AuditIntent::Verify) => self.send(Command::Verify),
            Act::Audit(AuditIntent::Export(path, format)) => {
                if let Some(by) = self.credential() {
                    self.audit.progress = Some((0, self.audit.entries.len() as u64));
                    self.audit.message = None;
                    self.send(Command::Export { path, format, by });
                }
            }
        }
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("top").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(self.lang.text("app-title"));
                if self.is_demo_store() {
                    sign_in::demo_badge(ui, self.lang);
                }
                ui.separator();
                let n = self
                    .queues
                    .rows
                    .get(&QueueKind::Review)
                    .map_or(0, |r| r.len());
                if self.has_role(Role::Reviewer)
                    && ui
                        .selectable_label(
                            self.screen == Screen::Queue && self.queues.kind == QueueKind::Review,
                            self.lang.text_with("tab-queue", &[("count", n.into())]),
                        )
                        .on_hover_text(keys::hint(Action::OpenQueue, ui.ctx(), self.lang))
                        .clicked()
                {
                    self.screen = Screen::Queue;
                    self.queues.kind = QueueKind::Review;
                    self.reload_queues();
                }
                if self.has_role(Role::Fraud) {
                    let f = self
                        .queues
                        .rows
                        .get(&QueueKind::Fraud)
                        .map_or(0, |r| r.len());
                    if ui
                        .selectable_label(
                            self.screen == Screen::Queue && self.queues.kind == QueueKind::Fraud,
                            self.lang.text_with("tab-fraud", &[("count", f.into())]),
                        )
                        .clicked()
                    {
                        self.screen = Screen::Queue;
                        self.queues.kind = QueueKind::Fraud;
                        self.reload_queues();
                    }
                }
                // Auditors look at decided cases too: their evidence packets are written there.
                if self.has_role(Role::Reviewer)
                    || self.has_role(Role::Fraud)
                    || self.has_role(Role::Supervisor)
                    || self.has_role(Role::Auditor)
                {
                    let n = self.queues.rows.get(&QueueKind::Decided).map(|r| r.len());
                    let label = match n {
                        Some(n) => self.lang.text_with("tab-decided", &[("count", n.into())]),
                        None => self.lang.text("tab-decided-unloaded"),
                    };
                    if ui
                        .selectable_label(
                            self.screen == Screen::Queue && self.queues.kind == QueueKind::Decided,
                            label,
                        )
                        .clicked()
                    {
                        self.screen = Screen::Queue;
                        self.queues.kind = QueueKind::Decided;
                        self.send(Command::LoadQueue(QueueKind::Decided));
                    }
                }
                let has_case = self.review.current.is_some() || self.review.waiting_for.is_some();
                if has_case
                    && ui
                        .selectable_label(
                            self.screen == Screen::Review,
                            self.lang.text("tab-review"),
                        )
                        .clicked()
                {
                    self.screen = Screen::Review;
                }
                if self.has_role(Role::Auditor)
                    && ui
                        .selectable_label(self.screen == Screen::Audit, self.lang.text("tab-audit"))
                        .on_hover_text(keys::hint(Action::OpenAudit, ui.ctx(), self.lang))
                        .clicked()
                {
                    self.screen = Screen::Audit;
                    self.send(Command::LoadLog);
                }
                if self.may_qa() {
                    let label = match self.qa.waiting() {
                        Some(n) => self.lang.text_with("tab-qa", &[("count", n.into())]),
                        None => self.lang.text("tab-qa-unloaded"),
                    };
                    if ui
                        .selectable_label(self.screen == Screen::Qa, label)
                        .on_hover_text(keys::hint(Action::OpenQa, ui.ctx(), self.lang))
                        .clicked()
                    {
                        self.open_qa();
                    }
                }
                if self.session.is_some()
                    && ui
                        .selectable_label(self.screen == Screen::Stats, self.lang.text("tab-stats"))
                        .clicked()
                {
                    self.open_stats();
                }
                if self.has_role(Role::Admin)
                    && ui
                        .selectable_label(
                            self.screen == Screen::Accounts,
                            self.lang.text("tab-accounts"),
                        )
                        .clicked()
                {
                    self.screen = Screen::Accounts;
                    self.send(Command::LoadAccounts);
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button(self.lang.text("shortcuts-button")).clicked() {
                        self.help = !self.help;
                    }
                    self.language_switch(ui);
                    if let Some(a) = self.account() {
                        let label = self
                            .lang
                            .text_with("sign-out-button", &[("name", a.name.as_str().into())]);
                        let roles = a.roles.to_string();
                        if ui
                            .button(label)
                            .on_hover_text(
                                self.lang
                                    .text_with("sign-out-hover", &[("roles", roles.into())]),
                            )
                            .clicked()
                        {
                            self.sign_out();
                        }
                    }
                });
            });
        });
    }

    /// The conflicts to read, each with its own button to dismiss it.
    fn notice_bar(&mut self, ui: &mut egui::Ui) {
        if self.notices.is_empty() {
            return;
        }
        let mut dismissed = None;
        egui::Panel::top("notices")
            .frame(
                egui::Frame::side_top_panel(ui.style())
                    .fill(Color32::from_rgb(90, 40, 20))
                    .stroke(egui::Stroke::new(1.0, Color32::from_rgb(230, 120, 60))),
            )
            .show(ui, |ui| {
                for (i, n) in self.notices.iter().enumerate() {
                    ui.horizontal_wrapped(|ui| {
                        if ui.button(self.lang.text("notice-dismiss")).clicked() {
                            dismissed = Some(i);
                        }
                        let text = n.render(self.lang);
                        ui.label(RichText::new(text).color(Color32::WHITE).strong());
                    });
                }
            });
        if let Some(i) = dismissed {
            self.notices.remove(i);
        }
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            if self.chosen_lang != self.lang {
                ui.colored_label(
                    Color32::from_rgb(230, 170, 50),
                    self.lang.text("font-missing"),
                );
            }
            if let Some(why) = &self.connection {
                ui.colored_label(
                    Color32::from_rgb(230, 170, 50),
                    self.lang
                        .text_with("connection-lost", &[("error", why.as_str().into())]),
                );
            }
            if let Some((id, left)) = self.held_decision() {
                ui.colored_label(
                    Color32::from_rgb(120, 180, 255),
                    self.lang.text_with(
                        "decision-held",
                        &[
                            ("id", id.as_str().into()),
                            ("seconds", (left.as_secs() as usize + 1).into()),
                        ],
                    ),
                );
            }
            ui.horizontal(|ui| {
                ui.label(self.status.render(self.lang));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if let Some(f) = self.frame_times.median() {
                        ui.label(
                            RichText::new(self.lang.text_with(
                                "status-frame",
                                &[("ms", format!("{:.1}", f.as_secs_f64() * 1000.0).into())],
                            ))
                            .small(),
                        );
                    }
                    if let Some(latency) = self.latency_text(self.lang) {
                        ui.label(RichText::new(latency).small());
                    }
                });
            });
        });
    }

    fn queue_screen(&mut self, ui: &mut egui::Ui) -> Option<Act> {
        let mut act = None;
        egui::CentralPanel::default().show(ui, |ui| {
            if !self.queues.loaded {
                ui.spinner();
                return;
            }
            let kind = self.queues.kind;
            let rows = self.queues.rows.get(&kind).cloned().unwrap_or_default();
            if rows.is_empty() && kind == QueueKind::Review {
                ui.add_space(40.0);
                ui.vertical_centered(|ui| {
                    ui.heading(self.lang.text("queue-empty-title"));
                    let dir = self.opts.location.to_string();
                    ui.label(
                        self.lang
                            .text_with("queue-empty-explain", &[("dir", dir.into())]),
                    );
                    if ui.button(self.lang.text("queue-load-demo")).clicked() {
                        act = Some(Act::LoadDemo);
                    }
                });
                return;
            }
            if keys::pressed(ui.ctx(), Action::Search) && !ui.ctx().text_edit_focused() {
                self.queues.filters.focus_search = true;
            }
            self.queues.visible.update(&rows, &self.queues.filters);
            let mut open_first = queue_view::filter_bar(
                ui,
                &mut self.queues.filters,
                &self.queues.visible,
                self.lang,
            );
            let visible = &self.queues.visible.indices;
            ui.horizontal(|ui| {
                let count = [
                    ("shown", visible.len().into()),
                    ("total", rows.len().into()),
                ];
                ui.label(self.lang.text_with("queue-count", &count));
                let start = egui::Button::new(self.lang.text("queue-start"));
                open_first |= ui
                    .add_enabled(!visible.is_empty() && self.session.is_some(), start)
                    .on_hover_text(self.lang.text("queue-start-hint"))
                    .clicked();
            });
            open_first |=
                !ui.ctx().text_edit_focused() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let now = chrono::Utc::now();
            let me = self.account().map(Account::skeleton);
            let clicked = queue_view::table(ui, &rows, visible, now, me.as_deref(), self.lang);
            let target = clicked.or_else(|| {
                open_first
                    .then(|| self.order(kind).into_iter().next())
                    .flatten()
            });
            act = target.map(|id| match kind {
                // Decided cases are looked at, never claimed.
                QueueKind::Decided => Act::LookAt(id),
                _ => Act::Review { kind, id },
            });
        });
        act
    }

    fn review_keys(&mut self, ctx: &egui::Context) -> Vec<Act> {
        let Some(cur) = &self.review.current else {
            return Vec::new();
        };
        let escalated = matches!(cur.case.record.status, CaseStatus::Escalated { .. });
        let (intent, related) = review::deciding_keys(
            ctx,
            &mut self.review.draft,
            &mut self.review.layout,
            &cur.case,
            escalated,
        );
        related
            .map(Act::LookAt)
            .into_iter()
            .chain(intent.map(Act::Decide))
            .collect()
    }

    /// Opens case `id` read-only, beside the work: nothing is claimed (the opening is
    /// logged), Esc comes back.
    fn look_at(&mut self, id: String) {
        let Some(by) = self.credential() else {
            return;
        };
        self.case_screen.want(id.clone(), self.screen);
        self.screen = Screen::Case;
        self.send(Command::Open { id, by });
    }

    fn review_screen(&mut self, ui: &mut egui::Ui) -> Option<Act> {
        let fraud_role = self.has_role(Role::Fraud);
        let Some(cur) = &self.review.current else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.add_space(40.0);
                ui.vertical_centered(|ui| {
                    ui.spinner();
                    ui.label(self.review.waiting_for.as_ref().map_or(
                        self.lang.text("case-none"),
                        |id| {
                            self.lang
                                .text_with("case-opening", &[("id", id.as_str().into())])
                        },
                    ));
                });
            });
            return None;
        };
        let lang = self.lang;
        let record = &cur.case.record;
        let facts = decision::CaseFacts {
            fail_hints: record
                .hints
                .iter()
                .filter(|h| h.severity == Severity::Fail)
                .count(),
            escalated: matches!(record.status, CaseStatus::Escalated { .. }),
            checks_running: record.checks_running,
            fraud_role,
            applicant_locale: &record.submission.applicant_locale,
        };
        let claim = match self.review.claims.get(record.submission.id.as_str()) {
            Some((t, _)) => lang.text_with(
                "case-claimed-until",
                &[("time", t.format("%H:%M").to_string().into())],
            ),
            None => lang.text("case-claiming"),
        };
        let intent = review::deciding(
            ui,
            &cur.case,
            &mut self.review.draft,
            &mut self.review.layout,
            &facts,
            lang,
            |ui, selected| review::details(ui, &cur.case, &claim, selected, true, lang),
        );
        intent.map(Act::Decide)
    }

    fn audit_screen(&mut self, ui: &mut egui::Ui) -> Option<Act> {
        egui::CentralPanel::default()
            .show(ui, |ui| {
                ui.heading(self.lang.text("audit-title"));
                audit_view::show(ui, &mut self.audit, self.lang).map(Act::Audit)
            })
            .inner
    }

    fn stats_screen(&mut self, ui: &mut egui::Ui) -> Option<Act> {
        egui::CentralPanel::default()
            .show(ui, |ui| {
                ui.heading(self.lang.text("stats-title"));
                stats_view::show(ui, &mut self.stats, self.lang).map(Act::Stats)
            })
            .inner
    }

    /// Whether the account reviews blind (reviewers, supervisors) or reads the agreement
    /// report (supervisors, auditors).
    fn may_qa(&self) -> bool {
        [Role::Reviewer, Role::Supervisor, Role::Auditor]
            .into_iter()
            .any(|r| self.has_role(r))
    }

    /// The QA screen, its queue and report loaded afresh.
    fn open_qa(&mut self) {
        self.screen = Screen::Qa;
        if self.qa.current.is_none() && self.qa.waiting_for.is_none() {
            self.load_qa();
        }
    }

    fn load_qa(&mut self) {
        let Some(by) = self.credential() else {
            return;
        };
        self.qa_asked += 1;
        let report = self.has_role(Role::Supervisor) || self.has_role(Role::Auditor);
        let reviews = self.has_role(Role::Reviewer) || self.has_role(Role::Supervisor);
        if !reviews {
            // An auditor reads the report only: there is no queue to review.
            self.qa.queue = Some(Ok(Vec::new()));
        }
        self.send(Command::LoadQa {
            by,
            queue: reviews,
            report,
            asked: self.qa_asked,
        });
    }

    fn qa_act(&mut self, intent: QaIntent) {
        match intent {
            QaIntent::Reload => self.load_qa(),
            QaIntent::Open(id) => {
                if let Some(by) = self.credential() {
                    self.qa.waiting_for = Some(id.clone());
                    self.send(Command::OpenForQa { id, by });
                }
            }
            QaIntent::LookAt(id) => self.look_at(id),
            QaIntent::Sample(rate) => {
                if let Some(by) = self.credential() {
                    let epoch = self.epoch;
                    self.send(Command::QaSample { by, rate, epoch });
                }
            }
            QaIntent::Reopen { id, reason } => {
                self.qa.reopened.insert(id.clone());
                self.apply(Act::Reopen { id, reason });
            }
            QaIntent::Decide(intent) => {
                let (Some((case, opened)), Some(by)) = (&self.qa.current, self.credential()) else {
                    return;
                };
                let Some(verdict) = intent.verdict() else {
                    // Skipped: back to the list, nothing recorded.
                    self.qa.leave_case(false);
                    self.load_qa();
                    return;
                };
                let request = DecisionRequest {
                    case_id: case.record.submission.id.to_string(),
                    by,
                    verdict,
                    note: self.qa.draft.note.trim().to_owned(),
                    handling_ms: Some(opened.elapsed().as_millis() as u64),
                    despite_running_checks: false,
                };
                self.qa.leave_case(true);
                self.send(Command::QaReview {
                    request,
                    epoch: self.epoch,
                });
            }
        }
    }

    /// The Statistics screen, on the last 30 days the first time.
    fn open_stats(&mut self) {
        self.screen = Screen::Stats;
        if self.stats.shown.is_none() && !self.stats.loading {
            let today = chrono::Utc::now().date_naive();
            self.stats.from = (today - chrono::Duration::days(29)).to_string();
            self.stats.until = today.to_string();
            self.stats.loading = true;
            let range = self.stats.range();
            self.apply(Act::Stats(StatsIntent::Load(range)));
        }
    }

    fn accounts_screen(&mut self, ui: &mut egui::Ui) -> Option<Act> {
        let admin = self.has_role(Role::Admin);
        egui::CentralPanel::default()
            .show(ui, |ui| {
                admin
                    .then(|| self.accounts.show(ui, self.lang).map(Act::ChangeAccount))
                    .flatten()
            })
            .inner
    }

    fn cheat_sheet(&mut self, ctx: &egui::Context) {
        let mut open = self.help;
        egui::Window::new(self.lang.text("cheat-sheet"))
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("keys").striped(true).show(ui, |ui| {
                    for b in keys::BINDINGS {
                        ui.label(
                            RichText::new(ctx.format_shortcut(&b.shortcut))
                                .monospace()
                                .color(Color32::from_rgb(120, 180, 255)),
                        );
                        ui.label(self.lang.text(b.what));
                        ui.end_row();
                    }
                });
            });
        self.help = open;
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let name = self
            .account()
            .map(|a| a.name.clone())
            .unwrap_or_else(|| self.sign_in.name.trim().to_owned());
        if !name.is_empty() {
            eframe::set_value(storage, REMEMBERED_NAME, &name);
        }
        eframe::set_value(storage, REMEMBERED_LANGUAGES, &self.languages);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.sign_out();
        // The held decision was just sent: see it recorded before the process ends.
        if let Some(w) = self.worker.take() {
            w.finish(EXIT_GRACE);
        }
        // The status bar's figure, for the record of whoever started the window.
        if let Some(latency) = self.latency_text(Lang::En) {
            println!("{latency}");
        }
    }
}

/// Whether this machine has a CJK font for Japanese.
pub fn cjk_font_installed() -> bool {
    crate::i18n::cjk_font_path().is_some()
}

/// Opens the window and runs until it is closed.
pub fn run(opts: Options) -> Result<(), eframe::Error> {
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Vigil")
            .with_inner_size([1480.0, 920.0])
            .with_min_inner_size([900.0, 600.0]),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "Vigil",
        native,
        Box::new(|cc| Ok(Box::new(App::new(opts, cc.storage)))),
    )
}

/// What the window has said on standard output about its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Announced {
    Nothing,
    Ready,
    FirstCase,
}
