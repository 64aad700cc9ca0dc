//! The decision log: entries, their canonical form and hash chain, and chain verification.
//!
//! An entry's hash is the SHA-256 (hex) of its canonical form: compact JSON of every field
//! but `hash`, in the order of CLI.md. Each entry carries the previous entry's hash (64 zeros
//! for the first), so an edit, a removal or a reordering breaks the chain at that entry.
//!
//! The log holds decisions and changes of authority (TEAM.md): account changes, a
//! supervisor's release of another reviewer's claim and a supervisor's reopening of a case. A decision's canonical form is the one
//! it always had; the other kinds add `kind`, `subject` and `change` to theirs.

use crate::hints::HintCode;
use crate::taxonomy::{Outcome, ReasonCode};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The `change` of a decision the reviewer confirmed while the case's checks were still
/// running: its `hints` are those found so far. A decision's only possible `change`.
pub const CHECKS_RUNNING: &str = "decided while checks were still running";

/// Timestamps in the log are RFC 3339 UTC with milliseconds, so that they sort as text.
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

mod ts_format {
    use super::*;
    pub fn serialize<S: serde::Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&timestamp(*t))
    }
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let s = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(serde::de::Error::custom)
    }
}

/// What an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// A reviewer's decision on a case.
    #[default]
    Decision,
    /// An administrator's change to an account (created, role granted or revoked,
    /// disabled, password reset), or the migration of profiles into accounts.
    Account,
    /// A claim on a case was given back: by its holder, or as a supervisor another's
    /// (`subject` names whose).
    Release,
    /// A supervisor reopened a decided case (the reason in `note`): it goes back to the
    /// queue the decision was made from. The decision's own entry stays as it was.
    Reopen,
    /// An administrator purged the personal data of cases decided before a date
    /// (retention): `subject` names the clients, `change` the date and how many cases.
    Purge,
    /// A case was claimed, or its claim renewed (`change` says until when): the access log.
    Claim,
    /// A case was opened read-only on a screen (opening one for review is its claim).
    Open,
    /// Log entries were exported, or a receipt for one written.
    Export,
    /// Blind QA (`qa.rs`): a decision sampled for a second review, a sampling run, or the
    /// second review itself (with an outcome; it never changes the case).
    Qa,
}

impl EntryKind {
    const ALL: [EntryKind; 9] = [
        EntryKind::Decision,
        EntryKind::Account,
        EntryKind::Release,
        EntryKind::Reopen,
        EntryKind::Purge,
        EntryKind::Claim,
        EntryKind::Open,
        EntryKind::Export,
        EntryKind::Qa,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EntryKind::Decision => "decision",
            EntryKind::Account => "account",
            EntryKind::Release => "release",
            EntryKind::Reopen => "reopen",
            EntryKind::Purge => "purge",
            EntryKind::Claim => "claim",
            EntryKind::Open => "open",
            EntryKind::Export => "export",
            EntryKind::Qa => "qa",
        }
    }

    fn is_decision(&self) -> bool {
        *self == EntryKind::Decision
    }

    /// Whether entries of this kind record who looked at what (claims, releases, openings,
    /// exports), not a decision or a change of authority.
    pub fn is_access(self) -> bool {
        matches!(
            self,
            EntryKind::Claim | EntryKind::Release | EntryKind::Open | EntryKind::Export
        )
    }
}

impl std::fmt::Display for EntryKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for EntryKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        EntryKind::ALL
            .into_iter()
            .find(|k| k.code() == s)
            .ok_or_else(|| format!("`{s}` is not an entry kind"))
    }
}

/// One entry of the log, as stored and exported. A decision has an outcome and an empty
/// `subject` and `change` (or `CHECKS_RUNNING`); the other kinds have no outcome and name their `subject`
/// (the account, or the reviewer whose claim was released) and the `change`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogEntry {
    pub seq: u64,
    #[serde(default)]
    pub kind: EntryKind,
    pub submission_id: String,
    #[serde(with = "ts_format")]
    pub decided_at: DateTime<Utc>,
    pub reviewer: String,
    pub outcome: Option<Outcome>,
    pub reasons: Vec<ReasonCode>,
    #[serde(rename = "final")]
    pub is_final: bool,
    pub note: String,
    pub hints: Vec<HintCode>,
    pub handling_ms: u64,
    pub applicant_locale: String,
    pub applicant_message: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub change: String,
    /// The salt of the note's commitment: empty on entries written before commitments, and
    /// once the note was purged.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note_salt: String,
    /// SHA-256 (hex) of the salt's bytes and the note's: what the hash covers in place of
    /// the note, so that a purge removes the note and the entry still verifies.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note_commitment: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The hashed fields, borrowed, in the fixed order of the canonical form. A decision's has
