/*
 * test_jiandu.c: the figures of the office's 监管 page against hand-
 * counted fixtures: the review queue by business and age around the
 * 2026 中秋 and 国庆 holidays (the seeded calendar, its 调休 Saturday
 * 10-10 worked), a regional policy row changing the promise, the queue
 * overdue first and its pages, each task's due date, and the 回退 by
 * reason per month (a reviewer's 回退 at a month's last second and the
 * next month's first, partial returns, the system's refusals and
 * approvals left out).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "jiandu.h"
#include "policy.h"
#include "store.h"
#include "valid.h"
#include "workflow.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit_a, unit_b;
static int		 ntasks;

/* Runs the test's own SQL. */
static void
exec_sql(const char *sql)
{
	th_exec(db.s, sql);
}

/* A store with the seeded policy and calendar, two units. */
static void
setup(void)
{
	th_db_open(&db);
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	ntasks = 0;
	unit_a = th_unit(db.s, "甲单位", 0);
	unit_b = th_unit(db.s, "乙单位", 0);
}

static void
teardown(void)
{
	th_db_close(&db);
}

/* A task of business in state for unit, submitted at when ("YYYY-MM-DD
 * HH:MM:SS", hall time UTC+8).  Returns its id. */
static int64_t
task_at(const char *business, int64_t unit, const char *state,
    const char *when)
{
	char	 sql[512];

	snprintf(sql, sizeof(sql), "INSERT INTO tasks (seq_no, business, "
	    "unit_id, state, created_at, submitted_at, updated_at) VALUES "
	    "('JD%04d', '%s', %lld, '%s', 1, CAST(strftime('%%s', '%s') "
	    "AS INTEGER) - 28800, 3)", ++ntasks, business, (long long)unit,
	    state, when);
	exec_sql(sql);
	return store_last_id(db.s);
}

/* The date of "YYYY-MM-DD". */
static struct hdate
day_of(const char *s)
{
	struct hdate	 d;

	ck_assert_int_eq(valid_date(s, &d), VALID_OK);
	return d;
}

/* The line of business code among lines[n]; fails when absent. */
static const struct jd_queue_line *
line_of(const struct jd_queue_line *lines, int n, const char *code)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (strcmp(lines[i].p.b->code, code) == 0)
			return &lines[i];
	ck_abort_msg("no line for %s", code);
	return NULL;
}

/* The fixture of the queue, on Friday 2026-10-09 (国庆 10-01..07 off,
 * 中秋 09-25..27 off).  退工 (1-3 working days): cut_min 10-08, cut_max
 * 09-29 (10-08, 09-30, 09-29).  撤销 (1-5): cut_max 09-24 (10-08, 09-30,
 * 09-29, 09-28, 09-24).
 *   A 退工 09-28 23:59:59  due 10-08 (09-29, 09-30, 10-08)  已超时 1 day
 *   B 退工 09-29 00:00:00  due 10-09 (today)                时限内
 *   C 退工 10-03 10:00 (a holiday)  due 10-10 (the 调休 Saturday)  时限内
 *   D 退工 10-08 09:00                                      未满最短时限
 *   E 退工 10-09 08:00                                      未满最短时限
 *   F 撤销 09-24 10:00     due 10-09                        时限内
 *   G 撤销 09-23 15:00     due 10-08                        已超时 1 day
 * and, not in the queue, a 结束 退工 and a 未提交 one. */
static int64_t	 fx[7];		/* A..G */

static void
queue_fixture(void)
{
	fx[0] = task_at("tuigong", unit_a, "进行中", "2026-09-28 23:59:59");
	fx[1] = task_at("tuigong", unit_b, "进行中", "2026-09-29 00:00:00");
	fx[2] = task_at("tuigong", unit_a, "进行中", "2026-10-03 10:00:00");
	fx[3] = task_at("tuigong", unit_b, "进行中", "2026-10-08 09:00:00");
	fx[4] = task_at("tuigong", unit_a, "进行中", "2026-10-09 08:00:00");
	fx[5] = task_at("chexiao", unit_b, "进行中", "2026-09-24 10:00:00");
	fx[6] = task_at("chexiao", unit_a, "进行中", "2026-09-23 15:00:00");
	(void)task_at("tuigong", unit_a, "结束", "2026-09-01 10:00:00");
	(void)task_at("tuigong", unit_a, "未提交", "2026-09-02 10:00:00");
}

