//! Results derived from one version of the table, kept for the next request that asks
//! for the same: the map's region-wide views, and the list's text matches. Every visitor's
//! first map is the whole region, unfiltered or with one category, and at a million
//! organizations clustering it reads every row (about 10 ms); kept, it costs a look-up
//! until the table changes. A common word's scored matches cost most of a search (BM25 over
//! half the index, then a row per hit), and paging, sorting, ticking a facet or moving the
//! radius ask the same words again.

use std::any::Any;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use super::SearchEngine;

/// How many map views are kept (a clustered view: at most 300 cells).
pub(super) const VIEWS: usize = 64;
/// How many text-match lists are kept, and their bytes at most (16 bytes a match: a common
/// word at a million organizations takes about 9 MB, at 100,000 under 1 MB). With 48 MB
/// the benchmark's mix of 26 queries at a million pushed each common word out before its
/// turn came again, and none was ever found kept.
pub(super) const MATCH_LISTS: usize = 32;
pub(super) const MATCH_BYTES: usize = 128 << 20;

type Value = Arc<dyn Any + Send + Sync>;

struct Entry {
    key: String,
    table: u64,
    bytes: usize,
    value: Value,
}

/// The most recently used results, newest first, each with its key and table version: at
/// most `keep` of them and `budget` bytes (as their keepers count them).
pub(super) struct Derived {
    keep: usize,
    budget: usize,
    kept: Mutex<VecDeque<Entry>>,
}

impl Derived {
    pub(super) fn new(keep: usize, budget: usize) -> Self {
        Self {
            keep,
            budget,
            kept: Mutex::default(),
        }
    }

    /// The result kept under `key` for table version `table`, if any (and of type `T`).
    pub(super) fn get<T: Any + Send + Sync>(&self, key: &str, table: u64) -> Option<Arc<T>> {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let at = kept.iter().position(|e| e.key == key && e.table == table)?;
        let hit = kept.remove(at)?;
        let value = hit.value.clone().downcast::<T>().ok();
        kept.push_front(hit);
        value
    }

    /// Keeps `value` (of `bytes`) under `key` for table version `table`; results of older
    /// versions never apply again and are dropped. (Versions only grow: a result of an
    /// older table that comes in late is not kept, and drops nothing.) A result larger
    /// than the whole budget is not kept.
    pub(super) fn put<T: Any + Send + Sync>(
        &self,
        key: String,
        table: u64,
        value: Arc<T>,
        bytes: usize,
    ) {
        if bytes > self.budget {
            return;
        }
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.iter().any(|e| e.table > table) {
            return;
        }
        kept.retain(|e| e.table == table && e.key != key);
        kept.push_front(Entry {
            key,
            table,
            bytes,
            value,
        });
        kept.truncate(self.keep);
        let mut total: usize = kept.iter().map(|e| e.bytes).sum();
        while total > self.budget {
            let Some(oldest) = kept.pop_back() else { break };
            total -= oldest.bytes;
        }
    }

