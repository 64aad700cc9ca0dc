//! `submission.json` (SUBMISSION.md): parsing and validation into a typed submission.
//! Every problem is reported with the field it concerns; unknown fields are kept.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub const FORMAT: &str = "idv-submission/1";
/// Longest text field accepted; the longest real one, a TD3 MRZ, is 89 characters.
const MAX_FIELD_CHARS: usize = 200;
const MAX_LIVENESS_FRAMES: usize = 16;
/// The years a stored timestamp or date reads back in: RFC 3339 and ISO 8601 dates have four
/// digits, so a year 0 or 10000 (or one pushed there by a time-zone offset) is refused here
/// rather than stored and then unreadable.
pub const STORABLE_YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

fn out_of_range(year: i32) -> Option<String> {
    (!STORABLE_YEARS.contains(&year)).then(|| {
        format!(
            "year {year} is outside {}–{}",
            STORABLE_YEARS.start(),
            STORABLE_YEARS.end()
        )
    })
}

/// A submission id: 1–64 of `A-Z a-z 0-9 . _ -`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SubmissionId(String);

impl SubmissionId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SubmissionId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let ok_chars = s
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if (1..=64).contains(&s.len()) && ok_chars {
            Ok(SubmissionId(s))
        } else {
            Err(format!(
                "`{}` is not an id (1–64 of A-Z a-z 0-9 . _ -)",
                truncate(&s, 80)
            ))
        }
    }
}

impl From<SubmissionId> for String {
    fn from(id: SubmissionId) -> String {
        id.0
    }
}

impl std::fmt::Display for SubmissionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sex {
    F,
    M,
    X,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Applicant {
    pub given_names: Option<String>,
    pub surname: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub nationality: Option<String>,
    pub sex: Option<Sex>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// As selected by the applicant; values other than `passport` and `id_card` are kept and flagged.
    pub doc_type: Option<String>,
    pub issuing_country: Option<String>,
    pub number: Option<String>,
    pub expiry_date: Option<NaiveDate>,
    pub mrz: Option<String>,
}

/// File names from `images`, as written (relative to the bundle folder).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImageNames {
    pub document_front: Option<String>,
    pub document_back: Option<String>,
    pub selfie: Option<String>,
    pub liveness: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub id: SubmissionId,
    pub submitted_at: DateTime<Utc>,
    pub client: String,
    /// As written; `en` when absent. Unknown languages fall back to English when a message is made.
    pub applicant_locale: String,
    pub applicant: Applicant,
    pub document: Document,
    pub images: ImageNames,
    /// Fields this version does not know, kept to be shown.
    pub unknown_fields: Map<String, Value>,
}

/// Everything wrong with a submission.json, field by field.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SubmissionError {
    #[error("submission.json is not valid JSON: {0}")]
    Json(String),
    #[error("submission.json must hold a JSON object")]
    NotAnObject,
    #[error("{}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))]
    Fields(Vec<FieldProblem>),
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("field `{field}`: {problem}")]
pub struct FieldProblem {
    pub field: String,
    pub problem: String,
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// Reads fields from a JSON object, collecting problems instead of stopping at the first.
struct Reader<'a> {
    problems: &'a mut Vec<FieldProblem>,
}

