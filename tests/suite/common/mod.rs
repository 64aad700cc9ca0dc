//! Helpers shared by the integration tests: bundles on disk, stores, small images.
#![allow(dead_code)] // Each test binary uses a different subset.

pub mod pg;
#[cfg(feature = "ui")]
pub mod window;

use chrono::{DateTime, TimeZone, Utc};
use image::{ImageEncoder, RgbImage};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use vigil::accounts::{AccountChange, AccountName, Credential, Password, Role, Roles};
use vigil::store::{AnyStore, Location, SqliteStore, Store};

pub fn t(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_795_000_000 + secs, 0).unwrap()
}

pub fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 7) as u8, (y * 5) as u8, 120]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .unwrap();
    out
}

pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 3) as u8, (y * 11) as u8, 40]));
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// A camera-like picture that passes every image check: sharp-edged patches of colour over
/// a gradient, dark and light, different for every `seed`. Kept once made: many tests write
/// the same bundles (b0/A-0, …), and drawing and encoding them was most of their set-up time.
pub fn photo(seed: &str, w: u32, h: u32) -> Vec<u8> {
    type Made = std::collections::HashMap<(String, u32, u32), Vec<u8>>;
    static MADE: std::sync::LazyLock<std::sync::Mutex<Made>> =
        std::sync::LazyLock::new(Default::default);
    let key = (seed.to_owned(), w, h);
    if let Some(bytes) = MADE.lock().unwrap().get(&key) {
        return bytes.clone();
    }
    let bytes = draw_photo(seed, w, h);
    MADE.lock().unwrap().insert(key, bytes.clone());
    bytes
}

fn draw_photo(seed: &str, w: u32, h: u32) -> Vec<u8> {
    let mut state = crc32fast::hash(seed.as_bytes()) | 1;
    let mut next = move |n: u32| {
        // xorshift: enough variety for pictures, and no extra dependency.
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state % n.max(1)
    };
    let base = [
        next(120) as u8 + 40,
        next(120) as u8 + 40,
        next(120) as u8 + 40,
    ];
    let mut img = RgbImage::from_fn(w, h, |x, y| {
        let t = (x + y) as f32 / (w + h) as f32;
        image::Rgb(base.map(|c| (f32::from(c) * (0.6 + 0.6 * t)) as u8))
    });
    for _ in 0..40 {
        let (x0, y0) = (next(w), next(h));
        let (rw, rh) = (next(w / 4) + 8, next(h / 4) + 8);
        // Colours stay below glare's white: at most two bright channels.
        let colour = image::Rgb([next(230) as u8, next(200) as u8 + 10, next(180) as u8]);
        for y in y0..(y0 + rh).min(h) {
            for x in x0..(x0 + rw).min(w) {
                img.put_pixel(x, y, colour);
            }
        }
    }
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

/// A valid submission.json for `id` naming front.jpg, selfie.jpg and three liveness frames:
/// the spec's example with a document number of its own, since bundles of different ids are
/// different documents in a real inbox (the same one again is a repeat attempt).
pub fn submission(id: &str) -> Value {
    let mut s = spec_example(id);
    let number = crc32fast::hash(id.as_bytes()) % 100_000_000;
    s["document"]["number"] = json!(format!("L{number:08}"));
    rewrite_mrz(&mut s);
    s
}

/// SUBMISSION.md's example under `id`: every call is the same person and document.
pub fn spec_example(id: &str) -> Value {
    json!({
        "format": "idv-submission/1",
        "id": id,
        "submitted_at": "2026-11-20T14:03:11Z",
        "client": "default",
        "applicant_locale": "lv",
        "applicant": {"given_names": "ANNA MARIA", "surname": "ERIKSSON", "date_of_birth": "1974-08-12",
                      "nationality": "UTO", "sex": "F"},
        "document": {"type": "passport", "issuing_country": "UTO", "number": "L898902C3",
                     "expiry_date": "2032-04-15",
                     "mrz": "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F3204153ZE184226B<<<<<16"},
        "images": {"document_front": "front.jpg", "selfie": "selfie.jpg",
                   "liveness": ["l.jpg", "c.jpg", "r.jpg"]}
    })
}

/// Writes a bundle folder `inbox/name` with `json` and the standard images: good photos of
/// their own, so that only what a test changes raises a hint.
pub fn write_bundle(inbox: &Path, name: &str, json: &Value) -> PathBuf {
    let dir = inbox.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("submission.json"),
        serde_json::to_vec_pretty(json).unwrap(),
    )
    .unwrap();
    let tag = format!("{name}/{}", json["id"]);
    for (f, w, h) in [
        ("front.jpg", 1200, 800),
        ("selfie.jpg", 800, 600),
        ("l.jpg", 480, 360),
        ("c.jpg", 480, 360),
        ("r.jpg", 480, 360),
    ] {
        std::fs::write(dir.join(f), photo(&format!("{tag}/{f}"), w, h)).unwrap();
    }
    dir
}

