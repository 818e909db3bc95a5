/*
 * store.c: the hall's one database: opening with the house PRAGMAs,
 * numbered migrations, BEGIN IMMEDIATE transactions, a cache of
 * prepared statements keyed by their SQL literal, checkpoints and
 * backups through SQLite's own API.  When the store is PostgreSQL each
 * call passes to store_pg.c instead.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "log.h"
#include "migrations.h"
#include "store.h"
#include "store_pg.h"

/* A prepared statement: SQLite's, or store_pg.c's. */
struct store_stmt {
	sqlite3_stmt	*sq;
	struct pgstmt	*pg;
};

/* The SQLite statement of a store_stmt. */
#define SQ(st)	((st)->sq)

#define STORE_BEGIN_TRIES_MS	10000	/* give up BEGIN IMMEDIATE after ~10 s */
#define STORE_BUSY_TIMEOUT_MS	5000

/* Runs constant SQL text (never input) on db.  Returns 0 or -1
 * (logged with what). */
static int
store_exec_const(sqlite3 *db, const char *sql, const char *what)
{
	char	*err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		log_err("store: %s: %s", what,
		    err != NULL ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/* Opens (creating with mode 0600) the SQLite file path into *db.
 * Returns 0 or -1 (logged, *db closed and NULL). */
static int
store_open_db(const char *path, sqlite3 **db)
{
	mode_t	 old;
	int	 rc;

	old = umask(077);
	rc = sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	umask(old);
	if (rc != SQLITE_OK) {
		log_err("store: open %s: %s", path, *db != NULL ?
		    sqlite3_errmsg(*db) : sqlite3_errstr(rc));
		sqlite3_close(*db);
		*db = NULL;
		return -1;
	}
	sqlite3_extended_result_codes(*db, 1);
	return 0;
}

/* Reads the stored schema version into *v: PRAGMA user_version on
 * SQLite, the hall_schema row on PostgreSQL.  Returns 0 or -1. */
static int
store_user_version(struct store *s, int *v)
{
	sqlite3_stmt	*st;
	int		 rc = -1;

	if (s->pg != NULL)
		return pgs_version(s->pg, v);
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK) {
		log_err("store: user_version: %s", sqlite3_errmsg(s->db));
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		*v = sqlite3_column_int(st, 0);
		rc = 0;
	} else
		log_err("store: user_version: %s", sqlite3_errmsg(s->db));
	sqlite3_finalize(st);
	return rc;
}

/* The schema version of this build: the number of migrations. */
int
store_schema_version(void)
{
	return (int)store_nmigrations;
}

/* How long a connection that finds the write lock taken waits before
 * it tries again: short, so a worker takes the lock about as soon as
 * the holder commits (SQLite's own busy_timeout sleeps 1, 2, 5, 10 ...
 * ms, far longer than a commit here, so two workers took turns idling).
 * Backs off from 100 us to 2 ms; gives up after STORE_BUSY_TIMEOUT_MS.
 * Returns 1 to try again, 0 to give up (SQLITE_BUSY). */
static int
store_busy(void *arg, int n)
{
	struct timespec	 ts;
	long long	*start = arg, now, us;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
	if (n == 0)
		*start = now;
	if (now - *start >= (long long)STORE_BUSY_TIMEOUT_MS * 1000)
		return 0;
	us = n < 20 ? 100 : n < 100 ? 500 : 2000;
	ts.tv_sec = 0;
	ts.tv_nsec = us * 1000;
	(void)nanosleep(&ts, NULL);
	return 1;
}

/* Migrates s, or with STORE_NOMIGRATE checks that its schema is this
 * build's (what names the database in the message).  Returns 0, or -1
 * (logged). */
static int
store_ready(struct store *s, unsigned int flags, const char *what)
{
	int	 v;

	if (!(flags & STORE_NOMIGRATE))
		return store_migrate(s);
	if (store_user_version(s, &v) == -1)
		return -1;
	if (v != store_schema_version()) {
		log_err("store: %s has schema %d, this build needs %d (run "
		    "hall-admin init)", what, v, store_schema_version());
		return -1;
	}
	return 0;
}

/* Connects s to the PostgreSQL database conninfo and (unless
 * STORE_NOMIGRATE) migrates it.  Returns s, or NULL (s closed). */
static struct store *
store_open_pg(struct store *s, const char *conninfo, unsigned int flags)
{
	if ((s->pg = pgs_open(conninfo)) == NULL)
		goto fail;
	if (store_ready(s, flags, "the PostgreSQL database") == -1)
		goto fail;
	return s;
fail:
	store_close(s);
	return NULL;
}

/* Whether path names a PostgreSQL database; see store.h. */
int
store_is_pg(const char *path)
{
	return pgs_is_conninfo(path);
}

/* Opens and (unless STORE_NOMIGRATE) migrates the database at path.
 * Returns a store owned by the caller (store_close), or NULL (logged). */
struct store *
store_open(const char *path, unsigned int flags)
{
	struct store	*s;

	if ((s = calloc(1, sizeof(*s))) == NULL) {
		log_err("store: calloc: %s", strerror(errno));
		return NULL;
	}
	if (pgs_is_conninfo(path))
		return store_open_pg(s, path, flags);
	if (store_open_db(path, &s->db) == -1)
		goto fail;
	if (sqlite3_busy_handler(s->db, store_busy, &s->busy_since) !=
	    SQLITE_OK ||
	    store_exec_const(s->db, "PRAGMA journal_mode=WAL",
	    "journal_mode") == -1 ||
	    store_exec_const(s->db, "PRAGMA synchronous=FULL",
	    "synchronous") == -1 ||
	    store_exec_const(s->db, "PRAGMA foreign_keys=ON",
	    "foreign_keys") == -1)
		goto fail;
	if ((flags & STORE_NOCHECKPOINT) && store_exec_const(s->db,
	    "PRAGMA wal_autocheckpoint=0", "wal_autocheckpoint") == -1)
		goto fail;
	if (store_ready(s, flags, path) == -1)
		goto fail;
	return s;
fail:
	store_close(s);
	return NULL;
}

/* Finalises every cached statement and closes the database. */
void
store_close(struct store *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->cachesz; i++) {
		sqlite3_finalize(SQ(s->cache[i].stmt));
		pgst_free(s->cache[i].stmt->pg);
		free(s->cache[i].stmt);
	}
	free(s->cache);
	pgs_close(s->pg);
	if (s->db != NULL && sqlite3_close(s->db) != SQLITE_OK)
		log_err("store: close: %s", sqlite3_errmsg(s->db));
	free(s);
}

