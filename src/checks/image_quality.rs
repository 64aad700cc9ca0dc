//! How well each image shows what it must: `image.low_resolution`, `image.blurry`,
//! `image.glare`, `image.underexposed`, `image.overexposed` and `image.grayscale`, judged
//! from the measures taken when the bundle was read (`imaging`) against the policy.

use super::analysed;
use crate::bundle::Bundle;
use crate::hints::{Hint, HintCode, Slot};
use crate::imaging::Analysis;
use crate::policy::ImagePolicy;
use serde_json::json;

pub(super) fn hints(bundle: &Bundle, p: &ImagePolicy, out: &mut Vec<Hint>) {
    for (slot, a) in analysed(bundle) {
        image_hints(slot, a, p, out);
    }
}

/// The quality hints of one measured image in `slot`.
pub fn image_hints(slot: Slot, a: &Analysis, p: &ImagePolicy, out: &mut Vec<Hint>) {
    resolution(slot, a, p, out);
    sharpness(slot, a, p, out);
    glare(slot, a, p, out);
    exposure(slot, a, p, out);
    colour(slot, a, p, out);
}

fn minimum_size(slot: Slot, p: &ImagePolicy) -> [u32; 2] {
    match slot {
        Slot::DocumentFront | Slot::DocumentBack => p.document_min_size,
        Slot::Selfie => p.selfie_min_size,
        Slot::Liveness(_) => p.liveness_min_size,
    }
}

fn resolution(slot: Slot, a: &Analysis, p: &ImagePolicy, out: &mut Vec<Hint>) {
    let [min_long, min_short] = minimum_size(slot, p);
    let (long, short) = (a.width.max(a.height), a.width.min(a.height));
    if long < min_long || short < min_short {
        out.push(Hint::new(
            HintCode::ImageLowResolution,
            Some(slot),
            format!(
                "The {slot} image is {} × {} pixels; at least {min_long} × {min_short} is needed",
                a.width, a.height
            ),
            json!({"width": a.width, "height": a.height, "minimum": [min_long, min_short]}),
        ));
    }
}

fn sharpness(slot: Slot, a: &Analysis, p: &ImagePolicy, out: &mut Vec<Hint>) {
    let s = a.sharpness;
    // Both measures must agree: the Laplacian variance alone also falls with contrast.
    if s.laplacian_variance < p.blur_min_laplacian && s.blur_effect > p.blur_max_effect {
        out.push(Hint::new(
            HintCode::ImageBlurry,
            Some(slot),
            format!(
                "The {slot} image is blurred (sharpness {:.0}, at least {:.0} expected; blur {:.2}, at most {:.2})",
                s.laplacian_variance, p.blur_min_laplacian, s.blur_effect, p.blur_max_effect
            ),
            json!({
                "laplacian_variance": round(s.laplacian_variance, 1),
                "threshold": p.blur_min_laplacian,
                "blur_effect": round(s.blur_effect, 3),
                "blur_effect_threshold": p.blur_max_effect,
            }),
        ));
    }
}

fn glare(slot: Slot, a: &Analysis, p: &ImagePolicy, out: &mut Vec<Hint>) {
    let Some(g) = a.glare.filter(|g| g.fraction > p.glare_max_fraction) else {
        return;
    };
    out.push(Hint::new(
        HintCode::ImageGlare,
        Some(slot),
        format!(
            "Glare covers {:.1}% of the {slot} image",
            g.fraction * 100.0
        ),
        json!({
            "fraction": round(g.fraction, 3),
            "threshold": p.glare_max_fraction,
            "region": g.region,
        }),
    ));
}

fn exposure(slot: Slot, a: &Analysis, p: &ImagePolicy, out: &mut Vec<Hint>) {
    let e = a.exposure;
    if e.p95 < p.underexposed_max_p95 {
        out.push(Hint::new(
            HintCode::ImageUnderexposed,
            Some(slot),
            format!(
                "The {slot} image is too dark: 95% of it is darker than {} of 255",
                e.p95
            ),
            json!({"p95": e.p95, "threshold": p.underexposed_max_p95, "mean": round(e.mean, 1)}),
        ));
    }
    if e.p05 > p.overexposed_min_p05 {
        out.push(Hint::new(
            HintCode::ImageOverexposed,
            Some(slot),
            format!(
                "The {slot} image is washed out: 95% of it is brighter than {} of 255",
                e.p05
            ),
            json!({"p05": e.p05, "threshold": p.overexposed_min_p05, "mean": round(e.mean, 1)}),
        ));
    }
}

fn colour(slot: Slot, a: &Analysis, p: &ImagePolicy, out: &mut Vec<Hint>) {
    let c = a.colour;
    if c.colourfulness < p.greyscale_max_colourfulness
        && c.chromatic_share < p.greyscale_max_chromatic_share
    {
        out.push(Hint::new(
            HintCode::ImageGrayscale,
            Some(slot),
            format!(
                "The {slot} image carries no colour (colourfulness {:.1}, {:.1}% coloured pixels)",
                c.colourfulness,
                c.chromatic_share * 100.0
            ),
            json!({
                "colourfulness": round(c.colourfulness, 2),
                "threshold": p.greyscale_max_colourfulness,
                "chromatic_share": round(c.chromatic_share, 4),
                "chromatic_share_threshold": p.greyscale_max_chromatic_share,
            }),
        ));
    }
}

/// Evidence figures to a readable precision.
fn round(v: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (v * f).round() / f
}
