//! Drawn identity documents: an ID-1 card (front and back) and a passport data page, with
//! printed fields and a machine-readable zone.

use super::draw::{self, Fonts};
use super::face;
use super::people::{Country, Person};
use image::{Rgb, RgbImage};

/// What is printed on a document; the MRZ text is given as written (it may carry a flaw).
pub struct Printed<'a> {
    pub person: &'a Person,
    pub country: &'a Country,
    pub number: &'a str,
    pub expiry: chrono::NaiveDate,
    pub issued: chrono::NaiveDate,
    pub mrz: &'a str,
}

const INK: [u8; 3] = [28, 30, 38];
const LABEL: [u8; 3] = [90, 96, 110];

fn date(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn background(w: u32, h: u32, p: &Printed<'_>) -> RgbImage {
    let [top, bottom, accent] = p.country.palette;
    let mut img = RgbImage::new(w, h);
    draw::vertical_gradient(&mut img, top, bottom);
    draw::guilloche(
        &mut img,
        (0, 0, i64::from(w), i64::from(h)),
        accent,
        p.number.len() as f32,
    );
    img
}

fn field(img: &mut RgbImage, fonts: &Fonts, x: f32, y: f32, label: &str, value: &str, size: f32) {
    draw::text(img, &fonts.sans, x, y, size * 0.55, LABEL, label);
    draw::text(img, &fonts.sans, x, y + size * 0.62, size, INK, value);
}

fn mrz_block(img: &mut RgbImage, fonts: &Fonts, x: f32, y: f32, size: f32, mrz: &str) {
    for (i, line) in mrz.lines().enumerate() {
        draw::text(
            img,
            &fonts.mono,
            x,
            y + i as f32 * size * 1.25,
            size,
            [10, 10, 10],
            line,
        );
    }
}

fn signature(img: &mut RgbImage, x: f32, y: f32, w: f32, seed: usize) {
    let mut prev = (x, y);
    for i in 1..=40 {
        let t = i as f32 / 40.0;
        let p = (
            x + w * t,
            y + 10.0 * (t * 17.0 + seed as f32).sin() * (1.0 - t * 0.5),
        );
        draw::line(img, prev, p, 2.0, [20, 30, 90]);
        prev = p;
    }
}

/// The front of an ID card, 1012 × 638 pixels (85.6 × 54 mm at 300 dpi).
pub fn id_card_front(fonts: &Fonts, p: &Printed<'_>) -> RgbImage {
    let mut img = background(1012, 638, p);
    let accent = p.country.palette[2];
    draw::fill_rect(&mut img, 0, 0, 1012, 96, accent, 0.92);
    draw::text(
        &mut img,
        &fonts.sans,
        36.0,
        14.0,
        38.0,
        [255, 255, 255],
        p.country.name,
    );
    draw::text(
        &mut img,
        &fonts.sans,
        36.0,
        58.0,
        24.0,
        [230, 230, 240],
        "IDENTITY CARD",
    );
    let portrait = face::portrait(&p.person.face, 280, 350, [226, 228, 232]);
    draw::paste(&mut img, &portrait, 36, 130);
    let s = 34.0;
    let x = 350.0;
    field(&mut img, fonts, x, 120.0, "Surname", &p.person.surname, s);
    field(
        &mut img,
        fonts,
        x,
        185.0,
        "Given names",
        &p.person.given_names,
        s,
    );
    field(
        &mut img,
        fonts,
        x,
        250.0,
        "Sex",
        &super::people::sex_char(p.person.sex).to_string(),
        s,
    );
    field(
        &mut img,
        fonts,
        x + 140.0,
        250.0,
        "Nationality",
        p.country.code,
        s,
    );
    field(
        &mut img,
        fonts,
        x,
        315.0,
        "Date of birth",
        &date(p.person.date_of_birth),
        s,
    );
    field(&mut img, fonts, x, 380.0, "Document no.", p.number, s);
    field(
        &mut img,
        fonts,
        x + 330.0,
        380.0,
        "Date of expiry",
        &date(p.expiry),
        s,
    );
    draw::text(&mut img, &fonts.sans, x, 470.0, 18.0, LABEL, "Signature");
    signature(&mut img, x + 10.0, 520.0, 260.0, p.number.len());
    // A ghost image of the portrait, a common security feature.
    let ghost = image::imageops::resize(&portrait, 110, 138, image::imageops::FilterType::Triangle);
    for (gx, gy, px) in ghost.enumerate_pixels() {
        let l = px.0.iter().map(|&v| u32::from(v)).sum::<u32>() / 3;
        draw::blend(
            &mut img,
            860 + i64::from(gx),
            470 + i64::from(gy),
            [l as u8; 3],
            0.35,
        );
    }
    img
}

/// The back of an ID card: address, issue date, a barcode and the TD1 zone.
pub fn id_card_back(fonts: &Fonts, p: &Printed<'_>) -> RgbImage {
    let mut img = background(1012, 638, p);
    field(
        &mut img,
        fonts,
        36.0,
        30.0,
        "Date of issue",
        &date(p.issued),
        30.0,
    );
    field(
        &mut img,
        fonts,
        36.0,
        95.0,
        "Authority",
        "Office of Citizenship and Migration",
        30.0,
    );
    field(
        &mut img,
        fonts,
        36.0,
        160.0,
        "Place of birth",
        p.country.name,
        30.0,
    );
    for i in 0..70u32 {
        // Bar widths from the document number, so every card has its own code.
        let bytes = p.number.as_bytes();
        let wide = bytes
            .get(i as usize % bytes.len().max(1))
            .map_or(1, |b| u32::from(*b) % 3 + 1);
        draw::fill_rect(
            &mut img,
            620 + i64::from(i * 5),
            40,
            i64::from(wide),
            150,
            [20, 20, 20],
            1.0,
        );
    }
    draw::fill_rect(&mut img, 0, 420, 1012, 218, [255, 255, 255], 0.85);
    mrz_block(&mut img, fonts, 40.0, 440.0, 46.0, p.mrz);
    img
}

/// A passport data page, 1250 × 880 pixels (TD3, 125 × 88 mm at 254 dpi), with the TD3 zone.
pub fn passport_page(fonts: &Fonts, p: &Printed<'_>) -> RgbImage {
    let mut img = background(1250, 880, p);
    let accent = p.country.palette[2];
    draw::text(
        &mut img,
        &fonts.sans,
        40.0,
        24.0,
        40.0,
        accent,
        p.country.name,
    );
    draw::text(
        &mut img,
        &fonts.sans,
        40.0,
        72.0,
        26.0,
        LABEL,
        "PASSPORT   Type P",
    );
    let portrait = face::portrait(&p.person.face, 330, 420, [230, 232, 236]);
    draw::paste(&mut img, &portrait, 40, 130);
    let s = 36.0;
    let x = 420.0;
    field(&mut img, fonts, x, 120.0, "Surname", &p.person.surname, s);
    field(
        &mut img,
        fonts,
        x,
        190.0,
        "Given names",
        &p.person.given_names,
        s,
    );
    field(&mut img, fonts, x, 260.0, "Nationality", p.country.code, s);
    field(
        &mut img,
        fonts,
        x + 300.0,
        260.0,
        "Sex",
        &super::people::sex_char(p.person.sex).to_string(),
        s,
    );
    field(
        &mut img,
        fonts,
        x,
        330.0,
        "Date of birth",
        &date(p.person.date_of_birth),
        s,
    );
    field(
        &mut img,
        fonts,
        x + 300.0,
        330.0,
        "Passport no.",
        p.number,
        s,
    );
    field(
        &mut img,
        fonts,
        x,
        400.0,
        "Date of issue",
        &date(p.issued),
        s,
    );
    field(
        &mut img,
        fonts,
        x + 300.0,
        400.0,
        "Date of expiry",
        &date(p.expiry),
        s,
    );
    signature(&mut img, x + 20.0, 520.0, 300.0, p.number.len());
    draw::fill_rect(&mut img, 0, 690, 1250, 190, [255, 255, 255], 0.85);
    mrz_block(&mut img, fonts, 30.0, 715.0, 43.0, p.mrz);
    img
}

/// A document photographed on a table: margins, a shadow and the table's texture.
/// `doc` lying on a table of `w` × `h`; `shift` (each −1 to 1) moves it within the free
/// margin, as no two applicants frame the same.
pub fn on_table(doc: &RgbImage, table: [u8; 3], w: u32, h: u32, shift: (f32, f32)) -> RgbImage {
    let mut img = RgbImage::from_pixel(w, h, Rgb(table));
    for y in 0..h {
        for x in 0..w {
            // Wood-like streaks.
            let streak = ((y as f32 / 7.0 + (x as f32 / 90.0).sin() * 3.0).sin() * 10.0) as i16;
            let p = img.get_pixel_mut(x, y);
            for ch in &mut p.0 {
                *ch = (i16::from(*ch) + streak).clamp(0, 255) as u8;
            }
        }
    }
    let place = |free: i64, s: f32| ((free as f32 / 2.0) * (1.0 + 0.9 * s.clamp(-1.0, 1.0))) as i64;
    let x = place(i64::from(w) - i64::from(doc.width()), shift.0);
    let y = place(i64::from(h) - i64::from(doc.height()), shift.1);
    draw::shadow(
        &mut img,
        x,
        y,
        i64::from(doc.width()),
        i64::from(doc.height()),
    );
    draw::paste(&mut img, doc, x, y);
    img
}
