#!/usr/bin/env bash
# Stops the server that scripts/postgres/start.sh started. --purge also deletes its directory (data included).
set -euo pipefail
dir=${SESSIONGEN_PG_DIR:-/tmp/sessiongen-pg}
data=$dir/data
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -x "$bindir/pg_ctl" ] || bindir=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
if [ -f "$data/postmaster.pid" ]; then
  owner=$(stat -c %U "$data")
  if [ "$(id -u)" -eq 0 ] && [ "$owner" != root ]; then
    (cd "$dir" && runuser -u "$owner" -- "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null)
  else
    (cd "$dir" && "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null)
  fi
  echo "postgres: stopped ($data)" >&2
else
  echo "postgres: not running ($data)" >&2
fi
if [ "${1:-}" = "--purge" ]; then
  rm -rf "$dir"
  echo "postgres: removed $dir" >&2
fi
