/*
 * store_pg.c: the store on PostgreSQL, through libpq; see store_pg.h.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "log.h"
#include "migrations.h"
#include "store.h"
#include "store_dialect.h"
#include "store_pg.h"

extern char **environ;

#define PG_INT8OID	20
#define PG_TEXTOID	25
#define PG_BYTEAOID	17
#define PG_BOOLOID	16

/* The advisory lock every writing transaction takes first: one writer
 * at a time, as on SQLite. */
#define PGS_WRITE_LOCK	"SELECT pg_advisory_xact_lock(4817001)"

/* How a statement's parameters are typed when it is prepared: all
 * left to the server (PGST_INFER, first, when the statement is made);
 * then, on its first run if the server could not tell, integers as
 * bigint and the rest left to the server (PGST_BOUND); then the rest as
 * text (PGST_TEXTUAL, "?1 IS NULL OR x = ?1"). */
#define PGST_INFER	0
#define PGST_BOUND	1
#define PGST_TEXTUAL	2

struct pgstore {
	PGconn		*conn;
	char		*conninfo;
	unsigned int	 generation;	/* bumped by each reconnect */
	unsigned int	 nstmts;	/* names handed out */
	int		 changes;	/* rows of the last command */
	char		 last_table[64];	/* of the last INSERT */
	char		 err[256];
};

struct pgstmt {
	struct pgstore	*ps;
	struct dialect_query q;		/* translated text */
	const char	*sql;		/* SQLite's text (borrowed) */
	char		 name[16];
	unsigned int	 generation;	/* prepared in; 0: never */
	int		 nparams;
	char		**vals;		/* owned copies, NULL for NULL */
	int		*lens;
	int		*kinds;
	PGresult	*res;
	int		 row;		/* next row to hand out */
	unsigned char	*blob;		/* unescaped bytea of pgst_blob */
};

static int	pgs_exec_pg(struct pgstore *, const char *);

/* Whether v names a PostgreSQL database; see store_pg.h. */
int
pgs_is_conninfo(const char *v)
{
	size_t	 n;

	if (strncmp(v, "postgresql://", 13) == 0 ||
	    strncmp(v, "postgres://", 11) == 0)
		return 1;
	n = strspn(v, "abcdefghijklmnopqrstuvwxyz_");
	return n > 0 && v[n] == '=';
}

/* Records and logs the connection's error, prefixed with what. */
static void
pgs_fail(struct pgstore *ps, const char *what, const PGresult *r)
{
	const char	*m;

	m = r != NULL ? PQresultErrorMessage(r) : PQerrorMessage(ps->conn);
	if (m == NULL || m[0] == '\0')
		m = PQerrorMessage(ps->conn);
	snprintf(ps->err, sizeof(ps->err), "%s", m);
	ps->err[strcspn(ps->err, "\n")] = '\0';
	log_err("store: %s: %s", what, ps->err);
}

/* Re-establishes a broken connection (outside a transaction: a
 * transaction cut off is lost and reported, never resumed).  Returns 0
 * when the connection is usable, else -1. */
static int
pgs_alive(struct pgstore *ps)
{
	if (PQstatus(ps->conn) == CONNECTION_OK)
		return 0;
	log_warn("store: PostgreSQL connection lost; reconnecting");
	PQreset(ps->conn);
	if (PQstatus(ps->conn) != CONNECTION_OK) {
		pgs_fail(ps, "reconnect", NULL);
		return -1;
	}
	ps->generation++;
	(void)pgs_exec_pg(ps, "SET client_min_messages = warning");
	return 0;
}

