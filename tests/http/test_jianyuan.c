/*
 * test_jianyuan.c: 城镇职工减少 through the real nginx with client
 * certificates [issue 4 "What it must show"]: a 减员 of a person with no
 * 退工 demands a rule-4 attachment and succeeds with one; several
 * persons with one ineligible are refused as a whole, naming him, and
 * nothing changes; arrears block until settled, the refusal naming
 * the months and amount owed and /bujiao (the test settles them in
 * the database; test_zhuxiao.c settles them by a 注销); the
 * 《综合业务处理单》 of an approved 减员 is refused on the day of approval
 * and printed the next day (the clock moved by set_clock(), never by
 * sleeping), another unit can neither print nor list it, and the
 * public verification page confirms it and rejects an altered code;
 * 先减员,后退工 (Wuhan's policy): 退工 is refused before the 减员 and
 * accepted after it; 批量减员 with its failure list.
 *
 * Persons are picked from the demo world by what the rules look at and
 * by not having been used by another test (no 减员 or 退工 row yet), so
 * the tests do not depend on each other's order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "../suites.h"
#include "client.h"
#include "xlsx.h"

#define PDF	"unit/fixtures/files/ok.pdf"
#define JPG	"unit/fixtures/files/ok.jpg"



/* One demo person picked for a test. */
struct who {
	char	 id[24];
	char	 idno[24];
	char	 name[64];
};

/* Conditions of the persons a test may pick (SQL of the test's own). */
#define FRESH " AND NOT EXISTS (SELECT 1 FROM jianyuan j WHERE " \
	"j.person_id = p.id) AND NOT EXISTS (SELECT 1 FROM tuigong g WHERE " \
	"g.person_id = p.id)"
#define PLAIN " AND i.multi_injury = 0 AND e.category = '合同制' AND " \
	"e.is_legal_rep = 0 AND NOT EXISTS (SELECT 1 FROM arrears r WHERE " \
	"r.person_id = p.id AND r.settled = 0)"
#define OWING " AND EXISTS (SELECT 1 FROM arrears r WHERE " \
	"r.person_id = p.id AND r.unit_id = i.unit_id AND r.settled = 0)"

/* Picks the first 参保缴费, 在职 person of username's unit meeting cond
 * (PLAIN, OWING …) not used by another test. */
static void
pick(const char *username, const char *cond, struct who *w)
{
	char	 q[2048], *v, *bar;

	snprintf(q, sizeof(q), "SELECT p.id || '|' || p.idno || '|' || p.name "
	    "FROM persons p JOIN insurance i ON i.person_id = p.id JOIN "
	    "employments e ON e.person_id = p.id AND e.unit_id = i.unit_id "
	    "JOIN accounts a ON a.unit_id = i.unit_id WHERE a.username = '%s' "
	    "AND i.status = '参保缴费' AND e.status = '在职'%s" FRESH
	    " ORDER BY p.id LIMIT 1", username, cond);
	v = db_query(q);
	ck_assert_msg(v != NULL && strchr(v, '|') != NULL, "no person: %s", q);
	bar = strchr(v, '|');
	*bar = '\0';
	snprintf(w->id, sizeof(w->id), "%s", v);
	v[0] = '\0';
	snprintf(w->idno, sizeof(w->idno), "%.*s", (int)strcspn(bar + 1, "|"),
	    bar + 1);
	snprintf(w->name, sizeof(w->name), "%s", strchr(bar + 1, '|') + 1);
	free(v);
	/* Reserve the person for this test: a 退单 task row. */
	snprintf(q, sizeof(q), "INSERT INTO tasks (seq_no, business, unit_id, "
	    "state, created_at, updated_at) SELECT 'RSV' || %s, 'reserve', "
	    "unit_id, '退单', 0, 0 FROM accounts WHERE username = '%s'",
	    w->id, username);
	db_exec(q);
	snprintf(q, sizeof(q), "INSERT INTO jianyuan (task_id, person_id) "
	    "SELECT id, %s FROM tasks WHERE seq_no = 'RSV' || %s", w->id, w->id);
	db_exec(q);
}

/* The hall's local time (UTC+8) of now + secs as the clock file wants. */
static void
hall_time(long secs, char buf[32])
{
	time_t		 t = time(NULL) + 8 * 3600 + secs;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%d %H:%M:%S", &tm);
}

/* The hall's date of now + secs ("YYYY-MM-DD"). */
static void
hall_date(long secs, char buf[32])
{
	hall_time(secs, buf);
	buf[10] = '\0';
}

/* Pins the clock to now (or in 5 minutes when the hall's day is about
 * to end), and makes the annual wage declarations that the
 * 12-21..01-15 window would ask for, so the tests run on any date. */
static void
pin_clock(void)
{
	char		 when[32];
	long		 sod = (long)((time(NULL) + 8 * 3600) % 86400);

	hall_time(sod > 86400 - 300 ? 360 : 0, when);
	set_clock(when);
	db_exec("INSERT OR IGNORE INTO wage_declarations (unit_id, year, "
	    "declared_at) SELECT id, CAST(strftime('%Y', 'now') AS INTEGER), 0 "
	    "FROM units");
	db_exec("INSERT OR IGNORE INTO wage_declarations (unit_id, year, "
	    "declared_at) SELECT id, CAST(strftime('%Y', 'now') AS INTEGER) + "
	    "1, 0 FROM units");
}