/// A store in `dir`, with face checks off for the rest of the test process: the fixtures'
/// pictures and the demo's drawn faces are not faces to judge; tests/faces.rs tests face
/// checks on real photos.
pub fn store(dir: &Path) -> SqliteStore {
    face_checks_off();
    SqliteStore::open(dir).unwrap()
}

/// The demo's first `count` bundles in `dir`, face checks off for the process first: writing
/// the demo looks for its stranger photo beside the face models, which loads them where they
/// are installed, and every later `store` of the process would find them on.
pub fn write_demo(dir: &Path, count: u32, seed: u64) -> Result<u32, vigil::demo::DemoError> {
    face_checks_off();
    vigil::demo::write_demo(dir, count, seed)
}

/// Face checks off for this test process, as on a workstation without the models.
pub fn face_checks_off() {
    let off = vigil::faces::init(Path::new("/nonexistent/vigil-test-no-face-models"));
    assert!(
        off.is_err(),
        "face checks were already on in this test process"
    );
}

/// `../shared/data` beside the repository, if it is there.
pub fn shared_data() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared/data is absent, so the tests on real public data cannot run");
        None
    }
}

fn date_field(json: &Value, path: &str) -> chrono::NaiveDate {
    json.pointer(path)
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{path} is not a date in {json}"))
}

