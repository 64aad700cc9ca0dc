//! The message the applicant receives about a decision, in their language (English when
//! Vigil does not speak it). Fraud findings are never described; a victim of social
//! engineering is addressed as one.

use crate::i18n::Lang;
use crate::taxonomy::{Flag, Outcome, ReasonCode, is_final};

/// The message for a decision, and the language it is written in.
pub fn compose(outcome: Outcome, reasons: &[ReasonCode], applicant_locale: &str) -> (Lang, String) {
    let lang = Lang::for_applicant(applicant_locale);
    let text = match outcome {
        Outcome::Approved => lang.text("applicant-approved"),
        Outcome::Escalated => lang.text("applicant-escalated"),
        Outcome::Rejected if reasons.iter().any(|r| r.flag() == Flag::Fraud) => {
            lang.text("applicant-rejected-neutral")
        }
        Outcome::Rejected => {
            if let Some(victim) = reasons.iter().find(|r| r.flag() == Flag::Victim) {
                lang.reason_applicant(*victim)
            } else {
                let intro = if is_final(reasons) {
                    "applicant-rejected-final-intro"
                } else {
                    "applicant-rejected-retry-intro"
                };
                let mut parts = vec![lang.text(intro)];
                parts.extend(reasons.iter().map(|r| lang.reason_applicant(*r)));
                parts.join(" ")
            }
        }
    };
    (lang, text)
}
