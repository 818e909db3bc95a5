/*
 * test_yonggong.c: the 用工备案 rules as tables of cases (the plain
 * rules on a row, the store's rules over a small world: 全日制 at
 * another unit, a duplicate here, 非全日制 elsewhere, 合同编号 taken or
 * pending, a known person's 姓名), the 30-day deadline and its policy,
 * the workflow (save, submit, approve: the person and the 在职
 * employment made; a VIP unit at once; the 劳动合同 scan required), the
 * 用工备案及时率, describe and the batch cells.
 */
#include <check.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "audit.h"
#include "clock.h"
#include "employment.h"
#include "policy.h"
#include "store.h"
#include "valid.h"
#include "workflow.h"
#include "yonggong.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit, unit2, vip;
static struct actor	 clerk, vip_clerk, reviewer;
static struct hdate	 today;

/* The persons of the world, by index. */
enum yt_person {
	YT_NEW,		/* not on file */
	YT_NEW2,	/* not on file either */
	YT_FT_ELSE,	/* 在职 全日制 at unit2 */
	YT_PT_ELSE,	/* 在职 非全日制 at unit2 */
	YT_FT_HERE,	/* 在职 全日制 at unit */
	YT_GONE_ELSE,	/* 全日制 at unit2, 已退工 */
	YT_KNOWN,	/* on file (王芳), employed nowhere */
	YT_YOUNG,	/* born 2010-06-15: 16 on 2026-06-15 */
	YT__MAX
};

static char	 idno[YT__MAX][19];

/* Completes a 17-digit body with its GB 11643 check digit. */
static void
yt_idno(const char *body, char out[19])
{
	static const int	 w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7,
	    9, 10, 5, 8, 4, 2 };
	static const char	 c[] = "10X98765432";
	int			 i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (body[i] - '0') * w[i];
	snprintf(out, 19, "%.17s%c", body, c[sum % 11]);
}

/* Runs one SQL statement with text parameters (NULL binds NULL). */
static void
yt_sql(const char *sql, int n, ...)
{
	struct store_stmt	*st;
	va_list		 ap;
	int		 i;

	ck_assert_ptr_nonnull(st = store_stmt(db.s, sql));
	va_start(ap, n);
	for (i = 1; i <= n; i++)
		ck_assert_int_eq(store_bind_text(st, i,
		    va_arg(ap, const char *)), 0);
	va_end(ap);
	ck_assert_msg(store_exec_stmt(db.s, st) == 0, "%s: %s", sql,
	    store_errmsg(db.s));
}

/* Person i (body of the 身份证号), employed at u (0: nowhere) under
 * contract cno with work_form and status. */
static void
yt_person(enum yt_person i, const char *body, const char *name,
    const char *sex, const char *birth, int64_t u, const char *cno,
    const char *work_form, const char *status)
{
	char	 us[24], ps[24];
	int64_t	 pid;

	yt_idno(body, idno[i]);
	if (name == NULL)
		return;
	pid = th_person(db.s, idno[i], name, sex, birth);
	if (u == 0)
		return;
	snprintf(us, sizeof(us), "%lld", (long long)u);
	snprintf(ps, sizeof(ps), "%lld", (long long)pid);
	yt_sql("INSERT INTO employments (person_id, unit_id, contract_no, "
	    "start_date, registered_at, work_form, status) VALUES (?1, ?2, "
	    "?3, '2024-01-01', '2024-01-01', ?4, ?5)", 5, ps, us, cno,
	    work_form, status);
}

