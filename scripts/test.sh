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

step "Build (server + WASM)"
cargo leptos build
./scripts/precompress.sh target/site

step "Unit, integration and HTTP tests"
# One test at a time: each #[tokio::test] has its own runtime, and Leptos's rendering can
# stall when another test's runtime shuts down beside it (a harness artifact: the server
# runs one runtime). Sequential runs cost about 20 s more and never stall.
cargo test --workspace --exclude frontend -- --test-threads=1

step "API fuzzing: schemathesis with the OpenAPI description"
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

step "Browser tests (headless Chromium), debug build"
rm -rf target/e2e-data
(cd tests/e2e && E2E_DATA_DIR="$PWD/../../target/e2e-data" npx playwright test)

# The run command serves a release build (LTO, wasm-opt): make sure it builds and hydrates.
step "Release build and browser tests against it"
unset RUSTFLAGS
cargo leptos build --release
./scripts/precompress.sh target/site
rm -rf target/e2e-data
(cd tests/e2e && E2E_DATA_DIR="$PWD/../../target/e2e-data" E2E_SERVER_BIN=../../target/release/server npx playwright test)

step "All checks passed"
