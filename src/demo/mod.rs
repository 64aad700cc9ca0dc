//! The demo generator: realistic synthetic bundles, deterministic per seed, with clean cases
//! and cases carrying every flaw that HINTS.md names.

mod capture;
mod document;
mod draw;
mod face;
mod people;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use document::Printed;
use draw::Fonts;
use image::RgbImage;
use people::Person;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde_json::json;
use std::path::Path;

/// What is wrong with a demo case, one per hint code of HINTS.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    Clean,
    UnsupportedFile,
    UnreadableFile,
    MissingSelfie,
    LowResolution,
    Blurred,
    Glare,
    Underexposed,
    Overexposed,
    Greyscale,
    EditedExif,
    Screenshot,
    SelfieReused,
    Expired,
    TypeUnsupported,
    WrongDocumentType,
    CountryUnsupported,
    MrzMalformed,
    CheckDigit,
    MrzMismatch,
    Underage,
    NoFace,
    TwoFaces,
    FaceMismatch,
    StaticLiveness,
    LivenessIncomplete,
    RepeatAttempt,
    DocumentReused,
}

impl Flaw {
    /// Every flaw, in the order of HINTS.md.
    pub const FLAWED: [Flaw; 27] = [
        Flaw::UnsupportedFile,
        Flaw::UnreadableFile,
        Flaw::MissingSelfie,
        Flaw::LowResolution,
        Flaw::Blurred,
        Flaw::Glare,
        Flaw::Underexposed,
        Flaw::Overexposed,
        Flaw::Greyscale,
        Flaw::EditedExif,
        Flaw::Screenshot,
        Flaw::SelfieReused,
        Flaw::Expired,
        Flaw::TypeUnsupported,
        Flaw::WrongDocumentType,
        Flaw::CountryUnsupported,
        Flaw::MrzMalformed,
        Flaw::CheckDigit,
        Flaw::MrzMismatch,
        Flaw::Underage,
        Flaw::NoFace,
        Flaw::TwoFaces,
        Flaw::FaceMismatch,
        Flaw::StaticLiveness,
        Flaw::LivenessIncomplete,
        Flaw::RepeatAttempt,
        Flaw::DocumentReused,
    ];

    /// The hint code this flaw should raise.
    pub fn hint(self) -> Option<&'static str> {
        Some(match self {
            Flaw::Clean => return None,
            Flaw::UnsupportedFile => "file.unsupported_type",
            Flaw::UnreadableFile => "file.unreadable",
            Flaw::MissingSelfie => "submission.missing_image",
            Flaw::LowResolution => "image.low_resolution",
            Flaw::Blurred => "image.blurry",
            Flaw::Glare => "image.glare",
            Flaw::Underexposed => "image.underexposed",
            Flaw::Overexposed => "image.overexposed",
            Flaw::Greyscale => "image.grayscale",
            Flaw::EditedExif => "image.edited",
            Flaw::Screenshot => "image.screenshot",
            Flaw::SelfieReused => "image.reused",
            Flaw::Expired => "document.expired",
            Flaw::TypeUnsupported => "document.type_unsupported",
            Flaw::WrongDocumentType => "document.type_mismatch",
            Flaw::CountryUnsupported => "document.country_unsupported",
            Flaw::MrzMalformed => "mrz.malformed",
            Flaw::CheckDigit => "mrz.checksum_invalid",
            Flaw::MrzMismatch => "mrz.data_mismatch",
            Flaw::Underage => "applicant.underage",
            Flaw::NoFace => "face.none",
            Flaw::TwoFaces => "face.multiple",
            Flaw::FaceMismatch => "face.mismatch",
            Flaw::StaticLiveness => "liveness.static",
            Flaw::LivenessIncomplete => "liveness.incomplete",
            Flaw::RepeatAttempt => "history.repeat_attempt",
            Flaw::DocumentReused => "history.document_reused",
        })
    }
}

