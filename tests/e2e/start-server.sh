#!/usr/bin/env sh
# Starts the server for the browser tests: first an administrator account (the browser tests
# log in with it), then the server itself with the demo data. Never a default password in the
# product: this one exists only in the throwaway test database.
set -e
BIN="${E2E_SERVER_BIN:-../../target/debug/server}"
POPUTCHIKI_ADMIN_PASSWORD="$E2E_ADMIN_PASSWORD" "$BIN" create-admin --email "$E2E_ADMIN_EMAIL" --name "Администратор"
exec "$BIN"
