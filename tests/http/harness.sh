#!/bin/sh
# harness.sh SRCDIR B: the HTTP tests (make test-http).
#
# Makes a temporary hall in T (certificates from certs/mkcerts.sh, the
# demo database from B/bin/hall-admin), starts nginx and every program
# of B/bin on free loopback ports with nginx/run.sh, runs B/http-tests
# (from SRCDIR/tests) with
#   HALL_TEST_URL      https://127.0.0.1:PORT (client certificate needed)
#   HALL_TEST_PUBURL   https://127.0.0.1:PUBPORT (public verification)
#   HALL_TEST_CERTS    T/certs (ca.crt, unit-vip.pem, revoked.pem, ...)
#   HALL_TEST_VAR      T (logs in T/log)
#   HALL_TEST_DB       T/hall.db
#   HALL_TEST_DEMO     T/demo.txt (accounts and initial passwords)
#   HALL_TEST_ADMIN    B/bin/hall-admin
#   HALL_CLOCK_FILE    T/clock (absent: the real clock; write
#                      "YYYY-MM-DD HH:MM:SS" into it to move time)
# then stops everything and exits with the tests' status.  It fails too
# when a program's log shows a sanitizer report, or when any log of
# the hall (nginx's, the programs', the supervisor's) holds a whole
# 身份证号 (tests/http/idlogs.sh).  HALL_PBKDF2_ITER is 1000 for speed.
# Every program runs in WORKERS=2 worker processes (whatever the number
# of CPUs), as make run would on two, so that every test also runs
# against several workers (test_workers.c counts on two).
# HALL_TEST_KEEP=1 keeps T for a look afterwards.
# The temporary hall itself is tests/hall-env.sh (shared with the
# browser tests).
set -u

[ $# -eq 2 ] || { echo "usage: harness.sh SRCDIR B" >&2; exit 2; }
src=$(cd "$1" && pwd) || exit 2
. "$src/tests/hall-env.sh"
hall_env_tmp=http
hall_env_init harness "$1" "$2"

[ -x "$b/http-tests" ] || hall_fail "no $b/http-tests"
WORKERS=2
export WORKERS
hall_env_start
hall_env_export

cd "$src/tests" || hall_fail "no $src/tests"
"$b/http-tests"
rc=$?
[ $rc -eq 0 ] || hall_show_logs

hall_env_stop
if ! hall_env_sanitizers; then
	echo "harness: a program reported a sanitizer error" >&2
	[ $rc -eq 0 ] && rc=1
fi
if ! sh "$src/tests/http/idlogs.sh" "$T/log"; then
	echo "harness: a log holds a whole ID number" >&2
	[ $rc -eq 0 ] && rc=1
fi
exit $rc
