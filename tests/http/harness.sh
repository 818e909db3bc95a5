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
# when a program's log shows a sanitizer report.  HALL_PBKDF2_ITER is
# 1000 for speed.  HALL_TEST_KEEP=1 keeps T for a look afterwards.
set -u

[ $# -eq 2 ] || { echo "usage: harness.sh SRCDIR B" >&2; exit 2; }
src=$(cd "$1" && pwd) || exit 2
b=$(cd "$2" && pwd) || exit 2
run="$src/nginx/run.sh"

T=$(mktemp -d "${TMPDIR:-/tmp}/hall-http.XXXXXX") || exit 1
cleanup() {
	sh "$run" stop "$T" >/dev/null 2>&1
	if [ "${HALL_TEST_KEEP:-0}" = 1 ]; then
		echo "harness: kept $T" >&2
	else
		rm -rf "$T"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

fail() {
	echo "harness: $*" >&2
	exit 1
}

# Prints the last lines of every log of the hall.
show_logs() {
	for f in "$T"/log/*.log; do
		[ -s "$f" ] || continue
		echo "---- ${f##*/} (last 30 lines)" >&2
		tail -n 30 "$f" >&2
	done
}

# True when TCP port $1 is free on this machine as far as /proc says.
port_free() {
	hex=$(printf ':%04X ' "$1")
	! cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | grep -q "$hex"
}

# A random even port in 20000..29998 whose successor is free too.
pick_port() {
	while :; do
		r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
		p=$((20000 + (r % 5000) * 2))
		port_free "$p" && port_free $((p + 1)) && { echo "$p"; return; }
	done
}

[ -x "$b/bin/hall-admin" ] || fail "no $b/bin/hall-admin"
[ -x "$b/http-tests" ] || fail "no $b/http-tests"
sh "$src/certs/mkcerts.sh" "$T/certs" >"$T/mkcerts.log" 2>&1 || {
	cat "$T/mkcerts.log" >&2; fail "mkcerts.sh failed"; }
HALL_PBKDF2_ITER=1000
HALL_CLOCK_FILE=$T/clock
export HALL_PBKDF2_ITER HALL_CLOCK_FILE
"$b/bin/hall-admin" -d "$T/hall.db" init ||
	fail "hall-admin init failed"
"$b/bin/hall-admin" -d "$T/hall.db" demo "$T/certs" "$T/demo.txt" ||
	fail "hall-admin demo failed"

tries=0
while :; do
	port=$(pick_port)
	sh "$run" start "$T" "$b/bin" "$port" "$src" >"$T/start.log" 2>&1 &&
		break
	tries=$((tries + 1))
	if [ $tries -ge 5 ]; then
		cat "$T/start.log" >&2
		show_logs
		fail "the hall did not start"
	fi
	sh "$run" stop "$T" >/dev/null 2>&1
done
pubport=$((port + 1))

cd "$src/tests" || fail "no $src/tests"
HALL_TEST_URL=https://127.0.0.1:$port \
HALL_TEST_PUBURL=https://127.0.0.1:$pubport \
HALL_TEST_CERTS=$T/certs \
HALL_TEST_VAR=$T \
HALL_TEST_DB=$T/hall.db \
HALL_TEST_DEMO=$T/demo.txt \
HALL_TEST_ADMIN=$b/bin/hall-admin \
HALL_TEST_SRC=$src \
    "$b/http-tests"
rc=$?
[ $rc -eq 0 ] || show_logs

sh "$run" stop "$T" >/dev/null 2>&1
# Sanitizer reports of the programs (they run under ASan and UBSan in
# make test) fail the run even when every test passed.
found=0
for f in "$T"/log/*.log; do
	[ -f "$f" ] || continue
	case ${f##*/} in error.log | access.log) continue ;; esac
	if grep -q -E 'ERROR: [A-Za-z]*Sanitizer|runtime error:' "$f"; then
		echo "---- sanitizer report in ${f##*/}:" >&2
		grep -n -B2 -A30 -E 'ERROR: [A-Za-z]*Sanitizer|runtime error:' \
		    "$f" | head -n 80 >&2
		found=1
	fi
done
if [ $found -eq 1 ]; then
	echo "harness: a program reported a sanitizer error" >&2
	[ $rc -eq 0 ] && rc=1
fi
exit $rc