/* A fresh one-time token from the query form of b. */
static void
form_token(struct browser *b, char tok[64])
{
	struct answer	 a;
	char		*v;

	ck_assert_int_eq(http_get(b, "/jianyuan", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "query");
	v = xpath_str(&a, "string(/page/form/@token)");
	ck_assert_uint_eq(strlen(v), 32);
	snprintf(tok, 64, "%s", v);
	free(v);
	answer_free(&a);
}

/* POST /jianyuan/save of up to three persons (NULL ends the list) with
 * reason on today's date.  Returns the status; a is filled. */
static long
save(struct browser *b, const char *reason, const struct who *p1,
    const struct who *p2, const struct who *p3, struct answer *a)
{
	char	 tok[64], today[32];

	form_token(b, tok);
	hall_date(0, today);
	return http_post(b, "/jianyuan/save", 1, a, "reason", reason,
	    "change_date", today, "token", tok, "pid", p1->id,
	    p2 != NULL ? "pid" : NULL, p2 != NULL ? p2->id : NULL,
	    p3 != NULL ? "pid" : NULL, p3 != NULL ? p3->id : NULL, NULL);
}

/* POST /jianyuan/save of p1 with reason on date (any text).  Returns
 * the status; a is filled. */
static long
save_on(struct browser *b, const char *reason, const char *date,
    const struct who *p1, struct answer *a)
{
	char	 tok[64];

	form_token(b, tok);
	return http_post(b, "/jianyuan/save", 1, a, "reason", reason,
	    "change_date", date, "token", tok, "pid", p1->id, NULL);
}

/* The task id of a 303 to /jianyuan?id=N. */
static long long
task_of(const struct answer *a)
{
	const char	*p = strstr(a->location, "id=");

	ck_assert_msg(p != NULL, "no task in location '%s'", a->location);
	return atoll(p + 3);
}

/* POSTs id to path (submit, cancel) and returns the status. */
static long
post_id(struct browser *b, const char *path, long long id, struct answer *a)
{
	char	 ids[24];

	snprintf(ids, sizeof(ids), "%lld", id);
	return http_post(b, path, 1, a, "id", ids, NULL);
}

/* Uploads file as material for person w of task id; returns the status. */
static long
upload(struct browser *b, long long id, const struct who *w,
    const char *material, const char *file, struct answer *a)
{
	char		 ids[24];
	struct part	 parts[4];

	snprintf(ids, sizeof(ids), "%lld", id);
	memset(parts, 0, sizeof(parts));
	parts[0].name = "id";
	parts[0].value = ids;
	parts[1].name = "pid";
	parts[1].value = w->id;
	parts[2].name = "material";
	parts[2].value = material;
	parts[3].name = "file";
	parts[3].file = file;
	return http_post_multipart(b, "/jianyuan/upload", 1, parts, 4, a);
}

/* The insurance status of person w at its unit. */
static void
status_of(const struct who *w, char *buf, size_t bufsz)
{
	char	 q[256], *v;

	snprintf(q, sizeof(q), "SELECT status || '|' || COALESCE(stop_month, "
	    "'') FROM insurance WHERE person_id = %s", w->id);
	v = db_query(q);
	ck_assert_ptr_nonnull(v);
	snprintf(buf, bufsz, "%s", v);
	free(v);
}

/* The stop month the rules give a 减员 of today: next month. */
static void
next_month(char buf[8])
{
	time_t		 t = time(NULL) + 8 * 3600;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	snprintf(buf, 8, "%04d-%02d", tm.tm_year + 1900 + (tm.tm_mon == 11),
	    tm.tm_mon == 11 ? 1 : tm.tm_mon + 2);
}

/* Approves task id as the reviewer. */
static void
approve(long long id)
{
	struct browser	 r;
	struct answer	 a;

	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	ck_assert_int_eq(post_id(&r, "/review/approve", id, &a), 303);
	answer_free(&a);
}

/* Saves, attaches the rule-4 proof, submits and has a reviewer approve
 * a 停缴费 of w by demo-a.  Returns the task id. */
static long long
reduce(struct browser *b, const struct who *w)
{
	struct answer	 a;
	long long	 id;

	ck_assert_int_eq(save(b, "停缴费", w, NULL, NULL, &a), 303);
	id = task_of(&a);
	answer_free(&a);
	ck_assert_int_eq(upload(b, id, w, "jiechu_guanxi_zhengming", PDF, &a),
	    303);
	answer_free(&a);
	ck_assert_int_eq(post_id(b, "/jianyuan/submit", id, &a), 303);
	answer_free(&a);
	approve(id);
	return id;
}

START_TEST(jy_query_lists_insured)
{
	struct browser	 b;
	struct answer	 a;
	char		 path[96];
	struct who	 w;
	long long	 n;

	pin_clock();
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(http_get(&b, "/jianyuan", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/query/@scope)", "本单位");
	ck_assert_int_gt(xpath_count(&a, "/page/persons/person"), 5);
	/* Only 参保缴费 persons of this unit: all of them in the count,
	 * the first 50 on the page. */
	n = db_int("SELECT COUNT(*) FROM insurance i JOIN accounts "
	    "a ON a.unit_id = i.unit_id WHERE a.username = 'demo-a' AND "
	    "i.status = '参保缴费'");
	snprintf(path, sizeof(path), "%lld", n);
	ck_xpath_eq(&a, "string(/page/persons/pager/@total)", path);
	ck_assert_int_eq(n < 50 ? n : 50, xpath_count(&a,
	    "/page/persons/person"));
	ck_assert_int_eq(xpath_count(&a, "/page/options[@name='reason']/option"),
	    5);
	answer_free(&a);
	pick("demo-a", PLAIN, &w);
	snprintf(path, sizeof(path), "/jianyuan?sfzh=%s", w.idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/persons/person"), 1);
	ck_xpath_eq(&a, "string(/page/persons/person/@name)", w.name);
	/* A 合同制 职工 goes by rule 4, not rule 5's 合同制工人. */
	ck_xpath_eq(&a, "string(/page/persons/person/@category)", "合同制");
	ck_xpath_eq(&a, "string(/page/persons/person/rule)", "4");
	ck_assert_int_eq(xpath_count(&a, "/page/persons/person/rule"), 1);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/jianyuan", 1, &a), 200);
	ck_assert_int_gt(xpath_count(&a, "/page/persons/person[@category = "
	    "'农籍工' and rule = '6']"), 0);
	ck_assert_int_eq(xpath_count(&a, "/page/persons/person[@category = "
	    "'合同制' and rule = '5']"), 0);
	answer_free(&a);
	/* The HTML is the seed's screen. */
	ck_assert_int_eq(http_get(&b, "/jianyuan", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "城镇职工减少"));
	ck_assert_ptr_nonnull(strstr(a.body, "人员范围"));
	ck_assert_ptr_nonnull(strstr(a.body, "减少原因"));
	ck_assert_ptr_nonnull(strstr(a.body, "病退、特殊工种退休"));
	/* Rule 5 names the 用工范围 as the rule checks them, and each
	 * person's row says which 注意事项 names its materials. */
	ck_assert_ptr_nonnull(strstr(a.body, "「合同制工人」或「未确定用工范围」"));
	ck_assert_ptr_nonnull(strstr(a.body, "用工范围「合同制」的职工不适用本条,"
	    "按第4条办理"));
	ck_assert_ptr_nonnull(strstr(a.body, "href=\"#note-4\""));
	ck_assert_ptr_nonnull(strstr(a.body, "<li id=\"note-4\">"));
	ck_assert_ptr_nonnull(strstr(a.body, "title=\"停缴费时所需附件见注意事项第4条\">"
	    "第4条</a>"));
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

START_TEST(jy_rule4_needs_attachment)
{
	struct browser	 b;
	struct answer	 a;
	char		 path[64], st[64], want[64], nm[8];
	struct who	 w;
	long long	 id;

	pin_clock();
	pick("demo-a", PLAIN, &w);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(save(&b, "停缴费", &w, NULL, NULL, &a), 303);
	id = task_of(&a);
	answer_free(&a);
	/* The task shows the rule's words and its materials. */
	snprintf(path, sizeof(path), "/jianyuan?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "未提交");
	ck_xpath_eq(&a, "string(/page/materials/material[@pid != '0']/@rule)",
	    "4");
	ck_assert_int_eq(xpath_count(&a, "/page/materials/material[@pid != "
	    "'0']"), 3);
	ck_assert_int_eq(xpath_count(&a, "/page/materials/material[@code = "
	    "'tuigong_huamingce' and @group = '1']"), 1);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "退工花名册、新单位的用工备案表"));
	ck_assert_ptr_nonnull(strstr(a.body, "上传附件"));
	answer_free(&a);
	/* Without it, submitting is refused and nothing changes. */
	ck_assert_int_eq(post_id(&b, "/jianyuan/submit", id, &a), 422);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "MATERIAL");
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[contains(., "
	    "'退工花名册')]"), 1);
	answer_free(&a);
	status_of(&w, st, sizeof(st));
	ck_assert_str_eq(st, "参保缴费|");
	/* A file that is not PDF/JPG by content is refused. */
	ck_assert_int_eq(upload(&b, id, &w, "jiechu_guanxi_zhengming",
	    "unit/fixtures/files/text.pdf", &a), 422);
	answer_free(&a);
	/* A material no rule of 减员 asks for is refused. */
	ck_assert_int_eq(upload(&b, id, &w, "sfz_copy", PDF, &a), 422);
	answer_free(&a);
	ck_assert_int_eq(upload(&b, id, &w, "jiechu_guanxi_zhengming", JPG, &a),
	    303);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/materials/material[@pid != "
	    "'0' and @uploaded = '1']"), 1);
	ck_assert_int_eq(xpath_count(&a, "/page/attachments/attachment"), 1);
	answer_free(&a);
	ck_assert_int_eq(post_id(&b, "/jianyuan/submit", id, &a), 303);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "进行中");
	answer_free(&a);
	/* 普通 unit: the reviewer decides; then contributions stop. */
	approve(id);
	next_month(nm);
	snprintf(want, sizeof(want), "暂停缴费|%s", nm);
	status_of(&w, st, sizeof(st));
	ck_assert_str_eq(st, want);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "结束");
	ck_xpath_eq(&a, "string(/page/rows/row/@stop-month)", nm);
	answer_free(&a);
	/* Ended: nothing can be changed any more. */
	ck_assert_int_eq(post_id(&b, "/jianyuan/cancel", id, &a), 409);
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

