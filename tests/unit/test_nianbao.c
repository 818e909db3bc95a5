/*
 * test_nianbao.c: 年度缴费工资申报 as tables of cases: the window per
 * region and year (before, on each bound, after, none announced, a
 * region's own); every row rule (insured here, 姓名 and 个人编号 as on
 * file, the wage positive, the ratio to the previous 申报工资 on and past
 * each bound, with and without a 备注, a year without 社平工资, another
 * declaration of the year); the workflow (saved outside the window
 * refused; the 申报表 required; approval: the base clamped from the
 * policy's month, wage_declarations recorded); the pre-filled template;
 * a file imported, the persons not declared; a partial decision.
 */
#include <check.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "audit.h"
#include "batch.h"
#include "clock.h"
#include "nianbao.h"
#include "policy.h"
#include "store.h"
#include "valid.h"
#include "wagebase.h"
#include "workflow.h"
#include "xlsx.h"
#include "../suites.h"
#include "helpers.h"

/* The in-service declaration, for short. */
#define ZZ	(&nianbao_kind_zaizhi)

static struct th_db	 db;
static int64_t		 unit, unit2;
static struct actor	 clerk, reviewer;

/* The persons of the world, by index. */
enum nt_person {
	NT_HERE,	/* 参保缴费 here, no 申报工资 before */
	NT_PREV,	/* 参保缴费 here, 申报工资 5,000 元 since 2026-01 */
	NT_STOPPED,	/* 暂停缴费 here */
	NT_ELSE,	/* 参保缴费 at 乙公司 */
	NT_NOBODY,	/* not on file */
	NT__MAX
};

static const char *const nt_names[NT__MAX] = { "张在", "李旧", "孙停",
	"陈他", "无名" };
static char	 idno[NT__MAX][19];
static int64_t	 pid[NT__MAX], iid[NT__MAX];

/* Completes a 17-digit body with its GB 11643 check digit. */
static void
nt_idno(const char *body, char out[19])
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
nt_sql(const char *sql, int n, ...)
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

/* Person i on file (unless NT_NOBODY), insured at u (0: nowhere),
 * paying or stopped. */
static void
nt_person(enum nt_person i, const char *body, int64_t u, int paying)
{
	char	 q[64];

	nt_idno(body, idno[i]);
	if (i == NT_NOBODY)
		return;
	pid[i] = th_person(db.s, idno[i], nt_names[i], "男", "1990-01-01");
	if (u == 0)
		return;
	nt_sql("INSERT INTO insurance (person_id, unit_id, sb_no, start_month,"
	    " status) VALUES (?1, ?2, 'SB' || ?1, '2020-01', CASE ?3 WHEN 1 "
	    "THEN '参保缴费' ELSE '暂停缴费' END)", 3, pid[i], u,
	    (int64_t)paying);
	snprintf(q, sizeof(q), "SELECT MAX(id) FROM insurance");
	iid[i] = th_count(db.s, q);
}

/* The world on 2026-12-10, in 2027's window. */
static void
setup(void)
{
	struct wb_clamp	 c;

	th_db_open(&db);
	th_clock_set(&db, "2026-12-10 10:00:00");
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	wf_register(&nianbao_business);
	wf_register(&txgz_business);
	unit = th_unit(db.s, "甲公司", 0);
	unit2 = th_unit(db.s, "乙公司", 0);
	clerk.account_id = th_account(db.s, unit, "nb-clerk");
	clerk.unit_id = unit;
	clerk.name = "甲经办";
	clerk.cert_fp = "";
	reviewer.account_id = th_account(db.s, 0, "nb-reviewer");
	reviewer.name = "审核员";
	reviewer.cert_fp = "";
	nt_person(NT_HERE, "42010219900101123", unit, 1);
	nt_person(NT_PREV, "42010219910202124", unit, 1);
	nt_person(NT_STOPPED, "42010319950303127", unit, 0);
	nt_person(NT_ELSE, "42010419930404138", unit2, 1);
	nt_person(NT_NOBODY, "42010520030505111", 0, 0);
	memset(&c, 0, sizeof(c));
	c.wage_fen = 500000;
	c.base_fen = 500000;
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wb_set(db.s, iid[NT_PREV], "2026-01", &c, "test", 0),
	    0);
	ck_assert_int_eq(store_commit(db.s), 0);
}

static void
teardown(void)
{
	th_db_close(&db);
}

