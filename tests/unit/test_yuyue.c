/*
 * test_yuyue.c: 办事预约's rules as tables: the working days offered
 * (the 2026 calendar's 中秋, 国庆 and 调休 days), the slots of the
 * policy, the change deadline, the capacity of a slot and of a day
 * (counted per office, a moved or ended booking freeing its place),
 * and the states: a VIP unit, a task not 进行中, a second booking of a
 * task, the same form twice, a repeated move or cancel, another
 * unit's booking, each change audited; and the 首页's next booking.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "audit.h"
#include "policy.h"
#include "store.h"
#include "valid.h"
#include "workflow.h"
#include "yuyue.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit_plain, unit_vip, unit_other;
static struct actor	 clerk, vip_clerk, other_clerk;
static int		 ntasks;		/* made by task_in() */

/* Runs the test's own SQL. */
static void
exec_sql(const char *sql)
{
	th_exec(db.s, sql);
}

/* A store with the seeded policy; 2026-09-21 (a Monday) is today; a
 * test region 429901 has 2 slots of 2 places. */
static void
setup(void)
{
	th_db_open(&db);
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	th_clock_set(&db, "2026-09-21 10:00:00");
	ntasks = 0;
	unit_plain = th_unit(db.s, "普通单位", 0);
	unit_vip = th_unit(db.s, "VIP单位", 1);
	unit_other = th_unit(db.s, "其他单位", 0);
	clerk = (struct actor){ th_account(db.s, unit_plain, "clerk"),
	    unit_plain, "经办人", "fp1" };
	vip_clerk = (struct actor){ th_account(db.s, unit_vip, "vip"),
	    unit_vip, "VIP经办人", "fp2" };
	other_clerk = (struct actor){ th_account(db.s, unit_other, "other"),
	    unit_other, "其他经办人", "fp3" };
	exec_sql("INSERT INTO policy (region, key, value) VALUES "
	    "('429901', 'yuyue.slots', '09:00-10:00, 14:00-15:00'), "
	    "('429901', 'yuyue.per_slot', '2'), "
	    "('429901', 'yuyue.days_ahead', '5')");
}

/* Checks the audit chain and closes the store. */
static void
teardown(void)
{
	ck_assert_int_ge(audit_verify(db.s, NULL), 0);
	th_db_close(&db);
}

/* A task of unit in state, made directly.  Returns its id. */
static int64_t
task_in(int64_t unit, const char *state)
{
	char		 sql[512];

	snprintf(sql, sizeof(sql), "INSERT INTO tasks (seq_no, business, "
	    "unit_id, state, created_at, submitted_at, updated_at) VALUES "
	    "('YY%04d', 'tuigong', %lld, '%s', 1, 2, 3)", ++ntasks,
	    (long long)unit, state);
	exec_sql(sql);
	return store_last_id(db.s);
}

/* Moves task id to state, directly (a decision elsewhere). */
static void
task_set(int64_t id, const char *state)
{
	char	 sql[256];

	snprintf(sql, sizeof(sql), "UPDATE tasks SET state = '%s' WHERE "
	    "id = %lld", state, (long long)id);
	exec_sql(sql);
}

/* The date of "YYYY-MM-DD". */
static struct hdate
day_of(const char *s)
{
	struct hdate	 d;

	ck_assert_int_eq(valid_date(s, &d), VALID_OK);
	return d;
}

/* ---- Working days ---- */

/* The days offered on a day: how many, the first and the last, and one
 * that must be among them and one that must not. */
struct want_days {
	const char	*today;
	const char	*region;
	int		 n;
	const char	*first;
	const char	*last;
	const char	*in;		/* a 调休 working weekend, ... */
	const char	*out;		/* a holiday, a weekend, today */
};

