//! The shared store: one PostgreSQL database for a team's workstations. Cases, images
//! (content-addressed `bytea`), accounts and the log live in the database, so nothing another
//! workstation needs is on a local disk. Each claim, release, decision and account change is
//! one transaction that proves the account, locks the rows it acts on (the case, and the log's
//! head when it appends) and records. No transaction stays open while a person looks.

use super::postgres_accounts as auth;
use super::rows::{
    self, RawCaseState, RawEntry, RawFile, RawHint, RawHistory, RawMatch, RawSummary, claim_from,
    corrupt, hash_column, join_codes, parse_time, rank_matches, status_from, unreadable,
};
use super::rules::Authenticated;
use super::{
    CaseRecord, CaseSummary, HISTORY_LIMIT, InsertOutcome, LogRow, NewCase, QueueKind, QueueQuery,
    SIMILAR_LIMIT, Store, StoreError, StoredState, TimeRange, postgres_schema, rules,
};
use crate::access_log::Access;
use crate::accounts::{Account, AccountChange, Credential, Password, Session, SessionToken};
use crate::checks::{HistoryRecord, ImageMatch, Portrait};
use crate::decision_log::{LogEntry, timestamp};
use crate::hints::{Hint, HintCounts, Slot};
use crate::imaging::phash::ImageHash;
use crate::lifecycle::{CaseStatus, Claim, DecisionRefused, DecisionRequest};
use crate::retention::{PurgeReport, PurgeRule};
use crate::signed_note::LogKey;
use crate::stats::StatRow;
use crate::submission::Submission;
use chrono::{DateTime, Utc};
use postgres::{Client, NoTls, Row, Transaction};
use sha2::{Digest, Sha256};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// A connection unused this long is checked before use.
const IDLE_CHECK: Duration = Duration::from_secs(1);
/// How long that check may take before the connection counts as lost.
const VALID_TIMEOUT: Duration = Duration::from_secs(2);

pub struct PostgresStore {
    /// The driver wants `&mut` to query; reads through `&self` borrow it for one call.
    client: RefCell<Client>,
    /// The URL to connect again with.
    dsn: String,
    last_used: Cell<Instant>,
    /// The URL as shown to people.
    url: String,
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> StoreError {
        // The server's own message where there is one (constraint, trigger); a connection
        // that is gone is told apart, so that callers may try again.
        match e.as_db_error() {
            // Class 08 (connection exception) and 57P (the server shutting down or starting).
            Some(db)
                if ["08", "57P"]
                    .iter()
                    .any(|c| db.code().code().starts_with(c)) =>
            {
                StoreError::Unavailable(db.message().to_owned())
            }
            Some(db) => StoreError::Database(db.message().to_owned()),
            None if e.is_closed() || lost_connection(&e) => StoreError::Unavailable(e.to_string()),
            None => StoreError::Database(e.to_string()),
        }
    }
}

/// Whether the driver's error comes from the network (the server went away mid-call).
fn lost_connection(e: &postgres::Error) -> bool {
    std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>())
}

