/*
 * test_zengyuan.c: 增员 (续保) end to end through nginx with client
 * certificates: a 普通 unit's 增员 refused for each of seed 003's
 * reasons with its message (insured at another unit, naming it; a 个人
 * 流动窗口; the 大学生医保; outside the age window of a first
 * enrolment; no 用工备案 here, with the link; already paying here) and
 * nothing stored; a 补缴 of 3 months accepted and of 4 refused; the
 * 信息核对 locking the identity; the 《企业参保人员增员表》 printable
 * once submitted, and as .xlsx; the reviewer's approval setting the
 * base clamped to the region's floor and ceiling, the person then in
 * 减员's list and the 增员 on his timeline; a 续保 reopening the
 * stopped row; another unit 404 for the task, the table and the print.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../suites.h"
#include "client.h"

#define OK_PDF	"unit/fixtures/files/ok.pdf"
#define OK_JPG	"unit/fixtures/files/ok.jpg"

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

/* The hall's month (UTC+8) offset by months into buf[8]. */
static void
hall_month(int months, char buf[8])
{
	time_t		 t = time(NULL) + 8 * 3600;
	struct tm	 tm;
	int		 m;

	gmtime_r(&t, &tm);
	m = tm.tm_year * 12 + tm.tm_mon + months;
	snprintf(buf, 8, "%04d-%02d", 1900 + m / 12, m % 12 + 1);
}

/* A person the hall has never insured, born in year, on file and, when
 * emp, 在职 at username's unit. */
static void
person_new(const char *username, int year, const char *name, int emp,
    struct who *w)
{
	static int	 n;
	char		 q[512], *v;

	ck_assert_int_eq(unused_idno(year, w->idno), 0);
	snprintf(w->name, sizeof(w->name), "%s%d", name, ++n);
	snprintf(q, sizeof(q), "INSERT INTO persons (idno, name, sex, birth) "
	    "VALUES ('%s', '%s', '%s', '%.4s-%.2s-%.2s') RETURNING id",
	    w->idno, w->name, (w->idno[16] - '0') % 2 ? "男" : "女",
	    w->idno + 6, w->idno + 10, w->idno + 12);
	ck_assert_ptr_nonnull(v = db_query(q));
	snprintf(w->id, sizeof(w->id), "%s", v);
	free(v);
	if (!emp)
		return;
	snprintf(q, sizeof(q), "INSERT INTO employments (person_id, unit_id, "
	    "contract_no, start_date, registered_at) SELECT %s, unit_id, "
	    "'ZY-%s', '2026-01-01', '2026-01-01' FROM accounts WHERE "
	    "username = '%s'", w->id, w->idno, username);
	db_exec(q);
}

