//! Judging an uploaded file by its bytes: its type, its dimensions read from the header, and
//! whether it decodes, with limits so that a decompression bomb is refused before allocation.

use crate::decode_budget::{self, Reservation};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
use serde::{Deserialize, Serialize};
use std::io::Cursor;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Jpeg,
    Png,
    Pdf,
}

impl FileKind {
    pub fn code(self) -> &'static str {
        match self {
            FileKind::Jpeg => "jpeg",
            FileKind::Png => "png",
            FileKind::Pdf => "pdf",
        }
    }
}

/// The type of `bytes` by magic number, or a description of what it is instead.
pub fn sniff(bytes: &[u8]) -> Result<FileKind, &'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"GIF8", "GIF"),
        (b"BM", "BMP"),
        (b"II*\0", "TIFF"),
        (b"MM\0*", "TIFF"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x7fELF", "executable"),
        (b"MZ", "executable"),
    ];
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok(FileKind::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok(FileKind::Png)
    } else if bytes.starts_with(b"%PDF-") {
        Ok(FileKind::Pdf)
    } else if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        // ISO media: HEIC/HEIF/AVIF photos from phones, or video.
        Err(match &bytes[8..12] {
            b"heic" | b"heix" | b"mif1" | b"msf1" | b"hevc" => "HEIC/HEIF",
            b"avif" => "AVIF",
            _ => "ISO media (video)",
        })
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Err("WebP")
    } else {
        Err(SIGNATURES
            .iter()
            .find(|(sig, _)| bytes.starts_with(sig))
            .map_or("unknown", |(_, name)| name))
    }
}

/// One marker segment of a JPEG header: APPn, DQT, SOF…
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JpegSegment<'a> {
    pub marker: u8,
    /// What follows the length field (empty for markers without one).
    pub payload: &'a [u8],
    /// Where the next segment begins.
    pub end: usize,
}

/// The segments of a JPEG header, up to and including the start of scan (`0xDA`) or an end of
/// image (`0xD9`); stops quietly where the structure breaks, so a hostile length reads nothing
/// outside `bytes`.
pub fn jpeg_segments(bytes: &[u8]) -> impl Iterator<Item = JpegSegment<'_>> {
    let mut pos = 2;
    let mut done = !bytes.starts_with(&[0xFF, 0xD8]);
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while bytes.get(pos) == Some(&0xFF) && bytes.get(pos + 1) == Some(&0xFF) {
            pos += 1;
        }
        let (Some(0xFF), Some(&marker)) = (bytes.get(pos), bytes.get(pos + 1)) else {
            done = true;
            return None;
        };
        let segment = match marker {
            0x01 | 0xD0..=0xD9 => JpegSegment {
                marker,
                payload: &[],
                end: pos + 2,
            },
            _ => {
                let len = bytes
                    .get(pos + 2..pos + 4)
                    .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])));
                match len.and_then(|len| bytes.get(pos + 4..(pos + 2 + len).max(pos + 4))) {
                    Some(payload) if len >= Some(2) => JpegSegment {
                        marker,
                        payload,
                        end: pos + 2 + payload.len() + 2,
                    },
                    _ => {
                        done = true;
                        return None;
                    }
                }
            }
        };
        done = matches!(marker, 0xD9 | 0xDA);
        pos = segment.end;
        Some(segment)
    })
}

/// Whether the JPEG's compressed data is followed by its end-of-image marker. Walks the
/// header segments (an EXIF thumbnail has an end marker of its own) to the first scan;
/// entropy-coded data cannot contain FF D9, and phones may append data after the marker.
fn jpeg_has_end(bytes: &[u8]) -> bool {
    match jpeg_segments(bytes).last() {
        Some(s) if s.marker == 0xD9 => true,
        Some(s) if s.marker == 0xDA => bytes[s.end..].windows(2).any(|w| w == [0xFF, 0xD9]),
        _ => false,
    }
}

/// What inspecting a file's bytes found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inspection {
    /// A JPEG or PNG that decodes (`width` × `height` as stored, before any EXIF rotation).
    Image {
        kind: FileKind,
        width: u32,
        height: u32,
    },
    /// A PDF with a complete trailer; its embedded image, if any, is the image checks' work.
    Pdf,
    /// Not JPEG, PNG or PDF; never handed to a decoder.
    Unsupported { detected: &'static str },
    /// Of a supported type but cannot be shown.
    Broken { kind: FileKind, problem: String },
}

