//! The review screen's evidence: the image panes side by side, the data panel and the hints.

use super::decision::{CaseFacts, Draft, Intent};
use super::evidence::{CaseImages, FaceCompare, ImageView, PaneImage};
use super::keys::{self, Action};
use super::pane::{self, Region, ViewState};
use super::worker::PreparedCase;
use crate::decision_log::LogEntry;
use crate::hint_explain;
use crate::hints::{Hint, HintCode, Severity, Slot};
use crate::i18n::Lang;
use crate::lifecycle::CaseStatus;
use crate::mrz;
use crate::policy::CasePolicy;
use crate::store::CaseRecord;
use crate::taxonomy::ReasonCode;
use eframe::egui::{self, Color32, Rect, RichText, vec2};
use std::collections::HashMap;

/// How the reviewer is looking at the open case.
#[derive(Debug, Default)]
pub struct Layout {
    /// Each pane's view, by pane: a reused image from another case has the slot of one of
    /// this case's own, and its own view.
    pub views: HashMap<usize, ViewState>,
    pub active: usize,
    pub enlarged: bool,
    pub compare: bool,
    /// JPEGs shown as their Error Level Analysis instead of their pixels.
    pub error_levels: bool,
    pub facts_open: bool,
    pub selected_hint: Option<usize>,
    /// Where each pane was drawn last frame: the keyboard zooms and pans in these.
    rects: Vec<(usize, Rect)>,
}

impl Layout {
    pub fn view(&mut self, pane: usize) -> &mut ViewState {
        self.views.entry(pane).or_default()
    }

    /// Where pane `i` was drawn last frame, if it was.
    pub fn rect_of(&self, i: usize) -> Option<Rect> {
        self.rects.iter().find(|(p, _)| *p == i).map(|(_, r)| *r)
    }

    /// Selects hint `i` and brings its image to the front, once: J, K and clicks move on.
    pub fn select_hint(&mut self, i: usize, case: &PreparedCase) {
        self.selected_hint = Some(i);
        if let Some(slot) = case.record.hints.get(i).and_then(|h| h.slot)
            && let Some(p) = case.images.panes.iter().position(|p| p.slot == slot)
        {
            self.active = p;
        }
    }

    /// Applies a click in the hints list; returns the reason to add when it was "use".
    pub fn hint_clicked(&mut self, click: HintClick, case: &PreparedCase) -> Option<ReasonCode> {
        match click {
            HintClick::Select(i) => self.select_hint(i, case),
            HintClick::Deselect => self.selected_hint = None,
            HintClick::Adopt(i) => {
                self.select_hint(i, case);
                return case.record.hints.get(i).and_then(|h| h.suggests);
            }
        }
        None
    }

    /// Esc: back to all panes, no hint selected.
    pub fn reset_view(&mut self) {
        self.enlarged = false;
        self.compare = false;
        self.facts_open = false;
        self.selected_hint = None;
    }
}

/// How far one Shift+arrow moves the image: a fraction of the pane.
const PAN_STEP: f32 = 0.15;

