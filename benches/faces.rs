//! Face benchmarks on a 2-megapixel photo (`faces/face_recognition__biden.jpg`, 970 × 2204,
//! from `../shared/data`): MTCNN detection, the recognition descriptor of the face found, and
//! both together (target: under 150 ms together on one core); and loading the models, their
//! SHA-256 checked (issue 14's target: 150 ms). rten sizes its thread pool to
//! the machine; for the one-core figure run `RTEN_NUM_THREADS=1 cargo bench --bench faces`.
//! Skipped, saying so, without the data or the face models. Measured on the 2-core dev
//! machine with RTEN_NUM_THREADS=1: detection 41 ms, descriptor 21 ms, both 59 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn faces(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/faces/face_recognition__biden.jpg");
    let Ok(img) = image::open(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return;
    };
    let img = img.to_rgb8();
    let models = match vigil::faces::availability() {
        Ok(m) => m,
        Err(e) => {
            eprintln!(
                "skipped: face checks are off ({e}); {}",
                vigil::faces::HOW_TO_ENABLE
            );
            return;
        }
    };
    let found = models.find_faces(&img).expect("detection runs");
    let Some(face) = found.first().cloned() else {
        eprintln!("skipped: no face found in {}", path.display());
        return;
    };
    let mut g = c.benchmark_group("faces");
    g.sample_size(20);
    g.bench_function("load and verify the models", |b| {
        b.iter(|| vigil::faces::FaceModels::load(models.dir()).expect("the models load"))
    });
    g.bench_function("detect, 2 MP selfie", |b| {
        b.iter(|| models.find_faces(black_box(&img)).expect("detection runs"))
    });
    g.bench_function("descriptor of one face", |b| {
        b.iter(|| {
            models
                .descriptor(black_box(&img), &face)
                .expect("embedding runs")
        })
    });
    g.bench_function("detect and describe, 2 MP selfie", |b| {
        b.iter(|| {
            let found = models.find_faces(black_box(&img)).expect("detection runs");
            found
                .first()
                .map(|f| models.descriptor(&img, f).expect("embedding runs"))
        })
    });
    // As import runs them: on the working copy the image measures made (1024 pixels long).
    let copy = vigil::imaging::working::Working::of(&img).rgb;
    g.bench_function(
        "detect and describe, working copy of the 2 MP selfie",
        |b| {
            b.iter(|| {
                let found = models.find_faces(black_box(&copy)).expect("detection runs");
                found
                    .first()
                    .map(|f| models.descriptor(&copy, f).expect("embedding runs"))
            })
        },
    );
    g.finish();
}

criterion_group!(benches, faces);
criterion_main!(benches);