START_TEST(jiandu_queue_by_age)
{
	struct jd_queue_line		 lines[JD_MAX_BUSINESSES];
	const struct jd_queue_line	*l;
	struct hdate			 today = day_of("2026-10-09");
	char				 buf[11];
	int				 n;

	queue_fixture();
	ck_assert_int_eq(jd_queue(db.s, JD_REGION, &today, lines,
	    JD_MAX_BUSINESSES, &n), 0);
	l = line_of(lines, n, "tuigong");
	ck_assert_int_eq(l->p.days_min, 1);
	ck_assert_int_eq(l->p.days_max, 3);
	hdate_fmt(&l->p.cut_min, buf);
	ck_assert_str_eq(buf, "2026-10-08");
	hdate_fmt(&l->p.cut_max, buf);
	ck_assert_str_eq(buf, "2026-09-29");
	ck_assert_int_eq(l->total, 5);
	ck_assert_int_eq(l->fresh, 2);
	ck_assert_int_eq(l->within, 2);
	ck_assert_int_eq(l->overdue, 1);
	l = line_of(lines, n, "chexiao");
	ck_assert_int_eq(l->p.days_max, 5);
	hdate_fmt(&l->p.cut_max, buf);
	ck_assert_str_eq(buf, "2026-09-24");
	ck_assert_int_eq(l->total, 2);
	ck_assert_int_eq(l->fresh, 0);
	ck_assert_int_eq(l->within, 1);
	ck_assert_int_eq(l->overdue, 1);
	/* A business reviewed by a person with nothing waiting has its
	 * line, zeros; one the system reviews (欠费补缴) has none. */
	l = line_of(lines, n, "yonggong");
	ck_assert_int_eq(l->total, 0);
	ck_assert_int_eq(l->overdue, 0);
	for (int i = 0; i < n; i++)
		ck_assert_str_ne(lines[i].p.b->code, "bujiao");
}
END_TEST

/* A Wuhan row (region 420100) from 10-01 makes 退工 at most 2 working
 * days: cut_max 09-30, so B (09-29) is overdue too; the national row
 * still holds before 10-01. */
START_TEST(jiandu_queue_policy_row)
{
	struct jd_queue_line		 lines[JD_MAX_BUSINESSES];
	const struct jd_queue_line	*l;
	struct hdate			 today = day_of("2026-10-09");
	struct hdate			 before = day_of("2026-09-30");
	char				 buf[11];
	int				 n;

	queue_fixture();
	exec_sql("INSERT INTO policy (region, key, valid_from, value) VALUES "
	    "('420100', 'review.tuigong.days_max', '2026-10-01', '2')");
	ck_assert_int_eq(jd_queue(db.s, JD_REGION, &today, lines,
	    JD_MAX_BUSINESSES, &n), 0);
	l = line_of(lines, n, "tuigong");
	ck_assert_int_eq(l->p.days_max, 2);
	hdate_fmt(&l->p.cut_max, buf);
	ck_assert_str_eq(buf, "2026-09-30");
	ck_assert_int_eq(l->fresh, 2);
	ck_assert_int_eq(l->within, 1);
	ck_assert_int_eq(l->overdue, 2);
	/* On 09-30 (a Wednesday) the national 3 days: cut_max 09-24. */
	ck_assert_int_eq(jd_queue(db.s, JD_REGION, &before, lines,
	    JD_MAX_BUSINESSES, &n), 0);
	l = line_of(lines, n, "tuigong");
	ck_assert_int_eq(l->p.days_max, 3);
	hdate_fmt(&l->p.cut_max, buf);
	ck_assert_str_eq(buf, "2026-09-24");
}
END_TEST

/* A policy out of range is clamped, not an error that would fail the
 * page: 退工 min 4 and max 2 (below it) is 4..4, cutting at 09-28
 * (10-08, 09-30, 09-29, 09-28); a negative min is 0 (today). */
