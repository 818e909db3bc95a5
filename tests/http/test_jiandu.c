/*
 * test_jiandu.c: the office's 监管 page (/jiandu, /jiandu/returns)
 * through the real nginx with client certificates.  The clock is pinned
 * to 10:00 of a Thursday D(0) two weeks or more ahead with no 法定节假日
 * or 调休 from 10 days before it to 6 after, so that 退工's promise (1-3 working
 * days) cuts at D(-1) and D(-3), the Monday.  Other suites' tasks share
 * the store, so the figures are read before and after this test's own
 * tasks are written and compared by their difference:
 *   T1 退工 D(-3) 00:00:00       时限内 (due D(0), today)
 *   T2 退工 D(-4) 23:59:59 (Sun) 已超时 (due D(-1), 1 day late)
 *   T3 退工 D(0) 08:00           未满最短时限 (due D(5), a Tuesday)
 *   T4 撤销 in 1970              已超时, first of the overdue list
 * a fifth, sent back through /review/reject with a reason of its own,
 * counts in D(0)'s month by that reason; and a booking of D(0) is among
 * the day's appointments.  Units are ranked by 离职及时率 on rows of
 * lib/timeliness.c written for 2001.  A unit's certificate gets 403.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../suites.h"
#include "client.h"

static char	 jd_day[17][11];	/* D(-10) .. D(6) */
static char	 jd_month[8];
static long	 jd_dayno;		/* D(0), days since 1970-01-01 */

/* The day k days from the test's Thursday (-10..6). */
static const char *
D(int k)
{
	return jd_day[k + 10];
}

/* fmt formatted, in one of a few static buffers used in turn. */
static const char *
F(const char *fmt, ...)
{
	static char	 buf[8][512];
	static int	 next;
	char		*b = buf[next++ % 8];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(b, sizeof(buf[0]), fmt, ap);
	va_end(ap);
	return b;
}

/* Picks the Thursday (two weeks or more ahead, no calendar row from
 * D(-10) to D(6)), fills jd_day and jd_month and pins the clock. */
static void
jd_thursday(void)
{
	struct tm	 tm;
	time_t		 t;
	long		 day, k, tries;

	day = (long)((time(NULL) + 8 * 3600) / 86400) + 14;
	/* 1970-01-01 was a Thursday: day % 7 is 0 on a Thursday. */
	day += (7 - day % 7) % 7;
	for (tries = 0; tries < 30; tries++, day += 7) {
		for (k = -10; k <= 6; k++) {
			t = (time_t)(day + k) * 86400;
			gmtime_r(&t, &tm);
			strftime(jd_day[k + 10], sizeof(jd_day[0]), "%Y-%m-%d",
			    &tm);
		}
		if (db_int(F("SELECT COUNT(*) FROM calendar WHERE date >= '%s' "
		    "AND date <= '%s'", D(-10), D(6))) == 0)
			break;
	}
	ck_assert_int_lt(tries, 30);
	jd_dayno = day;
	snprintf(jd_month, sizeof(jd_month), "%.7s", D(0));
	set_clock(F("%s 10:00:00", D(0)));
}

/* A 进行中 task of business of demo-b's unit, submitted at the store
 * time of the SQL expression at; its id into id[24]. */
static void
jd_task(const char *seq, const char *business, const char *at, char id[24])
{
	char	*v;

	v = db_query(F("INSERT INTO tasks (seq_no, business, unit_id, state, "
	    "summary, created_at, submitted_at, updated_at) SELECT '%s', '%s', "
	    "unit_id, '进行中', '监管测试', %s, %s, %s FROM accounts WHERE "
	    "username = 'demo-b' RETURNING id", seq, business, at, at, at));
	ck_assert_ptr_nonnull(v);
	snprintf(id, 24, "%s", v);
	free(v);
}

/* Withdraws (退单) this suite's tasks whose 业务顺序号 is like pattern,
 * so that no other suite finds them waiting on the desk. */
static void
jd_withdraw(const char *pattern)
{
	db_exec(F("UPDATE tasks SET state = '退单' WHERE seq_no LIKE '%s' "
	    "AND state <> '退单'", pattern));
}

/* The store time of hall time "DAY HH:MM:SS" as SQL. */
static const char *
at_sql(const char *day, const char *time)
{
	return F("CAST(strftime('%%s', '%s %s') AS INTEGER) - 28800", day,
	    time);
}

