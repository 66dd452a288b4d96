#!/usr/bin/env bash
# Measures the figures quoted in docs/BENCHMARKS.md and prints them as Markdown rows.
# Needs the tools from scripts/setup.sh. Takes a few minutes (a release build and a
# 100,000-organization import). Usage: ./scripts/bench.sh [--skip-release]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
command -v brotli >/dev/null || { echo "brotli CLI missing: apt-get install brotli" >&2; exit 1; }
skip_release=${1:-}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
row() { printf '| %s | %s | `%s` |\n' "$1" "$2" "$3"; }
# measure LABEL SHOWN-COMMAND CMD...: times CMD and prints a row; stops the script if CMD fails.
measure() {
  local label=$1 shown=$2; shift 2
  local t; t=$(secs "$@") || exit 1
  row "$label" "$t" "$shown"
}
# Times a command; a failing command stops the script (its output is kept in $work/last.log).
secs() {
  local s; s=$(date +%s.%N)
  "$@" >"$work/last.log" 2>&1 || { echo "FAILED: $*" >&2; tail -20 "$work/last.log" >&2; exit 1; }
  echo "$(date +%s.%N) - $s" | bc | xargs printf '%.1f s'
}
sizes() { # raw / gzip -9 / brotli -q 11 of a file, in KiB
  printf '%.0f KiB / %.0f KiB / %.0f KiB' "$(echo "$(stat -c%s "$1")/1024" | bc -l)" \
    "$(echo "$(gzip -9c "$1" | wc -c)/1024" | bc -l)" "$(echo "$(brotli -q 11 -c "$1" | wc -c)/1024" | bc -l)"; }

echo "| measure | result | command |"
echo "| --- | --- | --- |"
cargo leptos build >/dev/null 2>&1
touch app/src/ui/parts.rs
measure "incremental debug build after touching one component (server + WASM)" "touch app/src/ui/parts.rs && cargo leptos build" cargo leptos build
row ".wasm debug: raw / gzip / brotli" "$(sizes target/site/pkg/poputchiki.wasm)" "cargo leptos build"
if [ "$skip_release" != "--skip-release" ]; then
  measure "release build from the current state (server + WASM + wasm-opt)" "cargo leptos build --release" cargo leptos build --release
  touch app/src/ui/parts.rs
  measure "incremental release build after touching one component" "touch app/src/ui/parts.rs && cargo leptos build --release" cargo leptos build --release
  row ".wasm release (opt-level z, LTO, wasm-opt -Oz): raw / gzip / brotli" "$(sizes target/site/pkg/poputchiki.wasm)" "cargo leptos build --release"
  row ".js glue release: raw / gzip / brotli" "$(sizes target/site/pkg/poputchiki.js)" "cargo leptos build --release"
  bin=target/release/server
else
  bin=target/debug/server
fi

# Import timings on fresh databases, with the binary just built.
measure "import the 300 demo organizations (fresh database)" \
  "$bin --data-dir DIR import seed/regions/kurgan/demo-organizations.jsonl" \
  "$bin" --data-dir "$work/d300" import seed/regions/kurgan/demo-organizations.jsonl
"$bin" --data-dir "$work/gen" generate --count 100000 --seed 1 --out "$work/orgs-100k.jsonl" 2>/dev/null
measure "generate 100,000 synthetic organizations ($(du -m "$work/orgs-100k.jsonl" | cut -f1) MB JSONL)" \
  "$bin generate --count 100000 --seed 1 --out FILE" \
  "$bin" --data-dir "$work/gen2" generate --count 100000 --seed 1 --out "$work/gen2.jsonl"
measure "import 100,000 organizations (fresh database, one transaction)" \
  "$bin --data-dir DIR import orgs-100k.jsonl" \
  "$bin" --data-dir "$work/d100k" import "$work/orgs-100k.jsonl"

# The home page as a phone receives it: HTML + CSS, gzip-compressed by the server.
port=3199
POPUTCHIKI_ADDR=127.0.0.1:$port POPUTCHIKI_DATA_DIR="$work/d300" LEPTOS_SITE_ROOT=target/site "$bin" >/dev/null 2>&1 &
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
html=$(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port/")
css=$(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port/pkg/poputchiki.css")
raw=$(curl -s -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port/")
row "home page HTML gzip (uncompressed)" "$((html / 1024)) KiB ($((raw / 1024)) KiB)" "curl -H 'Accept-Encoding: gzip' http://127.0.0.1:$port/"
row "home page HTML + CSS, gzip" "$(((html + css) / 1024)) KiB" "curl -H 'Accept-Encoding: gzip' / and /pkg/poputchiki.css"
t=$( { for _ in $(seq 20); do curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port/"; done; } | sort -n | awk '{a[NR]=$1} END {printf "median %.1f ms, max %.1f ms", a[int(NR/2)+1]*1000, a[NR]*1000}')
row "home page server response time, 20 sequential requests ($(basename "$(dirname "$bin")") build, 300 orgs)" "$t" "curl -w '%{time_total}' http://127.0.0.1:$port/"

# Lighthouse over every public page type (needs the release build and its precompressed twins).
if [ "$skip_release" != "--skip-release" ]; then
  ./scripts/precompress.sh target/site >/dev/null
  echo
  ./scripts/lighthouse.sh
fi
