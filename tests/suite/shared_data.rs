//! Import of bundles made from the real public images in ../shared/data.

use crate::common::*;
use serde_json::{Value, json};
use vigil::hints::Slot;
use vigil::image_file::FileKind;
use vigil::import::import_paths;
use vigil::policy::Policy;
use vigil::store::Store;

#[test]
fn bundles_from_public_specimens_and_photos_import_with_their_true_dimensions() {
    let Some(data) = shared_data() else { return };
    let manifest: Vec<Value> =
        serde_json::from_slice(&std::fs::read(data.join("manifest.json")).unwrap()).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    let selfie = data.join("faces/face_recognition__obama.jpg");
    let mut expected = Vec::new();
    for (i, m) in manifest.iter().enumerate() {
        let rel = m["file"].as_str().unwrap();
        let src = data.join(rel);
        let name = src.file_name().unwrap().to_string_lossy().into_owned();
        let id = format!("REAL-{i:03}");
        let mut s = submission(&id);
        s["images"] = json!({"document_front": name, "selfie": "selfie.jpg", "liveness": ["selfie.jpg", "selfie.jpg", "selfie.jpg"]});
        let dir = inbox.join(&id);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("submission.json"), serde_json::to_vec(&s).unwrap()).unwrap();
        std::fs::copy(&src, dir.join(&name)).unwrap();
        std::fs::copy(&selfie, dir.join("selfie.jpg")).unwrap();
        expected.push((id, m.clone()));
    }
    let mut store = store(&tmp.path().join("data"));
    let report = import_paths(&mut store, &Policy::builtin(), &[inbox], t(0));
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    assert_eq!(report.imported.len(), manifest.len());

    let mut seen_pdf = false;
    let mut seen_heic = false;
    for (id, m) in expected {
        let case = store.case(&id).unwrap().unwrap();
        let front = case
            .files
            .iter()
            .find(|f| f.slot == Slot::DocumentFront)
            .unwrap();
        let file_hints: Vec<&str> = case
            .hints
            .iter()
            .filter(|h| h.slot == Some(Slot::DocumentFront) && h.code.code().starts_with("file."))
            .map(|h| h.code.code())
            .collect();
        // exiftool's reading of the editor tags, in the manifest, against ours.
        let said_by_exiftool = ["exif_software", "xmp_creator_tool"]
            .iter()
            .filter_map(|k| m[*k].as_str())
            .any(|v| {
                ["Photoshop", "ImageReady", "GIMP", "Paint.NET"]
                    .iter()
                    .any(|e| v.contains(e))
            });
        let edited = case
            .hints
            .iter()
            .find(|h| h.slot == Some(Slot::DocumentFront) && h.code.code() == "image.edited");
        assert_eq!(
            edited.is_some(),
            said_by_exiftool,
            "{}: {edited:?}",
            m["file"]
        );
        if let Some(h) = edited {
            assert!(!h.evidence["tag"].as_str().unwrap().is_empty());
            assert!(
                h.message.contains(h.evidence["value"].as_str().unwrap()),
                "{}",
                h.message
            );
        }
        match m["file_type"].as_str().unwrap() {
            "JPEG" | "PNG" => {
                assert_eq!(
                    front.width,
                    m["width"].as_u64().map(|w| w as u32),
                    "{}",
                    m["file"]
                );
                assert_eq!(
                    front.height,
                    m["height"].as_u64().map(|h| h as u32),
                    "{}",
                    m["file"]
                );
                assert!(file_hints.is_empty(), "{}: {file_hints:?}", m["file"]);
            }
            "PDF" => {
                seen_pdf = true;
                assert_eq!(front.kind, Some(FileKind::Pdf));
                assert!(file_hints.is_empty(), "{file_hints:?}");
                // The embedded 200 × 133 JPEG was measured: too small for a document.
                let low = case
                    .hints
                    .iter()
                    .find(|h| h.code.code() == "image.low_resolution")
                    .unwrap();
                assert_eq!(low.evidence["width"], 200);
                assert_eq!(low.evidence["height"], 133);
            }
            "HEIC" => {
                seen_heic = true;
                assert_eq!(file_hints, ["file.unsupported_type"], "{}", m["file"]);
                assert!(
                    case.hints[0].message.contains("HEIC"),
                    "{}",
                    case.hints[0].message
                );
            }
            other => panic!("manifest names a file type this test does not know: {other}"),
        }
        // The stored copy is the file itself.
        let stored = store.read_blob(front.sha256.as_deref().unwrap()).unwrap();
        assert_eq!(
            stored,
            std::fs::read(data.join(m["file"].as_str().unwrap())).unwrap()
        );
    }
    assert!(
        seen_pdf && seen_heic,
        "the manifest should list a PDF and a HEIC"
    );
}

/// The labelled pairs of near_duplicates/pairs.json, and every other pair of distinct public
/// images, against the policy's reuse distance: every labelled pair decided right.
#[test]
fn perceptual_hashes_tell_near_copies_from_other_pictures() {
    let Some(data) = shared_data() else { return };
    let pairs: Vec<Value> =
        serde_json::from_slice(&std::fs::read(data.join("near_duplicates/pairs.json")).unwrap())
            .unwrap();
    let max = Policy::builtin()
        .for_client("default")
        .images
        .reuse_max_distance;
    let limits = vigil::image_file::DecodeLimits {
        max_pixels: 50_000_000,
    };
    let hash = |rel: &str| {
        let bytes = std::fs::read(data.join(rel)).unwrap();
        let examined = vigil::imaging::examine(&bytes, limits);
        match examined.analysis {
            Some(a) => a.phash,
            None => panic!("{rel}: {:?}", examined.inspection),
        }
    };
    let mut labelled = Vec::new();
    for p in &pairs {
        let (a, b) = (p["a"].as_str().unwrap(), p["b"].as_str().unwrap());
        let d = hash(a).distance(hash(b));
        eprintln!(
            "{a} ~ {b}: {d} (imagehash: {})",
            p["phash_hamming_imagehash4.3.2"]
        );
        match p["near_duplicate"].as_bool() {
            Some(true) => assert!(d <= max, "{a} ~ {b}: {d}"),
            Some(false) => assert!(d > max, "{a} ~ {b}: {d}"),
            None => {} // labelled ambiguous: policy decides, nothing to assert
        }
        labelled.push((a.to_owned(), b.to_owned()));
    }
    // Unlabelled pairs of different pictures are different.
    let mut files = Vec::new();
    for folder in ["documents", "exif", "faces", "near_duplicates"] {
        for e in std::fs::read_dir(data.join(folder)).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            if [".jpg", ".png", ".pdf"].iter().any(|x| name.ends_with(x)) {
                files.push(format!("{folder}/{name}"));
            }
        }
    }
    files.sort();
    let hashes: Vec<_> = files.iter().map(|f| hash(f)).collect();
    let mut nearest = u32::MAX;
    for i in 0..files.len() {
        for j in i + 1..files.len() {
            let is_labelled = labelled.iter().any(|(a, b)| {
                (a == &files[i] && b == &files[j]) || (a == &files[j] && b == &files[i])
            });
            if !is_labelled {
                let d = hashes[i].distance(hashes[j]);
                nearest = nearest.min(d);
                assert!(d > max, "{} ~ {}: {d}", files[i], files[j]);
            }
        }
    }
    eprintln!("nearest pair of different pictures: {nearest} bits apart");
}
