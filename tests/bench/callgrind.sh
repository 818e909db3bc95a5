#!/bin/sh
# callgrind.sh SRCDIR B: instructions per request under callgrind
# (make bench, make bench-callgrind), figures only.  Prints
#
#	callgrind /home 1234567 Ir/request
#	callgrind /hello 14600 Ir/request
#	callgrind ratio /home : /hello = 84.6
#
# It makes a demo store (certificates, hall-admin init and demo), gives
# the VIP unit's account a session straight in the store (the login's
# PBKDF2 is not what is measured), then runs each program under
# valgrind --tool=callgrind on a Unix socket (spawn-fcgi, as
# nginx/run.sh does) and sends it requests with B/bench/fcgi-get, the
# parameters nginx would pass (client certificate, session cookie).
# A program is run twice, with 1 request and with N+1, and the figure
# is (Ir(N+1) - Ir(1)) / N, so start-up and exit are left out.
# CALLGRIND_N (20) changes N.  It never fails on cost; it says
# "skipped" when valgrind or spawn-fcgi is missing.
set -u

[ $# -eq 2 ] || { echo "usage: callgrind.sh SRCDIR B" >&2; exit 2; }
src=$(cd "$1" && pwd) || exit 2
b=$(cd "$2" && pwd) || exit 2
n=${CALLGRIND_N:-20}

fail() {
	echo "callgrind: $*" >&2
	exit 1
}

vg=$(command -v valgrind) || { echo "callgrind: skipped: no valgrind"; exit 0; }
command -v spawn-fcgi >/dev/null || { echo "callgrind: skipped: no spawn-fcgi"; exit 0; }
command -v sqlite3 >/dev/null || fail "sqlite3 missing"
[ -x "$b/bench/fcgi-get" ] || fail "no $b/bench/fcgi-get (make $b/bench/fcgi-get)"

T=$(mktemp -d "${TMPDIR:-/tmp}/hall-callgrind.XXXXXX") || exit 1
trap '[ -n "${CALLGRIND_KEEP:-}" ] || rm -rf "$T"' EXIT
trap 'exit 130' INT TERM HUP

sh "$src/certs/mkcerts.sh" "$T/certs" >"$T/mkcerts.log" 2>&1 || {
	cat "$T/mkcerts.log" >&2; fail "mkcerts.sh failed"; }
HALL_PBKDF2_ITER=1000
export HALL_PBKDF2_ITER
"$b/bin/hall-admin" -d "$T/hall.db" init >/dev/null 2>&1 || fail "hall-admin init"
"$b/bin/hall-admin" -d "$T/hall.db" demo "$T/certs" "$T/demo.txt" \
    >/dev/null || fail "hall-admin demo"

# A session of the VIP account bound to its certificate (ident.c keeps
# the SHA-256 of the cookie and of the certificate's DER).
user=${CALLGRIND_USER:-demo-vip}
token=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
csrf=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
now=$(date +%s)
sqlite3 "$T/hall.db" "
UPDATE accounts SET must_change = 0 WHERE username = '$user';
INSERT INTO sessions (token_hash, account_id, cert_fp, csrf, created_at,
    last_seen)
SELECT '$hash', a.id, c.fingerprint, '$csrf', $now, $now
FROM accounts a JOIN certs c ON c.account_id = a.id
WHERE a.username = '$user' AND c.revoked = 0 LIMIT 1;" ||
	fail "cannot make a session"
[ "$(sqlite3 "$T/hall.db" "SELECT count(*) FROM sessions")" -ge 1 ] ||
	fail "no certificate bound to $user"
HALL_DB=$T/hall.db HALL_XSL=$src/xsl HALL_CA=$T/certs/ca.crt
HALL_CRL=$T/certs/ca.crl
HALL_ORG=${HALL_ORG:-武汉市人力资源和社会保障局}
HALL_ORG_EMPLOYMENT=${HALL_ORG_EMPLOYMENT:-武汉市公共就业服务机构}
HALL_PUBLIC_URL=https://127.0.0.1:1
export HALL_DB HALL_XSL HALL_CA HALL_CRL HALL_ORG HALL_ORG_EMPLOYMENT \
    HALL_PUBLIC_URL

. "$src/tests/bench/irget.sh"

# Prints "callgrind PATH IR Ir/request" for program $1 (of B/bin) and
# path $2, and sets per to the figure (empty when it failed).
measure() {
	per=$(ir_per_request "$b" "$T" "$1" "$2" "$n" "$T/certs/unit-vip.pem" \
	    "$token")
	if [ -n "$per" ]; then
		echo "callgrind $2 $per Ir/request"
	else
		echo "callgrind $2 - Ir/request (failed)"
	fi
}

measure home /home
home=$per
measure hello /hello
hello=$per
if [ -n "$home" ] && [ -n "$hello" ] && [ "$hello" -gt 0 ]; then
	echo "$home $hello" | awk '{ printf "callgrind ratio /home : /hello = %.1f\n", $1 / $2 }'
fi
exit 0
