#!/usr/bin/env bash
# Fuzzing with cargo fuzz (libFuzzer + AddressSanitizer) on the parsers anyone can feed:
# search parameters and the query builder, import files, the organization validator and the
# gate's form parsing. Each target runs for BUDGET seconds (default 300) from its committed
# corpus in fuzz/corpus/, which grows with what the run finds; crashes land in
# fuzz/artifacts/<target>/ and each becomes a regression test. Prints the executions.
#
# cargo fuzz needs nightly-only flags (-Zsanitizer); this machine has stable only, so the
# build sets RUSTC_BOOTSTRAP=1, which lets stable rustc accept them. Run by hand, not in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET="${BUDGET:-300}"
TARGETS="${TARGETS:-search_params import_parse validate form_body}"
CARGO_FUZZ_VERSION=0.13.1
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi
export RUSTC_BOOTSTRAP=1
cd fuzz
for t in $TARGETS; do
  echo "== $t: building"
  cargo fuzz build "$t" >/dev/null
done
for t in $TARGETS; do
  echo "== $t: $BUDGET s"
  mkdir -p "corpus/$t" "artifacts/$t"
  log="target/fuzz-$t.log"
  status=0
  cargo fuzz run "$t" "corpus/$t" -- -max_total_time="$BUDGET" -max_len=65536 -rss_limit_mb=4096 \
    -print_final_stats=1 >"$log" 2>&1 || status=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{print $2}' | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  corpus=$(find "corpus/$t" -type f | wc -l)
  crashes=$(find "artifacts/$t" -type f | wc -l)
  echo "$t: executions ${execs:-?}, coverage ${cov:-?}, corpus $corpus files, crashes $crashes, exit $status"
done