/// Whether `location` names a PostgreSQL server (TEAM.md: `postgres://` or `postgresql://`).
pub fn is_postgres_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// A URL for messages: the password, if any, left out.
pub(super) fn shown(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.find(':') {
                Some(colon) => format!("{}{}:…{}", &url[..scheme + 3], &creds[..colon], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

fn connect(url: &str) -> Result<Client, StoreError> {
    Client::connect(url, NoTls).map_err(|e| match StoreError::from(e) {
        StoreError::Database(why) | StoreError::Unavailable(why) => {
            StoreError::Unavailable(format!("cannot connect to {}: {why}", shown(url)))
        }
        other => other,
    })
}

/// The channel on which the database announces changed cases.
const CASES_CHANNEL: &str = "vigil_cases";

/// Notices of cases that any workstation changed, on a connection of its own (LISTEN): what
/// lets a window show within a second what happened elsewhere.
pub struct ChangeWatch {
    client: Client,
}

impl ChangeWatch {
    pub fn connect(url: &str) -> Result<ChangeWatch, StoreError> {
        let mut client = connect(url)?;
        client.batch_execute(&format!("LISTEN {CASES_CHANNEL}"))?;
        Ok(ChangeWatch { client })
    }

    /// Waits up to `timeout` for a notice; true when some case changed. Notices that came
    /// together are taken together: one refresh for a burst. An error means the connection
    /// is gone (the caller polls and reconnects).
    pub fn wait(&mut self, timeout: Duration) -> Result<bool, StoreError> {
        use postgres::fallible_iterator::FallibleIterator;
        let mut notices = self.client.notifications();
        if notices.timeout_iter(timeout).next()?.is_none() {
            return Ok(false);
        }
        while notices.iter().next()?.is_some() {}
        Ok(true)
    }
}

/// Stored images near a hash that share a band with it, with their case's identity.
const SIMILAR_QUERY: &str = "
    SELECT f.case_id, f.slot, f.phash, c.surname, c.given_names, c.date_of_birth, f.descriptor,
           (SELECT string_agg(d.number, ';') FROM case_documents d WHERE d.case_id = f.case_id)
    FROM case_files f JOIN cases c ON c.id = f.case_id
    WHERE f.phash_band0 = $1 OR f.phash_band1 = $2 OR f.phash_band2 = $3 OR f.phash_band3 = $4
    LIMIT $5";

/// Candidates read at most for one similarity search (see the SQLite store).
const SIMILAR_CANDIDATES: i64 = 5_000;

/// Entries read from the server at a time while streaming the log.
const LOG_BATCH: i32 = 1_000;

impl PostgresStore {
    /// Connects and brings the schema up to date (creating it in an empty database).
    pub fn open(url: &str) -> Result<PostgresStore, StoreError> {
        let mut client = connect(url)?;
        postgres_schema::migrate(&mut client, &shown(url))?;
        Ok(PostgresStore {
            client: RefCell::new(client),
            dsn: url.to_owned(),
            last_used: Cell::new(Instant::now()),
            url: shown(url),
        })
    }

    /// Connects to a database that already holds a Vigil store; an empty one is `Missing`,
    /// so that reading commands never create a store and report on it.
    pub fn open_existing(url: &str) -> Result<PostgresStore, StoreError> {
        let mut client = connect(url)?;
        let present: bool = client
            .query_one("SELECT to_regclass('vigil_schema') IS NOT NULL", &[])?
            .try_get(0)?;
        if !present {
            return Err(StoreError::Missing { path: shown(url) });
        }
        postgres_schema::migrate(&mut client, &shown(url))?;
        Ok(PostgresStore {
            client: RefCell::new(client),
            dsn: url.to_owned(),
            last_used: Cell::new(Instant::now()),
            url: shown(url),
        })
    }

    /// The server, as shown to people (without a password).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Fills this empty store with everything `from` holds, in one transaction (`store copy`).
    pub fn restore_from(
        &mut self,
        from: &super::SqliteStore,
    ) -> Result<super::copy::CopyReport, StoreError> {
        let url = self.url.clone();
        let mut tx = self.live()?.transaction()?;
        let used: bool = tx
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM cases) OR EXISTS (SELECT 1 FROM accounts)
                     OR EXISTS (SELECT 1 FROM decisions)",
                &[],
            )?
            .try_get(0)?;
        if used {
            return Err(StoreError::NotEmpty(url));
        }
        let accounts = from.stored_accounts()?;
        for a in &accounts {
            tx.execute(
                "INSERT INTO accounts (name, skeleton, roles, password_hash, disabled, created_at, locked_until)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &[&a.name, &a.skeleton, &a.roles, &a.password_hash, &a.disabled, &a.created_at, &a.locked_until],
            )?;
        }
        let (mut cases, mut images) = (0, std::collections::HashSet::new());
        from.for_each_stored_case(&mut |c| {
            for sha in c.case.files.iter().filter_map(|f| f.sha256.as_deref()) {
                if images.insert(sha.to_owned()) {
                    let bytes = from.read_blob(sha)?;
                    tx.execute(
                        "INSERT INTO blobs (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING",
                        &[&sha, &bytes],
                    )?;
                }
            }
            write_case(&mut tx, &c.case, c.imported_at)?;
            let by = match &c.status {
                CaseStatus::Escalated { by } => Some(by.clone()),
                _ => c.escalated_by.clone(),
            };
            tx.execute(
                "UPDATE cases SET status = $2, escalated_by = $3, claimed_by = $4, claimed_at = $5,
                    lease_until = $6, purged_at = $7 WHERE id = $1",
                &[
                    &c.case.submission.id.as_str(),
                    &c.status.code(),
                    &by,
                    &c.claim.as_ref().map(|l| l.by.clone()),
                    &c.claim.as_ref().map(|l| timestamp(l.claimed_at)),
                    &c.claim.as_ref().map(|l| timestamp(l.lease_until)),
                    &c.purged_at.map(timestamp),
                ],
            )?;
            cases += 1;
            Ok(())
        })?;
        let mut last = None;
        from.for_each_entry(TimeRange::default(), &mut |row| {
            let e = row.map_err(|b| StoreError::Corrupt(b.to_string()))?;
            insert_entry(&mut tx, &e)?;
            last = Some((e.seq, e.hash));
            Ok(())
        })?;
        if let Some((seq, hash)) = &last {
            tx.execute(
                "UPDATE log_head SET seq = $1, hash = $2 WHERE id = 1",
                &[&(*seq as i64), hash],
            )?;
        }
        if from.is_demo()? {
            tx.execute("INSERT INTO meta (key, value) VALUES ('demo', 'true')", &[])?;
        }
        let (qa_queue, considered) = from.stored_qa()?;
        let mut w = Writer(&mut tx);
        for p in &qa_queue {
            rules::CaseWriter::put_qa_pending(&mut w, p)?;
        }
        if considered > 0 {
            rules::CaseWriter::set_qa_considered(&mut w, considered)?;
        }
        // The log goes on under the same key: checkpoints an auditor holds stay checkable.
        tx.execute(
            "UPDATE log_key SET signer = $1 WHERE id = 1",
            &[&from.log_key()?.to_text()],
        )?;
        tx.commit()?;
        Ok(super::copy::CopyReport {
            cases,
            images: images.len(),
            accounts: accounts.len(),
            entries: last.as_ref().map_or(0, |(seq, _)| *seq),
            head: last.map(|(_, h)| h).unwrap_or_default(),
        })
    }

    /// The connection, opened again if the server dropped it (a restart, a network cut): a
    /// workstation carries on once the server is back, without being restarted itself. A
    /// connection idle for a while is checked first (a drop shows only when it is used).
    fn live(&mut self) -> Result<&mut Client, StoreError> {
        let idle = self.last_used.replace(Instant::now()).elapsed() > IDLE_CHECK;
        let client = self.client.get_mut();
        if client.is_closed() || (idle && client.is_valid(VALID_TIMEOUT).is_err()) {
            *client = connect(&self.dsn)?;
        }
        Ok(client)
    }

    /// As `live`, for reads through `&self`.
    fn live_ref(&self) -> Result<std::cell::RefMut<'_, Client>, StoreError> {
        let idle = self.last_used.replace(Instant::now()).elapsed() > IDLE_CHECK;
        let mut client = self.client.borrow_mut();
        if client.is_closed() || (idle && client.is_valid(VALID_TIMEOUT).is_err()) {
            *client = connect(&self.dsn)?;
        }
        Ok(client)
    }

    fn authorised<T>(
        &mut self,
        cred: &Credential,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut Transaction<'_>, &Account) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let client = self.live()?;
        let mut tx = client.transaction()?;
        match auth::authenticate(&mut tx, cred, now)? {
            Authenticated::Yes(account) => {
                let out = f(&mut tx, &account)?;
                tx.commit()?;
                Ok(out)
            }
            Authenticated::No { error, failed } => {
                tx.rollback()?;
                if let Some(name) = failed {
                    auth::record_failure(client, &name, now)?;
                }
                Err(DecisionRefused::NotAllowed(error).into())
            }
        }
    }
}

