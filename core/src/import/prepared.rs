//! An uploaded list read with the staff's changes applied: its fixed cells, its column
//! mapping and without the rows they skipped. The preview and the import both start here.

use super::batch::Batch;
use super::columns::Layout;
use super::sheet::{read_sheet, Sheet};
use super::{parsed_rows, FileError, ParsedRow};

/// A batch's file read with the staff's changes applied.
pub struct Prepared {
    pub sheet: Sheet,
    pub layout: Layout,
    /// The data rows to import (the skipped ones left out).
    pub rows: Vec<ParsedRow>,
    pub skipped: Vec<usize>,
}

/// The header of a list, or why it has none: what an upload must pass, and what the
/// mapping form needs (the number of columns).
pub fn layout_of(file_name: &str, bytes: &[u8]) -> Result<Layout, FileError> {
    read_sheet(file_name, bytes)?
        .layout()
        .ok_or(FileError::NoNameColumn)
}

/// Reads a batch's file, applies its fixed cells and column mapping, and leaves out the
/// rows the staff skipped.
pub fn prepare(batch: &Batch) -> Result<Prepared, FileError> {
    let mut sheet = read_sheet(&batch.file_name, &batch.file_data)?;
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
