//! Rows as both back ends read them: plain text and numbers, turned into the domain's types
//! here once, so that SQLite and PostgreSQL agree on every conversion and every complaint.

use super::{CaseFile, CaseSummary, Escalation, LogRow, StoreError};
use crate::checks::{HistoryRecord, ImageMatch};
use crate::decision_log::{ChainBreak, LogEntry};
use crate::hints::{Hint, HintCounts};
use crate::imaging::phash::ImageHash;
use crate::lifecycle::{CaseStatus, Claim, StoredStatus};
use chrono::{DateTime, NaiveDate, Utc};

pub fn parse_time(s: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("timestamp `{s}`: {e}")))
}

pub fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {e}"))
}

/// Names the case a corrupt value belongs to.
fn of_case(id: &str, e: StoreError) -> StoreError {
    match e {
        StoreError::Corrupt(m) => StoreError::Corrupt(format!("case {id}: {m}")),
        other => other,
    }
}

pub fn status_from(status: &str, escalated_by: Option<String>) -> Result<CaseStatus, StoreError> {
    Ok(match status {
        "pending" => CaseStatus::Pending,
        "escalated" => CaseStatus::Escalated {
            by: escalated_by.unwrap_or_default(),
        },
        other => CaseStatus::Decided(other.parse().map_err(|e| corrupt("case status", e))?),
    })
}

/// What the statistics read of every log entry, in log order: no notes, messages or hashes.
pub const STAT_ROWS_QUERY: &str = "SELECT seq, kind, submission_id, decided_at, reviewer,
    outcome, reasons, hints, handling_ms, subject, change FROM decisions ORDER BY seq";

/// The cases waiting now (for review or the fraud team) past their due time $1.
pub const OVERDUE_QUERY: &str =
    "SELECT count(*) FROM cases WHERE status IN ('pending', 'escalated') AND due_at <= $1";

/// Every case's status, for `Store::log_and_state`: the same on both back ends, and read
/// from the queue index alone (the rows, with their submissions, are not read)…
pub const CASE_STATUSES_QUERY: &str = "SELECT id, status FROM cases";
/// …and their claims, live or expired: id, holder, lease end.
pub const CASE_CLAIMS_QUERY: &str =
    "SELECT id, claimed_by, lease_until FROM cases WHERE claimed_by IS NOT NULL";
/// …but for the escalated cases, whose escalator the four-eyes rule reads.
pub const ESCALATORS_QUERY: &str = "SELECT id, escalated_by FROM cases WHERE status = 'escalated'";

/// The decided cases not purged yet whose last decision was before $1 (retention): id,
/// client, submission. The same on both back ends (SQLite numbers `$N` in order of use).
pub const PURGEABLE_QUERY: &str = "SELECT c.id, c.client, c.submission FROM cases c
    WHERE c.purged_at IS NULL AND c.status IN ('approved', 'rejected')
      AND (SELECT MAX(d.decided_at) FROM decisions d
           WHERE d.submission_id = c.id AND d.kind = 'decision') < $1
    ORDER BY c.id";

/// The approved or rejected cases, not purged and not waiting for QA, whose deciding entry
/// is after entry $1: id, client, entry, reviewer, in log order. A range of the log's key.
pub const DECIDED_SINCE_QUERY: &str = "SELECT d.submission_id, c.client, d.seq, d.reviewer
    FROM decisions d JOIN cases c ON c.id = d.submission_id
    WHERE d.seq > $1 AND d.kind = 'decision' AND d.outcome IN ('approved', 'rejected')
      AND c.status = d.outcome AND c.purged_at IS NULL
      AND d.seq = (SELECT MAX(e.seq) FROM decisions e
                   WHERE e.submission_id = d.submission_id AND e.kind = 'decision')
      AND NOT EXISTS (SELECT 1 FROM qa_queue q WHERE q.case_id = d.submission_id)
    ORDER BY d.seq";

/// The last entry the last QA sample considered.
pub const QA_CONSIDERED_QUERY: &str = "SELECT value FROM meta WHERE key = 'qa_considered'";

