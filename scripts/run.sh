#!/usr/bin/env bash
# Installs what is missing, builds Poputchiki in release mode and serves it with the Kurgan
# demo data on embedded SQLite (./data) at http://127.0.0.1:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"   # npm binaryen's wasm-opt
export POPUTCHIKI_DEMO="${POPUTCHIKI_DEMO:-1}"
export POPUTCHIKI_ADDR="${POPUTCHIKI_ADDR:-127.0.0.1:3000}"
echo "Poputchiki will be at http://${POPUTCHIKI_ADDR} once the build finishes."
cargo leptos build --release
./scripts/precompress.sh target/site
exec target/release/server
