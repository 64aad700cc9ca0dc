//! How far blind second reviews agree with the first decisions (`vigil qa report`): Cohen's
//! kappa, the agreement beyond what two raters' own label frequencies give by chance, over
//! the outcome, per reason category and per pair of reviewers; and the disagreements.

use crate::decision_log::LogEntry;
use crate::qa::Agreement;
use crate::taxonomy::{Category, Outcome, ReasonCode};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// Agreement of two raters over the same items.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Kappa {
    pub items: u64,
    /// The share of items both rated alike (p_o).
    pub observed: f64,
    /// The share they would rate alike by chance, from their own label frequencies (p_e).
    pub expected: f64,
    /// (p_o − p_e) / (1 − p_e); `None` where it is undefined: no items, or both raters
    /// gave one and the same label throughout (p_e = 1).
    pub kappa: Option<f64>,
}

/// Cohen's kappa of the pairs of labels (first rater's, second rater's).
pub fn kappa<L: Ord + Clone>(pairs: impl IntoIterator<Item = (L, L)>) -> Kappa {
    let mut n = 0u64;
    let mut alike = 0u64;
    let mut marginals: BTreeMap<L, (u64, u64)> = BTreeMap::new();
    for (a, b) in pairs {
        n += 1;
        alike += u64::from(a == b);
        marginals.entry(a).or_default().0 += 1;
        marginals.entry(b).or_default().1 += 1;
    }
    if n == 0 {
        return Kappa {
            items: 0,
            observed: 0.0,
            expected: 0.0,
            kappa: None,
        };
    }
    let total = n as f64;
    let observed = alike as f64 / total;
    let expected = marginals
        .values()
        .map(|&(a, b)| (a as f64 / total) * (b as f64 / total))
        .sum::<f64>();
    let kappa = ((1.0 - expected).abs() > 1e-12).then(|| (observed - expected) / (1.0 - expected));
    Kappa {
        items: n,
        observed,
        expected,
        kappa,
    }
}

/// One decision of a pair, as the report shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rating {
    pub entry: u64,
    pub reviewer: String,
    pub outcome: Outcome,
    pub reasons: Vec<ReasonCode>,
    pub note: String,
    pub at: DateTime<Utc>,
}

impl Rating {
    pub fn of(e: &LogEntry) -> Rating {
        Rating {
            entry: e.seq,
            reviewer: e.reviewer.clone(),
            outcome: e.outcome.unwrap_or(Outcome::Escalated),
            reasons: e.reasons.clone(),
            note: e.note.clone(),
            at: e.decided_at,
        }
    }

    fn cites(&self, c: Category) -> bool {
        self.reasons.iter().any(|r| r.category() == c)
    }
}

/// A decision and its blind second review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    pub case_id: String,
    pub first: Rating,
    pub second: Rating,
    pub agreement: Agreement,
    /// Whether the first decision still stands: not reopened since (a reopening from the
    /// report would undo a later decision).
    pub standing: bool,
}

impl Pair {
    pub fn new(case_id: &str, first: Rating, second: Rating, standing: bool) -> Pair {
        let agreement = Agreement::of(
            (first.outcome, &first.reasons),
            (second.outcome, &second.reasons),
        );
        Pair {
            case_id: case_id.to_owned(),
            first,
            second,
            agreement,
            standing,
        }
    }
}

/// Kappa over the outcome of one pair of reviewers, whichever of them reviewed first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairKappa {
    /// The two names, in alphabetical order; each one's labels are theirs.
    pub reviewers: [String; 2],
    pub kappa: Kappa,
}

/// Kappa over whether a decision cites a reason of one category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryKappa {
    pub category: Category,
    pub kappa: Kappa,
}

/// What `qa report` says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QaReport {
    /// Over the outcome (approved, rejected, escalated).
    pub overall: Kappa,
    /// Per reason category cited by either decision of any pair.
    pub by_category: Vec<CategoryKappa>,
    pub by_pair: Vec<PairKappa>,
    /// The pairs that differ in outcome or reasons, newest second review first.
    pub disagreements: Vec<Pair>,
    /// Cases still waiting for their second review.
    pub waiting: usize,
}

