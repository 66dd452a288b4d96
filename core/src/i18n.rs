//! The one i18n layer: every user-visible string goes through here.
//!
//! Messages are Fluent (`core/locales/<code>.ftl`), embedded at build time by `build.rs`.
//! Russian is the default; a key missing from another locale falls back to Russian, so a
//! half-translated locale still renders. The same catalog is compiled into the WASM, so
//! islands translate exactly like server-rendered components.

use std::sync::OnceLock;

use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

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
        (0..LOCALE_SOURCES.len()).map(|i| Locale(i as u8))
    }

    /// The BCP 47 code, e.g. "ru".
    pub fn code(self) -> &'static str {
        LOCALE_SOURCES[self.0 as usize].0
    }

    /// Finds a locale by code, ignoring case and any region part ("en-US" → "en").
    pub fn parse(code: &str) -> Option<Locale> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        LOCALE_SOURCES
            .iter()
            .position(|(c, _)| *c == primary)
            .map(|i| Locale(i as u8))
    }

    /// The locale's own name for itself ("Русский", "English").
    pub fn native_name(self) -> String {
        translate(self, "locale-name", None)
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

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static [Bundle] {
    static BUNDLES: OnceLock<Vec<Bundle>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        LOCALE_SOURCES
            .iter()
            .map(|(code, src)| build_bundle(code, src))
            .collect()
    })
}

fn build_bundle(code: &str, source: &str) -> Bundle {
    let lang = code.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    // Unicode isolation marks around arguments confuse copy-paste and screen readers.
    bundle.set_use_isolating(false);
    // A syntax error in one message must not take down the others: keep what parsed.
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(res, _)| res);
    let _ = bundle.add_resource(resource);
    bundle
}

fn format_in(bundle: &Bundle, key: &str, args: Option<&FluentArgs>) -> Option<String> {
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = vec![];
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

/// Formats `key` in `locale`, falling back to the default locale, then to the key itself.
pub fn translate(locale: Locale, key: &str, args: Option<&FluentArgs>) -> String {
    let all = bundles();
    format_in(&all[locale.0 as usize], key, args)
        .or_else(|| format_in(&all[Locale::default().0 as usize], key, args))
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
        translate(self.locale, key, None)
    }

    /// A message with named arguments, e.g. `("count", 5.into())` for plurals.
    pub fn t_with(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fa = FluentArgs::new();
        for (name, value) in args {
            fa.set(*name, value.clone());
        }
        translate(self.locale, key, Some(&fa))
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
