//! The rows a search starts from, and the text matches kept for the next search with the
//! same words (see [`SearchEngine::candidates`]).

use std::sync::atomic::Ordering;
use std::sync::Arc;

use super::filter::Candidate;
use super::query::QueryWords;
use super::{columns, SearchEngine, SearchError, FEW};
use crate::search::params::BBox;
use crate::search::table::OrgTable;

impl SearchEngine {
    /// The rows a search starts from: every row for an empty query, else the text hits
    /// (within `area`, when there is one), in table order (see [`in_table_order`]). Every
    /// row, and the hits of words over the whole region, are kept for the next search with
    /// the same words, for this table and index version: a search within an area keeps
    /// its words' hits over the whole region first, so that the next area with the same
    /// words (the map panned, a box moved) costs a pass over the kept list. It takes the
    /// kept hits inside its area: what the area's own search finds (the area adds no
    /// score; the dense path's sums may differ in rounding), unless fewer than [`FEW`] of
    /// several words' hits lie there (then the area's own search admits hits missing a
    /// word).
    pub(super) fn candidates(
        &self,
        searcher: &tantivy::Searcher,
        words: &QueryWords,
        table: &OrgTable,
        area: Option<BBox>,
    ) -> Result<Arc<Vec<Candidate>>, SearchError> {
        let bytes = |list: &Vec<Candidate>| list.len() * std::mem::size_of::<Candidate>();
        if words.plain.is_empty() {
            // Every row, kept too: 16 MB to fill at a million, for each search without words.
            if let Some(all) = self.text_matches.get::<Vec<Candidate>>("", table.version()) {
                return Ok(all);
            }
            let all = Arc::new(
                (0..table.len())
                    .map(|row| Candidate::new(row, 0.0, None))
                    .collect::<Vec<_>>(),
            );
            let size = bytes(&all);
            self.text_matches
                .put(String::new(), table.version(), all.clone(), size);
            return Ok(all);
        }
        let key = format!(
            "{}\u{1}{}\u{1}{}",
            words.plain.join(" "),
            words.last_is_prefix,
            searcher.generation().generation_id()
        );
        let kept = self
            .text_matches
            .get::<Vec<Candidate>>(&key, table.version());
        let whole = match (kept, area) {
            (Some(kept), _) => kept,
            (None, Some(_)) if !self.areas_keep_whole.load(Ordering::Relaxed) => {
                return self.hits_in(searcher, words, table, area);
            }
            (None, _) => {
                let hits = self.hits_in(searcher, words, table, None)?;
                let size = bytes(&hits);
                self.text_matches
                    .put(key, table.version(), hits.clone(), size);
                hits
            }
        };
        let Some(a) = area else {
            return Ok(whole);
        };
        let at = &columns(table).at;
        let inside: Vec<Candidate> = whole
            .iter()
            .filter(|c| a.contains(at[c.row()]))
            .copied()
            .collect();
        if words.plain.len() < 2 || inside.len() >= FEW {
            return Ok(Arc::new(inside));
        }
        self.hits_in(searcher, words, table, area)
    }

    /// The text hits within `area` (or the whole region), searched afresh, in table order.
    fn hits_in(
        &self,
        searcher: &tantivy::Searcher,
        words: &QueryWords,
        table: &OrgTable,
        area: Option<BBox>,
    ) -> Result<Arc<Vec<Candidate>>, SearchError> {
        let found = self.text_hits(searcher, words, true, area)?;
        let mut hits = Vec::with_capacity(found.len());
        hits.extend(found.into_iter().filter_map(|(id, score, doc)| {
            table
                .index_of(id)
                .map(|row| Candidate::new(row, score, Some(doc)))
        }));
        Ok(Arc::new(in_table_order(hits, table.len())))
    }

    /// Whether a search within an area with words not kept keeps their hits over the whole
    /// region first (the default). Tests turn it off to compare kept hits with the area's
    /// own search.
    #[cfg(any(test, feature = "testing"))]
    pub fn set_areas_keep_whole(&self, on: bool) {
        self.areas_keep_whole.store(on, Ordering::Relaxed);
    }
}

/// Text hits come in the index's document order, rows are kept in name order: visiting
/// the rows of 57,000 hits in hit order missed the CPU cache on nearly every one (profiled
/// at over half of a search's own time at 100,000 organizations). Reordered by row, the
/// pass over the table reads it front to back. A few hits are sorted; many are placed
/// through a slot per row, which costs a pass over the slots but no comparisons.
fn in_table_order(mut hits: Vec<Candidate>, rows: usize) -> Vec<Candidate> {
    if hits.len() < 4096 {
        hits.sort_unstable_by_key(Candidate::row);
        // A row once, as in the slots below (the counts by columns rely on it).
        hits.dedup_by_key(|c| c.row());
        return hits;
    }
    let mut slot = vec![u32::MAX; rows];
    for (i, c) in hits.iter().enumerate() {
        if let Some(s) = slot.get_mut(c.row()) {
            *s = i as u32;
        }
    }
    let mut ordered = Vec::with_capacity(hits.len());
    ordered.extend(
        slot.into_iter()
            .filter(|&i| i != u32::MAX)
            .map(|i| hits[i as usize]),
    );
    ordered
}
