//! The evidence packet (`vigil packet ID --out FILE.pdf`, TEAM.md "Team quality"): one case
//! on paper for a regulator or the police, in the reviewer's language: its data and MRZ, the
//! hints with their evidence, its images with the hint regions outlined, every log entry of
//! the case with its hashes, and the signed checkpoint that covers them.
//!
//! Text is drawn as glyph outlines (each glyph once, as a form), from Vigil's own Latin fonts
//! and the system's CJK font: Latvian and Japanese render in any reader without a font being
//! embedded or subset. An invisible text layer carries the ASCII of every line (ids, hashes,
//! the checkpoint) so that the packet can be searched and its hashes copied.

use crate::case_data;
use crate::decision_log::{LogEntry, timestamp};
use crate::hint_explain;
use crate::hints::{Hint, Severity};
use crate::i18n::Lang;
use crate::store::CaseRecord;
use ab_glyph::{Font, FontRef, FontVec, GlyphId, OutlineCurve};
use image::RgbImage;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A4, in points.
const PAGE: (f32, f32) = (595.0, 842.0);
const MARGIN: f32 = 42.0;
/// Images are embedded at most this many pixels on their long side (about 200 dpi at the
/// width of the page).
const IMAGE_SIDE: u32 = 1400;
const JPEG_QUALITY: u8 = 85;

#[derive(Debug, thiserror::Error)]
pub enum PacketError {
    #[error("a built-in font does not read: {0}")]
    Font(String),
    #[error("an image of the case cannot be put in the packet: {0}")]
    Image(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("the log does not verify ({0}): no packet is made from a broken log")]
    Broken(String),
    #[error("the packet cannot be written in Japanese: no CJK font is installed (fonts-noto-cjk)")]
    NoCjkFont,
}

/// The largest image the packet decodes, as the window.
const MAX_PIXELS: u64 = 100_000_000;

