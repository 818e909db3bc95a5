/*
 * test_gongzi.c: 个人工资变更 end to end through nginx with client
 * certificates, the clock pinned to now: a 普通 unit finds its
 * person by 身份证号 or 社保个人编号, sees his bases and the year's
 * bounds, saves a wage below the floor, is shown what approval will
 * make of it, submits, and the task ends at once (系统自动审核) with
 * the base clamped to next month's year's floor from next month (this
 * month untouched) and the page saying
 * why; a wage above the ceiling is capped; another unit's person is
 * 404 by either number and at save, nothing said or stored; bad wages
 * and a bad query are 422 with the form again and nothing stored; a
 * year without its 社平工资 is refused with the year named.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../suites.h"
#include "client.h"

/* Asserts an XPath string value contains want. */
#define ck_xpath_has(a, expr, want) do {				\
	char *_v = xpath_str((a), (expr));				\
	ck_assert_msg(strstr(_v, (want)) != NULL, "%s: got '%s', want '%s'", \
	    (expr), _v, (want));					\
	free(_v);							\
} while (0)

/* A person of a test. */
struct who {
	char	 id[24];
	char	 idno[19];
	char	 name[32];
};

/* A fresh 参保缴费 person of username's unit called name. */
static void
fresh(const char *username, const char *name, struct who *w)
{
	static int	 n;

	snprintf(w->name, sizeof(w->name), "%s%d", name, ++n);
	ck_assert_int_eq(make_insured(username, w->name, w->id, w->idno), 0);
}

