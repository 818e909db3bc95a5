/*
 * test_tasklist.c: the reviewer desk's queue search: by 业务顺序号, by
 * 统一社会信用代码, by part of a unit's name (LIKE wildcards typed by a
 * person are plain characters), by business and submission dates,
 * combined, counted and paged; and each search read through the index
 * meant for it, on a store without statistics (as the hall runs).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "workflow.h"
#include "tasklist.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit_a, unit_b, unit_c;
static char		 uscc_a[32];

/* Runs a statement of the test's own. */
static void
sql(const char *q)
{
	th_exec(db.s, q);
}

/* Inserts a task of unit with business, state and submitted_at. */
static void
task(const char *seq, const char *business, int64_t unit, const char *state,
    int64_t submitted)
{
	char	 q[512];

	snprintf(q, sizeof(q), "INSERT INTO tasks (seq_no, business, unit_id, "
	    "state, created_at, submitted_at, updated_at) VALUES ('%s', '%s', "
	    "%lld, '%s', 1, %lld, 1)", seq, business, (long long)unit, state,
	    (long long)submitted);
	sql(q);
}

/* Three units and their tasks; 1000 and 2000 are two submission
 * days apart by the seconds the test gives them. */
static void
setup(void)
{
	struct store_stmt	*st;

	th_db_open(&db);
	unit_a = th_unit(db.s, "武汉市示例制造有限公司", 0);
	unit_b = th_unit(db.s, "武汉100%纯净_水公司", 0);
	unit_c = th_unit(db.s, "其他单位", 0);
	st = store_stmt(db.s, "SELECT uscc FROM units WHERE id = ?1");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_int(st, 1, unit_a), 0);
	ck_assert_int_eq(store_step(st), STORE_ROW);
	snprintf(uscc_a, sizeof(uscc_a), "%s", store_col_text(st, 0));
	store_reset(st);
	task("A1", "tuigong", unit_a, "进行中", 1000);
	task("A2", "jianyuan", unit_a, "进行中", 2000);
	task("A3", "tuigong", unit_a, "结束", 1500);
	task("A4", "tuigong", unit_a, "进行中", 3000);
	task("B1", "tuigong", unit_b, "进行中", 1200);
	task("C1", "jianyuan", unit_c, "进行中", 2500);
	task("C2", "jianyuan", unit_c, "未提交", 0);
}

static void
teardown(void)
{
	th_db_close(&db);
}

/* tasklist_fn: appends the task's seq to the buffer in arg. */
static void
add_seq(const struct task *t, const char *unit_name, void *arg)
{
	char	*buf = arg;

	if (buf[0] != '\0')
		strcat(buf, ",");
	strcat(buf, t->seq_no);
}

/* The seqs q lists (rows [offset, offset + limit)), comma-separated,
 * into buf[256]; also checks the count against a full listing. */
static const char *
search(const struct task_search *q, int limit, int offset, char buf[256])
{
	char	 all[256] = "";
	int	 n, total;

	buf[0] = '\0';
	n = tasklist_search(db.s, q, limit, offset, add_seq, buf);
	ck_assert_int_ge(n, 0);
	total = tasklist_search(db.s, q, 100, 0, add_seq, all);
	ck_assert_int_eq(tasklist_search_count(db.s, q), total);
	return buf;
}

START_TEST(search_by_each)
{
	struct task_search	 q;
	char			 buf[256];

	memset(&q, 0, sizeof(q));
	/* Every 进行中 task, by business then age. */
	ck_assert_str_eq(search(&q, 50, 0, buf), "A2,C1,A1,B1,A4");
	ck_assert_str_eq(search(&q, 2, 1, buf), "C1,A1");
	/* 业务顺序号: only while it waits. */
	q.seq = "A4";
	ck_assert_str_eq(search(&q, 50, 0, buf), "A4");
	q.seq = "A3";
	ck_assert_str_eq(search(&q, 50, 0, buf), "");
	q.seq = "";
	/* 统一社会信用代码: that unit's; an unknown one finds nothing. */
	q.uscc = uscc_a;
	ck_assert_str_eq(search(&q, 50, 0, buf), "A2,A1,A4");
	q.uscc = "91420100000000000X";
	ck_assert_str_eq(search(&q, 50, 0, buf), "");
	q.uscc = "";
	/* Part of the name; % and _ typed are plain characters. */
	q.unit_name = "制造";
	ck_assert_str_eq(search(&q, 50, 0, buf), "A2,A1,A4");
	q.unit_name = "100%纯";
	ck_assert_str_eq(search(&q, 50, 0, buf), "B1");
	q.unit_name = "%";
	ck_assert_str_eq(search(&q, 50, 0, buf), "B1");
	q.unit_name = "净_水";
	ck_assert_str_eq(search(&q, 50, 0, buf), "B1");
	q.unit_name = "示例_造";
	ck_assert_str_eq(search(&q, 50, 0, buf), "");
	q.unit_name = "";
	/* Business; submission dates [from, to). */
	q.business = "tuigong";
	ck_assert_str_eq(search(&q, 50, 0, buf), "A1,B1,A4");
	q.from = 1100;
	q.to = 3000;
	ck_assert_str_eq(search(&q, 50, 0, buf), "B1");
	q.business = "";
	ck_assert_str_eq(search(&q, 50, 0, buf), "A2,C1,B1");
	/* Combined: a unit and dates, a seq of another unit. */
	q.unit_name = "武汉";
	ck_assert_str_eq(search(&q, 50, 0, buf), "A2,B1");
	q.seq = "C1";
	ck_assert_str_eq(search(&q, 50, 0, buf), "");
	q.unit_name = "";
	ck_assert_str_eq(search(&q, 50, 0, buf), "C1");
}
END_TEST

