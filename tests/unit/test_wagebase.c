/*
 * test_wagebase.c: the clamping of a declared wage to a year's floor
 * and ceiling (lib/wagebase.h) as a table: below the floor, exactly at
 * each bound, a fen either side, above the ceiling, within; the
 * national default where a region has no 社平工资 of its own; a year
 * without its 社平工资 refused (never the year before's); bounds
 * rounded down to the fen; the percentages in force on January 1st;
 * bad wages; the note saying why; and the bases over time (wb_set,
 * wb_at, wb_next).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "policy.h"
#include "store.h"
#include "wagebase.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;

/* Runs constant SQL of the test. */
static void
wt_sql(const char *sql)
{
	ck_assert_msg(store_exec_sql(db.s, sql) == 0, "%s", sql);
}

static void
setup(void)
{
	th_db_open(&db);
	th_clock_set(&db, "2026-12-02 10:00:00");
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	/* A region whose 社平工资 does not divide evenly, and whose floor
	 * rises to 70% from 2026-07-01 (so from the year 2027 on). */
	wt_sql("INSERT INTO policy (region, key, valid_from, value, note) "
	    "VALUES ('990000', 'wage.avg_monthly_fen', '2026-01-01', "
	    "'733333', 'test'), ('990000', 'base.floor_pct', '2026-07-01', "
	    "'70', 'test')");
}

static void
teardown(void)
{
	th_db_close(&db);
}

/* One clamping case. */
struct wt_case {
	const char	*region;
	int		 year;
	int64_t		 wage;
	int		 rc;		/* wb_clamp's return */
	int64_t		 base;
	enum wb_side	 side;
	int64_t		 floor, ceil;
};

static const struct wt_case wt_cases[] = {
	/* 武汉 2027: 社平工资 7,700.00: 4,620.00 .. 23,100.00. */
	{ "420100", 2027, 300000, 0, 462000, WB_FLOOR, 462000, 2310000 },
	{ "420100", 2027, 461999, 0, 462000, WB_FLOOR, 462000, 2310000 },
	{ "420100", 2027, 462000, 0, 462000, WB_WITHIN, 462000, 2310000 },
	{ "420100", 2027, 462001, 0, 462001, WB_WITHIN, 462000, 2310000 },
	{ "420100", 2027, 800000, 0, 800000, WB_WITHIN, 462000, 2310000 },
	{ "420100", 2027, 2310000, 0, 2310000, WB_WITHIN, 462000, 2310000 },
	{ "420100", 2027, 2310001, 0, 2310000, WB_CEILING, 462000, 2310000 },
	{ "420100", 2027, 99999999, 0, 2310000, WB_CEILING, 462000, 2310000 },
	{ "420100", 2027, 1, 0, 462000, WB_FLOOR, 462000, 2310000 },
	/* 武汉 2026: its own 7,450.00. */
	{ "420100", 2026, 300000, 0, 447000, WB_FLOOR, 447000, 2235000 },
	/* A region without rows: the national 7,600.00 of 2027. */
	{ "110000", 2027, 300000, 0, 456000, WB_FLOOR, 456000, 2280000 },
	{ "110000", 2027, 3000000, 0, 2280000, WB_CEILING, 456000, 2280000 },
	/* A year without its 社平工资: refused, never the year before's. */
	{ "420100", 2028, 500000, 1, 0, WB_WITHIN, 0, 0 },
	{ "420100", 2023, 500000, 1, 0, WB_WITHIN, 0, 0 },
	{ "110000", 2028, 500000, 1, 0, WB_WITHIN, 0, 0 },
	/* Bounds rounded down to the fen: 7,333.33 × 60% = 4,399.998. */
	{ "990000", 2026, 439998, 0, 439999, WB_FLOOR, 439999, 2199999 },
	{ "990000", 2026, 439999, 0, 439999, WB_WITHIN, 439999, 2199999 },
	{ "990000", 2026, 2199999, 0, 2199999, WB_WITHIN, 439999, 2199999 },
	{ "990000", 2026, 2200000, 0, 2199999, WB_CEILING, 439999, 2199999 },
	/* The 70% of 2026-07-01 holds on 2027-01-01 (national 社平工资). */
	{ "990000", 2027, 500000, 0, 532000, WB_FLOOR, 532000, 2280000 },
	/* Not a wage: an error, nothing clamped. */
	{ "420100", 2027, 0, -1, 0, WB_WITHIN, 0, 0 },
	{ "420100", 2027, -100, -1, 0, WB_WITHIN, 0, 0 },
};