/* The world on 2026-03-20: a 普通 unit, another one, a VIP one. */
static void
setup(void)
{
	th_db_open(&db);
	th_clock_set(&db, "2026-03-20 10:00:00");
	clock_today(&today);
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	wf_register(&yonggong_business);
	unit = th_unit(db.s, "甲公司", 0);
	unit2 = th_unit(db.s, "乙公司", 0);
	vip = th_unit(db.s, "丙公司", 1);
	clerk.account_id = th_account(db.s, unit, "yg-clerk");
	clerk.unit_id = unit;
	clerk.name = "甲经办";
	clerk.cert_fp = "";
	vip_clerk.account_id = th_account(db.s, vip, "yg-vip");
	vip_clerk.unit_id = vip;
	vip_clerk.name = "丙经办";
	vip_clerk.cert_fp = "";
	reviewer.account_id = th_account(db.s, 0, "yg-reviewer");
	reviewer.name = "审核员";
	reviewer.cert_fp = "";
	yt_person(YT_NEW, "42010219900101123", NULL, NULL, NULL, 0, NULL,
	    NULL, NULL);
	yt_person(YT_NEW2, "42010219910202124", NULL, NULL, NULL, 0, NULL,
	    NULL, NULL);
	yt_person(YT_FT_ELSE, "42010319950303127", "陈杰", "男",
	    "1995-03-03", unit2, "E-1", "全日制", "在职");
	yt_person(YT_PT_ELSE, "42010419930404128", "周丽", "女",
	    "1993-04-04", unit2, "E-2", "非全日制", "在职");
	yt_person(YT_FT_HERE, "42010519870707131", "刘洋", "男",
	    "1987-07-07", unit, "H-1", "全日制", "在职");
	yt_person(YT_GONE_ELSE, "42010619910909144", "郑华", "女",
	    "1991-09-09", unit2, "E-3", "全日制", "已退工");
	yt_person(YT_KNOWN, "42010719890202142", "王芳", "女",
	    "1989-02-02", 0, NULL, NULL, NULL);
	yt_person(YT_YOUNG, "42010220100615123", NULL, NULL, NULL, 0, NULL,
	    NULL, NULL);
}

static void
teardown(void)
{
	th_db_close(&db);
}

/* A good row for person i: 全日制 合同制, a contract 2026-03-01 to
 * 2029-02-28, hired 2026-03-01, 6000 元. */
static void
yt_row(enum yt_person i, const char *name, struct yonggong_row *r)
{
	struct idcard	 ic;

	memset(r, 0, sizeof(*r));
	snprintf(r->idno, sizeof(r->idno), "%s", idno[i]);
	ck_assert_int_eq(valid_idcard(r->idno, NULL, &ic), VALID_OK);
	snprintf(r->name, sizeof(r->name), "%s", name);
	snprintf(r->sex, sizeof(r->sex), "%s", ic.male ? "男" : "女");
	hdate_fmt(&ic.birth, r->birth);
	snprintf(r->hukou_type, sizeof(r->hukou_type), "城镇");
	snprintf(r->phone, sizeof(r->phone), "13800138000");
	snprintf(r->education, sizeof(r->education), "大学本科");
	snprintf(r->work_form, sizeof(r->work_form), "全日制");
	snprintf(r->category, sizeof(r->category), "合同制");
	snprintf(r->contract_no, sizeof(r->contract_no), "YG-%s", name);
	snprintf(r->contract_start, sizeof(r->contract_start), "2026-03-01");
	snprintf(r->contract_end, sizeof(r->contract_end), "2029-02-28");
	snprintf(r->post, sizeof(r->post), "会计");
	r->wage_fen = 600000;
	snprintf(r->hire_date, sizeof(r->hire_date), "2026-03-01");
}

/* Whether errs has an error with code. */
static int
yt_has(const struct form_errors *errs, const char *code)
{
	size_t	 i;

	for (i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].code, code) == 0)
			return 1;
	return 0;
}

/* ---- The plain rules, as a table ---- */

/* One case: a change to a good row and the code it must raise (NULL:
 * none). */
struct plain_case {
	const char	*what;
	void		(*change)(struct yonggong_row *r);
	const char	*code;
	const char	*field;
};

