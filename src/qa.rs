//! Blind QA (TEAM.md "Team quality"): a random share of decided cases goes to a second
//! review by someone who does not see the first decision, its note or its reviewer. The second
//! decision is a `qa` entry of the log; it never changes the case (a supervisor may reopen
//! it from a disagreement). Sampling and reviewing are `qa` entries too, so the QA queue can
//! be replayed from the log like the cases' statuses.

use crate::decision_log::{EntryKind, LogEntry};
use crate::hints::HintCode;
use crate::lifecycle::Verdict;
use crate::taxonomy::{Outcome, ReasonCode};
use chrono::{DateTime, Utc};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The share of decided cases sampled: more than 0, at most 1.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct QaRate(f64);

impl TryFrom<f64> for QaRate {
    type Error = String;
    fn try_from(rate: f64) -> Result<QaRate, String> {
        QaRate::new(rate)
    }
}

impl From<QaRate> for f64 {
    fn from(r: QaRate) -> f64 {
        r.0
    }
}

impl QaRate {
    pub fn new(rate: f64) -> Result<QaRate, String> {
        if rate > 0.0 && rate <= 1.0 {
            Ok(QaRate(rate))
        } else {
            Err(format!(
                "a QA rate is a share of cases above 0 and at most 1 (0.05 for 5 %), not {rate}"
            ))
        }
    }

    pub fn get(self) -> f64 {
        self.0
    }

    /// How many of `n` cases a sample at this rate takes: the whole part of rate × n, and
    /// one more with the chance of its fraction, so that over many samples the share is
    /// the rate exactly (a rounding up would over-sample frequent small samples).
    pub fn of(self, n: usize, rng: &mut ChaCha8Rng) -> usize {
        let exact = self.0 * n as f64;
        let whole = exact.floor();
        let extra = rng.random_bool((exact - whole).clamp(0.0, 1.0));
        (whole as usize + usize::from(extra)).min(n)
    }
}

impl std::str::FromStr for QaRate {
    type Err = String;
    fn from_str(s: &str) -> Result<QaRate, String> {
        let rate: f64 = s
            .trim()
            .parse()
            .map_err(|_| format!("`{s}` is not a number (a QA rate is written like 0.05)"))?;
        QaRate::new(rate)
    }
}

/// A decided case that a sample may take: its deciding entry and client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub case_id: String,
    pub client: String,
    pub decision_seq: u64,
    pub reviewer: String,
}

/// A case waiting for its blind second review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub case_id: String,
    /// The entry of the decision under review.
    pub decision_seq: u64,
    /// The entry that sampled it.
    pub sampled_seq: u64,
}

/// A case of the QA queue as a second reviewer may see it: nothing of the first decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    pub case_id: String,
    pub client: String,
    pub submitted_at: DateTime<Utc>,
}

/// What one `qa sample` did.
#[derive(Debug, Clone, PartialEq)]
pub struct Sampled {
    /// Decided cases considered: those decided since the last sample, not in the queue.
    pub considered: usize,
    pub sampled: Vec<Pending>,
    /// The entry recording the run (the last decision it considered is below it).
    pub run: LogEntry,
}

/// A seed nobody chose: the operating system's randomness.
pub fn fresh_seed() -> u64 {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    OsRng.next_u64()
}

/// Picks `k` of `0..n` uniformly at random (a partial Fisher-Yates shuffle); in ascending
/// order.
pub fn choose(n: usize, k: usize, rng: &mut ChaCha8Rng) -> Vec<usize> {
    let mut all: Vec<usize> = (0..n).collect();
    let k = k.min(n);
    for i in 0..k {
        let j = rng.random_range(i..n);
        all.swap(i, j);
    }
    all.truncate(k);
    all.sort_unstable();
    all
}

/// Picks each client's share of `candidates` at the rate `rate_of` gives its client (none:
/// not sampled). Returns indexes into `candidates`, ascending.
pub fn sample(
    candidates: &[Decided],
    rate_of: &dyn Fn(&str) -> Option<QaRate>,
    seed: u64,
) -> Vec<usize> {
    let mut clients: Vec<&str> = candidates.iter().map(|c| c.client.as_str()).collect();
    clients.sort_unstable();
    clients.dedup();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut picked = Vec::new();
    for client in clients {
        let Some(rate) = rate_of(client) else {
            continue;
        };
        let of_client: Vec<usize> = (0..candidates.len())
            .filter(|&i| candidates[i].client == client)
            .collect();
        let k = rate.of(of_client.len(), &mut rng);
        picked.extend(
            choose(of_client.len(), k, &mut rng)
                .into_iter()
                .map(|i| of_client[i]),
        );
    }
    picked.sort_unstable();
    picked
}

