//! Versioned schema migrations, applied in order; `PRAGMA user_version` records the version.

use super::StoreError;
use rusqlite::{Connection, Transaction, TransactionBehavior};

/// Each entry moves the schema up one version. Never edit a released migration: append one.
const MIGRATIONS: &[&str] = &[
    // 1: cases, their files and hints, reviewers, and the append-only decision log.
    r#"
    CREATE TABLE cases (
        id               TEXT PRIMARY KEY,
        fingerprint      TEXT NOT NULL,
        submitted_at     TEXT NOT NULL,
        imported_at      TEXT NOT NULL,
        client           TEXT NOT NULL,
        applicant_locale TEXT NOT NULL,
        surname          TEXT,
        given_names      TEXT,
        date_of_birth    TEXT,
        document_type    TEXT,
        issuing_country  TEXT,
        document_number  TEXT,
        submission       TEXT NOT NULL,
        policy           TEXT NOT NULL,
        status           TEXT NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'escalated', 'approved', 'rejected')),
        escalated_by     TEXT,
        claimed_by       TEXT,
        claimed_at       TEXT,
        lease_until      TEXT,
        CHECK ((claimed_by IS NULL) = (lease_until IS NULL))
    );
    CREATE INDEX cases_queue ON cases (status, submitted_at, id);
    CREATE INDEX cases_document_number ON cases (document_number);

    CREATE TABLE case_files (
        case_id  TEXT NOT NULL REFERENCES cases (id),
        slot     TEXT NOT NULL,
        position INTEGER NOT NULL,
        name     TEXT NOT NULL,
        sha256   TEXT,
        kind     TEXT,
        size     INTEGER,
        width    INTEGER,
        height   INTEGER,
        PRIMARY KEY (case_id, slot)
    );
    CREATE INDEX case_files_sha256 ON case_files (sha256);

    CREATE TABLE hints (
        case_id  TEXT NOT NULL REFERENCES cases (id),
        position INTEGER NOT NULL,
        code     TEXT NOT NULL,
        severity TEXT NOT NULL,
        slot     TEXT,
        suggests TEXT,
        message  TEXT NOT NULL,
        evidence TEXT NOT NULL,
        PRIMARY KEY (case_id, position)
    );

    CREATE TABLE reviewers (
        name       TEXT PRIMARY KEY,
        fraud      INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    );

    CREATE TABLE decisions (
        seq               INTEGER PRIMARY KEY,
        submission_id     TEXT NOT NULL,
        decided_at        TEXT NOT NULL,
        reviewer          TEXT NOT NULL,
        outcome           TEXT NOT NULL,
        reasons           TEXT NOT NULL,
        final             INTEGER NOT NULL,
        note              TEXT NOT NULL,
        hints             TEXT NOT NULL,
        handling_ms       INTEGER NOT NULL,
        applicant_locale  TEXT NOT NULL,
        applicant_message TEXT NOT NULL,
        prev_hash         TEXT NOT NULL,
        hash              TEXT NOT NULL
    );
    CREATE INDEX decisions_decided_at ON decisions (decided_at);
    CREATE INDEX decisions_submission ON decisions (submission_id);

    CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
    BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
    CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
    BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
    "#,
    // 2: the document numbers each case goes by (declared and read from its MRZ), normalised
    // to upper-case letters and digits, for the history checks. Existing cases get their
    // declared number, normalised as far as SQL can (spaces, hyphens, `<` and `/` removed).
    r#"
    CREATE TABLE case_documents (
        number  TEXT NOT NULL,
        case_id TEXT NOT NULL REFERENCES cases (id),
        PRIMARY KEY (number, case_id)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO case_documents (number, case_id)
        SELECT number, id FROM (
            SELECT upper(replace(replace(replace(replace(
                       document_number, ' ', ''), '-', ''), '<', ''), '/', '')) AS number, id
            FROM cases WHERE document_number IS NOT NULL)
        WHERE number <> '';
    "#,
    // 3: each stored image's perceptual hash, for `image.reused`, and the hash split into
    // four 16-bit bands, each indexed: any hash within Hamming distance 3 of another agrees
    // with it on a whole band, so a search reads four index ranges, not every hash. Cases
    // stored before have no hash. case_documents gains the index to list a case's numbers.
    r#"
    ALTER TABLE case_files ADD COLUMN phash INTEGER;
    ALTER TABLE case_files ADD COLUMN phash_band0 INTEGER;
    ALTER TABLE case_files ADD COLUMN phash_band1 INTEGER;
    ALTER TABLE case_files ADD COLUMN phash_band2 INTEGER;
    ALTER TABLE case_files ADD COLUMN phash_band3 INTEGER;
    CREATE INDEX case_files_phash_band0 ON case_files (phash_band0);
    CREATE INDEX case_files_phash_band1 ON case_files (phash_band1);
    CREATE INDEX case_files_phash_band2 ON case_files (phash_band2);
    CREATE INDEX case_files_phash_band3 ON case_files (phash_band3);
    CREATE INDEX case_documents_case ON case_documents (case_id);
    "#,
    // 4: accounts with roles and password hashes replace reviewer profiles (moved over by
    // `accounts_from_profiles`, after this SQL); failed sign-ins, window sessions (token
    // hashes only) and store flags. The log gains changes of authority: `kind`, `subject`
    // and `change`; such entries have no outcome (stored as '').
    r#"
    CREATE TABLE accounts (
        name          TEXT PRIMARY KEY,
        skeleton      TEXT NOT NULL UNIQUE,
        roles         TEXT NOT NULL,
        password_hash TEXT,
        disabled      INTEGER NOT NULL DEFAULT 0,
        created_at    TEXT NOT NULL,
        locked_until  TEXT
    );
    CREATE TABLE sign_in_failures (
        account TEXT NOT NULL REFERENCES accounts (name),
        at      TEXT NOT NULL
    );
    CREATE INDEX sign_in_failures_account ON sign_in_failures (account, at);
    CREATE TABLE sessions (
        token_sha256 TEXT PRIMARY KEY,
        account      TEXT NOT NULL REFERENCES accounts (name),
        created_at   TEXT NOT NULL,
        expires_at   TEXT NOT NULL
    );
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    ALTER TABLE decisions ADD COLUMN kind TEXT NOT NULL DEFAULT 'decision';
    ALTER TABLE decisions ADD COLUMN subject TEXT NOT NULL DEFAULT '';
    ALTER TABLE decisions ADD COLUMN change TEXT NOT NULL DEFAULT '';
    "#,
    // 5: whether a case's slower checks (faces) are still running: the case is queued as soon
    // as it is stored, and its remaining hints are added when they finish; and the face
    // descriptor of a document's portrait, which tells a reused portrait from a look-alike.
    r#"
    ALTER TABLE cases ADD COLUMN checks_running INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX cases_checks_running ON cases (imported_at) WHERE checks_running;
    ALTER TABLE case_files ADD COLUMN descriptor BLOB;
    "#,
    // 6: retention (TEAM.md): a note is hashed through a salted commitment, so that a purge
    // can take the note and its salt away while the entry still verifies; the trigger lets
    // exactly that change through. A purged case keeps when it was purged.
    r#"
    ALTER TABLE decisions ADD COLUMN note_salt TEXT NOT NULL DEFAULT '';
    ALTER TABLE decisions ADD COLUMN note_commitment TEXT NOT NULL DEFAULT '';
    ALTER TABLE cases ADD COLUMN purged_at TEXT;
    DROP TRIGGER decisions_no_update;
    CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
    WHEN NOT (OLD.note_commitment <> '' AND NEW.note = '' AND NEW.note_salt = ''
        AND NEW.note_commitment IS OLD.note_commitment AND NEW.seq IS OLD.seq
        AND NEW.kind IS OLD.kind AND NEW.submission_id IS OLD.submission_id
        AND NEW.decided_at IS OLD.decided_at AND NEW.reviewer IS OLD.reviewer
        AND NEW.outcome IS OLD.outcome AND NEW.reasons IS OLD.reasons AND NEW.final IS OLD.final
        AND NEW.hints IS OLD.hints AND NEW.handling_ms IS OLD.handling_ms
        AND NEW.applicant_locale IS OLD.applicant_locale
        AND NEW.applicant_message IS OLD.applicant_message AND NEW.subject IS OLD.subject
        AND NEW.change IS OLD.change AND NEW.prev_hash IS OLD.prev_hash AND NEW.hash IS OLD.hash)
    BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
    "#,
    // 7: due times (TEAM.md `sla_hours`): the queue is ordered by them; a case without one
    // (the backlog from before, a client without `sla_hours`) counts as due when submitted,
    // so it never waits behind every later case that has one.
    r#"
    ALTER TABLE cases ADD COLUMN due_at TEXT;
    CREATE INDEX cases_due ON cases (status, coalesce(due_at, submitted_at), id);
    "#,
    // 8: blind QA (TEAM.md): the cases waiting for a second review, each with the entry of the
    // decision under review and the entry that sampled it. The log replays it.
    r#"
    CREATE TABLE qa_queue (
        case_id      TEXT PRIMARY KEY REFERENCES cases (id),
        decision_seq INTEGER NOT NULL,
        sampled_seq  INTEGER NOT NULL
    );
    "#,
];