/// no `kind`, `subject` or `change` (as before they existed); any other kind's has all three.
#[derive(Serialize)]
struct Canonical<'a> {
    seq: u64,
    #[serde(skip_serializing_if = "EntryKind::is_decision")]
    kind: EntryKind,
    submission_id: &'a str,
    decided_at: String,
    reviewer: &'a str,
    outcome: Option<Outcome>,
    reasons: &'a [ReasonCode],
    #[serde(rename = "final")]
    is_final: bool,
    /// The note itself on entries written before commitments, else its commitment.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note_commitment: Option<&'a str>,
    hints: &'a [HintCode],
    handling_ms: u64,
    applicant_locale: &'a str,
    applicant_message: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    subject: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    change: &'a str,
    prev_hash: &'a str,
}

impl LogEntry {
    pub fn canonical_json(&self) -> Vec<u8> {
        let c = Canonical {
            seq: self.seq,
            kind: self.kind,
            submission_id: &self.submission_id,
            decided_at: timestamp(self.decided_at),
            reviewer: &self.reviewer,
            outcome: self.outcome,
            reasons: &self.reasons,
            is_final: self.is_final,
            note: self
                .note_commitment
                .is_empty()
                .then_some(self.note.as_str()),
            note_commitment: (!self.note_commitment.is_empty())
                .then_some(self.note_commitment.as_str()),
            hints: &self.hints,
            handling_ms: self.handling_ms,
            applicant_locale: &self.applicant_locale,
            applicant_message: &self.applicant_message,
            subject: &self.subject,
            change: &self.change,
            prev_hash: &self.prev_hash,
        };
        // Serialising plain strings, numbers and enums into memory cannot fail.
        serde_json::to_vec(&c).unwrap_or_default()
    }

    pub fn compute_hash(&self) -> String {
        hex::encode(Sha256::digest(self.canonical_json()))
    }

    /// Sets `hash` from the other fields; used once, when the entry is appended.
    pub fn seal(mut self) -> LogEntry {
        self.hash = self.compute_hash();
        self
    }

    /// Commits to the note with a fresh salt: the entry is then hashed over the commitment,
    /// and its note can be purged later without breaking the chain.
    pub fn commit_note(mut self) -> LogEntry {
        use argon2::password_hash::rand_core::{OsRng, RngCore};
        let mut salt = [0u8; 16];
        OsRng.fill_bytes(&mut salt);
        self.note_salt = hex::encode(salt);
        self.note_commitment = note_commitment(&salt, &self.note);
        self
    }

    /// Whether the note was purged: its commitment stays, the note and salt are gone.
    pub fn note_purged(&self) -> bool {
        self.note_salt.is_empty() && !self.note_commitment.is_empty()
    }

    /// Whether the entry is what its hash says: its hashed fields, and its note through its
    /// commitment (where it has one and the note was not purged).
    pub fn content_matches(&self) -> bool {
        self.compute_hash() == self.hash && self.note_matches()
    }

    /// Whether the note is what its commitment says (or there is none, or it was purged).
    fn note_matches(&self) -> bool {
        match (self.note_commitment.is_empty(), self.note_salt.is_empty()) {
            (true, true) => true,
            (true, false) => false,
            (false, true) => self.note.is_empty(),
            (false, false) => hex::decode(&self.note_salt)
                .is_ok_and(|salt| note_commitment(&salt, &self.note) == self.note_commitment),
        }
    }