/* Connects; see store_pg.h. */
struct pgstore *
pgs_open(const char *conninfo)
{
	struct pgstore	*ps;

	if ((ps = calloc(1, sizeof(*ps))) == NULL ||
	    (ps->conninfo = strdup(conninfo)) == NULL) {
		log_err("store: out of memory");
		free(ps);
		return NULL;
	}
	ps->generation = 1;
	ps->conn = PQconnectdb(conninfo);
	if (PQstatus(ps->conn) != CONNECTION_OK) {
		pgs_fail(ps, "connect", NULL);
		pgs_close(ps);
		return NULL;
	}
	if (pgs_exec_pg(ps, "SET client_min_messages = warning") == -1) {
		pgs_close(ps);
		return NULL;
	}
	return ps;
}

/* Closes the connection and frees ps. */
void
pgs_close(struct pgstore *ps)
{
	if (ps == NULL)
		return;
	PQfinish(ps->conn);
	free(ps->conninfo);
	free(ps);
}

/* Runs PostgreSQL text sql (one or more statements, already in
 * PostgreSQL's dialect).  Returns 0 or -1 (logged). */
static int
pgs_exec_pg(struct pgstore *ps, const char *sql)
{
	PGresult	*r;
	int		 ok;

	if (!pgs_in_tx(ps) && pgs_alive(ps) == -1)
		return -1;
	r = PQexec(ps->conn, sql);
	ok = PQresultStatus(r) == PGRES_COMMAND_OK ||
	    PQresultStatus(r) == PGRES_TUPLES_OK;
	if (!ok)
		pgs_fail(ps, "exec", r);
	PQclear(r);
	return ok ? 0 : -1;
}

/* Runs sql (one or more constant statements in SQLite's dialect,
 * translated as a migration is); see store_pg.h. */
int
pgs_exec(struct pgstore *ps, const char *sql)
{
	struct dialect_query	 q;
	char			*pg;
	int			 rc;

	if (strncmp(sql, "PRAGMA", 6) == 0)
		return 0;	/* SQLite's knobs: nothing to do here */
	if ((pg = dialect_pg_schema(sql)) == NULL)
		return -1;
	rc = pgs_exec_pg(ps, pg);
	free(pg);
	/* Rows inserted with their ids: the identities catch up; and
	 * store_last_id reads the table of an INSERT (its first). */
	if (rc == 0 && strcasestr(sql, "INSERT") != NULL) {
		rc = pgs_exec_pg(ps, dialect_pg_sync_identities);
		if (dialect_pg_query(sql, &q) == 0) {
			if (q.insert_table[0] != '\0')
				memcpy(ps->last_table, q.insert_table,
				    sizeof(ps->last_table));
			free(q.sql);
		}
	}
	return rc;
}

/* Whether a transaction is open (or failed and not yet rolled back). */
int
pgs_in_tx(struct pgstore *ps)
{
	return PQtransactionStatus(ps->conn) != PQTRANS_IDLE &&
	    PQtransactionStatus(ps->conn) != PQTRANS_UNKNOWN;
}

/* BEGIN and the write lock.  Returns 0 or -1. */
int
pgs_begin(struct pgstore *ps)
{
	if (pgs_in_tx(ps)) {
		log_err("store: begin: a transaction is already open");
		return -1;
	}
	if (pgs_exec_pg(ps, "BEGIN") == -1)
		return -1;
	if (pgs_exec_pg(ps, PGS_WRITE_LOCK) == -1) {
		pgs_rollback(ps);
		return -1;
	}
	return 0;
}

/* COMMIT; a transaction that failed part-way is rolled back and
 * reported.  Returns 0 or -1. */
int
pgs_commit(struct pgstore *ps)
{
	PGresult	*r;
	int		 ok;

	r = PQexec(ps->conn, "COMMIT");
	ok = PQresultStatus(r) == PGRES_COMMAND_OK &&
	    strcmp(PQcmdStatus(r), "COMMIT") == 0;
	if (!ok) {
		pgs_fail(ps, "commit", r);
		if (ps->err[0] == '\0')
			snprintf(ps->err, sizeof(ps->err), "rolled back");
	}
	PQclear(r);
	if (!ok)
		pgs_rollback(ps);
	return ok ? 0 : -1;
}

