#!/bin/sh
# bench.sh SRCDIR B: make bench-pg, figures only.  Starts a private
# PostgreSQL cluster (tests/pg/cluster.sh) with fsync and synchronous
# commits on (the durability of SQLite's synchronous=FULL), then in one
# run, SQLite beside PostgreSQL:
#   /home: tests/bench/bench.sh's home part (ab, 8 and 32 connections)
#       on a demo store in an SQLite file, then in a PostgreSQL database;
#   退工 saves: tests/multihost/run.sh bench (each save its own one-time
#       token, 8 clients) through one host and through two hosts behind
#       one nginx, on the SQLite file, then on PostgreSQL;
# and ends with a summary: saves per second of each store on one host
# and on two, and the ratio two : one of each.  Needs root for the two
# hosts (network namespaces); without it those lines say skipped.
set -u

[ $# -eq 2 ] || { echo "usage: bench.sh SRCDIR B" >&2; exit 2; }
src=$(cd "$1" && pwd) || exit 2
b=$(cd "$2" && pwd) || exit 2

T=$(mktemp -d "${TMPDIR:-/tmp}/hall-pgbench.XXXXXX") || exit 1
chmod 0711 "$T"	# the postgres user reaches its cluster in T/pg
cleanup() {
	sh "$src/tests/pg/cluster.sh" stop "$T/pg"
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

ci=$(HALL_PG_FSYNC=on sh "$src/tests/pg/cluster.sh" start "$T/pg") || exit 1
psql -X -q "$ci dbname=postgres" -c "CREATE DATABASE hall_bench" >/dev/null ||
	exit 1

echo "==== /home on SQLite (a file, WAL, synchronous=FULL)"
BENCH_PARTS=home sh "$src/tests/bench/bench.sh" "$src" "$b" | tee "$T/home-sqlite"
echo "==== /home on PostgreSQL 15 (unix socket, fsync on)"
BENCH_PARTS=home BENCH_DB="$ci dbname=hall_bench" \
    sh "$src/tests/bench/bench.sh" "$src" "$b" | tee "$T/home-pg"
echo "==== 退工 saves, one host and two, on SQLite"
sh "$src/tests/multihost/run.sh" bench "$src" "$b" | tee "$T/hosts-sqlite"
echo "==== 退工 saves, one host and two, on PostgreSQL"
HALL_TEST_PG=$ci sh "$src/tests/multihost/run.sh" bench "$src" "$b" |
    tee "$T/hosts-pg"

echo "==== summary"
for e in sqlite pg; do
	[ $e = sqlite ] && name=SQLite || name=PostgreSQL
	line=$(grep '^one host:' "$T/hosts-$e" | tail -1)
	echo "退工 saves on $name: ${line:-skipped (needs root)}"
done
