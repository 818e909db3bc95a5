/*
 * test_history.c: the history lists a page at a time (已办, 消息中心,
 * 业务打印): page 2 follows page 1, another unit's rows never appear;
 * the tallies the triggers of migration 10 keep equal a count of the
 * rows after every kind of change (submit, approve, return, a 退工 row
 * added, moved, marked overdue or removed, a message read), and the
 * count of a unit's 参保缴费 persons (migration 13) likewise; and the
 * checkpoint leaves the planner statistics.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "workflow.h"
#include "inbox.h"
#include "tally.h"
#include "tasklist.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit_a, unit_b;

/* Runs a statement of the test's own. */
static void
sql(const char *q)
{
	th_exec(db.s, q);
}

/* Inserts task seq of unit in state, submitted and decided at t. */
static void
task(const char *seq, const char *business, int64_t unit, const char *state,
    int64_t t)
{
	char	 q[512];

	snprintf(q, sizeof(q), "INSERT INTO tasks (seq_no, business, unit_id, "
	    "state, created_at, submitted_at, decided_at, updated_at) VALUES "
	    "('%s', '%s', %lld, '%s', 1, %lld, %lld, %lld)", seq, business,
	    (long long)unit, state, (long long)t, (long long)t, (long long)t);
	sql(q);
}

/* Two units: A with 45 已办 tasks (every third 进行中, the rest 结束)
 * and 3 未提交, B with 5 结束 of its own. */
