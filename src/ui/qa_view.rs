//! The QA screen (TEAM.md "Team quality"): the cases waiting for a blind second review and,
//! for supervisors and auditors, how far second reviews agree with first decisions, with the
//! disagreements side by side. A case under blind review shows its evidence, data and hints,
//! and nothing of its decision: no status, log, escalation, note or reviewer (the store thread
//! does not even read its log).

use super::decision::{CaseFacts, Draft, Intent};
use super::keys::{self, Action};
use super::review::{self, Layout};
use super::worker::PreparedCase;
use crate::agreement::{Kappa, Pair, QaReport, Rating};
use crate::hints::Severity;
use crate::i18n::Lang;
use crate::qa::{Agreement, QaRate, Queued};
use eframe::egui::{self, Color32, Key, Modifiers, RichText};
use std::collections::HashSet;
use std::time::Instant;

#[derive(Default)]
pub struct QaState {
    pub queue: Option<Result<Vec<Queued>, String>>,
    pub report: Option<Result<Box<QaReport>, String>>,
    /// The case under blind review, and when it was shown.
    pub current: Option<(PreparedCase, Instant)>,
    /// The case asked for and not yet prepared.
    pub waiting_for: Option<String>,
    pub draft: Draft,
    pub layout: Layout,
    /// The disagreement the keyboard is on.
    pub selected: usize,
    /// Cases reopened from this screen, this session.
    pub reopened: HashSet<String>,
    /// Cases skipped or reviewed this session: not offered next again.
    pub passed: HashSet<String>,
    /// The sampling rate as typed by a supervisor; empty: each client's `qa_rate`.
    pub rate: String,
    pub sampling: bool,
}

/// What the screen asks the app to do.
pub enum QaIntent {
    Reload,
    Open(String),
    /// Decide on the case under review (a skip goes back to the list unrecorded).
    Decide(Intent),
    /// Sample the cases decided since the last sample (supervisors).
    Sample(Option<QaRate>),
    /// Reopen a case whose decision a second review disagreed with.
    Reopen {
        id: String,
        reason: String,
    },
    LookAt(String),
}

impl QaState {
    /// Forgets what the last account was shown.
    pub fn clear(&mut self) {
        *self = QaState::default();
    }

    pub fn waiting(&self) -> Option<usize> {
        self.queue.as_ref()?.as_ref().ok().map(Vec::len)
    }

    /// The first case of the queue not skipped or reviewed already.
    pub fn next(&self) -> Option<String> {
        let queue = self.queue.as_ref()?.as_ref().ok()?;
        queue
            .iter()
            .find(|q| !self.passed.contains(&q.case_id))
            .map(|q| q.case_id.clone())
    }

    pub fn wants(&self, id: &str) -> bool {
        self.waiting_for.as_deref() == Some(id)
    }

    pub fn arrived(&mut self, case: PreparedCase) {
        self.waiting_for = None;
        self.draft = Draft::default();
        self.layout.reset_view();
        self.current = Some((case, Instant::now()));
    }

    /// Back to the list: the case reviewed, skipped or refused; it is not offered next
    /// again, and a reviewed one leaves the list at once.
    pub fn leave_case(&mut self, reviewed: bool) {
        if let Some((case, _)) = self.current.take() {
            let id = case.record.submission.id.to_string();
            if reviewed && let Some(Ok(queue)) = &mut self.queue {
                queue.retain(|q| q.case_id != id);
            }
            self.passed.insert(id);
        }
        self.waiting_for = None;
        self.draft = Draft::default();
    }

    /// The keys of the screen, before it is drawn.
    pub fn keys(&mut self, ctx: &egui::Context, may_reopen: bool) -> Option<QaIntent> {
        if let Some((case, _)) = &self.current {
            // A case under blind review is never escalated on screen: its status is hidden.
            let (intent, related) =
                review::deciding_keys(ctx, &mut self.draft, &mut self.layout, case, false);
            return intent
                .map(QaIntent::Decide)
                .or(related.map(QaIntent::LookAt));
        }
        // A focused button takes Enter and the arrows itself.
        let focused = ctx.memory(|m| m.focused().is_some());
        if self.waiting_for.is_some() || focused {
            return None;
        }
        // The plain key only: Shift+arrows pan, Shift+Enter is nothing here.
        let pressed =
            |k: Key| ctx.input_mut(|i| i.modifiers.is_none() && i.consume_key(Modifiers::NONE, k));
        if pressed(Key::Enter) {
            return self.next().map(QaIntent::Open);
        }
        let Some(Ok(report)) = &self.report else {
            return None;
        };
        let last = report.disagreements.len().saturating_sub(1);
        if pressed(Key::ArrowDown) {
            self.selected = (self.selected + 1).min(last);
        }
        if pressed(Key::ArrowUp) {
            self.selected = self.selected.saturating_sub(1);
        }
        self.selected = self.selected.min(last);
        if may_reopen && keys::pressed(ctx, Action::ReopenFromQa) {
            return report
                .disagreements
                .get(self.selected)
                .filter(|p| p.standing && !self.reopened.contains(&p.case_id))
                .map(reopening);
        }
        None
    }
}

