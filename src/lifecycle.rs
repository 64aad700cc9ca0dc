//! The case life cycle and the rules a decision must satisfy, free of any storage.
//! pending → (claimed) → approved | rejected | escalated; escalated → (fraud reviewer) → approved | rejected.

use crate::accounts::{Account, AuthError, Credential, Role, reads_as};
use crate::decision_log::{EntryKind, LogEntry, timestamp};
use crate::taxonomy::{Category, Outcome, ReasonCode};
use chrono::{DateTime, Utc};

/// Where a case stands. Escalated cases remember who escalated them, for the four-eyes rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseStatus {
    Pending,
    Escalated { by: String },
    Decided(Outcome),
}

impl CaseStatus {
    pub fn code(&self) -> &'static str {
        match self {
            CaseStatus::Pending => "pending",
            CaseStatus::Escalated { .. } => "escalated",
            CaseStatus::Decided(o) => o.code(),
        }
    }
}

/// A reviewer's lease on a case: nobody else gets the case until it is released or expires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub by: String,
    pub claimed_at: DateTime<Utc>,
    pub lease_until: DateTime<Utc>,
}

impl Claim {
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        self.lease_until > now
    }
}

/// One or more distinct reason codes: a rejection without a reason cannot be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reasons(Vec<ReasonCode>);

impl Reasons {
    pub fn new(codes: impl IntoIterator<Item = ReasonCode>) -> Option<Reasons> {
        let mut v: Vec<ReasonCode> = Vec::new();
        for c in codes {
            if !v.contains(&c) {
                v.push(c);
            }
        }
        (!v.is_empty()).then_some(Reasons(v))
    }

    pub fn codes(&self) -> &[ReasonCode] {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Approve,
    Reject(Reasons),
    Escalate,
}

impl Verdict {
    pub fn outcome(&self) -> Outcome {
        match self {
            Verdict::Approve => Outcome::Approved,
            Verdict::Reject(_) => Outcome::Rejected,
            Verdict::Escalate => Outcome::Escalated,
        }
    }

    pub fn reasons(&self) -> &[ReasonCode] {
        match self {
            Verdict::Reject(r) => r.codes(),
            _ => &[],
        }
    }
}

/// A decision as the window or `vigil decide` asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRequest {
    pub case_id: String,
    /// Who decides, proven to the store in the transaction that records.
    pub by: Credential,
    pub verdict: Verdict,
    pub note: String,
    /// Time from opening the case to deciding, when the caller measured it; otherwise it is
    /// taken from the reviewer's claim.
    pub handling_ms: Option<u64>,
    /// The reviewer confirmed deciding before the case's slower checks (faces) finished;
    /// without it such a decision is refused.
    pub despite_running_checks: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionRefused {
    #[error("case {0} does not exist")]
    NoSuchCase(String),
    #[error(transparent)]
    NotAllowed(#[from] AuthError),
    #[error(
        "the checks of case {0} are still running (face checks): wait for their hints, or confirm deciding without them"
    )]
    ChecksRunning(String),
    #[error("case {case} was already {outcome}")]
    AlreadyDecided { case: String, outcome: Outcome },
    #[error("case {case} is being reviewed by {by} until {until}")]
    ClaimedByOther {
        case: String,
        by: String,
        until: DateTime<Utc>,
    },
    #[error(
        "case {case} was escalated by {by}; four-eyes rule: another fraud reviewer must decide it"
    )]
    FourEyes { case: String, by: String },
    #[error("case {0} is already in the fraud queue")]
    AlreadyEscalated(String),
    #[error("case {case} is not claimed by {reviewer}")]
    NotClaimedBy { case: String, reviewer: String },
    #[error("case {case} is claimed by {by}; only a supervisor releases another reviewer's claim")]
    ClaimOfAnother { case: String, by: String },
    #[error("a lease of {0} seconds is outside 1 second to 24 hours")]
    BadLease(i64),
    #[error("case {case} is {status}: only an approved or rejected case can be reopened")]
    NotReopenable { case: String, status: &'static str },
    #[error("case {case} was decided by {by}; four-eyes rule: another supervisor must reopen it")]
    OwnDecision { case: String, by: String },
    #[error("a reopening needs a reason, for the log")]
    ReopenWithoutReason,
    #[error(
        "case {0}'s personal data was purged under the retention policy: it cannot be reviewed again"
    )]
    Purged(String),
    #[error("case {0} is not waiting for QA (it was reviewed already, or never sampled)")]
    NotInQa(String),
    #[error(
        "you have seen case {0}'s decision (you made, reopened or opened it): another reviewer must review it blind"
    )]
    SeenDecision(String),
}