static const struct want_days want_days[] = {
	/* Monday 2026-09-21: 中秋 25-27, then 国庆 10-01..07, the
	 * 10-10 Saturday worked. */
	{ "2026-09-21", "420100", 10, "2026-09-22", "2026-10-12",
	  "2026-10-10", "2026-09-25" },
	/* Friday 2026-09-18: the Sunday 09-20 is worked (调休). */
	{ "2026-09-18", "420100", 10, "2026-09-20", "2026-10-09",
	  "2026-09-20", "2026-09-19" },
	/* Before 春节: 02-14 worked, 02-15..23 off. */
	{ "2026-02-12", "420100", 10, "2026-02-13", "2026-03-04",
	  "2026-02-14", "2026-02-16" },
	/* An ordinary week; the test region offers 5 days. */
	{ "2026-11-20", "429901", 5, "2026-11-23", "2026-11-27",
	  "2026-11-24", "2026-11-21" },
	/* Across the year's end: 2027 has no calendar rows yet, so its
	 * 元旦 counts as a Friday until hall-admin adds them. */
	{ "2026-12-30", "420100", 10, "2026-12-31", "2027-01-13",
	  "2027-01-04", "2027-01-02" },
};

START_TEST(yuyue_working_days)
{
	const struct want_days	*w = &want_days[_i];
	struct yuyue_policy	 p;
	struct hdate		 today = day_of(w->today), days[YUYUE_DAYS_MAX];
	struct hdate		 in = day_of(w->in), out = day_of(w->out);
	char			 buf[11];
	int			 n, i, seen_in = 0, seen_out = 0;

	ck_assert_int_eq(yuyue_policy(db.s, w->region, &today, &p), 0);
	ck_assert_int_eq(yuyue_days(db.s, &p, &today, days, &n), 0);
	ck_assert_int_eq(n, w->n);
	hdate_fmt(&days[0], buf);
	ck_assert_str_eq(buf, w->first);
	hdate_fmt(&days[n - 1], buf);
	ck_assert_str_eq(buf, w->last);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(workday_is(db.s, &days[i]), 1);
		ck_assert_int_gt(hdate_cmp(&days[i], &today), 0);
		seen_in |= hdate_cmp(&days[i], &in) == 0;
		seen_out |= hdate_cmp(&days[i], &out) == 0;
	}
	ck_assert_msg(seen_in, "%s not offered on %s", w->in, w->today);
	ck_assert_msg(!seen_out, "%s offered on %s", w->out, w->today);
}
END_TEST

/* ---- The slots of the policy ---- */

struct want_slots {
	const char	*text;
	int		 n;		/* -1: refused */
	const char	*last;
};

static const struct want_slots want_slots[] = {
	{ "09:00-10:00,10:00-11:00", 2, "10:00-11:00" },
	{ " 08:30-12:00 , 13:30-17:30 ", 2, "13:30-17:30" },
	{ "09:00-17:00", 1, "09:00-17:00" },
	{ "", -1, NULL },
	{ "09:00-09:00", -1, NULL },		/* empty span */
	{ "10:00-09:00", -1, NULL },		/* backwards */
	{ "09:00-11:00,10:00-12:00", -1, NULL },	/* overlapping */
	{ "09:00-10:00,", -1, NULL },
	{ "9:00-10:00", -1, NULL },
	{ "24:00-25:00", -1, NULL },
	{ "09:60-10:00", -1, NULL },
	{ "09:00~10:00", -1, NULL },
	{ "09:00-10:00,10:00-11:00,11:00-12:00,12:00-13:00,13:00-14:00,"
	  "14:00-15:00,15:00-16:00,16:00-17:00,17:00-18:00,18:00-19:00,"
	  "19:00-20:00,20:00-21:00,21:00-22:00", -1, NULL },	/* 13 > max */
};

START_TEST(yuyue_slots)
{
	const struct want_slots	*w = &want_slots[_i];
	struct yuyue_policy	 p;

	ck_assert_int_eq(yuyue_slots_parse(w->text, &p), w->n < 0 ? -1 : 0);
	ck_assert_int_eq(p.nslots, w->n < 0 ? 0 : w->n);
	if (w->n > 0) {
		ck_assert_str_eq(p.slot[p.nslots - 1], w->last);
		ck_assert_int_eq(yuyue_slot_index(&p, w->last), w->n - 1);
		ck_assert_int_eq(yuyue_slot_index(&p, "00:00-00:01"), -1);
	}
}
END_TEST