START_TEST(jiandu_queue_policy_clamped)
{
	struct jd_queue_line		 lines[JD_MAX_BUSINESSES];
	const struct jd_queue_line	*l;
	struct hdate			 today = day_of("2026-10-09");
	char				 buf[11];
	int				 n;

	queue_fixture();
	exec_sql("INSERT INTO policy (region, key, valid_from, value) VALUES "
	    "('420100', 'review.tuigong.days_min', '2026-10-01', '4'), "
	    "('420100', 'review.tuigong.days_max', '2026-10-01', '2'), "
	    "('420100', 'review.chexiao.days_min', '2026-10-01', '-3')");
	ck_assert_int_eq(jd_queue(db.s, JD_REGION, &today, lines,
	    JD_MAX_BUSINESSES, &n), 0);
	l = line_of(lines, n, "tuigong");
	ck_assert_int_eq(l->p.days_min, 4);
	ck_assert_int_eq(l->p.days_max, 4);
	hdate_fmt(&l->p.cut_max, buf);
	ck_assert_str_eq(buf, "2026-09-28");
	/* A (09-28 23:59:59) is on the cut day: not overdue; B..E fresh. */
	ck_assert_int_eq(l->overdue, 0);
	ck_assert_int_eq(l->within, 0);
	ck_assert_int_eq(l->fresh, 5);
	l = line_of(lines, n, "chexiao");
	ck_assert_int_eq(l->p.days_min, 0);
	hdate_fmt(&l->p.cut_min, buf);
	ck_assert_str_eq(buf, "2026-10-09");
}
END_TEST

/* What the page callback saw. */
struct seen {
	int64_t	 id[16];
	int	 overdue[16];
	int	 n;
};

static void
see(const struct task *t, const char *unit_name, int overdue, void *arg)
{
	struct seen	*s = arg;

	ck_assert_int_lt(s->n, 16);
	ck_assert_str_eq(unit_name, t->unit_id == unit_a ? "甲单位" :
	    "乙单位");
	s->id[s->n] = t->id;
	s->overdue[s->n++] = overdue;
}

/* The queue overdue first (G, A by submission), then the rest (F, B,
 * C, D, E by submission), and pages of it across the two parts. */
START_TEST(jiandu_queue_overdue_first)
{
	struct jd_queue_line	 lines[JD_MAX_BUSINESSES];
	struct hdate		 today = day_of("2026-10-09");
	struct seen		 s;
	const int		 want[7] = { 6, 0, 5, 1, 2, 3, 4 };
	int			 n, i;

	queue_fixture();
	ck_assert_int_eq(jd_queue(db.s, JD_REGION, &today, lines,
	    JD_MAX_BUSINESSES, &n), 0);
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(jd_queue_page(db.s, lines, n, 0, 50, see, &s), 7);
	for (i = 0; i < 7; i++) {
		ck_assert_int_eq(s.id[i], fx[want[i]]);
		ck_assert_int_eq(s.overdue[i], i < 2);
	}
	/* Rows 1..3: A (overdue), then F, B. */
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(jd_queue_page(db.s, lines, n, 1, 3, see, &s), 3);
	ck_assert_int_eq(s.id[0], fx[0]);
	ck_assert_int_eq(s.overdue[0], 1);
	ck_assert_int_eq(s.id[1], fx[5]);
	ck_assert_int_eq(s.id[2], fx[1]);
	ck_assert_int_eq(s.overdue[2], 0);
	/* Rows 5..: D, E; past the end: none. */
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(jd_queue_page(db.s, lines, n, 5, 50, see, &s), 2);
	ck_assert_int_eq(s.id[0], fx[3]);
	ck_assert_int_eq(s.id[1], fx[4]);
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(jd_queue_page(db.s, lines, n, 7, 50, see, &s), 0);
}
END_TEST

/* Each task's due date: its submission day plus the promise's longest
 * time in working days. */
