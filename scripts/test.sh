#!/usr/bin/env bash
# Installs what is missing, then runs every check: formatting, clippy, unit, integration
# and HTTP tests, and the browser tests in headless Chromium. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# The same flags cargo-leptos uses for debug builds, so tests reuse its compiled crates.
export RUSTFLAGS="--cfg erase_components"
export LEPTOS_OUTPUT_NAME=poputchiki
step() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }

step "Formatting"
cargo fmt --all -- --check

step "Unit, integration and HTTP tests"
# One test at a time: each #[tokio::test] has its own runtime, and Leptos's rendering can
# stall when another test's runtime shuts down beside it (a harness artifact: the server
# runs one runtime). Sequential runs cost about 20 s more and never stall.
cargo test --workspace --exclude frontend -- --test-threads=1

step "The same tests on PostgreSQL (a throwaway cluster), in the background until the browser tests"
# They run beside the API fuzzing, clippy and the release build, whose link steps leave a
# core idle; the browser tests, which time their waits, start only after they finished.
./scripts/test-postgres.sh >target/test-postgres.log 2>&1 &
postgres_tests=$!

step "API fuzzing: schemathesis with the OpenAPI description (debug server: overflow checks on)"
# Links the server binary from the crates the tests just compiled; the API needs no WASM.
cargo build -p server --bin server
./scripts/schemathesis.sh target/debug/server

step "Layering: the core crate and the command line build without Leptos, axum or hyper"
for crate in "poputchiki-core --features server" poputchiki-cli; do
  # shellcheck disable=SC2086 # the feature flag is meant to split into words
  if cargo tree -p $crate -e normal --prefix none | grep -E '^(leptos|axum|hyper|server_fn)[ _-]'; then
    echo "${crate%% *} must not depend on the web stack (see docs/ARCHITECTURE.md, The crates)" >&2
    exit 1
  fi
done
python3 scripts/module-cycles.py

step "Clippy"
cargo clippy --workspace --exclude frontend --all-targets -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

# The browser tests run against the release build, which is what the run command serves
# (wasm-opt, optimized server): one full run instead of a debug and a release one saves
# about five minutes of a cold run (the debug WASM build and the second browser run).
step "Release build and browser tests (headless Chromium) against it"
unset RUSTFLAGS
cargo leptos build --release
./scripts/precompress.sh target/site
step "PostgreSQL test results"
if wait "$postgres_tests"; then tail -n 1 target/test-postgres.log; else
  cat target/test-postgres.log; echo "tests failed on PostgreSQL" >&2; exit 1; fi
rm -rf target/e2e-data
(cd tests/e2e && E2E_DATA_DIR="$PWD/../../target/e2e-data" E2E_SERVER_BIN=../../target/release/server npx playwright test)

step "Cluster: PostgreSQL, two instances and nginx on loopback (scripts/cluster-test.py)"
# Edits reach every instance, failed logins count across them, and killing one under load
# leaves the site answering; it starts again and catches up.
python3 scripts/cluster-test.py

step "All checks passed"