static void c_none(struct yonggong_row *r) { (void)r; }
static void c_bad_check(struct yonggong_row *r) { r->idno[17] = r->idno[17] == '1' ? '2' : '1'; }
static void c_sex(struct yonggong_row *r) { snprintf(r->sex, sizeof(r->sex), "女"); }
static void c_birth(struct yonggong_row *r) { snprintf(r->birth, sizeof(r->birth), "1990-01-02"); }
static void c_form(struct yonggong_row *r) { snprintf(r->work_form, sizeof(r->work_form), "兼职"); }
static void c_category(struct yonggong_row *r) { snprintf(r->category, sizeof(r->category), "临时工"); }
static void c_hukou(struct yonggong_row *r) { snprintf(r->hukou_type, sizeof(r->hukou_type), "外籍"); }
static void c_end_before(struct yonggong_row *r) { snprintf(r->contract_end, sizeof(r->contract_end), "2026-02-28"); }
static void c_end_same(struct yonggong_row *r) { snprintf(r->contract_end, sizeof(r->contract_end), "2026-03-01"); }
static void c_both(struct yonggong_row *r) { r->open_ended = 1; }
static void c_open(struct yonggong_row *r) { r->open_ended = 1; r->contract_end[0] = '\0'; }
static void c_neither(struct yonggong_row *r) { r->contract_end[0] = '\0'; }
static void c_future_ok(struct yonggong_row *r) { snprintf(r->hire_date, sizeof(r->hire_date), "2026-04-19"); }
static void c_future(struct yonggong_row *r) { snprintf(r->hire_date, sizeof(r->hire_date), "2026-04-20"); }
static void c_after_end(struct yonggong_row *r) { snprintf(r->contract_end, sizeof(r->contract_end), "2026-03-10"); snprintf(r->hire_date, sizeof(r->hire_date), "2026-03-11"); }
static void c_hire_bad(struct yonggong_row *r) { snprintf(r->hire_date, sizeof(r->hire_date), "2026-02-30"); }
static void c_wage(struct yonggong_row *r) { r->wage_fen = 0; }
static void c_no_contract(struct yonggong_row *r) { r->contract_no[0] = '\0'; }
static void c_no_name(struct yonggong_row *r) { r->name[0] = '\0'; }
static void c_education(struct yonggong_row *r) { snprintf(r->education, sizeof(r->education), "幼儿园"); }
static void c_no_education(struct yonggong_row *r) { r->education[0] = '\0'; }

static const struct plain_case plain_cases[] = {
	{ "good", c_none, NULL, NULL },
	{ "check digit", c_bad_check, "YG_IDCARD_INVALID", "sfzh" },
	{ "性别 disagrees", c_sex, "YG_SEX_MISMATCH", "sex" },
	{ "出生日期 disagrees", c_birth, "YG_BIRTH_MISMATCH", "birth" },
	{ "用工形式", c_form, "YG_WORK_FORM_INVALID", "work_form" },
	{ "用工范围", c_category, "YG_CATEGORY_INVALID", "category" },
	{ "户籍类型", c_hukou, "YG_HUKOU_INVALID", "hukou_type" },
	{ "end before start", c_end_before, "YG_TERM_ORDER", "contract_end" },
	{ "end = start", c_end_same, NULL, NULL },
	{ "无固定期限 and an end", c_both, "YG_TERM_BOTH", "contract_end" },
	{ "无固定期限", c_open, NULL, NULL },
	{ "no term", c_neither, "YG_TERM_MISSING", "contract_end" },
	{ "用工之日 +30 days", c_future_ok, NULL, NULL },
	{ "用工之日 +31 days", c_future, "YG_HIRE_FUTURE", "hire_date" },
	{ "用工之日 after the end", c_after_end, "YG_HIRE_AFTER_END",
	    "hire_date" },
	{ "用工之日 no date", c_hire_bad, "YG_DATE_INVALID", "hire_date" },
	{ "月工资 0", c_wage, "YG_WAGE_INVALID", "wage" },
	{ "no 合同编号", c_no_contract, "YG_CONTRACT_NO_INVALID",
	    "contract_no" },
	{ "no 姓名", c_no_name, "YG_NAME_INVALID", "name" },
	{ "文化程度", c_education, "YG_EDUCATION_INVALID", "education" },
	{ "no 文化程度", c_no_education, NULL, NULL },
};

