//! The EXIF tags that tell who made a file: Make and Model (the camera), Software and
//! ProcessingSoftware (the programs), UserComment and ImageDescription (free text, where
//! macOS writes "Screenshot").

use super::Metadata;
use exif::{Context, Field, In, Tag, Value};

/// TIFF tag 0x000B, ProcessingSoftware (TIFF/EP), which kamadak-exif does not name.
const PROCESSING_SOFTWARE: Tag = Tag(Context::Tiff, 0x000B);

/// Reads a TIFF structure (what follows `Exif\0\0` in a JPEG, or a PNG eXIf chunk).
pub(super) fn read(tiff: &[u8], m: &mut Metadata) {
    let Ok(exif) = exif::Reader::new().read_raw(tiff.to_vec()) else {
        return;
    };
    let text = |tag: Tag| exif.get_field(tag, In::PRIMARY).and_then(ascii);
    let camera: Vec<String> = [Tag::Make, Tag::Model]
        .into_iter()
        .filter_map(text)
        .collect();
    if !camera.is_empty() {
        m.camera = Some(camera.join(" "));
    }
    for (tag, name) in [
        (Tag::Software, "EXIF Software"),
        (PROCESSING_SOFTWARE, "EXIF ProcessingSoftware"),
    ] {
        if let Some(v) = text(tag) {
            m.add_software(name, &v);
        }
    }
    if let Some(v) = text(Tag::ImageDescription) {
        m.add_comment("EXIF ImageDescription", &v);
    }
    if let Some(v) = exif
        .get_field(Tag::UserComment, In::PRIMARY)
        .and_then(user_comment)
    {
        m.add_comment("EXIF UserComment", &v);
    }
}

fn ascii(f: &Field) -> Option<String> {
    match &f.value {
        Value::Ascii(parts) => {
            let s = parts
                .iter()
                .map(|p| String::from_utf8_lossy(p).trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            (!s.is_empty()).then_some(s)
        }
        _ => None,
    }
}

/// UserComment: an 8-byte character code, then the text.
fn user_comment(f: &Field) -> Option<String> {
    let Value::Undefined(bytes, _) = &f.value else {
        return None;
    };
    let (code, text) = (bytes.get(..8)?, bytes.get(8..)?);
    Some(match code {
        b"UNICODE\0" => {
            let units = text
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]));
            char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }
        _ => String::from_utf8_lossy(text).into_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use exif::experimental::Writer;

    fn tiff(fields: &[Field]) -> Vec<u8> {
        let mut w = Writer::new();
        for f in fields {
            w.push_field(f);
        }
        let mut buf = std::io::Cursor::new(Vec::new());
        w.write(&mut buf, false).unwrap();
        buf.into_inner()
    }

    fn field(tag: Tag, value: Value) -> Field {
        Field {
            tag,
            ifd_num: In::PRIMARY,
            value,
        }
    }

    #[test]
    fn camera_software_and_comments_are_read() {
        let ascii = |s: &str| Value::Ascii(vec![s.as_bytes().to_vec()]);
        let t = tiff(&[
            field(Tag::Make, ascii("Apple")),
            field(Tag::Model, ascii("iPhone 14")),
            field(Tag::Software, ascii("Adobe Photoshop 25.1 (Windows)")),
            field(PROCESSING_SOFTWARE, ascii("Snapseed 2.0")),
            field(
                Tag::UserComment,
                Value::Undefined(b"ASCII\0\0\0Screenshot".to_vec(), 0),
            ),
        ]);
        let mut m = Metadata::default();
        read(&t, &mut m);
        assert_eq!(m.camera.as_deref(), Some("Apple iPhone 14"));
        let sw: Vec<(&str, &str)> = m
            .software
            .iter()
            .map(|t| (t.tag.as_str(), t.value.as_str()))
            .collect();
        assert_eq!(
            sw,
            [
                ("EXIF Software", "Adobe Photoshop 25.1 (Windows)"),
                ("EXIF ProcessingSoftware", "Snapseed 2.0")
            ]
        );
        assert_eq!(m.comments[0].value, "Screenshot");
    }

    #[test]
    fn broken_tiff_is_ignored() {
        let good = tiff(&[field(Tag::Software, Value::Ascii(vec![b"GIMP".to_vec()]))]);
        for cut in [0, 4, 8, good.len() / 2] {
            let mut m = Metadata::default();
            read(&good[..cut], &mut m);
            assert!(m.software.is_empty() || cut == good.len(), "{cut}");
        }
        let mut m = Metadata::default();
        read(&[0u8; 100_000], &mut m);
        assert_eq!(m, Metadata::default());
    }
}