/// Limits for decoding.
#[derive(Debug, Clone, Copy)]
pub struct DecodeLimits {
    pub max_pixels: u64,
}

/// Decodes stored image bytes upright, as the checks did.
pub fn decode_image(bytes: &[u8], limits: DecodeLimits) -> Result<image::RgbImage, String> {
    match inspect_header(bytes, limits) {
        Inspection::Image {
            kind,
            width,
            height,
        } => decode_upright(bytes, kind, width, height).map(|d| d.image),
        Inspection::Broken { problem, .. } => Err(problem),
        Inspection::Pdf => Err("a PDF, not an image".into()),
        Inspection::Unsupported { detected } => Err(format!("{detected}, not JPEG or PNG")),
    }
}

/// What a stored file shows, upright: the image, or the photo taken out of a PDF (whose
/// pixels hint regions are in).
pub fn decode_for_display(
    kind: Option<FileKind>,
    bytes: &[u8],
    limits: DecodeLimits,
) -> Result<image::RgbImage, String> {
    match kind {
        Some(FileKind::Pdf) => crate::imaging::pdf::display_image(bytes, limits)
            .map_err(|e| format!("PDF upload: {e}")),
        Some(_) => decode_image(bytes, limits).map_err(|e| format!("cannot be decoded: {e}")),
        None => Err("not an image Vigil can show (see the hints)".into()),
    }
}

/// Judges `bytes` from what can be read without decoding: the type, end markers, and the
/// dimensions in the header against `limits`. An `Image` here still has to pass [`decode`].
pub fn inspect_header(bytes: &[u8], limits: DecodeLimits) -> Inspection {
    let kind = match sniff(bytes) {
        Ok(k) => k,
        Err(detected) => return Inspection::Unsupported { detected },
    };
    let broken = |problem: String| Inspection::Broken { kind, problem };
    match kind {
        FileKind::Pdf => {
            // A PDF ends with %%EOF (possibly followed by whitespace); without it, it was cut short.
            let tail = &bytes[bytes.len().saturating_sub(1024)..];
            if tail.windows(5).any(|w| w == b"%%EOF") {
                Inspection::Pdf
            } else {
                broken("truncated: the PDF has no end-of-file marker".into())
            }
        }
        FileKind::Jpeg | FileKind::Png => {
            // JPEG decoders conceal missing data as grey; a missing end marker is the tell.
            if kind == FileKind::Jpeg && !jpeg_has_end(bytes) {
                return broken("truncated: the JPEG has no end-of-image marker".into());
            }
            let reader = ImageReader::with_format(Cursor::new(bytes), format_of(kind));
            let (width, height) = match reader.into_dimensions() {
                Ok(d) => d,
                Err(e) => return broken(format!("unreadable header: {e}")),
            };
            let pixels = u64::from(width) * u64::from(height);
            if pixels > limits.max_pixels {
                return broken(format!(
                    "{width} × {height} pixels exceeds the decoding limit of {} megapixels",
                    limits.max_pixels / 1_000_000
                ));
            }
            Inspection::Image {
                kind,
                width,
                height,
            }
        }
    }
}

fn format_of(kind: FileKind) -> ImageFormat {
    match kind {
        FileKind::Png => ImageFormat::Png,
        FileKind::Jpeg | FileKind::Pdf => ImageFormat::Jpeg,
    }
}

/// Pixels decoded under the process's decode budget ([`crate::decode_budget`]): their
/// bytes stay reserved for as long as they are held.
#[derive(Debug)]
pub struct Decoded {
    pub image: RgbImage,
    _held: Reservation,
}

