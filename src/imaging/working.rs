//! The working copy every measure reads: the decoded image shrunk once to a fixed size, so
//! that scores mean the same on a 12-megapixel phone photo and on a 2-megapixel scan, and so
//! that no measure walks the full-resolution pixels.

use image::{GrayImage, RgbImage};

/// The long side of the working copy. Smaller images are measured as they are: enlarging
/// would invent no detail and would make a small image look blurry.
pub const WORK_SIDE: u32 = 1024;

pub struct Working {
    pub rgb: RgbImage,
    /// Luma (ITU-R BT.601, as JPEG stores it) of `rgb`.
    pub grey: GrayImage,
    /// Original pixels per working pixel, to map a region back onto the original.
    pub scale: f64,
}

impl Working {
    pub fn of(img: &RgbImage) -> Working {
        let (w, h) = img.dimensions();
        let long = w.max(h);
        let rgb = if long <= WORK_SIDE {
            img.clone()
        } else {
            let f = f64::from(WORK_SIDE) / f64::from(long);
            let side = |v: u32| ((f64::from(v) * f).round() as u32).clamp(1, v);
            shrink(img, side(w), side(h))
        };
        let grey = GrayImage::from_raw(
            rgb.width(),
            rgb.height(),
            rgb.as_raw()
                .chunks_exact(3)
                .map(|p| luma(p[0], p[1], p[2]))
                .collect(),
        )
        // One luma per pixel: the buffer always fits.
        .unwrap_or_default();
        Working {
            scale: f64::from(img.width()) / f64::from(rgb.width()),
            rgb,
            grey,
        }
    }

    /// `[x, y, w, h]` in working pixels as `[x, y, w, h]` in the original's pixels.
    pub fn to_original(&self, [x, y, w, h]: [u32; 4]) -> [u32; 4] {
        [x, y, w, h].map(|v| (f64::from(v) * self.scale).round() as u32)
    }
}

pub fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b) + 500) / 1000) as u8
}

/// Each source index along an axis of `n` shrunk to `target`: the output index it falls in,
/// its weight there, and its weight in the next output (when it straddles the boundary).
fn spans(n: u32, target: u32) -> Vec<(usize, f32, f32)> {
    let scale = f64::from(n) / f64::from(target);
    let last = target as usize - 1;
    (0..n)
        .map(|i| {
            let i = f64::from(i);
            let j = ((i / scale) as usize).min(last);
            let end = (j + 1) as f64 * scale;
            if i + 1.0 <= end || j == last {
                (j, (1.0 / scale) as f32, 0.0)
            } else {
                (
                    j,
                    ((end - i) / scale) as f32,
                    ((i + 1.0 - end) / scale) as f32,
                )
            }
        })
        .collect()
}

/// Shrinks to `tw` × `th` (neither larger than the source) by area averaging: every output
/// pixel is the mean of the source area it covers, so no detail aliases and no pixel is
/// skipped. Separable, down first: each source row is added, at full width and in one pass
/// the compiler vectorises, into the one or two output rows it covers; each output row is
/// then shrunk across once, so the per-pixel work runs on the output's rows only.
pub fn shrink(img: &RgbImage, tw: u32, th: u32) -> RgbImage {
    let (cols, rows) = (spans(img.width(), tw), spans(img.height(), th));
    let in_stride = img.width() as usize * 3;
    let out_stride = tw as usize * 3;
    let mut out = vec![0u8; out_stride * th as usize];
    // The output row being filled and the next, at the source's width.
    let mut row = vec![0f32; in_stride];
    let mut next = vec![0f32; in_stride];
    let mut across = vec![0f32; out_stride + 3];
    let mut emit = |oy: usize, row: &[f32]| {
        across.fill(0.0);
        for (px, &(ox, wx, wx_next)) in row.chunks_exact(3).zip(&cols) {
            let at = &mut across[ox * 3..ox * 3 + 6];
            at[0] += px[0] * wx;
            at[1] += px[1] * wx;
            at[2] += px[2] * wx;
            if wx_next > 0.0 {
                at[3] += px[0] * wx_next;
                at[4] += px[1] * wx_next;
                at[5] += px[2] * wx_next;
            }
        }
        let dst = &mut out[oy * out_stride..(oy + 1) * out_stride];
        for (o, a) in dst.iter_mut().zip(&across) {
            // Sums of non-negative values: adding a half and truncating rounds them as
            // `round()` does, without its call (the cast saturates at 0 and 255).
            *o = (a + 0.5) as u8;
        }
    };
    let mut current = 0;
    for (line, &(oy, wy, wy_next)) in img.as_raw().chunks_exact(in_stride).zip(&rows) {
        // Shrinking moves on by at most one output row per source row.
        if oy != current {
            emit(current, &row);
            std::mem::swap(&mut row, &mut next);
            next.fill(0.0);
            current = oy;
        }
        row.iter_mut()
            .zip(line)
            .for_each(|(a, &v)| *a += f32::from(v) * wy);
        if wy_next > 0.0 {
            next.iter_mut()
                .zip(line)
                .for_each(|(a, &v)| *a += f32::from(v) * wy_next);
        }
    }
    emit(current, &row);
    // The buffer is exactly tw × th × 3 bytes.
    RgbImage::from_raw(tw, th, out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_images_shrink_to_the_working_side_and_small_ones_stay() {
        let big = RgbImage::from_fn(3000, 2000, |x, _| image::Rgb([(x % 256) as u8, 10, 200]));
        let w = Working::of(&big);
        assert_eq!(w.rgb.dimensions(), (1024, 683));
        assert!((w.scale - 3000.0 / 1024.0).abs() < 1e-9);
        assert_eq!(w.to_original([512, 0, 10, 10])[0], 1500);
        let small = RgbImage::new(300, 200);
        assert_eq!(Working::of(&small).rgb.dimensions(), (300, 200));
    }

    #[test]
    fn shrinking_averages_the_area_each_output_pixel_covers() {
        let img = RgbImage::from_fn(4, 2, |x, _| {
            image::Rgb([if x % 2 == 0 { 0 } else { 200 }, 7, 9])
        });
        let s = shrink(&img, 2, 1);
        assert_eq!(s.dimensions(), (2, 1));
        assert_eq!(s.get_pixel(0, 0).0, [100, 7, 9]);
        // Three pixels into two: the middle one is split between both.
        let row = RgbImage::from_fn(3, 1, |x, _| image::Rgb([[0, 90, 180][x as usize], 0, 0]));
        let s = shrink(&row, 2, 1);
        assert_eq!((s.get_pixel(0, 0).0[0], s.get_pixel(1, 0).0[0]), (30, 150));
        // A flat image stays flat at any ratio.
        let flat = RgbImage::from_pixel(1728, 1152, image::Rgb([37, 140, 251]));
        assert!(
            shrink(&flat, 1024, 683)
                .pixels()
                .all(|p| p.0 == [37, 140, 251])
        );
    }
}