START_TEST(yuyue_policy_defaults_and_bounds)
{
	struct yuyue_policy	 p;
	struct hdate		 today = day_of("2026-09-21");

	ck_assert_int_eq(yuyue_policy(db.s, "420100", &today, &p), 0);
	ck_assert_int_eq(p.nslots, 6);
	ck_assert_str_eq(p.slot[0], "09:00-10:00");
	ck_assert_int_eq(p.per_slot, 5);
	ck_assert_int_eq(p.days_ahead, 10);
	ck_assert_int_eq(p.change_until_days, 1);
	/* A malformed slots row falls back to the default; numbers out of
	 * range are kept within their bounds. */
	exec_sql("INSERT INTO policy (region, key, value) VALUES "
	    "('429902', 'yuyue.slots', 'morning'), "
	    "('429902', 'yuyue.per_slot', '0'), "
	    "('429902', 'yuyue.days_ahead', '400')");
	ck_assert_int_eq(yuyue_policy(db.s, "429902", &today, &p), 0);
	ck_assert_int_eq(p.nslots, 6);
	ck_assert_int_eq(p.per_slot, 1);
	ck_assert_int_eq(p.days_ahead, YUYUE_DAYS_MAX);
}
END_TEST

/* ---- The change deadline ---- */

struct want_change {
	const char	*today;
	const char	*day;
	int		 until;
	int		 ok;
};

static const struct want_change want_changes[] = {
	{ "2026-09-21", "2026-09-23", 1, 1 },
	{ "2026-09-22", "2026-09-23", 1, 1 },	/* the day before */
	{ "2026-09-23", "2026-09-23", 1, 0 },	/* on the day */
	{ "2026-09-24", "2026-09-23", 1, 0 },	/* after */
	{ "2026-09-21", "2026-09-23", 2, 1 },
	{ "2026-09-22", "2026-09-23", 2, 0 },
	{ "2026-09-23", "2026-09-23", 0, 1 },	/* policy 0: on the day */
	{ "2026-09-30", "2026-10-08", 1, 1 },	/* across the holiday */
	{ "2026-12-31", "2027-01-04", 3, 1 },
	{ "2027-01-02", "2027-01-04", 3, 0 },
};

START_TEST(yuyue_change_deadline)
{
	const struct want_change	*w = &want_changes[_i];
	struct hdate			 t = day_of(w->today), d = day_of(w->day);

	ck_assert_int_eq(yuyue_changeable(&t, &d, w->until), w->ok);
}
END_TEST

START_TEST(yuyue_weekdays)
{
	struct hdate	 d;

	d = day_of("2026-09-21");
	ck_assert_str_eq(yuyue_weekday(&d), "星期一");
	d = day_of("2026-09-20");
	ck_assert_str_eq(yuyue_weekday(&d), "星期日");
	d = day_of("2027-01-01");
	ck_assert_str_eq(yuyue_weekday(&d), "星期五");
}
END_TEST

/* ---- Booking: capacity ---- */

/* Books task for who on day and slot, expecting r and (for a refusal)
 * the code of its error.  Returns the booking's id. */
static int64_t
book(const struct actor *who, int64_t task, const char *day,
    const char *slot, const char *key, enum yuyue_result r, const char *code)
{
	struct form_errors	 errs;
	struct hdate		 today = day_of("2026-09-21");
	int64_t			 id = 0;

	errs.n = 0;
	ck_assert_int_eq(yuyue_book(db.s, who, &today, task, day, slot, key,
	    &id, &errs), r);
	if (code != NULL) {
		ck_assert_int_eq(errs.n, 1);
		ck_assert_str_eq(errs.e[0].code, code);
	} else
		ck_assert_int_eq(errs.n, 0);
	ck_assert(!store_in_tx(db.s));
	return id;
}

/* The booking attempts of the capacity table, in order, at the test
 * region's office (2 slots of 2 places, 5 days from 2026-09-22). */