/// Decodes an image whose header [`inspect_header`] passed as `width` × `height`, allocating
/// no more than that size needs, and turns it upright as its EXIF orientation says (as the
/// window shows it), so that regions found on the pixels are where the reviewer sees them.
/// Waits, first, until the process's decode budget has room for it.
pub fn decode_upright(
    bytes: &[u8],
    kind: FileKind,
    width: u32,
    height: u32,
) -> Result<Decoded, String> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format_of(kind));
    let mut l = Limits::default();
    l.max_image_width = Some(width);
    l.max_image_height = Some(height);
    // Room for the largest pixel layout (16-bit RGBA) of an image this size, no more.
    let pixels = u64::from(width) * u64::from(height);
    l.max_alloc = Some(pixels.saturating_mul(8).saturating_add(1 << 20));
    reader.limits(l);
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().ok();
    // At the peak, the decoder's own layout and its RGB copy exist together, or the RGB
    // copy and its rotation.
    let rgb_bytes = pixels.saturating_mul(3);
    let mut held = decode_budget::reserve(
        decoder
            .total_bytes()
            .saturating_add(rgb_bytes)
            .max(rgb_bytes.saturating_mul(2)),
    );
    let strict = match kind {
        FileKind::Jpeg => decode_jpeg_strictly(bytes, width, height)?,
        FileKind::Png | FileKind::Pdf => None,
    };
    let rgb = match strict {
        Some(rgb) => rgb,
        None => DynamicImage::from_decoder(decoder)
            .map_err(|e| e.to_string())?
            .into_rgb8(),
    };
    let mut img = DynamicImage::ImageRgb8(rgb);
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    held.shrink_to(rgb_bytes);
    Ok(Decoded {
        image: img.into_rgb8(),
        _held: held,
    })
}

/// Decodes a JPEG strictly, to tell a file whose data ends before the image its header
/// declares does (a 7000 × 7000 header over 480 × 640 of data): a lenient decoder reads the
/// end marker as zeros and paints the rest grey. For a one-scan JPEG (baseline: what cameras
/// write) the end marker is replaced by a few zero bytes, so that data running out is the
/// decoder's "premature end" rather than silence; a complete file decodes as before. `None`
/// when the strict decoder balks at something else, a quirk of some camera or editor: the
/// lenient decoder then shows the file as browsers do.
fn decode_jpeg_strictly(bytes: &[u8], width: u32, height: u32) -> Result<Option<RgbImage>, String> {
    use zune_core::{bytestream::ZCursor, colorspace::ColorSpace, options::DecoderOptions};
    use zune_jpeg::errors::DecodeErrors;
    let Some(end) = single_scan_end(bytes) else {
        return Ok(None);
    };
    // Room for the decoder's read-ahead (at most 8 bytes) past the last coded bit.
    let mut probe = Vec::with_capacity(end + 16);
    probe.extend_from_slice(&bytes[..end]);
    probe.extend_from_slice(&[0; 16]);
    let options = DecoderOptions::default()
        .set_strict_mode(true)
        .set_max_width(width as usize)
        .set_max_height(height as usize)
        .jpeg_set_out_colorspace(ColorSpace::RGB);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(&probe[..]), options);
    match decoder.decode() {
        Ok(pixels) if decoder.output_colorspace() == Some(ColorSpace::RGB) => {
            Ok(RgbImage::from_raw(width, height, pixels))
        }
        Ok(_) => Ok(None),
        Err(DecodeErrors::ExhaustedData) => Err(short_data(width, height)),
        Err(DecodeErrors::FormatStatic(m)) if m.starts_with("Premature end") => {
            Err(short_data(width, height))
        }
        Err(_) => Ok(None),
    }
}

/// Where the entropy-coded data of a one-scan JPEG ends: the end-of-image marker right after
/// its only scan. `None` for several scans (progressive) or data without that marker.
fn single_scan_end(bytes: &[u8]) -> Option<usize> {
    let sos = jpeg_segments(bytes).last().filter(|s| s.marker == 0xDA)?;
    let mut i = sos.end;
    while i + 1 < bytes.len() {
        if bytes[i] == 0xFF {
            match bytes[i + 1] {
                // Stuffed zero, restart marker, fill byte: still the scan's data.
                0x00 | 0xD0..=0xD7 | 0xFF => {}
                0xD9 => return Some(i),
                _ => return None,
            }
        }
        i += 1;
    }
    None
}

