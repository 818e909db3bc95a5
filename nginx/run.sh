#!/bin/sh
# run.sh: runs the hall on this machine (make run, make test, make bench).
#
#   run.sh start VAR BINDIR PORT SRCDIR   renders VAR/nginx.conf from
#       nginx/hall.conf.in (the hall's server routes /NAME to every
#       program of BINDIR but verify), starts every program of
#       BINDIR (except hall-admin) on VAR/run/NAME.sock with
#       spawn-fcgi, each in WORKERS worker processes (default: the
#       number of CPUs, nproc; HALL_WORKERS of lib/prefork.h: the
#       program's parent process re-forks a worker that dies), a
#       supervisor that restarts a program whose parent died and
#       checkpoints the database every 60 s, and nginx on
#       https://127.0.0.1:PORT (the public verification page on
#       PORT+1); returns once nginx answers.
#       With HALL_HOSTS set (hosts, by name or address, separated by
#       blanks), the programs run on those hosts instead (run.sh host
#       on each): start writes VAR/ports (the port map, below) and
#       VAR/upstreams.conf, renders an upstream hall_NAME per program
#       over every host, starts nginx only, and logs the upstream that
#       answered (up=) in the access log.
#   run.sh host VAR BINDIR ADDR BASEPORT SRCDIR   one host of several:
#       starts every program of BINDIR (except hall-admin, as start)
#       with spawn-fcgi on TCP ADDR, each on its port of the map
#       VAR/ports, and the supervisor (restarts, but no checkpoints:
#       the store is shared, and one process alone checkpoints it);
#       returns once every port listens.
#       The store is HALL_DB (default VAR/hall.db); VAR/certs holds the
#       CA and CRL; HALL_PUBLIC_URL must be set.  FastCGI has no
#       authentication: only the nginx host may reach these ports
#       (README.md, "Several hosts").
#   run.sh ports BINDIR BASEPORT   prints the port map: "NAME PORT" a
#       line, the programs sorted by name (C locale), the i-th (from 0)
#       on BASEPORT+i.  nginx's side (HALL_BASEPORT, default 9100) and
#       every host use this one function, so they agree when they run
#       the same build (the same programs).
#   run.sh wait VAR      blocks until Ctrl-C or TERM, then stops the hall
#   run.sh stop VAR      stops all of it (idempotent)
#   run.sh reload VAR    nginx re-reads its configuration and the CRL
#   run.sh status VAR    says what runs
#
# The programs get HALL_DB (default VAR/hall.db; a PostgreSQL connection
# string works too, README.md "PostgreSQL"), HALL_XSL=SRCDIR/xsl and
# HALL_CA=VAR/certs/ca.crt, HALL_CRL=VAR/certs/ca.crl, HALL_PUBLIC_URL=https://127.0.0.1:PORT+1
# and HALL_SEAL_PNG=VAR/seal-demo.png (a demo seal marked 演示, made by
# hall-admin demo-seal) and HALL_RECEIPT_KEY=VAR/certs/receipt.key (when
# that file exists) unless set (HALL_CLOCK_FILE and HALL_PBKDF2_ITER pass through when
# set); their stderr goes to VAR/log/NAME.log.  A checkpoint that is
# skipped or fails is also reported on start's stderr (the terminal of
# make run) and to syslog, which a full store disk cannot swallow.  When run as
# root, nginx's workers run as root too so that they can reach the
# programs' sockets (mode 0660, owned by the user who runs this).
set -u

die() {
	echo "run.sh: $*" >&2
	exit 1
}

# True when HALL_DB value $1 names a PostgreSQL database (a postgresql://
# URI or key=value words, as lib/store_pg.c reads it), not an SQLite file.
is_pg() {
	case $1 in
	postgresql://* | postgres://* | *=*) return 0 ;;
	*) return 1 ;;
	esac
}

# Prints the pid in file $1 when it names a live process whose command
# line contains $2; returns 1 otherwise (no file, dead, zombie, reused).
live_pid() {
	[ -f "$1" ] || return 1
	p=$(cat "$1" 2>/dev/null) || return 1
	case $p in '' | *[!0-9]*) return 1 ;; esac
	kill -0 "$p" 2>/dev/null || return 1
	if [ -r "/proc/$p/stat" ]; then
		st=$(sed 's/.*) //' "/proc/$p/stat" | cut -d' ' -f1)
		[ "$st" = Z ] && return 1
		tr '\0' ' ' <"/proc/$p/cmdline" | grep -qF -- "$2" || return 1
	fi
	echo "$p"
}