/// Case $1's place in the QA queue.
pub const QA_PENDING_QUERY: &str =
    "SELECT case_id, decision_seq, sampled_seq FROM qa_queue WHERE case_id = $1";

/// Case $1 put in the QA queue for entry $2, sampled by entry $3.
pub const QA_PUT_QUERY: &str =
    "INSERT INTO qa_queue (case_id, decision_seq, sampled_seq) VALUES ($1, $2, $3)";

pub const QA_CLEAR_QUERY: &str = "DELETE FROM qa_queue WHERE case_id = $1";

/// The whole QA queue, for `Store::log_and_state`.
pub const QA_QUEUE_QUERY: &str = "SELECT case_id, decision_seq, sampled_seq FROM qa_queue";

/// The QA queue's cases that can still be reviewed (not purged), in the order sampled: id,
/// client, submitted.
pub const QA_ITEMS_QUERY: &str = "SELECT q.case_id, c.client, c.submitted_at
    FROM qa_queue q JOIN cases c ON c.id = q.case_id
    WHERE c.purged_at IS NULL ORDER BY q.sampled_seq";

/// A QA queue row's numbers as the log's.
pub fn qa_pending(case_id: String, decision_seq: i64, sampled_seq: i64) -> crate::qa::Pending {
    crate::qa::Pending {
        case_id,
        decision_seq: decision_seq.max(0) as u64,
        sampled_seq: sampled_seq.max(0) as u64,
    }
}

/// A row of `QA_ITEMS_QUERY`.
pub fn qa_queued(
    (case_id, client, submitted): (String, String, String),
) -> Result<crate::qa::Queued, StoreError> {
    Ok(crate::qa::Queued {
        submitted_at: parse_time(&submitted)?,
        case_id,
        client,
    })
}

/// The images case $1 refers to.
pub const CASE_IMAGES_QUERY: &str =
    "SELECT DISTINCT sha256 FROM case_files WHERE case_id = $1 AND sha256 IS NOT NULL";

/// Whether any case still refers to image $1.
pub const IMAGE_IN_USE_QUERY: &str = "SELECT EXISTS (SELECT 1 FROM case_files WHERE sha256 = $1)";

/// Whether case $1 was purged.
pub const IS_PURGED_QUERY: &str =
    "SELECT EXISTS (SELECT 1 FROM cases WHERE id = $1 AND purged_at IS NOT NULL)";

/// Case $3's row purged: its submission replaced by $1, purged at $2 (numbered in the order
/// they appear, as SQLite numbers them).
pub const PURGE_CASE_ROW: &str = "UPDATE cases SET submission = $1, purged_at = $2,
    surname = NULL, given_names = NULL, date_of_birth = NULL, issuing_country = NULL,
    document_number = NULL WHERE id = $3";

/// The rest of case $1's personal data: image references and fingerprints, hint texts and
/// evidence, document numbers, and the log's notes that have commitments (the triggers let
/// exactly that change through).
pub const PURGE_CASE_PARTS: [&str; 4] = [
    "UPDATE case_files SET sha256 = NULL, phash = NULL, phash_band0 = NULL, phash_band1 = NULL,
        phash_band2 = NULL, phash_band3 = NULL, descriptor = NULL WHERE case_id = $1",
    "UPDATE hints SET message = '', evidence = '{}' WHERE case_id = $1",
    "DELETE FROM case_documents WHERE case_id = $1",
    "UPDATE decisions SET note = '', note_salt = ''
        WHERE submission_id = $1 AND note_commitment <> '' AND note_salt <> ''",
];

/// A row of `CASE_STATUSES_QUERY`, with its escalator from `ESCALATORS_QUERY`'s rows: a
/// status that does not read back is kept, with why.
pub fn case_status(
    id: String,
    status: &str,
    escalators: &mut std::collections::HashMap<String, Option<String>>,
) -> StoredStatus {
    let by = escalators.remove(&id).flatten();
    let status = status_from(status, by).map_err(|e| e.to_string());
    (id, status)
}

