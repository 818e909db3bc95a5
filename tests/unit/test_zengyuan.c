/*
 * test_zengyuan.c: the 增员 (续保) rules as tables of cases (the plain
 * rules: 参保日期 and 追溯补缴 months; the store's over a small world:
 * insured here or at another unit, a 个人流动窗口, the 大学生医保, the
 * age window of a first enrolment and not of a 续保, the 用工备案 the
 * region requires, the 个人编号 of a batch's 续保), the workflow (save,
 * the locked identity, submit with the materials, approve: 参保缴费 on
 * the base clamped to the floor and the ceiling, a 续保 reopening the
 * stopped row), the timeline step and the batch cells.
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
#include "insurance.h"
#include "policy.h"
#include "store.h"
#include "valid.h"
#include "workflow.h"
#include "zengyuan.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit, unit2;
static struct actor	 clerk, reviewer;
static struct hdate	 today;

/* The persons of the world, by index. */
enum zt_person {
	ZT_NEW,		/* 在职 here, never insured, man of 36 */
	ZT_NO_EMP,	/* on file, no 用工备案 here */
	ZT_ELSE,	/* 在职 here, 参保缴费 at 乙公司 */
	ZT_FLOW,	/* 在职 here, in the 江岸区 个人流动窗口 */
	ZT_STUDENT,	/* 在职 here, in the 大学生医保 */
	ZT_OLD_F,	/* 在职 here, woman of 45, never insured */
	ZT_RENEW_F,	/* 在职 here, woman of 45, stopped at 乙公司 */
	ZT_HERE,	/* 在职 here, 参保缴费 here */
	ZT_STOPPED,	/* 在职 here, 暂停缴费 here */
	ZT_M49,		/* 在职 here, man of 49 (50 tomorrow) */
	ZT_M50,		/* 在职 here, man of 50 today */
	ZT_NOT_ON_FILE,	/* nobody knows him */
	ZT__MAX
};

static char	 idno[ZT__MAX][19];
static int64_t	 pid[ZT__MAX];

/* Completes a 17-digit body with its GB 11643 check digit. */
static void
zt_idno(const char *body, char out[19])
{
	static const int	 w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7,
	    9, 10, 5, 8, 4, 2 };
	static const char	 c[] = "10X98765432";
	int			 i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (body[i] - '0') * w[i];
	snprintf(out, 19, "%.17s%c", body, c[sum % 11]);
}

/* Runs one SQL statement with integer parameters. */
static void
zt_sql(const char *sql, int n, ...)
{
	struct store_stmt	*st;
	va_list		 ap;
	int		 i;

	ck_assert_ptr_nonnull(st = store_stmt(db.s, sql));
	va_start(ap, n);
	for (i = 1; i <= n; i++)
		ck_assert_int_eq(store_bind_int(st, i, va_arg(ap, int64_t)), 0);
	va_end(ap);
	ck_assert_msg(store_exec_stmt(db.s, st) == 0, "%s", sql);
}

/* Person i (the body of his 身份证号, born on birth): on file unless
 * name is NULL, 在职 at this unit when emp. */
static void
zt_person(enum zt_person i, const char *body, const char *name,
    const char *birth, int emp)
{
	struct idcard	 ic;

	zt_idno(body, idno[i]);
	if (name == NULL)
		return;
	ck_assert_int_eq(valid_idcard(idno[i], NULL, &ic), VALID_OK);
	pid[i] = th_person(db.s, idno[i], name, ic.male ? "男" : "女", birth);
	if (emp)
		zt_sql("INSERT INTO employments (person_id, unit_id, "
		    "contract_no, start_date, registered_at) VALUES (?1, ?2, "
		    "'C-' || ?1, '2026-03-01', '2026-03-01')", 2, pid[i], unit);
}

/* Insurance of person i at u with status (1 参保缴费, 0 暂停缴费). */
static void
zt_insured(enum zt_person i, int64_t u, int paying)
{
	zt_sql("INSERT INTO insurance (person_id, unit_id, sb_no, start_month,"
	    " status, stop_month) VALUES (?1, ?2, 'SB' || ?1, '2020-01', "
	    "CASE ?3 WHEN 1 THEN '参保缴费' ELSE '暂停缴费' END, CASE ?3 WHEN 1 "
	    "THEN NULL ELSE '2025-12' END)", 3, pid[i], u, (int64_t)paying);
}

