//! The automated checks run on a bundle (HINTS.md), one module per family of hints. Checks
//! only read: the bundle, the client's policy, and the other cases that share the bundle's
//! document numbers, which the caller looks up beforehand. No check touches storage or a UI.

mod dates;
mod document;
mod editing;
mod faces;
mod files;
mod history;
mod image_quality;
mod liveness;
mod mrz_checks;
mod reuse;

pub use faces::{FaceFindings, Portrait, face_checked, hints as face_hints};
pub use history::{HistoryRecord, document_numbers};
pub use image_quality::image_hints;
pub use reuse::{ImageMatch, compared};

use crate::bundle::{Bundle, FileContent};
use crate::hints::{Hint, Slot};
use crate::imaging::{Analysis, FaceCopy};
use crate::mrz::{self, Field, Malformed, Zone};
use crate::policy::ClientPolicy;
use crate::submission::Submission;
use chrono::NaiveDate;

/// What the store knows of other cases that bears on a bundle, looked up by the caller.
/// The bundle's own case is ignored in both lists.
#[derive(Debug, Clone, Default)]
pub struct Related {
    /// The cases that carry one of the bundle's `document_numbers`.
    pub history: Vec<HistoryRecord>,
    /// Stored images near each of the bundle's images (by its perceptual hash).
    pub images: Vec<(Slot, ImageMatch)>,
}

/// Every hint for `bundle` under `policy` but the face checks' (`face_hints`, slower, run
/// after the case is stored), in a stable order.
pub fn run(bundle: &Bundle, policy: &ClientPolicy, related: &Related) -> Vec<Hint> {
    let mut hints = Vec::new();
    files::hints(bundle, policy, &mut hints);
    image_quality::hints(bundle, &policy.images, &mut hints);
    editing::hints(bundle, &mut hints);
    let facts = Facts::of(&bundle.submission);
    reuse::hints(
        &facts,
        &related.images,
        policy.images.reuse_max_distance,
        &mut hints,
    );
    liveness::hints(bundle, &policy.images, &mut hints);
    mrz_checks::hints(&facts, &mut hints);
    document::hints(&facts, policy, &mut hints);
    dates::hints(&facts, policy, &mut hints);
    history::hints(&facts, &related.history, &mut hints);
    hints
}

/// `image.reused` on the document front of `submission`, whose `portrait` is another
/// case's among `matches` (the stored images whose hash is near its): the same picture
/// hashes alike and describes alike.
pub fn portrait_reuse_hints(
    submission: &Submission,
    matches: Vec<ImageMatch>,
    max_distance: u32,
    portrait: &Portrait,
) -> Vec<Hint> {
    let matches: Vec<_> = matches
        .into_iter()
        .filter(|m| {
            m.slot == Slot::DocumentFront
                && m.descriptor.as_deref().is_some_and(|d| {
                    crate::faces::distance(d, &portrait.descriptor) <= faces::SAME_PORTRAIT
                })
        })
        .map(|m| (Slot::DocumentFront, m))
        .collect();
    let mut out = Vec::new();
    reuse::hints(&Facts::of(submission), &matches, max_distance, &mut out);
    for h in &mut out {
        h.evidence["region"] = serde_json::json!(portrait.region);
    }
    out
}

/// The working copies of the bundle's images the face checks judge.
pub fn face_copies(bundle: &Bundle) -> Vec<(Slot, &FaceCopy)> {
    bundle
        .files
        .iter()
        .filter_map(|f| match &f.content {
            FileContent::Read {
                face_copy: Some(copy),
                ..
            } => Some((f.slot, copy)),
            _ => None,
        })
        .collect()
}

/// The bundle's measured images, in slot order.
fn analysed(bundle: &Bundle) -> impl Iterator<Item = (Slot, &Analysis)> {
    bundle.files.iter().filter_map(|f| match &f.content {
        FileContent::Read {
            analysis: Some(a), ..
        } => Some((f.slot, a.as_ref())),
        _ => None,
    })
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
