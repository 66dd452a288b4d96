//! The data rows of a sheet as organization records: cells picked by the layout, several
//! columns of one list field joined, a «Сайт / соцсети» cell split into site and social
//! links by host, and coordinates in one cell or two.

use super::columns::{ColumnUse, Layout};
use super::sheet::Sheet;
use super::ParsedRow;
use crate::error::FieldIssue;
use crate::organizations::input::{
    parse_coordinate, NeedInput, OfferInput, OrganizationInput, VerificationInput,
};

/// The rows below the header as records. Blank rows are skipped; row numbers are the
/// spreadsheet's.
pub fn parsed_rows(sheet: &Sheet, layout: &Layout) -> Vec<ParsedRow> {
    sheet
        .rows
        .iter()
        .skip(layout.header_row + 1)
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
        .map(|r| {
            let (input, warnings) = record(layout, &r.cells);
            ParsedRow {
                row: r.line,
                input,
                warnings,
                present: Some(present_fields(layout)),
            }
        })
        .collect()
}

/// The input fields a layout fills (a "links" column fills the site and the networks).
pub fn present_fields(layout: &Layout) -> Vec<String> {
    let mut out = vec![];
    for u in &layout.uses {
        let ColumnUse::Field(f) = u else { continue };
        let fields = match f.as_str() {
            "links" => vec!["website", "vk", "ok", "telegram"],
            "coordinates" => vec!["lat", "lon"],
            "verified_at" | "verified_by" | "verification_method" => vec!["verification"],
            other => vec![other],
        };
        for f in fields {
            if !out.iter().any(|o: &String| o == f) {
                out.push(f.to_owned());
            }
        }
    }
    out
}

