//! The demo generator: deterministic, realistic, and a case for every hint of HINTS.md.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use vigil::demo::{FULL_COVERAGE_COUNT, Flaw, flaw_of};
use vigil::hints::{HintCode, Slot};
use vigil::import::import_paths;
use vigil::mrz::check_digit;
use vigil::policy::Policy;
use vigil::store::Store;

fn json(dir: &Path, id: &str) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join(id).join("submission.json")).unwrap()).unwrap()
}

fn flaw_case(dir: &Path, flaw: Flaw) -> (String, Value) {
    let i = (0..FULL_COVERAGE_COUNT)
        .find(|&i| flaw_of(i) == flaw)
        .unwrap();
    let id = format!("DEMO-1-{i:04}");
    let v = json(dir, &id);
    assert_eq!(v["demo_flaw"], format!("{flaw:?}"));
    (id, v)
}

fn decode(path: &Path) -> image::RgbImage {
    image::open(path).unwrap().to_rgb8()
}

/// Mean absolute difference per channel between two images of the same size.
fn mean_diff(a: &image::RgbImage, b: &image::RgbImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let sum: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    sum as f64 / a.as_raw().len() as f64
}

fn software_tag(path: &Path) -> Option<String> {
    let file = std::fs::File::open(path).unwrap();
    let exif = exif::Reader::new()
        .read_from_container(&mut std::io::BufReader::new(file))
        .ok()?;
    exif.get_field(exif::Tag::Software, exif::In::PRIMARY)
        .map(|f| f.display_value().to_string())
}

/// Checks an MRZ zone's check digits: (field, check digit) positions for TD1 and TD3.
fn mrz_digits_ok(mrz: &str) -> bool {
    let l: Vec<&str> = mrz.lines().collect();
    let ok = |field: &str, digit: &str| {
        check_digit(field).map(|d| d.to_string()) == Some(digit.to_owned())
    };
    match l.as_slice() {
        [a, b, _] if a.len() == 30 => {
            ok(&a[5..14], &a[14..15])
                && ok(&b[0..6], &b[6..7])
                && ok(&b[8..14], &b[14..15])
                && ok(
                    &format!("{}{}{}{}", &a[5..30], &b[0..7], &b[8..15], &b[18..29]),
                    &b[29..30],
                )
        }
        [_, b] if b.len() == 44 => {
            ok(&b[0..9], &b[9..10])
                && ok(&b[13..19], &b[19..20])
                && ok(&b[21..27], &b[27..28])
                && ok(
                    &format!("{}{}{}", &b[0..10], &b[13..20], &b[21..43]),
                    &b[43..44],
                )
        }
        _ => false,
    }
}

#[test]
fn every_hint_code_has_a_demo_case() {
    let covered: BTreeSet<&str> = (0..FULL_COVERAGE_COUNT)
        .filter_map(|i| flaw_of(i).hint())
        .collect();
    let all: BTreeSet<&str> = HintCode::ALL.iter().map(|h| h.code()).collect();
    assert_eq!(covered, all);
    let clean = (0..FULL_COVERAGE_COUNT)
        .filter(|&i| flaw_of(i) == Flaw::Clean)
        .count();
    assert!(clean >= 10, "a realistic mix keeps clean cases: {clean}");
}

#[test]
fn the_demo_is_deterministic_per_seed() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    write_demo(&a, 3, 7).unwrap();
    write_demo(&b, 3, 7).unwrap();
    write_demo(&c, 3, 8).unwrap();
    for i in 0..3 {
        let ja = std::fs::read(a.join(format!("DEMO-7-{i:04}/submission.json"))).unwrap();
        let jb = std::fs::read(b.join(format!("DEMO-7-{i:04}/submission.json"))).unwrap();
        assert_eq!(ja, jb);
        let fa = std::fs::read(a.join(format!("DEMO-7-{i:04}/liveness_left.jpg"))).unwrap();
        let fb = std::fs::read(b.join(format!("DEMO-7-{i:04}/liveness_left.jpg"))).unwrap();
        assert_eq!(fa, fb);
    }
    let ja = json(&a, "DEMO-7-0000");
    let jc = json(&c, "DEMO-8-0000");
    assert_ne!(ja["applicant"], jc["applicant"]);
}

