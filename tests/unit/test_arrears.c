/*
 * test_arrears.c: table arrears through lib/arrears.c: a unit's owing
 * persons paged and counted, a person's owing months and sum, owing
 * elsewhere, reserve (conflicts, one month), release, settle (who,
 * when, how), a task's rows walked in keyset pages.  The plans of
 * these statements are checked by make test-plans (the SQL log).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arrears.h"
#include "store.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit, other, p[4], task1, task2;

/* Inserts a task of unit u; returns its id. */
static int64_t
ta_task(int64_t u, const char *seq)
{
	struct store_stmt	*st;

	st = store_stmt(db.s, "INSERT INTO tasks (seq_no, business, "
	    "unit_id, state, created_at, updated_at) VALUES (?1, 'bujiao', "
	    "?2, '未提交', 1, 1)");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_text(st, 1, seq), 0);
	ck_assert_int_eq(store_bind_int(st, 2, u), 0);
	ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
	return store_last_id(db.s);
}

/*
 * The world: at unit, p0 owes 2026-09 (100.00) and 2026-10 (200.00),
 * p1 owes 2026-11 (50.00), p2 owes nothing (a settled 2025-01), p3
 * owes 2026-08 (10.00); p0 also owes 2026-10 at other.
 */
static void
setup(void)
{
	static const char *const idno[4] = {
		"420102199003071111", "420102199003072222",
		"420103199003073333", "420102199003074444"
	};
	static const char *const name[4] = { "甲", "乙", "丙", "丁" };
	int	 i;

	th_db_open(&db);
	unit = th_unit(db.s, "甲公司", 0);
	other = th_unit(db.s, "乙公司", 0);
	for (i = 0; i < 4; i++)
		p[i] = th_person(db.s, idno[i], name[i], "男", "1990-03-07");
	ck_assert_int_eq(arrears_add(db.s, unit, p[0], "2026-10", 20000), 0);
	ck_assert_int_eq(arrears_add(db.s, unit, p[0], "2026-09", 10000), 0);
	ck_assert_int_eq(arrears_add(db.s, unit, p[1], "2026-11", 5000), 0);
	ck_assert_int_eq(arrears_add(db.s, unit, p[2], "2025-01", 7000), 0);
	ck_assert_int_eq(store_exec_sql(db.s, "UPDATE arrears SET settled = 1 "
	    "WHERE month = '2025-01'"), 0);
	ck_assert_int_eq(arrears_add(db.s, unit, p[3], "2026-08", 1000), 0);
	ck_assert_int_eq(arrears_add(db.s, other, p[0], "2026-10", 3000), 0);
	task1 = ta_task(unit, "T1");
	task2 = ta_task(unit, "T2");
}

/* Closes it. */
static void
teardown(void)
{
	th_db_close(&db);
}

/* Collected persons of a walk. */
struct ta_persons {
	struct arrears_sum	 p[8];
	int			 n;
	int			 stop_at;	/* stop after this many, 0 never */
};

/* Keeps a person. */
static int
ta_person(void *arg, const struct arrears_sum *s)
{
	struct ta_persons	*c = arg;

	ck_assert_int_lt(c->n, 8);
	c->p[c->n++] = *s;
	return c->stop_at != 0 && c->n >= c->stop_at ? 7 : 0;
}

/* Collected months of a walk. */
struct ta_months {
	struct arrears_month	 m[16];
	int			 n;
};

/* Keeps a month. */
static int
ta_month(void *arg, const struct arrears_month *m)
{
	struct ta_months	*c = arg;

	ck_assert_int_lt(c->n, 16);
	c->m[c->n++] = *m;
	return 0;
}

