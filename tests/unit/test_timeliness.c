/*
 * test_timeliness.c: lib/timeliness.c against hand-counted fixtures:
 * 离职及时率 at month and year boundaries and across the 国庆 holidays
 * (calendar days, never extended), 用工备案 within 30 days, a policy
 * row that shortens the deadline from a date, a 减员's announced
 * departure swept late once and re-dated by its 退工, a registration
 * repeated or edited after 回退, a cancelled task giving its rows back,
 * the ranking of units by a year and by a month, the 预警 list paged
 * by due date, and the counters never drifting from the rows.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "policy.h"
#include "store.h"
#include "timeliness.h"
#include "valid.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit, unit2, unit3;

/* Opens a store with three units and the national policy. */
static void
setup(void)
{
	th_db_open(&db);
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	unit = th_unit(db.s, "甲公司", 0);
	unit2 = th_unit(db.s, "乙公司", 0);
	unit3 = th_unit(db.s, "丙公司", 0);
}

/* Closes it. */
static void
teardown(void)
{
	th_db_close(&db);
}

/* The date "YYYY-MM-DD" s. */
static struct hdate
tt_day(const char *s)
{
	struct hdate	 d;

	ck_assert_int_eq(valid_date(s, &d), VALID_OK);
	return d;
}

/* Registers a 退工 (or 用工备案) of idno dated ref, submitted on day
 * done by task, at unit u; asserts success. */
static void
tt_reg(int64_t u, enum tl_kind k, const char *idno, const char *ref,
    const char *done, int64_t task)
{
	struct hdate	 d = tt_day(done);

	ck_assert_int_eq(timeliness_register(db.s, u, k, idno, 0, "某人", ref,
	    &d, task), 0);
}

/* The figures of unit u, kind k, month or year period. */
static struct tl_figures
tt_fig(int64_t u, enum tl_kind k, const char *period)
{
	struct tl_figures	 f;

	ck_assert_int_eq(timeliness_period(db.s, u, k, period, &f), 0);
	return f;
}

/* Asserts the figures of a period. */
#define TT_FIG(u, k, period, on, lt, pend, rt) do {			\
	struct tl_figures f_ = tt_fig((u), (k), (period));		\
	ck_assert_int_eq(f_.on_time, (on));				\
	ck_assert_int_eq(f_.late, (lt));				\
	ck_assert_int_eq(f_.pending, (pend));				\
	ck_assert_int_eq(f_.rate, (rt));				\
} while (0)

/* The counters equal a recount of the rows (they cannot drift). */
static void
tt_no_drift(void)
{
	ck_assert_int_eq(th_count(db.s,
	    "SELECT COUNT(*) FROM (SELECT unit_id, kind, "
	    "substr(ref_date, 1, 7) AS m, "
	    "SUM(done_on IS NOT NULL AND late = 0) AS o, SUM(late) AS l, "
	    "SUM(done_on IS NULL AND late = 0) AS p FROM timeliness_items "
	    "GROUP BY 1, 2, 3) r FULL JOIN (SELECT * FROM timeliness_months "
	    "WHERE on_time + late + pending > 0) c ON c.unit_id = r.unit_id "
	    "AND c.kind = r.kind AND c.month = r.m WHERE c.unit_id IS NULL "
	    "OR r.unit_id IS NULL OR c.on_time <> r.o OR c.late <> r.l OR "
	    "c.pending <> r.p"), 0);
}

/*
 * 退工 within 15 calendar days of the 退工日期 (hand-counted):
 *   A 2026-01-31, submitted 2026-02-15: due 02-15, on time  (2026-01)
 *   B 2026-01-31, submitted 2026-02-16: late               (2026-01)
 *   C 2026-02-01, submitted 2026-02-16: due 02-16, on time  (2026-02)
 *   D 2026-09-20, due 2026-10-05 inside 国庆 (10-01..10-08), submitted
 *     2026-10-08, the last holiday: late, holidays do not extend it
 *   E 2026-12-31, submitted 2027-01-15: due 01-15, on time  (2026-12)
 *   F 2026-12-31, submitted 2027-01-16: late                (2026-12)
 * 2026-01: 1 on time, 1 late, 500‰; 2026-02: 1, 0, 1000‰; 2026-09:
 * 0, 1, 0‰; 2026-12: 1, 1, 500‰; 2026: 3 on time, 3 late, 500‰;
 * 2027: nothing.
 */