/* The one-time token of the query page. */
static void
token(struct browser *b, char tok[64])
{
	struct answer	 a;
	char		*v;

	ck_assert_int_eq(http_get(b, "/gongzi", 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	ck_assert_uint_eq(strlen(v), 32);
	snprintf(tok, 64, "%s", v);
	free(v);
	answer_free(&a);
}

/* POSTs the form for pid with wage; returns the status. */
static long
save(struct browser *b, const char *pid, const char *wage, struct answer *a)
{
	char	 tok[64];

	token(b, tok);
	return http_post(b, "/gongzi/save", 1, a, "token", tok, "pid", pid,
	    "wage", wage, NULL);
}

/* The task id of a 303 to /gongzi?id=N&done=saved. */
static long long
saved_id(const struct answer *a)
{
	const char	*p = strstr(a->location, "/gongzi?id=");

	ck_assert_msg(p != NULL && strstr(a->location, "done=saved") != NULL,
	    "location '%s'", a->location);
	return atoll(p + strlen("/gongzi?id="));
}

/* The number of 工资变更 rows of person pid. */
static long long
rows_of(const char *pid)
{
	char	 q[128];

	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM gongzi WHERE person_id = "
	    "%s", pid);
	return db_int(q);
}

/* The month after the hall's today ("YYYY-MM"), its year, and the
 * floor and ceiling (fen) of that year for demo-a's region, read from
 * the policy rows as the hall does (60% and 300% of the 社平工资). */
static char	 next_month[8];
static int	 next_year;
static long long floor_fen, ceil_fen;

/* Pins the hall's clock to now (the client certificates are checked
 * against it; 6 minutes on when the day is about to end) and reads
 * the month a change applies from and its year's bounds. */
static void
setup(void)
{
	time_t		 t = time(NULL) + 8 * 3600;
	struct tm	 tm;
	char		 when[32], q[512];
	long long	 avg;

	if (t % 86400 > 86400 - 300)
		t += 360;
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	set_clock(when);
	policy_test_year(when);
	next_year = 1900 + tm.tm_year + (tm.tm_mon == 11);
	snprintf(next_month, sizeof(next_month), "%04d-%02d", next_year,
	    (tm.tm_mon + 1) % 12 + 1);
	snprintf(q, sizeof(q), "SELECT CAST(value AS INTEGER) FROM policy "
	    "WHERE key = 'wage.avg_monthly_fen' AND valid_from BETWEEN "
	    "'%d-01-01' AND '%d-12-31' AND region IN ((SELECT u.region FROM "
	    "units u JOIN accounts a ON a.unit_id = u.id WHERE a.username = "
	    "'demo-a'), '*') ORDER BY region = '*', valid_from DESC LIMIT 1",
	    next_year, next_year);
	avg = db_int(q);
	ck_assert_msg(avg > 0, "no 社平工资 for %d", next_year);
	floor_fen = avg * 60 / 100;
	ceil_fen = avg * 300 / 100;
}

/* Shows the year's 社平工资 rows again (gz_http_no_policy hides them). */
static void
teardown(void)
{
	db_exec("UPDATE policy SET key = 'wage.avg_monthly_fen' WHERE key = "
	    "'test.hidden.avg_monthly_fen'");
	set_clock(NULL);
}

/* The whole change of a 普通 unit: query, save, preview, submit, 结束
 * at once, the base clamped from next month and why. */
START_TEST(gz_http_ends_at_once_clamped)
{
	struct browser	 b;
	struct answer	 a;
	struct who	 w, x;
	char		 path[160], sql[256], fl[32], ce[32], yr[8];
	long long	 id;

	fen_yuan(floor_fen, fl);
	fen_yuan(ceil_fen, ce);
	snprintf(yr, sizeof(yr), "%d", next_year);

	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	fresh("demo-a", "工资变更", &w);

	/* The query: the person, his bases, the year's bounds. */
	ck_assert_int_eq(http_get(&b, "/gongzi", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "query");
	ck_xpath_eq(&a, "string(/page/@category)", "jiaofei");
	ck_xpath_eq(&a, "string(/page/bounds/@year)", yr);
	ck_xpath_eq(&a, "string(/page/bounds/@floor)", fl);
	ck_xpath_eq(&a, "string(/page/bounds/@ceiling)", ce);
	ck_xpath_eq(&a, "string(/page/bounds/@month)", next_month);
	answer_free(&a);
	snprintf(path, sizeof(path), "/gongzi?q=%s", w.idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "form");
	ck_xpath_eq(&a, "string(/page/person/@pid)", w.id);
	ck_xpath_eq(&a, "string(/page/person/@name)", w.name);
	ck_xpath_eq(&a, "string(/page/person/@status)", "参保缴费");
	snprintf(path, sizeof(path), "T%s", w.idno);
	ck_xpath_eq(&a, "string(/page/person/@sb-no)", path);
	answer_free(&a);
	/* By 社保个人编号, typed in lower case with blanks around. */
	snprintf(path, sizeof(path), "/gongzi?q=%%20t%s%%20", w.idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/person/@pid)", w.id);
	answer_free(&a);

	/* Saved below the floor: the draft says what approval makes. */
	ck_assert_int_eq(save(&b, w.id, "3000", &a), 303);
	id = saved_id(&a);
	answer_free(&a);
	snprintf(path, sizeof(path), "/gongzi?id=%lld&done=saved", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "未提交");
	ck_xpath_eq(&a, "string(/page/task/@auto-review)", "1");
	ck_xpath_eq(&a, "string(/page/message[@kind = 'ok'])",
	    "已保存。请核对后提交审批");
	ck_xpath_eq(&a, "string(/page/gongzi/@wage)", "3,000.00");
	ck_xpath_eq(&a, "string(/page/clamp/@side)", "floor");
	ck_xpath_eq(&a, "string(/page/clamp/@base)", fl);
	ck_xpath_eq(&a, "string(/page/clamp/@month)", next_month);
	ck_xpath_has(&a, "string(/page/clamp)", "按下限核定");
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error"), 0);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "妥善留存"));
	ck_assert_ptr_nonnull(strstr(a.body, "即时审核"));
	answer_free(&a);

	/* Submitted by a 普通 unit: 结束 at once, by the system. */
	snprintf(path, sizeof(path), "%lld", id);
	ck_assert_int_eq(http_post(&b, "/gongzi/submit", 1, &a, "id", path,
	    NULL), 303);
	ck_assert_ptr_nonnull(strstr(a.location, "done=submitted"));
	snprintf(path, sizeof(path), "%s", a.location);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "结束");
	ck_xpath_eq(&a, "string(/page/task/@decided-by)", "系统自动审核");
	ck_xpath_has(&a, "string(/page/message[@kind = 'ok'])",
	    "已提交并通过系统自动审核");
	ck_xpath_eq(&a, "string(/page/gongzi/@base)", fl);
	ck_xpath_eq(&a, "string(/page/gongzi/@from)", next_month);
	ck_xpath_eq(&a, "string(/page/gongzi/@side)", "floor");
	snprintf(sql, sizeof(sql), "低于%d年度缴费基数下限%s元", next_year, fl);
	ck_xpath_has(&a, "string(/page/gongzi/@note)", sql);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "核定说明"));
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT base_fen FROM wage_bases WHERE "
	    "task_id = %lld AND from_month = '%s' AND wage_fen = 300000", id,
	    next_month);
	ck_assert_int_eq(db_int(sql), floor_fen);
	/* This month keeps the old base. */
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM wage_bases WHERE "
	    "task_id = %lld AND from_month < '%s'", id, next_month);
	ck_assert_int_eq(db_int(sql), 0);
	/* The query shows the change approved for next month. */
	snprintf(path, sizeof(path), "/gongzi?q=%s", w.idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/person/@base)", fl);
	ck_xpath_eq(&a, "string(/page/person/@since)", next_month);
	answer_free(&a);

	/* Above the ceiling: capped. */
	fresh("demo-a", "工资封顶", &x);
	ck_assert_int_eq(save(&b, x.id, "50000.5", &a), 303);
	id = saved_id(&a);
	answer_free(&a);
	snprintf(path, sizeof(path), "%lld", id);
	ck_assert_int_eq(http_post(&b, "/gongzi/submit", 1, &a, "id", path,
	    NULL), 303);
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT base_fen FROM wage_bases WHERE "
	    "task_id = %lld AND from_month = '%s' AND wage_fen = 5000050", id,
	    next_month);
	ck_assert_int_eq(db_int(sql), ceil_fen);
}
END_TEST