/// The PostgreSQL statements of a claim, release or decision, in the caller's transaction:
/// the case's row is locked when read, the log's head when appending.
struct Writer<'a, 'c>(&'a mut Transaction<'c>);

impl rules::CaseWriter for Writer<'_, '_> {
    fn case_state(&mut self, id: &str) -> Result<(CaseStatus, Option<Claim>, String), StoreError> {
        let Some(r) = self.0.query_opt(
            "SELECT status, escalated_by, claimed_by, claimed_at, lease_until, applicant_locale
             FROM cases WHERE id = $1 FOR UPDATE",
            &[&id],
        )?
        else {
            return Err(DecisionRefused::NoSuchCase(id.to_owned()).into());
        };
        let state = RawCaseState {
            id: id.to_owned(),
            status: r.try_get(0)?,
            escalated_by: r.try_get(1)?,
            claimed_by: r.try_get(2)?,
            claimed_at: r.try_get(3)?,
            lease_until: r.try_get(4)?,
        };
        let (_, status, claim) = state.into_state()?;
        Ok((status, claim, r.try_get(5)?))
    }

    fn hint_codes(&mut self, id: &str) -> Result<Vec<crate::hints::HintCode>, StoreError> {
        Ok(hints_of(self.0, id)?.iter().map(|h| h.code).collect())
    }

    fn checks_running(&mut self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .0
            .query_opt("SELECT checks_running FROM cases WHERE id = $1", &[&id])?
            .map(|r| r.try_get(0))
            .transpose()?
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
            "UPDATE cases SET claimed_by = $2, claimed_at = $3, lease_until = $4 WHERE id = $1",
            &[
                &id,
                &claim.map(|c| c.by.clone()),
                &claim.map(|c| timestamp(c.claimed_at)),
                &claim.map(|c| timestamp(c.lease_until)),
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
            "UPDATE cases SET status = $2, escalated_by = COALESCE($3, escalated_by),
                claimed_by = NULL, claimed_at = NULL, lease_until = NULL
             WHERE id = $1",
            &[&id, &next.code(), &escalated_by],
        )?;
        Ok(())
    }

    fn purgeable(&mut self, before: &str) -> Result<Vec<[String; 3]>, StoreError> {
        self.0
            .query(rows::PURGEABLE_QUERY, &[&before])?
            .iter()
            .map(|r| Ok([r.try_get(0)?, r.try_get(1)?, r.try_get(2)?]))
            .collect()
    }

    fn case_images(&mut self, id: &str) -> Result<Vec<String>, StoreError> {
        self.0
            .query(rows::CASE_IMAGES_QUERY, &[&id])?
            .iter()
            .map(|r| Ok(r.try_get(0)?))
            .collect()
    }

    fn erase_case(&mut self, id: &str, submission: &str, now: &str) -> Result<(), StoreError> {
        self.0
            .execute(rows::PURGE_CASE_ROW, &[&submission, &now, &id])?;
        for sql in rows::PURGE_CASE_PARTS {
            self.0.execute(sql, &[&id])?;
        }
        Ok(())
    }

