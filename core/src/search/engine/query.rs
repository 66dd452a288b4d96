//! Text matching: a query's words become boosted tantivy queries (exact stems, typo-
//! tolerant and prefix terms), and a collector gathers every hit with its score.

use super::{SearchEngine, SearchError, FEW, FULL_MATCH_BONUS};

use std::ops::Bound;
use tantivy::collector::{Collector, SegmentCollector};

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, QueryClone, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, Term};

use crate::search::analyzer::{plain, stemming, tokens};
use crate::search::params::BBox;

/// Words that carry no meaning for search; they are not required to match.
pub(super) const STOP_WORDS: &[&str] = &[
    "и", "в", "во", "не", "на", "для", "с", "со", "по", "к", "ко", "о", "об", "от", "до", "из",
    "за", "у", "а", "но", "или", "же", "ли", "бы", "то", "как", "что", "где", "кто", "мне", "мой",
    "моя", "наш", "при", "под", "над",
];
/// At most this many words of a query are used.
pub(super) const MAX_TERMS: usize = 12;

/// Collects every matching document with its score and organization id.
/// With `scoring: false` tantivy skips BM25 (the map only needs which organizations match).
pub(super) struct AllHits {
    pub(super) scoring: bool,
}

pub(super) struct AllHitsSegment {
    pub(super) ord: SegmentOrdinal,
    pub(super) ids: tantivy::columnar::Column<u64>,
    pub(super) hits: Vec<(i64, Score, DocAddress)>,
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

    fn merge_fruits(&self, mut fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        // Most indexes are one segment after a rebuild: hand its hits over without a copy.
        if fruits.len() == 1 {
            return Ok(fruits.pop().unwrap_or_default());
        }
        let mut all = Vec::with_capacity(fruits.iter().map(Vec::len).sum());
        for f in fruits {
            all.extend(f);
        }
        Ok(all)
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
pub(super) struct QueryWords {
    pub(super) plain: Vec<String>,
    pub(super) stems: Vec<String>,
    /// Whether the last word may be unfinished (search-as-you-type).
    pub(super) last_is_prefix: bool,
}

pub(super) fn query_words(q: &str) -> QueryWords {
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

/// Every word must match.
pub(super) fn all_of(per_word: &[Box<dyn Query>]) -> BooleanQuery {
    BooleanQuery::new(
        per_word
            .iter()
            .map(|q| (Occur::Must, q.box_clone()))
            .collect(),
    )
}

pub(super) fn boosted(q: impl Query + 'static, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(Box::new(q), boost))
}

impl SearchEngine {
    /// The query for one word: exact stem in every field (name counts most), typo-tolerant
    /// stems (1 edit from 4 letters, 2 from 8, counted on the stem: a 1-edit fuzz on a
    /// 3-letter stem like "дет" would match half the dictionary), and for the last word a
    /// prefix.
    pub(super) fn word_query(&self, word: &str, stem: &str, prefix: bool) -> Box<dyn Query> {
        let clauses = self.word_clauses(word, stem, prefix);
        Box::new(BooleanQuery::new(
            clauses.into_iter().map(|q| (Occur::Should, q)).collect(),
        ))
    }

    /// The alternatives of [`SearchEngine::word_query`], each with its boost.
    pub(super) fn word_clauses(&self, word: &str, stem: &str, prefix: bool) -> Vec<Box<dyn Query>> {
        let f = self.index.fields;
        let mut clauses: Vec<Box<dyn Query>> = vec![];
        for (field, boost) in [
            (f.name, 4.0),
            (f.place, 2.0),
            (f.labels, 1.5),
            (f.body, 1.0),
        ] {
            let term = Term::from_field_text(field, stem);
            clauses.push(boosted(
                TermQuery::new(term.clone(), IndexRecordOption::WithFreqs),
                boost,
            ));
            let letters = stem.chars().count();
            if letters >= 4 {
                let distance = if letters >= 8 { 2 } else { 1 };
                let fuzzy_boost = if field == f.name { 1.0 } else { 0.3 };
                clauses.push(boosted(
                    self.expansions.query(term, distance, false),
                    fuzzy_boost,
                ));
            }
        }
        if prefix && word.chars().count() >= 2 {
            let name = Term::from_field_text(f.name_plain, word);
            clauses.push(boosted(self.expansions.query(name, 0, true), 2.0));
            let all = Term::from_field_text(f.all_plain, word);
            clauses.push(boosted(self.expansions.query(all.clone(), 0, true), 0.5));
            if word.chars().count() >= 4 {
                clauses.push(boosted(self.expansions.query(all, 1, true), 0.2));
            }
        }
        clauses
    }

    /// `q` limited to `area` (when there is one): ranges on the indexed coordinates, so a
    /// small map box cuts the text matches before any is scored or counted. The ranges
    /// score nothing, so the ranking stays the text's.
    fn within(&self, q: Box<dyn Query>, area: Option<BBox>) -> Box<dyn Query> {
        let Some(b) = area else {
            return q;
        };
        let f = self.index.fields;
        let range = |field, lo: f64, hi: f64| {
            boosted(
                RangeQuery::new(
                    Bound::Included(Term::from_field_f64(field, lo)),
                    Bound::Included(Term::from_field_f64(field, hi)),
                ),
                0.0,
            )
        };
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, q),
            (Occur::Must, range(f.lat, b.min_lat, b.max_lat)),
            (Occur::Must, range(f.lon, b.min_lon, b.max_lon)),
        ]))
    }

    /// One query per word (the last one may be unfinished).
    pub(super) fn per_word(&self, words: &QueryWords) -> Vec<Box<dyn Query>> {
        let n = words.plain.len();
        (0..n)
            .map(|i| {
                self.word_query(
                    &words.plain[i],
                    &words.stems[i],
                    words.last_is_prefix && i == n - 1,
                )
            })
            .collect()
    }

    /// All words must match; when that finds fewer than [`FEW`] organizations, all words
    /// but one (still ranked by how many words match, so full matches come first). With
    /// `area`, only organizations inside it.
    pub(super) fn text_hits(
        &self,
        searcher: &tantivy::Searcher,
        words: &QueryWords,
        scoring: bool,
        area: Option<BBox>,
    ) -> Result<Vec<(i64, Score, DocAddress)>, SearchError> {
        if self.dense_pays(searcher, words, area) {
            return self.dense_hits(searcher, words, scoring, area, true);
        }
        self.tantivy_hits(searcher, words, scoring, area)
    }

    /// [`SearchEngine::text_hits`] by tantivy's own boolean queries.
    pub(super) fn tantivy_hits(
        &self,
        searcher: &tantivy::Searcher,
        words: &QueryWords,
        scoring: bool,
        area: Option<BBox>,
    ) -> Result<Vec<(i64, Score, DocAddress)>, SearchError> {
        let n = words.plain.len();
        let per_word = self.per_word(words);
        let all = all_of(&per_word);
        let hits = searcher.search(&*self.within(Box::new(all), area), &AllHits { scoring })?;
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
        let mut relaxed_hits =
            searcher.search(&*self.within(Box::new(relaxed), area), &AllHits { scoring })?;
        for (id, score, _) in &mut relaxed_hits {
            if full.contains(id) {
                *score += FULL_MATCH_BONUS;
            }
        }
        Ok(relaxed_hits)
    }
}