START_TEST(jiandu_due_dates)
{
	struct jd_queue_line		 lines[JD_MAX_BUSINESSES];
	const struct jd_queue_line	*tg, *cx;
	struct hdate			 today = day_of("2026-10-09"), due;
	char				 buf[11];
	int				 n;
	static const struct {
		const char	*business;
		const char	*at;
		const char	*due;
	} want[] = {
		{ "tuigong", "2026-09-28 23:59:59", "2026-10-08" },
		{ "tuigong", "2026-09-29 00:00:00", "2026-10-09" },
		{ "tuigong", "2026-10-03 10:00:00", "2026-10-10" },
		{ "tuigong", "2026-09-24 18:00:00", "2026-09-30" },
		{ "chexiao", "2026-09-24 10:00:00", "2026-10-09" },
		{ "chexiao", "2026-09-23 15:00:00", "2026-10-08" },
	};
	size_t				 i;
	int64_t				 t;

	ck_assert_int_eq(jd_queue(db.s, JD_REGION, &today, lines,
	    JD_MAX_BUSINESSES, &n), 0);
	tg = line_of(lines, n, "tuigong");
	cx = line_of(lines, n, "chexiao");
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct hdate	 d;
		int		 h, m, sec;
		char		 day[11];

		/* The store time of a hall time "YYYY-MM-DD HH:MM:SS". */
		ck_assert_int_eq(sscanf(want[i].at, "%10s %d:%d:%d", day, &h,
		    &m, &sec), 4);
		d = day_of(day);
		t = (int64_t)hdate_to_days(&d) * 86400 - 8 * 3600 +
		    h * 3600 + m * 60 + sec;
		ck_assert_int_eq(jd_due(db.s, strcmp(want[i].business,
		    "tuigong") == 0 ? &tg->p : &cx->p, (time_t)t, &due), 0);
		hdate_fmt(&due, buf);
		ck_assert_msg(strcmp(buf, want[i].due) == 0, "%s %s: %s, not %s",
		    want[i].business, want[i].at, buf, want[i].due);
	}
}
END_TEST

/* A task_events row of task id: action by actor at when (hall time)
 * with reason. */
static void
event_at(int64_t id, const char *action, int64_t actor, const char *when,
    const char *reason)
{
	char	 sql[512];

	snprintf(sql, sizeof(sql), "INSERT INTO task_events (task_id, action, "
	    "from_state, to_state, actor_id, reason, at) VALUES (%lld, '%s', "
	    "'进行中', '未提交', %lld, '%s', CAST(strftime('%%s', '%s') AS "
	    "INTEGER) - 28800)", (long long)id, action, (long long)actor,
	    reason, when);
	exec_sql(sql);
}

/* A person sent back by a partial decision of from into task to. */
static void
row_return_at(int64_t to, int64_t from, int row, const char *when,
    const char *reason)
{
	char	 sql[512];

	snprintf(sql, sizeof(sql), "INSERT INTO task_row_returns (task_id, "
	    "from_task_id, row_no, reason, at) VALUES (%lld, %lld, %d, '%s', "
	    "CAST(strftime('%%s', '%s') AS INTEGER) - 28800)", (long long)to,
	    (long long)from, row, reason, when);
	exec_sql(sql);
}

/* What jd_returns_page handed over. */
struct reasons {
	char	 reason[4][64];
	int64_t	 n[4], tasks[4], persons[4];
	int	 k;
};

static void
take_reason(const char *reason, int64_t n, int64_t tasks, int64_t persons,
    void *arg)
{
	struct reasons	*r = arg;

	ck_assert_int_lt(r->k, 4);
	snprintf(r->reason[r->k], sizeof(r->reason[0]), "%s", reason);
	r->n[r->k] = n;
	r->tasks[r->k] = tasks;
	r->persons[r->k++] = persons;
}

/* 回退 counted in the month of the decision (hall time), by reason:
 *   09-30 23:59:59  reviewer 回退 「材料不清晰」            → 2026-09
 *   10-01 00:00:00  reviewer 回退 「材料不清晰」            → 2026-10
 *   10-15           reviewer 回退 「材料不清晰」            → 2026-10
 *   10-02           reviewer 回退 「身份证复印件缺失」      → 2026-10
 *   10-03           the system (actor 0) 「系统规则」       not counted
 *   10-03           reviewer 审核通过                        not counted
 *   10-05           部分回退 2 persons 「身份证复印件缺失」, 1 person
 *                   「退工日期有误」                         → 2026-10
 * 2026-10: 3 tasks, 3 persons, 3 reasons: 身份证复印件缺失 3 (1 + 2),
 * 材料不清晰 2, 退工日期有误 1. */
