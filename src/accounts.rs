//! Accounts, roles and passwords (TEAM.md, "Accounts and roles"), free of any storage:
//! names and their confusable skeletons, the role set, Argon2id password hashes, session
//! tokens, the account changes an administrator makes, and the refusals they meet.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;
use unicode_normalization::UnicodeNormalization;
use unicode_security::confusable_detection::skeleton;

/// Names are at most this many characters (after NFKC).
pub const MAX_NAME_CHARS: usize = 64;
/// Passwords are at least this many characters.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// And at most this many: longer input is refused before it reaches the hash.
pub const MAX_PASSWORD_CHARS: usize = 1024;
/// This many failed sign-ins within `FAILURE_WINDOW` lock the account for `LOCKOUT`.
pub const MAX_FAILURES: u32 = 5;
pub const FAILURE_WINDOW: chrono::Duration = chrono::Duration::minutes(15);
pub const LOCKOUT: chrono::Duration = chrono::Duration::minutes(15);
/// How long a window's session lasts: a working day; signing out ends it sooner.
pub const SESSION_LENGTH: chrono::Duration = chrono::Duration::hours(12);

/// Argon2id cost: 64 MiB, 2 passes, one lane. One hash or verification costs about 88 ms
/// on the 2-core reference machine (`cargo bench --bench core -- password`), within OWASP's
/// guidance and the 50–250 ms asked for. The parameters are stored in each hash (PHC string), so raising
/// them later leaves existing hashes verifiable.
const ARGON2_MEMORY_KIB: u32 = 64 * 1024;
const ARGON2_PASSES: u32 = 2;
const ARGON2_LANES: u32 = 1;
/// The cost above as `(memory, passes)`.
const REAL_COST: (u32, u32) = (ARGON2_MEMORY_KIB, ARGON2_PASSES);
/// Set (by `.cargo/config.toml`) for `cargo test`: hashes at Argon2's least cost, because the
/// tests sign in thousands of times and at 88 ms each that was most of their run time. Only a
/// debug build reads it; a release build always hashes at the cost above, and refuses a cheap
/// hash that a debug build left in a store (`verify`).
const TEST_COST_VARIABLE: &str = "VIGIL_TEST_CHEAP_PASSWORDS";

/// Whether a stored hash was made at least at the real cost.
fn at_real_cost(h: &argon2::password_hash::PasswordHash) -> bool {
    argon2::Params::try_from(h)
        .is_ok_and(|p| p.m_cost() >= ARGON2_MEMORY_KIB && p.t_cost() >= ARGON2_PASSES)
}

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Decides pending cases.
    Reviewer,
    /// Decides escalated cases.
    Fraud,
    /// QA reviews, reopening decisions, everyone's statistics, releasing others' claims.
    Supervisor,
    /// Reads the log: export, audit view, packets.
    Auditor,
    /// Accounts and roles.
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Reviewer,
        Role::Fraud,
        Role::Supervisor,
        Role::Auditor,
        Role::Admin,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Reviewer => "reviewer",
            Role::Fraud => "fraud",
            Role::Supervisor => "supervisor",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Role {
    type Err = AccountError;
    fn from_str(s: &str) -> Result<Role, AccountError> {
        Role::ALL
            .into_iter()
            .find(|r| r.code() == s.trim())
            .ok_or_else(|| AccountError::UnknownRole(s.to_owned()))
    }
}

/// A set of roles, written `reviewer,fraud` in the store and on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Roles(u8);

impl Roles {
    pub const NONE: Roles = Roles(0);

    pub fn of(roles: impl IntoIterator<Item = Role>) -> Roles {
        Roles(roles.into_iter().fold(0, |acc, r| acc | r.bit()))
    }

    pub fn has(self, r: Role) -> bool {
        self.0 & r.bit() != 0
    }

    pub fn with(self, r: Role) -> Roles {
        Roles(self.0 | r.bit())
    }

    pub fn without(self, r: Role) -> Roles {
        Roles(self.0 & !r.bit())
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::ALL.into_iter().filter(move |r| self.has(*r))
    }

