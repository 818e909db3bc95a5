#!/bin/sh
# bench.sh SRCDIR B: the hall's benchmark (make bench), figures only.
#
# Starts a temporary hall from the build B (certificates, demo data,
# nginx and every program, as tests/http/harness.sh does), logs in as
# the VIP unit with curl (changing the initial password when asked),
# then measures with ApacheBench, keep-alive, 8 concurrent clients:
#   /hello   the FastCGI baseline (tests/bench/hello.c): nginx, TLS with
#            a client certificate, one FastCGI round trip
#   /home    the 首页 of a logged-in unit: the same plus session, store
#            and XSLT
# and prints requests per second, the 99th percentile and their ratio.
# It never fails on speed; it says "skipped" when it cannot log in.
# BENCH_N (2000) and BENCH_C (8) change the load; BENCH_USER and
# BENCH_PASS override the VIP account read from demo.txt.
set -u

[ $# -eq 2 ] || { echo "usage: bench.sh SRCDIR B" >&2; exit 2; }
src=$(cd "$1" && pwd) || exit 2
b=$(cd "$2" && pwd) || exit 2
run="$src/nginx/run.sh"
n=${BENCH_N:-2000}
conc=${BENCH_C:-8}

T=$(mktemp -d "${TMPDIR:-/tmp}/hall-bench.XXXXXX") || exit 1
trap 'sh "$run" stop "$T" >/dev/null 2>&1; rm -rf "$T"' EXIT
trap 'exit 130' INT TERM HUP

fail() {
	echo "bench: $*" >&2
	exit 1
}

skip() {
	echo "bench: skipped: $*"
	exit 0
}

# True when TCP port $1 is free as far as /proc says.
port_free() {
	! cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
	    grep -q "$(printf ':%04X ' "$1")"
}

# A random even port in 20000..29998 whose successor is free too.
pick_port() {
	while :; do
		r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
		p=$((20000 + (r % 5000) * 2))
		port_free "$p" && port_free $((p + 1)) && { echo "$p"; return; }
	done
}

command -v ab >/dev/null || fail "ab missing (apt-get install apache2-utils)"
[ -x "$b/bin/hall-admin" ] || fail "no $b/bin/hall-admin"
sh "$src/certs/mkcerts.sh" "$T/certs" >"$T/mkcerts.log" 2>&1 || {
	cat "$T/mkcerts.log" >&2; fail "mkcerts.sh failed"; }
HALL_PBKDF2_ITER=1000
export HALL_PBKDF2_ITER
"$b/bin/hall-admin" -d "$T/hall.db" init >/dev/null || fail "hall-admin init"
"$b/bin/hall-admin" -d "$T/hall.db" demo "$T/certs" "$T/demo.txt" \
    >/dev/null || fail "hall-admin demo"
tries=0
while :; do
	port=$(pick_port)
	sh "$run" start "$T" "$b/bin" "$port" "$src" >"$T/start.log" 2>&1 &&
		break
	tries=$((tries + 1))
	[ $tries -lt 5 ] || { cat "$T/start.log" >&2; fail "the hall did not start"; }
	sh "$run" stop "$T" >/dev/null 2>&1
done
url=https://127.0.0.1:$port
pem=$T/certs/unit-vip.pem
jar=$T/cookies

# curl with the VIP certificate and the cookie jar; prints the status.
hcurl() {
	curl -s -o "$T/body" -w '%{http_code}' --max-time 20 \
	    --cacert "$T/certs/ca.crt" --cert "$pem" -b "$jar" -c "$jar" "$@"
}

# The VIP unit's initial password, from demo.txt (hall-admin demo writes
# a block per account: "用户名: demo-vip" then "初始密码: …").
user=${BENCH_USER:-demo-vip}
pass=${BENCH_PASS:-}
if [ -z "$pass" ]; then
	pass=$(awk -v u="$user" '$1 == "用户名:" { cur = $2 }
	    $1 == "初始密码:" && cur == u { print $2; exit }' "$T/demo.txt")
	[ -n "$pass" ] || skip "login failed: no password for $user in demo.txt"
fi
newpass=Bench${port}pw

code=$(hcurl -d "username=$user" --data-urlencode "password=$pass" \
    "$url/login") || code=000
case $code in
30[123])
	;;
*)
	code=$(hcurl -d "username=$user" --data-urlencode "password=$newpass" \
	    "$url/login") || code=000
	case $code in 30[123]) ;; *) skip "login failed (POST /login: $code)" ;; esac
	;;
esac
code=$(hcurl -H 'Accept: application/xml' "$url/home?format=xml") || code=000
if [ "$code" != 200 ]; then
	# The initial password must be changed first.
	hcurl "$url/login/password?format=xml" >/dev/null
	csrf=$(sed -n 's/.*<session[^>]* csrf="\([0-9A-Za-z]*\)".*/\1/p' \
	    "$T/body" | head -n 1)
	[ -n "$csrf" ] || skip "login failed (no CSRF token on /login/password)"
	code=$(hcurl --data-urlencode "old=$pass" -d "pw=$newpass" \
	    -d "pw2=$newpass" -d "csrf=$csrf" "$url/login/password") ||
		code=000
	case $code in 2??|30[123]) ;; *)
		skip "login failed (POST /login/password: $code)" ;;
	esac
	code=$(hcurl "$url/home?format=xml") || code=000
	if [ "$code" != 200 ]; then
		hcurl -d "username=$user" -d "password=$newpass" \
		    "$url/login" >/dev/null
		code=$(hcurl "$url/home?format=xml") || code=000
	fi
	[ "$code" = 200 ] || skip "login failed (GET /home: $code)"
fi
cookie=$(awk '$6 == "hall_session" { v = $7 } END { print v }' "$jar")
[ -n "$cookie" ] || skip "login failed (no hall_session cookie)"

# Runs ab against path $1 (more ab options after it) and prints
# "req/s p99 non2xx failed" (a field is "-" when ab did not say).
measure() {
	path=$1
	shift
	ab -q -k -n "$n" -c "$conc" -E "$pem" "$@" "$url$path" \
	    >"$T/ab.out" 2>&1 || {
		echo "bench: ab failed on $path:" >&2
		tail -n 5 "$T/ab.out" >&2
		echo "- - - -"
		return
	}
	awk '
	/^Requests per second:/	{ rps = $4 }
	/^Failed requests:/	{ failed = $3 }
	/^Non-2xx responses:/	{ non2xx = $3 }
	/^ +99%/		{ p99 = $2 }
	END {
		printf "%s %s %s %s\n", rps == "" ? "-" : rps,
		    p99 == "" ? "-" : p99, non2xx == "" ? 0 : non2xx,
		    failed == "" ? "-" : failed
	}' "$T/ab.out"
}

echo "bench: $n requests, $conc concurrent, keep-alive, client certificate"
hello=$(measure /hello)
home=$(measure /home -H "Cookie: hall_session=$cookie")
printf '%-8s %12s %10s %9s %8s\n' path "requests/s" "p99 (ms)" non-2xx failed
printf '%-8s %12s %10s %9s %8s\n' /hello $hello
printf '%-8s %12s %10s %9s %8s\n' /home $home
echo "$hello $home" | awk '$1 != "-" && $5 != "-" && $1 > 0 {
	printf "ratio /home : /hello (requests/s) = %.3f\n", $5 / $1 }'
exit 0