/// Every third case is clean; the others cycle through the flaws, so 41 cases cover them all.
pub fn flaw_of(index: u32) -> Flaw {
    if index.is_multiple_of(3) {
        Flaw::Clean
    } else {
        let n = (index - index / 3 - 1) as usize;
        Flaw::FLAWED[n % Flaw::FLAWED.len()]
    }
}

/// The smallest demo that has a case for every flaw.
pub const FULL_COVERAGE_COUNT: u32 = 41;

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("writing the demo into {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("encoding a demo image: {0}")]
    Image(#[from] image::ImageError),
    #[error("writing demo EXIF: {0}")]
    Exif(#[from] exif::Error),
    #[error("loading the demo font: {0}")]
    Font(#[from] ab_glyph::InvalidFont),
    /// Installed but damaged or another file: the face-mismatch case would silently lose its
    /// hint, so the demo is not written.
    #[error(
        "the demo's stranger photo: {0}; fetch it again with `bash .ci/setup-debian`, or remove it to draw the stranger instead"
    )]
    Stranger(String),
}

/// The invented facts of one case, before any flaw is applied.
struct Plan {
    id: String,
    person: Person,
    doc_type: &'static str,
    number: String,
    issued: NaiveDate,
    expiry: NaiveDate,
    submitted_at: DateTime<Utc>,
    client: &'static str,
    camera: (&'static str, &'static str),
    wall: [u8; 3],
}

/// Mixed into the seed of the selfie's own random numbers (room, framing, sensor noise), so
/// that a case's selfie can be drawn again exactly, as the reused-selfie flaw does.
const SELFIE_SCENE: u64 = 0x5E1F_1E00;

fn rng_for(seed: u64, index: u32) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from(index))
}

fn plan(seed: u64, index: u32, rng: &mut ChaCha8Rng) -> Plan {
    let country = &people::COUNTRIES[rng.random_range(0..people::COUNTRIES.len() - 1)];
    let person = people::person(rng, country);
    let doc_type = if rng.random_bool(0.5) {
        "passport"
    } else {
        "id_card"
    };
    let letters: String = (0..2)
        .map(|_| char::from(b'A' + rng.random_range(0..26u8)))
        .collect();
    let number = format!("{letters}{:07}", rng.random_range(0..10_000_000u32));
    let start = Utc
        .with_ymd_and_hms(2026, 11, 16, 7, 30, 0)
        .single()
        .unwrap_or_default();
    let submitted_at = start + Duration::minutes(i64::from(index) * 47 + rng.random_range(0..30));
    let issued = NaiveDate::from_ymd_opt(
        rng.random_range(2018..2025),
        rng.random_range(1..=12),
        rng.random_range(1..=28),
    )
    .unwrap_or_default();
    let expiry = issued.with_year_offset(10);
    let nordic = ["LVA", "EST", "FIN", "SWE", "UTO"].contains(&country.code);
    Plan {
        id: format!("DEMO-{seed}-{index:04}"),
        person,
        doc_type,
        number,
        issued,
        expiry,
        submitted_at,
        client: if nordic && index % 4 == 1 {
            "nordbank"
        } else {
            "default"
        },
        camera: capture::CAMERAS[rng.random_range(0..capture::CAMERAS.len())],
        wall: capture::WALLS[rng.random_range(0..capture::WALLS.len())],
    }
}

trait YearOffset {
    fn with_year_offset(self, years: i32) -> NaiveDate;
}

impl YearOffset for NaiveDate {
    fn with_year_offset(self, years: i32) -> NaiveDate {
        use chrono::Datelike;
        // 29 February moves to 28 February in a year that lacks it.
        NaiveDate::from_ymd_opt(self.year() + years, self.month(), self.day())
            .or_else(|| NaiveDate::from_ymd_opt(self.year() + years, self.month(), 28))
            .unwrap_or(self)
    }
}