START_TEST(jiandu_returns_by_reason)
{
	struct jd_returns	 r;
	struct reasons		 got;
	int64_t			 t1, t2, t3;

	t1 = task_at("tuigong", unit_a, "未提交", "2026-09-29 10:00:00");
	t2 = task_at("jianyuan", unit_b, "结束", "2026-09-29 10:00:00");
	t3 = task_at("jianyuan", unit_b, "未提交", "2026-10-05 10:00:00");
	event_at(t1, "task.reject", 5, "2026-09-30 23:59:59", "材料不清晰");
	event_at(t1, "task.reject", 5, "2026-10-01 00:00:00", "材料不清晰");
	event_at(t1, "task.reject", 6, "2026-10-15 09:00:00", "材料不清晰");
	event_at(t2, "task.reject", 6, "2026-10-02 09:00:00",
	    "身份证复印件缺失");
	event_at(t2, "task.reject", 0, "2026-10-03 09:00:00", "系统规则");
	event_at(t2, "task.approve", 5, "2026-10-03 10:00:00", "");
	row_return_at(t3, t2, 1, "2026-10-05 10:00:00", "身份证复印件缺失");
	row_return_at(t3, t2, 2, "2026-10-05 10:00:00", "身份证复印件缺失");
	row_return_at(t3, t2, 3, "2026-10-05 10:00:00", "退工日期有误");

	ck_assert_int_eq(jd_returns_month(db.s, "2026-10", &r), 0);
	ck_assert_int_eq(r.tasks, 3);
	ck_assert_int_eq(r.persons, 3);
	ck_assert_int_eq(r.reasons, 3);
	memset(&got, 0, sizeof(got));
	ck_assert_int_eq(jd_returns_page(db.s, "2026-10", 0, 4, take_reason,
	    &got), 3);
	ck_assert_str_eq(got.reason[0], "身份证复印件缺失");
	ck_assert_int_eq(got.n[0], 3);
	ck_assert_int_eq(got.tasks[0], 1);
	ck_assert_int_eq(got.persons[0], 2);
	ck_assert_str_eq(got.reason[1], "材料不清晰");
	ck_assert_int_eq(got.n[1], 2);
	ck_assert_int_eq(got.tasks[1], 2);
	ck_assert_int_eq(got.persons[1], 0);
	ck_assert_str_eq(got.reason[2], "退工日期有误");
	ck_assert_int_eq(got.n[2], 1);
	ck_assert_int_eq(got.persons[2], 1);
	/* The second page of one a page. */
	memset(&got, 0, sizeof(got));
	ck_assert_int_eq(jd_returns_page(db.s, "2026-10", 1, 1, take_reason,
	    &got), 1);
	ck_assert_str_eq(got.reason[0], "材料不清晰");

	ck_assert_int_eq(jd_returns_month(db.s, "2026-09", &r), 0);
	ck_assert_int_eq(r.tasks, 1);
	ck_assert_int_eq(r.persons, 0);
	ck_assert_int_eq(r.reasons, 1);
	ck_assert_int_eq(jd_returns_month(db.s, "2026-11", &r), 0);
	ck_assert_int_eq(r.tasks + r.persons + r.reasons, 0);
	memset(&got, 0, sizeof(got));
	ck_assert_int_eq(jd_returns_page(db.s, "2026-11", 0, 4, take_reason,
	    &got), 0);
}
END_TEST

static Suite *
jiandu_suite(void)
{
	Suite	*s = suite_create("jiandu");
	TCase	*tc = tcase_create("figures");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, jiandu_queue_by_age);
	tcase_add_test(tc, jiandu_queue_policy_row);
	tcase_add_test(tc, jiandu_queue_policy_clamped);
	tcase_add_test(tc, jiandu_queue_overdue_first);
	tcase_add_test(tc, jiandu_due_dates);
	tcase_add_test(tc, jiandu_returns_by_reason);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(jiandu_suite)
