//! The policy file (SUBMISSION.md): built-in defaults with per-client overrides, in TOML.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

const BUILTIN: &str = include_str!("../assets/policy.toml");

/// The settings that apply to one client's cases, every field resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientPolicy {
    pub minimum_age: u32,
    pub supported_countries: Vec<String>,
    pub document_types: Vec<String>,
    pub file_types: Vec<String>,
    pub liveness_frames: u32,
    pub max_file_bytes: u64,
    pub max_image_pixels: u64,
    /// Faces the detector scores below this are not counted (0 to 1).
    #[serde(default = "default_face_min_confidence")]
    pub face_min_confidence: f64,
    /// Selfie and portrait faces further apart than this (Euclidean distance between their
    /// 128-D descriptors) raise `face.mismatch`.
    #[serde(default = "default_face_max_distance")]
    pub face_max_distance: f64,
}

// Policy files written before the face checks stay valid: these are the built-in values.
fn default_face_min_confidence() -> f64 {
    0.95
}

fn default_face_max_distance() -> f64 {
    0.6
}

/// A client's overrides: only what it names.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Overrides {
    minimum_age: Option<u32>,
    supported_countries: Option<Vec<String>>,
    document_types: Option<Vec<String>>,
    file_types: Option<Vec<String>>,
    liveness_frames: Option<u32>,
    max_file_bytes: Option<u64>,
    max_image_pixels: Option<u64>,
    face_min_confidence: Option<f64>,
    face_max_distance: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    default: ClientPolicy,
    #[serde(default)]
    clients: BTreeMap<String, Overrides>,
}

#[derive(Debug, Clone)]
pub struct Policy {
    file: PolicyFile,
    source: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error("cannot read policy file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("policy {path} is not valid: {message}")]
    Invalid { path: String, message: String },
}

impl Policy {
    pub fn builtin() -> Policy {
        // The built-in file is tested below; failing here would be a build defect.
        Policy::parse(BUILTIN, "built-in").expect("built-in policy parses")
    }

    pub fn load(path: &Path) -> Result<Policy, PolicyError> {
        let text = std::fs::read_to_string(path).map_err(|source| PolicyError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Policy::parse(&text, &path.display().to_string())
    }

    pub fn parse(text: &str, source: &str) -> Result<Policy, PolicyError> {
        let file: PolicyFile = toml::from_str(text).map_err(|e| PolicyError::Invalid {
            path: source.to_owned(),
            message: e.to_string(),
        })?;
        Ok(Policy {
            file,
            source: source.to_owned(),
        })
    }

    /// Where the policy came from: `built-in` or a file path.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The policy for `client`; unknown clients get the default.
    pub fn for_client(&self, client: &str) -> ClientPolicy {
        let mut p = self.file.default.clone();
        if let Some(o) = self.file.clients.get(client) {
            let o = o.clone();
            p.minimum_age = o.minimum_age.unwrap_or(p.minimum_age);
            p.supported_countries = o.supported_countries.unwrap_or(p.supported_countries);
            p.document_types = o.document_types.unwrap_or(p.document_types);
            p.file_types = o.file_types.unwrap_or(p.file_types);
            p.liveness_frames = o.liveness_frames.unwrap_or(p.liveness_frames);
            p.max_file_bytes = o.max_file_bytes.unwrap_or(p.max_file_bytes);
            p.max_image_pixels = o.max_image_pixels.unwrap_or(p.max_image_pixels);
            p.face_min_confidence = o.face_min_confidence.unwrap_or(p.face_min_confidence);
            p.face_max_distance = o.face_max_distance.unwrap_or(p.face_max_distance);
        }
        p
    }
}

impl ClientPolicy {
    /// Whether a file name's extension is one the policy accepts (case-insensitive).
    pub fn accepts_extension(&self, file_name: &str) -> bool {
        Path::new(file_name)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.file_types.iter().any(|t| t.eq_ignore_ascii_case(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_defaults_and_overrides() {
        let p = Policy::builtin();
        let d = p.for_client("default");
        assert_eq!(d.minimum_age, 18);
        assert_eq!(d.liveness_frames, 3);
        assert!(d.supported_countries.is_empty());
        let n = p.for_client("nordbank");
        assert_eq!(n.minimum_age, 21);
        assert_eq!(n.liveness_frames, 3);
        assert!(n.supported_countries.contains(&"LVA".to_owned()));
        assert_eq!(p.for_client("unknown-client"), d);
        assert!(d.accepts_extension("front.JPG"));
        assert!(!d.accepts_extension("front.heic"));
        assert!(!d.accepts_extension("front"));
    }

    #[test]
    fn bad_policy_files_are_refused_with_the_reason() {
        let e = Policy::parse("[default]\nminimum_age = \"eighteen\"", "x.toml").unwrap_err();
        assert!(e.to_string().contains("x.toml"), "{e}");
        let unknown = BUILTIN.replace("minimum_age = 21", "minimum_agee = 21");
        assert!(Policy::parse(&unknown, "y.toml").is_err());
        assert!(Policy::parse("not toml [", "z.toml").is_err());
    }
}
