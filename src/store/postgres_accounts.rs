//! Accounts in the PostgreSQL store: the statements only. The rules (who may do what, the
//! lock-out, what a change does) are `accounts` and `rules`, shared with SQLite.

use super::StoreError;
use super::postgres::append_entry;
use super::rows::{parse_time, roles_from};
use super::rules::{Authenticated, account_entry, first_admin, judged, refusal, session_account};
use crate::accounts::{
    Account, AccountChange, AccountName, Credential, Effect, FAILURE_WINDOW, LOCKOUT, Password,
    Role, Roles, SESSION_LENGTH, Session, SessionToken, StoredLogin, judge_password, locks,
    name_skeleton, plan_change,
};
use crate::decision_log::{LogEntry, timestamp};
use chrono::{DateTime, Utc};
use postgres::{Client, GenericClient, Row, Transaction};

const ACCOUNT_COLUMNS: &str = "name, roles, disabled, password_hash IS NOT NULL AS has_password";

fn account_from(r: &Row) -> Result<Account, StoreError> {
    Ok(Account {
        name: r.try_get("name")?,
        roles: roles_from(&r.try_get::<_, String>("roles")?)?,
        disabled: r.try_get("disabled")?,
        has_password: r.try_get("has_password")?,
    })
}

/// The account whose name reads the same as `name`.
fn find(client: &mut impl GenericClient, name: &str) -> Result<Option<Account>, StoreError> {
    client
        .query_opt(
            &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE skeleton = $1"),
            &[&name_skeleton(name)],
        )?
        .map(|r| account_from(&r))
        .transpose()
}

pub(super) fn accounts(client: &mut impl GenericClient) -> Result<Vec<Account>, StoreError> {
    client
        .query(
            &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY name"),
            &[],
        )?
        .iter()
        .map(account_from)
        .collect()
}

pub(super) fn authenticate(
    tx: &mut Transaction<'_>,
    cred: &Credential,
    now: DateTime<Utc>,
) -> Result<Authenticated, StoreError> {
    match cred {
        Credential::Session(token) => {
            let name: Option<String> = tx
                .query_opt(
                    "SELECT account FROM sessions WHERE token_sha256 = $1 AND expires_at > $2",
                    &[&token.digest(), &timestamp(now)],
                )?
                .map(|r| r.try_get(0))
                .transpose()?;
            Ok(session_account(match name {
                Some(n) => find(tx, &n)?,
                None => None,
            }))
        }
        Credential::Password { name, password } => {
            let login = tx
                .query_opt(
                    "SELECT name, password_hash, locked_until, disabled FROM accounts
                     WHERE skeleton = $1",
                    &[&name_skeleton(name)],
                )?
                .map(|r| {
                    Ok::<_, StoreError>(StoredLogin {
                        name: r.try_get(0)?,
                        password_hash: r.try_get(1)?,
                        locked_until: r
                            .try_get::<_, Option<String>>(2)?
                            .as_deref()
                            .map(parse_time)
                            .transpose()?,
                        disabled: r.try_get(3)?,
                    })
                })
                .transpose()?;
            Ok(
                match judged(judge_password(login.as_ref(), password, now)) {
                    Ok(name) => {
                        tx.execute("DELETE FROM sign_in_failures WHERE account = $1", &[&name])?;
                        match find(tx, &name)? {
                            Some(a) => Authenticated::Yes(a),
                            None => session_account(None),
                        }
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
    client: &mut Client,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut tx = client.transaction()?;
    // One counter at a time per account.
    tx.query_opt(
        "SELECT name FROM accounts WHERE name = $1 FOR UPDATE",
        &[&name],
    )?;
    tx.execute(
        "INSERT INTO sign_in_failures (account, at) VALUES ($1, $2)",
        &[&name, &timestamp(now)],
    )?;
    tx.execute(
        "DELETE FROM sign_in_failures WHERE account = $1 AND at <= $2",
        &[&name, &timestamp(now - FAILURE_WINDOW)],
    )?;
    let recent: i64 = tx
        .query_one(
            "SELECT count(*) FROM sign_in_failures WHERE account = $1",
            &[&name],
        )?
        .try_get(0)?;
    if locks(u32::try_from(recent).unwrap_or(u32::MAX)) {
        tx.execute(
            "UPDATE accounts SET locked_until = $2 WHERE name = $1",
            &[&name, &timestamp(now + LOCKOUT)],
        )?;
        tx.execute("DELETE FROM sign_in_failures WHERE account = $1", &[&name])?;
    }
    tx.commit()?;
    Ok(())
}

pub(super) fn open_session(
    tx: &mut Transaction<'_>,
    account: &Account,
    now: DateTime<Utc>,
) -> Result<Session, StoreError> {
    let token = SessionToken::generate();
    let expires_at = now + SESSION_LENGTH;
    tx.execute(
        "DELETE FROM sessions WHERE expires_at <= $1",
        &[&timestamp(now)],
    )?;
    tx.execute(
        "INSERT INTO sessions (token_sha256, account, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        &[&token.digest(), &account.name, &timestamp(now), &timestamp(expires_at)],
    )?;
    Ok(Session {
        token,
        account: account.clone(),
        expires_at,
    })
}

fn insert_account(
    tx: &mut Transaction<'_>,
    name: &AccountName,
    roles: Roles,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO accounts (name, skeleton, roles, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5)",
        &[
            &name.as_str(),
            &name.skeleton(),
            &roles.to_string(),
            &password_hash,
            &timestamp(now),
        ],
    )?;
    Ok(())
}

/// Account changes take this advisory lock, one at a time: "the last administrator" and
/// "the name is free" stay true until the change commits. (An advisory lock, not a table
/// lock: deciding transactions read accounts and must not wait for or deadlock with it.)
const ACCOUNTS_LOCK: i64 = 0x5649_4749_4c41;

/// The first administrator; two `account init` at once cannot both succeed.
pub(super) fn init_admin(
    tx: &mut Transaction<'_>,
    name: &str,
    password: &Password,
    now: DateTime<Utc>,
) -> Result<LogEntry, StoreError> {
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&ACCOUNTS_LOCK])?;
    let (name, entry) = first_admin(name, &accounts(tx)?, now)?;
    insert_account(tx, &name, Roles::of([Role::Admin]), &password.hash()?, now)?;
    append_entry(tx, entry)
}

/// Applies `change` by `actor` (the rules are `accounts::plan_change`'s) and logs it, under
/// the accounts lock.
pub(super) fn change_account(
    tx: &mut Transaction<'_>,
    actor: &Account,
    change: &AccountChange,
    now: DateTime<Utc>,
) -> Result<LogEntry, StoreError> {
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&ACCOUNTS_LOCK])?;
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
                "UPDATE accounts SET roles = $2 WHERE name = $1",
                &[name, &roles.to_string()],
            )?;
        }
        Effect::Disable { name } => {
            tx.execute(
                "UPDATE accounts SET disabled = TRUE WHERE name = $1",
                &[name],
            )?;
            tx.execute("DELETE FROM sessions WHERE account = $1", &[name])?;
        }
        Effect::SetPassword {
            name,
            password_hash,
        } => {
            tx.execute(
                "UPDATE accounts SET password_hash = $2, locked_until = NULL WHERE name = $1",
                &[name, password_hash],
            )?;
            tx.execute("DELETE FROM sessions WHERE account = $1", &[name])?;
            tx.execute("DELETE FROM sign_in_failures WHERE account = $1", &[name])?;
        }
    }
    append_entry(tx, account_entry(actor, &planned, now))
}