START_TEST(yonggong_plain_rules)
{
	const struct plain_case	*c = &plain_cases[_i];
	struct form_errors	 errs;
	struct yonggong_row	 r;
	size_t			 n;

	yt_row(YT_NEW, "张三", &r);
	c->change(&r);
	errs.n = 0;
	n = yonggong_rules_plain(&r, &today, 30, 16, NULL, &errs);
	if (c->code == NULL) {
		ck_assert_msg(n == 0, "%s: %zu errors, first %s", c->what, n,
		    n > 0 ? errs.e[0].code : "");
		return;
	}
	ck_assert_msg(yt_has(&errs, c->code), "%s: no %s", c->what, c->code);
	ck_assert_msg(n == 1, "%s: %zu errors", c->what, n);
	ck_assert_str_eq(errs.e[0].field, c->field);
	ck_assert_uint_gt(strlen(errs.e[0].msg), 0);
}
END_TEST

/* The age rule: 16 on the day of 用工之日, from the policy. */
struct age_case {
	const char	*hire;
	long long	 min_age;
	int		 refused;
};

static const struct age_case age_cases[] = {
	{ "2026-06-14", 16, 1 },	/* the day before the 16th birthday */
	{ "2026-06-15", 16, 0 },	/* the birthday */
	{ "2026-04-19", 16, 1 },
	{ "2026-04-19", 15, 0 },	/* a policy of 15 */
};

START_TEST(yonggong_age_rule)
{
	const struct age_case	*c = &age_cases[_i];
	struct form_errors	 errs;
	struct yonggong_row	 r;
	struct hdate		 on = { 2026, 6, 10 };

	yt_row(YT_YOUNG, "小明", &r);
	snprintf(r.hire_date, sizeof(r.hire_date), "%s", c->hire);
	snprintf(r.contract_start, sizeof(r.contract_start), "%s", c->hire);
	errs.n = 0;
	yonggong_rules_plain(&r, &on, 30, c->min_age, NULL, &errs);
	ck_assert_int_eq(yt_has(&errs, "YG_UNDER_AGE"), c->refused);
	if (c->refused)
		ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "未满"));
}
END_TEST

/* ---- The store's rules, as a table ---- */

struct store_case {
	enum yt_person	 who;
	const char	*name;
	const char	*work_form;
	const char	*contract_no;	/* NULL: the row's own */
	const char	*code;		/* NULL: no error */
};

static const struct store_case store_cases[] = {
	{ YT_NEW, "张三", "全日制", NULL, NULL },
	{ YT_FT_ELSE, "陈杰", "全日制", NULL, "YG_FULLTIME_ELSEWHERE" },
	{ YT_FT_ELSE, "陈杰", "非全日制", NULL, NULL },
	{ YT_PT_ELSE, "周丽", "全日制", NULL, NULL },
	{ YT_GONE_ELSE, "郑华", "全日制", NULL, NULL },
	{ YT_FT_HERE, "刘洋", "非全日制", NULL, "YG_DUPLICATE" },
	{ YT_FT_HERE, "刘洋", "全日制", NULL, "YG_DUPLICATE" },
	{ YT_KNOWN, "王芳", "全日制", NULL, NULL },
	{ YT_KNOWN, "王芬", "全日制", NULL, "YG_NAME_MISMATCH" },
	{ YT_NEW, "张三", "全日制", "E-1", "YG_CONTRACT_TAKEN" },
	{ YT_NEW, "张三", "全日制", "E-3", "YG_CONTRACT_TAKEN" },
};

START_TEST(yonggong_store_rules)
{
	const struct store_case	*c = &store_cases[_i];
	struct form_errors	 errs;
	struct yonggong_row	 r;

	yt_row(c->who, c->name, &r);
	snprintf(r.work_form, sizeof(r.work_form), "%s", c->work_form);
	if (c->contract_no != NULL)
		snprintf(r.contract_no, sizeof(r.contract_no), "%s",
		    c->contract_no);
	errs.n = 0;
	ck_assert_int_eq(yonggong_rules(db.s, unit, 0, &r, &today, NULL,
	    &errs), 0);
	if (c->code == NULL) {
		ck_assert_msg(errs.n == 0, "case %d: %s", _i, errs.e[0].code);
		return;
	}
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].code, c->code);
}
END_TEST

