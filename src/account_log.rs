//! Accounts as their log entries make them (`audit verify`). Every change of authority is an
//! account entry in the chain, in these words; read back in order, they give each account's
//! roles and whether it is disabled, which are compared with the stored accounts: an SQL
//! UPDATE that grants a role leaves the chain intact but shows here.

use crate::accounts::{Account, Role, Roles};
use crate::decision_log::{EntryKind, LogEntry};
use std::collections::HashMap;

/// The words of account entries: written by `accounts::describe`, the store's first
/// administrator and its migration of reviewer profiles, and read back by `AccountReplay`.
pub const FIRST_ADMIN: &str = "created as the first administrator (account init)";
pub const CREATED_WITH_ROLES: &str = "created with roles ";
pub const GRANTED: &str = "granted ";
pub const REVOKED: &str = "revoked ";
pub const DISABLED: &str = "disabled";
pub const PASSWORD_CHANGED: &str = "password changed";
pub const PASSWORD_RESET: &str = "password reset by an administrator";
pub const MIGRATED: &str =
    "reviewer profiles became accounts without a password, to be set by an administrator: ";
/// Within a `MIGRATED` item: the profile whose name reads as an earlier one's was disabled.
const READS_AS: &str = "; disabled: reads the same as ";

/// One migrated profile in a `MIGRATED` entry, the items joined by ", ".
pub fn migrated_item(name: &str, roles: Roles, reads_as: Option<&str>) -> String {
    match reads_as {
        Some(first) => format!("{name} ({roles}{READS_AS}{first})"),
        None => format!("{name} ({roles})"),
    }
}

/// What an account may do: its roles, unless it is disabled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Authority {
    pub roles: Roles,
    pub disabled: bool,
}

impl From<&Account> for Authority {
    fn from(a: &Account) -> Authority {
        Authority {
            roles: a.roles,
            disabled: a.disabled,
        }
    }
}

/// What `audit verify` finds wrong with an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountFinding {
    /// The stored authority differs from the log's; None where one side lacks the account.
    Differs {
        name: String,
        stored: Option<Authority>,
        logged: Option<Authority>,
    },
    /// A well-chained entry about the account in words Vigil never writes: what the log
    /// makes of the account is unknown from there on.
    UnknownChange {
        name: String,
        seq: u64,
        change: String,
    },
}

impl AccountFinding {
    pub fn name(&self) -> &str {
        match self {
            AccountFinding::Differs { name, .. } | AccountFinding::UnknownChange { name, .. } => {
                name
            }
        }
    }
}

/// An authority as the command line says it.
fn describe(a: &Authority) -> String {
    if a.disabled {
        format!("roles {} (disabled)", a.roles)
    } else {
        format!("roles {}", a.roles)
    }
}

impl std::fmt::Display for AccountFinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AccountFinding::Differs {
                name,
                stored,
                logged,
            } => {
                match stored {
                    Some(s) => write!(f, "account {name} is stored with {}", describe(s))?,
                    None => write!(f, "account {name} is not in the store")?,
                }
                match logged {
                    Some(l) => write!(f, ", but its log gives it {}", describe(l)),
                    None => write!(f, ", but the log never created it"),
                }
            }
            AccountFinding::UnknownChange { name, seq, change } => write!(
                f,
                "account {name}: entry {seq} records `{change}`, which is no change Vigil makes"
            ),
        }
    }
}

/// Account entries replayed in log order.
#[derive(Debug, Default)]
pub struct AccountReplay {
    accounts: HashMap<String, Authority>,
    unknown: Vec<AccountFinding>,
}

impl AccountReplay {
    /// Moves the accounts on by the next entry (entries of other kinds change nothing).
    pub fn apply(&mut self, e: &LogEntry) {
        if e.kind != EntryKind::Account {
            return;
        }
        let (subject, change) = (e.subject.as_str(), e.change.as_str());
        let enabled = |roles| Authority {
            roles,
            disabled: false,
        };
        let known = match change {
            FIRST_ADMIN => {
                let admin = enabled(Roles::of([Role::Admin]));
                self.accounts.insert(subject.to_owned(), admin);
                true
            }
            DISABLED => self
                .accounts
                .get_mut(subject)
                .map(|a| a.disabled = true)
                .is_some(),
            PASSWORD_CHANGED | PASSWORD_RESET => self.accounts.contains_key(subject),
            _ => {
                if let Some(list) = change.strip_prefix(CREATED_WITH_ROLES) {
                    Roles::parse_list(list)
                        .map(|roles| self.accounts.insert(subject.to_owned(), enabled(roles)))
                        .is_ok()
                } else if let Some(role) = change.strip_prefix(GRANTED) {
                    self.change_role(subject, role, Roles::with)
                } else if let Some(role) = change.strip_prefix(REVOKED) {
                    self.change_role(subject, role, Roles::without)
                } else if let Some(items) = change.strip_prefix(MIGRATED) {
                    self.migrated(items)
                } else {
                    false
                }
            }
        };
        if !known {
            self.unknown.push(AccountFinding::UnknownChange {
                name: subject.to_owned(),
                seq: e.seq,
                change: change.to_owned(),
            });
        }
    }

    fn change_role(&mut self, subject: &str, role: &str, f: fn(Roles, Role) -> Roles) -> bool {
        match (role.parse::<Role>(), self.accounts.get_mut(subject)) {
            (Ok(role), Some(a)) => {
                a.roles = f(a.roles, role);
                true
            }
            _ => false,
        }
    }