/// The keys that change how a case is looked at, not what is decided: for the open case and
/// for a case looked at read-only alike. Returns a case to look at (V: the case the selected
/// hint names, or whose image the active pane shows).
pub fn view_keys(ctx: &egui::Context, layout: &mut Layout, case: &PreparedCase) -> Option<String> {
    let panes = case.images.panes.len().max(1);
    if keys::pressed(ctx, Action::NextImage) {
        layout.active = (layout.active + 1) % panes;
    }
    if keys::pressed(ctx, Action::PreviousImage) {
        layout.active = (layout.active + panes - 1) % panes;
    }
    // The keys act on the active pane as drawn last frame: its own fit, its own centre.
    let active = layout.active;
    let size = case
        .images
        .panes
        .get(active)
        .and_then(PaneImage::shown_size);
    if let (Some(size), Some(rect)) = (size, layout.rect_of(active)) {
        let view = layout.view(active);
        if keys::pressed(ctx, Action::ZoomIn) {
            view.zoom_by(rect, size, 1.25, rect.center());
        }
        if keys::pressed(ctx, Action::ZoomOut) {
            view.zoom_by(rect, size, 0.8, rect.center());
        }
        for (action, dir) in [
            (Action::PanLeft, vec2(1.0, 0.0)),
            (Action::PanRight, vec2(-1.0, 0.0)),
            (Action::PanUp, vec2(0.0, 1.0)),
            (Action::PanDown, vec2(0.0, -1.0)),
        ] {
            if keys::pressed(ctx, action) {
                view.pan(rect, size, dir * rect.size() * PAN_STEP);
            }
        }
        if keys::pressed(ctx, Action::Fit) {
            view.fit();
        }
        if keys::pressed(ctx, Action::ActualSize) {
            view.actual_size(ctx.pixels_per_point());
        }
        if keys::pressed(ctx, Action::Rotate) {
            view.rotate();
        }
    }
    if keys::pressed(ctx, Action::Enlarge) {
        layout.enlarged = !layout.enlarged;
        layout.compare = false;
    }
    if keys::pressed(ctx, Action::Compare) {
        layout.compare = !layout.compare;
        layout.enlarged = false;
        layout.views.clear();
    }
    if keys::pressed(ctx, Action::Facts) {
        layout.facts_open = !layout.facts_open;
    }
    if keys::pressed(ctx, Action::ErrorLevels) {
        layout.error_levels = !layout.error_levels;
    }
    let hints = &case.record.hints;
    if !hints.is_empty() {
        let n = hints.len();
        let step = if keys::pressed(ctx, Action::NextHint) {
            Some(layout.selected_hint.map_or(0, |i| (i + 1) % n))
        } else if keys::pressed(ctx, Action::PreviousHint) {
            Some(layout.selected_hint.map_or(n - 1, |i| (i + n - 1) % n))
        } else {
            None
        };
        if let Some(i) = step {
            layout.select_hint(i, case);
        }
    }
    if keys::pressed(ctx, Action::LookAt) {
        let named = layout
            .selected_hint
            .and_then(|i| hints.get(i))
            .and_then(|h| h.referenced_cases().into_iter().next());
        let shown = case
            .images
            .panes
            .get(layout.active)
            .and_then(|p| p.from_case.clone());
        return named.or(shown);
    }
    None
}

/// The central panel of a case: the tool buttons, the active image's facts, the panes.
pub fn evidence(ui: &mut egui::Ui, case: &PreparedCase, layout: &mut Layout, lang: Lang) {
    ui.horizontal(|ui| {
        let ctx = ui.ctx().clone();
        for (label, action) in [
            ("tool-fit", Action::Fit),
            ("tool-actual", Action::ActualSize),
            ("tool-turn", Action::Rotate),
            ("tool-enlarge", Action::Enlarge),
            ("tool-compare", Action::Compare),
            ("tool-error-levels", Action::ErrorLevels),
            ("tool-facts", Action::Facts),
        ] {
            if ui
                .small_button(lang.text(label))
                .on_hover_text(keys::hint(action, &ctx, lang))
                .clicked()
            {
                // The buttons replay the shortcut so both paths share one handler.
                ctx.input_mut(|i| {
                    i.events.push(egui::Event::Key {
                        key: keys::binding(action).shortcut.logical_key,
                        physical_key: None,
                        pressed: true,
                        repeat: false,
                        modifiers: egui::Modifiers::NONE,
                    })
                });
            }
        }
    });
    if layout.facts_open
        && let Some(p) = case.images.panes.get(layout.active)
    {
        egui::Frame::popup(ui.style()).show(ui, |ui| facts(ui, p, lang));
    }
    if let Some(i) = panes(ui, &case.images, &case.record.hints, layout, lang) {
        layout.active = i;
    }
}

