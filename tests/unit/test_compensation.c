/*
 * test_compensation.c: the statutory 经济补偿 (lib/compensation.h) as
 * a table of hand-counted cases: 5 months (half a month), 6 months
 * (one month), 3 years 7 months (N = 4), 15 years with a wage above
 * the cap (wage and years capped), a wage above the cap with fewer
 * than 12 years, a wage equal to the cap (not capped), month-end
 * starts (01-31 → 07-30 is six months, → 07-29 five), leap years
 * (02-29 starts, a year ending on 02-29), a single day, whole years,
 * half-up rounding of an odd fen; then the working's text and the
 * arguments refused.
 *
 * The cap in the cases is 3 × 7,350.00 = 22,050.00 yuan (the sample
 * 2026 社平工资 of the default region), written out by hand.
 */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "compensation.h"
#include "valid.h"
#include "../suites.h"

#define CAP	INT64_C(2205000)	/* 3 × 735000 fen */

/* One case: service, wage, cap and what a person counting by hand
 * gets. */
struct ct_case {
	const char	*what;
	const char	*start, *end;
	int64_t		 wage, cap;
	int		 years, months, days;
	int		 half;		/* N × 2 after the cap */
	int64_t		 amount;
	int		 wage_capped, years_capped;
};

static const struct ct_case ct_cases[] = {
	/* 01-01 + 5 months = 06-01 = end + 1: 5 full months, < 6: 0.5. */
	{ "5 months", "2026-01-01", "2026-05-31", 1000000, CAP,
	  0, 5, 0, 1, 500000, 0, 0 },
	/* 6 months: one month's wage. */
	{ "6 months", "2026-01-01", "2026-06-30", 1000000, CAP,
	  0, 6, 0, 2, 1000000, 0, 0 },
	/* 3 years + 7 months: 3 + 1 = 4 months × 8,000.00 = 32,000.00. */
	{ "3y7m", "2020-03-01", "2023-09-30", 800000, CAP,
	  3, 7, 0, 8, 3200000, 0, 0 },
	/* 15 years, wage 30,000.00 > 22,050.00: 22,050.00 × 12. */
	{ "15y capped", "2010-07-01", "2025-06-30", 3000000, CAP,
	  15, 0, 0, 24, 26460000, 1, 1 },
	/* 3 years 3 months (3.5), wage 25,000.00 above the cap: 22,050.00
	 * × 3.5 = 77,175.00; the years are under 12, not cut. */
	{ "above cap", "2022-01-01", "2025-03-31", 2500000, CAP,
	  3, 3, 0, 7, 7717500, 1, 0 },
	/* A wage equal to the cap is not above it: 15 years stand. */
	{ "equal cap", "2010-07-01", "2025-06-30", CAP, CAP,
	  15, 0, 0, 30, 33075000, 0, 0 },
	/* No cap known: 15 years at 30,000.00. */
	{ "no cap", "2010-07-01", "2025-06-30", 3000000, 0,
	  15, 0, 0, 30, 45000000, 0, 0 },
	/* 01-31 + 6 months = 07-31 = end + 1: six months. */
	{ "month-end 6", "2025-01-31", "2025-07-30", 600000, CAP,
	  0, 6, 0, 2, 600000, 0, 0 },
	/* 01-31 + 5 = 06-30, + 6 = 07-31 > 07-30: 5 months 30 days. */
	{ "month-end 5", "2025-01-31", "2025-07-29", 600000, CAP,
	  0, 5, 30, 1, 300000, 0, 0 },
	/* 01-31 + 1 month = 02-28 = end + 1: one month. */
	{ "month-end feb", "2025-01-31", "2025-02-27", 600000, CAP,
	  0, 1, 0, 1, 300000, 0, 0 },
	/* Leap: 2024-02-29 + 6 months = 08-29 = end + 1. */
	{ "leap 6", "2024-02-29", "2024-08-28", 500000, CAP,
	  0, 6, 0, 2, 500000, 0, 0 },
	/* Leap: 2024-02-29 + 12 months = 2025-02-28 = end + 1: a year. */
	{ "leap year", "2024-02-29", "2025-02-27", 500000, CAP,
	  1, 0, 0, 2, 500000, 0, 0 },
	/* To 2024-02-29: end + 1 = 03-01 = start + 12 months. */
	{ "to 02-29", "2023-03-01", "2024-02-29", 500000, CAP,
	  1, 0, 0, 2, 500000, 0, 0 },
	/* To 02-28 of a leap year: 11 months (to 02-01) and 28 days. */
	{ "to 02-28", "2023-03-01", "2024-02-28", 500000, CAP,
	  0, 11, 28, 2, 500000, 0, 0 },
	/* One day worked: half a month. */
	{ "one day", "2026-03-10", "2026-03-10", 500000, CAP,
	  0, 0, 1, 1, 250000, 0, 0 },
	/* Two whole years: nothing left over. */
	{ "whole years", "2020-01-01", "2021-12-31", 500000, CAP,
	  2, 0, 0, 4, 1000000, 0, 0 },
	/* 2 years and a day: 2.5 months. */
	{ "years and a day", "2020-01-01", "2022-01-01", 500000, CAP,
	  2, 0, 1, 5, 1250000, 0, 0 },
	/* Half of 10,000.01 is 5,000.005: half up, 5,000.01. */
	{ "half up", "2026-01-01", "2026-05-31", 1000001, CAP,
	  0, 5, 0, 1, 500001, 0, 0 },
};

