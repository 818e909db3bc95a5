/*
 * test_yonggong.c: 用工备案 end to end through nginx with client
 * certificates: a 普通 unit registers a person the hall has never
 * seen, the reviewer approves, the employment is 在职 and 退工's pick
 * list and prefill find it, the 《用工备案表》 prints (A4 HTML, its
 * number and verification code checked on the public page) and
 * another unit gets 404 for the task and the printout; a VIP unit's
 * registration ends at once; each refusal with its Chinese message; a
 * late one accepted and flagged 逾期; a 30-row batch with two bad rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../suites.h"
#include "client.h"
#include "xlsx.h"

#define OK_PDF	"unit/fixtures/files/ok.pdf"

/* Asserts an XPath string value contains want. */
#define ck_xpath_has(a, expr, want) do {				\
	char *_v = xpath_str((a), (expr));				\
	ck_assert_msg(strstr(_v, (want)) != NULL, "%s: got '%s', want '%s'", \
	    (expr), _v, (want));					\
	free(_v);							\
} while (0)

/* One registration as the form posts it. */
struct reg {
	char	 idno[19];
	char	 name[32];
	char	 sex[4];
	char	 birth[11];
	char	 work_form[16];
	char	 cno[40];
	char	 start[11];
	char	 end[11];	/* "" with open_ended */
	int	 open_ended;
	char	 hire[11];
};

