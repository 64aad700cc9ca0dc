//! What a claim, a release and a decision write, decided from the rows the transaction read:
//! both back ends read the same state, call these, and write what they return.

use super::StoreError;
use crate::access_log::{self, Access};
use crate::accounts::{Account, AuthError, Judgement, Refusal, Role};
use crate::applicant_message;
use crate::decision_log::{EntryKind, LogEntry, timestamp};
use crate::hints::HintCode;
use crate::lifecycle::{self, CaseStatus, Claim, DecisionRefused, DecisionRequest, Transition};
use crate::qa::{self, QaRate};
use crate::retention::{self, PurgeReport, PurgeRule};
use crate::submission::Submission;
use crate::taxonomy::{Outcome, is_final};
use chrono::{DateTime, Utc};

/// The statements a back end provides inside one write transaction; the claim, release and
/// decision below are written once on top of them.
pub trait CaseWriter {
    /// The case's status, claim and applicant locale, its row locked where the back end can.
    fn case_state(&mut self, id: &str) -> Result<(CaseStatus, Option<Claim>, String), StoreError>;
    fn hint_codes(&mut self, id: &str) -> Result<Vec<HintCode>, StoreError>;
    /// Whether the case's slower checks have yet to add their hints.
    fn checks_running(&mut self, id: &str) -> Result<bool, StoreError>;
    /// The case's log entries, in order.
    fn case_entries(&mut self, id: &str) -> Result<Vec<LogEntry>, StoreError>;
    /// Numbers, chains, seals and writes the entry.
    fn append(&mut self, entry: LogEntry) -> Result<LogEntry, StoreError>;
    fn set_claim(&mut self, id: &str, claim: Option<&Claim>) -> Result<(), StoreError>;
    /// Moves the case on (keeping who escalated it) and ends its claim.
    fn set_status(&mut self, id: &str, next: &CaseStatus) -> Result<(), StoreError>;
    /// The approved or rejected cases not purged yet whose last decision was before
    /// `before`: id, client and submission (JSON).
    fn purgeable(&mut self, before: &str) -> Result<Vec<[String; 3]>, StoreError>;
    /// The stored images case `id` refers to.
    fn case_images(&mut self, id: &str) -> Result<Vec<String>, StoreError>;
    /// Takes case `id`'s personal data away (`rows::PURGE_CASE_ROW` and `PURGE_CASE_PARTS`),
    /// `submission` kept in its place.
    fn erase_case(&mut self, id: &str, submission: &str, now: &str) -> Result<(), StoreError>;
    /// Whether no case refers to image `sha` any longer; if so it is forgotten where images
    /// are rows.
    fn release_image(&mut self, sha: &str) -> Result<bool, StoreError>;
    /// Whether case `id`'s personal data was purged.
    fn is_purged(&mut self, id: &str) -> Result<bool, StoreError>;
    /// The approved or rejected cases, not purged and not waiting for QA, whose deciding
    /// entry is after entry `after`, in log order.
    fn decided_since(&mut self, after: u64) -> Result<Vec<qa::Decided>, StoreError>;
    /// Waits for the log's head, as appending does: every decision appended before is then
    /// committed and seen, and none is appended until this transaction ends.
    fn lock_log(&mut self) -> Result<(), StoreError>;
    /// The last entry the last QA sample considered (0 before any).
    fn qa_considered(&mut self) -> Result<u64, StoreError>;
    fn set_qa_considered(&mut self, seq: u64) -> Result<(), StoreError>;
    /// Case `id`'s place in the QA queue, its row locked where the back end can.
    fn qa_pending(&mut self, id: &str) -> Result<Option<qa::Pending>, StoreError>;
    fn put_qa_pending(&mut self, p: &qa::Pending) -> Result<(), StoreError>;
    fn clear_qa_pending(&mut self, id: &str) -> Result<(), StoreError>;
}

