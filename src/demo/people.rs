//! Invented applicants: names, countries and birth dates drawn per seed.

use super::face::FaceParams;
use crate::submission::Sex;
use chrono::NaiveDate;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

pub struct Country {
    pub code: &'static str,
    pub name: &'static str,
    pub locale: &'static str,
    /// Document colours: background top and bottom, accent.
    pub palette: [[u8; 3]; 3],
    female: &'static [&'static str],
    male: &'static [&'static str],
    /// Surnames; Latvian and Lithuanian ones take a feminine form, listed as (masculine, feminine).
    surnames: &'static [(&'static str, &'static str)],
}

pub const COUNTRIES: &[Country] = &[
    Country {
        code: "UTO",
        name: "UTOPIA",
        locale: "en",
        palette: [[222, 232, 240], [188, 208, 228], [40, 70, 120]],
        female: &["ANNA MARIA", "CLARA", "EMILY ROSE", "GRACE"],
        male: &["JOHN PAUL", "OSCAR", "THOMAS", "HENRY"],
        surnames: &[
            ("ERIKSSON", "ERIKSSON"),
            ("MORGAN", "MORGAN"),
            ("BLACKWOOD", "BLACKWOOD"),
        ],
    },
    Country {
        code: "LVA",
        name: "LATVIJAS REPUBLIKA",
        locale: "lv",
        palette: [[240, 228, 230], [214, 190, 196], [140, 30, 50]],
        female: &["ANNA", "LĪGA", "ILZE", "KRISTĪNE", "MĀRA"],
        male: &["JĀNIS", "ANDRIS", "MĀRTIŅŠ", "EDGARS", "ROBERTS"],
        surnames: &[
            ("BĒRZIŅŠ", "BĒRZIŅA"),
            ("KALNIŅŠ", "KALNIŅA"),
            ("OZOLS", "OZOLA"),
            ("LIEPIŅŠ", "LIEPIŅA"),
        ],
    },
    Country {
        code: "EST",
        name: "EESTI VABARIIK",
        locale: "et",
        palette: [[226, 236, 246], [196, 214, 236], [20, 90, 160]],
        female: &["KADRI", "MARI-LIIS", "TIINA"],
        male: &["TOOMAS", "MARGUS", "PRIIT"],
        surnames: &[("TAMM", "TAMM"), ("SAAR", "SAAR"), ("MÄGI", "MÄGI")],
    },
    Country {
        code: "FIN",
        name: "SUOMI FINLAND",
        locale: "fi",
        palette: [[232, 240, 250], [204, 220, 240], [0, 53, 128]],
        female: &["AINO", "LAURA", "SAARA"],
        male: &["MIKKO", "JUHA", "ANTTI"],
        surnames: &[
            ("MÄKINEN", "MÄKINEN"),
            ("KORHONEN", "KORHONEN"),
            ("NIEMINEN", "NIEMINEN"),
        ],
    },
    Country {
        code: "SWE",
        name: "SVERIGE SWEDEN",
        locale: "sv",
        palette: [[236, 240, 222], [214, 222, 190], [0, 90, 150]],
        female: &["ÅSA", "INGRID", "ELSA"],
        male: &["BJÖRN", "LARS", "ERIK"],
        surnames: &[
            ("ÖBERG", "ÖBERG"),
            ("LINDQVIST", "LINDQVIST"),
            ("ÅSTRÖM", "ÅSTRÖM"),
        ],
    },
    Country {
        code: "JPN",
        name: "JAPAN",
        locale: "ja",
        palette: [[246, 236, 238], [230, 210, 214], [150, 20, 40]],
        female: &["HANAKO", "YUKI", "AIKO"],
        male: &["TARO", "HIROSHI", "KENJI"],
        surnames: &[("YAMADA", "YAMADA"), ("SATO", "SATO"), ("TANAKA", "TANAKA")],
    },
    Country {
        code: "FRA",
        name: "RÉPUBLIQUE FRANÇAISE",
        locale: "fr",
        palette: [[232, 236, 244], [210, 216, 232], [0, 35, 149]],
        female: &["MARIE-CLAIRE", "CHLOÉ", "JULIETTE"],
        male: &["FRANÇOIS", "LUC", "THÉO"],
        surnames: &[
            ("DUPONT", "DUPONT"),
            ("LEFÈVRE", "LEFÈVRE"),
            ("GARÇON", "GARÇON"),
        ],
    },
];

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub given_names: String,
    pub surname: String,
    pub sex: Sex,
    pub date_of_birth: NaiveDate,
    pub country: &'static str,
    pub face: FaceParams,
}

pub fn country(code: &str) -> &'static Country {
    COUNTRIES
        .iter()
        .find(|c| c.code == code)
        .unwrap_or(&COUNTRIES[0])
}

/// A new person from `country`, born between 1950 and 2000.
pub fn person(rng: &mut ChaCha8Rng, country: &'static Country) -> Person {
    let female = rng.random_bool(0.5);
    let given = if female { country.female } else { country.male };
    let (m, f) = country.surnames[rng.random_range(0..country.surnames.len())];
    let dob = NaiveDate::from_ymd_opt(
        rng.random_range(1950..2000),
        rng.random_range(1..=12),
        rng.random_range(1..=28),
    )
    .unwrap_or_default();
    Person {
        given_names: given[rng.random_range(0..given.len())].to_owned(),
        surname: if female { f } else { m }.to_owned(),
        sex: if female { Sex::F } else { Sex::M },
        date_of_birth: dob,
        country: country.code,
        face: FaceParams::random(rng, female),
    }
}

pub fn sex_char(s: Sex) -> char {
    match s {
        Sex::F => 'F',
        Sex::M => 'M',
        Sex::X => '<',
    }
}
