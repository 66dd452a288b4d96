#!/usr/bin/env bash
# Staff import at a real list's size: preview, import in one transaction, and the repeated
# import, for a generated 10,000-row CSV with Russian headers and for the .xlsx LibreOffice
# makes of it (skipped when soffice is missing). Prints one line per step; quoted in
# docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-10000}"
export RUSTFLAGS="--cfg erase_components"
cargo build --release -q -p poputchiki-core --features testing --example bench_import
BIN=target/release/examples/bench_import
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BIN" --write "$tmp/list-$COUNT.csv" "$COUNT"
/usr/bin/time -f "peak RSS %M KB" "$BIN" 0 "$tmp/list-$COUNT.csv"
if command -v soffice >/dev/null; then
  # Columns as text, except the ИНН as a number cell (as real lists have it): in an English
  # locale LibreOffice would read «55,4» as the number 554.
  soffice --headless --infilter="CSV:59,34,76,1,1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2/9/2/10/2/11/2/12/2/13/1/14/2" --convert-to xlsx --outdir "$tmp" "$tmp/list-$COUNT.csv" >/dev/null 2>&1
  /usr/bin/time -f "peak RSS %M KB" "$BIN" 0 "$tmp/list-$COUNT.xlsx"
fi
