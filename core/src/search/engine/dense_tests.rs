//! The dense path against tantivy's boolean queries on a real in-RAM index with two
//! segments and deleted documents: the same hits, scores and documents, for random
//! queries (common and rare words, typos, unfinished words), boxes and the relaxed rule.
use std::sync::Arc;

use proptest::prelude::*;

use super::super::query::query_words;
use super::super::SearchEngine;
use crate::search::index::{IndexDoc, SearchIndex};
use crate::search::params::BBox;
use crate::search::table::OrgTable;

const WORDS: &[&str] = &[
    "помощь",
    "пожилым",
    "совет",
    "ветеранов",
    "библиотека",
    "детям",
    "спорт",
    "юрист",
    "волонтеры",
    "клуб",
    "бесплатно",
    "кружок",
];

/// A document from drawn word numbers and a place.
fn doc(id: i64, name: &[usize], body: &[usize], at: (f64, f64)) -> IndexDoc {
    let text = |w: &[usize]| {
        w.iter()
            .map(|&i| WORDS[i % WORDS.len()])
            .collect::<Vec<_>>()
            .join(" ")
    };
    IndexDoc {
        id,
        name: text(name),
        body: text(body),
        place: if id % 3 == 0 {
            "Кетово".into()
        } else {
            String::new()
        },
        lat: 55.0 + at.0,
        lon: 65.0 + at.1,
        ..Default::default()
    }
}

type Hits = Vec<(i64, f32, tantivy::DocAddress)>;

/// Hits in id order, then document order.
fn sorted(mut hits: Hits) -> Hits {
    hits.sort_unstable_by_key(|h| (h.0, h.2.segment_ord, h.2.doc_id));
    hits
}

/// The same hits at the same documents, and (when scored) the same scores up to the
/// order of the additions.
fn same(a: Hits, b: Hits, scoring: bool) -> Result<(), String> {
    let (a, b) = (sorted(a), sorted(b));
    let key = |h: &Hits| h.iter().map(|x| (x.0, x.2)).collect::<Vec<_>>();
    if key(&a) != key(&b) {
        return Err(format!("hits differ: {:?} vs {:?}", key(&a), key(&b)));
    }
    for (x, y) in a.iter().zip(&b) {
        if scoring && (x.1 - y.1).abs() > 1e-3 * x.1.abs().max(1.0) {
            return Err(format!("scores of {} differ: {} vs {}", x.0, x.1, y.1));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn dense_scoring_finds_what_tantivy_finds(
        docs in prop::collection::vec(
            (prop::collection::vec(0usize..12, 1..4), prop::collection::vec(0usize..12, 0..8),
             (0.0..1.0f64, 0.0..1.0f64)),
            20..120),
        query in prop::collection::vec(0usize..16, 1..7),
        cut in 0usize..6,
        typo in any::<bool>(),
        prefix in any::<bool>(),
        area in prop::option::of((0.0..1.0f64, 0.0..1.0f64, 0.05..0.7f64)),
        scoring in any::<bool>(),
    ) {
        let index = SearchIndex::in_ram().expect("RAM index");
        let all: Vec<IndexDoc> = docs
            .iter()
            .enumerate()
            .map(|(i, (n, b, at))| doc(i as i64 + 1, n, b, *at))
            .collect();
        let half = all.len() / 2;
        let ids: Vec<i64> = all.iter().map(|d| d.id).collect();
        index.apply(&ids[..half], &all[..half]).expect("first segment");
        // The second commit replaces a few of the first: deleted documents in segment 0.
        let again: Vec<i64> = ids[half..].iter().chain(ids[..half].iter().step_by(7)).copied().collect();
        let mut second: Vec<IndexDoc> = all[half..].to_vec();
        second.extend(all[..half].iter().step_by(7).cloned());
        index.apply(&again, &second).expect("second segment");
        let engine =
            SearchEngine::new(index, OrgTable::default(), Arc::new(crate::seed::test_catalog()));
        // Words of the vocabulary (the last maybe cut short or with a typo) and words
        // nobody uses.
        let mut typed: Vec<String> = query
            .iter()
            .map(|&i| WORDS.get(i).map_or_else(|| format!("слово{i}"), |w| (*w).to_owned()))
            .collect();
        if let Some(last) = typed.last_mut() {
            if typo && last.chars().count() > 5 {
                *last = last.replacen('о', "а", 1);
            }
            if cut > 0 && last.chars().count() > cut + 2 {
                *last = last.chars().take(last.chars().count() - cut).collect();
            }
        }
        let q = typed.join(" ") + if prefix { "" } else { " " };
        let words = query_words(&q);
        prop_assume!(!words.plain.is_empty());
        let area = area.map(|(a, b, side)| BBox {
            min_lat: 55.0 + a,
            max_lat: 55.0 + a + side,
            min_lon: 65.0 + b,
            max_lon: 65.0 + b + side,
        });
        let searcher = engine.index.reader.searcher();
        let by_tantivy = engine.tantivy_hits(&searcher, &words, scoring, area).expect("tantivy");
        let dense = engine.dense_hits(&searcher, &words, scoring, area, true).expect("dense");
        let checked = same(dense, by_tantivy, scoring);
        prop_assert!(checked.is_ok(), "{}: {:?}", q, checked);
        // The map's kept sets: every word, however few match, and no scores.
        let every = engine.dense_hits(&searcher, &words, false, None, false).expect("dense");
        let q_all = super::super::query::all_of(&engine.per_word(&words));
        let by_tantivy = searcher
            .search(&q_all, &super::super::query::AllHits { scoring: false })
            .expect("tantivy");
        let checked = same(every, by_tantivy, false);
        prop_assert!(checked.is_ok(), "{} (every word): {:?}", q, checked);
    }
}