/* ROLLBACK when a transaction is open. */
void
pgs_rollback(struct pgstore *ps)
{
	PGresult	*r;

	if (!pgs_in_tx(ps))
		return;
	r = PQexec(ps->conn, "ROLLBACK");
	PQclear(r);
}

/* The stored schema version into *v; 0 when there is none yet (no
 * hall_schema table: a new database). */
int
pgs_version(struct pgstore *ps, int *v)
{
	PGresult	*r;
	int		 ok, have;

	*v = 0;
	r = PQexec(ps->conn, "SELECT to_regclass('hall_schema') IS NOT NULL");
	ok = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
	have = ok && PQgetvalue(r, 0, 0)[0] == 't';
	if (!ok)
		pgs_fail(ps, "schema version", r);
	PQclear(r);
	if (!have)
		return ok ? 0 : -1;
	r = PQexec(ps->conn, "SELECT version FROM hall_schema");
	if ((ok = PQresultStatus(r) == PGRES_TUPLES_OK) && PQntuples(r) > 0)
		*v = atoi(PQgetvalue(r, 0, 0));
	if (!ok)
		pgs_fail(ps, "schema version", r);
	PQclear(r);
	return ok ? 0 : -1;
}

/* Applies migration v translated (after the prelude of functions it
 * may use), the identity sequences caught up and the version bumped,
 * inside the caller's transaction; see store_pg.h. */
int
pgs_apply(struct pgstore *ps, int v)
{
	char	*sql, bump[64];
	int	 rc;

	if (pgs_exec_pg(ps, dialect_pg_prelude) == -1 ||
	    (sql = dialect_pg_schema(store_migrations[v])) == NULL)
		return -1;
	rc = pgs_exec_pg(ps, sql);
	free(sql);
	if (rc == -1)
		log_err("store: migration %d failed on PostgreSQL", v + 1);
	snprintf(bump, sizeof(bump), "UPDATE hall_schema SET version = %d",
	    v + 1);
	if (rc == -1 || pgs_exec_pg(ps, dialect_pg_sync_identities) == -1 ||
	    pgs_exec_pg(ps, bump) == -1)
		return -1;
	return 0;
}

/* ANALYZE the whole database. */
int
pgs_analyze(struct pgstore *ps)
{
	return pgs_exec_pg(ps, "ANALYZE");
}

static int	pgst_prepare_from(struct pgstmt *, int);

/* A statement for sql; see store_pg.h.  Prepared at once (the server
 * infers the parameters' types), so that a statement that cannot run
 * fails here, as on SQLite. */
struct pgstmt *
pgst_new(struct pgstore *ps, const char *sql)
{
	struct pgstmt	*st;

	if ((st = calloc(1, sizeof(*st))) == NULL)
		return NULL;
	st->ps = ps;
	st->sql = sql;
	if (dialect_pg_query(sql, &st->q) == -1) {
		free(st);
		return NULL;
	}
	st->nparams = st->q.nparams;
	if (st->nparams > 0 &&
	    ((st->vals = calloc((size_t)st->nparams, sizeof(*st->vals))) ==
	    NULL ||
	    (st->lens = calloc((size_t)st->nparams, sizeof(int))) == NULL ||
	    (st->kinds = calloc((size_t)st->nparams, sizeof(int))) == NULL)) {
		pgst_free(st);
		return NULL;
	}
	snprintf(st->name, sizeof(st->name), "h%u", ++ps->nstmts);
	if ((!pgs_in_tx(ps) && pgs_alive(ps) == -1) ||
	    pgst_prepare_from(st, PGST_INFER) == -1) {
		pgst_free(st);
		return NULL;
	}
	return st;
}

/* Frees st (the server forgets it with the connection). */
void
pgst_free(struct pgstmt *st)
{
	if (st == NULL)
		return;
	pgst_reset(st);
	pgst_clear(st);
	free(st->vals);
	free(st->lens);
	free(st->kinds);
	free(st->q.sql);
	free(st);
}

