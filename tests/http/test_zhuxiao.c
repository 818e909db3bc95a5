/*
 * test_zhuxiao.c: 当月欠费注销 end to end through nginx with client
 * certificates: a person owing this month cannot be reduced (减员 rule
 * 11 names the months, the amount and /bujiao); the query shows the
 * month's parts per type and the 无法恢复 notice; the save without the
 * confirmation is refused, the submit without the signed statement is
 * refused; with both, approval settles the month as 注销 (who, when)
 * and the 减员 then goes through.  Last month's arrears are refused with
 * the way to 补缴; another unit's person is 404 for the query and the
 * save.  The shared pages (upload, 退单, another unit's task) are
 * tests/http/test_business.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../suites.h"
#include "client.h"

#define OK_PDF	"unit/fixtures/files/ok.pdf"

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

/* The hall's month (UTC+8) offset by months (-1, 0) into buf[8]. */
static void
hall_month(int months, char buf[8])
{
	time_t		 t = time(NULL) + 8 * 3600;
	struct tm	 tm;
	int		 m;

	gmtime_r(&t, &tm);
	m = tm.tm_year * 12 + tm.tm_mon + months;
	snprintf(buf, 8, "%04d-%02d", m / 12 + 1900, m % 12 + 1);
}

/* A fresh insured person of username owing month (amount fen); the
 * wage declarations 减员's rule 10 asks for are on file. */
static void
owing(const char *username, const char *name, const char *month,
    long long fen, struct who *w)
{
	static int	 n;
	char		 q[512];

	snprintf(w->name, sizeof(w->name), "%s%d", name, ++n);
	ck_assert_int_eq(make_insured(username, w->name, w->id, w->idno), 0);
	/* make_insured leaves the base 0: 6,000.00 as a 增员 sets it. */
	snprintf(q, sizeof(q), "UPDATE insurance SET base_fen = 600000, "
	    "wage_fen = 600000 WHERE person_id = %s", w->id);
	db_exec(q);
	snprintf(q, sizeof(q), "INSERT INTO arrears (person_id, unit_id, "
	    "month, amount_fen) SELECT person_id, unit_id, '%s', %lld FROM "
	    "insurance WHERE person_id = %s", month, fen, w->id);
	db_exec(q);
	db_exec("INSERT OR IGNORE INTO wage_declarations (unit_id, year, "
	    "declared_at) SELECT id, CAST(strftime('%Y', 'now') AS INTEGER), 0 "
	    "FROM units");
	db_exec("INSERT OR IGNORE INTO wage_declarations (unit_id, year, "
	    "declared_at) SELECT id, CAST(strftime('%Y', 'now') AS INTEGER) + "
	    "1, 0 FROM units");
}