/// Purges, as administrator `who`, the cases each rule covers; each rule's purge is logged,
/// also when it found nothing to purge.
pub fn purge_cases(
    w: &mut impl CaseWriter,
    rules: &[PurgeRule],
    who: &Account,
    now: DateTime<Utc>,
) -> Result<PurgeReport, StoreError> {
    if !who.has(Role::Admin) {
        return Err(DecisionRefused::NotAllowed(AuthError::Refused).into());
    }
    let mut report = PurgeReport::default();
    for rule in rules {
        let mut count = 0;
        for [id, client, submission] in w.purgeable(&timestamp(rule.before))? {
            if !rule.clients.covers(&client) || report.cases.contains(&id) {
                continue;
            }
            let stored: Submission = serde_json::from_str(&submission)
                .map_err(|e| super::rows::corrupt("stored submission", e))?;
            let kept = serde_json::to_string(&retention::purged_submission(&stored))
                .map_err(|e| super::rows::corrupt("submission", e))?;
            let images = w.case_images(&id)?;
            w.erase_case(&id, &kept, &timestamp(now))?;
            for sha in images {
                if w.release_image(&sha)? {
                    report.images.push(sha);
                }
            }
            report.cases.push(id);
            count += 1;
        }
        let entry = retention::purge_entry(rule, count, &who.name, now);
        report.entries.push(w.append(entry)?);
    }
    Ok(report)
}

/// Claims case `id` for `who` until `lease_end`.
pub fn claim_case(
    w: &mut impl CaseWriter,
    id: &str,
    who: &Account,
    now: DateTime<Utc>,
    lease_end: DateTime<Utc>,
) -> Result<Claim, StoreError> {
    let (status, existing, _) = w.case_state(id)?;
    let taken = claim(id, &status, existing, who, now, lease_end)?;
    record_claim(w, id, &taken, now)?;
    Ok(taken)
}

/// Sets claim `taken` on case `id`, and logs it (the access log).
pub fn record_claim(
    w: &mut impl CaseWriter,
    id: &str,
    taken: &Claim,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    w.append(access_log::claim_entry(id, taken, now))?;
    w.set_claim(id, Some(taken))
}

/// Releases the claim on `id` (another's only as a supervisor), logged.
pub fn release_case(
    w: &mut impl CaseWriter,
    id: &str,
    who: &Account,
    now: DateTime<Utc>,
) -> Result<LogEntry, StoreError> {
    let (_, existing, _) = w.case_state(id)?;
    let entry = w.append(release(id, existing, who, now)?)?;
    w.set_claim(id, None)?;
    Ok(entry)
}

/// Records `access` by `who`: opening a case needs a role that works on cases (an
/// administrator's alone does not), exporting the auditor's.
pub fn record_access(
    w: &mut impl CaseWriter,
    access: &Access,
    who: &Account,
    now: DateTime<Utc>,
) -> Result<LogEntry, StoreError> {
    let allowed = if access.is_export() {
        who.has(Role::Auditor)
    } else {
        [Role::Reviewer, Role::Fraud, Role::Supervisor, Role::Auditor]
            .into_iter()
            .any(|r| who.has(r))
    };
    if !allowed {
        return Err(DecisionRefused::NotAllowed(AuthError::Refused).into());
    }
    match access {
        // The case must exist: the log names no case the store never had.
        Access::Opened { case } | Access::Packet { case } => {
            w.case_state(case)?;
        }
        Access::OpenedForQa { case } => {
            qa_reviewable(w, case, who)?;
        }
        _ => {}
    }
    w.append(access.entry(&who.name, now))
}

