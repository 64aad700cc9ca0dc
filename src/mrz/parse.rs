//! Reading a zone: its layout (TD1, TD2, TD3, MRV-A, MRV-B), its fields and every check
//! digit. The zone borrows from the input and nothing is allocated; input is never trusted,
//! so every index below is within a line whose length and alphabet were checked first.

use super::{char_value, digit_over};
use std::fmt;

/// Longer input is refused before it is looked at: the longest zone, TD1 with CRLF line
/// breaks, is 95 bytes.
pub const MAX_ZONE_BYTES: usize = 200;

/// The ICAO 9303 layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Cards: 3 lines of 30 (Part 5).
    Td1,
    /// Cards and some passports: 2 lines of 36 (Part 6).
    Td2,
    /// Passports: 2 lines of 44 (Part 4).
    Td3,
    /// Visas of passport width: 2 lines of 44 (Part 7).
    MrvA,
    /// Visas of TD2 width: 2 lines of 36 (Part 7).
    MrvB,
}

impl Format {
    /// Where `field`'s check digit is printed: (line, column), both from 0. A TD1 or TD2
    /// number longer than nine characters moves its digit into the optional data; then the
    /// standard position holds `<` and this names that position.
    pub fn check_digit_position(self, field: Field) -> Option<(usize, usize)> {
        match (self, field) {
            (Format::Td1, Field::DocumentNumber) => Some((0, 14)),
            (Format::Td1, Field::DateOfBirth) => Some((1, 6)),
            (Format::Td1, Field::ExpiryDate) => Some((1, 14)),
            (Format::Td1, Field::Composite) => Some((1, 29)),
            (_, Field::DocumentNumber) => Some((1, 9)),
            (_, Field::DateOfBirth) => Some((1, 19)),
            (_, Field::ExpiryDate) => Some((1, 27)),
            (Format::Td3, Field::PersonalNumber) => Some((1, 42)),
            (Format::Td3, Field::Composite) => Some((1, 43)),
            (Format::Td2, Field::Composite) => Some((1, 35)),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Format::Td1 => "TD1",
            Format::Td2 => "TD2",
            Format::Td3 => "TD3",
            Format::MrvA => "MRV-A",
            Format::MrvB => "MRV-B",
        }
    }
}

/// A field protected by a check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    DocumentNumber,
    DateOfBirth,
    ExpiryDate,
    /// TD3's personal number (optional data).
    PersonalNumber,
    /// The check digit over the other fields and their check digits (not on visas).
    Composite,
}

impl Field {
    /// The name used in hint evidence; the same as the submission's field names.
    pub fn code(self) -> &'static str {
        match self {
            Field::DocumentNumber => "document_number",
            Field::DateOfBirth => "date_of_birth",
            Field::ExpiryDate => "expiry_date",
            Field::PersonalNumber => "personal_number",
            Field::Composite => "composite",
        }
    }

    /// How a message names it.
    pub fn label(self) -> &'static str {
        match self {
            Field::DocumentNumber => "document number",
            Field::DateOfBirth => "date of birth",
            Field::ExpiryDate => "expiry date",
            Field::PersonalNumber => "personal number",
            Field::Composite => "composite",
        }
    }
}

/// One check digit as printed and as computed from its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DigitCheck {
    pub field: Field,
    /// The character in the check digit's position (a letter or `<` there is simply wrong).
    pub found: char,
    pub computed: u8,
    ok: bool,
}

impl DigitCheck {
    /// `parts` are the field's characters. An unused (all-filler) personal number may carry
    /// `<` instead of its digit 0, as ICAO allows.
    fn new(field: Field, parts: &[&[u8]], found: u8) -> DigitCheck {
        // The caller checked the alphabet, so the digit always computes.
        let computed = digit_over(parts).unwrap_or(0);
        let unused = parts.iter().all(|p| p.iter().all(|&b| b == b'<'));
        let filler_ok = field == Field::PersonalNumber && unused;
        DigitCheck {
            field,
            found: char::from(found),
            computed,
            ok: found == b'0' + computed || (filler_ok && found == b'<'),
        }
    }

    pub fn ok(&self) -> bool {
        self.ok
    }
}

/// Why a text is not an MRZ of any ICAO 9303 layout.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Malformed {
    #[error("it is empty")]
    Empty,
    #[error("it is {bytes} bytes long, longer than any MRZ")]
    TooLong { bytes: usize },
    #[error("it has {lines} line(s), not 2 or 3")]
    LineCount { lines: usize },
    #[error("line {line}, column {column}: `{found}` is not one of A–Z 0–9 <")]
    Character {
        line: usize,
        column: usize,
        found: char,
    },
    #[error(
        "its lines are {} characters long; the layouts are 3×30 (TD1), 2×36 (TD2, MRV-B) and 2×44 (TD3, MRV-A)",
        .lengths.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")
    )]
    Lengths { lengths: Vec<usize> },
    #[error("its document code starts with `{found}`, not a letter")]
    DocumentCode { found: char },
}

