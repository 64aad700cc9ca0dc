//! Team statistics from the log (TEAM.md "Team quality"): per reviewer and for the team,
//! decisions by outcome, handling time, skips, decisions overturned, throughput, reasons by
//! category, and per hint code how often reviewers approved despite it.
//!
//! Everything is read from the log alone, in one pass, so the figures are as verifiable as
//! the log: a decision counts in the period it was made; it counts as overturned whenever
//! the overturning came (a reopening, or the fraud team approving a proposed rejection).

use crate::decision_log::{EntryKind, LogEntry};
use crate::hints::HintCode;
use crate::store::TimeRange;
use crate::taxonomy::{Category, Outcome};
use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One reviewer's figures, or the team's.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    pub decisions: u64,
    pub approved: u64,
    pub rejected: u64,
    pub escalated: u64,
    /// The median handling time: the middle one, or the mean of the two middle ones.
    pub handling_median_ms: Option<f64>,
    /// The 90th percentile by nearest rank: the smallest time at least 90 % do not exceed.
    pub handling_p90_ms: Option<u64>,
    /// Claims given back undecided by their holder (the window's Skip, `vigil release`).
    pub skips: u64,
    pub overturned: Overturned,
    /// Decisions per hour in which the reviewer decided at all.
    pub per_active_hour: Option<f64>,
}

/// Decisions undone later, by what undid them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Overturned {
    /// A proposed rejection (an escalation with reasons) the fraud team approved.
    pub fraud: u64,
    /// A decision a supervisor reopened.
    pub reopened: u64,
}

impl Overturned {
    pub fn total(&self) -> u64 {
        self.fraud + self.reopened
    }
}

/// How one hint code fared with reviewers: decisions made with it on screen, and how many of
/// them approved the case all the same (its override rate: a hint reviewers keep overriding
/// is one to trust less).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HintFigures {
    pub code: HintCode,
    pub fired: u64,
    pub approved_despite: u64,
    pub override_rate: f64,
}

/// The statistics of a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// Whose figures these are: one reviewer's own, or everyone's (`None`).
    pub only: Option<String>,
    /// By reviewer name.
    pub reviewers: BTreeMap<String, Figures>,
    pub total: Figures,
    /// By code, most fired first.
    pub hints: Vec<HintFigures>,
    /// Reasons given in rejections and proposed rejections, by category.
    pub reasons_by_category: Vec<CategoryCount>,
    /// Decisions per clock hour (UTC), for the hours that had any.
    pub throughput: Vec<HourCount>,
    /// Every handling time of the period, in milliseconds, sorted (for the distribution).
    #[serde(skip)]
    pub handling_ms: Vec<u64>,
    /// Cases waiting now (for review or the fraud team) past their due time (`sla_hours`).
    pub overdue_now: u64,
}

/// How many reasons of one category were given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CategoryCount {
    pub category: Category,
    pub reasons: u64,
}

/// How many decisions one clock hour saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HourCount {
    pub hour: DateTime<Utc>,
    pub decisions: u64,
}

/// What a decision left for whatever overturns it later.
struct Decided {
    reviewer: String,
    /// Whether it counts: made in the period, by whoever the figures are of.
    counted: bool,
    /// An escalation that proposes a rejection.
    proposal: bool,
}

/// A reviewer's (or the team's) figures while the log is read.
#[derive(Default)]
struct Running {
    figures: Figures,
    handling: Vec<u64>,
    hours: BTreeSet<i64>,
}

impl Running {
    fn decided(&mut self, e: &LogEntry, outcome: Outcome, hour: i64) {
        let f = &mut self.figures;
        f.decisions += 1;
        match outcome {
            Outcome::Approved => f.approved += 1,
            Outcome::Rejected => f.rejected += 1,
            Outcome::Escalated => f.escalated += 1,
        }
        self.handling.push(e.handling_ms);
        self.hours.insert(hour);
    }

    fn finish(mut self) -> (Figures, Vec<u64>) {
        self.handling.sort_unstable();
        let mut f = self.figures;
        f.handling_median_ms = median(&self.handling);
        f.handling_p90_ms = percentile(&self.handling, 90);
        f.per_active_hour =
            (!self.hours.is_empty()).then(|| f.decisions as f64 / self.hours.len() as f64);
        (f, self.handling)
    }
}

/// Reads the log, in order, into `Stats`.
pub struct Tally {
    range: TimeRange,
    only: Option<String>,
    reviewers: HashMap<String, Running>,
    total: Running,
    last_decision: HashMap<String, Decided>,
    hints: HashMap<HintCode, (u64, u64)>,
    categories: HashMap<Category, u64>,
    throughput: BTreeMap<i64, u64>,
}

impl Tally {
    /// Statistics of the decisions made in `range`; of `only` this reviewer's, or everyone's.
    pub fn new(range: TimeRange, only: Option<&str>) -> Tally {
        Tally {
            range,
            only: only.map(str::to_owned),
            reviewers: HashMap::new(),
            total: Running::default(),
            last_decision: HashMap::new(),
            hints: HashMap::new(),
            categories: HashMap::new(),
            throughput: BTreeMap::new(),
        }
    }

    fn counts(&self, e: &LogEntry) -> bool {
        self.only.as_ref().is_none_or(|o| *o == e.reviewer)
            && self.range.since.is_none_or(|s| e.decided_at >= s)
            && self.range.until.is_none_or(|u| e.decided_at < u)
    }

