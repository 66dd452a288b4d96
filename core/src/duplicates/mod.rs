//! Suspected duplicates: two records of one organization. A pair is suspected when they
//! share an ИНН or ОГРН; when their names are the same after normalization (legal-form and
//! settlement-type words, quotes, case, ё, word order) or close (normalized Levenshtein
//! over the sorted words, `strsim`) within one okrug; when they share a phone or an email;
//! or when their points are within 100 m and most words of their names agree. Pure and
//! tested here
//! (with a fixture of known duplicates and near-misses, whose precision and recall are in
//! docs/BENCHMARKS.md); `store.rs` loads the region's organizations.

mod pairs;
pub mod store;

pub use pairs::{look_alikes, pairs, pairs_exhaustive, pairs_from};

/// Names at least this similar (0..1) within an okrug are suspected.
pub const SIMILAR: f64 = 0.9;
/// Points this close (metres) are suspected when at least [`NEARBY_SHARED`] of the shorter
/// name's words (by their first five letters, so «ветераны» meets «ветеранов») are in the
/// other name. Several groups often share one village point, so this is stricter than
/// [`SIMILAR`]'s character distance.
pub const NEARBY_METRES: f64 = 100.0;
pub const NEARBY_SHARED: f64 = 0.8;

/// Words that say what kind of body or place it is, not which one.
const NOISE: &[&str] = &[
    "ано",
    "автономная",
    "некоммерческая",
    "организация",
    "нко",
    "ооо",
    "роо",
    "моо",
    "мроо",
    "мбоу",
    "мкоу",
    "мку",
    "мбу",
    "мку",
    "гбу",
    "гку",
    "оо",
    "общественная",
    "местная",
    "региональная",
    "межрегиональная",
    "муниципальное",
    "бюджетное",
    "казенное",
    "учреждение",
    "с",
    "село",
    "села",
    "селе",
    "д",
    "деревня",
    "деревни",
    "п",
    "пос",
    "поселок",
    "поселка",
    "рп",
    "р",
    "г",
    "город",
    "города",
    "и",
    "в",
    "на",
    "при",
];

/// Short forms people write for the same body, spelled out.
const SHORT_FORMS: &[(&str, &str)] = &[
    ("женсовет", "женский совет"),
    ("молодежка", "молодежный"),
    ("ветсовет", "совет ветеранов"),
    ("профком", "профсоюзный комитет"),
];

/// A name reduced to what tells organizations apart: lower case, ё as е, no quotes or
/// punctuation, no legal-form or settlement-type words, the words in alphabetical order.
pub fn normalize_name(name: &str) -> String {
    let lower = name.to_lowercase().replace('ё', "е");
    let cleaned: String = lower
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let expanded: Vec<&str> = cleaned
        .split_whitespace()
        .flat_map(|w| {
            SHORT_FORMS
                .iter()
                .find(|(short, _)| *short == w)
                .map_or_else(|| vec![w], |(_, long)| long.split(' ').collect())
        })
        .collect();
    let mut words: Vec<&str> = expanded
        .into_iter()
        .filter(|w| !NOISE.contains(w))
        .collect();
    words.sort_unstable();
    words.dedup();
    words.join(" ")
}

/// How alike two normalized names are, 0..1.
pub fn similarity(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    strsim::normalized_levenshtein(a, b)
}

/// The share of the shorter normalized name's words found in the other, compared by their
/// first five letters.
pub fn shared_words(a: &str, b: &str) -> f64 {
    let stems = |s: &str| -> Vec<String> {
        s.split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().take(5).collect())
            .collect()
    };
    let (sa, sb) = (stems(a), stems(b));
    let (short, long) = if sa.len() <= sb.len() {
        (&sa, &sb)
    } else {
        (&sb, &sa)
    };
    if short.is_empty() {
        return 0.0;
    }
    short.iter().filter(|w| long.contains(w)).count() as f64 / short.len() as f64
}