/* Another unit's person: 404 by 身份证号, by 个人编号 and at save; his
 * name never shown, nothing stored. */
START_TEST(gz_http_other_unit_404)
{
	struct browser	 b;
	struct answer	 a;
	struct who	 o;
	char		 path[160];

	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	fresh("demo-b", "他单位职工", &o);
	snprintf(path, sizeof(path), "/gongzi?q=%s", o.idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 404);
	ck_xpath_eq(&a, "string(/page/@view)", "query");
	ck_xpath_has(&a, "string(/page/message[@kind = 'error'])",
	    "未找到本单位参保缴费的该职工");
	ck_assert_ptr_null(strstr(a.body, o.name));
	ck_assert_int_eq(xpath_count(&a, "/page/person"), 0);
	answer_free(&a);
	snprintf(path, sizeof(path), "/gongzi?q=T%s", o.idno);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 404);
	ck_assert_ptr_null(strstr(a.body, o.name));
	answer_free(&a);
	ck_assert_int_eq(save(&b, o.id, "6000", &a), 404);
	ck_assert_ptr_null(strstr(a.body, o.name));
	answer_free(&a);
	ck_assert_int_eq(rows_of(o.id), 0);
	/* Nobody at all: the same answer. */
	ck_assert_int_eq(http_get(&b, "/gongzi?q=420101190001010000", 1, &a),
	    404);
	answer_free(&a);
}
END_TEST

/* Bad wages: 422 with the form again, the typed value and the error on
 * the field; a bad query: 422; nothing stored. */
