#!/bin/sh
# scale.sh SRCDIR B: make bench-scale: the same requests on the demo
# store and on a large store, side by side, figures only.
#
# Builds three stores from the build B: "demo" (hall-admin init + demo),
# "large" (the same, then hall-admin populate with SCALE_PERSONS
# persons (1,000,000), SCALE_UNITS units (10,000), SCALE_BIG_UNIT
# insured persons of the demo VIP unit (20,000), SCALE_TASKS tasks
# (200,000), SCALE_SEED (1)) and "small" (the same with SCALE_SMALL,
# "--persons 3000 --units 30 --big-unit 300 --tasks 4000": a district
# office's first months).  The demo VIP unit has no task yet, so its
# lists are empty, while on "small" and "large" every list it and the
# reviewer see has full pages: large : demo is issue 8's figure (store
# size and page fill together), large : small the store's size alone
# (the same rows on each page).  All get the same extra persons of the
# VIP unit for the writes (SCALE_WRITES each for 退工 and 减员, 30).
# Then, one store after the other, it runs the hall on it (nginx/run.sh,
# as tests/bench/bench.sh does, WORKERS worker processes per program,
# default the number of CPUs), logs in as demo-vip and demo-reviewer
# with curl, and measures each request sequentially over keep-alive
# with the client certificate:
#   worker CPU per request: utime + stime + cutime + cstime
#       (/proc/PID/stat) of all the program's processes (its parent and
#       every worker), summed, before and after the requests,
#   p50 and p99 latency: curl's time_total of each request,
#   worker RSS (VmRSS) after them: the largest of the program's
#       workers (the target is per process),
# GETs SCALE_N times (200) or fewer when slow (about SCALE_BUDGET
# seconds, 5, each; at least 3; /verify at most 25, under its rate
# limit), writes once per prepared person with its own one-time token.
# Last, hall-admin audit-verify on each store in rows per second.
# It prints one table with the ratio large : demo per request beside
# issue 8's targets (at most 1.5x, RSS at most 20 MB) and whether each
# is met, and never fails on what it measures (it says "skipped" when it cannot
# set up).  SCALE_KEEP=1 keeps the temporary folder.  A small run:
#   SCALE_PERSONS=50000 SCALE_UNITS=500 SCALE_BIG_UNIT=5000 \
#   SCALE_TASKS=10000 make bench-scale
set -u

[ $# -eq 2 ] || { echo "usage: scale.sh SRCDIR B" >&2; exit 2; }
src=$(cd "$1" && pwd) || exit 2
b=$(cd "$2" && pwd) || exit 2
run="$src/nginx/run.sh"
admin=$b/bin/hall-admin
# hall_pick_port: a free pair of ports, as the tests pick them.
. "$src/tests/hall-env.sh"

persons=${SCALE_PERSONS:-1000000}
units=${SCALE_UNITS:-10000}
big=${SCALE_BIG_UNIT:-20000}
tasks=${SCALE_TASKS:-200000}
seed=${SCALE_SEED:-1}
nmax=${SCALE_N:-200}
budget=${SCALE_BUDGET:-5}
nw=${SCALE_WRITES:-30}
hz=$(getconf CLK_TCK 2>/dev/null) || hz=100
WORKERS=${WORKERS:-$(nproc 2>/dev/null || echo 1)}
export WORKERS
for v in "$persons" "$units" "$big" "$tasks" "$seed" "$nmax" "$budget" \
    "$nw" "$hz" "$WORKERS"; do
	case $v in '' | *[!0-9]*)
		echo "scale: sizes must be whole numbers" >&2; exit 2 ;;
	esac
done
[ "$nw" -ge 1 ] && [ "$nw" -le 5000 ] || { echo "scale: SCALE_WRITES 1..5000" >&2; exit 2; }
[ "$nmax" -ge 3 ] || nmax=3

