/*
 * test_gongzi.c: 个人工资变更's rules as tables (the query's shape, the
 * month a change applies from, the wage) and over a small world (a
 * person 参保缴费 here, one 暂停缴费 here, one paying at another unit),
 * and its workflow: a 普通 unit's submit is reviewed by the system at
 * once (auto_review) and sets the clamped base from the next month; a
 * wage equal to the one in force, a second unfinished change, a person
 * changed on a draft and a year without its 社平工资 (at save and at
 * submit) are refused; the same form twice is one task.
 */
#include <check.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "clock.h"
#include "gongzi.h"
#include "policy.h"
#include "store.h"
#include "valid.h"
#include "wagebase.h"
#include "workflow.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit, unit2;
static struct actor	 clerk;

/* The persons of the world. */
enum gt_person {
	GT_HERE,	/* 参保缴费 here */
	GT_HERE2,	/* 参保缴费 here */
	GT_STOPPED,	/* 暂停缴费 here */
	GT_ELSE,	/* 参保缴费 at 乙公司 only */
	GT__MAX
};

static const char *const gt_idno[GT__MAX] = {
	"42010119900307711X", "420101199104088123", "420101198805066134",
	"420101198512129145",
};
static int64_t	 pid[GT__MAX], ins[GT__MAX];

/* Runs one SQL statement with integer parameters. */
static void
gt_sql(const char *sql, int n, ...)
{
	struct store_stmt	*st;
	va_list			 ap;
	int			 i;

	ck_assert_ptr_nonnull(st = store_stmt(db.s, sql));
	va_start(ap, n);
	for (i = 1; i <= n; i++)
		ck_assert_int_eq(store_bind_int(st, i, va_arg(ap, int64_t)), 0);
	va_end(ap);
	ck_assert_msg(store_exec_stmt(db.s, st) == 0, "%s", sql);
}

/* Person i, 参保 at unit u (paying or not) on base 5,000.00. */
static void
gt_person(enum gt_person i, const char *name, int64_t u, int paying)
{
	pid[i] = th_person(db.s, gt_idno[i], name, "男", "1990-03-07");
	gt_sql("INSERT INTO insurance (person_id, unit_id, sb_no, start_month, "
	    "status, base_fen, wage_fen) VALUES (?1, ?2, 'SB' || ?1, "
	    "'2020-01', CASE ?3 WHEN 1 THEN '参保缴费' ELSE '暂停缴费' END, "
	    "500000, 500000)", 3, pid[i], u, (int64_t)paying);
	ins[i] = th_count(db.s, "SELECT MAX(id) FROM insurance");
}

static void
setup(void)
{
	th_db_open(&db);
	th_clock_set(&db, "2026-12-02 10:00:00");
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	wf_register(&gongzi_business);
	unit = th_unit(db.s, "甲公司", 0);
	unit2 = th_unit(db.s, "乙公司", 0);
	clerk.account_id = th_account(db.s, unit, "gz-clerk");
	clerk.unit_id = unit;
	clerk.name = "甲经办";
	clerk.cert_fp = "";
	gt_person(GT_HERE, "张三", unit, 1);
	gt_person(GT_HERE2, "李四", unit, 1);
	gt_person(GT_STOPPED, "王五", unit, 0);
	gt_person(GT_ELSE, "赵六", unit2, 1);
}

static void
teardown(void)
{
	th_db_close(&db);
}

/* Saves a change of person i to wage (fen) as a new task with key
 * (NULL: none).  Returns gz_save's return; *id the task. */
static int
gt_save(enum gt_person i, int64_t wage, const char *key, int64_t *id,
    int *created, struct form_errors *errs)
{
	struct gongzi_row	 r;

	memset(&r, 0, sizeof(r));
	r.person_id = pid[i];
	r.wage_fen = wage;
	errs->n = 0;
	return gz_save(db.s, &clerk, NULL, &r, key, id, created, errs);
}

/* Whether errs holds code. */
static int
gt_has(const struct form_errors *errs, const char *code)
{
	size_t	 i;

	for (i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].code, code) == 0)
			return 1;
	return 0;
}

/* ---- Plain rules ---- */

