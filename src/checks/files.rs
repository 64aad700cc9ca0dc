//! Checks on the files themselves: type, readability, completeness.

use crate::bundle::{Bundle, FileContent};
use crate::hints::{Hint, HintCode, Slot};
use crate::image_file::Inspection;
use crate::policy::ClientPolicy;
use serde_json::json;

pub(super) fn hints(bundle: &Bundle, policy: &ClientPolicy, out: &mut Vec<Hint>) {
    file_hints(bundle, policy, out);
    completeness_hints(bundle, policy, out);
}

fn file_hints(bundle: &Bundle, policy: &ClientPolicy, hints: &mut Vec<Hint>) {
    for f in &bundle.files {
        let slot = Some(f.slot);
        let name = &f.name;
        match &f.content {
            FileContent::Missing => hints.push(Hint::new(
                HintCode::FileUnreadable,
                slot,
                format!("{} file {name} is missing from the bundle", f.slot),
                json!({"file": name, "problem": "missing"}),
            )),
            FileContent::Unreadable(problem) => hints.push(Hint::new(
                HintCode::FileUnreadable,
                slot,
                format!("{} file {name} cannot be read: {problem}", f.slot),
                json!({"file": name, "problem": problem}),
            )),
            FileContent::Read { inspection, .. } => match inspection {
                Inspection::Unsupported { detected } => hints.push(Hint::new(
                    HintCode::FileUnsupportedType,
                    slot,
                    format!("{} file {name} is {detected}, not JPEG, PNG or PDF", f.slot),
                    json!({"file": name, "detected": detected}),
                )),
                Inspection::Broken { kind, problem } => hints.push(Hint::new(
                    HintCode::FileUnreadable,
                    slot,
                    format!("{} file {name} ({}) {problem}", f.slot, kind.code()),
                    json!({"file": name, "type": kind.code(), "problem": problem}),
                )),
                Inspection::Image { .. } | Inspection::Pdf => {}
            },
        }
        let already_unsupported = matches!(
            &f.content,
            FileContent::Read {
                inspection: Inspection::Unsupported { .. },
                ..
            }
        );
        if !already_unsupported && !policy.accepts_extension(name) {
            hints.push(Hint::new(
                HintCode::FileUnsupportedType,
                slot,
                format!(
                    "{} file {name} has an extension the policy does not accept ({})",
                    f.slot,
                    policy.file_types.join(", ")
                ),
                json!({"file": name, "accepted": policy.file_types}),
            ));
        }
    }
}

fn completeness_hints(bundle: &Bundle, policy: &ClientPolicy, hints: &mut Vec<Hint>) {
    let s = &bundle.submission;
    let id_card = s.document.doc_type.as_deref() == Some("id_card");
    let expected = [
        (Slot::DocumentFront, s.images.document_front.is_some(), true),
        (
            Slot::DocumentBack,
            s.images.document_back.is_some(),
            id_card,
        ),
        (Slot::Selfie, s.images.selfie.is_some(), true),
    ];
    for (slot, present, required) in expected {
        if required && !present {
            hints.push(Hint::new(
                HintCode::SubmissionMissingImage,
                Some(slot),
                format!("The submission has no {slot} image"),
                json!({"missing": slot.to_string()}),
            ));
        }
    }
    let frames = s.images.liveness.len();
    let wanted = policy.liveness_frames as usize;
    if frames < wanted {
        hints.push(Hint::new(
            HintCode::LivenessIncomplete,
            None,
            format!("{frames} of {wanted} liveness frames were captured"),
            json!({"frames": frames, "expected": wanted}),
        ));
    }
}
