/*
 * test_tuigong_comp.c: 经济补偿 of a 退工 row (lib/tuigong_comp.h) on
 * a real store: the cap from the unit's region's policy rows (a test
 * region whose 社平工资 is 5,000.00 and whose multiple is 2, so the cap
 * 10,000.00 is not the national one), the reasons that owe and the
 * bases that exempt, no wage, a year without its 社平工资, the form's
 * extra checks, the row stored and replaced, the facts a receipt
 * prints, the warning of a payment below the figure, the 申报工资
 * prefill, and the .xlsx.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"
#include "store.h"
#include "tuigong.h"
#include "tuigong_comp.h"
#include "xlsx.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit;

/* Runs constant SQL of the test. */
static void
tc_sql(const char *sql)
{
	ck_assert_msg(store_exec_sql(db.s, sql) == 0, "%s", sql);
}

static void
setup(void)
{
	char	 sql[160];

	th_db_open(&db);
	th_clock_set(&db, "2026-10-02 10:00:00");
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	unit = th_unit(db.s, "补偿测试单位", 0);
	snprintf(sql, sizeof(sql), "UPDATE units SET region = '990000' "
	    "WHERE id = %lld", (long long)unit);
	tc_sql(sql);
	tc_sql("INSERT INTO policy (region, key, valid_from, value, note) "
	    "VALUES ('990000', 'wage.avg_monthly_fen', '2026-01-01', "
	    "'500000', 'test'), ('990000', 'compensation.cap_multiple', "
	    "'2020-01-01', '2', 'test')");
}

static void
teardown(void)
{
	th_db_close(&db);
}

/* A row of reason from start to end. */
static void
tc_row(struct tuigong_row *r, const char *reason, const char *start,
    const char *end)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "补偿测");
	snprintf(r->idno, sizeof(r->idno), "420102198001021234");
	snprintf(r->reason, sizeof(r->reason), "%s", reason);
	snprintf(r->contract_start, sizeof(r->contract_start), "%s", start);
	snprintf(r->end_date, sizeof(r->end_date), "%s", end);
}

/* Form values: wage and paid in fen (-1: not given), start and basis
 * ("" not given). */
static void
tc_vals(struct field_val *v, int64_t wage, int64_t paid, const char *start,
    const char *basis)
{
	memset(v, 0, sizeof(*v) * TGCF__MAX);
	v[TGCF_WAGE].str = "";
	v[TGCF_PAID].str = "";
	v[TGCF_START].str = start;
	v[TGCF_BASIS].str = basis;
	if (wage >= 0) {
		v[TGCF_WAGE].present = 1;
		v[TGCF_WAGE].num = wage;
	}
	if (paid >= 0) {
		v[TGCF_PAID].present = 1;
		v[TGCF_PAID].num = paid;
	}
	if (*start != '\0') {
		v[TGCF_START].present = 1;
		ck_assert_int_eq(valid_date(start, &v[TGCF_START].date),
		    VALID_OK);
	}
	v[TGCF_BASIS].present = *basis != '\0';
}

/* 2010-07-01 .. 2026-09-30 is 16 years 3 months (N 16.5); 12,000.00 is
 * above 2 × 5,000.00: 10,000.00 × 12 = 120,000.00. */
