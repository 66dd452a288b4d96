//! Text analysis for Russian: split on non-alphanumerics, lowercase, fold ё to е, stem.
//! The same analyzer runs at indexing and at query time, so "пожилым", "пожилых" and
//! "пожилые" meet at one stem.

use std::str::CharIndices;

use tantivy::tokenizer::{
    Language, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// The registered name of the stemming analyzer.
pub const RU_STEM: &str = "ru_stem";
/// The registered name of the analyzer without stemming (for prefixes and spelling).
pub const RU_PLAIN: &str = "ru_plain";

/// Lowercase, ё→е, and stemmed.
pub fn stemming() -> TextAnalyzer {
    TextAnalyzer::builder(RuTokenizer::default())
        .filter(Stemmer::new(Language::Russian))
        .build()
}

/// [`stemming`] for finding `terms` (stems) in a text, as the snippets do: a word is
/// stemmed only when its first three letters (or the whole of a shorter term) begin one
/// of the terms; the others are blanked, since no term can come of them (a Russian stem
/// is the folded word with an ending cut off, so a term a word stems to begins that word).
/// Stemming every word of every shown organization's text was a tenth of a search page.
pub fn stemming_for<'t>(terms: impl IntoIterator<Item = &'t str>) -> TextAnalyzer {
    let mut gate = Gate {
        heads: Default::default(),
        short: vec![],
        stem: TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
            .filter(Stemmer::new(Language::Russian))
            .build(),
    };
    for t in terms {
        match head(t) {
            Some(h) => {
                gate.heads.insert(h.to_owned());
            }
            None => gate.short.push(t.to_owned()),
        }
    }
    TextAnalyzer::builder(RuTokenizer::default())
        .filter(gate)
        .build()
}

/// The first three letters of `word`, if it has as many.
fn head(word: &str) -> Option<&str> {
    let mut ends = word.char_indices().map(|(i, c)| i + c.len_utf8());
    ends.nth(2).map(|end| &word[..end])
}

/// See [`stemming_for`]: the terms' first three letters, the terms shorter than that, and
/// the stemmer for the words that may stem to a term.
#[derive(Clone)]
struct Gate {
    heads: std::collections::HashSet<String>,
    short: Vec<String>,
    stem: TextAnalyzer,
}

impl Gate {
    fn may_stem_to_a_term(&self, word: &str) -> bool {
        self.short.iter().any(|t| word.starts_with(t.as_str()))
            || head(word).is_some_and(|h| self.heads.contains(h))
    }
}

impl TokenFilter for Gate {
    type Tokenizer<T: Tokenizer> = GateTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> GateTokenizer<T> {
        GateTokenizer { gate: self, inner }
    }
}

#[derive(Clone)]
pub struct GateTokenizer<T> {
    gate: Gate,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for GateTokenizer<T> {
    type TokenStream<'a> = GateStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        GateStream {
            gate: &mut self.gate,
            inner: self.inner.token_stream(text),
        }
    }
}

pub struct GateStream<'a, S> {
    gate: &'a mut Gate,
    inner: S,
}

impl<S: TokenStream> TokenStream for GateStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        let token = self.inner.token_mut();
        if self.gate.may_stem_to_a_term(&token.text) {
            let word = std::mem::take(&mut token.text);
            let mut stemmed = self.gate.stem.token_stream(&word);
            if stemmed.advance() {
                token.text.push_str(&stemmed.token().text);
            }
        } else {
            token.text.clear();
        }
        true
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

/// Lowercase and ё→е, not stemmed: whole words as typed, for prefix matching.
pub fn plain() -> TextAnalyzer {
    TextAnalyzer::builder(RuTokenizer::default()).build()
}

/// Words of this many bytes or more are dropped (as tantivy's `RemoveLongFilter` does).
const LONGEST: usize = 40;

/// Splits on what is not a letter or digit, drops words of [`LONGEST`] bytes or more,
/// lowercases and folds ё to е: the tokens of tantivy's `SimpleTokenizer`,
/// `RemoveLongFilter`, `LowerCaser` and a ё-folding filter in a row, in one pass. Those ask the
/// Unicode tables about every Cyrillic letter (twice) and copy each word three times; the
/// snippets of a search page tokenize every shown organization's text, and that was a fifth
/// of the page's time. ASCII and the Russian alphabet take a short path here.
#[derive(Clone, Default)]
pub struct RuTokenizer {
    token: Token,
}

pub struct RuTokenStream<'a> {
    chars: CharIndices<'a>,
    token: &'a mut Token,
}

impl Tokenizer for RuTokenizer {
    type TokenStream<'a> = RuTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> RuTokenStream<'a> {
        self.token.reset();
        RuTokenStream {
            chars: text.char_indices(),
            token: &mut self.token,
        }
    }
}

fn is_word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        'А'..='я' | 'ё' | 'Ё' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Appends `c` lowercased, ё folded to е.
fn push_folded(out: &mut String, c: char) {
    match c {
        _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        'а'..='я' => out.push(c),
        'ё' | 'Ё' => out.push('е'),
        'А'..='Я' => out.extend(char::from_u32(u32::from(c) + 0x20)),
        _ => out.extend(c.to_lowercase().map(|l| if l == 'ё' { 'е' } else { l })),
    }
}

