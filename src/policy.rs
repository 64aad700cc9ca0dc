//! The policy file (SUBMISSION.md): built-in defaults with per-client overrides, in TOML.

use crate::retention::{Clients, PurgeRule};
use chrono::{DateTime, Utc};
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
    pub images: ImagePolicy,
    /// Faces the detector scores below this are not counted (0 to 1).
    #[serde(default = "default_face_min_confidence")]
    pub face_min_confidence: f64,
    /// Selfie and portrait faces further apart than this (Euclidean distance between their
    /// 128-D descriptors) raise `face.mismatch`.
    #[serde(default = "default_face_max_distance")]
    pub face_max_distance: f64,
    /// Days a decided case keeps its personal data; `vigil purge` without `--before`
    /// removes it after them. Unset: kept until purged by date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<u32>,
    /// Hours from submission within which a case is due (TEAM.md): the queue orders by the
    /// due time and marks cases due soon and overdue. Unset: no due time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sla_hours: Option<u32>,
    /// The share of the client's decided cases `vigil qa sample` puts into the blind QA
    /// queue (above 0, at most 1). Unset: sampled only at a rate given on the command line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qa_rate: Option<crate::qa::QaRate>,
}

// Policy files written before the face checks stay valid: these are the built-in values.
fn default_face_min_confidence() -> f64 {
    0.95
}

fn default_face_max_distance() -> f64 {
    0.6
}

/// Thresholds of the image checks. `tests/suite/image_calibration.rs` records the measures they
/// were chosen from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImagePolicy {
    /// Smallest `[long side, short side]` in pixels, per kind of image.
    pub document_min_size: [u32; 2],
    pub selfie_min_size: [u32; 2],
    pub liveness_min_size: [u32; 2],
    /// Blurry below this variance of the Laplacian (on the 1024-pixel working copy)…
    pub blur_min_laplacian: f64,
    /// …and above this perceptual blur (0 sharp, 1 blurred).
    pub blur_max_effect: f64,
    /// Glare when one clipped white patch covers more than this share of the image.
    pub glare_max_fraction: f64,
    /// Underexposed when 95% of the pixels are darker than this luma (0–255).
    pub underexposed_max_p95: u8,
    /// Overexposed when 95% of the pixels are brighter than this luma: no real blacks.
    pub overexposed_min_p05: u8,
    /// Greyscale when colourfulness (Hasler–Süsstrunk) is below this…
    pub greyscale_max_colourfulness: f64,
    /// …and fewer than this share of the pixels carry colour.
    pub greyscale_max_chromatic_share: f64,
    /// Reused when another applicant's image is within this Hamming distance (of 64 bits);
    /// at most 3, the distance the hash index finds every match within.
    pub reuse_max_distance: u32,
    /// Static liveness when consecutive frames differ by less than this mean grey level.
    pub liveness_min_difference: f64,
}

/// The most `reuse_max_distance` may be (`imaging::phash::ImageHash::bands`).
pub const MAX_REUSE_DISTANCE: u32 = 3;

/// The policy file as written: `[default]` complete, each `[clients.NAME]` naming only what
/// it changes, down to single thresholds inside `[clients.NAME.images]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    default: toml::Table,
    #[serde(default)]
    clients: BTreeMap<String, toml::Table>,
}

#[derive(Debug, Clone)]
pub struct Policy {
    default: ClientPolicy,
    clients: BTreeMap<String, ClientPolicy>,
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

    /// Parses a policy and resolves every client's settings, so that a mistake in any client's
    /// table is refused here, not when its first case arrives.
    pub fn parse(text: &str, source: &str) -> Result<Policy, PolicyError> {
        let invalid = |message: String| PolicyError::Invalid {
            path: source.to_owned(),
            message,
        };
        let file: PolicyFile = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        let resolve = |table: toml::Table, name: &str| -> Result<ClientPolicy, PolicyError> {
            let p: ClientPolicy = toml::Value::Table(table)
                .try_into()
                .map_err(|e: toml::de::Error| invalid(format!("{name}: {e}")))?;
            p.validate().map_err(|e| invalid(format!("{name}: {e}")))?;
            Ok(p)
        };
        let clients = file
            .clients
            .iter()
            .map(|(name, overrides)| {
                let mut merged = file.default.clone();
                merge(&mut merged, overrides.clone());
                Ok((name.clone(), resolve(merged, &format!("[clients.{name}]"))?))
            })
            .collect::<Result<_, PolicyError>>()?;
        Ok(Policy {
            default: resolve(file.default, "[default]")?,
            clients,
            source: source.to_owned(),
        })
    }

