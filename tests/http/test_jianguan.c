/*
 * test_jianguan.c: the unit's 监管与预警 page through the real nginx
 * with client certificates [issue 13].  A store prepared for demo-b:
 * three departures of the month 3 months back (one on time, two late:
 * submitted on day 16 of each, one across a month's end), an open
 * departure due in 3 days, one due in 10, one announced by a 减员 20
 * days ago (5 days past due); seven insured persons each made to break
 * one rule (停缴, a hole in the months, 已退工 still paying, 已撤销
 * still paying, 在职 not insured, insured with no registration, 欠费).
 * The page shows the month's figures moved by exactly what was added
 * (the deltas: other suites share the store), each person in the list
 * that names his fault, linked to the business that fixes it; the
 * deadline message goes to the 消息中心 once, however often the page is
 * opened, and not for the departure due in 10 days; the .xlsx of a list
 * holds its lines; demo-a's page shows none of it; an unknown list is
 * 404, a reviewer 403.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xlsx.h"
#include "../suites.h"
#include "client.h"

/* The pinned day and month, and the month 3 back. */
static time_t	 jg_t;
static char	 jg_month[8], jg_m3[8];

/* The date of jg_t + days (UTC+8) into buf[11]. */
static void
jg_day(int days, char buf[11])
{
	time_t		 t = jg_t + (time_t)days * 86400;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

/* Pins the hall's clock to now (UTC+8) and notes the months. */
static void
jg_clock(void)
{
	struct tm	 tm;
	char		 when[32];
	int		 m;

	/* Now (certificates are not valid before they were issued), moved
	 * past midnight when a day is about to end. */
	jg_t = time(NULL) + 8 * 3600;
	gmtime_r(&jg_t, &tm);
	if (tm.tm_hour == 23 && tm.tm_min >= 55) {
		jg_t += 360;
		gmtime_r(&jg_t, &tm);
	}
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	set_clock(when);
	policy_test_year(when);
	snprintf(jg_month, sizeof(jg_month), "%.7s", when);
	m = (tm.tm_year + 1900) * 12 + tm.tm_mon - 3;
	snprintf(jg_m3, sizeof(jg_m3), "%04d-%02d", m / 12, m % 12 + 1);
}

/* Inserts a 退工 row of demo-b: idno, name, ref, due, done ("" open),
 * late, source task. */
static void
jg_item(const char *idno, const char *name, const char *ref,
    const char *due, const char *done, int late, const char *source)
{
	char	 q[1024];

	snprintf(q, sizeof(q), "INSERT INTO timeliness_items (unit_id, kind, "
	    "idno, name, ref_date, due_date, done_on, late, task_id, "
	    "source_task_id) SELECT unit_id, 'tuigong', '%s', '%s', '%s', "
	    "'%s', %s%s%s, %d, 0, %s FROM accounts WHERE username = 'demo-b'",
	    idno, name, ref, due, done[0] ? "'" : "", done[0] ? done : "NULL",
	    done[0] ? "'" : "", late, source);
	db_exec(q);
}

/* The figure attr of month m of chart kind on page a, as a number. */
static long
jg_fig(const struct answer *a, const char *kind, const char *m,
    const char *attr)
{
	char	 x[256], *v;
	long	 n;

	snprintf(x, sizeof(x), "string(/page/timeliness[@kind = '%s']/"
	    "month[@period = '%s']/@%s)", kind, m, attr);
	v = xpath_str(a, x);
	n = strtol(v, NULL, 10);
	free(v);
	return n;
}

/* Whether list name (as b sees it, page by page) has a row of name
 * who with href starting with fix.  Returns 1 or 0. */
static int
jg_in_list(struct browser *b, const char *list, const char *who,
    const char *fix)
{
	struct answer	 a;
	char		 path[128], x[256], *v;
	int		 n = 0, page, pages = 1;

	for (page = 1; page <= pages && page <= 200 && n == 0; page++) {
		snprintf(path, sizeof(path), "/jianguan/list?name=%s&page=%d",
		    list, page);
		ck_assert_int_eq(http_get(b, path, 1, &a), 200);
		snprintf(x, sizeof(x), "/page/list[@name = '%s']/row[@name = "
		    "'%s' and starts-with(@href, '%s')]", list, who, fix);
		n = xpath_count(&a, x);
		v = xpath_str(&a, "string(/page/list/pager/@pages)");
		pages = atoi(v);
		free(v);
		answer_free(&a);
	}
	return n > 0;
}

/* Makes an insured person of demo-b named name and runs the statement
 * fix followed by the person's id.  Asserts. */
static void
jg_person(const char *name, const char *fix)
{
	char	 pid[24], idno[19], q[512];

	ck_assert_int_eq(make_insured("demo-b", name, pid, idno), 0);
	if (fix != NULL) {
		snprintf(q, sizeof(q), "%s%s", fix, pid);
		db_exec(q);
	}
}

/* The number of demo-b's messages whose title holds what. */
static long long
jg_msgs(const char *what)
{
	char	 q[512];

	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM messages m JOIN accounts "
	    "a ON a.unit_id = m.unit_id WHERE a.username = 'demo-b' AND "
	    "instr(m.title, '%s') > 0", what);
	return db_int(q);
}