    fn is_purged(&mut self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .0
            .query_one(rows::IS_PURGED_QUERY, &[&id])?
            .try_get(0)?)
    }

    fn release_image(&mut self, sha: &str) -> Result<bool, StoreError> {
        let in_use: bool = self
            .0
            .query_one(rows::IMAGE_IN_USE_QUERY, &[&sha])?
            .try_get(0)?;
        if !in_use {
            self.0
                .execute("DELETE FROM blobs WHERE sha256 = $1", &[&sha])?;
        }
        Ok(!in_use)
    }

    fn decided_since(&mut self, after: u64) -> Result<Vec<crate::qa::Decided>, StoreError> {
        self.0
            .query(rows::DECIDED_SINCE_QUERY, &[&(after as i64)])?
            .iter()
            .map(|r| {
                Ok(crate::qa::Decided {
                    case_id: r.try_get(0)?,
                    client: r.try_get(1)?,
                    decision_seq: r.try_get::<_, i64>(2)?.max(0) as u64,
                    reviewer: r.try_get(3)?,
                })
            })
            .collect()
    }

    fn lock_log(&mut self) -> Result<(), StoreError> {
        self.0
            .execute("SELECT 1 FROM log_head WHERE id = 1 FOR UPDATE", &[])?;
        Ok(())
    }

    fn qa_considered(&mut self) -> Result<u64, StoreError> {
        let Some(r) = self.0.query_opt(rows::QA_CONSIDERED_QUERY, &[])? else {
            return Ok(0);
        };
        let v: String = r.try_get(0)?;
        v.parse().map_err(|e| rows::corrupt("QA sample mark", e))
    }

    fn set_qa_considered(&mut self, seq: u64) -> Result<(), StoreError> {
        self.0.execute(
            "INSERT INTO meta (key, value) VALUES ('qa_considered', $1)
             ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            &[&seq.to_string()],
        )?;
        Ok(())
    }

    /// Locked: of two workstations reviewing one case for QA, the second waits, then finds
    /// it reviewed.
    fn qa_pending(&mut self, id: &str) -> Result<Option<crate::qa::Pending>, StoreError> {
        let sql = format!("{} FOR UPDATE", rows::QA_PENDING_QUERY);
        self.0
            .query_opt(&sql, &[&id])?
            .map(|r| {
                Ok(rows::qa_pending(
                    r.try_get(0)?,
                    r.try_get(1)?,
                    r.try_get(2)?,
                ))
            })
            .transpose()
    }

    fn put_qa_pending(&mut self, p: &crate::qa::Pending) -> Result<(), StoreError> {
        self.0.execute(
            rows::QA_PUT_QUERY,
            &[
                &p.case_id,
                &(p.decision_seq as i64),
                &(p.sampled_seq as i64),
            ],
        )?;
        Ok(())
    }

    fn clear_qa_pending(&mut self, id: &str) -> Result<(), StoreError> {
        self.0.execute(rows::QA_CLEAR_QUERY, &[&id])?;
        Ok(())
    }
}

/// Appends `entry` at the head of the log, whose row the transaction locks: writers queue
/// there, so each entry links to the one before it whatever the number of workstations.
pub(super) fn append_entry(
    tx: &mut Transaction<'_>,
    entry: LogEntry,
) -> Result<LogEntry, StoreError> {
    let head = tx.query_one(
        "SELECT seq, hash FROM log_head WHERE id = 1 FOR UPDATE",
        &[],
    )?;
    let last_seq: i64 = head.try_get(0)?;
    let entry = LogEntry {
        seq: last_seq as u64 + 1,
        prev_hash: head.try_get(1)?,
        ..entry
    }
    .commit_note()
    .seal();
    insert_entry(tx, &entry)?;
    tx.execute(
        "UPDATE log_head SET seq = $1, hash = $2 WHERE id = 1",
        &[&(entry.seq as i64), &entry.hash],
    )?;
    Ok(entry)
}

/// Writes a sealed entry as it is (also for `store copy`, which keeps every hash).
pub(super) fn insert_entry(tx: &mut Transaction<'_>, entry: &LogEntry) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO decisions (seq, kind, submission_id, decided_at, reviewer, outcome, reasons, final,
            note, hints, handling_ms, applicant_locale, applicant_message, subject, change, prev_hash, hash,
            note_salt, note_commitment)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
        &[
            &(entry.seq as i64),
            &entry.kind.code(),
            &entry.submission_id,
            &timestamp(entry.decided_at),
            &entry.reviewer,
            &entry.outcome.map_or("", |o| o.code()),
            &join_codes(&entry.reasons),
            &entry.is_final,
            &entry.note,
            &join_codes(&entry.hints),
            &(entry.handling_ms as i64),
            &entry.applicant_locale,
            &entry.applicant_message,
            &entry.subject,
            &entry.change,
            &entry.prev_hash,
            &entry.hash,
            &entry.note_salt,
            &entry.note_commitment,
        ],
    )?;
    Ok(())
}

/// Writes a whole case in the caller's transaction; the same bundle again is a no-op.
fn write_case(
    tx: &mut Transaction<'_>,
    case: &NewCase,
    now: DateTime<Utc>,
) -> Result<InsertOutcome, StoreError> {
    let s = &case.submission;
    let id = s.id.as_str();
    // Two importers of one bundle: the second waits here, then finds it.
    tx.execute("SELECT pg_advisory_xact_lock(hashtext($1))", &[&id])?;
    let existing = tx.query_opt("SELECT fingerprint FROM cases WHERE id = $1", &[&id])?;
    match existing.map(|r| r.try_get::<_, String>(0)).transpose()? {
        Some(f) if f == case.fingerprint => return Ok(InsertOutcome::AlreadyPresent),
        Some(_) => return Err(StoreError::IdConflict { id: id.to_owned() }),
        None => {}
    }
    let submission_json = serde_json::to_string(s).map_err(|e| corrupt("submission", e))?;
    tx.execute(
        "INSERT INTO cases (id, fingerprint, submitted_at, imported_at, client, applicant_locale,
            surname, given_names, date_of_birth, document_type, issuing_country, document_number,
            submission, policy, checks_running, due_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        &[
            &id,
            &case.fingerprint,
            &timestamp(s.submitted_at),
            &timestamp(now),
            &s.client,
            &s.applicant_locale,
            &s.applicant.surname,
            &s.applicant.given_names,
            &s.applicant.date_of_birth.map(|d| d.to_string()),
            &s.document.doc_type,
            &s.document.issuing_country,
            &s.document.number,
            &submission_json,
            &case.policy,
            &case.checks_running,
            &case.due_at.map(timestamp),
        ],
    )?;
    let file = tx.prepare(
        "INSERT INTO case_files (case_id, slot, position, name, sha256, kind, size, width, height,
            phash, phash_band0, phash_band1, phash_band2, phash_band3, descriptor)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )?;
    for (i, f) in case.files.iter().enumerate() {
        let bands = f.phash.map(|h| h.bands());
        let band = |b: usize| bands.map(|bands| i32::from(bands[b]));
        tx.execute(
            &file,
            &[
                &id,
                &f.slot.to_string(),
                &(i as i32),
                &f.name,
                &f.sha256,
                &f.kind.map(|k| k.code()),
                &f.size.map(|n| n as i64),
                &f.width.map(i64::from),
                &f.height.map(i64::from),
                &f.phash.map(hash_column),
                &band(0),
                &band(1),
                &band(2),
                &band(3),
                &f.descriptor.as_deref().map(crate::faces::descriptor_bytes),
            ],
        )?;
    }
    for number in &case.document_numbers {
        tx.execute(
            "INSERT INTO case_documents (number, case_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[number, &id],
        )?;
    }
    insert_hints(tx, id, 0, &case.hints)?;
    Ok(InsertOutcome::Inserted)
}

