#!/bin/sh
# ophall.sh: a second, private hall for the operations tests
# (test_ops.c), beside the harness's own.
#
#   ophall.sh up DIR SRC BINDIR CERTS [MB]
#       makes DIR/var (with MB given: an ext4 image DIR/img of MB
#       megabytes, no reserved blocks, loop-mounted on DIR/var; root
#       only), copies the certificates CERTS into DIR/var/certs, makes
#       the demo database DIR/var/hall.db and starts the hall with
#       nginx/run.sh on a free port, the clock in DIR/clock (outside
#       var); prints the port.  run.sh's own output: DIR/start.log.
#   ophall.sh start DIR SRC BINDIR   starts it again (after a stop);
#       prints the port.
#   ophall.sh stop DIR SRC           stops it.
#   ophall.sh down DIR SRC           stops it, unmounts and removes DIR.
set -u

die() {
	echo "ophall.sh: $*" >&2
	exit 1
}

# True when TCP port $1 is free on this machine as far as /proc says.
port_free() {
	hex=$(printf ':%04X ' "$1")
	! cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | grep -q "$hex"
}

# Starts the hall of DIR from SRC and BINDIR on a free port; prints it.
start() {
	dir=$1 src=$2 bindir=$3
	HALL_CLOCK_FILE=$dir/clock
	export HALL_CLOCK_FILE
	tries=0
	while :; do
		r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
		port=$((30000 + (r % 4000) * 2))
		if port_free "$port" && port_free $((port + 1)) &&
		    sh "$src/nginx/run.sh" start "$dir/var" "$bindir" "$port" \
		    "$src" >>"$dir/start.log" 2>&1; then
			echo "$port"
			return 0
		fi
		sh "$src/nginx/run.sh" stop "$dir/var" >/dev/null 2>&1
		tries=$((tries + 1))
		[ $tries -lt 5 ] || die "the hall did not start (see $dir/start.log)"
	done
}

[ $# -ge 2 ] || die "usage: ophall.sh up|start|stop|down DIR ..."
cmd=$1
dir=$2
case $cmd in
up)
	[ $# -ge 5 ] || die "usage: ophall.sh up DIR SRC BINDIR CERTS [MB]"
	src=$3 bindir=$4 certs=$5 mb=${6:-}
	mkdir -p "$dir/var" || die "cannot make $dir/var"
	if [ -n "$mb" ]; then
		PATH=$PATH:/sbin:/usr/sbin
		dd if=/dev/zero of="$dir/img" bs=1M count="$mb" status=none ||
			die "cannot make the image"
		mkfs.ext4 -q -F -m 0 "$dir/img" >/dev/null 2>&1 ||
			die "mkfs.ext4 failed"
		mount -o loop "$dir/img" "$dir/var" || die "cannot mount $dir/img"
	fi
	cp -R "$certs" "$dir/var/certs" || die "cannot copy $certs"
	HALL_CLOCK_FILE=$dir/clock
	export HALL_CLOCK_FILE
	"$bindir/hall-admin" -d "$dir/var/hall.db" init >/dev/null 2>&1 &&
	    "$bindir/hall-admin" -d "$dir/var/hall.db" demo "$dir/var/certs" \
	    "$dir/demo.txt" >/dev/null 2>&1 || die "cannot make the database"
	start "$dir" "$src" "$bindir"
	;;
start)
	[ $# -eq 4 ] || die "usage: ophall.sh start DIR SRC BINDIR"
	start "$dir" "$3" "$4"
	;;
stop)
	[ $# -eq 3 ] || die "usage: ophall.sh stop DIR SRC"
	sh "$3/nginx/run.sh" stop "$dir/var" >/dev/null 2>&1
	;;
down)
	[ $# -eq 3 ] || die "usage: ophall.sh down DIR SRC"
	sh "$3/nginx/run.sh" stop "$dir/var" >/dev/null 2>&1
	if [ -f "$dir/img" ]; then
		umount "$dir/var" 2>/dev/null || umount -l "$dir/var"
	fi
	rm -rf "$dir"
	;;
*)
	die "unknown command $cmd"
	;;
esac