START_TEST(gz_query_norm_table)
{
	static const struct {
		const char	*q;
		int		 rc;
		const char	*out;
	} cases[] = {
		{ "42010119900307711X", 0, "42010119900307711X" },
		{ " 42010119900307711x\t", 0, "42010119900307711X" },
		{ "sb12", 0, "SB12" },
		{ "4201Z00000012", 0, "4201Z00000012" },
		{ "", -1, "" },
		{ "   ", -1, "" },
		{ "SB-12", -1, "" },
		{ "SB 12", -1, "" },
		{ "张三", -1, "" },
		{ "1234567890123456789012345", -1, "" },
		{ "' OR 1=1 --", -1, "" },
	};
	char	 out[GZ_QUERY_MAX + 1];
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_msg(gz_query_norm(cases[i].q, out) == cases[i].rc,
		    "case %zu", i);
		ck_assert_str_eq(out, cases[i].out);
	}
	ck_assert_int_eq(gz_query_norm(NULL, out), -1);
}
END_TEST

START_TEST(gz_effect_month_table)
{
	static const struct {
		struct hdate	 day;
		const char	*want;
	} cases[] = {
		{ { 2026, 12, 2 }, "2027-01" },
		{ { 2026, 12, 31 }, "2027-01" },
		{ { 2026, 1, 1 }, "2026-02" },
		{ { 2026, 3, 31 }, "2026-04" },
	};
	char	 out[8];
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		gz_effect_month(&cases[i].day, out);
		ck_assert_str_eq(out, cases[i].want);
	}
}
END_TEST

START_TEST(gz_wage_check_table)
{
	static const struct {
		int64_t		 wage;
		long long	 max;
		const char	*code;	/* NULL: passes */
	} cases[] = {
		{ 0, 1000000, "GZ_WAGE_INVALID" },
		{ -1, 1000000, "GZ_WAGE_INVALID" },
		{ 1, 1000000, NULL },
		{ 600000, 1000000, NULL },
		{ 99999999, 1000000, NULL },		/* 999,999.99 */
		{ 100000000, 1000000, "GZ_WAGE_TOO_HIGH" },
		{ 999999999, 1000000, "GZ_WAGE_TOO_HIGH" },
		{ 999999999, 0, NULL },			/* no limit */
	};
	struct form_errors	 errs;
	size_t			 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		errs.n = 0;
		ck_assert_uint_eq(gz_wage_check(cases[i].wage, cases[i].max,
		    &errs), cases[i].code != NULL);
		if (cases[i].code != NULL) {
			ck_assert_str_eq(errs.e[0].code, cases[i].code);
			ck_assert_str_eq(errs.e[0].field, "wage");
		}
	}
}
END_TEST

/* ---- The world ---- */

/* The query finds only the unit's own 参保, by 身份证号 or 个人编号. */
START_TEST(gz_find_only_own)
{
	struct gz_person	 p;
	struct hdate		 today;
	char			 sb[24];

	clock_today(&today);
	ck_assert_int_eq(gz_find(db.s, unit, gt_idno[GT_HERE], &today, &p), 0);
	ck_assert_int_eq(p.person_id, pid[GT_HERE]);
	ck_assert_int_eq(p.insurance_id, ins[GT_HERE]);
	ck_assert_str_eq(p.name, "张三");
	ck_assert_str_eq(p.month, "2027-01");
	ck_assert_int_eq(p.now.base_fen, 500000);
	ck_assert_int_eq(p.has_next, 0);
	snprintf(sb, sizeof(sb), "SB%lld", (long long)pid[GT_HERE2]);
	ck_assert_int_eq(gz_find(db.s, unit, sb, &today, &p), 0);
	ck_assert_int_eq(p.person_id, pid[GT_HERE2]);
	ck_assert_int_eq(gz_find(db.s, unit, gt_idno[GT_STOPPED], &today, &p),
	    2);
	/* Another unit's person, by either number: not found. */
	ck_assert_int_eq(gz_find(db.s, unit, gt_idno[GT_ELSE], &today, &p), 1);
	snprintf(sb, sizeof(sb), "SB%lld", (long long)pid[GT_ELSE]);
	ck_assert_int_eq(gz_find(db.s, unit, sb, &today, &p), 1);
	ck_assert_int_eq(gz_find(db.s, unit2, sb, &today, &p), 0);
	ck_assert_int_eq(gz_find(db.s, unit, "420101200001011234", &today,
	    &p), 1);
	ck_assert_int_eq(gz_person_load(db.s, unit, pid[GT_ELSE], &today, &p),
	    1);
}
END_TEST