struct want_book {
	int		 task;		/* index into the tasks made */
	const char	*day;
	const char	*slot;
	enum yuyue_result r;
	const char	*code;
};

static const struct want_book want_books[] = {
	{ 0, "2026-09-22", "09:00-10:00", YUYUE_OK, NULL },
	{ 1, "20260922", "09:00-10:00", YUYUE_OK, NULL },	/* compact */
	{ 2, "2026-09-22", "09:00-10:00", YUYUE_RULES, "YY_SLOT_FULL" },
	{ 2, "2026-09-22", "14:00-15:00", YUYUE_OK, NULL },
	{ 3, "2026-09-22", "14:00-15:00", YUYUE_OK, NULL },
	{ 4, "2026-09-22", "14:00-15:00", YUYUE_RULES, "YY_DAY_FULL" },
	{ 4, "2026-09-22", "09:00-10:00", YUYUE_RULES, "YY_DAY_FULL" },
	{ 4, "2026-09-26", "09:00-10:00", YUYUE_RULES, "YY_NOT_WORKDAY" },
	{ 4, "2026-09-25", "09:00-10:00", YUYUE_RULES, "YY_NOT_WORKDAY" },
	{ 4, "2026-09-21", "09:00-10:00", YUYUE_RULES, "YY_DAY_RANGE" },
	{ 4, "2026-10-08", "09:00-10:00", YUYUE_RULES, "YY_DAY_RANGE" },
	{ 4, "1900-01-01", "09:00-10:00", YUYUE_RULES, "YY_DAY_RANGE" },
	{ 4, "2026-02-30", "09:00-10:00", YUYUE_RULES, "YY_DAY" },
	{ 4, "", "09:00-10:00", YUYUE_RULES, "YY_DAY" },
	{ 4, "2026-09-23", "10:00-11:00", YUYUE_RULES, "YY_SLOT" },
	{ 4, "2026-09-23", "", YUYUE_RULES, "YY_SLOT" },
	{ 4, "2026-09-23", "09:00-10:00", YUYUE_OK, NULL },
};

START_TEST(yuyue_capacity)
{
	int64_t		 tasks[5];
	size_t		 i;

	exec_sql("UPDATE units SET region = '429901'");
	for (i = 0; i < 5; i++)
		tasks[i] = task_in(unit_plain, "进行中");
	for (i = 0; i < sizeof(want_books) / sizeof(want_books[0]); i++)
		book(&clerk, tasks[want_books[i].task], want_books[i].day,
		    want_books[i].slot, NULL, want_books[i].r,
		    want_books[i].code);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM appointments "
	    "WHERE day = '2026-09-22' AND state = '有效'"), 4);
	ck_assert_int_eq(th_count(db.s, "SELECT n FROM tallies WHERE "
	    "name = 'yuyue'"), 5);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit WHERE "
	    "action = 'yuyue.book'"), 5);
}
END_TEST

START_TEST(yuyue_places_per_office_and_freed)
{
	struct form_errors	 errs;
	struct hdate		 today = day_of("2026-09-21");
	int64_t			 t[4], id, task_id;

	exec_sql("UPDATE units SET region = '429901'");
	t[0] = task_in(unit_plain, "进行中");
	t[1] = task_in(unit_other, "进行中");
	t[2] = task_in(unit_plain, "进行中");
	t[3] = task_in(unit_other, "进行中");
	book(&clerk, t[0], "2026-09-22", "09:00-10:00", NULL, YUYUE_OK, NULL);
	id = book(&other_clerk, t[1], "2026-09-22", "09:00-10:00", NULL,
	    YUYUE_OK, NULL);
	book(&clerk, t[2], "2026-09-22", "09:00-10:00", NULL, YUYUE_RULES,
	    "YY_SLOT_FULL");
	/* Another office has its own places. */
	exec_sql("UPDATE units SET region = '420100' WHERE name = '普通单位'");
	book(&clerk, t[2], "2026-09-22", "09:00-10:00", NULL, YUYUE_OK, NULL);
	/* A move frees the place it left. */
	errs.n = 0;
	ck_assert_int_eq(yuyue_move(db.s, &other_clerk, &today, id,
	    "2026-09-23", "14:00-15:00", &task_id, &errs), YUYUE_OK);
	ck_assert_int_eq(task_id, t[1]);
	ck_assert_int_eq(errs.n, 0);
	book(&other_clerk, t[3], "2026-09-22", "09:00-10:00", NULL, YUYUE_OK,
	    NULL);
	ck_assert_int_eq(th_count(db.s, "SELECT moved_from = '2026-09-22 "
	    "09:00-10:00' FROM appointments WHERE day = '2026-09-23'"), 1);
	/* A booking of a task that ended takes no place. */
	exec_sql("UPDATE units SET region = '429901'");
	t[0] = task_in(unit_other, "进行中");
	book(&other_clerk, t[0], "2026-09-22", "09:00-10:00", NULL,
	    YUYUE_RULES, "YY_SLOT_FULL");
	task_set(t[3], "结束");
	book(&other_clerk, t[0], "2026-09-22", "09:00-10:00", NULL, YUYUE_OK,
	    NULL);
}
END_TEST

