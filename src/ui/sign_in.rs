//! The sign-in dialog: name and password, no self-service profiles. A demo store lists its
//! public demo accounts to pick from; a store without accounts says how to create the first.

use super::Act;
use crate::accounts::{DEMO_ACCOUNTS, Password, Roles};
use crate::i18n::Lang;
use eframe::egui::{self, Color32, RichText};

/// What the store says about itself, for the dialog and the demo banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreInfo {
    pub has_accounts: bool,
    pub demo: bool,
}

#[derive(Default)]
pub struct SignInForm {
    pub name: String,
    pub password: String,
    /// A sign-in is with the store; the button waits for its answer.
    pub pending: bool,
    pub error: Option<String>,
    focused: bool,
}

impl SignInForm {
    /// A fresh form, the last name filled in (never a password, never a session).
    pub fn remembering(name: Option<String>) -> SignInForm {
        SignInForm {
            name: name.unwrap_or_default(),
            ..SignInForm::default()
        }
    }

    pub fn show(
        &mut self,
        ctx: &egui::Context,
        lang: Lang,
        info: Option<StoreInfo>,
    ) -> Option<Act> {
        let mut intent = None;
        egui::Modal::new(egui::Id::unique("vigil.sign-in")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading(lang.text("sign-in-title"));
            if info.is_some_and(|i| i.demo) {
                demo_banner(ui, lang);
            }
            if info.is_some_and(|i| !i.has_accounts) {
                ui.label(lang.text("sign-in-no-accounts"));
                if ui.button(lang.text("queue-load-demo")).clicked() {
                    intent = Some(Act::LoadDemo);
                }
                ui.separator();
            }
            let name_label = ui.label(lang.text("sign-in-name"));
            let name = ui
                .add(egui::TextEdit::singleline(&mut self.name))
                .labelled_by(name_label.id);
            let password_label = ui.label(lang.text("sign-in-password"));
            let password = ui
                .add(egui::TextEdit::singleline(&mut self.password).password(true))
                .labelled_by(password_label.id);
            // The cursor goes where typing starts, once: the password when the name is known.
            if !std::mem::replace(&mut self.focused, true) {
                if self.name.is_empty() {
                    name.request_focus();
                } else {
                    password.request_focus();
                }
            }
            let ready = !self.pending && !self.name.trim().is_empty() && !self.password.is_empty();
            let enter = (name.lost_focus() || password.lost_focus())
                && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let label = if self.pending {
                lang.text("sign-in-checking")
            } else {
                lang.text("sign-in-button")
            };
            if ui.add_enabled(ready, egui::Button::new(label)).clicked() || (ready && enter) {
                intent = Some(self.submit());
            }
            if let Some(e) = &self.error {
                ui.colored_label(Color32::from_rgb(220, 80, 60), e);
            }
            if info.is_some_and(|i| i.demo) {
                ui.separator();
                ui.label(lang.text("sign-in-demo-accounts"));
                egui::Grid::new("demo-accounts")
                    .striped(true)
                    .show(ui, |ui| {
                        for (name, password, roles) in DEMO_ACCOUNTS {
                            let roles = Roles::of(roles.iter().copied()).to_string();
                            if ui
                                .button(lang.text_with("sign-in-use", &[("name", name.into())]))
                                .clicked()
                            {
                                self.name = name.to_owned();
                                self.password = password.to_owned();
                                intent = Some(self.submit());
                            }
                            ui.monospace(password);
                            ui.label(roles);
                            ui.end_row();
                        }
                    });
            }
        });
        intent
    }

    fn submit(&mut self) -> Act {
        self.pending = true;
        self.error = None;
        Act::SignIn {
            name: self.name.trim().to_owned(),
            password: Password::given(std::mem::take(&mut self.password)),
        }
    }
}

fn demo_text(text: String) -> RichText {
    RichText::new(text)
        .strong()
        .color(Color32::from_rgb(20, 20, 20))
        .background_color(Color32::from_rgb(240, 190, 60))
}

/// Said on the sign-in screen of a demo store: its accounts and passwords are public.
pub fn demo_banner(ui: &mut egui::Ui, lang: Lang) {
    ui.label(demo_text(lang.text("demo-store-banner")));
}

/// Said on every other screen of a demo store, short enough for the narrowest window; the
/// whole sentence on hover.
pub fn demo_badge(ui: &mut egui::Ui, lang: Lang) {
    ui.label(demo_text(lang.text("demo-store-short")))
        .on_hover_text(lang.text("demo-store-banner"));
}
