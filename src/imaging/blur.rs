//! Sharpness: the variance of the Laplacian (edges' second derivative: a sharp edge has a
//! strong one, a blurred edge a weak one) and the perceptual blur of Crété-Roffet et al.
//! (2007), which asks how much detail a further blur would remove: little, if the image is
//! already blurred. The first depends on contrast and content, the second much less.

use image::GrayImage;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Sharpness {
    /// Variance of the 4-neighbour Laplacian on the working copy's luma.
    pub laplacian_variance: f64,
    /// 0 (sharp) to 1 (fully blurred).
    pub blur_effect: f64,
}

pub fn measure(grey: &GrayImage) -> Sharpness {
    Sharpness {
        laplacian_variance: laplacian_variance(grey),
        blur_effect: blur_effect(grey),
    }
}

fn laplacian_variance(grey: &GrayImage) -> f64 {
    let (w, h) = (grey.width() as usize, grey.height() as usize);
    if w < 3 || h < 3 {
        return 0.0;
    }
    let p = grey.as_raw();
    let (mut sum, mut sq) = (0i64, 0u64);
    for y in 1..h - 1 {
        let (up, row, down) = (
            &p[(y - 1) * w..y * w],
            &p[y * w..(y + 1) * w],
            &p[(y + 1) * w..(y + 2) * w],
        );
        // Zipped neighbours, not indexes: no bounds checks, and the loop vectorises; summed
        // in 32 bits over a stretch of the row, then in 64: narrow lanes are twice as many.
        for x in (0..w - 2).step_by(STRETCH) {
            let end = (x + STRETCH).min(w - 2);
            let around = row[x..end].iter().zip(&row[x + 2..end + 2]).zip(
                row[x + 1..end + 1]
                    .iter()
                    .zip(&up[x + 1..end + 1])
                    .zip(&down[x + 1..end + 1]),
            );
            let (s, q) = around.fold(
                (0i32, 0u32),
                |(s, q), ((&left, &right), ((&centre, &above), &below))| {
                    let l = 4 * i32::from(centre)
                        - i32::from(left)
                        - i32::from(right)
                        - i32::from(above)
                        - i32::from(below);
                    (s + l, q + l.unsigned_abs().pow(2))
                },
            );
            sum += i64::from(s);
            sq += u64::from(q);
        }
    }
    let n = ((w - 2) * (h - 2)) as f64;
    let mean = sum as f64 / n;
    sq as f64 / n - mean * mean
}

/// Pixels summed in 32 bits before their sum joins a 64-bit total: small enough that no
/// 32-bit sum can overflow (4096 squared Laplacians of at most 1020², or differences of 255).
const STRETCH: usize = 4096;

/// Neighbours averaged by the re-blur of the metric (a 9-tap box, as in the paper).
const REBLUR: usize = 9;

/// For each neighbour difference `d` along an axis, the re-blurred image's difference is
/// that of the 9-pixel running means, which is `|p[i] − p[i−9]| / 9`: the blur needs no
/// image of its own. What the re-blur keeps of `d` is `min(d, that)`.
fn blur_effect(grey: &GrayImage) -> f64 {
    let (w, h) = (grey.width() as usize, grey.height() as usize);
    if w <= REBLUR || h <= REBLUR {
        return 1.0;
    }
    let p = grey.as_raw();
    let step = |now: u8, before: u8, far: u8| -> (u32, u32) {
        let d = u32::from(now.abs_diff(before));
        (d, d.min(u32::from(now.abs_diff(far)) / REBLUR as u32))
    };
    let ratio = |(total, kept): (u64, u64)| {
        if total == 0 {
            1.0
        } else {
            kept as f64 / total as f64
        }
    };
    // Differences summed in 32 bits over a stretch (at most 255 each), the stretches in 64.
    let add = |total: &mut (u64, u64), now: &[u8], before: &[u8], far: &[u8]| {
        for x in (0..now.len()).step_by(STRETCH) {
            let end = (x + STRETCH).min(now.len());
            let (d, kept) = now[x..end]
                .iter()
                .zip(&before[x..end])
                .zip(&far[x..end])
                .fold((0u32, 0u32), |(a, b), ((&n, &p), &f)| {
                    let (d, k) = step(n, p, f);
                    (a + d, b + k)
                });
            total.0 += u64::from(d);
            total.1 += u64::from(kept);
        }
    };
    let mut across = (0u64, 0u64);
    for row in p.chunks_exact(w) {
        add(
            &mut across,
            &row[REBLUR..],
            &row[REBLUR - 1..w - 1],
            &row[..w - REBLUR],
        );
    }
    let mut down = (0u64, 0u64);
    for y in REBLUR..h {
        add(
            &mut down,
            &p[y * w..][..w],
            &p[(y - 1) * w..][..w],
            &p[(y - REBLUR) * w..][..w],
        );
    }
    ratio(across).max(ratio(down))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripes(period: u32) -> GrayImage {
        GrayImage::from_fn(200, 150, |x, y| {
            image::Luma([if (x / period + y / period).is_multiple_of(2) {
                30
            } else {
                220
            }])
        })
    }

    #[test]
    fn blurring_lowers_the_laplacian_and_raises_the_blur_effect() {
        let sharp = stripes(8);
        let soft = image::imageops::blur(&sharp, 3.0);
        let (a, b) = (measure(&sharp), measure(&soft));
        assert!(
            a.laplacian_variance > 10.0 * b.laplacian_variance,
            "{a:?} {b:?}"
        );
        assert!(
            a.blur_effect < 0.3 && b.blur_effect > a.blur_effect + 0.3,
            "{a:?} {b:?}"
        );
    }

    #[test]
    fn flat_and_tiny_images_read_as_having_no_detail() {
        let flat = GrayImage::from_pixel(100, 100, image::Luma([128]));
        assert_eq!(
            measure(&flat),
            Sharpness {
                laplacian_variance: 0.0,
                blur_effect: 1.0
            }
        );
        assert_eq!(measure(&GrayImage::new(2, 2)).laplacian_variance, 0.0);
    }
}
