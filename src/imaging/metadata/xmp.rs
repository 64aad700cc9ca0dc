//! XMP packets: the properties that name programs (xmp:CreatorTool, and the
//! stEvt:softwareAgent of each xmpMM:History event, which keeps every editor that saved the
//! file even when the last one wrote no CreatorTool) and descriptions. XMP is RDF/XML in any
//! of its serialisations; the properties are read both as attributes and as elements,
//! without a full XML parser, and the text is bounded.

use super::Metadata;

/// XMP read per packet: real packets are a few kilobytes, extended XMP at most 64 KB per
/// segment; what lies beyond is not metadata anyone reads.
const MAX_PACKET: usize = 256 * 1024;

/// Properties naming programs, and how the evidence names them.
const SOFTWARE: &[(&str, &str)] = &[
    ("xmp:CreatorTool", "XMP xmp:CreatorTool"),
    ("stEvt:softwareAgent", "XMP xmpMM:History softwareAgent"),
];
const COMMENTS: &[(&str, &str)] = &[
    ("dc:description", "XMP dc:description"),
    ("exif:UserComment", "XMP exif:UserComment"),
];

pub(super) fn read(packet: &str, m: &mut Metadata) {
    let mut end = packet.len().min(MAX_PACKET);
    while !packet.is_char_boundary(end) {
        end -= 1;
    }
    let packet = &packet[..end];
    for (name, tag) in SOFTWARE {
        for v in values(packet, name) {
            m.add_software(*tag, &v);
        }
    }
    for (name, tag) in COMMENTS {
        for v in values(packet, name) {
            m.add_comment(*tag, &v);
        }
    }
}

/// Every value of property `name`: `name="v"`, `name='v'` or `<name>v</name>` (tags inside
/// the element, such as an rdf:Alt's, are dropped).
fn values(xml: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(at) = rest.find(name) {
        let after = &rest[at + name.len()..];
        rest = after;
        let preceded_by_open = xml.len() - after.len() - name.len() > 0
            && xml.as_bytes()[xml.len() - after.len() - name.len() - 1] == b'<';
        if preceded_by_open {
            // An element: its text up to the closing tag.
            let Some(body) = after.strip_prefix('>') else {
                continue;
            };
            let close = format!("</{name}>");
            let Some(end) = body.find(&close) else {
                continue;
            };
            out.push(decode_entities(&strip_tags(&body[..end])));
        } else if let Some(value) = attribute_value(after) {
            out.push(decode_entities(value));
        }
    }
    out
}

/// The quoted value after `name` in `name = "value"`.
fn attribute_value(after: &str) -> Option<&str> {
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let body = &after[1..];
    Some(&body[..body.find(quote)?])
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in s.chars() {
        match c {
            '<' => inside = true,
            '>' => {
                inside = false;
                out.push(' ');
            }
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn decode_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PHOTOSHOP: &str = r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>
      <rdf:Description rdf:about="" xmp:CreatorTool="Adobe Photoshop CS5 Windows"
         xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#">
        <xmpMM:History><rdf:Seq>
          <rdf:li stEvt:action="created" stEvt:softwareAgent="Adobe Photoshop CS5 Windows"/>
          <rdf:li><rdf:Description stEvt:action="saved"><stEvt:softwareAgent>Adobe Lightroom 6.0</stEvt:softwareAgent></rdf:Description></rdf:li>
        </rdf:Seq></xmpMM:History>
        <exif:UserComment><rdf:Alt><rdf:li xml:lang="x-default">Screenshot</rdf:li></rdf:Alt></exif:UserComment>
      </rdf:Description></rdf:RDF></x:xmpmeta>"#;

    #[test]
    fn creator_tool_history_agents_and_comments_are_read() {
        let mut m = Metadata::default();
        read(PHOTOSHOP, &mut m);
        let sw: Vec<(&str, &str)> = m
            .software
            .iter()
            .map(|t| (t.tag.as_str(), t.value.as_str()))
            .collect();
        assert_eq!(
            sw,
            [
                ("XMP xmp:CreatorTool", "Adobe Photoshop CS5 Windows"),
                (
                    "XMP xmpMM:History softwareAgent",
                    "Adobe Photoshop CS5 Windows"
                ),
                ("XMP xmpMM:History softwareAgent", "Adobe Lightroom 6.0"),
            ]
        );
        assert_eq!(m.comments[0].value, "Screenshot");
    }

    #[test]
    fn broken_and_hostile_packets_are_harmless() {
        for broken in [
            "",
            "xmp:CreatorTool",
            "xmp:CreatorTool=",
            "xmp:CreatorTool=\"never closed",
            "<xmp:CreatorTool>never closed",
            "<xmp:CreatorTool",
            "xmp:CreatorTool='a&amp;b&lt;' <stEvt:softwareAgent></stEvt:softwareAgent>",
        ] {
            let mut m = Metadata::default();
            read(broken, &mut m);
            assert!(
                m.software.iter().all(|t| t.value == "a&b<"),
                "{broken:?}: {m:?}"
            );
        }
        // A huge packet: only its start is read, and multi-byte text is cut on a boundary.
        let mut huge = format!("a{}", "é".repeat(MAX_PACKET));
        huge.push_str("xmp:CreatorTool='GIMP'");
        let mut m = Metadata::default();
        read(&huge, &mut m);
        assert!(m.software.is_empty());
    }
}