/// Rewrites `json`'s `document.mrz` from its declared data — TD3 for a passport, TD1
/// otherwise — so a test can change declared fields and keep the zone consistent with them.
pub fn rewrite_mrz(json: &mut Value) {
    let text = |path: &str| {
        json.pointer(path)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let passport = text("/document/type") == "passport";
    let data = vigil::mrz::ZoneData {
        document_code: if passport { "P" } else { "ID" }.into(),
        issuing_country: text("/document/issuing_country"),
        surname: text("/applicant/surname"),
        given_names: text("/applicant/given_names"),
        number: text("/document/number"),
        nationality: text("/applicant/nationality"),
        date_of_birth: date_field(json, "/applicant/date_of_birth"),
        sex: text("/applicant/sex").chars().next().unwrap_or('<'),
        expiry: date_field(json, "/document/expiry_date"),
        optional: String::new(),
    };
    json["document"]["mrz"] = if passport {
        vigil::mrz::write_td3(&data)
    } else {
        vigil::mrz::write_td1(&data)
    }
    .into();
}

/// The first administrator of the test stores.
pub const ADMIN: &str = "admin";

/// Every test account's password: its name and `-password` (at least 10 characters).
pub fn password_of(name: &str) -> String {
    format!("{name}-password")
}

/// `name` proving itself with its test password.
pub fn cred(name: &str) -> Credential {
    Credential::Password {
        name: name.into(),
        password: Password::given(password_of(name)),
    }
}

pub const REVIEWER: &[Role] = &[Role::Reviewer];
pub const FRAUD: &[Role] = &[Role::Reviewer, Role::Fraud];

/// Creates `admin` (when the store has no accounts) and, by it, each named account with
/// its roles and test password.
pub fn accounts(store: &mut dyn Store, list: &[(&str, &[Role])]) {
    if store.accounts().unwrap().is_empty() {
        let p = Password::new_password(password_of(ADMIN)).unwrap();
        store.init_admin(ADMIN, &p, t(0)).unwrap();
    }
    for (name, roles) in list {
        let change = AccountChange::Create {
            name: AccountName::parse(name).unwrap(),
            roles: Roles::of(roles.iter().copied()),
            password: Password::new_password(password_of(name)).unwrap(),
        };
        store.change_account(&cred(ADMIN), &change, t(0)).unwrap();
    }
}

/// Every entry of the log, in order.
pub fn log_entries(store: &dyn Store) -> Vec<vigil::decision_log::LogEntry> {
    let mut v = Vec::new();
    store
        .for_each_entry(vigil::store::TimeRange::default(), &mut |r| {
            v.push(r.unwrap());
            Ok(())
        })
        .unwrap();
    v
}

/// The decisions of the log (its account entries left out), in order.
pub fn decisions(store: &dyn Store) -> Vec<vigil::decision_log::LogEntry> {
    log_entries(store)
        .into_iter()
        .filter(|e| e.kind == vigil::decision_log::EntryKind::Decision)
        .collect()
}

/// Runs the `vigil` binary on `data` with `env` (and no password from the tester's own
/// environment, no terminal to prompt on, no face models: the fixtures show no faces).
pub fn run_vigil(data: &Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    run_vigil_as(
        std::process::Command::new(env!("CARGO_BIN_EXE_vigil")),
        data,
        args,
        env,
    )
}

/// `vigil --as who` with who's test password in VIGIL_PASSWORD.
pub fn vigil_as(data: &Path, who: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--as", who];
    all.extend_from_slice(args);
    run_vigil(data, &all, &[("VIGIL_PASSWORD", &password_of(who))])
}

/// As `run_vigil`, with `command` the start of the command line that runs `vigil` (the
/// binary itself, or `runuser … vigil` to run it as another account).
pub fn run_vigil_as(
    mut command: std::process::Command,
    data: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> std::process::Output {
    command
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("VIGIL_POLICY")
        .env_remove("VIGIL_PASSWORD")
        .env_remove("VIGIL_NEW_PASSWORD")
        .envs(env.iter().copied())
        .arg("--models")
        .arg(data.with_file_name("no-face-models"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// A session of `name`, as the window holds one: decisions then cost no password check.
pub fn session(store: &mut dyn Store, name: &str) -> Credential {
    let s = store
        .sign_in(name, &Password::given(password_of(name)), t(0))
        .unwrap();
    Credential::Session(s.token)
}

/// The two back ends every store test runs on: one suite, two stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub const ALL: [Backend; 2] = [Backend::Sqlite, Backend::Postgres];

    /// A new, empty store's location: a folder under `tmp`, or a fresh database on the
    /// test process's PostgreSQL server.
    pub fn location(self, tmp: &Path) -> Location {
        match self {
            Backend::Sqlite => Location::Folder(tmp.join("data")),
            Backend::Postgres => Location::Server(pg::server().fresh_database()),
        }
    }
}

/// Runs `test` on each back end, naming the one that failed.
pub fn each_backend(test: impl Fn(Backend)) {
    for b in Backend::ALL {
        eprintln!("on {b:?}");
        test(b);
    }
}

/// Opens (creating) the store at `location`, face checks off as in `store`.
pub fn open(location: &Location) -> AnyStore {
    face_checks_off_once();
    location.open().unwrap()
}

/// Face checks off, whether or not an earlier call of this process turned them off.
pub fn face_checks_off_once() {
    let _ = vigil::faces::init(Path::new("/nonexistent/vigil-test-no-face-models"));
}

/// Each hint is said in every language itself, filled from its evidence (no fallback to the
/// English stored at import), and Latvian and Japanese do not merely repeat English.
pub fn assert_explained_in_every_language(hints: &[vigil::hints::Hint]) {
    use vigil::hint_explain::{explain, message_key};
    use vigil::i18n::Lang;
    for h in hints {
        let said = Lang::ALL.map(|lang| {
            explain(lang, h).unwrap_or_else(|| {
                panic!(
                    "{} cannot say {} from {}",
                    lang.code(),
                    message_key(h),
                    h.evidence
                )
            })
        });
        assert!(
            said[1] != said[0] && said[2] != said[0],
            "{}: {said:?}",
            message_key(h)
        );
    }
}

/// A case stored while its face checks still run, with `hints` found so far.
pub fn running_case(store: &mut dyn vigil::store::Store, id: &str, hints: Vec<vigil::hints::Hint>) {
    insert_case(store, id, hints, true);
}

/// A case stored directly, its checks finished, with no files, hints, document numbers or
/// due time: for tests of what comes after intake, which need many cases and none of their
/// pictures.
pub fn checked_case(store: &mut dyn vigil::store::Store, id: &str) {
    insert_case(store, id, Vec::new(), false);
}

fn insert_case(
    store: &mut dyn vigil::store::Store,
    id: &str,
    hints: Vec<vigil::hints::Hint>,
    checks_running: bool,
) {
    let json = serde_json::to_vec(&submission(id)).unwrap();
    let case = vigil::store::NewCase {
        submission: vigil::submission::Submission::parse(&json).unwrap(),
        fingerprint: format!("fp-{id}"),
        files: Vec::new(),
        hints,
        policy: "builtin".into(),
        document_numbers: Vec::new(),
        checks_running,
        due_at: None,
    };
    store.insert_case(&case, t(0)).unwrap();
}

/// Runs `sql` on the store at `place` behind Vigil's back, as a damaged disk or a hand edit
/// would.
pub fn tamper(place: &vigil::store::Location, sql: &str) {
    match place {
        vigil::store::Location::Folder(dir) => {
            rusqlite::Connection::open(dir.join("vigil.db"))
                .unwrap()
                .execute_batch(sql)
                .unwrap();
        }
        vigil::store::Location::Server(url) => {
            postgres::Client::connect(url, postgres::NoTls)
                .unwrap()
                .batch_execute(sql)
                .unwrap();
        }
    }
}