/* Whether errs holds code. */
static int
nt_has(const struct form_errors *errs, const char *code)
{
	size_t	 i;

	for (i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].code, code) == 0)
			return 1;
	return 0;
}

/* ---- The window ---- */

struct window_case {
	const char	*region;
	const char	*day;
	int		 open;
	int		 year;		/* 0: none announced */
	const char	*from;
	const char	*says;		/* in the message */
};

static const struct window_case window_cases[] = {
	{ "420100", "2026-11-30", 0, 2027, "2026-12-01",
	  "2027年度缴费工资申报将于2026-12-01开始(至2027-01-15)" },
	{ "420100", "2026-12-01", 1, 2027, "2026-12-01",
	  "2027年度缴费工资申报期:2026-12-01至2027-01-15" },
	{ "420100", "2027-01-15", 1, 2027, "2026-12-01", "2027年度" },
	{ "420100", "2027-01-16", 0, 0, "", "尚未公布" },
	{ "420100", "2026-01-10", 1, 2026, "2025-12-01", "2026年度" },
	{ "420100", "2026-06-30", 0, 2027, "2026-12-01", "将于2026-12-01" },
	/* A region's own window (set in the test) before the default. */
	{ "420200", "2026-11-20", 1, 2027, "2026-11-15", "2026-11-15至" },
	{ "110000", "2026-11-20", 0, 2027, "2026-12-01", "将于" },
};

START_TEST(nianbao_window_table)
{
	const struct window_case	*w = &window_cases[_i];
	struct nianbao_window		 win;
	struct hdate			 d;
	char				 msg[256];

	ck_assert_int_eq(store_exec_sql(db.s, "INSERT INTO policy (region, "
	    "key, valid_from, value) VALUES ('420200', 'nianbao.open.2027', "
	    "'1900-01-01', '2026-11-15'), ('420200', 'nianbao.close.2027', "
	    "'1900-01-01', '2026-12-31')"), 0);
	ck_assert_int_eq(valid_date(w->day, &d), VALID_OK);
	ck_assert_int_eq(nianbao_window(db.s, w->region, &d, &win), 0);
	ck_assert_msg(win.open == w->open, "%s %s: open %d", w->region, w->day,
	    win.open);
	ck_assert_int_eq(win.year, w->year);
	ck_assert_str_eq(win.from, w->from);
	nianbao_window_message(&win, msg, sizeof(msg));
	ck_assert_msg(strstr(msg, w->says) != NULL, "%s: %s", w->day, msg);
}
END_TEST

/* A malformed policy date is an error, never an open window. */
START_TEST(nianbao_window_bad_policy)
{
	struct nianbao_window	 win;
	struct hdate		 d = { 2026, 12, 10 };

	ck_assert_int_eq(store_exec_sql(db.s, "UPDATE policy SET value = "
	    "'12-01' WHERE key = 'nianbao.open.2027'"), 0);
	ck_assert_int_eq(nianbao_window(db.s, "420100", &d, &win), -1);
}
END_TEST

/* ---- The row rules ---- */

struct rule_case {
	enum nt_person	 who;
	const char	*name;		/* NULL: his own */
	const char	*sb_no;		/* NULL: blank; "own": his */
	int64_t		 wage;
	const char	*remark;
	int		 year;
	const char	*code;		/* the error, NULL none */
};

static const struct rule_case rule_cases[] = {
	{ NT_HERE, NULL, NULL, 600000, "", 2027, NULL },
	{ NT_HERE, NULL, "own", 1, "", 2027, NULL },
	{ NT_NOBODY, NULL, NULL, 600000, "", 2027, "NB_NOT_INSURED" },
	{ NT_STOPPED, NULL, NULL, 600000, "", 2027, "NB_NOT_INSURED" },
	{ NT_ELSE, NULL, NULL, 600000, "", 2027, "NB_NOT_INSURED" },
	{ NT_HERE, "别人", NULL, 600000, "", 2027, "NB_NAME_MISMATCH" },
	{ NT_HERE, NULL, "SB0", 600000, "", 2027, "NB_SBNO_MISMATCH" },
	{ NT_HERE, NULL, NULL, 0, "", 2027, "NB_WAGE_INVALID" },
	{ NT_HERE, NULL, NULL, -100, "", 2027, "NB_WAGE_INVALID" },
	/* 5,000 元 before; 200%: up to 10,000, down to 2,500. */
	{ NT_PREV, NULL, NULL, 1000000, "", 2027, NULL },
	{ NT_PREV, NULL, NULL, 1000001, "", 2027, "NB_WAGE_RATIO" },
	{ NT_PREV, NULL, NULL, 250000, "", 2027, NULL },
	{ NT_PREV, NULL, NULL, 249999, "", 2027, "NB_WAGE_RATIO" },
	{ NT_PREV, NULL, NULL, 1000001, "晋升", 2027, NULL },
	{ NT_PREV, NULL, NULL, 100, "试用期", 2027, NULL },
	/* A year without its 社平工资. */
	{ NT_HERE, NULL, NULL, 600000, "", 2029, "NB_NO_POLICY" },
	{ NT_HERE, NULL, NULL, 600000,
	  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
	  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
	  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
	  "一二三四五六七八九十一", 2027, "NB_REMARK_INVALID" },
};