START_TEST(jy_bad_one_ineligible_refuses_all)
{
	struct browser	 b;
	struct answer	 a;
	struct who	 ok1, ok2, owes;
	char		 st[64], want[256], *v;
	long long	 before;

	pin_clock();
	pick("demo-b", PLAIN, &ok1);
	pick("demo-b", PLAIN, &ok2);
	pick("demo-b", OWING, &owes);
	before = db_int("SELECT COUNT(*) FROM tasks WHERE business = "
	    "'jianyuan'");
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	ck_assert_int_eq(save(&b, "停缴费", &ok1, &owes, &ok2, &a), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error"), 1);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "ARREARS");
	snprintf(want, sizeof(want), "%s(%s):该人员在本单位欠费",
	    owes.name, owes.idno);
	v = xpath_str(&a, "string(/page/errors/error)");
	ck_assert_msg(strncmp(v, want, strlen(want)) == 0 && strstr(v,
	    "个月,合计") != NULL && strstr(v, "(/bujiao)办理欠费补缴") != NULL,
	    "'%s'", v);
	free(v);
	/* The selection is kept for the user to fix. */
	ck_assert_int_eq(xpath_count(&a, "/page/checked/pid"), 3);
	answer_free(&a);
	/* Nothing changed for anyone. */
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM tasks WHERE business = "
	    "'jianyuan'"), before);
	status_of(&ok1, st, sizeof(st));
	ck_assert_str_eq(st, "参保缴费|");
	status_of(&ok2, st, sizeof(st));
	ck_assert_str_eq(st, "参保缴费|");
	/* The HTML names him too, with the reason. */
	{
		char	 tok[64], day[32];

		form_token(&b, tok);
		hall_date(0, day);
		ck_assert_int_eq(http_post_html(&b, "/jianyuan/save", &a,
		    "reason", "停缴费", "change_date", day, "token", tok,
		    "pid", ok1.id, "pid", owes.id, NULL), 422);
	}
	ck_assert_ptr_nonnull(strstr(a.body, "<html"));
	ck_assert_ptr_nonnull(strstr(a.body, want));
	ck_assert_ptr_nonnull(strstr(a.body, "本次申报的所有人员均未办理"));
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