    fn clear(&self) {
        self.kept.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    #[cfg(any(test, feature = "testing"))]
    fn len(&self) -> usize {
        self.kept.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

impl SearchEngine {
    /// The result kept under `key` for table version `table`, if any (and of type `T`).
    pub fn derived<T: Any + Send + Sync>(&self, key: &str, table: u64) -> Option<Arc<T>> {
        self.derived.get(key, table)
    }

    /// Keeps a small `value` under `key` for table version `table` (see [`Derived::put`]).
    pub fn keep_derived<T: Any + Send + Sync>(&self, key: String, table: u64, value: Arc<T>) {
        self.derived.put(key, table, value, 0);
    }

    /// Drops every kept result (map views and text matches), as a change of the table
    /// would: for benchmarks that time a search asked for the first time.
    pub fn forget_kept(&self) {
        self.derived.clear();
        self.text_matches.clear();
    }

    /// How many results are kept (for tests).
    #[cfg(any(test, feature = "testing"))]
    pub fn kept_derived(&self) -> usize {
        self.derived.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_result_serves_its_key_and_version_only_and_the_oldest_goes_first() {
        let index = crate::search::index::SearchIndex::in_ram().expect("index");
        let engine = SearchEngine::new(
            index,
            Default::default(),
            Arc::new(crate::seed::test_catalog()),
        );
        engine.keep_derived("a".into(), 1, Arc::new(1u32));
        assert_eq!(engine.derived::<u32>("a", 1).as_deref(), Some(&1));
        // Another version, another key, another type: nothing.
        assert!(engine.derived::<u32>("a", 2).is_none());
        assert!(engine.derived::<u32>("b", 1).is_none());
        assert!(engine.derived::<u64>("a", 1).is_none());
        // A newer version drops the older one's results; an older one's, late, is not kept.
        engine.keep_derived("b".into(), 2, Arc::new(2u32));
        assert!(engine.derived::<u32>("a", 1).is_none());
        engine.keep_derived("late".into(), 1, Arc::new(3u32));
        assert!(engine.derived::<u32>("late", 1).is_none());
        assert!(engine.derived::<u32>("b", 2).is_some());
        // Past VIEWS results, the least recently used goes ("k0" was used last, so stays).
        for i in 0..VIEWS {
            engine.keep_derived(format!("k{i}"), 2, Arc::new(i as u32));
        }
        assert!(engine.derived::<u32>("k0", 2).is_some());
        engine.keep_derived("new".into(), 2, Arc::new(0u32));
        assert!(engine.derived::<u32>("k0", 2).is_some());
        assert!(engine.derived::<u32>("k1", 2).is_none());
        assert!(engine.derived::<u32>("b", 2).is_none());
    }

    #[test]
    fn past_the_budget_the_least_recently_used_go_and_a_result_larger_than_it_is_not_kept() {
        let kept = Derived::new(8, 100);
        kept.put("a".into(), 1, Arc::new(1u32), 40);
        kept.put("b".into(), 1, Arc::new(2u32), 40);
        assert!(kept.get::<u32>("a", 1).is_some());
        // 120 bytes: "b", used least recently, goes.
        kept.put("c".into(), 1, Arc::new(3u32), 40);
        assert!(kept.get::<u32>("b", 1).is_none());
        assert!(kept.get::<u32>("a", 1).is_some());
        assert!(kept.get::<u32>("c", 1).is_some());
        // Larger than the budget: not kept, and nothing is dropped for it.
        kept.put("huge".into(), 1, Arc::new(4u32), 101);
        assert!(kept.get::<u32>("huge", 1).is_none());
        assert_eq!(kept.len(), 2);
    }

    /// A search served from the kept text matches answers exactly as the search that
    /// found them, whatever the filters, order, page, radius or box; a search with a box
    /// or radius keeps none of its own; an import drops them (the new organization is
    /// found).
    #[tokio::test]
    async fn kept_text_matches_answer_as_a_fresh_search_until_the_table_changes() {
        use crate::i18n::I18n;
        use crate::search::params::SearchParams;
        let core = crate::testing::TestCore::with_demo().await;
        let engine = &core.state.search;
        let i18n = I18n::default();
        let params =
            |pairs: &[(&str, &str)]| SearchParams::from_pairs(pairs.to_vec()).expect("parameters");
        let views = [
            params(&[("q", "помощь")]),
            params(&[
                ("q", "помощь "),
                ("sort", "name"),
                ("page", "2"),
                ("per_page", "5"),
            ]),
            params(&[("q", "помощь"), ("okrug", "ketovsky")]),
            params(&[
                ("q", "помощь"),
                ("near", "55.45,65.33"),
                ("radius_km", "40"),
            ]),
            params(&[("q", "помощь"), ("bbox", "65.28,55.40,65.40,55.48")]),
            // Two words in a box where fewer than FEW match both: the box's own search
            // admits those missing a word (27 of them, against 13 in the whole region).
            params(&[("q", "центр помощь"), ("bbox", "65.28,55.40,65.40,55.48")]),
            params(&[
                ("q", "помощь детям"),
                ("near", "55.45,65.33"),
                ("radius_km", "300"),
            ]),
        ];
        // The areas' own searches, kept for nothing.
        engine.set_areas_keep_whole(false);
        let mut fresh = vec![];
        for p in &views {
            engine.text_matches.clear();
            let own = engine.search(p, &i18n).expect("search");
            assert!(own.total > 0, "{p:?}");
            let area = p.bbox.is_some() || p.near.is_some();
            assert_eq!(engine.text_matches.len(), usize::from(!area), "{p:?}");
            // The same words over the whole region, kept.
            engine
                .search(&params(&[("q", &p.q)]), &i18n)
                .expect("search");
            assert_eq!(engine.text_matches.len(), 1, "{p:?}");
            let kept = engine.search(p, &i18n).expect("search");
            assert_eq!(kept, own, "{p:?}");
            fresh.push(own);
        }
        // As served: an area's search with new words keeps them over the whole region
        // first, and answers as its own search did, the first time and the next.
        engine.set_areas_keep_whole(true);
        for (p, own) in views.iter().zip(&fresh) {
            engine.text_matches.clear();
            assert_eq!(&engine.search(p, &i18n).expect("search"), own, "{p:?}");
            assert_eq!(engine.text_matches.len(), 1, "{p:?}");
            assert_eq!(&engine.search(p, &i18n).expect("search"), own, "{p:?}");
        }
        let before = engine.search(&views[0], &i18n).expect("search").total;
        core.import_json(r#"[{"name": "Помощь рядом", "kind": "ngo", "okrug": "ketovsky"}]"#)
            .await;
        let after = engine.search(&views[0], &i18n).expect("search").total;
        assert_eq!(after, before + 1);
    }
}