/* The world on 2026-03-20 in 武汉 (增员 needs a 用工备案 there). */
static void
setup(void)
{
	th_db_open(&db);
	th_clock_set(&db, "2026-03-20 10:00:00");
	clock_today(&today);
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	wf_register(&zengyuan_business);
	unit = th_unit(db.s, "甲公司", 0);
	unit2 = th_unit(db.s, "乙公司", 0);
	clerk.account_id = th_account(db.s, unit, "zy-clerk");
	clerk.unit_id = unit;
	clerk.name = "甲经办";
	clerk.cert_fp = "";
	reviewer.account_id = th_account(db.s, 0, "zy-reviewer");
	reviewer.name = "审核员";
	reviewer.cert_fp = "";
	zt_person(ZT_NEW, "42010219900101123", "张新", "1990-01-01", 1);
	zt_person(ZT_NO_EMP, "42010219910202124", "李无", "1991-02-02", 0);
	zt_person(ZT_ELSE, "42010319950303127", "陈杰", "1995-03-03", 1);
	zt_insured(ZT_ELSE, unit2, 1);
	zt_person(ZT_FLOW, "42010419930404138", "周流", "1993-04-04", 1);
	zt_sql("UPDATE persons SET flow_window = '江岸区' WHERE id = ?1", 1,
	    pid[ZT_FLOW]);
	zt_person(ZT_STUDENT, "42010520030505111", "吴学", "2003-05-05", 1);
	zt_sql("UPDATE persons SET student_medical = 1 WHERE id = ?1", 1,
	    pid[ZT_STUDENT]);
	zt_person(ZT_OLD_F, "42010619800909144", "郑华", "1980-09-09", 1);
	zt_person(ZT_RENEW_F, "42010719800202142", "王芳", "1980-02-02", 1);
	zt_insured(ZT_RENEW_F, unit2, 0);
	zt_person(ZT_HERE, "42010519870707131", "刘洋", "1987-07-07", 1);
	zt_insured(ZT_HERE, unit, 1);
	zt_person(ZT_STOPPED, "42010519880808151", "孙停", "1988-08-08", 1);
	zt_insured(ZT_STOPPED, unit, 0);
	zt_person(ZT_M49, "42010219760321113", "赵甲", "1976-03-21", 1);
	zt_person(ZT_M50, "42010219760320113", "赵乙", "1976-03-20", 1);
	zt_person(ZT_NOT_ON_FILE, "42010219920101153", NULL, NULL, 0);
}

static void
teardown(void)
{
	th_db_close(&db);
}

/* A good row for person i called name: 参保日期 this month, 6000 元. */
static void
zt_row(enum zt_person i, const char *name, struct zengyuan_row *r)
{
	struct idcard	 ic;

	memset(r, 0, sizeof(*r));
	snprintf(r->idno, sizeof(r->idno), "%s", idno[i]);
	ck_assert_int_eq(valid_idcard(r->idno, NULL, &ic), VALID_OK);
	snprintf(r->name, sizeof(r->name), "%s", name);
	snprintf(r->sex, sizeof(r->sex), "%s", ic.male ? "男" : "女");
	hdate_fmt(&ic.birth, r->birth);
	snprintf(r->nation, sizeof(r->nation), "汉族");
	snprintf(r->hukou_type, sizeof(r->hukou_type), "城镇");
	snprintf(r->phone, sizeof(r->phone), "13800138000");
	snprintf(r->start_month, sizeof(r->start_month), "2026-03");
	r->wage_fen = 600000;
}

/* Whether errs holds code. */
static int
zt_has(const struct form_errors *errs, const char *code)
{
	size_t	 i;

	for (i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].code, code) == 0)
			return 1;
	return 0;
}

/* ---- The plain rules ---- */

struct plain_case {
	const char	*start;		/* 参保日期 */
	const char	*bujiao;	/* 补缴开始月份, "" 否 */
	int64_t		 wage;
	const char	*code;		/* the error, NULL none */
};

static const struct plain_case plain_cases[] = {
	{ "2026-03", "", 600000, NULL },
	{ "2026-04", "", 600000, NULL },		/* next month */
	{ "2026-05", "", 600000, "ZY_START_FUTURE" },
	{ "2026-02", "", 600000, "ZY_START_PAST" },	/* needs 补缴 */
	{ "2026-02", "2026-01", 600000, "ZY_START_PAST" }, /* 补缴 too */
	{ "2026-03", "2026-03", 600000, NULL },		/* 1 month */
	{ "2026-03", "2026-01", 600000, NULL },		/* 3 months */
	{ "2026-03", "2025-12", 600000, "ZY_BUJIAO_TOO_LONG" }, /* 4 */
	{ "2026-03", "2026-04", 600000, "ZY_BUJIAO_FUTURE" },
	{ "2026-03", "?", 600000, "ZY_BUJIAO_INVALID" },
	{ "2026-13", "", 600000, "ZY_START_INVALID" },
	{ "2026-03", "", 0, "ZY_WAGE_INVALID" },
	{ "2026-03", "", 99999900, NULL },		/* 999,999 元 */
	{ "2026-03", "", 100000000, "ZY_WAGE_TOO_HIGH" },	/* 1,000,000 */
	{ "2026-03", "", 9999999900LL, "ZY_WAGE_TOO_HIGH" }, /* zeros twice */
};