pub fn claim_from(
    by: Option<String>,
    at: Option<String>,
    until: Option<String>,
) -> Result<Option<Claim>, StoreError> {
    match (by, at, until) {
        (Some(by), Some(at), Some(until)) => Ok(Some(Claim {
            by,
            claimed_at: parse_time(&at)?,
            lease_until: parse_time(&until)?,
        })),
        _ => Ok(None),
    }
}

/// Lists are stored as `a;b;c` (codes never contain `;`).
pub fn join_codes<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(";")
}

fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split(';').filter(|s| !s.is_empty())
}

fn parse_list<T: std::str::FromStr>(text: &str, what: &str) -> Result<Vec<T>, StoreError>
where
    T::Err: std::fmt::Display,
{
    split_list(text)
        .map(|c| c.parse().map_err(|e| corrupt(what, e)))
        .collect()
}

pub fn unreadable(seq: u64, e: impl std::fmt::Display) -> ChainBreak {
    ChainBreak::Unreadable {
        seq,
        problem: e.to_string(),
    }
}

fn date_of_birth(born: Option<String>) -> Result<Option<NaiveDate>, StoreError> {
    born.map(|d| d.parse::<NaiveDate>())
        .transpose()
        .map_err(|e| corrupt("date of birth", e))
}

/// A log row's columns.
pub struct RawEntry {
    pub seq: i64,
    pub kind: String,
    pub submission_id: String,
    pub decided_at: String,
    pub reviewer: String,
    /// Empty for entries that are not decisions.
    pub outcome: String,
    pub reasons: String,
    pub is_final: bool,
    pub note: String,
    pub hints: String,
    pub handling_ms: i64,
    pub applicant_locale: String,
    pub applicant_message: String,
    pub subject: String,
    pub change: String,
    pub prev_hash: String,
    pub hash: String,
    pub note_salt: String,
    pub note_commitment: String,
}

impl RawEntry {
    /// The entry, or the break that names it: a row that does not parse is reported, not skipped.
    pub fn into_entry(self) -> LogRow {
        let seq = u64::try_from(self.seq).unwrap_or(0);
        let bad = |e: &dyn std::fmt::Display| unreadable(seq, e);
        let codes = |text: &str| -> Result<Vec<_>, ChainBreak> {
            split_list(text)
                .map(|c| c.parse().map_err(|e| bad(&e)))
                .collect()
        };
        Ok(LogEntry {
            seq,
            kind: self.kind.parse().map_err(|e| bad(&e))?,
            submission_id: self.submission_id,
            decided_at: DateTime::parse_from_rfc3339(&self.decided_at)
                .map_err(|e| bad(&e))?
                .with_timezone(&Utc),
            reviewer: self.reviewer,
            outcome: if self.outcome.is_empty() {
                None
            } else {
                Some(self.outcome.parse().map_err(|e| bad(&e))?)
            },
            reasons: codes(&self.reasons)?,
            is_final: self.is_final,
            note: self.note,
            hints: split_list(&self.hints)
                .map(|c| c.parse().map_err(|e| bad(&e)))
                .collect::<Result<_, _>>()?,
            handling_ms: u64::try_from(self.handling_ms).map_err(|e| bad(&e))?,
            applicant_locale: self.applicant_locale,
            applicant_message: self.applicant_message,
            subject: self.subject,
            change: self.change,
            note_salt: self.note_salt,
            note_commitment: self.note_commitment,
            prev_hash: self.prev_hash,
            hash: self.hash,
        })
    }
}

/// A hint row's columns.
pub struct RawHint {
    pub code: String,
    pub severity: String,
    pub slot: Option<String>,
    pub suggests: Option<String>,
    pub message: String,
    pub evidence: String,
}

