#!/usr/bin/env bash
# Runs the whole Rust test suite again with PostgreSQL as the database: a throwaway cluster
# (scripts/pg.sh) under target/, one schema per test, stopped and deleted at the end. The
# test binaries are the ones `cargo test` built (same crates, same flags); each runs from
# its package's directory, as cargo runs it. scripts/test.sh starts this beside the
# release build, which leaves a core idle for most of its time. Exits non-zero if a test
# fails.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/pg-test-run
scripts/pg.sh stop "$dir"
url=$(scripts/pg.sh start "$dir")
trap 'scripts/pg.sh stop "$dir"' EXIT
export POPUTCHIKI_TEST_POSTGRES=$url
echo "PostgreSQL for tests: $url ($(psql "$url" -Atc 'show server_version'))"

# (executable, package directory) of every test target, from cargo's own build plan.
cargo test --workspace --exclude frontend --no-run --message-format=json 2>/dev/null \
  | python3 -c '
import json, os, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("profile", {}).get("test") and m.get("executable"):
        print(m["executable"] + "\t" + os.path.dirname(m["manifest_path"]))
' >target/pg-test-bins.txt

failed=0
passed=0
while IFS=$'\t' read -r exe pkg; do
  name=$(basename "$exe")
  if out=$(cd "$pkg" && "$exe" --test-threads=1 2>&1); then
    n=$(grep -Eo 'test result: ok\. [0-9]+ passed' <<<"$out" | grep -Eo '[0-9]+' | head -1)
    passed=$((passed + ${n:-0}))
  else
    failed=$((failed + 1))
    echo "FAILED on PostgreSQL: $name"
    grep -E '^test .* FAILED$|panicked at|^---- ' <<<"$out" | head -40 || true
    grep -A15 '^failures:$' <<<"$out" | head -60 || true
  fi
done <target/pg-test-bins.txt
echo "PostgreSQL: $passed tests passed; $failed test binaries failed"
[ "$failed" = 0 ]
