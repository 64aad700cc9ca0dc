//! Every bad-input rule of SUBMISSION.md, each with a real malformed bundle on disk.

use crate::common::*;
use serde_json::json;
use std::collections::BTreeMap;
use vigil::hints::Slot;
use vigil::import::import_paths;
use vigil::policy::Policy;
use vigil::store::Store;

/// Each refused bundle's reason, by its folder's name.
fn refused_by_folder(report: &vigil::import::ImportReport) -> BTreeMap<String, String> {
    report
        .refused
        .iter()
        .map(|(p, why)| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                why.clone(),
            )
        })
        .collect()
}

fn hints_of(store: &vigil::store::SqliteStore, id: &str) -> Vec<(String, Option<Slot>)> {
    store
        .case(id)
        .unwrap()
        .unwrap_or_else(|| panic!("case {id} was not imported"))
        .hints
        .into_iter()
        .map(|h| (h.code.to_string(), h.slot))
        .collect()
}

#[test]
fn mixed_inbox_imports_the_good_and_reports_each_bad_bundle() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    let outside = tmp.path().join("secret.jpg");
    std::fs::write(&outside, jpeg(8, 8)).unwrap();

    // Good bundles, some with file problems that must import with a hint.
    write_bundle(&inbox, "good-1", &submission("GOOD-1"));
    let truncated = write_bundle(&inbox, "truncated", &submission("TRUNC-1"));
    let full = jpeg(64, 48);
    std::fs::write(truncated.join("front.jpg"), &full[..full.len() / 2]).unwrap();
    let empty = write_bundle(&inbox, "empty-file", &submission("EMPTY-1"));
    std::fs::write(empty.join("selfie.jpg"), b"").unwrap();
    let missing = write_bundle(&inbox, "missing-file", &submission("MISSING-1"));
    std::fs::remove_file(missing.join("c.jpg")).unwrap();
    let heic = write_bundle(&inbox, "heic-as-jpg", &submission("HEIC-1"));
    std::fs::write(
        heic.join("front.jpg"),
        b"\0\0\0\x18ftypheic\0\0\0\0mif1heicjunkjunk",
    )
    .unwrap();
    let garbage = write_bundle(&inbox, "garbage", &submission("GARBAGE-1"));
    std::fs::write(
        garbage.join("selfie.jpg"),
        [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9],
    )
    .unwrap();
    let mut pdf = submission("PDF-1");
    pdf["images"]["document_front"] = json!("scan.pdf");
    let pdf_dir = write_bundle(&inbox, "pdf", &pdf);
    std::fs::write(
        pdf_dir.join("scan.pdf"),
        b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n",
    )
    .unwrap();
    // A PDF that does not parse, and a JPEG whose header claims 7000 × 7000 pixels over the
    // data of 480 × 640: neither can be shown, so both carry file.unreadable.
    let mut junk_pdf = submission("PDF-JUNK-1");
    junk_pdf["images"]["document_front"] = json!("scan.pdf");
    let junk_dir = write_bundle(&inbox, "pdf-junk", &junk_pdf);
    std::fs::write(
        junk_dir.join("scan.pdf"),
        b"%PDF-1.7\n\xff\xfe garbage where objects should be\n%%EOF\n",
    )
    .unwrap();
    let liar = write_bundle(&inbox, "lying-header", &submission("LIE-1"));
    let mut lie = photo("LIE-1", 480, 640);
    let sof = lie.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    lie[sof + 5..sof + 9].copy_from_slice(&[0x1B, 0x58, 0x1B, 0x58]);
    std::fs::write(liar.join("front.jpg"), lie).unwrap();
    let mut inside_link = submission("LINK-IN-1");
    inside_link["images"]["selfie"] = json!("alias.jpg");
    let link_in = write_bundle(&inbox, "link-inside", &inside_link);
    std::os::unix::fs::symlink(link_in.join("front.jpg"), link_in.join("alias.jpg")).unwrap();

    // Bad bundles: each refused whole.
    let mut bad: BTreeMap<&str, serde_json::Value> = BTreeMap::new();
    let mut s = submission("DOTDOT-1");
    s["images"]["selfie"] = json!("../good-1/selfie.jpg");
    bad.insert("dotdot", s);
    let mut s = submission("ABS-1");
    s["images"]["document_front"] = json!(outside.display().to_string());
    bad.insert("absolute", s);
    let mut s = submission("FMT-1");
    s["format"] = json!("idv-submission/2");
    bad.insert("format", s);
    bad.insert("bad-id", submission("SUB 2026/1"));
    let mut s = submission("DATE-1");
    s["applicant"]["date_of_birth"] = json!("12.08.1974");
    bad.insert("bad-date", s);
    let mut s = submission("TS-1");
    s["submitted_at"] = json!("2026-11-20 14:03");
    bad.insert("bad-timestamp", s);
    let mut s = submission("LIV-1");
    s["images"]["liveness"] = json!("l.jpg");
    bad.insert("liveness-not-list", s);
    for (name, json) in &bad {
        write_bundle(&inbox, name, json);
    }
    let link_out = write_bundle(&inbox, "link-outside", &submission("LINK-OUT-1"));
    std::fs::remove_file(link_out.join("front.jpg")).unwrap();
    std::os::unix::fs::symlink(&outside, link_out.join("front.jpg")).unwrap();
    // A hard link to a file outside the bundle: its content must not come in.
    let hard = write_bundle(&inbox, "hard-link", &submission("HARD-1"));
    std::fs::remove_file(hard.join("front.jpg")).unwrap();
    std::fs::hard_link(&outside, hard.join("front.jpg")).unwrap();
    let malformed = inbox.join("malformed-json");
    std::fs::create_dir_all(&malformed).unwrap();
    std::fs::write(
        malformed.join("submission.json"),
        b"{\"format\": \"idv-submission/1\", \"id\": ",
    )
    .unwrap();
    std::fs::create_dir_all(inbox.join("no-json")).unwrap();
    let huge = inbox.join("huge-json");
    std::fs::create_dir_all(&huge).unwrap();
    std::fs::write(huge.join("submission.json"), vec![b' '; 2 << 20]).unwrap();
    // The same id as GOOD-1 with other content: refused, GOOD-1 untouched.
    let mut other = submission("GOOD-1");
    other["applicant"]["surname"] = json!("SOMEONE-ELSE");
    write_bundle(&inbox, "zz-duplicate-id", &other);

    let mut store = store(&tmp.path().join("data"));
    let report = import_paths(
        &mut store,
        &Policy::builtin(),
        std::slice::from_ref(&inbox),
        t(0),
    );
    let refused = refused_by_folder(&report);
    let expect = [
        (
            "dotdot",
            "`images.selfie`: file name `../good-1/selfie.jpg` leaves the bundle folder",
        ),
        ("absolute", "`images.document_front`"),
        (
            "format",
            "field `format`: `idv-submission/2` is not supported",
        ),
        ("bad-id", "field `id`"),
        (
            "bad-date",
            "field `applicant.date_of_birth`: `12.08.1974` is not a date",
        ),
        ("bad-timestamp", "field `submitted_at`"),
        (
            "liveness-not-list",
            "field `images.liveness`: expected a list",
        ),
        (
            "link-outside",
            "is a link pointing outside the bundle folder",
        ),
        (
            "hard-link",
            "`images.document_front`: file name `front.jpg` is a hard link",
        ),
        ("malformed-json", "submission.json is not valid JSON"),
        ("no-json", "submission.json: missing"),
        ("huge-json", "submission.json: larger than"),
        (
            "zz-duplicate-id",
            "case GOOD-1 already exists with different content",
        ),
    ];
    for (name, needle) in expect {
        let why = refused
            .get(name)
            .unwrap_or_else(|| panic!("{name} was not refused: {refused:?}"));
        assert!(why.contains(needle), "{name}: `{why}` lacks `{needle}`");
    }
    assert_eq!(refused.len(), expect.len(), "{refused:?}");
    let mut imported = report.imported.clone();
    imported.sort();
    assert_eq!(
        imported,
        [
            "EMPTY-1",
            "GARBAGE-1",
            "GOOD-1",
            "HEIC-1",
            "LIE-1",
            "LINK-IN-1",
            "MISSING-1",
            "PDF-1",
            "PDF-JUNK-1",
            "TRUNC-1"
        ]
    );
    assert_eq!(report.exit_code(), 1);

    // Each file problem became a hint on the right image; nothing else was flagged.
    assert!(hints_of(&store, "GOOD-1").is_empty());
    assert!(hints_of(&store, "LINK-IN-1").is_empty());
    let one = |id: &str| {
        let h = hints_of(&store, id);
        assert_eq!(h.len(), 1, "{id}: {h:?}");
        h.into_iter().next().unwrap()
    };
    for id in ["PDF-1", "PDF-JUNK-1", "LIE-1"] {
        assert_eq!(
            one(id),
            ("file.unreadable".into(), Some(Slot::DocumentFront)),
            "{id}"
        );
    }
    let lie = store.case("LIE-1").unwrap().unwrap().hints;
    assert!(lie[0].message.contains("7000 × 7000"), "{}", lie[0].message);
    assert_eq!(
        one("TRUNC-1"),
        ("file.unreadable".into(), Some(Slot::DocumentFront))
    );
    assert_eq!(
        one("EMPTY-1"),
        ("file.unreadable".into(), Some(Slot::Selfie))
    );
    assert_eq!(
        one("MISSING-1"),
        ("file.unreadable".into(), Some(Slot::Liveness(1)))
    );
    assert_eq!(
        one("HEIC-1"),
        ("file.unsupported_type".into(), Some(Slot::DocumentFront))
    );
    assert_eq!(
        one("GARBAGE-1"),
        ("file.unreadable".into(), Some(Slot::Selfie))
    );
    // The refused duplicate did not change the stored case.
    let good = store.case("GOOD-1").unwrap().unwrap();
    assert_eq!(
        good.submission.applicant.surname.as_deref(),
        Some("ERIKSSON")
    );
}