/* Applies migration v (0-based) and bumps the stored version to v + 1,
 * inside the caller's transaction: on PostgreSQL translated
 * (pgs_apply).  Returns 0 or -1 (logged). */
static int
store_apply(struct store *s, int v)
{
	char	 sql[64];

	if (s->pg != NULL)
		return pgs_apply(s->pg, v);
	if (store_exec_const(s->db, store_migrations[v], "migration") == -1)
		return -1;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
	return store_exec_const(s->db, sql, "user_version");
}

/* Applies every migration above the stored version, each with its
 * version bump in one writing transaction (BEGIN IMMEDIATE, or the
 * writers' lock on PostgreSQL; the version re-read inside it, so two
 * processes never apply one twice).  Returns 0 or -1. */
int
store_migrate(struct store *s)
{
	int	 v, migrated = 0;

	for (;;) {
		if (store_begin(s) == -1)
			return -1;
		if (store_user_version(s, &v) == -1)
			goto fail;
		if (v < 0 || v > store_schema_version()) {
			log_err("store: schema %d is newer than this build "
			    "(%d)", v, store_schema_version());
			goto fail;
		}
		if (v == store_schema_version())
			break;
		if (store_apply(s, v) == -1)
			goto fail;
		if (store_commit(s) == -1)
			return -1;
		log_info("store: migrated to schema %d", v + 1);
		migrated = 1;
	}
	if (store_commit(s) == -1)
		return -1;
	/* New indexes want their statistics before the first query. */
	return migrated ? store_optimize(s) : 0;
fail:
	store_rollback(s);
	return -1;
}

