//! Reading a bundle folder (SUBMISSION.md): its submission.json and the files it names,
//! refusing paths that leave the folder and judging every file by its bytes.

use crate::hints::Slot;
use crate::image_file::{DecodeLimits, Inspection};
use crate::imaging::{self, Analysis, Examined, FaceCopy};
use crate::policy::ClientPolicy;
use crate::submission::{Submission, SubmissionError};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// submission.json larger than this is not read: the real thing is a few kilobytes.
const MAX_JSON_BYTES: u64 = 1 << 20;

/// A bundle that cannot be imported, with the folder and what is wrong.
#[derive(Debug, thiserror::Error)]
#[error("{}: {problem}", bundle.display())]
pub struct BundleError {
    pub bundle: PathBuf,
    pub problem: BundleProblem,
}

#[derive(Debug, thiserror::Error)]
pub enum BundleProblem {
    #[error("not a folder")]
    NotAFolder,
    #[error("submission.json: missing")]
    NoSubmissionJson,
    #[error("submission.json: cannot be read: {0}")]
    Io(std::io::Error),
    #[error("submission.json: larger than {MAX_JSON_BYTES} bytes")]
    JsonTooLarge,
    #[error("submission.json: {0}")]
    Submission(#[from] SubmissionError),
    #[error("field `{field}`: file name `{name}` {why}")]
    UnsafePath {
        field: String,
        name: String,
        why: &'static str,
    },
}

/// One file named by the submission, as found in the bundle.
#[derive(Debug, Clone)]
pub struct BundleFile {
    pub slot: Slot,
    pub name: String,
    pub content: FileContent,
}

#[derive(Debug, Clone)]
pub enum FileContent {
    Missing,
    /// Present but not readable as a file: not a regular file, too large, or an I/O error.
    Unreadable(String),
    Read {
        bytes: Vec<u8>,
        sha256: String,
        inspection: Inspection,
        /// The image checks' measures, for an image or a PDF holding one.
        analysis: Option<Box<Analysis>>,
        /// The working copy the face checks read, kept for the images they judge while
        /// the face models are there (`checks::face_checked`).
        face_copy: Option<FaceCopy>,
    },
}

/// A bundle that passed validation; its files may still carry problems, which become hints.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub dir: PathBuf,
    pub submission: Submission,
    /// SHA-256 over submission.json and the files' hashes: the same bundle imported twice has
    /// the same fingerprint.
    pub fingerprint: String,
    pub files: Vec<BundleFile>,
}

/// Whether `dir` holds a submission.json (and so is a bundle rather than an inbox).
pub fn is_bundle(dir: &Path) -> bool {
    dir.join("submission.json").is_file()
}

/// Reads and validates the bundle in `dir`. `policy_for` gives the policy of the submission's
/// client (limits on file size and decoding). With `face_copies` the working copies of the
/// images the face checks judge are kept (`FileContent::Read::face_copy`).
pub fn read_bundle(
    dir: &Path,
    policy_for: impl Fn(&str) -> ClientPolicy,
    face_copies: bool,
) -> Result<Bundle, BundleError> {
    let fail = |problem| BundleError {
        bundle: dir.to_path_buf(),
        problem,
    };
    if !dir.is_dir() {
        return Err(fail(BundleProblem::NotAFolder));
    }
    let root = dir.canonicalize().map_err(|e| fail(BundleProblem::Io(e)))?;
    let json_path = match resolve(&root, "submission.json") {
        Ok(Some(p)) => p,
        Ok(None) => return Err(fail(BundleProblem::NoSubmissionJson)),
        Err(why) => {
            return Err(fail(BundleProblem::UnsafePath {
                field: "submission.json".into(),
                name: "submission.json".into(),
                why,
            }));
        }
    };
    let json = match read_limited(&json_path, MAX_JSON_BYTES) {
        Ok(Some(b)) => b,
        Ok(None) => return Err(fail(BundleProblem::JsonTooLarge)),
        Err(e) => return Err(fail(BundleProblem::Io(e))),
    };
    let submission = Submission::parse(&json).map_err(|e| fail(e.into()))?;
    let policy = policy_for(&submission.client);

    // Validate every path before reading any file, so a hostile bundle reads nothing.
    let named = submission.named_images();
    let mut resolved = Vec::with_capacity(named.len());
    for (slot, name) in &named {
        let unsafe_path = |why| {
            fail(BundleProblem::UnsafePath {
                field: field_of(*slot),
                name: (*name).to_owned(),
                why,
            })
        };
        check_relative(name).map_err(unsafe_path)?;
        resolved.push(resolve(&root, name).map_err(unsafe_path)?);
    }

    let limits = DecodeLimits {
        max_pixels: policy.max_image_pixels,
    };
    // The files of one bundle are decoded and measured side by side.
    let files: Vec<BundleFile> = named
        .par_iter()
        .zip(resolved)
        .map(|((slot, name), real)| BundleFile {
            slot: *slot,
            name: (*name).to_owned(),
            content: match real {
                Some(path) => read_file(
                    &path,
                    policy.max_file_bytes,
                    limits,
                    face_copies && crate::checks::face_checked(*slot),
                ),
                None => FileContent::Missing,
            },
        })
        .collect();

    let mut h = Sha256::new();
    h.update(&json);
    for f in &files {
        h.update(f.name.as_bytes());
        if let FileContent::Read { sha256, .. } = &f.content {
            h.update(sha256.as_bytes());
        }
    }
    Ok(Bundle {
        dir: dir.to_path_buf(),
        submission,
        fingerprint: hex::encode(h.finalize()),
        files,
    })
}

