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
#   run.sh wait VAR      blocks until Ctrl-C or TERM, then stops the hall
#   run.sh stop VAR      stops all of it (idempotent)
#   run.sh reload VAR    nginx re-reads its configuration and the CRL
#   run.sh status VAR    says what runs
#
# The programs get HALL_DB=VAR/hall.db, HALL_XSL=SRCDIR/xsl and
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

# Starts program $2 of BINDIR $1 on VAR/run/NAME.sock, detached (own
# session, reparented to init), pid in VAR/run/NAME.pid.
prog_start() {
	name=$2
	rm -f "$run/$name.pid"
	setsid sh -c 'echo $$ >"$1"; shift; exec "$@"' sh "$run/$name.pid" \
	    spawn-fcgi -n -s "$run/$name.sock" -M 0660 -- "$1/$name" \
	    </dev/null >>"$var/log/$name.log" 2>&1 &
	i=0
	while [ ! -s "$run/$name.pid" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
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
		now=$(date +%s)
		if [ $((now - last_ckpt)) -ge 60 ]; then
			last_ckpt=$now
			# A skipped or failed checkpoint says why on stderr
			# and is tried again in a minute.
			if [ -x "$bindir/hall-admin" ] && [ -f "$var/hall.db" ]; then
				ckpt_log "$("$bindir/hall-admin" -d "$var/hall.db" \
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

# Writes VAR/nginx.conf from the template in SRCDIR $1 for PORT $2 and
# the programs of BINDIR $3.
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
	    "$src/nginx/hall.conf.in" >"$var/nginx.conf.tmp" &&
		mv "$var/nginx.conf.tmp" "$var/nginx.conf"
}

cmd_start() {
	[ $# -eq 4 ] || die "usage: run.sh start VAR BINDIR PORT SRCDIR"
	setvar "$1"
	bindir=$(cd "$2" && pwd) || die "no folder $2"
	port=$3
	src=$(cd "$4" && pwd) || die "no folder $4"
	case $port in '' | *[!0-9]*) die "bad port $port" ;; esac
	[ "$port" -gt 0 ] && [ "$port" -lt 65535 ] || die "bad port $port"
	command -v spawn-fcgi >/dev/null || die "spawn-fcgi missing: make deps"
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

	HALL_DB=$var/hall.db HALL_XSL=$src/xsl HALL_CA=$var/certs/ca.crt
	HALL_CRL=$var/certs/ca.crl
	export HALL_DB HALL_XSL HALL_CA HALL_CRL
	# The issuing authorities on every page and printout.
	HALL_ORG=${HALL_ORG:-武汉市人力资源和社会保障局}
	HALL_ORG_EMPLOYMENT=${HALL_ORG_EMPLOYMENT:-武汉市公共就业服务机构}
	export HALL_ORG HALL_ORG_EMPLOYMENT
	# The public base of the verification page printed on receipts.
	HALL_PUBLIC_URL=${HALL_PUBLIC_URL:-https://127.0.0.1:$((port + 1))}
	export HALL_PUBLIC_URL
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
	umask 077
	for name in $(progs "$bindir"); do
		prog_start "$bindir" "$name"
	done
	# The supervisor's checkpoint messages also go where this
	# command's stderr goes (make run: the terminal).
	HALL_CKPT_OUT=$(readlink "/proc/$$/fd/2" 2>/dev/null) || HALL_CKPT_OUT=
	export HALL_CKPT_OUT
	setsid sh "$0" supervise "$var" "$bindir" </dev/null \
	    >>"$var/log/supervisor.log" 2>&1 &
	umask 022

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

[ $# -ge 1 ] || die "usage: run.sh start|wait|stop|reload|status VAR ..."
cmd=$1
shift
case $cmd in
start) cmd_start "$@" ;;
wait) cmd_wait "$@" ;;
stop) cmd_stop "$@" ;;
reload) cmd_reload "$@" ;;
status) cmd_status "$@" ;;
supervise)
	[ $# -eq 2 ] || die "usage: run.sh supervise VAR BINDIR"
	setvar "$1"
	echo $$ >"$run/supervisor.pid"
	supervise "$2"
	;;
*) die "unknown command $cmd" ;;
esac