impl RawHint {
    pub fn into_hint(self) -> Result<Hint, StoreError> {
        Ok(Hint {
            code: self.code.parse().map_err(|e| corrupt("hint code", e))?,
            severity: self
                .severity
                .parse()
                .map_err(|e| corrupt("hint severity", e))?,
            slot: self
                .slot
                .map(|s| s.parse())
                .transpose()
                .map_err(|e| corrupt("hint slot", e))?,
            suggests: self
                .suggests
                .map(|s| s.parse())
                .transpose()
                .map_err(|e| corrupt("hint suggestion", e))?,
            message: self.message,
            evidence: serde_json::from_str(&self.evidence)
                .map_err(|e| corrupt("hint evidence", e))?,
        })
    }
}

/// A case file row's columns.
pub struct RawFile {
    pub slot: String,
    pub name: String,
    pub sha256: Option<String>,
    pub kind: Option<String>,
    pub size: Option<i64>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub phash: Option<i64>,
    pub descriptor: Option<Vec<u8>>,
}

impl RawFile {
    pub fn into_file(self) -> Result<CaseFile, StoreError> {
        let dim = |v: Option<i64>| v.and_then(|n| u32::try_from(n).ok());
        Ok(CaseFile {
            slot: self.slot.parse().map_err(|e| corrupt("file slot", e))?,
            name: self.name,
            sha256: self.sha256,
            kind: self
                .kind
                .map(|k| serde_json::from_value(serde_json::Value::String(k)))
                .transpose()
                .map_err(|e| corrupt("file kind", e))?,
            size: self.size.and_then(|n| u64::try_from(n).ok()),
            width: dim(self.width),
            height: dim(self.height),
            // Stored as the signed 64-bit integer of its bits.
            phash: self.phash.map(|h| ImageHash(h as u64)),
            descriptor: self.descriptor.as_deref().map(descriptor).transpose()?,
        })
    }
}

/// A stored face descriptor (`faces::descriptor_bytes`).
fn descriptor(bytes: &[u8]) -> Result<Box<crate::faces::Descriptor>, StoreError> {
    crate::faces::descriptor_from_bytes(bytes)
        .map(Box::new)
        .ok_or_else(|| corrupt("face descriptor", "not 128 numbers"))
}

/// A perceptual hash as a signed 64-bit column, bit for bit.
pub fn hash_column(h: ImageHash) -> i64 {
    h.0 as i64
}

/// A row of the queue: the columns of the queue query.
pub struct RawSummary {
    pub id: String,
    pub submitted_at: String,
    pub client: String,
    pub given_names: Option<String>,
    pub surname: Option<String>,
    pub document_type: Option<String>,
    pub issuing_country: Option<String>,
    pub document_number: Option<String>,
    pub status: String,
    pub claimed_by: Option<String>,
    pub escalated_by: Option<String>,
    pub hints: HintCounts,
    pub checks_running: bool,
    pub due_at: Option<String>,
}

impl RawSummary {
    /// The queue's row. A stored value that does not read back is this row's problem, shown
    /// with it, never the whole queue's: everyone else's cases stay listed.
    pub fn into_summary(self) -> CaseSummary {
        let mut problems = Vec::new();
        let submitted_at = parse_time(&self.submitted_at)
            .map_err(|e| problems.push(e.to_string()))
            .ok();
        let due_at = self.due_at.and_then(|d| {
            parse_time(&d)
                .map_err(|e| problems.push(e.to_string()))
                .ok()
        });
        let status = status_from(&self.status, None)
            .map(|s| s.code())
            .unwrap_or_else(|e| {
                problems.push(e.to_string());
                "unreadable"
            });
        CaseSummary {
            id: self.id,
            submitted_at,
            due_at,
            client: self.client,
            applicant: [self.given_names, self.surname]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
            document_type: self.document_type,
            issuing_country: self.issuing_country,
            document_number: self.document_number,
            status,
            hints: self.hints,
            checks_running: self.checks_running,
            claimed_by: self.claimed_by,
            escalated_by: self.escalated_by,
            problem: (!problems.is_empty()).then(|| problems.join("; ")),
        }
    }
}

/// A case of the history: the columns of the history query.
pub struct RawHistory {
    pub case_id: String,
    pub submitted_at: String,
    pub surname: Option<String>,
    pub given_names: Option<String>,
    pub date_of_birth: Option<String>,
    pub status: String,
    pub reasons: Option<String>,
}