START_TEST(jy_bad_other_units_person)
{
	struct browser	 b;
	struct answer	 a;
	struct who	 w;

	pin_clock();
	pick("demo-b", PLAIN, &w);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(save(&b, "停缴费", &w, NULL, NULL, &a), 422);
	/* Unknown here, as a missing person: nothing of B's staff shows. */
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "NOT_FOUND");
	ck_assert_ptr_null(strstr(a.body, w.idno));
	ck_assert_ptr_null(strstr(a.body, w.name));
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

START_TEST(jy_arrears_block_until_settled)
{
	struct browser	 b;
	struct answer	 a;
	struct who	 w;
	char		 q[256], st[64], want[64], nm[8], *v;
	long long	 id;

	pin_clock();
	pick("demo-a", OWING, &w);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(save(&b, "停缴费", &w, NULL, NULL, &a), 422);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "ARREARS");
	/* The months and amount owed here, and where to pay them. */
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM arrears r JOIN accounts "
	    "c ON c.unit_id = r.unit_id WHERE c.username = 'demo-a' AND "
	    "r.person_id = %s AND r.settled = 0", w.id);
	snprintf(want, sizeof(want), "共%lld个月,合计", db_int(q));
	v = xpath_str(&a, "string(/page/errors/error)");
	ck_assert_msg(strstr(v, want) != NULL && strstr(v,
	    "请先通过单位人员正常补缴费(/bujiao)办理欠费补缴") != NULL, "'%s'", v);
	free(v);
	answer_free(&a);
	/* Settled here as a 到帐确认 of a 补缴 would. */
	snprintf(q, sizeof(q), "UPDATE arrears SET settled = 1 WHERE "
	    "person_id = %s", w.id);
	db_exec(q);
	id = reduce(&b, &w);
	ck_assert_int_gt(id, 0);
	next_month(nm);
	snprintf(want, sizeof(want), "暂停缴费|%s", nm);
	status_of(&w, st, sizeof(st));
	ck_assert_str_eq(st, want);
	set_clock(NULL);
}
END_TEST