START_TEST(tgc_cap_from_region_policy)
{
	struct field_val	 v[TGCF__MAX];
	struct tuigong_row	 r;
	struct tg_comp		 c;

	tc_row(&r, "单位辞退", "2010-07-01", "2026-09-30");
	tc_vals(v, 1200000, 5000000, "", "");
	ck_assert_int_eq(tg_comp_work(db.s, unit, &r, v, &c), 0);
	ck_assert_int_eq(c.owed, 1);
	ck_assert_int_eq(c.computed, 1);
	ck_assert_int_eq(c.avg_fen, 500000);
	ck_assert_int_eq(c.cap_multiple, 2);
	ck_assert_int_eq(c.cap_years, 12);
	ck_assert_int_eq(c.r.cap_fen, 1000000);
	ck_assert_int_eq(c.r.years, 16);
	ck_assert_int_eq(c.r.months, 3);
	ck_assert_int_eq(c.r.half_months_uncapped, 33);
	ck_assert_int_eq(c.r.half_months, 24);
	ck_assert_int_eq(c.r.amount_fen, 12000000);
	ck_assert_str_eq(c.start, "2010-07-01");
	/* The national default multiple where the region sets none. */
	tc_sql("UPDATE units SET region = '420100'");
	ck_assert_int_eq(tg_comp_work(db.s, unit, &r, v, &c), 0);
	ck_assert_int_eq(c.cap_multiple, 3);
	ck_assert_int_eq(c.avg_fen, 745000);
	ck_assert_int_eq(c.r.cap_fen, 2235000);
	ck_assert_int_eq(c.r.wage_capped, 0);
	ck_assert_int_eq(c.r.amount_fen, 1200000 * 33 / 2);
}
END_TEST

/* Which reasons owe, which bases exempt, and nothing without a wage. */
START_TEST(tgc_owed_or_not)
{
	struct field_val	 v[TGCF__MAX];
	struct tuigong_row	 r;
	struct tg_comp		 c;

	tc_vals(v, 600000, -1, "", "");
	tc_row(&r, "员工辞职", "2020-01-01", "2026-09-30");
	ck_assert_int_eq(tg_comp_work(db.s, unit, &r, v, &c), 0);
	ck_assert_int_eq(c.owed, 0);
	ck_assert_int_eq(c.computed, 0);
	ck_assert_ptr_nonnull(strstr(c.note, "退工原因为员工辞职,依法无需支付"));
	tc_row(&r, "员工失联", "2020-01-01", "2026-09-30");
	ck_assert_int_eq(tg_comp_work(db.s, unit, &r, v, &c), 0);
	ck_assert_int_eq(c.owed, 0);
	tc_row(&r, "合同到期终止", "2020-01-01", "2026-09-30");
	ck_assert_int_eq(tg_comp_work(db.s, unit, &r, v, &c), 0);
	ck_assert_int_eq(c.owed, 1);
	/* 2020-01-01 .. 2026-09-30: 6 years 9 months, N = 7. */
	ck_assert_int_eq(c.r.amount_fen, 600000 * 7);
	tc_vals(v, 600000, -1, "", "单位维持或提高条件续订,员工不同意");
	ck_assert_int_eq(tg_comp_work(db.s, unit, &r, v, &c), 0);
	ck_assert_int_eq(c.owed, 0);
	ck_assert_ptr_nonnull(strstr(c.note, "员工不同意,依法无需支付"));
	tc_vals(v, -1, -1, "", "");
	tc_row(&r, "协商一致解除", "2020-01-01", "2026-09-30");
	ck_assert_int_eq(tg_comp_work(db.s, unit, &r, v, &c), 0);
	ck_assert_int_eq(c.owed, 1);
	ck_assert_int_eq(c.computed, 0);
	ck_assert_ptr_nonnull(strstr(c.note, "请填写月工资"));
	/* No values at all (NULL): the same. */
	ck_assert_int_eq(tg_comp_work(db.s, unit, &r, NULL, &c), 0);
	ck_assert_int_eq(c.computed, 0);
}
END_TEST

/* A year without its 社平工资: no cap, and the working says so. */
START_TEST(tgc_year_without_avg)
{
	struct field_val	 v[TGCF__MAX];
	struct tuigong_row	 r;
	struct tg_comp		 c;

	tc_row(&r, "单位辞退", "2030-01-01", "2031-06-30");
	tc_vals(v, 5000000, -1, "", "");
	ck_assert_int_eq(tg_comp_work(db.s, unit, &r, v, &c), 0);
	ck_assert_int_eq(c.computed, 1);
	ck_assert_int_eq(c.avg_fen, 0);
	ck_assert_int_eq(c.r.wage_capped, 0);
	/* 1 year 6 months: N = 2. */
	ck_assert_int_eq(c.r.amount_fen, 10000000);
	ck_assert_ptr_nonnull(strstr(c.r.working, "未核对三倍封顶"));
}
END_TEST

