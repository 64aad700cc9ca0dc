//! The queue: cases in review order with their age and hint counts, filters and search,
//! and a virtualised table that scrolls 100,000 rows smoothly.

use super::review::severity_colour;
use crate::accounts::reads_as;
use crate::hints::Severity;
use crate::i18n::Lang;
use crate::search::fold;
use crate::sla::Standing;
use crate::store::CaseSummary;
use chrono::{DateTime, Utc};
use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    #[default]
    All,
    Waiting,
    InReview,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub search: String,
    pub status: StatusFilter,
    pub fail_only: bool,
    pub client: Option<String>,
    pub country: Option<String>,
    pub focus_search: bool,
}

impl Filters {
    pub fn matches(&self, c: &CaseSummary) -> bool {
        let status_ok = match self.status {
            StatusFilter::All => true,
            StatusFilter::Waiting => c.claimed_by.is_none(),
            StatusFilter::InReview => c.claimed_by.is_some(),
        };
        let q = fold(self.search.trim());
        let search_ok = q.is_empty()
            || fold(&c.id).contains(&q)
            || fold(&c.applicant).contains(&q)
            || c.document_number
                .as_deref()
                .is_some_and(|n| fold(n).contains(&q));
        status_ok
            && search_ok
            && (!self.fail_only || c.hints.fail > 0)
            && self.client.as_ref().is_none_or(|cl| *cl == c.client)
            && self
                .country
                .as_ref()
                .is_none_or(|co| c.issuing_country.as_ref() == Some(co))
    }
}

/// The filtered view of a queue, recomputed only when the rows or the filters change: with
/// 100,000 cases, filtering every frame would cost more than drawing.
#[derive(Default)]
pub struct Visible {
    rows: Option<Arc<Vec<CaseSummary>>>,
    filters: Filters,
    pub indices: Vec<usize>,
    pub clients: Vec<String>,
    pub countries: Vec<String>,
}

impl Visible {
    pub fn update(&mut self, rows: &Arc<Vec<CaseSummary>>, f: &Filters) {
        let same_rows = self.rows.as_ref().is_some_and(|r| Arc::ptr_eq(r, rows));
        if !same_rows {
            self.clients = distinct(rows.iter().map(|r| r.client.clone()));
            self.countries = distinct(rows.iter().filter_map(|r| r.issuing_country.clone()));
        }
        if !same_rows || self.filters != *f {
            self.indices = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| f.matches(r))
                .map(|(i, _)| i)
                .collect();
            self.filters = f.clone();
        }
        self.rows = Some(Arc::clone(rows));
    }
}

fn distinct(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = items.collect();
    v.sort();
    v.dedup();
    v
}

/// "3 h", "2 d": how long a case has waited.
pub fn age(submitted: DateTime<Utc>, now: DateTime<Utc>, lang: Lang) -> String {
    span(now - submitted, lang)
}

/// "40 min", "3 h", "2 d": a span of time, roughly.
fn span(d: chrono::Duration, lang: Lang) -> String {
    let m = d.num_minutes().max(0) as usize;
    let (key, n) = match m {
        0..60 => ("age-minutes", m),
        60..2880 => ("age-hours", m / 60),
        _ => ("age-days", m / 1440),
    };
    lang.text_with(key, &[("n", n.into())])
}

fn choice(
    ui: &mut egui::Ui,
    label: &str,
    current: &mut Option<String>,
    options: &[String],
    lang: Lang,
) {
    let all = lang.text("filter-all");
    egui::ComboBox::from_label(label)
        .selected_text(current.clone().unwrap_or_else(|| all.clone()))
        .show_ui(ui, |ui| {
            ui.selectable_value(current, None, all);
            for o in options {
                ui.selectable_value(current, Some(o.clone()), o);
            }
        });
}

/// The filter bar. Returns true when the search asks to open the first match (Enter).
pub fn filter_bar(ui: &mut egui::Ui, f: &mut Filters, v: &Visible, lang: Lang) -> bool {
    let (clients, countries) = (&v.clients, &v.countries);
    let mut open_first = false;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(lang.text("search"));
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut f.search)
                    .hint_text(lang.text("search-hint"))
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut f.focus_search) {
            search.request_focus();
        }
        open_first = search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let name = |s: StatusFilter| {
            lang.text(match s {
                StatusFilter::All => "filter-all",
                StatusFilter::Waiting => "filter-waiting",
                StatusFilter::InReview => "filter-in-review",
            })
        };
        egui::ComboBox::from_label(lang.text("filter-status"))
            .selected_text(name(f.status))
            .show_ui(ui, |ui| {
                for s in [
                    StatusFilter::All,
                    StatusFilter::Waiting,
                    StatusFilter::InReview,
                ] {
                    ui.selectable_value(&mut f.status, s, name(s));
                }
            });
        ui.checkbox(&mut f.fail_only, lang.text("filter-fail"));
        choice(
            ui,
            &lang.text("filter-client"),
            &mut f.client,
            clients,
            lang,
        );
        choice(
            ui,
            &lang.text("filter-country"),
            &mut f.country,
            countries,
            lang,
        );
    });
    open_first
}

/// Whether the account of name skeleton `me` sent the case to the fraud team: four eyes,
/// so not theirs to decide.
pub fn own_escalation(c: &CaseSummary, me: Option<&str>) -> bool {
    match (&c.escalated_by, me) {
        (Some(by), Some(me)) => reads_as(by, me),
        _ => false,
    }
}