T=$(mktemp -d "${TMPDIR:-/tmp}/hall-scale.XXXXXX") || exit 1
cleanup() {
	for s in demo large; do
		sh "$run" stop "$T/$s" >/dev/null 2>&1
	done
	if [ "${SCALE_KEEP:-0}" = 1 ]; then
		echo "scale: kept $T" >&2
	else
		rm -rf "$T"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

skip() {
	echo "scale: skipped: $*"
	exit 0
}

# Milliseconds since the epoch.
ms() {
	echo $(($(date +%s%N) / 1000000))
}

# Every byte of $1 as %XX (a valid form-urlencoded value).
enc() {
	printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | sed 's/\(..\)/%\1/g'
}

# A fresh one-time form token: 32 lower-case hex digits.
token() {
	od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
}

# sqlite3 on store $1 with SQL $2.
sql() {
	sqlite3 -cmd '.timeout 10000' "$T/$1/hall.db" "$2"
}

command -v curl >/dev/null || skip "curl missing"
command -v sqlite3 >/dev/null || skip "sqlite3 missing"
[ -x "$admin" ] || skip "no $admin: make first"
[ -r /proc/self/stat ] || skip "no /proc"

echo "bench-scale: demo store against a large store ($persons persons," \
    "$units units, $big insured persons in the demo VIP unit, about" \
    "$tasks tasks, seed $seed), $WORKERS workers per program"
sh "$src/certs/mkcerts.sh" "$T/certs" >"$T/mkcerts.log" 2>&1 ||
	skip "mkcerts.sh failed"
HALL_PBKDF2_ITER=1000
export HALL_PBKDF2_ITER
today=$(TZ=Asia/Shanghai date +%Y-%m-%d)

# mkstore NAME: VAR folder T/NAME with the certificates and the demo.
mkstore() {
	mkdir -p "$T/$1" && cp -R "$T/certs" "$T/$1/certs" &&
	    "$admin" -d "$T/$1/hall.db" init >"$T/$1.init.log" 2>&1 &&
	    "$admin" -d "$T/$1/hall.db" demo "$T/$1/certs" "$T/$1/demo.txt" \
	    >>"$T/$1.init.log" 2>&1
}
mkstore demo || skip "cannot make the demo store"
mkstore large || skip "cannot make the large store"
mkstore small || skip "cannot make the small store"
"$admin" -d "$T/small/hall.db" populate ${SCALE_SMALL:---persons 3000 \
    --units 30 --big-unit 300 --tasks 4000} --seed "$seed" \
    >"$T/populate-small.out" 2>"$T/populate-small.err" || {
	tail -n 5 "$T/populate-small.err"; skip "hall-admin populate (small) failed"; }
t0=$(ms)
"$admin" -d "$T/large/hall.db" populate --persons "$persons" \
    --units "$units" --big-unit "$big" --tasks "$tasks" --seed "$seed" \
    >"$T/populate.out" 2>"$T/populate.err" || {
	tail -n 5 "$T/populate.err"; skip "hall-admin populate failed"; }
t1=$(ms)
echo "hall-admin populate: $((t1 - t0)) ms"
sed 's/^/  /' "$T/populate.out"

# The extra persons of the VIP unit, the same in both stores (Beijing
# 身份证号, so none is in the generated population):
#   TG i: 在职, 减员 done (暂停缴费): ready for a 退工;
#   JY i: 参保缴费, an earlier 退工 here (已退工 yesterday): ready for a
#         减员 (停缴费) without material.
# The 减员 rules want this year's wage declaration.
awk -v n="$((nw + 1))" 'BEGIN {
	split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
	split("1 0 X 9 8 7 6 5 4 3 2", cd, " ")
	vip = "(SELECT unit_id FROM accounts WHERE username = \x27demo-vip\x27)"
	lastmon = "strftime(\x27%Y-%m\x27, \x27now\x27, \x27+8 hours\x27, " \
	    "\x27start of month\x27, \x27-1 month\x27)"
	thismon = "strftime(\x27%Y-%m\x27, \x27now\x27, \x27+8 hours\x27)"
	print "BEGIN IMMEDIATE;"
	for (i = 1; i <= n; i++) {
		id = sprintf("110105%04d%02d%02d101", 1960 + i % 40,
		    1 + int(i / 40) % 12, 1 + int(i / 480) % 28)
		s = 0
		for (k = 1; k <= 17; k++)
			s += substr(id, k, 1) * w[k]
		id = id cd[s % 11 + 1]
		bd = substr(id, 7, 4) "-" substr(id, 11, 2) "-" substr(id, 13, 2)
		printf "INSERT INTO persons (idno, name, sex, birth) VALUES " \
		    "(\x27%s\x27, \x27退工压测%05d\x27, \x27男\x27, \x27%s\x27);\n",
		    id, i, bd
		printf "INSERT INTO employments (person_id, unit_id, contract_no, " \
		    "start_date, end_date, registered_at) VALUES " \
		    "(last_insert_rowid(), %s, \x27TGSCALE-%05d\x27, " \
		    "\x272020-01-01\x27, \x272030-12-31\x27, \x272020-01-01\x27);\n",
		    vip, i
		printf "INSERT INTO insurance (person_id, unit_id, sb_no, " \
		    "start_month, status, stop_month, last_paid_month) SELECT " \
		    "person_id, unit_id, \x27TS%05d\x27, \x272020-01\x27, " \
		    "\x27暂停缴费\x27, %s, %s FROM employments WHERE " \
		    "contract_no = \x27TGSCALE-%05d\x27;\n", i, thismon, lastmon, i
		printf "%s\t%s\tTGSCALE-%05d\n", sprintf("退工压测%05d", i), id, i \
		    > "/dev/fd/3"

		id = sprintf("110106%04d%02d%02d%03d", 1970 + i % 30, 1 + i % 12,
		    1 + i % 28, 500 + i % 500)
		s = 0
		for (k = 1; k <= 17; k++)
			s += substr(id, k, 1) * w[k]
		id = id cd[s % 11 + 1]
		bd = substr(id, 7, 4) "-" substr(id, 11, 2) "-" substr(id, 13, 2)
		printf "INSERT INTO persons (idno, name, sex, birth) VALUES " \
		    "(\x27%s\x27, \x27减员压测%05d\x27, \x27%s\x27, \x27%s\x27);\n",
		    id, i, (500 + i % 500) % 2 ? "男" : "女", bd
		printf "INSERT INTO employments (person_id, unit_id, contract_no, " \
		    "start_date, registered_at, status, ended_at) VALUES " \
		    "(last_insert_rowid(), %s, \x27JYSCALE-%05d\x27, " \
		    "\x272020-01-01\x27, \x272020-01-01\x27, \x27已退工\x27, " \
		    "strftime(\x27%%Y-%%m-%%d\x27, \x27now\x27, \x27+8 hours\x27, " \
		    "\x27-1 day\x27));\n", vip, i
		printf "INSERT INTO insurance (person_id, unit_id, sb_no, " \
		    "start_month, status, last_paid_month, contrib_months) SELECT " \
		    "person_id, unit_id, \x27JS%05d\x27, \x272020-01\x27, " \
		    "\x27参保缴费\x27, %s, 60 FROM employments WHERE " \
		    "contract_no = \x27JYSCALE-%05d\x27;\n", i, lastmon, i
		printf "%s\n", id > "/dev/fd/4"
	}
	print "INSERT OR IGNORE INTO wage_declarations SELECT id, y, 0 FROM " \
	    "units, (SELECT CAST(strftime(\x27%Y\x27, \x27now\x27, \x27+8 hours\x27) " \
	    "AS INTEGER) AS y UNION SELECT CAST(strftime(\x27%Y\x27, \x27now\x27, " \
	    "\x27+8 hours\x27) AS INTEGER) + 1);"
	print "COMMIT;"
}' 3>"$T/tg-rows.tsv" 4>"$T/jy-idnos.txt" >"$T/fixtures.sql" ||
	skip "cannot make the extra persons"
