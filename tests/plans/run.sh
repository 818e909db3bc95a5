#!/bin/sh
# run.sh SRCDIR B LOG: the query-plan check of make test (make
# test-plans).  Makes a migrated store in a temporary folder, fills it
# with hall-admin populate at a size where the planner matters
# (PLANS_PERSONS persons, PLANS_UNITS units, a unit of PLANS_BIG_UNIT
# insured persons, about PLANS_TASKS tasks with their events, messages
# and audit rows), checkpoints it as the hall's timer does (which keeps
# the planner's statistics where the build does so), then runs
# hall-admin plans --analyze (ANALYZE if there are no statistics yet)
# on every statement of LOG, the SQL log the unit, browser and HTTP
# tests wrote (HALL_SQL_LOG).  Fails on a full scan or a sort of a
# growing list not in tests/plans/allow.txt, when LOG is missing or
# empty, and when a program of cgi-bin/ (or the unit tests, or
# hall-admin) wrote nothing to it.
set -u

[ $# -eq 3 ] || { echo "usage: run.sh SRCDIR B LOG" >&2; exit 2; }
src=$(cd "$1" && pwd) || exit 2
admin=$(cd "$2" && pwd)/bin/hall-admin
log=$3
[ -x "$admin" ] || { echo "plans: no $admin" >&2; exit 1; }
if [ ! -s "$log" ]; then
	echo "plans: no SQL log at $log: run the unit and HTTP tests" \
	    "first (make test does)" >&2
	exit 1
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/hall-plans.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM HUP

db=$T/hall.db
"$admin" -d "$db" init >"$T/init.log" 2>&1 || {
	cat "$T/init.log" >&2; echo "plans: hall-admin init failed" >&2
	exit 1; }
"$admin" -d "$db" populate --persons "${PLANS_PERSONS:-30000}" \
    --units "${PLANS_UNITS:-300}" --big-unit "${PLANS_BIG_UNIT:-5000}" \
    --tasks "${PLANS_TASKS:-20000}" >"$T/populate.log" 2>&1 || {
	cat "$T/populate.log" >&2; echo "plans: hall-admin populate failed" >&2
	exit 1; }
"$admin" -d "$db" checkpoint >"$T/checkpoint.log" 2>&1 || {
	cat "$T/checkpoint.log" >&2; echo "plans: hall-admin checkpoint failed" >&2
	exit 1; }
# Every program of cgi-bin/ and the unit tests must have written to the
# log: a program whose statements went unlogged would go unchecked.
programs=unit-tests,hall-admin
for c in "$src"/cgi-bin/*.c; do
	n=${c##*/}
	programs=$programs,${n%.c}
done
"$admin" -d "$db" plans --analyze --allow "$src/tests/plans/allow.txt" \
    --programs "$programs" "$log"
