//! An uploaded list read with the staff's changes applied: its fixed cells, its column
//! mapping and without the rows they skipped. The preview and the import both start here.

use super::batch::Batch;
use super::columns::Layout;
use super::sheet::{read_csv, read_workbook, Sheet};
use super::{parsed_rows, FileError, ParsedRow};

/// A batch's file read with the staff's changes applied.
pub struct Prepared {
    pub sheet: Sheet,
    pub layout: Layout,
    /// The data rows to import (the skipped ones left out).
    pub rows: Vec<ParsedRow>,
    pub skipped: Vec<usize>,
}

/// Reads a batch's file, applies its fixed cells and column mapping, and leaves out the
/// rows the staff skipped.
pub fn prepare(batch: &Batch) -> Result<Prepared, FileError> {
    let lower = batch.file_name.to_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    let mut sheet = match ext {
        "csv" | "txt" => read_csv(&batch.file_data)?,
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(&batch.file_data)?,
        other => return Err(FileError::UnknownFormat(other.to_owned())),
    };
    let fixes = batch.fixes();
    for row in &mut sheet.rows {
        for (col, value) in fixes.get(&row.line).into_iter().flatten() {
            if row.cells.len() <= *col {
                row.cells.resize(col + 1, String::new());
            }
            row.cells[*col] = value.clone();
        }
    }
    let mut layout = sheet.layout().ok_or(FileError::NoNameColumn)?;
    if let Some(uses) = batch.mapping().filter(|m| m.len() == layout.uses.len()) {
        layout.uses = uses;
    }
    let skipped = batch.skipped();
    let rows = parsed_rows(&sheet, &layout)
        .into_iter()
        .filter(|r| !skipped.contains(&r.row))
        .collect();
    Ok(Prepared {
        sheet,
        layout,
        rows,
        skipped,
    })
}
