//! PDF uploads. A phone or a scanner that saves a PDF wraps the photo in it as a JPEG
//! (`/DCTDecode`) image; that JPEG is what the reviewer needs to see and what the image
//! checks measure. Pages drawn from text and vectors are not rendered: that needs a full PDF
//! renderer, and identity documents do not arrive that way.

use crate::image_file::{self, DecodeLimits, Decoded, FileKind, Inspection};
use image::RgbImage;
use lopdf::{Document, LoadOptions, Object};

/// The most a single compressed object or cross-reference stream may inflate to while the
/// file is read: far above any real upload's, far below what would exhaust memory.
const MAX_INFLATED: usize = 64 << 20;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    #[error("the PDF cannot be read: {0}")]
    Unreadable(String),
    #[error("the PDF holds no JPEG image (pages drawn from text or vectors are not shown)")]
    NoImage,
    #[error("the PDF's embedded JPEG {0}")]
    BadImage(String),
}

/// The largest JPEG image in the PDF, and what the document info says made the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbeddedJpeg {
    pub jpeg: Vec<u8>,
    /// `("PDF Creator", value)` and `("PDF Producer", value)` where present.
    pub made_by: Vec<(&'static str, String)>,
}

pub fn embedded_jpeg(bytes: &[u8]) -> Result<EmbeddedJpeg, PdfError> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_INFLATED),
        ..LoadOptions::default()
    };
    // The parser meets hostile files here first; a panic in it must cost this one file
    // its preview, not the import.
    let doc = std::panic::catch_unwind(|| Document::load_mem_with_options(bytes, options))
        .map_err(|_| PdfError::Unreadable("the parser gave up on its structure".into()))?
        .map_err(|e| PdfError::Unreadable(e.to_string()))?;
    let jpeg = doc
        .objects
        .values()
        .filter_map(|o| match o {
            Object::Stream(s) => Some(s),
            _ => None,
        })
        .filter(|s| is_jpeg_image(&s.dict))
        .max_by_key(|s| {
            let side = |k: &[u8]| match s.dict.get(k) {
                Ok(Object::Integer(v)) => (*v).clamp(0, i64::from(u32::MAX)),
                _ => 0,
            };
            side(b"Width") * side(b"Height")
        })
        .map(|s| s.content.clone())
        .ok_or(PdfError::NoImage)?;
    Ok(EmbeddedJpeg {
        jpeg,
        made_by: made_by(&doc),
    })
}

/// An image XObject whose only filter is DCTDecode: its stream is a JPEG file as it is.
fn is_jpeg_image(dict: &lopdf::Dictionary) -> bool {
    let subtype = matches!(dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Image");
    let dct = |o: &Object| matches!(o, Object::Name(n) if n == b"DCTDecode");
    let filter = match dict.get(b"Filter") {
        Ok(Object::Array(a)) => a.len() == 1 && dct(&a[0]),
        Ok(o) => dct(o),
        Err(_) => false,
    };
    subtype && filter
}

fn made_by(doc: &Document) -> Vec<(&'static str, String)> {
    let info = match doc.trailer.get(b"Info") {
        Ok(Object::Reference(id)) => doc.get_object(*id).ok(),
        Ok(o) => Some(o),
        Err(_) => None,
    };
    let Some(Object::Dictionary(info)) = info else {
        return Vec::new();
    };
    [
        (b"Creator".as_slice(), "PDF Creator"),
        (b"Producer".as_slice(), "PDF Producer"),
    ]
    .into_iter()
    .filter_map(|(key, tag)| match info.get(key) {
        Ok(Object::String(s, _)) => Some((tag, text_string(s))),
        _ => None,
    })
    .collect()
}

/// A PDF text string: UTF-16BE after a byte-order mark, else PDFDocEncoding, which agrees
/// with Latin-1 on the characters program names use.
fn text_string(s: &[u8]) -> String {
    let text = match s.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => char::decode_utf16(
            utf16
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]])),
        )
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect(),
        None => s.iter().map(|&b| char::from(b)).collect::<String>(),
    };
    text.chars()
        .take(super::metadata::MAX_VALUE_CHARS)
        .collect()
}

/// What the window shows for a PDF upload: its embedded JPEG, upright, decoded under the same
/// limits as any uploaded image. Hint regions on a PDF are in these pixels.
pub fn display_image(bytes: &[u8], limits: DecodeLimits) -> Result<RgbImage, PdfError> {
    open(bytes, limits).map(|(img, _)| img.image)
}

