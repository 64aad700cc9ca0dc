//! Whether an image carries colour: the colourfulness of Hasler and Süsstrunk (2003), from
//! the spread and mean of the opponent channels rg = R − G and yb = (R + G)/2 − B, and the
//! share of chromatic pixels. A black-and-white photo saved as RGB has R = G = B everywhere
//! and scores zero on both; a colour document scores well above.

use image::RgbImage;
use serde::Serialize;

/// A pixel is chromatic when its channels differ by more than this (of 255): beyond the
/// tint that JPEG chroma subsampling and a grey scan's colour cast leave.
const CHROMA: u8 = 24;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Colour {
    /// Hasler–Süsstrunk M on the 0–255 scale: about 0 for grey, 15 slightly colourful,
    /// 33 moderately, 59 quite colourful.
    pub colourfulness: f64,
    /// Share of pixels whose channels differ by more than `CHROMA`.
    pub chromatic_share: f64,
}

pub fn measure(rgb: &RgbImage) -> Colour {
    // Integer sums are exact (and vectorise): twice yb keeps it whole, and the sums of
    // squares stay far below 2^63 for any image the decode limits let through.
    let (mut rg_sum, mut rg_sq, mut yb2_sum, mut yb2_sq, mut chromatic) =
        (0i64, 0i64, 0i64, 0i64, 0u64);
    // The sums of each block of `BLOCK` pixels in 32 bits, which the compiler vectorises:
    // a block cannot overflow them (|r-g|² ≤ 255², |r+g-2b|² ≤ 510²).
    const BLOCK: usize = 4096;
    let (px, _) = rgb.as_raw().as_chunks::<3>();
    for block in px.chunks(BLOCK) {
        let (mut s1, mut q1, mut s2, mut q2, mut c) = (0i32, 0i32, 0i32, 0i32, 0u32);
        for &[r, g, b] in block {
            let [ri, gi, bi] = [r, g, b].map(i32::from);
            let rg = ri - gi;
            let yb2 = ri + gi - 2 * bi;
            s1 += rg;
            q1 += rg * rg;
            s2 += yb2;
            q2 += yb2 * yb2;
            c += u32::from(r.max(g).max(b) - r.min(g).min(b) > CHROMA);
        }
        rg_sum += i64::from(s1);
        rg_sq += i64::from(q1);
        yb2_sum += i64::from(s2);
        yb2_sq += i64::from(q2);
        chromatic += u64::from(c);
    }
    let n = u64::from(rgb.width()) * u64::from(rgb.height());
    let (rg_sum, rg_sq) = (rg_sum as f64, rg_sq as f64);
    let (yb_sum, yb_sq) = (yb2_sum as f64 / 2.0, yb2_sq as f64 / 4.0);
    if n == 0 {
        return Colour {
            colourfulness: 0.0,
            chromatic_share: 0.0,
        };
    }
    let n_f = n as f64;
    let (rg_mean, yb_mean) = (rg_sum / n_f, yb_sum / n_f);
    let rg_var = (rg_sq / n_f - rg_mean * rg_mean).max(0.0);
    let yb_var = (yb_sq / n_f - yb_mean * yb_mean).max(0.0);
    Colour {
        colourfulness: (rg_var + yb_var).sqrt()
            + 0.3 * (rg_mean * rg_mean + yb_mean * yb_mean).sqrt(),
        chromatic_share: chromatic as f64 / n_f,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grey_saved_as_rgb_has_no_colour_and_a_colour_image_has_some() {
        let grey = RgbImage::from_fn(64, 64, |x, y| {
            let v = ((x * 3 + y * 2) % 256) as u8;
            image::Rgb([v, v, v])
        });
        assert_eq!(
            measure(&grey),
            Colour {
                colourfulness: 0.0,
                chromatic_share: 0.0
            }
        );
        let colour = RgbImage::from_fn(64, 64, |x, _| {
            if x < 32 {
                image::Rgb([200, 40, 40])
            } else {
                image::Rgb([40, 60, 200])
            }
        });
        let c = measure(&colour);
        assert!(c.colourfulness > 60.0 && c.chromatic_share == 1.0, "{c:?}");
    }
}
