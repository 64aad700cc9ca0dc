//! Text from bundles and the store made safe to print for people: a name, a file name or a
//! note cannot clear the screen, set the window title, forge a line of output or turn text
//! around. Machine output (JSON) is printed exact and never goes through here.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` changes the terminal or the direction of the text instead of being shown:
/// C0 and C1 controls, DEL, and the bidirectional marks, embeddings, overrides and isolates.
fn is_hazard(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// `s` with every hazard shown as an escape (`\n`, `\r`, `\t`, `\u{1b}`, `\u{202e}`); text
/// without one is returned as it is.
pub fn safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hazard) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hazard(c) => {
                // Writing into a String cannot fail.
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hazards_are_shown_and_text_is_kept() {
        assert!(matches!(
            safe("BĒRZIŅA 日本 ok"),
            Cow::Borrowed("BĒRZIŅA 日本 ok")
        ));
        assert_eq!(
            safe("a\u{1b}[2J\u{1b}]0;pwned\u{7}b"),
            "a\\u{1b}[2J\\u{1b}]0;pwned\\u{7}b"
        );
        assert_eq!(safe("ANA\r\nGOOD-9 approved"), "ANA\\r\\nGOOD-9 approved");
        assert_eq!(safe("x\u{202E}gpj.exe"), "x\\u{202e}gpj.exe");
        assert_eq!(safe("nul\0\u{9b}31m"), "nul\\u{0}\\u{9b}31m");
        assert_eq!(
            safe("\u{2066}\u{2069}\u{200f}"),
            "\\u{2066}\\u{2069}\\u{200f}"
        );
    }
}