/// What kind of document a zone's document code names (ICAO 9303 Parts 4–7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// `P…`
    Passport,
    /// `I…`, `A…`, `C…`: identity cards and other official travel cards.
    IdCard,
    /// `V…`
    Visa,
    /// Any other letter: an issuer's own code.
    Other,
}

impl DocumentKind {
    /// The submission's `document.type` this kind would be selected as.
    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::Passport => "passport",
            DocumentKind::IdCard => "id_card",
            DocumentKind::Visa => "visa",
            DocumentKind::Other => "other",
        }
    }
}

/// The primary and secondary identifiers as printed (components joined by `<`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name<'a> {
    pub surname: &'a str,
    pub given_names: &'a str,
    /// The name field is full to its last character, so the issuer may have cut it short.
    pub truncated: bool,
}

impl<'a> Name<'a> {
    fn read(field: &'a str) -> Name<'a> {
        let used = field.trim_end_matches('<');
        let (surname, given_names) = match used.split_once("<<") {
            Some((s, g)) => (s, g.trim_start_matches('<')),
            None => (used, ""),
        };
        Name {
            surname,
            given_names,
            truncated: !field.ends_with('<'),
        }
    }
}

/// A document number: nine characters, and for longer numbers (TD1, TD2) the rest, read from
/// the optional data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentNumber<'a> {
    head: &'a str,
    tail: &'a str,
}

impl fmt::Display for DocumentNumber<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.tail.is_empty() {
            f.write_str(self.head.trim_end_matches('<'))
        } else {
            write!(f, "{}{}", self.head, self.tail)
        }
    }
}

/// A zone read from text: every field as printed, and every check digit's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone<'a> {
    pub format: Format,
    /// Two characters, e.g. `P<`, `ID`, `VC`.
    pub document_code: &'a str,
    /// Three characters, padded with `<` (Germany is `D<<`).
    pub issuing_state: &'a str,
    pub name: Name<'a>,
    pub document_number: DocumentNumber<'a>,
    pub nationality: &'a str,
    /// YYMMDD as printed; `<` may stand for an unknown part.
    pub birth_date: &'a str,
    /// `F`, `M`, `X` or `<` as printed.
    pub sex: char,
    /// YYMMDD as printed.
    pub expiry_date: &'a str,
    /// The optional data fields as printed (TD1 has two; the others one, the second empty).
    pub optional: [&'a str; 2],
    /// By `Field` order; None where the layout has no such check digit.
    checks: [Option<DigitCheck>; 5],
}

impl Zone<'_> {
    pub fn kind(&self) -> DocumentKind {
        match self.document_code.as_bytes().first() {
            _ if matches!(self.format, Format::MrvA | Format::MrvB) => DocumentKind::Visa,
            Some(b'V') => DocumentKind::Visa,
            Some(b'P') => DocumentKind::Passport,
            Some(b'I' | b'A' | b'C') => DocumentKind::IdCard,
            _ => DocumentKind::Other,
        }
    }

    /// Every check digit of the layout, in `Field` order.
    pub fn checks(&self) -> impl Iterator<Item = DigitCheck> + '_ {
        self.checks.iter().flatten().copied()
    }

    pub fn check(&self, field: Field) -> Option<DigitCheck> {
        self.checks[field as usize]
    }

    /// Every check digit is right.
    pub fn is_valid(&self) -> bool {
        self.checks().all(|c| c.ok())
    }
}