fn entry_from_row(r: &Row) -> LogRow {
    let raw = || -> Result<RawEntry, postgres::Error> {
        Ok(RawEntry {
            seq: r.try_get("seq")?,
            kind: r.try_get("kind")?,
            submission_id: r.try_get("submission_id")?,
            decided_at: r.try_get("decided_at")?,
            reviewer: r.try_get("reviewer")?,
            outcome: r.try_get("outcome")?,
            reasons: r.try_get("reasons")?,
            is_final: r.try_get("final")?,
            note: r.try_get("note")?,
            hints: r.try_get("hints")?,
            handling_ms: r.try_get("handling_ms")?,
            applicant_locale: r.try_get("applicant_locale")?,
            applicant_message: r.try_get("applicant_message")?,
            subject: r.try_get("subject")?,
            change: r.try_get("change")?,
            prev_hash: r.try_get("prev_hash")?,
            hash: r.try_get("hash")?,
            note_salt: r.try_get("note_salt")?,
            note_commitment: r.try_get("note_commitment")?,
        })
    };
    let seq = r
        .try_get::<_, i64>("seq")
        .ok()
        .and_then(|s| u64::try_from(s).ok());
    raw()
        .map_err(|e| unreadable(seq.unwrap_or(0), e))?
        .into_entry()
}

fn entries_of(
    client: &mut impl postgres::GenericClient,
    id: &str,
) -> Result<Vec<LogEntry>, StoreError> {
    client
        .query(
            "SELECT * FROM decisions WHERE submission_id = $1 ORDER BY seq",
            &[&id],
        )?
        .iter()
        .map(|r| entry_from_row(r).map_err(|b| corrupt("log entry", b)))
        .collect()
}