START_TEST(jy_zonghe_next_day_and_verify)
{
	struct browser	 b, other;
	struct answer	 a;
	struct who	 w;
	char		 path[96], tpath[64], when[32], no[40], code[16];
	char		 want[256];
	char		*v;
	long long	 id;
	long		 sod;

	pin_clock();
	pick("demo-a", PLAIN, &w);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	id = reduce(&b, &w);
	/* The day of approval: refused, saying from when. */
	snprintf(path, sizeof(path), "/print/zonghe?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 409);
	ck_xpath_eq(&a, "string(/page/error/@code)", "NOT_YET");
	ck_xpath_eq(&a, "string(/page/@view)", "notyet");
	answer_free(&a);
	/* … as a page of its own, not a red error with a raw code. */
	ck_assert_int_eq(http_get(&b, path, 0, &a), 409);
	ck_assert_ptr_nonnull(strstr(a.body, "<h1>暂不能打印</h1>"));
	/* The day after the pinned one (pin_clock() moves to tomorrow when
	 * today is about to end). */
	sod = (long)((time(NULL) + 8 * 3600) % 86400);
	hall_date(86400 - sod + 30 + (sod > 86400 - 300 ? 86400 : 0), when);
	snprintf(want, sizeof(want), "本业务可于 <strong class=\"print-from\">"
	    "%s</strong> 起打印", when);
	ck_assert_msg(strstr(a.body, want) != NULL, "no '%s'", want);
	ck_assert_ptr_null(strstr(a.body, "业务状态已变化"));
	ck_assert_ptr_null(strstr(a.body, "NOT_YET"));
	answer_free(&a);
	/* The task page offers no link yet, only the day (greyed). */
	snprintf(tpath, sizeof(tpath), "/jianyuan?id=%lld", id);
	ck_assert_int_eq(http_get(&b, tpath, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@print-ready)", "0");
	ck_xpath_eq(&a, "string(/page/task/@print-from)", when);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, tpath, 0, &a), 200);
	snprintf(want, sizeof(want), "<span class=\"note print-later\">可于 %s "
	    "起打印综合业务处理单</span>", when);
	ck_assert_msg(strstr(a.body, want) != NULL, "no '%s'", want);
	ck_assert_ptr_null(strstr(a.body, "href=\"/print/zonghe"));
	answer_free(&a);
	/* The next day (30 s past midnight): printed, with the persons. */
	sod = (long)((time(NULL) + 8 * 3600) % 86400);
	hall_time(86400 - sod + 30 + (sod > 86400 - 300 ? 86400 : 0), when);
	set_clock(when);
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	/* The task page now links the printout. */
	ck_assert_int_eq(http_get(&b, tpath, 0, &a), 200);
	snprintf(want, sizeof(want), "href=\"/print/zonghe?id=%lld\"", id);
	ck_assert_ptr_nonnull(strstr(a.body, want));
	ck_assert_ptr_null(strstr(a.body, "print-later"));
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "zonghe");
	ck_assert_ptr_nonnull(strstr(a.body, w.name));
	ck_assert_ptr_nonnull(strstr(a.body, "停缴费"));
	v = xpath_str(&a, "string(/page/receipt/@no)");
	snprintf(no, sizeof(no), "%s", v);
	free(v);
	v = xpath_str(&a, "string(/page/receipt/@code)");
	snprintf(code, sizeof(code), "%s", v);
	free(v);
	ck_assert_uint_gt(strlen(no), 0);
	ck_assert_uint_eq(strlen(code), 8);
	answer_free(&a);
	/* The unit's list has it. */
	ck_assert_int_eq(http_get(&b, "/print", 1, &a), 200);
	snprintf(path, sizeof(path), "/page/printable/task[@id = '%lld']", id);
	ck_assert_int_eq(xpath_count(&a, path), 1);
	answer_free(&a);
	/* Another unit can neither print nor list it, nor see the task. */
	browser_init(&other, "unit-b");
	ck_assert_int_eq(login(&other, "demo-b"), 0);
	ck_assert_int_eq(http_get(&other, "/print", 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, path), 0);
	answer_free(&a);
	snprintf(path, sizeof(path), "/print/zonghe?id=%lld", id);
	ck_assert_int_eq(http_get(&other, path, 1, &a), 404);
	answer_free(&a);
	snprintf(path, sizeof(path), "/jianyuan?id=%lld", id);
	ck_assert_int_eq(http_get(&other, path, 1, &a), 404);
	answer_free(&a);
	snprintf(path, sizeof(path), "/jianyuan/export?id=%lld", id);
	ck_assert_int_eq(http_get(&other, path, 1, &a), 404);
	answer_free(&a);
	/* The public page confirms it, and rejects an altered code. */
	snprintf(path, sizeof(path), "/verify?no=%s&code=%s", no, code);
	ck_assert_int_eq(http_get_pub(path, &a), 200);
	ck_xpath_eq(&a, "string(/page/result/@valid)", "1");
	ck_xpath_eq(&a, "string(/page/result/receipt/@kind)", "综合业务处理单");
	answer_free(&a);
	code[3] = code[3] == 'A' ? 'B' : 'A';
	snprintf(path, sizeof(path), "/verify?no=%s&code=%s", no, code);
	ck_assert_int_eq(http_get_pub(path, &a), 200);
	ck_xpath_eq(&a, "string(/page/result/@valid)", "0");
	ck_assert_int_eq(xpath_count(&a, "/page/result/receipt"), 0);
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

START_TEST(jy_zonghe_persons_table)
{
	struct browser	 b;
	struct answer	 a, a2;
	struct who	 w1, w2;
	char		 path[64], when[32], want[256];
	long long	 id;
	long		 sod;

	pin_clock();
	pick("demo-a", PLAIN, &w1);
	pick("demo-a", PLAIN, &w2);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(save(&b, "停缴费", &w1, &w2, NULL, &a), 303);
	id = task_of(&a);
	answer_free(&a);
	ck_assert_int_eq(upload(&b, id, &w1, "jiechu_guanxi_zhengming", PDF,
	    &a), 303);
	answer_free(&a);
	ck_assert_int_eq(upload(&b, id, &w2, "tuigong_huamingce", JPG, &a),
	    303);
	answer_free(&a);
	ck_assert_int_eq(post_id(&b, "/jianyuan/submit", id, &a), 303);
	answer_free(&a);
	approve(id);
	sod = (long)((time(NULL) + 8 * 3600) % 86400);
	hall_time(86400 - sod + 30 + (sod > 86400 - 300 ? 86400 : 0), when);
	set_clock(when);
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	snprintf(path, sizeof(path), "/print/zonghe?id=%lld", id);
	/* Both persons as rows of their own, in the order saved. */
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/persons/person"), 2);
	ck_xpath_eq(&a, "string(/page/persons/person[1]/@name)", w1.name);
	ck_xpath_eq(&a, "string(/page/persons/person[1]/@idno)", w1.idno);
	ck_xpath_eq(&a, "string(/page/persons/person[2]/@name)", w2.name);
	ck_xpath_eq(&a, "string(/page/persons/person[2]/@idno)", w2.idno);
	ck_xpath_eq(&a, "string(/page/persons/person[2]/fact[@label = "
	    "'减少原因'])", "停缴费");
	ck_xpath_eq(&a, "string(/page/detail/field[@label = '减少人数'])", "2");
	ck_assert_int_eq(xpath_count(&a, "/page/detail/field[starts-with("
	    "@label, '减少人员')]"), 0);
	answer_free(&a);
	/* The sheet: a table with a header and one cell per 社会保障号码. */
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "<table class=\"grid "
	    "receipt-persons\">"));
	ck_assert_ptr_nonnull(strstr(a.body, "<th>姓名</th><th>社会保障号码"
	    "</th><th>减少原因</th><th>变更日期</th><th>停缴月份</th>"));
	snprintf(want, sizeof(want), "<td>%s</td><td class=\"mono idno\">%s"
	    "</td><td>停缴费</td>", w1.name, w1.idno);
	ck_assert_msg(strstr(a.body, want) != NULL, "no '%s'", want);
	snprintf(want, sizeof(want), "<td>%s</td><td class=\"mono idno\">%s"
	    "</td><td>停缴费</td>", w2.name, w2.idno);
	ck_assert_msg(strstr(a.body, want) != NULL, "no '%s'", want);
	ck_assert_ptr_null(strstr(a.body, "减少人员1"));
	/* Printed again: the same bytes. */
	ck_assert_int_eq(http_get(&b, path, 0, &a2), 200);
	ck_assert_uint_eq(a.bodysz, a2.bodysz);
	ck_assert_int_eq(memcmp(a.body, a2.body, a.bodysz), 0);
	answer_free(&a);
	answer_free(&a2);
	set_clock(NULL);
}
END_TEST

