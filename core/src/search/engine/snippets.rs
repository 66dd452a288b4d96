//! Snippets: the passage of an organization's text that best matches the query, with the
//! matched words marked. The same passage and marks as tantivy's `SnippetGenerator` (a
//! property test compares them), without its costs per word of text: it copies its
//! analyzer for every text, lowercases a copy of every word and looks each up in a
//! `BTreeMap`, and together with stemming every word that was a tenth of a search page.
//! Here the analyzer stems only words that may stem to a term
//! ([`crate::search::analyzer::stemming_for`]) and terms are looked up by hash.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::Score;

use crate::search::analyzer::stemming_for;
use crate::text::escape_html;

/// The query's terms (stems and the words its typos matched) with their weights.
pub(super) struct Snippets {
    terms: HashMap<String, Score>,
    analyzer: TextAnalyzer,
    /// A passage spans at most this many bytes of text (tantivy's rule, named in chars).
    max_len: usize,
}

/// A passage: its byte range, summed weight and marked words (byte ranges in the text).
struct Passage {
    start: usize,
    stop: usize,
    score: Score,
    marks: Vec<Range<usize>>,
}

impl Passage {
    fn at(start: usize) -> Self {
        Self {
            start,
            stop: start,
            score: 0.0,
            marks: vec![],
        }
    }
}

impl Snippets {
    pub(super) fn new(terms: BTreeMap<String, Score>, max_len: usize) -> Self {
        let analyzer = stemming_for(terms.keys().map(String::as_str));
        Self {
            terms: terms.into_iter().collect(),
            analyzer,
            max_len,
        }
    }

    /// The best passage of `text` (the body's values, each after a space, trimmed, as
    /// tantivy joins them), as HTML with `<mark>`s; `None` when no term is in it.
    pub(super) fn html<'a>(&mut self, values: impl Iterator<Item = &'a str>) -> Option<String> {
        let mut joined = String::new();
        for v in values {
            joined.push(' ');
            joined.push_str(v);
        }
        let text = joined.trim();
        let best = self.best(text)?;
        let mut html = String::with_capacity(best.stop - best.start + 64);
        let mut from = best.start;
        for m in &best.marks {
            html.push_str(&escape_html(&text[from..m.start]));
            html.push_str("<mark>");
            html.push_str(&escape_html(&text[m.clone()]));
            html.push_str("</mark>");
            from = m.end;
        }
        html.push_str(&escape_html(&text[from..best.stop]));
        Some(html)
    }

    /// The passage with the greatest weight (the first of equal ones): words in order,
    /// a new passage wherever the next word would take the current one past `max_len`.
    fn best(&mut self, text: &str) -> Option<Passage> {
        let mut best: Option<Passage> = None;
        let mut keep = |p: Passage| {
            if p.score > 0.0 && best.as_ref().is_none_or(|b| p.score > b.score) {
                best = Some(p);
            }
        };
        let mut current = Passage::at(0);
        let mut stream = self.analyzer.token_stream(text);
        while let Some(t) = stream.next() {
            if t.offset_to - current.start > self.max_len {
                keep(std::mem::replace(&mut current, Passage::at(t.offset_from)));
            }
            current.stop = t.offset_to;
            if let Some(w) = self.terms.get(&t.text) {
                current.score += w;
                current.marks.push(t.offset_from..t.offset_to);
            }
        }
        keep(current);
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyzer::stemming;
    use proptest::prelude::*;

    /// tantivy's passage and marks (relative to the passage) for the same terms.
    fn tantivy(
        terms: &BTreeMap<String, Score>,
        text: &str,
        max: usize,
    ) -> (Range<usize>, Vec<Range<usize>>) {
        let mut schema = tantivy::schema::Schema::builder();
        let field = schema.add_text_field("body", tantivy::schema::TEXT);
        let g = tantivy::snippet::SnippetGenerator::new(terms.clone(), stemming(), field, max);
        let s = g.snippet(text);
        (s.fragment_range(), s.highlighted().to_vec())
    }

    proptest! {
        /// The same passage and marks as tantivy's generator, for terms among the text's
        /// own stems and others, weights that tie and passages of any length.
        #[test]
        fn the_passage_and_marks_are_tantivys(
            words in proptest::collection::vec("[а-яёА-Я]{1,10}|[.,«»—-]", 1..80),
            chosen in proptest::collection::vec(any::<proptest::sample::Index>(), 0..4),
            weights in proptest::collection::vec(prop_oneof![Just(1.0f32), Just(0.5f32)], 4),
            max in 20usize..200,
        ) {
            let text = words.join(" ");
            let mut full = stemming();
            let mut terms = BTreeMap::new();
            for (i, c) in chosen.iter().enumerate() {
                for stem in crate::search::analyzer::tokens(&mut full, c.get::<String>(&words)) {
                    terms.insert(stem, weights[i]);
                }
            }
            terms.insert("помощ".to_owned(), 1.0);
            let (range, marks) = tantivy(&terms, &text, max);
            let ours = Snippets::new(terms, max).best(&text);
            match ours {
                None => prop_assert!(marks.is_empty()),
                Some(p) => {
                    prop_assert_eq!(p.start..p.stop, range.clone());
                    let relative: Vec<Range<usize>> =
                        p.marks.iter().map(|m| m.start - p.start..m.end - p.start).collect();
                    prop_assert_eq!(relative, marks);
                }
            }
        }
    }

    #[test]
    fn marks_are_escaped_html_and_no_match_is_none() {
        let mut terms = BTreeMap::new();
        terms.insert("помощ".to_owned(), 1.0);
        let mut s = Snippets::new(terms, 320);
        let html = s.html(["Оказываем <помощь> & поддержку", "Помощь"].into_iter());
        assert_eq!(
            html.as_deref(),
            Some("Оказываем &lt;<mark>помощь</mark>&gt; &amp; поддержку <mark>Помощь</mark>")
        );
        assert_eq!(s.html(["Ничего общего"].into_iter()), None);
    }
}