impl TokenStream for RuTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some((from, first)) = self.chars.find(|(_, c)| is_word_char(*c)) else {
                return false;
            };
            let text = &mut self.token.text;
            text.clear();
            push_folded(text, first);
            let mut to = from + first.len_utf8();
            for (at, c) in self.chars.by_ref() {
                if !is_word_char(c) {
                    break;
                }
                push_folded(text, c);
                to = at + c.len_utf8();
            }
            // Dropped words keep their place, so a phrase never spans them.
            self.token.position = self.token.position.wrapping_add(1);
            if to - from < LONGEST {
                self.token.offset_from = from;
                self.token.offset_to = to;
                return true;
            }
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Runs an analyzer over a string and returns its tokens' texts.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = vec![];
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer};

    /// Folds ё to е inside tokens: the filter the analyzers used before [`RuTokenizer`].
    #[derive(Clone)]
    pub struct YoFolder;

    impl TokenFilter for YoFolder {
        type Tokenizer<T: Tokenizer> = YoFolderTokenizer<T>;

        fn transform<T: Tokenizer>(self, tokenizer: T) -> YoFolderTokenizer<T> {
            YoFolderTokenizer(tokenizer)
        }
    }

    #[derive(Clone)]
    pub struct YoFolderTokenizer<T>(T);

    impl<T: Tokenizer> Tokenizer for YoFolderTokenizer<T> {
        type TokenStream<'a> = YoFolderStream<T::TokenStream<'a>>;

        fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
            YoFolderStream(self.0.token_stream(text))
        }
    }

    pub struct YoFolderStream<S>(S);

    impl<S: TokenStream> TokenStream for YoFolderStream<S> {
        fn advance(&mut self) -> bool {
            if !self.0.advance() {
                return false;
            }
            let text = &mut self.0.token_mut().text;
            if text.contains(['ё', 'Ё']) {
                *text = text.replace('ё', "е").replace('Ё', "Е");
            }
            true
        }

        fn token(&self) -> &Token {
            self.0.token()
        }

        fn token_mut(&mut self) -> &mut Token {
            self.0.token_mut()
        }
    }

    /// The tokens of tantivy's own filters in a row, which [`RuTokenizer`] replaces.
    fn reference(text: &str, stem: bool) -> Vec<(String, usize, usize, usize)> {
        let chain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(LONGEST))
            .filter(LowerCaser)
            .filter(YoFolder);
        let mut a = if stem {
            chain.filter(Stemmer::new(Language::Russian)).build()
        } else {
            chain.build()
        };
        all(&mut a, text)
    }

    fn all(a: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = vec![];
        let mut stream = a.token_stream(text);
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    proptest! {
        #[test]
        fn the_one_pass_tokenizer_gives_the_chains_tokens(
            text in "([а-яёА-ЯЁa-zA-Z0-9 ,.«»—-]|\\PC){0,80}",
            long in "[а-я]{15,25}",
        ) {
            for t in [text.clone(), format!("{text} {long} {text}")] {
                prop_assert_eq!(all(&mut plain(), &t), reference(&t, false));
                prop_assert_eq!(all(&mut stemming(), &t), reference(&t, true));
            }
        }
    }

    proptest! {
        /// The gated analyzer finds the terms where the full one does: the stems of some
        /// of the text's own words, of other words, and short terms.
        #[test]
        fn the_gated_analyzer_finds_every_term_the_full_one_finds(
            words in proptest::collection::vec("[а-яё]{1,12}", 1..40),
            chosen in proptest::collection::vec(any::<proptest::sample::Index>(), 1..6),
            others in proptest::collection::vec("[а-яё]{1,10}", 0..4),
        ) {
            let text = words.join(" ");
            let mut full = stemming();
            let picked = chosen.iter().map(|i| i.get(words.as_slice()));
            let mut terms: Vec<String> = picked
                .chain(&others)
                .flat_map(|w| tokens(&mut full, w))
                .collect();
            terms.push("по".into());
            let found = |a: &mut TextAnalyzer| -> Vec<(usize, String)> {
                all(a, &text)
                    .into_iter()
                    .filter(|t| terms.contains(&t.0))
                    .map(|t| (t.2, t.0))
                    .collect()
            };
            let mut gated = stemming_for(terms.iter().map(String::as_str));
            prop_assert_eq!(found(&mut gated), found(&mut full));
            prop_assert!(!found(&mut full).is_empty());
        }
    }

    #[test]
    fn long_words_drop_out_and_letters_of_other_scripts_stay() {
        let text = "Ёж İstanbul ΣΟΦΙΑ Straße превысокомногорассмотрительствующий ½ x²";
        assert_eq!(all(&mut plain(), text), reference(text, false));
        assert_eq!(tokens(&mut plain(), "ЁЛКА"), ["елка"]);
    }

    #[test]
    fn case_forms_share_a_stem() {
        let mut a = stemming();
        let stems: Vec<Vec<String>> = ["пожилым", "пожилых", "Пожилые"]
            .iter()
            .map(|w| tokens(&mut a, w))
            .collect();
        assert_eq!(stems[0], stems[1]);
        assert_eq!(stems[1], stems[2]);
        // Snowball leaves "ветераны"/"ветеранов" one letter apart ("ветера"/"ветеран");
        // search joins them through its one-edit typo tolerance (tests/search_quality.rs).
    }

    #[test]
    fn yo_folds_and_punctuation_splits() {
        let mut p = plain();
        assert_eq!(tokens(&mut p, "«Ёлочка»: ещё!"), ["елочка", "еще"]);
        let mut s = stemming();
        assert_eq!(tokens(&mut s, "Всё"), tokens(&mut s, "все"));
    }
}