START_TEST(zengyuan_plain_rules)
{
	const struct plain_case	*c = &plain_cases[_i];
	struct zengyuan_limits	 lim;
	struct zengyuan_row	 r;
	struct form_errors	 errs;

	ck_assert_int_eq(zengyuan_limits(db.s, unit, "男", &today, &lim), 0);
	ck_assert_int_eq(lim.bujiao_max, 3);
	zt_row(ZT_NEW, "张新", &r);
	snprintf(r.start_month, sizeof(r.start_month), "%s", c->start);
	snprintf(r.bujiao_from, sizeof(r.bujiao_from), "%s", c->bujiao);
	r.wage_fen = c->wage;
	errs.n = 0;
	zengyuan_rules_plain(&r, &today, &lim, NULL, &errs);
	if (c->code == NULL)
		ck_assert_msg(errs.n == 0, "case %d: %s", _i, errs.e[0].msg);
	else
		ck_assert_msg(errs.n == 1 && zt_has(&errs, c->code),
		    "case %d: want %s, %zu errors", _i, c->code, errs.n);
}
END_TEST

/* The 4-month 补缴 says where to go, in seed 003's words. */
START_TEST(zengyuan_bujiao_message)
{
	struct zengyuan_limits	 lim;
	struct zengyuan_row	 r;
	struct form_errors	 errs;

	ck_assert_int_eq(zengyuan_limits(db.s, unit, "男", &today, &lim), 0);
	zt_row(ZT_NEW, "张新", &r);
	snprintf(r.bujiao_from, sizeof(r.bujiao_from), "2025-12");
	errs.n = 0;
	zengyuan_rules_plain(&r, &today, &lim, NULL, &errs);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg,
	    "请携带相关资料到辖区社保经办机构审核办理"));
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "不得超过3个月(含当月)"));
}
END_TEST

/* ---- The store's rules ---- */

struct store_case {
	enum zt_person	 who;
	const char	*name;
	const char	*sb_no;
	int		 row_no;
	const char	*code;		/* NULL: none */
	const char	*words;		/* in the message, or NULL */
	int		 renewal;
};

static const struct store_case store_cases[] = {
	{ ZT_NEW, "张新", "", 0, NULL, NULL, 0 },
	{ ZT_NEW, "张心", "", 0, "ZY_NAME_MISMATCH", NULL, 0 },
	{ ZT_NO_EMP, "李无", "", 0, "ZY_NO_YONGGONG", "请先办理用工备案", 0 },
	{ ZT_NOT_ON_FILE, "钱空", "", 0, "ZY_NO_YONGGONG", NULL, 0 },
	{ ZT_ELSE, "陈杰", "", 0, "ZY_INSURED_ELSEWHERE",
	  "此人在乙公司单位未停保", 1 },
	{ ZT_FLOW, "周流", "", 0, "ZY_FLOW_WINDOW",
	  "此人在江岸区个人流动窗口", 0 },
	{ ZT_STUDENT, "吴学", "", 0, "ZY_STUDENT_MEDICAL",
	  "此人已参加大学生医保", 0 },
	{ ZT_OLD_F, "郑华", "", 0, "ZY_AGE_WINDOW", "小于40周岁", 0 },
	{ ZT_RENEW_F, "王芳", "", 0, NULL, NULL, 1 },	/* 续保: no window */
	{ ZT_HERE, "刘洋", "", 0, "ZY_INSURED_HERE", NULL, 1 },
	{ ZT_STOPPED, "孙停", "", 0, NULL, NULL, 1 },
	{ ZT_M49, "赵甲", "", 0, NULL, NULL, 0 },
	{ ZT_M50, "赵乙", "", 0, "ZY_AGE_WINDOW", "小于50周岁", 0 },
	/* A batch's 续保 gives the 个人编号, which must be his. */
	{ ZT_RENEW_F, "王芳", "", 1, "ZY_SB_NO_MISSING", NULL, 1 },
	{ ZT_RENEW_F, "王芳", "SB999", 1, "ZY_SB_NO_MISMATCH", NULL, 1 },
	{ ZT_NEW, "张新", "SB1", 1, "ZY_SB_NO_NEW", NULL, 0 },
};

