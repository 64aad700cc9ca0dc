//! Face checks (HINTS.md `face.*`): a face in the selfie and on the document front, one
//! person in the selfie and in each liveness frame, and the selfie's face close enough to the
//! document portrait to be the same person. With the face models absent these checks
//! add nothing; the command line and the window say that face checks are off.

use crate::faces::{self, Descriptor, FaceBox, FaceModels};
use crate::hints::{Hint, HintCode, Slot};
use crate::imaging::phash::{self, ImageHash};
use crate::imaging::{FaceCopy, working};
use crate::policy::ClientPolicy;
use rayon::prelude::*;
use serde_json::json;

/// The images the face checks judge: all but the document back, which has no face to judge.
pub fn face_checked(slot: Slot) -> bool {
    slot != Slot::DocumentBack
}

/// What the face checks found in a bundle's images.
#[derive(Debug, Default)]
pub struct FaceFindings {
    pub hints: Vec<Hint>,
    /// The document front's portrait, which `image.reused` compares with other cases'.
    pub portrait: Option<Portrait>,
}

/// A document's portrait: the photo zone around the face found on its front.
#[derive(Debug, Clone, PartialEq)]
pub struct Portrait {
    /// The perceptual hash of the photo zone, which finds candidates quickly.
    pub hash: ImageHash,
    /// `[x, y, width, height]` in the front's own pixels.
    pub region: [u32; 4],
    /// The face's descriptor: two drawn or look-alike portraits can hash alike, one picture
    /// used twice also describes alike (`SAME_PORTRAIT`).
    pub descriptor: Descriptor,
}

/// The most two descriptors of one portrait picture differ. Measured: the specimen passport
/// scanned again at 80 % and re-encoded at quality 80 describes 0.053 from the original;
/// the drawn portraits of different people in the default demo are at least 0.120 apart
/// (one person's, on two documents, 0.090), real people further still (dlib's 0.6).
pub const SAME_PORTRAIT: f32 = 0.1;

/// The face hints of a bundle's images, read from their working copies (`FaceCopy`), and
/// the document's portrait; nothing when the face models are absent.
pub fn hints(copies: &[(Slot, &FaceCopy)], policy: &ClientPolicy) -> FaceFindings {
    let mut findings = FaceFindings::default();
    let Ok(models) = faces::availability() else {
        return findings;
    };
    let out = &mut findings.hints;
    // The face compared in each image (`faces::main_of`).
    let mut selfie = None;
    let mut portrait = None;
    // The images of one bundle are searched in parallel.
    let found: Vec<_> = faces::on_pool(|| {
        copies
            .par_iter()
            .filter(|(slot, _)| face_checked(*slot))
            .filter_map(|&(slot, copy)| {
                Some((
                    slot,
                    faces_in(models, slot, copy, policy.face_min_confidence)?,
                ))
            })
            .collect()
    });
    for (
        slot,
        Found {
            faces,
            compared,
            photo,
        },
    ) in found
    {
        match slot {
            Slot::Selfie => selfie = compared,
            Slot::DocumentFront => (portrait, findings.portrait) = (compared, photo),
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
        mismatch_hint(selfie, portrait, policy, out);
    }
    findings
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
    /// For the document front: its portrait.
    photo: Option<Portrait>,
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
    let main =
        faces::main_of(&faces).filter(|_| matches!(slot, Slot::Selfie | Slot::DocumentFront));
    let compared = main.and_then(|main| {
        let descriptor = models.descriptor(&copy.rgb, main).ok()?;
        Some((main.scaled(copy.scale), descriptor))
    });
    let photo = compared
        .as_ref()
        .filter(|_| slot == Slot::DocumentFront)
        .and_then(|(_, descriptor)| Some(portrait_of(copy, main?, *descriptor)));
    Some(Found {
        faces: faces.iter().map(|f| f.scaled(copy.scale)).collect(),
        compared,
        photo,
    })
}

/// The photo zone around `face` (found in `copy`): the head with its hair and the
/// shoulders, as a document prints it, hashed as the image checks hash a whole image.
fn portrait_of(copy: &FaceCopy, face: &FaceBox, descriptor: Descriptor) -> Portrait {
    let (w, h) = (f64::from(face.width), f64::from(face.height));
    let (x, y) = (f64::from(face.x), f64::from(face.y));
    // Within the copy, as the face is: at least one pixel each way.
    let x0 = (x - 0.35 * w).max(0.0) as u32;
    let y0 = (y - 0.5 * h).max(0.0) as u32;
    let x1 = ((x + 1.35 * w) as u32).clamp(x0 + 1, copy.rgb.width().max(x0 + 1));
    let y1 = ((y + 1.4 * h) as u32).clamp(y0 + 1, copy.rgb.height().max(y0 + 1));
    let zone = image::imageops::crop_imm(&copy.rgb, x0, y0, x1 - x0, y1 - y0).to_image();
    let grey = working::grey_of(&zone);
    Portrait {
        hash: phash::of_thumbnail(&phash::thumbnail(&grey)),
        region: [x0, y0, zone.width(), zone.height()]
            .map(|v| (f64::from(v) * copy.scale).round() as u32),
        descriptor,
    }
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