START_TEST(nianbao_rule_table)
{
	const struct rule_case	*rc = &rule_cases[_i];
	struct form_errors	 errs;
	struct nianbao_row	 r;

	memset(&r, 0, sizeof(r));
	snprintf(r.idno, sizeof(r.idno), "%s", idno[rc->who]);
	snprintf(r.name, sizeof(r.name), "%s", rc->name != NULL ? rc->name :
	    nt_names[rc->who]);
	if (rc->sb_no != NULL && strcmp(rc->sb_no, "own") == 0)
		snprintf(r.sb_no, sizeof(r.sb_no), "SB%lld",
		    (long long)pid[rc->who]);
	else if (rc->sb_no != NULL)
		snprintf(r.sb_no, sizeof(r.sb_no), "%s", rc->sb_no);
	r.wage_fen = rc->wage;
	snprintf(r.remark, sizeof(r.remark), "%s", rc->remark);
	r.year = rc->year;
	errs.n = 0;
	ck_assert_int_eq(nianbao_rules(db.s, ZZ, unit, 0, &r, NULL,
	    &errs), 0);
	if (rc->code == NULL) {
		ck_assert_msg(errs.n == 0, "case %d: %s", _i, errs.n > 0 ?
		    errs.e[0].msg : "");
		ck_assert_int_eq(r.person_id, pid[rc->who]);
		ck_assert_int_eq(r.insurance_id, iid[rc->who]);
		ck_assert_int_eq(r.prev_fen, rc->who == NT_PREV ? 500000 : 0);
	} else
		ck_assert_msg(nt_has(&errs, rc->code), "case %d: want %s, "
		    "got %zu errors (%s)", _i, rc->code, errs.n, errs.n > 0 ?
		    errs.e[0].code : "");
}
END_TEST

/* A malformed 身份证号 is said once, and nothing else is looked up. */
START_TEST(nianbao_rule_bad_idno)
{
	struct form_errors	 errs;
	struct nianbao_row	 r;

	memset(&r, 0, sizeof(r));
	snprintf(r.idno, sizeof(r.idno), "420102199001011234");
	snprintf(r.name, sizeof(r.name), "张在");
	r.wage_fen = 600000;
	r.year = 2027;
	errs.n = 0;
	ck_assert_int_eq(nianbao_rules(db.s, ZZ, unit, 0, &r,
	    "第3行: ", &errs), 0);
	ck_assert_int_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].code, "NB_IDNO_INVALID");
	ck_assert_str_eq(errs.e[0].msg, "第3行: 身份证号格式不正确");
}
END_TEST

/* The ratio's message names the previous wage and the policy. */
START_TEST(nianbao_ratio_message)
{
	struct form_errors	 errs;
	struct nianbao_row	 r;

	memset(&r, 0, sizeof(r));
	snprintf(r.idno, sizeof(r.idno), "%s", idno[NT_PREV]);
	snprintf(r.name, sizeof(r.name), "%s", nt_names[NT_PREV]);
	r.wage_fen = 2000000;
	r.year = 2027;
	errs.n = 0;
	ck_assert_int_eq(nianbao_rules(db.s, ZZ, unit, 0, &r, NULL,
	    &errs), 0);
	ck_assert_int_eq(errs.n, 1);
	ck_assert_msg(strstr(errs.e[0].msg, "5,000.00元") != NULL &&
	    strstr(errs.e[0].msg, "100%") != NULL &&
	    strstr(errs.e[0].msg, "备注") != NULL, "%s", errs.e[0].msg);
	/* The region may allow more. */
	ck_assert_int_eq(store_exec_sql(db.s, "INSERT INTO policy (region, "
	    "key, valid_from, value) VALUES ('420100', "
	    "'nianbao.change_max_pct', '1900-01-01', '500')"), 0);
	errs.n = 0;
	ck_assert_int_eq(nianbao_rules(db.s, ZZ, unit, 0, &r, NULL,
	    &errs), 0);
	ck_assert_int_eq(errs.n, 0);
}
END_TEST

