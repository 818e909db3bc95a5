/*
 * test_levy.c: the 欠费 computation (lib/levy.c) against tables worked
 * by hand from the seeded Wuhan policy: several months, a base change
 * between them (wb_set), a rate change between them (养老 单位 20% →
 * 16% and 失业 2%/1% → 0.7%/0.3% on 2019-05-01), the 工伤 industry
 * rate and its clamping, the 滞纳金 days across a month end and across
 * 2028-02-29, the rounding of 分 (half up per line), and the refusals.
 */
#include <check.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "levy.h"
#include "policy.h"
#include "store.h"
#include "valid.h"
#include "wagebase.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit, unit19, person, person19, ins, ins19;

/* Runs constant SQL of the test. */
static void
tl_sql(const char *sql)
{
	ck_assert_int_eq(store_exec_sql(db.s, sql), 0);
}

/* Inserts person idno at u with a 参保 row whose own base is base_fen;
 * returns the insurance id and the person's id in *pid. */
static int64_t
tl_insured(int64_t u, const char *idno, int64_t base_fen, int64_t *pid)
{
	struct store_stmt	*st;

	*pid = th_person(db.s, idno, "测试", "男", "1990-03-07");
	st = store_stmt(db.s, "INSERT INTO insurance (person_id, unit_id, "
	    "sb_no, start_month, status, base_fen, wage_fen) VALUES (?1, ?2, "
	    "'SB' || ?1, '2010-01', '参保缴费', ?3, ?3)");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_int(st, 1, *pid), 0);
	ck_assert_int_eq(store_bind_int(st, 2, u), 0);
	ck_assert_int_eq(store_bind_int(st, 3, base_fen), 0);
	ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
	return store_last_id(db.s);
}

/* The world: a Wuhan unit with every type, 工伤 5‰, and a person on a
 * base of 5,000.00 that a 工资变更 raises to 6,123.45 from 2026-10;
 * a second unit without 大额医疗, 工伤 25‰, and a person on 4,000.00. */
static void
setup(void)
{
	struct wb_clamp	 c;

	th_db_open(&db);
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	unit = th_unit(db.s, "甲公司", 0);
	unit19 = th_unit(db.s, "乙公司", 0);
	tl_sql("UPDATE units SET industry_rate_permille = 25, ins_types = "
	    "'养老,医疗,失业,工伤,生育' WHERE name = '乙公司'");
	ins = tl_insured(unit, "420102199003071234", 500000, &person);
	ins19 = tl_insured(unit19, "42010219900307123X", 400000, &person19);
	memset(&c, 0, sizeof(c));
	c.year = 2026;
	c.wage_fen = c.base_fen = 612345;
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wb_set(db.s, ins, "2026-10", &c, "gongzi", 0), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
}

/* Closes it. */
static void
teardown(void)
{
	th_db_close(&db);
}

/* One expected line. */
struct tl_line {
	const char	*month;
	enum levy_type	 type;
	enum levy_side	 side;
	int64_t		 base_fen;
	int		 rate_bp;
	int64_t		 amount_fen;
	long		 late_days;
	int64_t		 late_fen;
};

/* Checks l's lines against want[0..n). */
static void
tl_check(const struct levy *l, const struct tl_line *want, size_t n)
{
	const struct levy_line	*g;
	size_t			 i;

	ck_assert_uint_eq(l->nlines, n);
	for (i = 0; i < n; i++) {
		g = &l->lines[i];
		ck_assert_msg(strcmp(g->month, want[i].month) == 0 &&
		    g->type == want[i].type && g->side == want[i].side,
		    "line %zu: %s %d %d", i, g->month, g->type, g->side);
		ck_assert_msg(g->base_fen == want[i].base_fen &&
		    g->rate_bp == want[i].rate_bp &&
		    g->amount_fen == want[i].amount_fen &&
		    g->late_days == want[i].late_days &&
		    g->late_fen == want[i].late_fen,
		    "line %zu (%s %s %s): base %lld rate %d amount %lld "
		    "days %ld late %lld", i, g->month, levy_type_name(g->type),
		    levy_side_name(g->side), (long long)g->base_fen,
		    g->rate_bp, (long long)g->amount_fen, g->late_days,
		    (long long)g->late_fen);
	}
}

