//! Import: the one way organizations get into the database, from the lists people really
//! keep: Excel workbooks (.xlsx, .xls, .ods; any sheet), CSV as Excel saves it (UTF-8 or
//! Windows-1251, `;`, `,` or tab), JSON (an array of objects) or JSON Lines.
//!
//! Policy (docs/IMPORT.md): the header row is found below titles and blank rows and its
//! columns recognised as people write them (`columns`); every value is made canonical and
//! what is still not understood is dropped with a warning when optional (`tidy`); then every
//! row is validated. All valid rows are stored in one transaction, each row that cannot be
//! is reported with its row number, column and a Russian reason, and a repeated file changes
//! nothing (`merge`). `--dry-run` reports without writing.

pub mod batch;
mod columns;
mod dates;
mod forms;
mod merge;
mod places;
pub mod prepared;
mod report;
mod rows;
mod run;
mod sheet;
mod tidy;
mod verified;

use std::path::Path;

pub use columns::{recognise, ColumnUse, Layout, FIELDS};
pub use forms::{find_legal_form, infer_kind, legal_form_in_name};
pub use merge::overlay;
pub use places::find_okrug;
pub use report::{ImportReport, RowError, RowOutcome, RowResult};
pub use rows::parsed_rows;
pub use run::{
    check_rows, import_rows, import_rows_with, plan_one, row_errors, Checked, Plan, Progress,
};
pub use sheet::{decode_text, read_csv, read_sheet, read_workbook, Sheet, SheetRow};
pub use tidy::tidy;

use crate::error::FieldIssue;
use crate::organizations::input::OrganizationInput;

/// A record read from a file: its row number (as a spreadsheet shows it), either the
/// parsed input or what made it unreadable, and notes about values the reader dropped.
#[derive(Debug, Clone)]
pub struct ParsedRow {
    pub row: usize,
    pub input: Result<OrganizationInput, Vec<FieldIssue>>,
    pub warnings: Vec<FieldIssue>,
    /// The input fields the file has (columns or JSON keys); `None`: all of them.
    pub present: Option<Vec<String>>,
}

/// Why a whole file could not be read. Nothing is imported in that case.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("не удалось прочитать файл: {0}")]
    Io(#[from] std::io::Error),
    #[error("файл пуст")]
    Empty,
    #[error("не найдена строка заголовков со столбцом названия организации («Наименование», «Название» или «name») в первых 30 строках")]
    NoNameColumn,
    #[error("файл не похож на JSON: {0}")]
    Json(String),
    #[error("ошибка разбора CSV: {0}")]
    Csv(String),
    #[error("не удалось прочитать книгу Excel: {0}")]
    Workbook(String),
    #[error("неизвестный формат файла «{0}»: нужен .xlsx, .xls, .ods, .csv, .json или .jsonl")]
    UnknownFormat(String),
}

/// The rows of a file and the columns it skipped.
pub type ReadRows = (Vec<ParsedRow>, Vec<String>);

/// Reads a file by its extension.
pub fn read_file(path: &Path) -> Result<ReadRows, FileError> {
    let bytes = std::fs::read(path)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    read_bytes(name, &bytes)
}

/// Reads an uploaded or stored file; the format comes from the name's extension.
pub fn read_bytes(file_name: &str, bytes: &[u8]) -> Result<ReadRows, FileError> {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "json" => parse_json(bytes).map(|r| (r, vec![])),
        "jsonl" | "ndjson" => parse_json_lines(bytes).map(|r| (r, vec![])),
        _ => sheet_rows(&read_sheet(file_name, bytes)?),
    }
}

fn sheet_rows(sheet: &Sheet) -> Result<ReadRows, FileError> {
    let layout = sheet.layout().ok_or(FileError::NoNameColumn)?;
    Ok((parsed_rows(sheet, &layout), layout.ignored()))
}

/// Parses CSV text into rows. Returns the rows and the columns it skipped.
pub fn parse_csv(bytes: &[u8]) -> Result<ReadRows, FileError> {
    sheet_rows(&read_csv(bytes)?)
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
                warnings: vec![],
                present: None,
            },
        })
        .collect())
}

/// Drops NUL characters (`\u0000`) from every string of a record: PostgreSQL refuses them
/// in text, and no list means one.
fn strip_nul(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) if s.contains('\0') => s.retain(|c| c != '\0'),
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_nul),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(strip_nul),
        _ => {}
    }
}

fn json_row(row: usize, mut value: serde_json::Value) -> ParsedRow {
    strip_nul(&mut value);
    let present = value
        .as_object()
        .map(|o| o.keys().cloned().collect::<Vec<_>>());
    let input = serde_json::from_value::<OrganizationInput>(value)
        .map_err(|e| vec![FieldIssue::new("-", "err-json-record").arg("reason", e.to_string())]);
    ParsedRow {
        row,
        input,
        warnings: vec![],
        present,
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
    fn missing_name_column_is_a_file_error() {
        assert!(matches!(
            parse_csv(b"foo,bar\n1,2\n"),
            Err(FileError::NoNameColumn)
        ));
        assert!(matches!(parse_csv(b"   "), Err(FileError::Empty)));
    }

    #[test]
    fn unknown_columns_are_reported() {
        let (_, unknown) = parse_csv("name,цвет,№\nА,синий,1\n".as_bytes()).expect("parses");
        assert_eq!(unknown, vec!["цвет"]);
    }

    #[test]
    fn json_rows_know_which_fields_they_have() {
        let rows = parse_json_lines(b"{\"name\":\"A\",\"phone\":\"1\"}\n").expect("parses");
        let mut present = rows[0].present.clone().expect("keys");
        present.sort();
        assert_eq!(present, vec!["name", "phone"]);
    }

    #[test]
    fn unknown_extensions_are_refused_by_name() {
        assert!(matches!(
            read_bytes("list.docx", b""),
            Err(FileError::UnknownFormat(e)) if e == "docx"
        ));
    }
}
