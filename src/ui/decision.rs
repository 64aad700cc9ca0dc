//! The decision panel: approve, reject with reasons from the seven categories, escalate,
//! skip; a note; and the message the applicant will receive.

use super::keys::{self, Action};
use crate::applicant_message;
use crate::i18n::Lang;
use crate::taxonomy::{Category, Finality, Flag, Outcome, ReasonCode, is_final};
use eframe::egui::{self, Color32, Key, RichText};

/// What the reviewer is composing for the open case.
#[derive(Debug, Default)]
pub struct Draft {
    pub picker_open: bool,
    pub filter: String,
    pub reasons: Vec<ReasonCode>,
    pub cursor: usize,
    pub note: String,
    /// Approve was pressed on a case with fail hints: the next press confirms.
    pub approve_armed: bool,
    /// A decision was pressed while the case's face checks were still running: the next
    /// press decides without their hints.
    pub running_armed: bool,
    pub focus_note: bool,
    focus_filter: bool,
    /// The decision area's height without the reason list, measured last frame: the list
    /// gets what is left, so nothing about to be sent is pushed off screen.
    chrome: f32,
    /// The decision area's whole height last frame.
    drawn: f32,
}

/// What the panel asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    Approve,
    Reject(Vec<ReasonCode>),
    Escalate,
    Skip,
}

impl Intent {
    /// What is recorded for it: nothing for a skip, or a rejection without reasons.
    pub fn verdict(self) -> Option<crate::lifecycle::Verdict> {
        use crate::lifecycle::{Reasons, Verdict};
        match self {
            Intent::Approve => Some(Verdict::Approve),
            Intent::Escalate => Some(Verdict::Escalate),
            Intent::Reject(codes) => Reasons::new(codes).map(Verdict::Reject),
            Intent::Skip => None,
        }
    }
}

/// What the case is about; the panel offers and previews accordingly.
pub struct CaseFacts<'a> {
    pub fail_hints: usize,
    pub escalated: bool,
    /// The slower checks (faces) have not added their hints yet.
    pub checks_running: bool,
    /// The signed-in account may record fraud findings itself.
    pub fraud_role: bool,
    pub applicant_locale: &'a str,
}

impl Draft {
    /// Opens the picker clean: no filter, the cursor on the first reason.
    pub fn open_picker(&mut self) {
        self.picker_open = true;
        self.focus_filter = true;
        self.cursor = 0;
        self.filter.clear();
    }

    /// Closes the picker and forgets its ticks: reopening starts clean.
    pub fn close_picker(&mut self) {
        self.picker_open = false;
        self.filter.clear();
        self.reasons.clear();
        self.cursor = 0;
    }

    pub fn adopt(&mut self, r: ReasonCode) {
        if !self.picker_open {
            self.open_picker();
        }
        if !self.reasons.contains(&r) {
            self.reasons.push(r);
        }
    }

    fn toggle(&mut self, r: ReasonCode) {
        if let Some(i) = self.reasons.iter().position(|x| *x == r) {
            self.reasons.remove(i);
        } else {
            self.reasons.push(r);
        }
    }

    /// The decision the panel would record now, if one is pending.
    fn pending(&self, fraud_role: bool) -> Option<(Outcome, &[ReasonCode])> {
        if self.picker_open {
            // Fraud reasons from an account without the fraud role go to the fraud team as
            // a proposal (the store records an escalation).
            if !fraud_role && self.reasons.iter().any(|r| r.category() == Category::Fraud) {
                Some((Outcome::Escalated, &[]))
            } else {
                Some((Outcome::Rejected, &self.reasons))
            }
        } else if self.approve_armed {
            Some((Outcome::Approved, &[]))
        } else {
            None
        }
    }
}

/// "Final · fraud": what a reason does beyond its words, wherever a reason is offered.
pub fn reason_marks(r: ReasonCode, lang: Lang) -> String {
    let fin = lang.finality(r.finality());
    match r.flag() {
        Flag::Fraud => format!("{fin} · {}", lang.text("flag-fraud")),
        Flag::Victim | Flag::None => fin,
    }
}

/// The colour a reason's marks are drawn in: red for what cannot be undone by the applicant.
pub fn reason_colour(r: ReasonCode) -> Color32 {
    match (r.flag(), r.finality()) {
        (Flag::Fraud, _) => Color32::from_rgb(235, 90, 80),
        (_, Finality::Final) => Color32::from_rgb(230, 140, 60),
        _ => Color32::GRAY,
    }
}