impl QaReport {
    pub fn of(pairs: &[Pair], waiting: usize) -> QaReport {
        let outcomes = |p: &Pair| (p.first.outcome.code(), p.second.outcome.code());
        let by_category = Category::ALL
            .into_iter()
            .filter(|&c| pairs.iter().any(|p| p.first.cites(c) || p.second.cites(c)))
            .map(|c| CategoryKappa {
                category: c,
                kappa: kappa(pairs.iter().map(|p| (p.first.cites(c), p.second.cites(c)))),
            })
            .collect();
        let mut by_names: BTreeMap<[String; 2], Vec<(&str, &str)>> = BTreeMap::new();
        for p in pairs {
            let (a, b) = outcomes(p);
            let (first, second) = (p.first.reviewer.clone(), p.second.reviewer.clone());
            let (names, labels) = if first <= second {
                ([first, second], (a, b))
            } else {
                ([second, first], (b, a))
            };
            by_names.entry(names).or_default().push(labels);
        }
        let mut disagreements: Vec<Pair> = pairs
            .iter()
            .filter(|p| p.agreement != Agreement::Agrees)
            .cloned()
            .collect();
        disagreements.sort_by_key(|p| std::cmp::Reverse(p.second.entry));
        QaReport {
            overall: kappa(pairs.iter().map(outcomes)),
            by_category,
            by_pair: by_names
                .into_iter()
                .map(|(reviewers, labels)| PairKappa {
                    reviewers,
                    kappa: kappa(labels),
                })
                .collect(),
            disagreements,
            waiting,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2×2 table as pairs: `[[yes-yes, yes-no], [no-yes, no-no]]` (first rater's label first).
    fn table(t: [[usize; 2]; 2]) -> Vec<(bool, bool)> {
        let mut v = Vec::new();
        for (a, row) in [true, false].into_iter().zip(t) {
            for (b, n) in [true, false].into_iter().zip(row) {
                v.extend(std::iter::repeat_n((a, b), n));
            }
        }
        v
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-5
    }

    #[test]
    fn kappa_matches_the_textbook_tables() {
        // Wikipedia, "Cohen's kappa", worked example: 50 grant proposals, p_o 0.7, p_e 0.5.
        let k = kappa(table([[20, 5], [10, 15]]));
        assert_eq!(k.items, 50);
        assert!(close(k.observed, 0.7) && close(k.expected, 0.5), "{k:?}");
        assert!(close(k.kappa.expect("defined"), 0.4), "{k:?}");
        // Its two tables of equal p_o (0.60) and different kappa.
        let k = kappa(table([[45, 15], [25, 15]]));
        assert!(
            close(k.expected, 0.54) && close(k.kappa.expect("defined"), 0.1304),
            "{k:?}"
        );
        let k = kappa(table([[25, 35], [5, 35]]));
        assert!(
            close(k.expected, 0.46) && close(k.kappa.expect("defined"), 0.2593),
            "{k:?}"
        );
        // Three labels, by hand: p_o = (75 + 4 + 10) / 100 = 0.89; the first rater's
        // marginals 0.8, 0.1, 0.1, the second's 0.8, 0.05, 0.15, so p_e = 0.64 + 0.005 +
        // 0.015 = 0.66; kappa = 0.23 / 0.34 = 0.6765.
        let rows = [[75, 1, 4], [5, 4, 1], [0, 0, 10]];
        let mut pairs = Vec::new();
        for (a, row) in rows.into_iter().enumerate() {
            for (b, n) in row.into_iter().enumerate() {
                pairs.extend(std::iter::repeat_n((a, b), n));
            }
        }
        let k = kappa(pairs);
        assert!(close(k.observed, 0.89) && close(k.expected, 0.66), "{k:?}");
        assert!((k.kappa.expect("defined") - 0.6765).abs() < 1e-3, "{k:?}");
    }

    #[test]
    fn kappa_is_one_for_full_agreement_negative_below_chance_and_undefined_without_variety() {
        let k = kappa([(1, 1), (2, 2), (1, 1)]);
        assert_eq!(k.kappa, Some(1.0));
        let k = kappa([(1, 2), (2, 1)]);
        assert_eq!(k.kappa, Some(-1.0));
        assert_eq!(kappa([(1, 1), (1, 1)]).kappa, None);
        assert_eq!(kappa(Vec::<(u8, u8)>::new()).kappa, None);
    }

    fn rating(entry: u64, who: &str, outcome: Outcome, reasons: &[ReasonCode]) -> Rating {
        Rating {
            entry,
            reviewer: who.into(),
            outcome,
            reasons: reasons.to_vec(),
            note: String::new(),
            at: Utc::now(),
        }
    }

    #[test]
    fn the_report_splits_by_category_and_by_pair_whoever_reviewed_first() {
        use Outcome::{Approved as A, Rejected as R};
        let exp = [ReasonCode::ValidityDocumentExpired];
        let blur = [ReasonCode::VisibilityPoorImageQuality];
        let pairs = [
            Pair::new(
                "C-1",
                rating(1, "ana", A, &[]),
                rating(10, "ben", A, &[]),
                true,
            ),
            Pair::new(
                "C-2",
                rating(2, "ana", R, &exp),
                rating(11, "ben", R, &exp),
                true,
            ),
            Pair::new(
                "C-3",
                rating(3, "ben", R, &exp),
                rating(12, "ana", A, &[]),
                true,
            ),
            Pair::new(
                "C-4",
                rating(4, "cy", R, &exp),
                rating(13, "ana", R, &blur),
                true,
            ),
        ];
        let r = QaReport::of(&pairs, 2);
        assert_eq!(r.overall.items, 4);
        assert!(close(r.overall.observed, 0.75));
        // Outcomes: first A,R,R,R / second A,R,A,R: p_e = 1/4·2/4 + 3/4·2/4 = 0.5.
        assert!(close(r.overall.kappa.expect("defined"), 0.5));
        let cats: Vec<Category> = r.by_category.iter().map(|c| c.category).collect();
        assert_eq!(cats, [Category::Visibility, Category::Validity]);
        let names: Vec<[String; 2]> = r.by_pair.iter().map(|p| p.reviewers.clone()).collect();
        assert_eq!(
            names,
            [
                ["ana".to_string(), "ben".to_string()],
                ["ana".to_string(), "cy".to_string()]
            ]
        );
        // ana–ben: ana's labels A,R,A against ben's A,R,R.
        assert_eq!(r.by_pair[0].kappa.items, 3);
        assert!(close(r.by_pair[0].kappa.observed, 2.0 / 3.0));
        let cases: Vec<&str> = r.disagreements.iter().map(|p| p.case_id.as_str()).collect();
        assert_eq!(cases, ["C-4", "C-3"]);
        assert_eq!(r.disagreements[0].agreement, Agreement::OtherReasons);
        assert_eq!(r.waiting, 2);
    }
}
