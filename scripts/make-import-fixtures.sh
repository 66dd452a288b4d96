#!/usr/bin/env bash
# Makes the workbook import fixtures (.xlsx, .xls) from the messy CSV with LibreOffice, as a
# person saving the list from a spreadsheet program would. Run after changing the CSV and
# commit the results; the tests read the committed files (LibreOffice is not needed to test).
set -euo pipefail
cd "$(dirname "$0")/../tests/fixtures/import"
command -v soffice >/dev/null || { echo "needs Debian's libreoffice-calc" >&2; exit 1; }
# `;`-separated UTF-8; the number and coordinate columns (1, 7, 8, 15, 16) as "standard", so
# ИНН and ОГРН become number cells as in a real list; «Дата проверки» (19) as a day-month-year
# date, so the dates it understands become date cells; the rest as text.
cols="1/1/2/2/3/2/4/2/5/2/6/2/7/1/8/1/9/2/10/2/11/2/12/2/13/2/14/2/15/1/16/1/17/2/18/2/19/4"
filter="CSV:59,34,76,1,$cols"
out=$(mktemp -d)
soffice --headless --infilter="$filter" --convert-to xlsx --outdir "$out" messy-kurgan.csv >/dev/null
soffice --headless --infilter="$filter" --convert-to "xls:MS Excel 97" --outdir "$out" messy-kurgan.csv >/dev/null
cp "$out/messy-kurgan.xlsx" "$out/messy-kurgan.xls" .
rm -rf "$out"
ls -l messy-kurgan.xlsx messy-kurgan.xls