/// The reasons matching the filter (label in the reviewer's language, code or category),
/// in category order.
pub fn visible_reasons(filter: &str, lang: Lang) -> Vec<ReasonCode> {
    let f = filter.trim().to_lowercase();
    let mut v: Vec<ReasonCode> = ReasonCode::ALL
        .iter()
        .copied()
        .filter(|r| {
            f.is_empty()
                || r.code().contains(&f)
                || lang.reason_label(*r).to_lowercase().contains(&f)
                || lang.category(r.category()).to_lowercase().contains(&f)
        })
        .collect();
    v.sort_by_key(|r| Category::ALL.iter().position(|c| *c == r.category()));
    v
}

const DIGITS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// The picker's keys of one frame, taken before the filter field sees them and applied
/// after it has taken this frame's text: a digit typed with the filter picks from the list
/// the reviewer then sees, never from the one before.
#[derive(Debug, Default)]
struct PickerKeys {
    digits: Vec<usize>,
    up: bool,
    down: bool,
    toggle: bool,
    confirm: bool,
    cancel: bool,
}

impl PickerKeys {
    fn take(ctx: &egui::Context) -> PickerKeys {
        // Digits never occur in reason codes: they pick, they do not type.
        let digits = ctx.input_mut(|i| {
            i.events.retain(
                |e| !matches!(e, egui::Event::Text(t) if t.chars().all(|c| c.is_ascii_digit())),
            );
            DIGITS
                .iter()
                .enumerate()
                .filter(|(_, k)| i.consume_key(egui::Modifiers::NONE, **k))
                .map(|(n, _)| n)
                .collect()
        });
        let confirm = keys::pressed(ctx, Action::Confirm);
        PickerKeys {
            digits,
            down: keys::pressed(ctx, Action::PickerDown),
            up: keys::pressed(ctx, Action::PickerUp),
            toggle: !confirm && keys::pressed(ctx, Action::PickerToggle),
            confirm,
            cancel: keys::pressed(ctx, Action::Cancel),
        }
    }

    /// Applies the keys to the list on screen; returns a confirm request.
    fn apply(self, d: &mut Draft, visible: &[ReasonCode]) -> bool {
        for n in self.digits {
            if let Some(r) = visible.get(n) {
                d.toggle(*r);
            }
        }
        let last = visible.len().saturating_sub(1);
        if self.down {
            d.cursor = (d.cursor + 1).min(last);
        }
        if self.up {
            d.cursor = d.cursor.saturating_sub(1);
        }
        d.cursor = d.cursor.min(last);
        if self.toggle
            && let Some(r) = visible.get(d.cursor)
        {
            d.toggle(*r);
        }
        if self.cancel {
            // Esc first clears the filter, then closes the picker.
            if d.filter.is_empty() {
                d.close_picker();
            } else {
                d.filter.clear();
                d.cursor = 0;
            }
        }
        self.confirm
    }
}

/// The message the applicant would receive for `outcome`, with its heading.
fn message(outcome: Outcome, reasons: &[ReasonCode], locale: &str, lang: Lang) -> (String, String) {
    let (written_in, text) = applicant_message::compose(outcome, reasons, locale);
    let heading = if Lang::from_tag(locale) == Some(written_in) {
        lang.text_with(
            "message-preview",
            &[("lang", written_in.native_name().into())],
        )
    } else {
        lang.text_with("message-preview-fallback", &[("tag", locale.into())])
    };
    (heading, text)
}

