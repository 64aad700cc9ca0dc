//! Every keyboard shortcut, in one table: the handlers, the tooltips and the cheat sheet
//! all read it, so they cannot disagree.

use crate::i18n::Lang;
use eframe::egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Approve,
    Reject,
    Escalate,
    Skip,
    NextImage,
    PreviousImage,
    ZoomIn,
    ZoomOut,
    Fit,
    ActualSize,
    Rotate,
    Enlarge,
    Compare,
    ErrorLevels,
    Facts,
    NextHint,
    PreviousHint,
    AdoptHint,
    LookAt,
    Note,
    Undo,
    Confirm,
    Cancel,
    PickerUp,
    PickerDown,
    PickerToggle,
    PanLeft,
    PanRight,
    PanUp,
    PanDown,
    Search,
    OpenQueue,
    OpenAudit,
    OpenQa,
    ReopenFromQa,
    Packet,
    Help,
    Quit,
}

pub struct Binding {
    pub action: Action,
    pub shortcut: KeyboardShortcut,
    /// The message key of what the shortcut does.
    pub what: &'static str,
}

const fn key(action: Action, key: Key, what: &'static str) -> Binding {
    Binding {
        action,
        shortcut: KeyboardShortcut::new(Modifiers::NONE, key),
        what,
    }
}

const fn ctrl(action: Action, key: Key, what: &'static str) -> Binding {
    Binding {
        action,
        shortcut: KeyboardShortcut::new(Modifiers::COMMAND, key),
        what,
    }
}

const fn shift(action: Action, key: Key, what: &'static str) -> Binding {
    Binding {
        action,
        shortcut: KeyboardShortcut::new(Modifiers::SHIFT, key),
        what,
    }
}

pub const BINDINGS: &[Binding] = &[
    key(Action::Approve, Key::A, "key-approve"),
    key(Action::Reject, Key::R, "key-reject"),
    key(Action::Escalate, Key::E, "key-escalate"),
    key(Action::Skip, Key::S, "key-skip"),
    key(Action::NextImage, Key::J, "key-next-image"),
    key(Action::PreviousImage, Key::K, "key-previous-image"),
    key(Action::ZoomIn, Key::Plus, "key-zoom-in"),
    key(Action::ZoomOut, Key::Minus, "key-zoom-out"),
    key(Action::Fit, Key::F, "key-fit"),
    key(Action::ActualSize, Key::O, "key-actual-size"),
    key(Action::Rotate, Key::T, "key-rotate"),
    key(Action::Enlarge, Key::M, "key-enlarge"),
    key(Action::Compare, Key::C, "key-compare"),
    key(Action::ErrorLevels, Key::L, "key-error-levels"),
    key(Action::Facts, Key::I, "key-facts"),
    key(Action::NextHint, Key::H, "key-next-hint"),
    key(Action::PreviousHint, Key::G, "key-previous-hint"),
    key(Action::AdoptHint, Key::U, "key-adopt-hint"),
    key(Action::LookAt, Key::V, "key-look-at"),
    key(Action::Note, Key::N, "key-note"),
    ctrl(Action::Undo, Key::Z, "key-undo"),
    ctrl(Action::Confirm, Key::Enter, "key-confirm"),
    key(Action::Cancel, Key::Escape, "key-cancel"),
    key(Action::PickerUp, Key::ArrowUp, "key-picker-up"),
    key(Action::PickerDown, Key::ArrowDown, "key-picker-down"),
    key(Action::PickerToggle, Key::Enter, "key-picker-toggle"),
    shift(Action::PanLeft, Key::ArrowLeft, "key-pan-left"),
    shift(Action::PanRight, Key::ArrowRight, "key-pan-right"),
    shift(Action::PanUp, Key::ArrowUp, "key-pan-up"),
    shift(Action::PanDown, Key::ArrowDown, "key-pan-down"),
    key(Action::Search, Key::Slash, "key-search"),
    key(Action::OpenQueue, Key::F2, "key-open-queue"),
    key(Action::OpenAudit, Key::F3, "key-open-audit"),
    key(Action::OpenQa, Key::F4, "key-open-qa"),
    shift(Action::ReopenFromQa, Key::R, "key-reopen-from-qa"),
    key(Action::Packet, Key::P, "key-packet"),
    key(Action::Help, Key::F1, "key-help"),
    ctrl(Action::Quit, Key::Q, "key-quit"),
];

pub fn binding(action: Action) -> &'static Binding {
    BINDINGS
        .iter()
        .find(|b| b.action == action)
        .expect("every action has a binding")
}

/// "Approve (A)": what the shortcut does and its key, for tooltips.
pub fn hint(action: Action, ctx: &eframe::egui::Context, lang: Lang) -> String {
    format!(
        "{} ({})",
        lang.text(binding(action).what),
        shortcut(action, ctx)
    )
}

/// "Shift+R": the key alone, for sentences that say what it does.
pub fn shortcut(action: Action, ctx: &eframe::egui::Context) -> String {
    ctx.format_shortcut(&binding(action).shortcut)
}

/// Whether `action`'s shortcut was pressed this frame; consumes it.
pub fn pressed(ctx: &eframe::egui::Context, action: Action) -> bool {
    let b = binding(action);
    ctx.input_mut(|i| i.consume_shortcut(&b.shortcut))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_distinct_binding() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                assert_ne!(a.action, b.action);
                assert_ne!(a.shortcut, b.shortcut, "{:?} and {:?}", a.action, b.action);
            }
        }
    }
}
