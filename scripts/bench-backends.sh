#!/usr/bin/env bash
# The same generated organizations on SQLite and on PostgreSQL (a throwaway cluster with
# PostgreSQL's own durability settings): import into an empty database, the search index
# rebuild, and page throughput with wrk beside the server (2 threads, 8 connections, 10 s)
# for an organization page and a search page, with the server's RSS after the load: once
# with the page cache (the same page again and again) and once without it (a random
# organization per request; the search page rendered every time).
# Needs the release build. Prints one line per figure; quoted in docs/BENCHMARKS.md.
#   scripts/bench-backends.sh [COUNT]   (default 100000)
#   PAGES_ONLY=1 BACKENDS=sqlite scripts/bench-backends.sh   (pages of the last import only)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-100000}
bin=target/release/server
dir=target/bench-backends
mkdir -p "$dir"
orgs=$dir/orgs-$COUNT.jsonl
[ -f "$orgs" ] || "$bin" generate --count "$COUNT" --out "$orgs" 2>/dev/null

measure() { # name, then env assignments for the server
  local name=$1; shift
  local data=$dir/$name
  if [ -z "${PAGES_ONLY:-}" ]; then
    rm -rf "$data"
    /usr/bin/time -f "$name import $COUNT: %e s, peak RSS %M KB" \
      env "$@" "$bin" --data-dir "$data" import "$orgs" >/dev/null
    /usr/bin/time -o "$dir/time.txt" -f "$name index rebuild: %e s, peak RSS %M KB" \
      env "$@" "$bin" --data-dir "$data" reindex >/dev/null 2>&1
    cat "$dir/time.txt"
  fi
  # The page cache on (repeated pages come from memory), then off (every page rendered).
  serve "$name" "$data" 32 "$@"
  load "$name cached" "/org/$((COUNT / 2))"
  load "$name cached" "/?q=%D0%BF%D0%BE%D0%BC%D0%BE%D1%89%D1%8C"
  stop_server "$name cached"
  serve "$name" "$data" 0 "$@"
  load "$name uncached" "/org/random" -s scripts/wrk/random-org.lua
  load "$name uncached" "/?q=%D0%BF%D0%BE%D0%BC%D0%BE%D1%89%D1%8C"
  stop_server "$name uncached"
}

serve() { # name, data dir, page cache MB, then env assignments
  local name=$1 data=$2 mb=$3; shift 3
  env "$@" POPUTCHIKI_ADDR=127.0.0.1:3199 POPUTCHIKI_DATA_DIR="$data" RUST_LOG=error \
    POPUTCHIKI_PAGE_CACHE_MB="$mb" LEPTOS_SITE_ROOT=target/site "$bin" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do curl -fsS http://127.0.0.1:3199/healthz >/dev/null 2>&1 && break; sleep 0.2; done
}

load() { # label, path, extra wrk arguments (a script)
  local label=$1 path=$2; shift 2
  COUNT=$COUNT wrk -t2 -c8 -d10s --latency "$@" "http://127.0.0.1:3199${path/random/1}" >"$dir/wrk.txt"
  echo "$label GET $path: $(grep Requests/sec "$dir/wrk.txt" | awk '{print $2}') requests/s," \
    "p50 $(awk '$1=="50%"{print $2}' "$dir/wrk.txt"), p99 $(awk '$1=="99%"{print $2}' "$dir/wrk.txt")," \
    "errors $(grep -Eo 'Non-2xx or 3xx responses: [0-9]+' "$dir/wrk.txt" | grep -Eo '[0-9]+' || echo 0)"
}

stop_server() {
  echo "$1 server RSS after the load: $(($(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1024)) MB," \
    "peak $(($(awk '/VmHWM/{print $2}' /proc/$pid/status) / 1024)) MB"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

measure sqlite POPUTCHIKI_DATABASE_URL=
[ "${BACKENDS:-sqlite postgres}" = sqlite ] && exit 0
url=$(PG_DURABLE=1 scripts/pg.sh start "$dir/pg")
trap 'scripts/pg.sh stop "$dir/pg"' EXIT
psql "$url" -qc "drop database if exists bench" -c "create database bench"
measure postgres POPUTCHIKI_DATABASE_URL="${url%/postgres}/bench"