/// The log entry putting `c`'s decision into the QA queue, by supervisor `by`. `subject` is
/// whose decision it is: the log (an auditor's) says so, the QA screen never does.
pub fn sampled_entry(c: &Decided, by: &str, now: DateTime<Utc>) -> LogEntry {
    LogEntry::authority(
        EntryKind::Qa,
        &c.case_id,
        now,
        by,
        &c.reviewer,
        &format!("sampled entry {} for blind QA", c.decision_seq),
    )
}

/// The log entry of one sampling run: how many of how many, at what rate.
pub fn run_entry(
    considered: usize,
    sampled: usize,
    rate: Option<QaRate>,
    by: &str,
    now: DateTime<Utc>,
) -> LogEntry {
    let rate = match rate {
        Some(r) => format!("at rate {}", r.get()),
        None => "at each client's qa_rate".to_owned(),
    };
    LogEntry::authority(
        EntryKind::Qa,
        "",
        now,
        by,
        by,
        &format!(
            "sampled {sampled} of {considered} decided cases for blind QA {rate}; decisions up to here were considered"
        ),
    )
}

/// How a second decision compares with the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    Agrees,
    /// Another outcome: the first decision is overturned by QA.
    OtherOutcome,
    /// The same rejection for other reasons.
    OtherReasons,
}

impl Agreement {
    pub fn of(first: (Outcome, &[ReasonCode]), second: (Outcome, &[ReasonCode])) -> Agreement {
        let set = |r: &[ReasonCode]| {
            let mut v = r.to_vec();
            v.sort_unstable();
            v
        };
        if first.0 != second.0 {
            Agreement::OtherOutcome
        } else if set(first.1) != set(second.1) {
            Agreement::OtherReasons
        } else {
            Agreement::Agrees
        }
    }

    fn says(self) -> &'static str {
        match self {
            Agreement::Agrees => "agrees",
            Agreement::OtherOutcome => "another outcome",
            Agreement::OtherReasons => "the same outcome for other reasons",
        }
    }
}

/// What a second review records.
pub struct Review<'a> {
    pub verdict: &'a Verdict,
    pub note: &'a str,
    pub hints: Vec<HintCode>,
    pub handling_ms: u64,
}

/// The `qa` entry of `by`'s second review of `first` (the decision under review).
pub fn review_entry(first: &LogEntry, r: Review<'_>, by: &str, now: DateTime<Utc>) -> LogEntry {
    let outcome = r.verdict.outcome();
    let first_outcome = first.outcome.unwrap_or(Outcome::Escalated);
    let agreement = Agreement::of(
        (first_outcome, &first.reasons),
        (outcome, r.verdict.reasons()),
    );
    LogEntry {
        outcome: Some(outcome),
        reasons: r.verdict.reasons().to_vec(),
        note: r.note.trim().to_owned(),
        hints: r.hints,
        handling_ms: r.handling_ms,
        ..LogEntry::authority(
            EntryKind::Qa,
            &first.submission_id,
            now,
            by,
            &first.reviewer,
            &format!("blind QA of entry {}: {}", first.seq, agreement.says()),
        )
    }
}

/// What a `qa` entry says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QaEntry {
    /// A sampling run (no case).
    Run,
    /// Entry `decision` sampled into the QA queue.
    Sampled { decision: u64 },
    /// The second review of entry `decision`.
    Reviewed { decision: u64, agreement: Agreement },
}