    /// Reads the items of a `MIGRATED` entry; false, adding nothing, when one does not read.
    fn migrated(&mut self, mut items: &str) -> bool {
        let mut found = Vec::new();
        while !items.is_empty() {
            let Some((name, rest)) = items.split_once(" (") else {
                return false;
            };
            let Some((inner, rest)) = rest.split_once(')') else {
                return false;
            };
            let (roles, disabled) = match inner.split_once(READS_AS) {
                Some((roles, _)) => (roles, true),
                None => (inner, false),
            };
            let Ok(roles) = Roles::parse_list(roles) else {
                return false;
            };
            found.push((name.to_owned(), Authority { roles, disabled }));
            items = match rest.strip_prefix(", ") {
                Some(more) if !more.is_empty() => more,
                None if rest.is_empty() => rest,
                _ => return false,
            };
        }
        self.accounts.extend(found);
        true
    }

    /// The stored accounts the log does not explain, by name: those whose roles or disabled
    /// flag differ from the log's, those the log never created, those the log created that
    /// the store lacks, and those named in entries the replay could not read.
    pub fn unexplained(mut self, stored: &[Account]) -> Vec<AccountFinding> {
        let unreadable: Vec<String> = self.unknown.iter().map(|f| f.name().to_owned()).collect();
        let mut found = std::mem::take(&mut self.unknown);
        for account in stored {
            let logged = self.accounts.remove(&account.name);
            let stored = Authority::from(account);
            if logged != Some(stored) && !unreadable.contains(&account.name) {
                found.push(AccountFinding::Differs {
                    name: account.name.clone(),
                    stored: Some(stored),
                    logged,
                });
            }
        }
        found.extend(
            self.accounts
                .into_iter()
                .filter(|(name, _)| !unreadable.contains(name))
                .map(|(name, logged)| AccountFinding::Differs {
                    name,
                    stored: None,
                    logged: Some(logged),
                }),
        );
        found.sort_by(|a, b| a.name().cmp(b.name()));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn entry(seq: u64, subject: &str, change: &str) -> LogEntry {
        let mut e = LogEntry::authority(EntryKind::Account, "", Utc::now(), "ada", subject, change);
        e.seq = seq;
        e
    }

    fn account(name: &str, roles: &[Role], disabled: bool) -> Account {
        Account {
            name: name.into(),
            roles: Roles::of(roles.iter().copied()),
            disabled,
            has_password: true,
        }
    }

    #[test]
    fn the_words_of_every_change_read_back_into_the_stored_accounts() {
        use crate::accounts::{AccountChange, AccountName, Password, describe};
        let name = |n: &str| AccountName::parse(n).unwrap();
        let mut replay = AccountReplay::default();
        let changes = [
            ("ada", FIRST_ADMIN.to_owned()),
            (
                "ana",
                describe(
                    &AccountChange::Create {
                        name: name("ana"),
                        roles: Roles::of([Role::Reviewer, Role::Fraud]),
                        password: Password::given("x"),
                    },
                    false,
                ),
            ),
            (
                "ana",
                describe(
                    &AccountChange::Grant {
                        name: "ana".into(),
                        role: Role::Supervisor,
                    },
                    false,
                ),
            ),
            (
                "ana",
                describe(
                    &AccountChange::Revoke {
                        name: "ana".into(),
                        role: Role::Fraud,
                    },
                    false,
                ),
            ),
            (
                "ana",
                describe(
                    &AccountChange::SetPassword {
                        name: "ana".into(),
                        password: Password::given("x"),
                    },
                    true,
                ),
            ),
            (
                "old, Old",
                format!(
                    "{MIGRATED}{}, {}",
                    migrated_item("old", Roles::of([Role::Reviewer]), None),
                    migrated_item("Old", Roles::of([Role::Reviewer, Role::Fraud]), Some("old"))
                ),
            ),
            (
                "old",
                describe(&AccountChange::Disable { name: "old".into() }, false),
            ),
        ];
        for (seq, (subject, change)) in changes.iter().enumerate() {
            replay.apply(&entry(seq as u64 + 1, subject, change));
        }
        let stored = [
            account("ada", &[Role::Admin], false),
            account("ana", &[Role::Reviewer, Role::Supervisor], false),
            account("old", &[Role::Reviewer], true),
            account("Old", &[Role::Reviewer, Role::Fraud], true),
        ];
        assert_eq!(replay.unexplained(&stored), []);
    }

    #[test]
    fn a_role_granted_behind_the_log_an_unlogged_account_and_unknown_words_are_named() {
        let mut replay = AccountReplay::default();
        replay.apply(&entry(1, "ada", FIRST_ADMIN));
        replay.apply(&entry(2, "ana", "created with roles reviewer"));
        replay.apply(&entry(3, "gone", "created with roles reviewer"));
        replay.apply(&entry(4, "odd", "promoted to admin"));
        let stored = [
            account("ada", &[Role::Admin], false),
            account("ana", &[Role::Reviewer, Role::Admin], false),
            account("mal", &[Role::Admin], false),
            account("odd", &[Role::Admin], false),
        ];
        let said: Vec<String> = replay
            .unexplained(&stored)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            said,
            [
                "account ana is stored with roles reviewer,admin, but its log gives it roles reviewer",
                "account gone is not in the store, but its log gives it roles reviewer",
                "account mal is stored with roles admin, but the log never created it",
                "account odd: entry 4 records `promoted to admin`, which is no change Vigil makes",
            ]
        );
    }

    #[test]
    fn a_migration_entry_that_does_not_read_adds_nobody() {
        let mut replay = AccountReplay::default();
        for broken in [
            "a (reviewer",
            "a (reviewer), ",
            "a (boss)",
            "a (reviewer)b (reviewer)",
        ] {
            replay.apply(&entry(1, "a", &format!("{MIGRATED}{broken}")));
        }
        assert_eq!(replay.accounts.len(), 0);
        assert_eq!(replay.unknown.len(), 4);
    }
}