/// Draws the decision area; returns what the reviewer decided, if anything this frame.
/// `height` is what the area may take: the reason list shrinks so that the buttons, the
/// ticked reasons and the message preview always fit.
pub fn show(
    ui: &mut egui::Ui,
    d: &mut Draft,
    case: &CaseFacts<'_>,
    height: f32,
    lang: Lang,
) -> Option<Intent> {
    let top = ui.cursor().top();
    let ctx = ui.ctx().clone();
    let locale = case.applicant_locale;
    let tip = |a: Action| keys::hint(a, &ctx, lang);
    // The buttons that act at once say on hover what the applicant will be told.
    let tip_with_message = |a: Action, outcome: Outcome| {
        let (heading, text) = message(outcome, &[], locale, lang);
        format!("{}\n\n{heading}:\n{text}", tip(a))
    };
    let mut intent = None;
    ui.heading(lang.text("decision-title"));
    ui.horizontal_wrapped(|ui| {
        let approve_text = lang.text(if d.approve_armed {
            "approve-anyway"
        } else {
            "approve"
        });
        let approve = egui::Button::new(RichText::new(approve_text).color(Color32::WHITE))
            .fill(Color32::from_rgb(30, 120, 60));
        if ui
            .add(approve)
            .on_hover_text(tip_with_message(Action::Approve, Outcome::Approved))
            .clicked()
        {
            intent = approve_intent(d, case.fail_hints);
        }
        let reject = egui::Button::new(RichText::new(lang.text("reject")).color(Color32::WHITE))
            .fill(Color32::from_rgb(150, 40, 40));
        if ui.add(reject).on_hover_text(tip(Action::Reject)).clicked() {
            d.open_picker();
        }
        if !case.escalated
            && ui
                .button(lang.text("escalate"))
                .on_hover_text(tip_with_message(Action::Escalate, Outcome::Escalated))
                .clicked()
        {
            intent = Some(Intent::Escalate);
        }
        if ui
            .button(lang.text("skip"))
            .on_hover_text(tip(Action::Skip))
            .clicked()
        {
            intent = Some(Intent::Skip);
        }
    });
    if d.approve_armed {
        let armed = lang.text_with("approve-armed", &[("count", case.fail_hints.into())]);
        ui.colored_label(Color32::from_rgb(230, 120, 60), armed);
    }
    if d.running_armed {
        ui.colored_label(
            Color32::from_rgb(230, 120, 60),
            lang.text("checks-running-armed"),
        );
    } else if case.checks_running {
        ui.weak(lang.text("checks-running"));
    }
    let mut list_height = 0.0;
    if d.picker_open {
        let keys = PickerKeys::take(&ctx);
        ui.separator();
        let filter = ui
            .horizontal(|ui| {
                let label = ui.label(RichText::new(lang.text("filter-reasons")).strong());
                ui.add(
                    egui::TextEdit::singleline(&mut d.filter)
                        .hint_text(lang.text("filter-reasons-hint"))
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id)
            })
            .inner;
        if std::mem::take(&mut d.focus_filter) {
            filter.request_focus();
        }
        let visible = visible_reasons(&d.filter, lang);
        let confirm = keys.apply(d, &visible);
        if !d.picker_open {
            // Esc closed it: nothing of it is drawn, or sent.
            return intent;
        }
        let room = (height - d.chrome).clamp(60.0, 320.0);
        list_height = reason_list(ui, d, &visible, room, lang);
        chosen_reasons(ui, d, case.fraud_role, lang);
        ui.horizontal(|ui| {
            let proposal = d.pending(case.fraud_role).map(|(o, _)| o) == Some(Outcome::Escalated);
            let ok = ui
                .add_enabled(
                    !d.reasons.is_empty(),
                    egui::Button::new(lang.text(if proposal {
                        "confirm-proposal"
                    } else {
                        "confirm-rejection"
                    })),
                )
                .on_hover_text(tip(Action::Confirm));
            if (ok.clicked() || confirm) && !d.reasons.is_empty() {
                intent = Some(Intent::Reject(d.reasons.clone()));
            }
            if ui.button(lang.text("cancel")).clicked() {
                d.close_picker();
            }
        });
    }
    let note_label = ui.label(lang.text("note"));
    let note = ui
        .add(
            egui::TextEdit::multiline(&mut d.note)
                .desired_rows(1)
                .desired_width(f32::INFINITY)
                .hint_text(lang.text("note-hint")),
        )
        .labelled_by(note_label.id);
    if std::mem::take(&mut d.focus_note) {
        note.request_focus();
    }
    ui.separator();
    match d.pending(case.fraud_role) {
        Some((Outcome::Rejected, [])) => {
            ui.label(RichText::new(lang.text("choose-reason")).italics());
        }
        Some((outcome, reasons)) => {
            let (heading, text) = message(outcome, reasons, locale, lang);
            ui.label(RichText::new(heading).small());
            ui.label(RichText::new(text).italics());
        }
        None => {
            ui.weak(lang.text("message-preview-none"));
        }
    }
    let drawn = ui.cursor().top() - top;
    // The panel learns its new height from this frame: draw once more at that height.
    if (drawn - d.drawn).abs() > 0.5 {
        ui.ctx().request_repaint();
    }
    d.drawn = drawn;
    d.chrome = drawn - list_height;
    intent
}