/* A 普通 unit's change ends at once: the base clamped to 2027's floor
 * from 2027-01, December untouched. */
START_TEST(gz_submit_ends_at_once_floor)
{
	struct form_errors	 errs;
	struct gongzi_row	 r;
	struct wb_base		 b;
	struct task		 t;
	int64_t			 id;
	int			 created;

	ck_assert_int_eq(gt_save(GT_HERE, 300000, "gz:a", &id, &created,
	    &errs), 0);
	ck_assert_int_eq(created, 1);
	ck_assert_int_eq(wf_load(db.s, id, unit, &t), 0);
	ck_assert_int_eq(t.state, TASK_DRAFT);
	ck_assert_int_eq(gz_row_load(db.s, id, &r), 0);
	ck_assert_int_eq(r.old_base_fen, 500000);
	ck_assert_int_eq(r.base_fen, 0);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(wf_load(db.s, id, unit, &t), 0);
	ck_assert_int_eq(t.state, TASK_DONE);
	ck_assert_int_eq(t.decided_by, 0);
	ck_assert_int_eq(gz_row_load(db.s, id, &r), 0);
	ck_assert_int_eq(r.base_fen, 462000);
	ck_assert_str_eq(r.from_month, "2027-01");
	ck_assert_int_eq(r.side, WB_FLOOR);
	ck_assert_ptr_nonnull(strstr(r.note, "按下限核定"));
	ck_assert_int_eq(wb_at(db.s, ins[GT_HERE], "2026-12", &b), 0);
	ck_assert_int_eq(b.base_fen, 500000);
	ck_assert_int_eq(wb_at(db.s, ins[GT_HERE], "2027-01", &b), 0);
	ck_assert_int_eq(b.base_fen, 462000);
	ck_assert_int_eq(b.wage_fen, 300000);
	ck_assert_int_eq(b.task_id, id);
	/* The same wage again: nothing to change. */
	ck_assert_int_eq(gt_save(GT_HERE, 300000, "gz:b", &id, &created,
	    &errs), 1);
	ck_assert(gt_has(&errs, "GZ_SAME"));
	/* Another wage is a new change, over the approved one. */
	ck_assert_int_eq(gt_save(GT_HERE, 3000000, "gz:c", &id, &created,
	    &errs), 0);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(wb_at(db.s, ins[GT_HERE], "2027-01", &b), 0);
	ck_assert_int_eq(b.base_fen, 2310000);
	ck_assert_int_eq(gz_row_load(db.s, id, &r), 0);
	ck_assert_int_eq(r.side, WB_CEILING);
	ck_assert_int_eq(r.old_wage_fen, 300000);
}
END_TEST

/* Refusals at save: another unit's person, a stopped one, a second
 * unfinished change, a bad wage; nothing stored. */