/* ---- The workflow ---- */

/* Saves a single declaration of person i with wage (fen); returns
 * nianbao_save's result, the task into *t. */
static int
nt_save(enum nt_person i, int64_t wage, const char *key, int64_t *t,
    struct form_errors *errs)
{
	struct nianbao_row	 r;
	int			 created;

	memset(&r, 0, sizeof(r));
	snprintf(r.idno, sizeof(r.idno), "%s", idno[i]);
	snprintf(r.name, sizeof(r.name), "%s", nt_names[i]);
	r.wage_fen = wage;
	errs->n = 0;
	return nianbao_save(db.s, ZZ, &clerk, &r, key, t, &created,
	    errs);
}

/* Attaches the 申报表 to task_id. */
static void
nt_attach(int64_t task_id)
{
	static unsigned char buf[131072];
	FILE		*f;
	size_t		 n;

	ck_assert_ptr_nonnull(f = fopen("unit/fixtures/files/ok.pdf", "rb"));
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	ck_assert_uint_gt(n, 0);
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(attach_store(db.s, &clerk, task_id, 0,
	    NB_MAT_SHENBAOBIAO, "f", buf, n), ATTACH_OK);
	ck_assert_int_eq(store_commit(db.s), 0);
}

/* The base insurance ii has from month, or -1 when none was set. */
static int64_t
nt_base_from(int64_t ii, const char *month)
{
	struct wb_base	 b;

	if (wb_at(db.s, ii, month, &b) != 0 ||
	    strcmp(b.from_month, month) != 0)
		return -1;
	return b.base_fen;
}

/* Outside the window nothing is saved; in it, once per person and
 * year; the same token twice is one task. */
START_TEST(nianbao_save_rules)
{
	struct form_errors	 errs;
	int64_t			 t, t2, again;

	th_clock_set(&db, "2027-02-01 09:00:00");
	ck_assert_int_eq(nt_save(NT_HERE, 600000, "nb:k1", &t, &errs), 1);
	ck_assert(nt_has(&errs, "NB_CLOSED"));
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks"), 0);
	th_clock_set(&db, "2026-12-10 10:00:00");
	ck_assert_int_eq(nt_save(NT_HERE, 600000, "nb:k1", &t, &errs), 0);
	ck_assert_int_eq(nt_save(NT_HERE, 600000, "nb:k1", &again, &errs), 0);
	ck_assert_int_eq(again, t);
	ck_assert_int_eq(nt_save(NT_HERE, 610000, "nb:k2", &t2, &errs), 1);
	ck_assert(nt_has(&errs, "NB_DECLARED"));
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM nianbao"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT year FROM nianbao"), 2027);
	/* After 退单 he may be declared again. */
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_CANCEL, &clerk, NULL, &errs),
	    WF_OK);
	ck_assert_int_eq(nt_save(NT_HERE, 610000, "nb:k3", &t2, &errs), 0);
}
END_TEST

struct base_case {
	int64_t		 wage;
	int64_t		 base;		/* 2027 武汉: 7,700.00 × 60% / 300% */
};

static const struct base_case base_cases[] = {
	{ 300000, 462000 },		/* below the floor */
	{ 462000, 462000 },		/* the floor */
	{ 600050, 600050 },		/* between */
	{ 2310000, 2310000 },		/* the ceiling */
	{ 2310001, 2310000 },		/* above it */
};

/* Submitted without the 申报表: refused; with it, approved: the base
 * clamped from 2027-01, the row's base, the declaration recorded. */
START_TEST(nianbao_approve_base)
{
	const struct base_case	*bc = &base_cases[_i];
	struct form_errors	 errs;
	struct nianbao_row	 r;
	int64_t			 t;

	ck_assert_int_eq(nt_save(NT_HERE, bc->wage, "nb:b", &t, &errs), 0);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL, &errs),
	    WF_RULES);
	ck_assert(nt_has(&errs, "NB_MISSING_ATTACH"));
	nt_attach(t);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL, &errs),
	    WF_OK);
	/* Decided after the window closed: still approved. */
	th_clock_set(&db, "2027-01-20 10:00:00");
	ck_assert_int_eq(wf_transition(db.s, t, WF_APPROVE, &reviewer, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(nt_base_from(iid[NT_HERE], "2027-01"), bc->base);
	ck_assert_int_eq(nianbao_row_load(db.s, t, 0, &r), 0);
	ck_assert_int_eq(r.base_fen, bc->base);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM "
	    "wage_declarations WHERE year = 2027 AND declared_at > 0"), 1);
}
END_TEST

