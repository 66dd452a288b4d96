//! The four download formats, each written a batch at a time: CSV (UTF-8 with a byte-order
//! mark, `;`-separated, formula-looking cells neutralized), GeoJSON (RFC 7946), JSON Lines
//! in the import's shape, and an Excel workbook in rust_xlsxwriter's constant-memory mode.

use rust_xlsxwriter::{Format as CellFormat, Workbook, Worksheet, XlsxError};
use serde_json::{json, Map, Value};

use super::columns::{headings, yes_no, Cell, Labels, COLUMNS};
use super::About;
use crate::i18n::I18n;
use crate::organizations::store::OrganizationRecord;

/// A text cell as a spreadsheet may read it: one starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return would be taken for a formula, so it gets a leading apostrophe (the
/// OWASP advice against CSV injection).
pub fn neutralize(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_owned(),
    }
}

/// A cell as spreadsheet text: lists joined with "; ", numbers as written by Rust (a dot
/// for the decimals, so programs read them back exactly).
fn spreadsheet_text(cell: &Cell, i18n: &I18n) -> String {
    match cell {
        Cell::Text(s) => neutralize(s),
        Cell::Int(n) => n.to_string(),
        Cell::Number(x) => x.to_string(),
        Cell::Bool(b) => yes_no(i18n, *b),
        Cell::List(items) => neutralize(&items.join("; ")),
        Cell::Empty => String::new(),
    }
}

/// CSV rows into a buffer the caller empties after each batch.
pub struct Csv {
    out: csv::Writer<Vec<u8>>,
}

impl Csv {
    /// The writer with the byte-order mark and the heading row already written.
    pub fn new(i18n: &I18n) -> csv::Result<Self> {
        let mut out = Self::writer("\u{feff}".as_bytes().to_vec());
        out.write_record(headings(i18n).iter().map(|h| neutralize(h)))?;
        Ok(Self { out })
    }

    fn writer(buf: Vec<u8>) -> csv::Writer<Vec<u8>> {
        csv::WriterBuilder::new().delimiter(b';').from_writer(buf)
    }

    pub fn row(
        &mut self,
        labels: &Labels,
        rec: &OrganizationRecord,
        i18n: &I18n,
    ) -> csv::Result<()> {
        let cells = labels.row(rec);
        self.out
            .write_record(cells.iter().map(|c| spreadsheet_text(c, i18n)))
    }

    /// What was written since the last call.
    pub fn take(&mut self) -> std::io::Result<Vec<u8>> {
        let full = std::mem::replace(&mut self.out, Self::writer(vec![]));
        full.into_inner().map_err(|e| e.into_error())
    }
}

fn json_cell(cell: Cell) -> Value {
    match cell {
        Cell::Text(s) => Value::String(s),
        Cell::Int(n) => n.into(),
        Cell::Number(x) => x.into(),
        Cell::Bool(b) => b.into(),
        Cell::List(items) => items.into(),
        Cell::Empty => Value::Null,
    }
}

/// The start of the GeoJSON document: the collection's licence and source as foreign
/// members (RFC 7946 §6.1), then the opening of `features`.
pub fn geojson_start(about: &About) -> Vec<u8> {
    let head = json!({
        "type": "FeatureCollection",
        "name": about.title,
        "license": super::LICENCE_ID,
        "license_url": super::LICENCE_URL,
        "attribution": about.attribution,
        "source": about.source,
        "generated": about.date,
    });
    let mut s = head.to_string();
    // Reopen the object to append the features array to it.
    s.pop();
    s.push_str(",\"features\":[\n");
    s.into_bytes()
}

/// One feature; `first` says whether a comma goes before it.
pub fn geojson_feature(labels: &Labels, rec: &OrganizationRecord, first: bool, out: &mut Vec<u8>) {
    let mut properties = Map::new();
    for ((key, _), cell) in COLUMNS.iter().zip(labels.row(rec)) {
        properties.insert((*key).to_owned(), json_cell(cell));
    }
    let feature = json!({
        "type": "Feature",
        "id": rec.org.id,
        "geometry": { "type": "Point", "coordinates": [rec.org.lon, rec.org.lat] },
        "properties": properties,
    });
    if !first {
        out.extend_from_slice(b",\n");
    }
    out.extend_from_slice(feature.to_string().as_bytes());
}