/* A fresh one-time form token from GET /zengyuan. */
static void
form_token(struct browser *b, char tok[40])
{
	struct answer	 a;
	char		*v;

	ck_assert_int_eq(http_get(b, "/zengyuan", 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	ck_assert_uint_eq(strlen(v), 32);
	snprintf(tok, 40, "%s", v);
	free(v);
	answer_free(&a);
}

/* POSTs the form for w: 参保日期 this month, wage (元), 补缴 from
 * bujiao ("" 否); returns the status. */
static long
save(struct browser *b, const struct who *w, const char *wage,
    const char *bujiao, struct answer *a)
{
	char	 tok[40], month[8], birth[11];

	form_token(b, tok);
	hall_month(0, month);
	snprintf(birth, sizeof(birth), "%.4s-%.2s-%.2s", w->idno + 6,
	    w->idno + 10, w->idno + 12);
	return http_post(b, "/zengyuan/save", 1, a, "token", tok, "id", "",
	    "name", w->name, "sfzh", w->idno, "sex", (w->idno[16] - '0') % 2 ?
	    "男" : "女", "birth", birth, "zy_nation", "汉族", "hukou_type",
	    "城镇", "phone", "13800138000", "zy_hukou_addr", "武汉市江汉区",
	    "zy_start", month, "zy_wage", wage, "zy_bujiao", bujiao[0] != '\0' ?
	    "是" : "否", "zy_bujiao_from", bujiao, "zy_sb_no", "",
	    "zy_special", "", NULL);
}

/* The task id of a 303 to /zengyuan?id=N. */
static long long
task_of(const struct answer *a)
{
	const char	*p = strstr(a->location, "/zengyuan?id=");

	ck_assert_msg(p != NULL, "location '%s'", a->location);
	return atoll(p + 13);
}

/* POSTs id to path; returns the status. */
static long
post_id(struct browser *b, const char *path, long long id, struct answer *a)
{
	char	 ids[24];

	snprintf(ids, sizeof(ids), "%lld", id);
	return http_post(b, path, 1, a, "id", ids, NULL);
}

/* Uploads file as material of task id, expecting status want; the
 * answer into *a. */
static void
upload_as(struct browser *b, long long id, const char *material,
    const char *file, int want, struct answer *a)
{
	struct part	 p[3];
	char		 ids[24];

	snprintf(ids, sizeof(ids), "%lld", id);
	memset(p, 0, sizeof(p));
	p[0].name = "id";
	p[0].value = ids;
	p[1].name = "material";
	p[1].value = material;
	p[2].name = "file";
	p[2].file = file;
	ck_assert_int_eq(http_post_multipart(b, "/zengyuan/upload", 1, p, 3,
	    a), want);
}

/* Uploads file as material of task id. */
static void
upload(struct browser *b, long long id, const char *material,
    const char *file)
{
	struct answer	 a;
	struct part	 p[3];
	char		 ids[24];

	snprintf(ids, sizeof(ids), "%lld", id);
	memset(p, 0, sizeof(p));
	p[0].name = "id";
	p[0].value = ids;
	p[1].name = "material";
	p[1].value = material;
	p[2].name = "file";
	p[2].file = file;
	ck_assert_int_eq(http_post_multipart(b, "/zengyuan/upload", 1, p, 3,
	    &a), 303);
	answer_free(&a);
}

/* Saves w's 增员 with wage, uploads the materials (户口簿, 用工证明 and
 * the photo) and submits; returns the task. */
static long long
enrol(struct browser *b, const struct who *w, const char *wage)
{
	struct answer	 a;
	long long	 id;

	ck_assert_int_eq(save(b, w, wage, "", &a), 303);
	id = task_of(&a);
	answer_free(&a);
	upload(b, id, "hukouben_copy", OK_PDF);
	upload(b, id, "yonggong_zhengming", OK_PDF);
	/* A PDF is no photo: refused at upload, in Chinese. */
	upload_as(b, id, "zhaopian", OK_PDF, 422, &a);
	ck_assert_ptr_nonnull(strstr(a.body, "须为JPG格式的图片"));
	answer_free(&a);
	upload(b, id, "zhaopian", OK_JPG);
	ck_assert_int_eq(post_id(b, "/zengyuan/submit", id, &a), 303);
	ck_assert_ptr_nonnull(strstr(a.location, "done=submitted"));
	answer_free(&a);
	return id;
}

/* The reviewer approves task id. */
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

/* The base the region allows for wage fen this month: clamped to
 * base.floor_pct and base.ceiling_pct of the 社平工资 (policy rows). */
static long long
expected_base(long long wage)
{
	long long	 avg, lo, hi;

	avg = db_int("SELECT value FROM policy WHERE region = '420100' AND "
	    "key = 'wage.avg_monthly_fen' AND valid_from <= date('now', "
	    "'+8 hours') ORDER BY valid_from DESC LIMIT 1");
	lo = db_int("SELECT value FROM policy WHERE region = '*' AND key = "
	    "'base.floor_pct'") * avg / 100;
	hi = db_int("SELECT value FROM policy WHERE region = '*' AND key = "
	    "'base.ceiling_pct'") * avg / 100;
	ck_assert_int_gt(avg, 0);
	return wage < lo ? lo : wage > hi ? hi : wage;
}

/* ---- Refusals ---- */

enum zy_kind {
	ZK_ELSEWHERE,	/* 参保缴费 at demo-b's unit */
	ZK_FLOW,	/* in a 个人流动窗口 */
	ZK_STUDENT,	/* in the 大学生医保 */
	ZK_OLD,		/* born 1970, never insured */
	ZK_NO_EMP,	/* no 用工备案 here */
	ZK_HERE,	/* already paying here */
};

struct refusal {
	enum zy_kind	 kind;
	const char	*code;
	const char	*words;
};

static const struct refusal refusals[] = {
	{ ZK_ELSEWHERE, "ZY_INSURED_ELSEWHERE", "单位未停保" },
	{ ZK_FLOW, "ZY_FLOW_WINDOW", "此人在江岸区个人流动窗口" },
	{ ZK_STUDENT, "ZY_STUDENT_MEDICAL", "此人已参加大学生医保" },
	{ ZK_OLD, "ZY_AGE_WINDOW", "请携带相关资料到辖区社保经办机构审核办理" },
	{ ZK_NO_EMP, "ZY_NO_YONGGONG", "请先办理用工备案" },
	{ ZK_HERE, "ZY_INSURED_HERE", "已在本单位参保缴费" },
};

/* The person of kind k for demo-a. */
static void
refused_person(enum zy_kind k, struct who *w)
{
	char	 q[512];

	switch (k) {
	case ZK_ELSEWHERE:
		ck_assert_int_eq(make_insured("demo-b", "他处参保", w->id,
		    w->idno), 0);
		snprintf(w->name, sizeof(w->name), "他处参保");
		snprintf(q, sizeof(q), "INSERT INTO employments (person_id, "
		    "unit_id, contract_no, start_date, registered_at) SELECT "
		    "%s, unit_id, 'ZYE-%s', '2026-01-01', '2026-01-01' FROM "
		    "accounts WHERE username = 'demo-a'", w->id, w->idno);
		db_exec(q);
		return;
	case ZK_FLOW:
	case ZK_STUDENT:
		person_new("demo-a", 1998, "拒绝增员", 1, w);
		snprintf(q, sizeof(q), "UPDATE persons SET %s WHERE id = %s",
		    k == ZK_FLOW ? "flow_window = '江岸区'" :
		    "student_medical = 1", w->id);
		db_exec(q);
		return;
	case ZK_OLD:
		person_new("demo-a", 1970, "超龄增员", 1, w);
		return;
	case ZK_NO_EMP:
		person_new("demo-a", 1996, "未备案", 0, w);
		return;
	case ZK_HERE:
		ck_assert_int_eq(make_insured("demo-a", "本单位在保", w->id,
		    w->idno), 0);
		snprintf(w->name, sizeof(w->name), "本单位在保");
		return;
	}
}

/* Each refusal: 422, its code and message, nothing stored. */
START_TEST(zy_refusals)
{
	const struct refusal	*c = &refusals[_i];
	struct browser		 b;
	struct answer		 a;
	struct who		 w;
	char			 sql[256], expr[128], *other;

	set_clock(NULL);
	refused_person(c->kind, &w);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(save(&b, &w, "6000", "", &a), 422);
	snprintf(expr, sizeof(expr), "string(/page/errors/error[@code = "
	    "'%s'])", c->code);
	ck_xpath_has(&a, expr, c->words);
	if (c->kind == ZK_ELSEWHERE) {
		other = db_query("SELECT u.name FROM units u JOIN accounts a ON "
		    "a.unit_id = u.id WHERE a.username = 'demo-b'");
		ck_assert_ptr_nonnull(other);
		snprintf(sql, sizeof(sql), "此人在%s单位未停保", other);
		ck_xpath_has(&a, expr, sql);
		ck_xpath_has(&a, expr, "原单位办理停保");
		free(other);
	}
	/* The typed values are kept; the page is the form again. */
	ck_xpath_eq(&a, "string(/page/zengyuan/@sfzh)", w.idno);
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM zengyuan WHERE "
	    "idno = '%s'", w.idno);
	ck_assert_int_eq(db_int(sql), 0);
}
END_TEST

/* The HTML of a refusal without 用工备案 links to register it. */
START_TEST(zy_refusal_links_yonggong)
{
	struct browser	 b;
	struct answer	 a;
	struct who	 w;
	char		 tok[40], month[8];

	person_new("demo-a", 1996, "链接备案", 0, &w);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	form_token(&b, tok);
	hall_month(0, month);
	ck_assert_int_eq(http_post_html(&b, "/zengyuan/save", &a, "token", tok,
	    "id", "", "name", w.name, "sfzh", w.idno, "sex",
	    (w.idno[16] - '0') % 2 ? "男" : "女", "birth", "", "zy_nation",
	    "汉族", "hukou_type", "城镇", "phone", "13800138000",
	    "zy_hukou_addr", "", "zy_start", month, "zy_wage", "6000",
	    "zy_bujiao", "否", "zy_bujiao_from", "", "zy_sb_no", "",
	    "zy_special", "", NULL), 422);
	ck_assert_ptr_nonnull(strstr(a.body, "id=\"go-yonggong\" "
	    "href=\"/yonggong\""));
	ck_assert_ptr_nonnull(strstr(a.body, "请先办理用工备案"));
	ck_assert_ptr_null(strstr(a.body, "ZY_NO_YONGGONG"));
	answer_free(&a);
}
END_TEST

/* 补缴 of 3 months (including this one) accepted, of 4 refused. */
START_TEST(zy_bujiao_three_not_four)
{
	struct browser	 b;
	struct answer	 a;
	struct who	 w, x;
	char		 from[8], sql[256];

	person_new("demo-a", 1995, "补缴三月", 1, &w);
	person_new("demo-a", 1995, "补缴四月", 1, &x);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	hall_month(-2, from);
	ck_assert_int_eq(save(&b, &w, "6000", from, &a), 303);
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM zengyuan WHERE idno "
	    "= '%s' AND bujiao_from = '%s'", w.idno, from);
	ck_assert_int_eq(db_int(sql), 1);
	hall_month(-3, from);
	ck_assert_int_eq(save(&b, &x, "6000", from, &a), 422);
	ck_xpath_has(&a, "string(/page/errors/error[@code = "
	    "'ZY_BUJIAO_TOO_LONG'])", "不得超过3个月(含当月)");
	ck_xpath_has(&a, "string(/page/errors/error[@code = "
	    "'ZY_BUJIAO_TOO_LONG'])",
	    "请携带相关资料到辖区社保经办机构审核办理");
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM zengyuan WHERE idno "
	    "= '%s'", x.idno);
	ck_assert_int_eq(db_int(sql), 0);
}
END_TEST