/// The table of the `visible` rows (indices into `rows`), for the account of name skeleton
/// `me`. Returns the id of a row the reviewer opened.
pub fn table(
    ui: &mut egui::Ui,
    rows: &[CaseSummary],
    visible: &[usize],
    now: DateTime<Utc>,
    me: Option<&str>,
    lang: Lang,
) -> Option<String> {
    // The fraud queue says who escalated each case; the review queue has no escalator.
    let escalations = visible.iter().any(|i| rows[*i].escalated_by.is_some());
    // Due times, where a client has them (`sla_hours`).
    let due = visible.iter().any(|i| rows[*i].due_at.is_some());
    let mut opened = None;
    let text_height = egui::TextStyle::Body.resolve(ui.style()).size + 6.0;
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .column(Column::auto().at_least(150.0))
        .column(Column::auto().at_least(60.0))
        .columns(Column::auto().at_least(100.0), usize::from(due))
        .column(Column::auto().at_least(180.0))
        .column(Column::auto().at_least(140.0))
        .column(Column::auto().at_least(110.0))
        .column(Column::auto().at_least(90.0))
        .columns(Column::auto().at_least(120.0), usize::from(escalations))
        .column(Column::remainder())
        .header(22.0, |mut h| {
            let escalator = escalations.then_some("col-escalated-by");
            for key in ["col-case", "col-age"]
                .into_iter()
                .chain(due.then_some("col-due"))
                .chain(["col-applicant", "col-document", "col-hints", "col-status"])
                .chain(escalator)
                .chain(["col-claimed"])
            {
                h.col(|ui| {
                    ui.strong(lang.text(key));
                });
            }
        })
        .body(|body| {
            body.rows(text_height, visible.len(), |mut row| {
                let c = &rows[visible[row.index()]];
                row.col(|ui| {
                    ui.label(RichText::new(&c.id).monospace());
                });
                row.col(|ui| {
                    match (c.submitted_at, &c.problem) {
                        (Some(at), None) => ui.label(age(at, now, lang)),
                        (_, problem) => ui
                            .colored_label(
                                severity_colour(Severity::Fail),
                                lang.text("queue-unreadable"),
                            )
                            .on_hover_text(problem.as_deref().unwrap_or_default()),
                    };
                });
                if due {
                    row.col(|ui| {
                        if let Some(at) = c.due_at {
                            due_cell(ui, at, now, lang);
                        }
                    });
                }
                row.col(|ui| {
                    ui.label(&c.applicant);
                });
                row.col(|ui| {
                    ui.label(format!(
                        "{} · {}",
                        c.document_type.as_deref().unwrap_or("?"),
                        c.issuing_country.as_deref().unwrap_or("?")
                    ));
                });
                row.col(|ui| {
                    hint_counts(ui, c, lang);
                });
                row.col(|ui| {
                    let status = if c.claimed_by.is_some() {
                        "in_review"
                    } else {
                        c.status
                    };
                    ui.label(super::review::status_text(status, lang));
                });
                if escalations {
                    row.col(|ui| {
                        let by = c.escalated_by.as_deref().unwrap_or("");
                        if own_escalation(c, me) {
                            ui.weak(lang.text_with("queue-own-escalation", &[("name", by.into())]))
                                .on_hover_text(lang.text("queue-own-escalation-hover"));
                        } else {
                            ui.label(by);
                        }
                    });
                }
                row.col(|ui| {
                    ui.label(c.claimed_by.as_deref().unwrap_or(""));
                });
                if row.response().clicked() {
                    opened = Some(c.id.clone());
                }
            });
        });
    opened
}

/// When a case is due: plain while there is time, amber within the hour, red once overdue.
fn due_cell(ui: &mut egui::Ui, at: DateTime<Utc>, now: DateTime<Utc>, lang: Lang) {
    let hover = at.format("%Y-%m-%d %H:%M UTC").to_string();
    match crate::sla::standing(at, now) {
        Standing::Due(left) => {
            ui.label(lang.text_with("due-in", &[("time", span(left, lang).into())]))
        }
        Standing::Soon(left) => ui.colored_label(
            severity_colour(Severity::Warn),
            lang.text_with("due-in", &[("time", span(left, lang).into())]),
        ),
        Standing::Overdue(by) => ui.colored_label(
            severity_colour(Severity::Fail),
            RichText::new(lang.text_with("due-overdue", &[("time", span(by, lang).into())]))
                .strong(),
        ),
    }
    .on_hover_text(hover);
}

fn hint_counts(ui: &mut egui::Ui, c: &CaseSummary, lang: Lang) {
    let h = c.hints;
    for (n, key, colour) in [
        (h.fail, "hints-fail", Severity::Fail),
        (h.warn, "hints-warn", Severity::Warn),
        (h.info, "hints-info", Severity::Info),
    ] {
        if n > 0 {
            ui.colored_label(
                severity_colour(colour),
                lang.text_with(key, &[("count", (n as usize).into())]),
            );
        }
    }
    if c.checks_running {
        ui.weak(lang.text("hints-running"))
            .on_hover_text(lang.text("checks-running"));
    } else if h.fail + h.warn + h.info == 0 {
        ui.weak(lang.text("hints-none"));
    }
}