/// An organization as the detector sees it.
#[derive(Clone, Debug, Default)]
pub struct Record {
    pub id: i64,
    pub okrug_id: i64,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub inn: Option<String>,
    pub ogrn: Option<String>,
    /// Phones as their last ten digits.
    pub phones: Vec<String>,
    /// Emails in lower case.
    pub emails: Vec<String>,
}

/// The last ten digits of a phone (so 8 and +7 forms agree), if it has that many.
pub fn phone_key(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 10).then(|| digits[digits.len() - 10..].to_owned())
}

/// Why a pair is suspected, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    SameInn,
    SameOgrn,
    SameName,
    SimilarName,
    SamePhone,
    SameEmail,
    Nearby,
}

impl Reason {
    /// The i18n key of its explanation.
    pub fn message_key(self) -> &'static str {
        match self {
            Self::SameInn => "dup-same-inn",
            Self::SameOgrn => "dup-same-ogrn",
            Self::SameName => "dup-same-name",
            Self::SimilarName => "dup-similar-name",
            Self::SamePhone => "dup-same-phone",
            Self::SameEmail => "dup-same-email",
            Self::Nearby => "dup-nearby",
        }
    }
}

fn metres(a: &Record, b: &Record) -> f64 {
    let (la, lb) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = lb - la;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la.cos() * lb.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6_371_000.0 * h.sqrt().asin()
}

/// A checked organization (a proposal, a row of a list) as the detector compares it.
pub fn record_of(id: i64, v: &crate::organizations::validate::ValidOrganization) -> Record {
    use crate::organizations::ContactKind;
    let pick = |kind: ContactKind| v.contacts.iter().filter(move |(k, _)| *k == kind);
    Record {
        id,
        okrug_id: v.okrug_id,
        name: v.name.clone(),
        lat: v.location.lat,
        lon: v.location.lon,
        inn: v.inn.clone(),
        ogrn: v.ogrn.clone(),
        phones: pick(ContactKind::Phone)
            .filter_map(|(_, p)| phone_key(p))
            .collect(),
        emails: pick(ContactKind::Email)
            .map(|(_, e)| e.to_lowercase())
            .collect(),
    }
}

/// Why `a` and `b` look like one organization, if they do.
pub fn judge(a: &Record, b: &Record) -> Option<Reason> {
    judge_named(a, &normalize_name(&a.name), b, &normalize_name(&b.name))
}

/// [`judge`] with the names already normalized. The string distance, the costly part, is
/// computed only when it can decide: lengths close enough for [`SIMILAR`] within an okrug.
pub(super) fn judge_named(a: &Record, na: &str, b: &Record, nb: &str) -> Option<Reason> {
    let same = |x: &Option<String>, y: &Option<String>| x.is_some() && x == y;
    if same(&a.inn, &b.inn) {
        return Some(Reason::SameInn);
    }
    if same(&a.ogrn, &b.ogrn) {
        return Some(Reason::SameOgrn);
    }
    let one_okrug = a.okrug_id == b.okrug_id;
    if one_okrug && !na.is_empty() && na == nb {
        return Some(Reason::SameName);
    }
    let (la, lb) = (na.chars().count() as f64, nb.chars().count() as f64);
    let close_lengths = la.min(lb) >= la.max(lb) * SIMILAR;
    if one_okrug && close_lengths && similarity(na, nb) >= SIMILAR {
        return Some(Reason::SimilarName);
    }
    if a.phones.iter().any(|p| b.phones.contains(p)) {
        return Some(Reason::SamePhone);
    }
    if a.emails.iter().any(|e| b.emails.contains(e)) {
        return Some(Reason::SameEmail);
    }
    (metres(a, b) <= NEARBY_METRES && shared_words(na, nb) >= NEARBY_SHARED)
        .then_some(Reason::Nearby)
}

#[cfg(test)]
mod tests;
