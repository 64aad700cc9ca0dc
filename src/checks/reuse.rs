//! `image.reused`: one of the bundle's images is a perceptual near-copy of an image in
//! another applicant's case. The same person may send the same picture again (a repeat
//! attempt, a renewed document), so a match counts only when the other case is someone else:
//! no document number in common, and a different name or date of birth.

use super::Facts;
use super::history::{Identity, document_numbers};
use crate::faces::Descriptor;
use crate::hints::{Hint, HintCode, Slot};
use chrono::NaiveDate;
use serde_json::json;

/// A stored image near one of the bundle's, as the store reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageMatch {
    pub case_id: String,
    pub slot: Slot,
    /// Hamming distance between the two perceptual hashes (of 64 bits).
    pub distance: u32,
    pub surname: Option<String>,
    pub given_names: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    /// The other case's document numbers (`checks::document_numbers`).
    pub document_numbers: Vec<String>,
    /// For a document front: its portrait's face descriptor.
    pub descriptor: Option<Box<Descriptor>>,
}

/// Whether images in `slot` are compared whole with other cases': the selfie and the
/// liveness frames, which show the person and nothing else. A document is mostly its type's
/// template (different people's card backs hash within 2 bits in the demo): its front is
/// compared by its portrait (`portrait_hash`, once the face checks have found it), its back
/// not at all.
pub fn compared(slot: Slot) -> bool {
    matches!(slot, Slot::Selfie | Slot::Liveness(_))
}

/// `matches` pairs each of the bundle's slots with the stored images near it (whole for the
/// `compared` slots, the portrait for the document front).
pub(super) fn hints(
    f: &Facts<'_>,
    matches: &[(Slot, ImageMatch)],
    max_distance: u32,
    out: &mut Vec<Hint>,
) {
    let me = Identity::of(f);
    let numbers = document_numbers(f.submission);
    let mut others: Vec<&(Slot, ImageMatch)> = matches
        .iter()
        .filter(|(_, m)| m.case_id != f.submission.id.as_str() && m.distance <= max_distance)
        .filter(|(_, m)| {
            let same_document = m.document_numbers.iter().any(|n| numbers.contains(n));
            let differs = !me
                .differences(
                    m.surname.as_deref(),
                    m.given_names.as_deref(),
                    m.date_of_birth,
                )
                .is_empty();
            !same_document && differs
        })
        .collect();
    others
        .sort_by(|a, b| (a.0, a.1.distance, &a.1.case_id).cmp(&(b.0, b.1.distance, &b.1.case_id)));
    for slot_matches in others.chunk_by(|a, b| a.0 == b.0) {
        let (slot, best) = (slot_matches[0].0, &slot_matches[0].1);
        out.push(Hint::new(
            HintCode::ImageReused,
            Some(slot),
            format!(
                "The {slot} image matches the {} image of case {}, another applicant ({} of 64 bits differ)",
                best.slot, best.case_id, best.distance
            ),
            json!({
                "case": best.case_id,
                "slot": best.slot.to_string(),
                "distance": best.distance,
                "threshold": max_distance,
                "matches": slot_matches.iter().map(|(_, m)| json!({
                    "case": m.case_id, "slot": m.slot.to_string(), "distance": m.distance,
                })).collect::<Vec<_>>(),
            }),
        ));
    }
}
