//! The audit view: the decision log with filters, export through a native save dialog with
//! progress, and the result of `audit verify`.

use super::review::severity_colour;
use crate::account_log::{AccountFinding, Authority};
use crate::decision_log::LogEntry;
use crate::export::Format;
use crate::hints::Severity;
use crate::i18n::Lang;
use crate::lifecycle::{CaseStatus, Stored, Unexplained, UnexplainedClaim};
use crate::store::Audit;
use crate::taxonomy::Outcome;
use chrono::NaiveDate;
use eframe::egui::{self, Color32, RichText};
use egui_extras::{Column, TableBuilder};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

/// The most findings of each kind listed above the log: the rest are counted, and
/// `vigil audit verify` lists them all.
const FINDINGS_SHOWN: usize = 50;

#[derive(Default)]
pub struct AuditState {
    pub entries: Vec<LogEntry>,
    pub filter: String,
    pub outcome: Option<Outcome>,
    /// Claims, releases, openings and exports left out of the list.
    pub hide_access: bool,
    /// The decision-date range typed, as `YYYY-MM-DD`, both ends included.
    pub from: String,
    pub until: String,
    /// The entry opened whole, by sequence number.
    pub opened: Option<u64>,
    pub export_path: String,
    pub progress: Option<(u64, u64)>,
    pub message: Option<String>,
    /// The last `audit verify`: the chain and the cases it does not explain, or why the
    /// store could not be read.
    pub verified: Option<Result<Audit, String>>,
    dialog: Option<(Format, Receiver<Option<PathBuf>>)>,
}

/// What the view asks the app to do.
pub enum AuditIntent {
    Reload,
    Export(PathBuf, Format),
    Verify,
}

/// A typed date: None when empty, Err when it is not a date.
pub(super) fn typed_date(s: &str) -> Result<Option<NaiveDate>, ()> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ())
}

/// A labelled `YYYY-MM-DD` field, its text red while it is not a date.
pub(super) fn date_field(ui: &mut egui::Ui, label: String, text: &mut String) -> egui::Response {
    let l = ui.label(label);
    let bad = typed_date(text).is_err();
    let field = egui::TextEdit::singleline(text)
        .hint_text("YYYY-MM-DD")
        .desired_width(96.0)
        .text_color_opt(bad.then_some(severity_colour(Severity::Fail)));
    ui.add(field).labelled_by(l.id)
}

impl AuditState {
    /// The date range as typed; a side that is not a date does not filter (it is marked).
    fn range(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        (
            typed_date(&self.from).ok().flatten(),
            typed_date(&self.until).ok().flatten(),
        )
    }

    fn matches(&self, e: &LogEntry, (from, until): (Option<NaiveDate>, Option<NaiveDate>)) -> bool {
        let q = self.filter.trim().to_lowercase();
        let day = e.decided_at.date_naive();
        self.outcome.is_none_or(|o| Some(o) == e.outcome)
            && !(self.hide_access && e.kind.is_access())
            && from.is_none_or(|f| day >= f)
            && until.is_none_or(|u| day <= u)
            && (q.is_empty()
                || e.submission_id.to_lowercase().contains(&q)
                || e.reviewer.to_lowercase().contains(&q)
                || e.reasons.iter().any(|r| r.code().contains(&q)))
    }

    /// Opens the platform's save dialog on its own thread: it must not freeze the window.
    fn ask_path(&mut self, format: Format) {
        let (tx, rx) = channel();
        let name = match format {
            Format::Csv => "decision-log.csv",
            Format::Jsonl => "decision-log.jsonl",
        };
        std::thread::spawn(move || {
            let picked = rfd::FileDialog::new().set_file_name(name).save_file();
            let _ = tx.send(picked);
        });
        self.dialog = Some((format, rx));
    }
}

