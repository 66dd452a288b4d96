#!/usr/bin/env bash
# Poputchiki as a small cluster on this machine: a throwaway PostgreSQL (scripts/pg.sh), two
# instances of the release server on 127.0.0.1:3101 and :3102, each with its own search
# index and a shared uploads directory, and Debian's nginx on http://127.0.0.1:3080
# balancing them (deploy/nginx/proxy.inc). The Kurgan demo is loaded into the empty
# database by the first instance. For a person to try and for scripts/cluster-test.py.
#   scripts/cluster.sh          start, wait for Ctrl-C, stop
#   scripts/cluster.sh start    start in the background (prints the addresses)
#   scripts/cluster.sh stop     stop everything and delete target/cluster
#   scripts/cluster.sh restart-instance N   start instance N (1 or 2) again
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dir=$root/target/cluster
ports=(3101 3102)
front=3080
bin=${CLUSTER_SERVER_BIN:-$root/target/release/server}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root to run: $*" >&2; exit 1; fi
}

start_instance() {
  local n=$1 port=${ports[$(($1 - 1))]}
  mkdir -p "$dir/instance-$n"
  env POPUTCHIKI_DATABASE_URL="$(cat "$dir/database-url")" \
    POPUTCHIKI_ADDR="127.0.0.1:$port" \
    POPUTCHIKI_DATA_DIR="$dir/instance-$n" \
    POPUTCHIKI_UPLOADS_DIR="$dir/uploads" \
    POPUTCHIKI_PUBLIC_URL="http://127.0.0.1:$front" \
    POPUTCHIKI_BEHIND_PROXY=1 \
    POPUTCHIKI_DEMO="$([ "$n" = 1 ] && echo 1 || echo 0)" \
    LEPTOS_SITE_ROOT="$root/target/site" \
    RUST_LOG="${RUST_LOG:-warn}" \
    "$bin" >>"$dir/instance-$n.log" 2>&1 &
  echo $! >"$dir/instance-$n.pid"
  for _ in $(seq 1 300); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$(cat "$dir/instance-$n.pid")" 2>/dev/null; then
      cat "$dir/instance-$n.log" >&2; echo "instance $n did not start" >&2; exit 1
    fi
    sleep 0.2
  done
  echo "instance $n did not answer in 60 s" >&2; exit 1
}

start() {
  [ -x "$bin" ] || { echo "No release build at $bin: run cargo leptos build --release" >&2; exit 1; }
  if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    echo "==> Installing Debian's nginx" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx >&2
  fi
  stop_all quiet
  mkdir -p "$dir/uploads" "$dir/nginx/logs"
  scripts/pg.sh start "$dir/pg" >"$dir/database-url"
  start_instance 1
  start_instance 2
  # The loopback front: the production upstream and proxy settings, on port 3080.
  cat >"$dir/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/nginx/body;
  proxy_temp_path $dir/nginx/proxy;
  fastcgi_temp_path $dir/nginx/fastcgi;
  uwsgi_temp_path $dir/nginx/uwsgi;
  scgi_temp_path $dir/nginx/scgi;
  upstream poputchiki {
    least_conn;
    server 127.0.0.1:${ports[0]} max_fails=2 fail_timeout=5s;
    server 127.0.0.1:${ports[1]} max_fails=2 fail_timeout=5s;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$front;
    location / {
      include $root/deploy/nginx/proxy.inc;
    }
  }
}
CONF
  /usr/sbin/nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf"
  for _ in $(seq 1 50); do
    curl -fsS "http://127.0.0.1:$front/healthz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  echo "PostgreSQL: $(cat "$dir/database-url")"
  echo "Instances:  http://127.0.0.1:${ports[0]}  http://127.0.0.1:${ports[1]} (logs in $dir)"
  echo "Site:       http://127.0.0.1:$front"
}

stop_all() {
  if [ -f "$dir/nginx/nginx.pid" ]; then
    /usr/sbin/nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -s quit 2>/dev/null || true
  fi
  for n in 1 2; do
    if [ -f "$dir/instance-$n.pid" ]; then kill "$(cat "$dir/instance-$n.pid")" 2>/dev/null || true; fi
  done
  sleep 0.5
  scripts/pg.sh stop "$dir/pg"
  rm -rf "$dir"
  [ "${1:-}" = quiet ] || echo "Cluster stopped."
}

case "${1:-run}" in
  start) start ;;
  stop) stop_all ;;
  restart-instance) start_instance "${2:?1 or 2}" ;;
  run)
    start
    trap 'stop_all' INT TERM
    echo "Ctrl-C stops the cluster."
    while sleep 3600; do :; done
    ;;
  *) echo "usage: $0 [start|stop|restart-instance N]" >&2; exit 2 ;;
esac