START_TEST(zengyuan_store_rules)
{
	const struct store_case	*c = &store_cases[_i];
	struct zengyuan_row	 r;
	struct form_errors	 errs;

	zt_row(c->who, c->name, &r);
	snprintf(r.sb_no, sizeof(r.sb_no), "%s", c->sb_no);
	r.row_no = c->row_no;
	errs.n = 0;
	ck_assert_int_eq(zengyuan_rules(db.s, unit, 0, &r, &today, NULL,
	    &errs), 0);
	if (c->code == NULL)
		ck_assert_msg(errs.n == 0, "case %d: %s", _i, errs.e[0].msg);
	else {
		ck_assert_msg(errs.n == 1 && zt_has(&errs, c->code),
		    "case %d: want %s, %zu errors (%s)", _i, c->code, errs.n,
		    errs.n > 0 ? errs.e[0].msg : "");
		if (c->words != NULL)
			ck_assert_msg(strstr(errs.e[0].msg, c->words) != NULL,
			    "case %d: %s", _i, errs.e[0].msg);
	}
	ck_assert_int_eq(r.renewal, c->renewal);
}
END_TEST

/* No month already paid is paid again: the start (补缴开始月份, else
 * 参保日期) is no earlier than his latest stop_month at any unit. */
struct paid_case {
	enum zt_person	 who;
	const char	*name;
	const char	*stop;		/* his stop_month, NULL as set up */
	const char	*start;		/* 参保日期 */
	const char	*bujiao;	/* 补缴开始月份, "" 否 */
	const char	*field;		/* the error's field, NULL none */
};

static const struct paid_case paid_cases[] = {
	/* Stopped at 乙公司 paid through January. */
	{ ZT_RENEW_F, "王芳", "2026-02", "2026-03", "2026-01",
	  "zy_bujiao_from" },
	{ ZT_RENEW_F, "王芳", "2026-02", "2026-03", "2026-02", NULL },
	{ ZT_RENEW_F, "王芳", "2026-02", "2026-03", "", NULL },
	/* Stopped here paid through March: a 续保 from April. */
	{ ZT_STOPPED, "孙停", "2026-04", "2026-03", "", "zy_start" },
	{ ZT_STOPPED, "孙停", "2026-04", "2026-04", "", NULL },
	{ ZT_STOPPED, "孙停", NULL, "2026-03", "2026-01", NULL },
	{ ZT_NEW, "张新", NULL, "2026-03", "2026-01", NULL },
};

START_TEST(zengyuan_paid_months)
{
	const struct paid_case	*c = &paid_cases[_i];
	struct zengyuan_row	 r;
	struct form_errors	 errs;
	struct store_stmt	*st;
	char			 words[64];

	if (c->stop != NULL) {
		ck_assert_ptr_nonnull(st = store_stmt(db.s, "UPDATE insurance "
		    "SET stop_month = ?2 WHERE person_id = ?1"));
		ck_assert_int_eq(store_bind_int(st, 1, pid[c->who]), 0);
		ck_assert_int_eq(store_bind_text(st, 2, c->stop), 0);
		ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
	}
	zt_row(c->who, c->name, &r);
	snprintf(r.start_month, sizeof(r.start_month), "%s", c->start);
	snprintf(r.bujiao_from, sizeof(r.bujiao_from), "%s", c->bujiao);
	errs.n = 0;
	ck_assert_int_eq(zengyuan_rules(db.s, unit, 0, &r, &today, NULL,
	    &errs), 0);
	if (c->field == NULL) {
		ck_assert_msg(errs.n == 0, "case %d: %s", _i, errs.e[0].msg);
		return;
	}
	ck_assert_msg(errs.n == 1 && zt_has(&errs, "ZY_START_PAID"),
	    "case %d: %zu errors (%s)", _i, errs.n,
	    errs.n > 0 ? errs.e[0].msg : "");
	ck_assert_str_eq(errs.e[0].field, c->field);
	snprintf(words, sizeof(words), "最早为%s", c->stop);
	ck_assert_msg(strstr(errs.e[0].msg, words) != NULL, "case %d: %s",
	    _i, errs.e[0].msg);
}
END_TEST

/* The longest message, a batch row's 「此人在***单位未停保」 naming a
 * unit of 100 characters, keeps its way forward. */