/// The reasons on screen, numbered for the digit keys; returns the height the list took.
fn reason_list(
    ui: &mut egui::Ui,
    d: &mut Draft,
    visible: &[ReasonCode],
    room: f32,
    lang: Lang,
) -> f32 {
    let out = egui::ScrollArea::vertical()
        .max_height(room)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let mut last = None;
            for (n, r) in visible.iter().enumerate() {
                if last != Some(r.category()) {
                    ui.label(RichText::new(lang.category(r.category())).small().strong());
                    last = Some(r.category());
                }
                let ticked = d.reasons.contains(r);
                let number = if n < 9 {
                    format!("{}", n + 1)
                } else {
                    " ".into()
                };
                let cursor = if n == d.cursor { ">" } else { " " };
                let tick = if ticked { "[x]" } else { "[ ]" };
                let mut job = egui::text::LayoutJob::default();
                let mono = egui::TextFormat {
                    font_id: egui::TextStyle::Monospace.resolve(ui.style()),
                    color: ui.visuals().text_color(),
                    ..Default::default()
                };
                job.append(
                    &format!("{cursor}{number} {tick} {}  ", lang.reason_label(*r)),
                    0.0,
                    mono.clone(),
                );
                job.append(
                    &format!("[{}]", reason_marks(*r, lang)),
                    0.0,
                    egui::TextFormat {
                        color: reason_colour(*r),
                        ..mono
                    },
                );
                let hover = format!("{}\n{}", r.code(), lang.reason_description(*r));
                let resp = ui
                    .add(egui::Button::selectable(ticked, job))
                    .on_hover_text(hover);
                if n == d.cursor {
                    resp.scroll_to_me(None);
                }
                if resp.clicked() {
                    d.toggle(*r);
                    d.cursor = n;
                }
            }
        });
    out.inner_rect.height()
}

/// The ticked reasons, whatever the filter hides, with what they make of the decision.
fn chosen_reasons(ui: &mut egui::Ui, d: &mut Draft, fraud_role: bool, lang: Lang) {
    if d.reasons.is_empty() {
        return;
    }
    let finality = lang.text(if is_final(&d.reasons) {
        "reasons-final"
    } else {
        "reasons-retry"
    });
    let args = [
        ("count", d.reasons.len().into()),
        ("finality", finality.into()),
    ];
    ui.label(RichText::new(lang.text_with("reasons-chosen", &args)).strong());
    let mut untick = None;
    for r in &d.reasons {
        ui.horizontal_wrapped(|ui| {
            if ui
                .small_button("×")
                .on_hover_text(lang.text("reason-untick"))
                .clicked()
            {
                untick = Some(*r);
            }
            ui.label(lang.reason_label(*r));
            ui.colored_label(reason_colour(*r), format!("[{}]", reason_marks(*r, lang)));
        });
    }
    if let Some(r) = untick {
        d.toggle(r);
    }
    if d.pending(fraud_role).map(|(o, _)| o) == Some(Outcome::Escalated) {
        ui.colored_label(
            Color32::from_rgb(230, 120, 60),
            lang.text("reasons-proposal"),
        );
    }
}

pub fn approve_intent(d: &mut Draft, fail_hints: usize) -> Option<Intent> {
    if fail_hints > 0 && !d.approve_armed {
        d.approve_armed = true;
        None
    } else {
        Some(Intent::Approve)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_finds_by_words_code_and_category() {
        let en = Lang::En;
        assert_eq!(
            visible_reasons("expired", en),
            [ReasonCode::ValidityDocumentExpired]
        );
        assert!(visible_reasons("visibility", en).len() >= 5);
        assert_eq!(visible_reasons("", en).len(), 43);
        assert!(visible_reasons("zzz", en).is_empty());
        // Labels are searched in the reviewer's language.
        let ja = Lang::Ja.reason_label(ReasonCode::ValidityDocumentExpired);
        assert!(visible_reasons(&ja, Lang::Ja).contains(&ReasonCode::ValidityDocumentExpired));
        let all = visible_reasons("", en);
        assert_eq!(all[0].category(), Category::Fraud);
        assert_eq!(all[42].category(), Category::Other);
    }

    #[test]
    fn approving_a_case_with_fail_hints_needs_a_second_press() {
        let mut d = Draft::default();
        assert_eq!(approve_intent(&mut d, 2), None);
        assert_eq!(approve_intent(&mut d, 2), Some(Intent::Approve));
        assert_eq!(
            approve_intent(&mut Draft::default(), 0),
            Some(Intent::Approve)
        );
    }
}
