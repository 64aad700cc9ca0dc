//! Accounts in the SQLite store: proving who acts (password or session) inside the caller's
//! transaction, the lock-out after failed sign-ins, and administrators' account changes,
//! each written to the log in the transaction that makes it.

use super::StoreError;
use super::sqlite::{append_entry, corrupt, parse_time};
use crate::accounts::{
    Account, AccountChange, AccountError, AccountName, AuthError, Credential, FAILURE_WINDOW,
    LOCKOUT, MAX_FAILURES, Password, Role, Roles, SESSION_LENGTH, Session, SessionToken, describe,
    name_skeleton,
};
use crate::decision_log::{EntryKind, LogEntry, timestamp};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior, params};

/// The outcome of a proof of identity.
pub(super) enum Authenticated {
    Yes(Account),
    /// Refused; `failed` names the account a failed password counts against.
    No {
        error: AuthError,
        failed: Option<String>,
    },
}

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
    if !roles.is_empty() {
        a.roles = Roles::parse_list(&roles).map_err(|e| corrupt("account roles", e))?;
    }
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
    let refused = |failed: Option<String>| Authenticated::No {
        error: AuthError::Refused,
        failed,
    };
    match cred {
        Credential::Session(token) => {
            let name: Option<String> = tx
                .query_row(
                    "SELECT account FROM sessions WHERE token_sha256 = ?1 AND expires_at > ?2",
                    params![token.digest(), timestamp(now)],
                    |r| r.get(0),
                )
                .optional()?;
            Ok(match name.map(|n| find(tx, &n)).transpose()?.flatten() {
                Some(a) if !a.disabled => Authenticated::Yes(a),
                _ => Authenticated::No {
                    error: AuthError::SessionEnded,
                    failed: None,
                },
            })
        }
        Credential::Password { name, password } => {
            let row: Option<(String, Option<String>, Option<String>)> = tx
                .query_row(
                    "SELECT name, password_hash, locked_until FROM accounts WHERE skeleton = ?1",
                    [name_skeleton(name)],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let Some((stored_name, hash, locked_until)) = row else {
                password.verify_nothing();
                return Ok(refused(None));
            };
            if let Some(until) = locked_until.as_deref().map(parse_time).transpose()?
                && until > now
            {
                return Ok(Authenticated::No {
                    error: AuthError::Locked {
                        name: stored_name,
                        until: until.format("%Y-%m-%d %H:%M").to_string(),
                    },
                    failed: None,
                });
            }
            let verified = match &hash {
                Some(h) => password.verify(h),
                None => {
                    password.verify_nothing();
                    false
                }
            };
            if !verified {
                return Ok(refused(Some(stored_name)));
            }
            let account = find_required(tx, &stored_name)?;
            if account.disabled {
                return Ok(refused(Some(stored_name)));
            }
            tx.execute(
                "DELETE FROM sign_in_failures WHERE account = ?1",
                [&stored_name],
            )?;
            Ok(Authenticated::Yes(account))
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
    if recent >= MAX_FAILURES {
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
    password: &Password,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    if roles.is_empty() {
        return Err(AccountError::NoRoles.into());
    }
    if let Some(existing) = find(tx, name.as_str())? {
        return Err(AccountError::NameTaken {
            name: name.to_string(),
            existing: existing.name,
        }
        .into());
    }
    tx.execute(
        "INSERT INTO accounts (name, skeleton, roles, password_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            name.as_str(),
            name.skeleton(),
            roles.to_string(),
            password.hash()?,
            timestamp(now)
        ],
    )?;
    Ok(())
}

fn enabled_admins(tx: &Transaction<'_>) -> Result<Vec<String>, StoreError> {
    Ok(accounts(tx)?
        .into_iter()
        .filter(|a| a.has(Role::Admin) && !a.disabled)
        .map(|a| a.name)
        .collect())
}

/// The first administrator. Refused once the store has one: a migrated store has accounts
/// (the old profiles) but no administrator until this runs.
pub(super) fn init_admin(
    tx: &Transaction<'_>,
    name: &str,
    password: &Password,
    now: DateTime<Utc>,
) -> Result<LogEntry, StoreError> {
    let name = AccountName::parse(name)?;
    if accounts(tx)?.iter().any(|a| a.has(Role::Admin)) {
        return Err(AccountError::AlreadyInitialised.into());
    }
    insert_account(tx, &name, Roles::of([Role::Admin]), password, now)?;
    append_entry(
        tx,
        LogEntry::authority(
            EntryKind::Account,
            "",
            now,
            name.as_str(),
            name.as_str(),
            "created as the first administrator (account init)",
        ),
    )
}

/// Applies `change` by `actor` and logs it. Only an administrator changes accounts; anyone
/// changes their own password.
pub(super) fn change_account(
    tx: &Transaction<'_>,
    actor: &Account,
    change: &AccountChange,
    now: DateTime<Utc>,
) -> Result<LogEntry, StoreError> {
    let own_password = matches!(change, AccountChange::SetPassword { name, .. }
        if name_skeleton(name) == actor.skeleton());
    if !own_password && !actor.has(Role::Admin) {
        return Err(crate::lifecycle::DecisionRefused::NotAllowed(AuthError::Refused).into());
    }
    let subject = match change {
        AccountChange::Create {
            name,
            roles,
            password,
        } => {
            insert_account(tx, name, *roles, password, now)?;
            name.to_string()
        }
        AccountChange::Grant { name, role } => {
            let a = find_required(tx, name)?;
            if a.has(*role) {
                return Err(AccountError::AlreadyHasRole {
                    name: a.name,
                    role: *role,
                }
                .into());
            }
            set_roles(tx, &a.name, a.roles.with(*role))?;
            a.name
        }
        AccountChange::Revoke { name, role } => {
            let a = find_required(tx, name)?;
            if !a.has(*role) {
                return Err(AccountError::LacksRole {
                    name: a.name,
                    role: *role,
                }
                .into());
            }
            refuse_last_admin(tx, &a, *role == Role::Admin)?;
            set_roles(tx, &a.name, a.roles.without(*role))?;
            a.name
        }
        AccountChange::Disable { name } => {
            let a = find_required(tx, name)?;
            if a.disabled {
                return Err(AccountError::AlreadyDisabled(a.name).into());
            }
            refuse_last_admin(tx, &a, true)?;
            tx.execute(
                "UPDATE accounts SET disabled = 1 WHERE name = ?1",
                [&a.name],
            )?;
            tx.execute("DELETE FROM sessions WHERE account = ?1", [&a.name])?;
            a.name
        }
        AccountChange::SetPassword { name, password } => {
            let a = find_required(tx, name)?;
            tx.execute(
                "UPDATE accounts SET password_hash = ?2, locked_until = NULL WHERE name = ?1",
                params![a.name, password.hash()?],
            )?;
            // A new password ends the sessions the old one opened, and forgives failures.
            tx.execute("DELETE FROM sessions WHERE account = ?1", [&a.name])?;
            tx.execute("DELETE FROM sign_in_failures WHERE account = ?1", [&a.name])?;
            a.name
        }
    };
    append_entry(
        tx,
        LogEntry::authority(
            EntryKind::Account,
            "",
            now,
            &actor.name,
            &subject,
            &describe(change, own_password),
        ),
    )
}

fn set_roles(tx: &Transaction<'_>, name: &str, roles: Roles) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE accounts SET roles = ?2 WHERE name = ?1",
        params![name, roles.to_string()],
    )?;
    Ok(())
}

/// Refuses a change that would leave the store without an enabled administrator.
fn refuse_last_admin(
    tx: &Transaction<'_>,
    a: &Account,
    removes_admin: bool,
) -> Result<(), StoreError> {
    if removes_admin && a.has(Role::Admin) && !a.disabled && enabled_admins(tx)?.len() <= 1 {
        return Err(AccountError::LastAdmin(a.name.clone()).into());
    }
    Ok(())
}
