//! A list as a grid of text cells, read from CSV (as Excel saves it) or directly from an
//! Excel workbook (.xlsx, .xls; any sheet) or an OpenDocument spreadsheet (.ods). Cells are
//! turned into the text a person sees: whole numbers without ".0" (so a number-formatted
//! ИНН keeps its digits), dates as ДД.ММ.ГГГГ.

use std::io::Cursor;

use calamine::{Data, Reader};

use super::columns::{detect, Layout};
use super::FileError;

/// One row of the grid, with its number as the spreadsheet shows it (the first row is 1).
#[derive(Clone, Debug, PartialEq)]
pub struct SheetRow {
    pub line: usize,
    pub cells: Vec<String>,
}

/// A list read from a file: its rows, and the sheet's name for workbooks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub name: Option<String>,
    pub rows: Vec<SheetRow>,
}

impl Sheet {
    /// The cells of every row, for header detection.
    pub fn cells(&self) -> Vec<Vec<String>> {
        self.rows.iter().map(|r| r.cells.clone()).collect()
    }

    /// The header and column uses of this sheet, if it has a name column.
    pub fn layout(&self) -> Option<Layout> {
        detect(&self.cells())
    }
}

/// Reads a spreadsheet or CSV file; the format comes from the name's extension.
/// `UnknownFormat` for anything else (JSON is not a sheet).
pub fn read_sheet(file_name: &str, bytes: &[u8]) -> Result<Sheet, FileError> {
    let lower = file_name.to_lowercase();
    match lower.rsplit_once('.').map_or("", |(_, e)| e) {
        "csv" | "txt" => read_csv(bytes),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(bytes),
        other => Err(FileError::UnknownFormat(other.to_owned())),
    }
}

/// Decodes text as UTF-8 (dropping a BOM), falling back to Windows-1251, which is what
/// Russian Excel writes for "CSV (разделители — запятые)".
pub fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1251.decode(bytes).0.into_owned(),
    };
    crate::text::without_nul(text)
}

/// Picks the separator Excel used, by counting candidates in the first lines (a title row
/// above the header may have none).
fn detect_delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(10).collect::<Vec<_>>().join("\n");
    [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| head.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}

/// Reads CSV text into a sheet. A record that cannot be read becomes a row with the reason
/// in its only cell, prefixed so the row reader reports it.
pub fn read_csv(bytes: &[u8]) -> Result<Sheet, FileError> {
    let text = decode_text(bytes);
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(detect_delimiter(&text))
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    // Line numbers from byte offsets: the reader's own line count skips blank lines.
    let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    // A record's position can be the start of the blank lines before it.
    let bytes = text.as_bytes();
    let line_at = |byte: u64| {
        let mut at = byte as usize;
        while at < bytes.len() && (bytes[at] == b'\n' || bytes[at] == b'\r') {
            at += 1;
        }
        1 + newlines.partition_point(|n| *n < at)
    };
    let mut rows = vec![];
    let mut record = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => rows.push(SheetRow {
                line: record
                    .position()
                    .map_or(rows.len() + 1, |p| line_at(p.byte())),
                cells: record.iter().map(str::to_owned).collect(),
            }),
            Err(e) => return Err(FileError::Csv(e.to_string())),
        }
    }
    Ok(Sheet { name: None, rows })
}

/// Reads a workbook (xlsx, xls, xlsb or ods, detected from the bytes). Takes the first sheet
/// that has a recognisable header, so a list on the second sheet is found too.
pub fn read_workbook(bytes: &[u8]) -> Result<Sheet, FileError> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| FileError::Workbook(e.to_string()))?;
    let mut first = None;
    for (name, range) in book.worksheets() {
        let sheet = sheet_of(name, &range);
        if sheet.layout().is_some() {
            return Ok(sheet);
        }
        first.get_or_insert(sheet);
    }
    match first {
        Some(s) if s.rows.iter().any(|r| r.cells.iter().any(|c| !c.is_empty())) => Ok(s),
        _ => Err(FileError::Empty),
    }
}

fn sheet_of(name: String, range: &calamine::Range<Data>) -> Sheet {
    // The range starts at its first used cell; spreadsheet row numbers count from A1.
    let (top, _) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, row)| SheetRow {
            line: top as usize + i + 1,
            cells: row.iter().map(cell_text).collect(),
        })
        .collect();
    Sheet {
        name: Some(name),
        rows,
    }
}

/// The text a person sees in a cell.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "да" } else { "нет" }.to_owned(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.format("%d.%m.%Y").to_string(),
            Some(t) => t.format("%d.%m.%Y %H:%M").to_string(),
            None => number_text(d.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

/// A whole number without a decimal part (an ИНН typed into a number cell), otherwise the
/// shortest decimal.
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_keep_their_spreadsheet_numbers() {
        let text = "Реестр;;\n;;\nНаименование;Район\n\"ТОС\n«Родник»\";Шумиха\nСовет;Кетово\n";
        let sheet = read_csv(text.as_bytes()).expect("reads");
        let lines: Vec<usize> = sheet.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 3, 4, 6]);
        assert_eq!(sheet.layout().expect("header").header_row, 2);
    }

    #[test]
    fn numbers_read_as_people_see_them() {
        assert_eq!(cell_text(&Data::Float(4501012345.0)), "4501012345");
        assert_eq!(cell_text(&Data::Float(55.25)), "55.25");
        assert_eq!(cell_text(&Data::Int(1024500000001)), "1024500000001");
        assert_eq!(cell_text(&Data::Empty), "");
    }

    #[test]
    fn windows_1251_is_decoded() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("name;okrug\nСовет;Кетовский\n");
        let sheet = read_csv(&bytes).expect("reads");
        assert_eq!(sheet.rows[1].cells[1], "Кетовский");
    }

    #[test]
    fn a_file_that_is_no_workbook_is_a_clear_error() {
        assert!(matches!(
            read_workbook(b"not a workbook"),
            Err(FileError::Workbook(_))
        ));
    }
}
