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
# nginx's $ssl_client_escaped_cert: the PEM, percent-encoded (here every
# byte, which decodes the same).
cert=$(openssl x509 -in "$T/certs/unit-vip.pem" |
    od -An -v -tx1 | tr -s ' \n' ' ' | sed 's/^ //; s/ $//; s/ /%/g; s/^/%/')

HALL_DB=$T/hall.db HALL_XSL=$src/xsl HALL_CA=$T/certs/ca.crt
HALL_CRL=$T/certs/ca.crl
HALL_ORG=${HALL_ORG:-武汉市人力资源和社会保障局}
HALL_ORG_EMPLOYMENT=${HALL_ORG_EMPLOYMENT:-武汉市公共就业服务机构}
HALL_PUBLIC_URL=https://127.0.0.1:1
export HALL_DB HALL_XSL HALL_CA HALL_CRL HALL_ORG HALL_ORG_EMPLOYMENT \
    HALL_PUBLIC_URL

# Runs program $1 under callgrind for $2 requests of path $3; prints
# the total Ir, or nothing when it failed.
ir_of() {
	prog=$1 count=$2 path=$3
	sock=$T/$(basename "$prog").sock
	out=$T/cg-$(basename "$prog").out
	rm -f "$sock" "$out"
	spawn-fcgi -n -s "$sock" -- "$vg" --tool=callgrind \
	    --callgrind-out-file="$out" "$prog" \
	    </dev/null >>"$T/valgrind.log" 2>&1 &
	vpid=$!
	i=0
	while [ ! -S "$sock" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	"$b/bench/fcgi-get" "$sock" "$count" REQUEST_METHOD=GET \
	    "REQUEST_URI=$path" "DOCUMENT_URI=$path" "SCRIPT_NAME=$path" \
	    QUERY_STRING= SERVER_PROTOCOL=HTTP/1.1 HTTPS=on \
	    REMOTE_ADDR=127.0.0.1 HTTP_HOST=127.0.0.1 \
	    "HTTP_ACCEPT=text/html" \
	    "HTTP_COOKIE=__Host-hall_session=$token" \
	    SSL_CLIENT_VERIFY=SUCCESS "SSL_CLIENT_CERT=$cert" \
	    >"$T/answer$(echo "$path" | tr / -)" 2>>"$T/valgrind.log"
	rc=$?
	kill "$vpid" 2>/dev/null
	wait "$vpid" 2>/dev/null
	if [ $rc -ne 0 ]; then
		echo "callgrind: $path did not answer 200:" >&2
		head -n 5 "$T/answer$(echo "$path" | tr / -)" >&2
		return
	fi
	sed -n 's/^summary: *//p' "$out" 2>/dev/null
}

# Prints "callgrind PATH IR Ir/request" for program $1 and path $2, and
# sets per to the figure (empty when it failed).
measure() {
	one=$(ir_of "$1" 1 "$2")
	more=$(ir_of "$1" $((n + 1)) "$2")
	per=
	if [ -n "$one" ] && [ -n "$more" ]; then
		per=$(( (more - one) / n ))
		echo "callgrind $2 $per Ir/request"
	else
		echo "callgrind $2 - Ir/request (failed)"
	fi
}

measure "$b/bin/home" /home
home=$per
measure "$b/bin/hello" /hello
hello=$per
if [ -n "$home" ] && [ -n "$hello" ] && [ "$hello" -gt 0 ]; then
	echo "$home $hello" | awk '{ printf "callgrind ratio /home : /hello = %.1f\n", $1 / $2 }'
fi
exit 0
