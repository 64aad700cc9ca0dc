//! The access log: who claimed, released, opened and exported what (TEAM.md asks who looked
//! at an applicant's data to be on record). Its entries are in the one hash-chained log, with
//! kinds `claim`, `release`, `open` and `export`, so every checkpoint, export and receipt
//! covers them too, and the claims on cases can be replayed like their statuses.

use crate::decision_log::{EntryKind, LogEntry, timestamp};
use crate::lifecycle::Claim;
use chrono::{DateTime, Utc};

/// A claim taken or renewed on case `id`: `change` ends with when its lease ends, which a
/// replay of the log reads back (`lease_end`).
pub fn claim_entry(id: &str, claim: &Claim, now: DateTime<Utc>) -> LogEntry {
    // Renewing one's own live claim keeps its start.
    let verb = if claim.claimed_at < now {
        "renewed the claim until"
    } else {
        "claimed until"
    };
    LogEntry::authority(
        EntryKind::Claim,
        id,
        now,
        &claim.by,
        &claim.by,
        &format!("{verb} {}", timestamp(claim.lease_until)),
    )
}

/// The claim `claim` of case `id` released by `by` (its holder, or a supervisor).
pub fn release_entry(id: &str, claim: &Claim, by: &str, now: DateTime<Utc>) -> LogEntry {
    LogEntry::authority(
        EntryKind::Release,
        id,
        now,
        by,
        &claim.by,
        &format!(
            "released the claim held until {}",
            timestamp(claim.lease_until)
        ),
    )
}

/// When the lease a claim entry records ends; `None` for another kind, or a change that does
/// not end with a time (which the chain's shape check refuses).
pub fn lease_end(e: &LogEntry) -> Option<DateTime<Utc>> {
    if e.kind != EntryKind::Claim {
        return None;
    }
    let at = e.change.rsplit(' ').next()?;
    DateTime::parse_from_rfc3339(at)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// An access the log records that no claim or decision records by itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Case `case` opened read-only on a screen (opening one for review is its claim).
    Opened { case: String },
    /// Case `case` opened for its blind second review: its decision is not shown.
    OpenedForQa { case: String },
    /// Log entries `first..=last` exported as `format` (`CSV` or `JSONL`).
    Exported {
        first: u64,
        last: u64,
        format: &'static str,
    },
    /// A receipt written for entry `seq`, of case `case` (empty for an entry of no case).
    Receipt { seq: u64, case: String },
    /// An evidence packet of case `case` written (`packet`).
    Packet { case: String },
}

impl Access {
    /// The entry recording this access by `by` at `now`.
    pub fn entry(&self, by: &str, now: DateTime<Utc>) -> LogEntry {
        let (kind, case, change) = match self {
            Access::Opened { case } => (EntryKind::Open, case.as_str(), OPENED.into()),
            Access::OpenedForQa { case } => (EntryKind::Open, case.as_str(), OPENED_FOR_QA.into()),
            Access::Exported {
                first,
                last,
                format,
            } => (
                EntryKind::Export,
                "",
                if first > last {
                    format!("exported no entries as {format}")
                } else {
                    format!("exported entries {first}–{last} as {format}")
                },
            ),
            Access::Receipt { seq, case } => (
                EntryKind::Export,
                case.as_str(),
                format!("wrote a receipt of entry {seq}"),
            ),
            Access::Packet { case } => (
                EntryKind::Export,
                case.as_str(),
                "wrote an evidence packet of the case".to_owned(),
            ),
        };
        LogEntry::authority(kind, case, now, by, by, &change)
    }

    /// Whether it is an export (of entries or a receipt), which only an auditor makes.
    pub fn is_export(&self) -> bool {
        !matches!(self, Access::Opened { .. } | Access::OpenedForQa { .. })
    }
}

const OPENED: &str = "opened the case";
const OPENED_FOR_QA: &str = "opened the case for blind QA";

/// Whether an `open` entry showed its case's decision: a read-only opening does, an opening
/// for blind QA does not.
pub fn shows_decision(e: &LogEntry) -> bool {
    e.kind == EntryKind::Open && e.change != OPENED_FOR_QA
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("a test time")
            .with_timezone(&Utc)
    }

    #[test]
    fn a_claim_entry_reads_back_its_lease_and_says_whether_it_renewed() {
        let now = at("2026-11-30T10:00:00.123Z");
        let until = at("2026-11-30T10:15:00.123Z");
        let taken = Claim {
            by: "ana".into(),
            claimed_at: now,
            lease_until: until,
        };
        let e = claim_entry("C-1", &taken, now);
        assert_eq!(
            (e.kind, e.reviewer.as_str(), e.subject.as_str()),
            (EntryKind::Claim, "ana", "ana")
        );
        assert_eq!(e.change, "claimed until 2026-11-30T10:15:00.123Z");
        assert_eq!(lease_end(&e), Some(until));
        let later = at("2026-11-30T10:07:30Z");
        let renewed = claim_entry("C-1", &taken, later);
        assert!(renewed.change.starts_with("renewed the claim until"));
        assert_eq!(lease_end(&renewed), Some(until));

        // Only a claim entry has a lease; a change without a time has none.
        let released = release_entry("C-1", &taken, "sam", later);
        assert_eq!(
            (released.reviewer.as_str(), released.subject.as_str()),
            ("sam", "ana")
        );
        assert_eq!(lease_end(&released), None);
        let garbled = LogEntry {
            change: "claimed until tomorrow".into(),
            ..e
        };
        assert_eq!(lease_end(&garbled), None);
    }

    #[test]
    fn accesses_name_what_was_looked_at() {
        let now = at("2026-11-30T10:00:00Z");
        let opened = Access::Opened { case: "C-1".into() }.entry("ida", now);
        assert_eq!(
            (
                opened.kind,
                opened.submission_id.as_str(),
                opened.change.as_str()
            ),
            (EntryKind::Open, "C-1", "opened the case")
        );
        let exported = Access::Exported {
            first: 3,
            last: 40,
            format: "JSONL",
        }
        .entry("aud", now);
        assert_eq!(exported.submission_id, "");
        assert_eq!(exported.change, "exported entries 3–40 as JSONL");
        let receipt = Access::Receipt {
            seq: 7,
            case: "C-2".into(),
        };
        assert!(receipt.is_export());
        assert_eq!(receipt.entry("aud", now).submission_id, "C-2");
        assert!(!Access::Opened { case: "C".into() }.is_export());
    }
}