START_TEST(timeliness_month_boundaries)
{
	struct tl_figures	 m[12], sum;
	int			 i;

	tt_reg(unit, TL_TUIGONG, "A", "2026-01-31", "2026-02-15", 11);
	tt_reg(unit, TL_TUIGONG, "B", "2026-01-31", "2026-02-16", 12);
	tt_reg(unit, TL_TUIGONG, "C", "2026-02-01", "2026-02-16", 13);
	tt_reg(unit, TL_TUIGONG, "D", "2026-09-20", "2026-10-08", 14);
	tt_reg(unit, TL_TUIGONG, "E", "2026-12-31", "2027-01-15", 15);
	tt_reg(unit, TL_TUIGONG, "F", "2026-12-31", "2027-01-16", 16);
	/* The deadline does not move for the holidays. */
	ck_assert_int_eq(workday_is(db.s, &(struct hdate){ 2026, 10, 5 }), 0);
	TT_FIG(unit, TL_TUIGONG, "2026-01", 1, 1, 0, 500);
	TT_FIG(unit, TL_TUIGONG, "2026-02", 1, 0, 0, 1000);
	TT_FIG(unit, TL_TUIGONG, "2026-09", 0, 1, 0, 0);
	TT_FIG(unit, TL_TUIGONG, "2026-12", 1, 1, 0, 500);
	TT_FIG(unit, TL_TUIGONG, "2026", 3, 3, 0, 500);
	TT_FIG(unit, TL_TUIGONG, "2027", 0, 0, 0, -1);
	TT_FIG(unit, TL_YONGGONG, "2026", 0, 0, 0, -1);
	/* The other unit sees none of it. */
	TT_FIG(unit2, TL_TUIGONG, "2026", 0, 0, 0, -1);
	/* Twelve months ending 2026-12, oldest first. */
	ck_assert_int_eq(timeliness_months(db.s, unit, TL_TUIGONG, "2026-12",
	    12, m), 0);
	ck_assert_str_eq(m[0].period, "2026-01");
	ck_assert_str_eq(m[11].period, "2026-12");
	ck_assert_int_eq(m[0].rate, 500);
	ck_assert_int_eq(m[1].rate, 1000);
	for (i = 2; i < 8; i++) {
		ck_assert_int_eq(m[i].on_time + m[i].late, 0);
		ck_assert_int_eq(m[i].rate, -1);
	}
	ck_assert_int_eq(m[8].late, 1);
	ck_assert_int_eq(m[8].rate, 0);
	ck_assert_int_eq(m[11].on_time, 1);
	/* A range across the year: 2026-09..2027-02 holds D, E, F. */
	ck_assert_int_eq(timeliness_range(db.s, unit, TL_TUIGONG, "2026-09",
	    "2027-02", &sum), 0);
	ck_assert_int_eq(sum.on_time, 1);
	ck_assert_int_eq(sum.late, 2);
	ck_assert_int_eq(sum.rate, 333);
	/* Bad ranges and months. */
	ck_assert_int_eq(timeliness_range(db.s, unit, TL_TUIGONG, "2027-02",
	    "2026-09", &sum), 1);
	ck_assert_int_eq(timeliness_months(db.s, unit, TL_TUIGONG, "2026-13",
	    12, m), 1);
	ck_assert_int_eq(timeliness_months(db.s, unit, TL_TUIGONG, "2026-12",
	    0, m), 1);
	ck_assert_int_eq(timeliness_period(db.s, unit, TL_TUIGONG, "26",
	    &sum), 1);
	ck_assert_int_eq(timeliness_register(db.s, unit, TL_TUIGONG, "G",
	    0, "", "2026-02-30", &(struct hdate){ 2026, 3, 1 }, 17), 1);
	tt_no_drift();
}
END_TEST

/*
 * 用工备案 within 30 days of 用工之日: 2026-01-31 + 30 = 2026-03-02.
 *   H submitted 2026-03-02: on time; I submitted 2026-03-03: late.
 * And a policy row of the region shortening 退工 to 10 days from
 * 2027-01-01: J 2027-01-05 submitted 2027-01-16 is late (due 01-15),
 * K 2026-12-20 submitted 2027-01-04 on time (due 2027-01-04 under the
 * 15 days in force on its 退工日期).
 */
