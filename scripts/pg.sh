#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, benchmarks and scripts/cluster.sh: Debian's
# `postgresql` binaries (installed if missing), initdb + pg_ctl in a directory under
# target/, listening on a free loopback port, trust authentication for loopback only (no
# password anywhere). No system service is started or touched.
#   scripts/pg.sh start DIR   prints the postgres:// URL on stdout (idempotent)
#   scripts/pg.sh stop DIR    stops the cluster and deletes DIR
set -euo pipefail
cmd=${1:?start|stop}
dir=$(mkdir -p "${2:?directory}" && cd "$2" && pwd)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root to run: $*" >&2; exit 1; fi
}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ]; then
  echo "==> Installing Debian's postgresql" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
# PostgreSQL refuses to run as root: then the cluster belongs to the `postgres` user the
# Debian package creates.
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
start)
  if [ -f "$dir/port" ] && run "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    echo "postgres://postgres@127.0.0.1:$(cat "$dir/port")/postgres"
    exit 0
  fi
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$dir"
    # Every directory above must be passable for the postgres user.
    p=$dir; while [ "$p" != / ]; do p=$(dirname "$p"); chmod o+x "$p" 2>/dev/null || true; done
  fi
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    run "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  # Durability is not wanted from a throwaway test cluster: no fsync makes schema-per-test
  # fast. Benchmarks set PG_DURABLE=1 to measure with PostgreSQL's own defaults.
  durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${PG_DURABLE:-0}" = 1 ] && durability=""
  run "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start -o \
    "-p $port -k $dir -c listen_addresses=127.0.0.1 $durability \
     -c max_connections=300 -c shared_buffers=128MB" >/dev/null \
    || { cat "$dir/log" >&2; exit 1; }
  echo "$port" >"$dir/port"
  echo "postgres://postgres@127.0.0.1:$port/postgres"
  ;;
stop)
  if [ -f "$dir/data/PG_VERSION" ]; then
    run "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