static void
setup(void)
{
	char	 seq[32];
	int	 i;

	th_db_open(&db);
	unit_a = th_unit(db.s, "甲单位", 0);
	unit_b = th_unit(db.s, "乙单位", 0);
	for (i = 1; i <= 45; i++) {
		snprintf(seq, sizeof(seq), "A%02d", i);
		task(seq, "tuigong", unit_a, i % 3 == 0 ? "进行中" : "结束",
		    1000 + i);
	}
	for (i = 1; i <= 3; i++) {
		snprintf(seq, sizeof(seq), "W%d", i);
		task(seq, "tuigong", unit_a, "未提交", 0);
	}
	for (i = 1; i <= 5; i++) {
		snprintf(seq, sizeof(seq), "B%d", i);
		task(seq, "jianyuan", unit_b, "结束", 1100 + i);
	}
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

START_TEST(handled_pages)
{
	char	 buf[512] = "";
	int64_t	 n;

	ck_assert_int_eq(tasklist_page(db.s, TASKLIST_HANDLED, unit_a, NULL,
	    20, 0, add_seq, buf), 20);
	ck_assert_str_eq(buf, "A45,A44,A43,A42,A41,A40,A39,A38,A37,A36,A35,"
	    "A34,A33,A32,A31,A30,A29,A28,A27,A26");
	buf[0] = '\0';
	ck_assert_int_eq(tasklist_page(db.s, TASKLIST_HANDLED, unit_a, NULL,
	    20, 20, add_seq, buf), 20);
	ck_assert_str_eq(buf, "A25,A24,A23,A22,A21,A20,A19,A18,A17,A16,A15,"
	    "A14,A13,A12,A11,A10,A09,A08,A07,A06");
	buf[0] = '\0';
	ck_assert_int_eq(tasklist_page(db.s, TASKLIST_HANDLED, unit_a, NULL,
	    20, 40, add_seq, buf), 5);
	ck_assert_str_eq(buf, "A05,A04,A03,A02,A01");
	buf[0] = '\0';
	ck_assert_int_eq(tasklist_page(db.s, TASKLIST_HANDLED, unit_a, NULL,
	    20, 99999980, add_seq, buf), 0);
	ck_assert_int_eq(tally_handled(db.s, unit_a, &n), 0);
	ck_assert_int_eq(n, 45);
	ck_assert_int_eq(tally_handled(db.s, unit_b, &n), 0);
	ck_assert_int_eq(n, 5);
	/* B's page holds only B's tasks. */
	buf[0] = '\0';
	ck_assert_int_eq(tasklist_page(db.s, TASKLIST_HANDLED, unit_b, NULL,
	    20, 0, add_seq, buf), 5);
	ck_assert_str_eq(buf, "B5,B4,B3,B2,B1");
}
END_TEST

START_TEST(printable_pages)
{
	char	 buf[512] = "";
	int64_t	 n;

	/* 30 of A's 45 are 结束: A44, A43, A41, ... (not multiples of 3). */
	ck_assert_int_eq(tasklist_printable(db.s, unit_a, 25, 25, add_seq,
	    buf), 5);
	ck_assert_str_eq(buf, "A07,A05,A04,A02,A01");
	ck_assert_int_eq(tally_tasks(db.s, unit_a, "结束", &n), 0);
	ck_assert_int_eq(n, 30);
	buf[0] = '\0';
	ck_assert_int_eq(tasklist_printable(db.s, unit_b, 25, 0, add_seq,
	    buf), 5);
	ck_assert_ptr_null(strstr(buf, "A"));
}
END_TEST

/* inbox_page callback: appends the message's title to the buffer. */
static void
add_title(const struct inbox_msg *m, void *arg)
{
	char	*buf = arg;

	if (buf[0] != '\0')
		strcat(buf, ",");
	strcat(buf, m->title);
}

START_TEST(inbox_pages_and_reads)
{
	char	 buf[512] = "", q[256];
	int64_t	 all, unread, tid;
	int	 i;

	tid = th_count(db.s, "SELECT id FROM tasks WHERE seq_no = 'A01'");
	for (i = 1; i <= 25; i++) {
		snprintf(q, sizeof(q), "INSERT INTO messages (unit_id, task_id, "
		    "at, title) VALUES (%lld, %lld, %d, 'm%d')",
		    (long long)unit_a, (long long)(i <= 2 ? tid : tid + 1),
		    100 + i, i);
		sql(q);
	}
	snprintf(q, sizeof(q), "INSERT INTO messages (unit_id, at, title) "
	    "VALUES (%lld, 500, 'other')", (long long)unit_b);
	sql(q);
	ck_assert_int_eq(inbox_page(db.s, unit_a, 10, 20, add_title, buf), 5);
	ck_assert_str_eq(buf, "m5,m4,m3,m2,m1");
	buf[0] = '\0';
	ck_assert_int_eq(inbox_page(db.s, unit_a, 30, 0, add_title, buf), 25);
	ck_assert_ptr_null(strstr(buf, "other"));
	ck_assert_int_eq(tally_messages(db.s, unit_a, &all, &unread), 0);
	ck_assert_int_eq(all, 25);
	ck_assert_int_eq(unread, 25);
	ck_assert_int_eq(inbox_mark_read(db.s, unit_a, tid), 0);
	ck_assert_int_eq(inbox_mark_read(db.s, unit_a, tid), 0);
	/* Another unit cannot mark A's messages read. */
	ck_assert_int_eq(inbox_mark_read(db.s, unit_b, tid + 1), 0);
	ck_assert_int_eq(tally_messages(db.s, unit_a, &all, &unread), 0);
	ck_assert_int_eq(all, 25);
	ck_assert_int_eq(unread, 23);
	ck_assert_int_eq(tally_messages(db.s, unit_b, &all, &unread), 0);
	ck_assert_int_eq(all, 1);
	ck_assert_int_eq(unread, 1);
}
END_TEST

/* Checks every tally against a count of the rows it stands for. */
static void
tallies_match(void)
{
	static const char *const checks[] = {
	    "SELECT COUNT(*) FROM (SELECT unit_id, 'task:' || state AS name, "
	    "COUNT(*) AS n FROM tasks GROUP BY 1, 2 UNION ALL SELECT 0, "
	    "'queue:' || business, COUNT(*) FROM tasks WHERE state = '进行中' "
	    "GROUP BY 2 UNION ALL SELECT 0, 'decided', COUNT(*) FROM "
	    "task_events WHERE action IN ('task.approve', 'task.reject') AND "
	    "actor_id > 0 UNION ALL SELECT t.unit_id, 'tuigong', COUNT(*) "
	    "FROM tuigong g JOIN tasks t ON t.id = g.task_id WHERE "
	    "t.business = 'tuigong' AND t.state IN ('进行中', '结束') GROUP BY 1 "
	    "UNION ALL SELECT t.unit_id, 'tuigong-on-time', COUNT(*) FROM "
	    "tuigong g JOIN tasks t ON t.id = g.task_id WHERE t.business = "
	    "'tuigong' AND t.state IN ('进行中', '结束') AND g.overdue = 0 "
	    "GROUP BY 1) c WHERE n <> COALESCE((SELECT n FROM tallies l WHERE "
	    "l.unit_id = c.unit_id AND l.name = c.name), 0)",
	    "SELECT COUNT(*) FROM tallies l WHERE n <> 0 AND "
	    "((name LIKE 'task:%' AND n <> (SELECT COUNT(*) FROM tasks WHERE "
	    "unit_id = l.unit_id AND 'task:' || state = l.name)) OR "
	    "(name = 'tuigong' AND n <> (SELECT COUNT(*) FROM tuigong g JOIN "
	    "tasks t ON t.id = g.task_id WHERE t.unit_id = l.unit_id AND "
	    "t.business = 'tuigong' AND t.state IN ('进行中', '结束'))))",
	};
	size_t	 i;

	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
		ck_assert_msg(th_count(db.s, checks[i]) == 0, "check %zu", i);
}

START_TEST(tallies_follow_changes)
{
	long long	 on_time, total;
	char		 q[512];
	int64_t		 w1, w2, n;

	w1 = th_count(db.s, "SELECT id FROM tasks WHERE seq_no = 'W1'");
	w2 = th_count(db.s, "SELECT id FROM tasks WHERE seq_no = 'W2'");
	/* A batch of three rows saved, then submitted: counted. */
	snprintf(q, sizeof(q), "INSERT INTO tuigong (task_id, row_no, "
	    "overdue) VALUES (%lld, 1, 0), (%lld, 2, 1), (%lld, 3, 0)",
	    (long long)w1, (long long)w1, (long long)w1);
	sql(q);
	tallies_match();
	ck_assert_int_eq(tally_timeliness(db.s, unit_a, &on_time, &total), 0);
	ck_assert_int_eq(total, 0);
	snprintf(q, sizeof(q), "UPDATE tasks SET state = '进行中' WHERE "
	    "id = %lld", (long long)w1);
	sql(q);
	tallies_match();
	ck_assert_int_eq(tally_timeliness(db.s, unit_a, &on_time, &total), 0);
	ck_assert_int_eq(total, 3);
	ck_assert_int_eq(on_time, 2);
	/* Returned (回退) by a reviewer: no longer counted. */
	snprintf(q, sizeof(q), "UPDATE tasks SET state = '未提交', returned = 1 "
	    "WHERE id = %lld; INSERT INTO task_events (task_id, action, "
	    "from_state, to_state, actor_id, at) VALUES (%lld, 'task.reject', "
	    "'进行中', '未提交', 7, 5000)", (long long)w1, (long long)w1);
	sql(q);
	tallies_match();
	ck_assert_int_eq(tally_timeliness(db.s, unit_a, &on_time, &total), 0);
	ck_assert_int_eq(total, 0);
	/* Submitted again, one row judged overdue, approved. */
	snprintf(q, sizeof(q), "UPDATE tasks SET state = '进行中' WHERE "
	    "id = %lld; UPDATE tuigong SET overdue = 1 WHERE task_id = %lld "
	    "AND row_no = 1; UPDATE tasks SET state = '结束' WHERE id = %lld; "
	    "INSERT INTO task_events (task_id, action, from_state, to_state, "
	    "actor_id, at) VALUES (%lld, 'task.approve', '进行中', '结束', 7, "
	    "6000)", (long long)w1, (long long)w1, (long long)w1,
	    (long long)w1);
	sql(q);
	tallies_match();
	ck_assert_int_eq(tally_timeliness(db.s, unit_a, &on_time, &total), 0);
	ck_assert_int_eq(total, 3);
	ck_assert_int_eq(on_time, 1);
	ck_assert_int_eq(tally_decided(db.s, NULL, &n), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(tally_decided(db.s, "tuigong", &n), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(tally_decided(db.s, "jianyuan", &n), 0);
	ck_assert_int_eq(n, 0);
	/* A partial decision moves a row to another task; one removed. */
	snprintf(q, sizeof(q), "UPDATE tuigong SET task_id = %lld, row_no = 9 "
	    "WHERE task_id = %lld AND row_no = 3; DELETE FROM tuigong WHERE "
	    "task_id = %lld AND row_no = 2", (long long)w2, (long long)w1,
	    (long long)w1);
	sql(q);
	tallies_match();
	ck_assert_int_eq(tally_timeliness(db.s, unit_a, &on_time, &total), 0);
	ck_assert_int_eq(total, 1);
	ck_assert_int_eq(on_time, 0);
	/* System approvals (actor 0) are no 审核记录. */
	snprintf(q, sizeof(q), "INSERT INTO task_events (task_id, action, "
	    "from_state, to_state, actor_id, at) VALUES (%lld, 'task.approve', "
	    "'进行中', '结束', 0, 7000)", (long long)w2);
	sql(q);
	tallies_match();
	ck_assert_int_eq(tally_decided(db.s, "", &n), 0);
	ck_assert_int_eq(n, 2);
}
END_TEST

/* The 参保缴费 insurance rows of unit into *n, kept and counted; fails
 * when they differ. */
static int64_t
insured(int64_t unit)
{
	int64_t		 kept, counted;

	ck_assert_int_eq(tally_insured(db.s, unit, &kept), 0);
	ck_assert_int_eq(store_int(db.s, "SELECT COUNT(*) FROM insurance "
	    "WHERE unit_id = ?1 AND status = '参保缴费'", unit, -1, &counted),
	    0);
	ck_assert_int_eq(kept, counted);
	return kept;
}

/* The count of a unit's 参保缴费 persons (the 减员 list's pager, migration
 * 13) follows an insurance added, paused, resumed, moved and removed. */
START_TEST(insured_tally_follows_changes)
{
	char		 q[512];
	int64_t		 p1, p2;

	p1 = th_person(db.s, "420102199001011234", "甲", "男", "1990-01-01");
	p2 = th_person(db.s, "420102199001021239", "乙", "女", "1990-01-02");
	ck_assert_int_eq(insured(unit_a), 0);
	snprintf(q, sizeof(q), "INSERT INTO insurance (person_id, unit_id, "
	    "sb_no, start_month, status) VALUES (%lld, %lld, 'S1', '2020-01', "
	    "'参保缴费'), (%lld, %lld, 'S2', '2020-01', '暂停缴费')",
	    (long long)p1, (long long)unit_a, (long long)p2,
	    (long long)unit_a);
	sql(q);
	ck_assert_int_eq(insured(unit_a), 1);
	sql("UPDATE insurance SET status = '参保缴费' WHERE sb_no = 'S2'");
	ck_assert_int_eq(insured(unit_a), 2);
	sql("UPDATE insurance SET status = '暂停缴费' WHERE sb_no = 'S1'");
	ck_assert_int_eq(insured(unit_a), 1);
	/* A change of another column leaves the count alone. */
	sql("UPDATE insurance SET contrib_months = 12 WHERE sb_no = 'S2'");
	ck_assert_int_eq(insured(unit_a), 1);
	snprintf(q, sizeof(q), "UPDATE insurance SET unit_id = %lld WHERE "
	    "sb_no = 'S2'", (long long)unit_b);
	sql(q);
	ck_assert_int_eq(insured(unit_a), 0);
	ck_assert_int_eq(insured(unit_b), 1);
	sql("DELETE FROM insurance WHERE sb_no IN ('S1', 'S2')");
	ck_assert_int_eq(insured(unit_a), 0);
	ck_assert_int_eq(insured(unit_b), 0);
}
END_TEST

START_TEST(checkpoint_leaves_statistics)
{
	ck_assert_int_eq(store_checkpoint(db.s), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM sqlite_master "
	    "WHERE name = 'sqlite_stat1'"), 1);
	ck_assert_int_gt(th_count(db.s, "SELECT COUNT(*) FROM sqlite_stat1 "
	    "WHERE tbl = 'tasks'"), 0);
	/* A second checkpoint finds them fresh and keeps them. */
	ck_assert_int_eq(store_checkpoint(db.s), 0);
	ck_assert_int_gt(th_count(db.s, "SELECT COUNT(*) FROM sqlite_stat1 "
	    "WHERE tbl = 'tasks'"), 0);
}
END_TEST

static Suite *
history_suite(void)
{
	Suite	*s = suite_create("history");
	TCase	*tc = tcase_create("lists");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, handled_pages);
	tcase_add_test(tc, printable_pages);
	tcase_add_test(tc, inbox_pages_and_reads);
	tcase_add_test(tc, tallies_follow_changes);
	tcase_add_test(tc, insured_tally_follows_changes);
	if (!th_pg())	/* sqlite_stat1 */
		tcase_add_test(tc, checkpoint_leaves_statistics);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(history_suite)
