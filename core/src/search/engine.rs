//! The search function: text matching in tantivy, then filters, disjunctive facet counts,
//! geo, sorting and paging over the in-memory [`OrgTable`] in one pass.

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock, RwLockReadGuard};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, QueryClone, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, Term};

use super::analyzer::{plain, stemming, tokens};
use super::index::SearchIndex;
use super::params::{BBox, Facet, ParamError, SearchParams, SortOrder, FACETS};
use super::table::{flag, OrgRow, OrgTable};
use super::{FacetCount, SearchHit, SearchResponse, Suggestion};
use crate::i18n::I18n;
use crate::organizations::org_url;
use crate::region::{LatLon, RegionCatalog};
use crate::taxonomy::Vocabulary;

/// Words that carry no meaning for search; they are not required to match.
const STOP_WORDS: &[&str] = &[
    "и", "в", "во", "не", "на", "для", "с", "со", "по", "к", "ко", "о", "об", "от", "до", "из",
    "за", "у", "а", "но", "или", "же", "ли", "бы", "то", "как", "что", "где", "кто", "мне", "мой",
    "моя", "наш", "при", "под", "над",
];
/// At most this many words of a query are used.
const MAX_TERMS: usize = 12;
/// Below this many all-words matches, the search also admits matches missing one word.
const FEW: usize = 10;
/// A rebuild loads and indexes this many organizations at a time.
const REBUILD_CHUNK: usize = 5000;
/// Added to the score of all-words matches among those, so they rank first.
const FULL_MATCH_BONUS: Score = 1000.0;

/// The search engine of one region: the index, the table and the catalog.
pub struct SearchEngine {
    pub index: SearchIndex,
    pub table: RwLock<OrgTable>,
    pub catalog: Arc<RegionCatalog>,
    /// Held by rebuilds and refreshes, so a refresh never commits half a rebuild.
    maintenance: tokio::sync::Mutex<()>,
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

/// Active filters compiled to masks over the table's bit positions.
struct Compiled {
    /// Per facet (in [`FACETS`] order): the mask of accepted values, `None` when inactive.
    masks: [Option<u128>; 8],
    near: Option<LatLon>,
    radius_km: Option<f64>,
    bbox: Option<BBox>,
    /// A cheap box around the radius circle, checked before the haversine distance.
    circle_box: Option<BBox>,
}

/// A row's values for one facet, as a mask.
fn values_of(row: &OrgRow, facet: Facet) -> u128 {
    match facet {
        Facet::Direction => row.directions,
        Facet::Audience => row.audiences,
        Facet::EventFormat => row.event_formats,
        Facet::Kind => 1u128.checked_shl(u32::from(row.kind)).unwrap_or(0),
        Facet::Okrug => 1u128.checked_shl(u32::from(row.okrug)).unwrap_or(0),
        Facet::Verified => u128::from(row.has(flag::VERIFIED)),
        Facet::HasNeeds => u128::from(row.has(flag::HAS_NEEDS)),
        Facet::AcceptsVolunteers => u128::from(row.has(flag::ACCEPTS_VOLUNTEERS)),
    }
}

/// Great-circle distance in km (the `geo` crate's haversine).
pub fn distance_km(a: LatLon, b: LatLon) -> f64 {
    use geo::{Distance, Haversine, Point};
    Haversine.distance(Point::new(a.lon, a.lat), Point::new(b.lon, b.lat)) / 1000.0
}

impl SearchEngine {
    /// The (code, label) list of a facet's possible values, in the vocabulary's order.
    pub fn facet_values(&self, facet: Facet, i18n: &I18n) -> Vec<(String, String)> {
        let c = &self.catalog;
        let terms = |v: Vocabulary| {
            c.taxonomy
                .terms(v)
                .iter()
                .map(|t| (t.code.clone(), t.label.get(i18n.locale).to_owned()))
                .collect()
        };
        match facet {
            Facet::Direction => terms(Vocabulary::Direction),
            Facet::Audience => terms(Vocabulary::Audience),
            Facet::EventFormat => terms(Vocabulary::EventFormat),
            Facet::Kind => terms(Vocabulary::OrgKind),
            Facet::Okrug => c
                .okrugs
                .iter()
                .map(|o| (o.slug.clone(), o.name.get(i18n.locale).to_owned()))
                .collect(),
            Facet::Verified => vec![("true".into(), i18n.t("facet-verified-yes"))],
            Facet::HasNeeds => vec![("true".into(), i18n.t("facet-has-needs-yes"))],
            Facet::AcceptsVolunteers => {
                vec![("true".into(), i18n.t("facet-accepts-volunteers-yes"))]
            }
        }
    }

