//! The decision panel: approve, reject with reasons from the seven categories, escalate,
//! skip; a note; and the message the applicant will receive.

use super::keys::{self, Action};
use crate::applicant_message;
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

/// A reason's words for the picker: the code read as a phrase (labels come from the locales).
pub fn reason_words(r: ReasonCode) -> String {
    r.code()
        .split('.')
        .nth(1)
        .unwrap_or(r.code())
        .replace('_', " ")
}

pub fn category_title(c: Category) -> &'static str {
    match c {
        Category::Fraud => "Fraud",
        Category::Manipulation => "Information manipulation",
        Category::Security => "Security features",
        Category::Biometric => "Images and biometrics",
        Category::Visibility => "Visibility",
        Category::Validity => "Validity",
        Category::Other => "Other",
    }
}

/// The reasons matching the filter, in category order.
pub fn visible_reasons(filter: &str) -> Vec<ReasonCode> {
    let f = filter.trim().to_lowercase();
    let mut v: Vec<ReasonCode> = ReasonCode::ALL
        .iter()
        .copied()
        .filter(|r| {
            f.is_empty()
                || r.code().contains(&f)
                || reason_words(*r).contains(&f)
                || category_title(r.category()).to_lowercase().contains(&f)
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
fn picker_keys(ctx: &egui::Context, d: &mut Draft) -> bool {
    let visible = visible_reasons(&d.filter);
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
    applicant_locale: &str,
) -> Option<Intent> {
    let ctx = ui.ctx().clone();
    let mut intent = None;
    ui.heading("Decision");
    ui.horizontal_wrapped(|ui| {
        let approve_text = if d.approve_armed {
            "Approve anyway"
        } else {
            "Approve"
        };
        let approve = egui::Button::new(RichText::new(approve_text).color(Color32::WHITE))
            .fill(Color32::from_rgb(30, 120, 60));
        if ui
            .add(approve)
            .on_hover_text(keys::hint(Action::Approve, &ctx))
            .clicked()
        {
            intent = approve_intent(d, fail_hints);
        }
        let reject = egui::Button::new(RichText::new("Reject").color(Color32::WHITE))
            .fill(Color32::from_rgb(150, 40, 40));
        if ui
            .add(reject)
            .on_hover_text(keys::hint(Action::Reject, &ctx))
            .clicked()
        {
            d.open_picker();
        }
        if !escalated
            && ui
                .button("Escalate")
                .on_hover_text(keys::hint(Action::Escalate, &ctx))
                .clicked()
        {
            intent = Some(Intent::Escalate);
        }
        if ui
            .button("Skip")
            .on_hover_text(keys::hint(Action::Skip, &ctx))
            .clicked()
        {
            intent = Some(Intent::Skip);
        }
    });
    if d.approve_armed {
        ui.colored_label(
            Color32::from_rgb(230, 120, 60),
            format!("{fail_hints} fail hint(s): press A again to approve."),
        );
    }
    let note_label = ui.label("Note");
    let note = ui
        .add(
            egui::TextEdit::multiline(&mut d.note)
                .desired_rows(2)
                .hint_text("for the log and the fraud team"),
        )
        .labelled_by(note_label.id);
    if std::mem::take(&mut d.focus_note) {
        note.request_focus();
    }

    if d.picker_open {
        let confirm = picker_keys(&ctx, d);
        ui.separator();
        ui.label(RichText::new("Reasons").strong());
        let filter_label = ui.label("Filter reasons");
        let filter = ui
            .add(egui::TextEdit::singleline(&mut d.filter).hint_text("type to filter"))
            .labelled_by(filter_label.id);
        if std::mem::take(&mut d.focus_filter) {
            filter.request_focus();
        }
        let visible = visible_reasons(&d.filter);
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                let mut last = None;
                for (n, r) in visible.iter().enumerate() {
                    if last != Some(r.category()) {
                        ui.label(RichText::new(category_title(r.category())).small().strong());
                        last = Some(r.category());
                    }
                    let ticked = d.reasons.contains(r);
                    let number = if n < 9 {
                        format!("{}", n + 1)
                    } else {
                        " ".into()
                    };
                    let fin = if r.finality() == Finality::Final {
                        "final"
                    } else {
                        "retry"
                    };
                    let flag = match r.flag() {
                        Flag::Fraud => " · fraud",
                        Flag::Victim => " · victim",
                        Flag::None => "",
                    };
                    let cursor = if n == d.cursor { ">" } else { " " };
                    let tick = if ticked { "[x]" } else { "[ ]" };
                    let words = reason_words(*r);
                    let text = format!("{cursor}{number} {tick} {words}  [{fin}{flag}]");
                    let mut rt = RichText::new(text).monospace();
                    if n == d.cursor {
                        rt = rt.strong();
                    }
                    let resp = ui
                        .add(egui::Button::selectable(ticked, rt))
                        .on_hover_text(r.code());
                    if resp.clicked() {
                        d.toggle(*r);
                        d.cursor = n;
                    }
                }
            });
        if !d.reasons.is_empty() {
            let fin = if is_final(&d.reasons) {
                "final: no new attempt"
            } else {
                "retry: the applicant may try again"
            };
            ui.label(format!("{} reason(s), {fin}", d.reasons.len()));
        }
        ui.horizontal(|ui| {
            let ok = ui
                .add_enabled(
                    !d.reasons.is_empty(),
                    egui::Button::new("Confirm rejection"),
                )
                .on_hover_text(keys::hint(Action::Confirm, &ctx));
            if (ok.clicked() || confirm) && !d.reasons.is_empty() {
                intent = Some(Intent::Reject(d.reasons.clone()));
            }
            if ui.button("Cancel").clicked() {
                d.picker_open = false;
            }
        });
    }

    ui.separator();
    let (outcome, reasons) = if d.picker_open {
        (Outcome::Rejected, d.reasons.as_slice())
    } else {
        (Outcome::Approved, &[][..])
    };
    ui.label(RichText::new(format!("Message to the applicant ({applicant_locale})")).small());
    let preview = if outcome == Outcome::Rejected && reasons.is_empty() {
        "Choose at least one reason.".to_owned()
    } else {
        applicant_message::compose(outcome, reasons)
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
        assert_eq!(
            visible_reasons("expired"),
            [ReasonCode::ValidityDocumentExpired]
        );
        assert!(visible_reasons("visibility").len() >= 5);
        assert_eq!(visible_reasons("").len(), 43);
        assert!(visible_reasons("zzz").is_empty());
        let all = visible_reasons("");
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
