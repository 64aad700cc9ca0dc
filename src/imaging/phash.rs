//! The perceptual hash (pHash, as the `imagehash` Python library computes it): the image as a
//! 32 × 32 grey thumbnail, its 2-D DCT, and one bit per coefficient of the lowest 8 × 8
//! frequencies, set when the coefficient is above their median. Re-encoding, resizing and
//! mild edits barely move the low frequencies, so copies of one picture land a few bits apart.

use image::GrayImage;
use std::f64::consts::PI;

/// The thumbnail side the hash is computed from.
pub const THUMB: usize = 32;
/// Low frequencies kept per axis: 8 × 8 = 64 bits.
const LOW: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImageHash(pub u64);

impl ImageHash {
    pub fn distance(self, other: ImageHash) -> u32 {
        (self.0 ^ other.0).count_ones()
    }

    /// The hash as four 16-bit bands. Two hashes within Hamming distance 3 agree exactly on at
    /// least one band (four bands cannot all hold one of at most three differing bits), so
    /// an index on each band finds every near copy without comparing against every hash.
    pub fn bands(self) -> [u16; 4] {
        [0, 16, 32, 48].map(|shift| (self.0 >> shift) as u16)
    }

    /// The hash as sixteen hex digits, as `imagehash` prints it.
    pub fn hex(self) -> String {
        format!("{:016x}", self.0)
    }
}

/// Serialised as its hex digits: a JSON number would lose the low bits in JavaScript.
impl serde::Serialize for ImageHash {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.hex())
    }
}

/// The grey thumbnail both the hash and the liveness comparison read.
pub fn thumbnail(grey: &GrayImage) -> GrayImage {
    super::working::resize_grey_smoothly(grey, THUMB as u32, THUMB as u32)
}

pub fn of_thumbnail(thumb: &GrayImage) -> ImageHash {
    let px: Vec<f64> = thumb.as_raw().iter().map(|&v| f64::from(v)).collect();
    if px.len() != THUMB * THUMB {
        return ImageHash(0);
    }
    // cos((2n + 1) k π / 2N) for the low k only: the DCT-II basis the hash needs.
    let basis: Vec<[f64; THUMB]> = (0..LOW)
        .map(|k| {
            std::array::from_fn(|n| ((2 * n + 1) as f64 * k as f64 * PI / (2 * THUMB) as f64).cos())
        })
        .collect();
    // Rows first (each row's low frequencies), then the columns of that.
    let rows: Vec<[f64; LOW]> = px
        .chunks_exact(THUMB)
        .map(|row| std::array::from_fn(|k| row.iter().zip(&basis[k]).map(|(v, c)| v * c).sum()))
        .collect();
    let mut low = [0f64; LOW * LOW];
    for (ky, b) in basis.iter().enumerate() {
        for kx in 0..LOW {
            low[ky * LOW + kx] = rows.iter().zip(b).map(|(r, c)| r[kx] * c).sum();
        }
    }
    let mut sorted = low;
    sorted.sort_by(f64::total_cmp);
    let median = (sorted[LOW * LOW / 2 - 1] + sorted[LOW * LOW / 2]) / 2.0;
    // The first coefficient is the most significant bit, as imagehash prints it.
    ImageHash(
        low.iter()
            .fold(0u64, |acc, &c| (acc << 1) | u64::from(c > median)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scene(w: u32, h: u32) -> GrayImage {
        GrayImage::from_fn(w, h, |x, y| {
            let (fx, fy) = (x as f64 / w as f64, y as f64 / h as f64);
            image::Luma([(128.0 + 90.0 * (fx * 7.0).sin() * (fy * 4.0).cos()) as u8])
        })
    }

    #[test]
    fn a_resized_copy_hashes_alike_and_another_picture_does_not() {
        let a = of_thumbnail(&thumbnail(&scene(640, 480)));
        let b = of_thumbnail(&thumbnail(&scene(320, 240)));
        assert!(a.distance(b) <= 2, "{}", a.distance(b));
        let other = GrayImage::from_fn(640, 480, |x, y| {
            image::Luma([((x / 40 + y / 40) % 2 * 200) as u8])
        });
        assert!(a.distance(of_thumbnail(&thumbnail(&other))) > 16);
    }

    #[test]
    fn bands_split_the_hash_and_catch_any_three_bit_change() {
        let h = ImageHash(0x0123_4567_89ab_cdef);
        assert_eq!(h.bands(), [0xcdef, 0x89ab, 0x4567, 0x0123]);
        assert_eq!(h.hex(), "0123456789abcdef");
        for (i, j, k) in [(0, 1, 2), (5, 21, 40), (15, 31, 63), (16, 17, 48)] {
            let near = ImageHash(h.0 ^ (1 << i) ^ (1 << j) ^ (1 << k));
            assert_eq!(h.distance(near), 3);
            assert!(h.bands().iter().zip(near.bands()).any(|(a, b)| *a == b));
        }
    }
}