# Runs the command $3 ... detached (own session, reparented to init),
# its pid in file $1, its output appended to file $2; returns once the
# pid file is written (at most 5 s).
detach() {
	pidf=$1 logf=$2
	shift 2
	rm -f "$pidf"
	setsid sh -c 'echo $$ >"$1"; shift; exec "$@"' sh "$pidf" "$@" \
	    </dev/null >>"$logf" 2>&1 &
	i=0
	while [ ! -s "$pidf" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# Starts program $2 of BINDIR $1, pid in VAR/run/NAME.pid: on
# VAR/run/NAME.sock, or, on a host of several (run.sh host: tcp_addr
# set), on TCP tcp_addr and the program's port of VAR/ports.  Returns 1
# when the map has no port for it.
prog_start() {
	name=$2
	if [ -z "${tcp_addr:-}" ]; then
		detach "$run/$name.pid" "$var/log/$name.log" \
		    spawn-fcgi -n -s "$run/$name.sock" -M 0660 -- "$1/$name"
		return 0
	fi
	pport=$(awk -v n="$name" '$1 == n { print $2 }' "$var/ports")
	[ -n "$pport" ] || {
		echo "run.sh: no port for $name in $var/ports" >&2
		return 1
	}
	detach "$run/$name.pid" "$var/log/$name.log" \
	    spawn-fcgi -n -a "$tcp_addr" -p "$pport" -- "$1/$name"
}

# The programs of BINDIR $1, one name a line.
progs() {
	for f in "$1"/*; do
		[ -f "$f" ] && [ -x "$f" ] || continue
		n=${f##*/}
		case $n in hall-admin | *.* ) continue ;; esac
		echo "$n"
	done
}

# The port map of BINDIR $1 from BASEPORT $2, "NAME PORT" a line: the
# programs (progs, so every program run.sh starts, verify included)
# sorted by name in the C locale, the i-th (from 0) on BASEPORT+i.
# The one map of both sides of several hosts: a host's programs listen
# on it (run.sh host) and nginx's upstreams name it (render with
# HALL_HOSTS), so both agree when they run the same build.  Fails when
# a port would pass 65535 or BINDIR has no program.
port_map() {
	case $2 in '' | *[!0-9]*) echo "run.sh: bad base port $2" >&2; return 1 ;; esac
	progs "$1" | LC_ALL=C sort | awk -v base="$2" '
		{ p = base + NR - 1; if (base < 1 || p > 65535) exit 1
		  print $1, p }
		END { if (NR == 0) exit 1 }' || {
		echo "run.sh: no port map for $1 from $2" >&2
		return 1
	}
}

# Sets var, run and log from VAR $1 (made absolute).
setvar() {
	[ -n "${1:-}" ] || die "no VAR folder given"
	mkdir -p "$1" || die "cannot make $1"
	var=$(cd "$1" && pwd) || die "cannot enter $1"
	run=$var/run
}