/// The side panel's account of a case: who sent it when, its escalation, `claim` (what
/// this workstation holds of it), the data, the hints, and its log.
pub fn details(
    ui: &mut egui::Ui,
    case: &PreparedCase,
    claim: &str,
    selected: Option<usize>,
    deciding: bool,
    lang: Lang,
) -> Option<HintClick> {
    let record = &case.record;
    ui.heading(record.submission.id.as_str());
    submitted(ui, record, lang);
    if matches!(record.status, CaseStatus::Escalated { .. }) {
        ui.colored_label(
            Color32::from_rgb(230, 120, 60),
            lang.text("case-escalated-note"),
        );
    }
    if let Some(e) = &record.escalation {
        escalation_panel(ui, e, lang);
    }
    ui.weak(claim);
    ui.separator();
    let click = data_and_hints(ui, case, selected, deciding, lang);
    // Who looked at the case is kept apart from what was decided on it.
    let (access, history): (Vec<&LogEntry>, Vec<&LogEntry>) =
        case.history.iter().partition(|e| e.kind.is_access());
    egui::CollapsingHeader::new(
        lang.text_with("section-history", &[("count", history.len().into())]),
    )
    .default_open(!history.is_empty())
    .show(ui, |ui| history_panel(ui, &history, lang));
    egui::CollapsingHeader::new(
        lang.text_with("section-access", &[("count", access.len().into())]),
    )
    .id_salt("section-access")
    .default_open(false)
    .show(ui, |ui| access_panel(ui, &access, lang));
    click
}

/// When the case was submitted, and how long ago.
pub fn submitted(ui: &mut egui::Ui, record: &CaseRecord, lang: Lang) {
    let s = &record.submission;
    let when = format!(
        "{} {}",
        lang.date(s.submitted_at.date_naive()),
        s.submitted_at.format("%H:%M UTC")
    );
    let age = super::queue_view::age(s.submitted_at, chrono::Utc::now(), lang);
    ui.label(lang.text_with(
        "case-submitted",
        &[("date", when.into()), ("age", age.into())],
    ));
}

/// The case's data and hints, each in its section: what the applicant sent and what the
/// checks found, and nothing of what was decided.
pub fn data_and_hints(
    ui: &mut egui::Ui,
    case: &PreparedCase,
    selected: Option<usize>,
    deciding: bool,
    lang: Lang,
) -> Option<HintClick> {
    let record = &case.record;
    egui::CollapsingHeader::new(lang.text("section-data"))
        .default_open(true)
        .show(ui, |ui| data_panel(ui, record, lang));
    egui::CollapsingHeader::new(
        lang.text_with("section-hints", &[("count", record.hints.len().into())]),
    )
    .default_open(true)
    .show(ui, |ui| {
        if record.checks_running {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(lang.text("checks-running"));
            });
        } else if record.hints.is_empty() {
            ui.weak(lang.text("hints-empty"));
        }
        hints_panel(ui, &record.hints, &case.related, selected, deciding, lang)
    })
    .body_returned
    .flatten()
}

/// What the side panel keeps above the decision area, at the least.
const SIDE_CONTEXT_MIN: f32 = 90.0;

/// A case being decided: the side panel (the decision pinned to its bottom, so whatever is
/// about to be sent stays on screen; `account` of the case above it, scrolling) and the
/// evidence. A clicked hint's reason is adopted into the draft.
pub fn deciding(
    ui: &mut egui::Ui,
    case: &PreparedCase,
    draft: &mut Draft,
    layout: &mut Layout,
    facts: &CaseFacts<'_>,
    lang: Lang,
    account: impl FnOnce(&mut egui::Ui, Option<usize>) -> Option<HintClick>,
) -> Option<Intent> {
    let mut intent = None;
    let mut hint_click = None;
    egui::Panel::right("side")
        .default_size(440.0)
        .show(ui, |ui| {
            let room = ui.available_height() - SIDE_CONTEXT_MIN;
            egui::Panel::bottom("decision").show(ui, |ui| {
                intent = super::decision::show(ui, draft, facts, room, lang);
            });
            egui::ScrollArea::vertical().show(ui, |ui| {
                hint_click = account(ui, layout.selected_hint);
            });
        });
    if let Some(click) = hint_click
        && let Some(r) = layout.hint_clicked(click, case)
    {
        draft.adopt(r);
    }
    egui::CentralPanel::default().show(ui, |ui| evidence(ui, case, layout, lang));
    intent
}