/* The form's own checks. */
START_TEST(tgc_form_extra)
{
	struct field_val	 v[TGCF__MAX];
	struct form_errors	 e;

	e.n = 0;
	tc_vals(v, COMP_WAGE_MAX_FEN + 1, -1, "2026-10-01", "由员工提出协商解除");
	ck_assert_uint_eq(tg_comp_form_extra(v, "单位辞退", "2026-09-30", &e), 3);
	ck_assert_str_eq(e.e[0].code, "TG_WAGE_RANGE");
	ck_assert_str_eq(e.e[1].code, "TG_BASIS_REASON");
	ck_assert_ptr_nonnull(strstr(e.e[1].msg, "与退工原因“单位辞退”不符"));
	ck_assert_str_eq(e.e[2].code, "TG_START_AFTER_END");
	e.n = 0;
	tc_vals(v, COMP_WAGE_MAX_FEN, 0, "2026-09-30", "由员工提出协商解除");
	ck_assert_uint_eq(tg_comp_form_extra(v, "协商一致解除", "2026-09-30",
	    &e), 0);
}
END_TEST

/* Collects describe() facts as "label=value;". */
static void
tc_collect(void *arg, const char *label, const char *value)
{
	char	*buf = arg;
	size_t	 n = strlen(buf);

	snprintf(buf + n, 4096 - n, "%s=%s;", label, value);
}

/* Stored with a task's row, replaced on a second save, described for
 * the receipt, warned when paid below, and written as .xlsx. */
START_TEST(tgc_store_describe_warn_xlsx)
{
	struct field_val	 v[TGCF__MAX];
	struct tuigong_row	 r;
	struct tg_comp		 c, back;
	struct xlsx_sheet	 sh;
	unsigned char		*x;
	size_t			 xsz, i;
	char			 buf[4096], w[512], sql[160];
	int64_t			 task;
	int			 found = 0;

	snprintf(sql, sizeof(sql), "INSERT INTO tasks (business, unit_id, "
	    "state, seq_no, summary, created_at, updated_at) VALUES "
	    "('tuigong', %lld, '未提交', '2026100200000001', '', 0, 0)",
	    (long long)unit);
	tc_sql(sql);
	task = th_count(db.s, "SELECT MAX(id) FROM tasks");
	tc_row(&r, "协商一致解除", "2023-03-01", "2026-09-30");
	r.task_id = task;
	ck_assert_int_eq(tuigong_row_save(db.s, &r), 0);
	/* 3 years 7 months, 8,000.00: 32,000.00; paid 30,000.00. */
	tc_vals(v, 800000, 3000000, "", "");
	ck_assert_int_eq(tg_comp_work(db.s, unit, &r, v, &c), 0);
	ck_assert_int_eq(c.r.amount_fen, 3200000);
	ck_assert_int_eq(tg_comp_save(db.s, task, 0, &c), 0);
	ck_assert_int_eq(tg_comp_load(db.s, task, 0, &back), 0);
	ck_assert_int_eq(back.r.amount_fen, 3200000);
	ck_assert_int_eq(back.r.half_months, 8);
	ck_assert_int_eq(back.paid_fen, 3000000);
	ck_assert_str_eq(back.r.working, c.r.working);
	ck_assert_str_eq(tg_comp_warning(&back, w, sizeof(w)),
	    "注意:实付经济补偿30,000.00元低于按劳动合同法第四十七条计算的"
	    "法定经济补偿32,000.00元,差额2,000.00元。可以保存和提交,但少付"
	    "部分员工可依法要求补足(劳动合同法第八十五条:逾期不支付的,可"
	    "责令按应付金额50%以上100%以下加付赔偿金),请核对后办理。");
	buf[0] = '\0';
	ck_assert_int_eq(tg_comp_describe(db.s, task, tc_collect, buf), 0);
	ck_assert_ptr_nonnull(strstr(buf, "经济补偿=应支付(劳动合同法第四十六条);"));
	ck_assert_ptr_nonnull(strstr(buf, "经济补偿工作年限=3年7个月0天;"));
	ck_assert_ptr_nonnull(strstr(buf, "经济补偿封顶基数=10,000.00元(社平工资"
	    "5,000.00元×2);"));
	ck_assert_ptr_nonnull(strstr(buf, "经济补偿月数=4个月;"));
	ck_assert_ptr_nonnull(strstr(buf, "经济补偿法定金额=32,000.00元;"));
	ck_assert_ptr_nonnull(strstr(buf, "经济补偿实付金额=30,000.00元;"));
	ck_assert_ptr_nonnull(strstr(buf, "经济补偿差额=低于法定金额2,000.00元;"));

	/* Paid in full on a second save: one row, no warning. */
	tc_vals(v, 800000, 3200000, "", "");
	ck_assert_int_eq(tg_comp_work(db.s, unit, &r, v, &c), 0);
	ck_assert_int_eq(tg_comp_save(db.s, task, 0, &c), 0);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM tuigong_comp WHERE "
	    "task_id = %lld", (long long)task);
	ck_assert_int_eq(th_count(db.s, sql), 1);
	ck_assert_int_eq(tg_comp_load(db.s, task, 0, &back), 0);
	ck_assert_str_eq(tg_comp_warning(&back, w, sizeof(w)), "");
	ck_assert_int_eq(tg_comp_load(db.s, task, 1, &back), 1);

	/* The .xlsx reads back through the project's reader. */
	ck_assert_int_eq(tg_comp_xlsx(db.s, task, "补偿测试单位",
	    "2026100200000001", "JB2026100200000001", "ABCDEFGH", &x, &xsz), 0);
	ck_assert_int_eq(xlsx_read(x, xsz, &sh), XLSX_OK);
	free(x);
	for (i = 0; i < sh.nrows; i++)
		if (sh.rows[i].ncells == 2 &&
		    strcmp(sh.rows[i].cells[0], "经济补偿法定金额") == 0) {
			ck_assert_str_eq(sh.rows[i].cells[1], "32,000.00元");
			found++;
		}
	ck_assert_int_eq(found, 1);
	ck_assert_str_eq(sh.rows[0].cells[0], "项目");
	xlsx_free(&sh);
	/* A task without a row: 1. */
	ck_assert_int_eq(tg_comp_xlsx(db.s, task + 1, "x", "x", "", "", &x,
	    &xsz), 1);
}
END_TEST

