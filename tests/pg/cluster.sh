#!/bin/sh
# cluster.sh start DIR | stop DIR: a private PostgreSQL 15 cluster for
# make test-pg and make bench-pg, in DIR (made, owned by the postgres
# user), listening only on a unix socket in DIR (no TCP port), trusted
# for local connections.  start prints the connection string of its
# superuser without a database ("host=DIR user=postgres"); the callers
# add dbname=.  As root it installs postgresql-15 when initdb is
# missing, without the package's own "main" cluster.
#   HALL_PG_FSYNC=on  keeps fsync and synchronous commits (bench-pg's
#                     figures); the tests run without them, as the
#                     SQLite tests run on a tmpfs-fast folder.
set -u

PGBIN=/usr/lib/postgresql/15/bin

die() {
	echo "cluster.sh: $*" >&2
	exit 1
}

# Runs "$@" as the postgres user (initdb and pg_ctl refuse root).
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# Installs postgresql-15 (root only) when initdb is missing.
install_pg() {
	[ -x "$PGBIN/initdb" ] && return 0
	[ "$(id -u)" = 0 ] || die "no $PGBIN/initdb: apt-get install postgresql-15"
	mkdir -p /etc/postgresql-common/createcluster.d
	echo "create_main_cluster = false" \
	    >/etc/postgresql-common/createcluster.d/hall-no-main.conf
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 \
	    >/dev/null || die "apt-get install postgresql-15 failed"
	[ -x "$PGBIN/initdb" ] || die "postgresql-15 installed no initdb"
}

cmd_start() {
	dir=$1
	install_pg
	mkdir -p "$dir" || die "cannot make $dir"
	[ "$(id -u)" = 0 ] && chown postgres: "$dir"
	chmod 0700 "$dir"
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		as_pg "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust \
		    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
			{ cat "$dir/initdb.log" >&2; die "initdb failed"; }
	fi
	if [ "${HALL_PG_FSYNC:-off}" = on ]; then
		dur="-c fsync=on -c synchronous_commit=on"
	else
		dur="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	fi
	as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w -t 60 \
	    -o "-k $dir -c listen_addresses= -c max_connections=400 \
	    -c shared_buffers=128MB -c max_wal_size=256MB -c min_wal_size=32MB \
	    -c unix_socket_permissions=0777 $dur" \
	    start >/dev/null || { tail -20 "$dir/pg.log" >&2; die "pg_ctl start failed"; }
	echo "host=$dir user=postgres"
}

cmd_stop() {
	dir=$1
	[ -f "$dir/data/postmaster.pid" ] || return 0
	as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
}

[ $# -eq 2 ] || { echo "usage: cluster.sh start|stop DIR" >&2; exit 2; }
case $1 in
start) cmd_start "$2" ;;
stop) cmd_stop "$2" ;;
*) echo "usage: cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
