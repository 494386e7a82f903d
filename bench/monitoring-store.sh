#!/usr/bin/env bash
# Monitoring store benchmark (issue 6): write cost and disk use of sensor history at fleet scale, with synthetic
# readings (no BMCs). Every node is polled once a minute, written one batch per second like the collector; prints
# values/s sustained, write CPU per minute of fleet data, bytes per simulated minute and per day (raw) and for the
# 30-day 5-minute tier, rollup time per bucket and the read latency of one node × 24 h.
#
#   bench/monitoring-store.sh [--nodes 10000] [--sensors 20] [--minutes 10] [--provider sqlite|postgres]
#
# PostgreSQL: a throw-away PostgreSQL 15 cluster (Debian's binaries) in a temporary directory on 127.0.0.1, with its
# default durability (fsync on); as root it runs as the postgres user. Trust authentication on loopback: no password.
set -euo pipefail
cd "$(dirname "$0")/.."
ARGS=("$@") PROVIDER=sqlite
while [ $# -gt 0 ]; do
  case $1 in
    --provider) PROVIDER=$2; shift 2 ;;
    --nodes|--sensors|--minutes) shift 2 ;;
    *) echo "unknown option $1 (use --nodes N --sensors N --minutes N --provider sqlite|postgres)" >&2; exit 2 ;;
  esac
done

WORK=$(mktemp -d)
PGBIN=/usr/lib/postgresql/15/bin
PGDATA=""
cleanup() {
  if [ -n "$PGDATA" ]; then as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

dotnet build bench/monitoring-store -c Release --verbosity quiet -nologo -o "$WORK/bin" >/dev/null

EXTRA=()
if [ "$PROVIDER" = postgres ]; then
  [ -x "$PGBIN/initdb" ] || { echo "needs PostgreSQL 15: apt-get install -y postgresql" >&2; exit 2; }
  chmod 0711 "$WORK"   # the postgres user must reach its data directory inside
  mkdir -p "$WORK/pg/sock"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$WORK/pg"
  PGDATA=$WORK/pg/data
  as_pg "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres -E UTF8 --locale=C >/dev/null
  PORT=$((30000 + $$ % 20000))
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/pg/log" -w -o "-h 127.0.0.1 -p $PORT -k $WORK/pg/sock" start >/dev/null
  export LIFELINE_BENCH_PG="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres;Command Timeout=600"
  EXTRA=(--postmaster-pid "$(head -1 "$PGDATA/postmaster.pid")")
fi

TMPDIR=$WORK dotnet "$WORK/bin/MonitoringStoreBench.dll" "${ARGS[@]}" "${EXTRA[@]}"
