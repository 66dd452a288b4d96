//! Typo-tolerant and prefix terms with their matches remembered: a word's fuzzy clause walks
//! the term dictionary with a Levenshtein automaton and reads the postings of every term it
//! finds into a set of documents (tantivy's `AutomatonWeight`), the same work for every
//! search with that word, whatever box or filter follows. The set is kept per index segment,
//! which never changes once written (deletions are applied when hits are collected), so a
//! kept set stays right until its segment is merged away.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, FuzzyTermQuery, Query, Scorer, Weight,
};
use tantivy::{BitSet, DocId, DocSet, Score, SegmentReader, TantivyError, Term};

/// Bytes of document sets kept at most (one bit per document of a segment each); past it,
/// all are dropped and kept afresh.
const BUDGET: usize = 16 << 20;

/// Which documents a term within `distance` edits (or starting with it) matches.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    segment: SegmentId,
    term: Term,
    distance: u8,
    prefix: bool,
}

/// The remembered document sets (and the bytes they take), shared by all searches of an
/// engine.
#[derive(Default)]
pub struct Expansions {
    sets: Mutex<(HashMap<Key, Arc<BitSet>>, usize)>,
}

impl std::fmt::Debug for Expansions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Expansions")
    }
}

impl Expansions {
    /// A typo-tolerant (or, with `prefix`, prefix) clause for `term` whose matches are kept.
    pub fn query(self: &Arc<Self>, term: Term, distance: u8, prefix: bool) -> Box<dyn Query> {
        Box::new(Expanded {
            sets: self.clone(),
            term,
            distance,
            prefix,
        })
    }

    fn get(&self, key: &Key) -> Option<Arc<BitSet>> {
        let sets = self.sets.lock().unwrap_or_else(|e| e.into_inner());
        sets.0.get(key).cloned()
    }

    fn keep(&self, key: Key, set: Arc<BitSet>) {
        let bytes = set.max_value() as usize / 8 + 64;
        let mut sets = self.sets.lock().unwrap_or_else(|e| e.into_inner());
        if sets.1 + bytes > BUDGET {
            sets.0.clear();
            sets.1 = 0;
        }
        sets.1 += bytes;
        sets.0.insert(key, set);
    }
}

#[derive(Clone, Debug)]
struct Expanded {
    sets: Arc<Expansions>,
    term: Term,
    distance: u8,
    prefix: bool,
}

impl Expanded {
    fn fuzzy(&self) -> FuzzyTermQuery {
        if self.prefix {
            FuzzyTermQuery::new_prefix(self.term.clone(), self.distance, true)
        } else {
            FuzzyTermQuery::new(self.term.clone(), self.distance, true)
        }
    }
}

impl Query for Expanded {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ExpandedWeight {
            query: self.clone(),
        }))
    }
}

struct ExpandedWeight {
    query: Expanded,
}

impl ExpandedWeight {
    /// The documents of `reader`'s segment the clause matches, kept or found now.
    fn documents(&self, reader: &SegmentReader) -> tantivy::Result<Arc<BitSet>> {
        let key = Key {
            segment: reader.segment_id(),
            term: self.query.term.clone(),
            distance: self.query.distance,
            prefix: self.query.prefix,
        };
        if let Some(set) = self.query.sets.get(&key) {
            return Ok(set);
        }
        // The automaton is built only now: a kept set needs none (it scores nothing).
        let fuzzy = self.query.fuzzy();
        let inner = fuzzy.weight(EnableScoring::disabled_from_schema(reader.schema()))?;
        let mut set = BitSet::with_max_value(reader.max_doc());
        let mut found = inner.scorer(reader, 1.0)?;
        let mut doc = found.doc();
        while doc != tantivy::TERMINATED {
            set.insert(doc);
            doc = found.advance();
        }
        let set = Arc::new(set);
        self.query.sets.keep(key, set.clone());
        Ok(set)
    }
}

impl Weight for ExpandedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let set = BitSet::clone(&*self.documents(reader)?);
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(set), boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if self.documents(reader)?.contains(doc) {
            Ok(Explanation::new("Expanded", 1.0))
        } else {
            Err(TantivyError::InvalidArgument(
                "Document does not exist".to_string(),
            ))
        }
    }
}
