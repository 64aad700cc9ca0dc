//! Storage behind one narrow interface: the rest of Vigil never sees SQL. SQLite is the
//! implementation today; a PostgreSQL one will let many workstations share one queue.

mod blobs;
pub mod copy;
mod postgres;
mod postgres_accounts;
mod postgres_schema;
mod private;
mod rows;
mod rules;
mod schema;
mod sqlite;
mod sqlite_accounts;

pub use postgres::{ChangeWatch, PostgresStore, is_postgres_url};
pub use sqlite::SqliteStore;

use crate::access_log::Access;
use crate::account_log::{AccountFinding, AccountReplay};
use crate::accounts::{Account, AccountChange, Credential, Password, Role, Session, SessionToken};
use crate::checkpoint::{Checkpoint, LogBreak, LogCheck};
use crate::checks::{HistoryRecord, ImageMatch, Portrait};
use crate::decision_log::{ChainBreak, ChainSummary, EntryKind, LogEntry};
use crate::hints::{Hint, HintCounts, Slot};
use crate::image_file::FileKind;
use crate::imaging::phash::ImageHash;
use crate::lifecycle::{
    CaseStatus, Claim, DecisionRefused, DecisionRequest, Replayed, StoredClaim, StoredStatus,
    Unexplained, UnexplainedClaim,
};
use crate::merkle::Frontier;
use crate::qa::QaRate;
use crate::retention::{PurgeReport, PurgeRule};
use crate::signed_note::LogKey;
use crate::stats::{StatRow, Stats, Tally};
use crate::submission::Submission;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database's own error, as text: neither back end's error type leaks out.
    #[error("database: {0}")]
    Database(String),
    /// The server cannot be reached (connection refused or dropped): worth trying again.
    #[error("the store's server cannot be reached: {0}")]
    Unavailable(String),
    #[error("stored files: {0}")]
    Io(std::io::Error),
    /// The folder or database cannot be written (read-only folder, file system mounted
    /// read-only): reading commands still work, as they open the store read-only.
    #[error(
        "the store cannot be written: its folder is read-only ({0}); nothing was recorded. Reading (queue, audit verify) still works; an export is recorded in the log, so it needs a store that can be written"
    )]
    ReadOnly(String),
    #[error(
        "the disk holding the store is full ({0}); nothing was recorded. Free some space and try again"
    )]
    DiskFull(String),
    #[error(
        "the store at {path} was written by a newer Vigil (schema {found}, this one knows {known})"
    )]
    NewerSchema {
        path: String,
        found: i64,
        known: i64,
    },
    #[error(
        "the store at {path} has schema {found} and this Vigil reads {known}: open it once where it can be written (any command that records) to bring it up to date"
    )]
    OlderSchema {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("there is no store at {path}; import bundles first, or check --data-dir")]
    Missing { path: String },
    #[error(
        "case {id} already exists with different content; a different bundle under an existing id is refused"
    )]
    IdConflict { id: String },
    #[error(transparent)]
    Refused(#[from] DecisionRefused),
    #[error(transparent)]
    Account(#[from] crate::accounts::AccountError),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error(
        "the store at {path} has no log key yet: open it once where it can be written (any command that records) to make one"
    )]
    NoLogKey { path: String },
    #[error("the store {0} is not empty; a store is copied into an empty database only")]
    NotEmpty(String),
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> StoreError {
        use std::io::ErrorKind;
        match e.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
                StoreError::DiskFull(e.to_string())
            }
            ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => {
                StoreError::ReadOnly(e.to_string())
            }
            _ => StoreError::Io(e),
        }
    }
}

/// Where a store lives: the SQLite database of one workstation's data folder, or the
/// PostgreSQL server a team shares (TEAM.md, "Shared store").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Folder(std::path::PathBuf),
    Server(String),
}

/// A store of either kind, as commands and the window hold it.
pub type AnyStore = Box<dyn Store + Send>;