    /// Parses `reviewer,fraud`; an empty list, an unknown role or a repeated one is refused.
    pub fn parse_list(list: &str) -> Result<Roles, AccountError> {
        let mut roles = Roles::NONE;
        for item in list.split(',') {
            let r: Role = item.parse()?;
            if roles.has(r) {
                return Err(AccountError::RoleTwice(r));
            }
            roles = roles.with(r);
        }
        Ok(roles)
    }
}

impl fmt::Display for Roles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.iter().map(Role::code).collect();
        f.write_str(&names.join(","))
    }
}

impl Serialize for Roles {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// An account name as the log records it: NFKC-normalised, 1–64 printable characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct AccountName(String);

impl AccountName {
    pub fn parse(raw: &str) -> Result<AccountName, AccountError> {
        let name: String = raw.nfkc().collect();
        let problem = if name.is_empty() {
            Some("it is empty")
        } else if name.chars().count() > MAX_NAME_CHARS {
            Some("it is longer than 64 characters")
        } else if name.trim() != name {
            Some("it starts or ends with a space")
        } else if name.chars().any(is_hidden_control) {
            Some("it contains control or invisible formatting characters")
        } else {
            None
        };
        match problem {
            Some(why) => Err(AccountError::BadName {
                name: printable(raw),
                why,
            }),
            None => Ok(AccountName(name)),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form two names are compared in: NFKC, case folded, then the UTS #39 confusable
    /// skeleton, so `ana`, `Ana` and Cyrillic `аna` are one name.
    pub fn skeleton(&self) -> String {
        name_skeleton(&self.0)
    }
}

impl fmt::Display for AccountName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `name` reads as the name whose skeleton is `skeleton` (`Account::skeleton`): the
/// four-eyes rule holds across names that look the same.
pub fn reads_as(name: &str, skeleton: &str) -> bool {
    name_skeleton(name) == skeleton
}

/// The skeleton of any text, also of names stored before accounts existed.
pub fn name_skeleton(name: &str) -> String {
    let folded: String = name.nfkc().collect::<String>().to_lowercase();
    // The skeleton may map to capitals (e.g. some letter-like symbols): fold once more.
    skeleton(&folded).collect::<String>().to_lowercase()
}

/// Characters that would hide what a name says: C0/C1 controls, bidirectional overrides and
/// isolates, zero-width characters and other invisible format characters.
fn is_hidden_control(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// A name quoted in an error message, with anything unprintable escaped and the length capped.
fn printable(raw: &str) -> String {
    let mut out: String = raw
        .chars()
        .take(MAX_NAME_CHARS + 1)
        .flat_map(|c| {
            if is_hidden_control(c) {
                c.escape_unicode().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect();
    if raw.chars().count() > MAX_NAME_CHARS + 1 {
        out.push('…');
    }
    out
}

/// A password as typed. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

impl Password {
    /// A password given to sign in: taken as it is (a wrong one simply fails), but never
    /// longer than `MAX_PASSWORD_CHARS`, so that huge input costs nothing.
    pub fn given(s: impl Into<String>) -> Password {
        let s: String = s.into();
        Password(s.chars().take(MAX_PASSWORD_CHARS + 1).collect())
    }

    /// A new password, which must be 10 to 1024 characters.
    pub fn new_password(s: impl Into<String>) -> Result<Password, AccountError> {
        let s: String = s.into();
        let n = s.chars().count();
        if n < MIN_PASSWORD_CHARS {
            Err(AccountError::ShortPassword)
        } else if n > MAX_PASSWORD_CHARS {
            Err(AccountError::LongPassword)
        } else {
            Ok(Password(s))
        }
    }

    /// Argon2's memory (KiB) and passes for new hashes: the cost above, or the least one
    /// where `TEST_COST_VARIABLE` applies.
    fn cost() -> (u32, u32) {
        if cfg!(debug_assertions) && std::env::var_os(TEST_COST_VARIABLE).is_some() {
            (argon2::Params::MIN_M_COST, argon2::Params::MIN_T_COST)
        } else {
            REAL_COST
        }
    }

    /// An Argon2id hasher at `(memory, passes)`.
    fn hasher((memory, passes): (u32, u32)) -> argon2::Argon2<'static> {
        let params = argon2::Params::new(memory, passes, ARGON2_LANES, None).unwrap_or_default();
        argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
    }

    /// The Argon2id hash (PHC string) of this password with a fresh random salt.
    pub fn hash(&self) -> Result<String, AccountError> {
        self.hash_at(Password::cost())
    }

    fn hash_at(&self, cost: (u32, u32)) -> Result<String, AccountError> {
        use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
        let salt = SaltString::generate(&mut OsRng);
        Password::hasher(cost)
            .hash_password(self.0.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AccountError::Hash(e.to_string()))
    }

    /// Whether this password matches a stored hash. A malformed hash matches nothing, and
    /// so, in a release build, does one made at less than the real cost (by a debug build,
    /// `TEST_COST_VARIABLE`): that account would otherwise stay weakly hashed, and answer
    /// faster than any other.
    pub fn verify(&self, phc: &str) -> bool {
        use argon2::password_hash::{PasswordHash, PasswordVerifier};
        let Ok(h) = PasswordHash::new(phc) else {
            return false;
        };
        if !cfg!(debug_assertions) && !at_real_cost(&h) {
            self.verify_nothing();
            return false;
        }
        // The cost to verify at is the PHC string's own; the hasher's is not used.
        Password::hasher(REAL_COST)
            .verify_password(self.0.as_bytes(), &h)
            .is_ok()
    }

    /// Spends the time of one verification and matches nothing: an unknown account costs
    /// as long as a wrong password, so timing does not tell which names exist.
    pub fn verify_nothing(&self) {
        static DUMMY: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
        if let Some(h) = DUMMY.get_or_init(|| Password("not a password".into()).hash().ok()) {
            self.verify(h);
        }
    }
}

/// A window's session: the token lives only in the window's memory; the store keeps its hash.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionToken(…)")
    }
}

impl SessionToken {
    pub fn generate() -> SessionToken {
        use argon2::password_hash::rand_core::{OsRng, RngCore};
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        SessionToken(hex::encode(bytes))
    }

    /// What the store keeps: the token's SHA-256, so a copy of the database opens no session.
    pub fn digest(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

/// How the acting account proves who it is, checked by the store in the transaction that
/// records: a password (the command line), or a session opened by a password (the window).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    Password { name: String, password: Password },
    Session(SessionToken),
}

/// An account as listed. The password hash never leaves the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub name: String,
    pub roles: Roles,
    pub disabled: bool,
    /// False for profiles migrated from before accounts: an administrator sets a password first.
    pub has_password: bool,
}

impl Account {
    pub fn has(&self, r: Role) -> bool {
        self.roles.has(r)
    }

    pub fn skeleton(&self) -> String {
        name_skeleton(&self.name)
    }
}

/// A signed-in window: its token and the account as it was at sign-in.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: SessionToken,
    pub account: Account,
    pub expires_at: DateTime<Utc>,
}

/// What an administrator (or, for their own password, any account) changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountChange {
    Create {
        name: AccountName,
        roles: Roles,
        password: Password,
    },
    Grant {
        name: String,
        role: Role,
    },
    Revoke {
        name: String,
        role: Role,
    },
    Disable {
        name: String,
    },
    /// The acting account's own password when `name` is its own; else an administrator's reset.
    SetPassword {
        name: String,
        password: Password,
    },
}

impl AccountChange {
    /// The account the change is about, as named by the caller.
    pub fn subject(&self) -> &str {
        match self {
            AccountChange::Create { name, .. } => name.as_str(),
            AccountChange::Grant { name, .. }
            | AccountChange::Revoke { name, .. }
            | AccountChange::Disable { name }
            | AccountChange::SetPassword { name, .. } => name,
        }
    }
}

/// Refusals of authentication. The first never says which part was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    #[error(
        "not allowed: the account is unknown or disabled, the password is wrong, or the account lacks the role for this"
    )]
    Refused,
    #[error(
        "account {name} is locked after {MAX_FAILURES} failed sign-ins within 15 minutes; try again after {until} UTC"
    )]
    Locked { name: String, until: String },
    #[error("the session has ended (signed out, expired or the account changed); sign in again")]
    SessionEnded,
}