/// The keys of a case being decided (when no text field or reason list has them): approve,
/// reject, escalate (unless `escalated` already), skip, the view's keys, a hint's reason, the
/// note. The intent, and another case to look at.
pub fn deciding_keys(
    ctx: &egui::Context,
    draft: &mut Draft,
    layout: &mut Layout,
    case: &PreparedCase,
    escalated: bool,
) -> (Option<Intent>, Option<String>) {
    if draft.picker_open || ctx.text_edit_focused() {
        return (None, None);
    }
    let hints = &case.record.hints;
    let fails = hints
        .iter()
        .filter(|h| h.severity == Severity::Fail)
        .count();
    let mut intent = None;
    if keys::pressed(ctx, Action::Approve) {
        intent = super::decision::approve_intent(draft, fails);
    } else if keys::pressed(ctx, Action::Reject) {
        draft.open_picker();
    } else if keys::pressed(ctx, Action::Escalate) && !escalated {
        intent = Some(Intent::Escalate);
    } else if keys::pressed(ctx, Action::Skip) {
        intent = Some(Intent::Skip);
    }
    let related = view_keys(ctx, layout, case);
    if keys::pressed(ctx, Action::AdoptHint)
        && let Some(r) = layout
            .selected_hint
            .and_then(|i| hints.get(i))
            .and_then(|h| h.suggests)
    {
        draft.adopt(r);
    }
    if keys::pressed(ctx, Action::Note) {
        draft.focus_note = true;
    }
    if keys::pressed(ctx, Action::Cancel) {
        layout.reset_view();
        draft.approve_armed = false;
    }
    (intent, related)
}

/// When an entry was made, as the case's panels say it.
fn entry_time(e: &LogEntry, lang: Lang) -> String {
    format!(
        "{} {}",
        lang.date(e.decided_at.date_naive()),
        e.decided_at.format("%H:%M UTC")
    )
}

/// Who claimed, released, opened or exported the case, one line each, newest first.
fn access_panel(ui: &mut egui::Ui, entries: &[&LogEntry], lang: Lang) {
    if entries.is_empty() {
        ui.weak(lang.text("access-empty"));
    }
    for e in entries.iter().rev() {
        ui.label(format!(
            "#{} · {} · {} · {}",
            e.seq,
            entry_time(e, lang),
            e.reviewer,
            lang.text(&format!("entry-kind-{}", e.kind))
        ))
        .on_hover_text(format!("{}: {}", e.subject, e.change));
    }
}

/// What the reviewer did in the hints list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HintClick {
    Select(usize),
    Deselect,
    /// "use <reason>": add the hint's suggested reason to the rejection.
    Adopt(usize),
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
    Some((h.slot?, h.region()?))
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
    lang: Lang,
) -> Option<usize> {
    let mut rect = ui.available_rect_before_wrap();
    ui.allocate_rect(rect, egui::Sense::hover());
    if layout.compare {
        let (faces, rest) = rect.split_top_bottom_at_fraction(0.45);
        face_strip(ui, faces, &images.faces, lang);
        rect = rest;
    }
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
                ImageView::Shown(s) => Some(layout.view(*i).fit_scale(*r, s.size)),
                ImageView::Unavailable(_) => None,
            })
            .reduce(f32::min)
    } else {
        None
    };
    layout.rects.clone_from(&rects);
    let mut clicked = None;
    for (idx, r) in rects {
        let image: &PaneImage = &images.panes[idx];
        let region = selected_region
            .filter(|(s, _)| *s == image.slot && image.from_case.is_none())
            .map(|(_, r)| r);
        let active = idx == layout.active;
        let error_levels = layout.error_levels;
        let view = layout.view(idx);
        if let Some(z) = shared_zoom
            && view.zoom.is_none()
        {
            view.zoom = Some(z);
        }
        let title = match &image.from_case {
            // Another applicant's image that this one repeats (image.reused).
            Some(case) => format!("{} — {case}", lang.slot(image.slot)),
            None => lang.slot(image.slot),
        };
        let look = pane::Look {
            region,
            active,
            error_levels,
            title,
        };
        let out = pane::show(ui, r, image, view, look);
        if out.response.clicked() || out.response.drag_started() {
            clicked = Some(idx);
        }
    }
    clicked
}