impl Location {
    /// Opens the store, creating it (or its schema) if needed.
    pub fn open(&self) -> Result<AnyStore, StoreError> {
        Ok(match self {
            Location::Folder(dir) => Box::new(SqliteStore::open(dir)?),
            Location::Server(url) => Box::new(PostgresStore::open(url)?),
        })
    }

    /// Opens the store only if it exists: reading commands never create an empty one.
    pub fn open_existing(&self) -> Result<AnyStore, StoreError> {
        Ok(match self {
            Location::Folder(dir) => Box::new(SqliteStore::open_existing(dir)?),
            Location::Server(url) => Box::new(PostgresStore::open_existing(url)?),
        })
    }

    /// Opens an existing store for reading only: a local one with a read-only connection
    /// that writes nothing, so that it opens on a read-only folder or a full disk.
    pub fn open_read_only(&self) -> Result<AnyStore, StoreError> {
        Ok(match self {
            Location::Folder(dir) => Box::new(SqliteStore::open_read_only(dir)?),
            Location::Server(url) => Box::new(PostgresStore::open_existing(url)?),
        })
    }

    /// The store if there is one (`check` reads the history from it but creates none).
    pub fn open_if_present(&self) -> Result<Option<AnyStore>, StoreError> {
        match self.open_existing() {
            Ok(s) => Ok(Some(s)),
            Err(StoreError::Missing { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Folder(dir) => write!(f, "{}", dir.display()),
            Location::Server(url) => f.write_str(&postgres::shown(url)),
        }
    }
}

/// A file of a case, as stored. `sha256` names the stored copy; it is absent when the
/// bundle named a file that was missing or unreadable.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseFile {
    pub slot: Slot,
    pub name: String,
    pub sha256: Option<String>,
    pub kind: Option<FileKind>,
    pub size: Option<u64>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// The perceptual hash of the image (or of a PDF's embedded image), when it decoded; a
    /// document front's is its portrait's, once the face checks found it.
    pub phash: Option<ImageHash>,
    /// A document front's portrait descriptor (`checks::Portrait`), kept with the case so
    /// that `store copy` carries it.
    #[serde(skip)]
    pub descriptor: Option<Box<crate::faces::Descriptor>>,
}

impl CaseFile {
    /// The file named `name` in `slot`, nothing known of its content yet.
    pub fn named(slot: Slot, name: &str) -> CaseFile {
        CaseFile {
            slot,
            name: name.to_owned(),
            sha256: None,
            kind: None,
            size: None,
            width: None,
            height: None,
            phash: None,
            descriptor: None,
        }
    }
}

/// What the importer hands to the store: one whole case, written in one transaction.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub submission: Submission,
    pub fingerprint: String,
    pub files: Vec<CaseFile>,
    pub hints: Vec<Hint>,
    /// Which policy applied (its source and client), shown with the case.
    pub policy: String,
    /// The document numbers the case goes by (`checks::document_numbers`), for the history.
    pub document_numbers: Vec<String>,
    /// Whether checks are still to add their hints (`Store::complete_checks`).
    pub checks_running: bool,
    /// When the case is due, by its client's `sla_hours` at import.
    pub due_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertOutcome {
    Inserted,
    /// The same bundle was imported before; nothing changed.
    AlreadyPresent,
}

/// The escalation an escalated case waits on, for the fraud reviewer: who, when, their
/// note, and the reasons they proposed (a plain reviewer's fraud rejection).
#[derive(Debug, Clone, PartialEq)]
pub struct Escalation {
    pub by: String,
    pub at: DateTime<Utc>,
    pub note: String,
    pub proposed: Vec<crate::taxonomy::ReasonCode>,
}

/// A case with everything the reviewer sees.
#[derive(Debug, Clone)]
pub struct CaseRecord {
    pub submission: Submission,
    pub status: CaseStatus,
    /// The latest escalation, while the case is escalated.
    pub escalation: Option<Escalation>,
    pub claim: Option<Claim>,
    pub files: Vec<CaseFile>,
    pub hints: Vec<Hint>,
    pub policy: String,
    pub imported_at: DateTime<Utc>,
    /// The slower checks (faces) have not added their hints yet: a decision needs the
    /// reviewer to confirm (`DecisionRequest::despite_running_checks`).
    pub checks_running: bool,
    /// When its personal data was purged (retention): the applicant's fields, images and
    /// hint texts are gone.
    pub purged_at: Option<DateTime<Utc>>,
    /// When it is due (`NewCase::due_at`).
    pub due_at: Option<DateTime<Utc>>,
}

/// One row of the queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseSummary {
    pub id: String,
    /// None when the stored value does not read back; `problem` says why.
    pub submitted_at: Option<DateTime<Utc>>,
    pub client: String,
    pub applicant: String,
    pub document_type: Option<String>,
    pub issuing_country: Option<String>,
    pub document_number: Option<String>,
    pub status: &'static str,
    pub hints: HintCounts,
    /// The slower checks have not added their hints yet.
    pub checks_running: bool,
    /// When the case is due (its client's `sla_hours` after submission), if it has a due time.
    pub due_at: Option<DateTime<Utc>>,
    /// Who holds a live claim on the case.
    pub claimed_by: Option<String>,
    /// Who sent the case to the fraud team, while it is escalated.
    pub escalated_by: Option<String>,
    /// What of the stored row does not read back (a damaged or tampered store): the case is
    /// listed with it rather than failing the whole queue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// Which queue to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QueueKind {
    /// Cases waiting for a first decision.
    Review,
    /// Escalated cases waiting for a fraud reviewer.
    Fraud,
    /// Approved and rejected cases: searched and looked at, never claimed.
    Decided,
}

