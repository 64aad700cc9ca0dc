//! Hints: what the automated checks noticed, in the shape HINTS.md fixes.

use crate::taxonomy::ReasonCode;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warn,
    Fail,
}

impl Severity {
    pub fn code(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Fail => "fail",
        }
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warn" => Ok(Severity::Warn),
            "fail" => Ok(Severity::Fail),
            other => Err(format!("unknown severity `{other}`")),
        }
    }
}

/// The image a hint concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Slot {
    DocumentFront,
    DocumentBack,
    Selfie,
    Liveness(u8),
}

impl Slot {
    /// Expected images in display order, before the liveness frames.
    pub const SINGLE: [Slot; 3] = [Slot::DocumentFront, Slot::DocumentBack, Slot::Selfie];
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Slot::DocumentFront => f.write_str("document_front"),
            Slot::DocumentBack => f.write_str("document_back"),
            Slot::Selfie => f.write_str("selfie"),
            Slot::Liveness(n) => write!(f, "liveness[{n}]"),
        }
    }
}

impl FromStr for Slot {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "document_front" => Ok(Slot::DocumentFront),
            "document_back" => Ok(Slot::DocumentBack),
            "selfie" => Ok(Slot::Selfie),
            _ => s
                .strip_prefix("liveness[")
                .and_then(|r| r.strip_suffix(']'))
                .and_then(|n| n.parse().ok())
                .map(Slot::Liveness)
                .ok_or_else(|| format!("unknown image slot `{s}`")),
        }
    }
}

impl Serialize for Slot {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Slot {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

macro_rules! hint_codes {
    ($( $variant:ident = $code:literal, $severity:ident, $suggests:expr; )*) => {
        /// A hint code of HINTS.md with its default severity and suggested reason.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum HintCode { $( $variant, )* }

        impl HintCode {
            pub const ALL: &'static [HintCode] = &[ $( HintCode::$variant, )* ];
            pub fn code(self) -> &'static str {
                match self { $( HintCode::$variant => $code, )* }
            }
            pub fn default_severity(self) -> Severity {
                match self { $( HintCode::$variant => Severity::$severity, )* }
            }
            pub fn suggests(self) -> Option<ReasonCode> {
                match self { $( HintCode::$variant => $suggests, )* }
            }
        }
    };
}

use ReasonCode as R;
hint_codes! {
    FileUnsupportedType = "file.unsupported_type", Fail, Some(R::OtherFileUnsupported);
    FileUnreadable = "file.unreadable", Fail, Some(R::OtherCameraProblem);
    SubmissionMissingImage = "submission.missing_image", Fail, Some(R::OtherCameraPermission);
    ImageLowResolution = "image.low_resolution", Warn, Some(R::VisibilityPoorImageQuality);
    ImageBlurry = "image.blurry", Warn, Some(R::VisibilityPoorImageQuality);
    ImageGlare = "image.glare", Warn, Some(R::VisibilityPoorImageQuality);
    ImageUnderexposed = "image.underexposed", Warn, Some(R::VisibilityPoorImageQuality);
    ImageOverexposed = "image.overexposed", Warn, Some(R::VisibilityPoorImageQuality);
    ImageGrayscale = "image.grayscale", Fail, Some(R::ValidityBlackAndWhite);
    ImageEdited = "image.edited", Fail, Some(R::ValidityEditedOrScreenshot);
    ImageScreenshot = "image.screenshot", Fail, Some(R::ValidityEditedOrScreenshot);
    ImageReused = "image.reused", Fail, Some(R::FraudIdentityTheft);
    DocumentExpired = "document.expired", Fail, Some(R::ValidityDocumentExpired);
    DocumentTypeUnsupported = "document.type_unsupported", Fail, Some(R::OtherDocumentUnsupported);
    DocumentTypeMismatch = "document.type_mismatch", Fail, Some(R::OtherWrongDocumentType);
    DocumentCountryUnsupported = "document.country_unsupported", Fail, Some(R::OtherCountryUnsupported);
    MrzMalformed = "mrz.malformed", Fail, Some(R::ManipulationDataInconsistent);
    MrzChecksumInvalid = "mrz.checksum_invalid", Fail, Some(R::ManipulationChecksumIncorrect);
    MrzDataMismatch = "mrz.data_mismatch", Fail, Some(R::ManipulationDataInconsistent);
    ApplicantUnderage = "applicant.underage", Fail, Some(R::OtherUnderage);
    FaceNone = "face.none", Fail, Some(R::VisibilityFaceNotVisible);
    FaceMultiple = "face.multiple", Fail, Some(R::BiometricOtherPeople);
    FaceMismatch = "face.mismatch", Fail, Some(R::BiometricFaceMismatch);
    LivenessStatic = "liveness.static", Fail, Some(R::BiometricLivenessFailed);
    LivenessIncomplete = "liveness.incomplete", Warn, Some(R::OtherConnectionProblem);
    HistoryRepeatAttempt = "history.repeat_attempt", Info, None;
    HistoryDocumentReused = "history.document_reused", Fail, Some(R::FraudIdentityTheft);
}

impl fmt::Display for HintCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for HintCode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        HintCode::ALL
            .iter()
            .copied()
            .find(|c| c.code() == s)
            .ok_or_else(|| format!("unknown hint code `{s}`"))
    }
}