[ $(($(wc -l <"$T/tg-rows.tsv"))) -gt "$nw" ] || skip "extra persons: too few 身份证号"
for s in demo small large; do
	sql "$s" ".read $T/fixtures.sql" >/dev/null ||
		skip "cannot add the extra persons to the $s store"
done

# ---- Measuring ----

. "$src/tests/bench/irget.sh"

# The pids of the processes running program $1 of B/bin (one ls of
# every /proc/PID/exe link: a fork per process would take seconds).
workers() {
	ls -l /proc/[0-9]*/exe 2>/dev/null | awk -v prog="$b/bin/$1" '{
		i = index($0, " -> ")
		if (i == 0 || substr($0, i + 4) != prog) next
		if (match($0, /\/proc\/[0-9]+\/exe/))
			print substr($0, RSTART + 6, RLENGTH - 10)
	}'
}

# The CPU clock ticks of program $1: utime + stime + cutime + cstime
# (/proc/PID/stat fields 14-17, so that a reaped child's count is not
# lost) of all its processes, summed.
cpu_of() {
	for p in $(workers "$1"); do
		sed 's/.*) //' "/proc/$p/stat" 2>/dev/null
	done | awk '{ t += $12 + $13 + $14 + $15 } END { print t + 0 }'
}

# The largest VmRSS (kB) of program $1's processes (the parent is the
# smallest: this is the largest worker).
rss_of() {
	m=0
	for p in $(workers "$1"); do
		r=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null)
		[ -n "$r" ] && [ "$r" -gt "$m" ] && m=$r
	done
	echo "$m"
}

# Whether program $1's workers are all asleep (state S: waiting for a
# request).
asleep() {
	for p in $(workers "$1"); do
		st=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -d' ' -f1)
		[ "${st:-S}" = S ] || return 1
	done
	return 0
}

