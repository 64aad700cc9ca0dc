//! The review screen's evidence: the image panes side by side, the data panel and the hints.

use super::evidence::{CaseImages, PaneImage};
use super::pane::{self, Region, ViewState};
use crate::hints::{Hint, Severity, Slot};
use crate::store::CaseRecord;
use eframe::egui::{self, Color32, Rect, RichText, vec2};
use std::collections::HashMap;

/// How the reviewer is looking at the open case.
#[derive(Debug, Default)]
pub struct Layout {
    pub views: HashMap<Slot, ViewState>,
    pub active: usize,
    pub enlarged: bool,
    pub compare: bool,
    pub facts_open: bool,
    pub selected_hint: Option<usize>,
}

impl Layout {
    pub fn view(&mut self, slot: Slot) -> &mut ViewState {
        self.views.entry(slot).or_default()
    }
}

pub fn severity_colour(s: Severity) -> Color32 {
    match s {
        Severity::Fail => Color32::from_rgb(230, 80, 70),
        Severity::Warn => Color32::from_rgb(230, 170, 50),
        Severity::Info => Color32::from_rgb(110, 160, 230),
    }
}

/// The hint's region on its image, from its evidence (`region: [x, y, w, h]`).
pub fn hint_region(h: &Hint) -> Option<(Slot, Region)> {
    let slot = h.slot?;
    let r = h.evidence.get("region")?.as_array()?;
    let v: Vec<f32> = r
        .iter()
        .filter_map(|x| x.as_f64())
        .map(|x| x as f32)
        .collect();
    match v.as_slice() {
        [x, y, w, h] => Some((slot, [*x, *y, *w, *h])),
        _ => None,
    }
}

/// Splits `rect` into the panes to show: everything, one enlarged, or a comparison.
fn pane_rects(rect: Rect, slots: &[Slot], layout: &Layout) -> Vec<(usize, Rect)> {
    let n = slots.len();
    if n == 0 {
        return Vec::new();
    }
    if layout.compare {
        let doc = slots.iter().position(|s| *s == Slot::DocumentFront);
        let selfie = slots.iter().position(|s| *s == Slot::Selfie);
        let picks: Vec<usize> = [doc, selfie].into_iter().flatten().collect();
        let w = rect.width() / picks.len().max(1) as f32;
        return picks
            .into_iter()
            .enumerate()
            .map(|(i, idx)| {
                (
                    idx,
                    Rect::from_min_size(rect.min + vec2(w * i as f32, 0.0), vec2(w, rect.height())),
                )
            })
            .collect();
    }
    if layout.enlarged {
        return vec![(layout.active.min(n - 1), rect)];
    }
    // Documents on top, the person below: the rows a reviewer compares.
    let (top, bottom): (Vec<usize>, Vec<usize>) =
        (0..n).partition(|i| matches!(slots[*i], Slot::DocumentFront | Slot::DocumentBack));
    let rows: Vec<Vec<usize>> = [top, bottom]
        .into_iter()
        .filter(|r| !r.is_empty())
        .collect();
    let h = rect.height() / rows.len() as f32;
    let mut out = Vec::new();
    for (ri, row) in rows.iter().enumerate() {
        let w = rect.width() / row.len() as f32;
        for (ci, idx) in row.iter().enumerate() {
            let min = rect.min + vec2(w * ci as f32, h * ri as f32);
            out.push((*idx, Rect::from_min_size(min, vec2(w, h)).shrink(2.0)));
        }
    }
    out
}