/// Samples decided cases into the QA queue, as supervisor `who`: of the cases decided since
/// the last sample, each client's share at `rate` (or, without one, at its rate from
/// `rate_of`), chosen with `seed`. Each sampled case and the run are logged.
pub fn sample_for_qa(
    w: &mut impl CaseWriter,
    rate: Option<QaRate>,
    rate_of: &dyn Fn(&str) -> Option<QaRate>,
    seed: u64,
    who: &Account,
    now: DateTime<Utc>,
) -> Result<qa::Sampled, StoreError> {
    if !who.has(Role::Supervisor) {
        return Err(DecisionRefused::NotAllowed(AuthError::Refused).into());
    }
    // A decision being recorded meanwhile would be below the mark yet unseen: it is
    // waited for, and no other (nor a second sample) comes between.
    w.lock_log()?;
    let considered = w.qa_considered()?;
    let candidates = w.decided_since(considered)?;
    let at = |client: &str| rate.or_else(|| rate_of(client));
    let mut sampled = Vec::new();
    for i in qa::sample(&candidates, &at, seed) {
        let c = &candidates[i];
        let entry = w.append(qa::sampled_entry(c, &who.name, now))?;
        let pending = qa::Pending {
            case_id: c.case_id.clone(),
            decision_seq: c.decision_seq,
            sampled_seq: entry.seq,
        };
        w.put_qa_pending(&pending)?;
        sampled.push(pending);
    }
    let run = w.append(qa::run_entry(
        candidates.len(),
        sampled.len(),
        rate,
        &who.name,
        now,
    ))?;
    w.set_qa_considered(run.seq)?;
    Ok(qa::Sampled {
        considered: candidates.len(),
        sampled,
        run,
    })
}

/// Case `id`'s place in the QA queue and its entries, if `who` may review it blind: a
/// reviewer or supervisor who has not seen its decision.
fn qa_reviewable(
    w: &mut impl CaseWriter,
    id: &str,
    who: &Account,
) -> Result<(qa::Pending, Vec<LogEntry>), StoreError> {
    if !(who.has(Role::Reviewer) || who.has(Role::Supervisor)) {
        return Err(DecisionRefused::NotAllowed(AuthError::Refused).into());
    }
    w.case_state(id)?;
    if w.is_purged(id)? {
        return Err(DecisionRefused::Purged(id.to_owned()).into());
    }
    let pending = w
        .qa_pending(id)?
        .ok_or_else(|| DecisionRefused::NotInQa(id.to_owned()))?;
    let entries = w.case_entries(id)?;
    if qa::has_seen_decision(&entries, &who.name) {
        return Err(DecisionRefused::SeenDecision(id.to_owned()).into());
    }
    Ok((pending, entries))
}

/// Records `req` by `who` as the blind second review of case `req.case_id`: a `qa` entry
/// comparing it with the decision under review; the case itself does not change.
pub fn review_for_qa(
    w: &mut impl CaseWriter,
    req: &DecisionRequest,
    who: &Account,
    now: DateTime<Utc>,
) -> Result<LogEntry, StoreError> {
    let (pending, entries) = qa_reviewable(w, &req.case_id, who)?;
    let first = entries
        .iter()
        .find(|e| e.seq == pending.decision_seq)
        .ok_or_else(|| {
            StoreError::Database(format!(
                "case {}'s QA names entry {}, which is not one of the case's",
                req.case_id, pending.decision_seq
            ))
        })?;
    let review = qa::Review {
        verdict: &req.verdict,
        note: &req.note,
        hints: w.hint_codes(&req.case_id)?,
        handling_ms: req.handling_ms.unwrap_or(0),
    };
    let entry = w.append(qa::review_entry(first, review, &who.name, now))?;
    w.clear_qa_pending(&req.case_id)?;
    Ok(entry)
}

/// Reopens decided case `id` as supervisor `who`, for `reason`: the entry appended and the
/// case back in the queue its decision was made from, unclaimed.
pub fn reopen_case(
    w: &mut impl CaseWriter,
    id: &str,
    reason: &str,
    who: &Account,
    now: DateTime<Utc>,
) -> Result<LogEntry, StoreError> {
    let (status, _, _) = w.case_state(id)?;
    if w.is_purged(id)? {
        return Err(DecisionRefused::Purged(id.to_owned()).into());
    }
    let history = w.case_entries(id)?;
    let r = lifecycle::reopening(id, &status, &history, who, reason)?;
    let queue = match r.back_to {
        CaseStatus::Escalated { .. } => "fraud",
        _ => "review",
    };
    let entry = LogEntry {
        note: reason.trim().to_owned(),
        ..LogEntry::authority(
            EntryKind::Reopen,
            id,
            now,
            &who.name,
            &r.decided_by,
            &lifecycle::reopen_change(&status, r.undoes, queue),
        )
    };
    let entry = w.append(entry)?;
    w.set_status(id, &r.back_to)?;
    // A QA of the decision undone is moot: the case will be decided again.
    w.clear_qa_pending(id)?;
    Ok(entry)
}

