/*
 * test_policy.c: regional policy as data, the working-day calendar,
 * and the hall clock (HALL_CLOCK_FILE, UTC+8 arithmetic).
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "clock.h"
#include "policy.h"
#include "store.h"
#include "valid.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;

/* Opens a store with the seeded defaults. */
static void
setup(void)
{
	th_db_open(&db);
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
}

/* Closes it. */
static void
teardown(void)
{
	th_db_close(&db);
}

/* One expected integer policy value. */
struct want_int {
	const char	*region;
	const char	*key;
	struct hdate	 on;
	int		 rc;
	long long	 value;
};

static const struct want_int want_ints[] = {
	/* Wuhan's own rule, and the national default elsewhere. */
	{ "420100", "tuigong.require_jianyuan_first", { 2026, 11, 22 }, 0, 1 },
	{ "110000", "tuigong.require_jianyuan_first", { 2026, 11, 22 }, 0, 0 },
	{ "*", "tuigong.require_jianyuan_first", { 2026, 11, 22 }, 0, 0 },
	{ NULL, "tuigong.deadline_days", { 2026, 11, 22 }, 0, 15 },
	{ "420100", "tuigong.deadline_days", { 2026, 11, 22 }, 0, 15 },
	/* valid_from picks the row in force on the date. */
	{ "*", "rate.pension.unit_bp", { 2019, 4, 30 }, 0, 2000 },
	{ "*", "rate.pension.unit_bp", { 2019, 5, 1 }, 0, 1600 },
	{ "420100", "rate.pension.unit_bp", { 2015, 6, 1 }, 0, 2000 },
	{ "420100", "rate.pension.unit_bp", { 2026, 1, 1 }, 0, 1600 },
	{ "420100", "rate.pension.unit_bp", { 2005, 1, 1 }, 0, 2000 },
	{ "420100", "rate.pension.person_bp", { 2026, 1, 1 }, 0, 800 },
	{ "420100", "rate.maternity.unit_bp", { 2026, 1, 1 }, 0, 70 },
	{ "420100", "wage.avg_monthly_fen", { 2024, 12, 31 }, 0, 690000 },
	{ "420100", "wage.avg_monthly_fen", { 2025, 1, 1 }, 0, 720000 },
	{ "430100", "wage.avg_monthly_fen", { 2026, 3, 1 }, 0, 735000 },
	{ "420100", "zengyuan.age_max.female", { 2026, 3, 1 }, 0, 40 },
	{ "420100", "zengyuan.age_max.male", { 2026, 3, 1 }, 0, 50 },
	{ "*", "base.ceiling_pct", { 2026, 3, 1 }, 0, 300 },
	/* The least contributions for 退休: 15 years, then 6 months more
	 * each year from 2030 until 20 years in 2039. */
	{ "420100", "retire.min_contrib_months", { 2029, 12, 31 }, 0, 180 },
	{ "420100", "retire.min_contrib_months", { 2030, 1, 1 }, 0, 186 },
	{ "420100", "retire.min_contrib_months", { 2035, 6, 1 }, 0, 216 },
	{ "420100", "retire.min_contrib_months", { 2038, 12, 31 }, 0, 234 },
	{ "420100", "retire.min_contrib_months", { 2039, 1, 1 }, 0, 240 },
	{ "420100", "retire.min_contrib_months", { 2050, 1, 1 }, 0, 240 },
	/* Nothing in force: the default. */
	{ "420100", "wage.avg_monthly_fen", { 2023, 12, 31 }, 1, -7 },
	{ "420100", "no.such.key", { 2026, 1, 1 }, 1, -7 },
};

START_TEST(policy_int_lookup)
{
	const struct want_int	*w = &want_ints[_i];
	long long		 v = 12345;

	ck_assert_int_eq(policy_int(db.s, w->region, w->key, &w->on, -7, &v),
	    w->rc);
	ck_assert_int_eq(v, w->value);
}
END_TEST