/// Writes `hints` of case `id` from position `first` on.
fn insert_hints(
    tx: &mut Transaction,
    id: &str,
    first: i32,
    hints: &[Hint],
) -> Result<(), StoreError> {
    let hint = tx.prepare(
        "INSERT INTO hints (case_id, position, code, severity, slot, suggests, message, evidence)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )?;
    for (i, h) in hints.iter().enumerate() {
        tx.execute(
            &hint,
            &[
                &id,
                &(first + i as i32),
                &h.code.code(),
                &h.severity.code(),
                &h.slot.map(|s| s.to_string()),
                &h.suggests.map(|r| r.code()),
                &h.message,
                &h.evidence.to_string(),
            ],
        )?;
    }
    Ok(())
}

fn hints_of(client: &mut impl postgres::GenericClient, id: &str) -> Result<Vec<Hint>, StoreError> {
    client
        .query(
            "SELECT code, severity, slot, suggests, message, evidence FROM hints
             WHERE case_id = $1 ORDER BY position",
            &[&id],
        )?
        .iter()
        .map(|r| {
            RawHint {
                code: r.try_get(0)?,
                severity: r.try_get(1)?,
                slot: r.try_get(2)?,
                suggests: r.try_get(3)?,
                message: r.try_get(4)?,
                evidence: r.try_get(5)?,
            }
            .into_hint()
        })
        .collect()
}

impl Store for PostgresStore {
    fn put_blob(&mut self, bytes: &[u8]) -> Result<String, StoreError> {
        let sha = hex::encode(Sha256::digest(bytes));
        self.live()?.execute(
            "INSERT INTO blobs (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING",
            &[&sha, &bytes],
        )?;
        Ok(sha)
    }

    fn read_blob(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        let row = self
            .client
            .borrow_mut()
            .query_opt("SELECT bytes FROM blobs WHERE sha256 = $1", &[&sha256])?;
        match row {
            Some(r) => Ok(r.try_get(0)?),
            None => Err(StoreError::Io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("no stored file {sha256}"),
            ))),
        }
    }

    fn insert_case(
        &mut self,
        case: &NewCase,
        now: DateTime<Utc>,
    ) -> Result<InsertOutcome, StoreError> {
        let mut tx = self.live()?.transaction()?;
        let outcome = write_case(&mut tx, case, now)?;
        tx.commit()?;
        Ok(outcome)
    }

    fn case(&self, id: &str) -> Result<Option<CaseRecord>, StoreError> {
        let mut client = self.live_ref()?;
        let Some(r) = client.query_opt(
            "SELECT submission, status, escalated_by, claimed_by, claimed_at, lease_until, policy, imported_at,
                    checks_running, purged_at, due_at
             FROM cases WHERE id = $1",
            &[&id],
        )?
        else {
            return Ok(None);
        };
        let submission: Submission = serde_json::from_str(&r.try_get::<_, String>(0)?)
            .map_err(|e| corrupt("stored submission", e))?;
        let files = client
            .query(
                "SELECT slot, name, sha256, kind, size, width, height, phash, descriptor FROM case_files
                 WHERE case_id = $1 ORDER BY position",
                &[&id],
            )?
            .iter()
            .map(|f| {
                RawFile {
                    slot: f.try_get(0)?,
                    name: f.try_get(1)?,
                    sha256: f.try_get(2)?,
                    kind: f.try_get(3)?,
                    size: f.try_get(4)?,
                    width: f.try_get(5)?,
                    height: f.try_get(6)?,
                    phash: f.try_get(7)?,
                    descriptor: f.try_get(8)?,
                }
                .into_file()
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let status = status_from(&r.try_get::<_, String>(1)?, r.try_get(2)?)?;
        let escalation = match status {
            CaseStatus::Escalated { .. } => client
                .query_opt(
                    "SELECT reviewer, decided_at, note, reasons FROM decisions
                     WHERE submission_id = $1 AND kind = 'decision' AND outcome = 'escalated'
                     ORDER BY seq DESC LIMIT 1",
                    &[&id],
                )?
                .map(|e| {
                    rows::escalation(
                        e.try_get(0)?,
                        &e.try_get::<_, String>(1)?,
                        e.try_get(2)?,
                        &e.try_get::<_, String>(3)?,
                    )
                })
                .transpose()?,
            _ => None,
        };
        Ok(Some(CaseRecord {
            submission,
            status,
            escalation,
            claim: claim_from(r.try_get(3)?, r.try_get(4)?, r.try_get(5)?)?,
            files,
            hints: hints_of(&mut *client, id)?,
            policy: r.try_get(6)?,
            imported_at: parse_time(&r.try_get::<_, String>(7)?)?,
            checks_running: r.try_get(8)?,
            purged_at: r
                .try_get::<_, Option<String>>(9)?
                .as_deref()
                .map(parse_time)
                .transpose()?,
            due_at: r
                .try_get::<_, Option<String>>(10)?
                .as_deref()
                .map(parse_time)
                .transpose()?,
        }))
    }

    fn complete_checks(
        &mut self,
        id: &str,
        hints: &[Hint],
        portrait: Option<&Portrait>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.live()?.transaction()?;
        let updated = tx.execute(
            "UPDATE cases SET checks_running = FALSE WHERE id = $1 AND checks_running",
            &[&id],
        )?;
        if updated == 0 {
            return Ok(false);
        }
        let first: i32 = tx
            .query_one(
                "SELECT coalesce(max(position) + 1, 0) FROM hints WHERE case_id = $1",
                &[&id],
            )?
            .try_get(0)?;
        insert_hints(&mut tx, id, first, hints)?;
        if let Some(p) = portrait {
            let band = p.hash.bands().map(i32::from);
            tx.execute(
                "UPDATE case_files SET phash = $2, phash_band0 = $3, phash_band1 = $4,
                    phash_band2 = $5, phash_band3 = $6, descriptor = $7
                 WHERE case_id = $1 AND slot = $8",
                &[
                    &id,
                    &hash_column(p.hash),
                    &band[0],
                    &band[1],
                    &band[2],
                    &band[3],
                    &crate::faces::descriptor_bytes(&p.descriptor),
                    &Slot::DocumentFront.to_string(),
                ],
            )?;
        }
        tx.commit()?;
        Ok(true)
    }

    fn stale_checks(&self, imported_before: DateTime<Utc>) -> Result<Vec<String>, StoreError> {
        self.live_ref()?
            .query(
                "SELECT id FROM cases WHERE checks_running AND imported_at < $1
                 ORDER BY imported_at, id",
                &[&timestamp(imported_before)],
            )?
            .iter()
            .map(|r| Ok(r.try_get(0)?))
            .collect()
    }

    fn document_history(&self, number: &str) -> Result<Vec<HistoryRecord>, StoreError> {
        let rows = self.live_ref()?.query(
            "SELECT c.id, c.submitted_at, c.surname, c.given_names, c.date_of_birth, c.status,
                    (SELECT d.reasons FROM decisions d
                     WHERE d.submission_id = c.id AND d.kind = 'decision'
                     ORDER BY d.seq DESC LIMIT 1)
             FROM case_documents k JOIN cases c ON c.id = k.case_id
             WHERE k.number = $1
             ORDER BY c.submitted_at DESC, c.id DESC LIMIT $2",
            &[&number, &i64::from(HISTORY_LIMIT)],
        )?;
        let mut out = rows
            .iter()
            .map(|r| {
                RawHistory {
                    case_id: r.try_get(0)?,
                    submitted_at: r.try_get(1)?,
                    surname: r.try_get(2)?,
                    given_names: r.try_get(3)?,
                    date_of_birth: r.try_get(4)?,
                    status: r.try_get(5)?,
                    reasons: r.try_get(6)?,
                }
                .into_record()
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        out.reverse();
        Ok(out)
    }

    fn queue(&self, q: &QueueQuery) -> Result<Vec<CaseSummary>, StoreError> {
        let [status, other] = q.kind.statuses();
        let limit = q.limit.map(i64::from);
        let rows = self.live_ref()?.query(
            "SELECT c.id, c.submitted_at, c.client, c.given_names, c.surname, c.document_type,
                    c.issuing_country, c.document_number, c.status,
                    CASE WHEN c.lease_until > $2 THEN c.claimed_by END,
                    (SELECT count(*) FROM hints h WHERE h.case_id = c.id AND h.severity = 'fail'),
                    (SELECT count(*) FROM hints h WHERE h.case_id = c.id AND h.severity = 'warn'),
                    (SELECT count(*) FROM hints h WHERE h.case_id = c.id AND h.severity = 'info'),
                    c.escalated_by, c.checks_running, c.due_at
             FROM cases c WHERE c.status IN ($1, $4)
               -- A decision waiting for its blind second review is not listed: the list
               -- would tell a possible second reviewer its outcome.
               AND NOT EXISTS (SELECT 1 FROM qa_queue q WHERE q.case_id = c.id)
             ORDER BY coalesce(c.due_at, c.submitted_at), c.id LIMIT $3",
            &[&status, &timestamp(q.now), &limit, &other],
        )?;
        let count = |r: &Row, i: usize| -> Result<u32, StoreError> {
            Ok(u32::try_from(r.try_get::<_, i64>(i)?).unwrap_or(u32::MAX))
        };
        rows.iter()
            .map(|r| {
                Ok(RawSummary {
                    id: r.try_get(0)?,
                    submitted_at: r.try_get(1)?,
                    client: r.try_get(2)?,
                    given_names: r.try_get(3)?,
                    surname: r.try_get(4)?,
                    document_type: r.try_get(5)?,
                    issuing_country: r.try_get(6)?,
                    document_number: r.try_get(7)?,
                    status: r.try_get(8)?,
                    claimed_by: r.try_get(9)?,
                    escalated_by: r.try_get(13)?,
                    checks_running: r.try_get(14)?,
                    due_at: r.try_get(15)?,
                    hints: HintCounts {
                        fail: count(r, 10)?,
                        warn: count(r, 11)?,
                        info: count(r, 12)?,
                    },
                }
                .into_summary())
            })
            .collect()
    }

    fn similar_images(
        &self,
        hash: ImageHash,
        max_distance: u32,
    ) -> Result<Vec<ImageMatch>, StoreError> {
        let [b0, b1, b2, b3] = hash.bands().map(i32::from);
        let rows = self
            .client
            .borrow_mut()
            .query(SIMILAR_QUERY, &[&b0, &b1, &b2, &b3, &SIMILAR_CANDIDATES])?;
        let mut out = Vec::new();
        for r in &rows {
            let raw = RawMatch {
                case_id: r.try_get(0)?,
                slot: r.try_get(1)?,
                phash: r.try_get(2)?,
                surname: r.try_get(3)?,
                given_names: r.try_get(4)?,
                date_of_birth: r.try_get(5)?,
                descriptor: r.try_get(6)?,
                numbers: r.try_get(7)?,
            };
            out.extend(raw.into_match(hash, max_distance)?);
        }
        Ok(rank_matches(out, SIMILAR_LIMIT))
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
            // Rows another workstation is claiming right now are locked: skip them, never wait.
            let mut offset = 0i64;
            loop {
                let rows = tx.query(
                    "SELECT id, status, escalated_by, claimed_by, claimed_at, lease_until FROM cases
                     WHERE status = $1 AND (lease_until IS NULL OR lease_until <= $2 OR claimed_by = $3)
                     ORDER BY coalesce(due_at, submitted_at), id LIMIT $4 OFFSET $5
                     FOR UPDATE SKIP LOCKED",
                    &[&status, &timestamp(now), &who.name, &super::CLAIM_CANDIDATES, &offset],
                )?;
                if rows.is_empty() {
                    return Ok(None);
                }
                offset += rows.len() as i64;
                let batch = rows
                    .iter()
                    .map(|r| {
                        Ok(RawCaseState {
                            id: r.try_get(0)?,
                            status: r.try_get(1)?,
                            escalated_by: r.try_get(2)?,
                            claimed_by: r.try_get(3)?,
                            claimed_at: r.try_get(4)?,
                            lease_until: r.try_get(5)?,
                        })
                    })
                    .collect::<Result<Vec<_>, StoreError>>()?;
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
        self.live_ref()?
            .query(rows::QA_ITEMS_QUERY, &[])?
            .iter()
            .map(|r| rows::qa_queued((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
            .collect()
    }

    fn purge(
        &mut self,
        rules: &[PurgeRule],
        by: &Credential,
        now: DateTime<Utc>,
    ) -> Result<PurgeReport, StoreError> {
        self.authorised(by, now, |tx, who| {
            rules::purge_cases(&mut Writer(tx), rules, who, now)
        })
    }

    fn case_entries(&self, id: &str) -> Result<Vec<LogEntry>, StoreError> {
        entries_of(&mut *self.live_ref()?, id)
    }

    fn for_each_entry(
        &self,
        range: TimeRange,
        f: &mut dyn FnMut(LogRow) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut client = self.live_ref()?;
        // A cursor in one read-only transaction: a consistent log, read in batches.
        let mut tx = client.build_transaction().read_only(true).start()?;
        each_entry(&mut tx, range, f)?;
        tx.commit()?;
        Ok(())
    }

    fn overdue(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let n: i64 = self
            .live_ref()?
            .query_one(rows::OVERDUE_QUERY, &[&timestamp(now)])?
            .try_get(0)?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    fn for_each_stat_row(&self, f: &mut dyn FnMut(&StatRow<'_>)) -> Result<(), StoreError> {
        let mut client = self.live_ref()?;
        let mut tx = client.build_transaction().read_only(true).start()?;
        let portal = tx.bind(rows::STAT_ROWS_QUERY, &[])?;
        loop {
            let batch = tx.query_portal(&portal, LOG_BATCH)?;
            for r in &batch {
                f(&StatRow {
                    seq: r.try_get(0)?,
                    kind: r.try_get(1)?,
                    case: r.try_get(2)?,
                    decided_at: r.try_get(3)?,
                    reviewer: r.try_get(4)?,
                    outcome: r.try_get(5)?,
                    reasons: r.try_get(6)?,
                    hints: r.try_get(7)?,
                    handling_ms: r.try_get(8)?,
                    subject: r.try_get(9)?,
                    change: r.try_get(10)?,
                });
            }
            if batch.len() < LOG_BATCH as usize {
                break;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn log_and_state(
        &self,
        f: &mut dyn FnMut(LogRow) -> Result<(), StoreError>,
    ) -> Result<StoredState, StoreError> {
        let mut client = self.live_ref()?;
        // Repeatable read: every statement sees the snapshot of the first.
        let mut tx = client
            .build_transaction()
            .read_only(true)
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .start()?;
        let mut escalators = tx
            .query(rows::ESCALATORS_QUERY, &[])?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect::<Result<HashMap<String, Option<String>>, StoreError>>()?;
        let statuses = tx
            .query(rows::CASE_STATUSES_QUERY, &[])?
            .iter()
            .map(|r| {
                Ok(rows::case_status(
                    r.try_get(0)?,
                    r.try_get(1)?,
                    &mut escalators,
                ))
            })
            .collect::<Result<_, StoreError>>()?;
        let claims = tx
            .query(rows::CASE_CLAIMS_QUERY, &[])?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
            .collect::<Result<_, StoreError>>()?;
        let accounts = auth::accounts(&mut tx)?;
        let qa = tx
            .query(rows::QA_QUEUE_QUERY, &[])?
            .iter()
            .map(|r| {
                Ok(rows::qa_pending(
                    r.try_get(0)?,
                    r.try_get(1)?,
                    r.try_get(2)?,
                ))
            })
            .collect::<Result<_, StoreError>>()?;
        each_entry(&mut tx, TimeRange::default(), f)?;
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
        let mut tx = self.live()?.transaction()?;
        let entry = auth::init_admin(&mut tx, name, password, now)?;
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

    fn sign_out(&mut self, session: &SessionToken) -> Result<(), StoreError> {
        self.live()?.execute(
            "DELETE FROM sessions WHERE token_sha256 = $1",
            &[&session.digest()],
        )?;
        Ok(())
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
        auth::accounts(&mut *self.live_ref()?)
    }

    fn log_key(&self) -> Result<LogKey, StoreError> {
        let text: String = self
            .live_ref()?
            .query_one("SELECT signer FROM log_key WHERE id = 1", &[])?
            .try_get(0)?;
        LogKey::parse(&text).map_err(|e| StoreError::Corrupt(format!("the log key: {e}")))
    }

    fn mark_demo(&mut self) -> Result<(), StoreError> {
        self.live()?.execute(
            "INSERT INTO meta (key, value) VALUES ('demo', 'true')
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[],
        )?;
        Ok(())
    }

    fn is_demo(&self) -> Result<bool, StoreError> {
        let row = self
            .client
            .borrow_mut()
            .query_opt("SELECT value FROM meta WHERE key = 'demo'", &[])?;
        Ok(row
            .map(|r| r.try_get::<_, String>(0))
            .transpose()?
            .is_some_and(|v| v == "true"))
    }
}

/// Calls `f` for each log entry in `range`, in log order, through a cursor in `tx`.
fn each_entry(
    tx: &mut Transaction<'_>,
    range: TimeRange,
    f: &mut dyn FnMut(LogRow) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let since = range.since.map(timestamp);
    let until = range.until.map(timestamp);
    let portal = tx.bind(
        "SELECT * FROM decisions
         WHERE ($1::text IS NULL OR decided_at >= $1) AND ($2::text IS NULL OR decided_at < $2)
         ORDER BY seq",
        &[&since, &until],
    )?;
    loop {
        let batch = tx.query_portal(&portal, LOG_BATCH)?;
        for r in &batch {
            f(entry_from_row(r))?;
        }
        if batch.len() < LOG_BATCH as usize {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_recognised_and_shown_without_their_password() {
        assert!(is_postgres_url("postgres://u@h/db"));
        assert!(is_postgres_url("postgresql://u@h/db"));
        assert!(!is_postgres_url("/var/lib/vigil"));
        assert_eq!(
            shown("postgresql://vigil:s3cret@db.example/vigil"),
            "postgresql://vigil:…@db.example/vigil"
        );
        assert_eq!(
            shown("postgresql://vigil@db/vigil"),
            "postgresql://vigil@db/vigil"
        );
    }
}
