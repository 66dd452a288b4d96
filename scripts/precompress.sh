#!/usr/bin/env bash
# Writes the brotli (-q 11) and gzip (-9) twins of the built site's text and WASM files, so
# the server sends them precompressed (web::assets) instead of compressing on the fly at a
# low level. Run after every `cargo leptos build`; the run and test commands do. A twin is
# rewritten only when its file is newer. Usage: scripts/precompress.sh [SITE_DIR]
set -euo pipefail
site="${1:-target/site}"
command -v brotli >/dev/null || { echo "brotli missing: apt-get install brotli (setup.sh does)" >&2; exit 1; }
count=0
while IFS= read -r -d '' f; do
  if [ ! -f "$f.br" ] || [ "$f" -nt "$f.br" ]; then
    brotli -q 11 -f -k -o "$f.br" "$f"
    gzip -9 -n -c "$f" > "$f.gz"
    count=$((count + 1))
  fi
done < <(find "$site" -type f \( -name '*.js' -o -name '*.css' -o -name '*.wasm' -o -name '*.svg' \
  -o -name '*.json' -o -name '*.txt' -o -name '*.html' \) -print0)
echo "precompressed $count file(s) in $site"
