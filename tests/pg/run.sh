#!/bin/sh
# run.sh SRCDIR B [unit|http|multihost]...: make test-pg.  Starts a
# private PostgreSQL cluster (tests/pg/cluster.sh) in a temporary
# folder, then runs on it, in order, the parts named (default: all):
#   unit       the unit tests (B/unit-tests), in HALL_PG_SHARDS (4)
#              processes at once, each test on its own database copied
#              from the migrated template hall_tmpl (the first test
#              makes it: tests/unit/helpers.c);
#   http       the HTTP tests (tests/http/harness.sh) on one database;
#   multihost  the two-host test (tests/multihost/run.sh) on one
#              database;
# and stops the cluster whatever happened.  Exits non-zero when a part
# failed.  HALL_TEST_PG is the cluster's connection string (no dbname)
# for every part: tests/unit/helpers.c and tests/hall-env.sh read it.
set -u

[ $# -ge 2 ] || { echo "usage: run.sh SRCDIR B [unit|http|multihost]..." >&2; exit 2; }
src=$(cd "$1" && pwd) || exit 2
b=$(cd "$2" && pwd) || exit 2
shift 2
parts=${*:-unit http multihost}

T=$(mktemp -d "${TMPDIR:-/tmp}/hall-pg.XXXXXX") || exit 1
chmod 0711 "$T"	# the postgres user reaches its cluster in T/pg
cleanup() {
	[ -n "${pgdir:-}" ] && sh "$src/tests/pg/cluster.sh" stop "$pgdir"
	case ${pgdir:-} in /dev/shm/hall-pg.*) rm -rf "${pgdir%/pg}" ;; esac
	if [ "${HALL_TEST_KEEP:-0}" = 1 ]; then
		echo "test-pg: kept $T" >&2
	else
		rm -rf "$T"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# The cluster in memory when /dev/shm has room (2 GB): each unit test
# copies the template database (11 MB), which on a disk is most of the
# suite's time.
pgdir=$T/pg
if [ -d /dev/shm ] && [ -w /dev/shm ] &&
    [ "$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')" -gt 2097152 ]; then
	pgdir=$(mktemp -d /dev/shm/hall-pg.XXXXXX) && chmod 0711 "$pgdir" &&
	    pgdir=$pgdir/pg || pgdir=$T/pg
fi
HALL_TEST_PG=$(sh "$src/tests/pg/cluster.sh" start "$pgdir") || exit 1
export HALL_TEST_PG
echo "test-pg: a private PostgreSQL cluster in $pgdir"

# Runs the unit tests in shards; prints each shard's report.
run_unit() {
	n=${HALL_PG_SHARDS:-4}
	pids=""
	k=0
	while [ $k -lt "$n" ]; do
		(cd "$src/tests" && HALL_TEST_SHARD=$k/$n "$b/unit-tests" \
		    >"$T/unit.$k.log" 2>&1; echo $? >"$T/unit.$k.rc") &
		pids="$pids $!"
		k=$((k + 1))
	done
	wait $pids
	rc=0
	k=0
	while [ $k -lt "$n" ]; do
		grep -E '^[0-9]+%|:[FE]:' "$T/unit.$k.log"
		[ "$(cat "$T/unit.$k.rc")" = 0 ] || { rc=1; grep -q ':[FE]:' \
		    "$T/unit.$k.log" || tail -20 "$T/unit.$k.log"; }
		k=$((k + 1))
	done
	return $rc
}

status=0
for part in $parts; do
	start=$(date +%s)
	case $part in
	unit) run_unit ;;
	http) sh "$src/tests/http/harness.sh" "$src" "$b" ;;
	multihost) sh "$src/tests/multihost/run.sh" test "$src" "$b" ;;
	*) echo "test-pg: no part $part" >&2; false ;;
	esac
	rc=$?
	echo "test-pg: $part on PostgreSQL: $([ $rc = 0 ] && echo passed || echo FAILED) in $(($(date +%s) - start)) s"
	[ $rc = 0 ] || status=1
done
exit $status