/// Refusals of account changes and bad account input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    #[error("`{name}` is not a usable account name: {why}")]
    BadName { name: String, why: &'static str },
    #[error("a password must have at least 10 characters")]
    ShortPassword,
    #[error("a password must have at most 1024 characters")]
    LongPassword,
    #[error("`{0}` is not a role; roles are reviewer, fraud, supervisor, auditor and admin")]
    UnknownRole(String),
    #[error("the role {0} is named twice")]
    RoleTwice(Role),
    #[error("an account needs at least one role")]
    NoRoles,
    #[error("the name `{name}` is taken: it reads the same as the existing account `{existing}`")]
    NameTaken { name: String, existing: String },
    #[error("there is no account named `{0}`")]
    NoSuchAccount(String),
    #[error("account {name} already has the role {role}")]
    AlreadyHasRole { name: String, role: Role },
    #[error("account {name} does not have the role {role}")]
    LacksRole { name: String, role: Role },
    #[error("account {0} is already disabled")]
    AlreadyDisabled(String),
    #[error("{0} is the last administrator; grant admin to another account first")]
    LastAdmin(String),
    #[error(
        "this store already has an administrator; accounts are added by an administrator (`vigil account add`)"
    )]
    AlreadyInitialised,
    #[error("hashing the password failed: {0}")]
    Hash(String),
}

