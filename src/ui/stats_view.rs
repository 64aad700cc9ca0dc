//! The Statistics screen (TEAM.md "Team quality"): the figures of a period, per reviewer and
//! for the team, how often reviewers overrode each hint, and four plots. The store thread
//! counts; what the plots draw is prepared once when the figures arrive, so a frame only
//! draws (a year of decisions is a few hundred bars).

use super::audit_view::{date_field, typed_date};
use super::review::severity_colour;
use crate::hints::Severity;
use crate::i18n::Lang;
use crate::stats::{Figures, Stats};
use crate::store::TimeRange;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use eframe::egui::{self, RichText};
use egui_plot::{Bar, BarChart, Plot};

/// Above this many days the decisions are counted per day instead of per hour.
const HOURLY_UP_TO_DAYS: i64 = 14;
/// Bars of the handling-time distribution.
const HANDLING_BINS: u64 = 30;

#[derive(Default)]
pub struct StatsState {
    /// The period as typed, `YYYY-MM-DD`, both ends included.
    pub from: String,
    pub until: String,
    pub loading: bool,
    pub shown: Option<Result<Shown, String>>,
}

/// Figures on screen, with what their plots draw.
pub struct Shown {
    pub stats: Stats,
    plots: Plots,
}

impl Shown {
    pub fn new(stats: Stats) -> Shown {
        Shown {
            plots: Plots::of(&stats),
            stats,
        }
    }
}

/// What the view asks the app to do.
pub enum StatsIntent {
    Load(TimeRange),
}

struct Plots {
    /// (start in days since 1970, decisions) per bucket, and the bucket's width in days.
    throughput: Vec<(f64, f64)>,
    bucket_days: f64,
    /// (start in seconds, decisions) per bin, and the bin's width in seconds.
    handling: Vec<(f64, f64)>,
    bin_secs: f64,
}

impl Plots {
    fn of(s: &Stats) -> Plots {
        let span = match (s.throughput.first(), s.throughput.last()) {
            (Some(a), Some(b)) => b.hour - a.hour,
            _ => Duration::zero(),
        };
        let bucket = if span > Duration::days(HOURLY_UP_TO_DAYS) {
            Duration::days(1)
        } else {
            Duration::hours(1)
        };
        let day = 86_400.0;
        let mut throughput: Vec<(f64, f64)> = Vec::new();
        for h in &s.throughput {
            let secs = h.hour.timestamp();
            let start = (secs - secs.rem_euclid(bucket.num_seconds())) as f64 / day;
            match throughput.last_mut() {
                Some((x, n)) if *x == start => *n += h.decisions as f64,
                _ => throughput.push((start, h.decisions as f64)),
            }
        }
        // Bins up to the 99th percentile, the longer ones in the last bin.
        let top = crate::stats::percentile(&s.handling_ms, 99).unwrap_or(0);
        let bin_ms = top.div_ceil(HANDLING_BINS).max(1000);
        let last = HANDLING_BINS as usize - 1;
        let mut bins = vec![0u64; last + 1];
        for ms in &s.handling_ms {
            let i = usize::try_from(ms / bin_ms).unwrap_or(usize::MAX);
            bins[i.min(last)] += 1;
        }
        let bin_secs = bin_ms as f64 / 1000.0;
        Plots {
            throughput,
            bucket_days: bucket.num_seconds() as f64 / day,
            handling: bins
                .into_iter()
                .enumerate()
                .map(|(i, n)| (i as f64 * bin_secs, n as f64))
                .collect(),
            bin_secs,
        }
    }
}

impl StatsState {
    /// The period as typed: from the start of the first day to the end of the last.
    pub fn range(&self) -> TimeRange {
        let day = |s: &str| typed_date(s).ok().flatten().map(crate::export::Bound::Day);
        crate::export::range(day(&self.from), day(&self.until))
    }

    /// Sets the period to the last `days` days up to today (`None`: the whole log).
    fn last_days(&mut self, days: Option<i64>, today: NaiveDate) {
        self.from = days
            .map(|d| (today - Duration::days(d - 1)).to_string())
            .unwrap_or_default();
        self.until = days.map(|_| today.to_string()).unwrap_or_default();
    }
}

pub fn show(ui: &mut egui::Ui, s: &mut StatsState, lang: Lang) -> Option<StatsIntent> {
    let mut load = false;
    ui.horizontal_wrapped(|ui| {
        for (key, days) in [
            ("stats-today", Some(1)),
            ("stats-week", Some(7)),
            ("stats-month", Some(30)),
            ("stats-all", None),
        ] {
            if ui.button(lang.text(key)).clicked() {
                s.last_days(days, Utc::now().date_naive());
                load = true;
            }
        }
        ui.separator();
        for (key, text) in [("stats-from", &mut s.from), ("stats-until", &mut s.until)] {
            date_field(ui, lang.text(key), text);
        }
        load |= ui.button(lang.text("stats-load")).clicked();
        if s.loading {
            ui.spinner();
        }
    });
    let intent = load.then(|| {
        s.loading = true;
        StatsIntent::Load(s.range())
    });
    match &s.shown {
        None => {
            ui.weak(lang.text("stats-loading"));
        }
        Some(Err(e)) => {
            ui.colored_label(
                severity_colour(Severity::Fail),
                lang.text_with("stats-failed", &[("error", e.as_str().into())]),
            );
        }
        Some(Ok(shown)) => {
            egui::ScrollArea::vertical()
                .id_salt("stats")
                .show(ui, |ui| figures(ui, shown, lang));
        }
    }
    intent
}