/* ---- Booking: states ---- */

START_TEST(yuyue_book_states)
{
	int64_t		 draft, done, cancelled, vip_task, t, id, again;

	draft = task_in(unit_plain, "未提交");
	done = task_in(unit_plain, "结束");
	cancelled = task_in(unit_plain, "退单");
	vip_task = task_in(unit_vip, "进行中");
	t = task_in(unit_plain, "进行中");
	book(&clerk, draft, "2026-09-22", "09:00-10:00", NULL, YUYUE_STATE,
	    "YY_TASK_STATE");
	book(&clerk, done, "2026-09-22", "09:00-10:00", NULL, YUYUE_STATE,
	    "YY_TASK_STATE");
	book(&clerk, cancelled, "2026-09-22", "09:00-10:00", NULL,
	    YUYUE_STATE, "YY_TASK_STATE");
	book(&vip_clerk, vip_task, "2026-09-22", "09:00-10:00", NULL,
	    YUYUE_STATE, "YY_VIP");
	/* Another unit's task is not found, nor a missing one. */
	book(&other_clerk, t, "2026-09-22", "09:00-10:00", NULL,
	    YUYUE_NOTFOUND, NULL);
	book(&clerk, 999999, "2026-09-22", "09:00-10:00", NULL,
	    YUYUE_NOTFOUND, NULL);
	book(&clerk, 0, "2026-09-22", "09:00-10:00", NULL, YUYUE_NOTFOUND,
	    NULL);
	/* The same form twice is one booking; another form for the task
	 * is refused (move it instead). */
	id = book(&clerk, t, "2026-09-22", "09:00-10:00", "yuyue:k1",
	    YUYUE_OK, NULL);
	again = book(&clerk, t, "2026-09-23", "10:00-11:00", "yuyue:k1",
	    YUYUE_REPEAT, NULL);
	ck_assert_int_eq(again, id);
	book(&clerk, t, "2026-09-23", "10:00-11:00", "yuyue:k2", YUYUE_STATE,
	    "YY_BOOKED");
	/* Another unit's equal token is its own. */
	vip_task = task_in(unit_other, "进行中");
	ck_assert_int_ne(book(&other_clerk, vip_task, "2026-09-22",
	    "09:00-10:00", "yuyue:k1", YUYUE_OK, NULL), id);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM appointments"),
	    2);
}
END_TEST