    /// Where the policy came from: `built-in` or a file path.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The purges `retention_days` asks for at `now`: one for each client with a setting
    /// of its own, one for the clients the default covers.
    pub fn retention_rules(&self, now: DateTime<Utc>) -> Vec<PurgeRule> {
        let before = |days: u32| now - chrono::Duration::days(i64::from(days));
        let named = self.clients.iter().filter_map(|(name, p)| {
            p.retention_days.map(|d| PurgeRule {
                clients: Clients::Only(name.clone()),
                before: before(d),
            })
        });
        let default = self.default.retention_days.map(|d| PurgeRule {
            clients: Clients::AllBut(self.clients.keys().cloned().collect()),
            before: before(d),
        });
        named.chain(default).collect()
    }

    /// Whether no client (nor the default) sets a `qa_rate`.
    pub fn qa_rates_unset(&self) -> bool {
        std::iter::once(&self.default)
            .chain(self.clients.values())
            .all(|p| p.qa_rate.is_none())
    }

    /// The policy for `client`; unknown clients get the default.
    pub fn for_client(&self, client: &str) -> ClientPolicy {
        self.clients.get(client).unwrap_or(&self.default).clone()
    }
}

/// The policy a case was checked under, as its record names it: "built-in policy, client
/// `acme`". The record keeps the sentence; the window parses it to say it in the reviewer's
/// language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasePolicy {
    /// `built-in` or the policy file's path.
    pub source: String,
    pub client: String,
}

impl CasePolicy {
    const MIDDLE: &'static str = " policy, client `";

    pub fn label(&self) -> String {
        format!("{}{}{}`", self.source, Self::MIDDLE, self.client)
    }

    /// The parts of a label `label()` wrote; None for any other text.
    pub fn parse(label: &str) -> Option<CasePolicy> {
        let (source, rest) = label.rsplit_once(Self::MIDDLE)?;
        let client = rest.strip_suffix('`')?;
        Some(CasePolicy {
            source: source.to_owned(),
            client: client.to_owned(),
        })
    }
}

