//! Due times (TEAM.md `sla_hours`): where a case stands against its due time.

use chrono::{DateTime, Duration, Utc};

/// Within this of its due time a case is due soon, and the queue says so.
pub const SOON: Duration = Duration::hours(1);

/// Where a case stands against its due time at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Due in more than an hour.
    Due(Duration),
    /// Due within the hour.
    Soon(Duration),
    /// Past its due time, by this much.
    Overdue(Duration),
}

/// Where a case due at `due_at` stands at `now`.
pub fn standing(due_at: DateTime<Utc>, now: DateTime<Utc>) -> Standing {
    let left = due_at - now;
    if left <= Duration::zero() {
        Standing::Overdue(-left)
    } else if left <= SOON {
        Standing::Soon(left)
    } else {
        Standing::Due(left)
    }
}

/// Hours and minutes of a span, for the command line: "2 h 05 min", "40 min", "3 d 4 h".
pub fn span(d: Duration) -> String {
    let minutes = d.num_minutes().max(0);
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{mins} min"),
        (0, h) => format!("{h} h {mins:02} min"),
        (d, h) => format!("{d} d {h} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_is_due_soon_within_the_hour_and_overdue_from_its_due_time() {
        let due = DateTime::from_timestamp(1_800_000_000, 0).expect("a test time");
        let at = |mins: i64| due - Duration::minutes(mins);
        assert_eq!(standing(due, at(61)), Standing::Due(Duration::minutes(61)));
        assert_eq!(standing(due, at(60)), Standing::Soon(Duration::minutes(60)));
        assert_eq!(standing(due, at(1)), Standing::Soon(Duration::minutes(1)));
        assert_eq!(standing(due, at(0)), Standing::Overdue(Duration::zero()));
        assert_eq!(
            standing(due, at(-125)),
            Standing::Overdue(Duration::minutes(125))
        );
        assert_eq!(span(Duration::minutes(40)), "40 min");
        assert_eq!(span(Duration::minutes(125)), "2 h 05 min");
        assert_eq!(span(Duration::minutes(3 * 1440 + 250)), "3 d 4 h");
    }
}
