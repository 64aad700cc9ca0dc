//! Decoding a case's images for display, off the UI thread: textures downscaled to the
//! screen, full resolution and error levels on demand, the file facts and EXIF of each
//! image, and the document portrait and selfie face cut out for comparison.

use crate::faces;
use crate::hints::Slot;
use crate::image_file::{self, DecodeLimits, FileKind};
use crate::imaging::ela;
use crate::policy::ClientPolicy;
use crate::store::{CaseFile, StoreError};
use eframe::egui::{self, ColorImage, TextureHandle, TextureOptions};
use image::{DynamicImage, RgbImage};
use std::io::Cursor;
use std::sync::{Arc, Mutex};

/// The long side of display textures: enough for a pane on a 4K screen.
const DISPLAY_SIDE: u32 = 2048;
/// Never decode more pixels than this for display (the import already refused bigger ones).
const MAX_PIXELS: u64 = 100_000_000;

/// The side of the face cut-outs in the compare view, in pixels.
const FACE_SIDE: u32 = 320;

pub struct CaseImages {
    pub panes: Vec<PaneImage>,
    pub faces: FaceCompare,
}

impl CaseImages {
    /// The bytes of the textures uploaded for the case (RGBA), as the prefetch budget counts.
    pub fn texture_bytes(&self) -> usize {
        let bytes = |t: &TextureHandle| t.size().iter().product::<usize>() * 4;
        let panes: usize = self
            .panes
            .iter()
            .filter_map(|p| match &p.view {
                ImageView::Shown(s) => Some(bytes(&s.display)),
                ImageView::Unavailable(_) => None,
            })
            .sum();
        let faces = match &self.faces {
            FaceCompare::Shown {
                portrait, selfie, ..
            } => bytes(portrait) + bytes(selfie),
            _ => 0,
        };
        panes + faces
    }
}

/// The document portrait beside the selfie face, both aligned on the eyes and cut to one size,
/// as `face.mismatch` judges them.
pub enum FaceCompare {
    /// Face checks are off: why.
    Off(String),
    /// No face (above the policy's confidence) in these images.
    NotFound(Vec<Slot>),
    Shown {
        portrait: TextureHandle,
        selfie: TextureHandle,
        /// Between the two faces' descriptors; None when the network failed on one.
        distance: Option<f32>,
        /// The policy's `face_max_distance`.
        limit: f64,
    },
}

pub struct PaneImage {
    pub slot: Slot,
    pub name: String,
    /// Another applicant's case this image comes from, shown beside the one it matches.
    pub from_case: Option<String>,
    /// File facts and EXIF, as label and value.
    pub facts: Vec<(String, String)>,
    pub view: ImageView,
}

impl PaneImage {
    /// The image's own size, when there is one to draw.
    pub fn shown_size(&self) -> Option<egui::Vec2> {
        match &self.view {
            ImageView::Shown(s) => Some(s.size),
            ImageView::Unavailable(_) => None,
        }
    }
}

pub enum ImageView {
    Shown(Shown),
    /// Nothing to draw, and why (missing, unsupported, undecodable, a PDF).
    Unavailable(String),
}

pub struct Shown {
    /// The image's own size, after EXIF orientation, in pixels.
    pub size: egui::Vec2,
    /// A texture no larger than the screen needs.
    pub display: TextureHandle,
    /// The full-resolution texture, made on demand when a reviewer zooms past the display one.
    full: Arc<Mutex<Lazy>>,
    /// The Error Level Analysis of a JPEG, made on demand when the reviewer turns it on.
    error_levels: Arc<Mutex<Lazy>>,
    /// The file's bytes, when a texture may still be made from them.
    source: Arc<Vec<u8>>,
}

/// A texture made in the background the first time it is wanted.
enum Lazy {
    /// Never made for this image (it would show nothing more).
    NotNeeded,
    Absent,
    Loading,
    Ready(TextureHandle),
}

impl Lazy {
    /// The texture when ready; otherwise starts `make` on the pool (once) and returns None.
    fn get_or_start(
        slot: &Arc<Mutex<Lazy>>,
        ctx: &egui::Context,
        make: impl FnOnce(&egui::Context) -> Option<TextureHandle> + Send + 'static,
    ) -> Option<egui::TextureId> {
        let mut state = slot.lock().ok()?;
        match &*state {
            Lazy::Ready(t) => Some(t.id()),
            Lazy::Absent => {
                *state = Lazy::Loading;
                let (slot, ctx) = (Arc::clone(slot), ctx.clone());
                rayon::spawn(move || {
                    let made = make(&ctx).map_or(Lazy::NotNeeded, Lazy::Ready);
                    if let Ok(mut s) = slot.lock() {
                        *s = made;
                    }
                    ctx.request_repaint();
                });
                None
            }
            Lazy::NotNeeded | Lazy::Loading => None,
        }
    }
}

