//! Names as ICAO 9303 writes them: upper case, `<` for spaces and hyphens, national letters
//! transliterated (Part 3, section 6), and comparing a declared name with the MRZ's.

/// National letters and their MRZ spellings, the recommended one first. Where ICAO 9303
/// Part 3 gives a choice (Ä → AE or A, Ü → UE, UXX or U, Ñ → N or NXX…) issuers use either, so
/// a comparison accepts each.
const TABLE: &[(&str, &[&str])] = &[
    ("Ä", &["AE", "A"]),
    ("Å", &["AA", "A"]),
    ("Æ", &["AE"]),
    ("ÖØ", &["OE", "O"]),
    ("Œ", &["OE"]),
    ("Ü", &["UE", "UXX", "U"]),
    ("Ñ", &["N", "NXX"]),
    ("ẞ", &["SS"]),
    ("Þ", &["TH"]),
    ("Ĳ", &["IJ"]),
    ("ÀÁÂÃĀĂĄ", &["A"]),
    ("ÇĆĈĊČ", &["C"]),
    ("ĎĐÐ", &["D"]),
    ("ÈÉÊËĒĔĖĘĚ", &["E"]),
    ("ĜĞĠĢ", &["G"]),
    ("ĤĦ", &["H"]),
    ("ÌÍÎÏĨĪĬĮİ", &["I"]),
    ("Ĵ", &["J"]),
    ("Ķ", &["K"]),
    ("ĹĻĽĿŁ", &["L"]),
    ("ŃŅŇŊ", &["N"]),
    ("ÒÓÔÕŌŎŐ", &["O"]),
    ("ŔŖŘ", &["R"]),
    ("ŚŜŞŠȘ", &["S"]),
    ("ŢŤŦȚ", &["T"]),
    ("ÙÚÛŨŪŬŮŰŲ", &["U"]),
    ("Ŵ", &["W"]),
    ("ÝŸŶ", &["Y"]),
    ("ŹŻŽ", &["Z"]),
];

const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// What one upper-case character of a name becomes in the MRZ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// Written as one of these spellings.
    Spelled(&'static [&'static str]),
    /// Written as itself.
    Plain(&'static str),
    /// A space, hyphen or comma: the `<` between name components.
    Separator,
    /// Punctuation such as an apostrophe or a full stop: left out.
    Dropped,
    /// A letter of another script, which this table cannot write.
    Unknown,
}

fn unit(c: char) -> Unit {
    if let Some(i) = ALPHABET.find(c) {
        return Unit::Plain(&ALPHABET[i..i + 1]);
    }
    match c {
        ' ' | '-' | ',' | '<' => Unit::Separator,
        _ => match TABLE.iter().find(|(from, _)| from.contains(c)) {
            Some((_, to)) => Unit::Spelled(to),
            None if c.is_alphanumeric() => Unit::Unknown,
            None => Unit::Dropped,
        },
    }
}

impl Unit {
    fn spellings(&self) -> &[&'static str] {
        match self {
            Unit::Spelled(s) => s,
            Unit::Plain(p) => std::slice::from_ref(p),
            _ => &[],
        }
    }

    fn recommended(&self) -> &'static str {
        match self {
            Unit::Separator => "<",
            Unit::Spelled(s) => s.first().copied().unwrap_or(""),
            Unit::Plain(p) => p,
            Unit::Dropped | Unit::Unknown => "",
        }
    }
}

/// The recommended MRZ spelling of one upper-case character: e.g. Ä → AE, Å → AA, ß → SS;
/// spaces and hyphens become `<`; punctuation and letters of other scripts are left out.
pub fn transliterate(c: char) -> &'static str {
    unit(c).recommended()
}

/// The characters of `name` as MRZ units: upper-cased, punctuation left out, runs of
/// separators collapsed to one and none at either end.
fn units(name: &str) -> impl Iterator<Item = Unit> + '_ {
    let mut pending_separator = false;
    let mut started = false;
    name.chars()
        .flat_map(char::to_uppercase)
        .map(unit)
        .filter(|u| *u != Unit::Dropped)
        .flat_map(move |u| {
            let mut out = [None, None];
            if u == Unit::Separator {
                pending_separator = started;
            } else {
                if pending_separator {
                    out[0] = Some(Unit::Separator);
                    pending_separator = false;
                }
                out[1] = Some(u);
                started = true;
            }
            out.into_iter().flatten()
        })
}

/// `name` in the MRZ alphabet with the recommended spellings (`Bērziņa` → `BERZINA`,
/// `Anna Maria` → `ANNA<MARIA`), or None when it holds letters of another script.
pub fn mrz_form(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    for u in units(name) {
        match u {
            Unit::Unknown => return None,
            u => out.push_str(u.recommended()),
        }
    }
    Some(out)
}