/// The embedded JPEG, decoded, with what it was found with.
pub(super) fn open(
    bytes: &[u8],
    limits: DecodeLimits,
) -> Result<(Decoded, EmbeddedJpeg), PdfError> {
    let embedded = embedded_jpeg(bytes)?;
    let img = match image_file::inspect_header(&embedded.jpeg, limits) {
        Inspection::Image {
            kind: FileKind::Jpeg,
            width,
            height,
        } => image_file::decode_upright(&embedded.jpeg, FileKind::Jpeg, width, height)
            .map_err(|e| PdfError::BadImage(format!("does not decode: {e}")))?,
        Inspection::Broken { problem, .. } => return Err(PdfError::BadImage(problem)),
        _ => return Err(PdfError::BadImage("is not a JPEG".into())),
    };
    Ok((img, embedded))
}

/// A PDF as a scanner writes one: a page showing `images` (width, height, JPEG bytes), and
/// the document info `info` (e.g. `/Producer (x)`). The tests' and the fuzzing's PDFs.
pub fn write_scan(images: &[(u32, u32, &[u8])], info: &str) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>".to_vec(),
        format!("<< {info} >>").into_bytes(),
    ];
    for (w, h, data) in images {
        let mut o = format!(
            "<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /BitsPerComponent 8 \
             /ColorSpace /DeviceRGB /Filter /DCTDecode /Length {} >>\nstream\n",
            data.len()
        )
        .into_bytes();
        o.extend(*data);
        o.extend(b"\nendstream");
        objects.push(o);
    }
    serialise(&objects, "/Info 4 0 R")
}

/// A PDF of `objects`, numbered from 1 in order (the first the catalog), with the
/// cross-reference table and a trailer carrying `trailer`'s entries too.
pub fn serialise(objects: &[Vec<u8>], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: DecodeLimits = DecodeLimits {
        max_pixels: 50_000_000,
    };

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 77]));
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
            .encode_image(&img)
            .unwrap();
        out
    }

    #[test]
    fn the_largest_embedded_jpeg_is_taken_with_the_files_makers() {
        let (small, large) = (jpeg(40, 30), jpeg(160, 120));
        let bytes = write_scan(
            &[(40, 30, &small), (160, 120, &large)],
            "/Producer (Adobe Photoshop 25.0) /Creator <FEFF00470049004D0050>",
        );
        let e = embedded_jpeg(&bytes).unwrap();
        assert_eq!(e.jpeg, large);
        assert_eq!(
            e.made_by,
            [
                ("PDF Creator", "GIMP".to_owned()),
                ("PDF Producer", "Adobe Photoshop 25.0".to_owned())
            ]
        );
        assert_eq!(
            display_image(&bytes, LIMITS).unwrap().dimensions(),
            (160, 120)
        );
    }

    #[test]
    fn pdfs_without_an_image_or_with_a_broken_one_say_so() {
        assert_eq!(embedded_jpeg(&write_scan(&[], "")), Err(PdfError::NoImage));
        // An image stream that is not a JPEG at all.
        let junk = write_scan(&[(10, 10, b"not a jpeg")], "");
        assert!(matches!(
            display_image(&junk, LIMITS),
            Err(PdfError::BadImage(_))
        ));
        // A JPEG whose header claims 60,000 × 60,000 pixels: refused before decoding.
        let mut bomb = jpeg(16, 16);
        let sof = bomb.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        bomb[sof + 5..sof + 7].copy_from_slice(&60_000u16.to_be_bytes());
        bomb[sof + 7..sof + 9].copy_from_slice(&60_000u16.to_be_bytes());
        match display_image(&write_scan(&[(60_000, 60_000, &bomb)], ""), LIMITS) {
            Err(PdfError::BadImage(problem)) => {
                assert!(problem.contains("60000 × 60000"), "{problem}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn broken_hostile_and_huge_files_are_refused_without_a_panic() {
        let good = write_scan(&[(160, 120, &jpeg(160, 120))], "");
        for bytes in [
            b"".to_vec(),
            b"%PDF-1.5\n%%EOF".to_vec(),
            good[..good.len() / 2].to_vec(),
            good.iter().map(|b| b.wrapping_add(1)).collect(),
            // An object nested ten thousand arrays deep.
            [
                b"%PDF-1.5\n1 0 obj\n".as_slice(),
                &[b'['; 10_000],
                b"\nendobj\n%%EOF",
            ]
            .concat(),
            // A stream claiming a length far beyond the file.
            b"%PDF-1.5\n1 0 obj\n<< /Length 99999999999 >>\nstream\nxx\nendstream\nendobj\n%%EOF"
                .to_vec(),
        ] {
            assert!(
                embedded_jpeg(&bytes).is_err(),
                "{:?}",
                &bytes[..bytes.len().min(40)]
            );
        }
        // Megabytes of junk before a valid document: found or refused, quickly either way.
        let mut padded = b"%PDF-1.5\n".to_vec();
        padded.extend(std::iter::repeat_n(b'x', 8 << 20));
        padded.extend(&good[9..]);
        let _ = embedded_jpeg(&padded);
    }
}