START_TEST(arrears_unit_list)
{
	struct ta_persons	 c;
	int64_t			 persons, months, amount;

	ck_assert_int_eq(arrears_unit_count(db.s, unit, &persons, &months,
	    &amount), 0);
	ck_assert_int_eq(persons, 3);
	ck_assert_int_eq(months, 4);
	ck_assert_int_eq(amount, 36000);
	ck_assert_int_eq(arrears_unit_count(db.s, other, &persons, NULL,
	    NULL), 0);
	ck_assert_int_eq(persons, 1);
	/* All, in person order, with months, first..last and sum. */
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(arrears_unit_persons(db.s, unit, NULL, 0, 50,
	    ta_person, &c), 0);
	ck_assert_int_eq(c.n, 3);
	ck_assert_int_eq(c.p[0].person_id, p[0]);
	ck_assert_str_eq(c.p[0].idno, "420102199003071111");
	ck_assert_str_eq(c.p[0].name, "甲");
	ck_assert_int_eq(c.p[0].months, 2);
	ck_assert_int_eq(c.p[0].amount_fen, 30000);
	ck_assert_str_eq(c.p[0].first, "2026-09");
	ck_assert_str_eq(c.p[0].last, "2026-10");
	ck_assert_int_eq(c.p[1].person_id, p[1]);
	ck_assert_int_eq(c.p[2].person_id, p[3]);
	/* Pages: offset 1, 1 a page. */
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(arrears_unit_persons(db.s, unit, "", 1, 1,
	    ta_person, &c), 0);
	ck_assert_int_eq(c.n, 1);
	ck_assert_int_eq(c.p[0].person_id, p[1]);
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(arrears_unit_persons(db.s, unit, NULL, 3, 50,
	    ta_person, &c), 0);
	ck_assert_int_eq(c.n, 0);
	/* A 身份证号 prefix; p2 (420103…) owes nothing, so none. */
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(arrears_unit_persons(db.s, unit, "4201021990030722",
	    0, 50, ta_person, &c), 0);
	ck_assert_int_eq(c.n, 1);
	ck_assert_int_eq(c.p[0].person_id, p[1]);
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(arrears_unit_persons(db.s, unit, "420103", 0, 50,
	    ta_person, &c), 0);
	ck_assert_int_eq(c.n, 0);
	/* The callback stops the walk with its value. */
	memset(&c, 0, sizeof(c));
	c.stop_at = 1;
	ck_assert_int_eq(arrears_unit_persons(db.s, unit, NULL, 0, 50,
	    ta_person, &c), 7);
	ck_assert_int_eq(c.n, 1);
	/* Bounds. */
	ck_assert_int_eq(arrears_unit_persons(db.s, unit, NULL, 0, 0,
	    ta_person, &c), -1);
	ck_assert_int_eq(arrears_unit_persons(db.s, unit, NULL, 0, 1001,
	    ta_person, &c), -1);
	ck_assert_int_eq(arrears_unit_persons(db.s, unit, NULL, -1, 5,
	    ta_person, &c), -1);
}
END_TEST

START_TEST(arrears_one_person)
{
	struct arrears_sum	 s;
	struct ta_months	 c;

	ck_assert_int_eq(arrears_person_sum(db.s, unit, p[0], &s), 0);
	ck_assert_int_eq(s.months, 2);
	ck_assert_int_eq(s.amount_fen, 30000);
	ck_assert_str_eq(s.first, "2026-09");
	ck_assert_str_eq(s.last, "2026-10");
	ck_assert_int_eq(s.reserved, 0);
	ck_assert_int_eq(s.task_id, 0);
	/* Owes nothing here: months 0, but named. */
	ck_assert_int_eq(arrears_person_sum(db.s, unit, p[2], &s), 0);
	ck_assert_int_eq(s.months, 0);
	ck_assert_int_eq(s.amount_fen, 0);
	ck_assert_str_eq(s.name, "丙");
	ck_assert_str_eq(s.first, "");
	/* No such person. */
	ck_assert_int_eq(arrears_person_sum(db.s, unit, 99999, &s), 0);
	ck_assert_int_eq(s.months, 0);
	ck_assert_str_eq(s.idno, "");
	/* Months, oldest first, limited. */
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(arrears_person_months(db.s, unit, p[0], 10,
	    ta_month, &c), 0);
	ck_assert_int_eq(c.n, 2);
	ck_assert_str_eq(c.m[0].month, "2026-09");
	ck_assert_int_eq(c.m[0].amount_fen, 10000);
	ck_assert_int_eq(c.m[0].unit_id, unit);
	ck_assert_str_eq(c.m[1].month, "2026-10");
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(arrears_person_months(db.s, unit, p[0], 1,
	    ta_month, &c), 0);
	ck_assert_int_eq(c.n, 1);
	/* Elsewhere: p0 owes at other; p1 only here. */
	ck_assert_int_eq(arrears_elsewhere(db.s, p[0], unit), 1);
	ck_assert_int_eq(arrears_elsewhere(db.s, p[0], other), 1);
	ck_assert_int_eq(arrears_elsewhere(db.s, p[1], unit), 0);
	ck_assert_int_eq(arrears_elsewhere(db.s, p[2], other), 0);
	/* A month owing already is not added twice; a settled one is. */
	ck_assert_int_eq(arrears_add(db.s, unit, p[0], "2026-09", 1), 1);
	ck_assert_int_eq(arrears_add(db.s, unit, p[2], "2025-01", 7000), 0);
	ck_assert_int_eq(arrears_add(db.s, unit, p[2], "2025-1", 7000), -1);
	ck_assert_int_eq(arrears_add(db.s, unit, p[2], "2025-02", -1), -1);
}
END_TEST

