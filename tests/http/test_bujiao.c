/*
 * test_bujiao.c: 欠费补缴 through nginx (issue 12's scenario, less
 * 当月欠费注销): a person owing 3 months cannot be reduced (减员 rule
 * 11); the 补缴 is computed (nothing stored), saved, submitted and
 * approved; its 核定表 and 明细表 print and verify, and come as real
 * .xlsx with the same number and code; a 回退 before 到帐 restores the
 * arrears and the receipts say 作废 on /verify; a second 补缴 is
 * confirmed by the reviewer after a wrong amount is refused with the
 * difference, after which 回退 is refused and the 减员 passes; another
 * unit gets 404 on each page and printout, and a person owing only at
 * another unit is told to go to the office; after the 20th the pages
 * warn.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../suites.h"
#include "client.h"
#include "xlsx.h"

/* A person made for the test. */
struct who {
	char	 id[24];
	char	 idno[19];
	char	 name[32];
};

/* A person of username's unit on a base of 5,000.00 owing the 3 months
 * before this one, with the annual declarations 减员 asks for. */
static void
owing(const char *username, struct who *w)
{
	static int	 n;
	char		 q[512];
	int		 i;

	snprintf(w->name, sizeof(w->name), "补缴人%d", ++n);
	ck_assert_int_eq(make_insured(username, w->name, w->id, w->idno), 0);
	snprintf(q, sizeof(q), "UPDATE insurance SET base_fen = 500000 WHERE "
	    "person_id = %s", w->id);
	db_exec(q);
	for (i = 1; i <= 3; i++) {
		snprintf(q, sizeof(q), "INSERT INTO arrears (person_id, unit_id, "
		    "month, amount_fen, settled) SELECT person_id, unit_id, "
		    "strftime('%%Y-%%m', 'now', '+8 hours', 'start of month', "
		    "'-%d month'), 100000, 0 FROM insurance WHERE person_id = %s",
		    i, w->id);
		db_exec(q);
	}
	db_exec("INSERT OR IGNORE INTO wage_declarations (unit_id, year, "
	    "declared_at) SELECT id, CAST(strftime('%Y', 'now') AS INTEGER), 0 "
	    "FROM units");
	db_exec("INSERT OR IGNORE INTO wage_declarations (unit_id, year, "
	    "declared_at) SELECT id, CAST(strftime('%Y', 'now') AS INTEGER) + "
	    "1, 0 FROM units");
}

/* The count of w's arrears rows with cond. */
static long long
rows_of(const struct who *w, const char *cond)
{
	char	 q[256];

	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM arrears WHERE person_id "
	    "= %s AND %s", w->id, cond);
	return db_int(q);
}

/* Today in the hall as YYYY-MM-DD. */
static void
today(char buf[11])
{
	char	*v = db_query("SELECT date('now', '+8 hours')");

	ck_assert_ptr_nonnull(v);
	snprintf(buf, 11, "%s", v);
	free(v);
}

/* POSTs a 停缴费 减员 of w; returns the status. */
static long
reduce(struct browser *b, const struct who *w, struct answer *a)
{
	char	 tok[64], day[11], *v;
	struct answer	 f;

	ck_assert_int_eq(http_get(b, "/jianyuan", 1, &f), 200);
	v = xpath_str(&f, "string(/page/form/@token)");
	snprintf(tok, sizeof(tok), "%s", v);
	free(v);
	answer_free(&f);
	today(day);
	return http_post(b, "/jianyuan/save", 1, a, "reason", "停缴费",
	    "change_date", day, "token", tok, "pid", w->id, NULL);
}

