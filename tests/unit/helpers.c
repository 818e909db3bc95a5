/*
 * helpers.c: the shared unit-test fixture; see helpers.h.
 */
#include <sys/stat.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "store.h"
#include "helpers.h"

/* The PostgreSQL server of make test-pg (a connection string without
 * dbname), or NULL: the tests then run on SQLite files. */
#define TH_PG_ENV	"HALL_TEST_PG"

/* Runs the constant sql on the server's maintenance database.  Returns
 * 1 when it returned a row, 0 when none, -1 on error (logged). */
static int
th_pg_admin(const char *server, const char *sql)
{
	char		 ci[512];
	PGconn		*c;
	PGresult	*r;
	int		 rc = -1;

	snprintf(ci, sizeof(ci), "%s dbname=postgres", server);
	c = PQconnectdb(ci);
	if (PQstatus(c) == CONNECTION_OK) {
		r = PQexec(c, sql);
		if (PQresultStatus(r) == PGRES_TUPLES_OK)
			rc = PQntuples(r) > 0;
		else if (PQresultStatus(r) == PGRES_COMMAND_OK)
			rc = 0;
		else
			fprintf(stderr, "test-pg: %s: %s", sql,
			    PQresultErrorMessage(r));
		PQclear(r);
	} else
		fprintf(stderr, "test-pg: %s", PQerrorMessage(c));
	PQfinish(c);
	return rc;
}

/* Makes the migrated template database hall_tmpl once per run: the
 * first test process to get here makes it (store_open migrates it),
 * holding an advisory lock that the test processes running at once
 * (make test-pg's shards) wait on.  Returns 0 or -1. */
static int
th_pg_template(const char *server)
{
	static int	 done;
	char		 ci[512];
	struct store	*s;
	PGconn		*c;
	PGresult	*r;
	int		 rc = -1;

	if (done)
		return 0;
	snprintf(ci, sizeof(ci), "%s dbname=postgres", server);
	c = PQconnectdb(ci);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "test-pg: %s", PQerrorMessage(c));
		PQfinish(c);
		return -1;
	}
	PQclear(PQexec(c, "SELECT pg_advisory_lock(4817002)"));
	r = PQexec(c, "SELECT 1 FROM pg_database WHERE datname = 'hall_tmpl'");
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
		rc = 0;
	else if (th_pg_admin(server, "CREATE DATABASE hall_tmpl") == 0) {
		snprintf(ci, sizeof(ci), "%s dbname=hall_tmpl", server);
		if ((s = store_open(ci, 0)) != NULL) {
			store_close(s);
			rc = 0;
		}
	}
	PQclear(r);
	PQclear(PQexec(c, "SELECT pg_advisory_unlock(4817002)"));
	PQfinish(c);
	done = rc == 0;
	return rc;
}

/* Makes a private folder under $TMPDIR (or /tmp) in db->dir. */
static void
th_mkdir(struct th_db *db)
{
	const char	*tmp = getenv("TMPDIR");

	if (tmp == NULL || tmp[0] == '\0')
		tmp = "/tmp";
	ck_assert_int_lt(snprintf(db->dir, sizeof(db->dir),
	    "%s/hall-test-XXXXXX", tmp), (int)sizeof(db->dir));
	ck_assert_ptr_nonnull(mkdtemp(db->dir));
}

/* Opens db on a new database copied from the migrated template: its
 * name (hall_t<pid>_<n>) in db->pgname, its connection string in
 * db->path. */
static void
th_pg_open(struct th_db *db, const char *server)
{
	static int	 n;
	char		 sql[128];

	ck_assert_int_eq(th_pg_template(server), 0);
	snprintf(db->pgname, sizeof(db->pgname), "hall_t%ld_%ld_%d",
	    (long)getpid(), (long)time(NULL), ++n);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s TEMPLATE hall_tmpl "
	    "STRATEGY FILE_COPY", db->pgname);
	ck_assert_int_eq(th_pg_admin(server, sql), 0);
	snprintf(db->path, sizeof(db->path), "%s dbname=%s", server,
	    db->pgname);
	db->s = store_open(db->path, 0);
	ck_assert_ptr_nonnull(db->s);
}

/* Creates the folder and opens a migrated store in it. */
void
th_db_open(struct th_db *db)
{
	memset(db, 0, sizeof(*db));
	th_mkdir(db);
	if (th_pg()) {
		th_pg_open(db, getenv(TH_PG_ENV));
		return;
	}
	snprintf(db->path, sizeof(db->path), "%s/hall.db", db->dir);
	db->s = store_open(db->path, 0);
	ck_assert_ptr_nonnull(db->s);
}

/* Whether HALL_TEST_PG names a server; see helpers.h. */
int
th_pg(void)
{
	const char	*v = getenv(TH_PG_ENV);

	return v != NULL && v[0] != '\0';
}

