//! The one i18n layer: every user-visible string goes through here.
//!
//! Messages are Fluent (`core/locales/<code>.ftl`), embedded at build time by `build.rs`.
//! Russian is the default; a key missing from another locale falls back to Russian, so a
//! half-translated locale still renders. The server formats with the Fluent runtime
//! (`fluent`); the browser build (islands) formats the messages listed in
//! `locales/browser-keys.txt` from data build.rs prepared (`compact`), which keeps the
//! Fluent runtime and the server's messages out of the WASM. A test checks that both give
//! the same text for every browser message.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

include!(concat!(env!("OUT_DIR"), "/locales.rs"));
include!(concat!(env!("OUT_DIR"), "/browser_keys.rs"));

#[cfg(any(not(feature = "server"), test))]
mod compact;
#[cfg(feature = "server")]
mod fluent;

/// The locale used when nothing else is known.
pub const DEFAULT_LOCALE: &str = "ru";
/// The cookie that remembers a visitor's choice of language.
pub const LOCALE_COOKIE: &str = "lang";

/// One of the embedded locales. Cheap to copy; serialised as its code ("ru", "en").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Locale(u8);

impl Locale {
    /// Every embedded locale, in code order.
    pub fn all() -> impl Iterator<Item = Locale> {
        (0..LOCALE_CODES.len()).map(|i| Locale(i as u8))
    }

    /// The BCP 47 code, e.g. "ru".
    pub fn code(self) -> &'static str {
        LOCALE_CODES[self.0 as usize]
    }

    /// Finds a locale by code, ignoring case and any region part ("en-US" → "en").
    pub fn parse(code: &str) -> Option<Locale> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        LOCALE_CODES
            .iter()
            .position(|c| *c == primary)
            .map(|i| Locale(i as u8))
    }

    /// The locale's own name for itself ("Русский", "English").
    pub fn native_name(self) -> String {
        translate(self, "locale-name", &[])
    }

    fn index(self) -> usize {
        self.0 as usize
    }
}

impl Default for Locale {
    fn default() -> Self {
        Locale::parse(DEFAULT_LOCALE).unwrap_or(Locale(0))
    }
}

impl Serialize for Locale {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Locale {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Ok(Locale::parse(&code).unwrap_or_default())
    }
}

/// A message argument: text, or a number (which also picks plural forms).
#[derive(Clone, Debug, PartialEq)]
pub enum Arg<'a> {
    Str(Cow<'a, str>),
    Num(f64),
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Num(n as f64)
            }
        }
    )*};
}
number_args!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Str(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Str(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Str(Cow::Owned(s))
    }
}

impl<'a> From<Cow<'a, str>> for Arg<'a> {
    fn from(s: Cow<'a, str>) -> Self {
        Arg::Str(s)
    }
}

/// Formats `key` in `locale`, falling back to the default locale, then to the key itself.
pub fn translate(locale: Locale, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    #[cfg(not(feature = "server"))]
    use compact::format;
    #[cfg(feature = "server")]
    use fluent::format;
    format(locale.index(), key, args)
        .or_else(|| format(Locale::default().index(), key, args))
        .unwrap_or_else(|| key.to_owned())
}

/// The translator handed to components: the request's locale plus `t`/`t_with`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct I18n {
    pub locale: Locale,
}

impl I18n {
    pub fn new(locale: Locale) -> Self {
        Self { locale }
    }

    /// A message without arguments.
    pub fn t(&self, key: &str) -> String {
        translate(self.locale, key, &[])
    }

    /// A message with named arguments, e.g. `("count", 5.into())` for plurals.
    pub fn t_with(&self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        translate(self.locale, key, args)
    }

    /// A date as people write it: "21 ноября 2026".
    pub fn date(&self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        self.t_with(
            "date-long",
            &[
                ("day", date.day().into()),
                (
                    "month",
                    self.t(&format!("month-gen-{}", date.month())).into(),
                ),
                ("year", date.year().into()),
            ],
        )
    }
}

/// Picks the locale for a request: the remembered cookie, else Russian. Browser language
/// headers are deliberately ignored: the site is Russian-first for every visitor.
pub fn locale_from_cookie_header(cookie_header: Option<&str>) -> Locale {
    cookie_header
        .into_iter()
        .flat_map(|h| h.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LOCALE_COOKIE)
        .and_then(|(_, value)| Locale::parse(value))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(source: &str) -> Vec<&str> {
        source
            .lines()
            .filter(|l| !l.starts_with([' ', '#', '\t', '.', '*', '[', '}']) && l.contains(" ="))
            .filter_map(|l| l.split(" =").next())
            .collect()
    }

    #[test]
    fn every_locale_has_every_russian_key() {
        let ru = LOCALE_SOURCES
            .iter()
            .find(|(c, _)| *c == "ru")
            .expect("ru.ftl exists");
        for (code, source) in LOCALE_SOURCES {
            let have = keys(source);
            let missing: Vec<_> = keys(ru.1)
                .into_iter()
                .filter(|k| !have.contains(k))
                .collect();
            assert!(missing.is_empty(), "{code}.ftl lacks {missing:?}");
        }
    }

    #[test]
    fn no_locale_defines_a_key_twice() {
        for (code, source) in LOCALE_SOURCES {
            let mut all = keys(source);
            all.sort_unstable();
            let twice: Vec<_> = all
                .windows(2)
                .filter(|w| w[0] == w[1])
                .map(|w| w[0])
                .collect();
            assert!(
                twice.is_empty(),
                "{code}.ftl defines {twice:?} twice (Fluent keeps the first)"
            );
        }
    }

    #[test]
    fn russian_plurals_follow_cldr() {
        let ru = I18n::new(Locale::parse("ru").expect("ru"));
        let n = |c: i64| ru.t_with("orgs-count", &[("count", c.into())]);
        assert_eq!(n(1), "1 организация");
        assert_eq!(n(3), "3 организации");
        assert_eq!(n(5), "5 организаций");
        assert_eq!(n(21), "21 организация");
        assert_eq!(n(11), "11 организаций");
    }

    #[test]
    fn locale_comes_from_cookie_and_defaults_to_russian() {
        assert_eq!(locale_from_cookie_header(None).code(), "ru");
        assert_eq!(locale_from_cookie_header(Some("a=b; lang=en")).code(), "en");
        assert_eq!(locale_from_cookie_header(Some("lang=xx")).code(), "ru");
    }

    #[test]
    fn missing_key_falls_back_to_the_key() {
        assert_eq!(I18n::default().t("no-such-key"), "no-such-key");
    }

    #[test]
    fn dates_read_naturally() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
        assert_eq!(I18n::default().date(d), "21 ноября 2026");
    }
}