    fn reviewer(&mut self, name: &str) -> &mut Running {
        self.reviewers.entry(name.to_owned()).or_default()
    }

    /// The next entry of the log.
    pub fn push(&mut self, e: &LogEntry) {
        let counted = self.counts(e);
        match (e.kind, e.outcome) {
            (EntryKind::Decision, Some(outcome)) => {
                let before = self.last_decision.get(&e.submission_id);
                // The fraud team approving what a reviewer proposed to reject overturns it.
                if outcome == Outcome::Approved
                    && let Some(d) = before.filter(|d| d.proposal && d.counted)
                {
                    let name = d.reviewer.clone();
                    self.overturned(&name, |o| o.fraud += 1);
                }
                if counted {
                    self.decided(e, outcome);
                }
                let proposal = outcome == Outcome::Escalated && !e.reasons.is_empty();
                self.last_decision.insert(
                    e.submission_id.clone(),
                    Decided {
                        reviewer: e.reviewer.clone(),
                        counted,
                        proposal,
                    },
                );
            }
            (EntryKind::Reopen, _) => {
                if let Some(d) = self.last_decision.remove(&e.submission_id)
                    && d.counted
                {
                    self.overturned(&d.reviewer, |o| o.reopened += 1);
                }
            }
            // One's own claim given back undecided: a skip.
            (EntryKind::Release, _) if counted && e.reviewer == e.subject => {
                self.reviewer(&e.reviewer).figures.skips += 1;
                self.total.figures.skips += 1;
            }
            _ => {}
        }
    }

    fn decided(&mut self, e: &LogEntry, outcome: Outcome) {
        let hour = e
            .decided_at
            .duration_trunc(TimeDelta::hours(1))
            .unwrap_or(e.decided_at)
            .timestamp();
        self.reviewer(&e.reviewer).decided(e, outcome, hour);
        self.total.decided(e, outcome, hour);
        *self.throughput.entry(hour).or_default() += 1;
        for code in &e.hints {
            let (fired, approved) = self.hints.entry(*code).or_default();
            *fired += 1;
            *approved += u64::from(outcome == Outcome::Approved);
        }
        for r in &e.reasons {
            *self.categories.entry(r.category()).or_default() += 1;
        }
    }

    fn overturned(&mut self, reviewer: &str, count: impl Fn(&mut Overturned)) {
        count(&mut self.reviewer(reviewer).figures.overturned);
        count(&mut self.total.figures.overturned);
    }

    pub fn finish(self) -> Stats {
        let reviewers = self
            .reviewers
            .into_iter()
            .map(|(name, r)| (name, r.finish().0))
            .collect();
        let (total, handling_ms) = self.total.finish();
        let mut hints: Vec<HintFigures> = self
            .hints
            .into_iter()
            .map(|(code, (fired, approved_despite))| HintFigures {
                code,
                fired,
                approved_despite,
                override_rate: approved_despite as f64 / fired as f64,
            })
            .collect();
        hints.sort_by(|a, b| b.fired.cmp(&a.fired).then(a.code.cmp(&b.code)));
        let reasons_by_category = Category::ALL
            .into_iter()
            .map(|category| CategoryCount {
                category,
                reasons: self.categories.get(&category).copied().unwrap_or(0),
            })
            .collect();
        let throughput = self
            .throughput
            .into_iter()
            .filter_map(|(hour, decisions)| {
                Some(HourCount {
                    hour: DateTime::from_timestamp(hour, 0)?,
                    decisions,
                })
            })
            .collect();
        Stats {
            since: self.range.since,
            until: self.range.until,
            only: self.only,
            reviewers,
            total,
            hints,
            reasons_by_category,
            throughput,
            handling_ms,
            overdue_now: 0,
        }
    }
}

/// The median of sorted `v`: the middle value, or the mean of the two middle ones.
pub fn median(v: &[u64]) -> Option<f64> {
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2] as f64),
        _ => Some((v[n / 2 - 1] as f64 + v[n / 2] as f64) / 2.0),
    }
}

/// The `p`th percentile of sorted `v` by nearest rank: the value at rank ⌈p·n/100⌉.
pub fn percentile(v: &[u64], p: u64) -> Option<u64> {
    let n = v.len() as u64;
    let rank = (p * n).div_ceil(100).max(1);
    v.get(usize::try_from(rank - 1).ok()?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_nearest_rank_percentiles_follow_their_definitions() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[7]), Some(7.0));
        assert_eq!(median(&[1, 2, 3, 10]), Some(2.5));
        assert_eq!(percentile(&[], 90), None);
        // Nearest rank: ⌈0.9 × 10⌉ = 9th of 10; ⌈0.9 × 11⌉ = 10th of 11; ⌈0.9 × 1⌉ = 1st.
        let ten: Vec<u64> = (1..=10).collect();
        assert_eq!(percentile(&ten, 90), Some(9));
        let eleven: Vec<u64> = (1..=11).collect();
        assert_eq!(percentile(&eleven, 90), Some(10));
        assert_eq!(percentile(&[5], 90), Some(5));
        assert_eq!(percentile(&ten, 50), Some(5));
        assert_eq!(percentile(&ten, 100), Some(10));
    }
}