START_TEST(timeliness_yonggong_and_policy)
{
	struct store_stmt	*st;

	tt_reg(unit, TL_YONGGONG, "H", "2026-01-31", "2026-03-02", 21);
	tt_reg(unit, TL_YONGGONG, "I", "2026-01-31", "2026-03-03", 21);
	TT_FIG(unit, TL_YONGGONG, "2026-01", 1, 1, 0, 500);
	TT_FIG(unit, TL_TUIGONG, "2026-01", 0, 0, 0, -1);
	st = store_stmt(db.s, "INSERT INTO policy (region, key, valid_from, "
	    "value) VALUES ('420100', 'tuigong.deadline_days', '2027-01-01', "
	    "'10')");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
	tt_reg(unit, TL_TUIGONG, "J", "2027-01-05", "2027-01-16", 22);
	tt_reg(unit, TL_TUIGONG, "K", "2026-12-20", "2027-01-04", 23);
	TT_FIG(unit, TL_TUIGONG, "2027-01", 0, 1, 0, 0);
	TT_FIG(unit, TL_TUIGONG, "2026-12", 1, 0, 0, 1000);
	tt_no_drift();
}
END_TEST

/* Counts the open items a page hands over and keeps the last. */
struct tt_open {
	int		 n;
	char		 names[8][19];
	struct tl_item	 last;
};

/* timeliness_open callback. */
static void
tt_open_fn(void *arg, const struct tl_item *it)
{
	struct tt_open	*o = arg;

	if (o->n < 8)
		snprintf(o->names[o->n], sizeof(o->names[0]), "%s", it->idno);
	o->n++;
	o->last = *it;
}

/*
 * A 减员 (task 31) announces L, 变更日期 2026-03-01 (due 03-16), on
 * 2026-03-10: pending.  Swept on 03-16 nothing changes; on 03-17 it is
 * late, once (a second sweep marks nothing).  Its 退工 (task 32) dated
 * 2026-02-28 submitted 2026-03-20 re-dates it: late in 2026-02, none
 * left in 2026-03.  M's 退工 (2026-04-01, submitted 04-10) is on file,
 * so a 减员 of M dated 2026-04-30 announces nothing.  N announced
 * 2026-01-01 on 2026-03-10 is late at once.
 */
START_TEST(timeliness_announced_and_swept)
{
	struct hdate	 d;
	struct tt_open	 o;
	int64_t		 n;

	d = tt_day("2026-03-10");
	ck_assert_int_eq(timeliness_expect(db.s, unit, "L", 5, "李", "2026-03-01",
	    31, &d), 0);
	TT_FIG(unit, TL_TUIGONG, "2026-03", 0, 0, 1, -1);
	d = tt_day("2026-03-16");
	ck_assert_int_eq(timeliness_sweep(db.s, unit, &d, 100), 0);
	TT_FIG(unit, TL_TUIGONG, "2026-03", 0, 0, 1, -1);
	d = tt_day("2026-03-17");
	ck_assert_int_eq(timeliness_sweep(db.s, unit2, &d, 100), 0);
	ck_assert_int_eq(timeliness_sweep(db.s, unit, &d, 100), 1);
	ck_assert_int_eq(timeliness_sweep(db.s, 0, &d, 100), 0);
	TT_FIG(unit, TL_TUIGONG, "2026-03", 0, 1, 0, 0);
	/* Still open, so on the 预警 list: due 03-16. */
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(timeliness_open(db.s, unit, TL_TUIGONG, "2026-03-22",
	    NULL, 0, 10, tt_open_fn, &o), 1);
	ck_assert_str_eq(o.last.due_date, "2026-03-16");
	ck_assert_int_eq(o.last.late, 1);
	ck_assert_int_eq(o.last.source_task_id, 31);
	ck_assert_str_eq(o.last.name, "李");
	/* Its 退工 re-dates and registers it. */
	tt_reg(unit, TL_TUIGONG, "L", "2026-02-28", "2026-03-20", 32);
	TT_FIG(unit, TL_TUIGONG, "2026-03", 0, 0, 0, -1);
	TT_FIG(unit, TL_TUIGONG, "2026-02", 0, 1, 0, 0);
	ck_assert_int_eq(timeliness_open_count(db.s, unit, TL_TUIGONG,
	    "2026-12-31", &n), 0);
	ck_assert_int_eq(n, 0);
	/* A 退工 on file near the 减员's date: nothing announced. */
	tt_reg(unit, TL_TUIGONG, "M", "2026-04-01", "2026-04-10", 33);
	d = tt_day("2026-05-02");
	ck_assert_int_eq(timeliness_expect(db.s, unit, "M", 0, "", "2026-04-30",
	    34, &d), 1);
	TT_FIG(unit, TL_TUIGONG, "2026-04", 1, 0, 0, 1000);
	/* Announced after its due date: late at once. */
	d = tt_day("2026-03-10");
	ck_assert_int_eq(timeliness_expect(db.s, unit, "N", 0, "", "2026-01-01",
	    35, &d), 0);
	TT_FIG(unit, TL_TUIGONG, "2026-01", 0, 1, 0, 0);
	tt_no_drift();
}
END_TEST

