//! What the staff import pages show (`/staff/import`): the upload page with recent lists,
//! the preview of one list (columns mapped to fields, every row's status with its reasons
//! next to the cells) and the result of its import. Plain types, shared by the server and
//! the browser build; `staff_import::preview` fills them.

use serde::{Deserialize, Serialize};

/// The upload page: recent lists of the region.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportHome {
    pub region: String,
    pub batches: Vec<BatchSummary>,
    /// A message about the last upload that failed (no header found, unknown format).
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchSummary {
    pub url: String,
    pub file_name: String,
    pub status: String,
    pub created: String,
}

/// One list between upload and import, or after it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub id: i64,
    pub url: String,
    pub file_name: String,
    pub sheet: Option<String>,
    /// draft | running | done
    pub status: String,
    /// Rows stored so far and of how many, while running (known to the instance running it).
    pub progress: Option<(usize, usize)>,
    pub counts: PreviewCounts,
    /// The header row's number in the spreadsheet.
    pub header_row: usize,
    pub columns: Vec<ColumnView>,
    /// (value, label) of the mapping selects: every field, "№" and "не загружать".
    pub field_options: Vec<(String, String)>,
    pub ignored_columns: Vec<String>,
    pub rows: Vec<RowView>,
    /// "problems" (refused, warnings, repeats) or "all".
    pub show: String,
    pub page: usize,
    pub pages: usize,
    /// A file that could not be read: the reason, and nothing else is shown.
    pub error: Option<String>,
    pub outcome: Option<ResultView>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewCounts {
    pub rows: usize,
    pub new: usize,
    pub update: usize,
    pub unchanged: usize,
    pub duplicate: usize,
    pub refused: usize,
    pub skipped: usize,
    pub with_warnings: usize,
    /// Rows without coordinates, placed at their okrug's centre («примерно»).
    pub approximate: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnView {
    pub index: usize,
    pub header: String,
    /// The select's value: a field name, "number" or "ignored".
    pub value: String,
}

/// One data row of the list and what importing it would do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowView {
    pub line: usize,
    /// new | update | unchanged | duplicate | refused | skipped
    pub status: String,
    pub status_label: String,
    /// The stored organization this row updates or repeats.
    pub org_url: Option<String>,
    pub cells: Vec<CellView>,
    /// Messages not tied to a column (a repeat of another row).
    pub notes: Vec<String>,
    /// No coordinates: the point will be the okrug's centre, shown as approximate.
    pub approximate: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CellView {
    pub column: usize,
    pub value: String,
    /// Why the cell refuses the row, or what was dropped from it.
    pub message: Option<String>,
    /// "error", "warning" or "".
    pub severity: String,
    pub fixed: bool,
}

/// The import's result.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ResultView {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub duplicates: usize,
    pub refused: usize,
    pub seconds: String,
    pub added: Vec<ResultLine>,
    pub changed: Vec<ResultLine>,
    pub skipped: Vec<ResultLine>,
    /// Imported organizations that nobody edits yet: staff can invite their leaders.
    pub without_editor: Vec<NoEditor>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultLine {
    pub line: usize,
    pub name: String,
    pub url: Option<String>,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoEditor {
    pub id: i64,
    pub name: String,
    pub url: String,
    /// The organization's public email, offered as the invitation's address.
    pub email: String,
}

/// Invitation links made in bulk from a result page, shown once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitedLine {
    pub name: String,
    pub email: String,
    pub link: String,
    pub mailed: bool,
}