/// Makes case `id`'s packet as the auditor `by` proves, in `lang`. The packet is recorded in
/// the log first (an access, `export`), so that it lists its own entry and the checkpoint
/// covers it: an access is never given without its record.
pub fn make(
    store: &mut dyn crate::store::Store,
    id: &str,
    by: &crate::accounts::Credential,
    lang: Lang,
    fonts: &Fonts,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<u8>, PacketError> {
    if !fonts.speak(lang) {
        return Err(PacketError::NoCjkFont);
    }
    let access = crate::access_log::Access::Packet {
        case: id.to_owned(),
    };
    let recorded = store.record_access(&access, by, now)?;
    // `record_access` refused an unknown case.
    let record = store.case(id)?.ok_or_else(|| {
        crate::store::StoreError::from(crate::lifecycle::DecisionRefused::NoSuchCase(id.to_owned()))
    })?;
    let entries = store.case_entries(id)?;
    let (_, checkpoint) = store
        .checkpoint()?
        .map_err(|b| PacketError::Broken(b.to_string()))?;
    let key = store.log_key()?.verifier().to_string();
    let (mut images, mut missing) = (Vec::new(), Vec::new());
    for f in &record.files {
        match shown_image(&*store, &record, f, lang) {
            Ok(img) => images.push(img),
            Err(why) => missing.push(why),
        }
    }
    let packet = Packet {
        record: &record,
        images,
        missing,
        entries: &entries,
        checkpoint: &checkpoint,
        key: &key,
        by: &recorded.reviewer,
        at: now,
        lang,
    };
    write(&packet, fonts)
}

/// File `f` of the case as the packet shows it: decoded, then shrunk at once (one image at
/// full size in memory at a time), its hint regions scaled with it and kept on it; or why
/// it cannot be shown.
fn shown_image(
    store: &dyn crate::store::Store,
    record: &CaseRecord,
    f: &crate::store::CaseFile,
    lang: Lang,
) -> Result<PacketImage, String> {
    // A long file name is cut: the caption is one line above its image.
    let name: String = f.name.chars().take(60).collect();
    let caption = format!("{} · {name}", lang.slot(f.slot));
    let Some(sha) = &f.sha256 else {
        let why = if record.purged_at.is_some() {
            "packet-image-purged"
        } else {
            "packet-image-none"
        };
        return Err(format!("{caption}: {}", lang.text(why)));
    };
    let bytes = store
        .read_blob(sha)
        .map_err(|e| format!("{caption}: {e}"))?;
    let limits = crate::image_file::DecodeLimits {
        max_pixels: MAX_PIXELS,
    };
    let full = crate::image_file::decode_for_display(f.kind, &bytes, limits)
        .map_err(|e| format!("{caption}: {e}"))?;
    drop(bytes);
    let long = full.width().max(full.height()).max(1);
    let (image, scale) = if long > IMAGE_SIDE {
        let side =
            |n: u32| ((u64::from(n) * u64::from(IMAGE_SIDE)) / u64::from(long)).max(1) as u32;
        let small = image::imageops::thumbnail(&full, side(full.width()), side(full.height()));
        let scale = small.width() as f32 / full.width().max(1) as f32;
        (small, scale)
    } else {
        (full, 1.0)
    };
    let (w, h) = (image.width() as f32, image.height() as f32);
    let regions = record
        .hints
        .iter()
        .filter(|hint| hint.slot == Some(f.slot))
        .filter_map(|hint| Some((hint.region()?, hint.severity)))
        .filter(|(r, _)| r.iter().all(|v| v.is_finite()))
        .map(|([x, y, rw, rh], severity)| {
            let (x, y) = ((x * scale).clamp(0.0, w), (y * scale).clamp(0.0, h));
            let rw = (rw * scale).clamp(0.0, w - x);
            let rh = (rh * scale).clamp(0.0, h - y);
            ([x, y, rw, rh], severity)
        })
        .collect();
    Ok(PacketImage {
        caption,
        image,
        regions,
    })
}

/// The fonts the packet draws with: Vigil's sans and mono, and a system CJK font if one is
/// installed (Japanese needs it).
pub struct Fonts {
    sans: FontRef<'static>,
    mono: FontRef<'static>,
    cjk: Option<FontVec>,
}

impl Fonts {
    pub fn load() -> Result<Fonts, PacketError> {
        let built_in =
            |bytes| FontRef::try_from_slice(bytes).map_err(|e| PacketError::Font(e.to_string()));
        let cjk = crate::i18n::cjk_font_path()
            .and_then(|p| std::fs::read(p).ok())
            .and_then(|bytes| FontVec::try_from_vec_and_index(bytes, 0).ok());
        Ok(Fonts {
            sans: built_in(epaint_default_fonts::UBUNTU_LIGHT)?,
            mono: built_in(epaint_default_fonts::HACK_REGULAR)?,
            cjk,
        })
    }

    /// Whether the packet can be written in `lang`: Japanese needs a CJK font.
    pub fn speak(&self, lang: Lang) -> bool {
        lang != Lang::Ja || self.cjk.is_some()
    }

    fn face(&self, i: u8) -> &dyn FontLike {
        match i {
            0 => &self.sans,
            1 => &self.mono,
            _ => match &self.cjk {
                Some(f) => f,
                None => &self.sans,
            },
        }
    }

    /// The face (0 sans, 1 mono, 2 CJK) and glyph that draw `c`: the style's own face, else
    /// the CJK font, else nothing.
    fn glyph(&self, c: char, mono: bool) -> Option<(u8, GlyphId)> {
        let own = if mono { 1 } else { 0 };
        let id = self.face(own).glyph(c);
        if id.0 != 0 {
            return Some((own, id));
        }
        let cjk = self.cjk.as_ref()?.glyph_id(c);
        (cjk.0 != 0).then_some((2, cjk))
    }
}

/// The little of `ab_glyph::Font` the packet uses, object-safe.
trait FontLike {
    fn glyph(&self, c: char) -> GlyphId;
    fn advance(&self, id: GlyphId) -> f32;
    fn em(&self) -> f32;
    fn curves(&self, id: GlyphId) -> Option<(ab_glyph::Rect, Vec<OutlineCurve>)>;
}

impl<F: Font> FontLike for F {
    fn glyph(&self, c: char) -> GlyphId {
        self.glyph_id(c)
    }
    fn advance(&self, id: GlyphId) -> f32 {
        self.h_advance_unscaled(id)
    }
    fn em(&self) -> f32 {
        self.units_per_em().unwrap_or(1000.0)
    }
    fn curves(&self, id: GlyphId) -> Option<(ab_glyph::Rect, Vec<OutlineCurve>)> {
        self.outline(id).map(|o| (o.bounds, o.curves))
    }
}

/// An image of the case as the packet shows it: upright, with the regions its hints name.
pub struct PacketImage {
    pub caption: String,
    pub image: RgbImage,
    /// `[x, y, w, h]` in the image's pixels, with the hint's severity.
    pub regions: Vec<([f32; 4], Severity)>,
}

/// What goes into one case's packet.
pub struct Packet<'a> {
    pub record: &'a CaseRecord,
    pub images: Vec<PacketImage>,
    /// The images that cannot be shown, and why.
    pub missing: Vec<String>,
    /// Every log entry of the case, in order.
    pub entries: &'a [LogEntry],
    /// The signed checkpoint (C2SP note) of the log, covering every entry above.
    pub checkpoint: &'a str,
    /// The store's public key, to check the checkpoint with.
    pub key: &'a str,
    /// Who wrote the packet, and when.
    pub by: &'a str,
    pub at: chrono::DateTime<chrono::Utc>,
    pub lang: Lang,
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    Title,
    Heading,
    Body,
    Strong,
    Small,
    Mono,
}

