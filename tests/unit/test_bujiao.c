/*
 * test_bujiao.c: 欠费补缴 (lib/bujiao.c) on a real store: the table
 * computed at save is the hand-worked table 1 of test_levy.c and is
 * fixed (a later rate or base change does not move it); each refusal
 * of the pick (nothing owed, owed only at another unit, in another
 * 补缴, none picked, nothing to 清欠); the check at 提交审批 when the
 * arrears changed; approval reserving the arrears; 欠费补缴回退 (owing
 * again, receipts 作废, twice, refused after 到帐); 缴费到帐确认 (a
 * wrong amount refused with the difference, the right one settling
 * the arrears, refused after a 回退); 单位全部清欠 leaving rows of
 * another 补缴; the after-the-20th warning from policy.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arrears.h"
#include "audit.h"
#include "bujiao.h"
#include "policy.h"
#include "receipt.h"
#include "store.h"
#include "valid.h"
#include "wagebase.h"
#include "workflow.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit, other, person, person2, stranger;
static int64_t		 clerk_id, reviewer_id;
static struct actor	 clerk, reviewer;

/* Inserts person idno at u with a 参保 row on base_fen; returns the
 * person's id and the insurance id in *ins. */
static int64_t
tb_insured(int64_t u, const char *idno, int64_t base_fen, int64_t *ins)
{
	struct store_stmt	*st;
	int64_t			 pid;

	pid = th_person(db.s, idno, "补缴测试", "男", "1990-03-07");
	st = store_stmt(db.s, "INSERT INTO insurance (person_id, unit_id, "
	    "sb_no, start_month, status, base_fen, wage_fen) VALUES (?1, ?2, "
	    "'SB' || ?1, '2010-01', '参保缴费', ?3, ?3)");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_int(st, 1, pid), 0);
	ck_assert_int_eq(store_bind_int(st, 2, u), 0);
	ck_assert_int_eq(store_bind_int(st, 3, base_fen), 0);
	ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
	*ins = store_last_id(db.s);
	return pid;
}