/// The document portrait and the selfie face, aligned and cut to one size, with the distance
/// `face.mismatch` judges; or why they cannot be shown.
fn face_strip(ui: &egui::Ui, rect: Rect, faces: &FaceCompare, lang: Lang) {
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::from_gray(16));
    let font = egui::FontId::proportional(14.0);
    let grey = Color32::from_gray(210);
    let (portrait, selfie, distance, limit) = match faces {
        FaceCompare::Off(why) => {
            let text = lang.text_with("faces-off", &[("reason", why.as_str().into())]);
            painter.text(rect.center(), egui::Align2::CENTER_CENTER, text, font, grey);
            return;
        }
        FaceCompare::NotFound(slots) => {
            let slots: Vec<String> = slots.iter().map(ToString::to_string).collect();
            let text = lang.text_with("faces-not-found", &[("slots", slots.join(", ").into())]);
            painter.text(rect.center(), egui::Align2::CENTER_CENTER, text, font, grey);
            return;
        }
        FaceCompare::Shown {
            portrait,
            selfie,
            distance,
            limit,
        } => (portrait, selfie, *distance, *limit),
    };
    // Two squares of one size side by side, a caption under each and the distance below.
    let side = (rect.height() - 48.0)
        .min(rect.width() / 2.0 - 24.0)
        .max(16.0);
    let top = rect.top() + 8.0;
    let uv = Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
    for (i, (texture, caption)) in [(portrait, "compare-portrait"), (selfie, "compare-selfie")]
        .into_iter()
        .enumerate()
    {
        let left = rect.center().x + if i == 0 { -side - 8.0 } else { 8.0 };
        let square = Rect::from_min_size(egui::pos2(left, top), vec2(side, side));
        painter.image(texture.id(), square, uv, Color32::WHITE);
        painter.text(
            egui::pos2(square.center().x, square.bottom() + 4.0),
            egui::Align2::CENTER_TOP,
            lang.text(caption),
            font.clone(),
            grey,
        );
    }
    let (text, colour) = match distance {
        Some(d) => (
            lang.text_with(
                "compare-distance",
                &[
                    ("distance", format!("{d:.2}").into()),
                    ("limit", format!("{limit:.2}").into()),
                ],
            ),
            if f64::from(d) > limit {
                severity_colour(Severity::Fail)
            } else {
                grey
            },
        ),
        None => (lang.text("compare-no-distance"), grey),
    };
    painter.text(
        egui::pos2(rect.center().x, rect.bottom() - 4.0),
        egui::Align2::CENTER_BOTTOM,
        text,
        font,
        colour,
    );
}

/// File facts and EXIF of the active image.
pub fn facts(ui: &mut egui::Ui, image: &PaneImage, lang: Lang) {
    ui.label(RichText::new(format!("{} — {}", lang.slot(image.slot), image.name)).strong());
    egui::Grid::new("facts").striped(true).show(ui, |ui| {
        for (k, v) in &image.facts {
            ui.label(k);
            ui.label(RichText::new(v).monospace());
            ui.end_row();
        }
    });
}

