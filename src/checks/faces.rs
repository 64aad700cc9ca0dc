//! Face checks (HINTS.md `face.*`): a face in the selfie and on the document front, one
//! person in the selfie and in each liveness frame, and the selfie's face close enough to the
//! document portrait to be the same person. With the face models absent these checks
//! add nothing; the command line and the window say that face checks are off.

use crate::faces::{self, Descriptor, FaceBox, FaceModels};
use crate::hints::{Hint, HintCode, Slot};
use crate::imaging::FaceCopy;
use crate::policy::ClientPolicy;
use rayon::prelude::*;
use serde_json::json;

/// The images the face checks judge: all but the document back, which has no face to judge.
pub fn face_checked(slot: Slot) -> bool {
    slot != Slot::DocumentBack
}

/// The face hints of a bundle's images, read from their working copies (`FaceCopy`);
/// nothing when the face models are absent.
pub fn hints(copies: &[(Slot, &FaceCopy)], policy: &ClientPolicy) -> Vec<Hint> {
    let mut out = Vec::new();
    let Ok(models) = faces::availability() else {
        return out;
    };
    // The face compared in each image (`faces::main_of`).
    let mut selfie = None;
    let mut portrait = None;
    // The images of one bundle are searched in parallel.
    let found: Vec<_> = copies
        .par_iter()
        .filter(|(slot, _)| face_checked(*slot))
        .filter_map(|&(slot, copy)| {
            Some((
                slot,
                faces_in(models, slot, copy, policy.face_min_confidence)?,
            ))
        })
        .collect();
    for (slot, Found { faces, compared }) in found {
        match slot {
            Slot::Selfie => selfie = compared,
            Slot::DocumentFront => portrait = compared,
            _ => {}
        }
        // Only faces that are people count as more than one (`faces::people`): a patch of
        // background scored just over the floor tells the applicant nothing true.
        let people: Vec<FaceBox> = faces::people(&faces).into_iter().cloned().collect();
        match (slot, people.as_slice()) {
            (Slot::Selfie | Slot::DocumentFront, []) => out.push(Hint::new(
                HintCode::FaceNone,
                Some(slot),
                format!(
                    "No face found in the {} (none scored the confidence of at least {:.2} the policy counts)",
                    describe(slot),
                    policy.face_min_confidence
                ),
                json!({"faces": 0, "min_confidence": policy.face_min_confidence}),
            )),
            // The document front may carry a small ghost copy of the portrait: only the
            // selfie and the liveness frames must show one person.
            (Slot::Selfie | Slot::Liveness(_), [_, _, ..]) => out.push(Hint::new(
                HintCode::FaceMultiple,
                Some(slot),
                format!(
                    "{} faces in the {} (confidences {}; the policy counts faces from {:.2})",
                    people.len(),
                    describe(slot),
                    people
                        .iter()
                        .map(|f| format!("{:.2}", f.confidence))
                        .collect::<Vec<_>>()
                        .join(", "),
                    policy.face_min_confidence
                ),
                json!({
                    "faces": people.len(),
                    "region": enclosing(&people),
                    "boxes": people.iter().map(FaceBox::region).collect::<Vec<_>>(),
                    "confidences": people.iter().map(|f| round3(f.confidence.into())).collect::<Vec<_>>(),
                    "min_confidence": policy.face_min_confidence,
                }),
            )),
            _ => {}
        }
    }
    if let (Some(selfie), Some(portrait)) = (selfie, portrait) {
        mismatch_hint(selfie, portrait, policy, &mut out);
    }
    out
}

/// `face.mismatch` when the selfie's face is further from the portrait than the policy allows.
fn mismatch_hint(
    (selfie, a): (FaceBox, Descriptor),
    (portrait, b): (FaceBox, Descriptor),
    policy: &ClientPolicy,
    out: &mut Vec<Hint>,
) {
    let distance = f64::from(faces::distance(&a, &b));
    if distance > policy.face_max_distance {
        out.push(Hint::new(
            HintCode::FaceMismatch,
            Some(Slot::Selfie),
            format!(
                "The selfie face is unlikely to be the document holder (distance {distance:.2}, \
                 limit {:.2})",
                policy.face_max_distance
            ),
            json!({
                "distance": round3(distance),
                "threshold": policy.face_max_distance,
                "region": selfie.region(),
                "document_region": portrait.region(),
            }),
        ));
    }
}

/// What an image's faces are, once its pixels are given back.
struct Found {
    /// The faces scoring at least the policy's confidence, most confident first.
    faces: Vec<FaceBox>,
    /// For the selfie and the document front: the main face and its descriptor, compared.
    compared: Option<(FaceBox, Descriptor)>,
}

/// The faces of `copy` scoring at least `min_confidence`, in the original image's pixels;
/// None when the network failed on it.
fn faces_in(
    models: &FaceModels,
    slot: Slot,
    copy: &FaceCopy,
    min_confidence: f64,
) -> Option<Found> {
    let faces = models.counted_faces(&copy.rgb, min_confidence).ok()?;
    let compared = match slot {
        Slot::Selfie | Slot::DocumentFront => faces::main_of(&faces).and_then(|main| {
            let descriptor = models.descriptor(&copy.rgb, main).ok()?;
            Some((main.scaled(copy.scale), descriptor))
        }),
        Slot::DocumentBack | Slot::Liveness(_) => None,
    };
    Some(Found {
        faces: faces.iter().map(|f| f.scaled(copy.scale)).collect(),
        compared,
    })
}

fn describe(slot: Slot) -> String {
    match slot {
        Slot::DocumentFront => "document front".into(),
        Slot::DocumentBack => "document back".into(),
        Slot::Selfie => "selfie".into(),
        Slot::Liveness(n) => format!("liveness frame {}", n + 1),
    }
}

/// The smallest region holding every face: what the window outlines.
fn enclosing(faces: &[FaceBox]) -> [u32; 4] {
    let x = faces.iter().map(|f| f.x).min().unwrap_or(0);
    let y = faces.iter().map(|f| f.y).min().unwrap_or(0);
    let right = faces.iter().map(|f| f.x + f.width).max().unwrap_or(0);
    let bottom = faces.iter().map(|f| f.y + f.height).max().unwrap_or(0);
    [x, y, right - x, bottom - y]
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}
