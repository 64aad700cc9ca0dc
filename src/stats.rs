//! Team statistics from the log (TEAM.md "Team quality"): per reviewer and for the team,
//! decisions by outcome, handling time, skips, decisions overturned, throughput, reasons by
//! category, and per hint code how often reviewers approved despite it.
//!
//! Everything is read from the log alone, in one pass, so the figures are as verifiable as
//! the log: a decision counts in the period it was made; it counts as overturned whenever
//! the overturning came (a reopening, the fraud team approving a proposed rejection, or a
//! blind second review coming to another outcome).

use crate::decision_log::{EntryKind, timestamp};
use crate::hints::HintCode;
use crate::qa::{Agreement, QaEntry};
use crate::store::TimeRange;
use crate::taxonomy::{Category, Outcome, ReasonCode};
use chrono::{DateTime, Utc};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::collections::BTreeMap;

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
    /// A decision whose blind second review came to another outcome.
    pub qa: u64,
}

impl Overturned {
    pub fn total(&self) -> u64 {
        self.fraud + self.reopened + self.qa
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

/// What the statistics read of one log entry, borrowed from the store's row: a narrow
/// scan, without notes, messages or hashes, and nothing allocated per entry.
#[derive(Debug, Clone, Copy)]
pub struct StatRow<'a> {
    pub seq: i64,
    pub kind: &'a str,
    pub case: &'a str,
    /// RFC 3339 UTC with milliseconds, as the log writes it: it sorts as text.
    pub decided_at: &'a str,
    pub reviewer: &'a str,
    /// Empty for entries that are not decisions.
    pub outcome: &'a str,
    /// Codes joined by `;`.
    pub reasons: &'a str,
    pub hints: &'a str,
    pub handling_ms: i64,
    pub subject: &'a str,
    pub change: &'a str,
}

/// An escalation that proposed a rejection, waiting for the fraud team.
struct Proposal {
    /// Index into `Tally::reviewers`.
    reviewer: usize,
    /// Whether it counts: made in the period, by whoever the figures are of.
    counted: bool,
}

/// A reviewer's (or the team's) figures while the log is read.
#[derive(Default)]
struct Running {
    figures: Figures,
    handling: Vec<u64>,
    hours: FxHashSet<i64>,
    /// The hour last added to `hours`: entries come in time order, so most are in it.
    last_hour: Option<i64>,
}

impl Running {
    fn decided(&mut self, outcome: Outcome, handling_ms: u64, hour: i64) {
        let f = &mut self.figures;
        f.decisions += 1;
        match outcome {
            Outcome::Approved => f.approved += 1,
            Outcome::Rejected => f.rejected += 1,
            Outcome::Escalated => f.escalated += 1,
        }
        self.handling.push(handling_ms);
        if self.last_hour != Some(hour) {
            self.hours.insert(hour);
            self.last_hour = Some(hour);
        }
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
    /// The range's ends as the log writes times, compared as text.
    since: Option<String>,
    until: Option<String>,
    only: Option<String>,
    /// Reviewers by name, and their figures in the same order.
    names: FxHashMap<String, usize>,
    reviewers: Vec<(String, Running)>,
    total: Running,
    /// Proposed rejections not yet decided by the fraud team, by case.
    proposals: FxHashMap<String, Proposal>,
    /// The approvals and rejections that count, by entry number: what a reopening undid.
    counted: FxHashSet<i64>,
    hints: FxHashMap<HintCode, (u64, u64)>,
    categories: FxHashMap<Category, u64>,
    throughput: FxHashMap<i64, u64>,
    /// The clock hour of the last entry read ("YYYY-MM-DDTHH") and its start: entries come
    /// in time order, so the hour is parsed once per hour, not once per entry.
    hour: (String, i64),
}

impl Tally {
    /// Statistics of the decisions made in `range`; of `only` this reviewer's, or everyone's.
    pub fn new(range: TimeRange, only: Option<&str>) -> Tally {
        Tally {
            since: range.since.map(timestamp),
            until: range.until.map(timestamp),
            range,
            only: only.map(str::to_owned),
            names: FxHashMap::default(),
            reviewers: Vec::new(),
            total: Running::default(),
            proposals: FxHashMap::default(),
            counted: FxHashSet::default(),
            hints: FxHashMap::default(),
            categories: FxHashMap::default(),
            throughput: FxHashMap::default(),
            hour: (String::new(), 0),
        }
    }

    fn counts(&self, e: &StatRow<'_>) -> bool {
        self.only.as_deref().is_none_or(|o| o == e.reviewer)
            && self.since.as_deref().is_none_or(|s| e.decided_at >= s)
            && self.until.as_deref().is_none_or(|u| e.decided_at < u)
    }

