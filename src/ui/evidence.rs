//! Decoding a case's images for display, off the UI thread: textures downscaled to the
//! screen, full resolution on demand, and the file facts and EXIF of each image.

use crate::hints::Slot;
use crate::image_file::FileKind;
use crate::store::{CaseFile, StoreError};
use eframe::egui::{self, ColorImage, TextureHandle, TextureOptions};
use image::{DynamicImage, ImageDecoder, ImageReader};
use std::io::Cursor;
use std::sync::{Arc, Mutex};

/// The long side of display textures: enough for a pane on a 4K screen.
const DISPLAY_SIDE: u32 = 2048;
/// Never decode more pixels than this for display (the import already refused bigger ones).
const MAX_PIXELS: u64 = 100_000_000;

pub struct CaseImages {
    pub panes: Vec<PaneImage>,
}

pub struct PaneImage {
    pub slot: Slot,
    pub name: String,
    /// File facts and EXIF, as label and value.
    pub facts: Vec<(String, String)>,
    pub view: ImageView,
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
    full: Arc<Mutex<FullTexture>>,
    source: Arc<Vec<u8>>,
}

enum FullTexture {
    NotNeeded,
    Absent,
    Loading,
    Ready(TextureHandle),
}

impl Shown {
    /// The best texture for drawing at `pixels_per_image_pixel` screen pixels per image pixel;
    /// asks for the full-resolution one in the background when the display one is too coarse.
    pub fn texture_for(&self, ctx: &egui::Context, pixels_per_image_pixel: f32) -> egui::TextureId {
        let display_scale = self.display.size()[0] as f32 / self.size.x;
        let Ok(mut full) = self.full.lock() else {
            return self.display.id();
        };
        match &*full {
            FullTexture::Ready(t) => return t.id(),
            FullTexture::Absent if pixels_per_image_pixel > display_scale * 1.01 => {
                *full = FullTexture::Loading;
                let (slot, source, ctx) = (
                    Arc::clone(&self.full),
                    Arc::clone(&self.source),
                    ctx.clone(),
                );
                rayon::spawn(move || {
                    let max_side = ctx.input(|i| i.max_texture_side) as u32;
                    let loaded = decode(&source)
                        .map(|img| to_texture(&ctx, "full", &img, max_side))
                        .map_or(FullTexture::NotNeeded, FullTexture::Ready);
                    if let Ok(mut s) = slot.lock() {
                        *s = loaded;
                    }
                    ctx.request_repaint();
                });
            }
            _ => {}
        }
        self.display.id()
    }
}

fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let (w, h) = reader.into_dimensions().map_err(|e| e.to_string())?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!("{w} × {h} pixels is too large to show"));
    }
    let mut decoder = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?
        .into_decoder()
        .map_err(|e| e.to_string())?;
    // Phones store the camera's rotation in EXIF; show the picture upright, as a viewer does.
    let orientation = decoder.orientation().ok();
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    Ok(img)
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

/// A case file with its stored bytes: None when there is no stored copy.
pub type FileBytes = (CaseFile, Option<Result<Vec<u8>, StoreError>>);

/// Decodes every image of a case, in parallel, and uploads display textures.
pub fn decode_case(ctx: &egui::Context, case_id: &str, files: Vec<FileBytes>) -> CaseImages {
    use rayon::prelude::*;
    let panes = files
        .into_par_iter()
        .map(|(file, bytes)| {
            let name = format!("{case_id}/{}", file.slot);
            let (view, bytes) = match bytes {
                None => (
                    ImageView::Unavailable("the file was missing or unreadable at import".into()),
                    None,
                ),
                Some(Err(e)) => (
                    ImageView::Unavailable(format!("the stored copy cannot be read: {e}")),
                    None,
                ),
                Some(Ok(b)) if file.kind == Some(FileKind::Pdf) => (
                    ImageView::Unavailable("PDF upload: open the file facts for details".into()),
                    Some(b),
                ),
                Some(Ok(b)) if file.kind.is_none() => (
                    ImageView::Unavailable("not an image Vigil can show (see the hints)".into()),
                    Some(b),
                ),
                Some(Ok(b)) => match decode(&b) {
                    Ok(img) => {
                        let size = egui::vec2(img.width() as f32, img.height() as f32);
                        let downscaled = img.width().max(img.height()) > DISPLAY_SIDE;
                        let display = to_texture(ctx, &name, &img, DISPLAY_SIDE);
                        let full = if downscaled {
                            FullTexture::Absent
                        } else {
                            FullTexture::NotNeeded
                        };
                        // Keep the bytes only when a full-resolution texture may be asked for.
                        let source = Arc::new(if downscaled { b.clone() } else { Vec::new() });
                        let shown = Shown {
                            size,
                            display,
                            full: Arc::new(Mutex::new(full)),
                            source,
                        };
                        (ImageView::Shown(shown), Some(b))
                    }
                    Err(e) => (
                        ImageView::Unavailable(format!("cannot be decoded: {e}")),
                        Some(b),
                    ),
                },
            };
            PaneImage {
                slot: file.slot,
                name: file.name.clone(),
                facts: facts(&file, bytes.as_deref()),
                view,
            }
        })
        .collect();
    CaseImages { panes }
}
