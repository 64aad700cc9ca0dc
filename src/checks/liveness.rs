//! `liveness.static`: the liveness frames barely differ, as when a still photo is held to
//! the camera. Frames are compared on the hash's 32 × 32 grey thumbnails, where sensor noise
//! averages away and a turned head still moves many grey levels.

use super::analysed;
use crate::bundle::Bundle;
use crate::hints::{Hint, HintCode, Slot};
use crate::policy::ImagePolicy;
use image::GrayImage;
use serde_json::json;

pub(super) fn hints(bundle: &Bundle, p: &ImagePolicy, out: &mut Vec<Hint>) {
    let frames: Vec<&GrayImage> = analysed(bundle)
        .filter(|(slot, _)| matches!(slot, Slot::Liveness(_)))
        .map(|(_, a)| &a.thumbnail)
        .collect();
    if frames.len() < 2 {
        return;
    }
    let differences: Vec<f64> = frames
        .windows(2)
        .map(|w| mean_difference(w[0], w[1]))
        .collect();
    let largest = differences.iter().copied().fold(0.0, f64::max);
    if largest < p.liveness_min_difference {
        out.push(Hint::new(
            HintCode::LivenessStatic,
            None,
            format!(
                "The {} liveness frames are near-identical (they differ by at most {largest:.1} grey levels; at least {:.1} expected)",
                frames.len(),
                p.liveness_min_difference
            ),
            json!({
                "differences": differences.iter().map(|d| (d * 100.0).round() / 100.0).collect::<Vec<_>>(),
                "threshold": p.liveness_min_difference,
            }),
        ));
    }
}

/// Mean absolute grey difference of two thumbnails of the same size.
fn mean_difference(a: &GrayImage, b: &GrayImage) -> f64 {
    let n = a.as_raw().len().min(b.as_raw().len()).max(1);
    let sum: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    sum as f64 / n as f64
}