/* The one-time token of the 补缴 form. */
static void
token(struct browser *b, char tok[64])
{
	struct answer	 a;
	char		*v;

	ck_assert_int_eq(http_get(b, "/bujiao", 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	ck_assert_uint_eq(strlen(v), 32);
	snprintf(tok, 64, "%s", v);
	free(v);
	answer_free(&a);
}

/* POSTs id to path; returns the status. */
static long
post_id(struct browser *b, const char *path, long long id, struct answer *a)
{
	char	 ids[24];

	snprintf(ids, sizeof(ids), "%lld", id);
	return http_post(b, path, 1, a, "id", ids, NULL);
}

/* The task id of a 303 to /bujiao?id=N carrying want. */
static long long
task_of(const struct answer *a, const char *want)
{
	const char	*p = strstr(a->location, "/bujiao?id=");

	ck_assert_msg(p != NULL && strstr(a->location, want) != NULL,
	    "location '%s', want %s", a->location, want);
	return atoll(p + strlen("/bujiao?id="));
}

/* GETs task id as XML into a. */
static void
get_task(struct browser *b, long long id, struct answer *a)
{
	char	 path[64];

	snprintf(path, sizeof(path), "/bujiao?id=%lld", id);
	ck_assert_int_eq(http_get(b, path, 1, a), 200);
}

/* Computes, saves and submits a 补缴 of w (reviewed by the system:
 * 结束 at once, a 普通 unit's too); returns the task, 待到帐, and its
 * total into total[32]. */
static long long
bujiao_of(struct browser *b, const struct who *w, char total[32])
{
	struct answer	 a;
	char		 tok[64], *v;
	long long	 id, before;

	token(b, tok);
	before = db_int("SELECT COUNT(*) FROM bujiao");
	ck_assert_int_eq(http_post_html(b, "/bujiao/compute", &a, "token", tok,
	    "pid", w->id, NULL), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "id=\"btn-save\""));
	answer_free(&a);
	ck_assert_int_eq(http_post(b, "/bujiao/compute", 1, &a, "token", tok,
	    "pid", w->id, NULL), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "compute");
	ck_xpath_eq(&a, "string(/page/compute/@persons)", "1");
	ck_xpath_eq(&a, "string(/page/compute/@months)", "3");
	ck_assert_int_gt(xpath_count(&a, "/page/compute/person/line"), 8);
	ck_assert_int_ge(xpath_count(&a, "/page/compute/total"), 5);
	ck_xpath_eq(&a, "string(/page/form/@token)", tok);
	ck_xpath_eq(&a, "string(/page/picked/pid/@id)", w->id);
	v = xpath_str(&a, "string(/page/compute/@total)");
	snprintf(total, 32, "%s", v);
	free(v);
	answer_free(&a);
	/* Computing stores nothing. */
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM bujiao"), before);
	ck_assert_int_eq(http_post(b, "/bujiao/save", 1, &a, "token", tok,
	    "pid", w->id, NULL), 303);
	id = task_of(&a, "done=saved");
	answer_free(&a);
	/* The same form again is the same task. */
	ck_assert_int_eq(http_post(b, "/bujiao/save", 1, &a, "token", tok,
	    "pid", w->id, NULL), 303);
	ck_assert_int_eq(task_of(&a, "repeat=1"), id);
	answer_free(&a);
	get_task(b, id, &a);
	ck_xpath_eq(&a, "string(/page/bujiao/@total)", total);
	ck_xpath_eq(&a, "string(/page/bujiao/@pay-state)", "");
	ck_xpath_eq(&a, "string(/page/bujiao/persons/person/@idno)", w->idno);
	answer_free(&a);
	ck_assert_int_eq(post_id(b, "/bujiao/submit", id, &a), 303);
	answer_free(&a);
	get_task(b, id, &a);
	ck_xpath_eq(&a, "string(/page/task/@state)", "结束");
	ck_xpath_eq(&a, "string(/page/task/@decided-by)", "系统自动审核");
	ck_xpath_eq(&a, "string(/page/bujiao/@pay-state)", "待到帐");
	answer_free(&a);
	return id;
}

/* Prints receipt kind of task id as b; its number and code into no[32]
 * and code[16]. */
static void
print_receipt(struct browser *b, const char *kind, long long id,
    char no[32], char code[16])
{
	struct answer	 a;
	char		 path[64], *v;

	snprintf(path, sizeof(path), "/print/%s?id=%lld", kind, id);
	ck_assert_int_eq(http_get(b, path, 1, &a), 200);
	v = xpath_str(&a, "string(/page/receipt/@no)");
	snprintf(no, 32, "%s", v);
	free(v);
	v = xpath_str(&a, "string(/page/receipt/@code)");
	snprintf(code, 16, "%s", v);
	free(v);
	ck_assert_uint_gt(strlen(no), 2);
	ck_assert_uint_eq(strlen(code), 8);
	answer_free(&a);
	/* The HTML sheet prints. */
	ck_assert_int_eq(http_get(b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, code));
	answer_free(&a);
}

/* Whether the .xlsx of kind of task id holds the number no and the
 * code, as a real workbook read back. */
static void
xlsx_has(struct browser *b, const char *kind, long long id, const char *no,
    const char *code)
{
	struct xlsx_sheet	 sh;
	struct answer		 a;
	char			 path[80];
	size_t			 i, j;
	int			 found = 0;

	snprintf(path, sizeof(path), "/bujiao/xlsx?id=%lld&kind=%s", id, kind);
	ck_assert_int_eq(http_get(b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.ctype, "spreadsheetml"));
	ck_assert_int_eq(xlsx_read(a.body, a.bodysz, &sh), XLSX_OK);
	for (i = 0; i < sh.nrows; i++)
		for (j = 0; j < sh.rows[i].ncells; j++)
			if (strstr(sh.rows[i].cells[j], no) != NULL &&
			    strstr(sh.rows[i].cells[j], code) != NULL)
				found = 1;
	ck_assert_msg(found, "%s: no %s/%s in the workbook", kind, no, code);
	ck_assert_uint_gt(sh.nrows, 5);
	xlsx_free(&sh);
	answer_free(&a);
}

/* /verify of no and code: valid, and voided or not. */
static void
verify(const char *no, const char *code, int voided)
{
	struct answer	 a;
	char		 path[128];

	snprintf(path, sizeof(path), "/verify?no=%s&code=%s", no, code);
	ck_assert_int_eq(http_get_pub(path, &a), 200);
	ck_xpath_eq(&a, "string(/page/result/@valid)", "1");
	ck_xpath_eq(&a, "string(/page/result/receipt/@business)", "欠费补缴");
	ck_assert_int_eq(xpath_count(&a, "/page/result/receipt[@voided != "
	    "'']"), voided);
	answer_free(&a);
}

/* The whole story of one person. */
START_TEST(bj_scenario)
{
	struct browser	 b, o, r;
	struct answer	 a;
	struct who	 w;
	char		 total[32], hd[32], hdc[16], mx[32], mxc[16];
	char		 path[96], ids[24], day[11], want[64];
	const char	*gets[4];
	long long	 id, id2;
	size_t		 i;

	owing("demo-a", &w);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);

	/* 3 months owed: no 减员; the refusal says so and points here. */
	ck_assert_int_eq(reduce(&b, &w, &a), 422);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "ARREARS");
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[contains(., "
	    "'共3个月') and contains(., '/bujiao')]"), 1);
	answer_free(&a);

	/* The pick list shows him with his 3 months. */
	snprintf(path, sizeof(path), "/bujiao?q=%s", w.idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	snprintf(path, sizeof(path), "string(/page/owing/person[@id = '%s']"
	    "/@months)", w.id);
	ck_xpath_eq(&a, path, "3");
	answer_free(&a);

	/* 补缴 1: computed, saved, approved. */
	id = bujiao_of(&b, &w, total);
	ck_assert_int_eq(rows_of(&w, "settled = 0 AND task_id IS NOT NULL"), 3);
	print_receipt(&b, "bujiao_hd", id, hd, hdc);
	print_receipt(&b, "bujiao_mx", id, mx, mxc);
	ck_assert_str_ne(hd, mx);
	ck_assert_int_eq(strncmp(hd, "HD", 2), 0);
	ck_assert_int_eq(strncmp(mx, "MX", 2), 0);
	/* The HTML pages render: the task with its 回退 button. */
	snprintf(path, sizeof(path), "/bujiao?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "id=\"btn-rollback\""));
	ck_assert_ptr_nonnull(strstr(a.body, total));
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/bujiao/bills", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "生成欠费补缴单"));
	answer_free(&a);
	/* 生成欠费补缴单 lists it, 待到帐. */
	ck_assert_int_eq(http_get(&b, "/bujiao/bills", 1, &a), 200);
	snprintf(path, sizeof(path), "string(/page/bills/task[@id = '%lld']"
	    "/bujiao/@pay-state)", id);
	ck_xpath_eq(&a, path, "待到帐");
	answer_free(&a);
	xlsx_has(&b, "bujiao_hd", id, hd, hdc);
	xlsx_has(&b, "bujiao_mx", id, mx, mxc);
	verify(hd, hdc, 0);
	verify(mx, mxc, 0);

	/* Another unit: 404 on each page and printout, nothing changed. */
	browser_init(&o, "unit-b");
	ck_assert_int_eq(login(&o, "demo-b"), 0);
	gets[0] = "/bujiao?id=";
	gets[1] = "/print/bujiao_hd?id=";
	gets[2] = "/print/bujiao_mx?id=";
	gets[3] = "/bujiao/xlsx?kind=bujiao_hd&id=";
	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s%lld", gets[i], id);
		ck_assert_int_eq(http_get(&o, path, 1, &a), 404);
		ck_assert_ptr_null(strstr(a.body, w.name));
		answer_free(&a);
	}
	ck_assert_int_eq(post_id(&o, "/bujiao/rollback", id, &a), 404);
	answer_free(&a);
	ck_assert_int_eq(http_get(&o, "/bujiao/bills", 1, &a), 200);
	snprintf(path, sizeof(path), "/page/bills/task[@id = '%lld']", id);
	ck_assert_int_eq(xpath_count(&a, path), 0);
	answer_free(&a);
	ck_assert_int_eq(rows_of(&w, "settled = 0 AND task_id IS NOT NULL"), 3);
	/* Nor can it pick him: his arrears are at demo-a. */
	ck_assert_int_eq(http_post(&o, "/bujiao/compute", 1, &a, "pid", w.id,
	    NULL), 422);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "BJ_ELSEWHERE");
	ck_assert_ptr_null(strstr(a.body, w.name));
	answer_free(&a);

	/* 回退 before 到帐: owing again, the receipts 作废; twice: repeat. */
	ck_assert_int_eq(post_id(&b, "/bujiao/rollback", id, &a), 303);
	task_of(&a, "done=rolledback");
	answer_free(&a);
	ck_assert_int_eq(post_id(&b, "/bujiao/rollback", id, &a), 303);
	task_of(&a, "repeat=1");
	answer_free(&a);
	get_task(&b, id, &a);
	ck_xpath_eq(&a, "string(/page/bujiao/@pay-state)", "已回退");
	answer_free(&a);
	ck_assert_int_eq(rows_of(&w, "settled = 0 AND task_id IS NULL"), 3);
	verify(hd, hdc, 1);
	verify(mx, mxc, 1);
	ck_assert_int_eq(reduce(&b, &w, &a), 422);
	answer_free(&a);

	/* 补缴 2, confirmed by the reviewer: a wrong amount first. */
	id2 = bujiao_of(&b, &w, total);
	ck_assert_int_ne(id2, id);
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	ck_assert_int_eq(http_get(&r, "/bujiao/confirm", 1, &a), 200);
	snprintf(path, sizeof(path), "/page/awaiting/task[@id = '%lld']", id2);
	ck_assert_int_eq(xpath_count(&a, path), 1);
	answer_free(&a);
	snprintf(path, sizeof(path), "/bujiao/confirm?id=%lld", id2);
	ck_assert_int_eq(http_get(&r, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "id=\"btn-confirm\""));
	answer_free(&a);
	snprintf(ids, sizeof(ids), "%lld", id2);
	today(day);
	ck_assert_int_eq(http_post(&r, "/bujiao/confirm", 1, &a, "id", ids,
	    "tax_no", "SP20261202001", "amount", "1.00", "paid_on", day,
	    NULL), 422);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "BJ_AMOUNT");
	snprintf(want, sizeof(want), "核定应缴%s元", total);
	ck_assert_ptr_nonnull(strstr(a.body, want));
	ck_assert_ptr_nonnull(strstr(a.body, "相差"));
	answer_free(&a);
	ck_assert_int_eq(rows_of(&w, "settled = 1"), 0);
	/* A date in the future is refused too. */
	ck_assert_int_eq(http_post(&r, "/bujiao/confirm", 1, &a, "id", ids,
	    "tax_no", "SP20261202001", "amount", total, "paid_on",
	    "2099-01-01", NULL), 422);
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/bujiao/confirm", 1, &a, "id", ids,
	    "tax_no", "SP20261202001", "amount", total, "paid_on", day,
	    NULL), 303);
	ck_assert_ptr_nonnull(strstr(a.location, "done=confirmed"));
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/bujiao/confirm", 1, &a, "id", ids,
	    "tax_no", "SP20261202001", "amount", total, "paid_on", day,
	    NULL), 303);
	ck_assert_ptr_nonnull(strstr(a.location, "repeat=1"));
	answer_free(&a);
	ck_assert_int_eq(rows_of(&w, "settled = 1 AND settled_how = '补缴'"),
	    3);
	/* No such 补缴: 404, whether the id is malformed, unknown or
	 * another business's task. */
	ck_assert_int_eq(http_get(&r, "/bujiao/confirm?id=abc", 1, &a), 404);
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, "/bujiao/confirm?id=999999999", 1, &a),
	    404);
	answer_free(&a);
	snprintf(path, sizeof(path), "/bujiao/confirm?id=%lld", db_int(
	    "SELECT MIN(id) FROM tasks WHERE business <> 'bujiao'"));
	ck_assert_int_eq(http_get(&r, path, 1, &a), 404);
	answer_free(&a);
	/* The unit cannot open the reviewer's page. */
	ck_assert_int_ne(http_get(&b, "/bujiao/confirm", 1, &a), 200);
	answer_free(&a);
	/* After 到帐, no 回退: 409 with why. */
	ck_assert_int_eq(post_id(&b, "/bujiao/rollback", id2, &a), 409);
	ck_assert_ptr_nonnull(strstr(a.body, "不能回退"));
	answer_free(&a);

	/* And the 减员 passes. */
	ck_assert_int_eq(reduce(&b, &w, &a), 303);
	answer_free(&a);
}
END_TEST