/* The integer value of expr over a (0 when absent). */
static long long
num(const struct answer *a, const char *expr)
{
	char		*v = xpath_str(a, F("number(%s)", expr));
	long long	 n = strcmp(v, "NaN") == 0 ? 0 : atoll(v);

	free(v);
	return n;
}

/* The figures this test compares before and after its tasks. */
struct figs {
	long long	 tg[4];		/* 退工 total, fresh, within, overdue */
	long long	 cx_total, cx_overdue;
	long long	 all_total, all_overdue;
	long long	 returns, appts;
};

/* Reads the figures of /jiandu (month jd_month) into f. */
static void
figs_read(struct browser *r, struct figs *f)
{
	static const char *const	 tgk[4] = { "total", "fresh",
					    "within", "overdue" };
	struct answer			 a;
	int				 i;

	ck_assert_int_eq(http_get(r, F("/jiandu?month=%s", jd_month), 1, &a),
	    200);
	for (i = 0; i < 4; i++)
		f->tg[i] = num(&a, F("/page/queue/business[@code='tuigong']/"
		    "@%s", tgk[i]));
	f->cx_total = num(&a, "/page/queue/business[@code='chexiao']/@total");
	f->cx_overdue = num(&a,
	    "/page/queue/business[@code='chexiao']/@overdue");
	f->all_total = num(&a, "/page/queue/@total");
	f->all_overdue = num(&a, "/page/queue/@overdue");
	ck_assert_int_eq(num(&a, "/page/waiting/@total"), f->all_total);
	ck_assert_int_eq(num(&a, "/page/waiting/@overdue"), f->all_overdue);
	f->returns = num(&a, "/page/returns/@tasks");
	f->appts = num(&a, "/page/appointments/@total");
	ck_xpath_eq(&a, "string(/page/queue/@today)", D(0));
	ck_xpath_eq(&a, "string(/page/queue/business[@code='tuigong']/"
	    "@cut-max)", D(-3));
	ck_xpath_eq(&a, "string(/page/queue/business[@code='tuigong']/"
	    "@cut-min)", D(-1));
	answer_free(&a);
}

/* Finds task id in the pages of the queue (50 a page) and checks its
 * overdue flag, due date and days late. */
static void
find_task(struct browser *r, const char *id, const char *overdue,
    const char *due, const char *late)
{
	struct answer	 a;
	long long	 pages, p;
	const char	*t = F("/page/waiting/task[@id='%s']", id);
	char		 tn[128];

	snprintf(tn, sizeof(tn), "%s", t);
	for (p = 1, pages = 1; p <= pages && p <= 200; p++) {
		ck_assert_int_eq(http_get(r, F("/jiandu?page=%lld", p), 1, &a),
		    200);
		pages = num(&a, "/page/waiting/pager/@pages");
		if (xpath_count(&a, tn) == 1) {
			ck_xpath_eq(&a, F("string(%s/@overdue-review)", tn),
			    overdue);
			ck_xpath_eq(&a, F("string(%s/@due)", tn), due);
			ck_xpath_eq(&a, F("string(%s/@late-days)", tn), late);
			ck_xpath_eq(&a, F("string(%s/@unit-name)", tn),
			    "武汉市洪山区示例制造有限公司");
			answer_free(&a);
			return;
		}
		answer_free(&a);
	}
	ck_abort_msg("task %s not in the queue's %lld pages", id, pages);
}

