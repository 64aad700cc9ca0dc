//! The read-only case screen: a case looked at beside the work (a decided case, or one a
//! hint or a reused image names). It owns what it shows and turns input into `Act`s; nothing
//! is claimed or decided here, a supervisor may reopen.

use super::keys::{self, Action};
use super::review::{self, Layout};
use super::worker::PreparedCase;
use super::{Act, Screen, reopen};
use crate::accounts::{Account, Role};
use crate::i18n::Lang;
use eframe::egui::{self, Color32};

/// The case looked at, how it is looked at, and the screen to go back to.
#[derive(Default)]
pub struct CaseScreen {
    case: Option<PreparedCase>,
    /// The case asked for, until it is prepared.
    wanted: Option<String>,
    layout: Layout,
    reopen: reopen::ReopenDraft,
    back_to: Screen,
}

impl CaseScreen {
    /// Asks for case `id` (the caller has it prepared); coming from `from` unless already
    /// looking. A reason typed for another case is not carried over.
    pub fn want(&mut self, id: String, from: Screen) {
        if from != Screen::Case {
            self.back_to = from;
        }
        if self.showing() != Some(id.as_str()) {
            self.reopen = Default::default();
        }
        self.case = None;
        self.wanted = Some(id);
    }

    /// Whether `id` is the case waited for.
    pub fn wants(&self, id: &str) -> bool {
        self.wanted.as_deref() == Some(id)
    }

    /// Shows the prepared case waited for.
    pub fn arrived(&mut self, case: PreparedCase) {
        self.wanted = None;
        self.layout = Layout::default();
        self.case = Some(case);
    }

    /// Leaves the screen (its case and textures dropped); returns the screen to go back to.
    pub fn leave(&mut self) -> Screen {
        self.case = None;
        self.wanted = None;
        self.back_to
    }

    /// Case `id`'s checks finished with `hints`, shown if it is on screen.
    pub fn checks_done(&mut self, id: &str, hints: &[crate::hints::Hint]) {
        if let Some(case) = self
            .case
            .as_mut()
            .filter(|c| c.record.submission.id.as_str() == id)
        {
            case.record.hints = hints.to_vec();
            case.record.checks_running = false;
        }
    }

    /// The case on screen.
    pub fn showing(&self) -> Option<&str> {
        self.case.as_ref().map(|c| c.record.submission.id.as_str())
    }

    /// The store's answer to the reopening sent: done (the reason is cleared) or refused
    /// (the reason stays, to send again or change).
    pub fn reopen_answered(&mut self, done: bool) {
        if done {
            self.reopen = Default::default();
        } else {
            self.reopen.sending = false;
        }
    }

    /// Draws the screen; returns what the reviewer asked for.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        account: Option<&Account>,
        lang: Lang,
    ) -> Option<Act> {
        let ctx = ui.ctx().clone();
        let mut act = None;
        if !ctx.text_edit_focused()
            && let Some(case) = &self.case
        {
            act = review::view_keys(&ctx, &mut self.layout, case).map(Act::LookAt);
            if keys::pressed(&ctx, Action::Cancel) {
                act = Some(Act::Back);
            }
            if keys::pressed(&ctx, Action::Packet) && account.is_some_and(|a| a.has(Role::Auditor))
            {
                act = packet_act(case);
            }
        }
        let Some(case) = &self.case else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.add_space(40.0);
                ui.vertical_centered(|ui| ui.spinner());
            });
            return act;
        };
        let mut hint_click = None;
        egui::Panel::right("looking-side")
            .default_size(440.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    if ui.button(lang.text("case-back")).clicked() {
                        act = Some(Act::Back);
                    }
                    if account.is_some_and(|a| a.has(Role::Auditor))
                        && ui
                            .button(lang.text("packet-button"))
                            .on_hover_text(keys::hint(Action::Packet, &ctx, lang))
                            .clicked()
                    {
                        act = packet_act(case);
                    }
                    let status = review::status_text(case.record.status.code(), lang);
                    ui.colored_label(
                        Color32::from_rgb(120, 180, 255),
                        lang.text_with("case-read-only", &[("status", status.into())]),
                    );
                });
                if let Some(at) = case.record.purged_at {
                    // Nothing left to review again: no reopening is offered.
                    ui.colored_label(
                        Color32::from_rgb(230, 170, 80),
                        lang.text_with(
                            "case-purged",
                            &[("date", lang.date(at.date_naive()).into())],
                        ),
                    );
                } else if let Some(account) = account
                    && let Some(reason) = reopen::show(ui, &mut self.reopen, case, account, lang)
                {
                    act = Some(Act::Reopen {
                        id: case.record.submission.id.to_string(),
                        reason,
                    });
                }
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let claim = lang.text("case-not-claimed");
                    hint_click =
                        review::details(ui, case, &claim, self.layout.selected_hint, false, lang);
                });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            review::evidence(ui, case, &mut self.layout, lang);
        });
        if let Some(click) = hint_click {
            // Nothing is decided here: "use" is not offered, a click only selects.
            let _ = self.layout.hint_clicked(click, case);
        }
        act
    }
}

/// Asks where to save the case's evidence packet; nothing when the reviewer cancels.
fn packet_act(case: &PreparedCase) -> Option<Act> {
    let id = case.record.submission.id.to_string();
    let path = rfd::FileDialog::new()
        .set_file_name(format!("{id}.pdf"))
        .save_file()?;
    Some(Act::Packet { id, path })
}
