//! Signs that a file was edited or captured from a screen: `image.edited` when its metadata
//! names image-editing software, `image.screenshot` when it names a screen-capture tool or
//! says "Screenshot", or when it is saved as a screen capture is: a lossless PNG of exactly a
//! screen's size that no camera signed. Size and missing EXIF alone are no evidence: a
//! webcam's 1280 × 720 JPEG has both.

use super::analysed;
use crate::bundle::Bundle;
use crate::hints::{Hint, HintCode, Slot};
use crate::image_file::FileKind;
use crate::imaging::Analysis;
use crate::imaging::metadata::Tagged;
use serde_json::json;

/// Editors, by a fragment of the name they write (lower case) and the name to show. Camera
/// firmware, phone OS versions and transfer tools also write Software; they are not here.
const EDITORS: &[(&str, &str)] = &[
    ("photoshop", "Adobe Photoshop"),
    ("imageready", "Adobe ImageReady"),
    ("lightroom", "Adobe Lightroom"),
    ("gimp", "GIMP"),
    ("snapseed", "Snapseed"),
    ("pixelmator", "Pixelmator"),
    ("affinity", "Affinity Photo"),
    ("paint.net", "Paint.NET"),
    ("canva", "Canva"),
    ("picsart", "PicsArt"),
    ("facetune", "Facetune"),
    ("photopea", "Photopea"),
    ("luminar", "Luminar"),
    ("paintshop", "PaintShop Pro"),
    ("paint shop pro", "PaintShop Pro"),
    ("krita", "Krita"),
    ("darktable", "darktable"),
    ("rawtherapee", "RawTherapee"),
    ("capture one", "Capture One"),
    ("photoscape", "PhotoScape"),
    ("fotor", "Fotor"),
    ("befunky", "BeFunky"),
    ("airbrush", "AirBrush"),
    ("meitu", "Meitu"),
    ("picasa", "Picasa"),
    ("acdsee", "ACDSee"),
    ("corel", "Corel"),
    ("inkscape", "Inkscape"),
];

/// What screen-capture tools and systems write, in a Software value or a comment.
const SCREEN_CAPTURE: &[&str] = &[
    "screenshot",
    "screen shot",
    "screen capture",
    "snipping tool",
    "snip & sketch",
    "sharex",
    "greenshot",
    "lightshot",
];

/// Screen sizes, landscape (portrait is matched too): monitors, laptops, phones and tablets.
/// 4:3 sizes such as 1024 × 768 and 2048 × 1536 are left out: cameras save those too.
const SCREENS: &[(u32, u32)] = &[
    (1280, 720),
    (1280, 800),
    (1366, 768),
    (1440, 900),
    (1536, 864),
    (1600, 900),
    (1680, 1050),
    (1920, 1080),
    (1920, 1200),
    (2048, 1152),
    (2560, 1080),
    (2560, 1440),
    (2560, 1600),
    (2880, 1800),
    (3024, 1964),
    (3072, 1920),
    (3440, 1440),
    (3456, 2234),
    (3840, 2160),
    (5120, 2880),
    (1334, 750),
    (1792, 828),
    (2340, 1080),
    (2400, 1080),
    (2436, 1125),
    (2532, 1170),
    (2556, 1179),
    (2208, 1242),
    (2688, 1242),
    (2778, 1284),
    (2796, 1290),
    (3040, 1440),
    (3200, 1440),
    (1600, 720),
    (2220, 1080),
    (2960, 1440),
    (2160, 1620),
    (2360, 1640),
    (2388, 1668),
    (2732, 2048),
];

pub(super) fn hints(bundle: &Bundle, out: &mut Vec<Hint>) {
    for (slot, a) in analysed(bundle) {
        edited(slot, a, out);
        screenshot(slot, a, out);
    }
}

fn editor_of(value: &str) -> Option<&'static str> {
    let lower = value.to_lowercase();
    EDITORS
        .iter()
        .find(|(fragment, _)| lower.contains(fragment))
        .map(|(_, name)| *name)
}

fn tag_json(t: &Tagged) -> serde_json::Value {
    json!({"tag": t.tag, "value": t.value})
}

