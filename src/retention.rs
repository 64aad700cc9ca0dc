//! Retention (TEAM.md): which decided cases lose their personal data, what a purged case
//! keeps, and the log entry that records a purge.
//!
//! A purge takes from a case its applicant's fields, document numbers, hint texts and
//! evidence, its images (a stored image no other case refers to is deleted) and the notes
//! of its log entries that were written with commitments; it keeps its id, dates, client,
//! language, document type, file names, hint codes and status, and every log entry, whose
//! hashes still verify.

use crate::decision_log::{EntryKind, LogEntry, timestamp};
use crate::submission::{Applicant, Document, Submission};
use chrono::{DateTime, Utc};

/// Whose cases a purge covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clients {
    All,
    Only(String),
    /// The clients the policy's default covers: all but those with settings of their own.
    AllBut(Vec<String>),
}

impl Clients {
    pub fn covers(&self, client: &str) -> bool {
        match self {
            Clients::All => true,
            Clients::Only(c) => c == client,
            Clients::AllBut(named) => !named.iter().any(|c| c == client),
        }
    }

    fn describe(&self) -> String {
        match self {
            Clients::All => "every client".into(),
            Clients::Only(c) => format!("client {c}"),
            Clients::AllBut(named) if named.is_empty() => "every client".into(),
            Clients::AllBut(named) => format!("every client but {}", named.join(", ")),
        }
    }
}

/// Purge the cases of `clients` whose last decision was before `before`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurgeRule {
    pub clients: Clients,
    pub before: DateTime<Utc>,
}

/// What a purge did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PurgeReport {
    /// The cases purged, by id.
    pub cases: Vec<String>,
    /// The purge's own log entries, one a rule.
    pub entries: Vec<LogEntry>,
    /// The stored images no case refers to any longer, now removed.
    pub images: Vec<String>,
}

/// What a purged case's submission keeps: nothing that names or describes the applicant.
pub fn purged_submission(s: &Submission) -> Submission {
    Submission {
        applicant: Applicant::default(),
        document: Document {
            doc_type: s.document.doc_type.clone(),
            ..Document::default()
        },
        unknown_fields: Default::default(),
        ..s.clone()
    }
}

/// The log entry of one rule's purge, by administrator `by`.
pub fn purge_entry(rule: &PurgeRule, cases: usize, by: &str, now: DateTime<Utc>) -> LogEntry {
    LogEntry::authority(
        EntryKind::Purge,
        "",
        now,
        by,
        &rule.clients.describe(),
        &format!(
            "purged the personal data of {cases} cases decided before {}",
            timestamp(rule.before)
        ),
    )
}
