//! The freshness states as row sets (bit r = table row r), for the facet counts and the
//! map. A row's state depends on the moment of the search, but only through two
//! thresholds: sets made at one moment are right at another as long as no row's latest
//! sign of life lies between the two moments' thresholds, which a sorted copy of the
//! column tells by binary search. So the sets are made again only when some listing has
//! actually changed state, not worked out for every matching row of every search.

use std::sync::{Arc, Mutex, OnceLock};

use super::columns::Bits;
use crate::freshness::{Freshness, Thresholds};

/// The rows in each state of [`Freshness::ALL`], as of the thresholds they were made for.
pub(super) type States = (Thresholds, Vec<Bits>);

/// The kept sets of one table version (see the module).
#[derive(Debug, Default)]
pub(super) struct FreshSets {
    sorted: OnceLock<Vec<i64>>,
    kept: Mutex<Option<Arc<States>>>,
}

/// A copy starts empty: what is kept is only ever a cache.
impl Clone for FreshSets {
    fn clone(&self) -> Self {
        Self::default()
    }
}

/// The position of `state` in [`Freshness::ALL`] (its value bit).
pub(super) fn state_bit(state: Freshness) -> usize {
    Freshness::ALL.iter().position(|f| *f == state).unwrap_or(0)
}

impl FreshSets {
    /// The rows in each state as of `t`, given each row's latest sign of life.
    pub(super) fn at(&self, last_sign: &[i64], t: Thresholds) -> Arc<States> {
        let sorted = self.sorted.get_or_init(|| {
            let mut s = last_sign.to_vec();
            s.sort_unstable();
            s
        });
        // Whether no row's sign lies in [min, max): then `last < a` and `last < b` agree
        // for every row.
        let none_between = |a: i64, b: i64| {
            let below = |x: i64| sorted.partition_point(|&s| s < x);
            below(a.min(b)) == below(a.max(b))
        };
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(k) = kept.as_ref() {
            if none_between(k.0.ageing_before, t.ageing_before)
                && none_between(k.0.stale_before, t.stale_before)
            {
                return k.clone();
            }
        }
        let words = last_sign.len().div_ceil(64);
        let mut sets = vec![vec![0u64; words]; Freshness::ALL.len()];
        for (r, &last) in last_sign.iter().enumerate() {
            sets[state_bit(t.state(last))][r / 64] |= 1 << (r % 64);
        }
        let made = Arc::new((t, sets));
        *kept = Some(made.clone());
        made
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn states(sets: &States, rows: usize) -> Vec<usize> {
        (0..rows)
            .map(|r| {
                (0..3)
                    .find(|&b| sets.1[b][r / 64] & (1 << (r % 64)) != 0)
                    .unwrap_or(9)
            })
            .collect()
    }

    /// Kept sets are reused while no row changes state, and made again (right) as soon as
    /// one would, at either threshold.
    #[test]
    fn the_sets_follow_each_rows_state_as_the_thresholds_move() {
        let last: Vec<i64> = (0..200).map(|r| (r * 37 % 101) * 10).collect();
        let fresh = FreshSets::default();
        let at = |ageing_before, stale_before| Thresholds {
            ageing_before,
            stale_before,
        };
        let expected =
            |t: Thresholds| -> Vec<usize> { last.iter().map(|&l| state_bit(t.state(l))).collect() };
        let mut previous: Option<Arc<States>> = None;
        for (a, s) in [
            (505, 205),
            (509, 209),
            (510, 209),
            (511, 210),
            (511, 211),
            (900, 0),
        ] {
            let t = at(a, s);
            let got = fresh.at(&last, t);
            assert_eq!(states(&got, last.len()), expected(t), "{t:?}");
            // 505 → 509 and 205 → 209 cross no sign (all are multiples of ten): reused.
            if (a, s) == (509, 209) {
                assert!(previous.as_ref().is_some_and(|p| Arc::ptr_eq(p, &got)));
            }
            previous = Some(got);
        }
    }
}