    /// The index of reviewer `name`, added at its first entry.
    fn reviewer(&mut self, name: &str) -> usize {
        if let Some(&i) = self.names.get(name) {
            return i;
        }
        self.reviewers.push((name.to_owned(), Running::default()));
        self.names.insert(name.to_owned(), self.reviewers.len() - 1);
        self.reviewers.len() - 1
    }

    /// The start of the clock hour of `decided_at`, as a Unix time.
    fn hour_of(&mut self, decided_at: &str) -> i64 {
        let prefix = decided_at.get(..13).unwrap_or(decided_at);
        if prefix != self.hour.0 {
            let start = DateTime::parse_from_rfc3339(&format!("{prefix}:00:00Z"))
                .map_or(0, |t| t.timestamp());
            self.hour = (prefix.to_owned(), start);
        }
        self.hour.1
    }

    /// The next entry of the log. An entry that does not read (an unknown outcome) is
    /// `audit verify`'s to name; the figures pass over it.
    pub fn push(&mut self, e: &StatRow<'_>) {
        let counted = self.counts(e);
        match e.kind {
            "decision" => {
                let Ok(outcome) = e.outcome.parse::<Outcome>() else {
                    return;
                };
                // The fraud team approving what a reviewer proposed to reject overturns it.
                if let Some(p) = self.proposals.remove(e.case)
                    && p.counted
                    && outcome == Outcome::Approved
                {
                    self.overturned(p.reviewer, |o| o.fraud += 1);
                }
                let reviewer = self.reviewer(e.reviewer);
                if outcome == Outcome::Escalated && !e.reasons.is_empty() {
                    let p = Proposal { reviewer, counted };
                    self.proposals.insert(e.case.to_owned(), p);
                }
                if counted {
                    // Only an approval or a rejection is ever reopened.
                    if outcome != Outcome::Escalated {
                        self.counted.insert(e.seq);
                    }
                    self.decided(e, reviewer, outcome);
                }
            }
            // A reopening names the decision it undid, and whose it was.
            "reopen" => {
                // A decision is overturned once, by whatever came first.
                if let Some(undone) = crate::lifecycle::undone_entry(e.change)
                    && i64::try_from(undone).is_ok_and(|n| self.counted.remove(&n))
                {
                    let reviewer = self.reviewer(e.subject);
                    self.overturned(reviewer, |o| o.reopened += 1);
                }
            }
            // A blind second review names the decision it reviewed, and whose it was.
            "qa" => {
                if let Some(QaEntry::Reviewed {
                    decision,
                    agreement: Agreement::OtherOutcome,
                }) = QaEntry::read(EntryKind::Qa, e.case, !e.outcome.is_empty(), e.change)
                    && i64::try_from(decision).is_ok_and(|n| self.counted.remove(&n))
                {
                    let reviewer = self.reviewer(e.subject);
                    self.overturned(reviewer, |o| o.qa += 1);
                }
            }
            // One's own claim given back undecided: a skip.
            "release" if counted && e.reviewer == e.subject => {
                let i = self.reviewer(e.reviewer);
                self.reviewers[i].1.figures.skips += 1;
                self.total.figures.skips += 1;
            }
            _ => {}
        }
    }

    fn decided(&mut self, e: &StatRow<'_>, reviewer: usize, outcome: Outcome) {
        let hour = self.hour_of(e.decided_at);
        let ms = u64::try_from(e.handling_ms).unwrap_or(0);
        self.reviewers[reviewer].1.decided(outcome, ms, hour);
        self.total.decided(outcome, ms, hour);
        *self.throughput.entry(hour).or_default() += 1;
        for code in e
            .hints
            .split(';')
            .filter_map(|c| c.parse::<HintCode>().ok())
        {
            let (fired, approved) = self.hints.entry(code).or_default();
            *fired += 1;
            *approved += u64::from(outcome == Outcome::Approved);
        }
        for reason in e
            .reasons
            .split(';')
            .filter_map(|c| c.parse::<ReasonCode>().ok())
        {
            *self.categories.entry(reason.category()).or_default() += 1;
        }
    }

    fn overturned(&mut self, reviewer: usize, count: impl Fn(&mut Overturned)) {
        count(&mut self.reviewers[reviewer].1.figures.overturned);
        count(&mut self.total.figures.overturned);
    }

    pub fn finish(self) -> Stats {
        let only = self.only;
        // Reviewers whose only entries fell outside the period or the view are left out.
        let reviewers = self
            .reviewers
            .into_iter()
            .filter(|(name, r)| {
                only.as_deref().is_none_or(|o| o == name)
                    && (r.figures.decisions > 0
                        || r.figures.skips > 0
                        || r.figures.overturned.total() > 0)
            })
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
        let mut hours: Vec<(i64, u64)> = self.throughput.into_iter().collect();
        hours.sort_unstable();
        let throughput = hours
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
            only,
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
