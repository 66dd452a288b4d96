//! Small text utilities shared by every domain module: localized labels that come from
//! data files, URL slugs made from Russian names, and one-line summaries.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::{Locale, DEFAULT_LOCALE};

/// A label given in several languages by a data file, e.g. `{"ru": "Дети", "en": "Children"}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LocalizedText(pub BTreeMap<String, String>);

impl LocalizedText {
    /// The text in `locale`, else in the default locale, else any text there is.
    pub fn get(&self, locale: Locale) -> &str {
        self.0
            .get(locale.code())
            .or_else(|| self.0.get(DEFAULT_LOCALE))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Whether any language's text equals `s`, ignoring case and ё/е.
    pub fn matches(&self, s: &str) -> bool {
        let wanted = fold(s);
        self.0.values().any(|v| fold(v) == wanted)
    }

    /// A label in Russian only.
    pub fn ru(text: impl Into<String>) -> Self {
        Self(BTreeMap::from([(DEFAULT_LOCALE.to_owned(), text.into())]))
    }
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Lowercases, folds ё to е and trims: the form used to compare names people type.
pub fn fold(s: &str) -> String {
    s.trim().to_lowercase().replace('ё', "е")
}

/// A key that sorts names the way a Russian reader expects: А to Я with ё beside е,
/// ignoring case, quotes and other punctuation.
pub fn collation_key(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| if c == 'ё' { 'е' } else { c })
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Turns a name into a readable ASCII URL slug: "Совет ветеранов" → "sovet-veteranov".
pub fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for ch in name.to_lowercase().chars() {
        match translit(ch) {
            Some(piece) => out.push_str(piece),
            None if !out.ends_with('-') => out.push('-'),
            None => {}
        }
    }
    let slug: String = out.trim_matches('-').chars().take(80).collect();
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        "org".to_owned()
    } else {
        slug
    }
}

/// The Latin spelling of one lowercase letter; `None` for anything that separates words.
fn translit(ch: char) -> Option<&'static str> {
    const LATIN: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    if let Some(i) = LATIN.find(ch) {
        return Some(&LATIN[i..i + 1]);
    }
    let s = match ch {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        'ъ' | 'ь' => "",
        'ә' => "a",
        'ғ' => "g",
        'қ' => "q",
        'ң' => "n",
        'ө' => "o",
        'ұ' | 'ү' => "u",
        'һ' => "h",
        'і' => "i",
        _ => return None,
    };
    Some(s)
}

/// Whether a contact someone typed is an email address we can reply to (one `@`, a dotted
/// domain, no spaces); anything else (a phone, a name) is not.
pub fn looks_like_email(s: &str) -> bool {
    let s = s.trim();
    let Some((user, domain)) = s.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && s.len() <= 254
}

/// The text without NUL characters, which PostgreSQL refuses in text (and SQLite would
/// keep, unseen): input reaches the database through this at the form parser and the
/// list readers.
pub fn without_nul(mut text: String) -> String {
    if text.contains('\0') {
        text.retain(|c| c != '\0');
    }
    text
}

/// The first sentence of `text`, cut to at most `max` characters on a word boundary.
pub fn one_line(text: &str, max: usize) -> String {
    let first = text
        .split_inclusive(['.', '!', '?', '\n'])
        .next()
        .unwrap_or("")
        .trim();
    if first.chars().count() <= max {
        return first.to_owned();
    }
    let cut: String = first.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_address_can_be_replied_to() {
        assert!(looks_like_email("maria@example.org"));
        assert!(looks_like_email(" ivan.petrov@mail.ru "));
        for no in [
            "8 (35200) 1-11-11",
            "Мария",
            "a@b",
            "@example.org",
            "a b@example.org",
            "a@@example.org",
            "a@example.",
        ] {
            assert!(!looks_like_email(no), "{no}");
        }
    }

    #[test]
    fn slugs_are_readable_latin() {
        assert_eq!(
            slugify("Совет ветеранов Шумихинского округа"),
            "sovet-veteranov-shumikhinskogo-okruga"
        );
        assert_eq!(slugify("ТОС «Родник»"), "tos-rodnik");
        assert_eq!(slugify("Объединение «Щит»"), "obedinenie-shchit");
        assert_eq!(slugify("«»"), "org");
    }

    #[test]
    fn russian_order_puts_yo_with_ye() {
        let mut names = vec!["Яблоко", "«Ёлочка»", "Ежи", "Жук", "Арка"];
        names.sort_by_cached_key(|n| collation_key(n));
        assert_eq!(names, vec!["Арка", "Ежи", "«Ёлочка»", "Жук", "Яблоко"]);
    }

    #[test]
    fn localized_text_falls_back_to_russian() {
        let t = LocalizedText::ru("Дети");
        let en = Locale::parse("en").expect("en");
        assert_eq!(t.get(en), "Дети");
        assert!(t.matches(" дети "));
    }

    #[test]
    fn one_line_cuts_on_words() {
        assert_eq!(
            one_line("Помогаем пожилым. Второе предложение.", 100),
            "Помогаем пожилым."
        );
        assert_eq!(one_line("один два три четыре", 10), "один два…");
    }
}
