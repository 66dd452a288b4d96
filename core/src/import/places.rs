//! Okrugs as people write them: «Шумихинский район», «Шумихинский р-н», «Шумихинский МО»,
//! «Шумихинского муниципального округа», the administrative centre «Шумиха», cities as
//! «г. Курган», and the okrug named inside an address («с. Каменное, Шумихинский район»).

use crate::region::{Okrug, RegionCatalog};
use crate::text::fold;

/// Words around an okrug's name that say what it is, not which one.
const KIND_WORDS: &[&str] = &[
    "район",
    "района",
    "районе",
    "р-н",
    "р-на",
    "р-он",
    "рн",
    "мо",
    "м",
    "о",
    "г",
    "го",
    "мр",
    "муниципальный",
    "муниципального",
    "муниципальном",
    "муниципальное",
    "образование",
    "округ",
    "округа",
    "округе",
    "городской",
    "городского",
    "город",
    "города",
    "курганской",
    "курганская",
    "области",
    "область",
    "обл",
    "по",
];

/// A word cut to the stem of a Russian adjective: «шумихинского» → «шумихинск».
fn adjective_stem(word: &str) -> &str {
    const ENDINGS: &[&str] = &[
        "ому", "ого", "ему", "его", "ий", "ый", "ой", "ая", "яя", "ое", "ее", "им", "ым", "ом",
        "ем", "ую",
    ];
    ENDINGS
        .iter()
        .find_map(|e| word.strip_suffix(e))
        .filter(|s| s.chars().count() >= 4)
        .unwrap_or(word)
}

/// The words of a place text, folded, without punctuation.
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-').to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether the words name this okrug by its adjective («Шумихинский», any case ending).
fn names_okrug(okrug: &Okrug, word: &str) -> bool {
    let name = fold(okrug.name.get(Default::default()));
    // Multi-word okrug names do not occur in Kurgan Oblast; compare the first word.
    let name = name.split_whitespace().next().unwrap_or("");
    adjective_stem(word) == adjective_stem(name) && adjective_stem(name) != name
}

/// Finds the okrug an okrug cell names, as people write it. `None` when nothing fits.
pub fn find_okrug<'c>(catalog: &'c RegionCatalog, text: &str) -> Option<&'c Okrug> {
    if let Some(o) = catalog.find_okrug(text) {
        return Some(o);
    }
    let meaningful: Vec<String> = words(text)
        .into_iter()
        .filter(|w| !KIND_WORDS.contains(&w.as_str()))
        .collect();
    if meaningful.is_empty() {
        return None;
    }
    let joined = meaningful.join(" ");
    // A city okrug by its name («г. Курган»), then a rural one by its adjective, then an
    // administrative centre («Шумиха»): a city is its own okrug even where it is also the
    // centre of the surrounding one (Шадринск).
    catalog
        .okrugs
        .iter()
        .find(|o| fold(o.name.get(Default::default())) == joined)
        .or_else(|| {
            catalog
                .okrugs
                .iter()
                .find(|o| meaningful.len() == 1 && names_okrug(o, &meaningful[0]))
        })
        .or_else(|| {
            catalog
                .okrugs
                .iter()
                .find(|o| fold(o.admin_center.get(Default::default())) == joined)
        })
}

/// The okrug an address or settlement text mentions: «Шумихинский район» or «Шумихинского
/// округа» inside it, or a city okrug written as «г. Курган». Used when the okrug cell is
/// empty.
pub fn okrug_in_text<'c>(catalog: &'c RegionCatalog, text: &str) -> Option<&'c Okrug> {
    let ws = words(text);
    let followed_by_kind = |i: usize| {
        ws.get(i + 1)
            .is_some_and(|n| KIND_WORDS.contains(&n.as_str()) && n != "по")
    };
    for (i, w) in ws.iter().enumerate() {
        if let Some(o) = catalog
            .okrugs
            .iter()
            .find(|o| followed_by_kind(i) && names_okrug(o, w))
        {
            return Some(o);
        }
    }
    // «г. Курган», «город Шадринск»: a city okrug after the word for city.
    ws.windows(2).find_map(|pair| {
        let city_word = pair[0] == "г" || pair[0] == "город";
        catalog.okrugs.iter().find(|o| {
            city_word && o.kind == "urban_okrug" && fold(o.name.get(Default::default())) == pair[1]
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(text: &str) -> Option<String> {
        find_okrug(&crate::seed::test_catalog(), text).map(|o| o.slug.clone())
    }

    #[test]
    fn okrugs_as_people_write_them() {
        for text in [
            "Шумихинский",
            "Шумихинский район",
            "шумихинский р-н",
            "Шумихинский р-н.",
            "Шумихинский МО",
            "Шумихинский м.о.",
            "Шумихинский муниципальный округ",
            "Шумихинского муниципального округа",
            "Шумиха",
            "shumikhinsky",
        ] {
            assert_eq!(slug(text).as_deref(), Some("shumikhinsky"), "{text}");
        }
        assert_eq!(slug("г. Курган").as_deref(), Some("kurgan"));
        assert_eq!(slug("город Курган").as_deref(), Some("kurgan"));
        assert_eq!(slug("г. Шадринск").as_deref(), Some("shadrinsk"));
        assert_eq!(slug("Шадринский район").as_deref(), Some("shadrinsky"));
        assert_eq!(slug("Кетово").as_deref(), Some("ketovsky"));
        assert_eq!(slug("Нигдеевский район"), None);
        assert_eq!(slug("район"), None);
    }

    #[test]
    fn an_okrug_inside_an_address() {
        let c = crate::seed::test_catalog();
        let of = |t: &str| okrug_in_text(&c, t).map(|o| o.slug.clone());
        assert_eq!(
            of("641100, Курганская обл., Шумихинский р-н, с. Каменное, ул. Мира, 3").as_deref(),
            Some("shumikhinsky")
        );
        assert_eq!(of("г. Курган, ул. Гоголя, 56").as_deref(), Some("kurgan"));
        assert_eq!(of("с. Каменное, ул. Мира, 3"), None);
    }
}