pub fn show(ui: &mut egui::Ui, s: &mut AuditState, lang: Lang) -> Option<AuditIntent> {
    let mut intent = None;
    if let Some((format, rx)) = &s.dialog
        && let Ok(picked) = rx.try_recv()
    {
        let format = *format;
        s.dialog = None;
        match picked {
            Some(p) => intent = Some(AuditIntent::Export(p, format)),
            None => s.message = Some(lang.text("audit-no-file")),
        }
    }
    ui.horizontal_wrapped(|ui| {
        if ui.button(lang.text("audit-reload")).clicked() {
            intent = Some(AuditIntent::Reload);
        }
        if ui.button(lang.text("audit-verify")).clicked() {
            intent = Some(AuditIntent::Verify);
        }
        ui.separator();
        for (label, format) in [
            ("audit-export-csv", Format::Csv),
            ("audit-export-jsonl", Format::Jsonl),
        ] {
            if ui.button(lang.text(label)).clicked() {
                s.ask_path(format);
            }
        }
        let path_label = ui.label(lang.text("audit-export-path"));
        ui.add(egui::TextEdit::singleline(&mut s.export_path).desired_width(240.0))
            .labelled_by(path_label.id);
        if ui.button(lang.text("audit-export-here")).clicked() && !s.export_path.trim().is_empty() {
            let p = PathBuf::from(s.export_path.trim());
            let format = if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
                Format::Csv
            } else {
                Format::Jsonl
            };
            intent = Some(AuditIntent::Export(p, format));
        }
    });
    if let Some((done, total)) = s.progress {
        let f = if total == 0 {
            1.0
        } else {
            done as f32 / total as f32
        };
        ui.add(egui::ProgressBar::new(f).text(lang.text_with(
            "audit-progress",
            &[
                ("done", (done as usize).into()),
                ("total", (total as usize).into()),
            ],
        )));
    }
    if let Some(m) = &s.message {
        ui.label(m);
    }
    let broken = |ui: &mut egui::Ui, error: &str| {
        ui.colored_label(
            severity_colour(Severity::Fail),
            lang.text_with("audit-broken", &[("error", error.into())]),
        );
    };
    match &s.verified {
        Some(Ok(audit)) => {
            match &audit.chain {
                Ok(v) => {
                    ui.colored_label(
                        egui::Color32::from_rgb(80, 190, 100),
                        lang.text_with(
                            "audit-intact",
                            &[
                                ("count", (v.entries as usize).into()),
                                ("head", v.head.as_str().into()),
                            ],
                        ),
                    );
                }
                Err(b) => broken(ui, &b.to_string()),
            }
            // Only the lines shown are said: this runs every frame, and a tampered store may
            // have thousands.
            let findings = [
                (
                    "audit-unexplained",
                    audit.unexplained.len(),
                    audit
                        .unexplained
                        .iter()
                        .take(FINDINGS_SHOWN)
                        .map(|u| unexplained_text(u, lang))
                        .collect::<Vec<_>>(),
                ),
                (
                    "audit-claims-unexplained",
                    audit.claims.len(),
                    audit
                        .claims
                        .iter()
                        .take(FINDINGS_SHOWN)
                        .map(|c| claim_text(c, lang))
                        .collect(),
                ),
                (
                    "audit-accounts-unexplained",
                    audit.accounts.len(),
                    audit
                        .accounts
                        .iter()
                        .take(FINDINGS_SHOWN)
                        .map(|a| account_text(a, lang))
                        .collect(),
                ),
                (
                    "audit-qa-unexplained",
                    audit.qa.len(),
                    audit
                        .qa
                        .iter()
                        .take(FINDINGS_SHOWN)
                        .map(|q| qa_text(q, lang))
                        .collect(),
                ),
            ];
            // Scrolled within a fifth of the screen: the log stays in view at 900 × 600.
            egui::ScrollArea::vertical()
                .id_salt("audit-findings")
                .max_height(ui.ctx().content_rect().height() / 5.0)
                .show(ui, |ui| {
                    for (key, total, lines) in findings.into_iter().filter(|(_, n, _)| *n > 0) {
                        ui.colored_label(
                            severity_colour(Severity::Fail),
                            lang.text_with(key, &[("count", total.into())]),
                        );
                        let more = total - lines.len();
                        for line in lines {
                            ui.label(line);
                        }
                        if more > 0 {
                            ui.weak(lang.text_with("audit-more", &[("count", more.into())]));
                        }
                    }
                });
        }
        Some(Err(e)) => broken(ui, e),
        None => {}
    }
    // Wrapped: at 900 px the filters take two lines.
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(lang.text("audit-filter"));
        ui.add(egui::TextEdit::singleline(&mut s.filter).hint_text(lang.text("audit-filter-hint")))
            .labelled_by(l.id);
        for (key, text) in [("audit-from", &mut s.from), ("audit-until", &mut s.until)] {
            date_field(ui, lang.text(key), text).on_hover_text(lang.text("audit-date-hint"));
        }
        egui::ComboBox::from_label(lang.text("audit-outcome"))
            .selected_text(s.outcome.map_or("all", |o| o.code()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut s.outcome, None, "all");
                for o in Outcome::ALL {
                    ui.selectable_value(&mut s.outcome, Some(o), o.code());
                }
            });
        ui.checkbox(&mut s.hide_access, lang.text("audit-hide-access"));
    });
    let range = s.range();
    let rows: Vec<&LogEntry> = s
        .entries
        .iter()
        .rev()
        .filter(|e| s.matches(e, range))
        .collect();
    ui.label(
        RichText::new(lang.text_with(
            "audit-shown",
            &[
                ("shown", rows.len().into()),
                ("total", s.entries.len().into()),
            ],
        ))
        .small(),
    );
    if let Some(seq) = s.opened
        && let Some(e) = s.entries.iter().find(|e| e.seq == seq)
    {
        let mut open = true;
        egui::Window::new(lang.text_with("audit-entry", &[("seq", (seq as usize).into())]))
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            .show(ui.ctx(), |ui| entry_details(ui, e, lang));
        // Esc closes it, as it leaves a case: the auditor reads entry after entry.
        if !open || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            s.opened = None;
        }
    }
    let mut opened = None;
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .column(Column::auto().at_least(50.0))
        .column(Column::auto().at_least(170.0))
        .column(Column::auto().at_least(150.0))
        .column(Column::auto().at_least(100.0))
        .column(Column::auto().at_least(80.0))
        .column(Column::auto().at_least(220.0))
        .column(Column::auto().at_least(70.0))
        .column(Column::remainder())
        .header(20.0, |mut h| {
            for t in [
                "col-seq",
                "col-decided",
                "col-case",
                "col-reviewer",
                "col-outcome",
                "col-reasons",
                "col-time",
                "col-hash",
            ] {
                h.col(|ui| {
                    ui.strong(lang.text(t));
                });
            }
        })
        .body(|body| {
            body.rows(20.0, rows.len(), |mut row| {
                let e = rows[row.index()];
                row.set_selected(s.opened == Some(e.seq));
                // The number is a button: Tab reaches every row, Enter opens it.
                row.col(|ui| {
                    // One line whatever the number's length: a wrapped one doubled the row.
                    let b = ui
                        .add(
                            egui::Button::new(format!("#{}", e.seq))
                                .small()
                                .wrap_mode(egui::TextWrapMode::Extend),
                        )
                        .on_hover_text(lang.text("audit-open-hint"));
                    if b.has_focus() {
                        ui.painter().rect_stroke(
                            b.rect.expand(2.0),
                            2.0,
                            egui::Stroke::new(2.0, Color32::from_rgb(90, 160, 255)),
                            egui::StrokeKind::Outside,
                        );
                    }
                    if b.clicked() {
                        opened = Some(e.seq);
                    }
                });
                let cells = [
                    e.decided_at.format("%Y-%m-%d %H:%M:%S").to_string(),
                    e.submission_id.clone(),
                    e.reviewer.clone(),
                    // A change of authority says what changed, where a decision has its outcome.
                    match e.outcome {
                        Some(o) => o.to_string(),
                        None => format!("{}: {} — {}", e.kind, e.subject, e.change),
                    },
                    e.reasons
                        .iter()
                        .map(|r| r.code())
                        .collect::<Vec<_>>()
                        .join(", "),
                    format!("{:.1} s", e.handling_ms as f64 / 1000.0),
                    e.hash[..16.min(e.hash.len())].to_owned(),
                ];
                // One line per row, as the table's fixed row height assumes: a long change
                // of authority is cut short (whole on hover, and in the opened entry).
                for c in cells {
                    row.col(|ui| {
                        ui.add(egui::Label::new(c).truncate());
                    });
                }
                if row.response().clicked() {
                    opened = Some(e.seq);
                }
            });
        });
    if opened.is_some() {
        s.opened = opened;
    }
    intent
}