# Waits until program $1's workers are idle: asleep, and no CPU spent
# over 0.2 s (a request nginx gave up on at its 60 s timeout still runs
# to its end, and its CPU counts).  At most about 15 minutes.
wait_idle() {
	prev=$(cpu_of "$1")
	i=0
	while [ $i -lt 4500 ]; do
		sleep 0.2
		cur=$(cpu_of "$1")
		[ "$cur" = "$prev" ] && asleep "$1" && return
		prev=$cur
		i=$((i + 1))
	done
}

# cfg_block URL AUTH [DATA]: one request of a curl config: AUTH vip or
# rev (certificate and session) or pub (the public port, neither).
cfg_block() {
	printf 'url = "%s"\noutput = "/dev/null"\nsilent\nmax-time = 900\n' "$1"
	printf 'write-out = "%%{http_code} %%{time_total} %%{size_download}\\n"\n'
	printf 'cacert = "%s"\n' "$T/certs/ca.crt"
	case $2 in
	vip)
		printf 'cert = "%s"\ncookie = "__Host-hall_session=%s"\n' \
		    "$T/certs/unit-vip.pem" "$vip_cookie" ;;
	rev)
		printf 'cert = "%s"\ncookie = "__Host-hall_session=%s"\n' \
		    "$T/certs/reviewer.pem" "$rev_cookie" ;;
	esac
	[ $# -ge 3 ] && printf 'data = "%s"\n' "$3"
	echo next
}

# timed_run PROG CFG: runs the requests of CFG one after another over one
# curl (keep-alive), appending "code seconds bytes" per request to
# T/run.out, then waits until PROG's workers are idle.  Prints the
# milliseconds of the last request: curl's, or from the start to idle
# when nginx gave up on it (504).
timed_run() {
	t0=$(ms)
	curl -K "$2" >"$T/last.out" 2>/dev/null
	wait_idle "$1"
	t1=$(ms)
	cat "$T/last.out" >>"$T/run.out"
	awk -v w="$((t1 - t0))" '{ c = $1; t = $2 } END {
		print (c == 504 || t == "") ? w : int(t * 1000) }' "$T/last.out"
}

# The number of requests that fit in the budget after one of $1 ms:
# at least 1, at most $2.
fit() {
	awk -v t="$1" -v b="$budget" -v m="$2" 'BEGIN {
		n = t > 0 ? int(b * 1000 / t) : m
		if (n > m) n = m
		if (n < 1) n = 1
		print n }'
}

# run_lines PROG URLPATH AUTH FILE FIRST COUNT SLOW: requests for lines
# FIRST.. of FILE (a body per line, or "-" lines for GETs), COUNT of
# them, over one curl, or one curl each when SLOW is 1.
run_lines() {
	sed -n "$5,$(($5 + $6 - 1))p" "$4" >"$T/lines.txt"
	if [ "$7" = 1 ]; then
		while IFS= read -r line; do
			if [ "$line" = - ]; then
				cfg_block "$2" "$3"
			else
				cfg_block "$2" "$3" "$line"
			fi >"$T/one.cfg"
			timed_run "$1" "$T/one.cfg" >/dev/null
		done <"$T/lines.txt"
		return
	fi
	while IFS= read -r line; do
		if [ "$line" = - ]; then
			cfg_block "$2" "$3"
		else
			cfg_block "$2" "$3" "$line"
		fi
	done <"$T/lines.txt" >"$T/many.cfg"
	timed_run "$1" "$T/many.cfg" >/dev/null
}

# record KEY PROG TICKS: appends to T/res.$store "KEY n cpu_ms p50 p99
# rss_kb codes bytes" from T/run.out (kept as T/$store.KEY.out).
record() {
	rss=$(rss_of "$2")
	cp "$T/run.out" "$T/$store.$1.out"
	awk -v key="$1" -v ticks="$3" -v hz="$hz" -v rss="$rss" '
	{ n++; t[n] = $2 * 1000; codes[$1]++; bytes += $3 }
	END {
		if (n == 0) { print key, 0, "-", "-", "-", rss, "none", 0; exit }
		for (i = 2; i <= n; i++) {	# insertion sort: n is small
			v = t[i]; j = i - 1
			while (j >= 1 && t[j] > v) { t[j + 1] = t[j]; j-- }
			t[j + 1] = v
		}
		p50 = t[int((n * 50 + 99) / 100)]
		p99 = t[int((n * 99 + 99) / 100)]
		c = ""
		for (k in codes) c = c (c == "" ? "" : ",") k "x" codes[k]
		# Below one clock tick in all: "<" the tick over n.
		cpu = sprintf("<%.3f", 1000 / hz / n)
		if (ticks > 0)
			cpu = sprintf("%.3f", ticks * 1000 / hz / n)
		printf "%s %d %s %.2f %.2f %d %s %d\n", key, n, cpu, p50, p99,
		    rss, c, bytes / n
	}' "$T/run.out" >>"$T/res.$store"
}

