//! Glare: the largest patch of clipped, colourless light that fades out into its
//! surroundings. A specular reflection on a laminated card burns the sensor to white
//! whatever the card's colours, and its light falls off gradually around it. The white of a
//! scanned or rendered page is just as clipped but ends at printed edges and a background,
//! so a patch counts only when the frame around it is bright too. Patches that touch the
//! image's edge are left out: they are a scan's white margin or a bright wall; so are long
//! bands, which are a white zone printed on a pale page (a machine-readable zone).

use image::RgbImage;
use serde::Serialize;

/// A pixel is glare when even its darkest channel is this bright (of 255)…
const BRIGHT: u8 = 235;
/// …and its channels differ by no more than this: white, not a bright colour.
const MAX_TINT: u8 = 30;
/// The frame around a patch (its bounding box widened by a 40th of the image's short side)
/// must average at least this luma: light fading out, not a white field ending in print.
/// On the calibration set, painted glare has frames of 199 to 219, the white field of the
/// French card specimen 157.
const MIN_SURROUND: f64 = 175.0;
/// Patches smaller than this share of the image are specks, not worth a frame measure.
const MIN_SHARE: f64 = 0.001;
/// Patches larger than this share are the white page of a scan or rendered specimen (63% to
/// 73% on the calibration set), not a reflection. Glare that falls on such a page merges
/// with it and is not found: a known limit, which the calibration test records.
const MAX_SHARE: f64 = 0.4;
/// A patch whose box is longer than this many times its width is a band: the white
/// machine-readable zone of a demo passport page is 6.6 times, of an ID card 4.6; a lamp's
/// or window's reflection, and the painted glare of the calibration set, are rounder.
const MAX_ELONGATION: u32 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Glare {
    /// Share of the image the largest interior patch covers.
    pub fraction: f64,
    /// That patch's bounding box `[x, y, w, h]` in working pixels.
    pub region: [u32; 4],
    /// Mean luma of the frame around it.
    pub surround: f64,
}

/// The largest glare patch not touching the edge, or None when there is none.
pub fn measure(rgb: &RgbImage) -> Option<Glare> {
    let (w, h) = (rgb.width() as usize, rgb.height() as usize);
    let (px, _) = rgb.as_raw().as_chunks::<3>();
    // Glare pixels not yet taken into a patch: the fill clears each as it takes it.
    let mut lit: Vec<bool> = px
        .iter()
        .map(|&[r, g, b]| {
            let (hi, lo) = (r.max(g).max(b), r.min(g).min(b));
            lo >= BRIGHT && hi - lo <= MAX_TINT
        })
        .collect();
    // Most photos hold too little white for any patch to count: no fill at all.
    if (lit.iter().filter(|&&l| l).count() as f64) < MIN_SHARE * (w * h) as f64 {
        return None;
    }
    let mut stack = Vec::new();
    let mut best: Option<Glare> = None;
    for start in 0..w * h {
        if !lit[start] {
            continue;
        }
        // Flood fill with an explicit stack: a patch may span the whole image.
        lit[start] = false;
        stack.push(start);
        let (mut area, mut edge) = (0usize, false);
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            area += 1;
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            edge |= x == 0 || y == 0 || x == w - 1 || y == h - 1;
            let mut visit = |j: usize| {
                if lit[j] {
                    lit[j] = false;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < w {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - w);
            }
            if y + 1 < h {
                visit(i + w);
            }
        }
        let share = area as f64 / (w * h) as f64;
        if edge
            || !(MIN_SHARE..=MAX_SHARE).contains(&share)
            || best.is_some_and(|b| b.fraction >= share)
        {
            continue;
        }
        let region = [x0, y0, x1 - x0 + 1, y1 - y0 + 1].map(|v| v as u32);
        let [_, _, bw, bh] = region;
        if bw.max(bh) > MAX_ELONGATION * bw.min(bh) {
            continue;
        }
        let surround = frame_luma(rgb, region);
        if surround >= MIN_SURROUND {
            best = Some(Glare {
                fraction: share,
                region,
                surround,
            });
        }
    }
    best
}