/// The fields the `mrz.data_mismatch` hint found in disagreement.
fn mismatched_fields(hints: &[Hint]) -> Vec<String> {
    hints
        .iter()
        .filter(|h| h.code == HintCode::MrzDataMismatch)
        .filter_map(|h| h.evidence.get("fields")?.as_array().cloned())
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// The MRZ, monospace, with every wrong check digit marked.
fn mrz_lines(ui: &mut egui::Ui, text: &str, zone: Option<&mrz::Zone<'_>>) {
    let bad: Vec<(usize, usize)> = zone
        .map(|z| {
            z.checks()
                .filter(|c| !c.ok())
                .filter_map(|c| z.format.check_digit_position(c.field))
                .collect()
        })
        .unwrap_or_default();
    let mono = egui::FontId::monospace(13.0);
    for (l, line) in text.lines().enumerate() {
        let mut job = egui::text::LayoutJob::default();
        for (col, ch) in line.chars().enumerate() {
            let wrong = bad.contains(&(l, col));
            let format = egui::TextFormat {
                font_id: mono.clone(),
                color: if wrong {
                    Color32::WHITE
                } else {
                    ui.visuals().text_color()
                },
                background: if wrong {
                    Color32::from_rgb(190, 40, 40)
                } else {
                    Color32::TRANSPARENT
                },
                ..Default::default()
            };
            job.append(&ch.to_string(), 0.0, format);
        }
        ui.label(job);
    }
}

/// Declared applicant and document data beside the fields read from the MRZ, disagreements
/// highlighted, and the MRZ itself with wrong check digits marked.
pub fn data_panel(ui: &mut egui::Ui, case: &CaseRecord, lang: Lang) {
    let s = &case.submission;
    let d = &s.document;
    let zone = d.mrz.as_deref().map(mrz::parse);
    let read = zone.as_ref().and_then(|z| z.as_ref().ok());
    let mismatched = mismatched_fields(&case.hints);
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let rows = crate::case_data::rows(case, lang);
    let bad = Color32::from_rgb(235, 90, 80);
    egui::Grid::new("declared")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.weak("");
            ui.strong(lang.text("data-declared"));
            ui.strong(lang.text("data-mrz"));
            ui.end_row();
            for crate::case_data::DataRow {
                label,
                code,
                declared,
                from_mrz,
            } in rows
            {
                let differs = mismatched.iter().any(|m| m == code);
                ui.label(lang.text(label));
                let text = |t: String| {
                    if differs {
                        RichText::new(t).color(bad).strong()
                    } else {
                        RichText::new(t)
                    }
                };
                ui.label(text(declared));
                ui.label(text(from_mrz.unwrap_or_else(|| "—".into())));
                ui.end_row();
            }
        });
    ui.label(lang.text_with(
        "data-document-line",
        &[
            ("type", lang.document_type(&opt(&d.doc_type)).into()),
            ("client", s.client.as_str().into()),
            ("lang", s.applicant_locale.as_str().into()),
        ],
    ));
    if let (Some(text), Some(title)) = (&d.mrz, crate::case_data::mrz_title(case, lang)) {
        ui.label(RichText::new(title).small().strong());
        mrz_lines(ui, text, read);
    } else {
        ui.weak(lang.text("mrz-absent"));
    }
    if !s.unknown_fields.is_empty() {
        ui.collapsing(lang.text("other-fields"), |ui| {
            for (k, v) in &s.unknown_fields {
                ui.label(format!("{k}: {v}"));
            }
        });
    }
    let policy = match CasePolicy::parse(&case.policy) {
        Some(p) => lang.text_with(
            "policy-line",
            &[("source", p.source.into()), ("client", p.client.into())],
        ),
        None => lang.text_with(
            "policy-line-raw",
            &[("policy", case.policy.as_str().into())],
        ),
    };
    ui.label(RichText::new(policy).small().weak());
}

/// Who escalated the case, when, with what note, and the fraud reasons they proposed: what
/// the fraud reviewer confirms or overturns.
pub fn escalation_panel(ui: &mut egui::Ui, e: &crate::store::Escalation, lang: Lang) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        let when = format!(
            "{} {}",
            lang.date(e.at.date_naive()),
            e.at.format("%H:%M UTC")
        );
        ui.label(lang.text_with(
            "escalation-by",
            &[("name", e.by.as_str().into()), ("date", when.into())],
        ));
        if !e.note.is_empty() {
            ui.label(lang.text_with("escalation-note", &[("note", e.note.as_str().into())]));
        }
        if !e.proposed.is_empty() {
            ui.strong(lang.text("escalation-proposed"));
            for r in &e.proposed {
                ui.label(format!("• {} ({})", lang.reason_label(*r), r.code()));
            }
        }
    });
}