impl Shown {
    /// The best texture for drawing at `pixels_per_image_pixel` screen pixels per image pixel;
    /// asks for the full-resolution one in the background when the display one is too coarse.
    pub fn texture_for(&self, ctx: &egui::Context, pixels_per_image_pixel: f32) -> egui::TextureId {
        let display_scale = self.display.size()[0] as f32 / self.size.x;
        if pixels_per_image_pixel <= display_scale * 1.01
            && matches!(self.full.lock().as_deref(), Ok(Lazy::Absent))
        {
            return self.display.id();
        }
        let source = Arc::clone(&self.source);
        Lazy::get_or_start(&self.full, ctx, move |ctx| {
            let max_side = ctx.input(|i| i.max_texture_side) as u32;
            let img = decode(&source).ok()?;
            Some(to_texture(ctx, "full", &img, max_side))
        })
        .unwrap_or(self.display.id())
    }

    /// The Error Level Analysis texture (an aid for the reviewer, not a hint): None while it
    /// is being made or when the image is not a JPEG.
    pub fn error_levels(&self, ctx: &egui::Context) -> Option<egui::TextureId> {
        let source = Arc::clone(&self.source);
        Lazy::get_or_start(&self.error_levels, ctx, move |ctx| {
            let img = decode(&source).ok()?.to_rgb8();
            let levels = ela::error_levels(&img, ela::QUALITY, ela::AMPLIFY).ok()?;
            Some(to_texture(
                ctx,
                "error levels",
                &DynamicImage::ImageRgb8(levels),
                DISPLAY_SIDE,
            ))
        })
    }
}

/// Decodes stored image bytes upright, as the checks did, under the process's decode budget.
fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    let limits = DecodeLimits {
        max_pixels: MAX_PIXELS,
    };
    image_file::decode_image(bytes, limits).map(DynamicImage::ImageRgb8)
}

fn to_texture(ctx: &egui::Context, name: &str, img: &DynamicImage, max_side: u32) -> TextureHandle {
    let img = if img.width().max(img.height()) > max_side {
        img.resize(max_side, max_side, image::imageops::FilterType::Triangle)
    } else {
        img.clone()
    };
    let rgba = img.to_rgba8();
    let color = ColorImage::from_rgba_unmultiplied(
        [rgba.width() as usize, rgba.height() as usize],
        rgba.as_raw(),
    );
    ctx.load_texture(name, color, TextureOptions::LINEAR)
}

fn facts(file: &CaseFile, bytes: Option<&[u8]>) -> Vec<(String, String)> {
    let mut f = vec![("File".to_owned(), file.name.clone())];
    if let Some(k) = file.kind {
        f.push(("Type".into(), k.code().to_uppercase()));
    }
    if let Some(n) = file.size {
        f.push((
            "Size".into(),
            format!("{:.1} KB ({n} bytes)", n as f64 / 1024.0),
        ));
    }
    if let (Some(w), Some(h)) = (file.width, file.height) {
        f.push(("Dimensions".into(), format!("{w} × {h} px")));
    }
    if let Some(s) = &file.sha256 {
        f.push(("SHA-256".into(), s.clone()));
    }
    if let Some(bytes) = bytes
        && let Ok(exif) = exif::Reader::new().read_from_container(&mut Cursor::new(bytes))
    {
        for field in exif
            .fields()
            .filter(|fl| fl.ifd_num == exif::In::PRIMARY)
            .take(60)
        {
            let value = field.display_value().with_unit(&exif).to_string();
            f.push((
                format!("EXIF {}", field.tag),
                value.chars().take(200).collect(),
            ));
        }
    }
    f
}

/// A case file with its stored bytes (None when there is no stored copy), and the other
/// case it belongs to when it is not the open case's own.
pub type FileBytes = (
    (CaseFile, Option<Result<Vec<u8>, StoreError>>),
    Option<String>,
);

