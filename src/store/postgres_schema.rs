//! The PostgreSQL schema, in versioned migrations applied under an advisory lock, so that two
//! workstations opening an empty database at once both succeed. Timestamps are the log's
//! RFC 3339 text (they sort as text), as in SQLite, so both back ends compare them alike.

use super::StoreError;
use crate::decision_log::GENESIS_HASH;
use crate::signed_note::LogKey;
use postgres::Client;

/// The advisory lock Vigil's migrations take ("VIGIL" in ASCII).
const MIGRATION_LOCK: i64 = 0x0056_4947_494c;

/// Each entry moves the schema up one version. Never edit a released migration: append one.
const MIGRATIONS: &[&str] = &[
    // 1: everything SQLite's migrations 1–4 hold, plus the images (content-addressed, in the
    // database so that every workstation reads them) and the head of the log, which the
    // transaction that appends locks, so that the chain stays linear with many writers.
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
        case_id     TEXT NOT NULL REFERENCES cases (id),
        slot        TEXT NOT NULL,
        position    INTEGER NOT NULL,
        name        TEXT NOT NULL,
        sha256      TEXT,
        kind        TEXT,
        size        BIGINT,
        width       BIGINT,
        height      BIGINT,
        phash       BIGINT,
        phash_band0 INTEGER,
        phash_band1 INTEGER,
        phash_band2 INTEGER,
        phash_band3 INTEGER,
        PRIMARY KEY (case_id, slot)
    );
    CREATE INDEX case_files_sha256 ON case_files (sha256);
    CREATE INDEX case_files_phash_band0 ON case_files (phash_band0);
    CREATE INDEX case_files_phash_band1 ON case_files (phash_band1);
    CREATE INDEX case_files_phash_band2 ON case_files (phash_band2);
    CREATE INDEX case_files_phash_band3 ON case_files (phash_band3);

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

    CREATE TABLE case_documents (
        number  TEXT NOT NULL,
        case_id TEXT NOT NULL REFERENCES cases (id),
        PRIMARY KEY (number, case_id)
    );
    CREATE INDEX case_documents_case ON case_documents (case_id);

    CREATE TABLE decisions (
        seq               BIGINT PRIMARY KEY,
        kind              TEXT NOT NULL DEFAULT 'decision',
        submission_id     TEXT NOT NULL,
        decided_at        TEXT NOT NULL,
        reviewer          TEXT NOT NULL,
        outcome           TEXT NOT NULL,
        reasons           TEXT NOT NULL,
        final             BOOLEAN NOT NULL,
        note              TEXT NOT NULL,
        hints             TEXT NOT NULL,
        handling_ms       BIGINT NOT NULL,
        applicant_locale  TEXT NOT NULL,
        applicant_message TEXT NOT NULL,
        subject           TEXT NOT NULL DEFAULT '',
        change            TEXT NOT NULL DEFAULT '',
        prev_hash         TEXT NOT NULL,
        hash              TEXT NOT NULL
    );
    CREATE INDEX decisions_decided_at ON decisions (decided_at);
    CREATE INDEX decisions_submission ON decisions (submission_id);
    CREATE FUNCTION vigil_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the decision log is append-only'; END $$;
    CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions
        FOR EACH ROW EXECUTE FUNCTION vigil_log_is_append_only();

    CREATE TABLE log_head (
        id   INTEGER PRIMARY KEY CHECK (id = 1),
        seq  BIGINT NOT NULL,
        hash TEXT NOT NULL
    );

    CREATE TABLE accounts (
        name          TEXT PRIMARY KEY,
        skeleton      TEXT NOT NULL UNIQUE,
        roles         TEXT NOT NULL,
        password_hash TEXT,
        disabled      BOOLEAN NOT NULL DEFAULT FALSE,
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
    CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        bytes  BYTEA NOT NULL
    );

    -- Every workstation's window listens: a case imported, claimed, released or decided
    -- anywhere is announced on this channel at commit.
    CREATE FUNCTION vigil_announce_case() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('vigil_cases', NEW.id); RETURN NEW; END $$;
    CREATE TRIGGER cases_announce AFTER INSERT OR UPDATE ON cases
        FOR EACH ROW EXECUTE FUNCTION vigil_announce_case();
    "#,
    // 2: whether a case's slower checks (faces) are still running, and the descriptor of a
    // document's portrait (SQLite's migration 5).
    r#"
    ALTER TABLE cases ADD COLUMN checks_running BOOLEAN NOT NULL DEFAULT FALSE;
    CREATE INDEX cases_checks_running ON cases (imported_at) WHERE checks_running;
    ALTER TABLE case_files ADD COLUMN descriptor BYTEA;
    "#,
    // 3: the log key that signs the log's checkpoints (TEAM.md, "Verifiable log"): one for
    // the team's store, which every workstation signs with.
    r#"
    CREATE TABLE log_key (
        id     INTEGER PRIMARY KEY CHECK (id = 1),
        signer TEXT NOT NULL
    );
    "#,
    // 4: retention (SQLite's migration 6): notes hashed through salted commitments, which a
    // purge may take away, and nothing else; when a case was purged.
    r#"
    ALTER TABLE decisions ADD COLUMN note_salt TEXT NOT NULL DEFAULT '';
    ALTER TABLE decisions ADD COLUMN note_commitment TEXT NOT NULL DEFAULT '';
    ALTER TABLE cases ADD COLUMN purged_at TEXT;
    CREATE OR REPLACE FUNCTION vigil_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND OLD.note_commitment <> '' AND NEW.note = ''
            AND NEW.note_salt = ''
            AND (to_jsonb(NEW) - 'note' - 'note_salt') = (to_jsonb(OLD) - 'note' - 'note_salt')
        THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'the decision log is append-only';
    END $$;
    "#,
    // 5: due times (SQLite's migration 7).
    r#"
    ALTER TABLE cases ADD COLUMN due_at TEXT;
    CREATE INDEX cases_due ON cases (status, coalesce(due_at, submitted_at), id);
    "#,
    // 6: blind QA (SQLite's migration 8).
    r#"
    CREATE TABLE qa_queue (
        case_id      TEXT PRIMARY KEY REFERENCES cases (id),
        decision_seq BIGINT NOT NULL,
        sampled_seq  BIGINT NOT NULL
    );
    "#,
];