/// Lays `overrides` over `base`: tables merge key by key, anything else replaces.
fn merge(base: &mut toml::Table, overrides: toml::Table) {
    for (key, value) in overrides {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

impl ClientPolicy {
    /// When a case submitted at `submitted_at` is due, if the client has a due time.
    pub fn due_at(&self, submitted_at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let hours = chrono::Duration::hours(i64::from(self.sla_hours?));
        submitted_at.checked_add_signed(hours)
    }

    fn validate(&self) -> Result<(), String> {
        if self.sla_hours == Some(0) {
            return Err("sla_hours is 0; a due time is at least 1 hour after submission".into());
        }
        if self.images.reuse_max_distance > MAX_REUSE_DISTANCE {
            return Err(format!(
                "images.reuse_max_distance is {}; the image index finds matches up to {MAX_REUSE_DISTANCE}",
                self.images.reuse_max_distance
            ));
        }
        Ok(())
    }

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
    fn a_case_policy_label_reads_back() {
        for (source, client) in [
            ("built-in", "acme"),
            ("/etc/vigil/policy, client `x`.toml", "bank`s"),
            ("", ""),
        ] {
            let p = CasePolicy {
                source: source.into(),
                client: client.into(),
            };
            assert_eq!(CasePolicy::parse(&p.label()), Some(p));
        }
        for other in ["", "built-in", "built-in policy, client `acme", "policy"] {
            assert_eq!(CasePolicy::parse(other), None, "{other}");
        }
    }

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
        let far = BUILTIN.replace("reuse_max_distance = 3", "reuse_max_distance = 9");
        let e = Policy::parse(&far, "w.toml").unwrap_err();
        assert!(e.to_string().contains("reuse_max_distance"), "{e}");
    }

    #[test]
    fn a_client_overrides_single_image_thresholds_and_keeps_the_rest() {
        let text = format!("{BUILTIN}\n[clients.strict.images]\nglare_max_fraction = 0.001\n");
        let p = Policy::parse(&text, "t.toml").unwrap();
        let (d, s) = (p.for_client("default"), p.for_client("strict"));
        assert_eq!(s.images.glare_max_fraction, 0.001);
        assert_eq!(s.images.blur_min_laplacian, d.images.blur_min_laplacian);
        assert_eq!(s.minimum_age, d.minimum_age);
        let typo = format!("{BUILTIN}\n[clients.strict.images]\nglare_max = 0.001\n");
        let e = Policy::parse(&typo, "t.toml").unwrap_err();
        assert!(e.to_string().contains("[clients.strict]"), "{e}");
    }

    #[test]
    fn sla_hours_set_a_due_time_per_client_inherited_from_the_default() {
        let submitted = crate::testing::date(2026, 11, 30)
            .and_hms_opt(9, 0, 0)
            .unwrap()
            .and_utc();
        assert_eq!(
            Policy::builtin().for_client("default").due_at(submitted),
            None
        );
        let text = BUILTIN.replacen("[default]\n", "[default]\nsla_hours = 24\n", 1)
            + "\n[clients.express]\nsla_hours = 2\n";
        let p = Policy::parse(&text, "t.toml").unwrap();
        let due = |client: &str| {
            p.for_client(client)
                .due_at(submitted)
                .map(|d| d - submitted)
        };
        assert_eq!(due("default"), Some(chrono::Duration::hours(24)));
        assert_eq!(due("express"), Some(chrono::Duration::hours(2)));
        // A named client without its own setting inherits the default's; an unknown one
        // goes by the default.
        assert_eq!(due("nordbank"), Some(chrono::Duration::hours(24)));
        assert_eq!(due("nobody"), Some(chrono::Duration::hours(24)));
        for bad in ["sla_hours = 0", "sla_hours = -3", "sla_hours = \"a day\""] {
            let text = BUILTIN.replacen("[default]\n", &format!("[default]\n{bad}\n"), 1);
            let e = Policy::parse(&text, "t.toml").unwrap_err();
            assert!(e.to_string().contains("sla_hours"), "{bad}: {e}");
        }
    }

    #[test]
    fn qa_rates_are_per_client_inherited_and_refused_outside_zero_to_one() {
        assert!(Policy::builtin().qa_rates_unset());
        let text = BUILTIN.replacen("[default]\n", "[default]\nqa_rate = 0.05\n", 1)
            + "\n[clients.express]\nqa_rate = 0.5\n";
        let p = Policy::parse(&text, "t.toml").unwrap();
        let rate = |client: &str| p.for_client(client).qa_rate.map(|r| r.get());
        assert_eq!(
            (rate("default"), rate("express"), rate("nobody")),
            (Some(0.05), Some(0.5), Some(0.05))
        );
        assert!(!p.qa_rates_unset());
        for bad in [
            "qa_rate = 0",
            "qa_rate = 1.5",
            "qa_rate = -0.1",
            "qa_rate = \"5%\"",
        ] {
            let text = BUILTIN.replacen("[default]\n", &format!("[default]\n{bad}\n"), 1);
            let e = Policy::parse(&text, "t.toml").unwrap_err();
            assert!(e.to_string().contains("qa_rate"), "{bad}: {e}");
        }
    }

    #[test]
    fn retention_days_make_one_purge_per_client_and_one_for_the_default() {
        let now = crate::testing::date(2026, 11, 30)
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc();
        assert!(Policy::builtin().retention_rules(now).is_empty());
        let text = BUILTIN.replacen("[default]\n", "[default]\nretention_days = 365\n", 1)
            + "\n[clients.brief]\nretention_days = 30\n";
        let rules = Policy::parse(&text, "t.toml").unwrap().retention_rules(now);
        let days = |r: &PurgeRule| (now - r.before).num_days();
        let described: Vec<(Clients, i64)> =
            rules.iter().map(|r| (r.clients.clone(), days(r))).collect();
        assert_eq!(
            described,
            [
                (Clients::Only("brief".into()), 30),
                // A named client without its own setting inherits the default's.
                (Clients::Only("nordbank".into()), 365),
                (
                    Clients::AllBut(vec!["brief".into(), "nordbank".into()]),
                    365
                ),
            ]
        );
        assert!(rules[2].clients.covers("acme") && !rules[2].clients.covers("brief"));
        let negative = BUILTIN.replacen("[default]\n", "[default]\nretention_days = -1\n", 1);
        assert!(Policy::parse(&negative, "t.toml").is_err());
    }
}