/*
 * Table 1, computed on 2026-12-02 (滞纳金 5 bp/day; due the 15th):
 * 2026-09 on the base 5,000.00, due 09-15, 78 days late (15 + 31 +
 * 30 + 2); 2026-10 on 6,123.45 (wb_set), due 10-15, 48 days (16 + 30
 * + 2).  amount = base × bp / 10000, 滞纳金 = amount × days × 5 / 10000,
 * each rounded half up:
 *   失业 单位 09: 500000×70 = 3500.00 → 3500; 3500×78×5 = 136.5 → 137
 *   失业 个人 09: 1500 × 390 / 10000 = 58.5 → 59
 *   大额医疗 个人: fixed 700; 700×390/10000 = 27.3 → 27
 *   养老 单位 10: 612345×1600/10000 = 97975.2 → 97975; ×240 = 2351.4 → 2351
 *   养老 个人 10: 612345×800/10000 = 48987.6 → 48988; ×240 = 1175.712 → 1176
 *   医疗 个人 10: 612345×200 = 12246.9 → 12247; ×240 = 293.928 → 294
 *   失业 单位 10: ×70 = 4286.415 → 4286; ×240 = 102.864 → 103
 *   失业 个人 10: ×30 = 1837.035 → 1837; ×240 = 44.088 → 44
 *   工伤 单位 10: 5‰ = 50 bp, ×50 = 3061.725 → 3062; ×240 = 73.488 → 73
 */
static const struct tl_line table1[] = {
	{ "2026-09", LEVY_PENSION, LEVY_UNIT, 500000, 1600, 80000, 78, 3120 },
	{ "2026-09", LEVY_PENSION, LEVY_PERSON, 500000, 800, 40000, 78, 1560 },
	{ "2026-09", LEVY_MEDICAL, LEVY_UNIT, 500000, 800, 40000, 78, 1560 },
	{ "2026-09", LEVY_MEDICAL, LEVY_PERSON, 500000, 200, 10000, 78, 390 },
	{ "2026-09", LEVY_UNEMPLOYMENT, LEVY_UNIT, 500000, 70, 3500, 78, 137 },
	{ "2026-09", LEVY_UNEMPLOYMENT, LEVY_PERSON, 500000, 30, 1500, 78, 59 },
	{ "2026-09", LEVY_INJURY, LEVY_UNIT, 500000, 50, 2500, 78, 98 },
	{ "2026-09", LEVY_MATERNITY, LEVY_UNIT, 500000, 70, 3500, 78, 137 },
	{ "2026-09", LEVY_LARGE_MEDICAL, LEVY_PERSON, 500000, 0, 700, 78, 27 },
	{ "2026-10", LEVY_PENSION, LEVY_UNIT, 612345, 1600, 97975, 48, 2351 },
	{ "2026-10", LEVY_PENSION, LEVY_PERSON, 612345, 800, 48988, 48, 1176 },
	{ "2026-10", LEVY_MEDICAL, LEVY_UNIT, 612345, 800, 48988, 48, 1176 },
	{ "2026-10", LEVY_MEDICAL, LEVY_PERSON, 612345, 200, 12247, 48, 294 },
	{ "2026-10", LEVY_UNEMPLOYMENT, LEVY_UNIT, 612345, 70, 4286, 48, 103 },
	{ "2026-10", LEVY_UNEMPLOYMENT, LEVY_PERSON, 612345, 30, 1837, 48, 44 },
	{ "2026-10", LEVY_INJURY, LEVY_UNIT, 612345, 50, 3062, 48, 73 },
	{ "2026-10", LEVY_MATERNITY, LEVY_UNIT, 612345, 70, 4286, 48, 103 },
	{ "2026-10", LEVY_LARGE_MEDICAL, LEVY_PERSON, 612345, 0, 700, 48, 17 },
};

