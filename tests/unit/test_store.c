/*
 * test_store.c: the store (open, migrations, transactions, statement
 * cache, backup, checkpoint) and the log line format.
 */
#include <sys/stat.h>

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "log.h"
#include "migrations.h"
#include "store.h"
#include "../suites.h"
#include "helpers.h"

/* The stored schema version of s: PRAGMA user_version on SQLite, the
 * hall_schema row on PostgreSQL. */
static int
user_version(struct store *s)
{
	if (s->pg != NULL)
		return (int)th_count(s, "SELECT version FROM hall_schema");
	return (int)th_count(s, "PRAGMA user_version");
}

START_TEST(store_open_migrates)
{
	struct th_db	 db;
	struct stat	 sb;

	th_db_open(&db);
	ck_assert_int_eq(user_version(db.s), store_schema_version());
	ck_assert_int_gt(store_schema_version(), 0);
	if (th_pg()) {
		ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM "
		    "pg_tables WHERE tablename = 'tasks'"), 1);
		th_db_close(&db);
		return;
	}
	ck_assert_int_eq(stat(db.path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM sqlite_master "
	    "WHERE type = 'table' AND name = 'tasks'"), 1);
	ck_assert_int_eq(th_count(db.s, "PRAGMA foreign_keys"), 1);
	ck_assert_int_eq(th_count(db.s, "PRAGMA synchronous"), 2);
	ck_assert_int_eq(db.s->in_tx, 0);
	th_db_close(&db);
}
END_TEST

START_TEST(store_open_wal)
{
	struct th_db	 db;
	struct store_stmt	*st;

	if (th_pg())
		return;	/* SQLite's journal */
	th_db_open(&db);
	st = store_stmt(db.s, "PRAGMA journal_mode");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_step(st), STORE_ROW);
	ck_assert_str_eq(store_col_text(st, 0), "wal");
	store_reset(st);
	th_db_close(&db);
}
END_TEST

START_TEST(store_open_nocheckpoint)
{
	struct th_db	 db;
	struct store	*s2;

	if (th_pg())
		return;	/* SQLite's checkpoints */
	th_db_open(&db);
	s2 = store_open(db.path, STORE_NOCHECKPOINT | STORE_NOMIGRATE);
	ck_assert_ptr_nonnull(s2);
	ck_assert_int_eq(th_count(s2, "PRAGMA wal_autocheckpoint"), 0);
	ck_assert_int_gt(th_count(db.s, "PRAGMA wal_autocheckpoint"), 0);
	store_close(s2);
	th_db_close(&db);
}
END_TEST

START_TEST(store_reopen_idempotent)
{
	struct th_db	 db;

	th_db_open(&db);
	th_unit(db.s, "单位甲", 0);
	store_close(db.s);
	db.s = store_open(db.path, 0);
	ck_assert_ptr_nonnull(db.s);
	ck_assert_int_eq(user_version(db.s), store_schema_version());
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM units"), 1);
	ck_assert_int_eq(store_migrate(db.s), 0);
	ck_assert_int_eq(user_version(db.s), store_schema_version());
	th_db_close(&db);
}
END_TEST

START_TEST(bad_store_nomigrate_fresh)
{
	struct th_db	 db;
	char		 path[400];

	th_db_open(&db);
	snprintf(path, sizeof(path), "%s/backup.db", db.dir);
	ck_assert_ptr_null(store_open(path, STORE_NOMIGRATE));
	th_db_close(&db);
}
END_TEST

START_TEST(bad_store_newer_schema)
{
	struct th_db	 db;

	th_db_open(&db);
	th_exec(db.s, th_pg() ? "UPDATE hall_schema SET version = 999" :
	    "PRAGMA user_version = 999");
	store_close(db.s);
	db.s = store_open(db.path, 0);
	ck_assert_ptr_null(db.s);
	ck_assert_ptr_null(store_open(db.path, STORE_NOMIGRATE));
	th_db_close(&db);
}
END_TEST

START_TEST(bad_store_open_path)
{
	ck_assert_ptr_null(store_open("/nonexistent-dir/x/hall.db", 0));
}
END_TEST