/// The role a case in `status` needs: pending cases are a reviewer's, escalated a fraud reviewer's.
fn role_for(status: &CaseStatus) -> Role {
    match status {
        CaseStatus::Escalated { .. } => Role::Fraud,
        _ => Role::Reviewer,
    }
}

/// Whether `account` may act on a case in `status`: it is still open, the account has the
/// role for it, and (four eyes) it did not escalate the case itself, under any name that
/// reads the same.
fn check_authority(
    case_id: &str,
    status: &CaseStatus,
    account: &Account,
) -> Result<(), DecisionRefused> {
    match status {
        CaseStatus::Decided(outcome) => Err(DecisionRefused::AlreadyDecided {
            case: case_id.to_owned(),
            outcome: *outcome,
        }),
        _ if !account.has(role_for(status)) => Err(AuthError::Refused.into()),
        CaseStatus::Escalated { by } if reads_as(by, &account.skeleton()) => {
            Err(DecisionRefused::FourEyes {
                case: case_id.to_owned(),
                by: by.clone(),
            })
        }
        _ => Ok(()),
    }
}

/// Whether `account` may take a lease on a case in `status`: escalated cases are claimed
/// only by fraud reviewers other than the one who escalated, so nobody else can block them.
pub fn check_claim(
    case_id: &str,
    status: &CaseStatus,
    account: &Account,
) -> Result<(), DecisionRefused> {
    check_authority(case_id, status, account)
}

/// A case's state as its log entries, in order, make it: each decision moves it on, and a
/// reopening puts it back where the decision it undoes was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replayed {
    pub status: CaseStatus,
    /// The last decision that moved the case: its entry number and who made it.
    pub last_decision: Option<(u64, String)>,
    /// Where that decision was made from: where a reopening puts the case back.
    pub decided_from: CaseStatus,
    /// The last claim not ended since (by a release, decision or reopening): who holds it,
    /// and the end of its lease as the log writes times.
    pub claim: Option<(String, String)>,
}

impl Default for Replayed {
    /// A case with no entries yet: pending since its import.
    fn default() -> Replayed {
        Replayed {
            status: CaseStatus::Pending,
            last_decision: None,
            decided_from: CaseStatus::Pending,
            claim: None,
        }
    }
}

impl Replayed {
    /// Moves the case on by its next entry: decisions and reopenings move its status (and
    /// end its claim), claims and releases its claim; other kinds change nothing.
    pub fn apply(&mut self, e: &LogEntry) {
        match e.kind {
            EntryKind::Claim => {
                self.claim = crate::access_log::lease_end(e)
                    .map(|until| (e.reviewer.clone(), timestamp(until)));
            }
            EntryKind::Release | EntryKind::Decision | EntryKind::Reopen => self.claim = None,
            _ => {}
        }
        match (e.kind, e.outcome) {
            (EntryKind::Decision, Some(outcome)) => {
                let next = match outcome {
                    Outcome::Escalated => CaseStatus::Escalated {
                        by: e.reviewer.clone(),
                    },
                    decided => CaseStatus::Decided(decided),
                };
                self.decided_from = std::mem::replace(&mut self.status, next);
                self.last_decision = Some((e.seq, e.reviewer.clone()));
            }
            (EntryKind::Reopen, _) => self.status = self.decided_from.clone(),
            _ => {}
        }
    }
}

/// Replays a case's log entries, in order.
pub fn replay<'a>(entries: impl IntoIterator<Item = &'a LogEntry>) -> Replayed {
    let mut r = Replayed::default();
    for e in entries {
        r.apply(e);
    }
    r
}

/// What the store holds for a case, as `Unexplained` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    Status(CaseStatus),
    /// The stored status does not read back: why.
    Unreadable(String),
    /// The log names the case; the store does not have it.
    Absent,
}

/// A case whose stored status its log does not explain: the store was changed behind
/// Vigil's back (an SQL UPDATE), or the log lost the case's entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unexplained {
    pub id: String,
    pub stored: Stored,
    /// The status the log replays to.
    pub logged: CaseStatus,
}

