#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and for trying newstrace on PostgreSQL.
#
#   scripts/pg.sh start [DIR]   initdb a cluster in DIR (default: a new temp folder), start it
#                               on a unix socket in DIR (no TCP), print its URL on stdout
#   scripts/pg.sh stop DIR      stop the cluster in DIR and delete DIR
#   scripts/pg.sh url DIR       print the URL of the running cluster in DIR
#
# Uses Debian's postgresql package (scripts/setup.sh --dev installs it). PostgreSQL refuses
# to run as root: as root the cluster runs as the `postgres` system user (runuser). The
# cluster trusts local connections (it is reachable only through its socket, in a folder
# only its owner and root can enter) and is for tests and trials, not for data you keep.
set -euo pipefail

find_bin() {
  local b
  for b in /usr/lib/postgresql/*/bin; do
    [ -x "$b/initdb" ] && found="$b"
  done
  if [ -n "${found:-}" ]; then echo "$found"; return; fi
  if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; return; fi
  echo "pg.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  exit 2
}

as_owner() {  # run a command as the cluster's owner
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url_of() {
  local dir=$1 port user
  port=$(cat "$dir/port")
  user=$(cat "$dir/user")
  echo "postgresql://$user@/postgres?host=$dir/sock&port=$port"
}

cmd=${1:-}
case "$cmd" in
  start)
    BIN=$(find_bin)
    dir=${2:-$(mktemp -d "${TMPDIR:-/tmp}/newstrace-pg.XXXXXX")}
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    mkdir -p "$dir/sock"
    user=$(id -un)
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || { echo "pg.sh: running as root needs the postgres user" >&2; exit 2; }
      user=postgres
      chown postgres "$dir" "$dir/sock"
      chmod 700 "$dir"
      chmod 755 "$dir/sock"
    fi
    echo "$user" > "$dir/user"
    # a free port number names the socket file (nothing listens on TCP)
    port=$(( 20000 + RANDOM % 20000 ))
    echo "$port" > "$dir/port"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/user" "$dir/port"
    as_owner "$BIN/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir/sock' -p $port -c fsync=off \
          -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 \
          -c shared_buffers=128MB" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    url_of "$dir"
    ;;
  stop)
    dir=${2:?usage: pg.sh stop DIR}
    BIN=$(find_bin)
    if [ -d "$dir/data" ]; then
      as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  url)
    url_of "${2:?usage: pg.sh url DIR}"
    ;;
  *)
    echo "usage: scripts/pg.sh start [DIR] | stop DIR | url DIR" >&2
    exit 2
    ;;
esac