START_TEST(levy_table1_base_change)
{
	const char	*months[] = { "2026-09", "2026-10" };
	struct hdate	 on = { 2026, 12, 2 };
	struct levy	 l;

	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit, person, months, 2, &on, &l),
	    0);
	tl_check(&l, table1, sizeof(table1) / sizeof(table1[0]));
	/* Month totals 181,700 + 222,369; 滞纳金 7,088 + 5,337. */
	ck_assert_int_eq(l.total.amount_fen, 181700 + 222369);
	ck_assert_int_eq(l.total.late_fen, 7088 + 5337);
	/* Unit side: 养老 80000 + 97975, … ; person side the rest. */
	ck_assert_int_eq(l.by[LEVY_PENSION][LEVY_UNIT].amount_fen, 177975);
	ck_assert_int_eq(l.by[LEVY_PENSION][LEVY_UNIT].late_fen, 5471);
	ck_assert_int_eq(l.by[LEVY_LARGE_MEDICAL][LEVY_PERSON].amount_fen,
	    1400);
	ck_assert_int_eq(l.by[LEVY_INJURY][LEVY_PERSON].amount_fen, 0);
	ck_assert_int_eq(l.side[LEVY_UNIT].amount_fen,
	    129500 + 97975 + 48988 + 4286 + 3062 + 4286);
	ck_assert_int_eq(l.side[LEVY_PERSON].amount_fen,
	    52200 + 48988 + 12247 + 1837 + 700);
	ck_assert_int_eq(l.side[LEVY_UNIT].amount_fen +
	    l.side[LEVY_PERSON].amount_fen, l.total.amount_fen);
	ck_assert_uint_eq(l.months, 2);
	ck_assert_uint_eq(l.persons, 1);
	/* Due dates. */
	ck_assert_int_eq(l.lines[0].due.month, 9);
	ck_assert_int_eq(l.lines[0].due.day, 15);
	ck_assert_int_eq(l.lines[0].late_bp, 5);
	levy_free(&l);
	ck_assert_ptr_null(l.lines);
}
END_TEST

/*
 * Table 2, a rate change between the months: 2019-04 and 2019-05 of a
 * base of 4,000.00 computed on 2019-06-03; 养老 单位 20% → 16% and 失业
 * 2%/1% → 0.7%/0.3% from 2019-05-01.  工伤 25‰ = 250 bp (within
 * 20..285).  04: due 04-15, 49 days (15 + 31 + 3), 滞纳金 × 245 / 10000;
 * 05: due 05-15, 19 days, × 95 / 10000:
 *   生育 04: 400000×70 = 2800; 2800×245 = 68.6 → 69
 *   失业 单位 05: 2800; ×95 = 26.6 → 27; 个人 05: 1200; ×95 = 11.4 → 11
 */
static const struct tl_line table2[] = {
	{ "2019-04", LEVY_PENSION, LEVY_UNIT, 400000, 2000, 80000, 49, 1960 },
	{ "2019-04", LEVY_PENSION, LEVY_PERSON, 400000, 800, 32000, 49, 784 },
	{ "2019-04", LEVY_MEDICAL, LEVY_UNIT, 400000, 800, 32000, 49, 784 },
	{ "2019-04", LEVY_MEDICAL, LEVY_PERSON, 400000, 200, 8000, 49, 196 },
	{ "2019-04", LEVY_UNEMPLOYMENT, LEVY_UNIT, 400000, 200, 8000, 49, 196 },
	{ "2019-04", LEVY_UNEMPLOYMENT, LEVY_PERSON, 400000, 100, 4000, 49, 98 },
	{ "2019-04", LEVY_INJURY, LEVY_UNIT, 400000, 250, 10000, 49, 245 },
	{ "2019-04", LEVY_MATERNITY, LEVY_UNIT, 400000, 70, 2800, 49, 69 },
	{ "2019-05", LEVY_PENSION, LEVY_UNIT, 400000, 1600, 64000, 19, 608 },
	{ "2019-05", LEVY_PENSION, LEVY_PERSON, 400000, 800, 32000, 19, 304 },
	{ "2019-05", LEVY_MEDICAL, LEVY_UNIT, 400000, 800, 32000, 19, 304 },
	{ "2019-05", LEVY_MEDICAL, LEVY_PERSON, 400000, 200, 8000, 19, 76 },
	{ "2019-05", LEVY_UNEMPLOYMENT, LEVY_UNIT, 400000, 70, 2800, 19, 27 },
	{ "2019-05", LEVY_UNEMPLOYMENT, LEVY_PERSON, 400000, 30, 1200, 19, 11 },
	{ "2019-05", LEVY_INJURY, LEVY_UNIT, 400000, 250, 10000, 19, 95 },
	{ "2019-05", LEVY_MATERNITY, LEVY_UNIT, 400000, 70, 2800, 19, 27 },
};