/* Milliseconds of a monotonic clock. */
static int64_t
store_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* BEGIN IMMEDIATE, retrying on SQLITE_BUSY for about 10 s in all.
 * Returns 0 (s->in_tx set) or -1 (logged). */
int
store_begin(struct store *s)
{
	const struct timespec	 nap = { 0, 20 * 1000 * 1000 };
	int64_t			 start;
	int			 rc;

	if (s->pg != NULL) {
		if (pgs_begin(s->pg) == -1)
			return -1;
		s->in_tx = 1;
		return 0;
	}
	if (s->in_tx || !sqlite3_get_autocommit(s->db)) {
		log_err("store: begin: a transaction is already open");
		return -1;
	}
	start = store_ms();
	for (;;) {
		rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK) {
			s->in_tx = 1;
			return 0;
		}
		if ((rc & 0xff) != SQLITE_BUSY ||
		    store_ms() - start > STORE_BEGIN_TRIES_MS)
			break;
		nanosleep(&nap, NULL);
	}
	log_err("store: begin immediate: %s", sqlite3_errmsg(s->db));
	return -1;
}

/* COMMIT.  Returns 0, or -1 with the transaction rolled back. */
int
store_commit(struct store *s)
{
	if (s->pg != NULL) {
		s->in_tx = 0;
		return pgs_commit(s->pg);
	}
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		log_err("store: commit: %s", sqlite3_errmsg(s->db));
		store_rollback(s);
		return -1;
	}
	s->in_tx = 0;
	return 0;
}

