//! Outcomes and reason codes of TAXONOMY.md. Codes are a stable contract; their texts
//! (labels, descriptions, applicant messages) live in the locales.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a reviewer decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Approved,
    Rejected,
    Escalated,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Approved, Outcome::Rejected, Outcome::Escalated];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Approved => "approved",
            Outcome::Rejected => "rejected",
            Outcome::Escalated => "escalated",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Outcome {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Outcome::ALL
            .into_iter()
            .find(|o| o.code() == s)
            .ok_or_else(|| UnknownCode::Outcome(s.to_owned()))
    }
}

/// The seven categories of the Japanese seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Fraud,
    Manipulation,
    Security,
    Biometric,
    Visibility,
    Validity,
    Other,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Fraud,
        Category::Manipulation,
        Category::Security,
        Category::Biometric,
        Category::Visibility,
        Category::Validity,
        Category::Other,
    ];

    /// The category's name, as its reason codes begin.
    pub fn code(self) -> &'static str {
        match self {
            Category::Fraud => "fraud",
            Category::Manipulation => "manipulation",
            Category::Security => "security",
            Category::Biometric => "biometric",
            Category::Visibility => "visibility",
            Category::Validity => "validity",
            Category::Other => "other",
        }
    }
}

/// Whether a rejection lets the applicant try again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Finality {
    Retry,
    Final,
}

/// Fraud accuses the applicant; Victim marks social engineering, where the applicant was tricked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Flag {
    None,
    Fraud,
    Victim,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnknownCode {
    #[error("unknown reason code `{0}` (see TAXONOMY.md)")]
    Reason(String),
    #[error("unknown outcome `{0}` (expected approved, rejected or escalated)")]
    Outcome(String),
}

macro_rules! reasons {
    ($( $variant:ident = $code:literal, $cat:ident, $fin:ident, $flag:ident; )*) => {
        /// A rejection reason code of TAXONOMY.md.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ReasonCode { $( $variant, )* }

        impl ReasonCode {
            pub const ALL: &'static [ReasonCode] = &[ $( ReasonCode::$variant, )* ];

            pub fn code(self) -> &'static str {
                match self { $( ReasonCode::$variant => $code, )* }
            }
            pub fn category(self) -> Category {
                match self { $( ReasonCode::$variant => Category::$cat, )* }
            }
            pub fn finality(self) -> Finality {
                match self { $( ReasonCode::$variant => Finality::$fin, )* }
            }
            pub fn flag(self) -> Flag {
                match self { $( ReasonCode::$variant => Flag::$flag, )* }
            }
        }
    };
}

