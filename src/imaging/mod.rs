//! What the image checks measure on one uploaded file: it is decoded once (a PDF's embedded
//! JPEG in its place), shrunk once to a working copy, measured, and its pixels dropped; the
//! checks then judge the measures against the client's policy. Nothing here knows thresholds.

pub mod blur;
pub mod colour;
pub mod ela;
pub mod exposure;
pub mod glare;
pub mod metadata;
pub mod pdf;
pub mod phash;
pub mod working;

use crate::image_file::{self, DecodeLimits, FileKind, Inspection};
use image::{GrayImage, RgbImage};
use metadata::{Metadata, Tagged};
use phash::ImageHash;
use working::Working;

/// The measures of one image. Regions are in the pixels of the image as shown: upright, and
/// for a PDF, its embedded JPEG.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The file's pixel format: for a PDF, that of its embedded image.
    pub source: FileKind,
    /// The analysed image, upright.
    pub width: u32,
    pub height: u32,
    pub sharpness: blur::Sharpness,
    pub exposure: exposure::Exposure,
    pub colour: colour::Colour,
    /// The largest glare patch, its region in the image's own pixels.
    pub glare: Option<glare::Glare>,
    pub phash: ImageHash,
    /// The 32 × 32 grey thumbnail of the hash, kept to compare liveness frames.
    pub thumbnail: GrayImage,
    pub metadata: Metadata,
}

/// A file judged and, where it holds an image, measured.
#[derive(Debug, Clone)]
pub struct Examined {
    pub inspection: Inspection,
    pub analysis: Option<Box<Analysis>>,
    /// The working copy the measures read, for the face checks that run later on it: the
    /// image is decoded once. Dropped by callers that run no face checks.
    pub face_copy: Option<FaceCopy>,
}

/// An image's upright working copy (at most `working::WORK_SIDE` pixels long), kept for the
/// face checks, which run after the case is stored.
#[derive(Clone)]
pub struct FaceCopy {
    pub rgb: RgbImage,
    /// Original pixels per copy pixel, to give regions in the original's pixels.
    pub scale: f64,
}

impl std::fmt::Debug for FaceCopy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "FaceCopy({}x{} at 1/{:.2})",
            self.rgb.width(),
            self.rgb.height(),
            self.scale
        )
    }
}

/// Judges `bytes`, decodes what is an image (or a PDF's embedded JPEG) under `limits`, and
/// measures it.
pub fn examine(bytes: &[u8], limits: DecodeLimits) -> Examined {
    let inspection = image_file::inspect_header(bytes, limits);
    let decoded = match &inspection {
        Inspection::Image {
            kind,
            width,
            height,
        } => image_file::decode_upright(bytes, *kind, *width, *height)
            .map(|img| Some((img, *kind, metadata::read(bytes, *kind))))
            .map_err(|e| (*kind, format!("does not decode: {e}"))),
        Inspection::Pdf => match pdf::open(bytes, limits) {
            Ok((img, embedded)) => {
                let mut m = metadata::read(&embedded.jpeg, FileKind::Jpeg);
                for (tag, value) in embedded.made_by {
                    m.software.push(Tagged {
                        tag: tag.into(),
                        value,
                    });
                }
                Ok(Some((img, FileKind::Jpeg, m)))
            }
            // A PDF that does not parse, holds no photo, or holds one that does not decode
            // cannot be shown: the reviewer sees nothing of it, so it is unreadable
            // (SUBMISSION.md), whatever a full PDF renderer might make of it.
            Err(e) => Err((FileKind::Pdf, e.to_string())),
        },
        Inspection::Unsupported { .. } | Inspection::Broken { .. } => Ok(None),
    };
    match decoded {
        // The pixels (and their share of the decode budget) are dropped once measured.
        Ok(Some((img, source, metadata))) => {
            let (analysis, work) = analyse(&img.image, source, metadata);
            Examined {
                inspection,
                analysis: Some(Box::new(analysis)),
                face_copy: Some(FaceCopy {
                    rgb: work.rgb,
                    scale: work.scale,
                }),
            }
        }
        Ok(None) => Examined {
            inspection,
            analysis: None,
            face_copy: None,
        },
        Err((kind, problem)) => Examined {
            inspection: Inspection::Broken { kind, problem },
            analysis: None,
            face_copy: None,
        },
    }
}

/// Measures decoded pixels; `metadata` is what the file said about itself. The working copy
/// measured is returned beside the measures.
pub fn analyse(img: &RgbImage, source: FileKind, metadata: Metadata) -> (Analysis, Working) {
    let work = Working::of(img);
    let thumbnail = phash::thumbnail(&work.grey);
    let analysis = Analysis {
        source,
        width: img.width(),
        height: img.height(),
        sharpness: blur::measure(&work.grey),
        exposure: exposure::measure(&work.grey),
        colour: colour::measure(&work.rgb),
        glare: glare::measure(&work.rgb).map(|g| glare::Glare {
            region: work.to_original(g.region),
            ..g
        }),
        phash: phash::of_thumbnail(&thumbnail),
        thumbnail,
        metadata,
    };
    (analysis, work)
}
