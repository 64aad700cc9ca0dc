//! Decoded pixels are the one large thing Vigil holds: a 48 KB PNG can declare 50 million
//! 16-bit pixels, 400 MB once decoded. Every decode reserves its bytes here first, from one
//! budget the whole process shares (import's parallel bundles, the face checks, the window's
//! previews), so that memory stays bounded whatever the number of cores.

use std::sync::{Condvar, Mutex, PoisonError};

/// Bytes of decoded pixels held at once, across the process.
pub const BUDGET: u64 = 512 << 20;

static USED: Mutex<u64> = Mutex::new(0);
static FREED: Condvar = Condvar::new();

/// Bytes taken from the budget, given back when dropped.
#[derive(Debug)]
pub struct Reservation {
    bytes: u64,
}

/// Waits until `bytes` fit in the budget, and takes them. One reservation larger than the
/// whole budget is granted when nothing else is held: that image is decoded alone.
pub fn reserve(bytes: u64) -> Reservation {
    let mut used = USED.lock().unwrap_or_else(PoisonError::into_inner);
    while *used > 0 && used.saturating_add(bytes) > BUDGET {
        used = FREED.wait(used).unwrap_or_else(PoisonError::into_inner);
    }
    *used += bytes;
    Reservation { bytes }
}

impl Reservation {
    /// Gives back all but `bytes`: what is still held once decoding's scratch is freed.
    pub fn shrink_to(&mut self, bytes: u64) {
        if bytes < self.bytes {
            give_back(self.bytes - bytes);
            self.bytes = bytes;
        }
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        give_back(self.bytes);
    }
}

fn give_back(bytes: u64) {
    let mut used = USED.lock().unwrap_or_else(PoisonError::into_inner);
    *used = used.saturating_sub(bytes);
    FREED.notify_all();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn threads_never_hold_more_than_the_budget_and_a_giant_runs_alone() {
        let peak = Arc::new(AtomicU64::new(0));
        let held = Arc::new(AtomicU64::new(0));
        let sizes = [BUDGET / 3, BUDGET / 2, BUDGET + 1, BUDGET / 4, BUDGET / 3];
        let threads: Vec<_> = (0..16)
            .map(|i| {
                let (peak, held) = (peak.clone(), held.clone());
                std::thread::spawn(move || {
                    for n in 0..4 {
                        let bytes = sizes[(i + n) % sizes.len()];
                        let r = reserve(bytes);
                        let now = held.fetch_add(bytes, Ordering::SeqCst) + bytes;
                        peak.fetch_max(now, Ordering::SeqCst);
                        assert!(now <= BUDGET || now == bytes, "{now} held with a giant");
                        std::thread::sleep(std::time::Duration::from_millis(2));
                        held.fetch_sub(bytes, Ordering::SeqCst);
                        drop(r);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().expect("no thread panicked");
        }
        assert!(
            peak.load(Ordering::SeqCst) > BUDGET / 2,
            "threads did run side by side"
        );
    }

    #[test]
    fn shrinking_gives_back_the_scratch() {
        let mut r = reserve(1000);
        r.shrink_to(300);
        r.shrink_to(900);
        assert_eq!(r.bytes, 300);
    }
}