START_TEST(jianguan_figures)
{
	struct browser	 b, other;
	struct answer	 a;
	char		 d1[11], d2[11], d3[11], ref[11], due[11];
	long		 on0, late0, on1, late1, aon0, alate0;

	jg_clock();
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	browser_init(&other, "unit-a");
	ck_assert_int_eq(login(&other, "demo-a"), 0);
	ck_assert_int_eq(http_get(&b, "/jianguan", 1, &a), 200);
	ck_xpath_eq(&a, "count(/page/timeliness[@kind = 'tuigong']/month)",
	    "12");
	ck_xpath_eq(&a, "string(/page/timeliness[@kind = 'tuigong']/@to)",
	    jg_month);
	on0 = jg_fig(&a, "tuigong", jg_m3, "on-time");
	late0 = jg_fig(&a, "tuigong", jg_m3, "late");
	answer_free(&a);
	ck_assert_int_eq(http_get(&other, "/jianguan", 1, &a), 200);
	aon0 = jg_fig(&a, "tuigong", jg_m3, "on-time");
	alate0 = jg_fig(&a, "tuigong", jg_m3, "late");
	answer_free(&a);

	/* Month M-3: ref day 01 submitted day 16 (15 days: on time), ref
	 * day 01 submitted day 17 (late), ref day 28 submitted 16 days
	 * later in the next month (late). */
	snprintf(d1, sizeof(d1), "%s-01", jg_m3);
	snprintf(d2, sizeof(d2), "%s-16", jg_m3);
	snprintf(d3, sizeof(d3), "%s-17", jg_m3);
	jg_item("JG0000000000000001", "及时甲", d1, d2, d2, 0, "0");
	jg_item("JG0000000000000002", "逾期乙", d1, d2, d3, 1, "0");
	snprintf(d1, sizeof(d1), "%s-28", jg_m3);
	{
		char	 q[256], *v;

		snprintf(q, sizeof(q), "SELECT date('%s', '+15 days') || '|' || "
		    "date('%s', '+16 days')", d1, d1);
		v = db_query(q);
		ck_assert_ptr_nonnull(v);
		snprintf(d2, sizeof(d2), "%.10s", v);
		snprintf(d3, sizeof(d3), "%.10s", v + 11);
		free(v);
	}
	jg_item("JG0000000000000003", "跨月丙", d1, d2, d3, 1, "0");

	/* Open: due in 3 days (warned), in 10 (not yet), and announced by
	 * a 减员 20 days ago, 5 days past due. */
	jg_day(-12, ref);
	jg_day(3, due);
	jg_item("JG0000000000000004", "预警丁", ref, due, "", 0, "0");
	jg_day(-5, ref);
	jg_day(10, due);
	jg_item("JG0000000000000005", "未到戊", ref, due, "", 0, "0");
	jg_day(-20, ref);
	jg_day(-5, due);
	jg_item("JG0000000000000006", "减员己", ref, due, "", 0, "1");

	/* Persons made to break one rule each. */
	jg_person("停缴庚", "UPDATE insurance SET last_paid_month = '2021-06', "
	    "contrib_months = 18 WHERE person_id = ");
	jg_person("缺月辛", "UPDATE insurance SET contrib_months = 6 "
	    "WHERE person_id = ");
	jg_person("退工壬", "UPDATE employments SET status = '已退工' "
	    "WHERE person_id = ");
	jg_person("撤销癸", "UPDATE employments SET status = '已撤销' "
	    "WHERE person_id = ");
	jg_person("无保子", "UPDATE insurance SET status = '暂停缴费', "
	    "stop_month = '2026-01' WHERE person_id = ");
	jg_person("无备丑", "DELETE FROM employments WHERE person_id = ");
	jg_person("欠费寅", "INSERT INTO arrears (person_id, unit_id, month, "
	    "amount_fen) SELECT person_id, unit_id, '2026-01', 10000 FROM "
	    "insurance WHERE person_id = ");

	ck_assert_int_eq(jg_msgs("预警丁"), 0);
	ck_assert_int_eq(http_get(&b, "/jianguan", 1, &a), 200);
	on1 = jg_fig(&a, "tuigong", jg_m3, "on-time");
	late1 = jg_fig(&a, "tuigong", jg_m3, "late");
	ck_assert_int_eq(on1 - on0, 1);
	ck_assert_int_eq(late1 - late0, 2);
	/* 预警: due in 3 days and 5 days past, not the one in 10. */
	ck_xpath_eq(&a, "string(/page/lists/list[@name = 'tuigong-due']/"
	    "row[@name = '预警丁']/@state)", "剩余3天");
	ck_xpath_eq(&a, "string(/page/lists/list[@name = 'tuigong-due']/"
	    "row[@name = '预警丁']/@href)",
	    "/tuigong?sfzh=JG0000000000000004");
	ck_xpath_eq(&a, "string(/page/lists/list[@name = 'tuigong-due']/"
	    "row[@name = '减员己']/@state)", "已逾期5天");
	ck_xpath_eq(&a, "count(/page/lists/list/row[@name = '未到戊'])", "0");
	answer_free(&a);
	/* The deadline messages: once each, whatever the views. */
	ck_assert_int_eq(jg_msgs("预警丁"), 1);
	ck_assert_int_eq(jg_msgs("减员己"), 1);
	ck_assert_int_eq(jg_msgs("未到戊"), 0);
	ck_assert_int_eq(http_get(&b, "/jianguan", 1, &a), 200);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/jianguan", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "<svg"));
	ck_assert_ptr_nonnull(strstr(a.body, "预警丁"));
	answer_free(&a);
	ck_assert_int_eq(jg_msgs("预警丁"), 1);
	ck_assert_int_eq(jg_msgs("减员己"), 1);
	/* The sweep marked the announced one late, in its month. */
	ck_assert_int_eq(db_int("SELECT late FROM timeliness_items WHERE "
	    "idno = 'JG0000000000000006'"), 1);

	/* Each person in the list of his fault, linked to its business. */
	ck_assert(jg_in_list(&b, "jianyuan-no-tuigong", "减员己", "/tuigong"));
	ck_assert(jg_in_list(&b, "stopped", "停缴庚", "/bujiao"));
	ck_assert(jg_in_list(&b, "hole", "缺月辛", "/bujiao"));
	ck_assert(!jg_in_list(&b, "hole", "停缴庚", "/bujiao"));
	ck_assert(jg_in_list(&b, "tuigong-insured", "退工壬", "/jianyuan?sfzh="));
	ck_assert(jg_in_list(&b, "chexiao-insured", "撤销癸", "/jianyuan?sfzh="));
	ck_assert(jg_in_list(&b, "emp-no-ins", "无保子", "/zengyuan"));
	ck_assert(jg_in_list(&b, "ins-no-emp", "无备丑", "/yonggong"));
	ck_assert(jg_in_list(&b, "arrears", "欠费寅", "/bujiao"));
	ck_assert(!jg_in_list(&b, "ins-no-emp", "退工壬", "/yonggong"));

	/* Another unit sees none of it. */
	ck_assert_int_eq(http_get(&other, "/jianguan", 1, &a), 200);
	ck_assert_int_eq(jg_fig(&a, "tuigong", jg_m3, "on-time"), aon0);
	ck_assert_int_eq(jg_fig(&a, "tuigong", jg_m3, "late"), alate0);
	ck_xpath_eq(&a, "count(//row[@name = '预警丁' or @name = '减员己'])",
	    "0");
	answer_free(&a);
	ck_assert(!jg_in_list(&other, "hole", "缺月辛", "/bujiao"));
	ck_assert(!jg_in_list(&other, "tuigong-insured", "退工壬", "/jianyuan"));
	set_clock(NULL);
}
END_TEST