impl QaEntry {
    /// Reads a `qa` entry's `kind`, case, outcome and `change`; `None` for another kind or
    /// a change Vigil does not write (which the chain's shape check refuses).
    pub fn read(kind: EntryKind, case: &str, has_outcome: bool, change: &str) -> Option<QaEntry> {
        if kind != EntryKind::Qa {
            return None;
        }
        if case.is_empty() {
            return change.starts_with("sampled ").then_some(QaEntry::Run);
        }
        if !has_outcome {
            let n = change
                .strip_prefix("sampled entry ")?
                .strip_suffix(" for blind QA")?;
            return Some(QaEntry::Sampled {
                decision: n.parse().ok()?,
            });
        }
        let (n, says) = change
            .strip_prefix("blind QA of entry ")?
            .split_once(": ")?;
        let agreement = [
            Agreement::Agrees,
            Agreement::OtherOutcome,
            Agreement::OtherReasons,
        ]
        .into_iter()
        .find(|a| a.says() == says)?;
        Some(QaEntry::Reviewed {
            decision: n.parse().ok()?,
            agreement,
        })
    }

    pub fn of(e: &LogEntry) -> Option<QaEntry> {
        QaEntry::read(e.kind, &e.submission_id, e.outcome.is_some(), &e.change)
    }
}

/// Whether `who` has seen the decision of the case these entries are of, so cannot review
/// it blind: they decided it (or proposed, or escalated it), reopened it, or opened it
/// read-only (which shows its decision).
pub fn has_seen_decision(entries: &[LogEntry], who: &str) -> bool {
    entries.iter().any(|e| {
        e.reviewer == who
            && match e.kind {
                EntryKind::Decision | EntryKind::Reopen => true,
                EntryKind::Open => crate::access_log::shows_decision(e),
                _ => false,
            }
    })
}

/// Replays the QA queue from the log: the decisions sampled and not reviewed since, nor
/// undone by a reopening, by case.
#[derive(Debug, Default)]
pub struct QueueReplay {
    pending: std::collections::BTreeMap<String, (u64, u64)>,
}

impl QueueReplay {
    pub fn apply(&mut self, e: &LogEntry) {
        match (e.kind, QaEntry::of(e)) {
            (_, Some(QaEntry::Sampled { decision })) => {
                self.pending
                    .insert(e.submission_id.clone(), (decision, e.seq));
            }
            (_, Some(QaEntry::Reviewed { .. })) | (EntryKind::Reopen, _) => {
                self.pending.remove(&e.submission_id);
            }
            _ => {}
        }
    }

    pub fn finish(self) -> Vec<Pending> {
        self.pending
            .into_iter()
            .map(|(case_id, (decision_seq, sampled_seq))| Pending {
                case_id,
                decision_seq,
                sampled_seq,
            })
            .collect()
    }
}

/// Where the stored QA queue and the log's differ: the queue table was changed behind
/// Vigil's back. Each side is the entry the case's pending review is of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnexplainedQa {
    pub case_id: String,
    pub stored: Option<u64>,
    pub logged: Option<u64>,
}

impl std::fmt::Display for UnexplainedQa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let id = &self.case_id;
        match self.stored {
            Some(n) => write!(f, "case {id} waits for QA of entry {n}")?,
            None => write!(f, "case {id} is not in the QA queue")?,
        }
        match self.logged {
            Some(n) => write!(f, ", but its log has it waiting for QA of entry {n}"),
            None => write!(f, ", but its log has no QA waiting"),
        }
    }
}

