//! What a file's metadata says about how it was made: the camera (EXIF Make and Model), the
//! programs that wrote it (EXIF Software and ProcessingSoftware, XMP CreatorTool and the
//! software agents of xmpMM:History, Photoshop's APP13 resources, PNG text, a PDF's
//! Creator and Producer) and free-text comments. Every parser here reads hostile bytes: it
//! stays inside the buffer, bounds what it collects, and gives up quietly on a broken block.

mod exif_tags;
mod photoshop;
mod png_chunks;
mod xmp;

use crate::image_file::{FileKind, jpeg_segments};
use serde::Serialize;

/// Longest value kept; longer ones are cut (a name or comment is a line, not a book).
pub const MAX_VALUE_CHARS: usize = 200;
/// Most values kept per kind, whatever a file repeats.
const MAX_VALUES: usize = 32;

/// One value and the tag it came from, as the evidence shows it: `EXIF Software`,
/// `XMP xmp:CreatorTool`…
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tagged {
    pub tag: String,
    pub value: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// EXIF Make and Model, as a camera or phone writes them.
    pub camera: Option<String>,
    /// Programs named as having written or processed the file.
    pub software: Vec<Tagged>,
    /// Descriptions and comments (EXIF UserComment, XMP description, PNG Comment…).
    pub comments: Vec<Tagged>,
}

impl Metadata {
    fn add_software(&mut self, tag: impl Into<String>, value: &str) {
        push(&mut self.software, tag.into(), value);
    }

    fn add_comment(&mut self, tag: impl Into<String>, value: &str) {
        push(&mut self.comments, tag.into(), value);
    }
}

fn push(list: &mut Vec<Tagged>, tag: String, value: &str) {
    let value: String = value
        .trim_matches(|c: char| c.is_whitespace() || c == '\0')
        .chars()
        .take(MAX_VALUE_CHARS)
        .collect();
    if value.is_empty()
        || list.len() >= MAX_VALUES
        || list.iter().any(|t| t.tag == tag && t.value == value)
    {
        return;
    }
    list.push(Tagged { tag, value });
}

/// Reads the metadata of a JPEG or PNG file; other kinds have none here.
pub fn read(bytes: &[u8], kind: FileKind) -> Metadata {
    let mut m = Metadata::default();
    match kind {
        FileKind::Jpeg => read_jpeg(bytes, &mut m),
        FileKind::Png => png_chunks::read(bytes, &mut m),
        FileKind::Pdf => {}
    }
    m
}

const EXIF_HEADER: &[u8] = b"Exif\0\0";
const XMP_HEADER: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const PHOTOSHOP_HEADER: &[u8] = b"Photoshop 3.0\0";

fn read_jpeg(bytes: &[u8], m: &mut Metadata) {
    for s in jpeg_segments(bytes) {
        match s.marker {
            0xE1 => {
                if let Some(tiff) = s.payload.strip_prefix(EXIF_HEADER) {
                    exif_tags::read(tiff, m);
                } else if let Some(packet) = s.payload.strip_prefix(XMP_HEADER) {
                    xmp::read(&String::from_utf8_lossy(packet), m);
                }
            }
            0xED => {
                if let Some(resources) = s.payload.strip_prefix(PHOTOSHOP_HEADER) {
                    photoshop::read(resources, m);
                }
            }
            0xFE => m.add_comment("JPEG comment", &String::from_utf8_lossy(s.payload)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG header with the given segments and no image data.
    pub(super) fn jpeg_with(segments: &[(u8, &[u8])]) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8];
        for (marker, payload) in segments {
            out.extend([0xFF, *marker]);
            out.extend(((payload.len() + 2) as u16).to_be_bytes());
            out.extend(*payload);
        }
        out.extend([0xFF, 0xD9]);
        out
    }

    #[test]
    fn values_are_trimmed_bounded_and_deduplicated() {
        let mut m = Metadata::default();
        m.add_software("EXIF Software", "  GIMP 2.10\0\0");
        m.add_software("EXIF Software", "GIMP 2.10");
        m.add_software("EXIF Software", "   ");
        m.add_comment("JPEG comment", &"x".repeat(10_000));
        assert_eq!(
            m.software,
            [Tagged {
                tag: "EXIF Software".into(),
                value: "GIMP 2.10".into()
            }]
        );
        assert_eq!(m.comments[0].value.len(), MAX_VALUE_CHARS);
        for i in 0..100 {
            m.add_comment("JPEG comment", &i.to_string());
        }
        assert_eq!(m.comments.len(), MAX_VALUES);
    }

    #[test]
    fn broken_and_hostile_jpeg_headers_read_as_nothing() {
        let cases: Vec<Vec<u8>> = vec![
            vec![],
            vec![0xFF, 0xD8],
            // A segment whose length runs past the end of the file.
            vec![0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, b'E', b'x'],
            // A length shorter than its own field.
            vec![0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x01],
            jpeg_with(&[(0xE1, b"Exif\0\0garbage that is not TIFF")]),
            jpeg_with(&[(0xE1, b"Exif\0\0II*\0\xff\xff\xff\x7f")]),
            jpeg_with(&[(0xED, b"Photoshop 3.0\08BIM\x04\x21\xff\xff\xff\xff\xff\xff")]),
        ];
        for bytes in cases {
            assert_eq!(
                read(&bytes, FileKind::Jpeg),
                Metadata::default(),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn jpeg_comment_and_xmp_segments_are_read() {
        let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description xmp:CreatorTool=\"Pixelmator Pro 3.5\"/></x:xmpmeta>";
        let m = read(
            &jpeg_with(&[(0xFE, b"Screenshot"), (0xE1, xmp)]),
            FileKind::Jpeg,
        );
        assert_eq!(m.comments[0].value, "Screenshot");
        assert_eq!(m.software[0].tag, "XMP xmp:CreatorTool");
        assert_eq!(m.software[0].value, "Pixelmator Pro 3.5");
    }

    #[test]
    fn a_huge_header_is_read_in_bounded_time_and_memory() {
        // 500 XMP segments of 60 KB each, every one naming the editor: 30 MB of metadata.
        let mut packet = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
        packet.extend(b"<x><r xmp:CreatorTool='GIMP'/>");
        packet.resize(60_000, b' ');
        let segments: Vec<(u8, &[u8])> = (0..500).map(|_| (0xE1, packet.as_slice())).collect();
        let m = read(&jpeg_with(&segments), FileKind::Jpeg);
        assert_eq!(m.software.len(), 1);
    }
}