START_TEST(zengyuan_long_message)
{
	struct zengyuan_row	 r;
	struct form_errors	 errs;
	struct store_stmt	*st;
	char			 name[400], want[420];
	size_t			 i, len;

	name[0] = '\0';
	for (i = 0; i < 100; i++)
		strcat(name, "长");
	ck_assert_ptr_nonnull(st = store_stmt(db.s, "UPDATE units SET name = "
	    "?2 WHERE id = ?1"));
	ck_assert_int_eq(store_bind_int(st, 1, unit2), 0);
	ck_assert_int_eq(store_bind_text(st, 2, name), 0);
	ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
	zt_row(ZT_ELSE, "陈杰", &r);
	errs.n = 0;
	ck_assert_int_eq(zengyuan_rules(db.s, unit, 0, &r, &today,
	    "第1000行(陈杰陈杰陈杰陈杰陈杰陈杰陈杰陈杰陈杰陈杰陈杰陈杰陈杰陈杰陈杰): ",
	    &errs), 0);
	ck_assert_uint_eq(errs.n, 1);
	snprintf(want, sizeof(want), "此人在%s单位未停保", name);
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, want));
	len = strlen(errs.e[0].msg);
	ck_assert_str_eq(errs.e[0].msg + len - strlen("再办理增员"),
	    "再办理增员");
}
END_TEST

/* The 用工备案 rule is the region's: elsewhere it is not asked. */
START_TEST(zengyuan_yonggong_policy)
{
	struct zengyuan_row	 r;
	struct form_errors	 errs;

	zt_row(ZT_NO_EMP, "李无", &r);
	zt_sql("UPDATE units SET region = '110100' WHERE id = ?1", 1, unit);
	errs.n = 0;
	ck_assert_int_eq(zengyuan_rules(db.s, unit, 0, &r, &today, NULL,
	    &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
}
END_TEST

/* ---- The workflow ---- */

/* Saves r as a new task with token key; returns the task. */
static int64_t
zt_save(struct zengyuan_row *r, const char *key)
{
	struct form_errors	 errs;
	int64_t			 id = 0;
	int			 created = 0;

	errs.n = 0;
	ck_assert_int_eq(zengyuan_save(db.s, &clerk, NULL, r, key, &id,
	    &created, &errs), 0);
	ck_assert_int_eq(created, 1);
	return id;
}

/* Stores fixture file as material code of task_id. */
static void
zt_attach(int64_t task_id, const char *code, const char *file)
{
	static unsigned char buf[131072];
	FILE		*f;
	size_t		 n;

	ck_assert_ptr_nonnull(f = fopen(file, "rb"));
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	ck_assert_uint_gt(n, 0);
	ck_assert_uint_lt(n, sizeof(buf));
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(attach_store(db.s, &clerk, task_id, 0, code, "f",
	    buf, n), ATTACH_OK);
	ck_assert_int_eq(store_commit(db.s), 0);
}

/* Submits and approves task t with its materials. */
static void
zt_approve(int64_t t, int photo)
{
	struct form_errors	 errs;

	zt_attach(t, ZY_MAT_HUKOUBEN, "unit/fixtures/files/ok.pdf");
	zt_attach(t, ZY_MAT_HETONG, "unit/fixtures/files/ok.pdf");
	if (photo)
		zt_attach(t, ZY_MAT_PHOTO, "unit/fixtures/files/ok.jpg");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, t, WF_APPROVE, &reviewer, NULL,
	    &errs), WF_OK);
}

/* Refused saves store nothing; the same token twice is one task; the
 * saved identity is locked, the rest may change. */
START_TEST(zengyuan_save_and_lock)
{
	struct zengyuan_row	 r;
	struct form_errors	 errs;
	struct task		 t;
	int64_t			 id, again;
	int			 created;

	zt_row(ZT_ELSE, "陈杰", &r);
	errs.n = 0;
	ck_assert_int_eq(zengyuan_save(db.s, &clerk, NULL, &r, "k0", &id,
	    &created, &errs), 1);
	ck_assert(zt_has(&errs, "ZY_INSURED_ELSEWHERE"));
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks"), 0);

	zt_row(ZT_NEW, "张新", &r);
	id = zt_save(&r, "k1");
	errs.n = 0;
	ck_assert_int_eq(zengyuan_save(db.s, &clerk, NULL, &r, "k1", &again,
	    &created, &errs), 0);
	ck_assert_int_eq(created, 0);
	ck_assert_int_eq(again, id);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM zengyuan WHERE "
	    "ins_types = '养老,医疗,失业,工伤,生育,大额医疗'"), 1);
	ck_assert_int_eq(wf_load(db.s, id, unit, &t), 0);
	/* 申报工资 may change; 姓名 may not. */
	r.wage_fen = 700000;
	errs.n = 0;
	ck_assert_int_eq(zengyuan_save(db.s, &clerk, &t, &r, NULL, &again,
	    &created, &errs), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT wage_fen FROM zengyuan"),
	    700000);
	snprintf(r.name, sizeof(r.name), "张鑫");
	errs.n = 0;
	ck_assert_int_eq(zengyuan_save(db.s, &clerk, &t, &r, NULL, &again,
	    &created, &errs), 1);
	ck_assert(zt_has(&errs, "ZY_IDENTITY_LOCKED"));
}
END_TEST