/* The policy's month: a region whose bases apply from July. */
START_TEST(nianbao_from_month_policy)
{
	struct form_errors	 errs;
	int64_t			 t;

	ck_assert_int_eq(store_exec_sql(db.s, "INSERT INTO policy (region, "
	    "key, valid_from, value) VALUES ('420100', 'nianbao.from_month', "
	    "'1900-01-01', '7')"), 0);
	ck_assert_int_eq(nt_save(NT_PREV, 800000, "nb:m", &t, &errs), 0);
	nt_attach(t);
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL, &errs),
	    WF_OK);
	ck_assert_int_eq(wf_transition(db.s, t, WF_APPROVE, &reviewer, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(nt_base_from(iid[NT_PREV], "2027-07"), 800000);
	ck_assert_int_eq(nt_base_from(iid[NT_PREV], "2027-01"), -1);
}
END_TEST

/* ---- The batch ---- */

/* template_rows callback: counts the rows and keeps NT_PREV's cells. */
static int
nt_emit(void *arg, const char *const *cells)
{
	int	*n = arg;

	(*n)++;
	if (strcmp(cells[NBC_SFZH], idno[NT_PREV]) == 0) {
		ck_assert_str_eq(cells[NBC_NAME], nt_names[NT_PREV]);
		ck_assert_str_eq(cells[NBC_WAGE], "");
		n[1]++;
	}
	return 0;
}

/* The template: the persons 参保缴费 here only, and as a workbook the
 * header then them (the 填表说明 on a sheet the import does not read). */
START_TEST(nianbao_template)
{
	struct xlsx_sheet	 sh;
	unsigned char		*buf;
	size_t			 sz, i;
	int			 n[2] = { 0, 0 };

	ck_assert_int_eq(nianbao_batch.template_rows(db.s, unit, nt_emit, n),
	    0);
	ck_assert_int_eq(n[0], 2);
	ck_assert_int_eq(n[1], 1);
	ck_assert_int_eq(batch_template_unit(db.s, &nianbao_batch, unit, &buf,
	    &sz), 0);
	ck_assert_int_eq(xlsx_read(buf, sz, &sh), XLSX_OK);
	free(buf);
	ck_assert_uint_eq(sh.nrows, 3);
	for (i = 0; i < NBC__MAX; i++)
		ck_assert_str_eq(sh.rows[0].cells[i], nianbao_batch.columns[i]);
	ck_assert_str_eq(sh.rows[1].cells[NBC_SFZH], idno[NT_HERE]);
	ck_assert_str_eq(sh.rows[2].cells[NBC_NAME], nt_names[NT_PREV]);
	xlsx_free(&sh);
	/* Another unit's template holds its own person only. */
	n[0] = n[1] = 0;
	ck_assert_int_eq(nianbao_batch.template_rows(db.s, unit2, nt_emit, n),
	    0);
	ck_assert_int_eq(n[0], 1);
	ck_assert_int_eq(n[1], 0);
}
END_TEST

/* nianbao_missing_page callback: counts. */
static void
nt_missing(const struct nianbao_missing *m, void *arg)
{
	int	*n = arg;

	ck_assert_str_eq(m->idno, idno[NT_PREV]);
	(*n)++;
}

/* Imports a file of the two persons here (NT_PREV's row refused by the
 * ratio, then one of NT_ELSE) and checks what it made. */
START_TEST(nianbao_import_and_missing)
{
	static const char	*head[NBC__MAX + 1];
	const char		*r1[NBC__MAX], *r2[NBC__MAX], *r3[NBC__MAX];
	const char *const	*rows[4];
	struct batch_result	 res;
	struct hdate		 today;
	unsigned char		*buf;
	size_t			 sz, i;
	int64_t			 total;
	int			 n = 0;

	for (i = 0; i < NBC__MAX; i++)
		head[i] = nianbao_batch.columns[i];
	r1[NBC_SB_NO] = "";
	r1[NBC_NAME] = nt_names[NT_HERE];
	r1[NBC_SFZH] = idno[NT_HERE];
	r1[NBC_WAGE] = "6000.5";
	r1[NBC_REMARK] = "";
	memcpy(r2, r1, sizeof(r2));
	r2[NBC_NAME] = nt_names[NT_PREV];
	r2[NBC_SFZH] = idno[NT_PREV];
	r2[NBC_WAGE] = "20000";
	memcpy(r3, r1, sizeof(r3));
	r3[NBC_NAME] = nt_names[NT_ELSE];
	r3[NBC_SFZH] = idno[NT_ELSE];
	rows[0] = head;
	rows[1] = r1;
	rows[2] = r2;
	rows[3] = r3;
	ck_assert_int_eq(xlsx_write("t", rows, 4, NBC__MAX, &buf, &sz), 0);
	clock_today(&today);
	ck_assert_int_eq(batch_import(db.s, &nianbao_batch, &clerk, buf, sz,
	    &today, "nianbao:f1", &res), 0);
	free(buf);
	ck_assert_int_eq(res.xlsx_error, 0);
	ck_assert_uint_eq(res.ok, 1);
	ck_assert_uint_eq(res.failed, 2);
	ck_assert_int_eq(th_count(db.s, "SELECT wage_fen FROM nianbao"),
	    600050);
	/* NT_PREV is not declared. */
	ck_assert_int_eq(nianbao_missing_page(db.s, ZZ, unit, 2027, 0, 50,
	    nt_missing, &n, &total), 1);
	ck_assert_int_eq(total, 1);
	ck_assert_int_eq(n, 1);
	/* Not for 2028: both. */
	ck_assert_int_eq(nianbao_missing_page(db.s, ZZ, unit, 2028, 0, 0,
	    nt_missing, &n, &total), 0);
	ck_assert_int_eq(total, 2);
}
END_TEST

/* nianbao_rows_find callback: the row's number into *arg, its facts
 * as the reviewer desk shows them. */
static int
nt_found(void *arg, const struct wf_row *r)
{
	ck_assert_uint_eq(r->nfacts, 4);
	ck_assert_str_eq(r->label[0], "申报工资");
	ck_assert_str_eq(r->value[0], "6000.00");
	*(int *)arg = r->row_no;
	return 0;
}

/* A partial decision: one row back with its reason, the other's base
 * set; the row corrected and approved in its own task. */
START_TEST(nianbao_partial)
{
	struct form_errors	 errs;
	struct wf_return	 back = { 2, "工资有误" };
	struct nianbao_row	 r;
	int64_t			 t, nt;
	int			 rc;

	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "nianbao", unit, &clerk, "x",
	    NULL, &t, &rc), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	nt_sql("INSERT INTO nianbao (task_id, row_no, year, person_id, "
	    "insurance_id, name, idno, wage_fen) SELECT ?1, 1, 2027, ?2, ?3, "
	    "name, idno, 600000 FROM persons WHERE id = ?2", 3, t, pid[NT_HERE],
	    iid[NT_HERE]);
	nt_sql("INSERT INTO nianbao (task_id, row_no, year, person_id, "
	    "insurance_id, name, idno, wage_fen) SELECT ?1, 2, 2027, ?2, ?3, "
	    "name, idno, 600000 FROM persons WHERE id = ?2", 3, t, pid[NT_PREV],
	    iid[NT_PREV]);
	nt_attach(t);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL, &errs),
	    WF_OK);
	ck_assert_int_eq(wf_partial(db.s, t, &reviewer, &back, 1, &errs, &nt),
	    WF_OK);
	ck_assert_int_eq(nt_base_from(iid[NT_HERE], "2027-01"), 600000);
	ck_assert_int_eq(nt_base_from(iid[NT_PREV], "2027-01"), -1);
	ck_assert_int_eq(nianbao_row_load(db.s, nt, 2, &r), 0);
	/* Corrected and resubmitted after the window closed. */
	th_clock_set(&db, "2027-02-01 10:00:00");
	/* Found by 身份证号 in its new task, not in the old. */
	ck_assert_int_eq(nianbao_rows_find(db.s, nt, idno[NT_PREV], nt_found,
	    &rc), 1);
	ck_assert_int_eq(rc, 2);
	ck_assert_int_eq(nianbao_rows_find(db.s, t, idno[NT_PREV], nt_found,
	    &rc), 0);
	ck_assert_int_eq(nianbao_rows_find(db.s, t, idno[NT_HERE], nt_found,
	    &rc), 1);
	errs.n = 0;
	ck_assert_int_eq(nianbao_row_correct(db.s, ZZ, &clerk, nt, 2,
	    1000000, "", &errs), 0);
	ck_assert_int_eq(nianbao_row_correct(db.s, ZZ, &clerk, nt, 2,
	    1000001, "", &errs), 1);
	ck_assert(nt_has(&errs, "NB_WAGE_RATIO"));
	ck_assert_int_eq(nianbao_row_correct(db.s, ZZ, &clerk, nt, 9,
	    1000, "", &errs), 2);
	nt_attach(nt);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, nt, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, nt, WF_APPROVE, &reviewer, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(nt_base_from(iid[NT_PREV], "2027-01"), 1000000);
	ck_assert_int_eq(nianbao_row_correct(db.s, ZZ, &clerk, nt, 2,
	    900000, "", &errs), 3);
}
END_TEST

