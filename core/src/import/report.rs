//! What an import did, row by row, in words for the person who prepared the file: what was
//! added, updated, left unchanged, skipped as a repeat, refused (with the reason next to the
//! column) and imported with a warning.

/// A problem or a note about one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub field: String,
    pub message: String,
}

/// What happened to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowOutcome {
    Created,
    Updated,
    /// The organization is already stored exactly so.
    Unchanged,
    /// The same organization as an earlier row of the file (same ИНН, ОГРН or name in the
    /// same okrug): skipped.
    Duplicate {
        of_row: usize,
    },
    Refused,
}

/// One row's result, with the organization it became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowResult {
    pub row: usize,
    pub name: String,
    pub outcome: RowOutcome,
    pub id: Option<i64>,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub duplicates: usize,
    pub rejected_rows: usize,
    pub errors: Vec<RowError>,
    /// Values dropped or fixed in rows that were imported.
    pub warnings: Vec<RowError>,
    /// Columns the file has that the importer does not know (ignored).
    pub unknown_columns: Vec<String>,
    pub dry_run: bool,
    /// Ids of organizations created or updated, for the search index.
    pub changed_ids: Vec<i64>,
    /// Every row's outcome, in file order.
    pub results: Vec<RowResult>,
}

impl ImportReport {
    /// Counts one row's outcome.
    pub(super) fn count(&mut self, result: RowResult) {
        match result.outcome {
            RowOutcome::Created => self.created += 1,
            RowOutcome::Updated => self.updated += 1,
            RowOutcome::Unchanged => self.unchanged += 1,
            RowOutcome::Duplicate { .. } => self.duplicates += 1,
            RowOutcome::Refused => self.rejected_rows += 1,
        }
        if let (Some(id), RowOutcome::Created | RowOutcome::Updated) = (result.id, result.outcome) {
            self.changed_ids.push(id);
        }
        self.results.push(result);
    }

    /// Whether the import changed nothing in the database (a repeated file).
    pub fn changed_nothing(&self) -> bool {
        self.created == 0 && self.updated == 0
    }

    /// The report as printed by `server import`, in Russian.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let verb = if self.dry_run {
            "Проверка без записи"
        } else {
            "Импорт"
        };
        out.push_str(&format!(
            "{verb}: строк {}, добавлено {}, обновлено {}, без изменений {}, повторов {}, отклонено {}\n",
            self.rows, self.created, self.updated, self.unchanged, self.duplicates, self.rejected_rows
        ));
        if self.rows > 0 && self.changed_nothing() && self.unchanged > 0 && !self.dry_run {
            out.push_str("Всё уже было загружено: база не изменилась.\n");
        }
        if !self.unknown_columns.is_empty() {
            out.push_str(&format!(
                "Столбцы не загружаются (не распознаны): {}\n",
                self.unknown_columns.join(", ")
            ));
        }
        for r in &self.results {
            if let RowOutcome::Duplicate { of_row } = r.outcome {
                out.push_str(&format!(
                    "  строка {}: повторяет строку {of_row}, пропущена\n",
                    r.row
                ));
            }
        }
        for (label, list) in [("отклонена", &self.errors), ("замечание", &self.warnings)]
        {
            for e in list {
                out.push_str(&format!(
                    "  строка {}, столбец {} ({label}): {}\n",
                    e.row, e.field, e.message
                ));
            }
        }
        out
    }
}