START_TEST(policy_get_text)
{
	struct hdate	 on = { 2026, 5, 1 };
	char		 buf[16], tiny[3];
	int		 flag = -1;

	ck_assert_int_eq(policy_get(db.s, "420100", "wage.decl_freeze_from",
	    &on, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "12-21");
	ck_assert_int_eq(policy_get(db.s, "420100", "retire.reform_from",
	    &on, tiny, sizeof(tiny)), -1);	/* does not fit */
	ck_assert_int_eq(policy_bool(db.s, "420100",
	    "tuigong.require_jianyuan_first", &on, 0, &flag), 0);
	ck_assert_int_eq(flag, 1);
	ck_assert_int_eq(policy_bool(db.s, "420100", "no.such.flag", &on, 1,
	    &flag), 1);
	ck_assert_int_eq(flag, 1);
}
END_TEST

START_TEST(policy_today)
{
	long long	 v = 0;

	/* on NULL: the hall's today. */
	th_clock_set(&db, "2019-04-30 23:59:59");
	ck_assert_int_eq(policy_int(db.s, "*", "rate.pension.unit_bp", NULL,
	    0, &v), 0);
	ck_assert_int_eq(v, 2000);
	th_clock_set(&db, "2019-05-01 00:00:00");
	ck_assert_int_eq(policy_int(db.s, "*", "rate.pension.unit_bp", NULL,
	    0, &v), 0);
	ck_assert_int_eq(v, 1600);
}
END_TEST

START_TEST(bad_policy_values)
{
	struct hdate	 on = { 2026, 1, 1 }, bad = { 2026, 2, 30 };
	long long	 v = 0;
	int		 f = 0;

	th_exec(db.s, "INSERT INTO policy (region, "
	    "key, value) VALUES ('420100', 'x.int', '12abc'), "
	    "('420100', 'x.bool', 'yes'), ('420100', 'x.empty', '')");
	ck_assert_int_eq(policy_int(db.s, "420100", "x.int", &on, 5, &v), -1);
	ck_assert_int_eq(v, 5);
	ck_assert_int_eq(policy_int(db.s, "420100", "x.empty", &on, 5, &v),
	    -1);
	ck_assert_int_eq(policy_bool(db.s, "420100", "x.bool", &on, 0, &f),
	    -1);
	ck_assert_int_eq(f, 0);
	ck_assert_int_eq(policy_int(db.s, "420100", "tuigong.deadline_days",
	    &bad, 5, &v), -1);
}
END_TEST

START_TEST(policy_seed_idempotent)
{
	struct hdate	 on = { 2026, 1, 1 };
	int64_t		 n, c;
	long long	 v = 0;

	n = th_count(db.s, "SELECT count(*) FROM policy");
	c = th_count(db.s, "SELECT count(*) FROM calendar");
	ck_assert_int_gt(n, 30);
	ck_assert_int_gt(c, 30);
	/* A local change survives seeding again. */
	th_exec(db.s, "UPDATE policy SET value = "
	    "'20' WHERE region = '*' AND key = 'tuigong.deadline_days'");
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM policy"), n);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM calendar"), c);
	ck_assert_int_eq(policy_int(db.s, "420100", "tuigong.deadline_days",
	    &on, 0, &v), 0);
	ck_assert_int_eq(v, 20);
	/* Inside a caller's transaction it neither commits nor fails. */
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	ck_assert_int_eq(db.s->in_tx, 1);
	store_rollback(db.s);
}
END_TEST

/* One expected working day answer. */
struct want_day {
	struct hdate	 d;
	int		 workday;
};

static const struct want_day want_days[] = {
	{ { 2026, 1, 1 }, 0 },		/* 元旦, Thursday */
	{ { 2026, 1, 4 }, 1 },		/* Sunday, 调休上班 */
	{ { 2026, 1, 5 }, 1 },		/* Monday */
	{ { 2026, 1, 10 }, 0 },		/* Saturday */
	{ { 2026, 1, 11 }, 0 },		/* Sunday */
	{ { 2026, 2, 14 }, 1 },		/* Saturday, 调休上班 */
	{ { 2026, 2, 17 }, 0 },		/* 春节 */
	{ { 2026, 10, 7 }, 0 },		/* 国庆 */
	{ { 2026, 10, 10 }, 1 },	/* Saturday, 调休上班 */
	{ { 2027, 3, 3 }, 1 },		/* Wednesday, no calendar row */
	{ { 2024, 2, 29 }, 1 },		/* Thursday */
	{ { 2000, 1, 1 }, 0 },		/* Saturday */
};

START_TEST(workday_is_table)
{
	const struct want_day	*w = &want_days[_i];

	ck_assert_int_eq(workday_is(db.s, &w->d), w->workday);
}
END_TEST

/* One expected workdays_add answer. */
struct want_add {
	struct hdate	 from;
	int		 n;
	struct hdate	 to;
};

static const struct want_add want_adds[] = {
	{ { 2026, 1, 7 }, 1, { 2026, 1, 8 } },		/* Wed -> Thu */
	{ { 2026, 1, 9 }, 1, { 2026, 1, 12 } },		/* Fri -> Mon (weekend) */
	{ { 2026, 1, 9 }, 3, { 2026, 1, 14 } },
	{ { 2026, 4, 3 }, 1, { 2026, 4, 7 } },		/* 清明 Sat-Mon */
	{ { 2026, 9, 30 }, 1, { 2026, 10, 8 } },	/* 国庆 1-7 */
	{ { 2026, 9, 30 }, 3, { 2026, 10, 10 } },	/* ... Sat 调休 */
	{ { 2026, 12, 31 }, 1, { 2027, 1, 1 } },	/* no 2027 rows */
	{ { 2026, 1, 5 }, -1, { 2026, 1, 4 } },		/* back to 调休 Sun */
	{ { 2026, 1, 5 }, 0, { 2026, 1, 5 } },
	{ { 2026, 2, 13 }, 2, { 2026, 2, 24 } },	/* Fri; 14 调休, 春节 */
};