fn field_of(slot: Slot) -> String {
    match slot {
        Slot::Liveness(n) => format!("images.liveness[{n}]"),
        other => format!("images.{other}"),
    }
}

/// A file name must stay inside the bundle: relative, no `..`, no drive or root.
fn check_relative(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        return Err("is empty");
    }
    if name.contains('\0') {
        return Err("contains a NUL character");
    }
    if name.contains('\\') {
        return Err("contains a backslash; use `/` between folders");
    }
    let p = Path::new(name);
    if p.is_absolute() || name.starts_with('/') || name.get(1..2) == Some(":") {
        return Err("is an absolute path");
    }
    for c in p.components() {
        match c {
            Component::ParentDir => return Err("leaves the bundle folder (`..`)"),
            Component::RootDir | Component::Prefix(_) => return Err("is an absolute path"),
            Component::CurDir | Component::Normal(_) => {}
        }
    }
    Ok(())
}

/// The real path of `name` inside `root`: `Ok(None)` when nothing is there, an error when it
/// is a link that leads outside the folder or nowhere.
fn resolve(root: &Path, name: &str) -> Result<Option<PathBuf>, &'static str> {
    let path = root.join(name);
    let is_link = match std::fs::symlink_metadata(&path) {
        Ok(m) => m.file_type().is_symlink(),
        Err(_) => return Ok(None),
    };
    match path.canonicalize() {
        Ok(real) if !real.starts_with(root) => Err("is a link pointing outside the bundle folder"),
        Ok(real) if std::fs::metadata(&real).is_ok_and(|m| has_other_links(&m)) => {
            Err("is a hard link: the same file is also elsewhere, maybe outside the bundle folder")
        }
        Ok(real) => Ok(Some(real)),
        Err(_) if is_link => Err("is a link that points nowhere"),
        Err(_) => Ok(None),
    }
}

/// Whether a regular file has hard links besides this name: its content may belong to a file
/// outside the bundle, which a bundle must not bring in.
fn has_other_links(m: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        m.is_file() && m.nlink() > 1
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        false
    }
}

/// Opens a resolved path without following a link swapped in since it was resolved, and
/// without blocking on a FIFO; the checks then run on the open handle itself.
fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let f = o.open(path)?;
    let m = f.metadata()?;
    if !m.is_file() {
        // FIFOs and devices would block or never end; folders are not files.
        return Err(std::io::Error::other("not a regular file"));
    }
    // A hard link made since the path was resolved: its content is never read.
    if has_other_links(&m) {
        return Err(std::io::Error::other("a hard link to a file elsewhere"));
    }
    Ok(f)
}

/// Reads at most `limit` bytes; `Ok(None)` when the file is larger.
fn read_limited(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let file = open_regular(path)?;
    let len = file.metadata()?.len();
    if len > limit {
        return Ok(None);
    }
    let mut buf = Vec::with_capacity(len as usize);
    file.take(limit + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Ok(None);
    }
    Ok(Some(buf))
}

fn read_file(path: &Path, max_bytes: u64, limits: DecodeLimits, keep_copy: bool) -> FileContent {
    match read_limited(path, max_bytes) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => FileContent::Missing,
        Err(e) => FileContent::Unreadable(e.to_string()),
        Ok(None) => FileContent::Unreadable(format!("larger than {max_bytes} bytes")),
        Ok(Some(bytes)) if bytes.is_empty() => FileContent::Unreadable("the file is empty".into()),
        Ok(Some(bytes)) => {
            let Examined {
                inspection,
                analysis,
                face_copy,
            } = imaging::examine(&bytes, limits);
            FileContent::Read {
                sha256: hex::encode(Sha256::digest(&bytes)),
                inspection,
                analysis,
                face_copy: face_copy.filter(|_| keep_copy),
                bytes,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_file_hard_linked_after_resolving_is_never_read() {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let inside = tmp.path().join("front.jpg");
        std::fs::write(&inside, b"secret").expect("written");
        assert!(matches!(
            read_file(&inside, 1 << 20, DecodeLimits { max_pixels: 1 }, false),
            FileContent::Read { .. }
        ));
        std::fs::hard_link(&inside, tmp.path().join("elsewhere")).expect("linked");
        match read_file(&inside, 1 << 20, DecodeLimits { max_pixels: 1 }, false) {
            FileContent::Unreadable(why) => assert!(why.contains("hard link"), "{why}"),
            _ => panic!("a hard-linked file was read"),
        }
    }

    #[test]
    fn relative_path_rules() {
        assert!(check_relative("front.jpg").is_ok());
        assert!(check_relative("img/front.jpg").is_ok());
        assert!(check_relative("./front.jpg").is_ok());
        for bad in [
            "",
            "../x.jpg",
            "img/../../x.jpg",
            "/etc/passwd",
            "C:/x.jpg",
            "a\\b.jpg",
            "a\0b",
        ] {
            assert!(check_relative(bad).is_err(), "{bad:?}");
        }
    }
}