fn figures(ui: &mut egui::Ui, shown: &Shown, lang: Lang) {
    let s = &shown.stats;
    ui.label(RichText::new(lang.text(if s.only.is_some() {
        "stats-own"
    } else {
        "stats-everyone"
    })));
    if s.overdue_now > 0 {
        ui.colored_label(
            severity_colour(Severity::Fail),
            lang.text_with(
                "stats-overdue",
                &[("count", (s.overdue_now as usize).into())],
            ),
        );
    }
    if s.total.decisions == 0 && s.total.skips == 0 {
        ui.weak(lang.text("stats-empty"));
        return;
    }
    egui::Grid::new("stats-reviewers")
        .striped(true)
        .num_columns(10)
        .show(ui, |ui| {
            for key in [
                "stats-col-reviewer",
                "stats-col-decisions",
                "stats-col-approved",
                "stats-col-rejected",
                "stats-col-escalated",
                "stats-col-median",
                "stats-col-p90",
                "stats-col-skips",
                "stats-col-overturned",
                "stats-col-per-hour",
            ] {
                ui.strong(lang.text(key));
            }
            ui.end_row();
            for (name, f) in &s.reviewers {
                figures_row(ui, name, f);
            }
            if s.only.is_none() {
                figures_row(ui, &lang.text("stats-team"), &s.total);
            }
        });
    ui.add_space(8.0);
    if !s.hints.is_empty() {
        egui::Grid::new("stats-hints")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                for key in [
                    "stats-hint",
                    "stats-fired",
                    "stats-approved-despite",
                    "stats-override",
                ] {
                    ui.strong(lang.text(key));
                }
                ui.end_row();
                for h in &s.hints {
                    ui.label(lang.hint_title(h.code))
                        .on_hover_text(h.code.code());
                    ui.label(h.fired.to_string());
                    ui.label(h.approved_despite.to_string());
                    ui.label(format!("{:.0} %", h.override_rate * 100.0));
                    ui.end_row();
                }
            });
        ui.add_space(8.0);
    }
    plots(ui, shown, lang);
}

fn figures_row(ui: &mut egui::Ui, name: &str, f: &Figures) {
    let secs = |ms: Option<f64>| ms.map_or("—".to_owned(), |ms| format!("{:.1} s", ms / 1000.0));
    ui.label(name);
    for n in [f.decisions, f.approved, f.rejected, f.escalated] {
        ui.label(n.to_string());
    }
    ui.label(secs(f.handling_median_ms));
    ui.label(secs(f.handling_p90_ms.map(|ms| ms as f64)));
    ui.label(f.skips.to_string());
    ui.label(f.overturned.total().to_string())
        .on_hover_text(format!(
            "fraud team {} · reopened {} · QA {}",
            f.overturned.fraud, f.overturned.reopened, f.overturned.qa
        ));
    ui.label(
        f.per_active_hour
            .map_or("—".to_owned(), |v| format!("{v:.1}")),
    );
    ui.end_row();
}

/// Draws one plot.
type Draw<'a> = Box<dyn Fn(&mut egui::Ui) + 'a>;

