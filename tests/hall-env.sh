# hall-env.sh: a temporary hall for tests, sourced (POSIX sh) by
# tests/http/harness.sh and tests/browser/run.sh.
#
#   hall_env_init NAME SRCDIR B   sets src, b, run (nginx/run.sh) and a
#       new folder T ($TMPDIR/hall-$hall_env_tmp.XXXXXX, hall_env_tmp
#       defaulting to NAME); NAME prefixes messages; traps EXIT to stop the
#       hall and remove T (HALL_TEST_KEEP=1 keeps T), INT/TERM/HUP exit.
#   hall_env_start   certificates (certs/mkcerts.sh) in T/certs, the demo
#       database T/hall.db and T/demo.txt (B/bin/hall-admin), then nginx
#       and every program of B/bin on free loopback ports; sets port and
#       pubport and exports HALL_PBKDF2_ITER=1000 and HALL_CLOCK_FILE=T/clock
#       (absent: the real clock).
#   hall_env_export  exports HALL_TEST_URL, HALL_TEST_PUBURL,
#       HALL_TEST_CERTS, HALL_TEST_VAR, HALL_TEST_DB, HALL_TEST_DEMO,
#       HALL_TEST_ADMIN and HALL_TEST_SRC for the tests.
#   hall_env_stop    stops the hall (idempotent).
#   hall_show_logs   prints the last lines of every log of the hall.
#   hall_env_sanitizers  prints sanitizer reports of the programs' logs;
#       returns 1 when there is one.
#   hall_fail MSG    prints "NAME: MSG" and exits 1.
#
# With HALL_TEST_PG set (make test-pg: a server's connection string
# without dbname) the store is a new PostgreSQL database hall_env_<pid>
# instead of T/hall.db, dropped by the EXIT trap; HALL_DB and
# HALL_TEST_DB hold its connection string.

# Prints "NAME: MSG" on stderr and exits 1.
hall_fail() {
	echo "$hall_env_name: $*" >&2
	exit 1
}

# Stops the hall and removes T unless HALL_TEST_KEEP=1 (EXIT trap).
hall_env_cleanup() {
	[ -n "${T:-}" ] || return 0
	sh "$run" stop "$T" >/dev/null 2>&1
	if [ -n "${hall_pgdb:-}" ] && [ "${HALL_TEST_KEEP:-0}" != 1 ]; then
		psql -X -q "$HALL_TEST_PG dbname=postgres" -c \
		    "DROP DATABASE IF EXISTS $hall_pgdb WITH (FORCE)" >/dev/null 2>&1
	fi
	if [ "${HALL_TEST_KEEP:-0}" = 1 ]; then
		echo "$hall_env_name: kept $T" >&2
	else
		rm -rf "$T"
	fi
}

hall_env_init() {
	[ $# -eq 3 ] || { echo "usage: hall_env_init NAME SRCDIR B" >&2; exit 2; }
	hall_env_name=$1
	src=$(cd "$2" && pwd) || exit 2
	b=$(cd "$3" && pwd) || exit 2
	run="$src/nginx/run.sh"
	T=$(mktemp -d "${TMPDIR:-/tmp}/hall-${hall_env_tmp:-$1}.XXXXXX") ||
		exit 1
	trap hall_env_cleanup EXIT
	trap 'exit 130' INT TERM HUP
}

# Prints the last lines of every log of the hall.
hall_show_logs() {
	for f in "$T"/log/*.log; do
		[ -s "$f" ] || continue
		echo "---- ${f##*/} (last 30 lines)" >&2
		tail -n 30 "$f" >&2
	done
}

# True when TCP port $1 is free on this machine as far as /proc says.
hall_port_free() {
	hex=$(printf ':%04X ' "$1")
	! cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | grep -q "$hex"
}

# A random even port in 20000..29998 whose successor is free too.
hall_pick_port() {
	while :; do
		r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
		p=$((20000 + (r % 5000) * 2))
		hall_port_free "$p" && hall_port_free $((p + 1)) &&
			{ echo "$p"; return; }
	done
}

hall_env_start() {
	[ -x "$b/bin/hall-admin" ] || hall_fail "no $b/bin/hall-admin"
	sh "$src/certs/mkcerts.sh" "$T/certs" >"$T/mkcerts.log" 2>&1 || {
		cat "$T/mkcerts.log" >&2; hall_fail "mkcerts.sh failed"; }
	HALL_PBKDF2_ITER=1000
	HALL_CLOCK_FILE=$T/clock
	export HALL_PBKDF2_ITER HALL_CLOCK_FILE
	hall_db=$T/hall.db
	if [ -n "${HALL_TEST_PG:-}" ]; then
		hall_pgdb=hall_env_$$
		psql -X -q "$HALL_TEST_PG dbname=postgres" -c \
		    "CREATE DATABASE $hall_pgdb" >/dev/null ||
			hall_fail "cannot create database $hall_pgdb"
		hall_db="$HALL_TEST_PG dbname=$hall_pgdb"
		HALL_DB=$hall_db
		export HALL_DB
	fi
	"$b/bin/hall-admin" -d "$hall_db" init ||
		hall_fail "hall-admin init failed"
	"$b/bin/hall-admin" -d "$hall_db" demo "$T/certs" "$T/demo.txt" ||
		hall_fail "hall-admin demo failed"
	tries=0
	while :; do
		port=$(hall_pick_port)
		sh "$run" start "$T" "$b/bin" "$port" "$src" >"$T/start.log" 2>&1 &&
			break
		tries=$((tries + 1))
		if [ $tries -ge 5 ]; then
			cat "$T/start.log" >&2
			hall_show_logs
			hall_fail "the hall did not start"
		fi
		sh "$run" stop "$T" >/dev/null 2>&1
	done
	pubport=$((port + 1))
}

hall_env_export() {
	HALL_TEST_URL=https://127.0.0.1:$port
	HALL_TEST_PUBURL=https://127.0.0.1:$pubport
	HALL_TEST_CERTS=$T/certs
	HALL_TEST_VAR=$T
	HALL_TEST_DB=$hall_db
	HALL_TEST_DEMO=$T/demo.txt
	HALL_TEST_ADMIN=$b/bin/hall-admin
	HALL_TEST_SRC=$src
	export HALL_TEST_URL HALL_TEST_PUBURL HALL_TEST_CERTS HALL_TEST_VAR \
	    HALL_TEST_DB HALL_TEST_DEMO HALL_TEST_ADMIN HALL_TEST_SRC
}

hall_env_stop() {
	sh "$run" stop "$T" >/dev/null 2>&1
}

# Sanitizer reports of the programs (they run under ASan and UBSan in
# make test) fail a run even when every test passed.
hall_env_sanitizers() {
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
	return $found
}
