//! MRZ and document-check benchmarks: reading and validating zones of every layout (target:
//! a million a second on one core), and `vigil check` of a bundle with tiny images as a whole
//! process (target: under 20 ms), with and without a store to read the history from.
//! Run with `cargo bench --bench mrz`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::process::Command;

/// ICAO 9303 specimens, one of each layout.
const ZONES: [&str; 5] = [
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6",
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<",
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nL8988901C4XXX7408122F9612109<<<<<<<<",
];

fn parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("mrz");
    g.throughput(Throughput::Elements(ZONES.len() as u64));
    g.bench_function("parse and validate TD1, TD2, TD3, MRV-A, MRV-B", |b| {
        b.iter(|| {
            for z in ZONES {
                let zone = vigil::mrz::parse(black_box(z)).unwrap();
                black_box(zone.is_valid());
            }
        })
    });
    g.finish();
}

/// A bundle of the spec's example with 16×16 PNG images.
fn tiny_bundle(dir: &Path, id: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let json = format!(
        r#"{{"format": "idv-submission/1", "id": "{id}", "submitted_at": "2026-11-20T14:03:11Z",
        "applicant": {{"given_names": "ANNA MARIA", "surname": "ERIKSSON", "date_of_birth": "1974-08-12",
                       "nationality": "UTO", "sex": "F"}},
        "document": {{"type": "passport", "issuing_country": "UTO", "number": "L898902C3",
                      "expiry_date": "2032-04-15",
                      "mrz": "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F3204153ZE184226B<<<<<16"}},
        "images": {{"document_front": "f.png", "selfie": "s.png", "liveness": ["s.png", "s.png", "s.png"]}}}}"#
    );
    std::fs::write(dir.join("submission.json"), json).unwrap();
    let img = image::RgbImage::from_fn(16, 16, |x, y| image::Rgb([x as u8 * 16, y as u8 * 16, 90]));
    img.save(dir.join("f.png")).unwrap();
    img.save(dir.join("s.png")).unwrap();
}

fn check_process(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let bundle = tmp.path().join("bundle");
    tiny_bundle(&bundle, "BENCH-2");
    let with_store = tmp.path().join("data");
    tiny_bundle(&tmp.path().join("inbox/a"), "BENCH-1");
    let vigil = env!("CARGO_BIN_EXE_vigil");
    let run = |data: &Path, args: &[&str]| {
        let out = Command::new(vigil)
            .arg("--data-dir")
            .arg(data)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    run(
        &with_store,
        &["import", tmp.path().join("inbox").to_str().unwrap()],
    );
    let no_store = tmp.path().join("none");
    let args = ["check", bundle.to_str().unwrap(), "--json"];
    assert!(String::from_utf8_lossy(&run(&with_store, &args)).contains("history.repeat_attempt"));

    let mut g = c.benchmark_group("vigil check, tiny-image bundle, whole process");
    g.sample_size(50);
    g.bench_function("without a store", |b| b.iter(|| run(&no_store, &args)));
    g.bench_function("with a store (history found)", |b| {
        b.iter(|| run(&with_store, &args))
    });
    g.finish();
}

criterion_group!(benches, parse, check_process);
criterion_main!(benches);
