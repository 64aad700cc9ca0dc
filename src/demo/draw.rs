//! Drawing primitives for the demo images: shapes, gradients, noise and text.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::{Rgb, RgbImage};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

pub type Colour = [u8; 3];

/// The fonts that ship inside egui's own dependency: a proportional one and a monospace one.
pub struct Fonts {
    pub sans: FontRef<'static>,
    pub mono: FontRef<'static>,
}

impl Fonts {
    pub fn load() -> Result<Fonts, ab_glyph::InvalidFont> {
        Ok(Fonts {
            sans: FontRef::try_from_slice(epaint_default_fonts::UBUNTU_LIGHT)?,
            mono: FontRef::try_from_slice(epaint_default_fonts::HACK_REGULAR)?,
        })
    }
}

fn mix(a: Colour, b: Colour, t: f32) -> Colour {
    let t = t.clamp(0.0, 1.0);
    [0, 1, 2].map(|i| (f32::from(a[i]) * (1.0 - t) + f32::from(b[i]) * t).round() as u8)
}

/// Blends `c` over the pixel at (x, y) with coverage `alpha`, ignoring points off the canvas.
pub fn blend(img: &mut RgbImage, x: i64, y: i64, c: Colour, alpha: f32) {
    if x < 0 || y < 0 || x >= i64::from(img.width()) || y >= i64::from(img.height()) {
        return;
    }
    let p = img.get_pixel_mut(x as u32, y as u32);
    p.0 = mix(p.0, c, alpha);
}

pub fn vertical_gradient(img: &mut RgbImage, top: Colour, bottom: Colour) {
    let h = img.height().max(2) - 1;
    for (_, y, p) in img.enumerate_pixels_mut() {
        p.0 = mix(top, bottom, y as f32 / h as f32);
    }
}

pub fn fill_rect(img: &mut RgbImage, x: i64, y: i64, w: i64, h: i64, c: Colour, alpha: f32) {
    for yy in y..y + h {
        for xx in x..x + w {
            blend(img, xx, yy, c, alpha);
        }
    }
}

/// An anti-aliased filled ellipse centred at (cx, cy).
pub fn fill_ellipse(img: &mut RgbImage, cx: f32, cy: f32, rx: f32, ry: f32, c: Colour, alpha: f32) {
    let (x0, x1) = (
        (cx - rx - 1.0).floor() as i64,
        (cx + rx + 1.0).ceil() as i64,
    );
    let (y0, y1) = (
        (cy - ry - 1.0).floor() as i64,
        (cy + ry + 1.0).ceil() as i64,
    );
    for y in y0..=y1 {
        for x in x0..=x1 {
            let dx = (x as f32 + 0.5 - cx) / rx;
            let dy = (y as f32 + 0.5 - cy) / ry;
            let d = (dx * dx + dy * dy).sqrt();
            // Coverage falls off over about one pixel at the edge.
            let edge = (1.0 - d) * rx.min(ry);
            let cov = edge.clamp(0.0, 1.0);
            if cov > 0.0 {
                blend(img, x, y, c, cov * alpha);
            }
        }
    }
}

/// A soft radial highlight, as a lamp's reflection on a laminated card.
pub fn radial_glow(img: &mut RgbImage, cx: f32, cy: f32, r: f32, c: Colour, strength: f32) {
    let (x0, x1) = ((cx - r) as i64, (cx + r) as i64);
    let (y0, y1) = ((cy - r) as i64, (cy + r) as i64);
    for y in y0..=y1 {
        for x in x0..=x1 {
            let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt() / r;
            if d < 1.0 {
                let a = (1.0 - d * d).powf(0.6) * strength;
                blend(img, x, y, c, a.min(1.0));
            }
        }
    }
}

/// A thick line, drawn as overlapping discs.
pub fn line(img: &mut RgbImage, from: (f32, f32), to: (f32, f32), width: f32, c: Colour) {
    let len = ((to.0 - from.0).powi(2) + (to.1 - from.1).powi(2)).sqrt();
    let steps = (len * 2.0).max(1.0) as usize;
    for i in 0..=steps {
        let t = i as f32 / steps as f32;
        let x = from.0 + (to.0 - from.0) * t;
        let y = from.1 + (to.1 - from.1) * t;
        fill_ellipse(img, x, y, width / 2.0, width / 2.0, c, 1.0);
    }
}

/// Fine wavy security lines over a region, as printed on real documents.
pub fn guilloche(img: &mut RgbImage, region: (i64, i64, i64, i64), c: Colour, phase: f32) {
    let (x0, y0, w, h) = region;
    for k in 0..14 {
        let base = y0 as f32 + h as f32 * (k as f32 + 0.5) / 14.0;
        for x in x0..x0 + w {
            let xf = x as f32;
            let y = base
                + 9.0 * ((xf / 37.0) + phase + k as f32 * 0.7).sin()
                + 4.0 * (xf / 11.0 + k as f32).sin();
            blend(img, x, y as i64, c, 0.35);
        }
    }
}

/// Sensor-like noise: every camera photo has some.
pub fn noise(img: &mut RgbImage, rng: &mut ChaCha8Rng, amount: i16) {
    for p in img.pixels_mut() {
        let n: i16 = rng.random_range(-amount..=amount);
        for ch in &mut p.0 {
            *ch = (i16::from(*ch) + n).clamp(0, 255) as u8;
        }
    }
}

/// Draws `text` with its top-left corner at (x, y), `size` pixels high; returns the width.
pub fn text(
    img: &mut RgbImage,
    font: &FontRef<'_>,
    x: f32,
    y: f32,
    size: f32,
    c: Colour,
    text: &str,
) -> f32 {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut caret = x;
    let baseline = y + scaled.ascent();
    let mut prev = None;
    for ch in text.chars() {
        let id = scaled.glyph_id(ch);
        if let Some(p) = prev {
            caret += scaled.kern(p, id);
        }
        let glyph = id.with_scale_and_position(PxScale::from(size), point(caret, baseline));
        caret += scaled.h_advance(id);
        prev = Some(id);
        if let Some(outline) = font.outline_glyph(glyph) {
            let b = outline.px_bounds();
            outline.draw(|gx, gy, cov| {
                blend(
                    img,
                    b.min.x as i64 + i64::from(gx),
                    b.min.y as i64 + i64::from(gy),
                    c,
                    cov,
                );
            });
        }
    }
    caret - x
}

/// Pastes `src` onto `dst` at (x, y), clipped to `dst`.
pub fn paste(dst: &mut RgbImage, src: &RgbImage, x: i64, y: i64) {
    image::imageops::overlay(dst, src, x, y);
}

/// A soft drop shadow under a rectangle, so a card looks like it lies on a table.
pub fn shadow(img: &mut RgbImage, x: i64, y: i64, w: i64, h: i64) {
    for i in 1..=12i64 {
        let a = 0.05 * (1.0 - i as f32 / 13.0);
        fill_rect(img, x + i, y + i, w, h, [0, 0, 0], a);
    }
}

pub fn to_grey(img: &RgbImage) -> RgbImage {
    RgbImage::from_fn(img.width(), img.height(), |x, y| {
        let [r, g, b] = img.get_pixel(x, y).0;
        let l = (0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b)).round() as u8;
        Rgb([l, l, l])
    })
}

/// Scales every channel: `gain` below 1 darkens, `offset` lifts towards white.
pub fn expose(img: &mut RgbImage, gain: f32, offset: f32) {
    for p in img.pixels_mut() {
        for ch in &mut p.0 {
            *ch = (f32::from(*ch) * gain + offset).clamp(0.0, 255.0) as u8;
        }
    }
}