START_TEST(jd_queue_and_figures)
{
	struct browser	 r;
	struct answer	 a;
	struct figs	 f0, f1;
	char		 t1[24], t2[24], t3[24], t4[24], seq[4][32];
	int		 base = (int)(getpid() % 90000) + 10000, i;

	jd_thursday();
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	figs_read(&r, &f0);
	for (i = 0; i < 4; i++)
		snprintf(seq[i], sizeof(seq[i]), "JD%d-%d", base, i + 1);
	jd_task(seq[0], "tuigong", at_sql(D(-3), "00:00:00"), t1);
	jd_task(seq[1], "tuigong", at_sql(D(-4), "23:59:59"), t2);
	jd_task(seq[2], "tuigong", at_sql(D(0), "08:00:00"), t3);
	jd_task(seq[3], "chexiao", "100", t4);
	figs_read(&r, &f1);
	ck_assert_int_eq(f1.tg[0] - f0.tg[0], 3);
	ck_assert_int_eq(f1.tg[1] - f0.tg[1], 1);
	ck_assert_int_eq(f1.tg[2] - f0.tg[2], 1);
	ck_assert_int_eq(f1.tg[3] - f0.tg[3], 1);
	ck_assert_int_eq(f1.cx_total - f0.cx_total, 1);
	ck_assert_int_eq(f1.cx_overdue - f0.cx_overdue, 1);
	ck_assert_int_eq(f1.all_total - f0.all_total, 4);
	ck_assert_int_eq(f1.all_overdue - f0.all_overdue, 2);

	/* Overdue first: the 1970 撤销 opens the list; each task's due date
	 * and days late. */
	ck_assert_int_eq(http_get(&r, "/jiandu", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/waiting/task[1]/@overdue-review)", "1");
	answer_free(&a);
	/* T4, submitted Thursday 1970-01-01: 5 working days, due Thursday
	 * 1970-01-08 (day 7). */
	find_task(&r, t4, "1", "1970-01-08", F("%ld", jd_dayno - 7));
	jd_withdraw("JD%");
	set_clock(NULL);
}
END_TEST

/* Each task's due date and days late, wherever it is in the queue. */
START_TEST(jd_rows_due_and_late)
{
	struct browser	 r;
	char		 t1[24], t2[24], t3[24];
	int		 base = (int)(getpid() % 90000) + 20000;

	jd_thursday();
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	jd_task(F("JDR%d-1", base), "tuigong", at_sql(D(-3), "00:00:00"), t1);
	jd_task(F("JDR%d-2", base), "tuigong", at_sql(D(-4), "23:59:59"), t2);
	jd_task(F("JDR%d-3", base), "tuigong", at_sql(D(0), "08:00:00"), t3);
	find_task(&r, t1, "0", D(0), "0");
	find_task(&r, t2, "1", D(-1), "1");
	find_task(&r, t3, "0", D(5), "0");	/* Fri, Mon, Tue */
	jd_withdraw("JDR%");
	set_clock(NULL);
}
END_TEST

START_TEST(jd_returns_and_appointments)
{
	struct browser	 r;
	struct answer	 a;
	struct figs	 f0, f1;
	char		 t5[24], reason[128], *v;
	const char	*rx;
	int		 base = (int)(getpid() % 90000) + 30000;

	jd_thursday();
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	figs_read(&r, &f0);
	jd_task(F("JDX%d-5", base), "tuigong", at_sql(D(0), "09:00:00"), t5);
	/* A booking of D(0) for it, as the unit's would be. */
	v = db_query(F("INSERT INTO appointments (unit_id, task_id, region, "
	    "day, slot, created_at, updated_at) SELECT unit_id, id, '420100', "
	    "'%s', '09:00-10:00', 1, 1 FROM tasks WHERE id = %s RETURNING id",
	    D(0), t5));
	ck_assert_ptr_nonnull(v);
	free(v);
	snprintf(reason, sizeof(reason), "材料<b>不全</b>&监管测试%d", base);
	ck_assert_int_eq(http_post(&r, "/review/reject", 1, &a, "id", t5,
	    "reason", reason, NULL), 303);
	answer_free(&a);
	figs_read(&r, &f1);
	ck_assert_int_eq(f1.returns - f0.returns, 1);
	/* The booking's task was sent back: the day still lists it. */
	ck_assert_int_eq(f1.appts - f0.appts, 1);
	ck_assert_int_eq(http_get(&r, F("/jiandu?month=%s", jd_month), 1, &a),
	    200);
	rx = F("/page/returns/reason[. = '%s']", reason);
	if (xpath_count(&a, rx) == 1) {	/* among the month's first 10 */
		ck_xpath_eq(&a, F("string(%s/@n)", rx), "1");
		ck_xpath_eq(&a, F("string(%s/@tasks)", rx), "1");
	}
	ck_xpath_eq(&a, "string(/page/returns/@month)", jd_month);
	answer_free(&a);
	/* Every reason of the month, paged: this one is there. */
	ck_assert_int_eq(http_get(&r, F("/jiandu/returns?month=%s&page=1",
	    jd_month), 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "returns");
	ck_assert_int_ge(num(&a, "/page/returns/pager/@total"), 1);
	{
		long long	 pages = num(&a, "/page/returns/pager/@pages"), p;
		int		 found = xpath_count(&a, rx);

		answer_free(&a);
		for (p = 2; !found && p <= pages; p++) {
			ck_assert_int_eq(http_get(&r, F("/jiandu/returns?month=%s"
			    "&page=%lld", jd_month, p), 1, &a), 200);
			found = xpath_count(&a, rx);
			if (found)
				ck_xpath_eq(&a, F("string(%s/@tasks)", rx), "1");
			answer_free(&a);
		}
		ck_assert_int_eq(found, 1);
	}
	/* As a browser: the reason escaped, the appointment linked. */
	ck_assert_int_eq(http_get(&r, F("/jiandu/returns?month=%s", jd_month),
	    0, &a), 200);
	ck_assert_ptr_null(strstr(a.body, "<b>不全"));
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, "/jiandu", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "监管"));
	ck_assert_ptr_nonnull(strstr(a.body, "<svg"));
	ck_assert_ptr_nonnull(strstr(a.body, F("href=\"/review/task?id=%s\"",
	    t5)));
	answer_free(&a);
	db_exec("DELETE FROM appointments WHERE task_id IN (SELECT id FROM "
	    "tasks WHERE seq_no LIKE 'JDX%')");
	jd_withdraw("JDX%");
	set_clock(NULL);
}
END_TEST

