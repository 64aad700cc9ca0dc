//! The message the applicant receives about a decision, in their language.
//! Only English texts exist yet, which is also the fallback for unknown locales (SUBMISSION.md);
//! per-reason wording in Latvian and Japanese comes with the localisation work.

use crate::taxonomy::{Flag, Outcome, ReasonCode, is_final};

/// The applicant's message for a decision.
pub fn compose(outcome: Outcome, reasons: &[ReasonCode]) -> String {
    match outcome {
        Outcome::Approved => "Your identity has been verified. You can continue.".to_owned(),
        Outcome::Escalated => {
            "Your verification needs an additional review. We will write to you when it is complete; you do not need to do anything now.".to_owned()
        }
        Outcome::Rejected if reasons.iter().any(|r| r.flag() == Flag::Victim) => {
            // Social engineering: the applicant is addressed as the one who was deceived.
            "We could not verify your identity. If someone asked you to complete this verification for them, or promised you money or a job for it, please stop and contact our support team: you may be the target of a scam.".to_owned()
        }
        // Fraud findings are never described: the final message stays neutral.
        Outcome::Rejected if is_final(reasons) => {
            "We could not verify your identity, and this decision is final. A new attempt will not be accepted.".to_owned()
        }
        Outcome::Rejected => {
            "We could not verify your identity from this submission. Please start a new verification: use your original document, photograph it in colour in good light without glare, and make sure the whole document and your face are clearly visible.".to_owned()
        }
    }
}
