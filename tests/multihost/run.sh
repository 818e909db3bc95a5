#!/bin/sh
# run.sh test|bench SRCDIR B: the hall's programs on two hosts behind
# one nginx (make test-multihost, make bench-hosts).  Needs root (ip
# netns, veth); skips with a message otherwise.
#
# Two network namespaces (hallh1-PID, hallh2-PID) stand for two hosts,
# each joined to this (the root) namespace by a veth pair on a private
# 10.231.X.0/24 network; each runs every program of B/bin on its own
# address with nginx/run.sh host (FCGI_WEB_SERVER_ADDRS set to nginx's
# address on that network, so libfcgi refuses any other client).  nginx
# runs here with nginx/run.sh start and HALL_HOSTS naming both hosts:
# an upstream per program over them.
#
# Both hosts use the SAME store: one SQLite file in WAL mode (namespaces
# share the filesystem, so that works on one machine, and only here), or
# under make test-pg (HALL_TEST_PG set) one PostgreSQL database of the
# test cluster, reached over its unix socket: the store hosts on
# different machines share.
#
# test: B/multihost/mh-load (tests/multihost/mh_load.c) runs MH_CLIENTS
#   (4) client processes through nginx with the VIP unit's certificate
#   and one session, each a stream of 退工 saves (GET the form for its
#   one-time token, POST /tuigong/save), MH_PEOPLE (240) in all, one
#   employee each.  Once a third are acknowledged, every process of
#   host 1 is killed with SIGKILL (ip netns pids | kill -9).  A save that
#   gets no answer (502, a dropped connection) is sent again with the
#   same form and token until it gets one.  Asserts:
#   (a) every save acknowledged to a client (303 to /tuigong?id=N) is
#       in the store: task N with that token, and its 退工 row;
#   (b) exactly one task per token, and one 退工 task per employee;
#   (c) after the kill, host 2 kept answering: saves acknowledged after
#       it, and GET /home answered 200 ten times out of ten at the end;
#   (d) nginx took host 1 out (error.log: "upstream server temporarily
#       disabled" for host 1's address), and before the kill both hosts
#       had answered (the access log's up= names both);
#   (e) before the load: host 2 answers a FastCGI request from nginx's
#       address, and not one from its own;
#   and that every save was acknowledged, none failed, nothing of host 1
#   is left running, a save sent again at the end with its token is
#   answered with its task (repeat=1), run.sh stop stops host 2, and no
#   log holds a sanitizer report or a whole 身份证号.  Prints submits,
#   acknowledged, retried (the POSTs sent again), repeat (answers naming
#   a task an earlier, lost send had made) and found.
# bench: the same load (MH_BENCH_PEOPLE, 240 a run, 8 clients), no
#   kill, through an nginx whose upstreams name host 1 only and through
#   one naming both, alternately, MH_BENCH_ROUNDS (3) rounds after a
#   warm-up round not counted: saves per second of each and the ratio
#   two : one.  Figures only.
#
# Namespaces, veths, processes and the temporary folder are removed on
# every exit (trap).  HALL_TEST_KEEP=1 keeps the folder.
set -u

[ $# -eq 3 ] || { echo "usage: run.sh test|bench SRCDIR B" >&2; exit 2; }
mode=$1
case $mode in test | bench) ;; *) echo "run.sh: test or bench" >&2; exit 2 ;; esac
if [ "$(id -u)" -ne 0 ]; then
	echo "multihost: skipped: needs root (network namespaces and veth pairs)"
	exit 0
fi
command -v ip >/dev/null || PATH=$PATH:/usr/sbin:/sbin
command -v ip >/dev/null || { echo "multihost: ip (iproute2) missing" >&2; exit 1; }
if [ -z "${HALL_TEST_PG:-}" ]; then
	command -v sqlite3 >/dev/null || { echo "multihost: sqlite3 missing" >&2; exit 1; }
fi

src=$(cd "$2" && pwd) || exit 2
. "$src/tests/hall-env.sh"
hall_env_tmp=mh
hall_env_init multihost "$2" "$3"
load=$b/multihost/mh-load
[ -x "$load" ] || hall_fail "no $load"

ns1=hallh1-$$
ns2=hallh2-$$
base=9100

