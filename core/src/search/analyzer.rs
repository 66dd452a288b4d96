//! Text analysis for Russian: split on non-alphanumerics, lowercase, fold ё to е, stem.
//! The same analyzer runs at indexing and at query time, so "пожилым", "пожилых" and
//! "пожилые" meet at one stem.

use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

/// The registered name of the stemming analyzer.
pub const RU_STEM: &str = "ru_stem";
/// The registered name of the analyzer without stemming (for prefixes and spelling).
pub const RU_PLAIN: &str = "ru_plain";

/// Lowercase, ё→е, and stemmed.
pub fn stemming() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(YoFolder)
        .filter(Stemmer::new(Language::Russian))
        .build()
}

/// Lowercase and ё→е, not stemmed: whole words as typed, for prefix matching.
pub fn plain() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(YoFolder)
        .build()
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

/// Folds ё to е inside tokens (the Russian stemmer does too, but unstemmed fields need it).
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

#[cfg(test)]
mod tests {
    use super::*;

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