reasons! {
    FraudForgedDocument = "fraud.forged_document", Fraud, Final, Fraud;
    FraudSocialEngineering = "fraud.social_engineering", Fraud, Final, Victim;
    FraudIdentityTheft = "fraud.identity_theft", Fraud, Final, Fraud;
    FraudFrontTampered = "fraud.front_tampered", Fraud, Final, Fraud;
    FraudBackTampered = "fraud.back_tampered", Fraud, Final, Fraud;
    FraudOther = "fraud.other", Fraud, Final, Fraud;
    ManipulationDocumentManipulated = "manipulation.document_manipulated", Manipulation, Final, Fraud;
    ManipulationDataInconsistent = "manipulation.data_inconsistent", Manipulation, Final, Fraud;
    ManipulationDocumentAltered = "manipulation.document_altered", Manipulation, Final, Fraud;
    ManipulationFieldManipulated = "manipulation.field_manipulated", Manipulation, Final, Fraud;
    ManipulationChecksumIncorrect = "manipulation.checksum_incorrect", Manipulation, Final, Fraud;
    SecurityFeatureAltered = "security.feature_altered", Security, Final, Fraud;
    SecurityFeatureDigitallyAltered = "security.feature_digitally_altered", Security, Final, Fraud;
    BiometricFaceMismatch = "biometric.face_mismatch", Biometric, Final, Fraud;
    BiometricCharacteristicsMismatch = "biometric.characteristics_mismatch", Biometric, Final, Fraud;
    BiometricLivenessManipulated = "biometric.liveness_manipulated", Biometric, Final, Fraud;
    BiometricLivenessLeftManipulated = "biometric.liveness_left_manipulated", Biometric, Final, Fraud;
    BiometricLivenessRightManipulated = "biometric.liveness_right_manipulated", Biometric, Final, Fraud;
    BiometricLivenessFailed = "biometric.liveness_failed", Biometric, Retry, None;
    BiometricOtherPeople = "biometric.other_people", Biometric, Retry, None;
    VisibilityFaceNotVisible = "visibility.face_not_visible", Visibility, Retry, None;
    VisibilityPhotoNotVisible = "visibility.photo_not_visible", Visibility, Retry, None;
    VisibilitySecurityFeaturesNotVisible = "visibility.security_features_not_visible", Visibility, Retry, None;
    VisibilityPoorImageQuality = "visibility.poor_image_quality", Visibility, Retry, None;
    VisibilityGlasses = "visibility.glasses", Visibility, Retry, None;
    ValidityPhotoInvalid = "validity.photo_invalid", Validity, Retry, None;
    ValidityDocumentInvalid = "validity.document_invalid", Validity, Retry, None;
    ValidityDocumentExpired = "validity.document_expired", Validity, Retry, None;
    ValidityBlackAndWhite = "validity.black_and_white", Validity, Retry, None;
    ValidityEditedOrScreenshot = "validity.edited_or_screenshot", Validity, Retry, None;
    ValiditySignatureMissing = "validity.signature_missing", Validity, Retry, None;
    OtherDocumentUnsupported = "other.document_unsupported", Other, Retry, None;
    OtherWrongDocumentType = "other.wrong_document_type", Other, Retry, None;
    OtherCountryUnsupported = "other.country_unsupported", Other, Retry, None;
    OtherFileUnsupported = "other.file_unsupported", Other, Retry, None;
    OtherDocumentDamaged = "other.document_damaged", Other, Retry, None;
    OtherWrongSideScanned = "other.wrong_side_scanned", Other, Retry, None;
    OtherNotPerformedBySubject = "other.not_performed_by_subject", Other, Retry, None;
    OtherUnderage = "other.underage", Other, Final, None;
    OtherCameraProblem = "other.camera_problem", Other, Retry, None;
    OtherConnectionProblem = "other.connection_problem", Other, Retry, None;
    OtherCameraPermission = "other.camera_permission", Other, Retry, None;
    OtherVerificationInvalid = "other.verification_invalid", Other, Retry, None;
}

impl fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for ReasonCode {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ReasonCode::ALL
            .iter()
            .copied()
            .find(|r| r.code() == s)
            .ok_or_else(|| UnknownCode::Reason(s.to_owned()))
    }
}

impl Serialize for ReasonCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for ReasonCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Parses a comma-separated list such as the CLI's `--reject a,b`; refuses unknown codes and an empty list.
pub fn parse_reason_list(list: &str) -> Result<Vec<ReasonCode>, UnknownCode> {
    let mut out: Vec<ReasonCode> = Vec::new();
    for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let code: ReasonCode = part.parse()?;
        if !out.contains(&code) {
            out.push(code);
        }
    }
    if out.is_empty() {
        return Err(UnknownCode::Reason(list.to_owned()));
    }
    Ok(out)
}

/// A rejection is final when any of its reasons is.
pub fn is_final(reasons: &[ReasonCode]) -> bool {
    reasons.iter().any(|r| r.finality() == Finality::Final)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forty_three_unique_codes_round_trip() {
        assert_eq!(ReasonCode::ALL.len(), 43);
        for r in ReasonCode::ALL {
            assert_eq!(r.code().parse::<ReasonCode>(), Ok(*r));
        }
        let mut codes: Vec<_> = ReasonCode::ALL.iter().map(|r| r.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 43);
    }

    #[test]
    fn every_category_has_reasons_and_prefix_matches() {
        for c in Category::ALL {
            assert!(ReasonCode::ALL.iter().any(|r| r.category() == c), "{c:?}");
        }
        assert_eq!(ReasonCode::OtherUnderage.finality(), Finality::Final);
        assert_eq!(ReasonCode::FraudSocialEngineering.flag(), Flag::Victim);
    }

    #[test]
    fn reason_list_parsing() {
        assert_eq!(
            parse_reason_list("validity.document_expired, other.underage"),
            Ok(vec![
                ReasonCode::ValidityDocumentExpired,
                ReasonCode::OtherUnderage
            ])
        );
        assert!(parse_reason_list("validity.nope").is_err());
        assert!(parse_reason_list(" , ").is_err());
        assert!(is_final(&[
            ReasonCode::ValidityDocumentExpired,
            ReasonCode::OtherUnderage
        ]));
        assert!(!is_final(&[ReasonCode::ValidityDocumentExpired]));
    }
}
