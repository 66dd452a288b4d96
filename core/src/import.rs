//! Import: the one way organizations get into the database, from CSV (UTF-8 with or without
//! BOM, comma, semicolon or tab separated, as Excel exports it; Windows-1251 is recognised
//! too), JSON (an array of objects) or JSON Lines.
//!
//! Policy (docs/IMPORT.md): every row is validated first. All valid rows are then stored in
//! one transaction and every invalid row is reported with its row number, column and a
//! Russian reason. A bad row never aborts the file and never half-imports; `--dry-run`
//! reports without writing.

use std::collections::HashMap;
use std::path::Path;

use crate::db::Db;
use crate::error::FieldIssue;
use crate::i18n::I18n;
use crate::organizations::input::{parse_coordinate, NeedInput, OrganizationInput};
use crate::organizations::store;
use crate::organizations::validate::{validate, ValidOrganization};
use crate::region::RegionCatalog;

/// A record read from a file: its row number (as a spreadsheet shows it) and either the
/// parsed input or what made it unreadable.
#[derive(Debug, Clone)]
pub struct ParsedRow {
    pub row: usize,
    pub input: Result<OrganizationInput, Vec<FieldIssue>>,
}

/// A problem with one row, in words for the person who prepared the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub field: String,
    pub message: String,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub rejected_rows: usize,
    pub errors: Vec<RowError>,
    /// Columns the file has that the importer does not know (ignored).
    pub unknown_columns: Vec<String>,
    pub dry_run: bool,
    /// Ids of organizations created or updated, for the search index.
    pub changed_ids: Vec<i64>,
}

/// Why a whole file could not be read. Nothing is imported in that case.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("не удалось прочитать файл: {0}")]
    Io(#[from] std::io::Error),
    #[error("файл пуст")]
    Empty,
    #[error("в файле нет столбца «name» (или «название»): первая строка должна содержать заголовки столбцов")]
    NoNameColumn,
    #[error("файл не похож на JSON: {0}")]
    Json(String),
    #[error("ошибка разбора CSV: {0}")]
    Csv(String),
    #[error("неизвестный формат файла «{0}»: нужен .csv, .json или .jsonl")]
    UnknownFormat(String),
}

/// Reads a file by its extension (.csv, .json, .jsonl/.ndjson).
pub fn read_file(path: &Path) -> Result<(Vec<ParsedRow>, Vec<String>), FileError> {
    let bytes = std::fs::read(path)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "txt" => parse_csv(&bytes),
        "json" => parse_json(&bytes).map(|r| (r, vec![])),
        "jsonl" | "ndjson" => parse_json_lines(&bytes).map(|r| (r, vec![])),
        other => Err(FileError::UnknownFormat(other.to_owned())),
    }
}

/// Decodes text as UTF-8 (dropping a BOM), falling back to Windows-1251, which is what
/// Russian Excel writes for "CSV (разделители — запятые)".
pub fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1251.decode(bytes).0.into_owned(),
    }
}

/// Parses a JSON array of organizations (also the fuzz target's entry).
pub fn parse_json(bytes: &[u8]) -> Result<Vec<ParsedRow>, FileError> {
    let text = decode_text(bytes);
    let values: Vec<serde_json::Value> =
        serde_json::from_str(&text).map_err(|e| FileError::Json(e.to_string()))?;
    Ok(values
        .into_iter()
        .enumerate()
        .map(|(i, v)| json_row(i + 1, v))
        .collect())
}

/// Parses JSON Lines, one organization a line (also the fuzz target's entry).
pub fn parse_json_lines(bytes: &[u8]) -> Result<Vec<ParsedRow>, FileError> {
    let text = decode_text(bytes);
    Ok(text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| match serde_json::from_str(line) {
            Ok(v) => json_row(i + 1, v),
            Err(e) => ParsedRow {
                row: i + 1,
                input: Err(vec![
                    FieldIssue::new("-", "err-json-record").arg("reason", e.to_string())
                ]),
            },
        })
        .collect())
}

fn json_row(row: usize, value: serde_json::Value) -> ParsedRow {
    let input = serde_json::from_value::<OrganizationInput>(value)
        .map_err(|e| vec![FieldIssue::new("-", "err-json-record").arg("reason", e.to_string())]);
    ParsedRow { row, input }
}