#[test]
fn the_full_demo_imports_and_carries_its_flaws() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    assert_eq!(
        write_demo(&dir, FULL_COVERAGE_COUNT, 1).unwrap(),
        FULL_COVERAGE_COUNT
    );

    let mut store = store(&tmp.path().join("data"));
    let report = import_paths(
        &mut store,
        &Policy::builtin(),
        std::slice::from_ref(&dir),
        t(0),
    );
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    assert_eq!(report.imported.len() as u32, FULL_COVERAGE_COUNT);
    // Every hint the demo raises is explained in every language from its own evidence.
    let mut said = BTreeSet::new();
    for i in 0..FULL_COVERAGE_COUNT {
        let case = store.case(&format!("DEMO-1-{i:04}")).unwrap().unwrap();
        assert_explained_in_every_language(&case.hints);
        said.extend(case.hints.iter().map(vigil::hint_explain::message_key));
    }
    assert!(said.len() >= 20, "{said:?}");

    // Clean cases: no hint at all, valid MRZ, JPEGs with a camera's EXIF and no editor.
    for i in (0..FULL_COVERAGE_COUNT).filter(|&i| flaw_of(i) == Flaw::Clean) {
        let id = format!("DEMO-1-{i:04}");
        let case = store.case(&id).unwrap().unwrap();
        assert!(case.hints.is_empty(), "{id}: {:?}", case.hints);
        let v = json(&dir, &id);
        assert!(
            mrz_digits_ok(v["document"]["mrz"].as_str().unwrap()),
            "{id}: {}",
            v["document"]["mrz"]
        );
        assert_eq!(software_tag(&dir.join(&id).join("front.jpg")), None);
        let front = case
            .files
            .iter()
            .find(|f| f.slot == Slot::DocumentFront)
            .unwrap();
        assert!(
            front.width.unwrap() >= 1280,
            "{id}: documents are photographed at phone resolution"
        );
    }

    // Flaws the file checks see.
    let hint_codes = |id: &str| -> Vec<String> {
        store
            .case(id)
            .unwrap()
            .unwrap()
            .hints
            .iter()
            .map(|h| h.code.to_string())
            .collect()
    };
    for flaw in [
        Flaw::UnsupportedFile,
        Flaw::UnreadableFile,
        Flaw::MissingSelfie,
        Flaw::LivenessIncomplete,
        Flaw::LowResolution,
        Flaw::Blurred,
        Flaw::Glare,
        Flaw::Underexposed,
        Flaw::Overexposed,
        Flaw::Greyscale,
        Flaw::EditedExif,
        Flaw::Screenshot,
        Flaw::SelfieReused,
        Flaw::StaticLiveness,
    ] {
        let (id, _) = flaw_case(&dir, flaw);
        assert!(
            hint_codes(&id).contains(&flaw.hint().unwrap().to_owned()),
            "{flaw:?}: {:?}",
            hint_codes(&id)
        );
    }
    // Flaws the document and data checks see: each raises its hint and no other of theirs
    // (a wrong date-of-birth digit also breaks the composite, within the same hint).
    const DATA: [&str; 4] = ["mrz.", "document.", "applicant.", "history."];
    let data_hints = |id: &str| -> Vec<String> {
        hint_codes(id)
            .into_iter()
            .filter(|c| DATA.iter().any(|p| c.starts_with(p)))
            .collect()
    };
    let data_flaws = Flaw::FLAWED.into_iter().filter(|f| {
        f.hint()
            .is_some_and(|h| DATA.iter().any(|p| h.starts_with(p)))
    });
    assert_eq!(data_flaws.clone().count(), 10);
    for flaw in data_flaws {
        let (id, _) = flaw_case(&dir, flaw);
        assert_eq!(data_hints(&id), [flaw.hint().unwrap()], "{flaw:?} ({id})");
    }
    let evidence = |flaw, code: &str| {
        let (id, _) = flaw_case(&dir, flaw);
        let case = store.case(&id).unwrap().unwrap();
        case.hints
            .into_iter()
            .find(|h| h.code.code() == code)
            .unwrap()
            .evidence
    };
    assert_eq!(
        evidence(Flaw::CheckDigit, "mrz.checksum_invalid")["fields"],
        serde_json::json!(["date_of_birth", "composite"])
    );
    assert_eq!(
        evidence(Flaw::MrzMismatch, "mrz.data_mismatch")["fields"],
        serde_json::json!(["date_of_birth"])
    );
    // Image flaws: each raises its own image hint and no other, on the image it concerns.
    let image_hints = |id: &str| -> Vec<(String, Option<Slot>)> {
        let case = store.case(id).unwrap().unwrap();
        case.hints
            .into_iter()
            .filter(|h| h.code.code().starts_with("image.") || h.code.code() == "liveness.static")
            .map(|h| (h.code.to_string(), h.slot))
            .collect()
    };
    for (flaw, slot) in [
        (Flaw::LowResolution, Some(Slot::DocumentFront)),
        (Flaw::Blurred, Some(Slot::DocumentFront)),
        (Flaw::Glare, Some(Slot::DocumentFront)),
        (Flaw::Underexposed, Some(Slot::DocumentFront)),
        (Flaw::Overexposed, Some(Slot::DocumentFront)),
        (Flaw::Greyscale, Some(Slot::DocumentFront)),
        (Flaw::EditedExif, Some(Slot::DocumentFront)),
        (Flaw::Screenshot, Some(Slot::DocumentFront)),
        (Flaw::SelfieReused, Some(Slot::Selfie)),
        (Flaw::StaticLiveness, None),
    ] {
        let (id, _) = flaw_case(&dir, flaw);
        assert_eq!(
            image_hints(&id),
            [(flaw.hint().unwrap().to_owned(), slot)],
            "{flaw:?} ({id})"
        );
    }
    let glare = evidence(Flaw::Glare, "image.glare");
    let region: Vec<u64> = glare["region"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    // The glow is drawn around (0.42 w, 0.4 h) of the front.
    let (id, _) = flaw_case(&dir, Flaw::Glare);
    let (w, h) = image::image_dimensions(dir.join(&id).join("front.jpg")).unwrap();
    let (cx, cy) = (region[0] + region[2] / 2, region[1] + region[3] / 2);
    assert!(
        cx.abs_diff(u64::from(w) * 42 / 100) < u64::from(w) / 20
            && cy.abs_diff(u64::from(h) * 40 / 100) < u64::from(h) / 20,
        "{region:?} in {w}x{h}"
    );
    let edited = evidence(Flaw::EditedExif, "image.edited");
    assert_eq!(edited["tag"], "EXIF Software");
    assert_eq!(edited["value"], "Adobe Photoshop 25.1 (Windows)");
    let reused_selfie = evidence(Flaw::SelfieReused, "image.reused");
    assert_eq!(reused_selfie["case"], "DEMO-1-0000");
    assert_eq!(reused_selfie["slot"], "selfie");
    assert!(reused_selfie["distance"].as_u64().unwrap() <= 3);

    let reused = evidence(Flaw::DocumentReused, "history.document_reused");
    let (repeat_id, _) = flaw_case(&dir, Flaw::RepeatAttempt);
    let ids: Vec<&str> = reused["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["DEMO-1-0000", repeat_id.as_str()]);
    let repeat = evidence(Flaw::RepeatAttempt, "history.repeat_attempt");
    assert_eq!(repeat["cases"][0]["id"], "DEMO-1-0000");
    assert_eq!(repeat["cases"][0]["status"], "pending");

    // Flaws for the data and image checks, verified on the bundles themselves.
    let (_, v) = flaw_case(&dir, Flaw::CheckDigit);
    assert!(!mrz_digits_ok(v["document"]["mrz"].as_str().unwrap()));
    let (_, v) = flaw_case(&dir, Flaw::MrzMalformed);
    assert!(v["document"]["mrz"].as_str().unwrap().contains('o'));
    let (_, v) = flaw_case(&dir, Flaw::Expired);
    assert!(
        v["document"]["expiry_date"].as_str().unwrap() < &v["submitted_at"].as_str().unwrap()[..10]
    );
    let (_, v) = flaw_case(&dir, Flaw::Underage);
    let born: i32 = v["applicant"]["date_of_birth"].as_str().unwrap()[..4]
        .parse()
        .unwrap();
    assert!(born >= 2009, "{born}");
    let (_, v) = flaw_case(&dir, Flaw::MrzMismatch);
    let dob = v["applicant"]["date_of_birth"]
        .as_str()
        .unwrap()
        .replace('-', "");
    assert!(
        !v["document"]["mrz"].as_str().unwrap().contains(&dob[2..]),
        "declared birth date differs from the MRZ"
    );
    let (_, v) = flaw_case(&dir, Flaw::WrongDocumentType);
    assert_eq!(v["document"]["type"], "passport");
    assert!(v["document"]["mrz"].as_str().unwrap().starts_with('I'));
    let (_, v) = flaw_case(&dir, Flaw::TypeUnsupported);
    assert_eq!(v["document"]["type"], "driving_licence");
    let (_, v) = flaw_case(&dir, Flaw::CountryUnsupported);
    assert_eq!(
        (
            v["client"].as_str(),
            v["document"]["issuing_country"].as_str()
        ),
        (Some("nordbank"), Some("FRA"))
    );

    let first = json(&dir, "DEMO-1-0000");
    let (_, v) = flaw_case(&dir, Flaw::DocumentReused);
    assert_eq!(v["document"]["number"], first["document"]["number"]);
    assert_ne!(v["applicant"], first["applicant"]);
    let (_, v) = flaw_case(&dir, Flaw::RepeatAttempt);
    assert_eq!(v["document"]["number"], first["document"]["number"]);
    assert_eq!(
        v["applicant"]["date_of_birth"],
        first["applicant"]["date_of_birth"]
    );
    assert!(v["submitted_at"].as_str() > first["submitted_at"].as_str());

    // Reused selfie: the first applicant's picture under another applicant.
    let (id, v) = flaw_case(&dir, Flaw::SelfieReused);
    assert_ne!(v["applicant"], first["applicant"]);
    let d = mean_diff(
        &decode(&dir.join(&id).join("selfie.jpg")),
        &decode(&dir.join("DEMO-1-0000/selfie.jpg")),
    );
    assert!(d < 3.0, "re-encoded copy differs by {d}");
    // Static liveness: three frames, nearly the same; real ones differ clearly.
    let (id, _) = flaw_case(&dir, Flaw::StaticLiveness);
    let frames = [
        "liveness_left.jpg",
        "liveness_center.jpg",
        "liveness_right.jpg",
    ]
    .map(|f| decode(&dir.join(&id).join(f)));
    assert!(mean_diff(&frames[0], &frames[2]) < 3.0);
    let moving = ["liveness_left.jpg", "liveness_right.jpg"]
        .map(|f| decode(&dir.join("DEMO-1-0000").join(f)));
    assert!(mean_diff(&moving[0], &moving[1]) > 3.0);

    // Image flaws.
    let (id, _) = flaw_case(&dir, Flaw::EditedExif);
    assert!(
        software_tag(&dir.join(&id).join("front.jpg"))
            .unwrap()
            .contains("Photoshop")
    );
    let (id, _) = flaw_case(&dir, Flaw::Screenshot);
    let shot = dir.join(&id).join("front.png");
    assert_eq!(image::image_dimensions(&shot).unwrap(), (1920, 1080));
    let (id, _) = flaw_case(&dir, Flaw::LowResolution);
    assert!(
        image::image_dimensions(dir.join(&id).join("front.jpg"))
            .unwrap()
            .0
            <= 400
    );
    let (id, _) = flaw_case(&dir, Flaw::Greyscale);
    let grey = decode(&dir.join(&id).join("front.jpg"));
    let max_chroma = grey
        .pixels()
        .map(|p| p.0.iter().max().unwrap() - p.0.iter().min().unwrap())
        .max()
        .unwrap();
    assert!(max_chroma < 24, "greyscale front has chroma {max_chroma}");
    let brightness = |flaw| {
        let (id, _) = flaw_case(&dir, flaw);
        let img = decode(&dir.join(&id).join("front.jpg"));
        img.as_raw().iter().map(|&v| f64::from(v)).sum::<f64>() / img.as_raw().len() as f64
    };
    assert!(brightness(Flaw::Underexposed) < 40.0);
    assert!(brightness(Flaw::Overexposed) > 200.0);
    assert!((60.0..200.0).contains(&brightness(Flaw::Clean)));
}

/// The face-mismatch case's stranger photo: absent, the stranger is drawn; installed but
/// another file (damaged, or another version), the demo says so and how to mend it, instead
/// of quietly drawing the stranger and losing that case's `face.mismatch`.
#[test]
fn a_damaged_stranger_photo_is_reported_not_quietly_replaced() {
    use vigil::demo::stranger_photo_in;
    use vigil::faces::models::DEMO_STRANGER;
    let models = tempfile::tempdir().unwrap();
    assert!(stranger_photo_in(models.path()).unwrap().is_none());
    std::fs::write(
        models.path().join(DEMO_STRANGER),
        b"\x89PNG\r\n\x1a\n cut short",
    )
    .unwrap();
    let e = stranger_photo_in(models.path()).unwrap_err().to_string();
    assert!(e.contains("not the expected file"), "{e}");
    assert!(
        e.contains(DEMO_STRANGER) && e.contains("setup-debian"),
        "{e}"
    );
}