impl Reader<'_> {
    fn problem(&mut self, field: &str, problem: impl Into<String>) {
        self.problems.push(FieldProblem {
            field: field.to_owned(),
            problem: problem.into(),
        });
    }

    fn string(&mut self, obj: &Map<String, Value>, key: &str, path: &str) -> Option<String> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.chars().count() > MAX_FIELD_CHARS => {
                self.problem(path, format!("longer than {MAX_FIELD_CHARS} characters"));
                None
            }
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                self.problem(path, format!("expected a string, found {}", kind(other)));
                None
            }
        }
    }

    fn object<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        key: &str,
    ) -> Option<&'v Map<String, Value>> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Object(o)) => Some(o),
            Some(other) => {
                self.problem(key, format!("expected an object, found {}", kind(other)));
                None
            }
        }
    }

    fn date(&mut self, obj: &Map<String, Value>, key: &str, path: &str) -> Option<NaiveDate> {
        let s = self.string(obj, key, path)?;
        match NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
            Ok(d) if s.len() == 10 => match out_of_range(d.year()) {
                None => Some(d),
                Some(why) => {
                    self.problem(path, format!("`{s}`: {why}"));
                    None
                }
            },
            _ => {
                self.problem(
                    path,
                    format!("`{}` is not a date as YYYY-MM-DD", truncate(&s, 40)),
                );
                None
            }
        }
    }

    fn country(&mut self, obj: &Map<String, Value>, key: &str, path: &str) -> Option<String> {
        let s = self.string(obj, key, path)?;
        // ICAO codes are three letters; Germany's is `D`, padded with `<` in the MRZ.
        let letters = s.trim_end_matches('<');
        if (1..=3).contains(&s.len())
            && !letters.is_empty()
            && letters.bytes().all(|b| b.is_ascii_uppercase())
        {
            Some(s)
        } else {
            self.problem(
                path,
                format!("`{}` is not an ICAO 3-letter code", truncate(&s, 40)),
            );
            None
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn keep_unknown(
    obj: &Map<String, Value>,
    known: &[&str],
    prefix: &str,
    out: &mut Map<String, Value>,
) {
    for (k, v) in obj {
        if !known.contains(&k.as_str()) {
            out.insert(format!("{prefix}{k}"), v.clone());
        }
    }
}

const KNOWN_TOP: [&str; 8] = [
    "format",
    "id",
    "submitted_at",
    "client",
    "applicant_locale",
    "applicant",
    "document",
    "images",
];

impl Submission {
    /// Parses and validates the bytes of a submission.json.
    pub fn parse(bytes: &[u8]) -> Result<Submission, SubmissionError> {
        let value: Value =
            serde_json::from_slice(bytes).map_err(|e| SubmissionError::Json(e.to_string()))?;
        let Value::Object(obj) = value else {
            return Err(SubmissionError::NotAnObject);
        };
        let mut problems = Vec::new();
        let mut r = Reader {
            problems: &mut problems,
        };

        match obj.get("format") {
            Some(Value::String(f)) if f == FORMAT => {}
            Some(Value::String(f)) => r.problem(
                "format",
                format!(
                    "`{}` is not supported (expected `{FORMAT}`)",
                    truncate(f, 40)
                ),
            ),
            Some(other) => r.problem(
                "format",
                format!("expected `{FORMAT}`, found {}", kind(other)),
            ),
            None => r.problem("format", format!("missing (expected `{FORMAT}`)")),
        }

        let id = match r.string(&obj, "id", "id") {
            Some(s) => SubmissionId::try_from(s)
                .map_err(|e| r.problem("id", e))
                .ok(),
            None => {
                r.problem("id", "missing");
                None
            }
        };

        let submitted_at = match r.string(&obj, "submitted_at", "submitted_at") {
            Some(s) => match DateTime::parse_from_rfc3339(&s).map(|d| d.with_timezone(&Utc)) {
                Ok(t) => match out_of_range(t.year()) {
                    None => Some(t),
                    Some(why) => {
                        r.problem(
                            "submitted_at",
                            format!("`{}` in UTC: {why}", truncate(&s, 40)),
                        );
                        None
                    }
                },
                Err(_) => {
                    r.problem(
                        "submitted_at",
                        format!("`{}` is not an RFC 3339 timestamp", truncate(&s, 40)),
                    );
                    None
                }
            },
            None => {
                r.problem("submitted_at", "missing");
                None
            }
        };

        let client = r
            .string(&obj, "client", "client")
            .unwrap_or_else(|| "default".to_owned());
        if client.is_empty() {
            r.problem("client", "empty");
        }
        let applicant_locale = r
            .string(&obj, "applicant_locale", "applicant_locale")
            .unwrap_or_else(|| "en".to_owned());

        let applicant = r
            .object(&obj, "applicant")
            .map(|a| Applicant {
                given_names: r.string(a, "given_names", "applicant.given_names"),
                surname: r.string(a, "surname", "applicant.surname"),
                date_of_birth: r.date(a, "date_of_birth", "applicant.date_of_birth"),
                nationality: r.country(a, "nationality", "applicant.nationality"),
                sex: r
                    .string(a, "sex", "applicant.sex")
                    .and_then(|s| match s.as_str() {
                        "F" => Some(Sex::F),
                        "M" => Some(Sex::M),
                        "X" => Some(Sex::X),
                        other => {
                            r.problem(
                                "applicant.sex",
                                format!("`{}` is not F, M or X", truncate(other, 20)),
                            );
                            None
                        }
                    }),
            })
            .unwrap_or_default();

        let document = r
            .object(&obj, "document")
            .map(|d| Document {
                doc_type: r.string(d, "type", "document.type"),
                issuing_country: r.country(d, "issuing_country", "document.issuing_country"),
                number: r.string(d, "number", "document.number"),
                expiry_date: r.date(d, "expiry_date", "document.expiry_date"),
                mrz: r.string(d, "mrz", "document.mrz"),
            })
            .unwrap_or_default();

        let images = match r.object(&obj, "images") {
            Some(i) => ImageNames {
                document_front: r.string(i, "document_front", "images.document_front"),
                document_back: r.string(i, "document_back", "images.document_back"),
                selfie: r.string(i, "selfie", "images.selfie"),
                liveness: match i.get("liveness") {
                    None | Some(Value::Null) => Vec::new(),
                    Some(Value::Array(items)) if items.len() > MAX_LIVENESS_FRAMES => {
                        r.problem(
                            "images.liveness",
                            format!(
                                "{} frames; at most {MAX_LIVENESS_FRAMES} are accepted",
                                items.len()
                            ),
                        );
                        Vec::new()
                    }
                    Some(Value::Array(items)) => items
                        .iter()
                        .enumerate()
                        .filter_map(|(n, v)| match v {
                            Value::String(s) => Some(s.clone()),
                            other => {
                                r.problem(
                                    &format!("images.liveness[{n}]"),
                                    format!("expected a file name, found {}", kind(other)),
                                );
                                None
                            }
                        })
                        .collect(),
                    Some(other) => {
                        r.problem(
                            "images.liveness",
                            format!("expected a list of file names, found {}", kind(other)),
                        );
                        Vec::new()
                    }
                },
            },
            None => ImageNames::default(),
        };

        // Unknown fields, at the top and inside the known objects, are kept under their path.
        let mut unknown_fields = Map::new();
        keep_unknown(&obj, &KNOWN_TOP, "", &mut unknown_fields);
        for (key, known) in [
            (
                "applicant",
                &[
                    "given_names",
                    "surname",
                    "date_of_birth",
                    "nationality",
                    "sex",
                ][..],
            ),
            (
                "document",
                &["type", "issuing_country", "number", "expiry_date", "mrz"][..],
            ),
            (
                "images",
                &["document_front", "document_back", "selfie", "liveness"][..],
            ),
        ] {
            if let Some(Value::Object(inner)) = obj.get(key) {
                keep_unknown(inner, known, &format!("{key}."), &mut unknown_fields);
            }
        }

        match (id, submitted_at, problems.is_empty()) {
            (Some(id), Some(submitted_at), true) => Ok(Submission {
                id,
                submitted_at,
                client,
                applicant_locale,
                applicant,
                document,
                images,
                unknown_fields,
            }),
            _ => Err(SubmissionError::Fields(problems)),
        }
    }

    /// Every named image with its slot, in display order.
    pub fn named_images(&self) -> Vec<(crate::hints::Slot, &str)> {
        use crate::hints::Slot;
        let mut out = Vec::new();
        for (slot, name) in [
            (Slot::DocumentFront, &self.images.document_front),
            (Slot::DocumentBack, &self.images.document_back),
            (Slot::Selfie, &self.images.selfie),
        ] {
            if let Some(n) = name {
                out.push((slot, n.as_str()));
            }
        }
        for (i, n) in self.images.liveness.iter().enumerate() {
            // Bounded by MAX_LIVENESS_FRAMES, so the index fits.
            out.push((Slot::Liveness(i as u8), n.as_str()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"{
      "format": "idv-submission/1", "id": "SUB-2026-000123",
      "submitted_at": "2026-11-20T14:03:11Z", "client": "default", "applicant_locale": "lv",
      "applicant": {"given_names": "ANNA MARIA", "surname": "ERIKSSON", "date_of_birth": "1974-08-12",
                    "nationality": "UTO", "sex": "F"},
      "document": {"type": "passport", "issuing_country": "UTO", "number": "L898902C3",
                   "expiry_date": "2032-04-15",
                   "mrz": "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F3204153ZE184226B<<<<<16"},
      "images": {"document_front": "front.jpg", "document_back": "back.jpg", "selfie": "selfie.jpg",
                 "liveness": ["liveness_left.jpg", "liveness_center.jpg", "liveness_right.jpg"]},
      "channel": "mobile-app"
    }"#;

    #[test]
    fn unknown_fields_inside_known_objects_are_kept_with_their_path() {
        let with_extra = EXAMPLE
            .replace(
                "\"sex\": \"F\"}",
                "\"sex\": \"F\", \"place_of_birth\": \"Riga\"}",
            )
            .replace(
                "\"selfie\": \"selfie.jpg\",",
                "\"selfie\": \"selfie.jpg\", \"video\": \"v.mp4\",",
            );
        let s = Submission::parse(with_extra.as_bytes()).unwrap();
        assert_eq!(s.unknown_fields["applicant.place_of_birth"], "Riga");
        assert_eq!(s.unknown_fields["images.video"], "v.mp4");
        assert_eq!(s.unknown_fields["channel"], "mobile-app");
    }

    #[test]
    fn parses_the_spec_example_and_keeps_unknown_fields() {
        let s = Submission::parse(EXAMPLE.as_bytes()).unwrap();
        assert_eq!(s.id.as_str(), "SUB-2026-000123");
        assert_eq!(s.applicant.sex, Some(Sex::F));
        assert_eq!(s.images.liveness.len(), 3);
        assert_eq!(s.named_images().len(), 6);
        assert_eq!(s.unknown_fields["channel"], "mobile-app");
    }

    fn problems(json: &str) -> String {
        Submission::parse(json.as_bytes()).unwrap_err().to_string()
    }

    #[test]
    fn reports_every_bad_field_by_name() {
        let bad = EXAMPLE
            .replace("idv-submission/1", "idv-submission/2")
            .replace("SUB-2026-000123", "SUB 2026/000123")
            .replace("2026-11-20T14:03:11Z", "yesterday")
            .replace("1974-08-12", "1974-13-12")
            .replace("\"F\"", "\"female\"");
        let msg = problems(&bad);
        for field in [
            "`format`",
            "`id`",
            "`submitted_at`",
            "`applicant.date_of_birth`",
            "`applicant.sex`",
        ] {
            assert!(msg.contains(field), "{field} missing from: {msg}");
        }
    }

    #[test]
    fn refuses_malformed_and_hostile_json() {
        assert!(matches!(
            Submission::parse(b"{\"format\": "),
            Err(SubmissionError::Json(_))
        ));
        assert!(matches!(
            Submission::parse(b"[1,2]"),
            Err(SubmissionError::NotAnObject)
        ));
        assert!(matches!(
            Submission::parse(b"\xff\xfe"),
            Err(SubmissionError::Json(_))
        ));
        let deep = "[".repeat(100_000);
        assert!(matches!(
            Submission::parse(deep.as_bytes()),
            Err(SubmissionError::Json(_))
        ));
        let long_id = EXAMPLE.replace("SUB-2026-000123", &"A".repeat(65));
        assert!(problems(&long_id).contains("`id`"));
        let many = EXAMPLE.replace(
            "[\"liveness_left.jpg\", \"liveness_center.jpg\", \"liveness_right.jpg\"]",
            &format!("[{}]", vec!["\"a.jpg\""; 1000].join(",")),
        );
        assert!(problems(&many).contains("images.liveness"));
    }

    #[test]
    fn defaults_and_wrong_types() {
        let s = Submission::parse(
            br#"{"format":"idv-submission/1","id":"x","submitted_at":"2026-01-01T00:00:00+02:00"}"#,
        )
        .unwrap();
        assert_eq!(s.client, "default");
        assert_eq!(s.applicant_locale, "en");
        assert_eq!(s.submitted_at.to_rfc3339(), "2025-12-31T22:00:00+00:00");
        let msg = problems(
            r#"{"format":"idv-submission/1","id":5,"submitted_at":"2026-01-01T00:00:00Z","images":{"selfie":7}}"#,
        );
        assert!(
            msg.contains("`id`: expected a string, found a number"),
            "{msg}"
        );
        assert!(msg.contains("`images.selfie`"), "{msg}");
    }

    #[test]
    fn timestamps_and_dates_outside_the_storable_years_are_refused() {
        let at = |t: &str| {
            format!(
                r#"{{"format":"idv-submission/1","id":"x","submitted_at":"{t}","applicant":{{"date_of_birth":"1990-01-01"}}}}"#
            )
        };
        for t in [
            "0000-01-01T00:00:00Z",
            "0001-01-01T00:30:00+01:00",
            "9999-12-31T23:30:00-01:00",
        ] {
            let msg = problems(&at(t));
            assert!(
                msg.contains("`submitted_at`") && msg.contains("outside 1–9999"),
                "{t}: {msg}"
            );
        }
        for t in ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"] {
            let s = Submission::parse(at(t).as_bytes()).unwrap();
            // What is accepted is what the store writes and reads back.
            let stored = crate::decision_log::timestamp(s.submitted_at);
            assert_eq!(
                DateTime::parse_from_rfc3339(&stored).unwrap(),
                s.submitted_at,
                "{stored}"
            );
        }
        let dob = |d: &str| at("2026-01-01T00:00:00Z").replace("1990-01-01", d);
        assert!(problems(&dob("0000-06-01")).contains("applicant.date_of_birth"));
        let d = Submission::parse(dob("0001-06-01").as_bytes()).unwrap();
        let born = d.applicant.date_of_birth.unwrap();
        assert_eq!(born.to_string().parse::<NaiveDate>(), Ok(born));
    }
}
