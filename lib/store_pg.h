/*
 * store_pg.h: the PostgreSQL side of store.c, through libpq.  Only
 * store.c includes this: the programs see store.h, the same on both
 * engines.  A connection per process (each FastCGI worker), kept open
 * and re-established when it fails; the SQLite text of each statement
 * translated once (store_dialect.c) and prepared on the server on its
 * first run; every transaction that may write takes one advisory lock
 * first, so that writers queue as BEGIN IMMEDIATE queues them on SQLite
 * (the 业务顺序号, the double-submit rule and the audit chain rely on
 * it) whatever host they run on.
 */
#ifndef HALL_STORE_PG_H
#define HALL_STORE_PG_H

#include <stddef.h>
#include <stdint.h>

struct pgstore;
struct pgstmt;

/* Whether the HALL_DB value v names a PostgreSQL database (a
 * postgresql:// URI or key=value words) rather than an SQLite file. */
int		 pgs_is_conninfo(const char *v);

/* Connects to conninfo.  Returns the connection (pgs_close) or NULL
 * (logged). */
struct pgstore	*pgs_open(const char *conninfo);
void		 pgs_close(struct pgstore *ps);

/* Applies migration v (0-based, store_migrations[v]) translated, with
 * the functions of dialect_pg_prelude made first, and sets the stored
 * version to v + 1, inside the caller's transaction (store_migrate's
 * loop, the same as SQLite's).  Returns 0 or -1 (logged). */
int		 pgs_apply(struct pgstore *ps, int v);

/* The stored schema version into *v (0 when none).  Returns 0 or -1. */
int		 pgs_version(struct pgstore *ps, int *v);

int		 pgs_begin(struct pgstore *ps);
int		 pgs_commit(struct pgstore *ps);
void		 pgs_rollback(struct pgstore *ps);
int		 pgs_in_tx(struct pgstore *ps);

/* Runs constant SQL (SQLite's PRAGMAs are ignored).  Returns 0 or -1. */
int		 pgs_exec(struct pgstore *ps, const char *sql);

/* A statement for the SQLite text sql (translated; prepared on its first
 * step).  Owned by the caller: pgst_free.  NULL on error (logged). */
struct pgstmt	*pgst_new(struct pgstore *ps, const char *sql);
void		 pgst_free(struct pgstmt *st);

/* Parameter kinds for pgst_bind. */
#define PGST_NULL	0
#define PGST_TEXT	1
#define PGST_INT	2
#define PGST_BLOB	3

/* Binds a copy of v (n bytes) of kind at 1-based index i.  Returns 0 or
 * -1. */
int		 pgst_bind(struct pgstmt *st, int i, int kind, const void *v,
		    size_t n);
void		 pgst_clear(struct pgstmt *st);	/* bindings to NULL */
void		 pgst_reset(struct pgstmt *st);	/* forget the result */

/* Runs st on its first call after a reset, then walks its rows.
 * Returns STORE_ROW, STORE_DONE or STORE_ERROR (logged). */
int		 pgst_step(struct pgstmt *st);

const char	*pgst_text(struct pgstmt *st, int i);
int64_t		 pgst_int(struct pgstmt *st, int i);
int		 pgst_null(struct pgstmt *st, int i);
const void	*pgst_blob(struct pgstmt *st, int i, size_t *n);
const char	*pgst_sql(struct pgstmt *st);

int64_t		 pgs_last_id(struct pgstore *ps);
int		 pgs_changes(struct pgstore *ps);
const char	*pgs_errmsg(struct pgstore *ps);

/* ANALYZE.  Returns 0 or -1. */
int		 pgs_analyze(struct pgstore *ps);

/* pg_dump of the database into dest (custom format, 0600).  Returns 0
 * or -1. */
int		 pgs_backup(struct pgstore *ps, const char *dest);

#endif