# Removes the namespaces (after killing what runs in them: only this
# run's hosts) and the veth pairs.
mh_net_down() {
	for ns in "$ns1" "$ns2"; do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
	ip link del "mhv1-$$" 2>/dev/null
	ip link del "mhv2-$$" 2>/dev/null
	return 0
}

# EXIT trap: stops the clients, nginx and the hosts, removes the
# network, then T.
mh_cleanup() {
	[ -n "${lpid:-}" ] && kill "$lpid" 2>/dev/null
	for d in front front1 front2 h1 h2; do
		[ -d "$T/$d" ] && sh "$run" stop "$T/$d" >/dev/null 2>&1
	done
	mh_net_down
	hall_env_cleanup
}
trap mh_cleanup EXIT

# A free 10.231.X.0/24 pair: X and X+1 not on any interface here.
mh_pick_net() {
	x=$(($$ % 120 * 2 + 10))
	while ip -4 addr show | grep -q "inet 10\.231\.\($x\|$((x + 1))\)\."; do
		x=$((x + 2))
		[ $x -lt 250 ] || hall_fail "no free 10.231.X.0/24 network"
	done
	echo "$x"
}

# Makes host $1 (1 or 2): namespace, veth on 10.231.$2.0/24 (.1 here,
# .2 in the namespace), lo up.
mh_host_net() {
	ns=hallh$1-$$
	ip netns add "$ns" || hall_fail "ip netns add $ns"
	ip link add "mhv$1-$$" type veth peer name "mhp$1-$$" ||
		hall_fail "ip link add veth"
	ip link set "mhp$1-$$" netns "$ns" &&
		ip addr add "10.231.$2.1/24" dev "mhv$1-$$" &&
		ip link set "mhv$1-$$" up &&
		ip netns exec "$ns" ip addr add "10.231.$2.2/24" dev "mhp$1-$$" &&
		ip netns exec "$ns" ip link set "mhp$1-$$" up &&
		ip netns exec "$ns" ip link set lo up ||
		hall_fail "cannot set up the network of $ns"
}

# Starts every program on host $1 (network 10.231.$2.0/24) with
# nginx/run.sh host, its state in T/h$1, the shared store T/hall.db.
mh_host_start() {
	mkdir -p "$T/h$1" && ln -s "$T/certs" "$T/h$1/certs" ||
		hall_fail "cannot make $T/h$1"
	ip netns exec "hallh$1-$$" env HALL_DB="$mhdb" \
	    HALL_PUBLIC_URL="https://127.0.0.1:$((port + 1))" \
	    FCGI_WEB_SERVER_ADDRS="10.231.$2.1" WORKERS=2 \
	    sh "$run" host "$T/h$1" "$b/bin" "10.231.$2.2" "$base" "$src" \
	    >>"$T/h$1.log" 2>&1 || {
		cat "$T/h$1.log" >&2
		hall_fail "host $1 did not start"
	}
}

# Starts nginx in T/$1 on port $2 with the programs on hosts $3.
mh_front() {
	mkdir -p "$T/$1" && ln -s "$T/certs" "$T/$1/certs" ||
		hall_fail "cannot make $T/$1"
	HALL_HOSTS=$3 HALL_BASEPORT=$base sh "$run" start "$T/$1" "$b/bin" \
	    "$2" "$src" >"$T/$1.log" 2>&1 || {
		cat "$T/$1.log" >&2
		hall_fail "nginx ($1) did not start"
	}
}