impl std::fmt::Display for Unexplained {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let id = &self.id;
        match &self.stored {
            Stored::Status(s) => write!(f, "case {id} is stored as {}", describe(s))?,
            Stored::Unreadable(why) => write!(f, "case {id} is stored unreadably ({why})")?,
            Stored::Absent => write!(f, "case {id} is not in the store")?,
        }
        write!(f, ", but its log makes it {}", describe(&self.logged))
    }
}

/// A case's id and its stored status, or why that does not read back.
pub type StoredStatus = (String, Result<CaseStatus, String>);

/// A stored claim: the case's id, who holds it, and the end of its lease as stored.
pub type StoredClaim = (String, String, String);

/// A case whose live claim the log does not explain: the claims table was changed behind
/// Vigil's back. Each side is who holds the claim and until when, if it is live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnexplainedClaim {
    pub id: String,
    pub stored: Option<(String, String)>,
    pub logged: Option<(String, String)>,
}

impl std::fmt::Display for UnexplainedClaim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let id = &self.id;
        match &self.stored {
            Some((by, until)) => write!(f, "case {id} is claimed by {by} until {until}")?,
            None => write!(f, "case {id} has no live claim")?,
        }
        match &self.logged {
            Some((by, until)) => write!(f, ", but its log has it claimed by {by} until {until}"),
            None => write!(f, ", but its log gives it no live claim"),
        }
    }
}

/// The cases whose live claim at `now` (`stored`) is not the one their log entries leave
/// (`logged`), by id. An expired claim grants nothing and is not compared; a stored lease
/// end that does not read as a time counts as live.
pub fn unexplained_claims(
    stored: Vec<StoredClaim>,
    logged: &std::collections::HashMap<String, Replayed>,
    now: DateTime<Utc>,
) -> Vec<UnexplainedClaim> {
    let live = |until: &str| {
        DateTime::parse_from_rfc3339(until).map_or(true, |t| t.with_timezone(&Utc) > now)
    };
    let mut stored: std::collections::HashMap<String, (String, String)> = stored
        .into_iter()
        .filter(|(_, _, until)| live(until))
        .map(|(id, by, until)| (id, (by, until)))
        .collect();
    let mut found: Vec<UnexplainedClaim> = logged
        .iter()
        .filter_map(|(id, r)| {
            let logged = r.claim.clone().filter(|(_, until)| live(until));
            let stored = stored.remove(id);
            (stored != logged).then(|| UnexplainedClaim {
                id: id.clone(),
                stored,
                logged,
            })
        })
        .collect();
    found.extend(stored.into_iter().map(|(id, claim)| UnexplainedClaim {
        id,
        stored: Some(claim),
        logged: None,
    }));
    found.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    found
}

/// A status as `Unexplained` says it: who escalated counts, as the four-eyes rule reads it.
fn describe(status: &CaseStatus) -> String {
    match status {
        CaseStatus::Escalated { by } => format!("escalated by {by}"),
        other => other.code().to_owned(),
    }
}

/// The cases whose stored status (`stored`) differs from what their log entries (`logged`,
/// each case's replay) make it, by id, then the cases the log names that the store lacks.
pub fn unexplained(
    mut stored: Vec<StoredStatus>,
    mut logged: std::collections::HashMap<String, Replayed>,
) -> Vec<Unexplained> {
    stored.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut found = Vec::new();
    for (id, status) in stored {
        let replayed = logged.remove(&id).unwrap_or_default();
        let stored = match status {
            Ok(s) if s == replayed.status => continue,
            Ok(s) => Stored::Status(s),
            Err(why) => Stored::Unreadable(why),
        };
        found.push(Unexplained {
            id,
            stored,
            logged: replayed.status,
        });
    }
    let mut absent: Vec<_> = logged.into_iter().collect();
    absent.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    found.extend(absent.into_iter().map(|(id, r)| Unexplained {
        id,
        stored: Stored::Absent,
        logged: r.status,
    }));
    found
}

/// What a reopening does: where the case goes back to, and the decision it undoes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reopening {
    pub back_to: CaseStatus,
    /// The undone decision's log entry.
    pub undoes: u64,
    pub decided_by: String,
}

