//! `vigil qa` (TEAM.md "Team quality"): blind second reviews of a sample of decided cases,
//! and how far they agree with the first decisions.

use crate::{Cli, DecideArgs, Failure, acting, existing_store, load_policy, print_json};
use chrono::Utc;
use clap::Subcommand;
use vigil::agreement::{Kappa, Pair, QaReport};
use vigil::lifecycle::DecisionRequest;
use vigil::qa::QaRate;

#[derive(Subcommand, Debug)]
pub enum QaAction {
    /// Put a random share of the cases decided since the last sample into the blind QA queue
    /// (supervisors). Without --rate, each client's `qa_rate` of the policy applies.
    Sample {
        /// The share to sample, above 0 and at most 1 (0.05 for 5 %).
        #[arg(long)]
        rate: Option<QaRate>,
        /// Seed of the random choice (default: a fresh random one), to repeat a sample.
        #[arg(long)]
        seed: Option<u64>,
    },
    /// The cases this account may review blind (reviewers and supervisors who have not seen
    /// their decision), in the order sampled.
    Queue {
        #[arg(long)]
        json: bool,
    },
    /// Record a blind second review: logged as `qa`, it never changes the case.
    Decide(DecideArgs),
    /// Agreement and Cohen's kappa, overall, per reason category and per pair of reviewers,
    /// and the disagreements (supervisors and auditors).
    Report {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cli: &Cli, action: &QaAction) -> Result<u8, Failure> {
    let now = Utc::now();
    match action {
        QaAction::Sample { rate, seed } => {
            let policy = load_policy(cli)?;
            let rate_of = |client: &str| policy.for_client(client).qa_rate;
            if rate.is_none() && policy.qa_rates_unset() {
                return Err(Failure::new(
                    2,
                    "the policy sets no qa_rate: give --rate R (0.05 for 5 %), or set qa_rate",
                ));
            }
            let seed = seed.unwrap_or_else(vigil::qa::fresh_seed);
            let mut store = existing_store(cli)?;
            let s = store.qa_sample(*rate, &rate_of, seed, &acting(cli)?, now)?;
            say!(
                "sampled {} of {} cases decided since the last sample into the QA queue (log entry {})",
                s.sampled.len(),
                s.considered,
                s.run.seq
            );
            Ok(0)
        }
        QaAction::Queue { json } => {
            let mut store = existing_store(cli)?;
            let queue = store.qa_queue(&acting(cli)?, now)?;
            if *json {
                let rows: Vec<serde_json::Value> = queue
                    .iter()
                    .map(|q| {
                        serde_json::json!({
                            "id": q.case_id,
                            "client": q.client,
                            "submitted_at": vigil::decision_log::timestamp(q.submitted_at),
                        })
                    })
                    .collect();
                print_json(&rows)?;
            } else if queue.is_empty() {
                say!("no case is waiting for a blind QA review by this account");
            } else {
                for q in &queue {
                    say!(
                        "{}  {}  submitted {}",
                        q.case_id,
                        q.client,
                        q.submitted_at.format("%Y-%m-%d %H:%M UTC")
                    );
                }
            }
            Ok(0)
        }
        QaAction::Decide(DecideArgs { id, verdict, note }) => {
            let verdict = verdict.verdict()?;
            let mut store = existing_store(cli)?;
            let req = DecisionRequest {
                case_id: id.clone(),
                by: acting(cli)?,
                verdict,
                note: note.clone(),
                handling_ms: None,
                despite_running_checks: false,
            };
            let entry = store.qa_review(&req, now)?;
            // Whether it agreed is the supervisors' to read in the report, not the
            // reviewer's: the answer would tell the first decision.
            say!(
                "QA review of {id} recorded (log entry {}); the case is unchanged",
                entry.seq
            );
            Ok(0)
        }
        QaAction::Report { json } => {
            let mut store = existing_store(cli)?;
            let report = store.qa_report(&acting(cli)?, now)?;
            if *json {
                print_json(&report)?;
            } else {
                print_report(&report);
            }
            Ok(0)
        }
    }
}

fn kappa_text(k: &Kappa) -> String {
    let kappa = k
        .kappa
        .map_or_else(|| "undefined".to_owned(), |v| format!("{v:.3}"));
    format!(
        "kappa {kappa}, agreement {:.1} % (chance {:.1} %), {} reviews",
        k.observed * 100.0,
        k.expected * 100.0,
        k.items
    )
}

fn print_report(r: &QaReport) {
    say!("Blind QA: {} cases waiting for a second review", r.waiting);
    say!("Outcome: {}", kappa_text(&r.overall));
    if !r.by_category.is_empty() {
        say!("Per reason category (cited or not):");
        for c in &r.by_category {
            say!("  {:<14} {}", c.category.code(), kappa_text(&c.kappa));
        }
    }
    if !r.by_pair.is_empty() {
        say!("Per pair of reviewers (outcome):");
        for p in &r.by_pair {
            let names = format!("{} + {}", p.reviewers[0], p.reviewers[1]);
            say!("  {names:<24} {}", kappa_text(&p.kappa));
        }
    }
    say!("Disagreements: {}", r.disagreements.len());
    for p in &r.disagreements {
        say!("  {}", disagreement_line(p));
    }
}

fn disagreement_line(p: &Pair) -> String {
    let side = |r: &vigil::agreement::Rating| {
        let reasons: Vec<&str> = r.reasons.iter().map(|c| c.code()).collect();
        let mut s = format!("{} {} (entry {})", r.reviewer, r.outcome, r.entry);
        if !reasons.is_empty() {
            s += &format!(" [{}]", reasons.join(", "));
        }
        if !r.note.is_empty() {
            s += &format!(" \"{}\"", r.note);
        }
        s
    };
    format!(
        "{}: first {} | QA {}",
        p.case_id,
        side(&p.first),
        side(&p.second)
    )
}