# measure KEY PROG URL AUTH FILE MAX: the requests of FILE's lines (at
# most MAX): the first alone, then as many more as fit in the budget
# (one at a time when the first took over a second); the worker's CPU
# from idle to idle.  Records them.
measure() {
	wait_idle "$2"
	: >"$T/run.out"
	if [ ! -s "$5" ] || [ "$6" -lt 1 ]; then	# nothing to send
		record "$1" "$2" 0
		return
	fi
	c0=$(cpu_of "$2")
	t=$(sed -n 1p "$5" | { IFS= read -r line
		if [ "$line" = - ]; then cfg_block "$3" "$4"
		else cfg_block "$3" "$4" "$line"; fi; } >"$T/one.cfg"
	    timed_run "$2" "$T/one.cfg")
	n=$(fit "$t" "$6")
	slow=0
	[ "$t" -gt 1000 ] && slow=1
	[ "$n" -gt 1 ] && run_lines "$2" "$3" "$4" "$5" 2 $((n - 1)) "$slow"
	c1=$(cpu_of "$2")
	record "$1" "$2" $((c1 - c0))
}

# m_get KEY PROG PATH AUTH [MAX]: GETs PATH (on the public port for
# AUTH pub): one to warm up, then as many as fit in the budget (at most
# MAX, else SCALE_N); records them.  A program of B/bin that does not
# exist (not built yet) is said and skipped.
m_get() {
	if [ ! -x "$b/bin/$2" ]; then	# a program not in this build yet
		echo "  $1: no program $2 in $b/bin, not measured"
		return
	fi
	base=$url
	[ "$4" = pub ] && base=$puburl
	wait_idle "$2"
	: >"$T/run.out"
	cfg_block "$base$3" "$4" >"$T/one.cfg"
	timed_run "$2" "$T/one.cfg" >/dev/null
	i=0
	while [ $i -le "${5:-$nmax}" ]; do
		echo -
		i=$((i + 1))
	done >"$T/gets.txt"
	measure "$1" "$2" "$base$3" "$4" "$T/gets.txt" "${5:-$nmax}"
	ir_get "$1" "$2" "$3" "$4"
}

# ir_get KEY PROG PATH AUTH: appends "ir KEY N" to T/res.$store, N the
# instructions per request of PATH under callgrind (tests/bench/irget.sh:
# the program alone on a socket against the same store, SCALE_IR_N
# requests, 5), as AUTH; nothing when SCALE_IR=0 or valgrind is
# missing.  Instructions do not depend on the other load of the machine
# nor on a clock tick, so these ratios are the steady ones.
ir_get() {
	[ "${SCALE_IR:-1}" = 0 ] && return
	case $4 in
	vip) pem=$T/certs/unit-vip.pem tok=$vip_cookie ;;
	rev) pem=$T/certs/reviewer.pem tok=$rev_cookie ;;
	*) pem=$T/certs/unit-vip.pem tok=- ;;
	esac
	v=$(HALL_DB=$T/$store/hall.db HALL_XSL=$src/xsl \
	    HALL_CA=$T/$store/certs/ca.crt HALL_CRL=$T/$store/certs/ca.crl \
	    HALL_PUBLIC_URL=$puburl ir_per_request "$b" "$T" "$2" "$3" \
	    "${SCALE_IR_N:-5}" "$pem" "$tok" 2>>"$T/ir.err")
	[ -n "$v" ] && echo "ir $1 $v" >>"$T/res.$store"
}

# m_post KEY PROG PATH BODIES: POSTs lines of BODIES (distinct persons
# and tokens) to PATH as the VIP unit, as many as fit in the budget;
# records them.
m_post() {
	measure "$1" "$2" "$url$3" vip "$4" "$(($(wc -l <"$4")))"
}

# curl as user $1 (jar T/$1.jar, certificate $2); prints the status.
hcurl() {
	u=$1 pem=$2
	shift 2
	curl -s -o "$T/body" -w '%{http_code}' --max-time 60 \
	    --cacert "$T/certs/ca.crt" --cert "$pem" -b "$T/$u.jar" \
	    -c "$T/$u.jar" "$@"
}