/// Records `req` by `who`: the entry appended and the case moved on.
pub fn decide_case(
    w: &mut impl CaseWriter,
    req: &DecisionRequest,
    who: &Account,
    now: DateTime<Utc>,
) -> Result<LogEntry, StoreError> {
    let (status, existing, locale) = w.case_state(&req.case_id)?;
    let hints = w.hint_codes(&req.case_id)?;
    let running = w.checks_running(&req.case_id)?;
    if running && !req.despite_running_checks {
        return Err(DecisionRefused::ChecksRunning(req.case_id.clone()).into());
    }
    let (mut entry, next) = decision(req, who, &status, existing.as_ref(), hints, &locale, now)?;
    if running {
        // The log says what the reviewer decided without: the hints it lists are not all.
        entry.change = crate::decision_log::CHECKS_RUNNING.to_owned();
    }
    let entry = w.append(entry)?;
    w.set_status(&req.case_id, &next)?;
    Ok(entry)
}

/// When a lease taken at `now` ends: from one second to a day, never past the calendar.
pub fn lease_end(
    now: DateTime<Utc>,
    lease: chrono::Duration,
) -> Result<DateTime<Utc>, DecisionRefused> {
    lifecycle::check_lease(lease)?;
    now.checked_add_signed(lease)
        .ok_or(DecisionRefused::BadLease(lease.num_seconds()))
}

/// The claim `who` gets on a case in `status` held by `existing`, until `lease_end`; renewing
/// one's own live claim keeps its start.
pub fn claim(
    id: &str,
    status: &CaseStatus,
    existing: Option<Claim>,
    who: &Account,
    now: DateTime<Utc>,
    lease_end: DateTime<Utc>,
) -> Result<Claim, DecisionRefused> {
    lifecycle::check_claim(id, status, who)?;
    let claimed_at = match existing {
        Some(c) if c.is_live(now) && c.by != who.name => {
            return Err(DecisionRefused::ClaimedByOther {
                case: id.to_owned(),
                by: c.by,
                until: c.lease_until,
            });
        }
        Some(c) if c.is_live(now) => c.claimed_at,
        _ => now,
    };
    Ok(Claim {
        by: who.name.clone(),
        claimed_at,
        lease_until: lease_end,
    })
}

/// The first of `candidates` (in queue order) that `who` may claim, with the claim: cases it
/// may not take (its own escalations, a role it lacks) are passed over.
pub fn first_claimable(
    candidates: Vec<super::rows::RawCaseState>,
    who: &Account,
    now: DateTime<Utc>,
    lease_end: DateTime<Utc>,
) -> Result<Option<(String, Claim)>, StoreError> {
    for c in candidates {
        // A row that does not read back is its own case's problem (the queue shows it):
        // the next case is still taken.
        let Ok((id, status, existing)) = c.into_state() else {
            continue;
        };
        if let Ok(taken) = claim(&id, &status, existing, who, now, lease_end) {
            return Ok(Some((id, taken)));
        }
    }
    Ok(None)
}

/// Whether `who` may release `claim`: one's own freely, another's only as a supervisor.
/// The entry that records the release.
pub fn release(
    id: &str,
    claim: Option<Claim>,
    who: &Account,
    now: DateTime<Utc>,
) -> Result<LogEntry, DecisionRefused> {
    match claim {
        None => Err(DecisionRefused::NotClaimedBy {
            case: id.to_owned(),
            reviewer: who.name.clone(),
        }),
        Some(c) if c.by == who.name || who.has(Role::Supervisor) => {
            Ok(access_log::release_entry(id, &c, &who.name, now))
        }
        Some(c) => Err(DecisionRefused::ClaimOfAnother {
            case: id.to_owned(),
            by: c.by,
        }),
    }
}