fn zone(p: &Plan, doc_code: &str, person: &Person) -> crate::mrz::ZoneData {
    crate::mrz::ZoneData {
        document_code: doc_code.to_owned(),
        issuing_country: person.country.to_owned(),
        surname: person.surname.clone(),
        given_names: person.given_names.clone(),
        number: p.number.clone(),
        nationality: person.country.to_owned(),
        date_of_birth: person.date_of_birth,
        sex: people::sex_char(person.sex),
        expiry: p.expiry,
        optional: String::new(),
    }
}

/// Files of one bundle, by name.
struct Files(Vec<(String, Vec<u8>)>);

impl Files {
    fn add(&mut self, name: &str, bytes: Vec<u8>) -> String {
        self.0.push((name.to_owned(), bytes));
        name.to_owned()
    }
}

/// Writes `count` bundles into `out`; returns how many were written.
pub fn write_demo(out: &Path, count: u32, seed: u64) -> Result<u32, DemoError> {
    write_demo_cases(out, 0..count, seed)?;
    Ok(count)
}

/// Writes the bundles of cases `indices` into `out` and returns their folders in index
/// order: the window imports the demo a few cases at a time, in order, so that the first
/// are on screen at once and each later one finds the earlier cases it refers to.
pub fn write_demo_cases(
    out: &Path,
    indices: std::ops::Range<u32>,
    seed: u64,
) -> Result<Vec<std::path::PathBuf>, DemoError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| DemoError::Io { path, source }
    };
    std::fs::create_dir_all(out).map_err(io(out))?;
    let fonts = Fonts::load()?;
    // Read and checked only for a range that holds the face-mismatch case: the window draws
    // the demo a few cases at a time.
    let stranger = indices
        .clone()
        .any(|i| flaw_of(i) == Flaw::FaceMismatch)
        .then(stranger_photo)
        .transpose()?
        .flatten();
    // Cases are independent: draw them on every core.
    indices
        .into_par_iter()
        .map(|index| {
            let (json, files) = case(&fonts, stranger.as_ref(), seed, index)?;
            let id = json["id"].as_str().unwrap_or_default().to_owned();
            let tmp = out.join(format!(".{id}.part"));
            let dest = out.join(&id);
            if tmp.exists() {
                std::fs::remove_dir_all(&tmp).map_err(io(&tmp))?;
            }
            std::fs::create_dir_all(&tmp).map_err(io(&tmp))?;
            let text = serde_json::to_vec_pretty(&json).unwrap_or_default();
            std::fs::write(tmp.join("submission.json"), text).map_err(io(&tmp))?;
            for (name, bytes) in &files.0 {
                std::fs::write(tmp.join(name), bytes).map_err(io(&tmp))?;
            }
            if dest.exists() {
                std::fs::remove_dir_all(&dest).map_err(io(&dest))?;
            }
            // A bundle appears whole or not at all, for an importer watching the folder.
            std::fs::rename(&tmp, &dest).map_err(io(&dest))?;
            Ok(dest)
        })
        .collect()
}

/// The photograph of the face-mismatch case's stranger, when it is installed beside the face
/// models (`models::DEMO_STRANGER`); without it that stranger is drawn, and drawn faces are
/// too alike (0.45 apart, against the policy's 0.6) for the case to raise `face.mismatch`.
/// It is looked for beside the loaded models: None when it is not installed, or when the
/// models are not (nothing compares faces then); an error when it is installed but unusable.
pub fn stranger_photo() -> Result<Option<RgbImage>, DemoError> {
    match crate::faces::availability() {
        Ok(models) => stranger_photo_in(models.dir()),
        Err(_) => Ok(None),
    }
}