/// Mean luma of the band just outside `[x, y, w, h]`, within the image.
fn frame_luma(rgb: &RgbImage, [x, y, w, h]: [u32; 4]) -> f64 {
    let m = (rgb.width().min(rgb.height()) / 40).max(2);
    let (x0, y0) = (x.saturating_sub(m), y.saturating_sub(m));
    let (x1, y1) = ((x + w + m).min(rgb.width()), (y + h + m).min(rgb.height()));
    let (mut sum, mut n) = (0u64, 0u64);
    for yy in y0..y1 {
        for xx in x0..x1 {
            if xx >= x && xx < x + w && yy >= y && yy < y + h {
                continue;
            }
            let [r, g, b] = rgb.get_pixel(xx, yy).0;
            sum += u64::from(super::working::luma(r, g, b));
            n += 1;
        }
    }
    if n == 0 { 0.0 } else { sum as f64 / n as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_white_patch_fading_out_is_found_with_its_box_and_edges_are_ignored() {
        let mut img = RgbImage::from_pixel(100, 80, image::Rgb([120, 90, 60]));
        for y in 14..46 {
            for x in 24..76 {
                img.put_pixel(x, y, image::Rgb([215, 212, 208]));
            }
        }
        for y in 20..40 {
            for x in 30..70 {
                img.put_pixel(x, y, image::Rgb([252, 250, 248]));
            }
        }
        // A white margin along the left edge, larger than the patch.
        for y in 0..80 {
            for x in 0..15 {
                img.put_pixel(x, y, image::Rgb([255, 255, 255]));
            }
        }
        let g = measure(&img).unwrap();
        assert_eq!(g.region, [30, 20, 40, 20]);
        assert!((g.fraction - 800.0 / 8000.0).abs() < 1e-9);
        // The same patch on a dark page, ending sharply: a white field, not glare.
        let mut page = RgbImage::from_pixel(100, 80, image::Rgb([40, 40, 60]));
        for y in 20..40 {
            for x in 30..70 {
                page.put_pixel(x, y, image::Rgb([255, 255, 255]));
            }
        }
        assert_eq!(measure(&page), None);
        // A white band on a pale page, as a passport's machine-readable zone: not glare,
        // though its frame is bright; the same band cut to four times its width would be.
        let band = |length: u32| {
            let mut pale = RgbImage::from_pixel(200, 80, image::Rgb([232, 226, 228]));
            for y in 40..60 {
                for x in 10..10 + length {
                    pale.put_pixel(x, y, image::Rgb([254, 253, 253]));
                }
            }
            measure(&pale)
        };
        assert_eq!(band(150), None);
        assert_eq!(band(80).map(|g| g.region), Some([10, 40, 80, 20]));
        // On a pale page of 10,000 pixels, a patch of 12 (over a 1000th) counts and one of 9
        // does not, however many white pixels lie elsewhere in specks.
        let specks = |w: u32, h: u32, more: u32| {
            let mut page = RgbImage::from_pixel(100, 100, image::Rgb([200, 200, 200]));
            for y in 40..40 + h {
                for x in 40..40 + w {
                    page.put_pixel(x, y, image::Rgb([250, 250, 250]));
                }
            }
            for k in 0..more {
                page.put_pixel(5 + 3 * (k % 30), 5 + 3 * (k / 30), image::Rgb([255; 3]));
            }
            measure(&page).map(|g| g.region)
        };
        assert_eq!(specks(4, 3, 0), Some([40, 40, 4, 3]));
        assert_eq!(specks(3, 3, 0), None);
        assert_eq!(specks(3, 3, 60), None);
        // Bright colour is not glare.
        let yellow = RgbImage::from_pixel(50, 50, image::Rgb([255, 240, 40]));
        assert_eq!(measure(&yellow), None);
    }
}
