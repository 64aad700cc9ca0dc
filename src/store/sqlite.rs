//! The SQLite store: one database file in WAL mode plus a content-addressed blob folder.

use super::blobs::Blobs;
use super::private;
use super::rows::{
    self, RawCaseState, RawEntry, RawFile, RawHint, RawHistory, RawMatch, RawSummary, claim_from,
    corrupt, hash_column, join_codes, parse_time, rank_matches, status_from, unreadable,
};
use super::rules;
use super::rules::Authenticated;
use super::sqlite_accounts as auth;
use super::{
    CaseRecord, CaseSummary, HISTORY_LIMIT, InsertOutcome, LogRow, NewCase, QueueKind, QueueQuery,
    SIMILAR_LIMIT, Store, StoreError, StoredState, TimeRange, schema,
};
use crate::access_log::Access;
use crate::accounts::{Account, AccountChange, Credential, Password, Role, Session};
use crate::checks::{HistoryRecord, ImageMatch, Portrait};
use crate::decision_log::{EntryKind, GENESIS_HASH, LogEntry, timestamp};
use crate::hints::{Hint, HintCode, HintCounts, Slot};
use crate::imaging::phash::ImageHash;
use crate::lifecycle::{CaseStatus, Claim, DecisionRefused, DecisionRequest};
use crate::retention::{PurgeReport, PurgeRule};
use crate::signed_note::LogKey;
use crate::stats::StatRow;
use crate::submission::Submission;
use chrono::{DateTime, Utc};
use rusqlite::{
    Connection, OpenFlags, OptionalExtension, Row, Transaction, TransactionBehavior, params,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub struct SqliteStore {
    conn: Connection,
    blobs: Blobs,
    dir: PathBuf,
    /// Opened for reading only: nothing is written, not even a sign-in's bookkeeping.
    read_only: bool,
}

const DATABASE: &str = "vigil.db";

/// The file of the key that signs the log's checkpoints, beside the database.
const LOG_KEY: &str = "log.key";

/// Makes the store's log key if it has none: written whole into a private temporary file,
/// then linked in place unless another process made one meanwhile (theirs is kept).
fn ensure_log_key(dir: &Path) -> Result<(), StoreError> {
    let path = dir.join(LOG_KEY);
    if path.exists() {
        return Ok(private::existing_file(&path)?);
    }
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(
        &mut tmp,
        format!("{}\n", LogKey::generate().to_text()).as_bytes(),
    )?;
    tmp.as_file().sync_all()?;
    match tmp.persist_noclobber(&path) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e.error.into()),
    }
}

/// The cases that go by a document number, most recent first, with their latest decision's
/// reasons. The primary key of case_documents leads with the number, cases are found by their
/// primary key and decisions by decisions_submission: no table is scanned, at any size.
const HISTORY_QUERY: &str = "
    SELECT c.id, c.submitted_at, c.surname, c.given_names, c.date_of_birth, c.status,
           (SELECT d.reasons FROM decisions d WHERE d.submission_id = c.id AND d.kind = 'decision'
            ORDER BY d.seq DESC LIMIT 1)
    FROM case_documents k JOIN cases c ON c.id = k.case_id
    WHERE k.number = ?1
    ORDER BY c.submitted_at DESC, c.id DESC LIMIT ?2";

/// Stored images sharing a band with a hash, with their case's identity. Each band term reads
/// its own index (SQLite's OR optimisation); the candidates' distances are counted in Rust,
/// as SQL has no population count.
const SIMILAR_QUERY: &str = "
    SELECT f.case_id, f.slot, f.phash, c.surname, c.given_names, c.date_of_birth, f.descriptor,
           (SELECT group_concat(d.number, ';') FROM case_documents d WHERE d.case_id = f.case_id)
    FROM case_files f JOIN cases c ON c.id = f.case_id
    WHERE f.phash_band0 = ?1 OR f.phash_band1 = ?2 OR f.phash_band2 = ?3 OR f.phash_band3 = ?4
    LIMIT ?5";

/// Cases whose checks run since before a time: read through the partial index of running
/// checks, never the whole table.
const STALE_QUERY: &str =
    "SELECT id FROM cases WHERE checks_running AND imported_at < ?1 ORDER BY imported_at, id";

/// Candidates read at most for one search. Random hashes share a band with one stored hash in
/// 16,384, so a million images give about 60; only a flood of identical pictures comes near.
const SIMILAR_CANDIDATES: i64 = 5_000;

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::DiskFull(e.to_string()),
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly(e.to_string()),
            _ => StoreError::Database(e.to_string()),
        }
    }
}

impl SqliteStore {
    /// Opens the store in `dir` only if it exists: reading commands must not create an empty
    /// store and report on it as if it were the real one.
    pub fn open_existing(dir: &Path) -> Result<SqliteStore, StoreError> {
        SqliteStore::open_if_present(dir)?.ok_or_else(|| StoreError::Missing {
            path: dir.join(DATABASE).display().to_string(),
        })
    }

    /// Opens (creating if needed) the store in `dir`: `vigil.db` and `blobs/`.
    pub fn open(dir: &Path) -> Result<SqliteStore, StoreError> {
        // Names, dates of birth, document numbers: readable by the account running Vigil only.
        private::dir(dir)?;
        let db = dir.join(DATABASE);
        private::create_file(&db)?;
        let mut conn = Connection::open(&db)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // Decisions must survive a power cut: sync the WAL on every commit.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // What is deleted or overwritten is zeroed in the file: a purge leaves no copy.
        conn.pragma_update(None, "secure_delete", "ON")?;
        schema::migrate(&mut conn, &db.display().to_string())?;
        ensure_log_key(dir)?;
        // SQLite gives the WAL and shared-memory files the database's mode; older stores
        // were made before that mode was private.
        for side in ["-wal", "-shm"] {
            private::existing_file(&dir.join(format!("{DATABASE}{side}")))?;
        }
        Ok(SqliteStore {
            conn,
            blobs: Blobs::open(dir.join("blobs"))?,
            dir: dir.to_path_buf(),
            read_only: false,
        })
    }

    /// Opens the existing store in `dir` for reading only (`queue`, `export`, `audit
    /// verify`): nothing is created, migrated or made private, so that it opens on a
    /// read-only folder or a full disk. Where SQLite cannot even share its read lock (a
    /// read-only folder without the lock file), the database is read as unchanging: nobody
    /// can write it there either.
    pub fn open_read_only(dir: &Path) -> Result<SqliteStore, StoreError> {
        let db = dir.join(DATABASE);
        if !db.is_file() {
            return Err(StoreError::Missing {
                path: db.display().to_string(),
            });
        }
        let shown = db.display().to_string();
        // A URI's own characters in the path are escaped (SQLite's URI file names).
        let escaped = db
            .to_str()
            .ok_or_else(|| StoreError::Database(format!("{shown}: the path is not UTF-8")))?
            .replace('%', "%25")
            .replace('?', "%3f")
            .replace('#', "%23");
        let open = |immutable: bool| -> Result<Connection, StoreError> {
            let query = if immutable {
                "mode=ro&immutable=1"
            } else {
                "mode=ro"
            };
            let conn = Connection::open_with_flags(
                format!("file:{escaped}?{query}"),
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
            )?;
            conn.busy_timeout(Duration::from_secs(10))?;
            schema::check_current(&conn, &shown)?;
            Ok(conn)
        };
        let conn = match open(false) {
            Err(StoreError::Database(_) | StoreError::ReadOnly(_)) => open(true)?,
            other => other?,
        };
        // A store made before log keys gets its key here too, where the folder can be
        // written: an auditor's first export is signed. Where it cannot, signing says why.
        let _ = ensure_log_key(dir);
        Ok(SqliteStore {
            conn,
            blobs: Blobs::at(dir.join("blobs")),
            dir: dir.to_path_buf(),
            read_only: true,
        })
    }

