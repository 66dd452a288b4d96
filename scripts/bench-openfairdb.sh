#!/usr/bin/env bash
# Side by side with OpenFairDB (the Karte von Morgen backend) on the same organizations
# (issue 17): two words inside a small map box, one client at a time and then eight, on
# both servers in turns. OpenFairDB is not part of this project: build it yourself from its
# repository (github.com/kartevonmorgen/openfairdb, `cargo +nightly build --release`, with
# its clearance app left out) and give the binary as OFDB_BIN.
#   OFDB_BIN=/path/to/openfairdb scripts/bench-openfairdb.sh [COUNT]   (default 10000)
# Our organizations are imported first; OpenFairDB gets each at the point our import gave
# it (rows without coordinates sit at their okrug's centre on both) through its own API
# (scripts/ofdb/load_ofdb.py), and is restarted so that it indexes them all at once.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-10000}
bin=${BIN:-target/release/server}
ofdb=${OFDB_BIN:?OFDB_BIN: the openfairdb binary}
dir=target/bench-openfairdb
orgs=target/bench-backends/orgs-$COUNT.jsonl
mkdir -p target/bench-backends
[ -f "$orgs" ] || "$bin" generate --count "$COUNT" --out "$orgs" 2>/dev/null
rm -rf "$dir" && mkdir -p "$dir/ours" "$dir/ofdb"
"$bin" --data-dir "$dir/ours" import "$orgs" >/dev/null
python3 - "$dir/ours/poputchiki.db" "$orgs" "$dir/placed.jsonl" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
at = {e: (lat, lon) for e, lat, lon in db.execute(
    "select c.value, o.lat, o.lon from organization o join contact c"
    " on c.organization_id = o.id where c.kind = 'email'")}
with open(sys.argv[2]) as src, open(sys.argv[3], "w") as out:
    for line in src:
        o = json.loads(line)
        if o["email"].lower() not in at:  # refused or a repeat: not in ours either
            continue
        o["lat"], o["lon"] = at[o["email"].lower()]
        out.write(json.dumps(o, ensure_ascii=False) + "\n")
PY

pids=()
trap 'kill "${pids[@]:-}" 2>/dev/null || true' EXIT
start_ofdb() {
  (cd "$dir/ofdb" && ROCKET_SECRET_KEY="$(openssl rand -base64 32)" ROCKET_ADDRESS=127.0.0.1 \
    ROCKET_PORT=6767 RUST_LOG=warn DATABASE_URL="$PWD/openfair.db" \
    exec "$ofdb" -c "$OLDPWD/scripts/ofdb/openfairdb.toml" >>server.log 2>&1) &
  ofdb_pid=$!
  pids+=("$ofdb_pid")
  for _ in $(seq 1 300); do curl -fs http://127.0.0.1:6767/api/server/version >/dev/null && return; sleep 0.2; done
  echo "OpenFairDB did not start; see $dir/ofdb/server.log" >&2; exit 1
}
start_ofdb
python3 scripts/ofdb/load_ofdb.py "$dir/placed.jsonl" http://127.0.0.1:6767 --threads 4 \
  --include-services | tail -3
kill "$ofdb_pid" 2>/dev/null || true; wait "$ofdb_pid" 2>/dev/null || true
start_ofdb
POPUTCHIKI_ADDR=127.0.0.1:3199 POPUTCHIKI_DATA_DIR="$dir/ours" RUST_LOG=error \
  LEPTOS_SITE_ROOT=target/site "$bin" >"$dir/ours.log" 2>&1 &
pids+=($!)
up=
for _ in $(seq 1 300); do curl -fs http://127.0.0.1:3199/healthz >/dev/null && up=1 && break; sleep 0.2; done
[ -n "$up" ] || { echo "our server did not start; see $dir/ours.log" >&2; exit 1; }

q='%D0%BF%D0%BE%D0%BC%D0%BE%D1%89%D1%8C%20%D0%BF%D0%BE%D0%B6%D0%B8%D0%BB%D1%8B%D0%BC' # помощь пожилым
ours="http://127.0.0.1:3199/api/v1/search?q=$q&bbox=65.28,55.40,65.40,55.48"
theirs="http://127.0.0.1:6767/api/search?text=$q&bbox=55.40,65.28,55.48,65.40" # lat first
echo "matches inside the box: ours $(curl -s "$ours" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')," \
  "OpenFairDB $(curl -s "$theirs&limit=2000" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["visible"]))')" \
  "(OpenFairDB matches any of the words, exactly; ours all of them, stemmed and typo-tolerant)"
run() { # label, url, wrk arguments
  local label=$1 url=$2; shift 2
  wrk "$@" -d8s --latency "$url" >"$dir/wrk.txt"
  echo "$label: $(grep Requests/sec "$dir/wrk.txt" | awk '{print $2}') requests/s," \
    "p50 $(awk '$1=="50%"{print $2}' "$dir/wrk.txt"), p99 $(awk '$1=="99%"{print $2}' "$dir/wrk.txt")"
}
for round in 1 2 3; do
  for n in 20 100; do
    run "round $round, one client, $n results: OpenFairDB" "$theirs&limit=$n" -t1 -c1
    run "round $round, one client, $n results: ours" "$ours&per_page=$n" -t1 -c1
  done
done
run "eight clients, 20 results: OpenFairDB" "$theirs&limit=20" -t2 -c8
run "eight clients, 20 results: ours" "$ours&per_page=20" -t2 -c8
