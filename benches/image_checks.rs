//! Image-check benchmarks on a bundle of six photos of about 2 megapixels each: decoding
//! only, measuring only, `examine` (issue 14's target: at most 1.5 times decoding only, in
//! parallel the same way) and the whole `check`; and the error level analysis of one. The
//! bundle is kept in `target/image-bench-bundle` so that `benches/opencv_compare.py` can
//! time OpenCV's Laplacian variance and colourfulness on the very same files.
//! Run with `cargo bench --bench image_checks`, then `python3 benches/opencv_compare.py`.

use criterion::{Criterion, criterion_group, criterion_main};
use image::imageops::FilterType;
use rayon::prelude::*;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use vigil::policy::Policy;

/// The six images and their sizes: about 2 MP each, as a phone's upload after resizing.
const FILES: [(&str, u32, u32); 6] = [
    ("front.jpg", 1728, 1152),
    ("back.jpg", 1728, 1152),
    ("selfie.jpg", 1152, 1728),
    ("liveness_left.jpg", 1152, 1728),
    ("liveness_center.jpg", 1152, 1728),
    ("liveness_right.jpg", 1152, 1728),
];

/// Builds the bundle from a demo ID-card case, its photos enlarged to the sizes above.
fn bundle() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/image-bench-bundle");
    let dir = root.join("BENCH-1");
    if dir.join("submission.json").is_file() {
        return dir;
    }
    let demo = root.join("demo");
    vigil::demo::write_demo(&demo, 13, 5).unwrap();
    // The first clean id-card case of the demo: it has a back.
    let case = (0..13)
        .filter(|&i| vigil::demo::flaw_of(i) == vigil::demo::Flaw::Clean)
        .map(|i| demo.join(format!("DEMO-5-{i:04}")))
        .find(|d| d.join("back.jpg").is_file())
        .expect("a demo case with a document back");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, w, h) in FILES {
        let img = image::open(case.join(name)).unwrap().into_rgb8();
        let big = image::imageops::resize(&img, w, h, FilterType::CatmullRom);
        big.save_with_format(dir.join(name), image::ImageFormat::Jpeg)
            .unwrap();
    }
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(case.join("submission.json")).unwrap()).unwrap();
    json["id"] = "BENCH-1".into();
    std::fs::write(
        dir.join("submission.json"),
        serde_json::to_vec(&json).unwrap(),
    )
    .unwrap();
    dir
}

fn checks(c: &mut Criterion) {
    let dir = bundle();
    let policy = Policy::builtin();
    let files: Vec<Vec<u8>> = FILES
        .iter()
        .map(|(name, _, _)| std::fs::read(dir.join(name)).unwrap())
        .collect();
    let mut g = c.benchmark_group("image checks, 6 photos of 2 MP");
    g.sample_size(20);
    g.bench_function("decode only", |b| {
        b.iter(|| {
            files.par_iter().for_each(|bytes| {
                black_box(image::load_from_memory(bytes).unwrap().into_rgb8());
            })
        })
    });
    g.bench_function("decode as the checks do", |b| {
        b.iter(|| {
            files.par_iter().for_each(|bytes| {
                let (w, h) = image::ImageReader::new(std::io::Cursor::new(bytes))
                    .with_guessed_format()
                    .unwrap()
                    .into_dimensions()
                    .unwrap();
                black_box(
                    vigil::image_file::decode_upright(
                        bytes,
                        vigil::image_file::FileKind::Jpeg,
                        w,
                        h,
                    )
                    .unwrap(),
                );
            })
        })
    });
    let decoded: Vec<_> = files
        .iter()
        .map(|b| image::load_from_memory(b).unwrap().into_rgb8())
        .collect();
    g.bench_function("measure only", |b| {
        b.iter(|| {
            decoded.par_iter().for_each(|img| {
                black_box(vigil::imaging::analyse(
                    img,
                    vigil::image_file::FileKind::Jpeg,
                    Default::default(),
                ));
            })
        })
    });
    g.bench_function("examine (decode and measure, no bundle)", |b| {
        b.iter(|| {
            files.par_iter().for_each(|bytes| {
                black_box(vigil::imaging::examine(
                    bytes,
                    vigil::image_file::DecodeLimits {
                        max_pixels: 50_000_000,
                    },
                ));
            })
        })
    });
    g.bench_function("check (read, decode, measure, judge)", |b| {
        b.iter(|| black_box(vigil::import::check_bundle(&dir, &policy, None).unwrap()))
    });
    g.finish();

    let img = image::load_from_memory(&files[0]).unwrap().into_rgb8();
    c.bench_function("error level analysis of one 2 MP photo", |b| {
        b.iter(|| black_box(vigil::imaging::ela::error_levels(&img, 90, 20).unwrap()))
    });
}

criterion_group!(benches, checks);
criterion_main!(benches);