/// Steps in Rust that follow a migration's SQL in its transaction, by the version reached.
fn after_migration(version: i64, tx: &Transaction<'_>) -> Result<(), StoreError> {
    match version {
        4 => super::sqlite::accounts_from_profiles(tx),
        _ => Ok(()),
    }
}

pub fn known_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Brings the database up to the current schema, one transaction per migration.
pub fn migrate(conn: &mut Connection, path: &str) -> Result<(), StoreError> {
    migrate_to(conn, path, known_version())
}

/// Checks, without writing, that the database has the current schema: a read-only store
/// cannot be brought up to it.
pub fn check_current(conn: &Connection, path: &str) -> Result<(), StoreError> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let known = known_version();
    match found.cmp(&known) {
        std::cmp::Ordering::Equal => Ok(()),
        std::cmp::Ordering::Greater => Err(StoreError::NewerSchema {
            path: path.to_owned(),
            found,
            known,
        }),
        std::cmp::Ordering::Less => Err(StoreError::OlderSchema {
            path: path.to_owned(),
            found,
            known,
        }),
    }
}

/// Brings the database up to schema `target` (tests build older stores with it).
pub fn migrate_to(conn: &mut Connection, path: &str, target: i64) -> Result<(), StoreError> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > known_version() {
        return Err(StoreError::NewerSchema {
            path: path.to_owned(),
            found: current,
            known: known_version(),
        });
    }
    let steps = MIGRATIONS.iter().enumerate().take(target as usize);
    for (i, sql) in steps.skip(current as usize) {
        // Two processes may open a new store at once: take the write lock, then look again.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if now > i as i64 {
            continue;
        }
        tx.execute_batch(sql)?;
        after_migration(i as i64 + 1, &tx)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
