/*
 * store_dialect.h: every difference between the SQL the hall writes
 * (SQLite's) and the SQL PostgreSQL takes, in one place.  The programs
 * write one text per statement and one schema; store_pg.c passes each
 * through here before PostgreSQL sees it.  What cannot be rewritten
 * (SQLite's date and formatting functions, the two-argument MAX and
 * MIN) is given to PostgreSQL as functions of the same name, created
 * by dialect_pg_prelude before the first migration.
 */
#ifndef HALL_STORE_DIALECT_H
#define HALL_STORE_DIALECT_H

#include <stddef.h>

/* What dialect_pg_query learnt of a statement. */
struct dialect_query {
	char	*sql;		/* PostgreSQL text, owned: free() it */
	int	 nparams;	/* highest $N */
	char	 insert_table[64];	/* INSERT INTO this ("" if none) */
	int	 explicit_id;	/* the INSERT names its id column */
};

/* Translates one SQLite statement: ?N and ? become $N (outside quoted
 * text), INSERT OR IGNORE becomes ON CONFLICT DO NOTHING.  Returns 0
 * (q filled, q->sql owned by the caller) or -1 (out of memory). */
int		 dialect_pg_query(const char *sql, struct dialect_query *q);

/* Translates one migration (several statements, with triggers) to
 * PostgreSQL: column types (INTEGER → BIGINT, INTEGER PRIMARY KEY →
 * an identity column, BLOB → BYTEA), WITHOUT ROWID dropped, each
 * trigger to a PL/pgSQL function and a trigger calling it, DROP
 * TRIGGER through hall_drop_trigger().  Returns the text (owned by the
 * caller) or NULL (out of memory, or a trigger it cannot read:
 * logged). */
char		*dialect_pg_schema(const char *migration);

/* The functions PostgreSQL needs so that the hall's SQL runs as
 * written (CREATE OR REPLACE: safe to run again). */
extern const char dialect_pg_prelude[];

/* Sets every identity sequence past its column's highest value (after
 * a migration copied rows with their ids). */
extern const char dialect_pg_sync_identities[];

#endif