#define CT_NCASES	(sizeof(ct_cases) / sizeof(ct_cases[0]))

/* Parses a fixture date. */
static void
ct_date(const char *s, struct hdate *d)
{
	ck_assert_msg(valid_date(s, d) == VALID_OK, "bad fixture %s", s);
}

START_TEST(comp_table)
{
	const struct ct_case	*k = &ct_cases[_i];
	struct comp_result	 r;
	struct hdate		 s, e;

	ct_date(k->start, &s);
	ct_date(k->end, &e);
	ck_assert_msg(compensation_compute(&s, &e, k->wage, k->cap, 12,
	    &r) == 0, "%s", k->what);
	ck_assert_msg(r.years == k->years && r.months == k->months &&
	    r.days == k->days, "%s: %dy %dm %dd", k->what, r.years, r.months,
	    r.days);
	ck_assert_msg(r.half_months == k->half, "%s: half %d", k->what,
	    r.half_months);
	ck_assert_msg(r.amount_fen == k->amount, "%s: amount %lld", k->what,
	    (long long)r.amount_fen);
	ck_assert_msg(r.wage_capped == k->wage_capped &&
	    r.years_capped == k->years_capped, "%s: capped %d %d", k->what,
	    r.wage_capped, r.years_capped);
	ck_assert_int_eq(r.wage_used_fen, k->wage_capped ? k->cap : k->wage);
	ck_assert_int_eq(r.total_months, k->years * 12 + k->months);
}
END_TEST

/* The working names the service, N and the sum as a clerk checks it. */
START_TEST(comp_working_text)
{
	struct comp_result	 r;
	struct hdate		 s, e;

	ct_date("2020-03-01", &s);
	ct_date("2023-09-30", &e);
	ck_assert_int_eq(compensation_compute(&s, &e, 800000, CAP, 12, &r), 0);
	ck_assert_ptr_nonnull(strstr(r.working,
	    "工作年限:2020-03-01 至 2023-09-30,共3年7个月0天"));
	ck_assert_ptr_nonnull(strstr(r.working, "六个月以上不满一年的按一年计算"));
	ck_assert_ptr_nonnull(strstr(r.working, "合计N=4个月"));
	ck_assert_ptr_nonnull(strstr(r.working, "不高于本地区上年度职工月平均工资"
	    "的三倍22,050.00元"));
	ck_assert_ptr_nonnull(strstr(r.working,
	    "经济补偿 = 8,000.00元 × 4 = 32,000.00元"));

	ct_date("2010-07-01", &s);
	ct_date("2025-06-30", &e);
	ck_assert_int_eq(compensation_compute(&s, &e, 3000000, CAP, 12, &r), 0);
	ck_assert_ptr_nonnull(strstr(r.working, "按22,050.00元计算"));
	ck_assert_ptr_nonnull(strstr(r.working, "N由15个月减为12个月"));
	ck_assert_ptr_nonnull(strstr(r.working,
	    "经济补偿 = 22,050.00元 × 12 = 264,600.00元"));

	ct_date("2026-01-01", &s);
	ct_date("2026-05-31", &e);
	ck_assert_int_eq(compensation_compute(&s, &e, 1000000, 0, 12, &r), 0);
	ck_assert_ptr_nonnull(strstr(r.working, "不满六个月,支付半个月工资"));
	ck_assert_ptr_nonnull(strstr(r.working, "未核对三倍封顶"));
	ck_assert_ptr_nonnull(strstr(r.working, "× 0.5 = 5,000.00元"));
}
END_TEST

