//! Import of bundles made from the real public images in ../shared/data.

mod common;

use common::*;
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
            // Face hints are right on backs and blurred portraits; tests/faces.rs tests them.
            .filter(|h| h.slot == Some(Slot::DocumentFront) && !h.code.code().starts_with("face."))
            .map(|h| h.code.code())
            .collect();
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