START_TEST(levy_table2_rate_change)
{
	const char	*months[] = { "2019-04", "2019-05" };
	struct hdate	 on = { 2019, 6, 3 };
	struct levy	 l;

	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit19, person19, months, 2, &on,
	    &l), 0);
	tl_check(&l, table2, sizeof(table2) / sizeof(table2[0]));
	ck_assert_int_eq(l.total.amount_fen, 176800 + 152800);
	ck_assert_int_eq(l.total.late_fen, 4332 + 1452);
	ck_assert_int_eq(l.by[LEVY_UNEMPLOYMENT][LEVY_UNIT].amount_fen,
	    8000 + 2800);
	levy_free(&l);
}
END_TEST

/* 工伤 outside the range is clamped to it: 30‰ = 300 bp → 285 from
 * 2015-10 (人社部发〔2015〕71号), → 200 before; 1‰ → 20 (→ 50 before). */
START_TEST(levy_injury_clamped)
{
	const char	*m15[] = { "2015-10" }, *m14[] = { "2014-06" };
	struct hdate	 on = { 2015, 10, 10 };
	struct levy	 l;

	tl_sql("UPDATE units SET industry_rate_permille = 30 WHERE name = "
	    "'乙公司'");
	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit19, person19, m15, 1, &on,
	    &l), 0);
	ck_assert_int_eq(l.by[LEVY_INJURY][LEVY_UNIT].amount_fen,
	    400000 * 285 / 10000);
	levy_free(&l);
	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit19, person19, m14, 1, &on,
	    &l), 0);
	ck_assert_int_eq(l.by[LEVY_INJURY][LEVY_UNIT].amount_fen, 8000);
	levy_free(&l);
	tl_sql("UPDATE units SET industry_rate_permille = 1 WHERE name = "
	    "'乙公司'");
	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit19, person19, m15, 1, &on,
	    &l), 0);
	ck_assert_int_eq(l.lines[6].type, LEVY_INJURY);
	ck_assert_int_eq(l.lines[6].rate_bp, 20);
	ck_assert_int_eq(l.lines[6].amount_fen, 800);
	levy_free(&l);
	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit19, person19, m14, 1, &on,
	    &l), 0);
	ck_assert_int_eq(l.by[LEVY_INJURY][LEVY_UNIT].amount_fen, 2000);
	levy_free(&l);
}
END_TEST

/* The 滞纳金 days across 2028-02-29: 2028-02 is due 02-15; on 03-01
 * that is 15 days (16..29 of February, and March 1st); 2027-02 on
 * 2027-03-01 is 14.  养老 单位 of 5,000.00: 80000 × 15 × 5 / 10000 = 600,
 * × 14 = 560; 失业 个人 1500 × 15 × 5 = 11.25 → 11, × 14 = 10.5 → 11. */
