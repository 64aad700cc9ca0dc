//! Measuring what reviewers feel: from a decision to the next case fully drawn, and the
//! time the UI spends on a frame.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// A rolling window of durations with its median.
#[derive(Debug, Default)]
pub struct Samples {
    window: VecDeque<Duration>,
}

impl Samples {
    const KEEP: usize = 200;

    pub fn push(&mut self, d: Duration) {
        if self.window.len() == Self::KEEP {
            self.window.pop_front();
        }
        self.window.push_back(d);
    }

    pub fn count(&self) -> usize {
        self.window.len()
    }

    pub fn median(&self) -> Option<Duration> {
        let mut v: Vec<Duration> = self.window.iter().copied().collect();
        v.sort();
        v.get(v.len() / 2).copied()
    }

    pub fn all(&self) -> impl Iterator<Item = Duration> + '_ {
        self.window.iter().copied()
    }
}

/// The decision-to-next-case clock: started at a decision, stopped when the next case's
/// frame is complete.
#[derive(Debug, Default)]
pub struct NextCaseClock {
    started: Option<Instant>,
    pub samples: Samples,
}

impl NextCaseClock {
    pub fn start(&mut self) {
        self.started = Some(Instant::now());
    }

    pub fn running(&self) -> bool {
        self.started.is_some()
    }

    pub fn stop(&mut self) {
        if let Some(t) = self.started.take() {
            self.samples.push(t.elapsed());
        }
    }

    pub fn cancel(&mut self) {
        self.started = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_a_rolling_window() {
        let mut s = Samples::default();
        assert_eq!(s.median(), None);
        for ms in [5, 1, 9] {
            s.push(Duration::from_millis(ms));
        }
        assert_eq!(s.median(), Some(Duration::from_millis(5)));
        for _ in 0..300 {
            s.push(Duration::from_millis(2));
        }
        assert_eq!(s.count(), Samples::KEEP);
        assert_eq!(s.median(), Some(Duration::from_millis(2)));
    }
}