/// The case's hints, coloured by severity, titled in the reviewer's language with the
/// check's own explanation. Returns a hint whose suggestion the reviewer adopted.
pub fn hints_panel(
    ui: &mut egui::Ui,
    hints: &[Hint],
    related: &[(String, &'static str)],
    selected: Option<usize>,
    deciding: bool,
    lang: Lang,
) -> Option<HintClick> {
    let mut click = None;
    for (i, h) in hints.iter().enumerate() {
        let is_sel = selected == Some(i);
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                severity_colour(h.severity),
                RichText::new(lang.severity(h.severity)).strong(),
            );
            let slot = h
                .slot
                .map(|s| format!(" [{}]", lang.slot(s)))
                .unwrap_or_default();
            let text = format!(
                "{}{slot}: {}",
                lang.hint_title(h.code),
                hint_explain::explanation(lang, h)
            );
            let resp = ui
                .add(egui::Button::selectable(is_sel, text))
                .on_hover_text(h.code.code());
            if resp.clicked() {
                click = Some(if is_sel {
                    HintClick::Deselect
                } else {
                    HintClick::Select(i)
                });
            }
            if let Some(r) = h.suggests.filter(|_| deciding)
                && ui
                    .small_button(
                        RichText::new(lang.text_with(
                            "hint-use",
                            &[
                                ("reason", lang.reason_label(r).into()),
                                ("marks", super::decision::reason_marks(r, lang).into()),
                            ],
                        ))
                        .color(super::decision::reason_colour(r)),
                    )
                    .on_hover_text(lang.text("hint-use-tooltip"))
                    .clicked()
            {
                click = Some(HintClick::Adopt(i));
            }
        });
        // The hint's text was written at import; the cases it names may have moved on.
        for other in h.referenced_cases() {
            if let Some((_, status)) = related.iter().find(|(c, _)| *c == other) {
                ui.weak(lang.text_with(
                    "hint-case-now",
                    &[
                        ("id", other.as_str().into()),
                        ("status", status_text(status, lang).into()),
                    ],
                ));
            }
        }
    }
    click
}

/// A case status in the reviewer's language.
pub fn status_text(code: &str, lang: Lang) -> String {
    match code {
        "approved" | "rejected" => lang.text(&format!("outcome-{code}")),
        _ => lang.text(&format!("status-{}", code.replace('_', "-"))),
    }
}

/// Every earlier log entry of the case: who did what, when, with which reasons and note,
/// and the hints they had on screen.
fn history_panel(ui: &mut egui::Ui, entries: &[&LogEntry], lang: Lang) {
    if entries.is_empty() {
        ui.weak(lang.text("history-empty"));
    }
    for e in entries {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let when = entry_time(e, lang);
            let what = match e.outcome {
                Some(o) => lang.text(&format!("outcome-{o}")),
                None => lang.text(&format!("entry-kind-{}", e.kind)),
            };
            ui.label(
                RichText::new(format!("#{} · {when} · {} · {what}", e.seq, e.reviewer)).strong(),
            );
            for r in &e.reasons {
                ui.label(format!("• {} ({})", lang.reason_label(*r), r.code()));
            }
            if !e.change.is_empty() {
                // The log's own words, as recorded.
                ui.weak(format!("{}: {}", e.subject, e.change));
            }
            if !e.note.is_empty() {
                ui.label(lang.text_with("history-note", &[("note", e.note.as_str().into())]));
            }
            if !e.hints.is_empty() {
                let shown: Vec<&str> = e.hints.iter().map(|h| h.code()).collect();
                ui.weak(lang.text_with("history-hints", &[("hints", shown.join(", ").into())]));
            }
        });
    }
}