/// The cell text of a field; list fields joined from every column that holds them.
fn cell<'a>(layout: &Layout, cells: &'a [String], field: &str) -> String {
    let values: Vec<&'a str> = layout
        .uses
        .iter()
        .zip(cells)
        .filter(|(u, _)| matches!(u, ColumnUse::Field(f) if f == field))
        .map(|(_, c)| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    values.join("; ")
}

/// Splits a list cell: "social_services; elderly" (also line breaks).
pub fn split_list(cell: &str) -> Vec<String> {
    cell.split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Links of a mixed cell, by where they point.
#[derive(Default)]
struct Links {
    website: Vec<String>,
    vk: Vec<String>,
    ok: Vec<String>,
    telegram: Vec<String>,
}

fn split_links(text: &str) -> Links {
    let mut links = Links::default();
    for link in text
        .split(|c: char| c.is_whitespace() || c == ';' || c == ',')
        .filter(|l| l.contains('.') || l.starts_with('@'))
    {
        let lower = link.to_lowercase();
        let host = lower
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_start_matches("www.");
        let list = if host.starts_with("vk.com") || host.starts_with("vk.ru") {
            &mut links.vk
        } else if host.starts_with("ok.ru") || host.starts_with("odnoklassniki.ru") {
            &mut links.ok
        } else if host.starts_with("t.me") || host.starts_with("telegram.me") {
            &mut links.telegram
        } else {
            &mut links.website
        };
        list.push(link.to_owned());
    }
    links
}

fn joined(a: String, more: &[String]) -> String {
    std::iter::once(a)
        .chain(more.iter().cloned())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// "55.1, 64.2", "55,1 64,2" or "55.1; 64.2" in one cell.
fn split_coordinates(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    if let Some((a, b)) = t.split_once(';') {
        return Some((a.trim().into(), b.trim().into()));
    }
    let parts: Vec<&str> = t.split_whitespace().collect();
    if parts.len() == 2 {
        return Some((parts[0].trim_end_matches(',').into(), parts[1].into()));
    }
    let (a, b) = t.split_once(", ").or_else(|| t.split_once(','))?;
    Some((a.trim().into(), b.trim().into()))
}

type Record = (Result<OrganizationInput, Vec<FieldIssue>>, Vec<FieldIssue>);

fn record(layout: &Layout, cells: &[String]) -> Record {
    let get = |f: &str| cell(layout, cells, f);
    let mut warnings = vec![];
    let (mut lat_text, mut lon_text) = (get("lat"), get("lon"));
    let pair = get("coordinates");
    if !pair.is_empty() {
        match split_coordinates(&pair) {
            Some((a, b)) => (lat_text, lon_text) = (a, b),
            None => warnings.push(FieldIssue::new("lat", "warn-dropped").arg("value", pair)),
        }
    }
    let mut coordinate = |field: &str, text: &str| {
        parse_coordinate(text).unwrap_or_else(|_| {
            warnings.push(FieldIssue::new(field, "warn-dropped").arg("value", text));
            None
        })
    };
    let (mut lat, mut lon) = (coordinate("lat", &lat_text), coordinate("lon", &lon_text));
    if lat.is_none() || lon.is_none() {
        // Half a point places nothing; the okrug (if any) will.
        (lat, lon) = (None, None);
    }
    let links = split_links(&get("links"));
    let needs = split_list(&get("needs"))
        .into_iter()
        .map(|kind| NeedInput {
            kind,
            ..Default::default()
        })
        .collect();
    // «Консультации специалистов: Юридическая консультация» (what a download writes) or a kind.
    let offers = split_list(&get("offers"))
        .into_iter()
        .map(|item| match item.split_once(": ") {
            Some((kind, title)) => OfferInput {
                kind: kind.trim().to_owned(),
                title: title.trim().to_owned(),
                ..Default::default()
            },
            None => OfferInput {
                kind: item,
                ..Default::default()
            },
        })
        .collect();
    let verification = VerificationInput {
        method: get("verification_method"),
        verified_by: get("verified_by"),
        verified_at: get("verified_at"),
        note: String::new(),
    };
    let input = OrganizationInput {
        name: get("name"),
        kind: get("kind"),
        legal_form: get("legal_form"),
        okrug: get("okrug"),
        settlement: get("settlement"),
        address: get("address"),
        lat,
        lon,
        phone: get("phone"),
        email: get("email"),
        website: joined(get("website"), &links.website),
        vk: joined(get("vk"), &links.vk),
        ok: joined(get("ok"), &links.ok),
        telegram: joined(get("telegram"), &links.telegram),
        inn: get("inn"),
        ogrn: get("ogrn"),
        directions: split_list(&get("directions")),
        audiences: split_list(&get("audiences")),
        event_formats: split_list(&get("event_formats")),
        summary: get("summary"),
        description: get("description"),
        needs,
        offers,
        verification: (verification != VerificationInput::default()).then_some(verification),
        ..Default::default()
    };
    (Ok(input), warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sheet::read_csv;

    fn rows(text: &str) -> Vec<ParsedRow> {
        let sheet = read_csv(text.as_bytes()).expect("reads");
        parsed_rows(&sheet, &sheet.layout().expect("header"))
    }

    #[test]
    fn links_split_by_host_and_coordinates_in_one_cell() {
        let r = rows(
            "Название;Сайт / соцсети;Координаты\n\
             Клуб;www.example.org vk.com/club1 https://t.me/club;\"55,22 63,29\"\n",
        );
        let i = r[0].input.clone().expect("record");
        assert_eq!(i.website, "www.example.org");
        assert_eq!(i.vk, "vk.com/club1");
        assert_eq!(i.telegram, "https://t.me/club");
        assert_eq!((i.lat, i.lon), (Some(55.22), Some(63.29)));
        assert!(r[0].warnings.is_empty());
    }

    #[test]
    fn two_phone_columns_and_a_bad_coordinate_is_a_warning() {
        let r = rows("name;Телефон;Телефон 2;lat;lon\nА;2-11-01;2-11-02;север;64\n\nБ;;;;\n");
        assert_eq!(r.len(), 2, "the blank row is skipped");
        let i = r[0].input.clone().expect("record");
        assert_eq!(i.phone, "2-11-01; 2-11-02");
        assert_eq!((i.lat, i.lon), (None, None));
        assert_eq!(r[0].warnings[0].field, "lat");
        assert_eq!((r[0].row, r[1].row), (2, 4));
    }
}