/* The 申报工资 of the person's 参保 here is the form's prefill. */
START_TEST(tgc_wage_known)
{
	char	 sql[256];
	int64_t	 pid, fen;

	pid = th_person(db.s, "420102198001021234", "补偿测", "男",
	    "1980-01-02");
	ck_assert_int_eq(tg_comp_wage_known(db.s, unit, pid, "2026-10", &fen),
	    0);
	ck_assert_int_eq(fen, 0);
	snprintf(sql, sizeof(sql), "INSERT INTO insurance (person_id, unit_id, "
	    "sb_no, start_month, status, base_fen, wage_fen) VALUES (%lld, "
	    "%lld, 'SB1', '2020-01', '参保缴费', 600000, 650000)",
	    (long long)pid, (long long)unit);
	tc_sql(sql);
	ck_assert_int_eq(tg_comp_wage_known(db.s, unit, pid, "2026-10", &fen),
	    0);
	ck_assert_int_eq(fen, 650000);
	ck_assert_int_eq(tg_comp_wage_known(db.s, unit, 0, "2026-10", &fen), 0);
	ck_assert_int_eq(fen, 0);
}
END_TEST

static Suite *
tuigong_comp_suite(void)
{
	Suite	*s = suite_create("tuigong_comp");
	TCase	*tc = tcase_create("tuigong_comp");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, tgc_cap_from_region_policy);
	tcase_add_test(tc, tgc_owed_or_not);
	tcase_add_test(tc, tgc_year_without_avg);
	tcase_add_test(tc, tgc_form_extra);
	tcase_add_test(tc, tgc_store_describe_warn_xlsx);
	tcase_add_test(tc, tgc_wage_known);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(tuigong_comp_suite)