/* ---- Approval ---- */

struct clamp {
	const char	*wage;		/* 元 */
	long long	 fen;
};

static const struct clamp clamps[] = {
	{ "1000", 100000 },		/* under the floor */
	{ "100000", 10000000 },		/* over the ceiling */
};

/* The 信息核对, the 增员表 once submitted, approval on the clamped base,
 * the person in 减员 and the 增员 on his timeline; another unit 404. */
START_TEST(zy_approve_clamped)
{
	const struct clamp	*c = &clamps[_i];
	struct browser		 b, o;
	struct answer		 a;
	struct who		 w;
	char			 path[128], sql[512], month[8];
	long long		 id;

	person_new("demo-a", 1994, "增员核定", 1, &w);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	id = enrol(&b, &w, c->wage);

	/* The 信息核对 of the saved draft was the form; now it is 进行中
	 * and its 增员表 prints for the counter. */
	snprintf(path, sizeof(path), "/print/zengyuan?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_has(&a, "string(/page/receipt/@no)", "ZY");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "企业参保人员增员表"));
	ck_assert_ptr_nonnull(strstr(a.body, w.name));
	answer_free(&a);
	snprintf(path, sizeof(path), "/zengyuan/export?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.ctype, "spreadsheetml"));
	ck_assert_int_eq(memcmp(a.body, "PK", 2), 0);
	answer_free(&a);
	snprintf(path, sizeof(path), "/zengyuan?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "当月20日前"));
	answer_free(&a);

	/* Another unit: 404 for the task, the table and the print. */
	browser_init(&o, "unit-b");
	ck_assert_int_eq(login(&o, "demo-b"), 0);
	ck_assert_int_eq(http_get(&o, path, 1, &a), 404);
	ck_assert_ptr_null(strstr(a.body, w.name));
	answer_free(&a);
	snprintf(path, sizeof(path), "/zengyuan/export?id=%lld", id);
	ck_assert_int_eq(http_get(&o, path, 1, &a), 404);
	answer_free(&a);
	snprintf(path, sizeof(path), "/print/zengyuan?id=%lld", id);
	ck_assert_int_eq(http_get(&o, path, 1, &a), 404);
	ck_assert_ptr_null(strstr(a.body, w.name));
	answer_free(&a);

	approve(id);
	hall_month(0, month);
	snprintf(sql, sizeof(sql), "SELECT i.base_fen FROM insurance i JOIN "
	    "accounts u ON u.unit_id = i.unit_id WHERE u.username = 'demo-a' "
	    "AND i.person_id = %s AND i.status = '参保缴费' AND i.start_month "
	    "= '%s'", w.id, month);
	ck_assert_int_eq(db_int(sql), expected_base(c->fen));
	ck_assert_int_ne(db_int(sql), c->fen);

	/* 减员 lists him now. */
	snprintf(path, sizeof(path), "/jianyuan?sfzh=%s", w.idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/persons/person"), 1);
	answer_free(&a);
	/* His timeline shows the 增员. */
	snprintf(path, sizeof(path), "/tuigong/timeline?sfzh=%s", w.idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	snprintf(sql, sizeof(sql), "//step[@kind = '增员' and @task = '%lld' "
	    "and @state = '结束']", id);
	ck_assert_int_eq(xpath_count(&a, sql), 1);
	answer_free(&a);
}
END_TEST

/* A 续保 at the same unit reopens the stopped row. */
START_TEST(zy_renewal_reopens)
{
	struct browser	 b;
	struct answer	 a;
	struct who	 w;
	char		 sql[256];
	long long	 before, id;

	ck_assert_int_eq(make_insured("demo-a", "续保增员", w.id, w.idno), 0);
	snprintf(w.name, sizeof(w.name), "续保增员");
	snprintf(sql, sizeof(sql), "UPDATE insurance SET status = '暂停缴费', "
	    "stop_month = '2025-06' WHERE person_id = %s", w.id);
	db_exec(sql);
	snprintf(sql, sizeof(sql), "SELECT id FROM insurance WHERE person_id "
	    "= %s", w.id);
	before = db_int(sql);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	id = enrol(&b, &w, "8000");
	approve(id);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM insurance WHERE "
	    "person_id = %s", w.id);
	ck_assert_int_eq(db_int(sql), 1);
	snprintf(sql, sizeof(sql), "SELECT id FROM insurance WHERE person_id "
	    "= %s AND status = '参保缴费' AND stop_month IS NULL AND base_fen "
	    "= 800000", w.id);
	ck_assert_int_eq(db_int(sql), before);
	snprintf(sql, sizeof(sql), "/zengyuan?id=%lld", id);
	ck_assert_int_eq(http_get(&b, sql, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/zengyuan/@renewal)", "1");
	ck_xpath_eq(&a, "string(/page/task/@state)", "结束");
	answer_free(&a);
}
END_TEST

/* The saved draft is the 信息核对: 姓名 may not change, the wage may. */
START_TEST(zy_check_locks_identity)
{
	struct browser	 b;
	struct answer	 a;
	struct who	 w;
	char		 ids[24], month[8], birth[11], sql[256];
	long long	 id;

	person_new("demo-a", 1997, "核对增员", 1, &w);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(save(&b, &w, "6000", "", &a), 303);
	id = task_of(&a);
	answer_free(&a);
	snprintf(ids, sizeof(ids), "%lld", id);
	snprintf(sql, sizeof(sql), "/zengyuan?id=%lld", id);
	ck_assert_int_eq(http_get(&b, sql, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "信息核对"));
	ck_assert_ptr_nonnull(strstr(a.body, "readonly locked"));
	answer_free(&a);
	hall_month(0, month);
	snprintf(birth, sizeof(birth), "%.4s-%.2s-%.2s", w.idno + 6,
	    w.idno + 10, w.idno + 12);
	ck_assert_int_eq(http_post(&b, "/zengyuan/save", 1, &a, "id", ids,
	    "name", "改名了", "sfzh", w.idno, "sex", (w.idno[16] - '0') % 2 ?
	    "男" : "女", "birth", birth, "zy_nation", "汉族", "hukou_type",
	    "城镇", "phone", "13800138000", "zy_hukou_addr", "", "zy_start",
	    month, "zy_wage", "6500", "zy_bujiao", "否", "zy_bujiao_from", "",
	    "zy_sb_no", "", "zy_special", "", NULL), 422);
	ck_xpath_has(&a, "string(/page/errors/error[@code = "
	    "'ZY_IDENTITY_LOCKED'])", "退单");
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/zengyuan/save", 1, &a, "id", ids,
	    "name", w.name, "sfzh", w.idno, "sex", (w.idno[16] - '0') % 2 ?
	    "男" : "女", "birth", birth, "zy_nation", "汉族", "hukou_type",
	    "城镇", "phone", "13800138000", "zy_hukou_addr", "", "zy_start",
	    month, "zy_wage", "6500", "zy_bujiao", "否", "zy_bujiao_from", "",
	    "zy_sb_no", "", "zy_special", "军转干", NULL), 303);
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT wage_fen FROM zengyuan WHERE "
	    "task_id = %lld AND name = '%s' AND special = '军转干'", id, w.name);
	ck_assert_int_eq(db_int(sql), 650000);
	snprintf(sql, sizeof(sql), "/zengyuan?id=%lld", id);
	ck_assert_int_eq(http_get(&b, sql, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "特殊人群认定手续"));
	answer_free(&a);
}
END_TEST

static Suite *
zengyuan_http_suite(void)
{
	Suite	*s = suite_create("zengyuan");
	TCase	*tc = tcase_create("zengyuan");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, zy_refusals, 0,
	    sizeof(refusals) / sizeof(refusals[0]));
	tcase_add_test(tc, zy_refusal_links_yonggong);
	tcase_add_test(tc, zy_bujiao_three_not_four);
	tcase_add_loop_test(tc, zy_approve_clamped, 0,
	    sizeof(clamps) / sizeof(clamps[0]));
	tcase_add_test(tc, zy_renewal_reopens);
	tcase_add_test(tc, zy_check_locks_identity);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(zengyuan_http_suite)