/// The import columns and their Russian aliases, as people label them in spreadsheets.
const COLUMNS: &[(&str, &[&str])] = &[
    ("name", &["название", "наименование"]),
    ("kind", &["тип", "вид организации"]),
    (
        "legal_form",
        &["опф", "организационно-правовая форма", "форма"],
    ),
    ("okrug", &["округ", "район", "муниципальный округ"]),
    (
        "settlement",
        &["населённый пункт", "населенный пункт", "село"],
    ),
    ("address", &["адрес"]),
    ("lat", &["широта"]),
    ("lon", &["долгота"]),
    ("phone", &["телефон"]),
    (
        "email",
        &["эл. почта", "электронная почта", "почта", "e-mail"],
    ),
    ("website", &["сайт"]),
    ("vk", &["вконтакте", "вк"]),
    ("ok", &["одноклассники"]),
    ("telegram", &["телеграм", "телеграмм"]),
    ("inn", &["инн"]),
    ("ogrn", &["огрн"]),
    ("directions", &["направления", "направления деятельности"]),
    (
        "audiences",
        &["аудитории", "целевые группы", "благополучатели"],
    ),
    (
        "event_formats",
        &["форматы", "форматы мероприятий", "мероприятия"],
    ),
    ("summary", &["кратко", "кратко о себе"]),
    ("description", &["описание"]),
    ("needs", &["потребности", "нужды"]),
];

/// Maps a header cell to its canonical column name.
fn canonical_column(header: &str) -> Option<&'static str> {
    let h = crate::text::fold(header.trim_start_matches('\u{feff}'));
    COLUMNS
        .iter()
        .find(|(name, aliases)| *name == h || aliases.iter().any(|a| crate::text::fold(a) == h))
        .map(|(name, _)| *name)
}

/// Picks the separator Excel used, by counting candidates in the header line.
fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}

/// Splits a list cell: "social_services; elderly" (also accepts line breaks).
fn split_list(cell: &str) -> Vec<String> {
    cell.split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Parses CSV text into rows. Returns the rows and any unknown column names.
pub fn parse_csv(bytes: &[u8]) -> Result<(Vec<ParsedRow>, Vec<String>), FileError> {
    let text = decode_text(bytes);
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(detect_delimiter(&text))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| FileError::Csv(e.to_string()))?
        .clone();
    let columns: Vec<Option<&str>> = headers.iter().map(canonical_column).collect();
    if !columns.contains(&Some("name")) {
        return Err(FileError::NoNameColumn);
    }
    let unknown = headers
        .iter()
        .zip(&columns)
        .filter(|(h, c)| c.is_none() && !h.trim().is_empty())
        .map(|(h, _)| h.to_owned())
        .collect();
    let mut rows = vec![];
    for (i, record) in rdr.records().enumerate() {
        // Row 1 is the header, so the first record is row 2, as in the spreadsheet.
        let row = i + 2;
        let input = match record {
            Ok(r) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Ok(r) => csv_record(&columns, &r),
            Err(e) => Err(vec![
                FieldIssue::new("-", "err-csv-row").arg("reason", e.to_string())
            ]),
        };
        rows.push(ParsedRow { row, input });
    }
    Ok((rows, unknown))
}

fn csv_record(
    columns: &[Option<&str>],
    record: &csv::StringRecord,
) -> Result<OrganizationInput, Vec<FieldIssue>> {
    let cells: HashMap<&str, &str> = columns
        .iter()
        .zip(record.iter())
        .filter_map(|(c, v)| Some(((*c)?, v)))
        .collect();
    let get = |k: &str| cells.get(k).copied().unwrap_or("").to_owned();
    let mut issues = vec![];
    let mut coord = |k: &str| {
        parse_coordinate(&get(k)).unwrap_or_else(|_| {
            issues.push(FieldIssue::new(k, "err-coordinate").arg("value", get(k)));
            None
        })
    };
    let (lat, lon) = (coord("lat"), coord("lon"));
    let needs = split_list(&get("needs"))
        .into_iter()
        .map(|kind| NeedInput {
            kind,
            ..Default::default()
        })
        .collect();
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
        website: get("website"),
        vk: get("vk"),
        ok: get("ok"),
        telegram: get("telegram"),
        inn: get("inn"),
        ogrn: get("ogrn"),
        directions: split_list(&get("directions")),
        audiences: split_list(&get("audiences")),
        event_formats: split_list(&get("event_formats")),
        summary: get("summary"),
        description: get("description"),
        needs,
        ..Default::default()
    };
    if issues.is_empty() {
        Ok(input)
    } else {
        Err(issues)
    }
}

fn row_errors(row: usize, issues: &[FieldIssue], i18n: &I18n) -> Vec<RowError> {
    issues
        .iter()
        .map(|i| RowError {
            row,
            field: i.field.clone(),
            message: i.message(i18n),
        })
        .collect()
}

