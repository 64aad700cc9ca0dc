//! ICAO 9303 machine-readable zones: reading and validating them (`parse`), the dates and
//! names they hold (`dates`, `names`), and writing TD1 / TD3 zones for the demo (`write`).

mod dates;
mod names;
mod parse;
mod write;

pub use dates::{birth_date, expiry_date};
pub use names::{mrz_form, name_matches, transliterate};
pub use parse::{
    DigitCheck, DocumentKind, DocumentNumber, Field, Format, MAX_ZONE_BYTES, Malformed, Name, Zone,
    parse,
};
pub use write::{ZoneData, field, name_field, write_td1, write_td3, yymmdd};

/// The value of one MRZ character in a check digit: digits as themselves, `A`–`Z` as 10–35,
/// the filler `<` as 0; None outside the MRZ alphabet.
fn char_value(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some(u32::from(b - b'0')),
        b'A'..=b'Z' => Some(u32::from(b - b'A') + 10),
        b'<' => Some(0),
        _ => None,
    }
}

/// The check digit over `parts` read as one run of characters (weights 7, 3, 1 repeating
/// across the parts, as the composite check digit needs), or None when a character is outside
/// the MRZ alphabet.
fn digit_over(parts: &[&[u8]]) -> Option<u8> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let mut sum = 0u32;
    let mut i = 0usize;
    for part in parts {
        for &b in *part {
            sum += char_value(b)? * WEIGHTS[i % 3];
            i += 1;
        }
    }
    Some((sum % 10) as u8)
}

/// The ICAO 9303 check digit of `field` (weights 7, 3, 1; `<` counts 0), or None when the
/// field holds a character outside `A–Z 0–9 <`.
pub fn check_digit(field: &str) -> Option<u8> {
    digit_over(&[field.as_bytes()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_of_icao_specimen() {
        assert_eq!(check_digit("L898902C3"), Some(6));
        assert_eq!(check_digit("740812"), Some(2));
        assert_eq!(check_digit("120415"), Some(9));
        assert_eq!(check_digit("L89890-C3"), None);
        assert_eq!(check_digit(""), Some(0));
        assert_eq!(check_digit("<<<<<<"), Some(0));
        // Weights run on across parts: the composite is computed over pieces of a line.
        assert_eq!(
            digit_over(&[b"L898902C36", b"7408122", b"1204159ZE184226B<<<<<1"]),
            Some(0)
        );
    }
}