/// What a supervisor's reopening of case `id` does, given its stored status and its log.
/// Only approved and rejected cases reopen, only by a supervisor other than the one who
/// decided, with a reason.
pub fn reopening(
    id: &str,
    status: &CaseStatus,
    history: &[LogEntry],
    who: &Account,
    reason: &str,
) -> Result<Reopening, DecisionRefused> {
    if !who.has(Role::Supervisor) {
        return Err(AuthError::Refused.into());
    }
    let not_reopenable = || DecisionRefused::NotReopenable {
        case: id.to_owned(),
        status: status.code(),
    };
    if !matches!(
        status,
        CaseStatus::Decided(Outcome::Approved | Outcome::Rejected)
    ) {
        return Err(not_reopenable());
    }
    let replayed = replay(history);
    // A stored decision the log does not hold cannot be undone by the log.
    let Some((seq, by)) = replayed
        .last_decision
        .filter(|_| &replayed.status == status)
    else {
        return Err(not_reopenable());
    };
    if reads_as(&by, &who.skeleton()) {
        return Err(DecisionRefused::OwnDecision {
            case: id.to_owned(),
            by,
        });
    }
    if reason.trim().is_empty() {
        return Err(DecisionRefused::ReopenWithoutReason);
    }
    Ok(Reopening {
        back_to: replayed.decided_from,
        undoes: seq,
        decided_by: by,
    })
}

/// The `change` of a reopening: what it undid (the decision's status and entry) and where
/// the case went back to. `undone_entry` reads the entry back.
pub fn reopen_change(status: &CaseStatus, undoes: u64, queue: &str) -> String {
    format!(
        "reopened the {} decision of entry {undoes}; back to the {queue} queue",
        status.code()
    )
}

/// The entry a reopening undid, from its `change` (`reopen_change`).
pub fn undone_entry(change: &str) -> Option<u64> {
    let (_, after) = change.split_once(" decision of entry ")?;
    after.split(';').next()?.parse().ok()
}

/// Leases last from one second to a day: long enough for any review, never a lock-out.
pub fn check_lease(lease: chrono::Duration) -> Result<(), DecisionRefused> {
    let secs = lease.num_seconds();
    if (1..=86_400).contains(&secs) {
        Ok(())
    } else {
        Err(DecisionRefused::BadLease(secs))
    }
}

/// What a decision does: the case's next status, and the outcome and reasons the log records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub next: CaseStatus,
    pub outcome: Outcome,
    /// The rejection's reasons, or the reasons an escalation proposes to the fraud team.
    pub reasons: Vec<ReasonCode>,
}

