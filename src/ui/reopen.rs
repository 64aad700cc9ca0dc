//! A supervisor's reopening of a decided case, offered on the read-only case screen. What is
//! offered follows the store's own rule (`lifecycle::reopening`); the store enforces it.

use super::worker::PreparedCase;
use crate::accounts::Account;
use crate::i18n::Lang;
use crate::lifecycle::{self, DecisionRefused};
use eframe::egui;

/// The reason being typed, and whether a reopening is on its way to the store.
#[derive(Default)]
pub struct ReopenDraft {
    pub reason: String,
    pub sending: bool,
}

/// Draws the reopening for `case` when `account` may reopen it; returns the reason to send
/// when the supervisor confirms.
pub fn show(
    ui: &mut egui::Ui,
    draft: &mut ReopenDraft,
    case: &PreparedCase,
    account: &Account,
    lang: Lang,
) -> Option<String> {
    let id = case.record.submission.id.as_str();
    // A stand-in reason asks the rule whether this account could reopen the case at all.
    let allowed = lifecycle::reopening(id, &case.record.status, &case.history, account, "?");
    let own = match allowed {
        Ok(_) => None,
        Err(DecisionRefused::OwnDecision { by, .. }) => Some(by),
        Err(_) => return None,
    };
    let mut send = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(egui::RichText::new(lang.text("reopen-title")).strong());
        if let Some(by) = own {
            ui.weak(lang.text_with("reopen-own", &[("by", by.into())]));
            return;
        }
        ui.label(lang.text("reopen-explain"));
        let label = ui.label(lang.text("reopen-reason"));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut draft.reason)
                    .hint_text(lang.text("reopen-reason-hint"))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        let ready = !draft.reason.trim().is_empty() && !draft.sending;
        let button = ui.add_enabled(ready, egui::Button::new(lang.text("reopen-button")));
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ready && (button.clicked() || entered) {
            draft.sending = true;
            send = Some(draft.reason.trim().to_owned());
        }
    });
    send
}