/* ---- 非统筹退休人员 ---- */

/* Registers the retirees of the txgz tests: 赵退 at 甲公司 (declared
 * 5,000 元 for 2026), 钱退 at 乙公司, 吴终 at 甲公司 no longer (终止).
 * Their 身份证号 into ids[3]. */
static void
nt_retirees(char ids[3][19])
{
	struct txgz_retiree	 r;

	nt_idno("42010219500101101", ids[0]);
	nt_idno("42010219510101102", ids[1]);
	nt_idno("42010219520101103", ids[2]);
	memset(&r, 0, sizeof(r));
	r.unit_id = unit;
	r.name = "赵退";
	r.idno = ids[0];
	r.sb_no = "";
	r.retire_date = "2010-01-01";
	r.category = "机关事业单位退休";
	r.wage_fen = 500000;
	r.wage_year = 2026;
	ck_assert_int_eq(txgz_retiree_add(db.s, &r), 0);
	r.unit_id = unit2;
	r.name = "钱退";
	r.idno = ids[1];
	ck_assert_int_eq(txgz_retiree_add(db.s, &r), 0);
	r.unit_id = unit;
	r.name = "吴终";
	r.idno = ids[2];
	ck_assert_int_eq(txgz_retiree_add(db.s, &r), 0);
	ck_assert_int_eq(store_exec_sql(db.s, "UPDATE txgz_retirees SET "
	    "status = '终止' WHERE name = '吴终'"), 0);
	/* The same 身份证号 twice at a unit is refused. */
	r.name = "吴终";
	ck_assert_int_eq(txgz_retiree_add(db.s, &r), -1);
}