/* Every binding back to NULL. */
void
pgst_clear(struct pgstmt *st)
{
	int	 i;

	for (i = 0; i < st->nparams; i++) {
		free(st->vals[i]);
		st->vals[i] = NULL;
		st->lens[i] = 0;
		st->kinds[i] = PGST_NULL;
	}
}

/* Forgets the result of the last run. */
void
pgst_reset(struct pgstmt *st)
{
	if (st == NULL)
		return;
	PQclear(st->res);
	st->res = NULL;
	st->row = 0;
	PQfreemem(st->blob);
	st->blob = NULL;
}

/* Binds a copy of v; see store_pg.h.  Integers go as their decimal
 * text, blobs as binary. */
int
pgst_bind(struct pgstmt *st, int i, int kind, const void *v, size_t n)
{
	char	*c;

	if (i < 1 || i > st->nparams) {
		log_err("store: bind %d of %d parameters (%s)", i,
		    st->nparams, st->sql);
		return -1;
	}
	free(st->vals[i - 1]);
	st->vals[i - 1] = NULL;
	st->lens[i - 1] = 0;
	st->kinds[i - 1] = kind;
	if (kind == PGST_NULL)
		return 0;
	if ((c = malloc(n + 1)) == NULL)
		return -1;
	memcpy(c, v, n);
	c[n] = '\0';
	st->vals[i - 1] = c;
	st->lens[i - 1] = (int)n;
	return 0;
}

/* The parameter types for level (PGST_INFER ...) into types. */
static void
pgst_types(const struct pgstmt *st, unsigned int *types, int level)
{
	int	 i;

	for (i = 0; i < st->nparams; i++)
		types[i] = level == PGST_INFER ? 0 :
		    st->kinds[i] == PGST_INT ? PG_INT8OID :
		    st->kinds[i] == PGST_BLOB ? PG_BYTEAOID :
		    level == PGST_TEXTUAL ? PG_TEXTOID : 0;
}

/* Whether the SQLSTATE of r says the parameters' types could not be
 * told (indeterminate, inconsistent, an ambiguous function or
 * operator, no such operator for an untyped parameter). */
static int
pgst_type_trouble(const PGresult *r)
{
	const char	*state = PQresultErrorField(r, PG_DIAG_SQLSTATE);

	return state != NULL && (strcmp(state, "42P18") == 0 ||
	    strcmp(state, "42P08") == 0 || strcmp(state, "42725") == 0 ||
	    strcmp(state, "42883") == 0 || strcmp(state, "42804") == 0);
}

/* Prepares st at level, under a savepoint inside a transaction (a
 * failed prepare must not end it).  Returns 0, 1 when the types were
 * the trouble (nothing logged), or -1 (logged). */
static int
pgst_parse(struct pgstmt *st, int level)
{
	unsigned int	 types[st->nparams > 0 ? st->nparams : 1];
	PGresult	*r;
	int		 rc, intx = pgs_in_tx(st->ps);

	if (intx && pgs_exec_pg(st->ps, "SAVEPOINT hall_prepare") == -1)
		return -1;
	pgst_types(st, types, level);
	r = PQprepare(st->ps->conn, st->name, st->q.sql, st->nparams,
	    (const Oid *)types);
	if (PQresultStatus(r) == PGRES_COMMAND_OK)
		rc = 0;
	else if (pgst_type_trouble(r) && level < PGST_TEXTUAL)
		rc = 1;
	else {
		pgs_fail(st->ps, "prepare", r);
		log_err("store: in: %s", st->q.sql);
		rc = -1;
	}
	PQclear(r);
	if (intx && ((rc != 0 && pgs_exec_pg(st->ps,
	    "ROLLBACK TO SAVEPOINT hall_prepare") == -1) ||
	    pgs_exec_pg(st->ps, "RELEASE SAVEPOINT hall_prepare") == -1))
		return -1;
	return rc;
}