impl QueueKind {
    /// The case statuses this queue lists (one status twice where there is one).
    pub fn statuses(self) -> [&'static str; 2] {
        match self {
            QueueKind::Review => ["pending"; 2],
            QueueKind::Fraud => ["escalated"; 2],
            QueueKind::Decided => ["approved", "rejected"],
        }
    }

    /// The status of the cases `claim_next` takes from this queue; a decided case is never
    /// claimed.
    pub fn claimable(self) -> Option<&'static str> {
        match self {
            QueueKind::Review => Some("pending"),
            QueueKind::Fraud => Some("escalated"),
            QueueKind::Decided => None,
        }
    }
}

/// How many candidates `claim_next` reads at a time.
const CLAIM_CANDIDATES: i64 = 20;

#[derive(Debug, Clone)]
pub struct QueueQuery {
    pub kind: QueueKind,
    pub limit: Option<u32>,
    /// Only cases no-one else holds a live claim on, at this time.
    pub now: DateTime<Utc>,
}

/// A half-open time range over `decided_at`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimeRange {
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

/// The most images `Store::similar_images` returns: the nearest.
pub const SIMILAR_LIMIT: usize = 20;

/// The most cases `Store::document_history` returns for one number: the most recent ones.
pub const HISTORY_LIMIT: u32 = 50;

/// A log row as read back: a row that does not even parse is reported, not skipped.
pub type LogRow = Result<LogEntry, ChainBreak>;

/// The stand-in error that stops a scan of the log early; the real finding is kept apart.
const SCAN_ENDED: &str = "log scan ended";

/// What a scan's callback returns to stop it early (`ended_scan` tells it apart).
pub fn end_scan() -> StoreError {
    StoreError::Corrupt(SCAN_ENDED.into())
}

/// A scan stopped by `end_scan` went as meant.
pub fn ended_scan(e: StoreError) -> Result<(), StoreError> {
    match e {
        StoreError::Corrupt(why) if why == SCAN_ENDED => Ok(()),
        other => Err(other),
    }
}