# login USER PEM: logs in (changing the initial password) and prints
# the session cookie; nothing when it fails.
login() {
	u=$1 pem=$2
	rm -f "$T/$u.jar"
	pass=$(awk -v u="$u" '$1 == "用户名:" { cur = $2 }
	    $1 == "初始密码:" && cur == u { print $2; exit }' \
	    "$T/$store/demo.txt")
	newpass=Scale${port}pw
	code=$(hcurl "$u" "$pem" -d "username=$u" --data-urlencode \
	    "password=$pass" "$url/login") || code=000
	case $code in 30[123]) ;; *) return ;; esac
	hcurl "$u" "$pem" "$url/login/password?format=xml" >/dev/null
	csrf=$(sed -n 's/.*<session[^>]* csrf="\([0-9A-Za-z]*\)".*/\1/p' \
	    "$T/body" | head -n 1)
	if [ -n "$csrf" ]; then
		hcurl "$u" "$pem" --data-urlencode "old=$pass" -d "pw=$newpass" \
		    -d "pw2=$newpass" -d "csrf=$csrf" "$url/login/password" \
		    >/dev/null
		# A session of its own with the new password.
		rm -f "$T/$u.jar"
		code=$(hcurl "$u" "$pem" -d "username=$u" \
		    --data-urlencode "password=$newpass" "$url/login") ||
			code=000
		case $code in 30[123]) ;; *) return ;; esac
	fi
	awk '$6 == "__Host-hall_session" { v = $7 } END { print v }' \
	    "$T/$u.jar"
}

# The CSRF token of user $1's session (from /home as XML).
csrf_of() {
	hcurl "$1" "$2" "$url/home?format=xml" >/dev/null
	sed -n 's/.*<session[^>]* csrf="\([0-9A-Za-z]*\)".*/\1/p' "$T/body" |
	    head -n 1
}

