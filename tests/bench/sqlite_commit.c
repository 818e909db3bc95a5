/*
 * sqlite_commit.c: the raw SQLite commit rate with the hall's
 * durability (WAL, synchronous=FULL, no automatic checkpoint, as the
 * programs open the store) on a given disk, as the baseline of the 退工
 * submit benchmark (tests/bench/bench.sh runs it in rounds alternating
 * with rounds of the hall's submits, and divides pair by pair).
 *
 *   sqlite-commit FILE N    N transactions of one INSERT each
 *                           (BEGIN IMMEDIATE; INSERT; COMMIT) into a
 *                           new database FILE; prints
 *                           "commits N ms commits/s".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

/* Milliseconds of the monotonic clock. */
static double
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* Runs sql; returns 0 or -1 (message on stderr). */
static int
run(sqlite3 *db, const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "sqlite-commit: %s: %s\n", sql,
		    err != NULL ? err : "?");
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	sqlite3		*db = NULL;
	sqlite3_stmt	*st = NULL;
	double		 t0, ms;
	long		 n, i;
	int		 rc = 1;

	if (argc != 3 || (n = strtol(argv[2], NULL, 10)) <= 0 || n > 10000000) {
		fprintf(stderr, "usage: sqlite-commit FILE N\n");
		return 2;
	}
	unlink(argv[1]);
	if (sqlite3_open(argv[1], &db) != SQLITE_OK ||
	    run(db, "PRAGMA journal_mode = WAL") != 0 ||
	    run(db, "PRAGMA synchronous = FULL") != 0 ||
	    run(db, "PRAGMA wal_autocheckpoint = 0") != 0 ||
	    run(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL,"
	    " at INTEGER NOT NULL)") != 0 ||
	    sqlite3_prepare_v2(db, "INSERT INTO t (v, at) VALUES (?1, ?2)", -1,
	    &st, NULL) != SQLITE_OK)
		goto out;
	t0 = now_ms();
	for (i = 0; i < n; i++) {
		if (run(db, "BEGIN IMMEDIATE") != 0)
			goto out;
		sqlite3_bind_text(st, 1, "退工登记 基准行", -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		if (sqlite3_step(st) != SQLITE_DONE) {
			fprintf(stderr, "sqlite-commit: %s\n", sqlite3_errmsg(db));
			goto out;
		}
		sqlite3_reset(st);
		if (run(db, "COMMIT") != 0)
			goto out;
	}
	ms = now_ms() - t0;
	printf("commits %ld ms %.1f commits/s %.1f\n", n, ms,
	    ms > 0 ? (double)n * 1000.0 / ms : 0.0);
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	if (argc == 3) {
		char	 p[4096];

		snprintf(p, sizeof(p), "%s-wal", argv[1]);
		unlink(p);
		snprintf(p, sizeof(p), "%s-shm", argv[1]);
		unlink(p);
		unlink(argv[1]);
	}
	return rc;
}