/* Migration 5 on a database of schema 4: a task's form token stays
 * found (now per unit), and another unit may use the same token. */
START_TEST(store_migrate_dedup_per_unit)
{
	struct th_db	 db;
	struct store	*s2;
	struct store_stmt *st;
	sqlite3		*raw;
	char		 path[400];
	size_t		 i;

	th_db_open(&db);
	snprintf(path, sizeof(path), "%s/backup.db", db.dir);
	ck_assert_int_eq(sqlite3_open(path, &raw), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(raw, "PRAGMA foreign_keys=ON", NULL,
	    NULL, NULL), SQLITE_OK);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(sqlite3_exec(raw, store_migrations[i], NULL,
		    NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(raw, "PRAGMA user_version = 4;"
	    "INSERT INTO units (id, uscc, name, sb_code) VALUES "
	    "(1, 'U1', '甲', 'S1'), (2, 'U2', '乙', 'S2');"
	    "INSERT INTO tasks (seq_no, business, unit_id, state, dedup_key, "
	    "created_at, updated_at) VALUES ('1', 'tuigong', 1, '未提交', "
	    "'tg:aaa', 0, 0), ('2', 'tuigong', 1, '未提交', NULL, 0, 0);",
	    NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_close(raw), SQLITE_OK);
	s2 = store_open(path, 0);
	ck_assert_ptr_nonnull(s2);
	ck_assert_int_eq(user_version(s2), store_schema_version());
	ck_assert_int_eq(th_count(s2, "SELECT count(*) FROM tasks WHERE "
	    "dedup_key = 'tg:aaa' AND unit_id = 1 AND seq_no = '1'"), 1);
	ck_assert_int_eq(th_count(s2, "SELECT count(*) FROM tasks WHERE "
	    "dedup_key_unscoped IS NOT NULL"), 0);
	/* Unit 2 may use unit 1's token; unit 1 may not use it twice. */
	st = store_stmt(s2, "INSERT INTO tasks (seq_no, business, unit_id, "
	    "state, dedup_key, created_at, updated_at) VALUES (?1, "
	    "'tuigong', ?2, '未提交', 'tg:aaa', 0, 0)");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_text(st, 1, "3"), 0);
	ck_assert_int_eq(store_bind_int(st, 2, 2), 0);
	ck_assert_int_eq(store_exec_stmt(s2, st), 0);
	st = store_stmt(s2, "INSERT INTO tasks (seq_no, business, unit_id, "
	    "state, dedup_key, created_at, updated_at) VALUES (?1, "
	    "'tuigong', ?2, '未提交', 'tg:aaa', 0, 0)");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_text(st, 1, "4"), 0);
	ck_assert_int_eq(store_bind_int(st, 2, 1), 0);
	ck_assert_int_eq(store_exec_stmt(s2, st), -1);
	ck_assert_int_eq(th_count(s2, "SELECT count(*) FROM tasks"), 3);
	store_close(s2);
	th_db_close(&db);
}
END_TEST

