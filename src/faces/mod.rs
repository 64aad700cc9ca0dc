//! Faces: finding them (MTCNN), and telling whether two are likely the same person (dlib's
//! face recognition ResNet). The networks run on the CPU in pure Rust; their files are not
//! in the repository and are looked for once per process (models.rs). Without them every
//! face check is off, which the caller reports plainly (`availability`): never a silent pass.

mod align;
mod detect;
mod dlib_format;
mod embed;
pub mod models;
mod nms;

pub use embed::distance;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[derive(Debug, thiserror::Error)]
pub enum FaceError {
    #[error("no models folder: set {} or pass --models", models::MODELS_ENV)]
    NoFolder,
    #[error("{}: cannot be read: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: not the expected file (SHA-256 {found}, expected {expected})", path.display())]
    WrongModel {
        path: PathBuf,
        found: String,
        expected: &'static str,
    },
    #[error("{name}: the network does not load: {message}")]
    BadModel { name: &'static str, message: String },
    #[error("{name}: the network failed: {message}")]
    Inference { name: &'static str, message: String },
}

/// Five points of a face (x, y): left eye, right eye (as seen in the image), nose, left and
/// right mouth corner.
pub type Landmarks = [[f32; 2]; 5];

/// A face found in an image, in the image's own pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct FaceBox {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    /// The output network's score, 0 to 1.
    pub confidence: f32,
    pub landmarks: Landmarks,
}

impl FaceBox {
    /// HINTS.md's `region`: `[x, y, width, height]`.
    pub fn region(&self) -> [u32; 4] {
        [self.x, self.y, self.width, self.height]
    }

    /// The box from working-image coordinates back to the original image of `w` × `h`,
    /// clipped to it; None when nothing of it is inside.
    fn from_working(
        c: &nms::Candidate,
        marks: &Landmarks,
        shrink: f32,
        w: u32,
        h: u32,
    ) -> Option<FaceBox> {
        let back = |v: f32| v / shrink;
        let x1 = back(c.x1).max(0.0);
        let y1 = back(c.y1).max(0.0);
        let x2 = back(c.x2).min(w as f32);
        let y2 = back(c.y2).min(h as f32);
        if x2 - x1 < 1.0 || y2 - y1 < 1.0 {
            return None;
        }
        Some(FaceBox {
            x: x1 as u32,
            y: y1 as u32,
            width: (x2 - x1) as u32,
            height: (y2 - y1) as u32,
            confidence: c.score,
            landmarks: marks.map(|[x, y]| [back(x), back(y)]),
        })
    }

    /// The box in an image `factor` times larger: a face found in a working copy, given in
    /// the original's pixels.
    pub fn scaled(&self, factor: f64) -> FaceBox {
        let f = |v: u32| (f64::from(v) * factor).round() as u32;
        FaceBox {
            x: f(self.x),
            y: f(self.y),
            width: f(self.width),
            height: f(self.height),
            confidence: self.confidence,
            landmarks: self.landmarks.map(|[x, y]| {
                [
                    (f64::from(x) * factor) as f32,
                    (f64::from(y) * factor) as f32,
                ]
            }),
        }
    }