START_TEST(arrears_reserve_release_settle)
{
	struct arrears_sum	 s;
	int64_t			 n, persons, months, amount, settled;

	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(arrears_reserve(db.s, unit, p[0], NULL, task1, &n),
	    0);
	ck_assert_int_eq(n, 2);
	/* Only this unit's rows: other's 2026-10 stays free. */
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM arrears WHERE "
	    "task_id IS NOT NULL"), 2);
	/* Again by the same task: still 2, nothing new. */
	ck_assert_int_eq(arrears_reserve(db.s, unit, p[0], NULL, task1, &n),
	    0);
	ck_assert_int_eq(n, 2);
	/* Another task: refused, nothing changed. */
	ck_assert_int_eq(arrears_reserve(db.s, unit, p[0], NULL, task2, &n),
	    1);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM arrears WHERE "
	    "task_id IS NOT NULL"), 2);
	/* Reserved rows still owe (减员 rule 11 still refuses). */
	ck_assert_int_eq(arrears_person_sum(db.s, unit, p[0], &s), 0);
	ck_assert_int_eq(s.months, 2);
	ck_assert_int_eq(s.reserved, 2);
	ck_assert_int_eq(s.task_id, task1);
	/* Nothing to reserve: p2. */
	ck_assert_int_eq(arrears_reserve(db.s, unit, p[2], NULL, task1, &n),
	    2);
	ck_assert_int_eq(arrears_reserve(db.s, unit, p[1], NULL, 0, &n), -1);
	/* 全部清欠 by task2: p1 and p3, not p0's (task1's). */
	ck_assert_int_eq(arrears_reserve_unit(db.s, unit, task2, &n), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(arrears_reserve_unit(db.s, unit, task2, &n), 2);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(arrears_task_count(db.s, task2, &persons, &months,
	    &amount, &settled), 0);
	ck_assert(persons == 2 && months == 2 && amount == 6000 &&
	    settled == 0);
	/* 回退 of task2: back to owing, reservable again. */
	ck_assert_int_eq(arrears_release(db.s, task2, &n), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(arrears_task_count(db.s, task2, &persons, NULL,
	    NULL, NULL), 0);
	ck_assert_int_eq(persons, 0);
	/* 到帐 of task1: settled with how, who, when. */
	ck_assert_int_eq(arrears_settle(db.s, task1, ARREARS_PAID, 42,
	    1764650000, &n), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM arrears WHERE "
	    "settled = 1 AND settled_how = '补缴' AND settled_by = 42 AND "
	    "settled_at = 1764650000"), 2);
	ck_assert_int_eq(arrears_person_sum(db.s, unit, p[0], &s), 0);
	ck_assert_int_eq(s.months, 0);
	/* A second settle has nothing; a release keeps settled rows. */
	ck_assert_int_eq(arrears_settle(db.s, task1, ARREARS_PAID, 42, 1,
	    &n), 2);
	ck_assert_int_eq(arrears_release(db.s, task1, &n), 0);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(arrears_task_count(db.s, task1, &persons, &months,
	    &amount, &settled), 0);
	ck_assert(persons == 1 && months == 2 && amount == 30000 &&
	    settled == 2);
	ck_assert_int_eq(arrears_settle(db.s, task1, "其他", 0, 1, &n), -1);
	ck_assert_int_eq(arrears_settle(db.s, task1, NULL, 0, 1, &n), -1);
	/* The unit now owes p1 and p3 only. */
	ck_assert_int_eq(arrears_unit_count(db.s, unit, &persons, &months,
	    &amount), 0);
	ck_assert(persons == 2 && months == 2 && amount == 6000);
	/* The other unit's row is untouched. */
	ck_assert_int_eq(arrears_elsewhere(db.s, p[0], unit), 1);
	ck_assert_int_eq(store_commit(db.s), 0);
}
END_TEST

