#!/usr/bin/env bash
# The same generated organizations on SQLite and on PostgreSQL (a throwaway cluster with
# PostgreSQL's own durability settings): import into an empty database, the search index
# rebuild, and page throughput with wrk beside the server (2 threads, 8 connections, 10 s)
# for an organization page and a search page, with the server's RSS after the load.
# Needs the release build. Prints one line per figure; quoted in docs/BENCHMARKS.md.
#   scripts/bench-backends.sh [COUNT]   (default 100000)
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
  rm -rf "$data"
  /usr/bin/time -f "$name import $COUNT: %e s, peak RSS %M KB" \
    env "$@" "$bin" --data-dir "$data" import "$orgs" >/dev/null
  /usr/bin/time -o "$dir/time.txt" -f "$name index rebuild: %e s, peak RSS %M KB" \
    env "$@" "$bin" --data-dir "$data" reindex >/dev/null 2>&1
  cat "$dir/time.txt"
  env "$@" POPUTCHIKI_ADDR=127.0.0.1:3199 POPUTCHIKI_DATA_DIR="$data" RUST_LOG=error \
    LEPTOS_SITE_ROOT=target/site "$bin" >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 1 300); do curl -fsS http://127.0.0.1:3199/healthz >/dev/null 2>&1 && break; sleep 0.2; done
  local id=$((COUNT / 2))
  for path in "/org/$id" "/?q=%D0%BF%D0%BE%D0%BC%D0%BE%D1%89%D1%8C"; do
    wrk -t2 -c8 -d10s --latency "http://127.0.0.1:3199$path" >"$dir/wrk.txt"
    echo "$name GET $path: $(grep Requests/sec "$dir/wrk.txt" | awk '{print $2}') requests/s," \
      "p50 $(awk '$1=="50%"{print $2}' "$dir/wrk.txt"), p99 $(awk '$1=="99%"{print $2}' "$dir/wrk.txt")," \
      "errors $(grep -Eo 'Non-2xx or 3xx responses: [0-9]+' "$dir/wrk.txt" | grep -Eo '[0-9]+' || echo 0)"
  done
  echo "$name server RSS after the load: $(($(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1024)) MB," \
    "peak $(($(awk '/VmHWM/{print $2}' /proc/$pid/status) / 1024)) MB"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

measure sqlite POPUTCHIKI_DATABASE_URL=
url=$(PG_DURABLE=1 scripts/pg.sh start "$dir/pg")
trap 'scripts/pg.sh stop "$dir/pg"' EXIT
psql "$url" -qc "drop database if exists bench" -c "create database bench"
measure postgres POPUTCHIKI_DATABASE_URL="${url%/postgres}/bench"
