//! The search function: text matching in tantivy, then filters, disjunctive facet counts,
//! geo, sorting and paging over the in-memory [`OrgTable`] in one pass.
//!
//! Split along its seams: [`candidates`] picks the rows a search starts from (kept text
//! matches); [`query`] builds the tantivy queries and collects text hits
//! ([`expansions`] keeps what its typo-tolerant clauses matched; [`dense`] scores common
//! words into arrays instead);
//! [`filter`] compiles the filters and runs the one pass (plain Rust); [`suggest`] offers
//! ways out of an empty result; [`life`] opens, rebuilds and refreshes the index.

mod bits;
mod candidates;
mod columns;
mod dense;
mod derived;
mod expansions;
mod filter;
mod fresh;
mod life;
mod matches;
mod query;
mod snippets;
mod spatial;
mod suggest;

pub use columns::{columns, each_row, ValueSets};
pub use filter::distance_km;
pub use life::{Progress, RebuildStats};

use filter::{sort_page, Candidate, Compiled, Tally};
use query::{query_words, QueryWords};

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock, RwLockReadGuard};

use tantivy::query::FuzzyTermQuery;
use tantivy::schema::{Field, Value};
use tantivy::{Score, Term};

use crate::i18n::I18n;
use crate::organizations::org_url;
use crate::region::RegionCatalog;
use crate::search::index::SearchIndex;
use crate::search::params::{ParamError, SearchParams, FACETS};
use crate::search::table::{flag, OrgTable};
use crate::search::{FacetCount, SearchHit, SearchResponse};
use crate::taxonomy::Vocabulary;
use crate::text::escape_html;

/// Below this many all-words matches, the search also admits matches missing one word.
const FEW: usize = 10;
/// Added to the score of all-words matches among those, so they rank first.
const FULL_MATCH_BONUS: Score = 1000.0;

/// The search engine of one region: the index, the table and the catalog.
pub struct SearchEngine {
    pub index: SearchIndex,
    pub table: RwLock<OrgTable>,
    pub catalog: Arc<RegionCatalog>,
    /// Held by rebuilds and refreshes, so a refresh never commits half a rebuild.
    maintenance: tokio::sync::Mutex<()>,
    /// Counts the changes applied (rebuilds and refreshes): caches of what was derived from
    /// the data compare it to know they are out of date.
    generation: std::sync::atomic::AtomicU64,
    /// The documents each typo-tolerant or prefix clause matched, per index segment.
    expansions: Arc<expansions::Expansions>,
    /// The rows each recent query's words matched, for the map.
    match_sets: matches::MatchSets,
    /// Results derived from the table, such as the map's region-wide views.
    derived: derived::Derived,
    /// The list's text matches of recent words (see [`SearchEngine::candidates`]).
    text_matches: derived::Derived,
    /// Whether an area's search with new words keeps them over the whole region (see
    /// [`SearchEngine::candidates`]); always on outside tests.
    areas_keep_whole: std::sync::atomic::AtomicBool,
}

/// Why a search could not run: bad parameters (a 400), or an internal failure.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("invalid search parameters: {0:?}")]
    Params(Vec<ParamError>),
    #[error("search failed: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl From<std::io::Error> for SearchError {
    fn from(e: std::io::Error) -> Self {
        Self::Internal(e.into())
    }
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> Self {
        Self::Internal(e.into())
    }
}

impl SearchEngine {
    /// What every search starts from: the filters compiled, the query's words, and the
    /// table's read guard.
    fn prepare(
        &self,
        p: &SearchParams,
        i18n: &I18n,
    ) -> Result<(Compiled, QueryWords, RwLockReadGuard<'_, OrgTable>), SearchError> {
        let compiled = self.compile(p, i18n)?;
        let words = query_words(&p.q);
        let table = self
            .table
            .read()
            .map_err(|_| anyhow::anyhow!("search table lock poisoned"))?;
        Ok((compiled, words, table))
    }

    /// Runs a search. Pure computation over the index and the table: a few milliseconds.
    pub fn search(&self, p: &SearchParams, i18n: &I18n) -> Result<SearchResponse, SearchError> {
        let (compiled, words, table) = self.prepare(p, i18n)?;
        // One searcher for the whole request: the hits' document addresses are only
        // valid in the index version that found them, and a refresh may land meanwhile.
        let searcher = self.index.reader.searcher();
        let candidates = self.candidates(&searcher, &words, &table, compiled.area())?;
        let mut tally = compiled.tally_any(&table, &candidates);
        let order = p.effective_sort();
        let from = ((p.page.max(1) - 1) as usize) * p.per_page as usize;
        let to = from + p.per_page as usize;
        sort_page(&mut tally.passing, &table, order, compiled.near, from, to);
        let page_items: Vec<Candidate> = tally
            .passing
            .iter()
            .skip(from)
            .take(p.per_page as usize)
            .copied()
            .collect();
        let items = self.hits(&searcher, &table, &page_items, &words, compiled.near)?;
        let total = tally.passing.len() as u64;
        let facets = self.facet_counts(p, &tally, i18n);
        let suggestions = if total == 0 {
            // The box cut the text matches first; the ways out count those outside it too.
            let everywhere = match compiled.area() {
                Some(_) if !words.plain.is_empty() => {
                    let all = self.candidates(&searcher, &words, &table, None)?;
                    Some(compiled.tally_any(&table, &all))
                }
                _ => None,
            };
            self.suggest(p, everywhere.as_ref().unwrap_or(&tally), &words, i18n)
        } else {
            vec![]
        };
        Ok(SearchResponse {
            total,
            page: p.page.max(1),
            per_page: p.per_page,
            items,
            facets,
            suggestions,
        })
    }