/* Runs the test's own SQL; see helpers.h. */
void
th_exec(struct store *s, const char *sql)
{
	ck_assert_msg(store_exec_sql(s, sql) == 0, "%s: %s", sql,
	    store_errmsg(s));
}

/* Removes dir/name if present. */
static void
th_rm(const char *dir, const char *name)
{
	char	 p[400];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	unlink(p);
}

/* Closes and removes everything th_db_open / th_clock_set made. */
void
th_db_close(struct th_db *db)
{
	char		 sql[128];

	store_close(db->s);
	db->s = NULL;
	if (db->clock[0] != '\0')
		unsetenv("HALL_CLOCK_FILE");
	if (db->pgname[0] != '\0') {
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s "
		    "WITH (FORCE)", db->pgname);
		(void)th_pg_admin(getenv(TH_PG_ENV), sql);
	}
	if (db->dir[0] == '\0')
		return;
	th_rm(db->dir, "hall.db");
	th_rm(db->dir, "hall.db-wal");
	th_rm(db->dir, "hall.db-shm");
	th_rm(db->dir, "hall.db-journal");
	th_rm(db->dir, "clock");
	th_rm(db->dir, "backup.db");
	th_rm(db->dir, "backup.db-wal");
	th_rm(db->dir, "backup.db-shm");
	rmdir(db->dir);
}

/* Inserts a unit with made-up unique codes; returns its id. */
int64_t
th_unit(struct store *s, const char *name, int vip)
{
	static int	 n;
	struct store_stmt	*st;
	char		 uscc[32], sb[32];

	n++;
	snprintf(uscc, sizeof(uscc), "TEST%06d%05ld", n, (long)getpid() % 100000);
	snprintf(sb, sizeof(sb), "SB%06d%05ld", n, (long)getpid() % 100000);
	st = store_stmt(s, "INSERT INTO units (uscc, name, sb_code, vip, "
	    "region) VALUES (?, ?, ?, ?, '420100')");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_text(st, 1, uscc), 0);
	ck_assert_int_eq(store_bind_text(st, 2, name), 0);
	ck_assert_int_eq(store_bind_text(st, 3, sb), 0);
	ck_assert_int_eq(store_bind_int(st, 4, vip ? 1 : 0), 0);
	ck_assert_int_eq(store_exec_stmt(s, st), 0);
	return store_last_id(s);
}

/* Inserts a unit or reviewer account; returns its id. */
int64_t
th_account(struct store *s, int64_t unit_id, const char *username)
{
	struct store_stmt	*st;

	st = store_stmt(s, "INSERT INTO accounts (kind, unit_id, username, "
	    "display_name, pw_hash, created_at) VALUES (?, ?, ?, ?, 'x', 0)");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_text(st, 1,
	    unit_id > 0 ? "unit" : "reviewer"), 0);
	if (unit_id > 0)
		ck_assert_int_eq(store_bind_int(st, 2, unit_id), 0);
	else
		ck_assert_int_eq(store_bind_text(st, 2, NULL), 0);
	ck_assert_int_eq(store_bind_text(st, 3, username), 0);
	ck_assert_int_eq(store_bind_text(st, 4, username), 0);
	ck_assert_int_eq(store_exec_stmt(s, st), 0);
	return store_last_id(s);
}

/* Inserts a person; returns its id. */
int64_t
th_person(struct store *s, const char *idno, const char *name,
    const char *sex, const char *birth)
{
	struct store_stmt	*st;

	st = store_stmt(s, "INSERT INTO persons (idno, name, sex, birth) "
	    "VALUES (?, ?, ?, ?)");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_text(st, 1, idno), 0);
	ck_assert_int_eq(store_bind_text(st, 2, name), 0);
	ck_assert_int_eq(store_bind_text(st, 3, sex), 0);
	ck_assert_int_eq(store_bind_text(st, 4, birth), 0);
	ck_assert_int_eq(store_exec_stmt(s, st), 0);
	return store_last_id(s);
}

/* Writes when into db->dir/clock and points HALL_CLOCK_FILE at it. */
void
th_clock_set(struct th_db *db, const char *when)
{
	FILE		*f;

	snprintf(db->clock, sizeof(db->clock), "%s/clock", db->dir);
	f = fopen(db->clock, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(fprintf(f, "%s\n", when), 0);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(setenv("HALL_CLOCK_FILE", db->clock, 1), 0);
}

/* The one integer a query returns. */
int64_t
th_count(struct store *s, const char *sql)
{
	struct store_stmt	*st;
	int64_t		 v;

	st = store_stmt(s, sql);
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_step_int(st, 0, &v), STORE_ROW);
	return v;
}