pub fn known_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Brings the database up to the current schema in one transaction, under the advisory lock.
pub fn migrate(client: &mut Client, url: &str) -> Result<(), StoreError> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS vigil_schema (version BIGINT NOT NULL)")?;
    let current: i64 = match tx.query_opt("SELECT version FROM vigil_schema", &[])? {
        Some(row) => row.try_get(0)?,
        None => {
            tx.execute("INSERT INTO vigil_schema (version) VALUES (0)", &[])?;
            0
        }
    };
    if current > known_version() {
        return Err(StoreError::NewerSchema {
            path: url.to_owned(),
            found: current,
            known: known_version(),
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.batch_execute(sql)?;
        if i == 0 {
            tx.execute(
                "INSERT INTO log_head (id, seq, hash) VALUES (1, 0, $1)",
                &[&GENESIS_HASH],
            )?;
        }
    }
    // Made with the store, once: under the lock, so two first openings make one, and a
    // key is generated only where there is none (not on every opening).
    if tx
        .query_opt("SELECT 1 FROM log_key WHERE id = 1", &[])?
        .is_none()
    {
        tx.execute(
            "INSERT INTO log_key (id, signer) VALUES (1, $1)",
            &[&LogKey::generate().to_text()],
        )?;
    }
    tx.execute("UPDATE vigil_schema SET version = $1", &[&known_version()])?;
    tx.commit()?;
    Ok(())
}
