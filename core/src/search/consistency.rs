//! Whether the search index agrees with the database: the same published ids at the same
//! versions. Start-up refreshes whatever differs (a crash can cut off an index commit after
//! the database's), and `server check-search` reports it (the crash test's check).

use super::engine::SearchEngine;

/// How the index differs from the database's published organizations.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IndexDiff {
    /// Published, but not in the index.
    pub missing: Vec<i64>,
    /// In the index, but not published (or gone).
    pub extra: Vec<i64>,
    /// In both, at another version.
    pub stale: Vec<i64>,
}

impl IndexDiff {
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty() && self.stale.is_empty()
    }

    /// Every id that needs a refresh.
    pub fn ids(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .missing
            .iter()
            .chain(&self.extra)
            .chain(&self.stale)
            .copied()
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The difference between two sorted lists of (id, version).
    pub fn between(db: &[(i64, i64)], index: &[(i64, i64)]) -> Self {
        let db_map: std::collections::HashMap<i64, i64> = db.iter().copied().collect();
        let index_map: std::collections::HashMap<i64, i64> = index.iter().copied().collect();
        let mut diff = Self::default();
        for (id, version) in db {
            match index_map.get(id) {
                None => diff.missing.push(*id),
                Some(v) if v != version => diff.stale.push(*id),
                Some(_) => {}
            }
        }
        diff.extra = index
            .iter()
            .filter(|(id, _)| !db_map.contains_key(id))
            .map(|(id, _)| *id)
            .collect();
        diff
    }
}

impl SearchEngine {
    /// Compares the index with the database: same ids, same versions.
    pub async fn compare_with(&self, db: &crate::db::Db) -> anyhow::Result<IndexDiff> {
        let in_db = super::store::published_versions(db, self.catalog.id).await?;
        let in_index = self.index.versions()?;
        Ok(IndexDiff::between(&in_db, &in_index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_extra_and_stale_documents_are_told_apart() {
        let db = [(1, 1), (2, 3), (4, 1)];
        let index = [(1, 1), (2, 2), (3, 1)];
        let d = IndexDiff::between(&db, &index);
        assert_eq!(d.missing, vec![4]);
        assert_eq!(d.extra, vec![3]);
        assert_eq!(d.stale, vec![2]);
        assert_eq!(d.ids(), vec![2, 3, 4]);
        assert!(IndexDiff::between(&db, &db).is_empty());
    }
}
