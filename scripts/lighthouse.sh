#!/usr/bin/env bash
# Lighthouse 12 (npm, in Debian's Chromium) over every public page type of the release
# build with the Kurgan demo, under two profiles, printed as a Markdown table for
# docs/BENCHMARKS.md:
#   3g      — the village phone of issue 13: simulated 300 ms RTT, 700 kbps, 4x CPU slowdown;
#   mobile  — Lighthouse's default mobile profile (its scores are the ones budgeted).
# Needs `cargo leptos build --release && scripts/precompress.sh` first (or pass --build).
# Installs Lighthouse into target/lighthouse on first use (from the npm registry).
# Usage: ./scripts/lighthouse.sh [--build] [--runs N]   (N runs per page, median kept; 1)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
LIGHTHOUSE_VERSION=12.8.2
runs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --build) RUSTFLAGS="--cfg erase_components" LEPTOS_OUTPUT_NAME=poputchiki cargo leptos build --release
             ./scripts/precompress.sh target/site ;;
    --runs) runs=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -x target/release/server ] && [ -f target/site/pkg/poputchiki.wasm.br ] || {
  echo "no release build: run with --build (or cargo leptos build --release && scripts/precompress.sh)" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "chromium missing: run scripts/setup.sh" >&2; exit 1; }

lh=target/lighthouse
if [ "$(node -p "try{require('./$lh/node_modules/lighthouse/package.json').version}catch(e){''}")" != "$LIGHTHOUSE_VERSION" ]; then
  echo "installing lighthouse@$LIGHTHOUSE_VERSION into $lh" >&2
  mkdir -p "$lh"
  npm install --silent --no-audit --no-fund --prefix "$lh" "lighthouse@$LIGHTHOUSE_VERSION" >&2
fi

work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
port=3198
base="http://127.0.0.1:$port"
POPUTCHIKI_ADDR=127.0.0.1:$port POPUTCHIKI_PUBLIC_URL=$base POPUTCHIKI_DATA_DIR="$work/data" POPUTCHIKI_DEMO=1 \
  LEPTOS_SITE_ROOT=target/site target/release/server >"$work/server.log" 2>&1 &
for _ in $(seq 150); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done
curl -sf "$base/healthz" >/dev/null || { echo "server did not start:" >&2; tail "$work/server.log" >&2; exit 1; }

org=$(curl -s "$base/api/v1/search?per_page=1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items[0].url))')
okrug=$(curl -s "$base/okrug" | grep -o 'href="/okrug/[a-z0-9-]*"' | head -1 | sed 's/.*\/okrug\/\([^"]*\)"/\1/')
pages=(
  "home|/"
  "home, query «пожилым»|/?q=%D0%BF%D0%BE%D0%B6%D0%B8%D0%BB%D1%8B%D0%BC"
  "organization|$org"
  "okrug list|/okrug"
  "okrug page|/okrug/$okrug"
  "map opened|/?map=1"
  "login|/login"
)
flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic --no-first-run \
--disable-background-networking --disable-component-update --disable-sync"

lighthouse_once() {
  local path=$1 out=$2; shift 2
  CHROME_PATH=/usr/bin/chromium "$lh/node_modules/.bin/lighthouse" "$base$path" --quiet \
    --chrome-flags="$flags --user-data-dir=$work/profile-$RANDOM" \
    --only-categories=performance,accessibility,best-practices,seo \
    --output=json --output-path="$out" "$@" >/dev/null 2>"$work/lh.log"
}

# run LABEL PATH PROFILE → prints "lcp_ms perf a11y bp seo" (median LCP of $runs runs)
run() {
  local path=$1 profile=$2 extra=() i
  if [ "$profile" = 3g ]; then
    extra=(--throttling-method=simulate --throttling.rttMs=300 --throttling.throughputKbps=700
           --throttling.cpuSlowdownMultiplier=4)
  fi
  for i in $(seq "$runs"); do
    # Lighthouse sometimes fails to record a trace (NO_NAVSTART): one more try.
    lighthouse_once "$path" "$work/r$i.json" "${extra[@]}" || lighthouse_once "$path" "$work/r$i.json" "${extra[@]}" || {
      echo "lighthouse failed twice on $path:" >&2; tail -5 "$work/lh.log" >&2; return 1; }
  done
  node -e '
    const fs = require("fs");
    const rs = process.argv.slice(1).map(f => JSON.parse(fs.readFileSync(f, "utf8")));
    rs.sort((a, b) => a.audits["largest-contentful-paint"].numericValue - b.audits["largest-contentful-paint"].numericValue);
    const r = rs[Math.floor(rs.length / 2)], c = r.categories, s = k => Math.round(c[k].score * 100);
    const failing = Object.values(r.audits).filter(a => a.score !== null && a.score < 1 &&
      a.scoreDisplayMode === "binary").map(a => a.id);
    console.log([Math.round(r.audits["largest-contentful-paint"].numericValue), s("performance"),
      s("accessibility"), s("best-practices"), s("seo"), failing.join(",") || "-"].join(" "));
  ' $(seq -f "$work/r%g.json" "$runs")
}

echo "| page | profile | LCP | performance | accessibility | best practices | SEO | failing audits |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
status=0
for entry in "${pages[@]}"; do
  label=${entry%%|*} path=${entry#*|}
  for profile in 3g mobile; do
    read -r lcp perf a11y bp seo failing < <(run "$path" "$profile") || { status=1; continue; }
    printf '| %s (`%s`) | %s | %.1f s | %s | %s | %s | %s | %s |\n' "$label" "$path" "$profile" \
      "$(echo "$lcp / 1000" | bc -l)" "$perf" "$a11y" "$bp" "$seo" "$failing"
  done
done
exit $status
