//! Japanese needs a CJK font, which egui does not carry. The set-up installs Debian's Noto
//! CJK; this finds it (or another common one) and adds it as a fallback, off the UI thread.

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The default fonts plus `bytes` as the last fallback of both families.
pub fn with_cjk(bytes: Vec<u8>) -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    defs.font_data
        .insert("cjk".into(), Arc::new(FontData::from_owned(bytes)));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        defs.families.entry(family).or_default().push("cjk".into());
    }
    defs
}

/// Loads the CJK font in the background; `ready` turns true once the window can show it.
pub fn load_in_background(ctx: &egui::Context, ready: Arc<AtomicBool>) {
    let Some(path) = crate::i18n::cjk_font_path() else {
        return;
    };
    let ctx = ctx.clone();
    std::thread::spawn(move || {
        if let Ok(bytes) = std::fs::read(path) {
            ctx.set_fonts(with_cjk(bytes));
            ready.store(true, Ordering::Release);
            ctx.request_repaint();
        }
    });
}