/// An account's sign-in data as a store holds it.
#[derive(Debug, Clone)]
pub struct StoredLogin {
    pub name: String,
    pub password_hash: Option<String>,
    pub locked_until: Option<DateTime<Utc>>,
    pub disabled: bool,
}

/// What a password attempt comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Judgement {
    Accept {
        name: String,
    },
    /// Refused; a failure counts against the named account (none for an unknown name).
    Refuse {
        count_against: Option<String>,
    },
    Locked {
        name: String,
        until: DateTime<Utc>,
    },
}

/// Judges a password against the stored login of the name given (`None`: no such account).
/// A locked account is refused without looking at the password; an unknown name or an
/// account without a password costs a verification all the same, so timing tells nothing.
pub fn judge_password(
    login: Option<&StoredLogin>,
    password: &Password,
    now: DateTime<Utc>,
) -> Judgement {
    let Some(login) = login else {
        password.verify_nothing();
        return Judgement::Refuse {
            count_against: None,
        };
    };
    if let Some(until) = login.locked_until.filter(|u| *u > now) {
        return Judgement::Locked {
            name: login.name.clone(),
            until,
        };
    }
    let verified = match &login.password_hash {
        Some(h) => password.verify(h),
        None => {
            password.verify_nothing();
            false
        }
    };
    if verified && !login.disabled {
        Judgement::Accept {
            name: login.name.clone(),
        }
    } else {
        Judgement::Refuse {
            count_against: Some(login.name.clone()),
        }
    }
}

impl AuthError {
    pub fn locked(name: String, until: DateTime<Utc>) -> AuthError {
        AuthError::Locked {
            name,
            until: until.format("%Y-%m-%d %H:%M").to_string(),
        }
    }
}

/// Whether this many failures within `FAILURE_WINDOW` lock the account.
pub fn locks(recent_failures: u32) -> bool {
    recent_failures >= MAX_FAILURES
}

/// What an account change does to the stored accounts, decided by the rules alone; each
/// store applies it with its own statements, in the transaction that logs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Insert {
        name: AccountName,
        roles: Roles,
        password_hash: String,
    },
    SetRoles {
        name: String,
        roles: Roles,
    },
    /// Also ends the account's sessions.
    Disable {
        name: String,
    },
    /// Also ends the account's sessions and forgives its failed sign-ins.
    SetPassword {
        name: String,
        password_hash: String,
    },
}

/// A change that passed the rules: its effect, and the log entry's `subject` and `change`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub effect: Effect,
    pub subject: String,
    pub change: String,
}

/// Why a change is refused: the actor lacks the authority (said in the one sentence that
/// names nothing), or the change itself is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotAllowed,
    Invalid(AccountError),
}