/* Records that p owes month at u. */
static void
tb_owe(int64_t u, int64_t p, const char *month)
{
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(arrears_add(db.s, u, p, month, 1000), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
}

/* The world of test_levy.c's table 1: a VIP Wuhan unit with every
 * type, 工伤 5‰; a person on 5,000.00 raised to 6,123.45 from 2026-10
 * owing 2026-09 and 2026-10; a second person owing 2026-11; a person
 * owing only at another unit; today 2026-12-02. */
static void
setup(void)
{
	struct wb_clamp	 c;
	int64_t		 ins, ins2, ins3;

	wf_register(&bujiao_business);
	th_db_open(&db);
	th_clock_set(&db, "2026-12-02 10:00:00");
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	unit = th_unit(db.s, "补缴甲公司", 1);
	other = th_unit(db.s, "补缴乙公司", 0);
	person = tb_insured(unit, "420102199003071234", 500000, &ins);
	person2 = tb_insured(unit, "420102199003071250", 400000, &ins2);
	stranger = tb_insured(other, "42010219900307123X", 400000, &ins3);
	memset(&c, 0, sizeof(c));
	c.year = 2026;
	c.wage_fen = c.base_fen = 612345;
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wb_set(db.s, ins, "2026-10", &c, "gongzi", 0), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	tb_owe(unit, person, "2026-09");
	tb_owe(unit, person, "2026-10");
	tb_owe(unit, person2, "2026-11");
	tb_owe(other, stranger, "2026-10");
	clerk_id = th_account(db.s, unit, "bj-clerk");
	reviewer_id = th_account(db.s, 0, "bj-reviewer");
	clerk = (struct actor){ clerk_id, unit, "经办人", "" };
	reviewer = (struct actor){ reviewer_id, 0, "审核员", "" };
}

/* Closes it. */
static void
teardown(void)
{
	th_db_close(&db);
}

/* Saves a 补缴 of pids[0..n) (or all) for the clerk; returns the task. */
static int64_t
tb_save(const int64_t *pids, size_t n, int all)
{
	struct form_errors	 errs;
	int64_t			 id;
	int			 created;

	errs.n = 0;
	ck_assert_int_eq(bujiao_save(db.s, &clerk, pids, n, all, NULL, &id,
	    &created, &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
	ck_assert_int_eq(created, 1);
	return id;
}

/* Submits task id (a VIP unit's: checked and 结束 at once). */
static enum wf_result
tb_submit(int64_t id, struct form_errors *errs)
{
	errs->n = 0;
	return wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL, errs);
}

/* The count of p's arrears rows with the condition cond (a literal:
 * the store caches statements by their text's address). */
#define tb_rows(p, cond) tb_count("SELECT COUNT(*) FROM arrears WHERE " \
	"person_id = ?1 AND " cond, (p))

/* The integer the constant sql returns for ?1 = p1. */
static int64_t
tb_count(const char *sql, int64_t p1)
{
	int64_t	 n;

	ck_assert_int_eq(store_int(db.s, sql, p1, -1, &n), 0);
	return n;
}

/* What tb_line sums of a person's stored lines. */
struct tb_lines {
	int64_t			 amount, late;
	int			 n;
	struct levy_line	 first, last;
};

/* bujiao_line_fn: sums the line and keeps the first and the last. */
static int
tb_line(void *arg, int row_no, const struct levy_line *l)
{
	struct tb_lines	*a = arg;

	ck_assert_int_eq(row_no, 1);
	if (a->n++ == 0)
		a->first = *l;
	a->last = *l;
	a->amount += l->amount_fen;
	a->late += l->late_fen;
	return 0;
}

/* Table 1 of test_levy.c, computed at 保存 and stored: 18 lines, the
 * totals per type and side, and fixed: a later base change does not
 * change what was saved. */
START_TEST(bj_save_fixes_table1)
{
	struct bujiao_info	 b;
	struct wb_clamp		 c;
	struct tb_lines		 got;
	int64_t			 id, ins;

	id = tb_save(&person, 1, 0);
	ck_assert_int_eq(bujiao_load(db.s, id, &b), 0);
	ck_assert_str_eq(b.scope, "员工");
	ck_assert_str_eq(b.computed_on, "2026-12-02");
	ck_assert_int_eq(b.persons, 1);
	ck_assert_int_eq(b.months, 2);
	ck_assert_int_eq(b.amount_fen, 181700 + 222369);
	ck_assert_int_eq(b.late_fen, 7088 + 5337);
	ck_assert_int_eq(b.by[LEVY_PENSION][LEVY_UNIT].amount_fen, 177975);
	ck_assert_int_eq(b.by[LEVY_PENSION][LEVY_UNIT].late_fen, 5471);
	ck_assert_int_eq(b.by[LEVY_LARGE_MEDICAL][LEVY_PERSON].amount_fen,
	    1400);
	ck_assert_str_eq(b.pay_state, "");
	/* One row per month, 9 lines each, read back as table 1 says. */
	ck_assert_int_eq(tb_count("SELECT COUNT(*) FROM bujiao_lines WHERE "
	    "task_id = ?1", id), 2);
	memset(&got, 0, sizeof(got));
	ck_assert_int_eq(bujiao_task_person_lines(db.s, id, 1, tb_line, &got),
	    18);
	ck_assert_int_eq(got.amount, 181700 + 222369);
	ck_assert_int_eq(got.late, 7088 + 5337);
	ck_assert_str_eq(got.last.month, "2026-10");
	ck_assert_int_eq(got.last.type, LEVY_LARGE_MEDICAL);
	ck_assert_int_eq(got.last.side, LEVY_PERSON);
	ck_assert_int_eq(got.last.base_fen, 612345);
	ck_assert_int_eq(got.last.amount_fen, 700);
	ck_assert_int_eq(got.last.late_days, 48);
	ck_assert_int_eq(got.last.late_fen, 17);
	ck_assert_int_eq(got.last.due.day, 15);
	ck_assert_int_eq(got.first.rate_bp, 1600);
	ck_assert_int_eq(got.first.late_days, 78);
	/* A saved draft reserves nothing yet. */
	ck_assert_int_eq(tb_rows(person, "task_id IS NOT NULL"), 0);
	/* Fixed: a new base for 2026-09 later leaves the saved table. */
	ins = th_count(db.s, "SELECT id FROM insurance WHERE person_id = "
	    "(SELECT id FROM persons WHERE idno = '420102199003071234')");
	memset(&c, 0, sizeof(c));
	c.year = 2026;
	c.wage_fen = c.base_fen = 900000;
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wb_set(db.s, ins, "2026-09", &c, "gongzi", 0), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(bujiao_load(db.s, id, &b), 0);
	ck_assert_int_eq(b.amount_fen, 181700 + 222369);
}
END_TEST

/* The refusals of a pick, each with its code, nothing stored. */
START_TEST(bj_pick_refusals)
{
	struct form_errors	 errs;
	struct levy		 t;
	int64_t			 nobody, id, ins, pids[2];
	int			 created;

	nobody = tb_insured(unit, "420102199003071276", 400000, &ins);
	levy_init(&t);
	/* Owes nothing here. */
	errs.n = 0;
	ck_assert_int_eq(bujiao_compute(db.s, unit, &nobody, 1, 0, NULL, &t,
	    NULL, NULL, &errs), 0);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].code, "BJ_NOTHING");
	/* Owes only at another unit: 须到社保经办机构办理, naming nobody. */
	errs.n = 0;
	ck_assert_int_eq(bujiao_compute(db.s, unit, &stranger, 1, 0, NULL, &t,
	    NULL, NULL, &errs), 0);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].code, "BJ_ELSEWHERE");
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "须到社保经办机构办理"));
	ck_assert_ptr_null(strstr(errs.e[0].msg, "42010219900307123X"));
	/* None picked. */
	errs.n = 0;
	ck_assert_int_eq(bujiao_compute(db.s, unit, NULL, 0, 0, NULL, &t,
	    NULL, NULL, &errs), 0);
	ck_assert_str_eq(errs.e[0].code, "REQUIRED");
	/* The same person twice is computed once. */
	errs.n = 0;
	pids[0] = pids[1] = person;
	ck_assert_int_eq(bujiao_compute(db.s, unit, pids, 2, 0, NULL, &t,
	    NULL, NULL, &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
	ck_assert_uint_eq(t.persons, 1);
	levy_free(&t);
	/* A refused save stores nothing. */
	errs.n = 0;
	ck_assert_int_eq(bujiao_save(db.s, &clerk, &stranger, 1, 0, NULL,
	    &id, &created, &errs), 1);
	ck_assert_int_eq(created, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks WHERE "
	    "business = 'bujiao'"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM bujiao"), 0);
	/* In another 补缴 awaiting 到帐: refused naming its number. */
	id = tb_save(&person, 1, 0);
	ck_assert_int_eq(tb_submit(id, &errs), WF_OK);
	errs.n = 0;
	ck_assert_int_eq(bujiao_save(db.s, &clerk, &person, 1, 0, NULL,
	    &id, &created, &errs), 1);
	ck_assert_str_eq(errs.e[0].code, "BJ_RESERVED");
	/* 全部清欠 with nothing left to take. */
	id = tb_save(&person2, 1, 0);
	ck_assert_int_eq(tb_submit(id, &errs), WF_OK);
	errs.n = 0;
	ck_assert_int_eq(bujiao_save(db.s, &clerk, NULL, 0, 1, NULL, &id,
	    &created, &errs), 1);
	ck_assert_str_eq(errs.e[0].code, "BJ_NONE");
	/* Owing here without a 参保 row here: levy's words. */
	nobody = th_person(db.s, "420102199003071292", "无参保", "男",
	    "1990-03-07");
	tb_owe(unit, nobody, "2026-10");
	errs.n = 0;
	levy_init(&t);
	ck_assert_int_eq(bujiao_compute(db.s, unit, &nobody, 1, 0, NULL, &t,
	    NULL, NULL, &errs), 0);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].code, "BJ_LEVY");
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "无参保记录"));
	levy_free(&t);
}
END_TEST