/* 当月欠费注销: only the month given is reserved and then settled as
 * 注销 by the system. */
START_TEST(arrears_cancel_month)
{
	int64_t	 n;

	ck_assert_int_eq(arrears_reserve(db.s, unit, p[0], "2026-10", task1,
	    &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(arrears_reserve(db.s, unit, p[0], "2026-12", task2,
	    &n), 2);
	/* 2026-09 is free for another task; 2026-10 is not. */
	ck_assert_int_eq(arrears_reserve(db.s, unit, p[0], "2026-10", task2,
	    &n), 1);
	ck_assert_int_eq(arrears_reserve(db.s, unit, p[0], "2026-09", task2,
	    &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(arrears_settle(db.s, task1, ARREARS_CANCELLED, 0,
	    1764650000, &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM arrears WHERE "
	    "month = '2026-10' AND settled = 1 AND settled_how = '注销' AND "
	    "settled_by = 0"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM arrears WHERE "
	    "month = '2026-09' AND settled = 0"), 1);
}
END_TEST

/* A task's rows in person, month order, two at a time. */
START_TEST(arrears_task_walk)
{
	struct ta_months	 c;
	int64_t			 n, after = 0;
	char			 month[8] = "";
	int			 pages = 0, total = 0;

	ck_assert_int_eq(arrears_reserve_unit(db.s, unit, task1, &n), 0);
	ck_assert_int_eq(n, 4);
	do {
		memset(&c, 0, sizeof(c));
		ck_assert_int_eq(arrears_task_months(db.s, task1, after, month,
		    2, ta_month, &c), 0);
		if (c.n > 0) {
			after = c.m[c.n - 1].person_id;
			snprintf(month, sizeof(month), "%s",
			    c.m[c.n - 1].month);
			if (pages == 0) {
				ck_assert_int_eq(c.m[0].person_id, p[0]);
				ck_assert_str_eq(c.m[0].month, "2026-09");
				ck_assert_str_eq(c.m[1].month, "2026-10");
				ck_assert_int_eq(c.m[1].task_id, task1);
			}
			if (pages == 1) {
				ck_assert_int_eq(c.m[0].person_id, p[1]);
				ck_assert_int_eq(c.m[1].person_id, p[3]);
			}
			pages++;
			total += c.n;
		}
	} while (c.n == 2);
	ck_assert_int_eq(pages, 2);
	ck_assert_int_eq(total, 4);
	ck_assert_int_eq(arrears_task_months(db.s, task1, 0, NULL, 0,
	    ta_month, &c), -1);
}
END_TEST

/* The suite. */
static Suite *
arrears_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("arrears");
	tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, arrears_unit_list);
	tcase_add_test(tc, arrears_one_person);
	tcase_add_test(tc, arrears_reserve_release_settle);
	tcase_add_test(tc, arrears_cancel_month);
	tcase_add_test(tc, arrears_task_walk);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(arrears_suite)