/* Submit asks for the materials: one of 身份证/户口簿, one of 劳动合同/
 * 用工证明, and the photo the store lacks. */
START_TEST(zengyuan_materials)
{
	struct zengyuan_row	 r;
	struct form_errors	 errs;
	int64_t			 t;

	zt_row(ZT_NEW, "张新", &r);
	t = zt_save(&r, "k2");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert_uint_eq(errs.n, 3);
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "员工身份证复印件或户口簿复印件"));
	ck_assert_ptr_nonnull(strstr(errs.e[2].msg, "电子相片"));
	/* With a photo on file it is not asked. */
	zt_sql("UPDATE persons SET photo = 1 WHERE id = ?1", 1, pid[ZT_NEW]);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert_uint_eq(errs.n, 2);
}
END_TEST

struct base_case {
	int64_t		 wage;
	int64_t		 base;
};

/* 武汉 2026: 社平工资 7450.00, floor 60% 4470.00, ceiling 300%
 * 22350.00. */
static const struct base_case base_cases[] = {
	{ 300000, 447000 },
	{ 600000, 600000 },
	{ 3000000, 2235000 },
	{ 447000, 447000 },
};

/* Approval: 参保缴费 from 参保日期 on the clamped base, the photo kept,
 * the 增员 on the timeline. */
START_TEST(zengyuan_approve_base)
{
	const struct base_case	*c = &base_cases[_i];
	struct zengyuan_row	 r;
	struct zengyuan_step	 step;
	struct store_stmt	*st;
	int64_t			 t;

	zt_row(ZT_NEW, "张新", &r);
	r.wage_fen = c->wage;
	t = zt_save(&r, "k3");
	zt_approve(t, 1);
	ck_assert_ptr_nonnull(st = store_stmt(db.s, "SELECT status, "
	    "start_month, base_fen FROM insurance WHERE person_id = ?1 AND "
	    "unit_id = ?2"));
	ck_assert_int_eq(store_bind_int(st, 1, pid[ZT_NEW]), 0);
	ck_assert_int_eq(store_bind_int(st, 2, unit), 0);
	ck_assert_int_eq(store_step(st), STORE_ROW);
	ck_assert_str_eq(store_col_text(st, 0), "参保缴费");
	ck_assert_str_eq(store_col_text(st, 1), "2026-03");
	ck_assert_int_eq(store_col_int64(st, 2), c->base);
	store_reset(st);
	ck_assert_int_eq(th_count(db.s, "SELECT base_fen FROM zengyuan"),
	    c->base);
	ck_assert_int_eq(zengyuan_has_photo(db.s, idno[ZT_NEW]), 1);
	ck_assert_int_eq(zengyuan_person_step(db.s, unit, pid[ZT_NEW], &step),
	    1);
	ck_assert_int_eq(step.task_id, t);
	ck_assert_str_eq(step.state, "结束");
	ck_assert_int_eq(step.base_fen, c->base);
	ck_assert_int_eq(zengyuan_person_step(db.s, unit2, pid[ZT_NEW],
	    &step), 0);
}
END_TEST

/* A 续保 at the same unit reopens the stopped row (no second row)
 * keeping its first start (months paid are history); a 补缴 starts the
 * new period at the 补缴 month, which the 增员 row records. */