START_TEST(levy_leap_day)
{
	const char	*m28[] = { "2028-02" }, *m27[] = { "2027-02" };
	struct hdate	 on28 = { 2028, 3, 1 }, on27 = { 2027, 3, 1 };
	struct levy	 l;

	tl_sql("DELETE FROM wage_bases");
	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit, person, m28, 1, &on28, &l),
	    0);
	ck_assert_int_eq(l.lines[0].due.day, 15);
	ck_assert_int_eq(l.lines[0].late_days, 15);
	ck_assert_int_eq(l.lines[0].late_fen, 600);
	ck_assert_int_eq(l.lines[5].type, LEVY_UNEMPLOYMENT);
	ck_assert_int_eq(l.lines[5].side, LEVY_PERSON);
	ck_assert_int_eq(l.lines[5].late_fen, 11);
	levy_free(&l);
	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit, person, m27, 1, &on27, &l),
	    0);
	ck_assert_int_eq(l.lines[0].late_days, 14);
	ck_assert_int_eq(l.lines[0].late_fen, 560);
	ck_assert_int_eq(l.lines[5].late_fen, 11);
	levy_free(&l);
}
END_TEST

/* Before the due day nothing is late; on it neither; the day after, 1. */
START_TEST(levy_not_yet_due)
{
	const char	*m[] = { "2026-12" };
	struct hdate	 d2 = { 2026, 12, 2 }, d15 = { 2026, 12, 15 },
			 d16 = { 2026, 12, 16 };
	struct levy	 l;

	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit, person, m, 1, &d2, &l), 0);
	ck_assert_int_eq(l.total.late_fen, 0);
	ck_assert_int_eq(l.lines[0].late_days, 0);
	levy_free(&l);
	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit, person, m, 1, &d15, &l), 0);
	ck_assert_int_eq(l.total.late_fen, 0);
	levy_free(&l);
	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit, person, m, 1, &d16, &l), 0);
	ck_assert_int_eq(l.lines[0].late_days, 1);
	/* 97975 × 1 × 5 / 10000 = 48.9875 → 49. */
	ck_assert_int_eq(l.lines[0].late_fen, 49);
	levy_free(&l);
}
END_TEST

/* The 滞纳金 rate is the one in force on the computation day: 0.2%/day
 * (征缴暂行条例) until 2011-06-30, 0.05% from 2011-07-01. */
START_TEST(levy_late_rate_by_day)
{
	const char	*m[] = { "2011-05" };
	struct hdate	 a = { 2011, 6, 30 }, b = { 2011, 7, 1 };
	struct levy	 l;

	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit19, person19, m, 1, &a, &l),
	    0);
	ck_assert_int_eq(l.lines[0].late_bp, 20);
	/* 80000 × 46 days × 20 / 10000 = 7360. */
	ck_assert_int_eq(l.lines[0].late_days, 46);
	ck_assert_int_eq(l.lines[0].late_fen, 7360);
	levy_free(&l);
	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit19, person19, m, 1, &b, &l),
	    0);
	ck_assert_int_eq(l.lines[0].late_bp, 5);
	ck_assert_int_eq(l.lines[0].late_fen, 80000 * 47 * 5 / 10000);
	levy_free(&l);
}
END_TEST