/// What `Store::audit` finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audit {
    /// The chain, intact or broken at its first bad entry, or not extending the older
    /// checkpoint given.
    pub chain: Result<ChainSummary, LogBreak>,
    /// The Merkle tree over the log read: its size and root.
    pub tree: Frontier,
    /// The cases whose stored status the log does not explain, by id.
    pub unexplained: Vec<Unexplained>,
    /// The cases whose live claim the log does not explain, by id.
    pub claims: Vec<UnexplainedClaim>,
    /// The accounts whose stored roles or disabled flag the log does not explain, by name.
    pub accounts: Vec<AccountFinding>,
    /// The cases whose place in the QA queue the log does not explain, by id.
    pub qa: Vec<crate::qa::UnexplainedQa>,
}

impl Audit {
    /// Whether the chain is intact and explains every case and account.
    pub fn holds(&self) -> bool {
        self.chain.is_ok()
            && self.unexplained.is_empty()
            && self.claims.is_empty()
            && self.accounts.is_empty()
            && self.qa.is_empty()
    }
}

/// What the log must explain, read with it by `Store::log_and_state`.
#[derive(Debug, Clone, Default)]
pub struct StoredState {
    /// Every case's status, or why it does not read back.
    pub statuses: Vec<StoredStatus>,
    /// Every claim held or left expired on a case.
    pub claims: Vec<StoredClaim>,
    pub accounts: Vec<Account>,
    /// The QA queue.
    pub qa: Vec<crate::qa::Pending>,
}

pub trait Store {
    /// Stores file content under its SHA-256 and returns the hash; storing twice is a no-op.
    fn put_blob(&mut self, bytes: &[u8]) -> Result<String, StoreError>;
    fn read_blob(&self, sha256: &str) -> Result<Vec<u8>, StoreError>;

    /// Adds a whole case atomically; its blobs must be stored first.
    fn insert_case(
        &mut self,
        case: &NewCase,
        now: DateTime<Utc>,
    ) -> Result<InsertOutcome, StoreError>;
    fn case(&self, id: &str) -> Result<Option<CaseRecord>, StoreError>;

    /// Adds the hints of the checks that finished after case `id` was stored (faces), and
    /// its document's `portrait` (hash and descriptor, for `similar_images`), and marks its
    /// checks complete, in one transaction. `false` when they were complete already (another
    /// workstation finished them first): nothing is added twice.
    fn complete_checks(
        &mut self,
        id: &str,
        hints: &[Hint],
        portrait: Option<&Portrait>,
    ) -> Result<bool, StoreError>;

    /// The cases whose checks have been running since before `imported_before`: the import
    /// that stored them stopped before finishing them.
    fn stale_checks(&self, imported_before: DateTime<Utc>) -> Result<Vec<String>, StoreError>;

    /// The cases that go by document number `number` (a key of `checks::document_numbers`),
    /// oldest first: the most recent `HISTORY_LIMIT` of them. Indexed: instant at any size.
    fn document_history(&self, number: &str) -> Result<Vec<HistoryRecord>, StoreError>;
    fn queue(&self, q: &QueueQuery) -> Result<Vec<CaseSummary>, StoreError>;

    /// Stored images whose perceptual hash is within `max_distance` (at most 3) of `hash`,
    /// nearest first, at most `SIMILAR_LIMIT`. Indexed: fast among millions of images.
    fn similar_images(
        &self,
        hash: ImageHash,
        max_distance: u32,
    ) -> Result<Vec<ImageMatch>, StoreError>;

    /// Leases a case to the account `by` proves until `now + lease`; renewing one's own
    /// claim keeps its start. The account needs the role the case's status asks for.
    fn claim(
        &mut self,
        id: &str,
        by: &Credential,
        now: DateTime<Utc>,
        lease: chrono::Duration,
    ) -> Result<Claim, StoreError>;