/// Reads `text` as an MRZ: lines separated by `\n` (a `\r` before it and one final line break
/// are tolerated, as capture systems add them), each line only `A–Z 0–9 <`, in one of the
/// ICAO 9303 layouts. Check digits are computed, not enforced: a wrong one is in the result.
pub fn parse(text: &str) -> Result<Zone<'_>, Malformed> {
    if text.len() > MAX_ZONE_BYTES {
        return Err(Malformed::TooLong { bytes: text.len() });
    }
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    if text.is_empty() {
        return Err(Malformed::Empty);
    }
    let mut lines = [""; 3];
    let mut count = 0;
    for line in text.split('\n') {
        if let Some(slot) = lines.get_mut(count) {
            *slot = line.strip_suffix('\r').unwrap_or(line);
        }
        count += 1;
    }
    if !(2..=3).contains(&count) {
        return Err(Malformed::LineCount { lines: count });
    }
    for (i, line) in lines[..count].iter().enumerate() {
        if let Some(col) = line.bytes().position(|b| char_value(b).is_none()) {
            // Every byte before `col` is ASCII, so `col` starts a character.
            let found = line[col..].chars().next().unwrap_or('\u{fffd}');
            return Err(Malformed::Character {
                line: i + 1,
                column: col + 1,
                found,
            });
        }
    }
    let [a, b, c] = lines;
    let (card, visa) = match (count, a.len(), b.len(), c.len()) {
        (3, 30, 30, 30) => (Format::Td1, Format::Td1),
        (2, 36, 36, _) => (Format::Td2, Format::MrvB),
        (2, 44, 44, _) => (Format::Td3, Format::MrvA),
        _ => {
            return Err(Malformed::Lengths {
                lengths: lines[..count].iter().map(|l| l.len()).collect(),
            });
        }
    };
    // Every line is now ASCII of its layout's length: slicing by position cannot fail.
    let first = a.as_bytes()[0];
    if !first.is_ascii_uppercase() {
        return Err(Malformed::DocumentCode {
            found: char::from(first),
        });
    }
    let format = if first == b'V' { visa } else { card };
    Ok(match format {
        Format::Td1 => td1(a, b, c),
        format => two_lines(format, a, b),
    })
}

/// The document number and its check. When the check digit position holds `<` on a TD1 or
/// TD2 zone, the number is longer than nine characters: it goes on at the start of the
/// optional data up to the first `<`, and the character before that `<` is the check digit
/// over the whole number (ICAO 9303 Part 5, 4.2.2, note j; Part 6, 4.2.2).
fn document_number<'a>(
    head: &'a str,
    digit: u8,
    optional: &'a str,
    may_continue: bool,
) -> (DocumentNumber<'a>, DigitCheck) {
    let plain = |found| {
        (
            DocumentNumber { head, tail: "" },
            DigitCheck::new(Field::DocumentNumber, &[head.as_bytes()], found),
        )
    };
    if !(may_continue && digit == b'<') {
        return plain(digit);
    }
    let end = optional.find('<').unwrap_or(optional.len());
    match end.checked_sub(1) {
        // Nothing follows: the `<` stands where a digit belongs.
        None => plain(b'<'),
        Some(last) => {
            let tail = &optional[..last];
            let check = DigitCheck::new(
                Field::DocumentNumber,
                &[head.as_bytes(), tail.as_bytes()],
                optional.as_bytes()[last],
            );
            (DocumentNumber { head, tail }, check)
        }
    }
}

/// A layout's check digits, by `Field` order.
struct Checks([Option<DigitCheck>; 5]);

impl Checks {
    fn of(number: DigitCheck) -> Checks {
        Checks([None; 5]).set(number)
    }

    fn with(self, field: Field, parts: &[&[u8]], found: u8) -> Checks {
        self.set(DigitCheck::new(field, parts, found))
    }

    fn set(mut self, check: DigitCheck) -> Checks {
        self.0[check.field as usize] = Some(check);
        self
    }
}

fn td1<'a>(l1: &'a str, l2: &'a str, l3: &'a str) -> Zone<'a> {
    let (b1, b2) = (l1.as_bytes(), l2.as_bytes());
    let (number, number_check) = document_number(&l1[5..14], b1[14], &l1[15..30], true);
    let checks = Checks::of(number_check)
        .with(Field::DateOfBirth, &[&b2[0..6]], b2[6])
        .with(Field::ExpiryDate, &[&b2[8..14]], b2[14])
        .with(
            Field::Composite,
            &[&b1[5..30], &b2[0..7], &b2[8..15], &b2[18..29]],
            b2[29],
        );
    Zone {
        format: Format::Td1,
        document_code: &l1[0..2],
        issuing_state: &l1[2..5],
        name: Name::read(l3),
        document_number: number,
        nationality: &l2[15..18],
        birth_date: &l2[0..6],
        sex: char::from(b2[7]),
        expiry_date: &l2[8..14],
        optional: [&l1[15..30], &l2[18..29]],
        checks: checks.0,
    }
}