# Everything measured on store $store.
measure_store() {
	tries=0
	while :; do
		port=$(hall_pick_port)
		sh "$run" start "$T/$store" "$b/bin" "$port" "$src" \
		    >"$T/$store.start.log" 2>&1 && break
		tries=$((tries + 1))
		sh "$run" stop "$T/$store" >/dev/null 2>&1
		[ $tries -lt 5 ] || { tail -n 20 "$T/$store.start.log";
			echo "scale: the hall did not start on the $store store"
			return; }
	done
	url=https://127.0.0.1:$port
	puburl=https://127.0.0.1:$((port + 1))
	vip_cookie=$(login demo-vip "$T/certs/unit-vip.pem")
	rev_cookie=$(login demo-reviewer "$T/certs/reviewer.pem")
	if [ -z "$vip_cookie" ] || [ -z "$rev_cookie" ]; then
		echo "scale: login failed on the $store store"
		sh "$run" stop "$T/$store" >/dev/null 2>&1
		return
	fi
	csrf=$(csrf_of demo-vip "$T/certs/unit-vip.pem")
	query=$(tail -n 1 "$T/jy-idnos.txt")
	echo "measuring the $store store on $url ..."

	m_get home home /home vip
	m_get jianyuan jianyuan /jianyuan vip
	m_get jianyuan-query jianyuan "/jianyuan?sfzh=$query" vip
	m_get tuigong-form tuigong /tuigong vip
	# The HR systems' feed (issue 13): its first page of 100 persons,
	# read by index whatever the unit's size.
	m_get feed feed "/feed?limit=100" vip

	# 退工: 保存 then 提交 of nw persons, each its own token.
	head -n "$nw" "$T/tg-rows.tsv" | while IFS='	' read -r name idno cno; do
		printf 'csrf=%s&token=%s&name=%s&sfzh=%s&sex=%s&hukou_type=%s&reason=%s&end_date=%s&contract_no=%s&contract_start=2020-01-01&contract_end=2030-12-31&handler_name=%s&handler_phone=13900000000\n' \
		    "$csrf" "$(token)" "$(enc "$name")" "$idno" "$(enc 男)" \
		    "$(enc 城镇)" "$(enc 协商一致解除)" "$today" "$cno" \
		    "$(enc 经办人)"
	done >"$T/tg-saves.txt"
	m_post tuigong-save tuigong /tuigong/save "$T/tg-saves.txt"
	tgset="SELECT g.task_id FROM tuigong g WHERE g.row_no = 0 AND
	    g.contract_no LIKE 'TGSCALE-%'"
	saved=$(sql "$store" "SELECT COUNT(*) FROM tasks WHERE state = '未提交'
	    AND id IN ($tgset)")
	# The materials of 协商一致解除, as if uploaded (not measured).
	sql "$store" "INSERT INTO attachments (task_id, kind, filename, mime,
	    size, sha256, data, uploaded_at) SELECT i.task_id, k.kind,
	    'bench.pdf', 'application/pdf',
	    length(readfile('$src/tests/unit/fixtures/files/ok.pdf')), 'bench',
	    readfile('$src/tests/unit/fixtures/files/ok.pdf'), 0 FROM ($tgset) i,
	    (SELECT 'jiechu_zhengming' AS kind UNION ALL SELECT 'sfz_copy') k"
	sql "$store" "SELECT id FROM tasks WHERE state = '未提交' AND id IN
	    ($tgset) ORDER BY id" | sed "s/^/csrf=$csrf\&id=/" >"$T/tg-submits.txt"
	m_post tuigong-submit tuigong /tuigong/submit "$T/tg-submits.txt"
	done_tg=$(sql "$store" "SELECT COUNT(*) FROM tasks WHERE state = '结束'
	    AND id IN ($tgset)")
	task=$(sql "$store" "SELECT MAX(id) FROM tasks WHERE state = '结束' AND
	    id IN ($tgset)")
	echo "  退工: $saved of $nw saved, $done_tg submitted and ended"
	if [ -n "$task" ]; then
		m_get tuigong-task tuigong "/tuigong?id=$task" vip
		# Its 《退工登记证明》, printed once: a receipt to verify.
		hcurl demo-vip "$T/certs/unit-vip.pem" \
		    "$url/print/tuigong?id=$task" >/dev/null
	fi

	# 减员: 保存 then 提交 of nw persons, each its own token.
	head -n "$nw" "$T/jy-idnos.txt" | while read -r idno; do
		pid=$(sql "$store" "SELECT id FROM persons WHERE idno = '$idno'")
		printf 'csrf=%s&token=%s&reason=%s&change_date=%s&pid=%s\n' \
		    "$csrf" "$(token)" "$(enc 停缴费)" "$today" "$pid"
	done >"$T/jy-saves.txt"
	m_post jianyuan-save jianyuan /jianyuan/save "$T/jy-saves.txt"
	jyset="SELECT j.task_id FROM jianyuan j JOIN persons p ON
	    p.id = j.person_id WHERE p.name LIKE '减员压测%'"
	saved=$(sql "$store" "SELECT COUNT(*) FROM tasks WHERE state = '未提交'
	    AND id IN ($jyset)")
	sql "$store" "SELECT id FROM tasks WHERE state = '未提交' AND id IN
	    ($jyset) ORDER BY id" | sed "s/^/csrf=$csrf\&id=/" >"$T/jy-submits.txt"
	m_post jianyuan-submit jianyuan /jianyuan/submit "$T/jy-submits.txt"
	done_jy=$(sql "$store" "SELECT COUNT(*) FROM tasks WHERE state = '结束'
	    AND id IN ($jyset)")
	echo "  减员: $saved of $nw saved, $done_jy submitted and ended"

	m_get print print /print vip
	m_get biangeng-records biangeng /biangeng/records vip
	m_get review review /review rev
	m_get review-done review "/review?state=done" rev
	# The two 监管 pages (issue 13): the unit's and the office's.  A
	# path its program answers 404 (or a program missing) is still
	# recorded, with its status, and never stops the run.
	m_get jianguan jianguan /jianguan vip
	m_get jiandu jiandu /jiandu rev
	m_get jiandu-returns jiandu /jiandu/returns rev
	rc=$(sql "$store" "SELECT receipt_no || '&code=' || code FROM receipts
	    ORDER BY (task_id = ${task:-0}) DESC, id DESC LIMIT 1")
	[ -n "$rc" ] && m_get verify verify "/verify?no=$rc" pub 25
	sh "$run" stop "$T/$store" >/dev/null 2>&1

	# The whole audit chain, walked.
	rows=$(sql "$store" "SELECT COUNT(*) FROM audit")
	t0=$(ms)
	"$admin" -d "$T/$store/hall.db" audit-verify >"$T/$store.verify.out" \
	    2>&1 || echo "scale: audit-verify failed on the $store store"
	t1=$(ms)
	echo "audit-verify $rows $((t1 - t0))" >>"$T/res.$store"
}

for store in demo small large; do
	echo "# $store" >"$T/res.$store"
	measure_store
done

# ---- The table ----
echo
echo "CPU: the program's worker CPU per request (ms), all its workers summed;"
echo "p50/p99: latency (ms); RSS: the largest worker's VmRSS after the"
echo "requests (MB); n: requests measured.  Targets (issue 8): large at most"
echo "1.5x demo per request (l:d); RSS at most 20 MB after any request.  l:s"
echo "is large against small: the same full pages, only the store's size differs."
awk '
FNR == 1 { f++ }
/^#/ { next }
$1 == "audit-verify" { av[f] = $2 " " $3; next }
$1 == "ir" {
	if (!($2 in iseen)) { iseen[$2] = 1; ikeys[++ni] = $2 }
	ir[f, $2] = $3; next
}
{
	if (!($1 in seen)) { seen[$1] = 1; keys[++nk] = $1 }
	n[f, $1] = $2; cpu[f, $1] = $3; p50[f, $1] = $4; p99[f, $1] = $5
	rss[f, $1] = $6; codes[f, $1] = $7; bytes[f, $1] = $8
}
# ratio(A, B): "Rx" of store B against store A for key k, "-" when
# either is missing or below a tick on A.
function ratio(a, b, k) {
	if (cpu[a, k] !~ /^</ && cpu[a, k] > 0 && cpu[b, k] != "" &&
	    cpu[b, k] !~ /^</)
		return sprintf("%.1fx", cpu[b, k] / cpu[a, k])
	return "-"
}
# verdict(A, B): met / NOT met / - for store B at most 1.5x store A.
function verdict(a, b, k) {
	if (cpu[a, k] !~ /^</ && cpu[a, k] > 0 && cpu[b, k] != "" &&
	    cpu[b, k] !~ /^</)
		return cpu[b, k] / cpu[a, k] <= 1.5 ? "met" : "NOT met"
	if (cpu[b, k] ~ /^</ && cpu[a, k] != "")
		return "met"	# below a tick on the large store
	return "-"
}
END {
	printf "%-17s %9s %6s %6s %6s %6s %-7s %6s %-7s %13s %13s %5s %5s %-7s %s\n",
	    "request", "n d/s/l", "CPU d", "CPU s", "CPU l", "l:d", "<=1.5x",
	    "l:s", "<=1.5x", "p50/p99 d", "p50/p99 l", "RSS d", "RSS l",
	    "<=20MB", "status (demo | large), KB/answer"
	met = 0; missed = 0; smet = 0; smissed = 0
	for (i = 1; i <= nk; i++) {
		k = keys[i]
		rt = verdict(1, 3, k); st = verdict(2, 3, k)
		mt = (rss[1, k] <= 20 * 1024 && rss[2, k] <= 20 * 1024 &&
		    rss[3, k] <= 20 * 1024) ? "met" : "NOT met"
		if (rt == "met") met++; else if (rt != "-") missed++
		if (st == "met") smet++; else if (st != "-") smissed++
		if (mt == "met") met++; else missed++
		printf "%-17s %9s %6s %6s %6s %6s %-7s %6s %-7s %13s %13s %5.1f %5.1f %-7s %s %.1f | %s %.1f\n",
		    k, n[1, k] "/" n[2, k] "/" n[3, k], cpu[1, k], cpu[2, k],
		    cpu[3, k], ratio(1, 3, k), rt, ratio(2, 3, k), st,
		    p50[1, k] "/" p99[1, k], p50[3, k] "/" p99[3, k],
		    rss[1, k] / 1024, rss[3, k] / 1024, mt, codes[1, k],
		    bytes[1, k] / 1024, codes[3, k], bytes[3, k] / 1024
	}
	printf "targets (l:d and RSS): %d met, %d not met; l:s (same pages): %d met, %d not met\n",
	    met, missed, smet, smissed
	if (ni > 0) {
		printf "\ninstructions per request (callgrind, the program alone on the same store):\n"
		printf "%-17s %10s %10s %10s %6s %-7s %6s %-7s\n", "request", "demo",
		    "small", "large", "l:d", "<=1.5x", "l:s", "<=1.5x"
		for (i = 1; i <= ni; i++) {
			k = ikeys[i]
			rd = ir[1, k] > 0 && ir[3, k] > 0 ? ir[3, k] / ir[1, k] : -1
			rs = ir[2, k] > 0 && ir[3, k] > 0 ? ir[3, k] / ir[2, k] : -1
			printf "%-17s %10s %10s %10s %6s %-7s %6s %-7s\n", k, ir[1, k],
			    ir[2, k], ir[3, k],
			    rd < 0 ? "-" : sprintf("%.2fx", rd),
			    rd < 0 ? "-" : rd <= 1.5 ? "met" : "NOT met",
			    rs < 0 ? "-" : sprintf("%.2fx", rs),
			    rs < 0 ? "-" : rs <= 1.5 ? "met" : "NOT met"
		}
	}
	for (f = 1; f <= 3; f++) {
		split(av[f], a, " ")
		if (a[2] > 0)
			printf "audit-verify %-6s %9d rows in %6d ms: %9.0f rows/s\n",
			    f == 1 ? "demo" : f == 2 ? "small" : "large", a[1], a[2],
			    a[1] * 1000 / a[2]
	}
}' "$T/res.demo" "$T/res.small" "$T/res.large"
echo "(CPU resolution: 1 clock tick = $((1000 / hz)) ms over n requests;" \
    "latency under other load on this machine varies, CPU much less)"
exit 0