struct tx_case {
	int		 who;		/* 0..2: the retirees; 3: NT_HERE */
	int64_t		 wage;
	const char	*remark;
	const char	*code;
};

static const struct tx_case tx_cases[] = {
	{ 0, 600000, "", NULL },
	{ 0, 1000000, "", NULL },		/* twice the last: allowed */
	{ 0, 1000001, "", "NB_WAGE_RATIO" },
	{ 0, 1000001, "补发", NULL },
	{ 1, 600000, "", "NB_NOT_RETIREE" },	/* another unit's */
	{ 2, 600000, "", "NB_NOT_RETIREE" },	/* 终止 */
	{ 3, 600000, "", "NB_NOT_RETIREE" },	/* insured, not a retiree */
	{ 0, 0, "", "NB_WAGE_INVALID" },
};

START_TEST(txgz_rule_table)
{
	const struct tx_case	*tc = &tx_cases[_i];
	static const char *const names[] = { "赵退", "钱退", "吴终" };
	struct form_errors	 errs;
	struct nianbao_row	 r;
	char			 ids[3][19];

	nt_retirees(ids);
	memset(&r, 0, sizeof(r));
	snprintf(r.idno, sizeof(r.idno), "%s", tc->who < 3 ? ids[tc->who] :
	    idno[NT_HERE]);
	snprintf(r.name, sizeof(r.name), "%s", tc->who < 3 ? names[tc->who] :
	    nt_names[NT_HERE]);
	r.wage_fen = tc->wage;
	snprintf(r.remark, sizeof(r.remark), "%s", tc->remark);
	r.year = 2027;
	errs.n = 0;
	ck_assert_int_eq(nianbao_rules(db.s, &nianbao_kind_txgz, unit, 0, &r,
	    NULL, &errs), 0);
	if (tc->code == NULL) {
		ck_assert_msg(errs.n == 0, "case %d: %s", _i, errs.n > 0 ?
		    errs.e[0].msg : "");
		ck_assert_int_gt(r.retiree_id, 0);
		ck_assert_int_eq(r.insurance_id, 0);
		ck_assert_int_eq(r.prev_fen, 500000);
	} else
		ck_assert_msg(nt_has(&errs, tc->code), "case %d: want %s",
		    _i, tc->code);
}
END_TEST

