//! Which field each column of a list holds, from headers as people write them
//! («Наименование организации», «ОПФ», «Район», «Целевая группа», «№ п/п»), and which row
//! of a sheet is the header when a title or blank rows sit above it.

use serde::{Deserialize, Serialize};

/// The fields a column can hold. `Links` is a cell of mixed web and social links
/// («Сайт / соцсети»), split by host; `Coordinates` is "55.1, 64.2" in one cell.
pub const FIELDS: &[&str] = &[
    "name",
    "kind",
    "legal_form",
    "okrug",
    "settlement",
    "address",
    "lat",
    "lon",
    "coordinates",
    "phone",
    "email",
    "website",
    "links",
    "vk",
    "ok",
    "telegram",
    "inn",
    "ogrn",
    "directions",
    "audiences",
    "event_formats",
    "summary",
    "description",
    "needs",
    "offers",
    "verified_at",
    "verified_by",
    "verification_method",
];

/// What a column of the file is taken as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "as", content = "field")]
pub enum ColumnUse {
    /// One of [`FIELDS`].
    Field(String),
    /// A running number («№», «№ п/п»): skipped without a note.
    Number,
    /// Not imported (a director's name, notes): reported once.
    Ignored,
}

/// The header cells, words that identify them, in priority order: the first rule whose
/// words all occur in the header wins. Words match the start of a header word, so
/// "наименован" covers «Наименование», «Наименования».
const RULES: &[(&str, &[&str])] = &[
    ("inn", &["инн"]),
    ("ogrn", &["огрн"]),
    ("verified_by", &["кем", "провер"]),
    ("verification_method", &["способ", "провер"]),
    ("verified_at", &["дат", "провер"]),
    ("verified_at", &["дат", "актуализ"]),
    ("verified_at", &["дат", "сверк"]),
    ("verified_at", &["провер"]),
    ("verified_at", &["актуализ"]),
    ("address", &["почтов"]),
    ("email", &["e", "mail"]),
    ("email", &["email"]),
    ("email", &["почт"]),
    ("email", &["эл", "адрес"]),
    ("vk", &["вконтакте"]),
    ("vk", &["вк"]),
    ("vk", &["vk"]),
    ("ok", &["одноклассник"]),
    ("telegram", &["телеграм"]),
    ("telegram", &["telegram"]),
    ("links", &["соцсет"]),
    ("links", &["соц", "сет"]),
    ("links", &["ссылк"]),
    ("website", &["сайт"]),
    ("website", &["интернет"]),
    ("website", &["website"]),
    ("website", &["web"]),
    ("phone", &["тел"]),
    ("phone", &["phone"]),
    ("legal_form", &["опф"]),
    ("legal_form", &["организационно", "правов"]),
    ("legal_form", &["правов", "форм"]),
    ("legal_form", &["legal", "form"]),
    ("kind", &["тип"]),
    ("kind", &["вид", "организац"]),
    ("kind", &["kind"]),
    ("directions", &["направлен"]),
    ("directions", &["вид", "деятельност"]),
    ("directions", &["сфер"]),
    ("directions", &["directions"]),
    ("audiences", &["целев"]),
    ("audiences", &["благополучател"]),
    ("audiences", &["категори"]),
    ("audiences", &["аудитори"]),
    ("audiences", &["для", "кого"]),
    ("audiences", &["audiences"]),
    ("event_formats", &["формат"]),
    ("event_formats", &["мероприят"]),
    ("event_formats", &["форм", "работы"]),
    ("event_formats", &["event", "formats"]),
    ("offers", &["чем", "помоч"]),
    ("offers", &["может", "помоч"]),
    ("offers", &["готов", "помоч"]),
    ("offers", &["предлага", "помощ"]),
    ("offers", &["помощ", "други"]),
    ("offers", &["offers"]),
    ("needs", &["потребност"]),
    ("needs", &["нужд"]),
    ("needs", &["needs"]),
    ("name", &["кратк", "наименован"]),
    ("summary", &["кратк"]),
    ("summary", &["summary"]),
    ("description", &["описан"]),
    ("description", &["о", "себе"]),
    ("description", &["деятельност"]),
    ("description", &["description"]),
    ("coordinates", &["координат"]),
    ("lat", &["широт"]),
    ("lat", &["lat"]),
    ("lon", &["долгот"]),
    ("lon", &["lon"]),
    ("lon", &["lng"]),
    ("settlement", &["населен"]),
    ("settlement", &["нас", "пункт"]),
    ("settlement", &["пункт"]),
    ("settlement", &["сел"]),
    ("settlement", &["поселен"]),
    ("settlement", &["settlement"]),
    ("address", &["адрес"]),
    ("address", &["address"]),
    ("okrug", &["район"]),
    ("okrug", &["округ"]),
    ("okrug", &["муниципальн"]),
    ("okrug", &["мо"]),
    ("okrug", &["okrug"]),
    ("name", &["наименован"]),
    ("name", &["название"]),
    ("name", &["организац"]),
    ("name", &["name"]),
];