START_TEST(workdays_add_table)
{
	const struct want_add	*w = &want_adds[_i];
	struct hdate		 out = { 0, 0, 0 };

	ck_assert_int_eq(workdays_add(db.s, &w->from, w->n, &out), 0);
	ck_assert_int_eq(out.year, w->to.year);
	ck_assert_int_eq(out.month, w->to.month);
	ck_assert_int_eq(out.day, w->to.day);
}
END_TEST

START_TEST(bad_workdays)
{
	struct hdate	 bad = { 2026, 13, 1 }, ok = { 2026, 1, 5 }, out;

	ck_assert_int_eq(workday_is(db.s, &bad), -1);
	ck_assert_int_eq(workdays_add(db.s, &bad, 1, &out), -1);
	ck_assert_int_eq(workdays_add(db.s, &ok, 100000, &out), -1);
}
END_TEST

/* The hall's time of "when" computed independently with timegm. */
static time_t
hall_time(int y, int mo, int d, int h, int mi, int s)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return timegm(&tm) - 8 * 3600;
}

START_TEST(clock_file_honoured)
{
	struct hdate	 today;
	char		 buf[20];

	th_db_open(&db);
	th_clock_set(&db, "2026-11-22 10:00:00");
	ck_assert_int_eq(clock_now(), hall_time(2026, 11, 22, 10, 0, 0));
	clock_today(&today);
	ck_assert_int_eq(today.year, 2026);
	ck_assert_int_eq(today.month, 11);
	ck_assert_int_eq(today.day, 22);
	clock_fmt(clock_now(), buf);
	ck_assert_str_eq(buf, "2026-11-22 10:00:00");
	/* Re-read at every call. */
	th_clock_set(&db, "2026-11-23 07:59:59");
	clock_fmt(clock_now(), buf);
	ck_assert_str_eq(buf, "2026-11-23 07:59:59");
	clock_today(&today);
	ck_assert_int_eq(today.day, 23);	/* still the 22nd in UTC */
	th_db_close(&db);
}
END_TEST

START_TEST(clock_utc8)
{
	struct hdate	 d;
	char		 buf[20];

	setenv("TZ", "America/New_York", 1);	/* must not matter */
	tzset();
	clock_fmt(0, buf);
	ck_assert_str_eq(buf, "1970-01-01 08:00:00");
	clock_date((time_t)16 * 3600 - 1, &d);	/* 23:59:59 hall time */
	ck_assert_int_eq(d.day, 1);
	clock_date((time_t)16 * 3600, &d);
	ck_assert_int_eq(d.day, 2);
	clock_fmt(hall_time(2024, 2, 29, 23, 59, 59), buf);
	ck_assert_str_eq(buf, "2024-02-29 23:59:59");
	clock_date(hall_time(2000, 3, 1, 0, 0, 0), &d);
	ck_assert_int_eq(d.year, 2000);
	ck_assert_int_eq(d.month, 3);
	ck_assert_int_eq(d.day, 1);
	unsetenv("TZ");
}
END_TEST

static const char *const bad_clocks[] = {
	"garbage", "2026-02-30 10:00:00", "2026-11-22", "2026-11-22 24:00:00",
	"2026-11-22 10:00:00 extra", "", "1969-12-31 23:00:00",
};

START_TEST(bad_clock_file)
{
	time_t	 before, t;

	th_db_open(&db);
	th_clock_set(&db, bad_clocks[_i]);
	before = time(NULL);
	t = clock_now();
	ck_assert(t >= before && t <= time(NULL));
	setenv("HALL_CLOCK_FILE", "/nonexistent/clock", 1);
	t = clock_now();
	ck_assert(t >= before && t <= time(NULL));
	th_db_close(&db);
}
END_TEST

/* The policy suite. */
static Suite *
policy_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("policy");
	tc = tcase_create("policy_get");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, policy_int_lookup, 0,
	    (int)(sizeof(want_ints) / sizeof(want_ints[0])));
	tcase_add_test(tc, policy_get_text);
	tcase_add_test(tc, policy_today);
	tcase_add_test(tc, bad_policy_values);
	tcase_add_test(tc, policy_seed_idempotent);
	suite_add_tcase(s, tc);
	tc = tcase_create("workdays");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, workday_is_table, 0,
	    (int)(sizeof(want_days) / sizeof(want_days[0])));
	tcase_add_loop_test(tc, workdays_add_table, 0,
	    (int)(sizeof(want_adds) / sizeof(want_adds[0])));
	tcase_add_test(tc, bad_workdays);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(policy_suite)

/* The clock suite. */
static Suite *
clock_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("clock");
	tc = tcase_create("clock_now");
	tcase_add_test(tc, clock_file_honoured);
	tcase_add_test(tc, clock_utc8);
	tcase_add_loop_test(tc, bad_clock_file, 0,
	    (int)(sizeof(bad_clocks) / sizeof(bad_clocks[0])));
	suite_add_tcase(s, tc);
	return s;
}

SUITE(clock_suite)
