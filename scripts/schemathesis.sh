#!/usr/bin/env bash
# Fuzzes the public API with its own OpenAPI description (docs/OPEN-DATA.md): starts the
# server on a fresh demo database, runs schemathesis (from .venv, scripts/validators.txt)
# against /api/v1/openapi.json and fails on any 5xx, undocumented status or content type,
# answer that does not match its schema, or bad parameters that are not refused.
# Usage: ./scripts/schemathesis.sh [SERVER_BINARY] (default target/debug/server).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/server}
port=${SCHEMATHESIS_PORT:-3217}
examples=${SCHEMATHESIS_EXAMPLES:-25}
work=$(mktemp -d)
POPUTCHIKI_DEMO=1 POPUTCHIKI_ADDR=127.0.0.1:$port POPUTCHIKI_DATA_DIR="$work/data" \
  POPUTCHIKI_PUBLIC_URL="http://127.0.0.1:$port" RUST_LOG=warn "$bin" >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
# One worker: the downloads' per-address limits are part of the contract (429s are
# documented), and a steady pace keeps the run comparable between machines.
status=0
.venv/bin/schemathesis run "http://127.0.0.1:$port/api/v1/openapi.json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection \
  --phases examples,coverage,fuzzing,stateful \
  --max-examples "$examples" --workers 1 --request-timeout 30 \
  --generation-deterministic --suppress-health-check too_slow,filter_too_much \
  --no-color || status=$?
if grep -q "panicked" "$work/server.log"; then
  echo "The server panicked during the run:" >&2
  grep -A5 "panicked" "$work/server.log" >&2
  status=1
fi
exit $status