    /// Every organization of a view in the view's order, without paging: what a download of
    /// the view lists.
    pub fn ordered_ids(&self, p: &SearchParams, i18n: &I18n) -> Result<Vec<i64>, SearchError> {
        let (compiled, words, table) = self.prepare(p, i18n)?;
        let searcher = self.index.reader.searcher();
        let candidates = self.candidates(&searcher, &words, &table, compiled.area())?;
        let mut tally = compiled.tally_any(&table, &candidates);
        let all = tally.passing.len();
        let order = p.effective_sort();
        sort_page(&mut tally.passing, &table, order, compiled.near, 0, all);
        let rows = table.rows();
        Ok(tally.passing.iter().map(|c| rows[c.row()].id).collect())
    }

    fn facet_counts(
        &self,
        p: &SearchParams,
        t: &Tally,
        i18n: &I18n,
    ) -> BTreeMap<String, Vec<FacetCount>> {
        let mut out = BTreeMap::new();
        for (i, facet) in FACETS.into_iter().enumerate() {
            let selected = p.values(facet);
            let values = self
                .facet_values(facet, i18n)
                .into_iter()
                .enumerate()
                .take(128)
                .map(|(bit, (code, label))| FacetCount {
                    count: t.counts[i][bit],
                    selected: selected.contains(&code),
                    code,
                    label,
                })
                .collect();
            out.insert(facet.as_str().to_owned(), values);
        }
        out
    }

    fn hits(
        &self,
        searcher: &tantivy::Searcher,
        table: &OrgTable,
        page: &[Candidate],
        words: &QueryWords,
        near: Option<crate::region::LatLon>,
    ) -> Result<Vec<SearchHit>, SearchError> {
        let mut snippets = if words.plain.is_empty() {
            None
        } else {
            Some(self.snippets(searcher, words)?)
        };
        let tax = &self.catalog.taxonomy;
        let codes = |vocab: Vocabulary, mask: u128| -> Vec<String> {
            tax.terms(vocab)
                .iter()
                .enumerate()
                .filter(|(i, _)| *i < 128 && mask & (1u128 << i) != 0)
                .map(|(_, t)| t.code.clone())
                .collect()
        };
        let body = self.index.fields.body;
        let mut out = vec![];
        for c in page {
            let r = &table.rows()[c.row()];
            let snippet = match (&mut snippets, c.doc()) {
                (Some(g), Some(addr)) => {
                    let doc: tantivy::TantivyDocument = searcher.doc(addr)?;
                    g.html(doc.get_all(body).filter_map(|v| v.as_str()))
                }
                _ => None,
            };
            out.push(SearchHit {
                id: r.id,
                slug: r.slug.clone(),
                name: r.name.clone(),
                kind: tax
                    .org_kind
                    .get(usize::from(r.kind))
                    .map(|t| t.code.clone())
                    .unwrap_or_default(),
                okrug: self
                    .catalog
                    .okrugs
                    .get(usize::from(r.okrug))
                    .map(|o| o.slug.clone())
                    .unwrap_or_default(),
                lat: r.at.lat,
                lon: r.at.lon,
                approximate_location: r.has(flag::APPROXIMATE),
                directions: codes(Vocabulary::Direction, r.directions),
                audiences: codes(Vocabulary::Audience, r.audiences),
                snippet: snippet.unwrap_or_else(|| escape_html(&r.summary)),
                distance_km: near.map(|n| (distance_km(n, r.at) * 10.0).round() / 10.0),
                url: org_url(r.id, &r.slug),
            });
        }
        Ok(out)
    }

    /// Highlights the query's stems and the words its typos matched (tantivy does not
    /// highlight fuzzy matches by itself).
    fn snippets(
        &self,
        searcher: &tantivy::Searcher,
        words: &QueryWords,
    ) -> Result<snippets::Snippets, SearchError> {
        let body = self.index.fields.body;
        let mut terms = BTreeMap::new();
        for stem in &words.stems {
            terms.insert(stem.clone(), 1.0);
            let letters = stem.chars().count();
            if letters >= 4 {
                for t in self.expand(
                    searcher,
                    body,
                    stem,
                    if letters >= 8 { 2 } else { 1 },
                    false,
                )? {
                    terms.entry(t).or_insert(0.5);
                }
            }
        }
        Ok(snippets::Snippets::new(terms, 320))
    }

    /// The indexed terms within `distance` edits of `term` (or starting with it).
    fn expand(
        &self,
        searcher: &tantivy::Searcher,
        field: Field,
        term: &str,
        distance: u8,
        prefix: bool,
    ) -> Result<Vec<String>, SearchError> {
        let t = Term::from_field_text(field, term);
        let q = if prefix {
            FuzzyTermQuery::new_prefix(t, distance, true)
        } else {
            FuzzyTermQuery::new(t, distance, true)
        };
        let mut out = vec![];
        for seg in searcher.segment_readers() {
            let ii = seg.inverted_index(field)?;
            let mut stream = ii.terms().search(q.automaton()?).into_stream()?;
            while stream.advance() && out.len() < 50 {
                out.push(String::from_utf8_lossy(stream.key()).into_owned());
            }
        }
        Ok(out)
    }
}