START_TEST(zengyuan_renewal_reopens)
{
	struct zengyuan_row	 r;
	struct zengyuan_step	 step;
	char			 q[128], q2[512];
	int64_t			 t, before;

	snprintf(q, sizeof(q), "SELECT id FROM insurance WHERE person_id = "
	    "%lld", (long long)pid[ZT_STOPPED]);
	before = th_count(db.s, q);
	zt_row(ZT_STOPPED, "孙停", &r);
	snprintf(r.bujiao_from, sizeof(r.bujiao_from), "2026-01");
	t = zt_save(&r, "k4");
	zt_approve(t, 1);
	ck_assert_int_eq(th_count(db.s, q), before);
	/* (statements are cached by their text's address: a new one) */
	snprintf(q2, sizeof(q2), "SELECT COUNT(*) FROM insurance WHERE "
	    "person_id = %lld AND status = '参保缴费' AND start_month = "
	    "'2020-01' AND stop_month IS NULL AND sb_no = 'SB%lld'",
	    (long long)pid[ZT_STOPPED], (long long)pid[ZT_STOPPED]);
	ck_assert_int_eq(th_count(db.s, q2), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT renewal FROM zengyuan"), 1);
	ck_assert_int_eq(zengyuan_person_step(db.s, unit, pid[ZT_STOPPED],
	    &step), 1);
	ck_assert_str_eq(step.start_month, "2026-01");
}
END_TEST

/* A 续保 at another unit keeps his 个人编号; a person not on file is
 * created (where no 用工备案 is required). */
START_TEST(zengyuan_enrol_new_rows)
{
	char		 q[200];
	int64_t		 iid;

	ck_assert_int_eq(store_begin(db.s), 0);
	/* Stopped at 乙公司 from 2025-12: November is paid. */
	ck_assert_int_eq(ins_enrol(db.s, pid[ZT_RENEW_F], unit, "2025-11",
	    500000), -1);
	iid = ins_enrol(db.s, pid[ZT_RENEW_F], unit, "2026-03", 500000);
	ck_assert_int_gt(iid, 0);
	/* Paying here now: a second enrolment fails. */
	ck_assert_int_eq(ins_enrol(db.s, pid[ZT_RENEW_F], unit, "2026-03",
	    500000), -1);
	ck_assert_int_eq(store_commit(db.s), 0);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM insurance WHERE id = "
	    "%lld AND sb_no = 'SB%lld'", (long long)iid,
	    (long long)pid[ZT_RENEW_F]);
	ck_assert_int_eq(th_count(db.s, q), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT n FROM tallies WHERE name = "
	    "'insured' AND unit_id = (SELECT id FROM units WHERE name = "
	    "'甲公司')"), 2);
}
END_TEST

/* 入职打包 saves and submits a 用工备案 and a 增员 together: an
 * unfinished 用工备案 here will do until the 增员 is decided, then the
 * registration must be there. */
START_TEST(zengyuan_pending_yonggong)
{
	struct zengyuan_row	 r;
	struct form_errors	 errs;
	int64_t			 t;

	zt_sql("INSERT INTO tasks (seq_no, business, unit_id, state, "
	    "created_at, updated_at) VALUES ('YGP1', 'yonggong', ?1, '进行中', "
	    "0, 0)", 1, unit);
	zt_sql("INSERT INTO yonggong (task_id, row_no, idno) SELECT id, 0, "
	    "(SELECT idno FROM persons WHERE id = ?1) FROM tasks WHERE seq_no "
	    "= 'YGP1'", 1, pid[ZT_NO_EMP]);
	zt_row(ZT_NO_EMP, "李无", &r);
	t = zt_save(&r, "k6");
	zt_attach(t, ZY_MAT_SFZ, "unit/fixtures/files/ok.pdf");
	zt_attach(t, ZY_MAT_YONGGONG, "unit/fixtures/files/ok.pdf");
	zt_attach(t, ZY_MAT_PHOTO, "unit/fixtures/files/ok.jpg");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, t, WF_APPROVE, &reviewer, NULL,
	    &errs), WF_RULES);
	ck_assert(zt_has(&errs, "ZY_NO_YONGGONG"));
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "尚未审核通过"));
	zt_sql("INSERT INTO employments (person_id, unit_id, contract_no, "
	    "start_date, registered_at) VALUES (?1, ?2, 'P-1', '2026-03-01', "
	    "'2026-03-20')", 2, pid[ZT_NO_EMP], unit);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_APPROVE, &reviewer, NULL,
	    &errs), WF_OK);
}
END_TEST

/* Outside a package a 普通 unit's 增员 is saved while the 用工备案 is a
 * draft, but submitted only once the 用工备案 is submitted too: the
 * reviewer could not approve it otherwise, and the clerk would not know
 * why (browser walkthrough). */