impl Style {
    fn size(self) -> f32 {
        match self {
            Style::Title => 17.0,
            Style::Heading => 12.5,
            Style::Body | Style::Strong => 9.5,
            Style::Small => 8.0,
            Style::Mono => 6.5,
        }
    }
    fn mono(self) -> bool {
        self == Style::Mono
    }
}

/// Writes the packet as a PDF.
pub fn write(p: &Packet<'_>, fonts: &Fonts) -> Result<Vec<u8>, PacketError> {
    let mut d = Doc::new(fonts);
    let lang = p.lang;
    let r = p.record;
    let id = r.submission.id.as_str();
    d.text(
        &lang.text_with("packet-title", &[("id", id.into())]),
        Style::Title,
    );
    d.text(
        &lang.text_with(
            "packet-made",
            &[
                ("name", p.by.into()),
                ("time", p.at.format("%Y-%m-%d %H:%M UTC").to_string().into()),
            ],
        ),
        Style::Small,
    );
    d.text(
        &lang.text_with(
            "packet-case-line",
            &[
                ("submitted", timestamp(r.submission.submitted_at).into()),
                ("client", r.submission.client.as_str().into()),
                ("status", r.status.code().into()),
                ("locale", r.submission.applicant_locale.as_str().into()),
            ],
        ),
        Style::Body,
    );
    if let Some(at) = r.purged_at {
        d.text(
            &lang.text_with(
                "case-purged",
                &[("date", lang.date(at.date_naive()).into())],
            ),
            Style::Strong,
        );
    }
    d.gap(8.0);

    d.text(&lang.text("section-data"), Style::Heading);
    d.text(
        &format!(
            "{} | {} | {}",
            "",
            lang.text("data-declared"),
            lang.text("data-mrz")
        ),
        Style::Strong,
    );
    for row in case_data::rows(r, lang) {
        let mrz = row.from_mrz.unwrap_or_else(|| "—".into());
        d.text(
            &format!("{}: {} | {}", lang.text(row.label), row.declared, mrz),
            Style::Body,
        );
    }
    if let (Some(title), Some(text)) = (case_data::mrz_title(r, lang), &r.submission.document.mrz) {
        d.text(&title, Style::Small);
        for line in text.lines() {
            d.text(line, Style::Mono);
        }
    }
    d.gap(8.0);

    d.text(
        &lang.text_with("section-hints", &[("count", r.hints.len().into())]),
        Style::Heading,
    );
    if r.hints.is_empty() {
        d.text(&lang.text("hints-empty"), Style::Body);
    }
    for h in &r.hints {
        hint(&mut d, h, lang);
    }
    d.gap(8.0);

    for img in &p.images {
        d.image(img)?;
    }
    for why in &p.missing {
        d.text(why, Style::Body);
    }

    d.text(
        &lang.text_with("packet-log", &[("count", p.entries.len().into())]),
        Style::Heading,
    );
    for e in p.entries {
        entry(&mut d, e, lang);
    }
    d.gap(8.0);
    d.text(&lang.text("packet-checkpoint"), Style::Heading);
    for line in p.checkpoint.lines() {
        d.text(line, Style::Mono);
    }
    d.text(&lang.text("packet-key"), Style::Small);
    d.text(p.key, Style::Mono);
    d.text(&lang.text("packet-proof"), Style::Small);
    Ok(d.finish())
}

fn hint(d: &mut Doc<'_>, h: &Hint, lang: Lang) {
    let slot = h
        .slot
        .map(|s| format!(" [{}]", lang.slot(s)))
        .unwrap_or_default();
    d.text(
        &format!(
            "{} · {}{slot} ({})",
            lang.severity(h.severity),
            lang.hint_title(h.code),
            h.code.code()
        ),
        Style::Strong,
    );
    d.text(&hint_explain::explanation(lang, h), Style::Body);
    if h.evidence.as_object().is_some_and(|o| !o.is_empty()) {
        d.text(&h.evidence.to_string(), Style::Mono);
    }
}

