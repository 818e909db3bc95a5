/*
 * store.h: the hall's one database: an SQLite file by default, or a
 * PostgreSQL database when HALL_DB is a connection string
 * (postgresql://… or host=… dbname=…; store_pg.c, the SQL translated by
 * store_dialect.c).  The same calls, the same behaviour.  On SQLite: WAL, busy_timeout,
 * synchronous=FULL, foreign keys, numbered migrations (user_version),
 * prepared statements only, BEGIN IMMEDIATE for every transaction that
 * may write.  FastCGI programs open it with automatic checkpoints off;
 * one process (hall-admin checkpoint, run by make run's supervisor or a
 * systemd timer) checkpoints, because Debian's SQLite 3.40 has the
 * WAL-reset race fixed only in 3.51.3.
 */
#ifndef HALL_STORE_H
#define HALL_STORE_H

#include <stddef.h>
#include <stdint.h>

#define STORE_NOCHECKPOINT	0x01u	/* wal_autocheckpoint=0 (FastCGI programs) */
#define STORE_NOMIGRATE		0x02u	/* fail if the schema is not current */

/* An open database with its statement cache.  Owned by the opener,
 * closed by store_close(). */
struct sqlite3;
struct pgstore;		/* store_pg.c's connection */
struct store_stmt;	/* a prepared statement: opaque outside store.c */

/* What store_step() returns. */
#define STORE_ROW	100	/* a row is ready for store_col_*() */
#define STORE_DONE	101	/* no more rows */
#define STORE_ERROR	1	/* anything else (logged) */

struct store {
	struct sqlite3	*db;		/* SQLite, or NULL */
	struct pgstore	*pg;		/* PostgreSQL, or NULL */
	struct store_cached {
		const char	*sql;	/* compared by pointer: pass literals */
		struct store_stmt *stmt;
	}		*cache;
	size_t		 cachesz;
	size_t		 cachecap;
	int		 in_tx;
	long long	 busy_since;	/* us, while waiting for a lock */
};

/* Opens (an SQLite file: creating if absent, mode 0600) and migrates
 * path, an SQLite file or a PostgreSQL connection string.  Returns
 * NULL and logs on failure. */
struct store	*store_open(const char *path, unsigned int flags);

/* Whether path (a HALL_DB value) names a PostgreSQL database (a
 * postgresql:// URI or key=value words) rather than an SQLite file. */
int		 store_is_pg(const char *path);

/* Finalises cached statements and closes; NULL is fine. */
void		 store_close(struct store *s);

/* Applies every migration above PRAGMA user_version in order, each in
 * its own transaction.  Returns 0 or -1. */
int		 store_migrate(struct store *s);

/* The schema version this build expects. */
int		 store_schema_version(void);

/* BEGIN IMMEDIATE (retrying on SQLITE_BUSY within busy_timeout).
 * Returns 0 or -1. */
int		 store_begin(struct store *s);

/* COMMIT; returns 0 or -1 (then the transaction is rolled back). */
int		 store_commit(struct store *s);

/* ROLLBACK if a transaction is open; never fails. */
void		 store_rollback(struct store *s);

/* A prepared statement for sql, reset and with bindings cleared,
 * cached by the pointer sql (use string literals).  Borrowed: valid
 * until store_close(); reset again by the next store_stmt() of the same
 * sql.  NULL (logged) on error.  store_stmt() passes the caller's file
 * and line to store_stmt_at(), for the SQL log (HALL_SQL_LOG). */
struct store_stmt *store_stmt_at(struct store *s, const char *sql,
		    const char *file, int line);
#define store_stmt(s, sql)	store_stmt_at((s), (sql), __FILE__, __LINE__)

/*
 * The SQL log, for the plan check of make test (make test-plans): when
 * the environment has HALL_SQL_LOG=PATH, the first store_stmt() of each
 * SQL literal in a process appends one line "PROGRAM<TAB>FILE:LINE<TAB>
 * SQL" to PATH (created 0600; tab, newline, CR and backslash in SQL written as
 * \t, \n, \r and \\), in one write(2) with O_APPEND so that the
 * lines of concurrent workers never interleave.
 */
#define STORE_SQL_LOG_ENV	"HALL_SQL_LOG"

/* Binds text (NULL binds NULL) / int64 / NULL / a blob (borrowed until
 * the statement is reset: bind, step, reset in one breath) at 1-based
 * index i.  Return 0 or -1 (logged). */
int		 store_bind_text(struct store_stmt *st, int i, const char *v);
int		 store_bind_int(struct store_stmt *st, int i, int64_t v);
int		 store_bind_null(struct store_stmt *st, int i);
int		 store_bind_blob(struct store_stmt *st, int i, const void *v,
		    size_t n);

/* Steps st: STORE_ROW, STORE_DONE, or STORE_ERROR (logged with the
 * statement's SQL). */