# SQL making $2 employees of the VIP unit from number $1 on (在职 on a
# contract to 2030, 减员 done: 暂停缴费), and their lines for mh-load
# (name TAB 身份证号 TAB 合同编号) on fd 3.  As tests/bench/bench.sh's.
mh_people() {
	if [ -n "${HALL_TEST_PG:-}" ]; then
		begin="BEGIN;" last="currval(pg_get_serial_sequence('persons', 'id'))"
	else
		begin="BEGIN IMMEDIATE;" last="last_insert_rowid()"
	fi
	awk -v from="$1" -v n="$2" -v begin="$begin" -v last="$last" 'BEGIN {
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
		split("1 0 X 9 8 7 6 5 4 3 2", cd, " ")
		print begin
		for (i = from; i < from + n; i++) {
			id = sprintf("110106%04d%02d%02d2%02d", 1960 + i % 40,
			    1 + int(i / 40) % 12, 1 + int(i / 480) % 28,
			    int(i / 13440) % 100)
			s = 0
			for (k = 1; k <= 17; k++)
				s += substr(id, k, 1) * w[k]
			id = id cd[s % 11 + 1]
			bd = substr(id, 7, 4) "-" substr(id, 11, 2) "-" substr(id, 13, 2)
			printf "INSERT INTO persons (idno, name, sex, birth) VALUES " \
			    "(\x27%s\x27, \x27多机%05d\x27, \x27男\x27, \x27%s\x27);\n",
			    id, i, bd
			printf "INSERT INTO employments (person_id, unit_id, " \
			    "contract_no, start_date, end_date, registered_at) SELECT " \
			    last ", u.id, \x27MH-%05d\x27, " \
			    "\x272020-01-01\x27, \x272030-12-31\x27, \x272020-01-01\x27 " \
			    "FROM units u WHERE u.vip = 1 LIMIT 1;\n", i
			printf "INSERT INTO insurance (person_id, unit_id, sb_no, " \
			    "start_month, status, stop_month) SELECT person_id, unit_id, " \
			    "\x27MH%05d\x27, \x272020-01\x27, \x27暂停缴费\x27, " \
			    "\x272026-01\x27 FROM employments WHERE contract_no = " \
			    "\x27MH-%05d\x27;\n", i, i
			printf "多机%05d\t%s\tMH-%05d\n", i, id, i > "/dev/fd/3"
		}
		print "COMMIT;"
	}'
}

# Runs the SQL $1 on the store; prints its output.
mh_sql() {
	if [ -n "${HALL_TEST_PG:-}" ]; then
		psql -X -q -At -v ON_ERROR_STOP=1 "$mhdb" -c "$1"
	else
		sqlite3 -cmd '.timeout 10000' "$T/hall.db" "$1"
	fi
}

# Runs the SQL file $1 on the store.
mh_sql_file() {
	if [ -n "${HALL_TEST_PG:-}" ]; then
		psql -X -q -At -v ON_ERROR_STOP=1 "$mhdb" -f "$1"
	else
		sqlite3 -cmd '.timeout 10000' "$T/hall.db" ".read $1"
	fi
}

# Adds $2 employees from number $1 on to the store and writes their
# lines to T/$3.
mh_add_people() {
	mh_people "$1" "$2" 3>"$T/$3" >"$T/$3.sql" &&
		mh_sql_file "$T/$3.sql" >/dev/null ||
		hall_fail "cannot add the employees of $3"
}

# The environment of mh-load (tests/http/client.c) for nginx on port $1.
mh_client_env() {
	HALL_TEST_URL=https://127.0.0.1:$1
	HALL_TEST_CERTS=$T/certs
	HALL_TEST_DB=$mhdb
	export HALL_TEST_URL HALL_TEST_CERTS HALL_TEST_DB
}

# The temporary hall: certificates, the demo store (WAL), both hosts'
# networks and programs.
sh "$src/certs/mkcerts.sh" "$T/certs" >"$T/mkcerts.log" 2>&1 || {
	cat "$T/mkcerts.log" >&2; hall_fail "mkcerts.sh failed"; }
HALL_PBKDF2_ITER=1000
export HALL_PBKDF2_ITER
mhdb=$T/hall.db
if [ -n "${HALL_TEST_PG:-}" ]; then
	hall_pgdb=hall_mh_$$	# dropped by hall_env_cleanup
	psql -X -q "$HALL_TEST_PG dbname=postgres" -c \
	    "CREATE DATABASE $hall_pgdb" >/dev/null ||
		hall_fail "cannot create database $hall_pgdb"
	mhdb="$HALL_TEST_PG dbname=$hall_pgdb"
fi
"$b/bin/hall-admin" -d "$mhdb" init >"$T/init.log" 2>&1 ||
	hall_fail "hall-admin init failed"
"$b/bin/hall-admin" -d "$mhdb" demo "$T/certs" "$T/demo.txt" \
    >/dev/null || hall_fail "hall-admin demo failed"
if [ -z "${HALL_TEST_PG:-}" ]; then
	[ "$(mh_sql 'PRAGMA journal_mode')" = wal ] ||
		hall_fail "the store is not in WAL mode"