START_TEST(gz_http_bad_wages_422)
{
	static const struct {
		const char	*wage;
		const char	*code;
	} cases[] = {
		{ "abc", "FORMAT" },
		{ "-5", "FORMAT" },
		{ "1.234", "FORMAT" },
		{ "", "EMPTY" },
		{ "0", "GZ_WAGE_INVALID" },
		{ "0.00", "GZ_WAGE_INVALID" },
		{ "1000000", "GZ_WAGE_TOO_HIGH" },
		{ "<b>6000</b>", "FORMAT" },
	};
	struct browser	 b;
	struct answer	 a;
	struct who	 w;
	char		 xp[160];
	size_t		 i;

	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	fresh("demo-a", "错误工资", &w);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_msg(save(&b, w.id, cases[i].wage, &a) == 422,
		    "wage '%s'", cases[i].wage);
		ck_xpath_eq(&a, "string(/page/@view)", "form");
		snprintf(xp, sizeof(xp), "/page/errors/error[@field = 'wage' "
		    "and @code = '%s']", cases[i].code);
		ck_assert_msg(xpath_count(&a, xp) == 1, "wage '%s': no %s",
		    cases[i].wage, cases[i].code);
		ck_xpath_eq(&a, "string(/page/gongzi/@wage-input)",
		    cases[i].wage);
		/* The person and the search box stay on screen. */
		ck_xpath_eq(&a, "string(/page/person/@idno)", w.idno);
		ck_xpath_eq(&a, "string(/page/query/@q)", w.idno);
		if (strcmp(cases[i].code, "FORMAT") == 0)
			ck_xpath_has(&a, "string(/page/errors/error)",
			    "请填写金额,如 8000 或 8000.50(元)");
		/* The form again keeps its one-time token. */
		ck_assert_int_eq(xpath_count(&a, "/page/form[string-length"
		    "(@token) = 32]"), 1);
		answer_free(&a);
	}
	ck_assert_int_eq(rows_of(w.id), 0);
	/* The HTML escapes what was typed, and keeps the person. */
	ck_assert_int_eq(save(&b, w.id, "<b>6000</b>", &a), 422);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/gongzi", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "单个职工缴费基数变更申报"));
	answer_free(&a);
	/* As a person types it: thousands commas, full-width digits and
	 * spaces around are the amount. */
	ck_assert_int_eq(save(&b, w.id, " \xef\xbc\x98,000 ", &a), 303);
	answer_free(&a);
	{
		char	 q[160];

		snprintf(q, sizeof(q), "SELECT wage_fen FROM gongzi WHERE "
		    "person_id = %s", w.id);
		ck_assert_int_eq(db_int(q), 800000);
	}
	/* A malformed query. */
	ck_assert_int_eq(http_get(&b, "/gongzi?q=%3Cscript%3E", 1, &a), 422);
	ck_xpath_eq(&a, "string(/page/@view)", "query");
	ck_xpath_eq(&a, "string(/page/query/@q)", "<script>");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/gongzi?q=%3Cscript%3E", 0, &a), 422);
	ck_assert_ptr_null(strstr(a.body, "<script>"));
	answer_free(&a);
}
END_TEST

/* A year without its 社平工资 (its rows hidden for the test): the page
 * says so, the save is refused with the year named. */
START_TEST(gz_http_no_policy)
{
	struct browser	 b;
	struct answer	 a;
	struct who	 w;
	char		 q[256];

	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	fresh("demo-a", "无社平", &w);
	snprintf(q, sizeof(q), "UPDATE policy SET key = "
	    "'test.hidden.avg_monthly_fen' WHERE key = 'wage.avg_monthly_fen' "
	    "AND valid_from BETWEEN '%d-01-01' AND '%d-12-31'", next_year,
	    next_year);
	db_exec(q);
	snprintf(q, sizeof(q), "%d年度社平工资尚未公布", next_year);
	ck_assert_int_eq(http_get(&b, "/gongzi", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/bounds/@missing)", "1");
	ck_xpath_has(&a, "string(/page/bounds)", q);
	answer_free(&a);
	ck_assert_int_eq(save(&b, w.id, "6000", &a), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@code = "
	    "'GZ_NO_POLICY']"), 1);
	ck_xpath_has(&a, "string(/page/errors/error[@code = 'GZ_NO_POLICY'])",
	    q);
	answer_free(&a);
	ck_assert_int_eq(rows_of(w.id), 0);
}
END_TEST

static Suite *
gongzi_http_suite(void)
{
	Suite	*s = suite_create("gongzi");
	TCase	*tc = tcase_create("gongzi");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, gz_http_ends_at_once_clamped);
	tcase_add_test(tc, gz_http_other_unit_404);
	tcase_add_test(tc, gz_http_bad_wages_422);
	tcase_add_test(tc, gz_http_no_policy);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(gongzi_http_suite)