/* The message of 全日制 elsewhere says what to do and names no unit. */
START_TEST(yonggong_fulltime_message)
{
	struct form_errors	 errs;
	struct yonggong_row	 r;

	yt_row(YT_FT_ELSE, "陈杰", &r);
	errs.n = 0;
	ck_assert_int_eq(yonggong_rules(db.s, unit, 0, &r, &today, "第2行: ",
	    &errs), 0);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].field, "work_form");
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg,
	    "第2行: 该职工在其他单位有在职的全日制用工备案"));
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "退工"));
	ck_assert_ptr_null(strstr(errs.e[0].msg, "乙公司"));
}
END_TEST

/* Saves a good row of person i for who; returns the task. */
static int64_t
yt_save(const struct actor *who, enum yt_person i, const char *name,
    const char *hire, const char *key)
{
	struct form_errors	 errs;
	struct yonggong_row	 r;
	int64_t			 id;
	int			 created;

	yt_row(i, name, &r);
	if (hire != NULL) {
		snprintf(r.hire_date, sizeof(r.hire_date), "%s", hire);
		snprintf(r.contract_start, sizeof(r.contract_start), "%s",
		    hire);
	}
	errs.n = 0;
	ck_assert_int_eq(yonggong_save(db.s, who, NULL, &r, key, &id,
	    &created, &errs), 0);
	ck_assert_int_eq(created, 1);
	ck_assert_uint_eq(errs.n, 0);
	return id;
}

/* Attaches the 劳动合同 scan to task_id. */
static void
yt_attach(const struct actor *who, int64_t task_id)
{
	static unsigned char buf[131072];
	FILE		*f;
	size_t		 n;

	ck_assert_ptr_nonnull(f = fopen("unit/fixtures/files/ok.pdf", "rb"));
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	ck_assert_uint_gt(n, 0);
	ck_assert_uint_lt(n, sizeof(buf));
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(attach_store(db.s, who, task_id, 0, YG_MATERIAL,
	    "合同.pdf", buf, n), ATTACH_OK);
	ck_assert_int_eq(store_commit(db.s), 0);
}