# Logs the checkpoint's message $1 (nothing when empty) where a full
# store disk cannot swallow it: the terminal or file that run.sh start
# wrote to (HALL_CKPT_OUT) and syslog/journald (logger), as well as the
# supervisor's own log beside the store.
ckpt_log() {
	[ -n "$1" ] || return 0
	line="$(date '+%F %T') checkpoint: $1"
	echo "$line"
	case ${HALL_CKPT_OUT:-} in /*)
		{ printf '%s\n' "$line" >>"$HALL_CKPT_OUT"; } 2>/dev/null ;;
	esac
	command -v logger >/dev/null &&
		logger -t hall-checkpoint -p daemon.warning -- "$1" 2>/dev/null
	return 0
}

# Restarts dead programs every second (a program's parent process; the
# parent itself re-forks its dead workers) and checkpoints every 60 s.
# Runs until killed (run.sh stop).
supervise() {
	bindir=$1
	last_ckpt=$(date +%s)
	while :; do
		for name in $(progs "$bindir"); do
			live_pid "$run/$name.pid" "$bindir/$name" >/dev/null &&
				continue
			echo "$(date '+%F %T') restarting $name"
			prog_start "$bindir" "$name"
		done
		# By the clock, not by rounds: a round of liveness checks
		# takes longer than a second on a loaded machine.
		# A host of several never checkpoints: the store is shared,
		# and one process alone checkpoints it (README.md).
		now=$(date +%s)
		if [ -z "${tcp_addr:-}" ] && [ $((now - last_ckpt)) -ge 60 ]; then
			last_ckpt=$now
			# A skipped or failed checkpoint says why on stderr
			# and is tried again in a minute.
			db=${HALL_DB:-$var/hall.db}
			if [ -x "$bindir/hall-admin" ] && [ -f "$db" ]; then
				ckpt_log "$("$bindir/hall-admin" -d "$db" \
				    checkpoint 2>&1)"
			fi
		fi
		sleep 1
	done
}

# The programs of BINDIR $1 that the hall's server routes, joined by
# "|" for the location regex of hall.conf.in (@PROGS@): every program
# but verify, which only the public verification server serves.
# Fails on a name that is not plain letters, digits, "_" and "-".
route_progs() {
	list=""
	for name in $(progs "$1"); do
		[ "$name" = verify ] && continue
		case $name in *[!A-Za-z0-9_-]*)
			echo "run.sh: program name unfit for nginx: $name" >&2
			return 1 ;;
		esac
		list=${list:+$list|}$name
	done
	[ -n "$list" ] || { echo "run.sh: no programs in $1" >&2; return 1; }
	echo "$list"
}

# The upstream blocks of nginx for the port map VAR/ports on the hosts
# of HALL_HOSTS (separated by blanks): "upstream hall_NAME" with one
# server HOST:PORT per host (an IPv6 address in brackets), each taken
# out of the group for 5 s after one failure (max_fails=1).  No
# keepalive: the programs take one request per connection
# (fastcgi_keep_conn stays off).
upstreams() {
	awk -v hosts="$HALL_HOSTS" '{
		n = split(hosts, h, " ")
		printf "\tupstream hall_%s {\n", $1
		for (i = 1; i <= n; i++) {
			a = h[i]
			if (index(a, ":") > 0) a = "[" a "]"
			printf "\t\tserver %s:%s max_fails=1 fail_timeout=5s;\n", a, $2
		}
		print "\t}"
	}' "$var/ports"
}

# Turns the one-host configuration on stdin (programs on unix sockets
# in RUN) into the one of several hosts (HALL_HOSTS, HALL_BASEPORT) on
# stdout: the upstreams (from VAR/upstreams.conf) at the top of http,
# fastcgi_pass to the upstream hall_NAME instead of a socket (nginx
# looks the value of hall_$hall_prog up among its upstreams), the
# upstream that answered in the access log.  fastcgi_next_upstream
# says what nginx already does: a request whose host refused or did
# not answer the connection goes to the next host; a POST already sent
# to a host that then failed is not sent again (nginx never retries a
# non-idempotent request), the client gets 502 and sends it again with
# the same one-time form token (docs/HTTP.md).
multihost() {
	sed -e "/^http {\$/r $var/upstreams.conf" \
	    -e "s|fastcgi_pass unix:$run/\([^;]*\)\.sock;|fastcgi_pass hall_\1;|" \
	    -e 's|cert=\$ssl_client_serial|up=$upstream_addr &|' \
	    -e 's|^\(	fastcgi_read_timeout .*\)$|\1\
	fastcgi_next_upstream error timeout;|'
}

# Writes VAR/nginx.conf from the template in SRCDIR $1 for PORT $2 and
# the programs of BINDIR $3: the programs on unix sockets in RUN, or,
# when HALL_HOSTS names hosts, on those hosts from port HALL_BASEPORT
# (default 9100) as run.sh host starts them (the map in VAR/ports).
render() {
	src=$1 port=$2
	pubport=$((port + 1))
	user=""
	[ "$(id -u)" -eq 0 ] && user="user root root;"
	for v in "$var" "$src"; do
		case $v in *[\|\&\\\;\ \"\'{}]*)
			die "unusable characters in path $v" ;;
		esac
	done
	routed=$(route_progs "$3") || return 1
	sed -e "s|@USER@|$user|g" -e "s|@VAR@|$var|g" -e "s|@RUN@|$run|g" \
	    -e "s|@CERTS@|$var/certs|g" -e "s|@XSL@|$src/xsl/static|g" \
	    -e "s|@PORT@|$port|g" -e "s|@PUBPORT@|$pubport|g" \
	    -e "s/@PROGS@/$routed/g" \
	    "$src/nginx/hall.conf.in" >"$var/nginx.conf.tmp" || return 1
	if [ -n "${HALL_HOSTS:-}" ]; then
		case $HALL_HOSTS in *[!0-9A-Za-z.:\ -]*)
			die "unusable characters in HALL_HOSTS: $HALL_HOSTS" ;;
		esac
		port_map "$3" "${HALL_BASEPORT:-9100}" >"$var/ports" &&
			upstreams >"$var/upstreams.conf" &&
			multihost <"$var/nginx.conf.tmp" >"$var/nginx.conf.mh" &&
			mv "$var/nginx.conf.mh" "$var/nginx.conf.tmp" || return 1
		# Every program reached through an upstream, none on a socket.
		if grep -q 'unix:' "$var/nginx.conf.tmp" ||
		    [ "$(grep -c 'fastcgi_pass hall_' "$var/nginx.conf.tmp")" -ne 3 ]; then
			echo "run.sh: hall.conf.in no longer fits HALL_HOSTS" >&2
			return 1
		fi
	fi
	mv "$var/nginx.conf.tmp" "$var/nginx.conf"
}

# Exports the programs' environment (see the top) with the store $1,
# HALL_PUBLIC_URL already set, from var, src and bindir.
prog_env() {
	HALL_DB=$1 HALL_XSL=$src/xsl HALL_CA=$var/certs/ca.crt
	HALL_CRL=$var/certs/ca.crl
	export HALL_DB HALL_XSL HALL_CA HALL_CRL HALL_PUBLIC_URL
	# The issuing authorities on every page and printout.
	HALL_ORG=${HALL_ORG:-武汉市人力资源和社会保障局}
	HALL_ORG_EMPLOYMENT=${HALL_ORG_EMPLOYMENT:-武汉市公共就业服务机构}
	export HALL_ORG HALL_ORG_EMPLOYMENT
	# The seal on the PDF receipts: unless the operator's is given, a
	# demo seal marked 演示 (hall-admin demo-seal).
	if [ -z "${HALL_SEAL_PNG:-}" ]; then
		HALL_SEAL_PNG=$var/seal-demo.png
		"$bindir/hall-admin" demo-seal "$HALL_SEAL_PNG" ||
			die "cannot make the demo seal $HALL_SEAL_PNG"
	fi
	export HALL_SEAL_PNG
	# The office's receipt signing key (certs/mkcerts.sh): the QR code
	# of every receipt carries its signature (lib/rsign.h).
	if [ -z "${HALL_RECEIPT_KEY:-}" ] && [ -f "$var/certs/receipt.key" ]; then
		HALL_RECEIPT_KEY=$var/certs/receipt.key
	fi
	[ -n "${HALL_RECEIPT_KEY:-}" ] && export HALL_RECEIPT_KEY
	# Workers per program (lib/prefork.c forks them).
	WORKERS=${WORKERS:-$(nproc 2>/dev/null || echo 1)}
	case $WORKERS in '' | *[!0-9]*) die "WORKERS must be a number: $WORKERS" ;; esac
	[ "$WORKERS" -ge 1 ] && [ "$WORKERS" -le 256 ] ||
		die "WORKERS must be 1 to 256: $WORKERS"
	HALL_WORKERS=$WORKERS
	export HALL_WORKERS
	[ -n "${HALL_CLOCK_FILE:-}" ] && export HALL_CLOCK_FILE
	[ -n "${HALL_PBKDF2_ITER:-}" ] && export HALL_PBKDF2_ITER
	return 0
}

# Starts every program of bindir (prog_start: on TCP when tcp_addr is
# set) and the supervisor.  Returns 1 when a program has no port.
start_progs() {
	umask 077
	for name in $(progs "$bindir"); do
		prog_start "$bindir" "$name" || { umask 022; return 1; }
	done
	# The supervisor's checkpoint messages also go where this
	# command's stderr goes (make run: the terminal).
	HALL_CKPT_OUT=$(readlink "/proc/$$/fd/2" 2>/dev/null) || HALL_CKPT_OUT=
	export HALL_CKPT_OUT
	setsid sh "$0" supervise "$var" "$bindir" ${tcp_addr:+"$tcp_addr"} \
	    </dev/null >>"$var/log/supervisor.log" 2>&1 &
	umask 022
}

cmd_start() {
	[ $# -eq 4 ] || die "usage: run.sh start VAR BINDIR PORT SRCDIR"
	setvar "$1"
	bindir=$(cd "$2" && pwd) || die "no folder $2"
	port=$3
	src=$(cd "$4" && pwd) || die "no folder $4"
	case $port in '' | *[!0-9]*) die "bad port $port" ;; esac
	[ "$port" -gt 0 ] && [ "$port" -lt 65535 ] || die "bad port $port"
	[ -n "${HALL_HOSTS:-}" ] || command -v spawn-fcgi >/dev/null ||
		die "spawn-fcgi missing: make deps"
	command -v nginx >/dev/null || PATH=$PATH:/usr/sbin
	command -v nginx >/dev/null || die "nginx missing: make deps"
	for f in ca.crt ca.crl server.crt server.key; do
		[ -f "$var/certs/$f" ] || die "no $var/certs/$f: make certs"
	done
	if live_pid "$run/nginx.pid" nginx >/dev/null; then
		die "already running in $var (run.sh stop $var first)"
	fi
	cmd_stop "$var" >/dev/null 2>&1
	mkdir -p "$run" "$var/log" "$var/tmp" || die "cannot make folders"
	chmod 0750 "$run"
	render "$src" "$port" "$bindir" || die "cannot write $var/nginx.conf"

	if [ -z "${HALL_HOSTS:-}" ]; then
		# The public base of the verification page printed on receipts.
		HALL_PUBLIC_URL=${HALL_PUBLIC_URL:-https://127.0.0.1:$((port + 1))}
		prog_env "${HALL_DB:-$var/hall.db}"
		start_progs
	fi

	nginx -p "$var" -c "$var/nginx.conf" -e "$var/log/error.log" \
	    </dev/null >>"$var/log/error.log" 2>&1 || {
		tail -n 20 "$var/log/error.log" >&2
		cmd_stop "$var" >/dev/null 2>&1
		die "nginx did not start"
	}
	i=0
	while :; do
		code=$(curl -sk -o /dev/null -w '%{http_code}' --max-time 2 \
		    "https://127.0.0.1:$port/" 2>/dev/null) || code=000
		[ "$code" != 000 ] && break
		i=$((i + 1))
		if [ $i -ge 50 ]; then
			tail -n 20 "$var/log/error.log" >&2
			cmd_stop "$var" >/dev/null 2>&1
			die "nginx does not answer on 127.0.0.1:$port"
		fi
		sleep 0.2
	done
	cat <<MSG
网上服务大厅 runs on   https://127.0.0.1:$port/
public verification:   https://127.0.0.1:$((port + 1))/verify
Import a client certificate into the browser (password hall-demo):
  $var/certs/unit-vip.p12   (VIP unit)      $var/certs/unit-a.p12 (普通 unit)
  $var/certs/reviewer.p12   (审核员)          and trust $var/certs/ca.crt
Accounts and initial passwords: $var/demo.txt
Logs: $var/log/
MSG
}

# True when every port of VAR/ports is listening on this host (its
# network namespace: /proc/net/tcp and tcp6 are the caller's).
ports_listen() {
	listening=$(cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
	    awk '$4 == "0A" { split($2, a, ":"); print a[2] }')
	while read -r _ pport; do
		echo "$listening" | grep -q "^$(printf '%04X' "$pport")\$" ||
			return 1
	done <"$var/ports"
}

# run.sh host VAR BINDIR ADDR BASEPORT SRCDIR: one host of several.
cmd_host() {
	[ $# -eq 5 ] || die "usage: run.sh host VAR BINDIR ADDR BASEPORT SRCDIR"
	setvar "$1"
	bindir=$(cd "$2" && pwd) || die "no folder $2"
	tcp_addr=$3
	src=$(cd "$5" && pwd) || die "no folder $5"
	case $tcp_addr in '' | *[!0-9A-Fa-f.:]*) die "bad address $tcp_addr" ;; esac
	command -v spawn-fcgi >/dev/null || die "spawn-fcgi missing: make deps"
	[ -n "${HALL_PUBLIC_URL:-}" ] ||
		die "HALL_PUBLIC_URL must name the public verification server"
	for f in ca.crt ca.crl; do
		[ -f "$var/certs/$f" ] || die "no $var/certs/$f (the hall's CA and CRL)"
	done
	db=${HALL_DB:-$var/hall.db}
	is_pg "$db" || [ -f "$db" ] || die "no store $db (HALL_DB)"
	if live_pid "$run/supervisor.pid" supervise >/dev/null; then
		die "already running in $var (run.sh stop $var first)"
	fi
	cmd_stop "$var" >/dev/null 2>&1
	mkdir -p "$run" "$var/log" || die "cannot make folders"
	chmod 0750 "$run"
	port_map "$bindir" "$4" >"$var/ports.tmp" &&
		mv "$var/ports.tmp" "$var/ports" || die "cannot write $var/ports"
	prog_env "$db"
	start_progs || { cmd_stop "$var" >/dev/null 2>&1; die "a program did not start"; }
	i=0
	until ports_listen; do
		i=$((i + 1))
		if [ $i -ge 100 ]; then
			cmd_stop "$var" >/dev/null 2>&1
			die "the programs do not listen on $tcp_addr (logs in $var/log)"
		fi
		sleep 0.1
	done
	echo "run.sh: $(wc -l <"$var/ports") programs on $tcp_addr, ports in $var/ports"
}

cmd_wait() {
	[ $# -eq 1 ] || die "usage: run.sh wait VAR"
	setvar "$1"
	trap 'cmd_stop "$var"; exit 0' INT TERM HUP
	echo "Ctrl-C stops the hall."
	while live_pid "$run/nginx.pid" nginx >/dev/null; do
		sleep 1
	done
	echo "run.sh: nginx is gone; stopping the rest" >&2
	cmd_stop "$var"
	exit 1
}

# Sends TERM to the process of pid file $1 (checked against $2), waits
# up to 5 s, then KILL.  Removes the pid file.
stop_pid() {
	if p=$(live_pid "$1" "$2"); then
		kill -TERM "$p" 2>/dev/null
		i=0
		while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do
			live_pid "$1" "$2" >/dev/null || break
			sleep 0.1
			i=$((i + 1))
		done
		live_pid "$1" "$2" >/dev/null && kill -KILL "$p" 2>/dev/null
	fi
	rm -f "$1"
}

cmd_stop() {
	[ $# -eq 1 ] || die "usage: run.sh stop VAR"
	[ -d "$1" ] || return 0
	setvar "$1"
	[ -d "$run" ] || return 0
	stop_pid "$run/supervisor.pid" "supervise"
	if p=$(live_pid "$run/nginx.pid" nginx); then
		kill -QUIT "$p" 2>/dev/null
		i=0
		while live_pid "$run/nginx.pid" nginx >/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		stop_pid "$run/nginx.pid" nginx
	fi
	for f in "$run"/*.pid; do
		[ -f "$f" ] || continue
		stop_pid "$f" "$(basename "$f" .pid)"
	done
	rm -f "$run"/*.sock
	return 0
}

# Makes the running nginx re-read its configuration, certificates and
# CRL (after certs/revoke.sh): new workers take over, old ones finish.
cmd_reload() {
	[ $# -eq 1 ] || die "usage: run.sh reload VAR"
	setvar "$1"
	p=$(live_pid "$run/nginx.pid" nginx) || die "nginx is not running"
	kill -HUP "$p" || die "cannot signal nginx ($p)"
}

cmd_status() {
	[ $# -eq 1 ] || die "usage: run.sh status VAR"
	setvar "$1"
	rc=1
	for f in "$run"/*.pid; do
		[ -f "$f" ] || continue
		n=$(basename "$f" .pid)
		m=$n
		[ "$n" = supervisor ] && m=supervise
		if p=$(live_pid "$f" "$m"); then
			echo "$n: running (pid $p)"
			[ "$n" = nginx ] && rc=0
		else
			echo "$n: dead"
		fi
	done
	return $rc
}

[ $# -ge 1 ] || die "usage: run.sh start|host|wait|stop|reload|status VAR ..."
cmd=$1
shift
case $cmd in
start) cmd_start "$@" ;;
host) cmd_host "$@" ;;
ports)
	[ $# -eq 2 ] || die "usage: run.sh ports BINDIR BASEPORT"
	port_map "$1" "$2"
	;;
wait) cmd_wait "$@" ;;
stop) cmd_stop "$@" ;;
reload) cmd_reload "$@" ;;
status) cmd_status "$@" ;;
supervise)
	[ $# -eq 2 ] || [ $# -eq 3 ] ||
		die "usage: run.sh supervise VAR BINDIR [ADDR]"
	setvar "$1"
	tcp_addr=${3:-}
	echo $$ >"$run/supervisor.pid"
	supervise "$2"
	;;
*) die "unknown command $cmd" ;;
esac
