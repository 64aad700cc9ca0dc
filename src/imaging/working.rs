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
        let grey = grey_of(&rgb);
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

/// The luma of every pixel of `rgb`.
pub fn grey_of(rgb: &RgbImage) -> GrayImage {
    let (px, _) = rgb.as_raw().as_chunks::<3>();
    let grey = px.iter().map(|&[r, g, b]| luma(r, g, b)).collect();
    // One luma per pixel: the buffer always fits.
    GrayImage::from_raw(rgb.width(), rgb.height(), grey).unwrap_or_default()
}

pub fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b) + 500) / 1000) as u8
}

/// Weights are in 256ths, so that a weighted sum of bytes whose weights make `ONE` fits a
/// `u16`. Each weight is within a 256th of its share; the error is that times the spread of
/// the values under the window: about one level at the working copy's ratios (up to 4),
/// more only on patterns that alternate against the rounding, at the large ratios of a
/// thumbnail (32) or a big crop. Past a ratio of about 500 most shares round to nothing.
const ONE: u16 = 256;

/// How each output pixel draws on the sources it covers.
#[derive(Clone, Copy)]
enum Kernel {
    /// The mean of the source area it covers.
    Area,
    /// Sources weighted by their distance from its centre, falling to zero one output
    /// pixel away (a tent), or one source pixel away when enlarging (bilinear): smoother
    /// than `Area`, as the perceptual hash wants; as `image`'s triangle filter.
    Triangle,
}

/// How an axis of `n` source pixels is resampled to `target`: each output index reads `taps`
/// consecutive sources from its first, weighted by the kernel (zero outside it), the
/// weights of one output summing to exactly `ONE`.
struct Axis {
    first: Vec<usize>,
    /// `taps` weights per output index.
    weights: Vec<u16>,
    taps: usize,
}

impl Axis {
    fn new(n: u32, target: u32, kernel: Kernel) -> Axis {
        let scale = f64::from(n) / f64::from(target);
        let radius = match kernel {
            Kernel::Area => scale / 2.0,
            Kernel::Triangle => scale.max(1.0),
        };
        let reach = (2.0 * radius).ceil() as usize + 1;
        let taps = reach.min(n as usize);
        let mut first = Vec::with_capacity(target as usize);
        let mut weights = Vec::with_capacity(target as usize * taps);
        let mut raw = Vec::with_capacity(taps);
        for o in 0..target {
            let centre = (f64::from(o) + 0.5) * scale;
            // Within the source, the window shifted back at the far end.
            let from = ((centre - radius).max(0.0) as usize).min(n as usize - taps);
            first.push(from);
            raw.clear();
            raw.extend((from..from + taps).map(|i| {
                let i = i as f64;
                match kernel {
                    Kernel::Area => {
                        ((centre + radius).min(i + 1.0) - (centre - radius).max(i)).max(0.0)
                    }
                    Kernel::Triangle => (1.0 - (i + 0.5 - centre).abs() / radius).max(0.0),
                }
            }));
            let total: f64 = raw.iter().sum();
            // Each weight is the step between the rounded running sums of the shares, so
            // the weights of one output make exactly `ONE` (a flat image stays exactly
            // flat) and each is within a 256th of its share.
            let mut before = 0.0;
            weights.extend(raw.iter().map(|r| {
                let share = r / total;
                let step =
                    ((before + share) * f64::from(ONE)).round() - (before * f64::from(ONE)).round();
                before += share;
                step as u16
            }));
            // The sum that keeps a row within a `u16`.
            debug_assert_eq!(weights[weights.len() - taps..].iter().sum::<u16>(), ONE);
        }
        Axis {
            first,
            weights,
            taps,
        }
    }
}

/// Resamples an image of `C` interleaved channels, `w` × `h`, to `tw` × `th` through
/// `kernel`; an empty source or target gives a black image. Separable, down first: each
/// output row is the weighted sum of its few source rows, at full width in fixed point the
/// compiler vectorises; that row is then resampled across by gathering each output pixel's
/// few sources, so the per-pixel work runs on the output's rows only.
fn resample<const C: usize>(
    src: &[u8],
    (w, h): (u32, u32),
    (tw, th): (u32, u32),
    kernel: Kernel,
) -> Vec<u8> {
    if w == 0 || h == 0 || tw == 0 || th == 0 {
        return vec![0; tw as usize * th as usize * C];
    }
    let (cols, rows) = (Axis::new(w, tw, kernel), Axis::new(h, th, kernel));
    let in_stride = w as usize * C;
    let out_stride = tw as usize * C;
    let mut out = vec![0u8; out_stride * th as usize];
    // One output row at the source's width, in 256ths.
    let mut row = vec![0u16; in_stride];
    let down = rows.first.iter().zip(rows.weights.chunks_exact(rows.taps));
    for ((&first, wy), dst) in down.zip(out.chunks_exact_mut(out_stride)) {
        let mut lines = src[first * in_stride..].chunks_exact(in_stride).zip(wy);
        // The first source row sets the sum, the others add to it: no pass to clear it.
        if let Some((line, &k)) = lines.next() {
            row.iter_mut()
                .zip(line)
                .for_each(|(a, &v)| *a = u16::from(v) * k);
        }
        for (line, &k) in lines.filter(|(_, k)| **k > 0) {
            row.iter_mut()
                .zip(line)
                .for_each(|(a, &v)| *a += u16::from(v) * k);
        }
        // The usual ratios get a loop the compiler unrolls.
        match cols.taps {
            2 => across::<C, 2>(&row, &cols, dst),
            3 => across::<C, 3>(&row, &cols, dst),
            4 => across::<C, 4>(&row, &cols, dst),
            5 => across::<C, 5>(&row, &cols, dst),
            _ => across_any::<C>(&row, &cols, dst),
        }
    }
    out
}

