//! Results derived from one version of the table, kept for the next request that asks
//! for the same: the map's region-wide views. Every visitor's first map is the whole
//! region, unfiltered or with one category, and at a million organizations clustering it
//! reads every row (about 10 ms); kept, it costs a look-up until the table changes.

use std::any::Any;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use super::SearchEngine;

/// How many results are kept (a clustered view: at most 300 cells).
const KEEP: usize = 64;

type Value = Arc<dyn Any + Send + Sync>;

/// The most recently used results, newest first, each with its key and table version.
#[derive(Default)]
pub(super) struct Derived {
    kept: Mutex<VecDeque<(String, u64, Value)>>,
}

impl SearchEngine {
    /// The result kept under `key` for table version `table`, if any (and of type `T`).
    pub fn derived<T: Any + Send + Sync>(&self, key: &str, table: u64) -> Option<Arc<T>> {
        let mut kept = self.derived.kept.lock().unwrap_or_else(|e| e.into_inner());
        let at = kept.iter().position(|(k, v, _)| k == key && *v == table)?;
        let hit = kept.remove(at)?;
        let value = hit.2.clone().downcast::<T>().ok();
        kept.push_front(hit);
        value
    }

    /// Keeps `value` under `key` for table version `table`; results of older versions
    /// never apply again and are dropped. (Versions only grow: a result of an older table
    /// that comes in late is not kept, and drops nothing.)
    pub fn keep_derived<T: Any + Send + Sync>(&self, key: String, table: u64, value: Arc<T>) {
        let mut kept = self.derived.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.iter().any(|(_, v, _)| *v > table) {
            return;
        }
        kept.retain(|(k, v, _)| *v == table && *k != key);
        kept.push_front((key, table, value));
        kept.truncate(KEEP);
    }
}

impl SearchEngine {
    /// How many results are kept (for tests).
    #[cfg(any(test, feature = "testing"))]
    pub fn kept_derived(&self) -> usize {
        self.derived
            .kept
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .len()
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
        // Past KEEP results, the least recently used goes ("k0" was used last, so stays).
        for i in 0..KEEP {
            engine.keep_derived(format!("k{i}"), 2, Arc::new(i as u32));
        }
        assert!(engine.derived::<u32>("k0", 2).is_some());
        engine.keep_derived("new".into(), 2, Arc::new(0u32));
        assert!(engine.derived::<u32>("k0", 2).is_some());
        assert!(engine.derived::<u32>("k1", 2).is_none());
        assert!(engine.derived::<u32>("b", 2).is_none());
    }
}
