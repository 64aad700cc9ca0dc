//! The decision panel: approve, reject with reasons from the seven categories, escalate,
//! skip; a note; and the message the applicant will receive.

use super::keys::{self, Action};
use crate::applicant_message;
use crate::i18n::Lang;
use crate::taxonomy::{Category, Flag, Outcome, ReasonCode, is_final};
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
    pub focus_note: bool,
    focus_filter: bool,
}

/// What the panel asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    Approve,
    Reject(Vec<ReasonCode>),
    Escalate,
    Skip,
}

impl Draft {
    pub fn open_picker(&mut self) {
        self.picker_open = true;
        self.focus_filter = true;
        self.cursor = 0;
    }

    pub fn adopt(&mut self, r: ReasonCode) {
        if !self.reasons.contains(&r) {
            self.reasons.push(r);
        }
        self.open_picker();
    }

    fn toggle(&mut self, r: ReasonCode) {
        if let Some(i) = self.reasons.iter().position(|x| *x == r) {
            self.reasons.remove(i);
        } else {
            self.reasons.push(r);
        }
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

/// The picker's keys, read before any text field sees them. Returns a confirm request.
fn picker_keys(ctx: &egui::Context, d: &mut Draft, lang: Lang) -> bool {
    let visible = visible_reasons(&d.filter, lang);
    // Digits never occur in reason codes: they pick, they do not type.
    let picked: Vec<usize> = ctx.input_mut(|i| {
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
    for n in picked {
        if let Some(r) = visible.get(n) {
            d.toggle(*r);
        }
    }
    if keys::pressed(ctx, Action::PickerDown) {
        d.cursor = (d.cursor + 1).min(visible.len().saturating_sub(1));
    }
    if keys::pressed(ctx, Action::PickerUp) {
        d.cursor = d.cursor.saturating_sub(1);
    }
    let confirm = keys::pressed(ctx, Action::Confirm);
    if !confirm
        && keys::pressed(ctx, Action::PickerToggle)
        && let Some(r) = visible.get(d.cursor)
    {
        d.toggle(*r);
    }
    if keys::pressed(ctx, Action::Cancel) {
        d.picker_open = false;
    }
    d.cursor = d.cursor.min(visible.len().saturating_sub(1));
    confirm
}

/// Draws the panel; returns what the reviewer decided, if anything this frame.
pub fn show(
    ui: &mut egui::Ui,
    d: &mut Draft,
    fail_hints: usize,
    escalated: bool,
    fraud_role: bool,
    applicant_locale: &str,
    lang: Lang,
) -> Option<Intent> {
    // Fraud reasons from an account without the fraud role go to the fraud team as a
    // proposal (the store records an escalation): say so, and preview what is really sent.
    let proposal = d.picker_open
        && !fraud_role
        && d.reasons
            .iter()
            .any(|r| r.category() == crate::taxonomy::Category::Fraud);
    let ctx = ui.ctx().clone();
    let tip = |a: Action| keys::hint(a, &ctx, lang);
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
            .on_hover_text(tip(Action::Approve))
            .clicked()
        {
            intent = approve_intent(d, fail_hints);
        }
        let reject = egui::Button::new(RichText::new(lang.text("reject")).color(Color32::WHITE))
            .fill(Color32::from_rgb(150, 40, 40));
        if ui.add(reject).on_hover_text(tip(Action::Reject)).clicked() {
            d.open_picker();
        }
        if !escalated
            && ui
                .button(lang.text("escalate"))
                .on_hover_text(tip(Action::Escalate))
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
        let armed = lang.text_with("approve-armed", &[("count", fail_hints.into())]);
        ui.colored_label(Color32::from_rgb(230, 120, 60), armed);
    }
    let note_label = ui.label(lang.text("note"));
    let note = ui
        .add(
            egui::TextEdit::multiline(&mut d.note)
                .desired_rows(2)
                .hint_text(lang.text("note-hint")),
        )
        .labelled_by(note_label.id);
    if std::mem::take(&mut d.focus_note) {
        note.request_focus();
    }

    if d.picker_open {
        let confirm = picker_keys(&ctx, d, lang);
        ui.separator();
        ui.label(RichText::new(lang.text("reasons-title")).strong());
        let filter_label = ui.label(lang.text("filter-reasons"));
        let filter = ui
            .add(
                egui::TextEdit::singleline(&mut d.filter)
                    .hint_text(lang.text("filter-reasons-hint")),
            )
            .labelled_by(filter_label.id);
        if std::mem::take(&mut d.focus_filter) {
            filter.request_focus();
        }
        let visible = visible_reasons(&d.filter, lang);
        egui::ScrollArea::vertical()
            .max_height(320.0)
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
                    let fin = lang.finality(r.finality());
                    let flag = match r.flag() {
                        Flag::Fraud => " !",
                        Flag::Victim | Flag::None => "",
                    };
                    let text = format!(
                        "{cursor}{number} {tick} {}  [{fin}{flag}]",
                        lang.reason_label(*r)
                    );
                    let mut rt = RichText::new(text).monospace();
                    if n == d.cursor {
                        rt = rt.strong();
                    }
                    let hover = format!("{}\n{}", r.code(), lang.reason_description(*r));
                    let resp = ui
                        .add(egui::Button::selectable(ticked, rt))
                        .on_hover_text(hover);
                    if resp.clicked() {
                        d.toggle(*r);
                        d.cursor = n;
                    }
                }
            });
        if !d.reasons.is_empty() {
            let finality = lang.text(if is_final(&d.reasons) {
                "reasons-final"
            } else {
                "reasons-retry"
            });
            let args = [
                ("count", d.reasons.len().into()),
                ("finality", finality.into()),
            ];
            ui.label(lang.text_with("reasons-chosen", &args));
        }
        if proposal {
            ui.colored_label(
                egui::Color32::from_rgb(230, 120, 60),
                lang.text("reasons-proposal"),
            );
        }
        ui.horizontal(|ui| {
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
                d.picker_open = false;
            }
        });
    }

    ui.separator();
    let (outcome, reasons) = if proposal {
        (Outcome::Escalated, &[][..])
    } else if d.picker_open {
        (Outcome::Rejected, d.reasons.as_slice())
    } else {
        (Outcome::Approved, &[][..])
    };
    let (written_in, message) = applicant_message::compose(outcome, reasons, applicant_locale);
    let heading = if Lang::from_tag(applicant_locale) == Some(written_in) {
        lang.text_with(
            "message-preview",
            &[("lang", written_in.native_name().into())],
        )
    } else {
        lang.text_with(
            "message-preview-fallback",
            &[("tag", applicant_locale.into())],
        )
    };
    ui.label(RichText::new(heading).small());
    let preview = if outcome == Outcome::Rejected && reasons.is_empty() {
        lang.text("choose-reason")
    } else {
        message
    };
    ui.label(RichText::new(preview).italics());
    intent
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