/* Prepares st on the server when this connection has not yet, from
 * level on (PGST_INFER when made, PGST_BOUND on a run).  Returns 0, 1
 * when st must wait for its bindings (PGST_INFER could not type it),
 * or -1 (logged). */
static int
pgst_prepare_from(struct pgstmt *st, int level)
{
	int	 rc;

	if (st->generation == st->ps->generation)
		return 0;
	for (; level <= PGST_TEXTUAL; level++) {
		if ((rc = pgst_parse(st, level)) == -1)
			return -1;
		if (rc == 0) {
			st->generation = st->ps->generation;
			return 0;
		}
		if (level == PGST_INFER)
			return 1;
	}
	return -1;
}

/* Prepares st for a run with its bindings.  Returns 0 or -1. */
static int
pgst_prepare(struct pgstmt *st)
{
	return pgst_prepare_from(st, PGST_BOUND) == 0 ? 0 : -1;
}

/* After an INSERT that gave its own ids, moves the table's identity
 * past them.  Returns 0 or -1. */
static int
pgst_sync_identity(struct pgstmt *st)
{
	const char	*p[1] = { st->q.insert_table };
	PGresult	*r;
	int		 ok;

	r = PQexecParams(st->ps->conn, "SELECT hall_sync_identity($1)", 1,
	    NULL, p, NULL, NULL, 0);
	ok = PQresultStatus(r) == PGRES_TUPLES_OK;
	if (!ok)
		pgs_fail(st->ps, "identity", r);
	PQclear(r);
	return ok ? 0 : -1;
}

/* Runs the prepared st with its bindings.  Returns STORE_ROW,
 * STORE_DONE or STORE_ERROR. */
static int
pgst_run(struct pgstmt *st)
{
	int	 fmts[st->nparams > 0 ? st->nparams : 1];
	int	 i;

	if (!pgs_in_tx(st->ps) && pgs_alive(st->ps) == -1)
		return STORE_ERROR;
	if (pgst_prepare(st) == -1)
		return STORE_ERROR;
	for (i = 0; i < st->nparams; i++)
		fmts[i] = st->kinds[i] == PGST_BLOB ? 1 : 0;
	st->res = PQexecPrepared(st->ps->conn, st->name, st->nparams,
	    (const char *const *)st->vals, st->lens, fmts, 0);
	if (PQresultStatus(st->res) == PGRES_TUPLES_OK) {
		st->row = 0;
		return PQntuples(st->res) > 0 ? STORE_ROW : STORE_DONE;
	}
	if (PQresultStatus(st->res) == PGRES_COMMAND_OK) {
		st->ps->changes = atoi(PQcmdTuples(st->res));
		if (st->q.insert_table[0] != '\0') {
			memcpy(st->ps->last_table, st->q.insert_table,
			    sizeof(st->ps->last_table));
			if (st->q.explicit_id && pgst_sync_identity(st) == -1)
				return STORE_ERROR;
		}
		return STORE_DONE;
	}
	pgs_fail(st->ps, "step", st->res);
	log_err("store: in: %s", st->q.sql);
	if (PQstatus(st->ps->conn) != CONNECTION_OK)
		st->generation = 0;
	return STORE_ERROR;
}

/* Runs st on its first step, then walks its rows; see store_pg.h. */
int
pgst_step(struct pgstmt *st)
{
	PQfreemem(st->blob);
	st->blob = NULL;
	if (st->res == NULL)
		return pgst_run(st);
	if (PQresultStatus(st->res) != PGRES_TUPLES_OK)
		return STORE_DONE;
	if (++st->row < PQntuples(st->res))
		return STORE_ROW;
	return STORE_DONE;
}

