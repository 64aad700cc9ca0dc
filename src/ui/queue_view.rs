//! The queue: cases in review order with their age and hint counts, filters and search,
//! and a virtualised table that scrolls 100,000 rows smoothly.

use crate::store::CaseSummary;
use chrono::{DateTime, Utc};
use eframe::egui::{self, Color32, RichText};
use egui_extras::{Column, TableBuilder};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    #[default]
    All,
    Waiting,
    InReview,
}

#[derive(Debug, Default)]
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
        let q = self.search.trim().to_lowercase();
        let search_ok = q.is_empty()
            || c.id.to_lowercase().contains(&q)
            || c.applicant.to_lowercase().contains(&q)
            || c.document_number
                .as_deref()
                .is_some_and(|n| n.to_lowercase().contains(&q));
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

/// "3 h", "2 d": how long a case has waited.
pub fn age(submitted: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let m = (now - submitted).num_minutes().max(0);
    match m {
        0..60 => format!("{m} min"),
        60..2880 => format!("{} h", m / 60),
        _ => format!("{} d", m / 1440),
    }
}

fn choice(ui: &mut egui::Ui, label: &str, current: &mut Option<String>, options: &[String]) {
    egui::ComboBox::from_label(label)
        .selected_text(current.clone().unwrap_or_else(|| "all".into()))
        .show_ui(ui, |ui| {
            ui.selectable_value(current, None, "all");
            for o in options {
                ui.selectable_value(current, Some(o.clone()), o);
            }
        });
}

/// The filter bar. Returns true when the search asks to open the first match (Enter).
pub fn filter_bar(ui: &mut egui::Ui, f: &mut Filters, rows: &[CaseSummary]) -> bool {
    let mut clients: Vec<String> = rows.iter().map(|r| r.client.clone()).collect();
    clients.sort();
    clients.dedup();
    let mut countries: Vec<String> = rows
        .iter()
        .filter_map(|r| r.issuing_country.clone())
        .collect();
    countries.sort();
    countries.dedup();
    let mut open_first = false;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Search");
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut f.search)
                    .hint_text("id, name or document number (/)")
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut f.focus_search) {
            search.request_focus();
        }
        open_first = search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        egui::ComboBox::from_label("Status")
            .selected_text(match f.status {
                StatusFilter::All => "all",
                StatusFilter::Waiting => "waiting",
                StatusFilter::InReview => "in review",
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.status, StatusFilter::All, "all");
                ui.selectable_value(&mut f.status, StatusFilter::Waiting, "waiting");
                ui.selectable_value(&mut f.status, StatusFilter::InReview, "in review");
            });
        ui.checkbox(&mut f.fail_only, "Has fail hints");
        choice(ui, "Client", &mut f.client, &clients);
        choice(ui, "Country", &mut f.country, &countries);
    });
    open_first
}

/// The table of `rows` (already filtered). Returns the id of a row the reviewer opened.
pub fn table(ui: &mut egui::Ui, rows: &[&CaseSummary], now: DateTime<Utc>) -> Option<String> {
    let mut opened = None;
    let text_height = egui::TextStyle::Body.resolve(ui.style()).size + 6.0;
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .column(Column::auto().at_least(150.0))
        .column(Column::auto().at_least(60.0))
        .column(Column::auto().at_least(180.0))
        .column(Column::auto().at_least(140.0))
        .column(Column::auto().at_least(110.0))
        .column(Column::auto().at_least(90.0))
        .column(Column::remainder())
        .header(22.0, |mut h| {
            for title in [
                "Case",
                "Age",
                "Applicant",
                "Document",
                "Hints",
                "Status",
                "Claimed by",
            ] {
                h.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(text_height, rows.len(), |mut row| {
                let c = rows[row.index()];
                row.col(|ui| {
                    ui.label(RichText::new(&c.id).monospace());
                });
                row.col(|ui| {
                    ui.label(age(c.submitted_at, now));
                });
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
                    hint_counts(ui, c);
                });
                row.col(|ui| {
                    ui.label(if c.claimed_by.is_some() {
                        "in review"
                    } else {
                        c.status
                    });
                });
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

fn hint_counts(ui: &mut egui::Ui, c: &CaseSummary) {
    let h = c.hints;
    if h.fail > 0 {
        ui.colored_label(Color32::from_rgb(230, 80, 70), format!("{} fail", h.fail));
    }
    if h.warn > 0 {
        ui.colored_label(Color32::from_rgb(230, 170, 50), format!("{} warn", h.warn));
    }
    if h.info > 0 {
        ui.colored_label(Color32::from_rgb(110, 160, 230), format!("{} info", h.info));
    }
    if h.fail + h.warn + h.info == 0 {
        ui.weak("none");
    }
}