/* nianbao_missing_page callback: counts. */
static void
tx_missing(const struct nianbao_missing *m, void *arg)
{
	(*(int *)arg)++;
}

/* The template lists the unit's registered retirees; approval keeps the
 * wage and the clamped base on the retiree's row, sets no 参保 base and
 * records no in-service declaration. */
START_TEST(txgz_declare_and_approve)
{
	struct form_errors	 errs;
	struct nianbao_row	 r;
	char			 ids[3][19];
	int64_t			 t, total;
	int			 n[2] = { 0, 0 }, m = 0, created;

	nt_retirees(ids);
	ck_assert_int_eq(txgz_batch.template_rows(db.s, unit, nt_emit, n), 0);
	ck_assert_int_eq(n[0], 1);
	ck_assert_int_eq(nianbao_missing_page(db.s, &nianbao_kind_txgz, unit,
	    2027, 0, 50, tx_missing, &m, &total), 1);
	ck_assert_int_eq(total, 1);
	memset(&r, 0, sizeof(r));
	snprintf(r.idno, sizeof(r.idno), "%s", ids[0]);
	snprintf(r.name, sizeof(r.name), "赵退");
	r.wage_fen = 300000;
	errs.n = 0;
	ck_assert_int_eq(nianbao_save(db.s, &nianbao_kind_txgz, &clerk, &r,
	    "tx:1", &t, &created, &errs), 0);
	ck_assert_int_eq(created, 1);
	/* A retiree is not a person of 职工缴费工资申报. */
	errs.n = 0;
	ck_assert_int_eq(nianbao_save(db.s, &nianbao_kind_zaizhi, &clerk, &r,
	    "nb:1", &t, &created, &errs), 1);
	ck_assert(nt_has(&errs, "NB_NOT_INSURED"));
	ck_assert_int_eq(nianbao_missing_page(db.s, &nianbao_kind_txgz, unit,
	    2027, 0, 50, tx_missing, &m, &total), 0);
	ck_assert_int_eq(total, 0);
	t = th_count(db.s, "SELECT id FROM tasks WHERE business = 'txgz'");
	nt_attach(t);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL, &errs),
	    WF_OK);
	ck_assert_int_eq(wf_transition(db.s, t, WF_APPROVE, &reviewer, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(th_count(db.s, "SELECT wage_fen * 10000 + wage_year "
	    "FROM txgz_retirees WHERE name = '赵退'"), 300000LL * 10000 + 2027);
	ck_assert_int_eq(th_count(db.s, "SELECT base_fen FROM txgz_retirees "
	    "WHERE name = '赵退'"), 462000);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM wage_bases"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM "
	    "wage_declarations"), 0);
}
END_TEST

static Suite *
nianbao_suite(void)
{
	Suite	*s = suite_create("nianbao");
	TCase	*tc = tcase_create("nianbao");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, nianbao_window_table, 0,
	    sizeof(window_cases) / sizeof(window_cases[0]));
	tcase_add_test(tc, nianbao_window_bad_policy);
	tcase_add_loop_test(tc, nianbao_rule_table, 0,
	    sizeof(rule_cases) / sizeof(rule_cases[0]));
	tcase_add_test(tc, nianbao_rule_bad_idno);
	tcase_add_test(tc, nianbao_ratio_message);
	tcase_add_test(tc, nianbao_save_rules);
	tcase_add_loop_test(tc, nianbao_approve_base, 0,
	    sizeof(base_cases) / sizeof(base_cases[0]));
	tcase_add_test(tc, nianbao_from_month_policy);
	tcase_add_test(tc, nianbao_template);
	tcase_add_test(tc, nianbao_import_and_missing);
	tcase_add_test(tc, nianbao_partial);
	tcase_add_loop_test(tc, txgz_rule_table, 0,
	    sizeof(tx_cases) / sizeof(tx_cases[0]));
	tcase_add_test(tc, txgz_declare_and_approve);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(nianbao_suite)