#[test]
fn importing_the_same_bundle_twice_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    write_bundle(&inbox, "a", &submission("SAME-1"));
    let mut store = store(&tmp.path().join("data"));
    let policy = Policy::builtin();
    let first = import_paths(&mut store, &policy, std::slice::from_ref(&inbox), t(0));
    let second = import_paths(&mut store, &policy, &[inbox.join("a")], t(10));
    assert_eq!(first.imported, ["SAME-1"]);
    assert!(second.imported.is_empty());
    assert_eq!(second.already_present, ["SAME-1"]);
    assert_eq!(second.exit_code(), 0);
    let queue = store
        .queue(&vigil::store::QueueQuery {
            kind: vigil::store::QueueKind::Review,
            limit: None,
            now: t(20),
        })
        .unwrap();
    assert_eq!(queue.len(), 1);
}

#[test]
fn files_are_copied_so_the_inbox_can_be_emptied() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    let dir = write_bundle(&inbox, "a", &submission("COPY-1"));
    let front = std::fs::read(dir.join("front.jpg")).unwrap();
    let mut store = store(&tmp.path().join("data"));
    import_paths(
        &mut store,
        &Policy::builtin(),
        std::slice::from_ref(&inbox),
        t(0),
    );
    std::fs::remove_dir_all(&inbox).unwrap();
    let case = store.case("COPY-1").unwrap().unwrap();
    let f = case
        .files
        .iter()
        .find(|f| f.slot == Slot::DocumentFront)
        .unwrap();
    assert_eq!(
        store.read_blob(f.sha256.as_deref().unwrap()).unwrap(),
        front
    );
    assert_eq!((f.width, f.height), (Some(1200), Some(800)));
    assert_eq!(case.files.len(), 5);
}