/* 提交审批 of a draft whose arrears changed since 保存 is refused. */
START_TEST(bj_submit_refused_when_changed)
{
	struct form_errors	 errs;
	struct task		 t;
	int64_t			 id;

	id = tb_save(&person, 1, 0);
	errs.n = 0;
	ck_assert_int_eq(bujiao_lint(db.s, id, &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
	tb_owe(unit, person, "2026-11");
	/* The draft's page lists it before the clerk submits. */
	ck_assert_int_eq(bujiao_lint(db.s, id, &errs), 0);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].code, "BJ_CHANGED");
	ck_assert_int_eq(tb_submit(id, &errs), WF_RULES);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].code, "BJ_CHANGED");
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "重新核定"));
	ck_assert_int_eq(wf_load(db.s, id, 0, &t), 0);
	ck_assert_int_eq(t.state, TASK_DRAFT);
	ck_assert_int_eq(tb_rows(person, "task_id IS NOT NULL"), 0);
}
END_TEST

/* Approval reserves; 回退 releases and voids the receipts; twice is a
 * repeat; a rolled-back 补缴 cannot be confirmed. */
START_TEST(bj_rollback)
{
	const struct wf_receipt	*hd;
	struct form_errors	 errs;
	struct bujiao_info	 b;
	struct receipt		 r, v;
	char			 msg[256];
	int64_t			 id;

	id = tb_save(&person, 1, 0);
	ck_assert_int_eq(tb_submit(id, &errs), WF_OK);
	ck_assert_int_eq(bujiao_load(db.s, id, &b), 0);
	ck_assert_str_eq(b.pay_state, BUJIAO_AWAITING);
	ck_assert_int_eq(tb_rows(person, "settled = 0 AND task_id IS NOT "
	    "NULL"), 2);
	hd = receipt_kind_of(&bujiao_business, "bujiao_hd");
	ck_assert_ptr_nonnull(hd);
	ck_assert_int_eq(receipt_issue(db.s, id, unit, hd, &r), 0);
	ck_assert_int_eq(receipt_verify(db.s, r.no, r.code, &v), 0);
	ck_assert_int_eq(v.voided_at, 0);
	/* Another unit cannot roll it back. */
	other = th_unit(db.s, "补缴丙公司", 0);
	ck_assert_int_eq(bujiao_rollback(db.s, &(struct actor){ 99, other,
	    "x", "" }, id, msg, sizeof(msg)), 3);
	ck_assert_int_eq(bujiao_rollback(db.s, &clerk, id, msg, sizeof(msg)),
	    0);
	ck_assert_int_eq(tb_rows(person, "settled = 0 AND task_id IS NULL"),
	    2);
	ck_assert_int_eq(receipt_verify(db.s, r.no, r.code, &v), 0);
	ck_assert_int_gt(v.voided_at, 0);
	ck_assert_str_eq(v.void_reason, "欠费补缴回退");
	/* The 明细表, never printed, is issued and void too. */
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM receipts WHERE "
	    "voided_at > 0 AND kind = '社会保险费补缴明细表'"), 1);
	ck_assert_int_eq(bujiao_rollback(db.s, &clerk, id, msg, sizeof(msg)),
	    1);
	errs.n = 0;
	ck_assert_int_eq(bujiao_confirm(db.s, &reviewer, id, "T1",
	    b.amount_fen + b.late_fen, "2026-12-02", msg, sizeof(msg), &errs),
	    2);
	ck_assert_ptr_nonnull(strstr(msg, "回退"));
	/* Owing again: a new 补缴 takes the same months. */
	tb_save(&person, 1, 0);
}
END_TEST

