//! `vigil stats` (TEAM.md "Team quality"): the figures as a table, or as JSON.

use crate::{Cli, Failure, acting, print_json, reading_store};
use chrono::Utc;
use vigil::export::{self, Bound};
use vigil::stats::{Figures, Stats};

/// Prints the statistics of the period the account may see.
pub fn run(
    cli: &Cli,
    since: Option<Bound>,
    until: Option<Bound>,
    json: bool,
) -> Result<u8, Failure> {
    let mut store = reading_store(cli)?;
    let stats = store.stats(&acting(cli)?, export::range(since, until), Utc::now())?;
    if json {
        print_json(&stats)?;
    } else {
        print_table(&stats);
    }
    Ok(0)
}

fn print_table(s: &Stats) {
    let whose = match &s.only {
        Some(name) => format!("{name}'s own figures"),
        None => "everyone's figures".to_owned(),
    };
    let day =
        |t: Option<chrono::DateTime<Utc>>| t.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string());
    let period = match (day(s.since), day(s.until)) {
        (None, None) => "the whole log".to_owned(),
        (Some(a), None) => format!("since {a}"),
        (None, Some(b)) => format!("before {b}"),
        (Some(a), Some(b)) => format!("from {a} to before {b}"),
    };
    say!("Statistics of {period}: {whose}");
    if s.overdue_now > 0 {
        say!(
            "{} cases waiting now are past their due time",
            s.overdue_now
        );
    }
    say!(
        "{:<20} {:>9} {:>8} {:>8} {:>9} {:>10} {:>8} {:>6} {:>10} {:>8}",
        "reviewer",
        "decisions",
        "approved",
        "rejected",
        "escalated",
        "median",
        "p90",
        "skips",
        "overturned",
        "per hour"
    );
    for (name, f) in &s.reviewers {
        row(name, f);
    }
    if s.only.is_none() {
        row("(team)", &s.total);
    }
    if s.hints.is_empty() {
        return;
    }
    say!("");
    say!(
        "{:<24} {:>7} {:>17} {:>14}",
        "hint",
        "fired",
        "approved despite",
        "override rate"
    );
    for h in &s.hints {
        say!(
            "{:<24} {:>7} {:>17} {:>13.1} %",
            h.code.code(),
            h.fired,
            h.approved_despite,
            h.override_rate * 100.0
        );
    }
}

fn row(name: &str, f: &Figures) {
    let ms = |v: Option<f64>| v.map_or("—".to_owned(), |v| format!("{:.1} s", v / 1000.0));
    say!(
        "{:<20} {:>9} {:>8} {:>8} {:>9} {:>10} {:>8} {:>6} {:>10} {:>8}",
        name,
        f.decisions,
        f.approved,
        f.rejected,
        f.escalated,
        ms(f.handling_median_ms),
        ms(f.handling_p90_ms.map(|v| v as f64)),
        f.skips,
        f.overturned.total(),
        f.per_active_hour
            .map_or("—".to_owned(), |v| format!("{v:.1}"))
    );
}