/// One row resampled across, `T` taps per output pixel: a length the compiler knows, so that
/// it unrolls the loop for the usual ratios.
fn across<const C: usize, const T: usize>(row: &[u16], cols: &Axis, dst: &mut [u8]) {
    let (weights, _) = cols.weights.as_chunks::<T>();
    across_by::<C>(row, cols, weights.iter().map(|w| w.as_slice()), dst);
}

/// `across` for any number of taps.
fn across_any<const C: usize>(row: &[u16], cols: &Axis, dst: &mut [u8]) {
    across_by::<C>(row, cols, cols.weights.chunks_exact(cols.taps), dst);
}

/// One row resampled across, each output pixel's weights given in turn.
#[inline(always)]
fn across_by<'a, const C: usize>(
    row: &[u16],
    cols: &Axis,
    weights: impl Iterator<Item = &'a [u16]>,
    dst: &mut [u8],
) {
    let (px, _) = row.as_chunks::<C>();
    let (out, _) = dst.as_chunks_mut::<C>();
    for ((o, &first), wx) in out.iter_mut().zip(&cols.first).zip(weights) {
        *o = gather(&px[first..first + wx.len()], wx);
    }
}

/// One output pixel: its sources, weighted.
#[inline(always)]
fn gather<const C: usize>(sources: &[[u16; C]], weights: &[u16]) -> [u8; C] {
    let mut sum = [0u32; C];
    for (source, &k) in sources.iter().zip(weights) {
        for c in 0..C {
            sum[c] += u32::from(source[c]) * u32::from(k);
        }
    }
    sum.map(rounded)
}

/// A sum in 256ths of 256ths as the nearest byte.
fn rounded(sum: u32) -> u8 {
    ((sum + (1 << 15)) >> 16) as u8
}

/// An RGB image shrunk to `tw` × `th` (neither larger than it) by area averaging: every
/// output pixel is the mean of the source area it covers, so no detail aliases.
pub fn shrink(img: &RgbImage, tw: u32, th: u32) -> RgbImage {
    debug_assert!(tw <= img.width() && th <= img.height(), "shrink enlarges");
    resample_rgb(img, (tw, th), Kernel::Area)
}

/// An RGB image resized to `tw` × `th` through a triangle kernel (see `Kernel`).
pub fn resize_smoothly(img: &RgbImage, tw: u32, th: u32) -> RgbImage {
    resample_rgb(img, (tw, th), Kernel::Triangle)
}

fn resample_rgb(img: &RgbImage, (tw, th): (u32, u32), kernel: Kernel) -> RgbImage {
    let out = resample::<3>(img.as_raw(), img.dimensions(), (tw, th), kernel);
    // The buffer is exactly tw × th × 3 bytes.
    RgbImage::from_raw(tw, th, out).unwrap_or_default()
}

/// A grey image resized to `tw` × `th` through a triangle kernel (see `Kernel`).
pub fn resize_grey_smoothly(img: &GrayImage, tw: u32, th: u32) -> GrayImage {
    let out = resample::<1>(img.as_raw(), img.dimensions(), (tw, th), Kernel::Triangle);
    // The buffer is exactly tw × th bytes.
    GrayImage::from_raw(tw, th, out).unwrap_or_default()
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

    #[test]
    fn every_outputs_weights_make_exactly_one_at_any_ratio() {
        // Area only shrinks; the triangle also enlarges (a small face's crop).
        let axes = (1..200u32).flat_map(|n| [(n, Kernel::Area, n), (n, Kernel::Triangle, 2 * n)]);
        for (n, kernel, most) in axes {
            for target in 1..=most {
                let axis = Axis::new(n, target, kernel);
                for (o, w) in axis.weights.chunks_exact(axis.taps).enumerate() {
                    let sum: u32 = w.iter().map(|&v| u32::from(v)).sum();
                    assert_eq!(sum, u32::from(ONE), "{n} to {target}, output {o}: {w:?}");
                }
            }
        }
        // Thirty sources into one: each weighs a thirtieth, within a 256th.
        let axis = Axis::new(30, 1, Kernel::Area);
        assert!(axis.weights.iter().all(|&w| (8..=9).contains(&w)));
    }
}