    /// Leases the oldest case of `kind` that the account may take and nobody else holds (on
    /// PostgreSQL, rows other workstations are claiming are skipped, not waited for);
    /// `None` when there is none.
    fn claim_next(
        &mut self,
        kind: QueueKind,
        by: &Credential,
        now: DateTime<Utc>,
        lease: chrono::Duration,
    ) -> Result<Option<(String, Claim)>, StoreError>;

    /// Gives a claim back. Another reviewer's claim only a supervisor releases. Every
    /// release is recorded in the log (the entry is returned), as every claim is.
    fn release(
        &mut self,
        id: &str,
        by: &Credential,
        now: DateTime<Utc>,
    ) -> Result<LogEntry, StoreError>;

    /// Records in the log that the account `by` proves opened a case or exported entries
    /// (the access log), if its roles allow that access.
    fn record_access(
        &mut self,
        access: &Access,
        by: &Credential,
        now: DateTime<Utc>,
    ) -> Result<LogEntry, StoreError>;

    /// Records a decision: proves the account, checks its role and the case's rules, appends
    /// the log entry and moves the case, in one transaction.
    fn decide(&mut self, req: &DecisionRequest, now: DateTime<Utc>)
    -> Result<LogEntry, StoreError>;

    /// A supervisor reopens a decided case for `reason` (TEAM.md): logged as its own entry,
    /// the case back in the queue its decision was made from. Refused for one's own decision.
    fn reopen(
        &mut self,
        id: &str,
        reason: &str,
        by: &Credential,
        now: DateTime<Utc>,
    ) -> Result<LogEntry, StoreError>;

    /// Samples decided cases for blind QA as the supervisor `by` proves (`rules::sample_for_qa`),
    /// in one transaction.
    fn qa_sample(
        &mut self,
        rate: Option<QaRate>,
        rate_of: &dyn Fn(&str) -> Option<QaRate>,
        seed: u64,
        by: &Credential,
        now: DateTime<Utc>,
    ) -> Result<crate::qa::Sampled, StoreError>;

    /// Records the blind second review `req` of a case in the QA queue: a `qa` entry; the
    /// case does not change. Refused to whoever has seen the case's decision.
    fn qa_review(
        &mut self,
        req: &DecisionRequest,
        now: DateTime<Utc>,
    ) -> Result<LogEntry, StoreError>;

    /// The whole QA queue, in the order sampled (`qa_queue` is what one account may review).
    fn qa_items(&self) -> Result<Vec<crate::qa::Queued>, StoreError>;

    /// The cases of the QA queue that the account `by` proves may review blind: it reviews
    /// or supervises, and has not seen their decision.
    fn qa_queue(
        &mut self,
        by: &Credential,
        now: DateTime<Utc>,
    ) -> Result<Vec<crate::qa::Queued>, StoreError> {
        let who = self.authenticate(by, now)?;
        if !(who.has(Role::Reviewer) || who.has(Role::Supervisor)) {
            return Err(DecisionRefused::NotAllowed(crate::accounts::AuthError::Refused).into());
        }
        let mut mine = Vec::new();
        for q in self.qa_items()? {
            if !crate::qa::has_seen_decision(&self.case_entries(&q.case_id)?, &who.name) {
                mine.push(q);
            }
        }
        Ok(mine)
    }

    /// Purges, as an administrator, the personal data of the cases `rules` cover
    /// (`retention`), each rule's purge logged, in one transaction.
    fn purge(
        &mut self,
        rules: &[PurgeRule],
        by: &Credential,
        now: DateTime<Utc>,
    ) -> Result<PurgeReport, StoreError>;

    /// Every log entry of case `id`, in log order (indexed by case).
    fn case_entries(&self, id: &str) -> Result<Vec<LogEntry>, StoreError>;