/// `stranger_photo` from the models folder `dir`.
pub fn stranger_photo_in(dir: &Path) -> Result<Option<RgbImage>, DemoError> {
    use crate::faces::{FaceError, models};
    let bytes = match models::read_verified(dir, models::DEMO_STRANGER) {
        Ok(bytes) => bytes,
        Err(FaceError::Unreadable { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            return Ok(None);
        }
        Err(e) => return Err(DemoError::Stranger(e.to_string())),
    };
    image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
        .map(|photo| Some(photo.to_rgb8()))
        .map_err(|e| {
            let path = dir.join(models::DEMO_STRANGER);
            DemoError::Stranger(format!("{}: {e}", path.display()))
        })
}

/// One case: its submission.json and files.
fn case(
    fonts: &Fonts,
    stranger_photographed: Option<&RgbImage>,
    seed: u64,
    index: u32,
) -> Result<(serde_json::Value, Files), DemoError> {
    let flaw = flaw_of(index);
    let mut rng = rng_for(seed, index);
    let mut p = plan(seed, index, &mut rng);
    let first = plan(seed, 0, &mut rng_for(seed, 0));

    // Facts that the flaw changes before anything is drawn.
    match flaw {
        Flaw::RepeatAttempt => {
            p.person = first.person.clone();
            p.number.clone_from(&first.number);
            p.doc_type = first.doc_type;
            p.issued = first.issued;
            p.expiry = first.expiry;
        }
        Flaw::DocumentReused => p.number.clone_from(&first.number),
        Flaw::Expired => {
            p.expiry = (p.submitted_at.date_naive() - Duration::days(200))
                .max(p.issued + Duration::days(1))
        }
        Flaw::Underage => {
            p.person.date_of_birth =
                p.submitted_at.date_naive().with_year_offset(-16) - Duration::days(40);
        }
        Flaw::CountryUnsupported => {
            let france = people::country("FRA");
            p.person = people::person(&mut rng, france);
            p.client = "nordbank";
        }
        Flaw::WrongDocumentType => p.doc_type = "id_card",
        _ => {}
    }
    let country = people::country(p.person.country);
    let is_card = p.doc_type == "id_card";
    let mrz_code = if is_card { "ID" } else { "P<" };
    let z = zone(&p, mrz_code, &p.person);
    let mut mrz = if is_card {
        crate::mrz::write_td1(&z)
    } else {
        crate::mrz::write_td3(&z)
    };

    // What the applicant declares and what the visual zone shows.
    let mut declared = p.person.clone();
    match flaw {
        Flaw::MrzMismatch => declared.date_of_birth = declared.date_of_birth.with_year_offset(-3),
        Flaw::DocumentReused => {} // another person, someone else's number: drawn as is.
        Flaw::CheckDigit => mrz = corrupt_dob_check_digit(&mrz, is_card),
        Flaw::MrzMalformed => {
            let mut lines: Vec<String> = mrz.lines().map(str::to_owned).collect();
            if let Some(l) = lines.last_mut() {
                l.truncate(l.len() - 6);
                l.push_str("o0");
            }
            mrz = lines.join("\n");
        }
        _ => {}
    }
    let selected_type = match flaw {
        Flaw::WrongDocumentType => "passport",
        Flaw::TypeUnsupported => "driving_licence",
        _ => p.doc_type,
    };

    let printed = Printed {
        person: &declared,
        country,
        number: &p.number,
        expiry: p.expiry,
        issued: p.issued,
        mrz: &mrz,
    };
    let table = [
        150 + rng.random_range(0..40u8),
        110 + rng.random_range(0..30u8),
        80,
    ];
    let (doc_front, doc_back) = if is_card {
        (
            document::id_card_front(fonts, &printed),
            Some(document::id_card_back(fonts, &printed)),
        )
    } else {
        (document::passport_page(fonts, &printed), None)
    };
    let (tw, th) = if is_card { (1280, 860) } else { (1500, 1080) };
    let mut shift = || {
        (
            rng.random_range(-1.0..1.0f32),
            rng.random_range(-1.0..1.0f32),
        )
    };
    let (front_shift, back_shift) = (shift(), shift());
    let mut front = document::on_table(&doc_front, table, tw, th, front_shift);
    draw::noise(&mut front, &mut rng, 5);
    let camera_exif = |software: Option<&str>| capture::exif(p.camera, software);

    let mut files = Files(Vec::new());
    let front_name = match flaw {
        Flaw::UnsupportedFile => files.add("front.heic", capture::heic_like(&mut rng)),
        Flaw::Screenshot => files.add("front.png", capture::png(&capture::screenshot(&doc_front))?),
        Flaw::EditedExif => files.add(
            "front.jpg",
            capture::jpeg(
                &front,
                90,
                Some(camera_exif(Some("Adobe Photoshop 25.1 (Windows)"))?),
            )?,
        ),
        _ => {
            apply_image_flaw(flaw, &mut front);
            files.add(
                "front.jpg",
                capture::jpeg(&front, 88, Some(camera_exif(None)?))?,
            )
        }
    };
    let back_name = match doc_back {
        Some(back) => {
            let mut back = document::on_table(&back, table, tw, th, back_shift);
            draw::noise(&mut back, &mut rng, 5);
            Some(files.add(
                "back.jpg",
                capture::jpeg(&back, 88, Some(camera_exif(None)?))?,
            ))
        }
        None => None,
    };

    // The selfie and liveness frames.
    let (long1, long2) = (rng.random_bool(0.5), rng.random_bool(0.5));
    let stranger = face::FaceParams::random(&mut rng, long1);
    let companion = face::FaceParams::random(&mut rng, long2);
    let me = &p.person.face;
    // The stranger photographed, when the photograph is installed.
    let photographed = stranger_photographed.filter(|_| flaw == Flaw::FaceMismatch);
    let faces: Vec<&face::FaceParams> = match flaw {
        Flaw::NoFace => vec![],
        Flaw::TwoFaces => vec![me, &companion],
        Flaw::FaceMismatch => vec![&stranger],
        _ => vec![me],
    };
    let selfie_name = match flaw {
        Flaw::MissingSelfie => None,
        Flaw::SelfieReused => {
            // Another applicant's selfie, re-encoded: the same picture under a new name.
            let original = plan(seed, 0, &mut rng_for(seed, 0));
            let img = capture::selfie(
                &[&original.person.face],
                720,
                960,
                original.wall,
                0.0,
                &mut rng_for(seed ^ SELFIE_SCENE, 0),
            );
            Some(files.add(
                "selfie.jpg",
                capture::jpeg(&img, 80, Some(camera_exif(None)?))?,
            ))
        }
        _ => {
            let mut scene = rng_for(seed ^ SELFIE_SCENE, index);
            let img = match photographed {
                Some(photo) => capture::photographed(photo, 720, 960, 0.0, &mut scene),
                None => capture::selfie(&faces, 720, 960, p.wall, 0.0, &mut scene),
            };
            let mut bytes = capture::jpeg(&img, 88, Some(camera_exif(None)?))?;
            if flaw == Flaw::UnreadableFile {
                bytes.truncate(bytes.len() * 55 / 100);
            }
            Some(files.add("selfie.jpg", bytes))
        }
    };
    let yaws: &[f32] = match flaw {
        Flaw::StaticLiveness => &[0.0, 0.0, 0.0],
        Flaw::LivenessIncomplete => &[-0.7],
        _ => &[-0.7, 0.0, 0.7],
    };
    let mut liveness = Vec::new();
    for (i, yaw) in yaws.iter().enumerate() {
        let frame = if let Some(photo) = photographed {
            capture::photographed(photo, 480, 640, *yaw, &mut rng)
        } else if flaw == Flaw::StaticLiveness {
            // One still photo held to the camera: only the sensor noise changes.
            let mut r = rng_for(seed ^ 0x5747, index);
            capture::selfie(&faces, 480, 640, p.wall, *yaw, &mut r)
        } else {
            capture::selfie(&faces, 480, 640, p.wall, *yaw, &mut rng)
        };
        let name = [
            "liveness_left.jpg",
            "liveness_center.jpg",
            "liveness_right.jpg",
        ][i.min(2)];
        liveness.push(files.add(name, capture::jpeg(&frame, 85, None)?));
    }

    let mut images = json!({"document_front": front_name, "liveness": liveness});
    if let Some(b) = back_name {
        images["document_back"] = json!(b);
    }
    if let Some(s) = selfie_name {
        images["selfie"] = json!(s);
    }
    let json = json!({
        "format": crate::submission::FORMAT,
        "id": p.id,
        "submitted_at": p.submitted_at.to_rfc3339(),
        "client": p.client,
        "applicant_locale": country.locale,
        "applicant": {
            "given_names": declared.given_names,
            "surname": declared.surname,
            "date_of_birth": declared.date_of_birth.to_string(),
            "nationality": country.code,
            "sex": people::sex_char(declared.sex).to_string(),
        },
        "document": {
            "type": selected_type,
            "issuing_country": country.code,
            "number": p.number,
            "expiry_date": p.expiry.to_string(),
            "mrz": mrz,
        },
        "images": images,
        "demo_flaw": format!("{flaw:?}"),
    });
    Ok((json, files))
}

fn apply_image_flaw(flaw: Flaw, front: &mut RgbImage) {
    match flaw {
        Flaw::Greyscale => *front = draw::to_grey(front),
        Flaw::Blurred => *front = image::imageops::fast_blur(front, 4.0),
        Flaw::Glare => {
            let (w, h) = (front.width() as f32, front.height() as f32);
            draw::radial_glow(front, w * 0.42, h * 0.4, h * 0.3, [255, 255, 252], 1.3);
        }
        Flaw::Underexposed => draw::expose(front, 0.2, 0.0),
        Flaw::Overexposed => draw::expose(front, 0.45, 150.0),
        Flaw::LowResolution => {
            *front = image::imageops::resize(
                front,
                400,
                400 * front.height() / front.width(),
                image::imageops::FilterType::Triangle,
            )
        }
        _ => {}
    }
}

/// Replaces the date-of-birth check digit with a wrong one.
fn corrupt_dob_check_digit(mrz: &str, td1: bool) -> String {
    let mut lines: Vec<Vec<u8>> = mrz.lines().map(|l| l.as_bytes().to_vec()).collect();
    // TD1: line 2, position 7; TD3: line 2, position 20 (1-based ICAO positions).
    let pos = if td1 { 6 } else { 19 };
    if let Some(b) = lines.get_mut(1).and_then(|l| l.get_mut(pos)) {
        *b = b'0' + (*b - b'0' + 5) % 10;
    }
    lines
        .into_iter()
        .map(|l| String::from_utf8(l).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// On a store with no accounts, creates the demo's accounts (`accounts::DEMO_ACCOUNTS`,
/// whose passwords are public) and marks the store as a demo store, which every screen
/// then says. Returns whether it created them; a store with accounts is left alone.
pub fn create_demo_accounts(
    store: &mut dyn crate::store::Store,
    now: DateTime<Utc>,
) -> Result<bool, crate::store::StoreError> {
    use crate::accounts::{AccountChange, AccountName, Credential, DEMO_ACCOUNTS, Password, Roles};
    if !store.accounts()?.is_empty() {
        return Ok(false);
    }
    let Some((admin, admin_password, _)) = DEMO_ACCOUNTS
        .iter()
        .find(|(_, _, roles)| roles.contains(&crate::accounts::Role::Admin))
    else {
        return Ok(false);
    };
    store.mark_demo()?;
    store.init_admin(admin, &Password::new_password(*admin_password)?, now)?;
    let by = Credential::Password {
        name: (*admin).to_owned(),
        password: Password::given(*admin_password),
    };
    for (name, password, roles) in DEMO_ACCOUNTS.iter().filter(|(n, ..)| n != admin) {
        let change = AccountChange::Create {
            name: AccountName::parse(name)?,
            roles: Roles::of(roles.iter().copied()),
            password: Password::new_password(*password)?,
        };
        store.change_account(&by, &change, now)?;
    }
    Ok(true)
}
