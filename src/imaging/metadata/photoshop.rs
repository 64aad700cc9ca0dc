//! Photoshop's image resource block (JPEG APP13, `Photoshop 3.0`): a list of `8BIM`
//! resources. Many programs write one only to carry IPTC captions, so the block alone proves
//! nothing; two resources do: version info (0x0421), which names the program that wrote the
//! file, and JPEG save options (0x0406), which only Photoshop's own JPEG export writes.

use super::Metadata;

const VERSION_INFO: u16 = 0x0421;
const JPEG_SAVE_OPTIONS: u16 = 0x0406;
/// Resources read at most: real blocks have a few dozen.
const MAX_RESOURCES: usize = 256;

pub(super) fn read(block: &[u8], m: &mut Metadata) {
    for (id, data) in resources(block).take(MAX_RESOURCES) {
        match id {
            VERSION_INFO => {
                if let Some(writer) = writer_name(data) {
                    m.add_software("APP13 Photoshop version info", &writer);
                }
            }
            JPEG_SAVE_OPTIONS => {
                m.add_software("APP13 Photoshop JPEG save options", "Adobe Photoshop")
            }
            _ => {}
        }
    }
}

/// `(id, data)` of each resource until the block ends or breaks.
fn resources(block: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut pos = 0usize;
    std::iter::from_fn(move || {
        let b = block;
        if b.get(pos..pos + 4)? != b"8BIM" {
            return None;
        }
        let id = u16::from_be_bytes(b.get(pos + 4..pos + 6)?.try_into().ok()?);
        // A Pascal name padded to an even length, then the data size and data, padded too.
        let name_len = usize::from(*b.get(pos + 6)?);
        let size_at = pos + 6 + (1 + name_len).next_multiple_of(2);
        let size = u32::from_be_bytes(b.get(size_at..size_at + 4)?.try_into().ok()?) as usize;
        let data = b.get(size_at + 4..(size_at + 4).checked_add(size)?)?;
        pos = size_at + 4 + size.next_multiple_of(2);
        Some((id, data))
    })
}

/// Version info: a version (4 bytes), a flag (1), then the writer's name as a length-prefixed
/// UTF-16BE string.
fn writer_name(data: &[u8]) -> Option<String> {
    let len = u32::from_be_bytes(data.get(5..9)?.try_into().ok()?) as usize;
    let text = data.get(9..9 + len.checked_mul(2)?)?;
    let units = text
        .chunks_exact(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]));
    let name: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resource(id: u16, data: &[u8]) -> Vec<u8> {
        let mut r = b"8BIM".to_vec();
        r.extend(id.to_be_bytes());
        r.extend([0, 0]); // empty name, padded
        r.extend((data.len() as u32).to_be_bytes());
        r.extend(data);
        if data.len() % 2 == 1 {
            r.push(0);
        }
        r
    }

    fn version_info(writer: &str) -> Vec<u8> {
        let mut d = vec![0, 0, 0, 1, 1];
        let units: Vec<u16> = writer.encode_utf16().collect();
        d.extend((units.len() as u32).to_be_bytes());
        d.extend(units.iter().flat_map(|u| u.to_be_bytes()));
        d
    }

    #[test]
    fn version_info_and_jpeg_options_name_photoshop_and_iptc_alone_does_not() {
        let mut block = resource(0x0404, b"\x1c\x02\x00\x00\x02\x00\x04odd");
        let mut m = Metadata::default();
        read(&block, &mut m);
        assert!(m.software.is_empty());
        block.extend(resource(VERSION_INFO, &version_info("Adobe Photoshop")));
        block.extend(resource(JPEG_SAVE_OPTIONS, &[0, 8, 0, 1, 1, 1]));
        read(&block, &mut m);
        let sw: Vec<&str> = m.software.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(sw, ["Adobe Photoshop", "Adobe Photoshop"]);
        assert_eq!(m.software[0].tag, "APP13 Photoshop version info");
    }

    #[test]
    fn broken_and_hostile_blocks_stop_quietly() {
        let good = resource(VERSION_INFO, &version_info("Adobe Photoshop"));
        // Every cut short of the data's last byte (the final byte is padding).
        assert_eq!(version_info("Adobe Photoshop").len() % 2, 1);
        for cut in 0..good.len() - 1 {
            let mut m = Metadata::default();
            read(&good[..cut], &mut m);
            assert!(m.software.is_empty(), "{cut}");
        }
        // Sizes that overflow, names past the end, a writer name claiming 2^32 characters.
        let mut m = Metadata::default();
        read(b"8BIM\x04\x21\x00\x00\xff\xff\xff\xff", &mut m);
        read(b"8BIM\x04\x21\xff", &mut m);
        read(
            &resource(
                VERSION_INFO,
                &[0, 0, 0, 1, 1, 0xff, 0xff, 0xff, 0xff, 0, 65],
            ),
            &mut m,
        );
        assert!(m.software.is_empty());
        // Thousands of resources: only the first are read.
        let many: Vec<u8> = (0..10_000).flat_map(|_| resource(0x0404, b"ab")).collect();
        assert_eq!(
            resources(&many).take(MAX_RESOURCES + 1).count(),
            MAX_RESOURCES + 1
        );
        read(&many, &mut m);
    }
}