/// Header words that mark a running-number column.
const NUMBER_HEADERS: &[&str] = &["№", "n", "no", "nn", "№ п п", "п п", "номер", "#", "пп"];

/// A header folded for matching: lowercase, ё → е, punctuation as spaces.
fn words_of(header: &str) -> Vec<String> {
    let folded = crate::text::fold(header.trim_start_matches('\u{feff}'));
    folded
        .split(|c: char| !(c.is_alphanumeric() || c == '№' || c == '#'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Recognises one header cell; `None` when it is empty.
pub fn recognise(header: &str) -> Option<ColumnUse> {
    let words = words_of(header);
    if words.is_empty() {
        return None;
    }
    let joined = words.join(" ");
    if FIELDS.contains(&joined.as_str()) {
        return Some(ColumnUse::Field(joined));
    }
    if NUMBER_HEADERS.contains(&joined.as_str()) || words.iter().all(|w| w == "№") {
        return Some(ColumnUse::Number);
    }
    let found = RULES.iter().find(|(_, needed)| {
        needed
            .iter()
            .all(|n| words.iter().any(|w| word_matches(w, n)))
    });
    Some(match found {
        Some((field, _)) => ColumnUse::Field((*field).to_owned()),
        None => ColumnUse::Ignored,
    })
}

/// Whether a header word is the rule word: a prefix for words of three letters or more,
/// exact for short ones ("мо", "вк", "e"), so «модель» is not «МО».
fn word_matches(word: &str, rule: &str) -> bool {
    if rule.chars().count() < 3 {
        word == rule
    } else {
        word.starts_with(rule)
    }
}

/// How the columns of a sheet are read: the header row and each column's use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    /// Index (0-based) of the header row in the sheet.
    pub header_row: usize,
    /// The header cells as written.
    pub headers: Vec<String>,
    pub uses: Vec<ColumnUse>,
}

impl Layout {
    /// Columns the import skips and reports (not the running number).
    pub fn ignored(&self) -> Vec<String> {
        self.headers
            .iter()
            .zip(&self.uses)
            .filter(|(h, u)| **u == ColumnUse::Ignored && !h.trim().is_empty())
            .map(|(h, _)| h.trim().to_owned())
            .collect()
    }

    /// The column index of a field, if some column holds it.
    pub fn column_of(&self, field: &str) -> Option<usize> {
        self.uses
            .iter()
            .position(|u| matches!(u, ColumnUse::Field(f) if f == field))
    }

    /// Whether a field is read from some column.
    pub fn has(&self, field: &str) -> bool {
        self.column_of(field).is_some()
    }
}

/// How many rows from the top may hold titles and blank lines before the header.
const HEADER_SEARCH_ROWS: usize = 30;

/// Fields whose cells hold lists: several columns may feed them («Телефон», «Телефон 2»),
/// and their cells are joined.
pub const LIST_FIELDS: &[&str] = &[
    "phone",
    "email",
    "links",
    "directions",
    "audiences",
    "event_formats",
    "needs",
    "offers",
];

/// Uses for one candidate header row: a single-valued field already taken by an earlier
/// column makes the later one ignored (it would otherwise overwrite the first).
fn uses_of(row: &[String]) -> Vec<ColumnUse> {
    let mut taken: Vec<String> = vec![];
    row.iter()
        .map(|cell| match recognise(cell) {
            Some(ColumnUse::Field(f))
                if taken.contains(&f) && !LIST_FIELDS.contains(&f.as_str()) =>
            {
                ColumnUse::Ignored
            }
            Some(ColumnUse::Field(f)) => {
                taken.push(f.clone());
                ColumnUse::Field(f)
            }
            Some(other) => other,
            None => ColumnUse::Ignored,
        })
        .collect()
}

/// Finds the header: among the first rows, the one naming the most distinct fields,
/// which must include the name. `None` when no row has a name column.
pub fn detect(rows: &[Vec<String>]) -> Option<Layout> {
    let mut best: Option<(usize, usize, Vec<ColumnUse>)> = None;
    for (i, row) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let uses = uses_of(row);
        let fields = uses
            .iter()
            .filter(|u| matches!(u, ColumnUse::Field(_)))
            .count();
        let has_name = uses.contains(&ColumnUse::Field("name".into()));
        // A title row («Реестр СОНКО…») names one field at most; a header names several.
        if has_name && best.as_ref().is_none_or(|(_, n, _)| fields > *n) {
            best = Some((i, fields, uses));
        }
    }
    let (header_row, _, uses) = best?;
    Some(Layout {
        header_row,
        headers: rows[header_row].clone(),
        uses,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(s: &str) -> Option<ColumnUse> {
        Some(ColumnUse::Field(s.into()))
    }

    #[test]
    fn headers_as_people_write_them() {
        assert_eq!(recognise("Наименование организации"), field("name"));
        assert_eq!(recognise("ОПФ"), field("legal_form"));
        assert_eq!(
            recognise("Организационно-правовая форма"),
            field("legal_form")
        );
        assert_eq!(recognise("Район"), field("okrug"));
        assert_eq!(recognise("Муниципальный округ"), field("okrug"));
        assert_eq!(recognise("Населённый пункт"), field("settlement"));
        assert_eq!(recognise("Целевая группа"), field("audiences"));
        assert_eq!(recognise("Направление деятельности"), field("directions"));
        assert_eq!(recognise("Контактный телефон"), field("phone"));
        assert_eq!(recognise("Адрес электронной почты"), field("email"));
        assert_eq!(recognise("E-mail"), field("email"));
        assert_eq!(recognise("Юридический адрес"), field("address"));
        assert_eq!(recognise("Сайт / соцсети"), field("links"));
        assert_eq!(recognise("ИНН"), field("inn"));
        assert_eq!(recognise("inn"), field("inn"));
        assert_eq!(recognise("№"), Some(ColumnUse::Number));
        assert_eq!(recognise("№ п/п"), Some(ColumnUse::Number));
        assert_eq!(recognise("ФИО руководителя"), Some(ColumnUse::Ignored));
        assert_eq!(recognise("Примечание"), Some(ColumnUse::Ignored));
        assert_eq!(recognise("  "), None);
    }

    #[test]
    fn the_header_is_found_below_a_title_and_blank_rows() {
        let rows: Vec<Vec<String>> = [
            vec!["Реестр СОНКО Курганской области на 01.10.2026", "", ""],
            vec!["", "", ""],
            vec!["№", "Наименование", "Район"],
            vec!["1", "ТОС «Родник»", "Шумихинский"],
        ]
        .iter()
        .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
        .collect();
        let layout = detect(&rows).expect("found");
        assert_eq!(layout.header_row, 2);
        assert_eq!(layout.uses[1], ColumnUse::Field("name".into()));
        assert!(layout.ignored().is_empty());
    }

    #[test]
    fn a_second_name_column_is_ignored_but_a_second_phone_column_adds_phones() {
        let row: Vec<String> = ["Наименование", "Название", "Телефон", "Телефон 2"]
            .map(String::from)
            .to_vec();
        let phone = ColumnUse::Field("phone".into());
        assert_eq!(
            uses_of(&row),
            vec![
                ColumnUse::Field("name".into()),
                ColumnUse::Ignored,
                phone.clone(),
                phone
            ]
        );
        assert_eq!(recognise("Почтовый адрес"), field("address"));
        assert_eq!(recognise("Краткое наименование"), field("name"));
        assert_eq!(recognise("Социальная категория"), field("audiences"));
    }
}