    /// An entry recording a change of authority (not a decision): no outcome, no applicant.
    pub fn authority(
        kind: EntryKind,
        submission_id: &str,
        at: DateTime<Utc>,
        by: &str,
        subject: &str,
        change: &str,
    ) -> LogEntry {
        LogEntry {
            seq: 0,
            kind,
            submission_id: submission_id.to_owned(),
            decided_at: at,
            reviewer: by.to_owned(),
            outcome: None,
            reasons: Vec::new(),
            is_final: false,
            note: String::new(),
            hints: Vec::new(),
            handling_ms: 0,
            applicant_locale: String::new(),
            applicant_message: String::new(),
            subject: subject.to_owned(),
            change: change.to_owned(),
            note_salt: String::new(),
            note_commitment: String::new(),
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    /// Whether the fields fit the kind: a decision has an outcome and no subject; another
    /// kind names its subject and change and has no outcome. A well-hashed entry of the
    /// wrong shape was written by something other than Vigil.
    fn shape_problem(&self) -> Option<&'static str> {
        match self.kind {
            EntryKind::Decision if self.outcome.is_none() => Some("a decision without an outcome"),
            EntryKind::Decision
                if !self.subject.is_empty()
                    || !(self.change.is_empty() || self.change == CHECKS_RUNNING) =>
            {
                Some("a decision with a subject or change")
            }
            EntryKind::Qa if crate::qa::QaEntry::of(self).is_none() => {
                Some("a QA entry that does not say what it sampled or reviewed")
            }
            EntryKind::Qa if self.subject.is_empty() => Some("a QA entry without a subject"),
            EntryKind::Qa => None,
            _ if !self.kind.is_decision()
                && (self.outcome.is_some()
                    || self.subject.is_empty()
                    || self.change.is_empty()) =>
            {
                Some("an authority entry with an outcome, or without subject and change")
            }
            EntryKind::Claim if crate::access_log::lease_end(self).is_none() => {
                Some("a claim without the end of its lease")
            }
            EntryKind::Reopen if self.note.trim().is_empty() => {
                Some("a reopening without a reason")
            }
            _ => None,
        }
    }
}

fn note_commitment(salt: &[u8], note: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt);
    h.update(note.as_bytes());
    hex::encode(h.finalize())
}

/// Why the chain is broken, naming the first bad entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("entry {seq} is unreadable: {problem}")]
    Unreadable { seq: u64, problem: String },
    #[error(
        "entry {found} found where entry {expected} should be: entries were removed or reordered"
    )]
    Sequence { expected: u64, found: u64 },
    #[error(
        "entry {seq} does not link to the entry before it: an entry before it was removed, reordered or edited"
    )]
    Link { seq: u64 },
    #[error("entry {seq} does not match its hash: it was edited")]
    Content { seq: u64 },
    #[error(
        "the log ends at entry {last} with hash {found}, not at the expected head {expected}: entries were removed from the end"
    )]
    Head {
        last: u64,
        found: String,
        expected: String,
    },
}

impl ChainBreak {
    /// The entry the break was found at.
    pub fn seq(&self) -> u64 {
        match self {
            ChainBreak::Unreadable { seq, .. }
            | ChainBreak::Link { seq }
            | ChainBreak::Content { seq } => *seq,
            ChainBreak::Sequence { expected, .. } => *expected,
            ChainBreak::Head { last, .. } => *last,
        }
    }
}

/// The state of an intact chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainSummary {
    pub entries: u64,
    pub head: String,
}

/// Checks entries one by one, in log order, without holding them.
#[derive(Debug)]
pub struct ChainVerifier {
    next_seq: u64,
    /// The hash the next entry must link to; `None` where a piece of the log starts, whose
    /// first link is taken as read (a checkpoint's tree covers it).
    prev_hash: Option<String>,
    /// A head hash noted earlier (e.g. from an export): it must occur in the chain, which
    /// may have grown since. A chain alone cannot show entries cut from its end; this can.
    expected_head: Option<String>,
    head_seen: bool,
}

impl ChainVerifier {
    pub fn new(expected_head: Option<&str>) -> ChainVerifier {
        ChainVerifier::starting_at(1, expected_head)
    }

    /// For a piece of the log that starts at entry `first`.
    pub fn starting_at(first: u64, expected_head: Option<&str>) -> ChainVerifier {
        ChainVerifier {
            next_seq: first,
            prev_hash: (first <= 1).then(|| GENESIS_HASH.to_owned()),
            expected_head: expected_head.map(str::to_ascii_lowercase),
            head_seen: expected_head.is_none(),
        }
    }