fi
today=$(TZ=Asia/Shanghai date +%Y-%m-%d)
net=$(mh_pick_net)
ip1=10.231.$net.2
ip2=10.231.$((net + 1)).2
port=$(hall_pick_port)
mh_host_net 1 "$net"
mh_host_net 2 $((net + 1))
mh_host_start 1 "$net"
mh_host_start 2 $((net + 1))
cmp -s "$T/h1/ports" "$T/h2/ports" || hall_fail "the hosts' port maps differ"

# Prints "ok" or "FAIL" ($1 ok or not) and the message $2 ...;
# counts the failures.
check() {
	r=$1
	shift
	if [ "$r" = ok ]; then
		echo "ok   $*"
	else
		echo "FAIL $*" >&2
		fails=$((fails + 1))
	fi
}
fails=0

# ---- bench ----
if [ "$mode" = bench ]; then
	per=${MH_BENCH_PEOPLE:-240}
	rounds=${MH_BENCH_ROUNDS:-3}
	mh_front front1 "$port" "$ip1"
	port2=$(hall_pick_port)
	[ "$port2" = "$port" ] && port2=$(hall_pick_port)
	mh_front front2 "$port2" "$ip1 $ip2"
	: >"$T/rates"
	r=0	# round 0 warms both paths up (connections, caches): not counted
	while [ "$r" -le "$rounds" ]; do
		for f in 1 2; do
			mh_add_people $(((r * 2 + f) * per)) "$per" "people$r$f"
			[ $f = 1 ] && p=$port || p=$port2
			mh_client_env "$p"
			"$load" "$T/out$r$f" "$T/people$r$f" 8 "$today" \
			    >"$T/load$r$f.txt" 2>"$T/load$r$f.err" || {
				cat "$T/load$r$f.txt" "$T/load$r$f.err" >&2
				hall_fail "the load failed"
			}
			set -- $(cat "$T/load$r$f.txt")
			echo "round $r, $f host(s): $4 saves acknowledged in" \
			    "${12} ms: ${14} saves/s$([ $r = 0 ] && echo \
			    ' (warm-up, not counted)')"
			[ $r = 0 ] || echo "$f $4 ${12}" >>"$T/rates"
		done
		r=$((r + 1))
	done
	awk '{ n[$1] += $2; ms[$1] += $3 } END {
		r1 = ms[1] > 0 ? n[1] * 1000 / ms[1] : 0
		r2 = ms[2] > 0 ? n[2] * 1000 / ms[2] : 0
		q = (r1 > 0) ? r2 / r1 : 0
		printf "one host: %.1f saves/s   two hosts: %.1f saves/s   " \
		    "ratio two : one = %.2f\n", r1, r2, q }' \
	    "$T/rates"
	if [ -n "${HALL_TEST_PG:-}" ]; then
		echo "What limits it: both hosts write one PostgreSQL database," \
		    "whose writing transactions queue on one advisory lock (as" \
		    "BEGIN IMMEDIATE on SQLite: the 业务顺序号 and the audit" \
		    "chain need one order), and both namespaces share this" \
		    "machine's $(nproc) CPUs with PostgreSQL, nginx and the" \
		    "clients; a second host adds CPUs only on another machine."
	else
		echo "What limits it: both hosts write one SQLite file, whose writes" \
		    "are serialised (BEGIN IMMEDIATE), and both namespaces share this" \
		    "machine's $(nproc) CPUs with nginx and the clients; a second host" \
		    "adds CPUs only on another machine, and writes only with a store" \
		    "that takes them in parallel (PostgreSQL, make bench-pg)."
	fi
	exit 0
fi

# ---- test ----
# (e) Only nginx's address may speak FastCGI to a host (libfcgi's
# FCGI_WEB_SERVER_ADDRS, as README.md advises beside the firewall): a
# request to host 2's verify from host 2's own address gets no answer,
# the same from nginx's end of the veth does.
vport=$(awk '$1 == "verify" { print $2 }' "$T/h2/ports")
set -- "$ip2:$vport" 1 REQUEST_METHOD=GET SCRIPT_NAME=/verify \
    DOCUMENT_URI=/verify REQUEST_URI=/verify QUERY_STRING= \
    SERVER_PROTOCOL=HTTP/1.1 HTTPS=on