START_TEST(zengyuan_yonggong_draft)
{
	struct zengyuan_row	 r;
	struct form_errors	 errs;
	int64_t			 t;
	size_t			 i;

	zt_sql("INSERT INTO tasks (seq_no, business, unit_id, state, "
	    "created_at, updated_at) VALUES ('YGD1', 'yonggong', ?1, '未提交', "
	    "0, 0)", 1, unit);
	zt_sql("INSERT INTO yonggong (task_id, row_no, idno) SELECT id, 0, "
	    "(SELECT idno FROM persons WHERE id = ?1) FROM tasks WHERE seq_no "
	    "= 'YGD1'", 1, pid[ZT_NO_EMP]);
	zt_row(ZT_NO_EMP, "李无", &r);
	t = zt_save(&r, "k8");
	ck_assert_int_gt(t, 0);
	zt_attach(t, ZY_MAT_SFZ, "unit/fixtures/files/ok.pdf");
	zt_attach(t, ZY_MAT_YONGGONG, "unit/fixtures/files/ok.pdf");
	zt_attach(t, ZY_MAT_PHOTO, "unit/fixtures/files/ok.jpg");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert(zt_has(&errs, "ZY_YONGGONG_DRAFT"));
	for (i = 0; i < errs.n; i++)
		if (strcmp(errs.e[i].code, "ZY_YONGGONG_DRAFT") == 0)
			ck_assert_ptr_nonnull(strstr(errs.e[i].msg, "YGD1"));
	zt_sql("UPDATE tasks SET state = '进行中' WHERE seq_no = 'YGD1'", 0, 0);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
}
END_TEST

/* The photo is a JPG. */
START_TEST(zengyuan_photo_jpg)
{
	static unsigned char	 buf[131072];
	struct zengyuan_row	 r;
	struct form_errors	 errs;
	char			 msg[256];
	FILE			*f;
	size_t			 n;
	int64_t			 t;

	zt_row(ZT_NEW, "张新", &r);
	t = zt_save(&r, "k7");
	zt_attach(t, ZY_MAT_SFZ, "unit/fixtures/files/ok.pdf");
	zt_attach(t, ZY_MAT_HETONG, "unit/fixtures/files/ok.pdf");
	/* A PDF as the photo is refused at upload, in Chinese. */
	ck_assert_ptr_nonnull(f = fopen("unit/fixtures/files/ok.pdf", "rb"));
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(attach_store(db.s, &clerk, t, 0, ZY_MAT_PHOTO, "f",
	    buf, n), ATTACH_WRONGTYPE);
	store_rollback(db.s);
	ck_assert_ptr_nonnull(strstr(attach_message(ATTACH_WRONGTYPE,
	    "参保职工电子相片(JPG)", msg, sizeof(msg)), "须为JPG"));
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert_uint_eq(errs.n, 1);	/* still no photo */
	ck_assert(zt_has(&errs, "ZY_MISSING_ATTACH"));
	zt_attach(t, ZY_MAT_PHOTO, "unit/fixtures/files/ok.jpg");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
}
END_TEST

START_TEST(zengyuan_not_on_file_created)
{
	struct zengyuan_row	 r;
	int64_t			 t;

	zt_sql("UPDATE units SET region = '110100' WHERE id = ?1", 1, unit);
	zt_row(ZT_NOT_ON_FILE, "钱空", &r);
	t = zt_save(&r, "k5");
	zt_approve(t, 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM persons p JOIN "
	    "insurance i ON i.person_id = p.id WHERE p.name = '钱空' AND "
	    "i.status = '参保缴费' AND i.base_fen = 600000"), 1);
}
END_TEST

static Suite *
zengyuan_suite(void)
{
	Suite	*s = suite_create("zengyuan");
	TCase	*tc = tcase_create("rules");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, zengyuan_plain_rules, 0,
	    sizeof(plain_cases) / sizeof(plain_cases[0]));
	tcase_add_test(tc, zengyuan_bujiao_message);
	tcase_add_loop_test(tc, zengyuan_store_rules, 0,
	    sizeof(store_cases) / sizeof(store_cases[0]));
	tcase_add_loop_test(tc, zengyuan_paid_months, 0,
	    sizeof(paid_cases) / sizeof(paid_cases[0]));
	tcase_add_test(tc, zengyuan_long_message);
	tcase_add_test(tc, zengyuan_yonggong_policy);
	tcase_add_test(tc, zengyuan_save_and_lock);
	tcase_add_test(tc, zengyuan_materials);
	tcase_add_loop_test(tc, zengyuan_approve_base, 0,
	    sizeof(base_cases) / sizeof(base_cases[0]));
	tcase_add_test(tc, zengyuan_renewal_reopens);
	tcase_add_test(tc, zengyuan_enrol_new_rows);
	tcase_add_test(tc, zengyuan_not_on_file_created);
	tcase_add_test(tc, zengyuan_pending_yonggong);
	tcase_add_test(tc, zengyuan_yonggong_draft);
	tcase_add_test(tc, zengyuan_photo_jpg);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(zengyuan_suite)
