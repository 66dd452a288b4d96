//! Posters for the village noticeboard: an organization's A4 page (who they are, in one
//! sentence what they do and for whom, services, phone and address in large type, a QR code
//! to its page) and an okrug's list "who helps here" grouped by direction with phones. Built
//! from published data only; the app renders them with print CSS.

use serde::{Deserialize, Serialize};

/// An organization's poster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgPoster {
    pub name: String,
    pub kind_label: String,
    /// What they do, in one sentence (the summary's first, else the description's).
    pub sentence: String,
    pub audiences: Vec<String>,
    pub services: Vec<String>,
    pub phones: Vec<String>,
    /// Settlement and address.
    pub place: String,
    /// The page's absolute address, which the QR code holds.
    pub url: String,
    pub qr_svg: String,
    pub is_demo: bool,
}

/// An okrug's poster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OkrugPoster {
    pub name: String,
    pub url: String,
    pub qr_svg: String,
    pub groups: Vec<PosterGroup>,
    /// Published organizations in the okrug; more than the poster lists when over [`MAX_ON_OKRUG_POSTER`].
    pub total: usize,
    pub shown: usize,
}

/// The organizations of one direction on an okrug's poster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PosterGroup {
    pub direction: String,
    pub entries: Vec<PosterEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PosterEntry {
    pub name: String,
    pub phone: String,
    pub settlement: String,
}

/// At most this many services on an organization's poster (it must stay one page).
pub const MAX_SERVICES: usize = 6;
/// At most this many organizations on an okrug's poster: two A4 pages of lines.
pub const MAX_ON_OKRUG_POSTER: usize = 40;
/// The sentence is cut at this many characters (on a word).
const SENTENCE_CHARS: usize = 220;

/// The first sentence of `text`, no longer than [`SENTENCE_CHARS`] (cut on a word, with «…»).
pub fn first_sentence(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = text
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?')
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(text.len());
    let sentence = &text[..end];
    if sentence.chars().count() <= SENTENCE_CHARS {
        return sentence.to_owned();
    }
    let cut: String = sentence.chars().take(SENTENCE_CHARS).collect();
    let cut = cut.rsplit_once(' ').map(|(head, _)| head).unwrap_or(&cut);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(feature = "server")]
mod build;
#[cfg(feature = "server")]
pub use build::{okrug_poster, org_poster};

#[cfg(test)]
mod tests {
    use super::first_sentence;

    #[test]
    fn the_poster_says_what_they_do_in_one_sentence() {
        assert_eq!(
            first_sentence("Помогаем пожилым жить дома. Возим продукты и лекарства."),
            "Помогаем пожилым жить дома."
        );
        // Abbreviations inside a sentence do not end it; a missing full stop is fine.
        assert_eq!(
            first_sentence("Клуб «Ветеран»  с.Кетово"),
            "Клуб «Ветеран» с.Кетово"
        );
        assert_eq!(
            first_sentence("Работаем с 2010 г.и ждём вас"),
            "Работаем с 2010 г.и ждём вас"
        );
        let long = "слово ".repeat(100);
        let cut = first_sentence(&long);
        assert!(cut.ends_with('…') && cut.chars().count() <= 221, "{cut}");
        assert_eq!(first_sentence(""), "");
    }
}
