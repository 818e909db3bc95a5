/*
 * helpers.h: a tiny shared fixture for unit tests: a store on a fresh
 * file in a private temporary folder, a few rows (unit, account,
 * person), and the test clock.  Each helper fails the running Check
 * test (ck_abort) on error, so callers need not check results.
 */
#ifndef HALL_TESTS_HELPERS_H
#define HALL_TESTS_HELPERS_H

#include <stdint.h>

#include <sqlite3.h>

struct store;

/* An open test database; close with th_db_close().  Under make test-pg
 * (HALL_TEST_PG set to a server's connection string) the store is a
 * new PostgreSQL database copied from a migrated template, path its
 * connection string; dir is a private folder on both. */
struct th_db {
	char		 dir[256];	/* private folder (mode 0700) */
	char		 path[320];	/* dir/hall.db */
	char		 clock[320];	/* dir/clock, when th_clock_set used */
	char		 pgname[64];	/* on PostgreSQL: its database */
	struct store	*s;
};

/* Creates a folder under $TMPDIR (or /tmp) and opens a new migrated
 * store in it, db->path, with the default flags. */
void		 th_db_open(struct th_db *db);

/* Closes the store (if open), removes every file th_db_open and
 * th_clock_set made, the folder, and unsets HALL_CLOCK_FILE. */
void		 th_db_close(struct th_db *db);

/* Inserts a unit named name (a unique 统一社会信用代码 and 社保编号 are
 * made up), VIP when vip, region "420100".  Returns its id. */
int64_t		 th_unit(struct store *s, const char *name, int vip);

/* Inserts an account: a unit's when unit_id > 0, else a reviewer's.
 * username must be unique.  Returns its id. */
int64_t		 th_account(struct store *s, int64_t unit_id,
		    const char *username);

/* Inserts a person (idno unique; sex "男"/"女"; birth "YYYY-MM-DD").
 * Returns its id. */
int64_t		 th_person(struct store *s, const char *idno,
		    const char *name, const char *sex, const char *birth);

/* Sets the hall clock to when ("YYYY-MM-DD HH:MM:SS", UTC+8) through a
 * file in db->dir and HALL_CLOCK_FILE. */
void		 th_clock_set(struct th_db *db, const char *when);

/* Runs the test's own constant SQL (one or more statements) through
 * store_exec_sql; fails the test with the store's message on error. */
void		 th_exec(struct store *s, const char *sql);

/* Whether the tests run on PostgreSQL (make test-pg).  A test of
 * SQLite's own mechanics (its file, WAL, PRAGMAs, query plans) returns
 * early there, saying so on stderr once. */
int		 th_pg(void);

/* Counts the rows of a query returning one integer (SQL text is the
 * test's own constant). */
int64_t		 th_count(struct store *s, const char *sql);

#endif