    pub fn push(&mut self, e: &LogEntry) -> Result<(), ChainBreak> {
        if e.seq != self.next_seq {
            return Err(ChainBreak::Sequence {
                expected: self.next_seq,
                found: e.seq,
            });
        }
        if self.prev_hash.as_ref().is_some_and(|p| *p != e.prev_hash) {
            return Err(ChainBreak::Link { seq: e.seq });
        }
        if !e.content_matches() {
            return Err(ChainBreak::Content { seq: e.seq });
        }
        if let Some(problem) = e.shape_problem() {
            return Err(ChainBreak::Unreadable {
                seq: e.seq,
                problem: problem.to_owned(),
            });
        }
        self.next_seq += 1;
        self.prev_hash = Some(e.hash.clone());
        self.head_seen |= self.expected_head.as_deref() == Some(e.hash.as_str());
        Ok(())
    }

    pub fn finish(self) -> Result<ChainSummary, ChainBreak> {
        let summary = ChainSummary {
            entries: self.next_seq.saturating_sub(1),
            head: self.prev_hash.unwrap_or_default(),
        };
        match self.expected_head {
            Some(expected) if !self.head_seen => Err(ChainBreak::Head {
                last: summary.entries,
                found: summary.head,
                expected,
            }),
            _ => Ok(summary),
        }
    }
}