/* A fresh one-time token from GET /zhuxiao. */
static void
form_token(struct browser *b, char tok[40])
{
	struct answer	 a;
	char		*v;

	ck_assert_int_eq(http_get(b, "/zhuxiao", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "query");
	v = xpath_str(&a, "string(/page/form/@token)");
	ck_assert_uint_eq(strlen(v), 32);
	snprintf(tok, 40, "%s", v);
	free(v);
	answer_free(&a);
}

/* POSTs the 注销 of w's month, confirmed or not; returns the status. */
static long
save(struct browser *b, const struct who *w, const char *month, int confirm,
    struct answer *a)
{
	char	 tok[40];

	form_token(b, tok);
	return http_post(b, "/zhuxiao/save", 1, a, "token", tok, "id", "",
	    "sfzh", w->idno, "month", month, "confirm", confirm ? "1" : "",
	    NULL);
}

/* POSTs id to path; returns the status. */
static long
post_id(struct browser *b, const char *path, long long id, struct answer *a)
{
	char	 ids[24];

	snprintf(ids, sizeof(ids), "%lld", id);
	return http_post(b, path, 1, a, "id", ids, NULL);
}

/* The task id of a 303 to path?id=N. */
static long long
task_of(const struct answer *a)
{
	const char	*p = strstr(a->location, "?id=");

	ck_assert_msg(p != NULL, "location '%s'", a->location);
	return atoll(p + 4);
}

/* Uploads file as material of task id (pid 0 for the task) at
 * path/upload; returns the status. */
static long
upload(struct browser *b, const char *path, long long id, const char *pid,
    const char *material, const char *file)
{
	struct answer	 a;
	struct part	 p[4];
	char		 ids[24], url[64];
	long		 st;

	snprintf(ids, sizeof(ids), "%lld", id);
	snprintf(url, sizeof(url), "%s/upload", path);
	memset(p, 0, sizeof(p));
	p[0].name = "id";
	p[0].value = ids;
	p[1].name = "material";
	p[1].value = material;
	p[2].name = "pid";
	p[2].value = pid;
	p[3].name = "file";
	p[3].file = file;
	st = http_post_multipart(b, url, 1, p, 4, &a);
	answer_free(&a);
	return st;
}

/* POST /jianyuan/save: 停缴费 of w today; returns the status. */
static long
reduce_save(struct browser *b, const struct who *w, struct answer *a)
{
	struct answer	 t;
	char		 today[11], *tok;
	time_t		 now = time(NULL) + 8 * 3600;
	struct tm	 tm;
	long		 st;

	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	ck_assert_int_eq(http_get(b, "/jianyuan", 1, &t), 200);
	tok = xpath_str(&t, "string(/page/form/@token)");
	answer_free(&t);
	st = http_post(b, "/jianyuan/save", 1, a, "reason", "停缴费",
	    "change_date", today, "token", tok, "pid", w->id, NULL);
	free(tok);
	return st;
}

/* This month's 注销: refused without the confirmation and without the
 * statement, then approved; the month settled as 注销 by the reviewer;
 * the 减员 refused before (months, amount, /bujiao) then goes through. */
START_TEST(zx_this_month_then_reduce)
{
	struct browser	 b, r;
	struct answer	 a;
	struct who	 w;
	char		 month[8], q[256], path[64];
	long long	 id, jid;

	hall_month(0, month);
	owing("demo-a", "注销本月", month, 123456, &w);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	/* 减员 refused: the month and amount owed, and where to pay. */
	ck_assert_int_eq(reduce_save(&b, &w, &a), 422);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "ARREARS");
	ck_xpath_has(&a, "string(/page/errors/error)", "共1个月,合计1,234.56元");
	ck_xpath_has(&a, "string(/page/errors/error)", "(/bujiao)");
	answer_free(&a);
	/* The query: this month's parts per type, the notice. */
	snprintf(path, sizeof(path), "/zhuxiao?sfzh=%s", w.idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "form");
	ck_xpath_eq(&a, "string(/page/zhuxiao/@month)", month);
	ck_xpath_eq(&a, "string(/page/zhuxiao/levy/@state)", "ok");
	ck_assert_int_ge(xpath_count(&a, "/page/zhuxiao/levy/part"), 3);
	ck_xpath_eq(&a, "string(/page/zhuxiao/levy/part[@type = '养老']/"
	    "@type)", "养老");
	ck_xpath_eq(&a, "string(/page/zhuxiao/owing/@amount)", "1,234.56");
	ck_xpath_eq(&a, "string(/page/materials/material/@code)",
	    "zhuxiao_shuoming");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "欠费注销一旦成功将无法恢复"));
	ck_assert_ptr_nonnull(strstr(a.body, "name=\"confirm\""));
	answer_free(&a);
	/* Without the 无法恢复 tick: 422, nothing stored. */
	ck_assert_int_eq(save(&b, &w, month, 0, &a), 422);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "ZX_CONFIRM");
	ck_xpath_eq(&a, "string(/page/errors/error/@field)", "confirm");
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM zhuxiao WHERE "
	    "person_id = %s", w.id);
	ck_assert_int_eq(db_int(q), 0);
	ck_assert_int_eq(save(&b, &w, month, 1, &a), 303);
	id = task_of(&a);
	answer_free(&a);
	/* No statement: the submit is refused. */
	ck_assert_int_eq(post_id(&b, "/zhuxiao/submit", id, &a), 422);
	ck_xpath_has(&a, "string(/page/errors)",
	    "经职工本人签字确认的欠费注销情况说明");
	answer_free(&a);
	ck_assert_int_eq(upload(&b, "/zhuxiao", id, "0", "zhuxiao_shuoming",
	    OK_PDF), 303);
	ck_assert_int_eq(post_id(&b, "/zhuxiao/submit", id, &a), 303);
	answer_free(&a);
	/* The reviewer desk describes it: the month, every type. */
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	snprintf(path, sizeof(path), "/review/task?id=%lld", id);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 200);
	ck_xpath_has(&a, "string(/page/detail/field[@label = '注销月份'])",
	    "月");
	ck_xpath_eq(&a, "string(/page/detail/field[@label = '欠费金额'])",
	    "1,234.56 元");
	ck_xpath_has(&a, "string(/page/detail/field[@label = '业务类型'])",
	    "所有险种同步注销");
	ck_xpath_eq(&a, "string(/page/persons/person/fact[@label = "
	    "'注销月份'])", month);
	answer_free(&a);
	/* Reviewed by the system at submit (auto_review): settled as
	 * 注销 by the system (0). */
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM arrears a WHERE "
	    "a.task_id = %lld AND a.settled = 1 AND a.settled_how = '注销' "
	    "AND a.settled_at > 0 AND a.settled_by = 0", id);
	ck_assert_int_eq(db_int(q), 1);
	snprintf(path, sizeof(path), "/zhuxiao?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "结束");
	ck_xpath_eq(&a, "string(/page/zhuxiao/owing/@months)", "0");
	answer_free(&a);
	/* Nothing else blocks: the 减员 goes through now. */
	ck_assert_int_eq(reduce_save(&b, &w, &a), 303);
	jid = task_of(&a);
	answer_free(&a);
	ck_assert_int_eq(upload(&b, "/jianyuan", jid, w.id,
	    "jiechu_guanxi_zhengming", OK_PDF), 303);
	ck_assert_int_eq(post_id(&b, "/jianyuan/submit", jid, &a), 303);
	answer_free(&a);
}
END_TEST

