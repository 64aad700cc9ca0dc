//! Exposure from the luma histogram. Mean brightness alone misjudges a white scan with black
//! text (bright, yet fine); what marks a bad exposure is a missing end of the range: nothing
//! bright in an underexposed photo, nothing dark in a washed-out one.

use image::GrayImage;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Exposure {
    pub mean: f64,
    /// Luma below which 5% of the pixels lie: high when the blacks are washed out.
    pub p05: u8,
    /// Luma below which 95% of the pixels lie: low when nothing is bright.
    pub p95: u8,
}

pub fn measure(grey: &GrayImage) -> Exposure {
    let mut hist = [0u64; 256];
    for &v in grey.as_raw() {
        hist[usize::from(v)] += 1;
    }
    let n: u64 = hist.iter().sum();
    let percentile = |q: f64| {
        let target = (n as f64 * q).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (v, &c) in hist.iter().enumerate() {
            seen += c;
            if seen >= target {
                return v as u8;
            }
        }
        255
    };
    let sum: u64 = hist.iter().enumerate().map(|(v, &c)| v as u64 * c).sum();
    Exposure {
        mean: if n == 0 { 0.0 } else { sum as f64 / n as f64 },
        p05: percentile(0.05),
        p95: percentile(0.95),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_of_a_ramp() {
        let ramp = GrayImage::from_fn(256, 10, |x, _| image::Luma([x as u8]));
        let e = measure(&ramp);
        assert_eq!((e.p05, e.p95), (12, 243));
        assert!((e.mean - 127.5).abs() < 0.01);
        assert_eq!(measure(&GrayImage::new(0, 0)).mean, 0.0);
    }
}