/* ROLLBACK when a transaction is open; clears s->in_tx. */
void
store_rollback(struct store *s)
{
	if (s->pg != NULL) {
		pgs_rollback(s->pg);
		s->in_tx = 0;
		return;
	}
	if (!sqlite3_get_autocommit(s->db) &&
	    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
		log_err("store: rollback: %s", sqlite3_errmsg(s->db));
	s->in_tx = 0;
}

/* The SQL log of this process (HALL_SQL_LOG, see store.h): its path
 * and the literals already written, compared by pointer. */
static struct store_sqllog {
	const char	*path;		/* NULL: no log */
	const char	**seen;
	size_t		 nseen;
	size_t		 capseen;
} store_sqllog;

/* Whether the literal sql is still to be written to the SQL log (and
 * marks it written).  Returns 0 when there is no log, sql was written
 * before, or memory ran out. */
static int
store_sqllog_new(const char *sql)
{
	const char	**ns;
	size_t		  i, ncap;

	/* Read on each new statement (rare), so that a test may set it. */
	store_sqllog.path = getenv(STORE_SQL_LOG_ENV);
	if (store_sqllog.path == NULL || store_sqllog.path[0] == '\0')
		return 0;
	for (i = 0; i < store_sqllog.nseen; i++)
		if (store_sqllog.seen[i] == sql)
			return 0;
	if (store_sqllog.nseen == store_sqllog.capseen) {
		ncap = store_sqllog.capseen == 0 ? 64 :
		    store_sqllog.capseen * 2;
		if ((ns = reallocarray(store_sqllog.seen, ncap,
		    sizeof(*ns))) == NULL)
			return 0;
		store_sqllog.seen = ns;
		store_sqllog.capseen = ncap;
	}
	store_sqllog.seen[store_sqllog.nseen++] = sql;
	return 1;
}

/* Appends the line "program<TAB>file:line<TAB>sql" (sql escaped, see
 * store.h) to
 * the SQL log in one write.  Failures are logged, never fatal. */
static void
store_sqllog_write(const char *sql, const char *file, int line)
{
	char		*buf, *p;
	const char	*q;
	size_t		 cap;
	ssize_t		 w;
	int		 fd, n;

	cap = strlen(program_invocation_short_name) + strlen(file) + 16 +
	    2 * strlen(sql) + 2;
	if ((buf = malloc(cap)) == NULL)
		return;
	n = snprintf(buf, cap, "%s\t%s:%d\t", program_invocation_short_name,
	    file, line);
	p = buf + (n > 0 ? n : 0);
	for (q = sql; *q != '\0'; q++)
		switch (*q) {
		case '\t': *p++ = '\\'; *p++ = 't'; break;
		case '\n': *p++ = '\\'; *p++ = 'n'; break;
		case '\r': *p++ = '\\'; *p++ = 'r'; break;
		case '\\': *p++ = '\\'; *p++ = '\\'; break;
		default: *p++ = *q; break;
		}
	*p++ = '\n';
	fd = open(store_sqllog.path, O_WRONLY | O_APPEND | O_CREAT |
	    O_CLOEXEC, 0600);
	if (fd == -1) {
		log_err("store: %s: %s", store_sqllog.path, strerror(errno));
		free(buf);
		return;
	}
	w = write(fd, buf, (size_t)(p - buf));
	if (w != p - buf)
		log_err("store: %s: short write", store_sqllog.path);
	close(fd);
	free(buf);
}

/* Resets st and sets its bindings back to NULL. */
static void
store_stmt_clear(struct store_stmt *st)
{
	if (st->pg != NULL) {
		pgst_reset(st->pg);
		pgst_clear(st->pg);
		return;
	}
	sqlite3_reset(SQ(st));
	sqlite3_clear_bindings(SQ(st));
}

/* A new statement for sql on s.  Returns it (owned by the cache) or
 * NULL (logged). */
static struct store_stmt *
store_prepare(struct store *s, const char *sql)
{
	struct store_stmt	*st;

	if ((st = calloc(1, sizeof(*st))) == NULL) {
		log_err("store: calloc: %s", strerror(errno));
		return NULL;
	}
	if (s->pg != NULL)
		st->pg = pgst_new(s->pg, sql);
	else if (sqlite3_prepare_v3(s->db, sql, -1,
	    SQLITE_PREPARE_PERSISTENT, &st->sq, NULL) != SQLITE_OK)
		log_err("store: prepare: %s", sqlite3_errmsg(s->db));
	if (st->pg == NULL && st->sq == NULL) {
		free(st);
		return NULL;
	}
	return st;
}

/* The cached statement for the literal sql, reset with bindings
 * cleared; prepared on first use (and then written to the SQL log when
 * there is one, with the caller's file and line).  Borrowed until
 * store_close(). */
struct store_stmt *
store_stmt_at(struct store *s, const char *sql, const char *file, int line)
{
	struct store_cached	*nc;
	struct store_stmt	*st;
	size_t			 i, ncap;

	for (i = 0; i < s->cachesz; i++)
		if (s->cache[i].sql == sql) {
			store_stmt_clear(s->cache[i].stmt);
			return s->cache[i].stmt;
		}
	if (s->cachesz == s->cachecap) {
		ncap = s->cachecap == 0 ? 32 : s->cachecap * 2;
		if (ncap < s->cachecap || ncap > SIZE_MAX / sizeof(*nc)) {
			log_err("store: statement cache overflow");
			return NULL;
		}
		if ((nc = realloc(s->cache, ncap * sizeof(*nc))) == NULL) {
			log_err("store: realloc: %s", strerror(errno));
			return NULL;
		}
		s->cache = nc;
		s->cachecap = ncap;
	}
	if ((st = store_prepare(s, sql)) == NULL)
		return NULL;
	s->cache[s->cachesz].sql = sql;
	s->cache[s->cachesz].stmt = st;
	s->cachesz++;
	if (store_sqllog_new(sql))
		store_sqllog_write(sql, file, line);
	return s->cache[s->cachesz - 1].stmt;
}

/* Logs a failed bind of index i with SQLite's code rc.  Returns 0 when
 * rc is SQLITE_OK, else -1. */
static int
store_bind_rc(int rc, int i)
{
	if (rc == SQLITE_OK)
		return 0;
	log_err("store: bind %d: %s", i, sqlite3_errstr(rc));
	return -1;
}

/* Binds text v (copied; NULL binds NULL) at index i.  Returns 0 or -1. */
int
store_bind_text(struct store_stmt *st, int i, const char *v)
{
	if (st->pg != NULL)
		return v == NULL ? pgst_bind(st->pg, i, PGST_NULL, NULL, 0) :
		    pgst_bind(st->pg, i, PGST_TEXT, v, strlen(v));
	return store_bind_rc(v == NULL ? sqlite3_bind_null(SQ(st), i) :
	    sqlite3_bind_text(SQ(st), i, v, -1, SQLITE_TRANSIENT), i);
}

/* Binds the integer v at index i.  Returns 0 or -1. */
int
store_bind_int(struct store_stmt *st, int i, int64_t v)
{
	char	 n[24];

	if (st->pg != NULL) {
		snprintf(n, sizeof(n), "%lld", (long long)v);
		return pgst_bind(st->pg, i, PGST_INT, n, strlen(n));
	}
	return store_bind_rc(sqlite3_bind_int64(SQ(st), i, v), i);
}

/* Binds NULL at index i.  Returns 0 or -1. */
int
store_bind_null(struct store_stmt *st, int i)
{
	if (st->pg != NULL)
		return pgst_bind(st->pg, i, PGST_NULL, NULL, 0);
	return store_bind_rc(sqlite3_bind_null(SQ(st), i), i);
}

/* Binds n bytes at v (borrowed until reset) at index i.  Returns 0 or
 * -1. */
int
store_bind_blob(struct store_stmt *st, int i, const void *v, size_t n)
{
	if (n > INT32_MAX)
		return store_bind_rc(SQLITE_TOOBIG, i);
	if (st->pg != NULL)
		return pgst_bind(st->pg, i, PGST_BLOB, v, n);
	return store_bind_rc(sqlite3_bind_blob(SQ(st), i, v, (int)n,
	    SQLITE_STATIC), i);
}

/* Steps st.  Returns STORE_ROW, STORE_DONE or STORE_ERROR (logged). */
int
store_step(struct store_stmt *st)
{
	int	 rc;

	if (st->pg != NULL)
		return pgst_step(st->pg);
	rc = sqlite3_step(SQ(st));
	if (rc == SQLITE_ROW)
		return STORE_ROW;
	if (rc == SQLITE_DONE)
		return STORE_DONE;
	log_err("store: step: %s (%s)", sqlite3_errstr(rc),
	    sqlite3_sql(SQ(st)));
	return STORE_ERROR;
}

/* Resets st for another run. */
void
store_reset(struct store_stmt *st)
{
	if (st != NULL && st->pg != NULL)
		pgst_reset(st->pg);
	else if (st != NULL)
		sqlite3_reset(SQ(st));
}

/* Steps st to completion (it must return no rows) and resets it.
 * Returns 0 or -1 (logged). */
int
store_exec_stmt(struct store *s, struct store_stmt *st)
{
	int	 rc;

	if (st->pg != NULL) {
		rc = pgst_step(st->pg);
		pgst_reset(st->pg);
		if (rc == STORE_ROW)
			log_err("store: step: statement returned rows (%s)",
			    pgst_sql(st->pg));
		return rc == STORE_DONE ? 0 : -1;
	}
	rc = sqlite3_step(SQ(st));
	if (rc != SQLITE_DONE) {
		log_err("store: step: %s (%s)", rc == SQLITE_ROW ?
		    "statement returned rows" : sqlite3_errmsg(s->db),
		    sqlite3_sql(SQ(st)));
		sqlite3_reset(SQ(st));
		return -1;
	}
	sqlite3_reset(SQ(st));
	return 0;
}

/* Runs the constant sql.  Returns 0 or -1 (logged). */
int
store_exec_sql(struct store *s, const char *sql)
{
	if (s->pg != NULL)
		return pgs_exec(s->pg, sql);
	return store_exec_const(s->db, sql, sql);
}

/* The one integer of sql (parameter ?1 = p1 unless STORE_NOPARAM) into
 * *out, dflt when there is no row.  Returns 0 or -1. */
int
store_int_at(struct store *s, const char *sql, int64_t p1, int64_t dflt,
    int64_t *out, const char *file, int line)
{
	struct store_stmt	*st;

	if ((st = store_stmt_at(s, sql, file, line)) == NULL ||
	    (p1 != STORE_NOPARAM && store_bind_int(st, 1, p1) != 0))
		return -1;
	return store_step_int(st, dflt, out) == STORE_ERROR ? -1 : 0;
}

/* The one integer of sql with text parameter ?1 = p1 (NULL: none) into
 * *out, dflt when there is no row.  Returns 0 or -1. */
int
store_int_text_at(struct store *s, const char *sql, const char *p1,
    int64_t dflt, int64_t *out, const char *file, int line)
{
	struct store_stmt	*st;

	if ((st = store_stmt_at(s, sql, file, line)) == NULL ||
	    (p1 != NULL && store_bind_text(st, 1, p1) != 0))
		return -1;
	return store_step_int(st, dflt, out) == STORE_ERROR ? -1 : 0;
}

/* Steps the bound st once: column 0 of its row into buf; see store.h.
 * Returns STORE_ROW, STORE_DONE or STORE_ERROR. */
int
store_step_text(struct store_stmt *st, char *buf, size_t bufsz)
{
	const char	*v;
	int		 rc;

	buf[0] = '\0';
	if ((rc = store_step(st)) == STORE_ROW &&
	    (v = store_col_text(st, 0)) != NULL && strlen(v) < bufsz)
		memcpy(buf, v, strlen(v) + 1);
	store_reset(st);
	return rc;
}

/* Runs sql once, uncached (text built at run time from constants: the
 * tests' and hall-admin's, never a request's): column 0 of its first
 * row into buf (bufsz bytes; "" when none).  Returns STORE_ROW,
 * STORE_DONE or STORE_ERROR (logged). */
int
store_text_once(struct store *s, const char *sql, char *buf, size_t bufsz)
{
	struct store_stmt	*st;
	int			 rc;

	buf[0] = '\0';
	if ((st = store_prepare(s, sql)) == NULL)
		return STORE_ERROR;
	rc = store_step_text(st, buf, bufsz);
	if (st->pg != NULL)
		pgst_free(st->pg);
	else
		sqlite3_finalize(SQ(st));
	free(st);
	return rc;
}

/* Steps the bound st once: column 0 of its row into *out, else dflt;
 * resets st.  Returns STORE_ROW, STORE_DONE or STORE_ERROR (logged by
 * store_step). */
int
store_step_int(struct store_stmt *st, int64_t dflt, int64_t *out)
{
	int	 rc;

	*out = dflt;
	if ((rc = store_step(st)) == STORE_ROW)
		*out = store_col_int64(st, 0);
	store_reset(st);
	return rc;
}

/* Column i of st's current row as text, "" for NULL.  Borrowed until
 * st is stepped or reset. */
const char *
store_col_text(struct store_stmt *st, int i)
{
	const unsigned char	*p;

	if (st->pg != NULL)
		return pgst_text(st->pg, i);
	p = sqlite3_column_text(SQ(st), i);
	return p == NULL ? "" : (const char *)p;
}

/* Column i as a 64-bit integer. */
int64_t
store_col_int64(struct store_stmt *st, int i)
{
	if (st->pg != NULL)
		return pgst_int(st->pg, i);
	return sqlite3_column_int64(SQ(st), i);
}

/* Column i as an int. */
int
store_col_int(struct store_stmt *st, int i)
{
	if (st->pg != NULL)
		return (int)pgst_int(st->pg, i);
	return sqlite3_column_int(SQ(st), i);
}

/* Whether column i is NULL. */
int
store_col_null(struct store_stmt *st, int i)
{
	if (st->pg != NULL)
		return pgst_null(st->pg, i);
	return sqlite3_column_type(SQ(st), i) == SQLITE_NULL;
}

/* Column i as bytes, with their count in *n. */
const void *
store_col_blob(struct store_stmt *st, int i, size_t *n)
{
	const void	*p;

	if (st->pg != NULL)
		return pgst_blob(st->pg, i, n);
	p = sqlite3_column_blob(SQ(st), i);
	*n = (size_t)sqlite3_column_bytes(SQ(st), i);
	return p;
}

/* The rowid of the last INSERT. */
int64_t
store_last_id(struct store *s)
{
	if (s->pg != NULL)
		return pgs_last_id(s->pg);
	return sqlite3_last_insert_rowid(s->db);
}

/* The rows changed by the last statement. */
int
store_changes(struct store *s)
{
	if (s->pg != NULL)
		return pgs_changes(s->pg);
	return sqlite3_changes(s->db);
}

/* Whether a transaction is open. */
int
store_in_tx(struct store *s)
{
	if (s->pg != NULL)
		return pgs_in_tx(s->pg);
	return !sqlite3_get_autocommit(s->db);
}

/* The last error message of s. */
const char *
store_errmsg(struct store *s)
{
	if (s->pg != NULL)
		return pgs_errmsg(s->pg);
	return sqlite3_errmsg(s->db);
}

/* Whether the statistics of a big table are missing or stale: it has
 * rows but none in sqlite_stat1 (the ANALYZE at migration found it
 * empty), or its highest id is 1,000 or more and over twice the rows
 * ANALYZE last counted (the first number of its sqlite_stat1 rows).
 * Asked only once sqlite_stat1 exists. */
#define STORE_STALE_SQL	"SELECT EXISTS (SELECT 1 FROM (" \
	"SELECT 'tasks' AS tbl, (SELECT MAX(id) FROM tasks) AS n " \
	"UNION ALL SELECT 'task_events', (SELECT MAX(id) FROM task_events) " \
	"UNION ALL SELECT 'persons', (SELECT MAX(id) FROM persons) " \
	"UNION ALL SELECT 'employments', (SELECT MAX(id) FROM employments) " \
	"UNION ALL SELECT 'insurance', (SELECT MAX(id) FROM insurance) " \
	"UNION ALL SELECT 'messages', (SELECT MAX(id) FROM messages) " \
	"UNION ALL SELECT 'audit', (SELECT MAX(id) FROM audit) " \
	"UNION ALL SELECT 'tuigong', (SELECT MAX(id) FROM tuigong) " \
	"UNION ALL SELECT 'jianyuan', (SELECT MAX(id) FROM jianyuan)) c " \
	"WHERE (c.n >= 1000 AND c.n > 2 * COALESCE((SELECT " \
	"MAX(CAST(stat AS INTEGER)) FROM sqlite_stat1 s WHERE " \
	"s.tbl = c.tbl), 0)) OR (c.n > 0 AND NOT EXISTS (SELECT 1 FROM " \
	"sqlite_stat1 s WHERE s.tbl = c.tbl)))"

/* Keeps the planner's statistics fresh: ANALYZE (each index read up to
 * 20,000 entries, PRAGMA analysis_limit, so its cost is bounded on any
 * store; 400 misjudges the few values of task_events.action badly
 * enough to sort 审核记录) when there are none yet or a big table has
 * more than doubled since, then PRAGMA optimize (which on newer SQLite also
 * re-analyzes what this connection's queries found stale).  Returns 0
 * or -1 (logged). */
int
store_optimize(struct store *s)
{
	int64_t	 have = 0, stale = 1;

	if (s->pg != NULL)	/* autovacuum keeps them fresh after */
		return pgs_analyze(s->pg);
	if (store_exec_const(s->db, "PRAGMA analysis_limit = 20000",
	    "analysis_limit") == -1 ||
	    store_int(s, "SELECT COUNT(*) FROM sqlite_master WHERE "
	    "type = 'table' AND name = 'sqlite_stat1'", STORE_NOPARAM, 0,
	    &have) == -1 ||
	    (have && store_int(s, STORE_STALE_SQL, STORE_NOPARAM, 0,
	    &stale) == -1))
		return -1;
	if (stale && store_exec_const(s->db, "ANALYZE", "analyze") == -1)
		return -1;
	return store_exec_const(s->db, "PRAGMA optimize = 0x10002",
	    "optimize");
}

/* Checkpoints the WAL into the database and truncates it, then keeps
 * the planner's statistics fresh (store_optimize, best effort).  Returns 0, or -1 when
 * readers or writers, a full disk or an I/O error kept it from
 * completing (logged with how far it got: frames copied of the WAL's,
 * so that a partial checkpoint shows as one). */
int
store_checkpoint(struct store *s)
{
	int	 rc, nlog = -1, nckpt = -1;

	if (s->pg != NULL)
		return 0;	/* PostgreSQL checkpoints by itself */
	rc = sqlite3_wal_checkpoint_v2(s->db, NULL,
	    SQLITE_CHECKPOINT_TRUNCATE, &nlog, &nckpt);
	if (rc != SQLITE_OK) {
		log_err("store: checkpoint: %s (%s; %d of %d WAL frames "
		    "copied)", sqlite3_errmsg(s->db), sqlite3_errstr(rc),
		    nckpt, nlog);
		return -1;
	}
	if (nlog > 0 && nckpt != nlog) {
		log_err("store: checkpoint partial: %d of %d WAL frames copied",
		    nckpt, nlog);
		return -1;
	}
	/* After the checkpoint, so that statistics that cannot be written
	 * (a full disk) never keep the WAL from being emptied. */
	if (store_optimize(s) == -1)
		log_warn("store: statistics not refreshed; the next "
		    "checkpoint tries again");
	return 0;
}

/* Copies the whole database to dest (created 0600, replaced if it
 * exists) through the backup API.  Returns 0 or -1 (logged). */
int
store_backup(struct store *s, const char *dest)
{
	const struct timespec	 nap = { 0, 20 * 1000 * 1000 };
	sqlite3_backup		*b;
	sqlite3			*d = NULL;
	int64_t			 start;
	int			 rc, ret = -1;

	if (s->pg != NULL)
		return pgs_backup(s->pg, dest);
	if (store_open_db(dest, &d) == -1)
		return -1;
	if ((b = sqlite3_backup_init(d, "main", s->db, "main")) == NULL) {
		log_err("store: backup to %s: %s", dest, sqlite3_errmsg(d));
		goto out;
	}
	start = store_ms();
	do {
		rc = sqlite3_backup_step(b, -1);
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
		    store_ms() - start < STORE_BEGIN_TRIES_MS)
			nanosleep(&nap, NULL);
		else if (rc != SQLITE_OK)
			break;
	} while (rc != SQLITE_DONE);
	if (sqlite3_backup_finish(b) != SQLITE_OK || rc != SQLITE_DONE) {
		log_err("store: backup to %s: %s", dest, sqlite3_errmsg(d));
		goto out;
	}
	if (chmod(dest, 0600) == -1) {
		log_err("store: chmod %s: %s", dest, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	if (sqlite3_close(d) != SQLITE_OK)
		log_err("store: close %s: %s", dest, sqlite3_errmsg(d));
	return ret;
}

/* Calls fn(arg, id, parent, detail) for each line of EXPLAIN QUERY PLAN
 * of the single statement sql, until fn returns non-zero.  Returns 0,
 * that value, or -1 with a message in err. */
int
store_plan(struct store *s, const char *sql, store_plan_fn fn, void *arg,
    char *err, size_t errsz)
{
	static const char	 pre[] = "EXPLAIN QUERY PLAN ";
	sqlite3_stmt		*st = NULL;
	const char		*tail = NULL;
	char			*q;
	size_t			 n;
	int			 rc, ret = 0;

	if (s->pg != NULL) {
		snprintf(err, errsz, "query plans are checked on SQLite");
		return -1;
	}
	n = strlen(sql);
	if ((q = malloc(sizeof(pre) + n)) == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	memcpy(q, pre, sizeof(pre) - 1);
	memcpy(q + sizeof(pre) - 1, sql, n + 1);
	if (sqlite3_prepare_v2(s->db, q, -1, &st, &tail) != SQLITE_OK ||
	    st == NULL) {
		snprintf(err, errsz, "%s", st == NULL && sqlite3_errcode(s->db)
		    == SQLITE_OK ? "no statement" : sqlite3_errmsg(s->db));
		sqlite3_finalize(st);
		free(q);
		return -1;
	}
	tail += strspn(tail, " \t\r\n;");
	if (*tail != '\0') {
		snprintf(err, errsz, "more than one statement");
		sqlite3_finalize(st);
		free(q);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((ret = fn(arg, sqlite3_column_int(st, 0),
		    sqlite3_column_int(st, 1),
		    sqlite3_column_text(st, 3) == NULL ? "" :
		    (const char *)sqlite3_column_text(st, 3))) != 0)
			break;
	if (ret == 0 && rc != SQLITE_DONE) {
		snprintf(err, errsz, "%s", sqlite3_errmsg(s->db));
		ret = -1;
	}
	sqlite3_finalize(st);
	free(q);
	return ret;
}
