//! The audit view: the decision log with filters, export through a native save dialog with
//! progress, and the result of `audit verify`.

use crate::decision_log::{ChainSummary, LogEntry};
use crate::export::Format;
use crate::i18n::Lang;
use crate::taxonomy::Outcome;
use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

#[derive(Default)]
pub struct AuditState {
    pub entries: Vec<LogEntry>,
    pub filter: String,
    pub outcome: Option<Outcome>,
    pub export_path: String,
    pub progress: Option<(u64, u64)>,
    pub message: Option<String>,
    pub verified: Option<Result<ChainSummary, String>>,
    dialog: Option<(Format, Receiver<Option<PathBuf>>)>,
}

/// What the view asks the app to do.
pub enum AuditIntent {
    Reload,
    Export(PathBuf, Format),
    Verify,
}

impl AuditState {
    fn matches(&self, e: &LogEntry) -> bool {
        let q = self.filter.trim().to_lowercase();
        self.outcome.is_none_or(|o| Some(o) == e.outcome)
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
    match &s.verified {
        Some(Ok(v)) => {
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
        Some(Err(e)) => {
            ui.colored_label(
                egui::Color32::from_rgb(230, 80, 70),
                lang.text_with("audit-broken", &[("error", e.as_str().into())]),
            );
        }
        None => {}
    }
    ui.horizontal(|ui| {
        let l = ui.label(lang.text("audit-filter"));
        ui.add(egui::TextEdit::singleline(&mut s.filter).hint_text(lang.text("audit-filter-hint")))
            .labelled_by(l.id);
        egui::ComboBox::from_label(lang.text("audit-outcome"))
            .selected_text(s.outcome.map_or("all", |o| o.code()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut s.outcome, None, "all");
                for o in Outcome::ALL {
                    ui.selectable_value(&mut s.outcome, Some(o), o.code());
                }
            });
    });
    let rows: Vec<&LogEntry> = s.entries.iter().rev().filter(|e| s.matches(e)).collect();
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
    TableBuilder::new(ui)
        .striped(true)
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
                let cells = [
                    e.seq.to_string(),
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
                for c in cells {
                    row.col(|ui| {
                        ui.label(c);
                    });
                }
            });
        });
    intent
}