/* A refused pick is 422 with the form; none picked says so. */
START_TEST(bj_refusals)
{
	struct browser	 b;
	struct answer	 a;
	char		 tok[64];

	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	token(&b, tok);
	ck_assert_int_eq(http_post(&b, "/bujiao/compute", 1, &a, "token", tok,
	    NULL), 422);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "REQUIRED");
	ck_xpath_eq(&a, "string(/page/@view)", "form");
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/bujiao/save", 1, &a, "token", tok,
	    "pid", "12abc", NULL), 422);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "FORMAT");
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/bujiao/save", 0, &a, "token", tok,
	    "pid", "1", NULL), 403);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/bujiao/xlsx?id=abc&kind=bujiao_hd", 1,
	    &a), 404);
	answer_free(&a);
	/* A malformed search says what a 身份证号 is, and is not echoed. */
	ck_assert_int_eq(http_get(&b, "/bujiao?q=%3Cscript%3E", 0, &a), 200);
	ck_assert_ptr_null(strstr(a.body, "<script>"));
	ck_assert_ptr_nonnull(strstr(a.body, "身份证号应为18位"));
	answer_free(&a);
}
END_TEST

/* After the 20th (policy bujiao.warn_after_day) the pages warn. */
START_TEST(bj_after_20th)
{
	struct browser	 b;
	struct answer	 a;

	set_clock("2026-12-21 10:00:00");
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(http_get(&b, "/bujiao", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/late-month/@day)", "20");
	ck_assert_int_eq(xpath_count(&a, "/page/message[@kind = 'warn' and "
	    "contains(., '本月后续业务')]"), 1);
	answer_free(&a);
	set_clock("2026-12-20 10:00:00");
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(http_get(&b, "/bujiao/all", 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/late-month"), 0);
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

/* The suite. */
static Suite *
bujiao_http_suite(void)
{
	Suite	*s = suite_create("bujiao");
	TCase	*tc = tcase_create("http");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, bj_scenario);
	tcase_add_test(tc, bj_refusals);
	tcase_add_test(tc, bj_after_20th);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(bujiao_http_suite)