/* Whether column i of the current row exists. */
static int
pgst_has(const struct pgstmt *st, int i)
{
	return st->res != NULL &&
	    PQresultStatus(st->res) == PGRES_TUPLES_OK &&
	    st->row < PQntuples(st->res) && i >= 0 &&
	    i < PQnfields(st->res);
}

/* Column i as text ("" for NULL); a boolean as "1" or "0", as SQLite
 * gives it.  Borrowed until the next step or reset. */
const char *
pgst_text(struct pgstmt *st, int i)
{
	const char	*v;

	if (!pgst_has(st, i))
		return "";
	v = PQgetvalue(st->res, st->row, i);
	if (PQftype(st->res, i) == PG_BOOLOID)
		return v[0] == 't' ? "1" : "0";
	return v;
}

/* Column i as an integer (0 for NULL or text that is no number). */
int64_t
pgst_int(struct pgstmt *st, int i)
{
	return strtoll(pgst_text(st, i), NULL, 10);
}

/* Whether column i is NULL. */
int
pgst_null(struct pgstmt *st, int i)
{
	return !pgst_has(st, i) || PQgetisnull(st->res, st->row, i);
}

/* Column i as bytes (a bytea unescaped), their count in *n.  Borrowed
 * until the next step or reset. */
const void *
pgst_blob(struct pgstmt *st, int i, size_t *n)
{
	const char	*v;

	*n = 0;
	if (pgst_null(st, i))
		return NULL;
	v = PQgetvalue(st->res, st->row, i);
	if (PQftype(st->res, i) != PG_BYTEAOID) {
		*n = (size_t)PQgetlength(st->res, st->row, i);
		return *n > 0 ? v : NULL;
	}
	PQfreemem(st->blob);
	st->blob = PQunescapeBytea((const unsigned char *)v, n);
	return *n > 0 ? st->blob : NULL;
}

/* The statement's SQLite text. */
const char *
pgst_sql(struct pgstmt *st)
{
	return st->sql;
}

/* The id the last INSERT gave its table's identity, 0 when none. */
int64_t
pgs_last_id(struct pgstore *ps)
{
	const char	*p[1] = { ps->last_table };
	PGresult	*r;
	int64_t		 id = 0;

	if (ps->last_table[0] == '\0')
		return 0;
	r = PQexecParams(ps->conn, "SELECT hall_last_id($1)", 1, NULL, p,
	    NULL, NULL, 0);
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
		id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	else
		pgs_fail(ps, "last id", r);
	PQclear(r);
	return id;
}

/* The rows the last command changed. */
int
pgs_changes(struct pgstore *ps)
{
	return ps->changes;
}

/* The last error. */
const char *
pgs_errmsg(struct pgstore *ps)
{
	return ps->err[0] != '\0' ? ps->err : PQerrorMessage(ps->conn);
}

/* pg_dump -Fc of the database into dest; see store_pg.h. */
int
pgs_backup(struct pgstore *ps, const char *dest)
{
	char	 a0[] = "pg_dump", a1[] = "--format=custom",
		 a2[] = "--no-owner", a3[] = "--file", a5[] = "--dbname";
	char	*d = strdup(dest), *argv[] = { a0, a1, a2, a3, d, a5,
	    ps->conninfo, NULL };
	pid_t	 pid;
	int	 status, fd;

	if (d == NULL || (fd = open(dest, O_WRONLY | O_CREAT | O_TRUNC |
	    O_CLOEXEC, 0600)) == -1) {
		log_err("store: %s: %s", dest, strerror(errno));
		free(d);
		return -1;
	}
	close(fd);
	errno = posix_spawnp(&pid, "pg_dump", NULL, NULL, argv, environ);
	free(d);
	if (errno != 0) {
		log_err("store: pg_dump: %s", strerror(errno));
		return -1;
	}
	if (waitpid(pid, &status, 0) == -1 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		log_err("store: pg_dump to %s failed", dest);
		return -1;
	}
	return chmod(dest, 0600);
}
