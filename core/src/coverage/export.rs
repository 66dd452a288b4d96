//! The coverage matrix as files for staff: CSV (UTF-8 with a byte-order mark, so Excel
//! shows Cyrillic; comma-separated, RFC 4180) and a formatted Excel workbook (header and
//! totals in bold, white spots shaded, frozen header, A4 landscape on one page wide).

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::Coverage;
use crate::i18n::I18n;

/// The header row: okrug, one label per column, the okrug's total.
fn header(c: &Coverage, i18n: &I18n) -> Vec<String> {
    let mut h = vec![i18n.t("coverage-okrug")];
    h.extend(c.columns.iter().map(|col| col.label.clone()));
    h.push(i18n.t("coverage-total"));
    h
}

/// The last row: the region's totals per column and overall.
fn totals(c: &Coverage) -> Vec<u64> {
    let mut t: Vec<u64> = c.columns.iter().map(|col| col.total).collect();
    t.push(c.total);
    t
}

pub fn to_csv(c: &Coverage, i18n: &I18n) -> anyhow::Result<Vec<u8>> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(header(c, i18n))?;
        for row in &c.rows {
            let mut r = vec![row.name.clone()];
            r.extend(row.cells.iter().map(u64::to_string));
            r.push(row.total.to_string());
            w.write_record(r)?;
        }
        let mut last = vec![i18n.t("coverage-region-total")];
        last.extend(totals(c).iter().map(u64::to_string));
        w.write_record(last)?;
        w.flush()?;
    }
    Ok(out)
}

/// The coverage workbook: its title, and zero cells shaded as white spots.
pub fn to_xlsx(c: &Coverage, i18n: &I18n, date: &str) -> Result<Vec<u8>, XlsxError> {
    let legend = i18n.t("coverage-spot-legend");
    to_xlsx_with(c, i18n, date, &c.title(i18n), Some(&legend))
}

/// A workbook of any okrug × column count matrix in the coverage shape (the needs
/// summary is one): `title` on top; with a `spots` legend, zero cells are shaded.
pub fn to_xlsx_with(
    c: &Coverage,
    i18n: &I18n,
    date: &str,
    title: &str,
    spots: Option<&str>,
) -> Result<Vec<u8>, XlsxError> {
    let cell = Format::new().set_border(FormatBorder::Thin);
    let head = cell
        .clone()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xE3ECE5));
    let spot = cell.clone().set_background_color(Color::RGB(0xFAD7C8));
    let total = cell
        .clone()
        .set_bold()
        .set_background_color(Color::RGB(0xF2F2F2));
    let name = cell.clone().set_text_wrap();

    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(i18n.t("coverage-sheet"))?;
    let width = c.columns.len() as u16 + 2;
    sheet.merge_range(
        0,
        0,
        0,
        width - 1,
        &format!("{title} · {date}"),
        &Format::new().set_bold().set_font_size(13),
    )?;
    if let Some(legend) = spots {
        sheet.write_string_with_format(1, 0, legend, &spot)?;
    }
    let top = 3;
    for (col, text) in header(c, i18n).iter().enumerate() {
        sheet.write_string_with_format(top, col as u16, text, &head)?;
    }
    sheet.set_row_height(top, 90)?;
    for (i, row) in c.rows.iter().enumerate() {
        let r = top + 1 + i as u32;
        sheet.write_string_with_format(r, 0, &row.name, &name)?;
        for (j, &n) in row.cells.iter().enumerate() {
            let format = if n == 0 && spots.is_some() {
                &spot
            } else {
                &cell
            };
            sheet.write_number_with_format(r, 1 + j as u16, n as f64, format)?;
        }
        sheet.write_number_with_format(r, width - 1, row.total as f64, &total)?;
    }
    let last = top + 1 + c.rows.len() as u32;
    sheet.write_string_with_format(last, 0, i18n.t("coverage-region-total"), &total)?;
    for (j, n) in totals(c).into_iter().enumerate() {
        sheet.write_number_with_format(last, 1 + j as u16, n as f64, &total)?;
    }
    sheet.set_column_width(0, 24)?;
    for col in 1..width {
        sheet.set_column_width(col, 11)?;
    }
    sheet.set_freeze_panes(top + 1, 1)?;
    sheet.set_landscape();
    // 9 = A4.
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(top, top)?;
    book.save_to_buffer()
}
