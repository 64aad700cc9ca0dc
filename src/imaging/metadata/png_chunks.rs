//! PNG metadata chunks: eXIf (EXIF), and the text chunks tEXt, zTXt and iTXt, where programs
//! write `Software`, `Comment` and `Description`, and Adobe's tools their XMP packet
//! (`XML:com.adobe.xmp`).

use super::{Metadata, exif_tags, xmp};

/// Compressed text is inflated to at most this: a zTXt chunk is a classic zip bomb.
const MAX_INFLATED: usize = 1 << 20;
/// Chunks walked at most; a real PNG has a handful before its image data.
const MAX_CHUNKS: usize = 10_000;

pub(super) fn read(bytes: &[u8], m: &mut Metadata) {
    for (kind, data) in chunks(bytes).take(MAX_CHUNKS) {
        match kind {
            b"eXIf" => exif_tags::read(data, m),
            b"tEXt" | b"zTXt" | b"iTXt" => {
                if let Some((keyword, text)) = text_chunk(kind, data) {
                    match keyword {
                        "XML:com.adobe.xmp" => xmp::read(&text, m),
                        "Software" => m.add_software("PNG Software", &text),
                        "Comment" | "Description" | "Title" => {
                            m.add_comment(format!("PNG {keyword}"), &text)
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// `(type, data)` of each chunk, without checking CRCs (the decoder judged the file).
fn chunks(bytes: &[u8]) -> impl Iterator<Item = (&[u8; 4], &[u8])> {
    let mut pos = 8usize;
    std::iter::from_fn(move || {
        let len = u32::from_be_bytes(bytes.get(pos..pos + 4)?.try_into().ok()?) as usize;
        let kind: &[u8; 4] = bytes.get(pos + 4..pos + 8)?.try_into().ok()?;
        let data = bytes.get(pos + 8..(pos + 8).checked_add(len)?)?;
        pos += 12 + len;
        (kind != b"IEND").then_some((kind, data))
    })
}

/// The keyword and text of a text chunk; None when it is malformed.
fn text_chunk(kind: &[u8; 4], data: &[u8]) -> Option<(&'static str, String)> {
    let nul = data.iter().position(|&b| b == 0)?;
    let keyword = match &data[..nul] {
        b"XML:com.adobe.xmp" => "XML:com.adobe.xmp",
        b"Software" => "Software",
        b"Comment" => "Comment",
        b"Description" => "Description",
        b"Title" => "Title",
        _ => return None,
    };
    let rest = &data[nul + 1..];
    let text = match kind {
        // Latin-1 text.
        b"tEXt" => rest.iter().map(|&b| char::from(b)).collect(),
        b"zTXt" => latin1(&inflate(rest.get(1..)?)?),
        // Compression flag and method, language tag, translated keyword, then UTF-8 text.
        _ => {
            let (&flag, after) = rest.split_first()?;
            let after = after.get(1..)?;
            let lang_end = after.iter().position(|&b| b == 0)?;
            let after = &after[lang_end + 1..];
            let translated_end = after.iter().position(|&b| b == 0)?;
            let body = &after[translated_end + 1..];
            if flag == 1 {
                String::from_utf8_lossy(&inflate(body)?).into_owned()
            } else {
                String::from_utf8_lossy(body).into_owned()
            }
        }
    };
    Some((keyword, text))
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

fn inflate(data: &[u8]) -> Option<Vec<u8>> {
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(data, MAX_INFLATED).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_with(chunks: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        for (kind, data) in chunks {
            out.extend((data.len() as u32).to_be_bytes());
            out.extend(*kind);
            out.extend(data);
            out.extend(crc32fast::hash(&[kind.as_slice(), data].concat()).to_be_bytes());
        }
        out
    }

    fn zlib(text: &[u8]) -> Vec<u8> {
        miniz_oxide::deflate::compress_to_vec_zlib(text, 6)
    }

    #[test]
    fn software_comments_and_xmp_are_read_from_every_text_chunk_kind() {
        let xmp = b"<x:xmpmeta><rdf:Description xmp:CreatorTool='Adobe Photoshop CS5 Windows'/></x:xmpmeta>";
        let png = png_with(&[
            (b"tEXt", b"Software\0Adobe ImageReady".to_vec()),
            (
                b"zTXt",
                [b"Comment\0\0".as_slice(), &zlib(b"Screenshot")].concat(),
            ),
            (
                b"iTXt",
                [b"XML:com.adobe.xmp\0\x01\0\0\0".as_slice(), &zlib(xmp)].concat(),
            ),
            (
                b"iTXt",
                b"Description\0\0\0en\0\0Captured on screen".to_vec(),
            ),
            (b"IEND", vec![]),
            (b"tEXt", b"Software\0after the end".to_vec()),
        ]);
        let mut m = Metadata::default();
        read(&png, &mut m);
        let sw: Vec<&str> = m.software.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(sw, ["Adobe ImageReady", "Adobe Photoshop CS5 Windows"]);
        let comments: Vec<&str> = m.comments.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(comments, ["Screenshot", "Captured on screen"]);
    }

    #[test]
    fn broken_hostile_and_huge_chunks_are_harmless() {
        // A zip bomb: 64 MB of spaces compressed into a comment.
        let bomb = zlib(&vec![b' '; 64 << 20]);
        let png = png_with(&[
            (b"zTXt", [b"Comment\0\0".as_slice(), &bomb].concat()),
            (b"iTXt", b"Comment\0\x01".to_vec()),
            (b"iTXt", b"Comment".to_vec()),
            (b"zTXt", b"Software\0\0not zlib".to_vec()),
        ]);
        let mut m = Metadata::default();
        read(&png, &mut m);
        assert_eq!(m, Metadata::default());
        // A length running past the end, and one that would overflow.
        let mut cut = png_with(&[(b"tEXt", b"Software\0GIMP".to_vec())]);
        cut.truncate(cut.len() - 6);
        read(&cut, &mut m);
        let mut huge_len = b"\x89PNG\r\n\x1a\n".to_vec();
        huge_len.extend([0xFF, 0xFF, 0xFF, 0xFF]);
        huge_len.extend(b"tEXt");
        read(&huge_len, &mut m);
        assert_eq!(m, Metadata::default());
    }
}
