//! The face chip the recognition network expects: the face rotated upright and scaled so the
//! eyes land where dlib's `get_face_chip_details` (5-point model, padding 0.25) puts them.
//! dlib places eye corners; MTCNN gives eye centres, which sit midway between them.

use super::FaceBox;
use crate::imaging::working;
use image::imageops;
use image::{Rgb, RgbImage};

/// Eye centres in the unpadded unit square of dlib's 5-point template: the means of its
/// outer and inner corner positions for each eye, as seen in the image.
const LEFT_EYE: [f32; 2] = [0.227_330, 0.221_396];
const RIGHT_EYE: [f32; 2] = [0.752_814, 0.221_233];
const PADDING: f32 = 0.25;

/// A template point in the pixels of a chip `side` pixels square.
fn in_chip([x, y]: [f32; 2], side: u32) -> [f32; 2] {
    let s = side as f32 / (1.0 + 2.0 * PADDING);
    [(x + PADDING) * s, (y + PADDING) * s]
}

/// The aligned `side` × `side` face of `face` in `img` (`CHIP` for the recognition network).
pub(super) fn chip(img: &RgbImage, face: &FaceBox, side: u32) -> RgbImage {
    let [le, re] = [face.landmarks[0], face.landmarks[1]];
    let [tl, tr] = [in_chip(LEFT_EYE, side), in_chip(RIGHT_EYE, side)];
    // The similarity taking chip points to image points: z ↦ a·z + t in complex numbers.
    let (dx_img, dy_img) = (re[0] - le[0], re[1] - le[1]);
    let (dx_chip, dy_chip) = (tr[0] - tl[0], tr[1] - tl[1]);
    let norm = dx_chip * dx_chip + dy_chip * dy_chip;
    let a_re = (dx_img * dx_chip + dy_img * dy_chip) / norm;
    let a_im = (dy_img * dx_chip - dx_img * dy_chip) / norm;
    let scale = (a_re * a_re + a_im * a_im).sqrt();

    let t = [
        le[0] - (a_re * tl[0] - a_im * tl[1]),
        le[1] - (a_im * tl[0] + a_re * tl[1]),
    ];
    let to_image = |u: f32, v: f32| [a_re * u - a_im * v + t[0], a_im * u + a_re * v + t[1]];
    if scale <= 1.5 {
        return sampled(img, side, to_image);
    }
    // Sampling a much larger face point by point would alias: shrink it first, so one chip
    // pixel covers about one source pixel, as dlib's chip extraction does with a pyramid.
    // Only the part the chip covers is shrunk (with room for the filter), not the whole image.
    let shrink = 1.0 / scale;
    let s = side as f32;
    let corners = [(0.0, 0.0), (s, 0.0), (0.0, s), (s, s)].map(|(u, v)| to_image(u, v));
    let (w, h) = img.dimensions();
    let margin = 2.0 * scale;
    // The corners' extent along `axis`, widened by the margin and kept inside the image.
    let span = |axis: usize, limit: u32| {
        let (lo, hi) = corners.iter().fold((f32::MAX, f32::MIN), |(lo, hi), c| {
            (lo.min(c[axis]), hi.max(c[axis]))
        });
        let inside = |v: f32| v.clamp(0.0, limit as f32) as u32;
        (inside(lo - margin), inside(hi + margin))
    };
    let ((x0, x1), (y0, y1)) = (span(0, w), span(1, h));
    if x1 <= x0 || y1 <= y0 {
        // The chip lies wholly outside the image: black, as each of its points would be.
        return RgbImage::new(side, side);
    }
    let part = imageops::crop_imm(img, x0, y0, x1 - x0, y1 - y0).to_image();
    let reduced = working::resize_smoothly(
        &part,
        (((x1 - x0) as f32 * shrink).round() as u32).max(1),
        (((y1 - y0) as f32 * shrink).round() as u32).max(1),
    );
    sampled(&reduced, side, |u, v| {
        let [x, y] = to_image(u, v);
        [(x - x0 as f32) * shrink, (y - y0 as f32) * shrink]
    })
}

/// The chip whose pixel (u, v) is `src` at `at(u, v)`.
fn sampled(src: &RgbImage, side: u32, at: impl Fn(f32, f32) -> [f32; 2]) -> RgbImage {
    RgbImage::from_fn(side, side, |u, v| {
        let [x, y] = at(u as f32, v as f32);
        bilinear(src, x, y)
    })
}

/// The colour at (x, y), black outside the image.
fn bilinear(img: &RgbImage, x: f32, y: f32) -> Rgb<u8> {
    let (w, h) = (img.width() as i64, img.height() as i64);
    let (x0, y0) = (x.floor() as i64, y.floor() as i64);
    let (fx, fy) = (x - x0 as f32, y - y0 as f32);
    let px = |xi: i64, yi: i64| -> [f32; 3] {
        if (0..w).contains(&xi) && (0..h).contains(&yi) {
            img.get_pixel(xi as u32, yi as u32).0.map(f32::from)
        } else {
            [0.0; 3]
        }
    };
    let (p00, p10, p01, p11) = (
        px(x0, y0),
        px(x0 + 1, y0),
        px(x0, y0 + 1),
        px(x0 + 1, y0 + 1),
    );
    Rgb([0, 1, 2].map(|c| {
        let top = p00[c] * (1.0 - fx) + p10[c] * fx;
        let bottom = p01[c] * (1.0 - fx) + p11[c] * fx;
        (top * (1.0 - fy) + bottom * fy).round().clamp(0.0, 255.0) as u8
    }))
}
