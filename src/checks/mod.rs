//! The automated checks run on a bundle (HINTS.md), one module per family of hints. Checks
//! only read: the bundle, the client's policy, and the other cases that share the bundle's
//! document numbers, which the caller looks up beforehand. No check touches storage or a UI.

mod dates;
mod document;
mod faces;
mod files;
mod history;
mod mrz_checks;

pub use faces::drawn_faces;
pub use history::{HistoryRecord, document_numbers};

use crate::bundle::Bundle;
use crate::hints::Hint;
use crate::mrz::{self, Field, Malformed, Zone};
use crate::policy::ClientPolicy;
use crate::submission::Submission;
use chrono::NaiveDate;

/// Every hint for `bundle` under `policy`, in a stable order. `history` holds the cases that
/// carry one of the bundle's `document_numbers`; the bundle's own case is ignored in it.
pub fn run(bundle: &Bundle, policy: &ClientPolicy, history: &[HistoryRecord]) -> Vec<Hint> {
    let mut hints = Vec::new();
    files::hints(bundle, policy, &mut hints);
    let facts = Facts::of(&bundle.submission);
    mrz_checks::hints(&facts, &mut hints);
    document::hints(&facts, policy, &mut hints);
    dates::hints(&facts, policy, &mut hints);
    history::hints(&facts, history, &mut hints);
    faces::hints(bundle, policy, &mut hints);
    hints
}

/// What the document checks read: the submission, its MRZ as far as it reads, and the day
/// that expiry and age are judged on.
struct Facts<'a> {
    submission: &'a Submission,
    /// None when the submission has no MRZ.
    mrz: Option<Result<Zone<'a>, Malformed>>,
    /// The submission date as `submitted_at` gives it in UTC: one calendar for every
    /// applicant, wherever they are.
    on: NaiveDate,
}

impl<'a> Facts<'a> {
    fn of(submission: &'a Submission) -> Facts<'a> {
        Facts {
            submission,
            // A blank MRZ is one the capture system did not read, not a malformed one.
            mrz: submission
                .document
                .mrz
                .as_deref()
                .filter(|text| !text.trim().is_empty())
                .map(mrz::parse),
            on: submission.submitted_at.date_naive(),
        }
    }

    fn zone(&self) -> Option<&Zone<'a>> {
        self.mrz.as_ref()?.as_ref().ok()
    }

    fn mrz_birth_date(&self) -> Option<NaiveDate> {
        mrz::birth_date(self.zone()?.birth_date, self.on)
    }

    fn mrz_expiry_date(&self) -> Option<NaiveDate> {
        mrz::expiry_date(self.zone()?.expiry_date, self.on)
    }

    /// `date` from the MRZ only when `field`'s check digit holds: a date whose digit is wrong
    /// is a hint of its own, and no other conclusion is built on it.
    fn trusted(&self, field: Field, date: Option<NaiveDate>) -> Option<NaiveDate> {
        let ok = self.zone()?.check(field).is_some_and(|c| c.ok());
        date.filter(|_| ok)
    }
}