impl From<AccountError> for Refusal {
    fn from(e: AccountError) -> Refusal {
        Refusal::Invalid(e)
    }
}

/// Checks `change` by `actor` against the rules. `target` is the stored account whose name
/// reads the same as the change's subject; `enabled_admins` how many enabled administrators
/// there are. Only an administrator changes accounts; anyone changes their own password.
pub fn plan_change(
    actor: &Account,
    change: &AccountChange,
    target: Option<&Account>,
    enabled_admins: usize,
) -> Result<Planned, Refusal> {
    let own_password = matches!(change, AccountChange::SetPassword { name, .. }
        if name_skeleton(name) == actor.skeleton());
    if !own_password && !actor.has(Role::Admin) {
        return Err(Refusal::NotAllowed);
    }
    let existing = || {
        target
            .cloned()
            .ok_or_else(|| AccountError::NoSuchAccount(change.subject().to_owned()))
    };
    // Removing the admin role from the last enabled administrator locks everyone out.
    let last_admin = |a: &Account| a.has(Role::Admin) && !a.disabled && enabled_admins <= 1;
    let effect = match change {
        AccountChange::Create {
            name,
            roles,
            password,
        } => {
            if roles.is_empty() {
                return Err(AccountError::NoRoles.into());
            }
            if let Some(t) = target {
                return Err(AccountError::NameTaken {
                    name: name.to_string(),
                    existing: t.name.clone(),
                }
                .into());
            }
            Effect::Insert {
                name: name.clone(),
                roles: *roles,
                password_hash: password.hash()?,
            }
        }
        AccountChange::Grant { role, .. } => {
            let a = existing()?;
            if a.has(*role) {
                return Err(AccountError::AlreadyHasRole {
                    name: a.name,
                    role: *role,
                }
                .into());
            }
            Effect::SetRoles {
                roles: a.roles.with(*role),
                name: a.name,
            }
        }
        AccountChange::Revoke { role, .. } => {
            let a = existing()?;
            if !a.has(*role) {
                return Err(AccountError::LacksRole {
                    name: a.name,
                    role: *role,
                }
                .into());
            }
            if *role == Role::Admin && last_admin(&a) {
                return Err(AccountError::LastAdmin(a.name).into());
            }
            Effect::SetRoles {
                roles: a.roles.without(*role),
                name: a.name,
            }
        }
        AccountChange::Disable { .. } => {
            let a = existing()?;
            if a.disabled {
                return Err(AccountError::AlreadyDisabled(a.name).into());
            }
            if last_admin(&a) {
                return Err(AccountError::LastAdmin(a.name).into());
            }
            Effect::Disable { name: a.name }
        }
        AccountChange::SetPassword { password, .. } => Effect::SetPassword {
            name: existing()?.name,
            password_hash: password.hash()?,
        },
    };
    let subject = match &effect {
        Effect::Insert { name, .. } => name.to_string(),
        Effect::SetRoles { name, .. }
        | Effect::Disable { name }
        | Effect::SetPassword { name, .. } => name.clone(),
    };
    Ok(Planned {
        effect,
        subject,
        change: describe(change, own_password),
    })
}

/// The log's words for a change: `change` of the account entry (`account_log` reads them
/// back).
pub fn describe(change: &AccountChange, own_password: bool) -> String {
    use crate::account_log::{
        CREATED_WITH_ROLES, DISABLED, GRANTED, PASSWORD_CHANGED, PASSWORD_RESET, REVOKED,
    };
    match change {
        AccountChange::Create { roles, .. } => format!("{CREATED_WITH_ROLES}{roles}"),
        AccountChange::Grant { role, .. } => format!("{GRANTED}{role}"),
        AccountChange::Revoke { role, .. } => format!("{REVOKED}{role}"),
        AccountChange::Disable { .. } => DISABLED.into(),
        AccountChange::SetPassword { .. } if own_password => PASSWORD_CHANGED.into(),
        AccountChange::SetPassword { .. } => PASSWORD_RESET.into(),
    }
}