START_TEST(jd_bad_input_and_roles)
{
	struct browser	 r, u, anon;
	struct answer	 a;

	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	/* A bad month: 422, the error on month, this month shown. */
	ck_assert_int_eq(http_get(&r, "/jiandu?month=2026-13", 1, &a), 422);
	ck_xpath_eq(&a, "string(/page/errors/error[@field='month']/@code)",
	    "BAD_MONTH");
	ck_assert_int_eq(xpath_count(&a, "/page/queue"), 1);
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, "/jiandu/returns?month=%27%3B--", 1,
	    &a), 422);
	ck_xpath_eq(&a, "string(/page/errors/error/@field)", "month");
	answer_free(&a);
	/* A page that is not a number: the first; a huge one: the last. */
	ck_assert_int_eq(http_get(&r, "/jiandu?page=abc", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/waiting/pager/@page)", "1");
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, "/jiandu?page=99999999999", 1, &a), 200);
	ck_assert_int_eq(num(&a, "/page/waiting/pager/@page"),
	    num(&a, "/page/waiting/pager/@pages"));
	answer_free(&a);
	/* The desk links here. */
	ck_assert_int_eq(http_get(&r, "/review", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "href=\"/jiandu\""));
	answer_free(&a);
	/* POST is not a method of the page. */
	ck_assert_int_eq(http_post(&r, "/jiandu", 1, &a, NULL), 405);
	answer_free(&a);
	/* A unit's certificate and session: 403, no figure. */
	browser_init(&u, "unit-a");
	ck_assert_int_eq(login(&u, "demo-a"), 0);
	ck_assert_int_eq(http_get(&u, "/jiandu", 1, &a), 403);
	ck_assert_int_eq(xpath_count(&a, "/page/queue"), 0);
	ck_assert_int_eq(xpath_count(&a, "/page/returns"), 0);
	answer_free(&a);
	ck_assert_int_eq(http_get(&u, "/jiandu/returns", 1, &a), 403);
	answer_free(&a);
	/* The reviewer's certificate without a session: 401. */
	browser_init(&anon, "reviewer");
	ck_assert_int_eq(http_get(&anon, "/jiandu", 1, &a), 401);
	answer_free(&a);
}
END_TEST

/* Units ranked by 离职及时率 in 2001 (a year no other suite touches):
 * demo-a 1 on time and 3 late (250‰), demo-b 2 on time, 0 late and 1
 * pending (1000‰).  Worst first on the overview and /jiandu/units,
 * best first with order=best; the month 2001-03 alike. */