/// The reopening of a disagreement's case, with the reason the log will carry.
fn reopening(p: &Pair) -> QaIntent {
    QaIntent::Reopen {
        id: p.case_id.clone(),
        reason: format!(
            "blind QA disagreed: entry {} ({}) against QA entry {} ({})",
            p.first.entry, p.first.outcome, p.second.entry, p.second.outcome
        ),
    }
}

/// The screen: the case under blind review, or the queue and the report.
pub fn show(
    ui: &mut egui::Ui,
    s: &mut QaState,
    fraud_role: bool,
    may_reopen: bool,
    lang: Lang,
) -> Option<QaIntent> {
    if let Some((case, _)) = &s.current {
        return blind_review(ui, case, &mut s.draft, &mut s.layout, fraud_role, lang);
    }
    egui::CentralPanel::default()
        .show(ui, |ui| {
            ui.heading(lang.text("qa-title"));
            ui.label(lang.text("qa-blind-explained"));
            if let Some(id) = &s.waiting_for {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(lang.text_with("case-opening", &[("id", id.as_str().into())]));
                });
                return None;
            }
            egui::ScrollArea::vertical()
                .show(ui, |ui| {
                    // Sampling is a supervisor's, as reopening is.
                    let sample = may_reopen.then(|| sample_row(ui, s, lang)).flatten();
                    let open = queue_list(ui, s, lang);
                    let report = report_section(ui, s, may_reopen, lang);
                    sample.or(open).or(report)
                })
                .inner
        })
        .inner
}

/// A supervisor's sampling: a rate, or each client's from the policy.
fn sample_row(ui: &mut egui::Ui, s: &mut QaState, lang: Lang) -> Option<QaIntent> {
    let mut intent = None;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(lang.text("qa-sample-rate"));
        ui.add(
            egui::TextEdit::singleline(&mut s.rate)
                .desired_width(60.0)
                .hint_text(lang.text("qa-sample-policy")),
        )
        .labelled_by(label.id);
        let rate = s.rate.trim();
        let parsed = (!rate.is_empty()).then(|| rate.parse::<QaRate>());
        match &parsed {
            Some(Err(e)) => {
                ui.colored_label(review::severity_colour(Severity::Fail), e);
            }
            _ if s.sampling => {
                ui.spinner();
            }
            _ => {
                if ui.button(lang.text("qa-sample")).clicked() {
                    s.sampling = true;
                    intent = Some(QaIntent::Sample(parsed.and_then(Result::ok)));
                }
            }
        }
    });
    intent
}

fn queue_list(ui: &mut egui::Ui, s: &QaState, lang: Lang) -> Option<QaIntent> {
    let mut intent = None;
    ui.separator();
    match &s.queue {
        None => {
            ui.spinner();
        }
        Some(Err(e)) => {
            ui.colored_label(review::severity_colour(Severity::Fail), e);
        }
        Some(Ok(queue)) => {
            ui.horizontal(|ui| {
                ui.strong(lang.text_with("qa-queue", &[("count", queue.len().into())]));
                if ui.button(lang.text("qa-reload")).clicked() {
                    intent = Some(QaIntent::Reload);
                }
                if !queue.is_empty() && ui.button(lang.text("qa-review-next")).clicked() {
                    intent = s.next().map(QaIntent::Open);
                }
            });
            if queue.is_empty() {
                ui.weak(lang.text("qa-queue-empty"));
            }
            egui::Grid::new("qa-queue")
                .striped(true)
                .num_columns(4)
                .show(ui, |ui| {
                    for q in queue.iter().take(200) {
                        ui.monospace(q.case_id.as_str());
                        ui.label(q.client.as_str());
                        ui.label(format!(
                            "{} {}",
                            lang.date(q.submitted_at.date_naive()),
                            q.submitted_at.format("%H:%M UTC")
                        ));
                        if ui.small_button(lang.text("qa-review")).clicked() {
                            intent = Some(QaIntent::Open(q.case_id.clone()));
                        }
                        ui.end_row();
                    }
                });
        }
    }
    intent
}

fn kappa_line(k: &Kappa, lang: Lang) -> String {
    let kappa = k
        .kappa
        .map_or_else(|| lang.text("qa-kappa-undefined"), |v| format!("{v:.3}"));
    lang.text_with(
        "qa-kappa",
        &[
            ("kappa", kappa.into()),
            ("observed", format!("{:.1}", k.observed * 100.0).into()),
            ("expected", format!("{:.1}", k.expected * 100.0).into()),
            ("count", (k.items as usize).into()),
        ],
    )
}