/// Verifies a whole log, given in order.
pub fn verify<I>(entries: I, expected_head: Option<&str>) -> Result<ChainSummary, ChainBreak>
where
    I: IntoIterator<Item = Result<LogEntry, ChainBreak>>,
{
    let mut v = ChainVerifier::new(expected_head);
    for e in entries {
        v.push(&e?)?;
    }
    v.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn chain(n: u64) -> Vec<LogEntry> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let e = LogEntry {
                    seq,
                    kind: EntryKind::Decision,
                    submission_id: format!("SUB-{seq}"),
                    decided_at: Utc
                        .timestamp_millis_opt(1_800_000_000_000 + seq as i64)
                        .unwrap(),
                    reviewer: "ana".into(),
                    outcome: Some(Outcome::Rejected),
                    reasons: vec![ReasonCode::ValidityDocumentExpired],
                    is_final: false,
                    note: "näkyy \"quoted\"".into(),
                    hints: vec![HintCode::DocumentExpired],
                    handling_ms: 1234,
                    applicant_locale: "lv".into(),
                    applicant_message: "…".into(),
                    subject: String::new(),
                    change: String::new(),
                    note_salt: String::new(),
                    note_commitment: String::new(),
                    prev_hash: prev.clone(),
                    hash: String::new(),
                }
                .seal();
                prev.clone_from(&e.hash);
                e
            })
            .collect()
    }

    #[test]
    fn intact_chain_verifies_and_names_its_head() {
        let c = chain(5);
        let s = verify(c.iter().cloned().map(Ok), None).unwrap();
        assert_eq!(s.entries, 5);
        assert_eq!(s.head, c[4].hash);
        assert!(verify(c.iter().cloned().map(Ok), Some(&c[2].hash)).is_ok());
    }

    #[test]
    fn each_tampering_is_named() {
        let c = chain(5);
        let mut edited = c.clone();
        edited[2].note = "changed".into();
        assert_eq!(
            verify(edited.into_iter().map(Ok), None),
            Err(ChainBreak::Content { seq: 3 })
        );

        let mut removed = c.clone();
        removed.remove(1);
        assert_eq!(
            verify(removed.into_iter().map(Ok), None),
            Err(ChainBreak::Sequence {
                expected: 2,
                found: 3
            })
        );

        let mut swapped = c.clone();
        swapped.swap(1, 2);
        (swapped[1].seq, swapped[2].seq) = (2, 3);
        assert_eq!(
            verify(swapped.into_iter().map(Ok), None),
            Err(ChainBreak::Link { seq: 2 })
        );

        let truncated = c[..3].to_vec();
        let r = verify(truncated.into_iter().map(Ok), Some(&c[4].hash));
        assert!(matches!(r, Err(ChainBreak::Head { last: 3, .. })), "{r:?}");
    }

    #[test]
    fn canonical_form_is_stable() {
        let e = &chain(1)[0];
        let text = String::from_utf8(e.canonical_json()).unwrap();
        assert!(
            text.starts_with(
                "{\"seq\":1,\"submission_id\":\"SUB-1\",\"decided_at\":\"2027-01-15T08:00:00.001Z\""
            ),
            "{text}"
        );
        assert!(!text.contains("\"hash\""));
        // A decision hashes as it did before the log had other kinds: old chains verify.
        assert!(!text.contains("\"kind\"") && !text.contains("\"subject\""));
        assert_eq!(e.compute_hash(), e.hash);
    }

    #[test]
    fn authority_entries_chain_and_their_kind_is_sealed() {
        let mut c = chain(2);
        let mut a = LogEntry::authority(
            EntryKind::Account,
            "",
            c[1].decided_at,
            "ada",
            "ana",
            "granted fraud",
        );
        a.seq = 3;
        a.prev_hash = c[1].hash.clone();
        let a = a.seal();
        let text = String::from_utf8(a.canonical_json()).unwrap();
        assert!(
            text.starts_with("{\"seq\":3,\"kind\":\"account\""),
            "{text}"
        );
        assert!(text.contains("\"subject\":\"ana\",\"change\":\"granted fraud\""));
        c.push(a.clone());
        assert!(verify(c.iter().cloned().map(Ok), None).is_ok());

        let mut retyped = c.clone();
        retyped[2].kind = EntryKind::Decision;
        assert_eq!(
            verify(retyped.into_iter().map(Ok), None),
            Err(ChainBreak::Content { seq: 3 })
        );
        let mut regranted = c.clone();
        regranted[2].change = "granted admin".into();
        assert_eq!(
            verify(regranted.into_iter().map(Ok), None),
            Err(ChainBreak::Content { seq: 3 })
        );
        // Well hashed but of no shape Vigil writes: a decision without an outcome.
        let mut odd = c.clone();
        odd[2] = LogEntry {
            kind: EntryKind::Decision,
            subject: String::new(),
            change: String::new(),
            ..a
        }
        .seal();
        assert!(matches!(
            verify(odd.into_iter().map(Ok), None),
            Err(ChainBreak::Unreadable { seq: 3, .. })
        ));
    }

    #[test]
    fn a_committed_note_can_be_purged_and_the_chain_still_verifies() {
        let mut c = chain(3);
        // Entry 2 written with a commitment, and the chain after it linked to it.
        c[1] = c[1].clone().commit_note().seal();
        c[2].prev_hash = c[1].hash.clone();
        c[2] = c[2].clone().seal();
        let text = String::from_utf8(c[1].canonical_json()).unwrap();
        assert!(
            text.contains("\"note_commitment\"") && !text.contains("quoted"),
            "{text}"
        );
        assert!(verify(c.iter().cloned().map(Ok), None).is_ok());

        // Purged as the store purges: the note and its salt cleared, the commitment kept.
        let mut purged = c.clone();
        purged[1].note.clear();
        purged[1].note_salt.clear();
        assert!(purged[1].note_purged());
        assert!(verify(purged.iter().cloned().map(Ok), None).is_ok());
        // A note without a commitment cannot go: the chain would break there.
        let mut uncommitted = c.clone();
        uncommitted[0].note.clear();
        assert_eq!(
            verify(uncommitted.into_iter().map(Ok), None),
            Err(ChainBreak::Content { seq: 1 })
        );

        // The note changed under its commitment, or put back after the purge: edited.
        for edit in [
            |e: &mut LogEntry| e.note = "changed".into(),
            |e: &mut LogEntry| e.note_salt = "00".repeat(16),
        ] {
            let mut edited = c.clone();
            edit(&mut edited[1]);
            assert_eq!(
                verify(edited.into_iter().map(Ok), None),
                Err(ChainBreak::Content { seq: 2 })
            );
        }
        let mut restored = purged.clone();
        restored[1].note = "put back".into();
        assert_eq!(
            verify(restored.into_iter().map(Ok), None),
            Err(ChainBreak::Content { seq: 2 })
        );
    }
}