/// Decodes every image of a case, in parallel, uploads display textures, and cuts out the
/// faces to compare under `policy`. A `purged` case's images say they were purged.
pub fn decode_case(
    ctx: &egui::Context,
    case_id: &str,
    files: Vec<FileBytes>,
    policy: &ClientPolicy,
    purged: bool,
) -> CaseImages {
    use rayon::prelude::*;
    let limits = DecodeLimits {
        max_pixels: policy.max_image_pixels,
    };
    let decoded: Vec<(PaneImage, Option<RgbImage>)> = files
        .into_par_iter()
        .map(|((file, bytes), from_case)| {
            let name = format!("{}/{}", from_case.as_deref().unwrap_or(case_id), file.slot);
            let (view, bytes, picture) = match bytes {
                None if purged && from_case.is_none() => (
                    ImageView::Unavailable("purged under the retention policy".into()),
                    None,
                    None,
                ),
                None => (
                    ImageView::Unavailable("the file was missing or unreadable at import".into()),
                    None,
                    None,
                ),
                Some(Err(e)) => (
                    ImageView::Unavailable(format!("the stored copy cannot be read: {e}")),
                    None,
                    None,
                ),
                Some(Ok(b)) => match decode_file(file.kind, &b, limits) {
                    Ok(img) => {
                        // The faces are compared on the images the checks judged them on.
                        let picture = (from_case.is_none()
                            && matches!(file.slot, Slot::Selfie | Slot::DocumentFront))
                        .then(|| img.to_rgb8());
                        let view = ImageView::Shown(shown(ctx, &name, &img, file.kind, &b));
                        (view, Some(b), picture)
                    }
                    Err(why) => (ImageView::Unavailable(why), Some(b), None),
                },
            };
            let pane = PaneImage {
                slot: file.slot,
                name: file.name.clone(),
                from_case,
                facts: facts(&file, bytes.as_deref()),
                view,
            };
            (pane, picture)
        })
        .collect();
    let picture = |slot: Slot| {
        decoded
            .iter()
            .find(|(p, _)| p.slot == slot && p.from_case.is_none())
            .and_then(|(_, img)| img.as_ref())
    };
    let faces = compare_faces(
        ctx,
        case_id,
        picture(Slot::DocumentFront),
        picture(Slot::Selfie),
        policy,
    );
    CaseImages {
        panes: decoded.into_iter().map(|(p, _)| p).collect(),
        faces,
    }
}

/// The pixels to show of a stored file: an image, or the photo inside a PDF.
fn decode_file(
    kind: Option<FileKind>,
    bytes: &[u8],
    limits: DecodeLimits,
) -> Result<DynamicImage, String> {
    image_file::decode_for_display(kind, bytes, limits).map(DynamicImage::ImageRgb8)
}

/// The display texture of `img`, with the bytes kept for the textures made on demand.
fn shown(
    ctx: &egui::Context,
    name: &str,
    img: &DynamicImage,
    kind: Option<FileKind>,
    bytes: &[u8],
) -> Shown {
    let downscaled = img.width().max(img.height()) > DISPLAY_SIDE;
    let jpeg = kind == Some(FileKind::Jpeg);
    let lazy = |wanted: bool| {
        Arc::new(Mutex::new(if wanted {
            Lazy::Absent
        } else {
            Lazy::NotNeeded
        }))
    };
    Shown {
        size: egui::vec2(img.width() as f32, img.height() as f32),
        display: to_texture(ctx, name, img, DISPLAY_SIDE),
        full: lazy(downscaled && kind != Some(FileKind::Pdf)),
        error_levels: lazy(jpeg),
        source: Arc::new(if downscaled || jpeg {
            bytes.to_vec()
        } else {
            Vec::new()
        }),
    }
}

/// Finds the main face in the document front and the selfie (in parallel) and cuts both out.
fn compare_faces(
    ctx: &egui::Context,
    case_id: &str,
    front: Option<&RgbImage>,
    selfie: Option<&RgbImage>,
    policy: &ClientPolicy,
) -> FaceCompare {
    let models = match faces::availability() {
        Ok(m) => m,
        Err(e) => return FaceCompare::Off(e.to_string()),
    };
    let cut = |img: Option<&RgbImage>| {
        let img = img?;
        let face = models.main_face(img, policy.face_min_confidence).ok()??;
        Some((
            faces::aligned(img, &face, FACE_SIDE),
            models.descriptor(img, &face).ok(),
        ))
    };
    let (portrait, own) = rayon::join(|| cut(front), || cut(selfie));
    match (portrait, own) {
        (Some((p, pd)), Some((s, sd))) => FaceCompare::Shown {
            portrait: to_texture(
                ctx,
                &format!("{case_id}/portrait face"),
                &DynamicImage::ImageRgb8(p),
                FACE_SIDE,
            ),
            selfie: to_texture(
                ctx,
                &format!("{case_id}/selfie face"),
                &DynamicImage::ImageRgb8(s),
                FACE_SIDE,
            ),
            distance: pd.zip(sd).map(|(a, b)| faces::distance(&a, &b)),
            limit: policy.face_max_distance,
        },
        (p, s) => FaceCompare::NotFound(
            [
                (Slot::DocumentFront, p.is_none()),
                (Slot::Selfie, s.is_none()),
            ]
            .into_iter()
            .filter_map(|(slot, missing)| missing.then_some(slot))
            .collect(),
        ),
    }
}
