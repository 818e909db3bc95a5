/*
 * test_zhuxiao.c: 当月欠费注销 through lib/zhuxiao.c on a real store on
 * 2026-12-02: whose person a 身份证号 is, each rule (an earlier month
 * pointed to 补缴, a later one, a month not owed, nothing owed, a month
 * in a 补缴, a second 注销), the confirmation the save requires, the
 * signed statement the submit requires, approval settling only the
 * month as 注销 with who and when, a VIP unit's system review, and a
 * draft of November refused in December.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arrears.h"
#include "attach.h"
#include "audit.h"
#include "clock.h"
#include "levy.h"
#include "policy.h"
#include "store.h"
#include "workflow.h"
#include "zhuxiao.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit, other, vip;
static int64_t		 p_cur, p_old, p_none, p_other, p_vip;
static struct actor	 clerk, vip_clerk, reviewer;

#define ID_CUR		"420102199003071234"
#define ID_OLD		"42010219900307123X"
#define ID_NONE		"420102199103071235"
#define ID_OTHER	"420102199203071236"
#define ID_VIP		"420102199303071237"
#define ID_UNKNOWN	"420102199403071238"

/* Inserts person idno at u, 参保缴费 on 5,000.00; returns his id. */
static int64_t
tz_insured(int64_t u, const char *idno, const char *name)
{
	struct store_stmt	*st;
	int64_t			 pid;

	pid = th_person(db.s, idno, name, "男", "1990-03-07");
	st = store_stmt(db.s, "INSERT INTO insurance (person_id, unit_id, "
	    "sb_no, start_month, status, base_fen, wage_fen) VALUES (?1, ?2, "
	    "'SB' || ?1, '2010-01', '参保缴费', 500000, 500000)");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_int(st, 1, pid), 0);
	ck_assert_int_eq(store_bind_int(st, 2, u), 0);
	ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
	return pid;
}

/* Sets up an actor of unit u. */
static void
tz_actor(struct actor *a, int64_t u, const char *username, const char *name)
{
	a->account_id = th_account(db.s, u, username);
	a->unit_id = u;
	a->name = name;
	a->cert_fp = "";
}

/*
 * The world on 2026-12-02: at unit, p_cur owes 2026-10 (900.00) and
 * 2026-12 (1,500.00), p_old owes 2026-11 (1,200.00) only, p_none owes
 * nothing; p_other is another unit's, owing 2026-12 there; p_vip owes
 * 2026-12 at a VIP unit.
 */
static void
setup(void)
{
	th_db_open(&db);
	th_clock_set(&db, "2026-12-02 10:00:00");
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	wf_register(&zhuxiao_business);
	unit = th_unit(db.s, "甲公司", 0);
	other = th_unit(db.s, "乙公司", 0);
	vip = th_unit(db.s, "丙公司", 1);
	tz_actor(&clerk, unit, "zx-clerk", "甲经办");
	tz_actor(&vip_clerk, vip, "zx-vip", "丙经办");
	tz_actor(&reviewer, 0, "zx-reviewer", "审核员");
	p_cur = tz_insured(unit, ID_CUR, "张三");
	p_old = tz_insured(unit, ID_OLD, "李四");
	p_none = tz_insured(unit, ID_NONE, "王五");
	p_other = tz_insured(other, ID_OTHER, "赵六");
	p_vip = tz_insured(vip, ID_VIP, "钱七");
	ck_assert_int_eq(arrears_add(db.s, unit, p_cur, "2026-10", 90000), 0);
	ck_assert_int_eq(arrears_add(db.s, unit, p_cur, "2026-12", 150000), 0);
	ck_assert_int_eq(arrears_add(db.s, unit, p_old, "2026-11", 120000), 0);
	ck_assert_int_eq(arrears_add(db.s, other, p_other, "2026-12", 1000),
	    0);
	ck_assert_int_eq(arrears_add(db.s, vip, p_vip, "2026-12", 2000), 0);
}

/* Closes it. */
static void
teardown(void)
{
	th_db_close(&db);
}

/* A row for person pid of month. */
static void
tz_row(struct zhuxiao_row *r, int64_t pid, const char *idno,
    const char *month)
{
	memset(r, 0, sizeof(*r));
	r->person_id = pid;
	snprintf(r->idno, sizeof(r->idno), "%s", idno);
	snprintf(r->name, sizeof(r->name), "测试");
	snprintf(r->month, sizeof(r->month), "%s", month);
	r->confirmed = 1;
}