fn short_data(width: u32, height: u32) -> String {
    format!("its data ends before the {width} × {height} pixels its header declares")
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, RgbImage};

    const LIMITS: DecodeLimits = DecodeLimits {
        max_pixels: 50_000_000,
    };

    /// The whole judgement, header and decode, as a bundle gets it.
    fn inspect(bytes: &[u8], limits: DecodeLimits) -> Inspection {
        crate::imaging::examine(bytes, limits).inspection
    }

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
            .unwrap();
        out
    }

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
            .encode_image(&img)
            .unwrap();
        out
    }

    #[test]
    fn a_header_claiming_more_pixels_than_the_data_holds_is_broken() {
        let good = jpeg(480, 640);
        let sof = good.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        for (h, w) in [(7000u16, 7000u16), (1280, 480), (640, 481)] {
            let mut lie = good.clone();
            lie[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
            lie[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
            match inspect(&lie, LIMITS) {
                Inspection::Broken { problem, .. } => {
                    assert!(problem.contains("data ends before"), "{problem}")
                }
                other => panic!("{h}×{w}: {other:?}"),
            }
        }
        // Complete files of every shape still decode, down to one pixel, flat or not.
        for (w, h) in [(1, 1), (8, 8), (9, 17), (8, 200), (200, 8), (480, 640)] {
            for flat in [true, false] {
                let img = RgbImage::from_fn(w, h, |x, y| {
                    image::Rgb(if flat {
                        [200; 3]
                    } else {
                        [x as u8, y as u8, 90]
                    })
                });
                let mut out = Vec::new();
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 10)
                    .encode_image(&img)
                    .unwrap();
                assert!(
                    matches!(inspect(&out, LIMITS), Inspection::Image { .. }),
                    "{w}×{h} flat {flat}"
                );
            }
        }
    }

    #[test]
    fn good_files_decode() {
        assert_eq!(
            inspect(&png(40, 30), LIMITS),
            Inspection::Image {
                kind: FileKind::Png,
                width: 40,
                height: 30
            }
        );
        assert_eq!(
            inspect(&jpeg(64, 48), LIMITS),
            Inspection::Image {
                kind: FileKind::Jpeg,
                width: 64,
                height: 48
            }
        );
    }

    #[test]
    fn truncated_and_garbage_files_are_broken() {
        for bytes in [jpeg(64, 48), png(64, 48)] {
            let cut = &bytes[..bytes.len() / 2];
            assert!(
                matches!(inspect(cut, LIMITS), Inspection::Broken { .. }),
                "{:?}",
                &cut[..4]
            );
        }
        let mut garbage = vec![0xFF, 0xD8, 0xFF];
        garbage.extend(std::iter::repeat_n(0x42, 5000));
        garbage.extend([0xFF, 0xD9]);
        assert!(matches!(
            inspect(&garbage, LIMITS),
            Inspection::Broken { .. }
        ));
        assert!(matches!(
            inspect(b"%PDF-1.4\n1 0 obj", LIMITS),
            Inspection::Broken { .. }
        ));
        // Complete, but with nothing in it to show.
        assert!(matches!(
            inspect(b"%PDF-1.4\n%%EOF\n", LIMITS),
            Inspection::Broken {
                kind: FileKind::Pdf,
                ..
            }
        ));
    }

    #[test]
    fn data_after_the_end_marker_is_not_truncation() {
        // Phones append a video or a depth map after the image ("motion photos").
        let mut motion = jpeg(64, 48);
        motion.extend(std::iter::repeat_n(0x5A, 100_000));
        assert!(matches!(inspect(&motion, LIMITS), Inspection::Image { .. }));
        // An end marker inside the header (a thumbnail's) does not hide a cut-off scan.
        let full = jpeg(64, 48);
        assert!(jpeg_has_end(&full));
        assert!(!jpeg_has_end(&full[..full.len() - 2]));
        assert!(!jpeg_has_end(&[0xFF, 0xD8, 0xFF]));
    }

    #[test]
    fn other_types_are_named_not_decoded() {
        assert_eq!(
            inspect(b"GIF89a....", LIMITS),
            Inspection::Unsupported { detected: "GIF" }
        );
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(
            inspect(heic, LIMITS),
            Inspection::Unsupported {
                detected: "HEIC/HEIF"
            }
        );
        assert_eq!(
            inspect(b"", LIMITS),
            Inspection::Unsupported {
                detected: "unknown"
            }
        );
    }

    #[test]
    fn decompression_bomb_is_refused_from_its_header() {
        // A valid PNG header claiming 60,000 × 60,000 pixels, and nothing behind it.
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&60_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&60_000u32.to_be_bytes());
        // Fix the IHDR CRC so the header itself is well-formed.
        let crc = crc32fast::hash(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.to_be_bytes());
        match inspect(&bomb, LIMITS) {
            Inspection::Broken { problem, .. } => {
                assert!(problem.contains("60000 × 60000"), "{problem}")
            }
            other => panic!("{other:?}"),
        }
    }
}