#define WT_NCASES	(sizeof(wt_cases) / sizeof(wt_cases[0]))

/* Each case of the table. */
START_TEST(wb_clamp_table)
{
	const struct wt_case	*k = &wt_cases[_i];
	struct wb_clamp		 c;
	int			 rc;

	rc = wb_clamp(db.s, k->region, k->year, k->wage, &c);
	ck_assert_msg(rc == k->rc, "case %d: rc %d, want %d", _i, rc, k->rc);
	if (rc != 0)
		return;
	ck_assert_int_eq(c.year, k->year);
	ck_assert_int_eq(c.wage_fen, k->wage);
	ck_assert_msg(c.base_fen == k->base, "case %d: base %lld, want %lld",
	    _i, (long long)c.base_fen, (long long)k->base);
	ck_assert_int_eq(c.side, k->side);
	ck_assert_int_eq(c.floor_fen, k->floor);
	ck_assert_int_eq(c.ceil_fen, k->ceil);
}
END_TEST

/* A 社平工资 no region can have is refused (logged, -1), not
 * multiplied: avg × 300% of 9×10^16 fen would overflow int64. */
START_TEST(wb_clamp_absurd_avg)
{
	struct wb_clamp	 c;

	wt_sql("INSERT INTO policy (region, key, valid_from, value, note) "
	    "VALUES ('880000', 'wage.avg_monthly_fen', '2030-01-01', "
	    "'90000000000000000', 'test: absurd')");
	ck_assert_int_eq(wb_clamp(db.s, "880000", 2030, 500000, &c), -1);
	wt_sql("INSERT INTO policy (region, key, valid_from, value, note) "
	    "VALUES ('880000', 'wage.avg_monthly_fen', '2031-01-01', "
	    "'100000001', 'test: just above')");
	ck_assert_int_eq(wb_clamp(db.s, "880000", 2031, 500000, &c), -1);
	/* The largest accepted: one million yuan a month. */
	wt_sql("INSERT INTO policy (region, key, valid_from, value, note) "
	    "VALUES ('880000', 'wage.avg_monthly_fen', '2032-01-01', "
	    "'100000000', 'test: the most')");
	ck_assert_int_eq(wb_clamp(db.s, "880000", 2032, 500000, &c), 0);
	ck_assert_int_eq(c.avg_fen, WB_AVG_MAX_FEN);
	ck_assert_int_eq(c.base_fen, c.floor_fen);
	ck_assert_int_eq(c.ceil_fen, WB_AVG_MAX_FEN * c.ceil_pct / 100);
}
END_TEST

/* The refusal of a year without its 社平工资 names the year. */
START_TEST(wb_no_policy_says_year)
{
	char	 buf[256];

	wb_no_policy_message(2028, buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, "2028年度社平工资尚未公布"));
	ck_assert_ptr_nonnull(strstr(buf, "暂不能核定缴费基数"));
}
END_TEST

/* The note says which bound, with the figures and the percentage. */
START_TEST(wb_note_says_why)
{
	struct wb_clamp	 c;
	char		 note[512];

	ck_assert_int_eq(wb_clamp(db.s, "420100", 2027, 300000, &c), 0);
	wb_clamp_note(&c, note, sizeof(note));
	ck_assert_ptr_nonnull(strstr(note, "申报工资3,000.00元低于2027年度缴费"
	    "基数下限4,620.00元"));
	ck_assert_ptr_nonnull(strstr(note, "社平工资7,700.00元的60%"));
	ck_assert_ptr_nonnull(strstr(note, "保底"));
	ck_assert_int_eq(wb_clamp(db.s, "420100", 2027, 3000000, &c), 0);
	wb_clamp_note(&c, note, sizeof(note));
	ck_assert_ptr_nonnull(strstr(note, "高于2027年度缴费基数上限23,100.00元"));
	ck_assert_ptr_nonnull(strstr(note, "300%"));
	ck_assert_ptr_nonnull(strstr(note, "封顶"));
	ck_assert_int_eq(wb_clamp(db.s, "420100", 2027, 800000, &c), 0);
	wb_clamp_note(&c, note, sizeof(note));
	ck_assert_ptr_nonnull(strstr(note, "8,000.00元在2027年度缴费基数上下限"
	    "之间"));
	ck_assert_ptr_nonnull(strstr(note, "按申报工资核定"));
	/* A short buffer is cut, still terminated. */
	wb_clamp_note(&c, note, 8);
	ck_assert_uint_lt(strlen(note), 8);
}
END_TEST

