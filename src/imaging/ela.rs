//! Error level analysis, an aid for the reviewer's eye and not a hint: a JPEG saved again at
//! a known quality changes little where it was already saved at that quality and more where
//! something was pasted in or retouched since the last save. The amplified difference shows
//! such patches as brighter areas; textured areas also show, so it needs a human to read.

use image::RgbImage;
use image::codecs::jpeg::JpegEncoder;

/// The usual quality for the resave: close to what phones save, so untouched areas settle.
pub const QUALITY: u8 = 90;
/// How much the difference is multiplied to be seen (differences are a few levels).
pub const AMPLIFY: u8 = 20;

#[derive(Debug, thiserror::Error)]
pub enum ElaError {
    #[error("resaving as JPEG: {0}")]
    Encode(#[from] image::ImageError),
}

/// The amplified difference between `img` and `img` saved as JPEG at `quality`: black where
/// the resave changed nothing.
pub fn error_levels(img: &RgbImage, quality: u8, amplify: u8) -> Result<RgbImage, ElaError> {
    let mut resaved = Vec::new();
    JpegEncoder::new_with_quality(&mut resaved, quality.clamp(1, 100)).encode_image(img)?;
    let again =
        image::load_from_memory_with_format(&resaved, image::ImageFormat::Jpeg)?.into_rgb8();
    let mut out = RgbImage::new(img.width(), img.height());
    for ((o, a), b) in out
        .as_mut()
        .iter_mut()
        .zip(img.as_raw())
        .zip(again.as_raw())
    {
        *o = a.abs_diff(*b).saturating_mul(amplify);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_pasted_after_the_last_save_stands_out() {
        // A photo saved at the ELA quality, then a sharp patch pasted into it unsaved.
        let base = RgbImage::from_fn(128, 128, |x, y| {
            image::Rgb([(x * 2) as u8, (y * 2) as u8, 100])
        });
        let mut saved = Vec::new();
        JpegEncoder::new_with_quality(&mut saved, QUALITY)
            .encode_image(&base)
            .unwrap();
        let mut img = image::load_from_memory(&saved).unwrap().into_rgb8();
        for y in 40..72 {
            for x in 40..72 {
                // Noise, as from another photo: detail the last save never smoothed.
                let v = |k: u32| ((x * 7919 + y * 104_729 + k * 31) % 251) as u8;
                img.put_pixel(x, y, image::Rgb([v(0), v(1), v(2)]));
            }
        }
        let ela = error_levels(&img, QUALITY, AMPLIFY).unwrap();
        let mean = |x0: u32, y0: u32| {
            let mut s = 0u64;
            for y in y0..y0 + 24 {
                for x in x0..x0 + 24 {
                    s += ela
                        .get_pixel(x, y)
                        .0
                        .iter()
                        .map(|&v| u64::from(v))
                        .sum::<u64>();
                }
            }
            s as f64 / (24.0 * 24.0 * 3.0)
        };
        assert!(
            mean(44, 44) > 4.0 * mean(4, 4) + 20.0,
            "{} vs {}",
            mean(44, 44),
            mean(4, 4)
        );
    }
}