/* 到帐确认: a wrong amount refused with the difference, nothing
 * settled; the right one settles; then 回退 is refused with why. */
START_TEST(bj_confirm)
{
	struct form_errors	 errs;
	struct bujiao_info	 b;
	char			 msg[256];
	int64_t			 id, due;

	id = tb_save(&person, 1, 0);
	ck_assert_int_eq(tb_submit(id, &errs), WF_OK);
	ck_assert_int_eq(bujiao_load(db.s, id, &b), 0);
	due = b.amount_fen + b.late_fen;
	ck_assert_int_eq(due, 404069 + 12425);
	errs.n = 0;
	ck_assert_int_eq(bujiao_confirm(db.s, &reviewer, id, "SP2026001",
	    due - 100, "2026-12-02", msg, sizeof(msg), &errs), 3);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].field, "amount");
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "核定应缴4164.94元"));
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "相差-1.00元"));
	ck_assert_int_eq(tb_rows(person, "settled = 1"), 0);
	errs.n = 0;
	ck_assert_int_eq(bujiao_confirm(db.s, &reviewer, id, "SP2026001", due,
	    "2026-12-02", msg, sizeof(msg), &errs), 0);
	ck_assert_int_eq(tb_rows(person, "settled = 1 AND settled_how = "
	    "'补缴'"), 2);
	ck_assert_int_eq(bujiao_load(db.s, id, &b), 0);
	ck_assert_str_eq(b.pay_state, BUJIAO_PAID);
	ck_assert_str_eq(b.tax_no, "SP2026001");
	ck_assert_int_eq(b.paid_fen, due);
	ck_assert_int_eq(b.state_by, reviewer_id);
	ck_assert_int_eq(bujiao_confirm(db.s, &reviewer, id, "SP2026001", due,
	    "2026-12-02", msg, sizeof(msg), &errs), 1);
	ck_assert_int_eq(bujiao_rollback(db.s, &clerk, id, msg, sizeof(msg)),
	    2);
	ck_assert_ptr_nonnull(strstr(msg, "SP2026001"));
	ck_assert_ptr_nonnull(strstr(msg, "不能回退"));
	ck_assert_int_eq(tb_rows(person, "settled = 1"), 2);
}
END_TEST