START_TEST(search_units_bounded)
{
	ck_assert_int_eq(tasklist_search_units(db.s, "武汉"), 2);
	ck_assert_int_eq(tasklist_search_units(db.s, "无此单位"), 0);
	sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
	    "WHERE i < 600) INSERT INTO units (uscc, name, sb_code) SELECT "
	    "'BULK' || i, '批量单位' || i, 'SBB' || i FROM n");
	ck_assert_int_eq(tasklist_search_units(db.s, "批量"),
	    TASKLIST_MAX_UNITS + 1);
}
END_TEST

/* store_plan's callback: appends the lines about table t, and any
 * sort, to the buffer arg (1024 bytes). */
static int
plan_line(void *arg, int id, int parent, const char *d)
{
	char	*buf = arg;

	if (strncmp(d, "SEARCH t ", 9) == 0 || strncmp(d, "SCAN t", 6) == 0 ||
	    strncmp(d, "USE TEMP B-TREE", 15) == 0) {
		strncat(buf, d, 1024 - strlen(buf) - 2);
		strcat(buf, ";");
	}
	return 0;
}

/* Writes the plan lines about table t of sql, and any sort, into
 * buf[1024]. */
static void
plan_of(const char *text, char *buf)
{
	char	 err[256];

	buf[0] = '\0';
	ck_assert_msg(store_plan(db.s, text, plan_line, buf, err,
	    sizeof(err)) == 0, "%s", err);
}

/* Each search, the index its page must be read through (in the order
 * it lists, so no sort) and the index of its count. */
static const struct {
	struct task_search	 q;
	const char		*index;
	const char		*count_index;
} plans[] = {
	{ { "", "2026", "", "", 0, 0 }, "sqlite_autoindex_tasks_1 (seq_no=?)",
	    "sqlite_autoindex_tasks_1 (seq_no=?)" },
	{ { "", "", "X", "", 0, 0 }, "tasks_unit_queue (unit_id=?)",
	    "tasks_unit_updated (unit_id=? AND state=?)" },
	{ { "", "", "", "制造", 0, 0 }, "tasks_queue (state=?)",
	    "tasks_unit_updated (unit_id=? AND state=?)" },
	{ { "tuigong", "", "", "", 0, 0 }, "tasks_queue (state=? AND "
	    "business=? AND submitted_at>? AND submitted_at<?)",
	    "tasks_queue (state=? AND business=? AND submitted_at>? AND "
	    "submitted_at<?)" },
	{ { "", "", "", "", 1, 2 }, "tasks_queue (state=?)",
	    "tasks_submitted (state=? AND submitted_at>? AND "
	    "submitted_at<?)" },
};

START_TEST(search_uses_index)
{
	char	 plan[1024], want[256];
	int	 count;

	if (th_pg())
		return;	/* SQLite's planner; tests/plans checks PostgreSQL's */
	/* 2000 more tasks, no statistics: the planner's guesses. */
	sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
	    "WHERE i < 2000) INSERT INTO tasks (seq_no, business, unit_id, "
	    "state, created_at, submitted_at, updated_at) SELECT 'N' || i, "
	    "CASE WHEN i % 2 = 0 THEN 'tuigong' ELSE 'jianyuan' END, "
	    "(SELECT MIN(id) FROM units), CASE WHEN i % 10 = 0 THEN '进行中' "
	    "ELSE '结束' END, i, i, i FROM n");
	for (count = 0; count < 2; count++) {
		snprintf(want, sizeof(want), "SEARCH t USING INDEX %s;",
		    count ? plans[_i].count_index : plans[_i].index);
		plan_of(tasklist_search_sql(&plans[_i].q, count), plan);
		ck_assert_msg(strcmp(plan, want) == 0, "plan %d/%d: %s",
		    _i, count, plan);
	}
}
END_TEST

static Suite *
tasklist_suite(void)
{
	Suite	*s = suite_create("tasklist");
	TCase	*tc = tcase_create("search");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, search_by_each);
	tcase_add_test(tc, search_units_bounded);
	tcase_add_loop_test(tc, search_uses_index, 0,
	    (int)(sizeof(plans) / sizeof(plans[0])));
	suite_add_tcase(s, tc);
	return s;
}

SUITE(tasklist_suite)