    /// Calls `f` for each log entry in `range`, in log order.
    fn for_each_entry(
        &self,
        range: TimeRange,
        f: &mut dyn FnMut(LogRow) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// How many cases waiting for review or the fraud team are past their due time at `now`.
    fn overdue(&self, now: DateTime<Utc>) -> Result<u64, StoreError>;

    /// Calls `f` with what the statistics read of each log entry, in log order
    /// (`rows::STAT_ROWS_QUERY`).
    fn for_each_stat_row(&self, f: &mut dyn FnMut(&StatRow<'_>)) -> Result<(), StoreError>;

    /// Calls `f` for each log entry, in log order, and returns what the log must explain
    /// (`StoredState`), all read in one snapshot: a decision or account change recorded
    /// meanwhile is in both or in neither.
    fn log_and_state(
        &self,
        f: &mut dyn FnMut(LogRow) -> Result<(), StoreError>,
    ) -> Result<StoredState, StoreError>;

    /// Verifies the whole decision log; the outer error is the store's own.
    fn verify_log(
        &self,
        expected_head: Option<&str>,
    ) -> Result<Result<ChainSummary, LogBreak>, StoreError> {
        Ok(self.check_log(expected_head)?.1)
    }

    /// The whole log read and checked: its tree, and the chain's verdict.
    fn check_log(
        &self,
        expected_head: Option<&str>,
    ) -> Result<(Frontier, Result<ChainSummary, LogBreak>), StoreError> {
        let mut check = LogCheck::new(expected_head, None);
        self.for_each_entry(TimeRange::default(), &mut |row| {
            // The first break is kept; reading on would only find more.
            check.push(&row).map_err(|_| end_scan())
        })
        .or_else(ended_scan)?;
        let tree = check.tree().clone();
        Ok((tree, check.finish()))
    }

    /// A signed checkpoint (C2SP) of the whole log, once its chain verifies: a damaged log
    /// is not signed. The checkpoint and its signed note.
    fn checkpoint(&self) -> Result<Result<(Checkpoint, String), LogBreak>, StoreError> {
        let (tree, chain) = self.check_log(None)?;
        if let Err(b) = chain {
            return Ok(Err(b));
        }
        let key = self.log_key()?;
        let c = Checkpoint::of(&key, &tree);
        let note = c.sign(&key);
        Ok(Ok((c, note)))
    }

    /// `audit verify` of the store at `now`, in one pass over the log: the chain and its
    /// tree, which must extend `since` (an older checkpoint), and the cases, claims and
    /// accounts the log does not explain. The `cases` and `accounts` tables are not chained,
    /// so the log is replayed and compared with them: an SQL UPDATE shows there.
    fn audit(
        &self,
        expected_head: Option<&str>,
        since: Option<Checkpoint>,
        now: DateTime<Utc>,
    ) -> Result<Audit, StoreError> {
        let mut chain = LogCheck::new(expected_head, since);
        let mut cases: HashMap<String, Replayed> = HashMap::new();
        let mut accounts = AccountReplay::default();
        let mut qa = crate::qa::QueueReplay::default();
        let stored = self.log_and_state(&mut |row| {
            // A break is kept by `chain`; the replay goes on to name every case it can.
            let _ = chain.push(&row);
            if let Ok(e) = &row {
                if matches!(
                    e.kind,
                    EntryKind::Decision | EntryKind::Reopen | EntryKind::Claim | EntryKind::Release
                ) {
                    cases.entry(e.submission_id.clone()).or_default().apply(e);
                }
                accounts.apply(e);
                qa.apply(e);
            }
            Ok(())
        })?;
        let tree = chain.tree().clone();
        Ok(Audit {
            chain: chain.finish(),
            tree,
            claims: crate::lifecycle::unexplained_claims(stored.claims, &cases, now),
            unexplained: crate::lifecycle::unexplained(stored.statuses, cases),
            accounts: accounts.unexplained(&stored.accounts),
            qa: crate::qa::unexplained(stored.qa, qa.finish()),
        })
    }

    /// The statistics of the decisions made in `range` (TEAM.md "Team quality") as the
    /// account `by` proves may see them: a supervisor's or an auditor's are everyone's,
    /// anyone else's their own.
    fn stats(
        &mut self,
        by: &Credential,
        range: TimeRange,
        now: DateTime<Utc>,
    ) -> Result<Stats, StoreError> {
        let who = self.authenticate(by, now)?;
        let everyone = who.has(Role::Supervisor) || who.has(Role::Auditor);
        let mut tally = Tally::new(range, (!everyone).then_some(who.name.as_str()));
        self.for_each_stat_row(&mut |row| tally.push(row))?;
        let mut stats = tally.finish();
        stats.overdue_now = self.overdue(now)?;
        Ok(stats)
    }

    /// `qa report` as the supervisor or auditor `by` proves: every blind second review in
    /// the log beside the decision it reviewed, and how far they agree.
    fn qa_report(
        &mut self,
        by: &Credential,
        now: DateTime<Utc>,
    ) -> Result<crate::agreement::QaReport, StoreError> {
        use crate::agreement::{Pair, QaReport, Rating};
        use crate::qa::QaEntry;
        let who = self.authenticate(by, now)?;
        if !(who.has(Role::Supervisor) || who.has(Role::Auditor)) {
            return Err(DecisionRefused::NotAllowed(crate::accounts::AuthError::Refused).into());
        }
        let mut reviews = Vec::new();
        self.for_each_entry(TimeRange::default(), &mut |row| {
            // A broken entry is `audit verify`'s to name; the report passes over it.
            if let Ok(e) = row
                && let Some(QaEntry::Reviewed { decision, .. }) = QaEntry::of(&e)
            {
                reviews.push((decision, e));
            }
            Ok(())
        })?;
        let mut pairs = Vec::with_capacity(reviews.len());
        for (decision, review) in reviews {
            let entries = self.case_entries(&review.submission_id)?;
            // It stands while no decision or reopening came after it.
            let last_move = entries
                .iter()
                .filter(|e| matches!(e.kind, EntryKind::Decision | EntryKind::Reopen))
                .map(|e| e.seq)
                .max();
            if let Some(first) = entries.iter().find(|e| e.seq == decision) {
                pairs.push(Pair::new(
                    &review.submission_id,
                    Rating::of(first),
                    Rating::of(&review),
                    last_move == Some(decision),
                ));
            }
        }
        Ok(QaReport::of(&pairs, self.qa_items()?.len()))
    }

    /// Creates the first administrator, while the store has none (`vigil account init`).
    fn init_admin(
        &mut self,
        name: &str,
        password: &Password,
        now: DateTime<Utc>,
    ) -> Result<LogEntry, StoreError>;

    /// Checks a password and opens a session for the window (its token is returned, its
    /// hash kept). Failed attempts count towards the lock-out.
    fn sign_in(
        &mut self,
        name: &str,
        password: &Password,
        now: DateTime<Utc>,
    ) -> Result<Session, StoreError>;
    fn sign_out(&mut self, session: &SessionToken) -> Result<(), StoreError>;

    /// The account `by` proves, for commands that read what only some roles may read.
    fn authenticate(&mut self, by: &Credential, now: DateTime<Utc>) -> Result<Account, StoreError>;

    /// An account change, by an administrator (or one's own password), logged.
    fn change_account(
        &mut self,
        by: &Credential,
        change: &AccountChange,
        now: DateTime<Utc>,
    ) -> Result<LogEntry, StoreError>;
    fn accounts(&self) -> Result<Vec<Account>, StoreError>;

    /// The key that signs the log's checkpoints, made with the store (TEAM.md).
    fn log_key(&self) -> Result<LogKey, StoreError>;

    /// Marks the store as the demo's: every screen says so.
    fn mark_demo(&mut self) -> Result<(), StoreError>;
    fn is_demo(&self) -> Result<bool, StoreError>;
}