fn entry(d: &mut Doc<'_>, e: &LogEntry, lang: Lang) {
    let what = match e.outcome {
        Some(o) => lang.text(&format!("outcome-{o}")),
        None => e.change.clone(),
    };
    d.text(
        &format!(
            "#{} · {} · {} · {} · {what}",
            e.seq,
            timestamp(e.decided_at),
            lang.text(&format!("entry-kind-{}", e.kind)),
            e.reviewer
        ),
        Style::Strong,
    );
    if !e.reasons.is_empty() {
        let reasons: Vec<String> = e.reasons.iter().map(|c| lang.reason_label(*c)).collect();
        d.text(&reasons.join(", "), Style::Body);
    }
    if e.outcome.is_some() && !e.change.is_empty() {
        d.text(&e.change, Style::Body);
    }
    if !e.note.is_empty() {
        d.text(&format!("\"{}\"", e.note), Style::Body);
    }
    d.text(&format!("hash {}", e.hash), Style::Mono);
    d.text(&format!("prev {}", e.prev_hash), Style::Mono);
}

/// The pages being laid out, top to bottom.
struct Doc<'f> {
    fonts: &'f Fonts,
    /// Each page's content stream.
    pages: Vec<String>,
    /// The next line's top, from the page's top.
    y: f32,
    /// Glyph forms by face and glyph id, numbered in order of first use.
    glyphs: BTreeMap<(u8, u16), usize>,
    /// Images as JPEG: width, height, bytes.
    images: Vec<(u32, u32, Vec<u8>)>,
}

