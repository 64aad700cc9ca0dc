//! The administrators' Accounts screen: every account with its roles, role boxes that grant
//! and revoke, disabling, password resets and new accounts. Each change goes to the store,
//! which checks the administrator's authority and logs it; refusals are shown as they come.

use crate::accounts::{Account, AccountChange, AccountName, Password, Role, Roles};
use crate::i18n::Lang;
use eframe::egui::{self, Color32};

#[derive(Default)]
pub struct AccountsState {
    pub list: Vec<Account>,
    /// The store's last answer: (accepted, text).
    pub message: Option<(bool, String)>,
    new_name: String,
    new_roles: Roles,
    new_password: String,
    /// The account whose password is being reset, and the new password typed so far.
    reset: Option<(String, String)>,
}

impl AccountsState {
    pub fn show(&mut self, ui: &mut egui::Ui, lang: Lang) -> Option<AccountChange> {
        let mut change = None;
        ui.heading(lang.text("accounts-title"));
        ui.label(lang.text("accounts-explain"));
        if let Some((ok, text)) = &self.message {
            let colour = if *ok {
                Color32::from_rgb(90, 170, 90)
            } else {
                Color32::from_rgb(220, 80, 60)
            };
            ui.colored_label(colour, text);
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .max_height(ui.available_height() - 140.0)
            .show(ui, |ui| {
                egui::Grid::new("accounts").striped(true).show(ui, |ui| {
                    ui.strong(lang.text("accounts-name"));
                    for r in Role::ALL {
                        ui.strong(r.code());
                    }
                    ui.strong(lang.text("accounts-state"));
                    ui.end_row();
                    for a in self.list.clone() {
                        if let Some(c) = self.row(ui, &a, lang) {
                            change = Some(c);
                        }
                        ui.end_row();
                    }
                });
            });
        ui.separator();
        if let Some(c) = self.new_account(ui, lang) {
            change = Some(c);
        }
        change
    }

    fn row(&mut self, ui: &mut egui::Ui, a: &Account, lang: Lang) -> Option<AccountChange> {
        let mut change = None;
        ui.label(&a.name);
        for role in Role::ALL {
            let mut has = a.has(role);
            let label = format!("{} {role}", a.name);
            let resp = ui.add_enabled(!a.disabled, egui::Checkbox::without_text(&mut has));
            // Named for screen readers (and tests): "ana fraud".
            resp.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::CheckBox, !a.disabled, has, &label)
            });
            if resp.on_hover_text(&label).clicked() {
                let name = a.name.clone();
                change = Some(if has {
                    AccountChange::Grant { name, role }
                } else {
                    AccountChange::Revoke { name, role }
                });
            }
        }
        ui.horizontal(|ui| {
            if a.disabled {
                ui.label(lang.text("accounts-disabled"));
                return;
            }
            if !a.has_password {
                ui.colored_label(
                    Color32::from_rgb(230, 170, 50),
                    lang.text("accounts-no-password"),
                );
            }
            if ui
                .button(lang.text_with("accounts-disable", &[("name", a.name.as_str().into())]))
                .clicked()
            {
                change = Some(AccountChange::Disable {
                    name: a.name.clone(),
                });
            }
            match &mut self.reset {
                Some((name, typed)) if *name == a.name => {
                    let label = ui.label(lang.text("accounts-new-password"));
                    ui.add(
                        egui::TextEdit::singleline(typed)
                            .password(true)
                            .desired_width(140.0),
                    )
                    .labelled_by(label.id);
                    if ui.button(lang.text("accounts-set-password")).clicked() {
                        match Password::new_password(std::mem::take(typed)) {
                            Ok(password) => {
                                change = Some(AccountChange::SetPassword {
                                    name: a.name.clone(),
                                    password,
                                });
                                self.reset = None;
                            }
                            Err(e) => self.message = Some((false, e.to_string())),
                        }
                    }
                }
                _ => {
                    if ui
                        .button(lang.text_with(
                            "accounts-reset-password",
                            &[("name", a.name.as_str().into())],
                        ))
                        .clicked()
                    {
                        self.reset = Some((a.name.clone(), String::new()));
                    }
                }
            }
        });
        change
    }

    fn new_account(&mut self, ui: &mut egui::Ui, lang: Lang) -> Option<AccountChange> {
        let mut change = None;
        ui.strong(lang.text("accounts-add-title"));
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(lang.text("accounts-name"));
            ui.add(egui::TextEdit::singleline(&mut self.new_name).desired_width(160.0))
                .labelled_by(label.id);
            for role in Role::ALL {
                let mut has = self.new_roles.has(role);
                if ui.checkbox(&mut has, role.code()).changed() {
                    self.new_roles = if has {
                        self.new_roles.with(role)
                    } else {
                        self.new_roles.without(role)
                    };
                }
            }
            let label = ui.label(lang.text("accounts-new-password"));
            ui.add(
                egui::TextEdit::singleline(&mut self.new_password)
                    .password(true)
                    .desired_width(140.0),
            )
            .labelled_by(label.id);
            if ui.button(lang.text("accounts-add")).clicked() {
                let parsed = AccountName::parse(self.new_name.trim()).and_then(|name| {
                    Ok((name, Password::new_password(self.new_password.clone())?))
                });
                match parsed {
                    Ok((name, password)) => {
                        change = Some(AccountChange::Create {
                            name,
                            roles: self.new_roles,
                            password,
                        });
                        self.new_name.clear();
                        self.new_password.clear();
                        self.new_roles = Roles::NONE;
                    }
                    Err(e) => self.message = Some((false, e.to_string())),
                }
            }
        });
        change
    }
}