/// TD2, TD3 and the visas share line 2 up to the expiry date's check digit.
fn two_lines<'a>(format: Format, l1: &'a str, l2: &'a str) -> Zone<'a> {
    let b2 = l2.as_bytes();
    let optional_end = match format {
        Format::Td3 => 42,
        Format::Td2 => 35,
        _ => l2.len(),
    };
    let optional = &l2[28..optional_end];
    let (number, number_check) = document_number(&l2[0..9], b2[9], optional, format == Format::Td2);
    let mut checks = Checks::of(number_check)
        .with(Field::DateOfBirth, &[&b2[13..19]], b2[19])
        .with(Field::ExpiryDate, &[&b2[21..27]], b2[27]);
    if format == Format::Td3 {
        checks = checks.with(Field::PersonalNumber, &[&b2[28..42]], b2[42]);
    }
    if matches!(format, Format::Td2 | Format::Td3) {
        let last = l2.len() - 1;
        checks = checks.with(
            Field::Composite,
            &[&b2[0..10], &b2[13..20], &b2[21..last]],
            b2[last],
        );
    }
    Zone {
        format,
        document_code: &l1[0..2],
        issuing_state: &l1[2..5],
        name: Name::read(&l1[5..]),
        document_number: number,
        nationality: &l2[10..13],
        birth_date: &l2[13..19],
        sex: char::from(b2[20]),
        expiry_date: &l2[21..27],
        optional: [optional, ""],
        checks: checks.0,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn check_digit_positions_hold_the_printed_digits() {
        use super::*;
        let zones = [
            "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ];
        for text in zones {
            let zone = parse(text).unwrap();
            let lines: Vec<&[u8]> = text.lines().map(str::as_bytes).collect();
            for c in zone.checks() {
                let (l, col) = zone.format.check_digit_position(c.field).unwrap();
                assert_eq!(
                    char::from(lines[l][col]),
                    c.found,
                    "{:?} {:?}",
                    zone.format,
                    c.field
                );
            }
        }
    }
    use super::*;

    const TD3: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
    const TD1: &str = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<";
    const TD2: &str = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6";
    const MRVA: &str = "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<";
    const MRVB: &str = "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nL8988901C4XXX7408122F9612109<<<<<<<<";

    fn failed(z: &Zone<'_>) -> Vec<&'static str> {
        z.checks()
            .filter(|c| !c.ok())
            .map(|c| c.field.code())
            .collect()
    }

    #[test]
    fn reads_the_icao_specimens_of_every_layout() {
        let z = parse(TD3).unwrap();
        assert_eq!(z.format, Format::Td3);
        assert_eq!(z.kind(), DocumentKind::Passport);
        assert_eq!((z.document_code, z.issuing_state), ("P<", "UTO"));
        assert_eq!(
            (z.name.surname, z.name.given_names),
            ("ERIKSSON", "ANNA<MARIA")
        );
        assert!(!z.name.truncated);
        assert_eq!(z.document_number.to_string(), "L898902C3");
        assert_eq!(
            (z.birth_date, z.sex, z.expiry_date),
            ("740812", 'F', "120415")
        );
        assert_eq!(z.optional[0], "ZE184226B<<<<<");
        assert!(z.is_valid());
        assert_eq!(z.checks().count(), 5);

        let z = parse(TD1).unwrap();
        assert_eq!((z.format, z.kind()), (Format::Td1, DocumentKind::IdCard));
        assert_eq!(z.document_number.to_string(), "D23145890");
        assert_eq!(z.nationality, "UTO");
        assert!(z.is_valid(), "{:?}", failed(&z));
        assert_eq!(z.check(Field::PersonalNumber), None);

        let z = parse(TD2).unwrap();
        assert_eq!(z.format, Format::Td2);
        assert!(z.is_valid(), "{:?}", failed(&z));

        for (text, format) in [(MRVA, Format::MrvA), (MRVB, Format::MrvB)] {
            let z = parse(text).unwrap();
            assert_eq!((z.format, z.kind()), (format, DocumentKind::Visa));
            assert_eq!(z.document_number.to_string(), "L8988901C");
            assert_eq!(z.nationality, "XXX");
            assert_eq!(z.check(Field::Composite), None);
            assert!(z.is_valid(), "{format:?}: {:?}", failed(&z));
        }
    }

    #[test]
    fn names_each_failing_check_digit() {
        let text = TD3.replace("7408122F", "7408127F");
        let z = parse(&text).unwrap();
        assert_eq!(failed(&z), ["date_of_birth", "composite"]);
        let dob = z.check(Field::DateOfBirth).unwrap();
        assert_eq!((dob.found, dob.computed), ('7', 2));
        // A letter where a digit belongs is a wrong digit, not a malformed zone.
        let text = TD3.replace("C36UTO", "C3XUTO");
        let z = parse(&text).unwrap();
        assert_eq!(failed(&z), ["document_number", "composite"]);
        // An unused personal number may carry `<` for its check digit; a used one may not.
        let empty = TD3.replace("ZE184226B<<<<<1", "<<<<<<<<<<<<<<<");
        let z = parse(&empty).unwrap();
        assert_eq!(z.check(Field::PersonalNumber).map(|c| c.ok()), Some(true));
        let text = TD3.replace("B<<<<<1", "B<<<<<<");
        let z = parse(&text).unwrap();
        assert_eq!(z.check(Field::PersonalNumber).map(|c| c.ok()), Some(false));
    }

    #[test]
    fn long_document_numbers_continue_into_the_optional_data() {
        // Portugal: 007666667 + ZZ0, check digit 0 after it (ICAO 9303 Part 5 note j).
        let pt = "I<PRT007666667<ZZ00<<<<<<<<<<<\n8303143M3405293PRT<<<<<<<<<<<4\nCACADOR<DE<ARAUJO<<ANDRE<ESTEV";
        let z = parse(pt).unwrap();
        assert_eq!(z.document_number.to_string(), "007666667ZZ0");
        assert!(z.is_valid(), "{:?}", failed(&z));
        assert!(z.name.truncated);
        assert_eq!(z.name.given_names, "ANDRE<ESTEV");
        // A `<` in the digit's place with nothing after it is a wrong check digit.
        let bare = "I<UTOD23145890<<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<";
        let z = parse(bare).unwrap();
        assert_eq!(z.check(Field::DocumentNumber).map(|c| c.ok()), Some(false));
    }

    #[test]
    fn the_writers_output_reads_back() {
        use crate::mrz::{ZoneData, write_td1, write_td3};
        use crate::testing::date as d;
        let mut data = ZoneData {
            document_code: "ID".into(),
            issuing_country: "LVA".into(),
            surname: "Bērziņa".into(),
            given_names: "Kristīne".into(),
            number: "PA1234567".into(),
            nationality: "LVA".into(),
            date_of_birth: d(1988, 2, 29),
            sex: 'F',
            expiry: d(2031, 6, 30),
            optional: String::new(),
        };
        let td1 = write_td1(&data);
        let z = parse(&td1).unwrap();
        assert!(z.is_valid(), "{td1}");
        assert_eq!(z.name.surname, "BERZINA");
        data.number = "PA12345678901".into();
        let long = write_td1(&data);
        let z = parse(&long).unwrap();
        assert_eq!(z.document_number.to_string(), "PA12345678901");
        assert!(z.is_valid(), "{long}");
        data.document_code = "P".into();
        let td3 = write_td3(&data);
        let z = parse(&td3).unwrap();
        assert_eq!(z.format, Format::Td3);
        assert!(z.is_valid());
    }

    #[test]
    fn malformed_zones_say_what_is_wrong() {
        let err = |t: &str| parse(t).unwrap_err();
        assert_eq!(err(""), Malformed::Empty);
        assert_eq!(err("\n"), Malformed::Empty);
        assert_eq!(
            err(&"A".repeat(10_000)),
            Malformed::TooLong { bytes: 10_000 }
        );
        assert_eq!(err("P<UTO"), Malformed::LineCount { lines: 1 });
        assert_eq!(err("A\nB\nC\nD"), Malformed::LineCount { lines: 4 });
        assert_eq!(
            err(&TD3.to_lowercase()).to_string(),
            "line 1, column 1: `p` is not one of A–Z 0–9 <"
        );
        assert_eq!(
            err(&TD3.replace("ERIKSSON", "ERİKSSON")),
            Malformed::Character {
                line: 1,
                column: 8,
                found: 'İ'
            }
        );
        assert_eq!(
            err(&TD3.replace('\n', " \n")),
            Malformed::Character {
                line: 1,
                column: 45,
                found: ' '
            }
        );
        assert_eq!(
            err(&TD3[..TD3.len() - 1]),
            Malformed::Lengths {
                lengths: vec![44, 43]
            }
        );
        assert_eq!(
            err(&format!("{TD3}\n{}", &TD3[..30])),
            Malformed::Lengths {
                lengths: vec![44, 44, 30]
            }
        );
        assert!(matches!(
            err(&TD1.replacen('I', "1", 1)),
            Malformed::DocumentCode { found: '1' }
        ));
        assert!(matches!(
            err(&TD1.replacen('I', "<", 1)),
            Malformed::DocumentCode { found: '<' }
        ));
        assert!(err("\u{0}\n\u{0}").to_string().contains("column 1"));
        // Line breaks as capture systems write them are tolerated.
        assert!(parse(&format!("{}\r\n", TD3.replace('\n', "\r\n"))).is_ok());
    }
}
