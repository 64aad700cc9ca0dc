//! Calibration of the image checks' thresholds (assets/policy.toml), recorded: the measures
//! on the real specimens of ../shared/data/documents, on variants derived from them (blurred,
//! greyed, darkened, brightened, glare painted on) and on the demo, with the verdicts the
//! built-in thresholds give. Run with `--nocapture` to see the table.

use crate::common::shared_data;
use image::{Rgb, RgbImage};
use std::path::Path;
use vigil::checks::image_hints;
use vigil::hints::{HintCode, Slot};
use vigil::image_file::DecodeLimits;
use vigil::imaging::{self, Analysis};
use vigil::policy::{ImagePolicy, Policy};

const LIMITS: DecodeLimits = DecodeLimits {
    max_pixels: 50_000_000,
};

fn policy() -> ImagePolicy {
    Policy::builtin().for_client("default").images
}

/// Quality hint codes of `a` as a document front, without the resolution one (the
/// specimens are small; their size is no part of this calibration).
fn verdict(a: &Analysis) -> Vec<HintCode> {
    let mut hints = Vec::new();
    image_hints(Slot::DocumentFront, a, &policy(), &mut hints);
    hints
        .into_iter()
        .map(|h| h.code)
        .filter(|c| *c != HintCode::ImageLowResolution)
        .collect()
}

fn row(name: &str, a: &Analysis) -> String {
    format!(
        "{name:<44} {:>5}x{:<5} lapvar {:>8.1} blur {:.3} p05 {:>3} p95 {:>3} colour {:>6.2} chroma {:.4} glare {:.4} ({:.0}) -> {:?}",
        a.width,
        a.height,
        a.sharpness.laplacian_variance,
        a.sharpness.blur_effect,
        a.exposure.p05,
        a.exposure.p95,
        a.colour.colourfulness,
        a.colour.chromatic_share,
        a.glare.map_or(0.0, |g| g.fraction),
        a.glare.map_or(0.0, |g| g.surround),
        verdict(a)
    )
}

/// The specimen documents, decoded (the PDF's embedded JPEG in its place).
fn specimens(data: &Path) -> Vec<(String, RgbImage)> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(data.join("documents"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let img = if name.ends_with(".pdf") {
            imaging::pdf::display_image(&bytes, LIMITS).unwrap()
        } else {
            image::load_from_memory(&bytes).unwrap().into_rgb8()
        };
        out.push((name, img));
    }
    out
}

/// As a phone would save it: JPEG at quality 88, decoded again.
fn saved(img: &RgbImage) -> Analysis {
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 88)
        .encode_image(img)
        .unwrap();
    imaging::examine(&bytes, LIMITS)
        .analysis
        .map(|a| *a)
        .unwrap()
}

fn map(img: &RgbImage, f: impl Fn(u8) -> u8) -> RgbImage {
    RgbImage::from_fn(img.width(), img.height(), |x, y| {
        Rgb(img.get_pixel(x, y).0.map(&f))
    })
}

fn grey(img: &RgbImage) -> RgbImage {
    RgbImage::from_fn(img.width(), img.height(), |x, y| {
        let [r, g, b] = img.get_pixel(x, y).0.map(u32::from);
        let v = ((299 * r + 587 * g + 114 * b) / 1000) as u8;
        Rgb([v, v, v])
    })
}

/// A blur as a phone's missed focus gives it: its radius scales with the picture.
fn defocus(img: &RgbImage) -> RgbImage {
    let sigma = img.width().max(img.height()) as f32 / 250.0;
    image::imageops::blur(img, sigma.max(2.0))
}

/// A specular reflection: a burnt-out disc with a soft halo, off the centre.
fn glare(img: &RgbImage) -> RgbImage {
    let (w, h) = (img.width() as f32, img.height() as f32);
    let (cx, cy, r) = (w * 0.45, h * 0.45, w.min(h) * 0.22);
    RgbImage::from_fn(img.width(), img.height(), |x, y| {
        let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt() / r;
        let k = (1.6 - d).clamp(0.0, 1.0);
        Rgb(img
            .get_pixel(x, y)
            .0
            .map(|v| (f32::from(v) * (1.0 - k) + 255.0 * k) as u8))
    })
}

/// Specimens whose painted glare is not found, and why: on a scan or rendered page whose white
/// field is clipped already, a reflection merges with the page (or, through it, with the
/// white margin at the edge) and is indistinguishable from it. Phone photos, for which the
/// check is made, do not clip paper.
const GLARE_MERGES_WITH_PAGE: [&str; 6] = [
    "argos_mrz__ICAO_Example.png",
    "argos_mrz__Spain.png",
    "argos_mrz__TD2_ICAO_Example.png",
    "passporteye__100_id-che.jpg",
    "passporteye__100_pass-uto.jpg",
    "passporteye__passport-td3.jpg",
];

#[test]
fn thresholds_separate_real_specimens_from_their_flawed_variants() {
    let Some(data) = shared_data() else { return };
    use HintCode::*;
    let mut table = Vec::new();
    let mut wrong = Vec::new();
    for (name, img) in specimens(&data) {
        let original = saved(&img);
        table.push(row(&name, &original));
        // A real specimen: only what the file itself is (some specimens are small scans
        // whose softness the blur check rightly reports) and nothing a variant adds.
        let base = verdict(&original);
        for code in [
            ImageGlare,
            ImageUnderexposed,
            ImageOverexposed,
            ImageGrayscale,
        ] {
            if base.contains(&code) {
                wrong.push(format!("{name}: {code:?}"));
            }
        }
        let variants: [(&str, RgbImage, HintCode); 5] = [
            ("blurred", defocus(&img), ImageBlurry),
            ("greyed", grey(&img), ImageGrayscale),
            (
                "darkened",
                map(&img, |v| (f32::from(v) * 0.22) as u8),
                ImageUnderexposed,
            ),
            (
                "brightened",
                map(&img, |v| (f32::from(v) * 0.3 + 180.0) as u8),
                ImageOverexposed,
            ),
            ("glare", glare(&img), ImageGlare),
        ];
        for (label, variant, expected) in variants {
            let a = saved(&variant);
            table.push(row(&format!("  {label}"), &a));
            let missed_by_design =
                expected == ImageGlare && GLARE_MERGES_WITH_PAGE.contains(&name.as_str());
            if verdict(&a).contains(&expected) == missed_by_design {
                wrong.push(format!(
                    "{name} {label}: {expected:?} {}",
                    if missed_by_design {
                        "found after all"
                    } else {
                        "not found"
                    }
                ));
            }
        }
    }
    eprintln!("{}", table.join("\n"));
    assert!(wrong.is_empty(), "{wrong:#?}");
}
