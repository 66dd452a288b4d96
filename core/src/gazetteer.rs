//! The region's settlements (the gazetteer): names, kinds and points of its villages and
//! towns, seeded from the region's `settlements.csv` like the okrugs. They place an
//! organization that has a settlement but no coordinates (approximately, at the village),
//! give visitors "my village" for the near filter, and label the map without tiles.

use serde::{Deserialize, Serialize};

use crate::region::LatLon;
pub use crate::region::Settlement;
use crate::text::fold;

/// The usual short prefix of a settlement kind: «с.», «д.», «г.».
pub fn kind_prefix(kind: &str) -> &'static str {
    [
        ("город", "г. "),
        ("рабочий посёлок", "р.п. "),
        ("село", "с. "),
        ("посёлок", "п. "),
        ("деревня", "д. "),
    ]
    .into_iter()
    .find(|(k, _)| kind.starts_with(k))
    .map_or("", |(_, p)| p)
}

impl Settlement {
    /// The name as an address writes it: «с. Альменево»; the bare name when the kind is
    /// not known.
    pub fn label(&self) -> String {
        format!("{}{}", kind_prefix(&self.kind), self.name)
    }

    /// How prominent the place is for map labels and lists: towns first, then by
    /// population where known.
    pub fn rank(&self) -> i64 {
        let kind = match kind_prefix(&self.kind) {
            "г. " => 3_000_000,
            "р.п. " => 2_000_000,
            _ => 0,
        };
        kind + self.population.unwrap_or(0)
    }
}

/// Words before a settlement's name that say its kind: «с.», «село», «д.», «пос.».
const KIND_WORDS: &[&str] = &[
    "г",
    "город",
    "с",
    "село",
    "д",
    "дер",
    "деревня",
    "п",
    "пос",
    "посёлок",
    "поселок",
    "рп",
    "р п",
    "пгт",
    "х",
    "хутор",
    "ст",
    "станция",
];

/// The bare, folded name of a settlement as written in a cell: «с. Каменное» → «каменное»;
/// the part before a comma, so «с. Каменное, ул. Мира, 3» works too.
pub fn bare_name(text: &str) -> String {
    let first = text.split(',').next().unwrap_or("");
    let words: Vec<String> = fold(first)
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let mut start = 0;
    while start < words.len() && KIND_WORDS.contains(&words[start].as_str()) {
        start += 1;
    }
    // «р. п. Варгаши»: two one-letter words.
    if start + 1 < words.len() && words[start] == "р" && words[start + 1] == "п" {
        start += 2;
    }
    words[start..].join(" ")
}

/// Finds the settlement a text names, within an okrug when one is given; without an okrug
/// only a name that no other okrug shares counts.
pub fn find<'s>(
    all: &'s [Settlement],
    text: &str,
    okrug_id: Option<i64>,
) -> Option<&'s Settlement> {
    let name = bare_name(text);
    if name.is_empty() {
        return None;
    }
    let mut found = all
        .iter()
        .filter(|s| fold(&s.name) == name && okrug_id.is_none_or(|o| s.okrug_id == o));
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// Settlements matching what a visitor typed: names starting with it first, then names
/// with a later word starting with it («камен» finds «Большое Каменное»); most prominent
/// first within each. At most `limit`.
pub fn matching<'s>(all: &'s [Settlement], typed: &str, limit: usize) -> Vec<&'s Settlement> {
    let p = fold(typed);
    if p.is_empty() {
        return vec![];
    }
    let tier = |s: &Settlement| {
        let name = fold(&s.name);
        if name.starts_with(&p) {
            Some(0)
        } else if name.split([' ', '-']).skip(1).any(|w| w.starts_with(&p)) {
            Some(1)
        } else {
            None
        }
    };
    let mut out: Vec<(u8, &Settlement)> =
        all.iter().filter_map(|s| tier(s).map(|t| (t, s))).collect();
    out.sort_by_cached_key(|(t, s)| (*t, -s.rank(), crate::text::collation_key(&s.name)));
    out.into_iter().take(limit).map(|(_, s)| s).collect()
}

/// The "my village" page: the okrugs, and the settlements of the chosen one as links to
/// the search near them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlacesPage {
    /// (slug, name, number of settlements) of every okrug.
    pub okrugs: Vec<(String, String, usize)>,
    /// The chosen okrug's name and its settlements.
    pub chosen: Option<(String, Vec<PlaceLink>)>,
}

/// A settlement as a link to the search sorted by distance from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceLink {
    pub label: String,
    pub href: String,
}

/// The `near` value of a point, as the search page writes it.
pub fn near_value(at: LatLon) -> String {
    format!("{:.5},{:.5}", at.lat, at.lon)
}

/// The search near a settlement: everything within 25 km, nearest first.
pub fn search_href(s: &Settlement) -> String {
    format!("/?near={}&radius_km=25", near_value(s.at))
}

#[cfg(feature = "server")]
pub mod store;

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: i64, okrug_id: i64, name: &str, kind: &str) -> Settlement {
        Settlement {
            id,
            okrug_id,
            name: name.into(),
            kind: kind.into(),
            at: LatLon {
                lat: 55.0,
                lon: 64.0,
            },
            population: None,
        }
    }

    #[test]
    fn names_as_written_in_lists() {
        assert_eq!(bare_name("с. Каменное"), "каменное");
        assert_eq!(bare_name("село Каменное, ул. Мира, 3"), "каменное");
        assert_eq!(bare_name("р.п. Варгаши"), "варгаши");
        assert_eq!(bare_name("р. п. Варгаши"), "варгаши");
        assert_eq!(bare_name("д.Ивановка"), "ивановка");
        assert_eq!(bare_name("Альменево"), "альменево");
    }

    #[test]
    fn a_name_two_okrugs_share_needs_the_okrug() {
        let all = vec![
            place(1, 10, "Ивановка", "деревня"),
            place(2, 20, "Ивановка", "деревня"),
            place(3, 10, "Каменное", "село"),
        ];
        assert_eq!(find(&all, "д. Ивановка", None), None);
        assert_eq!(find(&all, "д. Ивановка", Some(20)).map(|s| s.id), Some(2));
        assert_eq!(find(&all, "с. Каменное", None).map(|s| s.id), Some(3));
        assert_eq!(find(&all, "с. Каменное", Some(20)), None);
        assert_eq!(all[2].label(), "с. Каменное");
    }

    #[test]
    fn typed_letters_find_names_starting_with_them_first_towns_ahead() {
        let mut town = place(3, 10, "Каменск", "город");
        town.population = Some(5000);
        let all = vec![
            place(1, 10, "Большое Каменное", "село"),
            place(2, 11, "Каменное", "село"),
            town,
            place(4, 11, "Кипель", "село"),
        ];
        let names = |typed: &str, limit| -> Vec<String> {
            matching(&all, typed, limit)
                .iter()
                .map(|s| s.name.clone())
                .collect()
        };
        assert_eq!(
            names("камен", 10),
            ["Каменск", "Каменное", "Большое Каменное"]
        );
        assert_eq!(names("КАМЁН", 2), ["Каменск", "Каменное"]);
        assert_eq!(names("", 10), Vec::<String>::new());
        assert_eq!(names("нное", 10), Vec::<String>::new(), "not inside a word");
    }
}