/// Everything one log entry holds: the note, the applicant's message, the hints on screen,
/// and both hashes in full.
fn entry_details(ui: &mut egui::Ui, e: &LogEntry, lang: Lang) {
    egui::ScrollArea::vertical()
        .max_height(480.0)
        .show(ui, |ui| {
            egui::Grid::new("audit-entry")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    let mut row = |key: &str, value: String| {
                        ui.label(RichText::new(lang.text(key)).strong());
                        ui.add(egui::Label::new(value).wrap());
                        ui.end_row();
                    };
                    row("col-seq", e.seq.to_string());
                    row("audit-kind", e.kind.to_string());
                    row("col-decided", e.decided_at.to_rfc3339());
                    row("col-case", e.submission_id.clone());
                    row("col-reviewer", e.reviewer.clone());
                    if let Some(o) = e.outcome {
                        row("col-outcome", lang.text(&format!("outcome-{o}")));
                    } else {
                        row("audit-change", format!("{} — {}", e.subject, e.change));
                    }
                    let reasons: Vec<String> = e
                        .reasons
                        .iter()
                        .map(|r| format!("{} ({})", lang.reason_label(*r), r.code()))
                        .collect();
                    row("col-reasons", reasons.join("\n"));
                    row("audit-final", e.is_final.to_string());
                    if e.note_purged() {
                        row("note", lang.text("note-purged"));
                    } else {
                        row("note", e.note.clone());
                    }
                    let hints: Vec<&str> = e.hints.iter().map(|h| h.code()).collect();
                    row("audit-hints", hints.join(", "));
                    row(
                        "col-time",
                        format!("{:.1} s", e.handling_ms as f64 / 1000.0),
                    );
                    row(
                        "audit-message",
                        format!("[{}] {}", e.applicant_locale, e.applicant_message),
                    );
                    row("audit-prev-hash", e.prev_hash.clone());
                    row("col-hash", e.hash.clone());
                });
        });
}