/* The hall's date (UTC+8) offset by days into buf[11]. */
static void
hall_date(long days, char buf[11])
{
	time_t		 t = time(NULL) + 8 * 3600 + days * 86400;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

/* A registration of a person never seen, born in year, 全日制 from
 * yesterday, open-ended. */
static void
reg_new(int year, const char *name, struct reg *r)
{
	static int	 n;

	memset(r, 0, sizeof(*r));
	ck_assert_int_eq(unused_idno(year, r->idno), 0);
	snprintf(r->name, sizeof(r->name), "%s%d", name, ++n);
	snprintf(r->sex, sizeof(r->sex), "%s", (r->idno[16] - '0') % 2 ?
	    "男" : "女");
	snprintf(r->birth, sizeof(r->birth), "%.4s-%.2s-%.2s", r->idno + 6,
	    r->idno + 10, r->idno + 12);
	snprintf(r->work_form, sizeof(r->work_form), "全日制");
	snprintf(r->cno, sizeof(r->cno), "YGT-%s", r->idno);
	hall_date(-1, r->hire);
	snprintf(r->start, sizeof(r->start), "%s", r->hire);
	r->open_ended = 1;
}

/* A fresh one-time form token from GET /yonggong. */
static void
form_token(struct browser *b, char tok[40])
{
	struct answer	 a;
	char		*v;

	ck_assert_int_eq(http_get(b, "/yonggong", 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	ck_assert_uint_eq(strlen(v), 32);
	snprintf(tok, 40, "%s", v);
	free(v);
	answer_free(&a);
}

/* POSTs the form for r (answered as HTML with html, else XML);
 * returns the status. */
static long
save_as(struct browser *b, const struct reg *r, int html, struct answer *a)
{
	char	 tok[40];

	form_token(b, tok);
	if (html)
		return http_post_html(b, "/yonggong/save", a, "token", tok,
		    "id", "", "name", r->name, "sfzh", r->idno, "sex", r->sex,
		    "birth", r->birth, "hukou_type", "农村", "phone",
		    "13800138000", "education", "高中", "work_form",
		    r->work_form, "category", "农籍工", "contract_no", r->cno,
		    "contract_start", r->start, "contract_end", r->end,
		    "open_ended", r->open_ended ? "1" : "", "post", "焊工",
		    "job_type", "电焊", "wage", "5200.50", "hire_date", r->hire,
		    NULL);
	return http_post(b, "/yonggong/save", 1, a, "token", tok, "id", "",
	    "name", r->name, "sfzh", r->idno, "sex", r->sex, "birth",
	    r->birth, "hukou_type", "农村", "phone", "13800138000",
	    "education", "高中", "work_form", r->work_form, "category",
	    "农籍工", "contract_no", r->cno, "contract_start", r->start,
	    "contract_end", r->end, "open_ended", r->open_ended ? "1" : "",
	    "post", "焊工", "job_type", "电焊", "wage", "5200.50",
	    "hire_date", r->hire, NULL);
}

/* POSTs the form for r as XML; returns the status. */
static long
save(struct browser *b, const struct reg *r, struct answer *a)
{
	return save_as(b, r, 0, a);
}

/* The task id of a 303 to /yonggong?id=N. */
static long long
task_of(const struct answer *a)
{
	const char	*p = strstr(a->location, "/yonggong?id=");

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

/* Uploads the 劳动合同 scan to task id and submits it. */
static void
upload_submit(struct browser *b, long long id)
{
	struct answer	 a;
	struct part	 p[3];
	char		 ids[24];

	snprintf(ids, sizeof(ids), "%lld", id);
	memset(p, 0, sizeof(p));
	p[0].name = "id";
	p[0].value = ids;
	p[1].name = "material";
	p[1].value = "hetong_copy";
	p[2].name = "file";
	p[2].file = OK_PDF;
	ck_assert_int_eq(http_post_multipart(b, "/yonggong/upload", 1, p, 3,
	    &a), 303);
	answer_free(&a);
	ck_assert_int_eq(post_id(b, "/yonggong/submit", id, &a), 303);
	ck_assert_ptr_nonnull(strstr(a.location, "done=submitted"));
	answer_free(&a);
}

/* Saves r, uploads the 劳动合同 scan and submits; returns the task. */
static long long
register_one(struct browser *b, const struct reg *r)
{
	struct answer	 a;
	long long	 id;

	ck_assert_int_eq(save(b, r, &a), 303);
	id = task_of(&a);
	answer_free(&a);
	upload_submit(b, id);
	return id;
}

/* The task's state as the unit sees it. */
static void
ck_state(struct browser *b, long long id, const char *want)
{
	struct answer	 a;
	char		 path[64];

	snprintf(path, sizeof(path), "/yonggong?id=%lld", id);
	ck_assert_int_eq(http_get(b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", want);
	answer_free(&a);
}

START_TEST(yg_plain_approve_tuigong_print)
{
	struct browser	 b, r, o;
	struct answer	 a;
	struct reg	 g;
	char		 path[160], sql[512], *no, *code, *v;
	long long	 id;

	set_clock(NULL);
	reg_new(1992, "用工测", &g);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	id = register_one(&b, &g);
	ck_state(&b, id, "进行中");
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM employments WHERE "
	    "contract_no = '%s'", g.cno);
	ck_assert_int_eq(db_int(sql), 0);

	/* The reviewer sees the facts and approves. */
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	snprintf(path, sizeof(path), "/review/task?id=%lld", id);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/detail/field[@label='姓名'])", g.name);
	ck_xpath_eq(&a, "string(/page/detail/field[@label='用工形式'])",
	    "全日制");
	ck_xpath_eq(&a, "string(/page/detail/field[@label='用工范围'])",
	    "农籍工");
	answer_free(&a);
	ck_assert_int_eq(post_id(&r, "/review/approve", id, &a), 303);
	answer_free(&a);
	ck_state(&b, id, "结束");

	/* 在职, with its contract, registered by this task, not late. */
	snprintf(sql, sizeof(sql), "SELECT e.status || '|' || e.work_form || "
	    "'|' || e.category || '|' || e.reg_task_id || '|' || e.late || '|' "
	    "|| e.wage_fen || '|' || p.name || '|' || p.hukou_type FROM "
	    "employments e JOIN persons p ON p.id = e.person_id WHERE "
	    "e.contract_no = '%s'", g.cno);
	v = db_query(sql);
	snprintf(path, sizeof(path), "在职|全日制|农籍工|%lld|0|520050|%s|农村",
	    id, g.name);
	ck_assert_str_eq(v, path);
	free(v);

	/* 退工 sees it: in the pick list and in the prefill. */
	snprintf(path, sizeof(path), "/tuigong?q=%s", g.idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	snprintf(sql, sizeof(sql), "string(/page/persons/person[@idno='%s']"
	    "/@name)", g.idno);
	ck_xpath_eq(&a, sql, g.name);
	answer_free(&a);
	snprintf(path, sizeof(path), "/tuigong?sfzh=%s", g.idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/tuigong/@contract-no)", g.cno);
	ck_xpath_eq(&a, "string(/page/tuigong/@name)", g.name);
	ck_xpath_eq(&a, "string(/page/tuigong/@open-ended)", "1");
	answer_free(&a);

	/* The 《用工备案表》: its facts, then the A4 page. */
	snprintf(path, sizeof(path), "/print/yonggong?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	no = xpath_str(&a, "string(/page/receipt/@no)");
	code = xpath_str(&a, "string(/page/receipt/@code)");
	ck_assert_int_eq(strncmp(no, "YG", 2), 0);
	ck_assert_uint_eq(strlen(code), 8);
	ck_xpath_eq(&a, "string(/page/detail/field[@label='合同编号'])", g.cno);
	ck_xpath_eq(&a, "string(/page/detail/field[@label='用工之日'])", g.hire);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.ctype, "text/html"));
	ck_assert_ptr_nonnull(strstr(a.body, "<h1 class=\"receipt-title\">"
	    "用工备案表</h1>"));
	ck_assert_ptr_nonnull(strstr(a.body, "print-page"));
	ck_assert_ptr_nonnull(strstr(a.body, g.name));
	ck_assert_ptr_nonnull(strstr(a.body, no));
	ck_assert_ptr_nonnull(strstr(a.body, code));
	answer_free(&a);
	snprintf(path, sizeof(path), "/verify?no=%s&code=%s", no, code);
	ck_assert_int_eq(http_get_pub(path, &a), 200);
	ck_xpath_eq(&a, "string(/page/result/@valid)", "1");
	ck_xpath_eq(&a, "string(/page/result/receipt/@kind)", "用工备案表");
	answer_free(&a);
	code[0] = code[0] == 'A' ? 'B' : 'A';
	snprintf(path, sizeof(path), "/verify?no=%s&code=%s", no, code);
	ck_assert_int_eq(http_get_pub(path, &a), 200);
	ck_xpath_eq(&a, "string(/page/result/@valid)", "0");
	ck_assert_ptr_null(strstr(a.body, g.name));
	answer_free(&a);
	free(no);
	free(code);

	/* Another unit: 404 for the task and for its printout. */
	browser_init(&o, "unit-b");
	ck_assert_int_eq(login(&o, "demo-b"), 0);
	snprintf(path, sizeof(path), "/yonggong?id=%lld", id);
	ck_assert_int_eq(http_get(&o, path, 1, &a), 404);
	ck_assert_ptr_null(strstr(a.body, g.name));
	answer_free(&a);
	snprintf(path, sizeof(path), "/print/yonggong?id=%lld", id);
	ck_assert_int_eq(http_get(&o, path, 1, &a), 404);
	ck_assert_ptr_null(strstr(a.body, g.name));
	answer_free(&a);
	ck_assert_int_eq(http_get(&o, path, 0, &a), 404);
	answer_free(&a);

	/* And the same person 全日制 there: refused, the way named. */
	ck_assert_int_eq(save(&o, &g, &a), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@code="
	    "'YG_CONTRACT_TAKEN']"), 1);
	ck_xpath_has(&a, "string(/page/errors/error[@code="
	    "'YG_FULLTIME_ELSEWHERE'])",
	    "该职工在其他单位有在职的全日制用工备案");
	ck_xpath_has(&a, "string(/page/errors/error[@code="
	    "'YG_FULLTIME_ELSEWHERE'])", "退工");
	ck_assert_ptr_null(strstr(a.body, "示例商贸"));
	answer_free(&a);
}
END_TEST

START_TEST(yg_vip_at_once)
{
	struct browser	 b;
	struct answer	 a;
	struct reg	 g;
	char		 sql[256];
	long long	 id;

	reg_new(1988, "用工VIP", &g);
	g.open_ended = 0;
	snprintf(g.end, sizeof(g.end), "2030-12-31");
	browser_init(&b, "unit-vip");
	ck_assert_int_eq(login(&b, "demo-vip"), 0);
	id = register_one(&b, &g);
	snprintf(sql, sizeof(sql), "/yonggong?id=%lld", id);
	ck_assert_int_eq(http_get(&b, sql, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "结束");
	ck_xpath_eq(&a, "string(/page/task/@decided-by)", "系统自动审核");
	ck_xpath_eq(&a, "string(/page/@view)", "task");
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT status || '|' || COALESCE(end_date, "
	    "'') FROM employments WHERE contract_no = '%s'", g.cno);
	{
		char	*v = db_query(sql);

		ck_assert_str_eq(v, "在职|2030-12-31");
		free(v);
	}
}
END_TEST

/* One refusal: what is changed in a good registration, the field and
 * code of the error and a fragment of its message. */
struct refusal {
	const char	*what;
	void		(*change)(struct reg *r);
	const char	*field;
	const char	*code;
	const char	*words;
};

static void
r_sex(struct reg *r)
{
	snprintf(r->sex, sizeof(r->sex), "%s", strcmp(r->sex, "男") == 0 ?
	    "女" : "男");
}

static void
r_birth(struct reg *r)
{
	snprintf(r->birth, sizeof(r->birth), "1970-01-01");
}

static void
r_fulltime_elsewhere(struct reg *r)
{
	char	 id[24];

	/* 在职 全日制 at demo-b (make_insured's contract). */
	ck_assert_int_eq(make_insured("demo-b", r->name, id, r->idno), 0);
	snprintf(r->sex, sizeof(r->sex), "%s", (r->idno[16] - '0') % 2 ?
	    "男" : "女");
	snprintf(r->birth, sizeof(r->birth), "%.4s-%.2s-%.2s", r->idno + 6,
	    r->idno + 10, r->idno + 12);
}

static void
r_dates(struct reg *r)
{
	r->open_ended = 0;
	snprintf(r->end, sizeof(r->end), "2020-01-01");
}

static void
r_under16(struct reg *r)
{
	char	 y[5];
	time_t	 t = time(NULL) + 8 * 3600;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(y, sizeof(y), "%Y", &tm);
	reg_new(atoi(y) - 15, "少年", r);
}

static void
r_contract(struct reg *r)
{
	char	 id[24], idno[19], q[128], *v;

	/* The 合同编号 of someone else's registration. */
	ck_assert_int_eq(make_insured("demo-b", "合同主", id, idno), 0);
	snprintf(q, sizeof(q), "SELECT contract_no FROM employments WHERE "
	    "person_id = %s", id);
	v = db_query(q);
	snprintf(r->cno, sizeof(r->cno), "%s", v);
	free(v);
}

static void
r_known_name(struct reg *r)
{
	char	 q[512];

	/* On file (never employed here) under another 姓名. */
	snprintf(q, sizeof(q), "INSERT INTO persons (idno, name, sex, birth) "
	    "VALUES ('%s', '原登记名', '%s', '%s')", r->idno, r->sex, r->birth);
	db_exec(q);
}

static void
r_duplicate(struct reg *r)
{
	char	 id[24];

	/* 在职 全日制 at demo-a already. */
	ck_assert_int_eq(make_insured("demo-a", r->name, id, r->idno), 0);
	snprintf(r->sex, sizeof(r->sex), "%s", (r->idno[16] - '0') % 2 ?
	    "男" : "女");
	snprintf(r->birth, sizeof(r->birth), "%.4s-%.2s-%.2s", r->idno + 6,
	    r->idno + 10, r->idno + 12);
	r->work_form[0] = '\0';
	snprintf(r->work_form, sizeof(r->work_form), "非全日制");
}

static const struct refusal refusals[] = {
	{ "性别", r_sex, "sex", "YG_SEX_MISMATCH", "性别与身份证号不一致" },
	{ "出生日期", r_birth, "birth", "YG_BIRTH_MISMATCH",
	    "出生日期与身份证号不一致" },
	{ "全日制 elsewhere", r_fulltime_elsewhere, "work_form",
	    "YG_FULLTIME_ELSEWHERE", "该职工在其他单位有在职的全日制用工备案" },
	{ "dates", r_dates, "contract_end", "YG_TERM_ORDER",
	    "不能早于合同起始日期" },
	{ "under 16", r_under16, "hire_date", "YG_UNDER_AGE", "未满16周岁" },
	{ "合同编号", r_contract, "contract_no", "YG_CONTRACT_TAKEN",
	    "合同编号须唯一" },
	{ "姓名 on file", r_known_name, "name", "YG_NAME_MISMATCH",
	    "姓名与该身份证号已登记的姓名不一致" },
	{ "duplicate here", r_duplicate, "sfzh", "YG_DUPLICATE",
	    "在本单位已有在职的全日制用工备案" },
};

START_TEST(yg_refusals)
{
	const struct refusal	*c = &refusals[_i];
	struct browser		 b;
	struct answer		 a;
	struct reg		 g;
	char			 q[256];
	long long		 before;

	reg_new(1990, "用工拒", &g);
	c->change(&g);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	before = db_int("SELECT COUNT(*) FROM tasks WHERE business = "
	    "'yonggong'");
	ck_assert_int_eq(save(&b, &g, &a), 422);
	snprintf(q, sizeof(q), "string(/page/errors/error[@code='%s']"
	    "/@field)", c->code);
	ck_xpath_eq(&a, q, c->field);
	snprintf(q, sizeof(q), "string(/page/errors/error[@code='%s'])",
	    c->code);
	ck_xpath_has(&a, q, c->words);
	ck_xpath_eq(&a, "string(/page/yonggong/@name)", g.name);
	answer_free(&a);
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM tasks WHERE business = "
	    "'yonggong'"), before);
	/* What a browser sees: the message in Chinese, never the code. */
	ck_assert_int_eq(save_as(&b, &g, 1, &a), 422);
	ck_assert_ptr_nonnull(strstr(a.body, c->words));
	ck_assert_ptr_null(strstr(a.body, c->code));
	ck_assert_ptr_nonnull(strstr(a.body, "信息未保存"));
	answer_free(&a);
}
END_TEST

START_TEST(yg_late_flagged)
{
	struct browser	 b;
	struct answer	 a;
	struct reg	 g;
	char		 path[64], sql[256], q[256];
	long long	 id, before;

	reg_new(1985, "用工逾期", &g);
	hall_date(-45, g.hire);
	snprintf(g.start, sizeof(g.start), "%s", g.hire);
	browser_init(&b, "unit-vip");
	ck_assert_int_eq(login(&b, "demo-vip"), 0);
	ck_assert_int_eq(save(&b, &g, &a), 303);
	id = task_of(&a);
	answer_free(&a);
	snprintf(path, sizeof(path), "/yonggong?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/yonggong/@late)", "1");
	ck_xpath_eq(&a, "string(/page/task/@overdue)", "1");
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error"), 0);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "late-warning"));
	ck_assert_ptr_nonnull(strstr(a.body, "逾期"));
	answer_free(&a);
	/* Submitted (VIP: at once): 在职 and flagged 逾期, counted
	 * against the unit's 用工备案及时率. */
	snprintf(sql, sizeof(sql), "SELECT COALESCE((SELECT n FROM tallies t "
	    "JOIN accounts c ON c.unit_id = t.unit_id WHERE c.username = "
	    "'demo-vip' AND t.name = 'yonggong'), 0)");
	before = db_int(sql);
	upload_submit(&b, id);
	ck_state(&b, id, "结束");
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM employments WHERE "
	    "contract_no = '%s' AND late = 1 AND status = '在职'", g.cno);
	ck_assert_int_eq(db_int(q), 1);
	ck_assert_int_eq(db_int(sql), before + 1);
	ck_assert_int_eq(http_get(&b, "/yonggong", 1, &a), 200);
	ck_assert_int_ge(xpath_count(&a, "/page/timeliness[@overdue >= 1]"),
	    1);
	answer_free(&a);
}
END_TEST

/* A 30-row batch with two bad rows: 28 stored, the two listed with
 * their reasons, the failures list downloadable. */
START_TEST(yg_batch_30)
{
	static const char *const head[] = { "姓名", "身份证号", "户籍类型",
	    "联系电话", "文化程度", "用工形式", "用工范围", "合同编号",
	    "合同起始日期", "合同终止日期(或无固定期限)", "岗位", "工种",
	    "月工资(元)", "用工之日" };
	const char		*cells[31][14];
	const char *const	*rows[31];
	static struct reg	 g[30];
	struct browser		 b;
	struct answer		 a;
	struct part		 p[2];
	unsigned char		*buf;
	char			 tok[40], file[64], loc[512], id[24];
	size_t			 sz, i, j;
	long long		 task;
	FILE			*f;

	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	for (j = 0; j < 14; j++)
		cells[0][j] = head[j];
	for (i = 0; i < 30; i++) {
		reg_new(1980 + (int)(i % 20), "批量用工", &g[i]);
		if (i == 9)	/* row 11: 全日制 at demo-b */
			ck_assert_int_eq(make_insured("demo-b", g[i].name, id,
			    g[i].idno), 0);
		if (i == 19)	/* row 21: a bad check digit */
			g[i].idno[17] = g[i].idno[17] == '1' ? '2' : '1';
		cells[i + 1][0] = g[i].name;
		cells[i + 1][1] = g[i].idno;
		cells[i + 1][2] = "城镇";
		cells[i + 1][3] = "13800138000";
		cells[i + 1][4] = "大学专科";
		cells[i + 1][5] = "全日制";
		cells[i + 1][6] = "合同制";
		cells[i + 1][7] = g[i].cno;
		cells[i + 1][8] = g[i].start;
		cells[i + 1][9] = "无固定期限";
		cells[i + 1][10] = "操作工";
		cells[i + 1][11] = "";
		cells[i + 1][12] = "4800";
		cells[i + 1][13] = g[i].hire;
	}
	for (i = 0; i < 31; i++)
		rows[i] = cells[i];
	ck_assert_int_eq(xlsx_write("批量用工备案", rows, 31, 14, &buf, &sz), 0);
	snprintf(file, sizeof(file), "/tmp/yg-batch-%d.xlsx", (int)getpid());
	ck_assert_ptr_nonnull(f = fopen(file, "wb"));
	ck_assert_uint_eq(fwrite(buf, 1, sz, f), sz);
	ck_assert_int_eq(fclose(f), 0);
	free(buf);
	form_token(&b, tok);
	memset(p, 0, sizeof(p));
	p[0].name = "token";
	p[0].value = tok;
	p[1].name = "file";
	p[1].file = file;
	ck_assert_int_eq(http_post_multipart(&b, "/yonggong/batch/upload", 1,
	    p, 2, &a), 303);
	unlink(file);
	task = task_of(&a);
	ck_assert_ptr_nonnull(strstr(a.location, "done=imported"));
	snprintf(loc, sizeof(loc), "%s", strstr(a.location, "/yonggong"));
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, loc, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "batch-result");
	ck_xpath_eq(&a, "string(/page/batch/@ok)", "28");
	ck_xpath_eq(&a, "string(/page/batch/@failed)", "2");
	ck_assert_int_eq(xpath_count(&a, "/page/failures/failure"), 2);
	ck_xpath_eq(&a, "string(/page/failures/failure[1]/@row)", "11");
	ck_xpath_eq(&a, "string(/page/failures/failure[1]/@name)", g[9].name);
	ck_xpath_has(&a, "string(/page/failures/failure[1]/@reasons)",
	    "该职工在其他单位有在职的全日制用工备案");
	ck_xpath_eq(&a, "string(/page/failures/failure[2]/@row)", "21");
	ck_xpath_has(&a, "string(/page/failures/failure[2]/@reasons)",
	    "身份证号无效");
	ck_assert_int_eq(xpath_count(&a, "/page/rows/row"), 28);
	ck_xpath_eq(&a, "string(/page/message[@kind = 'warn'])",
	    "导入完成:共 30 行,成功 28 行,失败 2 行");
	answer_free(&a);
	snprintf(loc, sizeof(loc), "/yonggong/batch/failures?id=%lld", task);
	ck_assert_int_eq(http_get(&b, loc, 0, &a), 200);
	ck_assert_uint_gt(a.bodysz, 100);
	ck_assert_int_eq(memcmp(a.body, "PK", 2), 0);
	answer_free(&a);
	/* Submitted with the batch's contracts: to the reviewer. */
	upload_submit(&b, task);
	ck_state(&b, task, "进行中");
}
END_TEST

static Suite *
yonggong_http_suite(void)
{
	Suite	*s = suite_create("yonggong");
	TCase	*tc;

	tc = tcase_create("yonggong");
	tcase_set_timeout(tc, 180);
	tcase_add_test(tc, yg_plain_approve_tuigong_print);
	tcase_add_test(tc, yg_vip_at_once);
	tcase_add_loop_test(tc, yg_refusals, 0,
	    sizeof(refusals) / sizeof(refusals[0]));
	tcase_add_test(tc, yg_late_flagged);
	tcase_add_test(tc, yg_batch_30);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(yonggong_http_suite)