impl RawHistory {
    /// The record; an unreadable one names its case, so that the import refuses the one
    /// bundle whose history it is, not the inbox.
    pub fn into_record(self) -> Result<HistoryRecord, StoreError> {
        let id = self.case_id;
        let case = |e: StoreError| of_case(&id, e);
        Ok(HistoryRecord {
            submitted_at: parse_time(&self.submitted_at).map_err(case)?,
            surname: self.surname,
            given_names: self.given_names,
            date_of_birth: date_of_birth(self.date_of_birth).map_err(case)?,
            status: status_from(&self.status, None).map_err(case)?.code(),
            reasons: parse_list(self.reasons.as_deref().unwrap_or(""), "decision reason")
                .map_err(case)?,
            case_id: id,
        })
    }
}

/// A stored image near a hash: the columns of the similarity query.
pub struct RawMatch {
    pub case_id: String,
    pub slot: String,
    pub phash: i64,
    pub surname: Option<String>,
    pub given_names: Option<String>,
    pub date_of_birth: Option<String>,
    pub descriptor: Option<Vec<u8>>,
    pub numbers: Option<String>,
}

impl RawMatch {
    /// The match, when within `max_distance` of `hash`.
    pub fn into_match(
        self,
        hash: ImageHash,
        max_distance: u32,
    ) -> Result<Option<ImageMatch>, StoreError> {
        let distance = hash.distance(ImageHash(self.phash as u64));
        if distance > max_distance {
            return Ok(None);
        }
        let id = self.case_id;
        Ok(Some(ImageMatch {
            slot: self
                .slot
                .parse()
                .map_err(|e| of_case(&id, corrupt("file slot", e)))?,
            distance,
            surname: self.surname,
            given_names: self.given_names,
            date_of_birth: date_of_birth(self.date_of_birth).map_err(|e| of_case(&id, e))?,
            descriptor: match self.descriptor {
                Some(bytes) => Some(Box::new(
                    crate::faces::descriptor_from_bytes(&bytes).ok_or_else(|| {
                        of_case(&id, corrupt("face descriptor", "not 128 numbers"))
                    })?,
                )),
                None => None,
            },
            case_id: id,
            document_numbers: split_list(self.numbers.as_deref().unwrap_or(""))
                .map(str::to_owned)
                .collect(),
        }))
    }
}

/// Nearest first, then by case and slot; at most `limit`.
pub fn rank_matches(mut out: Vec<ImageMatch>, limit: usize) -> Vec<ImageMatch> {
    out.sort_by(|a, b| (a.distance, &a.case_id, a.slot).cmp(&(b.distance, &b.case_id, b.slot)));
    out.truncate(limit);
    out
}

/// The latest escalation entry's columns.
pub fn escalation(
    by: String,
    at: &str,
    note: String,
    reasons: &str,
) -> Result<Escalation, StoreError> {
    Ok(Escalation {
        by,
        at: parse_time(at)?,
        note,
        proposed: parse_list(reasons, "proposed reason")?,
    })
}

/// Roles as stored: `reviewer,fraud`, or empty for none.
pub fn roles_from(text: &str) -> Result<crate::accounts::Roles, StoreError> {
    if text.is_empty() {
        return Ok(crate::accounts::Roles::NONE);
    }
    crate::accounts::Roles::parse_list(text).map_err(|e| corrupt("account roles", e))
}

/// A case's state columns, as "claim next" reads its candidates.
pub struct RawCaseState {
    pub id: String,
    pub status: String,
    pub escalated_by: Option<String>,
    pub claimed_by: Option<String>,
    pub claimed_at: Option<String>,
    pub lease_until: Option<String>,
}

impl RawCaseState {
    pub fn into_state(self) -> Result<(String, CaseStatus, Option<Claim>), StoreError> {
        Ok((
            self.id,
            status_from(&self.status, self.escalated_by)?,
            claim_from(self.claimed_by, self.claimed_at, self.lease_until)?,
        ))
    }
}