/// Validates every row, then (unless `dry_run`) stores all valid rows in one transaction.
/// A row that clashes with another organization's ИНН/ОГРН in the database is reported and
/// skipped; the other rows still go in.
#[tracing::instrument(skip_all, err, fields(rows = rows.len(), dry_run))]
pub async fn import_rows(
    db: &Db,
    catalog: &RegionCatalog,
    rows: Vec<ParsedRow>,
    dry_run: bool,
) -> anyhow::Result<ImportReport> {
    let i18n = I18n::default();
    let mut report = ImportReport {
        rows: rows.len(),
        dry_run,
        ..Default::default()
    };
    let mut valid: Vec<(usize, ValidOrganization)> = vec![];
    for r in rows {
        match r.input.and_then(|input| validate(&input, catalog)) {
            Ok(v) => valid.push((r.row, v)),
            Err(issues) => {
                report.rejected_rows += 1;
                report.errors.extend(row_errors(r.row, &issues, &i18n));
            }
        }
    }
    if dry_run {
        report.created = valid.len();
        return Ok(report);
    }
    let mut tx = db.begin().await?;
    for (row, org) in &valid {
        // A savepoint per row: a constraint clash undoes only that row.
        let mut sp = sqlx::Connection::begin(&mut *tx).await?;
        match store::upsert(&mut sp, catalog.id, org).await {
            Ok((id, created)) => {
                sp.commit().await?;
                report.changed_ids.push(id);
                if created {
                    report.created += 1;
                } else {
                    report.updated += 1;
                }
            }
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                sp.rollback().await?;
                report.rejected_rows += 1;
                let issue = match store::unpublished_holder(&mut tx, catalog.id, org).await? {
                    Some(id) => FieldIssue::new("inn", "err-identifier-unpublished")
                        .arg("id", id.to_string()),
                    None => FieldIssue::new("inn", "err-identifier-taken"),
                };
                report.errors.extend(row_errors(*row, &[issue], &i18n));
            }
            Err(e) => return Err(e.into()),
        }
    }
    tx.commit().await?;
    Ok(report)
}

impl ImportReport {
    /// The report as printed by `server import`, in Russian.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let verb = if self.dry_run {
            "Проверка без записи"
        } else {
            "Импорт"
        };
        out.push_str(&format!(
            "{verb}: строк {}, добавлено {}, обновлено {}, отклонено {}\n",
            self.rows, self.created, self.updated, self.rejected_rows
        ));
        if !self.unknown_columns.is_empty() {
            out.push_str(&format!(
                "Неизвестные столбцы пропущены: {}\n",
                self.unknown_columns.join(", ")
            ));
        }
        for e in &self.errors {
            out.push_str(&format!(
                "  строка {}, столбец {}: {}\n",
                e.row, e.field, e.message
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_csv_with_bom_and_russian_headers() {
        let text = "\u{feff}Название;Тип;Округ;Широта;Долгота;Направления\n\
                    ТОС «Родник»;initiative_group;Шумихинский;55,22;63,29;social_services; elderly\n";
        let (rows, unknown) = parse_csv(text.as_bytes()).expect("parses");
        assert!(unknown.is_empty());
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].row, 2);
        let input = rows[0].input.clone().expect("valid row");
        assert_eq!(input.name, "ТОС «Родник»");
        assert_eq!(input.okrug, "Шумихинский");
        assert_eq!((input.lat, input.lon), (Some(55.22), Some(63.29)));
    }

    #[test]
    fn comma_csv_with_exact_headers_and_quoted_lists() {
        let text = "name,kind,okrug,directions,audiences\n\
                    Совет ветеранов,ngo,kurgan,\"social_services; charity_volunteering\",elderly\n";
        let (rows, _) = parse_csv(text.as_bytes()).expect("parses");
        let input = rows[0].input.clone().expect("valid row");
        assert_eq!(
            input.directions,
            vec!["social_services", "charity_volunteering"]
        );
        assert_eq!(input.audiences, vec!["elderly"]);
    }

    #[test]
    fn bad_coordinate_is_a_row_error_not_a_file_error() {
        let text = "name,lat,lon\nА,север,64\nБ,55,64\n";
        let (rows, _) = parse_csv(text.as_bytes()).expect("parses");
        let issues = rows[0].input.clone().expect_err("bad row");
        assert_eq!(issues[0].field, "lat");
        assert_eq!(rows[0].row, 2);
        assert!(rows[1].input.is_ok());
    }

    #[test]
    fn windows_1251_is_decoded() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("name;okrug\nСовет;Кетовский\n");
        let (rows, _) = parse_csv(&bytes).expect("parses");
        assert_eq!(rows[0].input.clone().expect("ok").okrug, "Кетовский");
    }

    #[test]
    fn missing_name_column_is_a_file_error() {
        assert!(matches!(
            parse_csv(b"foo,bar\n1,2\n"),
            Err(FileError::NoNameColumn)
        ));
        assert!(matches!(parse_csv(b"   "), Err(FileError::Empty)));
    }

    #[test]
    fn unknown_columns_are_reported() {
        let (_, unknown) = parse_csv("name,цвет\nА,синий\n".as_bytes()).expect("parses");
        assert_eq!(unknown, vec!["цвет"]);
    }
}
