//! The case life cycle and the rules a decision must satisfy, free of any storage.
//! pending → (claimed) → approved | rejected | escalated; escalated → (fraud reviewer) → approved | rejected.

use crate::accounts::{Account, AuthError, Credential, Role, name_skeleton};
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
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionRefused {
    #[error("case {0} does not exist")]
    NoSuchCase(String),
    #[error(transparent)]
    NotAllowed(#[from] AuthError),
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
        CaseStatus::Escalated { by } if name_skeleton(by) == account.skeleton() => {
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
}