    pub fn area(&self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }
}

/// What the recognition network makes of a face: faces of one person lie close together
/// (`distance`).
pub type Descriptor = [f32; 128];

/// `d` as stored: 128 little-endian `f32`s.
pub fn descriptor_bytes(d: &Descriptor) -> Vec<u8> {
    d.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// A stored descriptor; None when `bytes` are not 128 `f32`s.
pub fn descriptor_from_bytes(bytes: &[u8]) -> Option<Descriptor> {
    let mut d = [0f32; 128];
    if bytes.len() != d.len() * 4 {
        return None;
    }
    for (v, b) in d.iter_mut().zip(bytes.chunks_exact(4)) {
        *v = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    }
    Some(d)
}

/// The loaded networks.
pub struct FaceModels {
    dir: PathBuf,
    detector: detect::Detector,
    embedder: embed::Embedder,
}

impl FaceModels {
    /// Loads every network from `dir`, checking each file's SHA-256.
    pub fn load(dir: &Path) -> Result<FaceModels, FaceError> {
        Ok(FaceModels {
            dir: dir.to_path_buf(),
            detector: detect::Detector::load(dir)?,
            embedder: embed::Embedder::parse(&models::read_verified(dir, models::RESNET)?)?,
        })
    }

    /// The folder the models were loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every face found in `img`, most confident first. Takes tens of milliseconds: call it
    /// off the UI thread.
    pub fn find_faces(&self, img: &image::RgbImage) -> Result<Vec<FaceBox>, FaceError> {
        self.detector.detect(img)
    }

    /// The descriptor of `face`, found in `img`: the face aligned on its eyes, through the
    /// recognition network. Tens of milliseconds, like `find_faces`.
    pub fn descriptor(
        &self,
        img: &image::RgbImage,
        face: &FaceBox,
    ) -> Result<Descriptor, FaceError> {
        self.embedder.embed(&align::chip(img, face, embed::CHIP))
    }

    /// The faces the checks count in `img`: those scoring at least `min_confidence`.
    pub fn counted_faces(
        &self,
        img: &image::RgbImage,
        min_confidence: f64,
    ) -> Result<Vec<FaceBox>, FaceError> {
        let mut faces = self.find_faces(img)?;
        faces.retain(|f| f64::from(f.confidence) >= min_confidence);
        Ok(faces)
    }

    /// The face the checks judge in `img` (`main_of` its counted faces).
    pub fn main_face(
        &self,
        img: &image::RgbImage,
        min_confidence: f64,
    ) -> Result<Option<FaceBox>, FaceError> {
        Ok(main_of(&self.counted_faces(img, min_confidence)?).cloned())
    }
}

/// The face compared among `faces`: the largest, as the applicant is the one nearest the
/// camera and a document's portrait is larger than its ghost copy.
pub fn main_of(faces: &[FaceBox]) -> Option<&FaceBox> {
    faces.iter().max_by_key(|f| f.area())
}

/// A second face is another person only when it is one: scored well clear of the policy's
/// floor, or of a size plausible beside the main face; and with its five landmarks inside its
/// box either way. Calibrated on the public photos at nine sizes, fitted and stretched
/// (tests/faces.rs): patches of background scored up to 0.979 at no more than 0.23 of the main
/// face's height; the second person of the two-person photo at least 0.9993 at 0.93 or more.
pub const CLEAR_CONFIDENCE: f32 = 0.99;
pub const PLAUSIBLE_HEIGHT: f32 = 0.5;

/// The people among `faces`: the main face, then each other face that is another person.
pub fn people(faces: &[FaceBox]) -> Vec<&FaceBox> {
    let Some(main) = main_of(faces) else {
        return Vec::new();
    };
    let mut out = vec![main];
    out.extend(
        faces
            .iter()
            .filter(|f| !std::ptr::eq(*f, main) && another_person(main, f)),
    );
    out
}

fn another_person(main: &FaceBox, f: &FaceBox) -> bool {
    let (left, top) = (f.x as f32, f.y as f32);
    let (right, bottom) = (left + f.width as f32, top + f.height as f32);
    let landmarks_inside = f
        .landmarks
        .iter()
        .all(|&[x, y]| (left..=right).contains(&x) && (top..=bottom).contains(&y));
    landmarks_inside
        && (f.confidence >= CLEAR_CONFIDENCE
            || f.height as f32 >= PLAUSIBLE_HEIGHT * main.height as f32)
}

/// `face` rotated upright and scaled so its eyes sit where the recognition network expects
/// them, `side` pixels square: two faces cut this way compare at the same scale.
pub fn aligned(img: &image::RgbImage, face: &FaceBox, side: u32) -> image::RgbImage {
    align::chip(img, face, side)
}

/// The process's models, or why face checks are off; the outcome of the first `init` (or of
/// the first use, which looks in `models::default_dir`).
static MODELS: OnceLock<Result<FaceModels, FaceError>> = OnceLock::new();

/// Loads the models from `dir` for the rest of the process, unless they were looked for
/// already; returns the outcome in force.
pub fn init(dir: &Path) -> Result<&'static FaceModels, &'static FaceError> {
    MODELS.get_or_init(|| FaceModels::load(dir)).as_ref()
}

/// The models, or why face checks are off. The window shows the error beside the face
/// checks; the command line prints it once. The first call loads them on rayon's pool: make
/// it from outside the pool (a worker waiting there for the load may be asked to run it).
pub fn availability() -> Result<&'static FaceModels, &'static FaceError> {
    MODELS
        .get_or_init(|| match models::default_dir() {
            Some(dir) => FaceModels::load(&dir),
            None => Err(FaceError::NoFolder),
        })
        .as_ref()
}

/// Runs `op` on the networks' thread pool, where face work belongs: started from another
/// pool, each network run would wait for a thread of this one.
pub fn on_pool<R: Send>(op: impl FnOnce() -> R + Send) -> R {
    rten::thread_pool().run(op)
}

/// How to turn face checks on, for the line that says they are off.
pub const HOW_TO_ENABLE: &str = "run `bash .ci/setup-debian` to fetch the models, or point \
    --models / VIGIL_MODELS at a folder holding them (README.md, \"Face models\")";