/* 合同编号 of an unfinished 用工备案 is taken; of a 退单 one it is not. */
START_TEST(yonggong_contract_pending)
{
	struct form_errors	 errs;
	struct yonggong_row	 r;
	int64_t			 t;

	t = yt_save(&clerk, YT_NEW, "张三", NULL, "k1");
	yt_row(YT_NEW2, "李四", &r);
	snprintf(r.contract_no, sizeof(r.contract_no), "YG-张三");
	errs.n = 0;
	ck_assert_int_eq(yonggong_rules(db.s, unit2, 0, &r, &today, NULL,
	    &errs), 0);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].code, "YG_CONTRACT_PENDING");
	/* Its own row is not its duplicate. */
	yt_row(YT_NEW, "张三", &r);
	errs.n = 0;
	ck_assert_int_eq(yonggong_rules(db.s, unit, t, &r, &today, NULL,
	    &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
	/* The same person again here: the open task is named. */
	errs.n = 0;
	snprintf(r.contract_no, sizeof(r.contract_no), "YG-other");
	ck_assert_int_eq(yonggong_rules(db.s, unit, 0, &r, &today, NULL,
	    &errs), 0);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].code, "YG_OPEN_TASK");
	ck_assert_int_eq(wf_transition(db.s, t, WF_CANCEL, &clerk, NULL,
	    NULL), WF_OK);
	yt_row(YT_NEW2, "李四", &r);
	snprintf(r.contract_no, sizeof(r.contract_no), "YG-张三");
	errs.n = 0;
	ck_assert_int_eq(yonggong_rules(db.s, unit2, 0, &r, &today, NULL,
	    &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
}
END_TEST

/* Save: the same token twice is one task (not checked again); a broken
 * rule stores nothing. */
START_TEST(yonggong_save_refuses_and_repeats)
{
	struct form_errors	 errs;
	struct yonggong_row	 r;
	int64_t			 t, again;
	int			 created;

	t = yt_save(&clerk, YT_NEW, "张三", NULL, "k7");
	yt_row(YT_NEW, "张三", &r);
	errs.n = 0;
	ck_assert_int_eq(yonggong_save(db.s, &clerk, NULL, &r, "k7", &again,
	    &created, &errs), 0);
	ck_assert_int_eq(created, 0);
	ck_assert_int_eq(again, t);
	ck_assert_uint_eq(errs.n, 0);
	yt_row(YT_FT_ELSE, "陈杰", &r);
	ck_assert_int_eq(yonggong_save(db.s, &clerk, NULL, &r, "k8", &again,
	    &created, &errs), 1);
	ck_assert_int_eq(created, 0);
	ck_assert(yt_has(&errs, "YG_FULLTIME_ELSEWHERE"));
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM yonggong"), 1);
}
END_TEST

/* ---- The deadline ---- */

struct late_case {
	const char	*hire;
	int		 late;
};

static const struct late_case late_cases[] = {
	{ "2026-03-20", 0 },
	{ "2026-02-18", 0 },	/* 30 days */
	{ "2026-02-17", 1 },	/* 31 days */
	{ "2025-12-01", 1 },
	{ "2026-04-01", 0 },	/* ahead */
};

START_TEST(yonggong_deadline)
{
	const struct late_case	*c = &late_cases[_i];

	ck_assert_int_eq(yonggong_is_late(db.s, unit, c->hire, &today),
	    c->late);
}
END_TEST

/* The deadline is the region's policy. */
START_TEST(yonggong_deadline_policy)
{
	ck_assert_int_eq(yonggong_is_late(db.s, unit, "2026-03-01", &today),
	    0);
	yt_sql("INSERT INTO policy (region, key, valid_from, value) SELECT "
	    "region, 'yonggong.deadline_days', '2026-01-01', '10' FROM units "
	    "WHERE name = '甲公司'", 0);
	ck_assert_int_eq(yonggong_is_late(db.s, unit, "2026-03-01", &today),
	    1);
	/* Another region keeps the national 30 days. */
	yt_sql("UPDATE units SET region = '110100' WHERE name = '乙公司'", 0);
	ck_assert_int_eq(yonggong_is_late(db.s, unit2, "2026-03-01", &today),
	    0);
}
END_TEST

/* ---- The workflow ---- */

/* Save, submit (进行中), approve: a new person and an 在职 employment
 * with its contract and task; the 及时率 counts it. */
START_TEST(yonggong_approve_registers)
{
	struct form_errors	 errs;
	struct employment	 e;
	long long		 on_time, total;
	int64_t			 t, eid;
	char			 q[256];

	t = yt_save(&clerk, YT_NEW, "张三", "2026-01-15", "k2");
	ck_assert_int_eq(th_count(db.s, "SELECT overdue FROM tasks WHERE "
	    "business = 'yonggong'"), 1);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert(yt_has(&errs, "YG_MISSING_ATTACH"));
	yt_attach(&clerk, t);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM employments "
	    "WHERE contract_no = 'YG-张三'"), 0);
	ck_assert_int_eq(wf_transition(db.s, t, WF_APPROVE, &reviewer, NULL,
	    &errs), WF_OK);
	snprintf(q, sizeof(q), "SELECT employment_id FROM yonggong WHERE "
	    "task_id = %lld", (long long)t);
	eid = th_count(db.s, q);
	ck_assert_int_gt(eid, 0);
	ck_assert_int_eq(emp_load(db.s, unit, eid, &e), 0);
	ck_assert_str_eq(e.status, "在职");
	ck_assert_str_eq(e.idno, idno[YT_NEW]);
	ck_assert_str_eq(e.name, "张三");
	ck_assert_str_eq(e.work_form, "全日制");
	ck_assert_str_eq(e.hire_date, "2026-01-15");
	ck_assert_str_eq(e.contract_no, "YG-张三");
	ck_assert_str_eq(e.end_date, "2029-02-28");
	ck_assert_int_eq(e.reg_task_id, t);
	ck_assert_str_eq(e.reg_region, "");
	ck_assert_int_eq(e.late, 1);
	ck_assert_int_eq(e.wage_fen, 600000);
	ck_assert_int_eq(emp_load(db.s, unit2, eid, &e), 1);
	ck_assert_int_eq(yonggong_timeliness(db.s, unit, &on_time, &total), 0);
	ck_assert_int_eq(total, 1);
	ck_assert_int_eq(on_time, 0);
	/* Now 在职 全日制 here: a second registration is a duplicate; at
	 * unit2 a 全日制 one is refused. */
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM persons WHERE "
	    "name = '张三'"), 1);
}
END_TEST