/* Last month's arrears: the query says why and where (补缴), the save
 * of last month is refused, nothing stored. */
START_TEST(zx_last_month_refused)
{
	struct browser	 b;
	struct answer	 a;
	struct who	 w;
	char		 last[8], q[256], path[64];

	hall_month(-1, last);
	owing("demo-a", "注销上月", last, 50000, &w);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	snprintf(path, sizeof(path), "/zhuxiao?sfzh=%s", w.idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 409);
	ck_xpath_eq(&a, "string(/page/@view)", "refused");
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "ZX_NOT_OWING");
	ck_xpath_has(&a, "string(/page/errors/error)", "共1个月,合计500.00元");
	ck_xpath_has(&a, "string(/page/errors/error)", "(/bujiao)");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 409);
	ck_assert_ptr_nonnull(strstr(a.body, "href=\"/bujiao\""));
	answer_free(&a);
	ck_assert_int_eq(save(&b, &w, last, 1, &a), 422);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "ZX_NOT_CURRENT");
	ck_xpath_has(&a, "string(/page/errors/error)", "网上仅提供当月");
	ck_xpath_has(&a, "string(/page/errors/error)", "(/bujiao)办理欠费补缴");
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM zhuxiao WHERE "
	    "person_id = %s", w.id);
	ck_assert_int_eq(db_int(q), 0);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM arrears WHERE "
	    "person_id = %s AND settled = 0", w.id);
	ck_assert_int_eq(db_int(q), 1);
}
END_TEST

/* Another unit's person (and nobody) is not found for the query and
 * the save; a malformed 身份证号 is 422. */
START_TEST(zx_other_unit_404)
{
	struct browser	 b;
	struct answer	 a;
	struct who	 w, x;
	char		 month[8], path[64];

	hall_month(0, month);
	owing("demo-b", "注销他单位", month, 1000, &w);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	snprintf(path, sizeof(path), "/zhuxiao?sfzh=%s", w.idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 404);
	ck_assert_ptr_null(strstr(a.body, w.name));
	answer_free(&a);
	ck_assert_int_eq(save(&b, &w, month, 1, &a), 404);
	ck_assert_ptr_null(strstr(a.body, w.name));
	answer_free(&a);
	memset(&x, 0, sizeof(x));
	ck_assert_int_eq(unused_idno(1990, x.idno), 0);
	snprintf(path, sizeof(path), "/zhuxiao?sfzh=%s", x.idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 404);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/zhuxiao?sfzh=12345", 1, &a), 422);
	ck_xpath_eq(&a, "string(/page/errors/error/@field)", "sfzh");
	answer_free(&a);
}
END_TEST

static Suite *
zhuxiao_http_suite(void)
{
	Suite	*s = suite_create("zhuxiao");
	TCase	*tc = tcase_create("zhuxiao");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, zx_this_month_then_reduce);
	tcase_add_test(tc, zx_last_month_refused);
	tcase_add_test(tc, zx_other_unit_404);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(zhuxiao_http_suite)
