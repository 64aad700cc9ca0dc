//! What the applicant's phone produces: photos of the document, the selfie, liveness frames,
//! encoded as JPEG with camera EXIF (or as the flawed variants).

use super::draw;
use super::face::FaceParams;
use exif::experimental::Writer;
use exif::{Field, In, Tag, Value};
use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, Rgb, RgbImage};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// The phones the demo applicants use.
pub const CAMERAS: &[(&str, &str)] = &[
    ("Apple", "iPhone 14"),
    ("samsung", "SM-S911B"),
    ("Google", "Pixel 7a"),
    ("Xiaomi", "Redmi Note 12"),
];

/// EXIF of a phone camera, optionally with the editing software that saved the file.
pub fn exif(camera: (&str, &str), software: Option<&str>) -> Result<Vec<u8>, exif::Error> {
    let ascii = |s: &str| Value::Ascii(vec![s.as_bytes().to_vec()]);
    let mut fields = vec![
        Field {
            tag: Tag::Make,
            ifd_num: In::PRIMARY,
            value: ascii(camera.0),
        },
        Field {
            tag: Tag::Model,
            ifd_num: In::PRIMARY,
            value: ascii(camera.1),
        },
        Field {
            tag: Tag::DateTimeOriginal,
            ifd_num: In::PRIMARY,
            value: ascii("2026:11:18 09:12:44"),
        },
    ];
    if let Some(s) = software {
        fields.push(Field {
            tag: Tag::Software,
            ifd_num: In::PRIMARY,
            value: ascii(s),
        });
    }
    let mut w = Writer::new();
    for f in &fields {
        w.push_field(f);
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    w.write(&mut buf, true)?;
    Ok(buf.into_inner())
}

pub fn jpeg(img: &RgbImage, quality: u8, exif: Option<Vec<u8>>) -> image::ImageResult<Vec<u8>> {
    let mut out = Vec::new();
    let mut enc = JpegEncoder::new_with_quality(&mut out, quality);
    if let Some(e) = exif {
        enc.set_exif_metadata(e)
            .map_err(image::ImageError::Unsupported)?;
    }
    encode(enc, img)?;
    Ok(out)
}

pub fn png(img: &RgbImage) -> image::ImageResult<Vec<u8>> {
    let mut out = Vec::new();
    encode(image::codecs::png::PngEncoder::new(&mut out), img)?;
    Ok(out)
}

fn encode(enc: impl ImageEncoder, img: &RgbImage) -> image::ImageResult<()> {
    enc.write_image(
        img.as_raw(),
        img.width(),
        img.height(),
        image::ExtendedColorType::Rgb8,
    )
}

/// A plain room behind the applicant.
fn room(w: u32, h: u32, wall: [u8; 3]) -> RgbImage {
    let mut img = RgbImage::new(w, h);
    draw::vertical_gradient(&mut img, wall, wall.map(|v| (f32::from(v) * 0.8) as u8));
    let (wf, hf) = (w as f32, h as f32);
    // A door frame and a picture on the wall.
    draw::fill_rect(
        &mut img,
        (wf * 0.72) as i64,
        (hf * 0.1) as i64,
        (wf * 0.22) as i64,
        (hf * 0.9) as i64,
        wall.map(|v| v / 2),
        0.35,
    );
    draw::fill_rect(
        &mut img,
        (wf * 0.06) as i64,
        (hf * 0.12) as i64,
        (wf * 0.18) as i64,
        (hf * 0.12) as i64,
        [90, 110, 140],
        0.5,
    );
    img
}

pub const WALLS: &[[u8; 3]] = &[
    [214, 206, 190],
    [190, 204, 214],
    [224, 222, 216],
    [200, 190, 200],
];

/// A selfie: the applicant's faces (none, one or more) in front of a wall, `yaw` turning the head.
pub fn selfie(
    faces: &[&FaceParams],
    w: u32,
    h: u32,
    wall: [u8; 3],
    yaw: f32,
    rng: &mut ChaCha8Rng,
) -> RgbImage {
    let mut img = room(w, h, wall);
    let n = faces.len().max(1) as f32;
    for (i, f) in faces.iter().enumerate() {
        let bw = w as f32 / n * if faces.len() > 1 { 1.0 } else { 0.8 };
        let bx = if faces.len() > 1 {
            bw * i as f32
        } else {
            (w as f32 - bw) / 2.0
        };
        f.draw(&mut img, bx, h as f32 * 0.12, bw, h as f32 * 0.88, yaw);
    }
    draw::noise(&mut img, rng, 4);
    img
}

/// A desktop screenshot showing the document in an image viewer: flat colours, screen size.
pub fn screenshot(doc: &RgbImage) -> RgbImage {
    let mut img = RgbImage::from_pixel(1920, 1080, Rgb([36, 38, 44]));
    draw::fill_rect(&mut img, 0, 0, 1920, 40, [58, 60, 68], 1.0);
    draw::fill_rect(&mut img, 0, 1040, 1920, 40, [24, 24, 28], 1.0);
    let scaled = image::imageops::resize(
        doc,
        1400,
        1400 * doc.height() / doc.width(),
        image::imageops::FilterType::Triangle,
    );
    let y = (1080 - i64::from(scaled.height())) / 2;
    draw::paste(&mut img, &scaled, 260, y.max(40));
    img
}

/// Bytes that a phone's HEIC photo starts with, followed by data no decoder here reads.
pub fn heic_like(rng: &mut ChaCha8Rng) -> Vec<u8> {
    let mut v = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    v.extend((0..20_000).map(|_| rng.random::<u8>()));
    v
}