START_TEST(gz_save_refusals)
{
	struct form_errors	 errs;
	struct gongzi_row	 r;
	struct task		 t;
	int64_t			 id, first;
	int			 created;

	ck_assert_int_eq(gt_save(GT_ELSE, 600000, "gz:1", &id, &created,
	    &errs), 1);
	ck_assert(gt_has(&errs, "GZ_NOT_INSURED"));
	ck_assert_int_eq(gt_save(GT_STOPPED, 600000, "gz:2", &id, &created,
	    &errs), 1);
	ck_assert(gt_has(&errs, "GZ_NOT_PAYING"));
	ck_assert_int_eq(gt_save(GT_HERE, 0, "gz:3", &id, &created, &errs), 1);
	ck_assert(gt_has(&errs, "GZ_WAGE_INVALID"));
	ck_assert_int_eq(gt_save(GT_HERE, 100000000, "gz:4", &id, &created,
	    &errs), 1);
	ck_assert(gt_has(&errs, "GZ_WAGE_TOO_HIGH"));
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM gongzi"), 0);
	/* A draft; the same form again is the same task. */
	ck_assert_int_eq(gt_save(GT_HERE, 600000, "gz:5", &first, &created,
	    &errs), 0);
	ck_assert_int_eq(created, 1);
	ck_assert_int_eq(gt_save(GT_HERE, 600000, "gz:5", &id, &created,
	    &errs), 0);
	ck_assert_int_eq(created, 0);
	ck_assert_int_eq(id, first);
	/* Another form for him while it is unfinished: refused. */
	ck_assert_int_eq(gt_save(GT_HERE, 700000, "gz:6", &id, &created,
	    &errs), 1);
	ck_assert(gt_has(&errs, "GZ_PENDING"));
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM gongzi"), 1);
	/* The draft edited: a new wage, but never another person. */
	ck_assert_int_eq(wf_load(db.s, first, unit, &t), 0);
	memset(&r, 0, sizeof(r));
	r.person_id = pid[GT_HERE];
	r.wage_fen = 650000;
	errs.n = 0;
	ck_assert_int_eq(gz_save(db.s, &clerk, &t, &r, NULL, &id, &created,
	    &errs), 0);
	ck_assert_int_eq(id, first);
	ck_assert_int_eq(gz_row_load(db.s, first, &r), 0);
	ck_assert_int_eq(r.wage_fen, 650000);
	r.person_id = pid[GT_HERE2];
	errs.n = 0;
	ck_assert_int_eq(gz_save(db.s, &clerk, &t, &r, NULL, &id, &created,
	    &errs), 1);
	ck_assert(gt_has(&errs, "GZ_PERSON_CHANGED"));
	/* 退单 frees the person for a new change. */
	ck_assert_int_eq(wf_transition(db.s, first, WF_CANCEL, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(gt_save(GT_HERE, 700000, "gz:7", &id, &created,
	    &errs), 0);
}
END_TEST

/* A year without its 社平工资: refused at save, and at submit when the
 * year turned after the save; the draft stays 未提交. */
START_TEST(gz_no_policy_refused)
{
	struct form_errors	 errs;
	struct task		 t;
	int64_t			 id;
	int			 created;

	th_clock_set(&db, "2027-11-30 10:00:00");
	ck_assert_int_eq(gt_save(GT_HERE2, 600000, "gz:x", &id, &created,
	    &errs), 0);
	th_clock_set(&db, "2027-12-01 09:00:00");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert(gt_has(&errs, "GZ_NO_POLICY"));
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "2028年度社平工资尚未公布"));
	ck_assert_int_eq(wf_load(db.s, id, unit, &t), 0);
	ck_assert_int_eq(t.state, TASK_DRAFT);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM wage_bases"), 0);
	ck_assert_int_eq(gz_lint(db.s, id, &errs), 0);
	ck_assert(gt_has(&errs, "GZ_NO_POLICY"));
	ck_assert_int_eq(gt_save(GT_HERE, 600000, "gz:y", &id, &created,
	    &errs), 1);
	ck_assert(gt_has(&errs, "GZ_NO_POLICY"));
	/* Published: the draft goes through. */
	ck_assert_int_eq(store_exec_sql(db.s, "INSERT INTO policy (region, "
	    "key, valid_from, value) VALUES ('420100', 'wage.avg_monthly_fen', "
	    "'2028-01-01', '800000')"), 0);
	ck_assert_int_eq(gt_save(GT_HERE, 600000, "gz:z", &id, &created,
	    &errs), 0);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM wage_bases WHERE "
	    "from_month = '2028-01' AND base_fen = 600000"), 1);
}
END_TEST

/* The business as the registry shows it. */
START_TEST(gz_business_shape)
{
	ck_assert_str_eq(gongzi_business.code, "gongzi");
	ck_assert_str_eq(gongzi_business.path, "/gongzi");
	ck_assert_str_eq(gongzi_business.category, "jiaofei");
	ck_assert_str_eq(gongzi_business.menu[0].label,
	    "单个职工缴费基数变更申报");
	ck_assert_int_eq(gongzi_business.auto_review, 1);
	ck_assert_ptr_null(gongzi_business.batch);
}
END_TEST

static Suite *
gongzi_suite(void)
{
	Suite	*s = suite_create("gongzi");
	TCase	*tc = tcase_create("gongzi");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, gz_query_norm_table);
	tcase_add_test(tc, gz_effect_month_table);
	tcase_add_test(tc, gz_wage_check_table);
	tcase_add_test(tc, gz_find_only_own);
	tcase_add_test(tc, gz_submit_ends_at_once_floor);
	tcase_add_test(tc, gz_save_refusals);
	tcase_add_test(tc, gz_no_policy_refused);
	tcase_add_test(tc, gz_business_shape);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(gongzi_suite)