    /// Opens the store in `dir` only if one is there: for commands that read the store when
    /// it exists but have no reason to create one.
    pub fn open_if_present(dir: &Path) -> Result<Option<SqliteStore>, StoreError> {
        if dir.join(DATABASE).is_file() {
            SqliteStore::open(dir).map(Some)
        } else {
            Ok(None)
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every case with its state, for `store copy`, in the order they were imported.
    pub fn for_each_stored_case(
        &self,
        f: &mut dyn FnMut(super::copy::StoredCase) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let ids: Vec<(String, String, Option<String>)> = {
            let mut stmt = self.conn.prepare(
                "SELECT id, fingerprint, escalated_by FROM cases ORDER BY imported_at, id",
            )?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?
        };
        for (id, fingerprint, escalated_by) in ids {
            let Some(record) = self.case(&id)? else {
                continue;
            };
            let document_numbers = {
                let mut stmt = self
                    .conn
                    .prepare_cached("SELECT number FROM case_documents WHERE case_id = ?1")?;
                stmt.query_map([&id], |r| r.get(0))?
                    .collect::<Result<Vec<String>, _>>()?
            };
            f(super::copy::StoredCase {
                case: NewCase {
                    submission: record.submission,
                    fingerprint,
                    files: record.files,
                    hints: record.hints,
                    policy: record.policy,
                    document_numbers,
                    checks_running: record.checks_running,
                    due_at: record.due_at,
                },
                imported_at: record.imported_at,
                purged_at: record.purged_at,
                status: record.status,
                escalated_by,
                claim: record.claim,
            })?;
        }
        Ok(())
    }

    /// Every account as stored, password hash included, for `store copy`.
    pub fn stored_accounts(&self) -> Result<Vec<super::copy::StoredAccount>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT name, skeleton, roles, password_hash, disabled, created_at, locked_until
             FROM accounts ORDER BY created_at, name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(super::copy::StoredAccount {
                name: r.get(0)?,
                skeleton: r.get(1)?,
                roles: r.get(2)?,
                password_hash: r.get(3)?,
                disabled: r.get(4)?,
                created_at: r.get(5)?,
                locked_until: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The QA queue and the last entry the last sample considered, for `store copy`.
    pub fn stored_qa(&self) -> Result<(Vec<crate::qa::Pending>, u64), StoreError> {
        let queue = self
            .conn
            .prepare(rows::QA_QUEUE_QUERY)?
            .query_map([], |r| {
                Ok(rows::qa_pending(r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        let tx = self.conn.unchecked_transaction()?;
        let considered = rules::CaseWriter::qa_considered(&mut Writer(&tx))?;
        Ok((queue, considered))
    }

    /// Where a stored file lives on disk, for viewers that want a path.
    pub fn blob_path(&self, sha256: &str) -> Option<PathBuf> {
        self.blobs.path(sha256)
    }

    fn load_status(row: &Row<'_>) -> rusqlite::Result<(String, Option<String>)> {
        Ok((row.get("status")?, row.get("escalated_by")?))
    }

    /// Runs `f` for the account `cred` proves, in one write transaction: who acts, with what
    /// roles, and what they record are read and written together. A failed proof records
    /// nothing but the failed attempt (for the lock-out), in its own transaction.
    fn authorised<T>(
        &mut self,
        cred: &Credential,
        now: DateTime<Utc>,
        f: impl FnOnce(&Transaction<'_>, &Account) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        // A read-only store takes no write lock; what it is asked to write then fails
        // plainly (StoreError::ReadOnly).
        let behaviour = if self.read_only {
            TransactionBehavior::Deferred
        } else {
            TransactionBehavior::Immediate
        };
        let tx = self.conn.transaction_with_behavior(behaviour)?;
        match auth::authenticate(&tx, cred, now)? {
            Authenticated::Yes(account) => {
                let out = f(&tx, &account)?;
                tx.commit()?;
                Ok(out)
            }
            Authenticated::No { error, failed } => {
                drop(tx);
                // A read-only store cannot count failures: the refusal stands all the same.
                if let Some(name) = failed.filter(|_| !self.read_only) {
                    auth::record_failure(&mut self.conn, &name, now)?;
                }
                Err(DecisionRefused::NotAllowed(error).into())
            }
        }
    }
}

/// The SQLite statements of a claim, release or decision, in the caller's write transaction
/// (which holds SQLite's one write lock).
struct Writer<'a, 'c>(&'a Transaction<'c>);

impl rules::CaseWriter for Writer<'_, '_> {
    fn case_state(&mut self, id: &str) -> Result<(CaseStatus, Option<Claim>, String), StoreError> {
        let row = self
            .0
            .query_row(
                "SELECT status, escalated_by, claimed_by, claimed_at, lease_until, applicant_locale
                 FROM cases WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        RawCaseState {
                            id: id.to_owned(),
                            status: r.get(0)?,
                            escalated_by: r.get(1)?,
                            claimed_by: r.get(2)?,
                            claimed_at: r.get(3)?,
                            lease_until: r.get(4)?,
                        },
                        r.get::<_, String>(5)?,
                    ))
                },
            )
            .optional()?;
        let Some((state, locale)) = row else {
            return Err(DecisionRefused::NoSuchCase(id.to_owned()).into());
        };
        let (_, status, claim) = state.into_state()?;
        Ok((status, claim, locale))
    }

    fn hint_codes(&mut self, id: &str) -> Result<Vec<HintCode>, StoreError> {
        Ok(hints_of(self.0, id)?.iter().map(|h| h.code).collect())
    }

    fn checks_running(&mut self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .0
            .query_row(
                "SELECT checks_running FROM cases WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(false))
    }

    fn case_entries(&mut self, id: &str) -> Result<Vec<LogEntry>, StoreError> {
        entries_of(self.0, id)
    }

    fn append(&mut self, entry: LogEntry) -> Result<LogEntry, StoreError> {
        append_entry(self.0, entry)
    }

    fn set_claim(&mut self, id: &str, claim: Option<&Claim>) -> Result<(), StoreError> {
        self.0.execute(
            "UPDATE cases SET claimed_by = ?2, claimed_at = ?3, lease_until = ?4 WHERE id = ?1",
            params![
                id,
                claim.map(|c| c.by.clone()),
                claim.map(|c| timestamp(c.claimed_at)),
                claim.map(|c| timestamp(c.lease_until))
            ],
        )?;
        Ok(())
    }

    fn set_status(&mut self, id: &str, next: &CaseStatus) -> Result<(), StoreError> {
        let escalated_by = match next {
            CaseStatus::Escalated { by } => Some(by.as_str()),
            _ => None,
        };
        self.0.execute(
            "UPDATE cases SET status = ?2, escalated_by = COALESCE(?3, escalated_by),
                claimed_by = NULL, claimed_at = NULL, lease_until = NULL
             WHERE id = ?1",
            params![id, next.code(), escalated_by],
        )?;
        Ok(())
    }

    fn purgeable(&mut self, before: &str) -> Result<Vec<[String; 3]>, StoreError> {
        let mut stmt = self.0.prepare(rows::PURGEABLE_QUERY)?;
        let found = stmt
            .query_map([before], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?]))?
            .collect::<Result<_, _>>()?;
        Ok(found)
    }

    fn case_images(&mut self, id: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.0.prepare(rows::CASE_IMAGES_QUERY)?;
        let found = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(found)
    }

    fn erase_case(&mut self, id: &str, submission: &str, now: &str) -> Result<(), StoreError> {
        self.0
            .execute(rows::PURGE_CASE_ROW, params![submission, now, id])?;
        for sql in rows::PURGE_CASE_PARTS {
            self.0.execute(sql, [id])?;
        }
        Ok(())
    }

    fn is_purged(&mut self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .0
            .query_row(rows::IS_PURGED_QUERY, [id], |r| r.get(0))?)
    }

    /// The file is removed by `Store::purge` once the transaction has committed.
    fn release_image(&mut self, sha: &str) -> Result<bool, StoreError> {
        let in_use: bool = self
            .0
            .query_row(rows::IMAGE_IN_USE_QUERY, [sha], |r| r.get(0))?;
        Ok(!in_use)
    }

    fn decided_since(&mut self, after: u64) -> Result<Vec<crate::qa::Decided>, StoreError> {
        let mut stmt = self.0.prepare(rows::DECIDED_SINCE_QUERY)?;
        let found = stmt
            .query_map([after as i64], |r| {
                Ok(crate::qa::Decided {
                    case_id: r.get(0)?,
                    client: r.get(1)?,
                    decision_seq: r.get::<_, i64>(2)?.max(0) as u64,
                    reviewer: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(found)
    }

    /// The transaction is IMMEDIATE: it holds SQLite's one write lock already.
    fn lock_log(&mut self) -> Result<(), StoreError> {
        Ok(())
    }

    fn qa_considered(&mut self) -> Result<u64, StoreError> {
        let v: Option<String> = self
            .0
            .query_row(rows::QA_CONSIDERED_QUERY, [], |r| r.get(0))
            .optional()?;
        v.map_or(Ok(0), |v| {
            v.parse().map_err(|e| rows::corrupt("QA sample mark", e))
        })
    }

    fn set_qa_considered(&mut self, seq: u64) -> Result<(), StoreError> {
        self.0.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('qa_considered', ?1)",
            [seq.to_string()],
        )?;
        Ok(())
    }

    fn qa_pending(&mut self, id: &str) -> Result<Option<crate::qa::Pending>, StoreError> {
        Ok(self
            .0
            .query_row(rows::QA_PENDING_QUERY, [id], |r| {
                Ok(rows::qa_pending(r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?)
    }

    fn put_qa_pending(&mut self, p: &crate::qa::Pending) -> Result<(), StoreError> {
        self.0.execute(
            rows::QA_PUT_QUERY,
            params![p.case_id, p.decision_seq as i64, p.sampled_seq as i64],
        )?;
        Ok(())
    }

    fn clear_qa_pending(&mut self, id: &str) -> Result<(), StoreError> {
        self.0.execute(rows::QA_CLEAR_QUERY, [id])?;
        Ok(())
    }
}

/// Appends `entry` at the head of the log: numbers it, links it to the previous entry,
/// commits to its note and seals it. The caller's write transaction keeps the chain linear.
pub(super) fn append_entry(tx: &Transaction<'_>, entry: LogEntry) -> Result<LogEntry, StoreError> {
    append(tx, entry, true)
}

/// `append_entry` as schema 4 wrote entries, before notes had commitments (and columns for
/// them): for migration 4's entry, which migrations 5 and 6 then carry forward.
fn append_uncommitted(tx: &Transaction<'_>, entry: LogEntry) -> Result<LogEntry, StoreError> {
    append(tx, entry, false)
}

fn append(tx: &Transaction<'_>, entry: LogEntry, commit: bool) -> Result<LogEntry, StoreError> {
    let (last_seq, prev_hash): (u64, String) = tx
        .query_row(
            "SELECT seq, hash FROM decisions ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, GENESIS_HASH.to_owned()));
    let entry = LogEntry {
        seq: last_seq + 1,
        prev_hash,
        ..entry
    };
    let entry = if commit { entry.commit_note() } else { entry }.seal();
    let (seq, ms, kind) = (
        entry.seq as i64,
        entry.handling_ms as i64,
        entry.kind.code(),
    );
    let (decided_at, reasons, hints) = (
        timestamp(entry.decided_at),
        join_codes(&entry.reasons),
        join_codes(&entry.hints),
    );
    let outcome = entry.outcome.map_or("", |o| o.code());
    let mut values: Vec<&dyn rusqlite::ToSql> = vec![
        &seq,
        &kind,
        &entry.submission_id,
        &decided_at,
        &entry.reviewer,
        &outcome,
        &reasons,
        &entry.is_final,
        &entry.note,
        &hints,
        &ms,
        &entry.applicant_locale,
        &entry.applicant_message,
        &entry.subject,
        &entry.change,
        &entry.prev_hash,
        &entry.hash,
        &entry.note_salt,
        &entry.note_commitment,
    ];
    let mut columns =
        "seq, kind, submission_id, decided_at, reviewer, outcome, reasons, final, note, \
        hints, handling_ms, applicant_locale, applicant_message, subject, change, prev_hash, hash"
            .to_owned();
    if commit {
        columns.push_str(", note_salt, note_commitment");
    } else {
        values.truncate(values.len() - 2);
    }
    let marks = (1..=values.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    tx.execute(
        &format!("INSERT INTO decisions ({columns}) VALUES ({marks})"),
        values.as_slice(),
    )?;
    Ok(entry)
}

/// Migration 4: each reviewer profile becomes an account without a password (an
/// administrator sets one before it signs in), with the fraud role it had; one log entry
/// records the move. Profiles whose names read the same as an earlier one's (`ana`, `Ana`)
/// cannot both be accounts: the later ones are kept, disabled, so that the log's names
/// still resolve, and the entry says so.
pub(super) fn accounts_from_profiles(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let profiles: Vec<(String, bool, String)> = {
        let mut stmt =
            tx.prepare("SELECT name, fraud, created_at FROM reviewers ORDER BY created_at, name")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?
    };
    if profiles.is_empty() {
        tx.execute_batch("DROP TABLE reviewers")?;
        return Ok(());
    }
    let mut taken: HashMap<String, String> = Default::default();
    let mut moved = Vec::new();
    for (name, fraud, created_at) in &profiles {
        let roles = if *fraud {
            crate::accounts::Roles::of([Role::Reviewer, Role::Fraud])
        } else {
            crate::accounts::Roles::of([Role::Reviewer])
        };
        let mut skeleton = crate::accounts::name_skeleton(name);
        let clash = taken.get(&skeleton).cloned();
        moved.push(crate::account_log::migrated_item(
            name,
            roles,
            clash.as_deref(),
        ));
        if clash.is_some() {
            // A NUL never survives name validation, so no new name can take this skeleton.
            skeleton = format!("{skeleton}\u{0}{name}");
        } else {
            taken.insert(skeleton.clone(), name.clone());
        }
        tx.execute(
            "INSERT INTO accounts (name, skeleton, roles, password_hash, disabled, created_at)
             VALUES (?1, ?2, ?3, NULL, ?4, ?5)",
            params![
                name,
                skeleton,
                roles.to_string(),
                clash.is_some(),
                created_at
            ],
        )?;
    }
    let names: Vec<&str> = profiles.iter().map(|(n, ..)| n.as_str()).collect();
    append_uncommitted(
        tx,
        LogEntry::authority(
            EntryKind::Account,
            "",
            Utc::now(),
            "vigil (migration)",
            &names.join(", "),
            &format!("{}{}", crate::account_log::MIGRATED, moved.join(", ")),
        ),
    )?;
    tx.execute_batch("DROP TABLE reviewers")?;
    Ok(())
}

fn entry_from_row(row: &Row<'_>) -> LogRow {
    let raw = || -> rusqlite::Result<RawEntry> {
        Ok(RawEntry {
            seq: row.get("seq")?,
            kind: row.get("kind")?,
            submission_id: row.get("submission_id")?,
            decided_at: row.get("decided_at")?,
            reviewer: row.get("reviewer")?,
            outcome: row.get("outcome")?,
            reasons: row.get("reasons")?,
            is_final: row.get("final")?,
            note: row.get("note")?,
            hints: row.get("hints")?,
            handling_ms: row.get("handling_ms")?,
            applicant_locale: row.get("applicant_locale")?,
            applicant_message: row.get("applicant_message")?,
            subject: row.get("subject")?,
            change: row.get("change")?,
            prev_hash: row.get("prev_hash")?,
            hash: row.get("hash")?,
            note_salt: row.get("note_salt")?,
            note_commitment: row.get("note_commitment")?,
        })
    };
    let seq = row
        .get::<_, i64>("seq")
        .ok()
        .and_then(|s| u64::try_from(s).ok());
    raw()
        .map_err(|e| unreadable(seq.unwrap_or(0), e))?
        .into_entry()
}

impl Store for SqliteStore {
    fn put_blob(&mut self, bytes: &[u8]) -> Result<String, StoreError> {
        Ok(self.blobs.put(bytes)?)
    }

    fn read_blob(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        Ok(self.blobs.read(sha256)?)
    }

    fn insert_case(
        &mut self,
        case: &NewCase,
        now: DateTime<Utc>,
    ) -> Result<InsertOutcome, StoreError> {
        let s = &case.submission;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let existing: Option<String> = tx
            .query_row(
                "SELECT fingerprint FROM cases WHERE id = ?1",
                [s.id.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        match existing {
            Some(f) if f == case.fingerprint => return Ok(InsertOutcome::AlreadyPresent),
            Some(_) => {
                return Err(StoreError::IdConflict {
                    id: s.id.to_string(),
                });
            }
            None => {}
        }
        let submission_json = serde_json::to_string(s).map_err(|e| corrupt("submission", e))?;
        tx.execute(
            "INSERT INTO cases (id, fingerprint, submitted_at, imported_at, client, applicant_locale,
                surname, given_names, date_of_birth, document_type, issuing_country, document_number,
                submission, policy, checks_running, due_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            params![
                s.id.as_str(),
                case.fingerprint,
                timestamp(s.submitted_at),
                timestamp(now),
                s.client,
                s.applicant_locale,
                s.applicant.surname,
                s.applicant.given_names,
                s.applicant.date_of_birth.map(|d| d.to_string()),
                s.document.doc_type,
                s.document.issuing_country,
                s.document.number,
                submission_json,
                case.policy,
                case.checks_running,
                case.due_at.map(timestamp),
            ],
        )?;
        {
            let mut ins = tx.prepare(
                "INSERT INTO case_files (case_id, slot, position, name, sha256, kind, size, width, height,
                    phash, phash_band0, phash_band1, phash_band2, phash_band3, descriptor)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?;
            for (i, f) in case.files.iter().enumerate() {
                let bands = f.phash.map(|h| h.bands());
                let band = |b: usize| bands.map(|bands| bands[b]);
                ins.execute(params![
                    s.id.as_str(),
                    f.slot.to_string(),
                    i as i64,
                    f.name,
                    f.sha256,
                    f.kind.map(|k| k.code()),
                    f.size.map(|n| n as i64),
                    f.width,
                    f.height,
                    f.phash.map(hash_column),
                    band(0),
                    band(1),
                    band(2),
                    band(3),
                    f.descriptor.as_deref().map(crate::faces::descriptor_bytes),
                ])?;
            }
            let mut ins = tx.prepare(
                "INSERT OR IGNORE INTO case_documents (number, case_id) VALUES (?1, ?2)",
            )?;
            for number in &case.document_numbers {
                ins.execute(params![number, s.id.as_str()])?;
            }
        }
        insert_hints(&tx, s.id.as_str(), 0, &case.hints)?;
        tx.commit()?;
        Ok(InsertOutcome::Inserted)
    }

    fn case(&self, id: &str) -> Result<Option<CaseRecord>, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT submission, status, escalated_by, claimed_by, claimed_at, lease_until, policy, imported_at,
                    checks_running, purged_at, due_at
                 FROM cases WHERE id = ?1",
                [id],
                |r| {
                    let (status, escalated_by) = Self::load_status(r)?;
                    Ok((
                        r.get::<_, String>("submission")?,
                        status,
                        escalated_by,
                        (r.get("claimed_by")?, r.get("claimed_at")?, r.get("lease_until")?),
                        r.get::<_, String>("policy")?,
                        r.get::<_, String>("imported_at")?,
                        (
                            r.get::<_, bool>("checks_running")?,
                            r.get::<_, Option<String>>("purged_at")?,
                            r.get::<_, Option<String>>("due_at")?,
                        ),
                    ))
                },
            )
            .optional()?;
        let Some((
            submission,
            status,
            escalated_by,
            (by, at, until),
            policy,
            imported_at,
            (running, purged_at, due_at),
        )) = row
        else {
            return Ok(None);
        };
        let submission: Submission =
            serde_json::from_str(&submission).map_err(|e| corrupt("stored submission", e))?;
        let mut stmt = self.conn.prepare(
            "SELECT slot, name, sha256, kind, size, width, height, phash, descriptor FROM case_files
             WHERE case_id = ?1 ORDER BY position",
        )?;
        let files = stmt
            .query_map([id], |r| {
                Ok(RawFile {
                    slot: r.get(0)?,
                    name: r.get(1)?,
                    sha256: r.get(2)?,
                    kind: r.get(3)?,
                    size: r.get(4)?,
                    width: r.get(5)?,
                    height: r.get(6)?,
                    phash: r.get(7)?,
                    descriptor: r.get(8)?,
                })
            })?
            .map(|row| row?.into_file())
            .collect::<Result<Vec<_>, StoreError>>()?;
        let status = status_from(&status, escalated_by)?;
        let escalation = match status {
            CaseStatus::Escalated { .. } => escalation_of(&self.conn, id)?,
            _ => None,
        };
        Ok(Some(CaseRecord {
            submission,
            status,
            escalation,
            claim: claim_from(by, at, until)?,
            files,
            hints: hints_of(&self.conn, id)?,
            policy,
            imported_at: parse_time(&imported_at)?,
            checks_running: running,
            purged_at: purged_at.as_deref().map(parse_time).transpose()?,
            due_at: due_at.as_deref().map(parse_time).transpose()?,
        }))
    }

    fn complete_checks(
        &mut self,
        id: &str,
        hints: &[Hint],
        portrait: Option<&Portrait>,
    ) -> Result<bool, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let updated = tx.execute(
            "UPDATE cases SET checks_running = 0 WHERE id = ?1 AND checks_running",
            [id],
        )?;
        if updated == 0 {
            return Ok(false);
        }
        let first: i64 = tx.query_row(
            "SELECT coalesce(max(position) + 1, 0) FROM hints WHERE case_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        insert_hints(&tx, id, first, hints)?;
        if let Some(p) = portrait {
            let b = p.hash.bands();
            tx.execute(
                "UPDATE case_files SET phash = ?2, phash_band0 = ?3, phash_band1 = ?4,
                    phash_band2 = ?5, phash_band3 = ?6, descriptor = ?7
                 WHERE case_id = ?1 AND slot = ?8",
                params![
                    id,
                    hash_column(p.hash),
                    b[0],
                    b[1],
                    b[2],
                    b[3],
                    crate::faces::descriptor_bytes(&p.descriptor),
                    Slot::DocumentFront.to_string()
                ],
            )?;
        }
        tx.commit()?;
        Ok(true)
    }

    fn stale_checks(&self, imported_before: DateTime<Utc>) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare(STALE_QUERY)?;
        let rows = stmt.query_map([timestamp(imported_before)], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn document_history(&self, number: &str) -> Result<Vec<HistoryRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(HISTORY_QUERY)?;
        let rows = stmt.query_map(params![number, HISTORY_LIMIT], |r| {
            Ok(RawHistory {
                case_id: r.get(0)?,
                submitted_at: r.get(1)?,
                surname: r.get(2)?,
                given_names: r.get(3)?,
                date_of_birth: r.get(4)?,
                status: r.get(5)?,
                reasons: r.get(6)?,
            })
        })?;
        let mut out = rows
            .map(|row| row?.into_record())
            .collect::<Result<Vec<_>, StoreError>>()?;
        out.reverse();
        Ok(out)
    }

    fn similar_images(
        &self,
        hash: ImageHash,
        max_distance: u32,
    ) -> Result<Vec<ImageMatch>, StoreError> {
        let [b0, b1, b2, b3] = hash.bands();
        let mut stmt = self.conn.prepare_cached(SIMILAR_QUERY)?;
        let rows = stmt.query_map(params![b0, b1, b2, b3, SIMILAR_CANDIDATES], |r| {
            Ok(RawMatch {
                case_id: r.get(0)?,
                slot: r.get(1)?,
                phash: r.get(2)?,
                surname: r.get(3)?,
                given_names: r.get(4)?,
                date_of_birth: r.get(5)?,
                descriptor: r.get(6)?,
                numbers: r.get(7)?,
            })
        })?;
        let mut out = Vec::new();
        for row in rows {
            out.extend(row?.into_match(hash, max_distance)?);
        }
        Ok(rank_matches(out, SIMILAR_LIMIT))
    }

    fn queue(&self, q: &QueueQuery) -> Result<Vec<CaseSummary>, StoreError> {
        let [status, other] = q.kind.statuses();
        let now = timestamp(q.now);
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.submitted_at, c.client, c.given_names, c.surname, c.document_type,
                    c.issuing_country, c.document_number, c.status,
                    CASE WHEN c.lease_until > ?2 THEN c.claimed_by END,
                    (SELECT count(*) FROM hints h WHERE h.case_id = c.id AND h.severity = 'fail'),
                    (SELECT count(*) FROM hints h WHERE h.case_id = c.id AND h.severity = 'warn'),
                    (SELECT count(*) FROM hints h WHERE h.case_id = c.id AND h.severity = 'info'),
                    c.escalated_by, c.checks_running, c.due_at
             FROM cases c WHERE c.status IN (?1, ?4)
               -- A decision waiting for its blind second review is not listed: the list
               -- would tell a possible second reviewer its outcome.
               AND NOT EXISTS (SELECT 1 FROM qa_queue q WHERE q.case_id = c.id)
             ORDER BY coalesce(c.due_at, c.submitted_at), c.id LIMIT ?3",
        )?;
        let limit = q.limit.map_or(-1, i64::from);
        let rows = stmt.query_map(params![status, now, limit, other], |r| {
            Ok(RawSummary {
                id: r.get(0)?,
                submitted_at: r.get(1)?,
                client: r.get(2)?,
                given_names: r.get(3)?,
                surname: r.get(4)?,
                document_type: r.get(5)?,
                issuing_country: r.get(6)?,
                document_number: r.get(7)?,
                status: r.get(8)?,
                claimed_by: r.get(9)?,
                hints: HintCounts {
                    fail: r.get(10)?,
                    warn: r.get(11)?,
                    info: r.get(12)?,
                },
                escalated_by: r.get(13)?,
                checks_running: r.get(14)?,
                due_at: r.get(15)?,
            })
        })?;
        rows.map(|row| Ok(row?.into_summary())).collect()
    }

    fn claim(
        &mut self,
        id: &str,
        by: &Credential,
        now: DateTime<Utc>,
        lease: chrono::Duration,
    ) -> Result<Claim, StoreError> {
        let lease_end = rules::lease_end(now, lease)?;
        self.authorised(by, now, |tx, who| {
            rules::claim_case(&mut Writer(tx), id, who, now, lease_end)
        })
    }

    fn claim_next(
        &mut self,
        kind: QueueKind,
        by: &Credential,
        now: DateTime<Utc>,
        lease: chrono::Duration,
    ) -> Result<Option<(String, Claim)>, StoreError> {
        let Some(status) = kind.claimable() else {
            return Ok(None);
        };
        let lease_end = rules::lease_end(now, lease)?;
        self.authorised(by, now, |tx, who| {
            // The write transaction holds SQLite's one lock: no other writer is claiming.
            let mut stmt = tx.prepare_cached(
                "SELECT id, status, escalated_by, claimed_by, claimed_at, lease_until FROM cases
                 WHERE status = ?1 AND (lease_until IS NULL OR lease_until <= ?2 OR claimed_by = ?3)
                 ORDER BY coalesce(due_at, submitted_at), id LIMIT ?4 OFFSET ?5",
            )?;
            let mut offset = 0;
            loop {
                let batch = stmt
                    .query_map(
                        params![
                            status,
                            timestamp(now),
                            who.name,
                            super::CLAIM_CANDIDATES,
                            offset
                        ],
                        |r| {
                            Ok(RawCaseState {
                                id: r.get(0)?,
                                status: r.get(1)?,
                                escalated_by: r.get(2)?,
                                claimed_by: r.get(3)?,
                                claimed_at: r.get(4)?,
                                lease_until: r.get(5)?,
                            })
                        },
                    )?
                    .collect::<Result<Vec<_>, _>>()?;
                if batch.is_empty() {
                    return Ok(None);
                }
                offset += batch.len() as i64;
                if let Some((id, claim)) = rules::first_claimable(batch, who, now, lease_end)? {
                    rules::record_claim(&mut Writer(tx), &id, &claim, now)?;
                    return Ok(Some((id, claim)));
                }
            }
        })
    }

    fn release(
        &mut self,
        id: &str,
        by: &Credential,
        now: DateTime<Utc>,
    ) -> Result<LogEntry, StoreError> {
        self.authorised(by, now, |tx, who| {
            rules::release_case(&mut Writer(tx), id, who, now)
        })
    }

    fn record_access(
        &mut self,
        access: &Access,
        by: &Credential,
        now: DateTime<Utc>,
    ) -> Result<LogEntry, StoreError> {
        self.authorised(by, now, |tx, who| {
            rules::record_access(&mut Writer(tx), access, who, now)
        })
    }

    fn decide(
        &mut self,
        req: &DecisionRequest,
        now: DateTime<Utc>,
    ) -> Result<LogEntry, StoreError> {
        self.authorised(&req.by, now, |tx, who| {
            rules::decide_case(&mut Writer(tx), req, who, now)
        })
    }

    fn reopen(
        &mut self,
        id: &str,
        reason: &str,
        by: &Credential,
        now: DateTime<Utc>,
    ) -> Result<LogEntry, StoreError> {
        self.authorised(by, now, |tx, who| {
            rules::reopen_case(&mut Writer(tx), id, reason, who, now)
        })
    }

    fn qa_sample(
        &mut self,
        rate: Option<crate::qa::QaRate>,
        rate_of: &dyn Fn(&str) -> Option<crate::qa::QaRate>,
        seed: u64,
        by: &Credential,
        now: DateTime<Utc>,
    ) -> Result<crate::qa::Sampled, StoreError> {
        self.authorised(by, now, |tx, who| {
            rules::sample_for_qa(&mut Writer(tx), rate, rate_of, seed, who, now)
        })
    }

    fn qa_review(
        &mut self,
        req: &DecisionRequest,
        now: DateTime<Utc>,
    ) -> Result<LogEntry, StoreError> {
        self.authorised(&req.by, now, |tx, who| {
            rules::review_for_qa(&mut Writer(tx), req, who, now)
        })
    }

    fn qa_items(&self) -> Result<Vec<crate::qa::Queued>, StoreError> {
        let mut stmt = self.conn.prepare(rows::QA_ITEMS_QUERY)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(rows::qa_queued).collect()
    }

    fn purge(
        &mut self,
        rules: &[PurgeRule],
        by: &Credential,
        now: DateTime<Utc>,
    ) -> Result<PurgeReport, StoreError> {
        let report = self.authorised(by, now, |tx, who| {
            rules::purge_cases(&mut Writer(tx), rules, who, now)
        })?;
        for sha in &report.images {
            self.blobs.remove(sha)?;
        }
        // The old pages of the purged rows leave the write-ahead log for the database
        // file, where secure_delete has zeroed what they freed.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(report)
    }

    fn case_entries(&self, id: &str) -> Result<Vec<LogEntry>, StoreError> {
        entries_of(&self.conn, id)
    }

    fn for_each_entry(
        &self,
        range: TimeRange,
        f: &mut dyn FnMut(LogRow) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        each_entry(&self.conn, range, f)
    }

    fn overdue(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row(rows::OVERDUE_QUERY, [timestamp(now)], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    fn for_each_stat_row(&self, f: &mut dyn FnMut(&StatRow<'_>)) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare(rows::STAT_ROWS_QUERY)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            // Borrowed from SQLite's row: nothing is copied for the entries read.
            let text = |i: usize| -> Result<&str, StoreError> {
                r.get_ref(i)?.as_str().map_err(|e| corrupt("log entry", e))
            };
            f(&StatRow {
                seq: r.get(0)?,
                kind: text(1)?,
                case: text(2)?,
                decided_at: text(3)?,
                reviewer: text(4)?,
                outcome: text(5)?,
                reasons: text(6)?,
                hints: text(7)?,
                handling_ms: r.get(8)?,
                subject: text(9)?,
                change: text(10)?,
            });
        }
        Ok(())
    }

    fn log_and_state(
        &self,
        f: &mut dyn FnMut(LogRow) -> Result<(), StoreError>,
    ) -> Result<StoredState, StoreError> {
        // One read transaction: one snapshot of the cases and the log.
        let tx = self.conn.unchecked_transaction()?;
        let mut escalators: HashMap<String, Option<String>> = tx
            .prepare(rows::ESCALATORS_QUERY)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let statuses = tx
            .prepare(rows::CASE_STATUSES_QUERY)?
            .query_map([], |r| {
                Ok(rows::case_status(
                    r.get(0)?,
                    &r.get::<_, String>(1)?,
                    &mut escalators,
                ))
            })?
            .collect::<Result<_, _>>()?;
        let claims = tx
            .prepare(rows::CASE_CLAIMS_QUERY)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let accounts = auth::accounts(&tx)?;
        let qa = tx
            .prepare(rows::QA_QUEUE_QUERY)?
            .query_map([], |r| {
                Ok(rows::qa_pending(r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        each_entry(&tx, TimeRange::default(), f)?;
        tx.commit()?;
        Ok(StoredState {
            statuses,
            claims,
            accounts,
            qa,
        })
    }

    fn init_admin(
        &mut self,
        name: &str,
        password: &Password,
        now: DateTime<Utc>,
    ) -> Result<LogEntry, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let entry = auth::init_admin(&tx, name, password, now)?;
        tx.commit()?;
        Ok(entry)
    }

    fn sign_in(
        &mut self,
        name: &str,
        password: &Password,
        now: DateTime<Utc>,
    ) -> Result<Session, StoreError> {
        let cred = Credential::Password {
            name: name.to_owned(),
            password: password.clone(),
        };
        self.authorised(&cred, now, |tx, account| {
            auth::open_session(tx, account, now)
        })
    }

    fn sign_out(&mut self, session: &crate::accounts::SessionToken) -> Result<(), StoreError> {
        auth::end_session(&self.conn, session)
    }

    fn authenticate(&mut self, by: &Credential, now: DateTime<Utc>) -> Result<Account, StoreError> {
        self.authorised(by, now, |_, account| Ok(account.clone()))
    }

    fn change_account(
        &mut self,
        by: &Credential,
        change: &AccountChange,
        now: DateTime<Utc>,
    ) -> Result<LogEntry, StoreError> {
        self.authorised(by, now, |tx, admin| {
            auth::change_account(tx, admin, change, now)
        })
    }

    fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        auth::accounts(&self.conn)
    }

    fn log_key(&self) -> Result<LogKey, StoreError> {
        let path = self.dir.join(LOG_KEY);
        let text = std::fs::read_to_string(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => StoreError::NoLogKey {
                path: self.dir.display().to_string(),
            },
            _ => StoreError::from(e),
        })?;
        LogKey::parse(&text)
            .map_err(|e| StoreError::Corrupt(format!("the log key {}: {e}", path.display())))
    }

    fn mark_demo(&mut self) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('demo', 'true')",
            [],
        )?;
        Ok(())
    }

    fn is_demo(&self) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'demo'", [], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
            .is_some_and(|v| v == "true"))
    }
}

/// The latest escalation entry of a case.
fn escalation_of(conn: &Connection, id: &str) -> Result<Option<super::Escalation>, StoreError> {
    let row = conn
        .query_row(
            "SELECT reviewer, decided_at, note, reasons FROM decisions
             WHERE submission_id = ?1 AND kind = 'decision' AND outcome = 'escalated'
             ORDER BY seq DESC LIMIT 1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            },
        )
        .optional()?;
    row.map(|(by, at, note, reasons)| rows::escalation(by, &at, note, &reasons))
        .transpose()
}

fn entries_of(conn: &Connection, id: &str) -> Result<Vec<LogEntry>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT * FROM decisions WHERE submission_id = ?1 ORDER BY seq")?;
    let mut rows = stmt.query([id])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(entry_from_row(row).map_err(|b| corrupt("log entry", b))?);
    }
    Ok(out)
}

/// Writes `hints` of case `id` from position `first` on.
fn insert_hints(conn: &Connection, id: &str, first: i64, hints: &[Hint]) -> Result<(), StoreError> {
    let mut ins = conn.prepare_cached(
        "INSERT INTO hints (case_id, position, code, severity, slot, suggests, message, evidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, h) in hints.iter().enumerate() {
        ins.execute(params![
            id,
            first + i as i64,
            h.code.code(),
            h.severity.code(),
            h.slot.map(|s| s.to_string()),
            h.suggests.map(|r| r.code()),
            h.message,
            h.evidence.to_string(),
        ])?;
    }
    Ok(())
}

fn hints_of(conn: &Connection, id: &str) -> Result<Vec<Hint>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT code, severity, slot, suggests, message, evidence FROM hints
         WHERE case_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(RawHint {
            code: r.get(0)?,
            severity: r.get(1)?,
            slot: r.get(2)?,
            suggests: r.get(3)?,
            message: r.get(4)?,
            evidence: r.get(5)?,
        })
    })?;
    rows.map(|row| row?.into_hint()).collect()
}

/// Calls `f` for each log entry in `range`, in log order.
fn each_entry(
    conn: &Connection,
    range: TimeRange,
    f: &mut dyn FnMut(LogRow) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let since = range.since.map(timestamp);
    let until = range.until.map(timestamp);
    let mut stmt = conn.prepare(
        "SELECT * FROM decisions
         WHERE (?1 IS NULL OR decided_at >= ?1) AND (?2 IS NULL OR decided_at < ?2)
         ORDER BY seq",
    )?;
    let mut rows = stmt.query(params![since, until])?;
    while let Some(row) = rows.next()? {
        f(entry_from_row(row))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite's plan for `query` with `params`, one step a line.
    fn query_plan(query: &str, params: impl rusqlite::Params) -> String {
        let tmp = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(tmp.path()).unwrap();
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {query}"))
            .unwrap();
        let plan: Vec<String> = stmt
            .query_map(params, |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        plan.join("\n")
    }

    /// A full disk (SQLite's "database or disk is full", here by capping the database at the
    /// pages it has) is said plainly, records nothing, and the log still verifies.
    #[test]
    fn a_full_disk_is_said_plainly_and_records_nothing() {
        use crate::accounts::{AccountChange, AccountName, Credential, Password, Roles};
        let tmp = tempfile::tempdir().unwrap();
        let mut store = SqliteStore::open(tmp.path()).unwrap();
        let admin = Password::given("admin-password");
        store.init_admin("admin", &admin, Utc::now()).unwrap();
        let pages: i64 = store
            .conn
            .pragma_query_value(None, "page_count", |r| r.get(0))
            .unwrap();
        store
            .conn
            .pragma_update(None, "max_page_count", pages)
            .unwrap();
        let by = Credential::Password {
            name: "admin".into(),
            password: admin,
        };
        let mut added = 0;
        let full = loop {
            let change = AccountChange::Create {
                name: AccountName::parse(&format!("reviewer{added:03}-{}", "x".repeat(40)))
                    .unwrap(),
                roles: Roles::parse_list("reviewer").unwrap(),
                password: Password::given("a-long-enough-password"),
            };
            match store.change_account(&by, &change, Utc::now()) {
                Ok(_) => added += 1,
                Err(e) => break e,
            }
            assert!(added < 10_000, "the capped database never filled");
        };
        assert!(matches!(full, StoreError::DiskFull(_)), "{full:?}");
        assert!(
            full.to_string()
                .starts_with("the disk holding the store is full"),
            "{full}"
        );
        assert_eq!(store.accounts().unwrap().len(), added + 1);
        let log = store.verify_log(None).unwrap().unwrap();
        assert_eq!(log.entries, added as u64 + 1);
    }

    /// A store of schema 3 (reviewer profiles, no accounts) with three profiles, two of
    /// which read the same, and one decision, opened by this version.
    #[test]
    fn profiles_become_accounts_in_one_logged_migration() {
        use crate::accounts::{AccountChange, Credential, Password, Role};
        use crate::taxonomy::Outcome;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        {
            let mut conn = Connection::open(dir.join(DATABASE)).unwrap();
            schema::migrate_to(&mut conn, "old", 3).unwrap();
            conn.execute_batch(
                "INSERT INTO reviewers (name, fraud, created_at) VALUES
                    ('ana', 0, '2026-01-01T00:00:00.000Z'),
                    ('eve', 1, '2026-01-02T00:00:00.000Z'),
                    ('Ana', 1, '2026-01-03T00:00:00.000Z');",
            )
            .unwrap();
            let old = LogEntry {
                seq: 1,
                kind: EntryKind::Decision,
                submission_id: "OLD-1".into(),
                decided_at: Utc::now(),
                reviewer: "ana".into(),
                outcome: Some(Outcome::Approved),
                reasons: Vec::new(),
                is_final: false,
                note: String::new(),
                hints: Vec::new(),
                handling_ms: 1,
                applicant_locale: "en".into(),
                applicant_message: "ok".into(),
                subject: String::new(),
                change: String::new(),
                note_salt: String::new(),
                note_commitment: String::new(),
                prev_hash: GENESIS_HASH.into(),
                hash: String::new(),
            }
            .seal();
            // As schema 3 wrote it: no kind, subject or change columns.
            conn.execute(
                "INSERT INTO decisions (seq, submission_id, decided_at, reviewer, outcome, reasons,
                    final, note, hints, handling_ms, applicant_locale, applicant_message, prev_hash, hash)
                 VALUES (1, 'OLD-1', ?1, 'ana', 'approved', '', 0, '', '', 1, 'en', 'ok', ?2, ?3)",
                params![timestamp(old.decided_at), GENESIS_HASH, old.hash],
            )
            .unwrap();
        }
        let mut store = SqliteStore::open(dir).unwrap();
        let accounts = store.accounts().unwrap();
        let by_name = |n: &str| accounts.iter().find(|a| a.name == n).unwrap().clone();
        assert!(by_name("ana").has(Role::Reviewer) && !by_name("ana").has(Role::Fraud));
        assert!(by_name("eve").has(Role::Fraud));
        assert!(by_name("Ana").disabled, "reads the same as ana");
        assert!(accounts.iter().all(|a| !a.has_password));
        let summary = store.verify_log(None).unwrap().unwrap();
        assert_eq!(
            summary.entries, 2,
            "the old decision and the one migration entry"
        );
        let mut log = Vec::new();
        store
            .for_each_entry(TimeRange::default(), &mut |r| {
                log.push(r.unwrap());
                Ok(())
            })
            .unwrap();
        assert_eq!(log[1].kind, EntryKind::Account);
        assert!(
            log[1]
                .change
                .contains("Ana (reviewer,fraud; disabled: reads the same as ana)")
        );
        // No password yet: nobody signs in until an administrator sets one.
        let pw = Password::new_password("ana-password").unwrap();
        assert!(store.sign_in("ana", &pw, Utc::now()).is_err());
        // The migrated store has accounts but no administrator: the first one is made.
        let admin_pw = Password::new_password("admin-password").unwrap();
        store.init_admin("admin", &admin_pw, Utc::now()).unwrap();
        let admin = Credential::Password {
            name: "admin".into(),
            password: admin_pw,
        };
        let set = AccountChange::SetPassword {
            name: "ana".into(),
            password: pw.clone(),
        };
        store.change_account(&admin, &set, Utc::now()).unwrap();
        assert_eq!(
            store.sign_in("ana", &pw, Utc::now()).unwrap().account.name,
            "ana"
        );
        // The log explains every account, the migrated ones included; the old decision's
        // case was never stored here, which the audit says.
        let audit = store.audit(None, None, Utc::now()).unwrap();
        assert!(
            audit.chain.is_ok() && audit.accounts.is_empty(),
            "{audit:?}"
        );
        assert_eq!(
            audit
                .unexplained
                .iter()
                .map(|u| u.id.as_str())
                .collect::<Vec<_>>(),
            ["OLD-1"]
        );
    }

    #[test]
    fn document_history_reads_indexes_and_scans_no_table() {
        let plan = query_plan(HISTORY_QUERY, params!["X", 1]);
        assert!(!plan.contains("SCAN"), "{plan}");
        assert!(
            plan.contains("SEARCH k USING PRIMARY KEY (number=?)"),
            "{plan}"
        );
        assert!(plan.contains("decisions_submission"), "{plan}");
    }

    #[test]
    fn stale_checks_read_the_index_of_running_checks() {
        let plan = query_plan(STALE_QUERY, params!["2026-01-01"]);
        assert!(plan.contains("cases_checks_running"), "{plan}");
        assert!(
            !plan.contains("SCAN cases\n") && !plan.ends_with("SCAN cases"),
            "{plan}"
        );
    }

    #[test]
    fn similar_images_read_the_band_indexes_and_scan_no_table() {
        let plan = query_plan(SIMILAR_QUERY, params![1, 2, 3, 4, 5]);
        assert!(!plan.contains("SCAN"), "{plan}");
        for band in 0..4 {
            assert!(
                plan.contains(&format!("case_files_phash_band{band}")),
                "{plan}"
            );
        }
        assert!(plan.contains("case_documents_case"), "{plan}");
    }

    /// A million stored image hashes, written straight into SQLite as above, and lookups of
    /// near copies among them.
    #[test]
    #[ignore = "builds a million-image store, about a minute; run with --ignored for the figure"]
    fn similar_images_are_found_fast_among_a_million() {
        const IMAGES: u64 = 1_000_000;
        let tmp = tempfile::tempdir().unwrap();
        let mut store = SqliteStore::open(tmp.path()).unwrap();
        // Deterministic, well-spread 64-bit hashes.
        let hash_of = |i: u64| {
            ImageHash(i.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17) ^ 0x5DEE_CE66_D1CE_4E5B)
        };
        let tx = store.conn.transaction().unwrap();
        {
            let mut case = tx
                .prepare(
                    "INSERT INTO cases (id, fingerprint, submitted_at, imported_at, client,
                        applicant_locale, surname, date_of_birth, document_number, submission, policy)
                     VALUES (?1, '', '2026-11-20T10:00:00.000Z', '2026-11-20T10:00:00.000Z',
                        'default', 'en', 'OZOLA', '1980-01-01', ?1, '{}', '')",
                )
                .unwrap();
            let mut file = tx
                .prepare(
                    "INSERT INTO case_files (case_id, slot, position, name, phash,
                        phash_band0, phash_band1, phash_band2, phash_band3)
                     VALUES (?1, 'selfie', 0, 'selfie.jpg', ?2, ?3, ?4, ?5, ?6)",
                )
                .unwrap();
            for i in 0..IMAGES {
                let id = format!("M-{i:07}");
                let h = hash_of(i);
                let [b0, b1, b2, b3] = h.bands();
                case.execute(params![id]).unwrap();
                file.execute(params![id, hash_column(h), b0, b1, b2, b3])
                    .unwrap();
            }
        }
        tx.commit().unwrap();
        let lookups = 10_000u64;
        let start = std::time::Instant::now();
        let mut found = 0;
        for i in 0..lookups {
            // A stored hash with three bits flipped, in three different bands.
            let near = ImageHash(hash_of(i * 97).0 ^ (1 << 3) ^ (1 << 20) ^ (1 << 40));
            let m = store.similar_images(near, 3).unwrap();
            found += m
                .iter()
                .filter(|m| m.case_id == format!("M-{:07}", i * 97))
                .count();
        }
        let per_lookup = start.elapsed() / lookups as u32;
        eprintln!(
            "similar_images among {IMAGES} hashes: {per_lookup:?} per lookup ({found} of {lookups} found)"
        );
        assert_eq!(found as u64, lookups);
        assert!(
            per_lookup < std::time::Duration::from_millis(1),
            "{per_lookup:?}"
        );
    }

    /// Builds a million cases straight into SQLite (the store's own insert syncs every case to
    /// disk, which would take hours) and times lookups among them.
    #[test]
    #[ignore = "builds a million-case store, about a minute; run with --ignored for the figure"]
    fn document_history_is_instant_among_a_million_cases() {
        const CASES: u32 = 1_000_000;
        let tmp = tempfile::tempdir().unwrap();
        let mut store = SqliteStore::open(tmp.path()).unwrap();
        let tx = store.conn.transaction().unwrap();
        {
            let mut case = tx
                .prepare(
                    "INSERT INTO cases (id, fingerprint, submitted_at, imported_at, client,
                        applicant_locale, surname, date_of_birth, document_number, submission, policy)
                     VALUES (?1, '', ?2, ?2, 'default', 'en', 'OZOLA', '1980-01-01', ?3, '{}', '')",
                )
                .unwrap();
            let mut number = tx
                .prepare("INSERT INTO case_documents (number, case_id) VALUES (?1, ?2)")
                .unwrap();
            for i in 0..CASES {
                let id = format!("M-{i:07}");
                // Every thousandth document comes back three times.
                let doc = format!("LV{:07}", if i % 1000 < 3 { i - i % 1000 } else { i });
                case.execute(params![id, "2026-11-20T10:00:00.000Z", doc])
                    .unwrap();
                number.execute(params![doc, id]).unwrap();
            }
        }
        tx.commit().unwrap();
        let lookups = 10_000u32;
        let start = std::time::Instant::now();
        let mut found = 0;
        for i in 0..lookups {
            found += store
                .document_history(&format!("LV{:07}", (i * 997) % CASES))
                .unwrap()
                .len();
        }
        let per_lookup = start.elapsed() / lookups;
        eprintln!(
            "document_history among {CASES} cases: {per_lookup:?} per lookup ({found} found)"
        );
        assert!(found >= lookups as usize * 9 / 10, "{found}");
        assert!(
            per_lookup < std::time::Duration::from_millis(1),
            "{per_lookup:?}"
        );
    }
}