pub const GEOJSON_END: &[u8] = b"\n]}\n";

/// One JSON line in exactly the shape `server import` reads.
pub fn jsonl_line(
    input: &crate::organizations::input::OrganizationInput,
    out: &mut Vec<u8>,
) -> serde_json::Result<()> {
    serde_json::to_writer(&mut *out, input)?;
    out.push(b'\n');
    Ok(())
}

/// Longest text Excel keeps in one cell.
const XLSX_CELL_MAX: usize = 32_767;

/// The workbook: the organizations sheet written row by row to a temporary file (constant
/// memory: strings inline, rows in order), and the «О данных» sheet at the end.
pub struct Xlsx {
    book: Workbook,
    row: u32,
    bold: CellFormat,
}

impl Xlsx {
    pub fn new(i18n: &I18n) -> Result<Self, XlsxError> {
        let mut book = Workbook::new();
        let bold = CellFormat::new().set_bold();
        let sheet = book.add_worksheet_with_constant_memory();
        sheet.set_name(i18n.t("export-sheet-organizations"))?;
        for (col, (key, _)) in COLUMNS.iter().enumerate() {
            let width = match *key {
                "name" | "address" | "summary" | "directions" | "audiences" | "url" => 40.0,
                "id" | "lat" | "lon" | "location_approximate" => 10.0,
                _ => 18.0,
            };
            sheet.set_column_width(col as u16, width)?;
        }
        for (col, h) in headings(i18n).iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, h, &bold)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(Self { book, row: 1, bold })
    }

    fn sheet(&mut self) -> Result<&mut Worksheet, XlsxError> {
        self.book.worksheet_from_index(0)
    }

    pub fn row(
        &mut self,
        labels: &Labels,
        rec: &OrganizationRecord,
        i18n: &I18n,
    ) -> Result<(), XlsxError> {
        let row = self.row;
        let cells = labels.row(rec);
        let sheet = self.sheet()?;
        for (col, cell) in cells.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Int(n) => sheet.write_number(row, col, *n as f64)?,
                Cell::Number(x) => sheet.write_number(row, col, *x)?,
                Cell::Empty => continue,
                // A workbook cell is never a formula when written as a string.
                other => {
                    let text = match other {
                        Cell::Text(s) => s.clone(),
                        Cell::List(items) => items.join("; "),
                        Cell::Bool(b) => yes_no(i18n, *b),
                        _ => String::new(),
                    };
                    let cut: String = text.chars().take(XLSX_CELL_MAX).collect();
                    sheet.write_string(row, col, cut)?
                }
            };
        }
        self.row += 1;
        Ok(())
    }

    /// Adds the autofilter and the «О данных» sheet and writes the workbook into `file`.
    pub fn finish(
        mut self,
        about: &About,
        i18n: &I18n,
        file: &mut std::fs::File,
    ) -> Result<(), XlsxError> {
        let last_row = self.row - 1;
        let last_col = (COLUMNS.len() - 1) as u16;
        self.sheet()?.autofilter(0, 0, last_row, last_col)?;
        let bold = self.bold.clone();
        let info = self.book.add_worksheet();
        info.set_name(i18n.t("export-sheet-about"))?;
        info.set_column_width(0, 28)?;
        info.set_column_width(1, 100)?;
        let rows = [
            (i18n.t("export-about-title"), about.title.clone()),
            (i18n.t("export-about-source"), about.source.clone()),
            (i18n.t("export-about-date"), about.date.clone()),
            (i18n.t("export-about-view"), about.view.clone()),
            (i18n.t("export-about-count"), last_row.to_string()),
            (i18n.t("export-about-licence"), about.licence.clone()),
            (
                i18n.t("export-about-licence-url"),
                super::LICENCE_URL.to_owned(),
            ),
            (
                i18n.t("export-about-attribution"),
                about.attribution.clone(),
            ),
        ];
        for (i, (k, v)) in rows.iter().enumerate() {
            info.write_string_with_format(i as u32, 0, k, &bold)?;
            info.write_string(i as u32, 1, v)?;
        }
        self.book.save_to_writer(file)
    }
}
