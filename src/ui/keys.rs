//! Every keyboard shortcut, in one table: the handlers, the tooltips and the cheat sheet
//! all read it, so they cannot disagree.

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
    Facts,
    NextHint,
    PreviousHint,
    AdoptHint,
    Note,
    Confirm,
    Cancel,
    PickerUp,
    PickerDown,
    PickerToggle,
    Search,
    OpenQueue,
    OpenAudit,
    Help,
}

pub struct Binding {
    pub action: Action,
    pub shortcut: KeyboardShortcut,
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

pub const BINDINGS: &[Binding] = &[
    key(
        Action::Approve,
        Key::A,
        "Approve (asks again when the case has fail hints)",
    ),
    key(Action::Reject, Key::R, "Reject: open the reason picker"),
    key(Action::Escalate, Key::E, "Escalate to the fraud team"),
    key(
        Action::Skip,
        Key::S,
        "Skip: release the case and open the next",
    ),
    key(Action::NextImage, Key::J, "Next image"),
    key(Action::PreviousImage, Key::K, "Previous image"),
    key(Action::ZoomIn, Key::Plus, "Zoom in"),
    key(Action::ZoomOut, Key::Minus, "Zoom out"),
    key(Action::Fit, Key::F, "Fit the image to its pane"),
    key(Action::ActualSize, Key::O, "Original size (1:1)"),
    key(Action::Rotate, Key::T, "Turn the image 90°"),
    key(
        Action::Enlarge,
        Key::M,
        "Enlarge the image / back to all images",
    ),
    key(
        Action::Compare,
        Key::C,
        "Compare selfie and document side by side",
    ),
    key(Action::Facts, Key::I, "File facts and EXIF of the image"),
    key(
        Action::NextHint,
        Key::H,
        "Next hint (outlined on its image)",
    ),
    key(Action::PreviousHint, Key::G, "Previous hint"),
    key(
        Action::AdoptHint,
        Key::U,
        "Use the selected hint's suggested reason",
    ),
    key(Action::Note, Key::N, "Write a note"),
    ctrl(Action::Confirm, Key::Enter, "Confirm the decision"),
    key(Action::Cancel, Key::Escape, "Close the picker or overlay"),
    key(Action::PickerUp, Key::ArrowUp, "Reason picker: move up"),
    key(
        Action::PickerDown,
        Key::ArrowDown,
        "Reason picker: move down",
    ),
    key(
        Action::PickerToggle,
        Key::Enter,
        "Reason picker: tick or untick (1–9 tick the numbered reasons)",
    ),
    key(Action::Search, Key::Slash, "Search the queue"),
    key(Action::OpenQueue, Key::F2, "Queue"),
    key(Action::OpenAudit, Key::F3, "Audit log"),
    key(Action::Help, Key::F1, "This cheat sheet"),
];

pub fn binding(action: Action) -> &'static Binding {
    BINDINGS
        .iter()
        .find(|b| b.action == action)
        .expect("every action has a binding")
}

/// "Approve (A)": a label with its shortcut, for buttons and tooltips.
pub fn hint(action: Action, ctx: &eframe::egui::Context) -> String {
    let b = binding(action);
    format!("{} ({})", b.what, ctx.format_shortcut(&b.shortcut))
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