START_TEST(jianguan_xlsx_and_refusals)
{
	struct browser		 b, r;
	struct answer		 a;
	struct xlsx_sheet	 sh;
	size_t			 i;
	int			 found = 0;

	jg_clock();
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	jg_person("表格卯", "UPDATE employments SET status = '已退工' "
	    "WHERE person_id = ");
	ck_assert_int_eq(http_get(&b, "/jianguan/xlsx?name=tuigong-insured", 0,
	    &a), 200);
	ck_assert_ptr_nonnull(strstr(a.ctype, "spreadsheetml"));
	ck_assert_ptr_nonnull(strstr(a.disposition, "attachment"));
	ck_assert_int_eq(xlsx_read(a.body, a.bodysz, &sh), XLSX_OK);
	ck_assert_uint_ge(sh.nrows, 5);
	ck_assert_str_eq(sh.rows[3].cells[0], "姓名");
	for (i = 4; i < sh.nrows; i++)
		if (sh.rows[i].ncells > 1 &&
		    strcmp(sh.rows[i].cells[0], "表格卯") == 0)
			found = 1;
	ck_assert(found);
	xlsx_free(&sh);
	answer_free(&a);
	/* Unknown lists: 404; the list page's page out of range: the last. */
	ck_assert_int_eq(http_get(&b, "/jianguan/list?name=nope", 1, &a), 404);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/jianguan/xlsx?name=%3Cx%3E", 1, &a),
	    404);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/jianguan/list?name=hole&page=-1", 1,
	    &a), 200);
	ck_xpath_eq(&a, "string(/page/list/pager/@page)", "1");
	answer_free(&a);
	/* The 首页 links here. */
	ck_assert_int_eq(http_get(&b, "/home", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "href=\"/jianguan\""));
	answer_free(&a);
	/* A reviewer: 403. */
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	ck_assert_int_eq(http_get(&r, "/jianguan", 0, &a), 403);
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

/* The suite. */
static Suite *
jianguan_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("jianguan");
	tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, jianguan_figures);
	tcase_add_test(tc, jianguan_xlsx_and_refusals);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(jianguan_suite)
