//! The case life cycle and the rules a decision must satisfy, free of any storage.
//! pending → (claimed) → approved | rejected | escalated; escalated → (fraud reviewer) → approved | rejected.

use crate::taxonomy::{Outcome, ReasonCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A reviewer profile. Every profile may review; `fraud` also allows deciding escalated cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reviewer {
    pub name: String,
    pub fraud: bool,
}

impl Reviewer {
    /// Reviewer names are what the log records: printable, trimmed, 1–64 characters.
    pub fn validate_name(name: &str) -> Result<(), DecisionRefused> {
        let ok = !name.is_empty()
            && name.chars().count() <= 64
            && name.trim() == name
            && !name.chars().any(char::is_control);
        if ok {
            Ok(())
        } else {
            Err(DecisionRefused::BadReviewerName(name.to_owned()))
        }
    }
}

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
    pub reviewer: String,
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
    #[error("no reviewer profile named `{0}`")]
    NoSuchReviewer(String),
    #[error(
        "`{0}` is not a usable reviewer name (1–64 printable characters, no surrounding spaces)"
    )]
    BadReviewerName(String),
    #[error("case {case} was already {outcome}")]
    AlreadyDecided { case: String, outcome: Outcome },
    #[error("case {case} is being reviewed by {by} until {until}")]
    ClaimedByOther {
        case: String,
        by: String,
        until: DateTime<Utc>,
    },
    #[error("case {0} is escalated: only a reviewer with the fraud role decides it")]
    FraudRoleRequired(String),
    #[error(
        "case {case} was escalated by {by}; four-eyes rule: another fraud reviewer must decide it"
    )]
    FourEyes { case: String, by: String },
    #[error("case {0} is already in the fraud queue")]
    AlreadyEscalated(String),
    #[error("case {case} is not claimed by {reviewer}")]
    NotClaimedBy { case: String, reviewer: String },
    #[error("a lease of {0} seconds is outside 1 second to 24 hours")]
    BadLease(i64),
}

/// Whether `reviewer` may take a lease on a case in `status`: escalated cases are claimed
/// only by fraud reviewers other than the one who escalated, so nobody else can block them.
pub fn check_claim(
    case_id: &str,
    status: &CaseStatus,
    reviewer: &Reviewer,
) -> Result<(), DecisionRefused> {
    match status {
        CaseStatus::Decided(outcome) => Err(DecisionRefused::AlreadyDecided {
            case: case_id.to_owned(),
            outcome: *outcome,
        }),
        CaseStatus::Escalated { .. } if !reviewer.fraud => {
            Err(DecisionRefused::FraudRoleRequired(case_id.to_owned()))
        }
        CaseStatus::Escalated { by } if *by == reviewer.name => Err(DecisionRefused::FourEyes {
            case: case_id.to_owned(),
            by: by.clone(),
        }),
        _ => Ok(()),
    }
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

/// Checks a decision against the case and the reviewer; returns the case's next status.
pub fn next_status(
    case_id: &str,
    status: &CaseStatus,
    claim: Option<&Claim>,
    reviewer: &Reviewer,
    verdict: &Verdict,
    now: DateTime<Utc>,
) -> Result<CaseStatus, DecisionRefused> {
    if let Some(c) = claim.filter(|c| c.is_live(now) && c.by != reviewer.name) {
        return Err(DecisionRefused::ClaimedByOther {
            case: case_id.to_owned(),
            by: c.by.clone(),
            until: c.lease_until,
        });
    }
    match (status, verdict) {
        (CaseStatus::Decided(outcome), _) => Err(DecisionRefused::AlreadyDecided {
            case: case_id.to_owned(),
            outcome: *outcome,
        }),
        (CaseStatus::Pending, Verdict::Escalate) => Ok(CaseStatus::Escalated {
            by: reviewer.name.clone(),
        }),
        (CaseStatus::Pending, v) => Ok(CaseStatus::Decided(v.outcome())),
        (CaseStatus::Escalated { .. }, Verdict::Escalate) => {
            Err(DecisionRefused::AlreadyEscalated(case_id.to_owned()))
        }
        (CaseStatus::Escalated { .. }, _) if !reviewer.fraud => {
            Err(DecisionRefused::FraudRoleRequired(case_id.to_owned()))
        }
        (CaseStatus::Escalated { by }, _) if *by == reviewer.name => {
            Err(DecisionRefused::FourEyes {
                case: case_id.to_owned(),
                by: by.clone(),
            })
        }
        (CaseStatus::Escalated { .. }, v) => Ok(CaseStatus::Decided(v.outcome())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(s: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_800_000_000 + s, 0).unwrap()
    }
    fn who(name: &str, fraud: bool) -> Reviewer {
        Reviewer {
            name: name.into(),
            fraud,
        }
    }

    #[test]
    fn pending_case_decisions() {
        let ana = who("ana", false);
        assert_eq!(
            next_status(
                "c",
                &CaseStatus::Pending,
                None,
                &ana,
                &Verdict::Approve,
                t(0)
            ),
            Ok(CaseStatus::Decided(Outcome::Approved))
        );
        assert_eq!(
            next_status(
                "c",
                &CaseStatus::Pending,
                None,
                &ana,
                &Verdict::Escalate,
                t(0)
            ),
            Ok(CaseStatus::Escalated { by: "ana".into() })
        );
    }

    #[test]
    fn claims_block_others_until_they_expire() {
        let claim = Claim {
            by: "ben".into(),
            claimed_at: t(0),
            lease_until: t(60),
        };
        let ana = who("ana", false);
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
        let reject = Verdict::Reject(Reasons::new([ReasonCode::FraudOther]).unwrap());
        assert_eq!(
            next_status("c", &escalated, None, &who("ben", false), &reject, t(0)),
            Err(DecisionRefused::FraudRoleRequired("c".into()))
        );
        assert!(matches!(
            next_status("c", &escalated, None, &who("ana", true), &reject, t(0)),
            Err(DecisionRefused::FourEyes { .. })
        ));
        assert_eq!(
            next_status("c", &escalated, None, &who("eve", true), &reject, t(0)),
            Ok(CaseStatus::Decided(Outcome::Rejected))
        );
        assert!(matches!(
            next_status(
                "c",
                &escalated,
                None,
                &who("eve", true),
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
                &who("eve", true),
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
        assert!(Reviewer::validate_name(" ana").is_err());
        assert!(Reviewer::validate_name("ana\n").is_err());
        assert!(Reviewer::validate_name("Anna Bērziņa").is_ok());
    }
}
