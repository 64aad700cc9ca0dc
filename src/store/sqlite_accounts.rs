//! Accounts in the SQLite store: proving who acts (password or session) inside the caller's
//! transaction, the lock-out after failed sign-ins, and administrators' account changes,
//! each written to the log in the transaction that makes it.

use super::StoreError;
use super::rows::{parse_time, roles_from};
use super::rules::{Authenticated, account_entry, first_admin, judged, refusal, session_account};
use super::sqlite::append_entry;
use crate::accounts::{
    Account, AccountChange, AccountError, AccountName, Credential, Effect, FAILURE_WINDOW, LOCKOUT,
    Password, Role, Roles, SESSION_LENGTH, Session, SessionToken, StoredLogin, judge_password,
    locks, name_skeleton, plan_change,
};
use crate::decision_log::{LogEntry, timestamp};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior, params};

const ACCOUNT_COLUMNS: &str = "name, roles, disabled, password_hash IS NOT NULL AS has_password";

fn account_from(r: &Row<'_>) -> rusqlite::Result<(Account, String)> {
    Ok((
        Account {
            name: r.get("name")?,
            roles: Roles::NONE,
            disabled: r.get("disabled")?,
            has_password: r.get("has_password")?,
        },
        r.get("roles")?,
    ))
}

fn with_roles((mut a, roles): (Account, String)) -> Result<Account, StoreError> {
    a.roles = roles_from(&roles)?;
    Ok(a)
}

/// The account whose name reads the same as `name`.
fn find(conn: &Connection, name: &str) -> Result<Option<Account>, StoreError> {
    conn.query_row(
        &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE skeleton = ?1"),
        [name_skeleton(name)],
        account_from,
    )
    .optional()?
    .map(with_roles)
    .transpose()
}

fn find_required(conn: &Connection, name: &str) -> Result<Account, StoreError> {
    find(conn, name)?.ok_or_else(|| AccountError::NoSuchAccount(name.to_owned()).into())
}

pub(super) fn accounts(conn: &Connection) -> Result<Vec<Account>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY name"
    ))?;
    let rows = stmt.query_map([], account_from)?;
    rows.map(|r| with_roles(r?)).collect()
}

/// Proves `cred` in the caller's transaction. A password is checked against its Argon2id
/// hash unless the account is locked; an unknown name costs a verification all the same.
pub(super) fn authenticate(
    tx: &Transaction<'_>,
    cred: &Credential,
    now: DateTime<Utc>,
) -> Result<Authenticated, StoreError> {
    match cred {
        Credential::Session(token) => {
            let name: Option<String> = tx
                .query_row(
                    "SELECT account FROM sessions WHERE token_sha256 = ?1 AND expires_at > ?2",
                    params![token.digest(), timestamp(now)],
                    |r| r.get(0),
                )
                .optional()?;
            Ok(session_account(
                name.map(|n| find(tx, &n)).transpose()?.flatten(),
            ))
        }
        Credential::Password { name, password } => {
            let login = tx
                .query_row(
                    "SELECT name, password_hash, locked_until, disabled FROM accounts WHERE skeleton = ?1",
                    [name_skeleton(name)],
                    |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, Option<String>>(1)?,
                            r.get::<_, Option<String>>(2)?,
                            r.get::<_, bool>(3)?,
                        ))
                    },
                )
                .optional()?
                .map(|(name, password_hash, locked, disabled)| {
                    Ok::<_, StoreError>(StoredLogin {
                        name,
                        password_hash,
                        locked_until: locked.as_deref().map(parse_time).transpose()?,
                        disabled,
                    })
                })
                .transpose()?;
            Ok(
                match judged(judge_password(login.as_ref(), password, now)) {
                    Ok(name) => {
                        // Only when there is something to forget: a read-only store signs
                        // in without writing.
                        let failed: bool = tx.query_row(
                            "SELECT EXISTS (SELECT 1 FROM sign_in_failures WHERE account = ?1)",
                            [&name],
                            |r| r.get(0),
                        )?;
                        if failed {
                            tx.execute("DELETE FROM sign_in_failures WHERE account = ?1", [&name])?;
                        }
                        Authenticated::Yes(find_required(tx, &name)?)
                    }
                    Err(refused) => refused,
                },
            )
        }
    }
}