/* Saves a new 注销 of pid's month for who with key; returns the task
 * (0 when refused, errs then set). */
static int64_t
tz_save(const struct actor *who, int64_t pid, const char *idno,
    const char *month, const char *key, struct form_errors *errs)
{
	struct zhuxiao_row	 r;
	int64_t			 id = 0;
	int			 created = 0, rc;

	tz_row(&r, pid, idno, month);
	errs->n = 0;
	rc = zhuxiao_save(db.s, who, NULL, &r, key, &id, &created, errs);
	ck_assert_int_ge(rc, 0);
	return rc == 0 ? id : 0;
}

/* Stores the signed statement of task_id. */
static void
tz_attach(const struct actor *who, int64_t task_id)
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
	ck_assert_int_eq(attach_store(db.s, who, task_id, 0, ZX_MATERIAL,
	    "情况说明.pdf", buf, n), ATTACH_OK);
	ck_assert_int_eq(store_commit(db.s), 0);
}

/* An integer of constant SQL with ?1 = v. */
static int64_t
tz_int(const char *sql, int64_t v)
{
	int64_t	 out = -1;

	ck_assert_int_eq(store_int(db.s, sql, v, -1, &out), 0);
	return out;
}

START_TEST(zhuxiao_person_of_unit)
{
	char	 name[64];
	int64_t	 pid;

	ck_assert_int_eq(zx_person(db.s, unit, ID_CUR, &pid, name), 0);
	ck_assert_int_eq(pid, p_cur);
	ck_assert_str_eq(name, "张三");
	/* Insured here, owing nothing: still the unit's. */
	ck_assert_int_eq(zx_person(db.s, unit, ID_NONE, &pid, name), 0);
	/* Another unit's person, and nobody: not found alike. */
	ck_assert_int_eq(zx_person(db.s, unit, ID_OTHER, &pid, name), 1);
	ck_assert_int_eq(zx_person(db.s, unit, ID_UNKNOWN, &pid, name), 1);
	ck_assert_int_eq(zx_person(db.s, other, ID_OTHER, &pid, name), 0);
}
END_TEST

/* One rule case: a person's month, the error it gives (code "": none)
 * and parts of its message. */
static const struct {
	const char	*name;
	int		 who;		/* 0 p_cur, 1 p_old, 2 p_none */
	const char	*month;
	const char	*code;
	const char	*msg1, *msg2;
} rule_cases[] = {
	{ "current_owed", 0, "2026-12", "", NULL, NULL },
	{ "last_month", 1, "2026-11", "ZX_NOT_CURRENT",
	  "网上仅提供当月(2026年12月)的欠费注销,2026年11月的欠费不能注销",
	  "单位人员正常补缴费」(/bujiao)办理欠费补缴" },
	{ "earlier_owed_month", 0, "2026-10", "ZX_NOT_CURRENT",
	  "2026年10月的欠费不能注销", "/bujiao" },
	{ "next_month", 0, "2027-01", "ZX_NOT_CURRENT", "2027年1月尚未到来",
	  "当月(2026年12月)" },
	{ "only_earlier_owed", 1, "2026-12", "ZX_NOT_OWING",
	  "该人员2026年12月没有欠费;其欠费为2026年11月至2026年11月共1个月,"
	  "合计1,200.00元", "(/bujiao)办理欠费补缴" },
	{ "nothing_owed", 2, "2026-12", "ZX_NOT_OWING",
	  "该人员在本单位没有未结清的欠费", NULL },
};

START_TEST(zhuxiao_rules_table)
{
	struct zhuxiao_row	 r;
	struct form_errors	 errs;
	struct hdate		 today;
	const int64_t		 pids[3] = { p_cur, p_old, p_none };
	int64_t			 amount = 0;

	clock_today(&today);
	tz_row(&r, pids[rule_cases[_i].who], "", rule_cases[_i].month);
	errs.n = 0;
	ck_assert_int_eq(zx_rules(db.s, unit, 0, &r, &today, &errs, &amount),
	    0);
	if (rule_cases[_i].code[0] == '\0') {
		ck_assert_msg(errs.n == 0, "%s: %s", rule_cases[_i].name,
		    errs.n > 0 ? errs.e[0].msg : "");
		ck_assert_int_eq(amount, 150000);
		return;
	}
	ck_assert_msg(errs.n == 1, "%s: %zu errors", rule_cases[_i].name,
	    errs.n);
	ck_assert_str_eq(errs.e[0].code, rule_cases[_i].code);
	ck_assert_msg(strstr(errs.e[0].msg, rule_cases[_i].msg1) != NULL,
	    "%s: '%s'", rule_cases[_i].name, errs.e[0].msg);
	if (rule_cases[_i].msg2 != NULL)
		ck_assert_msg(strstr(errs.e[0].msg, rule_cases[_i].msg2) !=
		    NULL, "%s: '%s'", rule_cases[_i].name, errs.e[0].msg);
}
END_TEST