/* The rounding rule and the date helpers, worked by hand. */
START_TEST(levy_rounding_and_dates)
{
	struct hdate	 d, due = { 2026, 1, 15 }, on = { 2026, 2, 3 };

	ck_assert_int_eq(levy_round_bp(1, 5000), 1);		/* 0.5 → 1 */
	ck_assert_int_eq(levy_round_bp(1, 4999), 0);		/* 0.4999 → 0 */
	ck_assert_int_eq(levy_round_bp(10001, 5000), 5001);	/* 5000.5 */
	ck_assert_int_eq(levy_round_bp(12345, 1600), 1975);	/* 1975.2 */
	ck_assert_int_eq(levy_round_bp(12347, 50), 62);	/* 61.735 */
	ck_assert_int_eq(levy_round_bp(0, 1600), 0);
	ck_assert_int_eq(levy_round_bp(100000, 0), 0);
	ck_assert_int_eq(levy_late_fen(1000, 1, 5), 1);	/* 0.5 → 1 */
	ck_assert_int_eq(levy_late_fen(999, 1, 5), 0);	/* 0.4995 → 0 */
	ck_assert_int_eq(levy_late_fen(1000, 0, 5), 0);
	ck_assert_int_eq(levy_late_fen(1000, -3, 5), 0);
	/* A fortune for years: no overflow in int64. */
	ck_assert_int_eq(levy_late_fen(INT64_C(10000000000), 3650, 5),
	    INT64_C(18250000000));
	/* Products beyond 64 bits: refused (-1), never wrapped. */
	ck_assert_int_eq(levy_round_bp(INT64_MAX / 1000, 10000), -1);
	ck_assert_int_eq(levy_round_bp(INT64_MAX / 9999, 10000), -1);
	ck_assert_int_eq(levy_round_bp(INT64_MAX / 10000 - 1, 10000),
	    INT64_MAX / 10000 - 1);
	ck_assert_int_eq(levy_late_fen(INT64_MAX / 100, 3650, 5), -1);
	ck_assert_int_eq(levy_late_fen(INT64_C(1000), LONG_MAX, 5), -1);
	ck_assert_int_eq(levy_late_fen(INT64_C(1000), 2, INT64_MAX / 2), -1);
	/* Across a month end: 16..31 January and 1..3 February. */
	ck_assert_int_eq(levy_late_days(&due, &on), 19);
	ck_assert_int_eq(levy_late_days(&on, &due), 0);
	ck_assert_int_eq(levy_late_days(&due, &due), 0);
	/* A due day beyond the month's end is its last day. */
	levy_due_date(2028, 2, 31, 0, &d);
	ck_assert(d.year == 2028 && d.month == 2 && d.day == 29);
	levy_due_date(2027, 2, 31, 0, &d);
	ck_assert(d.year == 2027 && d.month == 2 && d.day == 28);
	levy_due_date(2026, 12, 15, 1, &d);
	ck_assert(d.year == 2027 && d.month == 1 && d.day == 15);
	levy_due_date(2026, 4, 31, 0, &d);
	ck_assert(d.month == 4 && d.day == 30);
}
END_TEST

/* The types of units.ins_types, names and keys. */
START_TEST(levy_types)
{
	ck_assert_uint_eq(levy_types_mask("养老,医疗,失业,工伤,生育,大额医疗"),
	    (1u << LEVY_TYPE__MAX) - 1);
	ck_assert_uint_eq(levy_types_mask(" 养老, 工伤 ,,未知"),
	    (1u << LEVY_PENSION) | (1u << LEVY_INJURY));
	ck_assert_uint_eq(levy_types_mask(""), 0);
	ck_assert_uint_eq(levy_types_mask(NULL), 0);
	ck_assert_str_eq(levy_type_name(LEVY_LARGE_MEDICAL), "大额医疗");
	ck_assert_str_eq(levy_type_key(LEVY_UNEMPLOYMENT), "unemployment");
	ck_assert_str_eq(levy_type_name(LEVY_TYPE__MAX), "");
	ck_assert_str_eq(levy_side_name(LEVY_PERSON), "个人");
	ck_assert_str_eq(levy_side_name(LEVY_UNIT), "单位");
}
END_TEST

/* A region with no 大额医疗 rate refuses a unit that has the type, with
 * the type and month named; without the type it uses the national
 * rates (失业 0.5%/0.5% after 2019-05); a rate row of 0 (生育 merged
 * into 医疗) makes no line and is not refused. */
START_TEST(levy_bad_region_rate)
{
	const char	*m[] = { "2026-09" };
	struct hdate	 on = { 2026, 12, 2 };
	struct levy	 l;

	tl_sql("UPDATE units SET region = '990000' WHERE name = '甲公司'");
	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit, person, m, 1, &on, &l),
	    LEVY_NOPOLICY);
	ck_assert_ptr_nonnull(strstr(l.msg, "2026年09月大额医疗保险费率未配置"));
	ck_assert_uint_eq(l.nlines, 0);
	ck_assert_int_eq(l.total.amount_fen, 0);
	tl_sql("UPDATE units SET ins_types = '养老,医疗,失业,工伤,生育' "
	    "WHERE name = '甲公司'");
	ck_assert_int_eq(levy_person(db.s, unit, person, m, 1, &on, &l), 0);
	ck_assert_uint_eq(l.nlines, 8);
	ck_assert_int_eq(l.by[LEVY_UNEMPLOYMENT][LEVY_UNIT].amount_fen, 2500);
	ck_assert_int_eq(l.by[LEVY_UNEMPLOYMENT][LEVY_PERSON].amount_fen,
	    2500);
	levy_free(&l);
	tl_sql("INSERT INTO policy (region, key, valid_from, value, note) "
	    "VALUES ('990000', 'rate.maternity.unit_bp', '2020-01-01', '0', "
	    "'test: 生育并入医疗')");
	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit, person, m, 1, &on, &l), 0);
	ck_assert_uint_eq(l.nlines, 7);
	ck_assert_int_eq(l.by[LEVY_MATERNITY][LEVY_UNIT].amount_fen, 0);
	levy_free(&l);
}
END_TEST