ip netns exec "$ns2" "$b/bench/fcgi-get" "$@" >"$T/fcgi-other.txt" 2>&1
other=$?
"$b/bench/fcgi-get" "$@" >"$T/fcgi-nginx.txt" 2>&1
[ "$other" -ne 0 ] && grep -q 'request 1 failed' "$T/fcgi-other.txt" &&
    grep -q '^Status: ' "$T/fcgi-nginx.txt" && r=ok || r=no
check "$r" "(e) a host answers FastCGI from nginx's address only" \
    "($(head -c 40 "$T/fcgi-nginx.txt" | head -n 1 | tr -d '\r'))"

people=${MH_PEOPLE:-240}
clients=${MH_CLIENTS:-4}
mh_front front "$port" "$ip1 $ip2"
mh_add_people 1 "$people" people
mh_client_env "$port"
"$load" "$T/out" "$T/people" "$clients" "$today" >"$T/load.txt" 2>"$T/load.err" &
lpid=$!
# Kill host 1 once a third of the saves are acknowledged, at a moment
# when nginx holds a connection to host 1's tuigong (a request under
# way there, most likely; at most 20 looks), so that the kill
# most likely loses a save already sent.
kill_at=$((people / 3))
tgport=$(awk '$1 == "tuigong" { print $2 }' "$T/h1/ports")
killed=0
while kill -0 "$lpid" 2>/dev/null; do
	acks=$(cat "$T"/out.* 2>/dev/null | grep -c '^ack')
	if [ "$acks" -ge "$kill_at" ]; then
		i=0
		while [ $i -lt 20 ] && [ -z "$(ip netns exec "$ns1" ss -Htn \
		    state established "( sport = :$tgport )" 2>/dev/null)" ]; do
			i=$((i + 1))
			sleep 0.02
		done
		kill_ms=$(date +%s%3N)
		ip netns pids "$ns1" | xargs -r kill -9 2>/dev/null
		# The clients must still be at work for the kill to count.
		kill -0 "$lpid" 2>/dev/null && killed=1
		echo "multihost: killed every process of host 1 ($ip1) after" \
		    "$acks acknowledged saves"
		break
	fi
	sleep 0.05
done
wait "$lpid"
lrc=$?
cat "$T/load.txt" "$T/load.err"
[ "$killed" = 1 ] ||
	hall_fail "the load ended before host 1 was killed (a slow machine?)"
[ -z "$(ip netns pids "$ns1")" ] && r=ok || r=no
check "$r" "nothing of host 1 runs after the kill"
[ "$lrc" -eq 0 ] && r=ok || r=no
check "$r" "every client ended, no save refused or left without an answer"

# The acknowledged saves: token, task id, time.
cat "$T"/out.* | awk '$1 == "ack" { print $2 "|" $3 "|" $5 "|" $6 }' \
    >"$T/acks"
set -- $(cat "$T/load.txt")
submits=$2 acked=$4 retried=$6
nack=$(($(wc -l <"$T/acks")))
repeat=$(grep -c '|repeat$' "$T/acks")
[ "$submits" -eq "$people" ] && [ "$acked" -eq "$people" ] &&
    [ "$nack" -eq "$people" ] && r=ok || r=no
check "$r" "all $people saves acknowledged ($acked)"