/// A decision's log entry (the store numbers and chains it) and the case's next status.
pub fn decision(
    req: &DecisionRequest,
    who: &Account,
    status: &CaseStatus,
    claim: Option<&Claim>,
    hints: Vec<HintCode>,
    applicant_locale: &str,
    now: DateTime<Utc>,
) -> Result<(LogEntry, CaseStatus), DecisionRefused> {
    let Transition {
        next,
        outcome,
        reasons,
    } = lifecycle::next_status(&req.case_id, status, claim, who, &req.verdict, now)?;
    let handling_ms = req.handling_ms.unwrap_or_else(|| {
        claim
            .filter(|c| c.by == who.name)
            .map_or(0, |c| (now - c.claimed_at).num_milliseconds().max(0) as u64)
    });
    // The message is written in the applicant's language when Vigil has it, else English;
    // the log records the language actually used. An escalation's proposed reasons are for
    // the fraud team, not the applicant.
    let rejected = outcome == Outcome::Rejected;
    let (lang, applicant_message) = applicant_message::compose(
        outcome,
        if rejected { &reasons } else { &[] },
        applicant_locale,
    );
    let entry = LogEntry {
        seq: 0,
        kind: EntryKind::Decision,
        submission_id: req.case_id.clone(),
        decided_at: now,
        reviewer: who.name.clone(),
        outcome: Some(outcome),
        is_final: rejected && is_final(&reasons),
        applicant_message,
        reasons,
        note: req.note.clone(),
        hints,
        handling_ms,
        applicant_locale: lang.code().to_owned(),
        subject: String::new(),
        change: String::new(),
        note_salt: String::new(),
        note_commitment: String::new(),
        prev_hash: String::new(),
        hash: String::new(),
    };
    Ok((entry, next))
}

/// The outcome of a proof of identity.
pub enum Authenticated {
    Yes(Account),
    /// Refused; `failed` names the account a failed password counts against.
    No {
        error: AuthError,
        failed: Option<String>,
    },
}

/// A session's account: usable while it exists and is not disabled.
pub fn session_account(account: Option<Account>) -> Authenticated {
    match account {
        Some(a) if !a.disabled => Authenticated::Yes(a),
        _ => Authenticated::No {
            error: AuthError::SessionEnded,
            failed: None,
        },
    }
}

/// The accepted account's name, or the refusal to report.
pub fn judged(j: Judgement) -> Result<String, Authenticated> {
    match j {
        Judgement::Accept { name } => Ok(name),
        Judgement::Refuse { count_against } => Err(Authenticated::No {
            error: AuthError::Refused,
            failed: count_against,
        }),
        Judgement::Locked { name, until } => Err(Authenticated::No {
            error: AuthError::locked(name, until),
            failed: None,
        }),
    }
}

/// A refused account change as the store reports it.
pub fn refusal(r: Refusal) -> StoreError {
    match r {
        Refusal::NotAllowed => DecisionRefused::NotAllowed(AuthError::Refused).into(),
        Refusal::Invalid(e) => e.into(),
    }
}

/// The first administrator's name, while the store has no administrator (a migrated store
/// has accounts but none yet), and the log entry that records it.
pub fn first_admin(
    name: &str,
    accounts: &[Account],
    now: DateTime<Utc>,
) -> Result<(crate::accounts::AccountName, LogEntry), StoreError> {
    use crate::accounts::{AccountError, AccountName, name_skeleton};
    let name = AccountName::parse(name)?;
    if accounts.iter().any(|a| a.has(Role::Admin)) {
        return Err(AccountError::AlreadyInitialised.into());
    }
    if let Some(existing) = accounts
        .iter()
        .find(|a| name_skeleton(&a.name) == name.skeleton())
    {
        return Err(AccountError::NameTaken {
            name: name.to_string(),
            existing: existing.name.clone(),
        }
        .into());
    }
    let entry = LogEntry::authority(
        EntryKind::Account,
        "",
        now,
        name.as_str(),
        name.as_str(),
        crate::account_log::FIRST_ADMIN,
    );
    Ok((name, entry))
}

/// The log entry of a planned account change by `actor`.
pub fn account_entry(
    actor: &Account,
    planned: &crate::accounts::Planned,
    now: DateTime<Utc>,
) -> LogEntry {
    LogEntry::authority(
        EntryKind::Account,
        "",
        now,
        &actor.name,
        &planned.subject,
        &planned.change,
    )
}
