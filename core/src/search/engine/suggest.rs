//! Ways out of an empty result: filters whose removal would give results, the geo limit,
//! and a spelling correction built from the index's own words.

use super::filter::Tally;
use super::query::{query_words, QueryWords};
use super::SearchEngine;

use tantivy::Term;

use crate::i18n::I18n;
use crate::search::params::{SearchParams, FACETS};
use crate::search::Suggestion;

impl SearchEngine {
    /// Instead of a bare "nothing found": filters whose removal would give results, the
    /// geo limit, and a spelling correction built from the index's own words.
    pub(super) fn suggest(
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
    pub(super) fn spelling(&self, words: &QueryWords) -> Option<Suggestion> {
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
            .text_hits(
                &self.index.reader.searcher(),
                &query_words(&format!("{query} ")),
                false,
                None,
            )
            .map(|h| h.len() as u64)
            .unwrap_or(0);
        (count > 0).then_some(Suggestion::Spelling { query, count })
    }
}