impl<'f> Doc<'f> {
    fn new(fonts: &'f Fonts) -> Doc<'f> {
        Doc {
            fonts,
            pages: vec![String::new()],
            y: MARGIN,
            glyphs: BTreeMap::new(),
            images: Vec::new(),
        }
    }

    fn page(&mut self) -> &mut String {
        // A page always exists: `new` makes the first.
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Room for `height` more points on this page, or a new page.
    fn room(&mut self, height: f32) {
        if self.y + height > PAGE.1 - MARGIN && self.y > MARGIN {
            self.pages.push(String::new());
            self.y = MARGIN;
        }
    }

    fn gap(&mut self, points: f32) {
        self.y += points;
    }

    /// The width of `c` in `style`, and what draws it.
    fn measure(&self, c: char, style: Style) -> (f32, Option<(u8, GlyphId)>) {
        let size = style.size();
        match self.fonts.glyph(c, style.mono()) {
            Some((face, id)) => {
                let f = self.fonts.face(face);
                (f.advance(id) * size / f.em(), Some((face, id)))
            }
            // A character no font has takes a space's room.
            None => (size * 0.3, None),
        }
    }

    /// `text` in `style`, wrapped to the page's width: at spaces, or anywhere in a run
    /// without spaces (Japanese, hashes).
    fn text(&mut self, text: &str, style: Style) {
        let width = PAGE.0 - 2.0 * MARGIN;
        for paragraph in text.split('\n') {
            let chars: Vec<char> = paragraph.chars().collect();
            let mut start = 0;
            loop {
                let (mut w, mut end, mut last_space) = (0.0, start, None);
                while end < chars.len() {
                    let (cw, _) = self.measure(chars[end], style);
                    if w + cw > width && end > start {
                        break;
                    }
                    if chars[end] == ' ' {
                        last_space = Some(end);
                    }
                    w += cw;
                    end += 1;
                }
                let cut = match last_space {
                    Some(s) if end < chars.len() && s > start => s,
                    _ => end,
                };
                let line: String = chars[start..cut].iter().collect();
                self.line(&line, style);
                start = cut;
                while start < chars.len() && chars[start] == ' ' {
                    start += 1;
                }
                if start >= chars.len() {
                    break;
                }
            }
        }
    }

    /// One line of glyphs, and its invisible ASCII twin for search and copying.
    fn line(&mut self, line: &str, style: Style) {
        let size = style.size();
        let height = size * 1.35;
        self.room(height);
        let baseline = PAGE.1 - (self.y + size);
        let mut x = MARGIN;
        let mut out = String::new();
        for c in line.chars() {
            let (w, glyph) = self.measure(c, style);
            if let Some((face, id)) = glyph {
                let n = self.glyph_form(face, id);
                let f = self.fonts.face(face);
                let s = size / f.em();
                let _ = writeln!(
                    out,
                    "q {s:.5} 0 0 {s:.5} {x:.2} {baseline:.2} cm /G{n} Do Q"
                );
            }
            x += w;
        }
        let escaped: String = line.chars().map(win_ansi).collect();
        if !escaped.trim().is_empty() {
            let _ = writeln!(
                out,
                "BT 3 Tr /H {size:.1} Tf {MARGIN:.2} {baseline:.2} Td ({escaped}) Tj ET"
            );
        }
        self.page().push_str(&out);
        self.y += height;
    }

    /// The number of the form that draws glyph `id` of `face`.
    fn glyph_form(&mut self, face: u8, id: GlyphId) -> usize {
        let next = self.glyphs.len();
        *self.glyphs.entry((face, id.0)).or_insert(next)
    }

    /// An image across the page's width (at most a third of its height), its hint regions
    /// outlined in their severity's colour, with its caption above.
    fn image(&mut self, img: &PacketImage) -> Result<(), PacketError> {
        let (iw, ih) = (
            img.image.width().max(1) as f32,
            img.image.height().max(1) as f32,
        );
        let max_w = PAGE.0 - 2.0 * MARGIN;
        let max_h = (PAGE.1 - 2.0 * MARGIN) / 2.6;
        let scale = (max_w / iw).min(max_h / ih);
        let (w, h) = (iw * scale, ih * scale);
        self.room(h + 20.0);
        self.text(&img.caption, Style::Strong);
        let jpeg = jpeg(&img.image)?;
        self.images.push(jpeg);
        let n = self.images.len() - 1;
        let (x, bottom) = (MARGIN, PAGE.1 - (self.y + h));
        let mut out = format!("q {w:.2} 0 0 {h:.2} {x:.2} {bottom:.2} cm /I{n} Do Q\n");
        for ([rx, ry, rw, rh], severity) in &img.regions {
            let [r, g, b] = colour(*severity);
            let (px, py) = (x + rx * scale, bottom + h - (ry + rh) * scale);
            let _ = writeln!(
                out,
                "q {r} {g} {b} RG 1.5 w {px:.2} {py:.2} {:.2} {:.2} re S Q",
                rw * scale,
                rh * scale
            );
        }
        self.page().push_str(&out);
        self.y += h + 10.0;
        Ok(())
    }

    /// The PDF: catalog, pages, one shared resource dictionary (glyph forms, images, the
    /// text layer's font), and each glyph's outline.
    fn finish(self) -> Vec<u8> {
        let mut objects: Vec<Vec<u8>> = Vec::new();
        // 1 catalog, 2 pages, 3 resources, 4 font; then pages and their contents, glyphs,
        // images.
        let pages = self.pages.len();
        let first_page = 5;
        let first_glyph = first_page + 2 * pages;
        let first_image = first_glyph + self.glyphs.len();
        objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        let kids: Vec<String> = (0..pages)
            .map(|i| format!("{} 0 R", first_page + 2 * i))
            .collect();
        objects.push(
            format!(
                "<< /Type /Pages /Kids [{}] /Count {pages} >>",
                kids.join(" ")
            )
            .into_bytes(),
        );
        let mut xobjects = String::new();
        for n in self.glyphs.values() {
            let _ = write!(xobjects, "/G{n} {} 0 R ", first_glyph + n);
        }
        for n in 0..self.images.len() {
            let _ = write!(xobjects, "/I{n} {} 0 R ", first_image + n);
        }
        objects.push(format!("<< /XObject << {xobjects}>> /Font << /H 4 0 R >> >>").into_bytes());
        objects.push(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .to_vec(),
        );
        for (i, content) in self.pages.iter().enumerate() {
            objects.push(
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] /Resources 3 0 R /Contents {} 0 R >>",
                    PAGE.0,
                    PAGE.1,
                    first_page + 2 * i + 1
                )
                .into_bytes(),
            );
            objects.push(stream("", content.as_bytes()));
        }
        let mut by_number: Vec<(usize, (u8, u16))> =
            self.glyphs.iter().map(|(k, n)| (*n, *k)).collect();
        by_number.sort_unstable();
        for (_, (face, id)) in by_number {
            objects.push(glyph(self.fonts.face(face), GlyphId(id)));
        }
        for (w, h, jpeg) in &self.images {
            let dict = format!(
                "/Type /XObject /Subtype /Image /Width {w} /Height {h} /BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /DCTDecode"
            );
            objects.push(stream(&dict, jpeg));
        }
        crate::imaging::pdf::serialise(&objects, "")
    }
}

