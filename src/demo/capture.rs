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

/// A plain room behind the applicant: where the door and the picture are, and how the
/// light falls, differ from home to home (and so do their perceptual hashes).
fn room(w: u32, h: u32, wall: [u8; 3], rng: &mut ChaCha8Rng) -> RgbImage {
    let mut img = RgbImage::new(w, h);
    let shade = rng.random_range(0.6..0.9f32);
    let (top, bottom) = (wall, wall.map(|v| (f32::from(v) * shade) as u8));
    if rng.random_bool(0.5) {
        draw::vertical_gradient(&mut img, top, bottom);
    } else {
        draw::vertical_gradient(&mut img, bottom, top);
    }
    let (wf, hf) = (w as f32, h as f32);
    // A door frame on one side and a picture on the other.
    let door_left = rng.random_bool(0.5);
    let door_x = if door_left {
        rng.random_range(0.0..0.1)
    } else {
        rng.random_range(0.68..0.8)
    };
    draw::fill_rect(
        &mut img,
        (wf * door_x) as i64,
        (hf * rng.random_range(0.05..0.2)) as i64,
        (wf * rng.random_range(0.18..0.26)) as i64,
        hf as i64,
        wall.map(|v| v / 2),
        0.35,
    );
    let picture_x = if door_left {
        rng.random_range(0.7..0.8)
    } else {
        rng.random_range(0.03..0.12)
    };
    draw::fill_rect(
        &mut img,
        (wf * picture_x) as i64,
        (hf * rng.random_range(0.08..0.3)) as i64,
        (wf * rng.random_range(0.12..0.2)) as i64,
        (hf * rng.random_range(0.08..0.16)) as i64,
        [
            rng.random_range(40..160),
            rng.random_range(60..160),
            rng.random_range(80..180),
        ],
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
    let mut img = room(w, h, wall, rng);
    // People hold their phones a little differently: nearer or farther, off centre.
    let (zoom, off_x, off_y) = (
        rng.random_range(0.85..1.0f32),
        rng.random_range(-0.06..0.06f32),
        rng.random_range(0.0..0.08f32),
    );
    if faces.is_empty() {
        // The camera pointed past the person: a doorway and the darker room beyond it, as
        // such photos show. A bare light wall alone would also read as over-exposed, a flaw
        // this case does not have.
        draw::fill_rect(
            &mut img,
            (w as f32 * 0.3) as i64,
            (h as f32 * 0.15) as i64,
            (w as f32 * 0.4) as i64,
            (h as f32 * 0.85) as i64,
            [92, 70, 52],
            1.0,
        );
    }
    let n = faces.len().max(1) as f32;
    for (i, f) in faces.iter().enumerate() {
        let bw = w as f32 / n * if faces.len() > 1 { 1.0 } else { 0.8 * zoom };
        let bx = if faces.len() > 1 {
            bw * i as f32
        } else {
            (w as f32 - bw) / 2.0 + off_x * w as f32
        };
        let by = h as f32 * (0.12 + off_y);
        f.draw(&mut img, bx, by, bw, h as f32 - by, yaw);
    }
    draw::noise(&mut img, rng, 4);
    img
}

/// A photograph of a real person as a phone takes it: the upper middle of `photo` (head and
/// shoulders, 3:4), the frame moved sideways with `yaw` as a turning head moves in it, scaled
/// to `w` × `h`, with sensor noise.
pub fn photographed(photo: &RgbImage, w: u32, h: u32, yaw: f32, rng: &mut ChaCha8Rng) -> RgbImage {
    let (pw, ph) = photo.dimensions();
    let crop_h = (ph as f32 * 0.94) as u32;
    let crop_w = (crop_h * 3 / 4).min(pw);
    let slack = (pw - crop_w) as f32;
    let x = (slack / 2.0 * (1.0 - 0.4 * yaw)).clamp(0.0, slack) as u32;
    let crop = image::imageops::crop_imm(photo, x, 0, crop_w, crop_h).to_image();
    let mut img = image::imageops::resize(&crop, w, h, image::imageops::FilterType::CatmullRom);
    draw::noise(&mut img, rng, 3);
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
