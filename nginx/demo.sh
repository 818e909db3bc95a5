#!/bin/sh
# demo.sh VAR BINDIR: makes the demo database VAR/hall.db when it is
# absent (hall-admin init, then hall-admin demo with the development
# certificates in VAR/certs, listing the demo accounts in VAR/demo.txt);
# otherwise says so and shows VAR/demo.txt.  Every step is checked
# explicitly; the script stops at the first failure with a non-zero exit.

if [ $# -ne 2 ]; then
	echo "usage: demo.sh VAR BINDIR" >&2
	exit 2
fi
var=$1
bin=$2
db=$var/hall.db
admin=$bin/hall-admin

if [ -f "$db" ]; then
	echo "demo database exists: $db"
	if [ -f "$var/demo.txt" ]; then
		cat "$var/demo.txt" || exit 1
	fi
	exit 0
fi

if [ ! -x "$admin" ]; then
	echo "demo.sh: $admin not found: run make first" >&2
	exit 1
fi
if [ ! -f "$var/certs/ca.crt" ]; then
	echo "demo.sh: no certificates in $var/certs: run make certs first" >&2
	exit 1
fi

if ! "$admin" -d "$db" init; then
	echo "demo.sh: hall-admin init failed" >&2
	exit 1
fi
if ! "$admin" -d "$db" demo "$var/certs" "$var/demo.txt"; then
	echo "demo.sh: hall-admin demo failed; removing the half-made $db" >&2
	rm -f "$db" "$db-wal" "$db-shm"
	exit 1
fi
exit 0