/// A stream object: `dict`'s entries, its length, the bytes.
fn stream(dict: &str, bytes: &[u8]) -> Vec<u8> {
    let mut o = format!("<< {dict} /Length {} >>\nstream\n", bytes.len()).into_bytes();
    o.extend_from_slice(bytes);
    o.extend_from_slice(b"\nendstream");
    o
}

/// A glyph's outline as a form, in the font's units (filled, non-zero winding as TrueType).
fn glyph(f: &dyn FontLike, id: GlyphId) -> Vec<u8> {
    let mut path = String::new();
    let mut bbox = [0.0f32; 4];
    if let Some((bounds, curves)) = f.curves(id) {
        // ab_glyph's bounds pair the left with the top: sorted here.
        let (ya, yb) = (bounds.min.y, bounds.max.y);
        bbox = [bounds.min.x, ya.min(yb), bounds.max.x, ya.max(yb)];
        let mut at: Option<ab_glyph::Point> = None;
        for c in curves {
            let (start, end) = match c {
                OutlineCurve::Line(a, b) => (a, b),
                OutlineCurve::Quad(a, _, b) => (a, b),
                OutlineCurve::Cubic(a, _, _, b) => (a, b),
            };
            if at != Some(start) {
                if at.is_some() {
                    path.push_str("h\n");
                }
                let _ = writeln!(path, "{:.1} {:.1} m", start.x, start.y);
            }
            match c {
                OutlineCurve::Line(_, b) => {
                    let _ = writeln!(path, "{:.1} {:.1} l", b.x, b.y);
                }
                // A quadratic curve is the cubic whose controls are 2/3 of the way to its one.
                OutlineCurve::Quad(a, q, b) => {
                    let c1 = (a.x + 2.0 / 3.0 * (q.x - a.x), a.y + 2.0 / 3.0 * (q.y - a.y));
                    let c2 = (b.x + 2.0 / 3.0 * (q.x - b.x), b.y + 2.0 / 3.0 * (q.y - b.y));
                    let _ = writeln!(
                        path,
                        "{:.1} {:.1} {:.1} {:.1} {:.1} {:.1} c",
                        c1.0, c1.1, c2.0, c2.1, b.x, b.y
                    );
                }
                OutlineCurve::Cubic(_, c1, c2, b) => {
                    let _ = writeln!(
                        path,
                        "{:.1} {:.1} {:.1} {:.1} {:.1} {:.1} c",
                        c1.x, c1.y, c2.x, c2.y, b.x, b.y
                    );
                }
            }
            at = Some(end);
        }
        if at.is_some() {
            path.push_str("h f\n");
        }
    }
    let dict = format!(
        "/Type /XObject /Subtype /Form /BBox [{:.1} {:.1} {:.1} {:.1}]",
        bbox[0], bbox[1], bbox[2], bbox[3]
    );
    stream(&dict, path.as_bytes())
}

fn colour(s: Severity) -> [f32; 3] {
    match s {
        Severity::Fail => [0.86, 0.2, 0.18],
        Severity::Warn => [0.93, 0.6, 0.1],
        Severity::Info => [0.25, 0.5, 0.9],
    }
}

/// A character of the invisible text layer as a PDF string writes it in WinAnsi: ASCII
/// (escaped where PDF needs it), Latin-1, and the punctuation Vigil writes (the checkpoint's
/// em dash, so that a copied note still verifies); anything else a space.
fn win_ansi(c: char) -> String {
    match c {
        '\\' | '(' | ')' => format!("\\{c}"),
        ' '..='~' => c.to_string(),
        '\u{a0}'..='\u{ff}' => format!("\\{:03o}", c as u32),
        '—' => "\\227".into(),
        '–' => "\\226".into(),
        '“' => "\\223".into(),
        '”' => "\\224".into(),
        '‘' => "\\221".into(),
        '’' => "\\222".into(),
        '…' => "\\205".into(),
        _ => " ".into(),
    }
}

/// `img` as JPEG.
fn jpeg(img: &RgbImage) -> Result<(u32, u32, Vec<u8>), PacketError> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(img)
        .map_err(|e| PacketError::Image(e.to_string()))?;
    Ok((img.width(), img.height(), out))
}