/* Absurd policy values are refused (logged, -1), not computed: a rate
 * above 100%, a 滞纳金 rate above 100% a day; and a base so large that
 * base × rate overflows is an error, not a wrapped amount. */
START_TEST(levy_bad_absurd_values)
{
	const char	*m[] = { "2026-09" };
	struct hdate	 on = { 2026, 12, 2 };
	struct levy	 l;
	char		 q[256];

	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit, person, m, 1, &on, &l), 0);
	levy_free(&l);
	tl_sql("INSERT INTO policy (region, key, valid_from, value, note) "
	    "SELECT region, 'rate.pension.unit_bp', '2026-01-01', '10001', "
	    "'test: 100.01%' FROM units WHERE name = '甲公司'");
	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit, person, m, 1, &on, &l), -1);
	ck_assert_int_eq(l.total.amount_fen, 0);
	levy_free(&l);
	tl_sql("DELETE FROM policy WHERE note = 'test: 100.01%'");
	tl_sql("INSERT INTO policy (region, key, valid_from, value, note) "
	    "SELECT region, 'levy.late_bp_per_day', '2026-01-01', '99999999', "
	    "'test: late' FROM units WHERE name = '甲公司'");
	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit, person, m, 1, &on, &l), -1);
	levy_free(&l);
	tl_sql("DELETE FROM policy WHERE note = 'test: late'");
	/* A base of 10^16 fen × 16%: beyond int64. */
	snprintf(q, sizeof(q), "UPDATE insurance SET base_fen = %lld, "
	    "wage_fen = %lld WHERE person_id = %lld", 10000000000000000LL,
	    10000000000000000LL, (long long)person);
	tl_sql(q);
	tl_sql("DELETE FROM wage_bases");
	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit, person, m, 1, &on, &l), -1);
	ck_assert_int_eq(l.total.amount_fen, 0);
	levy_free(&l);
}
END_TEST

/* No due day or no 滞纳金 rate: refused, named. */
START_TEST(levy_bad_no_due_policy)
{
	const char	*m[] = { "2026-09" };
	struct hdate	 on = { 2026, 12, 2 };
	struct levy	 l;

	tl_sql("DELETE FROM policy WHERE key = 'levy.late_bp_per_day'");
	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit, person, m, 1, &on, &l),
	    LEVY_NOPOLICY);
	ck_assert_ptr_nonnull(strstr(l.msg, "滞纳金标准未配置"));
	tl_sql("DELETE FROM policy WHERE key = 'levy.due_day'");
	tl_sql("INSERT INTO policy (region, key, valid_from, value, note) "
	    "VALUES ('*', 'levy.late_bp_per_day', '2011-07-01', '5', 't')");
	ck_assert_int_eq(levy_person(db.s, unit, person, m, 1, &on, &l),
	    LEVY_NOPOLICY);
	ck_assert_ptr_nonnull(strstr(l.msg, "2026年09月缴费期限未配置"));
	levy_free(&l);
}
END_TEST

/* No 参保 at the unit, or a month without a base: LEVY_NOBASE; a
 * refused person leaves the totals as they were; a bad month is an
 * error. */
