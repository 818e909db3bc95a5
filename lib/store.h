/*
 * store.h: the hall's one SQLite database.  WAL, busy_timeout,
 * synchronous=FULL, foreign keys, numbered migrations (user_version),
 * prepared statements only, BEGIN IMMEDIATE for every transaction that
 * may write.  FastCGI programs open it with automatic checkpoints off;
 * one process (hall-admin checkpoint, run by make run's supervisor or a
 * systemd timer) checkpoints, because Debian's SQLite 3.40 has the
 * WAL-reset race fixed only in 3.51.3.
 */
#ifndef HALL_STORE_H
#define HALL_STORE_H

#include <stdint.h>
#include <sqlite3.h>

#define STORE_NOCHECKPOINT	0x01u	/* wal_autocheckpoint=0 (FastCGI programs) */
#define STORE_NOMIGRATE		0x02u	/* fail if the schema is not current */

/* An open database with its statement cache.  Owned by the opener,
 * closed by store_close(). */
struct store {
	sqlite3		*db;
	struct store_cached {
		const char	*sql;	/* compared by pointer: pass literals */
		sqlite3_stmt	*stmt;
	}		*cache;
	size_t		 cachesz;
	size_t		 cachecap;
	int		 in_tx;
};

/* Opens (creating if absent, mode 0600) and migrates path.  Returns
 * NULL and logs on failure. */
struct store	*store_open(const char *path, unsigned int flags);

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
 * sql.  NULL (logged) on error. */
sqlite3_stmt	*store_stmt(struct store *s, const char *sql);

/* Binds text (NULL binds NULL) / int64 at 1-based index i. */
int		 store_bind_text(sqlite3_stmt *st, int i, const char *v);
int		 store_bind_int(sqlite3_stmt *st, int i, int64_t v);

/* Runs a statement that returns no rows (sqlite3_step == DONE).
 * Returns 0 or -1 (logged); resets st. */
int		 store_exec_stmt(struct store *s, sqlite3_stmt *st);

/* Column i of the current row as a string ("" for NULL).  Borrowed
 * until the next step/reset of st. */
const char	*store_col_text(sqlite3_stmt *st, int i);

/* Runs PRAGMA wal_checkpoint(TRUNCATE).  Returns 0 or -1. */
int		 store_checkpoint(struct store *s);

/* Copies the live database to dest through the backup API.
 * Returns 0 or -1. */
int		 store_backup(struct store *s, const char *dest);

#endif
