#!/usr/bin/env bash
# Crash test: edits, proposals and an import run against the server while it is killed with
# SIGKILL at a random moment, ROUNDS times (default 20). After each kill the server is
# started again (start-up refreshes the search index where it differs from the database),
# stopped cleanly, and `server crash-check` proves that every write the server acknowledged
# (a 303 to the success page, or an import that exited 0) is in the database, that nothing
# is half-written (integrity check, foreign keys, every saved version has its revision),
# and that the search index holds the same ids at the same versions as the database.
#
# Usage: scripts/crash-test.sh            (release server if built, else debug)
#        ROUNDS=5 SERVER_BIN=target/debug/server scripts/crash-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS="${ROUNDS:-20}"
BIN="${SERVER_BIN:-target/release/server}"
[ -x "$BIN" ] || BIN=target/debug/server
WORK="${WORK:-target/crash-test}"
PORT="${PORT:-3217}"
rm -rf "$WORK" && mkdir -p "$WORK"
export POPUTCHIKI_DATA_DIR="$WORK/data" POPUTCHIKI_SEED_DIR=seed/regions POPUTCHIKI_ADDR="127.0.0.1:$PORT"
export LEPTOS_SITE_ROOT=target/site RUST_LOG="${RUST_LOG:-warn}"
LOG="$WORK/acked.log"
REPORT="$WORK/report.txt"
touch "$LOG"

wait_up() {
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the server did not come up" >&2; return 1
}

start_server() { "$BIN" >>"$WORK/server.log" 2>&1 & SERVER=$!; wait_up; }
stop_server() { kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }

echo "== setup: demo data, the load account ($BIN)"
POPUTCHIKI_DEMO=1 start_server
stop_server
"$BIN" load-setup --orgs 40 >/dev/null

failures=0
for round in $(seq 1 "$ROUNDS"); do
  # Fresh organizations for this round's import: unique names, no ИНН (so nothing matches).
  file="$WORK/import-$round.jsonl"
  "$BIN" generate --count "${IMPORT_COUNT:-5000}" --seed "$((1000 + round))" 2>/dev/null \
    | sed -E "s/\"name\":\"([^\"]*)\"/\"name\":\"\\1 · импорт $round\"/; s/\"inn\":\"[0-9]*\"/\"inn\":\"\"/; s/\"ogrn\":\"[0-9]*\"/\"ogrn\":\"\"/" >"$file"
  start_server
  "$BIN" crash-load --target "127.0.0.1:$PORT" --log "$LOG" --workers 4 >>"$WORK/load.log" 2>&1 & LOAD=$!
  IMPORT=""
  if [ $((round % 2)) -eq 0 ]; then
    ( "$BIN" import "$file" >>"$WORK/import.log" 2>&1 && printf 'import\t%s\n' "$file" >>"$LOG" ) & IMPORT=$!
  fi
  sleep "$(awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.2f", 1 + rand() * 5 }')"
  kill -KILL "$SERVER" 2>/dev/null || true
  [ -n "$IMPORT" ] && { pkill -KILL -P "$IMPORT" 2>/dev/null || true; kill -KILL "$IMPORT" 2>/dev/null || true; }
  kill -KILL "$LOAD" 2>/dev/null || true
  wait 2>/dev/null || true
  start_server
  sleep 2
  stop_server
  if "$BIN" crash-check --log "$LOG" >"$WORK/check-$round.txt" 2>&1; then
    echo "round $round: ok — $(head -1 "$WORK/check-$round.txt")" | tee -a "$REPORT"
  else
    failures=$((failures + 1))
    echo "round $round: FAILED — $(cat "$WORK/check-$round.txt")" | tee -a "$REPORT"
  fi
done

edits=$(grep -c '^edit' "$LOG" || true)
proposals=$(grep -c '^proposal' "$LOG" || true)
imports=$(grep -c '^import' "$LOG" || true)
echo
echo "rounds: $ROUNDS; failed rounds: $failures"
echo "acknowledged writes checked after the last round: $edits edits, $proposals proposals, $imports imports (of $((ROUNDS / 2)) started)"
[ "$failures" -eq 0 ]
