//! `vigil store copy --to URL`: a workstation's SQLite store into an empty PostgreSQL one,
//! whole — cases with their state, images, accounts with their password hashes, the log
//! entry for entry with every hash — in one transaction, so a failure leaves the target
//! empty; then the copied chain is verified against the source's head.

use super::{NewCase, StoreError};
use crate::lifecycle::{CaseStatus, Claim};
use chrono::{DateTime, Utc};

/// A case as the source holds it, state and all.
pub struct StoredCase {
    pub case: NewCase,
    pub imported_at: DateTime<Utc>,
    pub status: CaseStatus,
    /// Kept after the fraud team decided: who escalated the case.
    pub escalated_by: Option<String>,
    pub claim: Option<Claim>,
    /// When its personal data was purged, if it was.
    pub purged_at: Option<DateTime<Utc>>,
}

/// An account as the source holds it, password hash included.
pub struct StoredAccount {
    pub name: String,
    pub skeleton: String,
    pub roles: String,
    pub password_hash: Option<String>,
    pub disabled: bool,
    pub created_at: String,
    pub locked_until: Option<String>,
}

/// What was copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    pub cases: usize,
    pub images: usize,
    pub accounts: usize,
    pub entries: u64,
    pub head: String,
}

/// Copies `from` into the empty `to` and verifies the chain there.
pub fn sqlite_to_postgres(
    from: &super::SqliteStore,
    to: &mut super::PostgresStore,
) -> Result<CopyReport, StoreError> {
    use super::Store;
    // A broken source is not copied: the copy would carry the break as if it were sound.
    let source = from
        .verify_log(None)?
        .map_err(|b| StoreError::Corrupt(format!("the source log is broken: {b}")))?;
    let copied = to.restore_from(from)?;
    let target = to
        .verify_log(Some(&source.head))?
        .map_err(|b| StoreError::Corrupt(format!("the copied log does not verify: {b}")))?;
    if target.entries != source.entries {
        return Err(StoreError::Corrupt(format!(
            "the copy holds {} log entries, the source {}",
            target.entries, source.entries
        )));
    }
    Ok(CopyReport {
        entries: target.entries,
        head: target.head,
        ..copied
    })
}