/* Money as the pages show it. */
START_TEST(wb_yuan_format)
{
	static const struct {
		int64_t		 fen;
		const char	*want;
	} cases[] = {
		{ 0, "0.00" }, { 5, "0.05" }, { 100, "1.00" },
		{ 99999, "999.99" }, { 100000, "1,000.00" },
		{ 462000, "4,620.00" }, { 123456789, "1,234,567.89" },
		{ -5, "-0.05" }, { -123456, "-1,234.56" },
	};
	char	 buf[48];
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_str_eq(wb_yuan(cases[i].fen, buf, sizeof(buf)),
		    cases[i].want);
}
END_TEST

/* Bases over time: the 参保 row's own, a later one from its month, the
 * same month replaced, an approved future one found by wb_next. */
START_TEST(wb_set_at_next)
{
	struct store_stmt	*st;
	struct wb_clamp		 c;
	struct wb_base		 b;
	int64_t			 unit, person, ins;

	unit = th_unit(db.s, "甲公司", 0);
	person = th_person(db.s, "420101199003077114", "张三", "男",
	    "1990-03-07");
	ck_assert_ptr_nonnull(st = store_stmt(db.s, "INSERT INTO insurance "
	    "(person_id, unit_id, sb_no, start_month, status, base_fen, "
	    "wage_fen) VALUES (?1, ?2, 'SB1', '2020-01', '参保缴费', 500000, "
	    "520000)"));
	ck_assert_int_eq(store_bind_int(st, 1, person), 0);
	ck_assert_int_eq(store_bind_int(st, 2, unit), 0);
	ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
	ins = th_count(db.s, "SELECT MAX(id) FROM insurance");
	/* The row's own base before any change. */
	ck_assert_int_eq(wb_at(db.s, ins, "2026-12", &b), 0);
	ck_assert_int_eq(b.base_fen, 500000);
	ck_assert_int_eq(b.wage_fen, 520000);
	ck_assert_str_eq(b.from_month, "");
	ck_assert_int_eq(wb_next(db.s, ins, "2026-12", &b), 1);
	/* A change from 2027-01. */
	ck_assert_int_eq(wb_clamp(db.s, "420100", 2027, 300000, &c), 0);
	ck_assert_int_eq(wb_set(db.s, ins, "2027-01", &c, "gongzi", 0), 0);
	ck_assert_int_eq(wb_at(db.s, ins, "2026-12", &b), 0);
	ck_assert_int_eq(b.base_fen, 500000);
	ck_assert_int_eq(wb_at(db.s, ins, "2027-01", &b), 0);
	ck_assert_int_eq(b.base_fen, 462000);
	ck_assert_int_eq(b.wage_fen, 300000);
	ck_assert_str_eq(b.from_month, "2027-01");
	ck_assert_int_eq(wb_at(db.s, ins, "2027-06", &b), 0);
	ck_assert_int_eq(b.base_fen, 462000);
	ck_assert_int_eq(wb_next(db.s, ins, "2026-12", &b), 0);
	ck_assert_str_eq(b.from_month, "2027-01");
	/* The same month again replaces it. */
	ck_assert_int_eq(wb_clamp(db.s, "420100", 2027, 800000, &c), 0);
	ck_assert_int_eq(wb_set(db.s, ins, "2027-01", &c, "gongzi", 0), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM wage_bases"), 1);
	ck_assert_int_eq(wb_at(db.s, ins, "2027-01", &b), 0);
	ck_assert_int_eq(b.base_fen, 800000);
	/* Bad arguments store nothing. */
	ck_assert_int_eq(wb_set(db.s, ins, "2027-13", &c, "gongzi", 0), -1);
	ck_assert_int_eq(wb_set(db.s, 0, "2027-02", &c, "gongzi", 0), -1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM wage_bases"), 1);
	/* No such 参保. */
	ck_assert_int_eq(wb_at(db.s, ins + 100, "2027-01", &b), 1);
}
END_TEST

static Suite *
wagebase_suite(void)
{
	Suite	*s = suite_create("wagebase");
	TCase	*tc = tcase_create("wagebase");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, wb_clamp_table, 0, (int)WT_NCASES);
	tcase_add_test(tc, wb_no_policy_says_year);
	tcase_add_test(tc, wb_clamp_absurd_avg);
	tcase_add_test(tc, wb_note_says_why);
	tcase_add_test(tc, wb_yuan_format);
	tcase_add_test(tc, wb_set_at_next);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(wagebase_suite)