START_TEST(jy_table_and_export)
{
	struct browser	 b;
	struct answer	 a;
	struct who	 w1, w2;
	char		 path[64];
	long long	 id;

	pin_clock();
	pick("demo-vip", PLAIN, &w1);
	pick("demo-vip", PLAIN, &w2);
	browser_init(&b, "unit-vip");
	ck_assert_int_eq(login(&b, "demo-vip"), 0);
	ck_assert_int_eq(save(&b, "停缴费", &w1, &w2, NULL, &a), 303);
	id = task_of(&a);
	answer_free(&a);
	snprintf(path, sizeof(path), "/jianyuan/table?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "企业参保人员减员表"));
	ck_assert_ptr_nonnull(strstr(a.body, w1.name));
	ck_assert_ptr_nonnull(strstr(a.body, w2.idno));
	answer_free(&a);
	snprintf(path, sizeof(path), "/jianyuan/export?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.ctype, "spreadsheetml"));
	ck_assert_uint_gt(a.bodysz, 100);
	ck_assert_int_eq(memcmp(a.body, "PK", 2), 0);
	answer_free(&a);
	/* 退单: the task is cancelled and the persons free again. */
	ck_assert_int_eq(post_id(&b, "/jianyuan/cancel", id, &a), 303);
	answer_free(&a);
	snprintf(path, sizeof(path), "SELECT state FROM tasks WHERE id = %lld",
	    id);
	{
		char *v = db_query(path);

		ck_assert_ptr_nonnull(v);
		ck_assert_str_eq(v, "退单");
		free(v);
	}
	set_clock(NULL);
}
END_TEST

/* Writes a 批量减员 workbook of rows (each 5 cells) to path. */
static void
write_batch(const char *path, const char *const (*rows)[5], size_t n)
{
	static const char *const header[5] = {
		"姓名", "社会保障号码", "减少原因", "变更日期", "备注"
	};
	const char *const	*all[16];
	unsigned char		*buf;
	size_t			 sz, i;
	FILE			*f;

	ck_assert_uint_le(n + 1, 16);
	all[0] = header;
	for (i = 0; i < n; i++)
		all[i + 1] = rows[i];
	ck_assert_int_eq(xlsx_write("批量减员", all, n + 1, 5, &buf, &sz), 0);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(buf, 1, sz, f), sz);
	ck_assert_int_eq(fclose(f), 0);
	free(buf);
}

START_TEST(jy_batch_rows_failures_submit)
{
	struct browser	 b;
	struct answer	 a;
	struct who	 w1, w2, w3, owes;
	struct part	 parts[2];
	char		 today[32], path[96], file[256], tok[64], *v;
	long long	 id;

	pin_clock();
	pick("demo-b", PLAIN, &w1);
	pick("demo-b", PLAIN, &w2);
	pick("demo-b", PLAIN, &w3);
	pick("demo-b", OWING, &owes);
	hall_date(0, today);
	{
		const char *const rows[6][5] = {
			{ w1.name, w1.idno, "停缴费", today, "" },
			{ w2.name, w2.idno, "停缴费", today, "" },
			{ w3.name, w3.idno, "停缴费", today, "暂不办理" },
			{ owes.name, owes.idno, "停缴费", today, "" },
			{ "无此人", "420102199001011235", "停缴费", today, "" },
			{ w1.name, w1.idno, "病退", today, "重复" },
		};

		snprintf(file, sizeof(file), "%s/jy-batch.xlsx",
		    getenv("HALL_TEST_VAR"));
		write_batch(file, rows, 6);
	}
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	ck_assert_int_eq(http_get(&b, "/jianyuan/batch/template", 0, &a), 200);
	ck_assert_int_eq(memcmp(a.body, "PK", 2), 0);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/jianyuan/batch", 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	snprintf(tok, sizeof(tok), "%s", v);
	free(v);
	answer_free(&a);
	memset(parts, 0, sizeof(parts));
	parts[0].name = "token";
	parts[0].value = tok;
	parts[1].name = "file";
	parts[1].file = file;
	ck_assert_int_eq(http_post_multipart(&b, "/jianyuan/batch/upload", 1,
	    parts, 2, &a), 303);
	ck_assert_ptr_nonnull(strstr(a.location, "/jianyuan?id="));
	ck_assert_ptr_nonnull(strstr(a.location, "&done=imported"));
	id = task_of(&a);
	answer_free(&a);
	snprintf(path, sizeof(path), "/jianyuan/batch/result?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/batch/@ok)", "3");
	ck_xpath_eq(&a, "string(/page/batch/@failed)", "3");
	/* Every failed row, with its row, name, number and reasons. */
	ck_assert_int_eq(xpath_count(&a, "/page/failures/failure[@row > 1 and "
	    "@name != '' and @idno != '' and @reasons != '']"), 3);
	ck_assert_int_eq(xpath_count(&a, "/page/materials/material[@pid != "
	    "'0' and @rule = '4' and @code = 'tuigong_huamingce']"), 3);
	answer_free(&a);
	/* 下载导入失败列表 with the reasons. */
	snprintf(path, sizeof(path), "/jianyuan/batch/failures?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_int_eq(memcmp(a.body, "PK", 2), 0);
	answer_free(&a);
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM batch_failures WHERE "
	    "reasons LIKE '%欠费%'"), 1);
	/* 暂不办理: w3's row is deleted before submitting. */
	snprintf(path, sizeof(path), "SELECT row_no FROM jianyuan WHERE "
	    "task_id = %lld AND person_id = %s", id, w3.id);
	{
		char ids[24], row[24];

		snprintf(ids, sizeof(ids), "%lld", id);
		snprintf(row, sizeof(row), "%lld", db_int(path));
		ck_assert_int_eq(http_post(&b, "/jianyuan/batch/delete", 1, &a,
		    "id", ids, "row", row, NULL), 303);
		answer_free(&a);
	}
	snprintf(path, sizeof(path), "SELECT COUNT(*) FROM jianyuan WHERE "
	    "task_id = %lld", id);
	ck_assert_int_eq(db_int(path), 2);
	/* The materials first, then 提交审批. */
	ck_assert_int_eq(post_id(&b, "/jianyuan/submit", id, &a), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@code = "
	    "'MATERIAL']"), 2);
	answer_free(&a);
	ck_assert_int_eq(upload(&b, id, &w1, "tuigong_huamingce", PDF, &a), 303);
	answer_free(&a);
	ck_assert_int_eq(upload(&b, id, &w2, "xin_yonggong_beian", JPG, &a),
	    303);
	answer_free(&a);
	ck_assert_int_eq(post_id(&b, "/jianyuan/submit", id, &a), 303);
	answer_free(&a);
	snprintf(path, sizeof(path), "SELECT state FROM tasks WHERE id = %lld",
	    id);
	v = db_query(path);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v, "进行中");
	free(v);
	remove(file);
	set_clock(NULL);
}
END_TEST