impl Serialize for HintCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for HintCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// One hint, serialised exactly as the `check` output of HINTS.md.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hint {
    pub code: HintCode,
    pub severity: Severity,
    pub slot: Option<Slot>,
    pub suggests: Option<ReasonCode>,
    pub message: String,
    pub evidence: serde_json::Value,
}

impl Hint {
    /// The region of its image the hint points at, `[x, y, w, h]` in the upright image's
    /// pixels, where its evidence names one.
    pub fn region(&self) -> Option<[f32; 4]> {
        let r = self.evidence.get("region")?.as_array()?;
        let v: Vec<f32> = r
            .iter()
            .filter_map(|x| x.as_f64())
            .map(|x| x as f32)
            .collect();
        match v.as_slice() {
            [x, y, w, h] => Some([*x, *y, *w, *h]),
            _ => None,
        }
    }

    /// The other cases the hint's evidence names (`case`, `cases[].id`, `matches[].case`),
    /// each once, in the order named: the reviewer looks at them as they are now.
    pub fn referenced_cases(&self) -> Vec<String> {
        let e = &self.evidence;
        let listed = |key: &str, field: &'static str| {
            e.get(key)
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
                .filter_map(move |x| x.get(field)?.as_str())
        };
        let mut out: Vec<String> = Vec::new();
        for id in e
            .get("case")
            .and_then(|v| v.as_str())
            .into_iter()
            .chain(listed("cases", "id"))
            .chain(listed("matches", "case"))
        {
            if !out.iter().any(|o| o == id) {
                out.push(id.to_owned());
            }
        }
        out
    }

    /// A hint with the code's default severity and suggestion.
    pub fn new(
        code: HintCode,
        slot: Option<Slot>,
        message: impl Into<String>,
        evidence: serde_json::Value,
    ) -> Self {
        Hint {
            code,
            severity: code.default_severity(),
            slot,
            suggests: code.suggests(),
            message: message.into(),
            evidence,
        }
    }
}

/// Hint counts by severity, as the queue shows them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HintCounts {
    pub fail: u32,
    pub warn: u32,
    pub info: u32,
}

impl HintCounts {
    pub fn of(hints: &[Hint]) -> Self {
        let mut c = HintCounts::default();
        for h in hints {
            c.add(h.severity);
        }
        c
    }

    pub fn add(&mut self, s: Severity) {
        match s {
            Severity::Fail => self.fail += 1,
            Severity::Warn => self.warn += 1,
            Severity::Info => self.info += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_round_trip() {
        for s in [
            Slot::DocumentFront,
            Slot::DocumentBack,
            Slot::Selfie,
            Slot::Liveness(2),
        ] {
            assert_eq!(s.to_string().parse::<Slot>(), Ok(s));
        }
        assert!("liveness[x]".parse::<Slot>().is_err());
        assert!("front".parse::<Slot>().is_err());
    }

    #[test]
    fn hint_serialises_as_in_hints_md() {
        let h = Hint::new(
            HintCode::MrzChecksumInvalid,
            None,
            "MRZ check digit wrong: date of birth",
            serde_json::json!({"fields": ["date_of_birth"]}),
        );
        let v = serde_json::to_value(&h).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "code": "mrz.checksum_invalid", "severity": "fail", "slot": null,
                "suggests": "manipulation.checksum_incorrect",
                "message": "MRZ check digit wrong: date of birth",
                "evidence": {"fields": ["date_of_birth"]}
            })
        );
        assert_eq!(HintCode::ALL.len(), 27);
    }
}