/// Four plots, two a row where the screen is wide enough, one a row where it is not.
fn plots(ui: &mut egui::Ui, shown: &Shown, lang: Lang) {
    let s = &shown.stats;
    let p = &shown.plots;
    let columns = if ui.available_width() >= 900.0 { 2 } else { 1 };
    let width = ui.available_width() / columns as f32 - 12.0;
    let height = 200.0;
    let day_label = p.bucket_days >= 1.0;
    let throughput = move |ui: &mut egui::Ui| {
        let bars = p
            .throughput
            .iter()
            .map(|&(x, n)| Bar::new(x + p.bucket_days / 2.0, n).width(p.bucket_days * 0.9))
            .collect();
        Plot::new("stats-throughput")
            .width(width)
            .height(height)
            .allow_scroll(false)
            .x_axis_formatter(move |mark, _| {
                DateTime::from_timestamp((mark.value * 86_400.0) as i64, 0).map_or_else(
                    String::new,
                    |t: DateTime<Utc>| {
                        t.format(if day_label { "%m-%d" } else { "%m-%d %H:%M" })
                            .to_string()
                    },
                )
            })
            .show(ui, |plot| plot.bar_chart(BarChart::new("decisions", bars)));
    };
    let handling = move |ui: &mut egui::Ui| {
        let bars = p
            .handling
            .iter()
            .map(|&(x, n)| Bar::new(x + p.bin_secs / 2.0, n).width(p.bin_secs * 0.9))
            .collect();
        Plot::new("stats-handling")
            .width(width)
            .height(height)
            .allow_scroll(false)
            .x_axis_formatter(|mark, _| format!("{:.0} s", mark.value))
            .show(ui, |plot| plot.bar_chart(BarChart::new("decisions", bars)));
    };
    let reasons = move |ui: &mut egui::Ui| {
        let labels: Vec<String> = s
            .reasons_by_category
            .iter()
            .map(|c| lang.category(c.category))
            .collect();
        let bars = s
            .reasons_by_category
            .iter()
            .enumerate()
            .map(|(i, c)| {
                Bar::new(i as f64, c.reasons as f64)
                    .name(&labels[i])
                    .width(0.7)
            })
            .collect();
        Plot::new("stats-reasons")
            .width(width)
            .height(height)
            .allow_scroll(false)
            .x_axis_formatter(move |mark, _| label_at(&labels, mark.value))
            .show(ui, |plot| plot.bar_chart(BarChart::new("reasons", bars)));
    };
    let overrides = move |ui: &mut egui::Ui| {
        let codes: Vec<String> = s.hints.iter().map(|h| h.code.code().to_owned()).collect();
        let bars = s
            .hints
            .iter()
            .enumerate()
            .map(|(i, h)| {
                Bar::new(i as f64, h.override_rate * 100.0)
                    .name(format!(
                        "{} ({} of {})",
                        h.code.code(),
                        h.approved_despite,
                        h.fired
                    ))
                    .width(0.7)
            })
            .collect();
        Plot::new("stats-overrides")
            .width(width)
            .height(height)
            .allow_scroll(false)
            .include_x(100.0)
            .y_axis_formatter(move |mark, _| label_at(&codes, mark.value))
            .x_axis_formatter(|mark, _| format!("{} %", mark.value))
            .show(ui, |plot| {
                plot.bar_chart(BarChart::new("override rate", bars).horizontal())
            });
    };
    let titled: [(&str, Draw<'_>); 4] = [
        ("stats-plot-throughput", Box::new(throughput)),
        ("stats-plot-handling", Box::new(handling)),
        ("stats-plot-reasons", Box::new(reasons)),
        ("stats-plot-overrides", Box::new(overrides)),
    ];
    for row in titled.chunks(columns) {
        ui.horizontal_top(|ui| {
            for (key, draw) in row {
                ui.vertical(|ui| {
                    ui.strong(lang.text(key));
                    draw(ui);
                });
            }
        });
    }
}

/// The label of the bar at whole position `value`, and nothing between bars.
fn label_at(labels: &[String], value: f64) -> String {
    if value.fract() != 0.0 || value < 0.0 {
        return String::new();
    }
    labels.get(value as usize).cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::HourCount;

    fn stats(hours: &[(i64, u64)], handling_ms: Vec<u64>) -> Stats {
        let mut tally = crate::stats::Tally::new(TimeRange::default(), None).finish();
        tally.throughput = hours
            .iter()
            .map(|&(h, decisions)| HourCount {
                hour: DateTime::from_timestamp(h * 3600, 0).expect("a test hour"),
                decisions,
            })
            .collect();
        tally.handling_ms = handling_ms;
        tally
    }

    #[test]
    fn a_long_period_is_plotted_per_day_and_a_short_one_per_hour() {
        // Two days: hours stay hours.
        let short = Plots::of(&stats(&[(0, 2), (1, 3), (30, 1)], vec![]));
        assert_eq!(
            short.throughput,
            [(0.0, 2.0), (1.0 / 24.0, 3.0), (1.25, 1.0)]
        );
        // A year: 24 hours of a day add up into one bar.
        let year: Vec<(i64, u64)> = (0..24).map(|h| (h, 1)).chain([(24 * 364, 5)]).collect();
        let long = Plots::of(&stats(&year, vec![]));
        assert_eq!(long.bucket_days, 1.0);
        assert_eq!(long.throughput, [(0.0, 24.0), (364.0, 5.0)]);
    }

    #[test]
    fn handling_times_fall_into_thirty_bins_the_longest_in_the_last() {
        // 1 to 100 s: the 99th percentile is 99 s, so bins of 3.3 s; 100 s goes in the last.
        let ms: Vec<u64> = (1..=100).map(|s| s * 1000).collect();
        let p = Plots::of(&stats(&[], ms));
        assert_eq!(p.handling.len(), 30);
        assert!((p.bin_secs - 3.3).abs() < 1e-9);
        assert_eq!(p.handling.iter().map(|b| b.1).sum::<f64>(), 100.0);
        assert_eq!(p.handling[0].1, 3.0, "1, 2 and 3 s");
        assert_eq!(p.handling[29].1, 5.0, "95.7 s and longer");
    }
}