START_TEST(levy_bad_keeps_totals)
{
	const char	*good[] = { "2026-09" }, *bad[] = { "2026-13" },
			*both[] = { "2026-09", "2026-10" };
	struct hdate	 on = { 2026, 12, 2 };
	struct levy	 l;
	int64_t		 amount;

	levy_init(&l);
	ck_assert_int_eq(levy_person(db.s, unit, person, good, 1, &on, &l),
	    0);
	amount = l.total.amount_fen;
	ck_assert_int_eq(amount, 181700);
	ck_assert_int_eq(levy_person(db.s, unit19, person, good, 1, &on, &l),
	    LEVY_NOBASE);
	ck_assert_ptr_nonnull(strstr(l.msg, "无参保记录"));
	ck_assert_int_eq(levy_person(db.s, unit, person, bad, 1, &on, &l), -1);
	/* A base of 0 in 2026-10 (the first month is kept out too). */
	tl_sql("UPDATE wage_bases SET base_fen = 0");
	ck_assert_int_eq(levy_person(db.s, unit, person, both, 2, &on, &l),
	    LEVY_NOBASE);
	ck_assert_ptr_nonnull(strstr(l.msg, "2026年10月缴费基数未核定"));
	ck_assert_int_eq(l.total.amount_fen, amount);
	ck_assert_uint_eq(l.nlines, 9);
	ck_assert_uint_eq(l.months, 1);
	ck_assert_uint_eq(l.persons, 1);
	levy_free(&l);
}
END_TEST

/* A unit's totals without lines (全部清欠 of many persons), and
 * levy_add of one person's computation into them. */
START_TEST(levy_totals_only)
{
	const char	*months[] = { "2026-09", "2026-10" };
	struct hdate	 on = { 2026, 12, 2 };
	struct levy_unit u;
	struct levy	 all, one;
	int		 i;

	levy_init(&all);
	all.keep_lines = 0;
	ck_assert_int_eq(levy_unit_load(db.s, unit, &u), 0);
	ck_assert_int_eq(u.industry_permille, 5);
	ck_assert_str_eq(u.region, "420100");
	for (i = 0; i < 50; i++)
		ck_assert_int_eq(levy_compute(db.s, &u, ins, months, 2, &on,
		    &all), 0);
	ck_assert_ptr_null(all.lines);
	ck_assert_int_eq(all.total.amount_fen, 50 * (181700 + 222369));
	ck_assert_int_eq(all.total.late_fen, 50 * (7088 + 5337));
	ck_assert_uint_eq(all.persons, 50);
	ck_assert_uint_eq(all.months, 100);
	/* The rates of the two months were loaded once each. */
	ck_assert_uint_eq(u.ncache, 2);
	levy_init(&one);
	ck_assert_int_eq(levy_compute(db.s, &u, ins, months, 2, &on, &one),
	    0);
	levy_add(&all, &one);
	ck_assert_int_eq(all.total.amount_fen, 51 * (181700 + 222369));
	ck_assert_int_eq(all.by[LEVY_PENSION][LEVY_UNIT].amount_fen,
	    51 * 177975);
	ck_assert_uint_eq(all.persons, 51);
	levy_free(&one);
	levy_free(&all);
	ck_assert_int_eq(levy_unit_load(db.s, 999999, &u), 1);
}
END_TEST

/* The suite. */
static Suite *
levy_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("levy");
	tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, levy_table1_base_change);
	tcase_add_test(tc, levy_table2_rate_change);
	tcase_add_test(tc, levy_injury_clamped);
	tcase_add_test(tc, levy_leap_day);
	tcase_add_test(tc, levy_not_yet_due);
	tcase_add_test(tc, levy_late_rate_by_day);
	tcase_add_test(tc, levy_rounding_and_dates);
	tcase_add_test(tc, levy_types);
	tcase_add_test(tc, levy_bad_region_rate);
	tcase_add_test(tc, levy_bad_no_due_policy);
	tcase_add_test(tc, levy_bad_absurd_values);
	tcase_add_test(tc, levy_bad_keeps_totals);
	tcase_add_test(tc, levy_totals_only);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(levy_suite)