/* The save requires the 无法恢复 confirmation; nothing stored without. */
START_TEST(zhuxiao_save_needs_confirmation)
{
	struct zhuxiao_row	 r;
	struct form_errors	 errs;
	int64_t			 id = 0;
	int			 created = 1;

	tz_row(&r, p_cur, ID_CUR, "2026-12");
	r.confirmed = 0;
	errs.n = 0;
	ck_assert_int_eq(zhuxiao_save(db.s, &clerk, NULL, &r, "k1", &id,
	    &created, &errs), 1);
	ck_assert_int_eq(created, 0);
	ck_assert_int_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].code, "ZX_CONFIRM");
	ck_assert_str_eq(errs.e[0].field, "confirm");
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "无法恢复"));
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM zhuxiao"), 0);
}
END_TEST

/* A saved 注销 keeps the amounts and who confirmed it when; the same
 * month again (another form) is refused while it is unfinished. */
START_TEST(zhuxiao_save_keeps_confirmation)
{
	struct zhuxiao_row	 r;
	struct form_errors	 errs;
	struct levy		 l;
	int64_t			 t, t2;

	t = tz_save(&clerk, p_cur, ID_CUR, "2026-12", "k1", &errs);
	ck_assert_int_gt(t, 0);
	ck_assert_int_eq(zhuxiao_row_load(db.s, t, &r), 0);
	ck_assert_str_eq(r.month, "2026-12");
	ck_assert_int_eq(r.amount_fen, 150000);
	ck_assert_int_eq(r.confirmed_by, clerk.account_id);
	ck_assert_int_eq(r.confirmed_at, (int64_t)clock_now());
	/* The levy's parts of the month, every type, both sides. */
	levy_init(&l);
	ck_assert_int_eq(zx_levy(db.s, unit, p_cur, "2026-12", &l), 0);
	ck_assert_int_gt(l.total.amount_fen, 0);
	ck_assert_int_eq(r.levy_fen, l.total.amount_fen);
	ck_assert_int_gt(l.by[LEVY_PENSION][LEVY_UNIT].amount_fen, 0);
	ck_assert_int_gt(l.by[LEVY_PENSION][LEVY_PERSON].amount_fen, 0);
	levy_free(&l);
	/* Nothing reserved before approval: still owing, free for 补缴. */
	ck_assert_int_eq(tz_int("SELECT COUNT(*) FROM arrears WHERE "
	    "person_id = ?1 AND task_id IS NULL AND settled = 0", p_cur), 2);
	t2 = tz_save(&clerk, p_cur, ID_CUR, "2026-12", "k2", &errs);
	ck_assert_int_eq(t2, 0);
	ck_assert_str_eq(errs.e[0].code, "ZX_DUPLICATE");
	/* 退单: the month may be asked again. */
	ck_assert_int_eq(wf_transition(db.s, t, WF_CANCEL, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_gt(tz_save(&clerk, p_cur, ID_CUR, "2026-12", "k3",
	    &errs), 0);
}
END_TEST

/* Submit needs the signed statement; approval settles only the month,
 * as 注销, by the reviewer, now. */
START_TEST(zhuxiao_submit_approve_settles)
{
	struct form_errors	 errs;
	int64_t			 t;

	t = tz_save(&clerk, p_cur, ID_CUR, "2026-12", "k1", &errs);
	ck_assert_int_gt(t, 0);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert_int_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].code, "ZX_MISSING_ATTACH");
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg,
	    "经职工本人签字确认的欠费注销情况说明"));
	tz_attach(&clerk, t);
	errs.n = 0;
	/* Reviewed by the system for every unit (auto_review): a 普通
	 * unit's submit that passes the rules ends at once, settled by
	 * 0, the system. */
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(tz_int("SELECT COUNT(*) FROM arrears WHERE "
	    "task_id = ?1 AND settled = 1 AND settled_how = '注销' AND "
	    "month = '2026-12'", t), 1);
	ck_assert_int_eq(tz_int("SELECT COUNT(*) FROM tasks WHERE id = ?1 "
	    "AND state = '结束' AND decided_by = 0", t), 1);
	ck_assert_int_eq(tz_int("SELECT settled_by FROM arrears WHERE "
	    "task_id = ?1", t), 0);
	ck_assert_int_eq(tz_int("SELECT settled_at FROM arrears WHERE "
	    "task_id = ?1", t), (int64_t)clock_now());
	/* The earlier month still owes (补缴, not 注销). */
	ck_assert_int_eq(tz_int("SELECT COUNT(*) FROM arrears WHERE "
	    "person_id = ?1 AND settled = 0 AND month = '2026-10'", p_cur), 1);
	ck_assert_int_eq(tz_int("SELECT COUNT(*) FROM audit WHERE "
	    "action = 'zhuxiao.apply' AND object = 'task:' || ?1", t), 1);
}
END_TEST

