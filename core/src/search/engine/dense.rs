//! Text matching for words that match much of a large index: each word's alternatives
//! (exact stems, typo-tolerant and prefix terms over four fields) are scored one posting
//! list after another into an array of scores and an array of which words matched, then
//! one pass keeps the documents every word matched. tantivy's intersection of unions does
//! the same sums, but for two common words at a million organizations it re-fills each
//! union's window at every step of the other (profiled at half the time of a search).
//! The sums are the same BM25 scores with the same boosts (`BooleanQuery` adds its
//! clauses' scores; added in another order, so equal up to rounding), and the same rule: all words, or all but one with a bonus for full
//! matches when fewer than [`FEW`] match all. A test checks both paths give the same hits.

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, Score};

use super::query::QueryWords;
use super::{SearchEngine, SearchError, FEW, FULL_MATCH_BONUS};
use crate::search::params::BBox;

/// Below this many documents the index is small enough for tantivy's own path. (So the
/// app's tests, on small indexes, never take this path; `dense_tests.rs` checks it.)
const MIN_DOCS: u64 = 16_384;

thread_local! {
    /// Each thread's score and word-mask arrays, reused from search to search (6 bytes per
    /// document of the largest segment, freed when an idle blocking thread exits).
    static ARRAYS: std::cell::Cell<(Vec<Score>, Vec<u16>)> = Default::default();
}

/// One text hit: organization id, score, document.
type Hit = (i64, Score, DocAddress);

impl SearchEngine {
    /// Whether every word is common enough (its exact stem in at least one document in 64,
    /// or it is an unfinished word, whose prefix usually is) for the dense path to pay off,
    /// and there is no box (measured slower with one).
    pub(super) fn dense_pays(
        &self,
        searcher: &tantivy::Searcher,
        words: &QueryWords,
        area: Option<BBox>,
    ) -> bool {
        let docs = searcher.num_docs();
        // A box's ranges make tantivy's intersection cheap: it steps through the box.
        if area.is_some() || docs < MIN_DOCS || words.plain.is_empty() || words.plain.len() > 16 {
            return false;
        }
        let f = self.index.fields;
        let n = words.plain.len();
        words.stems.iter().enumerate().all(|(i, stem)| {
            if words.last_is_prefix && i == n - 1 {
                return true;
            }
            [f.name, f.place, f.labels, f.body].iter().any(|&field| {
                let term = tantivy::Term::from_field_text(field, stem);
                searcher.doc_freq(&term).unwrap_or(0) * 64 >= docs
            })
        })
    }

    /// The hits [`SearchEngine::text_hits`] finds, by score arrays (see the module); with
    /// `relax` false only those matching every word, however few.
    pub(super) fn dense_hits(
        &self,
        searcher: &tantivy::Searcher,
        words: &QueryWords,
        scoring: bool,
        area: Option<BBox>,
        relax: bool,
    ) -> Result<Vec<Hit>, SearchError> {
        let n = words.plain.len();
        let enable = if scoring {
            EnableScoring::enabled_from_searcher(searcher)
        } else {
            EnableScoring::disabled_from_searcher(searcher)
        };
        let mut weights = vec![];
        for i in 0..n {
            let prefix = words.last_is_prefix && i == n - 1;
            for clause in self.word_clauses(&words.plain[i], &words.stems[i], prefix) {
                weights.push((i, clause.weight(enable)?));
            }
        }
        let all: u16 = if n == 16 { u16::MAX } else { (1 << n) - 1 };
        let mut full = vec![];
        let mut partial = vec![];
        // The arrays are kept per thread: fresh ones cost a page fault per 4 KB each time.
        let (mut score, mut matched) = ARRAYS.take();
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let max = reader.max_doc() as usize;
            score.clear();
            score.resize(if scoring { max } else { 0 }, 0.0);
            matched.clear();
            matched.resize(max, 0);
            let keep = |m: u16| m == all || (relax && n >= 2 && (all & !m).count_ones() == 1);
            for (word, weight) in &weights {
                let bit = 1u16 << word;
                if scoring {
                    weight.for_each(reader, &mut |doc, s| {
                        score[doc as usize] += s;
                        matched[doc as usize] |= bit;
                    })?;
                } else {
                    weight.for_each_no_score(reader, &mut |docs| {
                        for &doc in docs {
                            matched[doc as usize] |= bit;
                        }
                    })?;
                }
            }
            let fast = reader.fast_fields();
            let ids = fast.u64("id")?;
            let (lat, lon) = (fast.f64("lat")?, fast.f64("lon")?);
            let alive = reader.alive_bitset();
            let kept = matched.iter().filter(|&&m| keep(m)).count();
            full.reserve(kept);
            for (doc, &m) in matched.iter().enumerate() {
                if !keep(m) {
                    continue;
                }
                let whole = m == all;
                let d = doc as u32;
                if alive.is_some_and(|a| a.is_deleted(d)) {
                    continue;
                }
                if let Some(b) = area {
                    let inside = match (lat.first(d), lon.first(d)) {
                        (Some(la), Some(lo)) => {
                            (b.min_lat..=b.max_lat).contains(&la)
                                && (b.min_lon..=b.max_lon).contains(&lo)
                        }
                        _ => false,
                    };
                    if !inside {
                        continue;
                    }
                }
                let Some(id) = ids.first(d) else { continue };
                let s = if scoring { score[doc] } else { 0.0 };
                let hit = (id as i64, s, DocAddress::new(ord as u32, d));
                if whole {
                    full.push(hit);
                } else {
                    partial.push(hit);
                }
            }
        }
        ARRAYS.set((score, matched));
        if full.len() >= FEW || n < 2 || !relax {
            return Ok(full);
        }
        // Fewer than FEW match every word: those missing one come too, full matches first.
        for hit in &mut full {
            hit.1 += FULL_MATCH_BONUS;
        }
        full.append(&mut partial);
        Ok(full)
    }
}

#[cfg(test)]
#[path = "dense_tests.rs"]
mod tests;