/// The demo store's accounts: public, shown on the sign-in screen of a demo store only.
pub const DEMO_ACCOUNTS: [(&str, &str, &[Role]); 6] = [
    ("ana", "demo-ana-2026", &[Role::Reviewer]),
    ("ben", "demo-ben-2026", &[Role::Reviewer]),
    ("eve", "demo-eve-2026", &[Role::Reviewer, Role::Fraud]),
    ("fay", "demo-fay-2026", &[Role::Reviewer, Role::Fraud]),
    ("sam", "demo-sam-2026", &[Role::Supervisor, Role::Auditor]),
    ("ada", "demo-ada-2026", &[Role::Admin]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confusable_names_share_a_skeleton() {
        let s = |n: &str| AccountName::parse(n).unwrap().skeleton();
        assert_eq!(s("ana"), s("Ana"));
        assert_eq!(s("ana"), s("\u{0430}na")); // Cyrillic а
        assert_eq!(s("ana"), s("ＡＮＡ")); // full-width, folded by NFKC
        assert_eq!(s("paypal"), s("paypa1"));
        assert_ne!(s("ana"), s("ana2"));
        assert_ne!(s("ana"), s("anna"));
    }

    #[test]
    fn bad_names_are_refused_with_a_reason() {
        for bad in [
            "",
            " ana",
            "ana ",
            "a\u{0007}b",
            "ana\n",
            "ev\u{202E}e",
            "a\u{200B}na",
        ] {
            assert!(AccountName::parse(bad).is_err(), "{bad:?}");
        }
        assert!(AccountName::parse(&"x".repeat(64)).is_ok());
        let long = AccountName::parse(&"x".repeat(65)).unwrap_err();
        assert!(long.to_string().contains("longer than 64"), "{long}");
        assert!(AccountName::parse("Anna Bērziņa").is_ok());
        assert!(AccountName::parse("山田花子").is_ok());
        let shown = AccountName::parse("a\u{1b}[2Jb").unwrap_err().to_string();
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
    }

    #[test]
    fn roles_parse_and_print() {
        let r = Roles::parse_list("reviewer,fraud").unwrap();
        assert!(r.has(Role::Reviewer) && r.has(Role::Fraud) && !r.has(Role::Admin));
        assert_eq!(r.to_string(), "reviewer,fraud");
        assert_eq!(
            Roles::parse_list("reviewer,reviewer"),
            Err(AccountError::RoleTwice(Role::Reviewer))
        );
        assert!(matches!(
            Roles::parse_list("root"),
            Err(AccountError::UnknownRole(_))
        ));
        assert!(Roles::parse_list("").is_err());
        assert_eq!(r.without(Role::Fraud), Roles::of([Role::Reviewer]));
    }

    #[test]
    fn passwords_hash_and_verify() {
        assert_eq!(
            Password::new_password("short"),
            Err(AccountError::ShortPassword)
        );
        assert_eq!(
            Password::new_password("x".repeat(1025)),
            Err(AccountError::LongPassword)
        );
        let p = Password::new_password("correct horse").unwrap();
        // The cost a release build hashes at, and the least one tests use (.cargo/config.toml).
        let real = p.hash_at(REAL_COST).unwrap();
        assert!(
            real.starts_with("$argon2id$v=19$m=65536,t=2,p=1$"),
            "{real}"
        );
        let h = p.hash().unwrap();
        if Password::cost() != REAL_COST {
            assert!(h.starts_with("$argon2id$v=19$m=8,t=1,p=1$"), "{h}");
        }
        // A release build refuses hashes below the real cost.
        let parsed =
            |h: &str| argon2::password_hash::PasswordHash::new(h).map(|h| at_real_cost(&h));
        assert_eq!(parsed(&real), Ok(true));
        let cheap = p
            .hash_at((argon2::Params::MIN_M_COST, argon2::Params::MIN_T_COST))
            .unwrap();
        assert_eq!(parsed(&cheap), Ok(false));
        for h in [&real, &h] {
            assert!(p.verify(h));
            assert!(!Password::given("correct hors").verify(h));
        }
        assert!(!p.verify("not a hash"));
        assert_ne!(h, p.hash().unwrap(), "each hash has its own salt");
        assert!(!format!("{p:?}").contains("horse"));
    }
}