    fn compile(&self, p: &SearchParams, i18n: &I18n) -> Result<Compiled, SearchError> {
        let mut masks = [None; 8];
        let mut errors = vec![];
        for (i, facet) in FACETS.into_iter().enumerate() {
            let wanted = p.values(facet);
            if wanted.is_empty() {
                continue;
            }
            let known = self.facet_values(facet, i18n);
            let mut mask = 0u128;
            for code in wanted {
                match known.iter().position(|(c, _)| c == code) {
                    Some(bit) if bit < 128 => mask |= 1u128 << bit,
                    _ => errors.push(ParamError {
                        param: facet.as_str().into(),
                        key: "err-param-unknown-code".into(),
                        value: code.clone(),
                    }),
                }
            }
            masks[i] = Some(mask);
        }
        if !errors.is_empty() {
            return Err(SearchError::Params(errors));
        }
        let circle_box = match (p.near, p.radius_km) {
            (Some(c), Some(r)) => {
                let dlat = r / 111.0 + 0.01;
                let dlon = r / (111.0 * c.lat.to_radians().cos().abs().max(0.01)) + 0.01;
                Some(BBox {
                    min_lat: c.lat - dlat,
                    max_lat: c.lat + dlat,
                    min_lon: c.lon - dlon,
                    max_lon: c.lon + dlon,
                })
            }
            _ => None,
        };
        Ok(Compiled {
            masks,
            near: p.near,
            radius_km: p.radius_km,
            bbox: p.bbox,
            circle_box,
        })
    }
}

/// Collects every matching document with its score and organization id.
/// With `scoring: false` tantivy skips BM25 (the map only needs which organizations match).
struct AllHits {
    scoring: bool,
}

struct AllHitsSegment {
    ord: SegmentOrdinal,
    ids: tantivy::columnar::Column<u64>,
    hits: Vec<(i64, Score, DocAddress)>,
}

impl Collector for AllHits {
    type Fruit = Vec<(i64, Score, DocAddress)>;
    type Child = AllHitsSegment;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<AllHitsSegment> {
        Ok(AllHitsSegment {
            ord,
            ids: reader.fast_fields().u64("id")?,
            hits: vec![],
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scoring
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for AllHitsSegment {
    type Fruit = Vec<(i64, Score, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(id) = self.ids.first(doc) {
            self.hits
                .push((id as i64, score, DocAddress::new(self.ord, doc)));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.hits
    }
}

/// The words of a query, as typed (lowercase, ё→е) and stemmed.
struct QueryWords {
    plain: Vec<String>,
    stems: Vec<String>,
    /// Whether the last word may be unfinished (search-as-you-type).
    last_is_prefix: bool,
}

fn query_words(q: &str) -> QueryWords {
    let mut all = tokens(&mut plain(), q);
    all.truncate(MAX_TERMS);
    let meaningful: Vec<String> = all
        .iter()
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .cloned()
        .collect();
    let plain = if meaningful.is_empty() {
        all
    } else {
        meaningful
    };
    let mut stemmer = stemming();
    let stems = plain
        .iter()
        .map(|w| tokens(&mut stemmer, w).pop().unwrap_or_else(|| w.clone()))
        .collect();
    let last_is_prefix = !q.ends_with(char::is_whitespace);
    QueryWords {
        plain,
        stems,
        last_is_prefix,
    }
}

fn boosted(q: impl Query + 'static, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(Box::new(q), boost))
}

impl SearchEngine {
    /// The query for one word: exact stem in every field (name counts most), typo-tolerant
    /// stems (1 edit from 4 letters, 2 from 8, counted on the stem: a 1-edit fuzz on a
    /// 3-letter stem like "дет" would match half the dictionary), and for the last word a
    /// prefix.
    fn word_query(&self, word: &str, stem: &str, prefix: bool) -> Box<dyn Query> {
        let f = self.index.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![];
        for (field, boost) in [
            (f.name, 4.0),
            (f.place, 2.0),
            (f.labels, 1.5),
            (f.body, 1.0),
        ] {
            let term = Term::from_field_text(field, stem);
            clauses.push((
                Occur::Should,
                boosted(
                    TermQuery::new(term.clone(), IndexRecordOption::WithFreqs),
                    boost,
                ),
            ));
            let letters = stem.chars().count();
            if letters >= 4 {
                let distance = if letters >= 8 { 2 } else { 1 };
                let fuzzy_boost = if field == f.name { 1.0 } else { 0.3 };
                clauses.push((
                    Occur::Should,
                    boosted(FuzzyTermQuery::new(term, distance, true), fuzzy_boost),
                ));
            }
        }
        if prefix && word.chars().count() >= 2 {
            let name = Term::from_field_text(f.name_plain, word);
            clauses.push((
                Occur::Should,
                boosted(FuzzyTermQuery::new_prefix(name, 0, true), 2.0),
            ));
            let all = Term::from_field_text(f.all_plain, word);
            clauses.push((
                Occur::Should,
                boosted(FuzzyTermQuery::new_prefix(all.clone(), 0, true), 0.5),
            ));
            if word.chars().count() >= 4 {
                clauses.push((
                    Occur::Should,
                    boosted(FuzzyTermQuery::new_prefix(all, 1, true), 0.2),
                ));
            }
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// All words must match; when that finds fewer than [`FEW`] organizations, all words
    /// but one (still ranked by how many words match, so full matches come first).
    fn text_hits(
        &self,
        words: &QueryWords,
        scoring: bool,
    ) -> Result<Vec<(i64, Score, DocAddress)>, SearchError> {
        let n = words.plain.len();
        let per_word: Vec<Box<dyn Query>> = (0..n)
            .map(|i| {
                self.word_query(
                    &words.plain[i],
                    &words.stems[i],
                    words.last_is_prefix && i == n - 1,
                )
            })
            .collect();
        let searcher = self.index.reader.searcher();
        let all = BooleanQuery::new(
            per_word
                .iter()
                .map(|q| (Occur::Must, q.box_clone()))
                .collect(),
        );
        let hits = searcher.search(&all, &AllHits { scoring })?;
        if hits.len() >= FEW || n < 2 {
            return Ok(hits);
        }
        let relaxed = BooleanQuery::with_minimum_required_clauses(
            per_word.into_iter().map(|q| (Occur::Should, q)).collect(),
            n - 1,
        );
        // Organizations matching every word stay on top: BM25 alone could rank one strong
        // word above two weak ones.
        let full: std::collections::HashSet<i64> = hits.iter().map(|(id, _, _)| *id).collect();
        let mut relaxed_hits = searcher.search(&relaxed, &AllHits { scoring })?;
        for (id, score, _) in &mut relaxed_hits {
            if full.contains(id) {
                *score += FULL_MATCH_BONUS;
            }
        }
        Ok(relaxed_hits)
    }
}

/// One candidate row after the text match.
#[derive(Clone, Copy)]
struct Candidate {
    row: usize,
    score: Score,
    doc: Option<DocAddress>,
    distance: Option<f64>,
    /// The sort key, filled by `sort_page`.
    key: (f64, u32),
}

/// What one pass over the candidates produces.
struct Tally {
    passing: Vec<Candidate>,
    counts: [[u64; 128]; 8],
    /// Per facet: how many rows would pass if that facet's filter were dropped.
    without: [u64; 8],
    /// Rows that pass every facet filter but not the geo limit.
    geo_only_failures: u64,
}

impl Compiled {
    fn geo_ok(&self, at: LatLon) -> (bool, Option<f64>) {
        if let Some(b) = self.bbox {
            if !b.contains(at) {
                return (false, None);
            }
        }
        let Some(c) = self.near else {
            return (true, None);
        };
        if let Some(b) = self.circle_box {
            if !b.contains(at) {
                return (false, None);
            }
        }
        let d = distance_km(c, at);
        (self.radius_km.is_none_or(|r| d <= r), Some(d))
    }

    /// Whether a row passes every active filter (facets and geo).
    fn passes(&self, row: &OrgRow) -> bool {
        FACETS
            .into_iter()
            .enumerate()
            .all(|(i, facet)| self.masks[i].is_none_or(|m| values_of(row, facet) & m != 0))
            && self.geo_ok(row.at).0
    }

    /// Disjunctive counting: a row counts towards facet F's values when it passes every
    /// other facet, so each facet's counts reflect all the *other* active filters.
    fn tally(&self, table: &OrgTable, candidates: impl Iterator<Item = Candidate>) -> Tally {
        let mut t = Tally {
            passing: vec![],
            counts: [[0; 128]; 8],
            without: [0; 8],
            geo_only_failures: 0,
        };
        let rows = table.rows();
        for mut c in candidates {
            let row = &rows[c.row];
            let mut failing = [false; 8];
            let mut n_failing = 0;
            for (i, facet) in FACETS.into_iter().enumerate() {
                if let Some(mask) = self.masks[i] {
                    if values_of(row, facet) & mask == 0 {
                        failing[i] = true;
                        n_failing += 1;
                    }
                }
            }
            let (geo_pass, distance) = self.geo_ok(row.at);
            if !geo_pass {
                t.geo_only_failures += u64::from(n_failing == 0);
                continue;
            }
            c.distance = distance;
            if n_failing > 1 {
                continue;
            }
            for (i, facet) in FACETS.into_iter().enumerate() {
                if n_failing == 0 || failing[i] {
                    let mut bits = values_of(row, facet);
                    while bits != 0 {
                        t.counts[i][bits.trailing_zeros() as usize] += 1;
                        bits &= bits - 1;
                    }
                    t.without[i] += 1;
                }
            }
            if n_failing == 0 {
                t.passing.push(c);
            }
        }
        t
    }
}

fn sort_page(
    passing: &mut [Candidate],
    table: &OrgTable,
    order: SortOrder,
    from: usize,
    to: usize,
) {
    let rows = table.rows();
    let key = |c: &Candidate| -> (f64, u32) {
        let r = &rows[c.row];
        match order {
            SortOrder::Relevance => (-f64::from(c.score), r.name_rank),
            SortOrder::Name => (0.0, r.name_rank),
            SortOrder::Distance => (c.distance.unwrap_or(f64::MAX), r.name_rank),
            SortOrder::Updated => (-(r.updated_at as f64), r.name_rank),
            SortOrder::Verified => (-(r.verified_at as f64), r.name_rank),
        }
    };
    let to = to.min(passing.len());
    if to == 0 || from >= to {
        return;
    }
    // Keys once per candidate: comparisons then never touch the table's rows.
    for c in passing.iter_mut() {
        c.key = key(c);
    }
    let cmp = |a: &Candidate, b: &Candidate| {
        a.key
            .partial_cmp(&b.key)
            .unwrap_or(std::cmp::Ordering::Equal)
    };
    // Only the first `to` need ordering: a partial selection, then a sort of that prefix.
    if to < passing.len() {
        passing.select_nth_unstable_by(to - 1, cmp);
    }
    passing[..to].sort_by(cmp);
}

impl SearchEngine {
    /// Runs a search. Pure computation over the index and the table: a few milliseconds.
    pub fn search(&self, p: &SearchParams, i18n: &I18n) -> Result<SearchResponse, SearchError> {
        let compiled = self.compile(p, i18n)?;
        let words = query_words(&p.q);
        let table = self
            .table
            .read()
            .map_err(|_| anyhow::anyhow!("search table lock poisoned"))?;
        let candidates: Vec<Candidate> = if words.plain.is_empty() {
            (0..table.len())
                .map(|row| Candidate {
                    row,
                    score: 0.0,
                    doc: None,
                    distance: None,
                    key: (0.0, 0),
                })
                .collect()
        } else {
            self.text_hits(&words, true)?
                .into_iter()
                .filter_map(|(id, score, doc)| {
                    table.index_of(id).map(|row| Candidate {
                        row,
                        score,
                        doc: Some(doc),
                        distance: None,
                        key: (0.0, 0),
                    })
                })
                .collect()
        };
        let mut tally = compiled.tally(&table, candidates.iter().copied());
        let order = p.effective_sort();
        let from = ((p.page.max(1) - 1) as usize) * p.per_page as usize;
        let to = from + p.per_page as usize;
        sort_page(&mut tally.passing, &table, order, from, to);
        let page_items: Vec<Candidate> = tally
            .passing
            .iter()
            .skip(from)
            .take(p.per_page as usize)
            .copied()
            .collect();
        let items = self.hits(&table, &page_items, &words)?;
        let total = tally.passing.len() as u64;
        let facets = self.facet_counts(p, &tally, i18n);
        let suggestions = if total == 0 {
            self.suggest(p, &tally, &words, i18n)
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

    /// The table rows matching the query and every filter (facets, radius, bbox), in table
    /// order and without duplicates: the map's input. The read guard comes with them, so the
    /// row indices stay valid while the caller uses them.
    pub fn matching(
        &self,
        p: &SearchParams,
        i18n: &I18n,
    ) -> Result<(RwLockReadGuard<'_, OrgTable>, Vec<usize>), SearchError> {
        let compiled = self.compile(p, i18n)?;
        let words = query_words(&p.q);
        let table = self
            .table
            .read()
            .map_err(|_| anyhow::anyhow!("search table lock poisoned"))?;
        let rows = table.rows();
        let out = if words.plain.is_empty() {
            (0..rows.len())
                .filter(|&i| compiled.passes(&rows[i]))
                .collect()
        } else {
            // A flag per row instead of a sort: table order and no duplicates in O(n).
            let mut hit = vec![false; rows.len()];
            for (id, _, _) in self.text_hits(&words, false)? {
                if let Some(i) = table.index_of(id) {
                    hit[i] = true;
                }
            }
            (0..rows.len())
                .filter(|&i| hit[i] && compiled.passes(&rows[i]))
                .collect()
        };
        Ok((table, out))
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
        table: &OrgTable,
        page: &[Candidate],
        words: &QueryWords,
    ) -> Result<Vec<SearchHit>, SearchError> {
        let searcher = self.index.reader.searcher();
        let snippets = if words.plain.is_empty() {
            None
        } else {
            Some(self.snippet_generator(&searcher, words)?)
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
        let mut out = vec![];
        for c in page {
            let r = &table.rows()[c.row];
            let snippet = match (&snippets, c.doc) {
                (Some(g), Some(addr)) => {
                    let doc: tantivy::TantivyDocument = searcher.doc(addr)?;
                    let mut s = g.snippet_from_doc(&doc);
                    s.set_snippet_prefix_postfix("<mark>", "</mark>");
                    Some(s.to_html()).filter(|h| !h.is_empty())
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
                distance_km: c.distance.map(|d| (d * 10.0).round() / 10.0),
                url: org_url(r.id, &r.slug),
            });
        }
        Ok(out)
    }

    /// Highlights the query's stems and the words its typos matched (tantivy does not
    /// highlight fuzzy matches by itself).
    fn snippet_generator(
        &self,
        searcher: &tantivy::Searcher,
        words: &QueryWords,
    ) -> Result<SnippetGenerator, SearchError> {
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
                    terms.insert(t, 0.5);
                }
            }
        }
        Ok(SnippetGenerator::new(terms, stemming(), body, 320))
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

/// Escapes text for an HTML snippet.
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl SearchEngine {
    /// Instead of a bare "nothing found": filters whose removal would give results, the
    /// geo limit, and a spelling correction built from the index's own words.
    fn suggest(
        &self,
        p: &SearchParams,
        t: &Tally,
        words: &QueryWords,
        i18n: &I18n,
    ) -> Vec<Suggestion> {
        let mut out = vec![];
        for (i, facet) in FACETS.into_iter().enumerate() {
            if t.without[i] == 0 {
                continue;
            }
            let known = self.facet_values(facet, i18n);
            for code in p.values(facet) {
                let label = known
                    .iter()
                    .find(|(c, _)| c == code)
                    .map(|(_, l)| l.clone())
                    .unwrap_or_default();
                out.push(Suggestion::DropFilter {
                    facet: facet.as_str().into(),
                    code: code.clone(),
                    label,
                    count: t.without[i],
                });
            }
        }
        if t.geo_only_failures > 0 {
            out.push(Suggestion::DropGeo {
                count: t.geo_only_failures,
            });
        }
        if let Some(s) = self.spelling(words) {
            out.push(s);
        }
        out
    }

    /// Replaces each word that matches nothing by the most frequent indexed word within two
    /// edits, and reports how many organizations the corrected query finds.
    fn spelling(&self, words: &QueryWords) -> Option<Suggestion> {
        let searcher = self.index.reader.searcher();
        let field = self.index.fields.all_plain;
        let mut changed = false;
        let mut corrected = vec![];
        for w in &words.plain {
            let exists = searcher
                .doc_freq(&Term::from_field_text(field, w))
                .unwrap_or(0)
                > 0;
            let best = (!exists && w.chars().count() >= 3)
                .then(|| self.expand(&searcher, field, w, 2, false).ok())
                .flatten()
                .and_then(|cands| {
                    cands.into_iter().max_by_key(|c| {
                        searcher
                            .doc_freq(&Term::from_field_text(field, c))
                            .unwrap_or(0)
                    })
                });
            match best {
                Some(b) if &b != w => {
                    changed = true;
                    corrected.push(b);
                }
                _ => corrected.push(w.clone()),
            }
        }
        if !changed {
            return None;
        }
        let query = corrected.join(" ");
        let count = self
            .text_hits(&query_words(&format!("{query} ")), false)
            .map(|h| h.len() as u64)
            .unwrap_or(0);
        (count > 0).then_some(Suggestion::Spelling { query, count })
    }
}

/// Start-up, rebuilds and incremental updates.
impl SearchEngine {
    pub fn new(index: SearchIndex, table: OrgTable, catalog: Arc<RegionCatalog>) -> Self {
        Self {
            index,
            table: RwLock::new(table),
            catalog,
            maintenance: tokio::sync::Mutex::new(()),
        }
    }

    /// Opens (or creates) the index under `dir` and loads the table. With `auto_rebuild`,
    /// the index is rebuilt when it is new, has another schema version, or its document
    /// count differs from the database's.
    pub async fn open(
        dir: &std::path::Path,
        db: &crate::db::Db,
        catalog: Arc<RegionCatalog>,
        auto_rebuild: bool,
    ) -> anyhow::Result<Arc<Self>> {
        let (index, fresh) = SearchIndex::open_or_create(dir)?;
        let rows = OrgTable::load(db, &catalog, None).await?;
        let engine = Arc::new(Self::new(index, OrgTable::from_rows(rows), catalog));
        let in_db = engine.table_len();
        let in_index = engine.index.num_docs() as usize;
        if auto_rebuild && !fresh && in_index == in_db {
            // The same count can still hide stale documents (a save whose index commit was
            // cut off by a crash): compare every id and version, refresh what differs.
            let diff = engine.compare_with(db).await?;
            if !diff.is_empty() {
                tracing::info!(
                    ?diff,
                    "search index out of step with the database: refreshing"
                );
                engine.refresh(db, &diff.ids()).await?;
            }
        }
        if auto_rebuild && (fresh || in_index != in_db) {
            tracing::warn!(in_db, in_index, fresh, "rebuilding the search index");
            let log: Progress = Arc::new(|done, total| {
                if done == total || done % 10_000 == 0 {
                    tracing::info!(done, total, "indexing");
                }
            });
            let stats = engine.rebuild(db, log).await?;
            tracing::info!(
                docs = stats.docs,
                secs = stats.seconds,
                "search index rebuilt"
            );
        }
        Ok(engine)
    }

    /// An engine over a RAM index (tests): loads everything from the database.
    pub async fn in_ram(
        db: &crate::db::Db,
        catalog: Arc<RegionCatalog>,
    ) -> anyhow::Result<Arc<Self>> {
        let index = SearchIndex::in_ram()?;
        let rows = OrgTable::load(db, &catalog, None).await?;
        let engine = Arc::new(Self::new(index, OrgTable::from_rows(rows), catalog));
        engine.rebuild(db, Arc::new(|_, _| {})).await?;
        Ok(engine)
    }

    pub fn table_len(&self) -> usize {
        self.table.read().map(|t| t.len()).unwrap_or(0)
    }

    /// Rebuilds the index and the table from the database, in chunks of
    /// [`REBUILD_CHUNK`] organizations so memory stays flat; one commit at the end.
    /// `progress(done, total)` is called after each chunk.
    pub async fn rebuild(
        self: &Arc<Self>,
        db: &crate::db::Db,
        progress: Progress,
    ) -> anyhow::Result<RebuildStats> {
        let _maintenance = self.maintenance.lock().await;
        let started = std::time::Instant::now();
        let ids: Vec<i64> = sqlx::query_scalar(
            "select id from organization where region_id = ? and status = 'published' order by id",
        )
        .bind(self.catalog.id)
        .fetch_all(db)
        .await?;
        let total = ids.len();
        self.blocking(|e| e.index.clear()).await?;
        for (i, chunk) in ids.chunks(REBUILD_CHUNK).enumerate() {
            let docs = super::index::load_docs(db, &self.catalog, Some(chunk)).await?;
            self.blocking(move |e| e.index.add(&docs)).await?;
            progress((i * REBUILD_CHUNK + chunk.len()).min(total), total);
        }
        self.blocking(|e| e.index.commit()).await?;
        self.blocking(|e| e.index.merge_all()).await?;
        let rows = OrgTable::load(db, &self.catalog, None).await?;
        *self
            .table
            .write()
            .map_err(|_| anyhow::anyhow!("search table lock poisoned"))? =
            OrgTable::from_rows(rows);
        progress(total, total);
        Ok(RebuildStats {
            docs: total,
            seconds: started.elapsed().as_secs_f64(),
        })
    }

    /// Runs blocking index work off the async threads.
    async fn blocking(
        self: &Arc<Self>,
        work: impl FnOnce(&SearchEngine) -> anyhow::Result<()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let engine = Arc::clone(self);
        tokio::task::spawn_blocking(move || work(&engine))
            .await
            .map_err(|e| anyhow::anyhow!("indexing task failed: {e}"))?
    }

    /// Re-reads the organizations `ids` from the database into the index and the table;
    /// ids no longer published are removed. One commit for the whole batch.
    pub async fn refresh(self: &Arc<Self>, db: &crate::db::Db, ids: &[i64]) -> anyhow::Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let _maintenance = self.maintenance.lock().await;
        let docs = super::index::load_docs(db, &self.catalog, Some(ids)).await?;
        let rows = OrgTable::load(db, &self.catalog, Some(ids)).await?;
        let owned: Vec<i64> = ids.to_vec();
        self.blocking(move |e| e.index.apply(&owned, &docs)).await?;
        self.table
            .write()
            .map_err(|_| anyhow::anyhow!("search table lock poisoned"))?
            .apply(ids, rows);
        Ok(())
    }
}

/// A progress callback: (documents done, total).
pub type Progress = Arc<dyn Fn(usize, usize) + Send + Sync>;

/// What a rebuild did.
#[derive(Debug, Clone, Copy)]
pub struct RebuildStats {
    pub docs: usize,
    pub seconds: f64,
}
