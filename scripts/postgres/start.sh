#!/usr/bin/env bash
# Starts (or finds running) a throwaway PostgreSQL server for Orleans' ADO.NET providers and prints the
# Npgsql connection string as the only line on stdout (progress goes to stderr), so
#   cs=$(scripts/postgres/start.sh)
# works. Idempotent: a second run finds the server, the database and the applied schema and changes nothing.
# Settings (environment):
#   SESSIONGEN_PG_DIR   data, socket and log directory   (default /tmp/sessiongen-pg)
#   SESSIONGEN_PG_PORT  TCP port on 127.0.0.1            (default 55432)
#   SESSIONGEN_ORLEANS_SQL_DIR  schema scripts to apply  (default scripts/postgres/orleans beside this file)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
dir=${SESSIONGEN_PG_DIR:-/tmp/sessiongen-pg}
port=${SESSIONGEN_PG_PORT:-55432}
sqldir=${SESSIONGEN_ORLEANS_SQL_DIR:-$here/orleans}
db=sessiongen_orleans
role=sessiongen
password=sessiongen
data=$dir/data

log() { echo "postgres: $*" >&2; }
die() { echo "postgres: error: $*" >&2; exit 1; }

# 1. Server binaries: Debian keeps them in /usr/lib/postgresql/N/bin (not on PATH); take the newest there,
#    else whatever pg_ctl is on PATH, else install Debian's postgresql.
find_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | while read -r b; do
        [ -x "$b/pg_ctl" ] && [ -x "$b/postgres" ] && [ -x "$b/initdb" ] && [ -x "$b/psql" ] && echo "$b"; done | tail -n1)
  if [ -z "$d" ] && command -v pg_ctl >/dev/null 2>&1; then
    d=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
    [ -x "$d/postgres" ] && [ -x "$d/initdb" ] && [ -x "$d/psql" ] || d=
  fi
  echo "$d"
}
bindir=$(find_bindir)
if [ -z "$bindir" ]; then
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL server binaries not found; install Debian's 'postgresql' package (as root: apt-get install postgresql)"
  log "installing Debian's postgresql package"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bindir=$(find_bindir)
  [ -n "$bindir" ] || die "postgresql installed but no pg_ctl/postgres/initdb/psql found under /usr/lib/postgresql/*/bin"
fi

# 2. The server must not run as root: use the 'postgres' system user (Debian's package makes it; create it if missing).
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  id -u "$owner" >/dev/null 2>&1 || useradd --system --home-dir "$dir" --no-create-home --shell /usr/sbin/nologin "$owner"
  as_owner() { (cd "$dir" && runuser -u "$owner" -- "$@"); }
else
  owner=$(id -un)
  as_owner() { (cd "$dir" && "$@"); }
fi
mkdir -p "$dir"
chown "$owner" "$dir" 2>/dev/null || true
chmod 700 "$dir"

# Test assemblies run in parallel and each may call this script: one at a time, or two would initdb (or start) one
# directory together. The lock goes with this process (and is not passed on to the server, below).
exec 9>"$dir/.start.lock"
flock 9

# 3. Cluster: local socket trusted (this script's own connections), TCP with a password.
if [ ! -s "$data/PG_VERSION" ]; then
  log "initdb $data ($("$bindir/postgres" --version))"
  pwfile=$dir/.pw; echo "$password" > "$pwfile"; chown "$owner" "$pwfile" 2>/dev/null || true
  as_owner "$bindir/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  rm -f "$pwfile"
  cat >> "$data/postgresql.conf" <<CONF
# sessiongen (scripts/postgres/start.sh): a throwaway test server
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
timezone = 'UTC'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
fi

export PGOPTIONS="-c client_min_messages=warning"
psql_su() { as_owner "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres "$@"; }
psql_db() { as_owner "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U "$role" -d "$db" "$@"; }

# 4. Start unless running; a running one must listen on the port asked for.
if as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  running_port=$(sed -n 4p "$data/postmaster.pid")
  [ "$running_port" = "$port" ] || die "server in $data already runs on port $running_port, not $port (scripts/postgres/stop.sh first)"
  log "already running on port $port"
else
  log "starting on 127.0.0.1:$port (log: $dir/postgres.log)"
  # 9>&-: the server must not inherit the lock, or it would hold it for its whole life.
  as_owner "$bindir/pg_ctl" -D "$data" -l "$dir/postgres.log" -o "-p $port" -w -t 60 start >/dev/null 9>&- \
    || { tail -n 20 "$dir/postgres.log" >&2; die "server did not start"; }
fi
for _ in $(seq 1 300); do   # pg_ctl -w already waited; this bounds the check at 30 s
  "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" && break
  sleep 0.1
done
"$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" || die "server not ready on 127.0.0.1:$port"

# 5. Role and database.
if [ -z "$(psql_su -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" ]; then
  psql_su -d postgres -c "CREATE ROLE $role LOGIN PASSWORD '$password'"
fi
if [ -z "$(psql_su -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
  psql_su -d postgres -c "CREATE DATABASE $db OWNER $role"
fi

# 6. Schema scripts, each once, in order: *Main* first, then by name. Each runs in one transaction together
#    with its entry in sessiongen_schema_scripts, so a failed script leaves nothing behind and runs again next time.
[ -d "$sqldir" ] || die "no schema scripts in $sqldir"
psql_db -c "CREATE TABLE IF NOT EXISTS sessiongen_schema_scripts (name text PRIMARY KEY, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
mapfile -t scripts < <(cd "$sqldir" && { ls -1 -- *.sql | grep -i main; ls -1 -- *.sql | grep -vi main; } 2>/dev/null)
[ "${#scripts[@]}" -gt 0 ] || die "no .sql files in $sqldir"
for name in "${scripts[@]}"; do
  sum=$(sha256sum "$sqldir/$name" | cut -d' ' -f1)
  applied=$(psql_db -tAc "SELECT sha256 FROM sessiongen_schema_scripts WHERE name = '$name'")
  if [ -z "$applied" ]; then
    log "applying $name"
    src=$sqldir/$name; as_owner test -r "$src" || { cp "$src" "$dir/.apply.sql"; chown "$owner" "$dir/.apply.sql" 2>/dev/null || true; src=$dir/.apply.sql; }
    psql_db -1 -f "$src" -c "INSERT INTO sessiongen_schema_scripts (name, sha256) VALUES ('$name', '$sum')" >&2
    rm -f "$dir/.apply.sql"
  elif [ "$applied" != "$sum" ]; then
    log "warning: $name changed since it was applied; scripts/postgres/stop.sh --purge, then start again, to rebuild"
  fi
done

echo "Host=127.0.0.1;Port=$port;Database=$db;Username=$role;Password=$password"