START_TEST(store_begin_rollback)
{
	struct th_db	 db;

	th_db_open(&db);
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(db.s->in_tx, 1);
	ck_assert_int_eq(store_in_tx(db.s), 1);
	th_unit(db.s, "单位甲", 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM units"), 1);
	store_rollback(db.s);
	ck_assert_int_eq(db.s->in_tx, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM units"), 0);
	store_rollback(db.s);	/* harmless without a transaction */
	ck_assert_int_eq(store_begin(db.s), 0);
	th_unit(db.s, "单位乙", 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(db.s->in_tx, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM units"), 1);
	th_db_close(&db);
}
END_TEST

START_TEST(bad_store_begin_nested)
{
	struct th_db	 db;

	th_db_open(&db);
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(store_begin(db.s), -1);
	ck_assert_int_eq(db.s->in_tx, 1);
	store_rollback(db.s);
	th_db_close(&db);
}
END_TEST

START_TEST(store_begin_immediate_locks)
{
	struct th_db	 db;
	struct store	*s2;
	char		*err = NULL;

	/* A second connection cannot write while the first holds BEGIN
	 * IMMEDIATE (busy_timeout 0 there to keep the test quick); on
	 * PostgreSQL, while the first holds the writers' advisory lock
	 * that store_begin takes. */
	th_db_open(&db);
	s2 = store_open(db.path, STORE_NOMIGRATE);
	ck_assert_ptr_nonnull(s2);
	ck_assert_int_eq(store_begin(db.s), 0);
	if (th_pg()) {
		ck_assert_int_eq(th_count(s2, "SELECT "
		    "pg_try_advisory_xact_lock(4817001)::int"), 0);
		store_rollback(db.s);
		ck_assert_int_eq(th_count(s2, "SELECT "
		    "pg_try_advisory_xact_lock(4817001)::int"), 1);
	} else {
		sqlite3_busy_timeout(s2->db, 0);
		ck_assert_int_eq(sqlite3_exec(s2->db, "BEGIN IMMEDIATE", NULL,
		    NULL, &err) & 0xff, SQLITE_BUSY);
		sqlite3_free(err);
		store_rollback(db.s);
	}
	ck_assert_int_eq(store_begin(s2), 0);
	ck_assert_int_eq(store_commit(s2), 0);
	store_close(s2);
	th_db_close(&db);
}
END_TEST

START_TEST(bad_store_exec_constraint)
{
	struct th_db	 db;
	struct store_stmt	*st;

	th_db_open(&db);
	st = store_stmt(db.s, "INSERT INTO units (uscc, name, sb_code, vip) "
	    "VALUES ('u', 'n', 's', 7)");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_exec_stmt(db.s, st), -1);
	/* A row-returning statement is not "exec". */
	st = store_stmt(db.s, "SELECT 1");
	ck_assert_int_eq(store_exec_stmt(db.s, st), -1);
	ck_assert_ptr_null(store_stmt(db.s, "SELEKT nonsense"));
	th_db_close(&db);
}
END_TEST

START_TEST(store_stmt_cache)
{
	static const char *const sql = "SELECT ?1 IS NULL, ?1";
	struct th_db	 db;
	struct store_stmt	*a, *b;
	size_t		 n;

	th_db_open(&db);
	a = store_stmt(db.s, sql);
	ck_assert_ptr_nonnull(a);
	n = db.s->cachesz;
	ck_assert_int_eq(store_bind_text(a, 1, "x"), 0);
	ck_assert_int_eq(store_step(a), STORE_ROW);
	ck_assert_int_eq(store_col_int(a, 0), 0);
	ck_assert_str_eq(store_col_text(a, 1), "x");
	/* Same pointer: same statement, reset, bindings cleared. */
	b = store_stmt(db.s, sql);
	ck_assert_ptr_eq(a, b);
	ck_assert_uint_eq(db.s->cachesz, n);
	ck_assert_int_eq(store_step(b), STORE_ROW);
	ck_assert_int_eq(store_col_int(b, 0), 1);
	ck_assert_str_eq(store_col_text(b, 1), "");
	store_reset(b);
	ck_assert_int_eq(store_bind_text(b, 1, NULL), 0);
	ck_assert_int_eq(store_bind_int(b, 1, 42), 0);
	ck_assert_int_eq(store_step(b), STORE_ROW);
	ck_assert_str_eq(store_col_text(b, 1), "42");
	store_reset(b);
	th_db_close(&db);
}
END_TEST

START_TEST(store_int_one)
{
	struct th_db	 db;
	struct store_stmt	*st;
	int64_t		 v;

	th_db_open(&db);
	/* A row: its integer; an integer parameter or none. */
	ck_assert_int_eq(store_int(db.s, "SELECT ?1 * 2", 21, -1, &v), 0);
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(store_int(db.s, "SELECT 7", STORE_NOPARAM, -1, &v),
	    0);
	ck_assert_int_eq(v, 7);
	/* No row: the default, and no error. */
	ck_assert_int_eq(store_int(db.s, "SELECT 1 WHERE ?1 = 0", 5, -9, &v),
	    0);
	ck_assert_int_eq(v, -9);
	/* A text parameter, NULL for none. */
	ck_assert_int_eq(store_int_text(db.s, "SELECT length(?1)", "张三",
	    -1, &v), 0);
	ck_assert_int_eq(v, 2);
	ck_assert_int_eq(store_int_text(db.s, "SELECT ?1 IS NULL", NULL, -1,
	    &v), 0);
	ck_assert_int_eq(v, 1);
	ck_assert_int_eq(store_int_text(db.s, "SELECT 1 WHERE ?1 = 'b'", "a",
	    -3, &v), 0);
	ck_assert_int_eq(v, -3);
	/* A bound statement: row, no row, each reset for the next run. */
	st = store_stmt(db.s, "SELECT ?1 + 1 WHERE ?1 > 0");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_int(st, 1, 41), 0);
	ck_assert_int_eq(store_step_int(st, 0, &v), STORE_ROW);
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(store_bind_int(st, 1, -1), 0);
	ck_assert_int_eq(store_step_int(st, 5, &v), STORE_DONE);
	ck_assert_int_eq(v, 5);
	th_db_close(&db);
}
END_TEST

START_TEST(bad_store_int_error)
{
	struct th_db	 db;
	struct store_stmt	*st;
	int64_t		 v;

	th_db_open(&db);
	/* SQL that fails when run (not when prepared): -1, STORE_ERROR. */
	ck_assert_int_eq(store_int(db.s, "SELECT abs(-9223372036854775807 - 1)",
	    STORE_NOPARAM, 0, &v), -1);
	ck_assert_int_eq(store_int_text(db.s, "SELECT abs(-9223372036854775807"
	    " - 1) WHERE ?1 = 'x'", "x", 0, &v), -1);
	st = store_stmt(db.s, "SELECT abs(?1 + 0)");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_int(st, 1, INT64_MIN), 0);
	ck_assert_int_eq(store_step_int(st, 0, &v), STORE_ERROR);
	/* And SQL that does not prepare. */
	ck_assert_int_eq(store_int(db.s, "SELEKT 1", STORE_NOPARAM, 0, &v), -1);
	ck_assert_int_eq(store_int_text(db.s, "SELEKT 1", NULL, 0, &v), -1);
	th_db_close(&db);
}
END_TEST

/* PostgreSQL: a worker whose connection the server dropped (a restart,
 * a failover) fails that one statement (a program answers 503) and
 * reconnects on the next, its cached statements prepared again. */
START_TEST(pg_reconnects)
{
	struct th_db	 db;
	struct store	*s2;
	char		 q[96], v[16];
	int64_t		 pid, n;

	th_db_open(&db);
	th_unit(db.s, "单位甲", 0);
	pid = th_count(db.s, "SELECT pg_backend_pid()");
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM units"), 1);
	s2 = store_open(db.path, STORE_NOMIGRATE);
	ck_assert_ptr_nonnull(s2);
	snprintf(q, sizeof(q), "SELECT pg_terminate_backend(%lld)::int",
	    (long long)pid);
	ck_assert_int_eq(store_text_once(s2, q, v, sizeof(v)), STORE_ROW);
	ck_assert_str_eq(v, "1");
	store_close(s2);
	ck_assert_int_eq(store_int(db.s, "SELECT count(*) FROM units",
	    STORE_NOPARAM, -1, &n), -1);
	ck_assert_int_eq(store_int(db.s, "SELECT count(*) FROM units",
	    STORE_NOPARAM, -1, &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_ne(th_count(db.s, "SELECT pg_backend_pid()"), pid);
	th_db_close(&db);
}
END_TEST

START_TEST(store_stmt_cache_grows)
{
	static char	 sqls[40][24];
	struct th_db	 db;
	size_t		 i;

	/* 40 distinct pointers (the same text): 40 entries, past the
	 * first allocation of 32. */
	th_db_open(&db);
	for (i = 0; i < 40; i++) {
		snprintf(sqls[i], sizeof(sqls[i]),
		    "SELECT %zu", i);
		ck_assert_ptr_nonnull(store_stmt(db.s, sqls[i]));
	}
	ck_assert_uint_ge(db.s->cachesz, 40);
	for (i = 0; i < 40; i++)
		ck_assert_int_eq(th_count(db.s, sqls[i]), (int64_t)i);
	th_db_close(&db);
}
END_TEST

START_TEST(store_backup_copy)
{
	struct th_db	 db;
	struct store	*b;
	struct stat	 sb;
	char		 path[400];

	th_db_open(&db);
	th_unit(db.s, "单位甲", 1);
	th_unit(db.s, "单位乙", 0);
	snprintf(path, sizeof(path), "%s/backup.db", db.dir);
	ck_assert_int_eq(store_backup(db.s, path), 0);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	if (th_pg()) {
		/* pg_dump's archive: restored in tests/pg (make test-pg). */
		ck_assert_int_gt(sb.st_size, 1000);
		th_db_close(&db);
		return;
	}
	b = store_open(path, STORE_NOMIGRATE);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(th_count(b, "SELECT count(*) FROM units"), 2);
	ck_assert_int_eq(th_count(b, "SELECT vip FROM units "
	    "WHERE name = '单位甲'"), 1);
	store_close(b);
	/* Writing after the backup does not change the copy. */
	th_unit(db.s, "单位丙", 0);
	b = store_open(path, STORE_NOMIGRATE);
	ck_assert_int_eq(th_count(b, "SELECT count(*) FROM units"), 2);
	store_close(b);
	th_db_close(&db);
}
END_TEST

START_TEST(bad_store_backup_dest)
{
	struct th_db	 db;

	th_db_open(&db);
	ck_assert_int_eq(store_backup(db.s, "/nonexistent-dir/b.db"), -1);
	th_db_close(&db);
}
END_TEST

START_TEST(store_checkpoint_truncates)
{
	struct th_db	 db;
	struct stat	 sb;
	char		 wal[400];

	if (th_pg())
		return;	/* SQLite's WAL file */
	th_db_open(&db);
	th_unit(db.s, "单位甲", 0);
	ck_assert_int_eq(store_checkpoint(db.s), 0);
	snprintf(wal, sizeof(wal), "%s-wal", db.path);
	ck_assert_int_eq(stat(wal, &sb), 0);
	ck_assert_int_eq(sb.st_size, 0);
	th_db_close(&db);
}
END_TEST

/* Runs log_msg with stderr sent to a file and returns what it wrote in
 * buf[bufsz]. */
static void
log_capture(char *buf, size_t bufsz, const char *msg)
{
	char	 path[] = "/tmp/hall-log-XXXXXX";
	int	 fd, saved;
	ssize_t	 n;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	unlink(path);
	fflush(stderr);
	saved = dup(2);
	ck_assert_int_ge(saved, 0);
	ck_assert_int_eq(dup2(fd, 2), 2);
	log_err("msg=%s", msg);
	fflush(stderr);
	ck_assert_int_eq(dup2(saved, 2), 2);
	close(saved);
	ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
	n = read(fd, buf, bufsz - 1);
	ck_assert_int_gt(n, 0);
	buf[n] = '\0';
	close(fd);
}

START_TEST(log_line_format)
{
	char	 buf[512], want[256];

	log_setprog("tuigong");
	log_setctx("r42", "acct:7");
	log_capture(buf, sizeof(buf), "你好");
	snprintf(want, sizeof(want), "tuigong[%ld] ERR req=r42 who=acct:7: "
	    "msg=你好\n", (long)getpid());
	ck_assert_str_eq(buf, want);
	log_setctx(NULL, NULL);
	log_setprog(NULL);
	log_capture(buf, sizeof(buf), "x");
	snprintf(want, sizeof(want), "hall[%ld] ERR req=- who=-: msg=x\n",
	    (long)getpid());
	ck_assert_str_eq(buf, want);
}
END_TEST

START_TEST(bad_log_forged_lines)
{
	char	 buf[512];

	log_setprog("p");
	log_setctx("r\n1", "w\r\n");
	log_capture(buf, sizeof(buf), "a\r\nfake[1] INFO: b\tc\x1b");
	/* One line: the only newline is the last character. */
	ck_assert_ptr_eq(strchr(buf, '\n'), buf + strlen(buf) - 1);
	ck_assert_ptr_null(strchr(buf, '\r'));
	ck_assert_ptr_null(strchr(buf, '\t'));
	ck_assert_ptr_null(strchr(buf, '\x1b'));
	ck_assert_ptr_nonnull(strstr(buf, "req=r 1 who=w  :"));
	log_setctx(NULL, NULL);
}
END_TEST

START_TEST(log_masks_idno)
{
	char	 buf[1024];

	log_setprog("tuigong");
	/* An account named by its ID number is masked too. */
	log_setctx("r1", "42010219900307123X");
	log_capture(buf, sizeof(buf), "sfzh=42010219900307123X, old "
	    "420102900307123 glued:idno42010219900307123x tail "
	    "12345678901234 task 42");
	ck_assert_msg(strstr(buf, "who=420102********123X:") != NULL, "%s",
	    buf);
	ck_assert_msg(strstr(buf, "msg=sfzh=420102********123X, old "
	    "420102*****7123 glued:idno420102********123x tail "
	    "12345678901234 task 42\n") != NULL, "%s", buf);
	/* The request id (random hex) is left alone. */
	log_setctx("1234567890123456", NULL);
	log_capture(buf, sizeof(buf), "x");
	ck_assert_ptr_nonnull(strstr(buf, "req=1234567890123456 "));
	log_setctx(NULL, NULL);
	log_setprog(NULL);
}
END_TEST

START_TEST(log_masks_cut_idno)
{
	char	 msg[2100], buf[4096], *end;

	/* "msg=" and 2,034 letters leave 9 digits of the ID number in the
	 * 2,047 characters a message keeps: too short for an ID number,
	 * yet its first 9 digits (the region and birth year); masked. */
	memset(msg, 'a', 2034);
	snprintf(msg + 2034, sizeof(msg) - 2034, "%s", "42010219900307123X");
	log_capture(buf, sizeof(buf), msg);
	ck_assert_ptr_nonnull(end = strchr(buf, '\n'));
	ck_assert_msg(end - buf >= 9 && memcmp(end - 9, "*********", 9) == 0 &&
	    end[-10] == 'a', "%s", end - 12);
	ck_assert_ptr_null(strstr(buf, "420102199"));
}
END_TEST

/* The store's suite. */
static Suite *
store_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("store");
	tc = tcase_create("store_open");
	tcase_add_test(tc, store_open_migrates);
	tcase_add_test(tc, store_open_wal);
	tcase_add_test(tc, store_open_nocheckpoint);
	tcase_add_test(tc, store_reopen_idempotent);
	tcase_add_test(tc, bad_store_nomigrate_fresh);
	tcase_add_test(tc, bad_store_newer_schema);
	tcase_add_test(tc, bad_store_open_path);
	tcase_add_test(tc, store_migrate_dedup_per_unit);
	suite_add_tcase(s, tc);
	tc = tcase_create("store_begin");
	tcase_add_test(tc, store_begin_rollback);
	tcase_add_test(tc, bad_store_begin_nested);
	tcase_add_test(tc, store_begin_immediate_locks);
	suite_add_tcase(s, tc);
	tc = tcase_create("store_stmt");
	tcase_add_test(tc, store_stmt_cache);
	tcase_add_test(tc, store_stmt_cache_grows);
	tcase_add_test(tc, store_int_one);
	tcase_add_test(tc, bad_store_int_error);
	if (th_pg())
		tcase_add_test(tc, pg_reconnects);
	tcase_add_test(tc, bad_store_exec_constraint);
	suite_add_tcase(s, tc);
	tc = tcase_create("store_backup");
	tcase_add_test(tc, store_backup_copy);
	tcase_add_test(tc, bad_store_backup_dest);
	tcase_add_test(tc, store_checkpoint_truncates);
	suite_add_tcase(s, tc);
	tc = tcase_create("log_msg");
	tcase_add_test(tc, log_line_format);
	tcase_add_test(tc, bad_log_forged_lines);
	tcase_add_test(tc, log_masks_idno);
	tcase_add_test(tc, log_masks_cut_idno);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(store_suite)