{
	echo "CREATE TEMP TABLE ack (token TEXT, id INTEGER, ms INTEGER, how TEXT);"
	echo ".mode list"
	echo ".separator |"
	echo ".import $T/acks ack"
} >"$T/acks.sql"
# Runs the SQL $1 on the store with the acknowledged saves in the
# temporary table ack; prints its output.
mh_ack_sql() {
	if [ -n "${HALL_TEST_PG:-}" ]; then
		psql -X -q -At -v ON_ERROR_STOP=1 "$mhdb" \
		    -c "CREATE TEMP TABLE ack (token TEXT, id BIGINT, ms BIGINT, how TEXT)" \
		    -c "\\copy ack FROM '$T/acks' WITH (DELIMITER '|')" -c "$1"
	else
		sqlite3 -cmd '.timeout 10000' "$T/hall.db" ".read $T/acks.sql" "$1"
	fi
}
# (a) each acknowledged save is its task, with its token and 退工 row.
found=$(mh_ack_sql "SELECT COUNT(*) FROM ack a JOIN tasks t ON t.id = a.id AND
     t.dedup_key = 'tg:' || a.token JOIN tuigong g ON g.task_id = t.id
     AND g.row_no = 0 AND g.contract_no LIKE 'MH-%'")
[ "$found" -eq "$nack" ] && r=ok || r=no
check "$r" "(a) every acknowledged save is in the store ($found of $nack)"
# (b) one task per token, one 退工 task per employee.
per_token=$(mh_ack_sql "SELECT COUNT(*) FROM tasks WHERE dedup_key IN
     (SELECT 'tg:' || token FROM ack)")
tokens=$(cut -d'|' -f1 "$T/acks" | sort -u | wc -l)
ids=$(cut -d'|' -f2 "$T/acks" | sort -u | wc -l)
per_person=$(mh_sql "SELECT COUNT(*) FROM tuigong g JOIN tasks t ON
    t.id = g.task_id WHERE g.row_no = 0 AND g.contract_no LIKE 'MH-%'")
[ "$per_token" -eq "$tokens" ] && [ "$ids" -eq "$tokens" ] &&
    [ "$per_person" -eq "$people" ] && r=ok || r=no
check "$r" "(b) one task per token ($per_token tasks, $tokens tokens," \
    "$ids task ids; $per_person 退工 tasks for $people employees)"
# (c) host 2 answered after the kill.
after=$(awk -F'|' -v k="$kill_ms" '$3 > k' "$T/acks" | wc -l)
homes=$(sed -n 's/.*home_ok \([0-9]*\)\/.*/\1/p' "$T/load.txt")
[ "$after" -ge 1 ] && [ "${homes:-0}" -eq 10 ] && r=ok || r=no
check "$r" "(c) host 2 answered after the kill: $after saves" \
    "acknowledged after it, GET /home 200 ${homes:-0} times of 10"
# (b) again, on purpose: client 0's first save (made before the kill,
# by either host) sent again by mh-load at the end with its token is
# answered by host 2 with the same task (repeat=1); the counts above,
# taken after it, show no task added.
same=$(sed -n 's/.* resend_same \([0-9]*\).*/\1/p' "$T/load.txt")
[ "${same:-0}" = 1 ] && r=ok || r=no
check "$r" "(b) a save sent again after the kill with its token answers" \
    "its task (repeat=1), no second one"
# (d) nginx took host 1 out; both hosts had answered before.
dis=$(grep -c "upstream server temporarily disabled.*\"fastcgi://$ip1:" \
    "$T/front/log/error.log")
up1=$(grep -c "up=$ip1:" "$T/front/log/access.log")
up2=$(grep -c "up=$ip2:" "$T/front/log/access.log")
[ "$dis" -ge 1 ] && [ "$up1" -ge 1 ] && [ "$up2" -ge 1 ] && r=ok || r=no
check "$r" "(d) nginx disabled host 1 $dis times; answers by host 1:" \
    "$up1, by host 2: $up2"
# nginx/run.sh stop stops a host: nothing of host 2 runs after it.
sh "$run" stop "$T/front" >/dev/null 2>&1
sh "$run" stop "$T/h2" >/dev/null 2>&1
[ -z "$(ip netns pids "$ns2")" ] && r=ok || r=no
check "$r" "run.sh stop stopped host 2"
# With every log complete: the programs' logs hold no sanitizer report
# (make test builds them with ASan and UBSan), and no log of nginx or
# of a host holds a whole 身份证号 (tests/http/idlogs.sh, as the HTTP
# tests check).
(T=$T/h1 && hall_env_sanitizers) && (T=$T/h2 && hall_env_sanitizers) &&
    r=ok || r=no
check "$r" "no sanitizer report in the hosts' logs"
r=ok
for d in front h1 h2; do
	sh "$src/tests/http/idlogs.sh" "$T/$d/log" || r=no
done
check "$r" "no log holds a whole ID number"
echo "multihost: submits $submits, acknowledged $acked, retried $retried" \
    "(POSTs sent again), repeat $repeat (answered by a task a lost send" \
    "had made), found $found"
if [ "$fails" -gt 0 ]; then
	hall_show_logs
	for d in h1 h2 front; do
		for f in "$T/$d"/log/*.log; do
			[ -s "$f" ] || continue
			echo "---- $d/${f##*/}" >&2
			tail -n 15 "$f" >&2
		done
	done
	exit 1
fi
exit 0