/// One case the log does not explain, in the reviewer's language.
fn unexplained_text(u: &Unexplained, lang: Lang) -> String {
    let stored = match &u.stored {
        Stored::Status(status) => lang.text_with(
            "audit-stored-as",
            &[("status", status_label(status, lang).into())],
        ),
        Stored::Unreadable(why) => {
            lang.text_with("audit-stored-unreadable", &[("why", why.as_str().into())])
        }
        Stored::Absent => lang.text("audit-stored-absent"),
    };
    lang.text_with(
        "audit-unexplained-case",
        &[
            ("id", u.id.as_str().into()),
            ("stored", stored.into()),
            ("logged", status_label(&u.logged, lang).into()),
        ],
    )
}

/// One case whose live claim the log does not explain, in the reviewer's language.
fn claim_text(c: &UnexplainedClaim, lang: Lang) -> String {
    let side = |claim: &Option<(String, String)>| match claim {
        Some((by, until)) => lang.text_with(
            "audit-claim-held",
            &[
                ("name", by.as_str().into()),
                ("until", until.as_str().into()),
            ],
        ),
        None => lang.text("audit-claim-none"),
    };
    lang.text_with(
        "audit-unexplained-claim",
        &[
            ("id", c.id.as_str().into()),
            ("stored", side(&c.stored).into()),
            ("logged", side(&c.logged).into()),
        ],
    )
}

/// One case whose place in the QA queue the log does not explain, in the reviewer's language.
fn qa_text(q: &crate::qa::UnexplainedQa, lang: Lang) -> String {
    let side = |entry: Option<u64>| match entry {
        Some(n) => lang.text_with("audit-qa-waiting", &[("entry", n.to_string().into())]),
        None => lang.text("audit-qa-none"),
    };
    lang.text_with(
        "audit-unexplained-claim",
        &[
            ("id", q.case_id.as_str().into()),
            ("stored", side(q.stored).into()),
            ("logged", side(q.logged).into()),
        ],
    )
}

/// One account the log does not explain, in the reviewer's language.
fn account_text(a: &AccountFinding, lang: Lang) -> String {
    match a {
        AccountFinding::Differs {
            name,
            stored,
            logged,
        } => lang.text_with(
            "audit-account-differs",
            &[
                ("name", name.as_str().into()),
                ("stored", authority_text(stored.as_ref(), lang).into()),
                ("logged", authority_text(logged.as_ref(), lang).into()),
            ],
        ),
        AccountFinding::UnknownChange { name, seq, change } => lang.text_with(
            "audit-account-unknown",
            &[
                ("name", name.as_str().into()),
                ("seq", seq.to_string().into()),
                ("change", change.as_str().into()),
            ],
        ),
    }
}

fn authority_text(a: Option<&Authority>, lang: Lang) -> String {
    match a {
        None => lang.text("audit-authority-none"),
        Some(a) => {
            let key = if a.disabled {
                "audit-authority-disabled"
            } else {
                "audit-authority"
            };
            lang.text_with(key, &[("roles", a.roles.to_string().into())])
        }
    }
}

/// A status with who escalated it: the difference the four-eyes rule reads.
fn status_label(status: &CaseStatus, lang: Lang) -> String {
    match status {
        CaseStatus::Escalated { by } => {
            lang.text_with("audit-escalated-by", &[("name", by.as_str().into())])
        }
        other => super::review::status_text(other.code(), lang),
    }
}