/* 单位全部清欠 takes every owing person whose rows are not in another
 * 补缴. */
START_TEST(bj_all)
{
	struct form_errors	 errs;
	struct bujiao_info	 b;
	int64_t			 first, id;

	first = tb_save(&person, 1, 0);
	ck_assert_int_eq(tb_submit(first, &errs), WF_OK);
	id = tb_save(NULL, 0, 1);
	ck_assert_int_eq(bujiao_load(db.s, id, &b), 0);
	ck_assert_str_eq(b.scope, "全部");
	ck_assert_int_eq(b.persons, 1);
	ck_assert_int_eq(b.months, 1);
	ck_assert_int_eq(tb_submit(id, &errs), WF_OK);
	ck_assert_int_eq(tb_rows(person2, "task_id IS NOT NULL"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM bujiao_persons "
	    "WHERE person_id = (SELECT id FROM persons WHERE idno = "
	    "'420102199003071234') AND task_id <> (SELECT MIN(task_id) FROM "
	    "bujiao)"), 0);
}
END_TEST

/* The warning after the policy day (20), and a region's own day. */
START_TEST(bj_late_in_month)
{
	struct hdate	 d = { 2026, 12, 20 };
	long long	 day;

	ck_assert_int_eq(bujiao_late_in_month(db.s, unit, &d, &day), 0);
	ck_assert_int_eq(day, 20);
	d.day = 21;
	ck_assert_int_eq(bujiao_late_in_month(db.s, unit, &d, &day), 1);
	ck_assert_int_eq(store_exec_sql(db.s, "INSERT INTO policy (region, "
	    "key, valid_from, value) VALUES ('420100', "
	    "'bujiao.warn_after_day', '2026-01-01', '25')"), 0);
	ck_assert_int_eq(bujiao_late_in_month(db.s, unit, &d, &day), 0);
	ck_assert_int_eq(day, 25);
}
END_TEST

/* fen as 元. */
START_TEST(bj_yuan)
{
	char	 buf[32];

	ck_assert_str_eq(bujiao_yuan(0, buf), "0.00");
	ck_assert_str_eq(bujiao_yuan(5, buf), "0.05");
	ck_assert_str_eq(bujiao_yuan(416494, buf), "4164.94");
	ck_assert_str_eq(bujiao_yuan(-100, buf), "-1.00");
}
END_TEST

/* The suite. */
static Suite *
bujiao_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("bujiao");
	tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, bj_save_fixes_table1);
	tcase_add_test(tc, bj_pick_refusals);
	tcase_add_test(tc, bj_submit_refused_when_changed);
	tcase_add_test(tc, bj_rollback);
	tcase_add_test(tc, bj_confirm);
	tcase_add_test(tc, bj_all);
	tcase_add_test(tc, bj_late_in_month);
	tcase_add_test(tc, bj_yuan);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(bujiao_suite)