/* A VIP unit's submit is reviewed by the system at once: settled by 0. */
START_TEST(zhuxiao_vip_system_review)
{
	struct form_errors	 errs;
	int64_t			 t;

	t = tz_save(&vip_clerk, p_vip, ID_VIP, "2026-12", "k1", &errs);
	ck_assert_int_gt(t, 0);
	tz_attach(&vip_clerk, t);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &vip_clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(tz_int("SELECT COUNT(*) FROM tasks WHERE id = ?1 AND "
	    "state = '结束' AND decided_by = 0", t), 1);
	ck_assert_int_eq(tz_int("SELECT COUNT(*) FROM arrears WHERE "
	    "task_id = ?1 AND settled = 1 AND settled_how = '注销' AND "
	    "settled_by = 0", t), 1);
}
END_TEST

/* A month in a 补缴 is not cancelled; a month that is no longer the
 * current one at submit is refused with the way to 补缴. */
START_TEST(zhuxiao_reserved_and_month_passed)
{
	struct form_errors	 errs;
	int64_t			 t, bj, n;

	t = tz_save(&clerk, p_cur, ID_CUR, "2026-12", "k1", &errs);
	ck_assert_int_gt(t, 0);
	tz_attach(&clerk, t);
	/* A 补缴 takes every month of the person meanwhile. */
	ck_assert_int_eq(store_exec_sql(db.s, "INSERT INTO tasks (seq_no, "
	    "business, unit_id, state, created_at, updated_at) SELECT 'BJ1', "
	    "'bujiao', id, '未提交', 1, 1 FROM units WHERE name = '甲公司'"), 0);
	bj = store_last_id(db.s);
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(arrears_reserve(db.s, unit, p_cur, NULL, bj, &n), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert_str_eq(errs.e[0].code, "ZX_RESERVED");
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "补缴或注销"));
	/* Released (回退), then December is over before the submit. */
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(arrears_release(db.s, bj, &n), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	th_clock_set(&db, "2027-01-04 09:00:00");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, t, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert_str_eq(errs.e[0].code, "ZX_NOT_CURRENT");
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "当月(2027年1月)"));
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "/bujiao"));
	ck_assert_int_eq(tz_int("SELECT COUNT(*) FROM arrears WHERE "
	    "person_id = ?1 AND settled = 0", p_cur), 2);
}
END_TEST

static Suite *
zhuxiao_suite(void)
{
	Suite	*su = suite_create("zhuxiao");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, zhuxiao_person_of_unit);
	tcase_add_loop_test(tc, zhuxiao_rules_table, 0,
	    sizeof(rule_cases) / sizeof(rule_cases[0]));
	tcase_add_test(tc, zhuxiao_save_needs_confirmation);
	tcase_add_test(tc, zhuxiao_save_keeps_confirmation);
	tcase_add_test(tc, zhuxiao_submit_approve_settles);
	tcase_add_test(tc, zhuxiao_vip_system_review);
	tcase_add_test(tc, zhuxiao_reserved_and_month_passed);
	suite_add_tcase(su, tc);
	return su;
}

SUITE(zhuxiao_suite)