START_TEST(yuyue_move_and_cancel)
{
	struct form_errors	 errs;
	struct hdate		 mon = day_of("2026-09-21");
	struct hdate		 tue = day_of("2026-09-22");
	struct hdate		 thu = day_of("2026-09-24");
	int64_t			 t, id, task_id;

	t = task_in(unit_plain, "进行中");
	id = book(&clerk, t, "2026-09-23", "09:00-10:00", NULL, YUYUE_OK,
	    NULL);
	/* Another unit: not found, for a move and a cancel. */
	errs.n = 0;
	ck_assert_int_eq(yuyue_move(db.s, &other_clerk, &mon, id,
	    "2026-09-24", "09:00-10:00", &task_id, &errs), YUYUE_NOTFOUND);
	ck_assert_int_eq(yuyue_cancel(db.s, &other_clerk, &mon, id, &errs),
	    YUYUE_NOTFOUND);
	ck_assert_int_eq(errs.n, 0);
	/* The day before: moved to the 24th, the same move again a repeat. */
	ck_assert_int_eq(yuyue_move(db.s, &clerk, &tue, id, "2026-09-24",
	    "10:00-11:00", &task_id, &errs), YUYUE_OK);
	ck_assert_int_eq(yuyue_move(db.s, &clerk, &tue, id, "2026-09-24",
	    "10:00-11:00", &task_id, &errs), YUYUE_REPEAT);
	ck_assert_int_eq(errs.n, 0);
	/* A move to a bad day is refused, nothing changed. */
	ck_assert_int_eq(yuyue_move(db.s, &clerk, &tue, id, "2026-09-26",
	    "10:00-11:00", &task_id, &errs), YUYUE_RULES);
	ck_assert_str_eq(errs.e[0].code, "YY_NOT_WORKDAY");
	/* On the day (24th): neither moved nor cancelled. */
	errs.n = 0;
	ck_assert_int_eq(yuyue_move(db.s, &clerk, &thu, id, "2026-09-25",
	    "10:00-11:00", &task_id, &errs), YUYUE_STATE);
	ck_assert_str_eq(errs.e[0].code, "YY_TOO_LATE");
	errs.n = 0;
	ck_assert_int_eq(yuyue_cancel(db.s, &clerk, &thu, id, &errs),
	    YUYUE_STATE);
	ck_assert_str_eq(errs.e[0].code, "YY_TOO_LATE");
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM appointments "
	    "WHERE day = '2026-09-24' AND slot = '10:00-11:00' AND "
	    "state = '有效'"), 1);
	/* The day before it is cancelled; again is a repeat; a cancelled
	 * booking cannot be moved; the task may be booked anew. */
	errs.n = 0;
	ck_assert_int_eq(yuyue_cancel(db.s, &clerk, &mon, id, &errs),
	    YUYUE_OK);
	ck_assert_int_eq(yuyue_cancel(db.s, &clerk, &mon, id, &errs),
	    YUYUE_REPEAT);
	ck_assert_int_eq(yuyue_move(db.s, &clerk, &mon, id, "2026-09-24",
	    "10:00-11:00", &task_id, &errs), YUYUE_STATE);
	ck_assert_str_eq(errs.e[0].code, "YY_CANCELLED");
	book(&clerk, t, "2026-09-24", "10:00-11:00", NULL, YUYUE_OK, NULL);
	/* A task decided meanwhile cannot be moved to another time. */
	id = book(&other_clerk, task_in(unit_other, "进行中"), "2026-09-24",
	    "10:00-11:00", NULL, YUYUE_OK, NULL);
	exec_sql("UPDATE tasks SET state = '结束' WHERE unit_id = "
	    "(SELECT id FROM units WHERE name = '其他单位')");
	errs.n = 0;
	ck_assert_int_eq(yuyue_move(db.s, &other_clerk, &mon, id,
	    "2026-09-25", "09:00-10:00", &task_id, &errs), YUYUE_STATE);
	ck_assert_str_eq(errs.e[0].code, "YY_TASK_STATE");
	/* Every change audited. */
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit WHERE "
	    "action = 'yuyue.move' AND object = 'appointment:1' AND detail = "
	    "'task:1 2026-09-24 10:00-11:00 from 2026-09-23 09:00-10:00'"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit WHERE "
	    "action = 'yuyue.cancel'"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit WHERE "
	    "action = 'yuyue.book'"), 3);
	ck_assert(!store_in_tx(db.s));
}
END_TEST

/* ---- The lists and the 首页 ---- */

/* yuyue_page callback: appends the day to the string arg. */
static void
collect_day(const struct appointment *a, void *arg)
{
	strcat(arg, a->day);
	strcat(arg, ";");
}