#[test]
fn decompression_bomb_is_not_decoded_and_the_bundle_still_imports() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    let dir = write_bundle(&inbox, "bomb", &submission("BOMB-1"));
    // A real 60,000 × 60,000 PNG of one colour compresses to a few megabytes... so build the
    // header by hand: a valid IHDR claiming the size, then a tiny IDAT.
    let mut bomb = png(1, 1);
    bomb[16..20].copy_from_slice(&60_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&60_000u32.to_be_bytes());
    let crc = crc32fast::hash(&bomb[12..29]);
    bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    let mut s = submission("BOMB-1");
    s["images"]["document_front"] = json!("bomb.png");
    std::fs::write(dir.join("submission.json"), serde_json::to_vec(&s).unwrap()).unwrap();
    std::fs::write(dir.join("bomb.png"), &bomb).unwrap();
    let mut store = store(&tmp.path().join("data"));
    let report = import_paths(&mut store, &Policy::builtin(), &[inbox], t(0));
    assert_eq!(report.imported, ["BOMB-1"]);
    let case = store.case("BOMB-1").unwrap().unwrap();
    let h = &case.hints[0];
    assert_eq!(h.code.code(), "file.unreadable");
    assert!(h.message.contains("60000 × 60000"), "{}", h.message);
}

#[test]
fn hostile_file_names_and_special_files() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    let dir = write_bundle(&inbox, "fifo", &submission("FIFO-1"));
    // A named pipe would block a naive reader forever.
    std::fs::remove_file(dir.join("selfie.jpg")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(dir.join("selfie.jpg"))
        .status();
    let mut s = submission("DIR-1");
    s["images"]["document_front"] = json!("subdir");
    let d2 = write_bundle(&inbox, "dir", &s);
    std::fs::create_dir(d2.join("subdir")).unwrap();
    let mut s = submission("BS-1");
    s["images"]["selfie"] = json!("..\\..\\x.jpg");
    write_bundle(&inbox, "backslash", &s);

    let mut store = store(&tmp.path().join("data"));
    let report = import_paths(&mut store, &Policy::builtin(), &[inbox], t(0));
    assert!(
        report
            .refused
            .iter()
            .any(|(p, why)| p.ends_with("backslash") && why.contains("backslash"))
    );
    if status.is_ok_and(|s| s.success()) {
        let fifo = store.case("FIFO-1").unwrap().unwrap();
        assert_eq!(fifo.hints[0].code.code(), "file.unreadable");
        assert!(fifo.hints[0].message.contains("not a regular file"));
    }
    let d = store.case("DIR-1").unwrap().unwrap();
    assert_eq!(d.hints[0].code.code(), "file.unreadable");
}

