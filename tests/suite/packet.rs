//! Evidence packets (TEAM.md "Team quality"): a real PDF that holds each image of the case,
//! every log entry's hash and the covering checkpoint, renders (pdftoppm, where installed),
//! in English, Latvian and Japanese; only an auditor writes one, and each is in the log.

use crate::common::*;
use std::path::{Path, PathBuf};
use vigil::accounts::Role;
use vigil::decision_log::EntryKind;
use vigil::import::import_paths;
use vigil::policy::Policy;
use vigil::store::{SqliteStore, Store};

/// A store with demo cases; the case with the most images, decided by ana.
fn decided_case(tmp: &Path) -> (PathBuf, String, usize) {
    let demo = tmp.join("demo");
    write_demo(&demo, 8, 1).unwrap();
    let data = tmp.join("data");
    let mut store = SqliteStore::open(&data).unwrap();
    import_paths(&mut store, &Policy::builtin(), &[demo], t(0));
    accounts(&mut store, &[("ana", REVIEWER), ("aud", &[Role::Auditor])]);
    let queue = store
        .queue(&vigil::store::QueueQuery {
            kind: vigil::store::QueueKind::Review,
            limit: None,
            now: t(0),
        })
        .unwrap();
    let images = |id: &str| {
        let r = store.case(id).unwrap().unwrap();
        r.files
            .iter()
            .filter(|f| f.sha256.is_some() && f.kind.is_some())
            .count()
    };
    let id = queue
        .iter()
        .map(|c| c.id.clone())
        .max_by_key(|id| images(id))
        .unwrap();
    let n = images(&id);
    assert!(n >= 5, "a case of the demo has {n} images");
    store
        .decide(
            &vigil::lifecycle::DecisionRequest {
                case_id: id.clone(),
                by: cred("ana"),
                verdict: vigil::lifecycle::Verdict::Approve,
                note: "hologram checked".into(),
                handling_ms: None,
                despite_running_checks: false,
            },
            t(100),
        )
        .unwrap();
    (data, id, n)
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Renders page 1 with pdftoppm, if installed: the share of its pixels that are dark.
fn rendered_ink(pdf: &Path) -> Option<f64> {
    let prefix = pdf.with_extension("page");
    let run = std::process::Command::new("pdftoppm")
        .args(["-r", "40", "-f", "1", "-l", "1", "-png"])
        .arg(pdf)
        .arg(&prefix)
        .output();
    let Ok(out) = run else {
        eprintln!("pdftoppm is not installed: the packet's rendering is not checked");
        return None;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = pdf.parent().unwrap();
    let page = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix.file_name().unwrap().to_str().unwrap()))
        })
        .expect("pdftoppm wrote page 1");
    let img = image::open(page).unwrap().to_luma8();
    let dark = img.pixels().filter(|p| p.0[0] < 128).count();
    Some(dark as f64 / (img.width() * img.height()) as f64)
}

#[test]
fn a_packet_holds_each_image_every_hash_and_the_checkpoint_and_renders_in_each_language() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, id, images) = decided_case(tmp.path());
    for lang in ["en", "lv", "ja"] {
        let out = tmp.path().join(format!("packet-{lang}.pdf"));
        let o = vigil_as(
            &data,
            "aud",
            &[
                "packet",
                &id,
                "--out",
                out.to_str().unwrap(),
                "--lang",
                lang,
            ],
        );
        let said = String::from_utf8_lossy(&o.stderr).into_owned();
        if lang == "ja" && vigil::i18n::cjk_font_path().is_none() {
            assert_eq!(o.status.code(), Some(1), "{said}");
            assert!(said.contains("CJK"), "{said}");
            eprintln!("no CJK font installed: the Japanese packet is not checked");
            continue;
        }
        assert!(o.status.success(), "{lang}: {said}");
        let pdf = std::fs::read(&out).unwrap();
        let doc = lopdf::Document::load_mem(&pdf).expect("the packet parses as PDF");
        assert!(!doc.get_pages().is_empty());
        let embedded = doc
            .objects
            .values()
            .filter(|o| {
                o.as_stream().is_ok_and(|s| {
                    s.dict
                        .get(b"Subtype")
                        .and_then(|v| v.as_name())
                        .is_ok_and(|n| n == b"Image")
                })
            })
            .count();
        assert_eq!(embedded, images, "{lang}: each image of the case, once");
        // Every entry of the case, the packet's own included, with its hashes; and the
        // checkpoint that covers them.
        let store = SqliteStore::open(&data).unwrap();
        let entries = store.case_entries(&id).unwrap();
        let own = entries.last().unwrap();
        assert_eq!(
            (own.kind, own.reviewer.as_str(), own.change.as_str()),
            (
                EntryKind::Export,
                "aud",
                "wrote an evidence packet of the case"
            )
        );
        for e in &entries {
            assert!(contains(&pdf, &e.hash), "{lang}: hash of entry {}", e.seq);
            assert!(
                contains(&pdf, &e.prev_hash),
                "{lang}: prev of entry {}",
                e.seq
            );
        }
        // The signed checkpoint, as the store signs it now (nothing was appended since):
        // each line in the text layer, the signature's em dash as WinAnsi writes it.
        let (checkpoint, note) = store.checkpoint().unwrap().unwrap();
        assert_eq!(checkpoint.size, own.seq, "it covers the packet's own entry");
        for line in note.lines().filter(|l| !l.is_empty()) {
            let layered = line.replace('—', "\\227");
            assert!(contains(&pdf, &layered), "{lang}: checkpoint line `{line}`");
        }
        assert!(contains(&pdf, &id));
        if let Some(ink) = rendered_ink(&out) {
            // Text drawn as outlines and the images: a page with ink, not a blank one.
            assert!(ink > 0.01, "{lang}: page 1 is {:.3} % ink", ink * 100.0);
        }
    }

    // A reviewer gets no packet, and nothing is recorded.
    let before = log_entries(&SqliteStore::open(&data).unwrap()).len();
    let out = tmp.path().join("ana.pdf");
    let packet = |who: &str, case: &str, to: &std::path::Path| {
        vigil_as(&data, who, &["packet", case, "--out", to.to_str().unwrap()])
    };
    let o = packet("ana", &id, &out);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists());
    assert_eq!(
        log_entries(&SqliteStore::open(&data).unwrap()).len(),
        before
    );
    // An unknown case, or a folder that cannot be written: refused, nothing recorded.
    let o = packet("aud", "NOPE", &out);
    assert_ne!(o.status.code(), Some(0));
    assert!(!out.exists());
    let nowhere = tmp.path().join("no-such-folder/p.pdf");
    let o = packet("aud", &id, &nowhere);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        log_entries(&SqliteStore::open(&data).unwrap()).len(),
        before
    );
}