START_TEST(yuyue_lists_and_next)
{
	struct appointment	 a;
	struct form_errors	 errs;
	struct hdate		 today = day_of("2026-09-21");
	char			 got[256] = "";
	int64_t			 t[3], n, id;

	t[0] = task_in(unit_plain, "进行中");
	t[1] = task_in(unit_plain, "进行中");
	t[2] = task_in(unit_plain, "进行中");
	ck_assert_int_eq(yuyue_next(db.s, unit_plain, &today, &a), 1);
	book(&clerk, t[0], "2026-09-24", "09:00-10:00", NULL, YUYUE_OK, NULL);
	id = book(&clerk, t[1], "2026-09-22", "14:00-15:00", NULL, YUYUE_OK,
	    NULL);
	book(&clerk, t[2], "2026-09-22", "09:00-10:00", NULL, YUYUE_OK, NULL);
	ck_assert_int_eq(yuyue_next(db.s, unit_plain, &today, &a), 0);
	ck_assert_str_eq(a.day, "2026-09-22");
	ck_assert_str_eq(a.slot, "09:00-10:00");
	ck_assert_int_eq(a.task_id, t[2]);
	ck_assert_str_eq(a.seq_no, "YY0003");
	/* Its task ended: the next one is the next. */
	task_set(t[2], "结束");
	ck_assert_int_eq(yuyue_next(db.s, unit_plain, &today, &a), 0);
	ck_assert_str_eq(a.slot, "14:00-15:00");
	/* Cancelled: the 24th. */
	errs.n = 0;
	ck_assert_int_eq(yuyue_cancel(db.s, &clerk, &today, id, &errs),
	    YUYUE_OK);
	ck_assert_int_eq(yuyue_next(db.s, unit_plain, &today, &a), 0);
	ck_assert_str_eq(a.day, "2026-09-24");
	ck_assert_int_eq(yuyue_next(db.s, unit_other, &today, &a), 1);
	/* The unit's list, latest day first, cancelled ones included,
	 * counted by the kept tally; a page of it. */
	ck_assert_int_eq(yuyue_count(db.s, unit_plain, &n), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(yuyue_page(db.s, unit_plain, 0, 10, collect_day,
	    got), 3);
	ck_assert_str_eq(got, "2026-09-24;2026-09-22;2026-09-22;");
	got[0] = '\0';
	ck_assert_int_eq(yuyue_page(db.s, unit_plain, 2, 10, collect_day,
	    got), 1);
	ck_assert_int_eq(yuyue_count(db.s, unit_other, &n), 0);
	ck_assert_int_eq(n, 0);
	/* The desk's day: the 有效 ones only. */
	ck_assert_int_eq(yuyue_day_count(db.s, "2026-09-22", &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(yuyue_load(db.s, id, unit_other, &a), 1);
	ck_assert_int_eq(yuyue_load(db.s, id, 0, &a), 0);
	ck_assert_str_eq(a.state, "已取消");
	ck_assert_str_eq(a.unit_name, "普通单位");
}
END_TEST

static Suite *
yuyue_suite(void)
{
	Suite	*s = suite_create("yuyue");
	TCase	*tc = tcase_create("rules");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, yuyue_working_days, 0,
	    sizeof(want_days) / sizeof(want_days[0]));
	tcase_add_loop_test(tc, yuyue_slots, 0,
	    sizeof(want_slots) / sizeof(want_slots[0]));
	tcase_add_test(tc, yuyue_policy_defaults_and_bounds);
	tcase_add_loop_test(tc, yuyue_change_deadline, 0,
	    sizeof(want_changes) / sizeof(want_changes[0]));
	tcase_add_test(tc, yuyue_weekdays);
	tcase_add_test(tc, yuyue_capacity);
	tcase_add_test(tc, yuyue_places_per_office_and_freed);
	tcase_add_test(tc, yuyue_book_states);
	tcase_add_test(tc, yuyue_move_and_cancel);
	tcase_add_test(tc, yuyue_lists_and_next);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(yuyue_suite)