/// Draws the panes. Returns the index of a pane the reviewer clicked.
pub fn panes(
    ui: &mut egui::Ui,
    images: &CaseImages,
    hints: &[Hint],
    layout: &mut Layout,
) -> Option<usize> {
    let rect = ui.available_rect_before_wrap();
    ui.allocate_rect(rect, egui::Sense::hover());
    let slots: Vec<Slot> = images.panes.iter().map(|p| p.slot).collect();
    let selected_region = layout
        .selected_hint
        .and_then(|i| hints.get(i))
        .and_then(hint_region);
    let rects = pane_rects(rect, &slots, layout);
    // In comparison both sides share one scale, so sizes compare truly.
    let shared_zoom = if layout.compare {
        rects
            .iter()
            .filter_map(|(i, r)| match &images.panes[*i].view {
                super::evidence::ImageView::Shown(s) => {
                    Some(layout.view(images.panes[*i].slot).fit_scale(*r, s.size))
                }
                super::evidence::ImageView::Unavailable(_) => None,
            })
            .reduce(f32::min)
    } else {
        None
    };
    let mut clicked = None;
    for (idx, r) in rects {
        let image: &PaneImage = &images.panes[idx];
        let region = selected_region
            .filter(|(s, _)| *s == image.slot)
            .map(|(_, r)| r);
        let active = idx == layout.active;
        let view = layout.view(image.slot);
        if let Some(z) = shared_zoom
            && view.zoom.is_none()
        {
            view.zoom = Some(z);
        }
        let out = pane::show(ui, r, image, view, region, active);
        if out.response.clicked() || out.response.drag_started() {
            clicked = Some(idx);
        }
    }
    clicked
}

/// File facts and EXIF of the active image.
pub fn facts(ui: &mut egui::Ui, image: &PaneImage) {
    ui.label(RichText::new(format!("{} — {}", image.slot, image.name)).strong());
    egui::Grid::new("facts").striped(true).show(ui, |ui| {
        for (k, v) in &image.facts {
            ui.label(k);
            ui.label(RichText::new(v).monospace());
            ui.end_row();
        }
    });
}

/// Declared applicant and document data, and the MRZ as captured.
pub fn data_panel(ui: &mut egui::Ui, case: &CaseRecord) {
    let s = &case.submission;
    let a = &s.applicant;
    let d = &s.document;
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    egui::Grid::new("declared")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            let rows = [
                ("Surname", opt(&a.surname)),
                ("Given names", opt(&a.given_names)),
                (
                    "Date of birth",
                    a.date_of_birth.map_or("—".into(), |d| d.to_string()),
                ),
                ("Nationality", opt(&a.nationality)),
                ("Sex", a.sex.map_or("—".into(), |s| format!("{s:?}"))),
                ("Document", opt(&d.doc_type)),
                ("Issuing country", opt(&d.issuing_country)),
                ("Number", opt(&d.number)),
                (
                    "Expiry",
                    d.expiry_date.map_or("—".into(), |d| d.to_string()),
                ),
                ("Client", s.client.clone()),
                ("Applicant language", s.applicant_locale.clone()),
            ];
            for (k, v) in rows {
                ui.label(k);
                ui.label(v);
                ui.end_row();
            }
        });
    if let Some(mrz) = &d.mrz {
        ui.label(RichText::new("MRZ").small().strong());
        for line in mrz.lines() {
            ui.label(RichText::new(line).monospace());
        }
    }
    if !s.unknown_fields.is_empty() {
        ui.collapsing("Other fields", |ui| {
            for (k, v) in &s.unknown_fields {
                ui.label(format!("{k}: {v}"));
            }
        });
    }
    ui.label(
        RichText::new(format!("Policy: {}", case.policy))
            .small()
            .weak(),
    );
}

/// The case's hints, coloured by severity. Returns a hint whose suggestion the reviewer adopted.
pub fn hints_panel(
    ui: &mut egui::Ui,
    hints: &[Hint],
    selected: &mut Option<usize>,
) -> Option<usize> {
    let mut adopted = None;
    if hints.is_empty() {
        ui.weak("No automated hints.");
    }
    for (i, h) in hints.iter().enumerate() {
        let is_sel = *selected == Some(i);
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                severity_colour(h.severity),
                RichText::new(h.severity.code()).strong(),
            );
            let slot = h.slot.map(|s| format!(" [{s}]")).unwrap_or_default();
            let resp = ui.add(egui::Button::selectable(
                is_sel,
                format!("{}{slot}: {}", h.code, h.message),
            ));
            if resp.clicked() {
                *selected = if is_sel { None } else { Some(i) };
            }
            if let Some(r) = h.suggests
                && ui
                    .small_button(format!("use {}", r.code()))
                    .on_hover_text("Add this reason to the rejection (U)")
                    .clicked()
            {
                adopted = Some(i);
            }
        });
    }
    adopted
}
