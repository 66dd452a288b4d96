#!/usr/bin/env bash
# One instance against two behind nginx (issue 17), on PostgreSQL with COUNT generated
# organizations: scripts/cluster.sh starts PostgreSQL, two release instances and nginx; the
# organizations are imported, both instances restart (and rebuild their search index); then
# wrk loads nginx with a random organization page per request and with the search page
# «помощь», first with both instances, then with instance 2 killed. wrk, nginx, PostgreSQL
# and the instances all share this machine's cores, which the figures must be read with.
#   scripts/bench-cluster.sh [COUNT]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-100000}
bin=${BIN:-target/release/server}
dir=target/bench-backends
orgs=$dir/orgs-$COUNT.jsonl
mkdir -p "$dir"
[ -f "$orgs" ] || "$bin" generate --count "$COUNT" --out "$orgs" 2>/dev/null
trap 'scripts/cluster.sh stop >/dev/null 2>&1 || true' EXIT
scripts/cluster.sh start >/dev/null
url=$(cat target/cluster/database-url)
/usr/bin/time -f "import $COUNT into the cluster's PostgreSQL: %e s" \
  env POPUTCHIKI_DATABASE_URL="$url" "$bin" --data-dir target/cluster/importer import "$orgs" >/dev/null
for n in 1 2; do
  kill "$(cat target/cluster/instance-$n.pid)"; sleep 1
  start=$(date +%s.%N)
  scripts/cluster.sh restart-instance "$n"
  echo "instance $n restarted with its index rebuilt: $(echo "$(date +%s.%N) - $start" | bc | xargs printf '%.1f') s"
done
load() { # label, path, extra wrk arguments
  local label=$1 path=$2; shift 2
  COUNT=$COUNT wrk -t2 -c16 -d15s --latency "$@" "http://127.0.0.1:3080${path/random/1}" >"$dir/wrk.txt"
  echo "$label GET $path: $(grep Requests/sec "$dir/wrk.txt" | awk '{print $2}') requests/s," \
    "p50 $(awk '$1=="50%"{print $2}' "$dir/wrk.txt"), p99 $(awk '$1=="99%"{print $2}' "$dir/wrk.txt")," \
    "errors $(grep -Eo 'Non-2xx or 3xx responses: [0-9]+' "$dir/wrk.txt" | grep -Eo '[0-9]+' || echo 0)"
}
for label in "two instances" "one instance"; do
  load "$label" "/org/random" -s scripts/wrk/random-org.lua
  load "$label" "/?q=%D0%BF%D0%BE%D0%BC%D0%BE%D1%89%D1%8C"
  if [ "$label" = "two instances" ]; then
    kill "$(cat target/cluster/instance-2.pid)"
    # nginx learns it is gone from failed attempts (max_fails=2); give it a few.
    for _ in $(seq 1 20); do curl -s -o /dev/null http://127.0.0.1:3080/healthz; done
  fi
done
