/*
 * test_audit.c: the chained audit trail: append, verify, and detection
 * of rows altered or removed by someone holding the file.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "audit.h"
#include "store.h"
#include "../suites.h"
#include "helpers.h"

static const struct actor	 clerk = { 7, 3, "单位经办人", "ab12" };

/* Appends n rows in one transaction. */
static void
append_rows(struct store *s, int n)
{
	char	 object[32];
	int	 i;

	ck_assert_int_eq(store_begin(s), 0);
	for (i = 1; i <= n; i++) {
		snprintf(object, sizeof(object), "task:%d", i);
		ck_assert_int_eq(audit_append(s, i % 2 ? &clerk : NULL,
		    "task.submit", object, i == 2 ? NULL : "进行中->结束"), 0);
	}
	ck_assert_int_eq(store_commit(s), 0);
}

/* Runs constant SQL on s; returns the SQLite code. */
static int
run(struct store *s, const char *sql)
{
	return store_exec_sql(s, sql);
}

START_TEST(audit_append_verify)
{
	struct th_db	 db;
	int64_t		 bad = -5;
	struct store_stmt	*st;

	th_db_open(&db);
	ck_assert_int_eq(audit_verify(db.s, &bad), 0);
	append_rows(db.s, 5);
	ck_assert_int_eq(audit_verify(db.s, &bad), 5);
	ck_assert_int_eq(bad, -5);	/* untouched on success */
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit WHERE "
	    "id = 1 AND prev_hash = '0000000000000000000000000000000000000000"
	    "000000000000000000000000' AND length(hash) = 64"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit a "
	    "JOIN audit b ON b.id = a.id + 1 WHERE b.prev_hash = a.hash"), 4);
	st = store_stmt(db.s, "SELECT account_id, unit_id, actor, cert_fp, "
	    "detail FROM audit WHERE id = 2");
	ck_assert_int_eq(store_step(st), STORE_ROW);
	ck_assert_int_eq(store_col_int64(st, 0), 0);
	ck_assert_int_eq(store_col_int64(st, 1), 0);
	ck_assert_str_eq(store_col_text(st, 2), "系统");
	ck_assert_str_eq(store_col_text(st, 3), "");
	ck_assert_str_eq(store_col_text(st, 4), "");
	store_reset(st);
	/* More rows in a later transaction continue the chain. */
	append_rows(db.s, 2);
	ck_assert_int_eq(audit_verify(db.s, NULL), 7);
	th_db_close(&db);
}
END_TEST

/* A row stamped with a time of its own is chained like any other: a
 * later change of that time breaks it. */
START_TEST(audit_append_at_stamps)
{
	struct th_db	 db;
	int64_t		 bad = 0;

	th_db_open(&db);
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(audit_append_at(db.s, &clerk, 1600000000,
	    "task.create", "task:1", "历史"), 0);
	ck_assert_int_eq(audit_append_at(db.s, NULL, 1500000000,
	    "task.submit", "task:1", NULL), 0);
	ck_assert_int_eq(audit_append(db.s, &clerk, "task.approve", "task:1",
	    NULL), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(audit_verify(db.s, NULL), 3);
	ck_assert_int_eq(th_count(db.s, "SELECT at FROM audit WHERE id = 1"),
	    1600000000);
	ck_assert_int_eq(th_count(db.s, "SELECT at FROM audit WHERE id = 2"),
	    1500000000);
	ck_assert_int_gt(th_count(db.s, "SELECT at FROM audit WHERE id = 3"),
	    1600000000);
	ck_assert_int_eq(run(db.s, "DROP TRIGGER audit_no_update;"
	    "UPDATE audit SET at = 1500000001 WHERE id = 2"), SQLITE_OK);
	ck_assert_int_eq(audit_verify(db.s, &bad), -1);
	ck_assert_int_eq(bad, 2);
	th_db_close(&db);
}
END_TEST

START_TEST(bad_audit_outside_tx)
{
	struct th_db	 db;

	th_db_open(&db);
	ck_assert_int_eq(audit_append(db.s, &clerk, "x", "y", NULL), -1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit"), 0);
	th_db_close(&db);
}
END_TEST

START_TEST(bad_audit_triggers_refuse)
{
	struct th_db	 db;

	th_db_open(&db);
	append_rows(db.s, 2);
	ck_assert_int_ne(run(db.s, "UPDATE audit SET detail = 'x'"),
	    SQLITE_OK);
	ck_assert_int_ne(run(db.s, "DELETE FROM audit"), SQLITE_OK);
	ck_assert_int_eq(audit_verify(db.s, NULL), 2);
	th_db_close(&db);
}
END_TEST

/* One way to tamper and the row audit_verify must name. */
struct tamper {
	const char	*sql;
	int64_t		 bad;
};

static const struct tamper tampers[] = {
	{ "DROP TRIGGER audit_no_update;"
	  "UPDATE audit SET detail = '结束->未提交' WHERE id = 2", 2 },
	{ "DROP TRIGGER audit_no_update;"
	  "UPDATE audit SET actor = '审核员' WHERE id = 4", 4 },
	{ "DROP TRIGGER audit_no_update;"
	  "UPDATE audit SET at = at + 1 WHERE id = 1", 1 },
	{ "DROP TRIGGER audit_no_update;"
	  "UPDATE audit SET account_id = 99 WHERE id = 5", 5 },
	/* Recomputing nothing but copying a hash breaks the next link. */
	{ "DROP TRIGGER audit_no_update;"
	  "UPDATE audit SET hash = (SELECT hash FROM audit WHERE id = 1) "
	  "WHERE id = 3", 3 },
	{ "DROP TRIGGER audit_no_delete;"
	  "DELETE FROM audit WHERE id = 3", 4 },
	{ "DROP TRIGGER audit_no_delete;"
	  "DELETE FROM audit WHERE id = 1", 2 },
	/* A forged row in the gap of a deletion. */
	{ "DROP TRIGGER audit_no_delete;"
	  "DELETE FROM audit WHERE id = 3;"
	  "INSERT INTO audit SELECT 3, at, account_id, unit_id, actor, "
	  "cert_fp, action, 'task:99', detail, prev_hash, hash FROM audit "
	  "WHERE id = 2", 3 },
};

START_TEST(bad_audit_tamper)
{
	const struct tamper	*t = &tampers[_i];
	struct th_db		 db;
	int64_t			 bad = 0;

	th_db_open(&db);
	append_rows(db.s, 5);
	ck_assert_int_eq(run(db.s, t->sql), SQLITE_OK);
	ck_assert_int_eq(audit_verify(db.s, &bad), -1);
	ck_assert_int_eq(bad, t->bad);
	th_db_close(&db);
}
END_TEST

/* The audit trail's suite. */
static Suite *
audit_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("audit");
	tc = tcase_create("audit_append");
	tcase_add_test(tc, audit_append_verify);
	tcase_add_test(tc, audit_append_at_stamps);
	tcase_add_test(tc, bad_audit_outside_tx);
	tcase_add_test(tc, bad_audit_triggers_refuse);
	suite_add_tcase(s, tc);
	tc = tcase_create("audit_verify");
	tcase_add_loop_test(tc, bad_audit_tamper, 0,
	    (int)(sizeof(tampers) / sizeof(tampers[0])));
	suite_add_tcase(s, tc);
	return s;
}

SUITE(audit_suite)
