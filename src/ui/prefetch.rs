//! How far ahead of the reviewer cases are prepared: decoded, textures uploaded, so that the
//! next case is drawn in the frame of the decision.

/// Cases prepared ahead of the open one.
pub const AHEAD: usize = 3;

/// The texture memory prepared cases may hold (display textures are at most 2048 pixels on
/// their long side, 16 MiB each); the next case is prepared whatever its size.
pub const BUDGET: usize = 256 << 20;

/// How many of the cases ahead, in order and with their texture bytes once prepared, to
/// keep and prepare: each one while the prepared cases before it hold less than `budget`.
/// A case's own size only limits the ones after it, so a case kept once stays kept.
pub fn kept(sizes: impl IntoIterator<Item = Option<usize>>, budget: usize) -> usize {
    let mut used = 0;
    let mut n = 0;
    for size in sizes.into_iter().take(AHEAD) {
        if n > 0 && used >= budget {
            break;
        }
        used += size.unwrap_or(0);
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: usize = 1 << 20;

    #[test]
    fn the_next_case_is_always_kept_and_the_rest_while_memory_allows() {
        assert_eq!(kept([], BUDGET), 0);
        assert_eq!(kept([None; 5], BUDGET), AHEAD);
        assert_eq!(kept([Some(40 * MIB); 5], BUDGET), AHEAD);
        // A huge next case is still prepared; nothing after it.
        assert_eq!(kept([Some(900 * MIB), None, None], BUDGET), 1);
        assert_eq!(kept([Some(200 * MIB), Some(100 * MIB), None], BUDGET), 2);
        // Not yet prepared counts nothing: prepared as far as the budget allows.
        assert_eq!(kept([None, Some(300 * MIB), Some(1)], BUDGET), 2);
        assert_eq!(kept([Some(1); 3], 0), 1);
    }
}