#[test]
fn links_to_elsewhere_are_refused_wherever_they_hide() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    let elsewhere = tmp.path().join("elsewhere");
    write_bundle(&elsewhere, "real", &submission("ELSEWHERE-1"));
    std::fs::create_dir_all(&inbox).unwrap();
    // A linked bundle folder inside an inbox.
    std::os::unix::fs::symlink(elsewhere.join("real"), inbox.join("linked-folder")).unwrap();
    // A submission.json that is a link to a file outside.
    let j = write_bundle(&inbox, "linked-json", &submission("LJ-1"));
    std::fs::remove_file(j.join("submission.json")).unwrap();
    std::os::unix::fs::symlink(
        elsewhere.join("real/submission.json"),
        j.join("submission.json"),
    )
    .unwrap();
    // A dangling link where an image should be.
    let d = write_bundle(&inbox, "dangling", &submission("DANGLING-1"));
    std::fs::remove_file(d.join("front.jpg")).unwrap();
    std::os::unix::fs::symlink("/nonexistent/front.jpg", d.join("front.jpg")).unwrap();
    // A folder on the way that leads outside.
    let mut s = submission("VIA-1");
    s["images"]["selfie"] = json!("sub/selfie.jpg");
    let v = write_bundle(&inbox, "via-folder", &s);
    std::os::unix::fs::symlink(elsewhere.join("real"), v.join("sub")).unwrap();

    let mut store = store(&tmp.path().join("data"));
    let report = import_paths(&mut store, &Policy::builtin(), &[inbox], t(0));
    let why = |name: &str| {
        report
            .refused
            .iter()
            .find(|(p, _)| p.ends_with(name))
            .map(|(_, w)| w.clone())
            .unwrap_or_else(|| panic!("{name} was not refused: {:?}", report.refused))
    };
    assert!(why("linked-folder").contains("link to a folder"));
    assert!(why("linked-json").contains("outside the bundle folder"));
    assert!(why("dangling").contains("points nowhere"));
    assert!(why("via-folder").contains("outside the bundle folder"));
    assert!(report.imported.is_empty(), "{:?}", report.imported);
}

#[test]
fn missing_images_and_short_liveness_are_hints() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    let mut s = submission("CARD-1");
    s["document"]["type"] = json!("id_card");
    rewrite_mrz(&mut s);
    s["images"] = json!({"document_front": "front.jpg", "liveness": ["l.jpg"]});
    write_bundle(&inbox, "card", &s);
    let mut store = store(&tmp.path().join("data"));
    import_paths(&mut store, &Policy::builtin(), &[inbox], t(0));
    let codes = hints_of(&store, "CARD-1");
    assert_eq!(
        codes,
        [
            ("submission.missing_image".into(), Some(Slot::DocumentBack)),
            ("submission.missing_image".into(), Some(Slot::Selfie)),
            ("liveness.incomplete".into(), None),
        ]
    );
}

