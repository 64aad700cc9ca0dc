//! Writing TD1 and TD3 zones from data, as the demo generator prints them on documents.

use super::{check_digit, transliterate};
use chrono::{Datelike, NaiveDate};

fn digit_char(field: &str) -> char {
    // Callers only pass fields they built from the MRZ alphabet.
    char::from(b'0' + check_digit(field).unwrap_or(0))
}

/// Writes `s` in the MRZ alphabet, padded with `<` (or truncated) to exactly `len` characters.
pub fn field(s: &str, len: usize) -> String {
    let mut out = mrz_alphabet(s);
    // Only ASCII is written, so cutting at a byte count cuts between characters.
    out.truncate(len);
    while out.len() < len {
        out.push('<');
    }
    out
}

/// `SURNAME<<GIVEN<NAMES`, padded or truncated to `len`.
pub fn name_field(surname: &str, given_names: &str, len: usize) -> String {
    field(
        &format!("{}<<{}", mrz_alphabet(surname), mrz_alphabet(given_names)),
        len,
    )
}

/// `s` in the MRZ alphabet at whatever length it comes out: `Mägi` is `MAEGI`, one longer.
fn mrz_alphabet(s: &str) -> String {
    s.chars()
        .flat_map(char::to_uppercase)
        .map(transliterate)
        .collect()
}

pub fn yymmdd(d: NaiveDate) -> String {
    format!(
        "{:02}{:02}{:02}",
        d.year().rem_euclid(100),
        d.month(),
        d.day()
    )
}

/// The data printed in a zone.
#[derive(Debug, Clone)]
pub struct ZoneData {
    pub document_code: String,
    pub issuing_country: String,
    pub surname: String,
    pub given_names: String,
    pub number: String,
    pub nationality: String,
    pub date_of_birth: NaiveDate,
    pub sex: char,
    pub expiry: NaiveDate,
    pub optional: String,
}

/// A TD3 (passport) zone: two lines of 44.
pub fn write_td3(d: &ZoneData) -> String {
    let line1 = format!(
        "{}{}{}",
        field(&d.document_code, 2),
        field(&d.issuing_country, 3),
        name_field(&d.surname, &d.given_names, 39)
    );
    let number = field(&d.number, 9);
    let dob = yymmdd(d.date_of_birth);
    let exp = yymmdd(d.expiry);
    let optional = field(&d.optional, 14);
    let optional_cd = if optional.bytes().all(|b| b == b'<') {
        '<'
    } else {
        digit_char(&optional)
    };
    let composite_src = format!(
        "{number}{}{dob}{}{exp}{}{optional}{optional_cd}",
        digit_char(&number),
        digit_char(&dob),
        digit_char(&exp)
    );
    let line2 = format!(
        "{number}{}{}{dob}{}{}{exp}{}{optional}{optional_cd}{}",
        digit_char(&number),
        field(&d.nationality, 3),
        digit_char(&dob),
        d.sex,
        digit_char(&exp),
        digit_char(&composite_src)
    );
    format!("{line1}\n{line2}")
}

/// A TD1 (ID card) zone: three lines of 30. Numbers longer than 9 continue into the optional
/// field as ICAO 9303 Part 5 describes.
pub fn write_td1(d: &ZoneData) -> String {
    let (number, number_cd, optional1) = if d.number.len() > 9 {
        let n = field(&d.number, d.number.len());
        let head = n[..9].to_owned();
        let tail = format!("{}{}", &n[9..], digit_char(&n));
        (head, '<', field(&tail, 15))
    } else {
        let n = field(&d.number, 9);
        let cd = digit_char(&n);
        (n, cd, field(&d.optional, 15))
    };
    let line1 = format!(
        "{}{}{number}{number_cd}{optional1}",
        field(&d.document_code, 2),
        field(&d.issuing_country, 3)
    );
    let dob = yymmdd(d.date_of_birth);
    let exp = yymmdd(d.expiry);
    let optional2 = field("", 11);
    let upper = format!(
        "{}{dob}{}{exp}{}{optional2}",
        &line1[5..30],
        digit_char(&dob),
        digit_char(&exp)
    );
    let line2 = format!(
        "{dob}{}{}{exp}{}{}{optional2}{}",
        digit_char(&dob),
        d.sex,
        digit_char(&exp),
        field(&d.nationality, 3),
        digit_char(&upper)
    );
    let line3 = name_field(&d.surname, &d.given_names, 30);
    format!("{line1}\n{line2}\n{line3}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::date;

    #[test]
    fn transliterates_names_as_icao_9303() {
        assert_eq!(field("Müller-Lüdenscheidt", 22), "MUELLER<LUEDENSCHEIDT<");
        assert_eq!(field("Bērziņa", 7), "BERZINA");
        assert_eq!(field("Åsa Öberg", 11), "AASA<OEBERG");
        assert_eq!(field("Straße", 6), "STRASS");
        assert_eq!(field("O'Neil", 6), "ONEIL<");
        // A name grows when transliterated; the name field keeps all of it.
        assert_eq!(name_field("Mägi", "Åsa", 14), "MAEGI<<AASA<<<");
    }

    #[test]
    fn writes_the_icao_td3_specimen() {
        let d = ZoneData {
            document_code: "P".into(),
            issuing_country: "UTO".into(),
            surname: "ERIKSSON".into(),
            given_names: "ANNA MARIA".into(),
            number: "L898902C3".into(),
            nationality: "UTO".into(),
            date_of_birth: date(1974, 8, 12),
            sex: 'F',
            expiry: date(2012, 4, 15),
            optional: "ZE184226B".into(),
        };
        assert_eq!(
            write_td3(&d),
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
        );
    }

    #[test]
    fn writes_the_icao_td1_specimen() {
        let d = ZoneData {
            document_code: "I".into(),
            issuing_country: "UTO".into(),
            surname: "ERIKSSON".into(),
            given_names: "ANNA MARIA".into(),
            number: "D23145890".into(),
            nationality: "UTO".into(),
            date_of_birth: date(1974, 8, 12),
            sex: 'F',
            expiry: date(2012, 4, 15),
            optional: "".into(),
        };
        let z = write_td1(&d);
        let lines: Vec<&str> = z.lines().collect();
        assert_eq!(lines[0], "I<UTOD231458907<<<<<<<<<<<<<<<");
        assert_eq!(lines[1], "7408122F1204159UTO<<<<<<<<<<<6");
        assert_eq!(lines[2], "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
    }
}