/* An existing person keeps his record; approval fails on a 姓名 that
 * changed on file meanwhile (the check runs again). */
START_TEST(yonggong_known_person)
{
	struct form_errors	 errs;
	int64_t			 t;

	t = yt_save(&clerk, YT_KNOWN, "王芳", NULL, "k3");
	yt_attach(&clerk, t);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	yt_sql("UPDATE persons SET name = '王芬' WHERE name = '王芳'", 0);
	ck_assert_int_eq(wf_transition(db.s, t, WF_APPROVE, &reviewer, NULL,
	    &errs), WF_RULES);
	ck_assert(yt_has(&errs, "YG_NAME_MISMATCH"));
	yt_sql("UPDATE persons SET name = '王芳' WHERE name = '王芬'", 0);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_APPROVE, &reviewer, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM persons WHERE "
	    "name = '王芳'"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM employments e "
	    "JOIN persons p ON p.id = e.person_id WHERE p.name = '王芳' AND "
	    "e.status = '在职' AND e.late = 0"), 1);
}
END_TEST

/* A VIP unit's submit ends at once, by the rules. */
START_TEST(yonggong_vip_at_once)
{
	struct form_errors	 errs;
	struct task		 t;
	int64_t			 id;

	id = yt_save(&vip_clerk, YT_PT_ELSE, "周丽", NULL, "k4");
	yt_attach(&vip_clerk, id);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &vip_clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(wf_load(db.s, id, 0, &t), 0);
	ck_assert_int_eq(t.state, TASK_DONE);
	ck_assert_int_eq(t.decided_by, 0);
	/* 非全日制 at unit2 and now 全日制 at the VIP unit. */
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM employments e "
	    "JOIN persons p ON p.id = e.person_id WHERE p.name = '周丽' AND "
	    "e.status = '在职'"), 2);
}
END_TEST

/* A VIP unit's submit that breaks a rule is refused, nothing made. */
START_TEST(yonggong_vip_refused)
{
	struct form_errors	 errs;
	struct task		 t;
	int64_t			 id;

	id = yt_save(&vip_clerk, YT_NEW, "张三", NULL, "k5");
	yt_attach(&vip_clerk, id);
	/* Meanwhile unit2 registers him 全日制. */
	yt_sql("INSERT INTO persons (idno, name, sex, birth) SELECT idno, "
	    "name, sex, birth FROM yonggong WHERE contract_no = 'YG-张三'", 0);
	yt_sql("INSERT INTO employments (person_id, unit_id, contract_no, "
	    "start_date, registered_at) SELECT p.id, u.id, 'E-9', "
	    "'2026-03-01', '2026-03-01' FROM persons p, units u WHERE "
	    "p.name = '张三' AND u.name = '乙公司'", 0);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &vip_clerk, NULL,
	    &errs), WF_RULES);
	ck_assert(yt_has(&errs, "YG_FULLTIME_ELSEWHERE"));
	ck_assert_int_eq(wf_load(db.s, id, 0, &t), 0);
	ck_assert_int_eq(t.state, TASK_DRAFT);
}
END_TEST

/* describe() callback: appends "label=value;". */
static void
yt_field(void *arg, const char *label, const char *value)
{
	char	*buf = arg;
	size_t	 len = strlen(buf);

	snprintf(buf + len, 2048 - len, "%s=%s;", label, value);
}

START_TEST(yonggong_describe)
{
	char	 buf[2048] = "";
	int64_t	 t;

	t = yt_save(&clerk, YT_NEW, "张三", NULL, "k6");
	ck_assert_int_eq(yonggong_business.describe(db.s, t, yt_field, buf),
	    0);
	ck_assert_ptr_nonnull(strstr(buf, "姓名=张三;"));
	ck_assert_ptr_nonnull(strstr(buf, "用工形式=全日制;"));
	ck_assert_ptr_nonnull(strstr(buf, "合同期限=2026-03-01 至 2029-02-28;"));
	ck_assert_ptr_nonnull(strstr(buf, "月工资=6000.00 元;"));
	ck_assert_ptr_nonnull(strstr(buf, "逾期=否;"));
}
END_TEST