fn edited(slot: Slot, a: &Analysis, out: &mut Vec<Hint>) {
    let found: Vec<(&Tagged, &str)> = a
        .metadata
        .software
        .iter()
        .filter_map(|t| Some((t, editor_of(&t.value)?)))
        .collect();
    let Some((first, editor)) = found.first() else {
        return;
    };
    out.push(Hint::new(
        HintCode::ImageEdited,
        Some(slot),
        format!(
            "The {slot} image was saved by {editor} ({}: \"{}\")",
            first.tag, first.value
        ),
        json!({
            "tag": first.tag,
            "value": first.value,
            "editor": editor,
            "found": found.iter().map(|(t, _)| tag_json(t)).collect::<Vec<_>>(),
        }),
    ));
}

fn screenshot(slot: Slot, a: &Analysis, out: &mut Vec<Hint>) {
    let m = &a.metadata;
    let said = m.software.iter().chain(&m.comments).find(|t| {
        let lower = t.value.to_lowercase();
        SCREEN_CAPTURE.iter().any(|s| lower.contains(s))
    });
    let (w, h) = (a.width.max(a.height), a.width.min(a.height));
    let screen_sized = m.camera.is_none() && a.source == FileKind::Png && SCREENS.contains(&(w, h));
    let evidence = match (said, screen_sized) {
        (Some(t), _) => {
            json!({"tag": t.tag, "value": t.value, "width": a.width, "height": a.height})
        }
        (None, true) => {
            json!({"camera": null, "format": "png", "width": a.width, "height": a.height, "screen_size": true})
        }
        (None, false) => return,
    };
    let message = match said {
        Some(t) => format!(
            "The {slot} image is a screen capture ({}: \"{}\")",
            t.tag, t.value
        ),
        None => format!(
            "The {slot} image is a PNG of {} × {} pixels, a screen size, and no camera is named in its metadata",
            a.width, a.height
        ),
    };
    out.push(Hint::new(
        HintCode::ImageScreenshot,
        Some(slot),
        message,
        evidence,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_screen_size_alone_is_no_screenshot_but_a_screen_sized_png_or_a_capture_tool_is() {
        use crate::imaging::{analyse, metadata::Metadata};
        let picture = image::RgbImage::from_fn(1280, 720, |x, y| {
            image::Rgb([(x % 251) as u8, (y % 241) as u8, 90])
        });
        let codes = |source: FileKind, metadata: Metadata| {
            let mut out = Vec::new();
            screenshot(
                Slot::Selfie,
                &analyse(&picture, source, metadata).0,
                &mut out,
            );
            out.into_iter().map(|h| h.code).collect::<Vec<_>>()
        };
        // A webcam's selfie: 1280 × 720, a JPEG without EXIF.
        assert!(codes(FileKind::Jpeg, Metadata::default()).is_empty());
        assert_eq!(
            codes(FileKind::Png, Metadata::default()),
            [HintCode::ImageScreenshot]
        );
        let camera = Metadata {
            camera: Some("Logitech C920".into()),
            ..Metadata::default()
        };
        assert!(codes(FileKind::Png, camera).is_empty());
        let said = Metadata {
            comments: vec![Tagged {
                tag: "XMP exif:UserComment".into(),
                value: "Screenshot".into(),
            }],
            ..Metadata::default()
        };
        assert_eq!(codes(FileKind::Jpeg, said), [HintCode::ImageScreenshot]);
    }

    #[test]
    fn editors_are_recognised_and_cameras_are_not() {
        for (value, editor) in [
            ("Adobe Photoshop CC 2017 (Macintosh)", "Adobe Photoshop"),
            ("GIMP 2.4.5", "GIMP"),
            ("Paint.NET v3.5.10", "Paint.NET"),
            ("Adobe Photoshop Lightroom Classic 12.0", "Adobe Photoshop"),
            ("Snapseed 2.19", "Snapseed"),
            ("Canva", "Canva"),
        ] {
            assert_eq!(editor_of(value), Some(editor), "{value}");
        }
        for camera in [
            "Nikon Transfer 1.1 W",
            "14.4.2",
            "G998BXXU4BUE1",
            "HDR+ 1.0.345",
            "Ver.1.00",
        ] {
            assert_eq!(editor_of(camera), None, "{camera}");
        }
    }
}