/* The cap's years come from the caller (a policy row). */
START_TEST(comp_max_years)
{
	struct comp_result	 r;
	struct hdate		 s, e;

	ct_date("2010-07-01", &s);
	ct_date("2025-06-30", &e);
	ck_assert_int_eq(compensation_compute(&s, &e, 3000000, CAP, 10, &r), 0);
	ck_assert_int_eq(r.half_months, 20);
	ck_assert_int_eq(r.half_months_uncapped, 30);
	ck_assert_int_eq(r.amount_fen, INT64_C(22050000));
}
END_TEST

/* Arguments out of range are refused and leave a zeroed result. */
START_TEST(comp_bad_args)
{
	struct comp_result	 r;
	struct hdate		 s, e, bad = { 2025, 2, 29 };

	ct_date("2026-01-02", &s);
	ct_date("2026-01-01", &e);
	ck_assert_int_eq(compensation_compute(&s, &e, 100, CAP, 12, &r), -1);
	ck_assert_int_eq(r.amount_fen, 0);
	ck_assert_int_eq(compensation_compute(&e, &s, -1, CAP, 12, &r), -1);
	ck_assert_int_eq(compensation_compute(&e, &s, COMP_WAGE_MAX_FEN + 1,
	    CAP, 12, &r), -1);
	ck_assert_int_eq(compensation_compute(&e, &s, 100, -1, 12, &r), -1);
	ck_assert_int_eq(compensation_compute(&e, &s, 100, COMP_CAP_MAX_FEN + 1,
	    12, &r), -1);
	/* A cap above the largest wage is fine: the wage is under it. */
	ck_assert_int_eq(compensation_compute(&e, &s, COMP_WAGE_MAX_FEN,
	    COMP_CAP_MAX_FEN, 12, &r), 0);
	ck_assert_int_eq(r.wage_capped, 0);
	ck_assert_int_eq(compensation_compute(&e, &s, 100, CAP, 0, &r), -1);
	ck_assert_int_eq(compensation_compute(&bad, &s, 100, CAP, 12, &r), -1);
	ck_assert_int_eq(compensation_compute(NULL, &s, 100, CAP, 12, &r), -1);
	/* The largest wage over a long service does not overflow. */
	ct_date("1950-01-01", &s);
	ct_date("2049-12-31", &e);
	ck_assert_int_eq(compensation_compute(&s, &e, COMP_WAGE_MAX_FEN, 0, 12,
	    &r), 0);
	ck_assert_int_eq(r.half_months, 200);
	ck_assert_int_eq(r.amount_fen, COMP_WAGE_MAX_FEN * 100);
}
END_TEST

START_TEST(comp_months_text)
{
	char	 buf[16];

	ck_assert_str_eq(compensation_months_text(7, buf, sizeof(buf)), "3.5");
	ck_assert_str_eq(compensation_months_text(8, buf, sizeof(buf)), "4");
	ck_assert_str_eq(compensation_months_text(1, buf, sizeof(buf)), "0.5");
}
END_TEST

static Suite *
compensation_suite(void)
{
	Suite	*s = suite_create("compensation");
	TCase	*tc = tcase_create("compensation");

	tcase_add_loop_test(tc, comp_table, 0, (int)CT_NCASES);
	tcase_add_test(tc, comp_working_text);
	tcase_add_test(tc, comp_max_years);
	tcase_add_test(tc, comp_bad_args);
	tcase_add_test(tc, comp_months_text);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(compensation_suite)