START_TEST(jy_bad_change_date_form)
{
	static const char *const dates[] = {
		"1899-12-31", "1026-11-20", "1900-01-01", "2999-01-01"
	};
	struct browser	 b;
	struct answer	 a;
	struct who	 w;
	size_t		 i;
	long long	 before;

	pin_clock();
	pick("demo-a", PLAIN, &w);
	before = db_int("SELECT COUNT(*) FROM tasks WHERE business = "
	    "'jianyuan'");
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		/* 退休 looks up the retirement policy of the date. */
		ck_assert_msg(save_on(&b, "退休", dates[i], &w, &a) == 422,
		    "%s: status %ld", dates[i], a.status);
		ck_xpath_eq(&a, "string(/page/errors/error/@field)",
		    "change_date");
		ck_xpath_eq(&a, "string(/page/errors/error/@code)", "RANGE");
		ck_assert_ptr_nonnull(strstr(a.body, "变更日期不能"));
		answer_free(&a);
	}
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM tasks WHERE business = "
	    "'jianyuan'"), before);
	set_clock(NULL);
}
END_TEST

START_TEST(jy_bad_change_date_batch_row)
{
	struct browser	 b;
	struct answer	 a;
	struct who	 w1, w2;
	struct part	 parts[2];
	char		 today[32], path[160], file[256], tok[64], *v;
	long long	 id;

	pin_clock();
	pick("demo-b", PLAIN, &w1);
	pick("demo-b", PLAIN, &w2);
	hall_date(0, today);
	{
		const char *const rows[2][5] = {
			{ w1.name, w1.idno, "停缴费", today, "" },
			{ w2.name, w2.idno, "退休", "1026-11-20", "笔误" },
		};

		snprintf(file, sizeof(file), "%s/jy-batch-date.xlsx",
		    getenv("HALL_TEST_VAR"));
		write_batch(file, rows, 2);
	}
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	ck_assert_int_eq(http_get(&b, "/jianyuan/batch", 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	snprintf(tok, sizeof(tok), "%s", v);
	free(v);
	answer_free(&a);
	memset(parts, 0, sizeof(parts));
	parts[0].name = "token";
	parts[0].value = tok;
	parts[1].name = "file";
	parts[1].file = file;
	/* One typo is that row's failure, not a 503 of the upload. */
	ck_assert_int_eq(http_post_multipart(&b, "/jianyuan/batch/upload", 1,
	    parts, 2, &a), 303);
	id = task_of(&a);
	answer_free(&a);
	snprintf(path, sizeof(path), "/jianyuan/batch/result?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/batch/@ok)", "1");
	ck_xpath_eq(&a, "string(/page/batch/@failed)", "1");
	answer_free(&a);
	snprintf(path, sizeof(path), "SELECT COUNT(*) FROM batch_failures "
	    "WHERE task_id = %lld AND idno = '%s' AND reasons LIKE "
	    "'%%变更日期不能早于%%'", id, w2.idno);
	ck_assert_int_eq(db_int(path), 1);
	remove(file);
	set_clock(NULL);
}
END_TEST

START_TEST(jy_table_of_done_task_is_stable)
{
	struct browser	 b;
	struct answer	 a1, a2;
	struct who	 w;
	char		 path[64], when[32], *name;
	long long	 id;

	pin_clock();
	pick("demo-a", PLAIN, &w);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	id = reduce(&b, &w);
	snprintf(path, sizeof(path), "/jianyuan/table?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 0, &a1), 200);
	/* Two minutes later (within the session) the same page, byte for
	 * byte: the 制表时间 is the task's end, not the time of printing. */
	hall_time(120, when);
	set_clock(when);
	ck_assert_int_eq(http_get(&b, path, 0, &a2), 200);
	ck_assert_uint_eq(a1.bodysz, a2.bodysz);
	ck_assert_int_eq(memcmp(a1.body, a2.body, a1.bodysz), 0);
	/* With the reviewer who approved it. */
	name = db_query("SELECT display_name FROM accounts WHERE username = "
	    "'demo-reviewer'");
	ck_assert_ptr_nonnull(name);
	ck_assert_ptr_nonnull(strstr(a1.body, "审核人"));
	ck_assert_ptr_nonnull(strstr(a1.body, name));
	free(name);
	answer_free(&a1);
	answer_free(&a2);
	set_clock(NULL);
}
END_TEST

/* POSTs the 退工 form of demo person w (contract on file) with reason
 * 协商一致解除 and 退工日期 yesterday; returns the status. */
static long
tuigong_save(struct browser *b, const struct who *w, struct answer *a)
{
	char	 q[512], tok[64], end[32], *v, *f[6], *p;
	int	 i;
	long	 st;

	ck_assert_int_eq(http_get(b, "/tuigong", 1, a), 200);
	v = xpath_str(a, "string(/page/form/@token)");
	snprintf(tok, sizeof(tok), "%s", v);
	free(v);
	answer_free(a);
	snprintf(q, sizeof(q), "SELECT e.contract_no || '|' || e.start_date || "
	    "'|' || COALESCE(e.end_date, '') || '|' || p.sex || '|' || p.birth "
	    "|| '|' || p.hukou_type FROM employments e JOIN persons p ON p.id = "
	    "e.person_id WHERE p.id = %s AND e.status = '在职'", w->id);
	v = db_query(q);
	ck_assert_ptr_nonnull(v);
	for (i = 0, p = v; i < 6; i++) {
		f[i] = p;
		p += strcspn(p, "|");
		if (*p == '|')
			*p++ = '\0';
	}
	hall_date(-86400, end);
	st = http_post(b, "/tuigong/save", 1, a, "token", tok, "id", "",
	    "name", w->name, "sfzh", w->idno, "sex", f[3], "birth", f[4],
	    "hukou_type", f[5], "phone", "13800138000", "reason", "协商一致解除",
	    "end_date", end, "contract_no", f[0], "contract_start", f[1],
	    "contract_end", f[2], "open_ended", f[2][0] == '\0' ? "1" : "",
	    "post", "会计", "remark", "", "handler_name", "测试经办",
	    "handler_title", "人事", "handler_phone", "027-87654321", NULL);
	free(v);
	return st;
}

/* Uploads PDF as 退工 material code of task id. */
static void
tuigong_upload(struct browser *b, long long id, const char *code)
{
	struct answer	 a;
	struct part	 p[3];
	char		 ids[24];

	snprintf(ids, sizeof(ids), "%lld", id);
	memset(p, 0, sizeof(p));
	p[0].name = "id";
	p[0].value = ids;
	p[1].name = "code";
	p[1].value = code;
	p[2].name = "file";
	p[2].file = PDF;
	ck_assert_int_lt(http_post_multipart(b, "/tuigong/upload", 1, p, 3, &a),
	    400);
	answer_free(&a);
}

START_TEST(jy_jianyuan_before_tuigong)
{
	struct browser	 b;
	struct answer	 a;
	struct who	 w;
	char		 path[64];
	long long	 tg;
	int		 i;

	pin_clock();
	db_exec("UPDATE policy SET value = '1' WHERE region = '420100' AND key = "
	    "'tuigong.require_jianyuan_first'");
	pick("demo-b", PLAIN " AND (e.end_date IS NULL OR e.end_date > "
	    "date('now', '+30 days'))", &w);
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	/* 退工 first: saved as a draft whose page, each time it is opened,
	 * says 社保关系未结清 and links to 减员; refused on 提交. */
	ck_assert_int_eq(tuigong_save(&b, &w, &a), 303);
	tg = task_of(&a);
	answer_free(&a);
	ck_assert_int_gt(tg, 0);
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "/tuigong?id=%lld%s", tg,
		    i == 0 ? "&done=saved" : "");
		ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
		ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@code = "
		    "'TG_SB_UNSETTLED' and @field = 'settled']"), 1);
		ck_assert_int_eq(xpath_count(&a, "/page/message[@kind = "
		    "'warn']"), 1);
		answer_free(&a);
		ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
		ck_assert_ptr_nonnull(strstr(a.body, "id=\"go-jianyuan\""));
		answer_free(&a);
	}
	tuigong_upload(&b, tg, "jiechu_zhengming");
	tuigong_upload(&b, tg, "sfz_copy");
	ck_assert_int_eq(post_id(&b, "/tuigong/submit", tg, &a), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@code = "
	    "'TG_SB_UNSETTLED']"), 1);
	answer_free(&a);
	/* The 减员 (no 退工 yet: rule 4's proof), approved. */
	reduce(&b, &w);
	/* Now the 退工 is accepted. */
	ck_assert_int_eq(post_id(&b, "/tuigong/submit", tg, &a), 303);
	answer_free(&a);
	snprintf(path, sizeof(path), "/tuigong?id=%lld", tg);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "进行中");
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

static Suite *
jianyuan_http_suite(void)
{
	Suite	*s = suite_create("jianyuan_http");
	TCase	*tc;

	tc = tcase_create("jianyuan");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, jy_query_lists_insured);
	tcase_add_test(tc, jy_rule4_needs_attachment);
	tcase_add_test(tc, jy_bad_one_ineligible_refuses_all);
	tcase_add_test(tc, jy_bad_other_units_person);
	tcase_add_test(tc, jy_arrears_block_until_settled);
	tcase_add_test(tc, jy_zonghe_next_day_and_verify);
	tcase_add_test(tc, jy_zonghe_persons_table);
	tcase_add_test(tc, jy_table_and_export);
	tcase_add_test(tc, jy_batch_rows_failures_submit);
	tcase_add_test(tc, jy_jianyuan_before_tuigong);
	tcase_add_test(tc, jy_bad_change_date_form);
	tcase_add_test(tc, jy_bad_change_date_batch_row);
	tcase_add_test(tc, jy_table_of_done_task_is_stable);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(jianyuan_http_suite)