/// Whether the declared `declared` name part (as the applicant or the visual zone writes it)
/// is written `mrz` in a zone: any ICAO spelling of each letter, `<` for spaces and hyphens.
/// When the zone's name field is full (`truncated`), the zone may have cut the name short,
/// down to initials (ICAO 9303 Part 3, 4.6.3): then each MRZ component needs only be the start
/// of the declared one, and components may be missing at the end.
///
/// None when `declared` holds letters of another script: the two cannot be compared here.
pub fn name_matches(declared: &str, mrz: &str, truncated: bool) -> Option<bool> {
    let m = mrz.as_bytes();
    // Reachable positions in `mrz` as bits; an MRZ name part is at most 39 characters.
    if m.len() >= 64 {
        return Some(false);
    }
    let mut reach: u64 = 1;
    for u in units(declared) {
        let mut next = 0u64;
        let mut bits = reach;
        while bits != 0 {
            let j = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let rest = &m[j..];
            match u {
                Unit::Unknown => return None,
                Unit::Separator => {
                    let fillers = rest.iter().take_while(|&&b| b == b'<').count();
                    if fillers > 0 {
                        next |= 1 << (j + fillers);
                    }
                }
                u => {
                    for s in u.spellings() {
                        if rest.starts_with(s.as_bytes()) {
                            next |= 1 << (j + s.len());
                        }
                    }
                }
            }
            // Truncation drops the rest of a component (at a `<`) or of the whole name.
            if truncated && (rest.is_empty() || (u != Unit::Separator && rest[0] == b'<')) {
                next |= 1 << j;
            }
        }
        if next == 0 {
            // A later letter of another script would not change the verdict.
            return Some(false);
        }
        reach = next;
    }
    Some(reach & (1 << m.len()) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(declared: &str, mrz: &str) -> bool {
        name_matches(declared, mrz, false) == Some(true)
    }

    #[test]
    fn both_icao_spellings_of_national_letters_match() {
        for mrz in ["MUELLER", "MULLER", "MUXXLLER"] {
            assert!(matches("Müller", mrz), "{mrz}");
        }
        assert!(!matches("Müller", "MUELER"));
        assert!(!matches("Müller", "MILLER"));
        assert!(matches("BĒRZIŅA", "BERZINA"));
        assert!(matches("Åström", "AASTROEM"));
        assert!(matches("Åström", "ASTROM"));
        assert!(matches("Øvergård", "OEVERGAARD"));
        assert!(matches("Øvergård", "OVERGARD"));
        assert!(matches("Straße", "STRASSE"));
        assert!(matches("Peña", "PENA"));
        assert!(matches("Peña", "PENXXA"));
        assert!(matches("Ștefănescu", "STEFANESCU"));
        assert!(matches("Þórsdóttir", "THORSDOTTIR"));
        // A `UE` in the name is not an `Ü`: the simple form cannot drop its `E`.
        assert!(!matches("Mueller", "MULLER"));
    }

    #[test]
    fn spaces_hyphens_and_punctuation_are_written_as_icao_does() {
        assert!(matches("Anna Maria", "ANNA<MARIA"));
        assert!(matches("  anna   maria ", "ANNA<MARIA"));
        assert!(matches("Marie-Claire", "MARIE<CLAIRE"));
        assert!(matches("O'Neil", "ONEIL"));
        assert!(matches("ANNA<MARIA", "ANNA<MARIA"));
        assert!(!matches("Anna Maria", "ANNAMARIA"));
        assert!(!matches("Anna", "ANNA<MARIA"));
        assert!(matches("", ""));
        assert!(!matches("", "ANNA"));
    }

    #[test]
    fn a_truncated_name_matches_its_full_form() {
        let t = |d, m| name_matches(d, m, true) == Some(true);
        assert!(t("André Estevão", "ANDRE<ESTEV"));
        assert!(t("John Albert Paul", "JOHN<A<P"));
        assert!(t("Wolfeschlegelsteinhausen", "WOLFESCHLEGELSTEIN"));
        assert!(t("Anything", ""));
        assert!(!t("André Estevão", "ANDRE<ESTEVX"));
        assert!(!t("Anna", "ANNA<MARIA"));
        // Not full, so not truncated: the full form is needed.
        assert!(!matches("André Estevão", "ANDRE<ESTEV"));
    }

    #[test]
    fn other_scripts_cannot_be_compared() {
        assert_eq!(name_matches("Иван", "IVAN", false), None);
        assert_eq!(mrz_form("Иван"), None);
        assert_eq!(mrz_form("Bērziņa-Ozola").as_deref(), Some("BERZINA<OZOLA"));
        assert_eq!(mrz_form(" Åsa  Öberg ").as_deref(), Some("AASA<OEBERG"));
    }

    #[test]
    fn hostile_names_do_not_blow_up() {
        let long = "Ü".repeat(10_000);
        assert_eq!(name_matches(&long, &"U".repeat(39), false), Some(false));
        assert_eq!(name_matches("A", &"A".repeat(64), false), Some(false));
        // Two spellings at every letter: the search stays linear, not exponential.
        assert_eq!(
            name_matches(&"ÄE".repeat(19), &"AE".repeat(19), false),
            Some(true)
        );
        assert_eq!(
            name_matches(&"Ä".repeat(39), &"A".repeat(38), false),
            Some(false)
        );
        assert_eq!(name_matches("\u{0}\u{202e}", "", false), Some(true));
    }
}