/*
 * Repeats and edits: task 41 registers P 2026-05-01 on 05-10 twice
 * (counted once); after a 回退 its row says 2026-05-03: the same row,
 * re-dated.  Task 42 of Q (announced by 减员 43, then registered) is
 * cancelled: Q's row opens again (late: due 2026-05-16, today 06-01),
 * P's own row (task 41) cancelled is gone.
 */
START_TEST(timeliness_repeat_edit_cancel)
{
	struct hdate	 d;

	tt_reg(unit, TL_TUIGONG, "P", "2026-05-01", "2026-05-10", 41);
	tt_reg(unit, TL_TUIGONG, "P", "2026-05-01", "2026-05-10", 41);
	TT_FIG(unit, TL_TUIGONG, "2026-05", 1, 0, 0, 1000);
	tt_reg(unit, TL_TUIGONG, "P", "2026-05-03", "2026-05-10", 41);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM "
	    "timeliness_items WHERE idno = 'P'"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM "
	    "timeliness_items WHERE idno = 'P' AND ref_date = '2026-05-03'"),
	    1);
	TT_FIG(unit, TL_TUIGONG, "2026-05", 1, 0, 0, 1000);
	/* Another task of P for the same date keeps the first. */
	tt_reg(unit, TL_TUIGONG, "P", "2026-05-03", "2026-06-30", 44);
	TT_FIG(unit, TL_TUIGONG, "2026-05", 1, 0, 0, 1000);
	d = tt_day("2026-05-02");
	ck_assert_int_eq(timeliness_expect(db.s, unit, "Q", 0, "", "2026-05-01",
	    43, &d), 0);
	tt_reg(unit, TL_TUIGONG, "Q", "2026-05-01", "2026-05-12", 42);
	TT_FIG(unit, TL_TUIGONG, "2026-05", 2, 0, 0, 1000);
	d = tt_day("2026-06-01");
	ck_assert_int_eq(timeliness_unregister(db.s, 42, NULL, &d), 1);
	TT_FIG(unit, TL_TUIGONG, "2026-05", 1, 1, 0, 500);
	ck_assert_int_eq(timeliness_unregister(db.s, 41, "P", &d), 1);
	TT_FIG(unit, TL_TUIGONG, "2026-05", 0, 1, 0, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM "
	    "timeliness_items WHERE idno = 'P'"), 0);
	tt_no_drift();
}
END_TEST

/* Collects a ranking. */
struct tt_rank {
	int		 n;
	int64_t		 units[8];
	int		 rates[8];
};

/* timeliness_rank callback. */
static void
tt_rank_fn(void *arg, int64_t unit_id, const struct tl_figures *f)
{
	struct tt_rank	*r = arg;

	if (r->n < 8) {
		r->units[r->n] = unit_id;
		r->rates[r->n] = f->rate;
	}
	r->n++;
}

/*
 * Ranking of 2026: unit 2 of 3, 1 late (666‰), unit2 1 of 1 (1000‰),
 * unit3 0 of 1 (0‰); a unit with only a pending row is not ranked.
 * Worst first: unit3, unit, unit2; best first the other way; offset 1
 * limit 1 is unit.  By month 2026-02: unit (1 of 1) and unit3 (0 of
 * 1) only.
 */