/// Checks a decision against the case and the account; returns what it does. A rejection
/// citing a fraud reason by an account without the fraud role becomes an escalation that
/// carries the proposed reasons, for the fraud team to confirm or overturn (TEAM.md).
pub fn next_status(
    case_id: &str,
    status: &CaseStatus,
    claim: Option<&Claim>,
    account: &Account,
    verdict: &Verdict,
    now: DateTime<Utc>,
) -> Result<Transition, DecisionRefused> {
    if let Some(c) = claim.filter(|c| c.is_live(now) && c.by != account.name) {
        return Err(DecisionRefused::ClaimedByOther {
            case: case_id.to_owned(),
            by: c.by.clone(),
            until: c.lease_until,
        });
    }
    check_authority(case_id, status, account)?;
    let escalate = |reasons: Vec<ReasonCode>| Transition {
        next: CaseStatus::Escalated {
            by: account.name.clone(),
        },
        outcome: Outcome::Escalated,
        reasons,
    };
    let decide = |v: &Verdict| Transition {
        next: CaseStatus::Decided(v.outcome()),
        outcome: v.outcome(),
        reasons: v.reasons().to_vec(),
    };
    match (status, verdict) {
        (CaseStatus::Pending, Verdict::Escalate) => Ok(escalate(Vec::new())),
        (CaseStatus::Pending, Verdict::Reject(r))
            if !account.has(Role::Fraud)
                && r.codes().iter().any(|c| c.category() == Category::Fraud) =>
        {
            Ok(escalate(r.codes().to_vec()))
        }
        (CaseStatus::Escalated { .. }, Verdict::Escalate) => {
            Err(DecisionRefused::AlreadyEscalated(case_id.to_owned()))
        }
        (_, v) => Ok(decide(v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::Roles;
    use chrono::TimeZone;

    fn t(s: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_800_000_000 + s, 0).unwrap()
    }
    fn who(name: &str, roles: &[Role]) -> Account {
        Account {
            name: name.into(),
            roles: Roles::of(roles.iter().copied()),
            disabled: false,
            has_password: true,
        }
    }
    const REVIEWER: &[Role] = &[Role::Reviewer];
    const FRAUD: &[Role] = &[Role::Reviewer, Role::Fraud];

    fn reject(codes: &[ReasonCode]) -> Verdict {
        Verdict::Reject(Reasons::new(codes.iter().copied()).unwrap())
    }

    #[test]
    fn pending_case_decisions() {
        let ana = who("ana", REVIEWER);
        let t0 = next_status(
            "c",
            &CaseStatus::Pending,
            None,
            &ana,
            &Verdict::Approve,
            t(0),
        );
        assert_eq!(t0.unwrap().next, CaseStatus::Decided(Outcome::Approved));
        let t1 = next_status(
            "c",
            &CaseStatus::Pending,
            None,
            &ana,
            &Verdict::Escalate,
            t(0),
        );
        assert_eq!(t1.unwrap().next, CaseStatus::Escalated { by: "ana".into() });
        // Without the reviewer role, pending cases are not this account's to decide.
        let auditor = who("aud", &[Role::Auditor]);
        assert_eq!(
            next_status(
                "c",
                &CaseStatus::Pending,
                None,
                &auditor,
                &Verdict::Approve,
                t(0)
            ),
            Err(DecisionRefused::NotAllowed(AuthError::Refused))
        );
    }

    #[test]
    fn fraud_reasons_from_a_plain_reviewer_become_a_proposal() {
        let ana = who("ana", REVIEWER);
        let v = reject(&[ReasonCode::FraudOther, ReasonCode::ValidityDocumentExpired]);
        let tr = next_status("c", &CaseStatus::Pending, None, &ana, &v, t(0)).unwrap();
        assert_eq!(tr.next, CaseStatus::Escalated { by: "ana".into() });
        assert_eq!(tr.outcome, Outcome::Escalated);
        assert_eq!(
            tr.reasons,
            vec![ReasonCode::FraudOther, ReasonCode::ValidityDocumentExpired]
        );
        // A fraud reviewer's own fraud rejection stands.
        let eve = who("eve", FRAUD);
        let tr = next_status("c", &CaseStatus::Pending, None, &eve, &v, t(0)).unwrap();
        assert_eq!(tr.next, CaseStatus::Decided(Outcome::Rejected));
        // Other reasons from a plain reviewer stand too.
        let v = reject(&[ReasonCode::ValidityDocumentExpired]);
        let tr = next_status("c", &CaseStatus::Pending, None, &ana, &v, t(0)).unwrap();
        assert_eq!(tr.outcome, Outcome::Rejected);
    }

    #[test]
    fn claims_block_others_until_they_expire() {
        let claim = Claim {
            by: "ben".into(),
            claimed_at: t(0),
            lease_until: t(60),
        };
        let ana = who("ana", REVIEWER);
        let r = next_status(
            "c",
            &CaseStatus::Pending,
            Some(&claim),
            &ana,
            &Verdict::Approve,
            t(30),
        );
        assert!(matches!(r, Err(DecisionRefused::ClaimedByOther { .. })));
        let r = next_status(
            "c",
            &CaseStatus::Pending,
            Some(&claim),
            &ana,
            &Verdict::Approve,
            t(60),
        );
        assert!(r.is_ok());
    }

    #[test]
    fn fraud_queue_needs_a_second_fraud_reviewer() {
        let escalated = CaseStatus::Escalated { by: "ana".into() };
        let v = reject(&[ReasonCode::FraudOther]);
        assert_eq!(
            next_status("c", &escalated, None, &who("ben", REVIEWER), &v, t(0)),
            Err(DecisionRefused::NotAllowed(AuthError::Refused))
        );
        // The escalator under any name that reads the same: Ana, Cyrillic аna, ＡＮＡ.
        for same in ["ana", "Ana", "\u{0430}na", "ＡＮＡ"] {
            assert!(
                matches!(
                    next_status("c", &escalated, None, &who(same, FRAUD), &v, t(0)),
                    Err(DecisionRefused::FourEyes { .. })
                ),
                "{same}"
            );
            assert!(check_claim("c", &escalated, &who(same, FRAUD)).is_err());
        }
        assert_eq!(
            next_status("c", &escalated, None, &who("eve", FRAUD), &v, t(0))
                .unwrap()
                .next,
            CaseStatus::Decided(Outcome::Rejected)
        );
        assert!(matches!(
            next_status(
                "c",
                &escalated,
                None,
                &who("eve", FRAUD),
                &Verdict::Escalate,
                t(0)
            ),
            Err(DecisionRefused::AlreadyEscalated(_))
        ));
        assert!(matches!(
            next_status(
                "c",
                &CaseStatus::Decided(Outcome::Rejected),
                None,
                &who("eve", FRAUD),
                &Verdict::Approve,
                t(0)
            ),
            Err(DecisionRefused::AlreadyDecided { .. })
        ));
    }

    #[test]
    fn reasons_are_never_empty_and_deduplicated() {
        assert!(Reasons::new([]).is_none());
        let r = Reasons::new([ReasonCode::OtherUnderage, ReasonCode::OtherUnderage]).unwrap();
        assert_eq!(r.codes(), &[ReasonCode::OtherUnderage]);
    }

    fn entry(seq: u64, kind: EntryKind, by: &str, outcome: Option<Outcome>) -> LogEntry {
        LogEntry {
            outcome,
            seq,
            note: "why".into(),
            ..LogEntry::authority(kind, "c", t(seq as i64), by, "x", "y")
        }
    }

    #[test]
    fn the_log_replays_to_the_state_and_a_reopening_goes_back_one_step() {
        use EntryKind::{Decision, Release, Reopen};
        let esc = entry(1, Decision, "ana", Some(Outcome::Escalated));
        let fraud_ok = entry(2, Decision, "fay", Some(Outcome::Approved));
        let released = entry(3, Release, "sam", None);
        let reopened = entry(4, Reopen, "sam", None);
        let escalated = CaseStatus::Escalated { by: "ana".into() };
        assert_eq!(replay(&[]).status, CaseStatus::Pending);
        let r = replay([&esc, &fraud_ok, &released]);
        assert_eq!(r.status, CaseStatus::Decided(Outcome::Approved));
        assert_eq!(r.decided_from, escalated);
        assert_eq!(r.last_decision, Some((2, "fay".into())));
        assert_eq!(replay([&esc, &fraud_ok, &reopened]).status, escalated);
        // Decided again after the reopening, and reopened again: still the fraud team's.
        let again = entry(5, Decision, "eve", Some(Outcome::Rejected));
        let reopened2 = entry(6, Reopen, "sam", None);
        assert_eq!(
            replay([&esc, &fraud_ok, &reopened, &again, &reopened2]).status,
            escalated
        );

        // Stored states against the replayed ones: a match, a mismatch, a status that does
        // not read back, and a case only the log knows.
        let logged = std::collections::HashMap::from([
            ("a".to_owned(), replay([&esc, &fraud_ok])),
            ("b".to_owned(), replay([&esc])),
            ("gone".to_owned(), replay([&esc])),
        ]);
        let stored = vec![
            ("a".to_owned(), Ok(CaseStatus::Decided(Outcome::Approved))),
            ("b".to_owned(), Ok(CaseStatus::Pending)),
            ("c".to_owned(), Err("bad status".to_owned())),
            ("d".to_owned(), Ok(CaseStatus::Pending)),
        ];
        let said: Vec<String> = unexplained(stored, logged)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            said,
            [
                "case b is stored as pending, but its log makes it escalated by ana",
                "case c is stored unreadably (bad status), but its log makes it pending",
                "case gone is not in the store, but its log makes it escalated by ana",
            ]
        );

        let sam = who("sam", &[Role::Supervisor]);
        let approved = CaseStatus::Decided(Outcome::Approved);
        let ok = reopening("c", &approved, &[esc.clone(), fraud_ok.clone()], &sam, "r");
        assert_eq!(
            ok,
            Ok(Reopening {
                back_to: escalated,
                undoes: 2,
                decided_by: "fay".into()
            })
        );
        // A stored status the log does not explain is not reopened from the log.
        assert!(matches!(
            reopening("c", &approved, std::slice::from_ref(&esc), &sam, "r"),
            Err(DecisionRefused::NotReopenable { .. })
        ));
        let fay = who("Fay", &[Role::Supervisor]);
        assert!(matches!(
            reopening("c", &approved, &[esc, fraud_ok], &fay, "r"),
            Err(DecisionRefused::OwnDecision { .. })
        ));
    }
}