/* ---- The batch cells ---- */

struct cells_case {
	const char	*end;
	const char	*hire;
	const char	*wage;
	int		 open_ended;
	const char	*want_end;
	const char	*want_hire;
	int64_t		 want_wage;
};

static const struct cells_case cells_cases[] = {
	{ "2029/2/28", "2026.03.01", "6000", 0, "2029-02-28", "2026-03-01",
	    600000 },
	{ "无固定期限", "2026-03-01", "5500.50", 1, "", "2026-03-01", 550050 },
	{ "", "2026-03-01", "abc", 0, "", "2026-03-01", 0 },
};

START_TEST(yonggong_cells)
{
	const struct cells_case	*c = &cells_cases[_i];
	const char		*cells[YGC__MAX];
	struct form_errors	 errs;
	struct yonggong_row	 r;

	cells[YGC_NAME] = " 张三 ";
	cells[YGC_SFZH] = idno[YT_NEW];
	cells[YGC_HUKOU] = "城镇";
	cells[YGC_PHONE] = "13800138000";
	cells[YGC_EDUCATION] = "";
	cells[YGC_WORK_FORM] = "全日制";
	cells[YGC_CATEGORY] = "农籍工";
	cells[YGC_CONTRACT_NO] = "B-1";
	cells[YGC_CONTRACT_START] = "2026-03-01";
	cells[YGC_CONTRACT_END] = c->end;
	cells[YGC_POST] = "焊工";
	cells[YGC_JOB_TYPE] = "电焊";
	cells[YGC_WAGE] = c->wage;
	cells[YGC_HIRE_DATE] = c->hire;
	errs.n = 0;
	ck_assert_uint_eq(yonggong_row_from_cells(cells, YGC__MAX, &today, &r,
	    &errs), 0);
	ck_assert_str_eq(r.name, "张三");
	ck_assert_str_eq(r.sex, "男");
	ck_assert_str_eq(r.birth, "1990-01-01");
	ck_assert_int_eq(r.open_ended, c->open_ended);
	ck_assert_str_eq(r.contract_end, c->want_end);
	ck_assert_str_eq(r.hire_date, c->want_hire);
	ck_assert_int_eq(r.wage_fen, c->want_wage);
	/* The rules then say what is wrong with the row. */
	errs.n = 0;
	yonggong_rules_plain(&r, &today, 30, 16, NULL, &errs);
	ck_assert_int_eq(yt_has(&errs, "YG_TERM_MISSING"),
	    c->end[0] == '\0');
	ck_assert_int_eq(yt_has(&errs, "YG_WAGE_INVALID"), c->want_wage == 0);
}
END_TEST

static Suite *
yonggong_suite(void)
{
	Suite	*s = suite_create("yonggong");
	TCase	*tc;

	tc = tcase_create("yonggong");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, yonggong_plain_rules, 0,
	    sizeof(plain_cases) / sizeof(plain_cases[0]));
	tcase_add_loop_test(tc, yonggong_age_rule, 0,
	    sizeof(age_cases) / sizeof(age_cases[0]));
	tcase_add_loop_test(tc, yonggong_store_rules, 0,
	    sizeof(store_cases) / sizeof(store_cases[0]));
	tcase_add_test(tc, yonggong_fulltime_message);
	tcase_add_test(tc, yonggong_contract_pending);
	tcase_add_test(tc, yonggong_save_refuses_and_repeats);
	tcase_add_loop_test(tc, yonggong_deadline, 0,
	    sizeof(late_cases) / sizeof(late_cases[0]));
	tcase_add_test(tc, yonggong_deadline_policy);
	tcase_add_test(tc, yonggong_approve_registers);
	tcase_add_test(tc, yonggong_known_person);
	tcase_add_test(tc, yonggong_vip_at_once);
	tcase_add_test(tc, yonggong_vip_refused);
	tcase_add_test(tc, yonggong_describe);
	tcase_add_loop_test(tc, yonggong_cells, 0,
	    sizeof(cells_cases) / sizeof(cells_cases[0]));
	suite_add_tcase(s, tc);
	return s;
}

SUITE(yonggong_suite)