START_TEST(timeliness_ranking)
{
	struct tt_rank	 r;
	struct hdate	 d;
	int64_t		 n, unit4;

	tt_reg(unit, TL_TUIGONG, "A", "2026-01-10", "2026-01-20", 51);
	tt_reg(unit, TL_TUIGONG, "B", "2026-02-10", "2026-02-20", 52);
	tt_reg(unit, TL_TUIGONG, "C", "2026-03-10", "2026-04-20", 53);
	tt_reg(unit2, TL_TUIGONG, "D", "2026-05-10", "2026-05-11", 54);
	tt_reg(unit3, TL_TUIGONG, "E", "2026-02-01", "2026-03-01", 55);
	unit4 = th_unit(db.s, "丁公司", 0);
	d = tt_day("2026-02-02");
	ck_assert_int_eq(timeliness_expect(db.s, unit4, "F", 0, "", "2026-02-01",
	    56, &d), 0);
	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(timeliness_rank(db.s, TL_TUIGONG, "2026", 1, 0, 10,
	    tt_rank_fn, &r), 3);
	ck_assert_int_eq(r.units[0], unit3);
	ck_assert_int_eq(r.rates[0], 0);
	ck_assert_int_eq(r.units[1], unit);
	ck_assert_int_eq(r.rates[1], 666);
	ck_assert_int_eq(r.units[2], unit2);
	ck_assert_int_eq(r.rates[2], 1000);
	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(timeliness_rank(db.s, TL_TUIGONG, "2026", 0, 0, 10,
	    tt_rank_fn, &r), 3);
	ck_assert_int_eq(r.units[0], unit2);
	ck_assert_int_eq(r.units[2], unit3);
	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(timeliness_rank(db.s, TL_TUIGONG, "2026", 1, 1, 1,
	    tt_rank_fn, &r), 1);
	ck_assert_int_eq(r.units[0], unit);
	ck_assert_int_eq(timeliness_rank_count(db.s, TL_TUIGONG, "2026", &n),
	    0);
	ck_assert_int_eq(n, 3);
	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(timeliness_rank(db.s, TL_TUIGONG, "2026-02", 1, 0, 10,
	    tt_rank_fn, &r), 2);
	ck_assert_int_eq(r.units[0], unit3);
	ck_assert_int_eq(r.units[1], unit);
	ck_assert_int_eq(timeliness_rank(db.s, TL_TUIGONG, "20xx", 1, 0, 10,
	    tt_rank_fn, &r), -1);
	ck_assert_int_eq(timeliness_rank(db.s, TL_TUIGONG, "2026", 1, 0, 0,
	    tt_rank_fn, &r), -1);
	tt_no_drift();
}
END_TEST

/*
 * The 预警 list: five announced departures due 2026-07-16 .. 07-20
 * (ref 07-01 .. 07-05), pages of two by (due, id) up to 07-19: R1 R2,
 * R3 R4, then none; the count up to 07-19 is 4.  A registered one
 * leaves the list.
 */
START_TEST(timeliness_open_pages)
{
	static const char *const ids[5] = { "R1", "R2", "R3", "R4", "R5" };
	char		 ref[11], after[11];
	struct hdate	 d = tt_day("2026-07-06");
	struct tt_open	 o;
	int64_t		 n, after_id;
	int		 i;

	for (i = 0; i < 5; i++) {
		snprintf(ref, sizeof(ref), "2026-07-%02d", i + 1);
		ck_assert_int_eq(timeliness_expect(db.s, unit, ids[i], 0, "",
		    ref, 60, &d), 0);
	}
	ck_assert_int_eq(timeliness_open_count(db.s, unit, TL_TUIGONG,
	    "2026-07-19", &n), 0);
	ck_assert_int_eq(n, 4);
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(timeliness_open(db.s, unit, TL_TUIGONG, "2026-07-19",
	    "", 0, 2, tt_open_fn, &o), 2);
	ck_assert_str_eq(o.names[0], "R1");
	ck_assert_str_eq(o.names[1], "R2");
	snprintf(after, sizeof(after), "%s", o.last.due_date);
	after_id = o.last.id;
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(timeliness_open(db.s, unit, TL_TUIGONG, "2026-07-19",
	    after, after_id, 2, tt_open_fn, &o), 2);
	ck_assert_str_eq(o.names[0], "R3");
	ck_assert_str_eq(o.names[1], "R4");
	snprintf(after, sizeof(after), "%s", o.last.due_date);
	after_id = o.last.id;
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(timeliness_open(db.s, unit, TL_TUIGONG, "2026-07-19",
	    after, after_id, 2, tt_open_fn, &o), 0);
	tt_reg(unit, TL_TUIGONG, "R1", "2026-07-01", "2026-07-08", 61);
	ck_assert_int_eq(timeliness_open_count(db.s, unit, TL_TUIGONG,
	    "2026-07-19", &n), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(timeliness_open_count(db.s, unit2, TL_TUIGONG,
	    "2026-07-19", &n), 0);
	ck_assert_int_eq(n, 0);
	tt_no_drift();
}
END_TEST

/* The suite. */
static Suite *
timeliness_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("timeliness");
	tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, timeliness_month_boundaries);
	tcase_add_test(tc, timeliness_yonggong_and_policy);
	tcase_add_test(tc, timeliness_announced_and_swept);
	tcase_add_test(tc, timeliness_repeat_edit_cancel);
	tcase_add_test(tc, timeliness_ranking);
	tcase_add_test(tc, timeliness_open_pages);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(timeliness_suite)