fn report_section(
    ui: &mut egui::Ui,
    s: &mut QaState,
    may_reopen: bool,
    lang: Lang,
) -> Option<QaIntent> {
    let report = match &s.report {
        None => return None,
        Some(Err(e)) => {
            ui.colored_label(review::severity_colour(Severity::Fail), e);
            return None;
        }
        Some(Ok(r)) => r,
    };
    ui.add_space(8.0);
    ui.separator();
    ui.heading(lang.text("qa-report-title"));
    ui.label(RichText::new(lang.text("qa-outcome")).strong());
    ui.label(kappa_line(&report.overall, lang));
    if !report.by_category.is_empty() {
        ui.label(RichText::new(lang.text("qa-by-category")).strong());
        egui::Grid::new("qa-categories")
            .striped(true)
            .show(ui, |ui| {
                for c in &report.by_category {
                    ui.label(lang.category(c.category));
                    ui.label(kappa_line(&c.kappa, lang));
                    ui.end_row();
                }
            });
    }
    if !report.by_pair.is_empty() {
        ui.label(RichText::new(lang.text("qa-by-pair")).strong());
        egui::Grid::new("qa-pairs").striped(true).show(ui, |ui| {
            for p in &report.by_pair {
                ui.label(format!("{} + {}", p.reviewers[0], p.reviewers[1]));
                ui.label(kappa_line(&p.kappa, lang));
                ui.end_row();
            }
        });
    }
    ui.label(
        RichText::new(lang.text_with(
            "qa-disagreements",
            &[("count", report.disagreements.len().into())],
        ))
        .strong(),
    );
    if report.disagreements.is_empty() {
        return None;
    }
    if may_reopen {
        ui.weak(lang.text_with(
            "qa-reopen-how",
            &[("key", keys::shortcut(Action::ReopenFromQa, ui.ctx()).into())],
        ));
    }
    let mut intent = None;
    egui::Grid::new("qa-disagreements")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            ui.strong(lang.text("qa-case"));
            ui.strong(lang.text("qa-first"));
            ui.strong(lang.text("qa-second"));
            ui.label("");
            ui.label("");
            ui.end_row();
            for (i, p) in report.disagreements.iter().enumerate() {
                let id = RichText::new(p.case_id.as_str()).monospace();
                if ui.selectable_label(i == s.selected, id).clicked() {
                    s.selected = i;
                }
                rating(ui, &p.first, lang);
                rating(ui, &p.second, lang);
                ui.label(match p.agreement {
                    Agreement::OtherOutcome => lang.text("qa-other-outcome"),
                    _ => lang.text("qa-other-reasons"),
                });
                if s.reopened.contains(&p.case_id) || !p.standing {
                    // Reopened since: reopening again would undo a later decision.
                    ui.weak(lang.text("qa-reopened"));
                } else if may_reopen
                    && ui
                        .button(lang.text("qa-reopen"))
                        .on_hover_text(keys::hint(Action::ReopenFromQa, ui.ctx(), lang))
                        .clicked()
                {
                    s.selected = i;
                    intent = Some(reopening(p));
                } else {
                    ui.label("");
                }
                ui.end_row();
            }
        });
    intent
}

/// The width of one side of a disagreement.
const RATING_WIDTH: f32 = 200.0;

/// One side of a disagreement: who, what, why, their note.
fn rating(ui: &mut egui::Ui, r: &Rating, lang: Lang) {
    ui.vertical(|ui| {
        // Wide enough that an outcome or a reason never breaks inside a word; a long note
        // wraps.
        ui.set_min_width(RATING_WIDTH);
        ui.set_max_width(RATING_WIDTH * 1.5);
        ui.label(
            RichText::new(format!(
                "{} · {}",
                lang.text(&format!("outcome-{}", r.outcome)),
                r.reviewer
            ))
            .strong(),
        );
        for code in &r.reasons {
            ui.label(lang.reason_label(*code));
        }
        if !r.note.is_empty() {
            ui.weak(format!("\"{}\"", r.note));
        }
        ui.weak(format!("#{}", r.entry));
    });
}

/// A case under blind review: its evidence, data and hints, and the decision area.
fn blind_review(
    ui: &mut egui::Ui,
    case: &PreparedCase,
    draft: &mut Draft,
    layout: &mut Layout,
    fraud_role: bool,
    lang: Lang,
) -> Option<QaIntent> {
    let record = &case.record;
    let facts = CaseFacts {
        fail_hints: record
            .hints
            .iter()
            .filter(|h| h.severity == Severity::Fail)
            .count(),
        escalated: false,
        checks_running: record.checks_running,
        fraud_role,
        applicant_locale: &record.submission.applicant_locale,
    };
    review::deciding(ui, case, draft, layout, &facts, lang, |ui, selected| {
        ui.heading(lang.text_with(
            "qa-case-heading",
            &[("id", record.submission.id.as_str().into())],
        ));
        review::submitted(ui, record, lang);
        ui.colored_label(Color32::from_rgb(120, 170, 230), lang.text("qa-blind-note"));
        ui.separator();
        review::data_and_hints(ui, case, selected, true, lang)
    })
    .map(QaIntent::Decide)
}