/// Counts a failed password against `name`, in its own transaction; the fifth within
/// `FAILURE_WINDOW` locks the account for `LOCKOUT`.
pub(super) fn record_failure(
    conn: &mut Connection,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO sign_in_failures (account, at) VALUES (?1, ?2)",
        params![name, timestamp(now)],
    )?;
    let since = timestamp(now - FAILURE_WINDOW);
    tx.execute(
        "DELETE FROM sign_in_failures WHERE account = ?1 AND at <= ?2",
        params![name, since],
    )?;
    let recent: u32 = tx.query_row(
        "SELECT count(*) FROM sign_in_failures WHERE account = ?1",
        [name],
        |r| r.get(0),
    )?;
    if locks(recent) {
        tx.execute(
            "UPDATE accounts SET locked_until = ?2 WHERE name = ?1",
            params![name, timestamp(now + LOCKOUT)],
        )?;
        tx.execute("DELETE FROM sign_in_failures WHERE account = ?1", [name])?;
    }
    tx.commit()?;
    Ok(())
}

pub(super) fn open_session(
    tx: &Transaction<'_>,
    account: &Account,
    now: DateTime<Utc>,
) -> Result<Session, StoreError> {
    let token = SessionToken::generate();
    let expires_at = now + SESSION_LENGTH;
    // Ended sessions are of no use to anyone: clear them while here.
    tx.execute(
        "DELETE FROM sessions WHERE expires_at <= ?1",
        [timestamp(now)],
    )?;
    tx.execute(
        "INSERT INTO sessions (token_sha256, account, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![token.digest(), account.name, timestamp(now), timestamp(expires_at)],
    )?;
    Ok(Session {
        token,
        account: account.clone(),
        expires_at,
    })
}

pub(super) fn end_session(conn: &Connection, token: &SessionToken) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM sessions WHERE token_sha256 = ?1",
        [token.digest()],
    )?;
    Ok(())
}

fn insert_account(
    tx: &Transaction<'_>,
    name: &AccountName,
    roles: Roles,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO accounts (name, skeleton, roles, password_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            name.as_str(),
            name.skeleton(),
            roles.to_string(),
            password_hash,
            timestamp(now)
        ],
    )?;
    Ok(())
}

/// The first administrator. Refused once the store has one: a migrated store has accounts
/// (the old profiles) but no administrator until this runs.
pub(super) fn init_admin(
    tx: &Transaction<'_>,
    name: &str,
    password: &Password,
    now: DateTime<Utc>,
) -> Result<LogEntry, StoreError> {
    let (name, entry) = first_admin(name, &accounts(tx)?, now)?;
    insert_account(tx, &name, Roles::of([Role::Admin]), &password.hash()?, now)?;
    append_entry(tx, entry)
}

/// Applies `change` by `actor` (the rules are `accounts::plan_change`'s) and logs it.
pub(super) fn change_account(
    tx: &Transaction<'_>,
    actor: &Account,
    change: &AccountChange,
    now: DateTime<Utc>,
) -> Result<LogEntry, StoreError> {
    let all = accounts(tx)?;
    let target = find(tx, change.subject())?;
    let admins = all
        .iter()
        .filter(|a| a.has(Role::Admin) && !a.disabled)
        .count();
    let planned = plan_change(actor, change, target.as_ref(), admins).map_err(refusal)?;
    match &planned.effect {
        Effect::Insert {
            name,
            roles,
            password_hash,
        } => insert_account(tx, name, *roles, password_hash, now)?,
        Effect::SetRoles { name, roles } => {
            tx.execute(
                "UPDATE accounts SET roles = ?2 WHERE name = ?1",
                params![name, roles.to_string()],
            )?;
        }
        Effect::Disable { name } => {
            tx.execute("UPDATE accounts SET disabled = 1 WHERE name = ?1", [name])?;
            tx.execute("DELETE FROM sessions WHERE account = ?1", [name])?;
        }
        Effect::SetPassword {
            name,
            password_hash,
        } => {
            tx.execute(
                "UPDATE accounts SET password_hash = ?2, locked_until = NULL WHERE name = ?1",
                params![name, password_hash],
            )?;
            tx.execute("DELETE FROM sessions WHERE account = ?1", [name])?;
            tx.execute("DELETE FROM sign_in_failures WHERE account = ?1", [name])?;
        }
    }
    append_entry(tx, account_entry(actor, &planned, now))
}