#[test]
fn a_path_that_is_not_an_inbox_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = store(&tmp.path().join("data"));
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let report = import_paths(
        &mut store,
        &Policy::builtin(),
        &[tmp.path().join("does-not-exist"), empty],
        t(0),
    );
    let reasons: Vec<&str> = report.refused.iter().map(|(_, why)| why.as_str()).collect();
    assert!(reasons[0].starts_with("cannot be read"), "{reasons:?}");
    assert!(reasons[1].starts_with("neither a bundle"), "{reasons:?}");
    assert_eq!(report.exit_code(), 2);
}

#[test]
fn years_the_store_cannot_read_back_are_refused_and_a_damaged_row_costs_only_its_case() {
    each_backend(|backend| {
        let tmp = tempfile::tempdir().unwrap();
        let inbox = tmp.path().join("inbox");
        // A year past 9999, a year 0, and a year pushed below 1 by its offset: refused
        // with the field named, while the good bundle beside them imports.
        for (name, at) in [
            ("y10000", "+10000-01-01T00:00:00Z"),
            ("y0", "0000-06-01T00:00:00Z"),
            ("y-1", "0001-01-01T00:30:00+01:00"),
        ] {
            let mut s = submission(&format!("YEAR-{name}"));
            s["submitted_at"] = json!(at);
            write_bundle(&inbox, name, &s);
        }
        let mut old = submission("YEAR-DOB");
        old["applicant"]["date_of_birth"] = json!("0000-02-29");
        write_bundle(&inbox, "dob", &old);
        write_bundle(&inbox, "good", &spec_example("GOOD-A"));
        let place = backend.location(tmp.path());
        let mut store = open(&place);
        let report = import_paths(
            &mut *store,
            &Policy::builtin(),
            std::slice::from_ref(&inbox),
            t(0),
        );
        assert_eq!(report.imported, ["GOOD-A"]);
        let refused = refused_by_folder(&report);
        assert_eq!(refused.len(), 4, "{refused:?}");
        for name in ["y10000", "y0", "y-1"] {
            assert!(
                refused[name].contains("`submitted_at`"),
                "{name}: {}",
                refused[name]
            );
        }
        assert!(
            refused["dob"].contains("date_of_birth"),
            "{}",
            refused["dob"]
        );

        // A row damaged behind Vigil's back (a timestamp no longer RFC 3339) is that case's
        // problem: the queue still lists everyone, naming it...
        tamper(
            &place,
            "UPDATE cases SET submitted_at = '-0001-12-31T23:00:00Z' WHERE id = 'GOOD-A'",
        );
        let fresh = tempfile::tempdir().unwrap();
        let second = fresh.path().join("inbox");
        write_bundle(&second, "other", &submission("OTHER-1"));
        write_bundle(&second, "same-doc", &spec_example("GOOD-B"));
        let report = import_paths(&mut *store, &Policy::builtin(), &[second], t(10));
        // ...the next bundle of the same document number is refused naming the damaged
        // case, and the rest of the inbox imports.
        assert_eq!(report.imported, ["OTHER-1"], "{report:?}");
        assert!(report.aborted.is_none(), "{report:?}");
        assert_eq!(report.refused.len(), 1, "{report:?}");
        assert!(
            report.refused[0].1.contains("case GOOD-A")
                && report.refused[0].1.contains("timestamp"),
            "{report:?}"
        );
        let rows = store
            .queue(&vigil::store::QueueQuery {
                kind: vigil::store::QueueKind::Review,
                limit: None,
                now: t(20),
            })
            .unwrap();
        let damaged: Vec<_> = rows.iter().filter(|r| r.problem.is_some()).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(damaged.len(), 1);
        assert_eq!(damaged[0].id, "GOOD-A");
        assert_eq!(damaged[0].submitted_at, None);
        assert!(
            rows.iter()
                .any(|r| r.id == "OTHER-1" && r.submitted_at.is_some())
        );
        // The case itself still opens: it is read from the submission as imported.
        assert!(store.case("GOOD-A").unwrap().is_some());
        // A claim that does not read back (the damaged case sorts first) does not stop a
        // reviewer taking the next case.
        tamper(
            &place,
            "UPDATE cases SET claimed_by = 'x', claimed_at = 'garbage', lease_until = 'garbage'
             WHERE id = 'GOOD-A'",
        );
        accounts(&mut *store, &[("ana", REVIEWER)]);
        let (next, _) = store
            .claim_next(
                vigil::store::QueueKind::Review,
                &cred("ana"),
                t(30),
                chrono::Duration::minutes(5),
            )
            .unwrap()
            .expect("a case to take");
        assert_eq!(next, "OTHER-1");
    });
}