START_TEST(jd_ranking)
{
	static const struct {
		const char	*user;
		const char	*idno;
		const char	*done;	/* NULL: open */
		int		 late;
	} rows[] = {
		{ "demo-a", "JDRANK-A1", "'2001-03-05'", 0 },
		{ "demo-a", "JDRANK-A2", "'2001-03-30'", 1 },
		{ "demo-a", "JDRANK-A3", "'2001-04-02'", 1 },
		{ "demo-a", "JDRANK-A4", "NULL", 1 },
		{ "demo-b", "JDRANK-B1", "'2001-03-02'", 0 },
		{ "demo-b", "JDRANK-B2", "'2001-03-16'", 0 },
		{ "demo-b", "JDRANK-B3", "NULL", 0 },
	};
	struct browser	 r;
	struct answer	 a;
	size_t		 i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		db_exec(F("INSERT OR IGNORE INTO timeliness_items (unit_id, kind, "
		    "idno, ref_date, due_date, done_on, late) SELECT unit_id, "
		    "'tuigong', '%s', '2001-03-01', '2001-03-16', %s, %d FROM "
		    "accounts WHERE username = '%s'", rows[i].idno, rows[i].done,
		    rows[i].late, rows[i].user));
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	ck_assert_int_eq(http_get(&r, "/jiandu?period=2001", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/ranking/@period)", "2001");
	ck_xpath_eq(&a, "string(/page/ranking/@total)", "2");
	ck_xpath_eq(&a, "string(/page/ranking/unit[1]/@name)",
	    "武汉市武昌区示例商贸有限公司");
	ck_xpath_eq(&a, "string(/page/ranking/unit[1]/@rank)", "1");
	ck_xpath_eq(&a, "string(/page/ranking/unit[1]/@on-time)", "1");
	ck_xpath_eq(&a, "string(/page/ranking/unit[1]/@late)", "3");
	ck_xpath_eq(&a, "string(/page/ranking/unit[1]/@rate)", "250");
	ck_xpath_eq(&a, "string(/page/ranking/unit[1]/@pct)", "25.0");
	ck_xpath_eq(&a, "string(/page/ranking/unit[2]/@name)",
	    "武汉市洪山区示例制造有限公司");
	ck_xpath_eq(&a, "string(/page/ranking/unit[2]/@pending)", "1");
	ck_xpath_eq(&a, "string(/page/ranking/unit[2]/@pct)", "100.0");
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, "/jiandu/units?period=2001-03&order=best",
	    1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "units");
	ck_xpath_eq(&a, "string(/page/ranking/@order)", "best");
	ck_xpath_eq(&a, "string(/page/ranking/unit[1]/@name)",
	    "武汉市洪山区示例制造有限公司");
	ck_xpath_eq(&a, "string(/page/ranking/unit[2]/@rank)", "2");
	ck_xpath_eq(&a, "string(/page/ranking/unit[2]/@late)", "3");
	ck_xpath_eq(&a, "string(/page/ranking/pager/@base)",
	    "/jiandu/units?period=2001-03&order=best&");
	answer_free(&a);
	/* Another month: nobody ranked. */
	ck_assert_int_eq(http_get(&r, "/jiandu/units?period=2001-04", 1, &a),
	    200);
	ck_xpath_eq(&a, "string(/page/ranking/@total)", "0");
	ck_assert_int_eq(xpath_count(&a, "/page/ranking/unit"), 0);
	answer_free(&a);
	/* A bad period: 422, this year shown. */
	ck_assert_int_eq(http_get(&r, "/jiandu/units?period=20011", 1, &a),
	    422);
	ck_xpath_eq(&a, "string(/page/errors/error[@field='period']/@code)",
	    "BAD_PERIOD");
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, "/jiandu?period=2001-3", 1, &a), 422);
	answer_free(&a);
	/* A unit: 403. */
	{
		struct browser	 u;

		browser_init(&u, "unit-b");
		ck_assert_int_eq(login(&u, "demo-b"), 0);
		ck_assert_int_eq(http_get(&u, "/jiandu/units?period=2001", 1,
		    &a), 403);
		ck_assert_int_eq(xpath_count(&a, "/page/ranking"), 0);
		answer_free(&a);
	}
	db_exec("DELETE FROM timeliness_items WHERE idno LIKE 'JDRANK-%'");
}
END_TEST

static Suite *
jiandu_http_suite(void)
{
	Suite	*s = suite_create("jiandu_http");
	TCase	*tc = tcase_create("jiandu");

	tcase_set_timeout(tc, 180);
	tcase_add_test(tc, jd_queue_and_figures);
	tcase_add_test(tc, jd_rows_due_and_late);
	tcase_add_test(tc, jd_returns_and_appointments);
	tcase_add_test(tc, jd_bad_input_and_roles);
	tcase_add_test(tc, jd_ranking);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(jiandu_http_suite)