int		 store_step(struct store_stmt *st);

/* Resets st so that it may run again (keeps its bindings). */
void		 store_reset(struct store_stmt *st);

/* Runs a statement that returns no rows (store_step == STORE_DONE).
 * Returns 0 or -1 (logged); resets st. */
int		 store_exec_stmt(struct store *s, struct store_stmt *st);

/* Runs constant SQL text (never built from input) that returns no
 * rows, such as "SAVEPOINT x".  Returns 0 or -1 (logged). */
int		 store_exec_sql(struct store *s, const char *sql);

/* The single integer the statement sql returns with parameter ?1 bound
 * to p1 (pass STORE_NOPARAM for none), into *out; *out is dflt when it
 * returns no row.  Returns 0 or -1. */
#define STORE_NOPARAM	INT64_MIN
int		 store_int_at(struct store *s, const char *sql, int64_t p1,
		    int64_t dflt, int64_t *out, const char *file, int line);
#define store_int(s, sql, p1, dflt, out) \
	store_int_at((s), (sql), (p1), (dflt), (out), __FILE__, __LINE__)

/* store_int() with the text parameter ?1 = p1 (NULL: none). */
int		 store_int_text_at(struct store *s, const char *sql,
		    const char *p1, int64_t dflt, int64_t *out,
		    const char *file, int line);
#define store_int_text(s, sql, p1, dflt, out) \
	store_int_text_at((s), (sql), (p1), (dflt), (out), __FILE__, __LINE__)

/* Steps st, its parameters bound, for the single integer of its first
 * row into *out (dflt when it returns no row), and resets it.  Returns
 * STORE_ROW, STORE_DONE or STORE_ERROR (logged). */
int		 store_step_int(struct store_stmt *st, int64_t dflt,
		    int64_t *out);

/* Steps the bound st once: column 0 of its row into buf[bufsz] ("" when
 * there is no row, it is NULL or it does not fit); resets st.  Returns
 * STORE_ROW, STORE_DONE or STORE_ERROR (logged by store_step). */
int		 store_step_text(struct store_stmt *st, char *buf, size_t bufsz);

/* Column i of the current row as a string ("" for NULL).  Borrowed
 * until the next step/reset of st. */
const char	*store_col_text(struct store_stmt *st, int i);

/* Column i as an integer (0 for NULL). */
int64_t		 store_col_int64(struct store_stmt *st, int i);
int		 store_col_int(struct store_stmt *st, int i);

/* Whether column i is NULL. */
int		 store_col_null(struct store_stmt *st, int i);

/* Column i as bytes (NULL when empty or NULL) and their count into *n.
 * Borrowed until the next step/reset of st. */
const void	*store_col_blob(struct store_stmt *st, int i, size_t *n);

/* Runs sql once without caching it (text built at run time from the
 * caller's constants, never from a request): column 0 of its first row
 * into buf of bufsz bytes ("" when none or NULL).  Returns STORE_ROW,
 * STORE_DONE or STORE_ERROR (logged). */
int		 store_text_once(struct store *s, const char *sql, char *buf,
		    size_t bufsz);

/* The rowid of the last INSERT on s. */
int64_t		 store_last_id(struct store *s);

/* The rows changed by the last INSERT, UPDATE or DELETE on s. */
int		 store_changes(struct store *s);

/* Whether a transaction is open on s (BEGIN or a savepoint). */
int		 store_in_tx(struct store *s);

/* The last error message of s (static or borrowed). */
const char	*store_errmsg(struct store *s);

/* Refreshes the planner's statistics when missing or stale (ANALYZE
 * with a sampling limit), then PRAGMA optimize.  Returns 0 or -1. */
int		 store_optimize(struct store *s);

/* Runs store_optimize, then PRAGMA wal_checkpoint(TRUNCATE).  Returns
 * 0 or -1. */
int		 store_checkpoint(struct store *s);

/* Copies the live database to dest through the backup API.
 * Returns 0 or -1. */
int		 store_backup(struct store *s, const char *dest);

/* One line of a query plan (EXPLAIN QUERY PLAN): its id, its parent's
 * id (0 at the top) and its text, such as "SCAN t" or "USE TEMP B-TREE
 * FOR ORDER BY".  Borrowed for the call. */
typedef int	(*store_plan_fn)(void *arg, int id, int parent,
		    const char *detail);

/* Calls fn for each line of the query plan of sql, a single statement
 * from the SQL log (text the programs prepared, never input of a
 * request; only the plan check uses this), until fn returns non-zero.
 * Returns 0, fn's non-zero value, or -1 when sql does not prepare or is
 * more than one statement (message in err, of errsz bytes). */
int		 store_plan(struct store *s, const char *sql,
		    store_plan_fn fn, void *arg, char *err, size_t errsz);

#endif