/// The cases whose stored QA queue entry is not the log's.
pub fn unexplained(stored: Vec<Pending>, logged: Vec<Pending>) -> Vec<UnexplainedQa> {
    use std::collections::BTreeMap;
    let mut by_case: BTreeMap<String, (Option<u64>, Option<u64>)> = BTreeMap::new();
    for p in stored {
        by_case.entry(p.case_id).or_default().0 = Some(p.decision_seq);
    }
    for p in logged {
        by_case.entry(p.case_id).or_default().1 = Some(p.decision_seq);
    }
    by_case
        .into_iter()
        .filter(|(_, (s, l))| s != l)
        .map(|(case_id, (stored, logged))| UnexplainedQa {
            case_id,
            stored,
            logged,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::Reasons;

    #[test]
    fn rates_outside_zero_to_one_are_refused_and_shares_are_the_rate_on_average() {
        for bad in ["0", "-0.1", "1.5", "NaN", "ten", ""] {
            assert!(bad.parse::<QaRate>().is_err(), "{bad}");
        }
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let r: QaRate = "0.1".parse().expect("a rate");
        assert_eq!((r.of(0, &mut rng), r.of(100, &mut rng)), (0, 10));
        assert_eq!(QaRate::new(1.0).map(|r| r.of(7, &mut rng)), Ok(7));
        // 0.1 of 15 is 1 or 2, and 1.5 on average: 10,000 samples take ~15,000.
        let taken: usize = (0..10_000).map(|_| r.of(15, &mut rng)).sum();
        assert!((14_700..15_300).contains(&taken), "{taken}");
        assert!((0..1000).all(|_| (1..=2).contains(&r.of(15, &mut rng))));
    }

    #[test]
    fn choosing_is_uniform_distinct_and_seeded() {
        let seeded = |seed| ChaCha8Rng::seed_from_u64(seed);
        let a = choose(100, 10, &mut seeded(7));
        assert_eq!(a, choose(100, 10, &mut seeded(7)));
        assert_ne!(a, choose(100, 10, &mut seeded(8)));
        assert_eq!(a.len(), 10);
        assert!(a.windows(2).all(|w| w[0] < w[1]) && a.iter().all(|&i| i < 100));
        // Every index is as likely: over 20,000 draws of 1 in 4, each is taken ~5,000 times.
        let mut hits = [0u32; 4];
        let mut rng = seeded(9);
        for _ in 0..20_000 {
            hits[choose(4, 1, &mut rng)[0]] += 1;
        }
        assert!(
            hits.iter().all(|&h| (4_700..5_300).contains(&h)),
            "{hits:?}"
        );
    }

    #[test]
    fn each_client_is_sampled_at_its_own_rate() {
        let c = |i: u64, client: &str| Decided {
            case_id: format!("C-{i}"),
            client: client.into(),
            decision_seq: i,
            reviewer: "ana".into(),
        };
        let cases: Vec<Decided> = (0..20)
            .map(|i| c(i, "bank"))
            .chain((20..30).map(|i| c(i, "shop")))
            .chain((30..40).map(|i| c(i, "none")))
            .collect();
        let rate = |client: &str| match client {
            "bank" => QaRate::new(0.5).ok(),
            "shop" => QaRate::new(0.2).ok(),
            _ => None,
        };
        let picked = sample(&cases, &rate, 3);
        let of = |client: &str| {
            picked
                .iter()
                .filter(|&&i| cases[i].client == client)
                .count()
        };
        assert_eq!((of("bank"), of("shop"), of("none")), (10, 2, 0));
    }

    #[test]
    fn qa_entries_read_back_what_they_say() {
        let now = Utc::now();
        let c = Decided {
            case_id: "C-1".into(),
            client: "default".into(),
            decision_seq: 42,
            reviewer: "ana".into(),
        };
        let sampled = sampled_entry(&c, "sam", now);
        assert_eq!(
            QaEntry::of(&sampled),
            Some(QaEntry::Sampled { decision: 42 })
        );
        let run = run_entry(10, 1, QaRate::new(0.1).ok(), "sam", now);
        assert_eq!(QaEntry::of(&run), Some(QaEntry::Run));
        let first = LogEntry {
            seq: 42,
            outcome: Some(Outcome::Rejected),
            reasons: vec![ReasonCode::ValidityDocumentExpired],
            ..LogEntry::authority(EntryKind::Decision, "C-1", now, "ana", "", "")
        };
        let reasons = Reasons::new([
            ReasonCode::ValidityDocumentExpired,
            ReasonCode::VisibilityPoorImageQuality,
        ]);
        let cases = [
            (Verdict::Approve, Agreement::OtherOutcome),
            (
                Verdict::Reject(Reasons::new([ReasonCode::ValidityDocumentExpired]).expect("one")),
                Agreement::Agrees,
            ),
            (
                Verdict::Reject(reasons.expect("two")),
                Agreement::OtherReasons,
            ),
        ];
        for (verdict, agreement) in cases {
            let r = Review {
                verdict: &verdict,
                note: " looks fine ",
                hints: vec![],
                handling_ms: 5,
            };
            let e = review_entry(&first, r, "ben", now);
            assert_eq!((e.subject.as_str(), e.note.as_str()), ("ana", "looks fine"));
            assert_eq!(
                QaEntry::of(&e),
                Some(QaEntry::Reviewed {
                    decision: 42,
                    agreement
                })
            );
        }
        let bad = LogEntry::authority(EntryKind::Qa, "C-1", now, "sam", "ana", "sampled entry x");
        assert_eq!(QaEntry::of(&bad), None);
    }
}
