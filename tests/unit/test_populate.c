/*
 * test_populate.c: hall-admin populate (admin/populate.c) on a small
 * scale: the rows it writes pass the hall's own validators, tasks of
 * both businesses are in every state with their detail rows and
 * effects, the audit chain verifies, the demo VIP unit becomes the big
 * unit, and the same seed gives the same store.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "clock.h"
#include "policy.h"
#include "store.h"
#include "valid.h"
#include "../../admin/populate.h"
#include "../suites.h"
#include "helpers.h"

#define TP_WHEN	"2026-06-15 10:00:00"

/* The small store of these tests. */
static void
tp_opts(struct populate_opts *o, uint64_t seed)
{
	memset(o, 0, sizeof(*o));
	o->persons = 3000;
	o->units = 40;
	o->big_unit = 400;
	o->tasks = 600;
	o->seed = seed;
}

/* Opens a store with the clock at TP_WHEN and the policies seeded. */
static void
tp_open(struct th_db *db)
{
	th_db_open(db);
	th_clock_set(db, TP_WHEN);
	setenv("HALL_PBKDF2_ITER", "1000", 1);
	ck_assert_int_eq(policy_seed_defaults(db->s), 0);
}

/* The text one query returns, copied (caller frees). */
static char *
tp_text(struct store *s, const char *sql)
{
	struct store_stmt	*st;
	char		*v;

	st = store_stmt(s, sql);
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_step(st), STORE_ROW);
	v = strdup(store_col_text(st, 0));
	ck_assert_ptr_nonnull(v);
	store_reset(st);
	return v;
}

/* Fails unless some task of business is in state with 回退标志
 * returned. */
static void
tp_state(struct store *s, const char *business, const char *state,
    int returned)
{
	struct store_stmt	*st;

	st = store_stmt(s, "SELECT COUNT(*) FROM tasks WHERE business = ?1 "
	    "AND state = ?2 AND returned = ?3");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_text(st, 1, business), 0);
	ck_assert_int_eq(store_bind_text(st, 2, state), 0);
	ck_assert_int_eq(store_bind_int(st, 3, returned), 0);
	ck_assert_int_eq(store_step(st), STORE_ROW);
	ck_assert_msg(store_col_int64(st, 0) > 0, "no %s task %s (回退 %d)",
	    business, state, returned);
	store_reset(st);
}

START_TEST(populate_rows_valid)
{
	struct th_db		 db;
	struct populate_opts	 o;
	struct populate_counts	 c;
	struct store_stmt	*st;
	struct hdate		 today;
	struct idcard		 ic;
	char			 birth[11], *x;
	int64_t			 n;
	int			 rc;

	tp_open(&db);
	tp_opts(&o, 7);
	ck_assert_int_eq(populate_run(db.s, &o, &c), 0);
	clock_today(&today);
	/* The connection is as the store opened it again (SQLite's). */
	if (!th_pg()) {
		x = tp_text(db.s, "PRAGMA journal_mode");
		ck_assert_str_eq(x, "wal");
		free(x);
		ck_assert_int_eq(th_count(db.s, "PRAGMA synchronous"), 2);
	}

	ck_assert_int_eq(c.persons, 3000);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM persons"), 3000);
	ck_assert_int_eq(c.units, 40);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM units"), 40);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM accounts WHERE "
	    "kind = 'reviewer'"), 4);
	/* The first new unit is the big one (no demo VIP here). */
	ck_assert_int_eq(th_count(db.s, "SELECT vip FROM units WHERE id = 1"),
	    1);
	ck_assert_int_eq(c.big_unit_id, 1);
	ck_assert_int_ge(c.big_insured, 400);
	ck_assert_int_le(c.big_insured, 410);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM insurance WHERE "
	    "unit_id = 1 AND status = '参保缴费'"), c.big_insured);
	ck_assert_int_ge(c.tasks, 500);
	ck_assert_int_le(c.tasks, 700);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks"), c.tasks);
	ck_assert_int_gt(c.arrears, 0);
	ck_assert_int_gt(c.changes, 0);
	ck_assert_int_gt(c.receipts, 0);

	/* Every 身份证号 valid, agreeing with sex and birth; unique. */
	st = store_stmt(db.s, "SELECT idno, sex, birth FROM persons");
	ck_assert_ptr_nonnull(st);
	n = 0;
	while ((rc = store_step(st)) == STORE_ROW) {
		ck_assert_int_eq(valid_idcard(store_col_text(st, 0), &today,
		    &ic), VALID_OK);
		ck_assert_int_eq(ic.male,
		    strcmp(store_col_text(st, 1), "男") == 0);
		hdate_fmt(&ic.birth, birth);
		ck_assert_str_eq(birth, store_col_text(st, 2));
		ck_assert_int_ge(today.year - ic.birth.year, 19);
		ck_assert_int_le(today.year - ic.birth.year, 61);
		n++;
	}
	store_reset(st);
	ck_assert_int_eq(rc, STORE_DONE);
	ck_assert_int_eq(n, 3000);
	st = store_stmt(db.s, "SELECT uscc FROM units");
	ck_assert_ptr_nonnull(st);
	while ((rc = store_step(st)) == STORE_ROW)
		ck_assert_int_eq(valid_uscc(store_col_text(st, 0)), VALID_OK);
	store_reset(st);
	ck_assert_int_eq(rc, STORE_DONE);

	/* Both businesses in every state, 回退 too. */
	tp_state(db.s, "jianyuan", "未提交", 0);
	tp_state(db.s, "jianyuan", "未提交", 1);
	tp_state(db.s, "jianyuan", "进行中", 0);
	tp_state(db.s, "jianyuan", "结束", 0);
	tp_state(db.s, "jianyuan", "退单", 0);
	tp_state(db.s, "tuigong", "未提交", 0);
	tp_state(db.s, "tuigong", "未提交", 1);
	tp_state(db.s, "tuigong", "进行中", 0);
	tp_state(db.s, "tuigong", "结束", 0);
	tp_state(db.s, "tuigong", "退单", 0);

	/* Every task has its row; every event has its time order. */
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks t WHERE "
	    "NOT EXISTS (SELECT 1 FROM tuigong g WHERE g.task_id = t.id) AND "
	    "NOT EXISTS (SELECT 1 FROM jianyuan j WHERE j.task_id = t.id)"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM task_events a "
	    "JOIN task_events b ON b.task_id = a.task_id AND b.id > a.id "
	    "WHERE b.at < a.at"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks t WHERE "
	    "(SELECT COUNT(*) FROM task_events e WHERE e.task_id = t.id AND "
	    "e.action = 'task.create') <> 1"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks WHERE "
	    "state = '结束' AND (decided_at = 0 OR submitted_at = 0 OR "
	    "decided_at < submitted_at)"), 0);
	/* Nothing after now. */
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM task_events "
	    "WHERE at >= CAST(strftime('%s', '2026-06-15 02:00:00') AS INTEGER)"), 0);
	/* The effects: a 结束 退工 ended its employment on its date, a 结束
	 * 减员 stopped the 参保. */
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tuigong g JOIN "
	    "tasks t ON t.id = g.task_id JOIN employments e ON "
	    "e.id = g.employment_id WHERE t.state = '结束' AND (e.status <> "
	    "'已退工' OR e.end_task_id <> t.id OR e.ended_at <> g.end_date)"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM jianyuan j JOIN "
	    "tasks t ON t.id = j.task_id JOIN insurance i ON "
	    "i.id = j.insurance_id WHERE t.state = '结束' AND "
	    "(i.status <> '暂停缴费' OR i.stop_month <> j.stop_month)"), 0);
	/* At most one unfinished 退工 and 减员 per person. */
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM (SELECT 1 FROM "
	    "tuigong g JOIN tasks t ON t.id = g.task_id WHERE t.state IN "
	    "('未提交', '进行中') GROUP BY g.person_id HAVING COUNT(*) > 1)"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM (SELECT 1 FROM "
	    "jianyuan j JOIN tasks t ON t.id = j.task_id WHERE t.state IN "
	    "('未提交', '进行中') GROUP BY j.person_id HAVING COUNT(*) > 1)"), 0);
	/* Receipts only of 结束 tasks, issued at the decision. */
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM receipts r JOIN "
	    "tasks t ON t.id = r.task_id WHERE t.state <> '结束' OR "
	    "r.issued_at <> t.decided_at"), 0);
	if (!th_pg())	/* PostgreSQL checks every key as it is written */
		ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM "
		    "pragma_foreign_key_check"), 0);

	/* The chain verifies, all of it, in time order. */
	n = th_count(db.s, "SELECT COUNT(*) FROM audit");
	ck_assert_int_eq(n, c.audit);
	ck_assert_int_eq(audit_verify(db.s, NULL), n);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM audit a JOIN "
	    "audit b ON b.id = a.id + 1 WHERE b.at < a.at"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM audit WHERE "
	    "action = 'task.create'"), c.tasks);
	th_db_close(&db);
}
END_TEST

START_TEST(populate_demo_vip_is_big)
{
	struct th_db		 db;
	struct populate_opts	 o;
	struct populate_counts	 c;
	int64_t			 vip, other;

	tp_open(&db);
	other = th_unit(db.s, "普通单位", 0);
	vip = th_unit(db.s, "示例科技", 1);
	th_account(db.s, other, "demo-a");
	th_account(db.s, vip, "demo-vip");
	tp_opts(&o, 11);
	o.units = 10;
	ck_assert_int_eq(populate_run(db.s, &o, &c), 0);
	ck_assert_int_eq(c.big_unit_id, vip);
	ck_assert_int_eq(c.units, 10);
	ck_assert_int_ge(c.big_insured, 400);
	/* The big unit's tasks are made by its own account. */
	ck_assert_int_gt(th_count(db.s, "SELECT COUNT(*) FROM tasks t JOIN "
	    "accounts a ON a.id = t.created_by WHERE a.username = 'demo-vip' "
	    "AND t.unit_id = a.unit_id"), 100);
	/* VIP: decided by the system, never 进行中. */
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks t JOIN "
	    "accounts a ON a.unit_id = t.unit_id WHERE a.username = "
	    "'demo-vip' AND (t.state = '进行中' OR t.decided_by <> 0)"), 0);
	/* The other existing unit got nothing. */
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM employments "
	    "WHERE unit_id = 1"), 0);
	/* Asked for, a unit that does not exist is refused. */
	tp_opts(&o, 11);
	o.big_unit_id = 9999999;
	ck_assert_int_eq(populate_run(db.s, &o, &c), -1);
	th_db_close(&db);
}
END_TEST

START_TEST(populate_same_seed_same_store)
{
	static const char *const digests[] = {
		"SELECT group_concat(idno || name || birth, ',') FROM "
		    "(SELECT * FROM persons ORDER BY id)",
		"SELECT group_concat(seq_no || state || summary || "
		    "created_at, ',') FROM (SELECT * FROM tasks ORDER BY id)",
		"SELECT group_concat(uscc || name, ',') FROM "
		    "(SELECT * FROM units ORDER BY id)",
	};
	struct th_db		 a, b;
	struct populate_opts	 o;
	struct populate_counts	 c;
	char			*x, *y;
	size_t			 i;

	tp_open(&a);
	th_db_open(&b);		/* the same clock: HALL_CLOCK_FILE of a */
	ck_assert_int_eq(policy_seed_defaults(b.s), 0);
	tp_opts(&o, 42);
	o.persons = 1000;
	o.big_unit = 100;
	o.tasks = 200;
	ck_assert_int_eq(populate_run(a.s, &o, &c), 0);
	ck_assert_int_eq(populate_run(b.s, &o, &c), 0);
	for (i = 0; i < sizeof(digests) / sizeof(digests[0]); i++) {
		x = tp_text(a.s, digests[i]);
		y = tp_text(b.s, digests[i]);
		ck_assert_str_eq(x, y);
		free(x);
		free(y);
	}
	/* Another seed, other persons; on top of the first, no clash. */
	o.seed = 43;
	ck_assert_int_eq(populate_run(b.s, &o, &c), 0);
	ck_assert_int_eq(th_count(b.s, "SELECT COUNT(*) FROM persons"), 2000);
	ck_assert_int_eq(th_count(b.s, "SELECT COUNT(DISTINCT idno) FROM "
	    "persons"), 2000);
	ck_assert_int_eq(audit_verify(b.s, NULL),
	    th_count(b.s, "SELECT COUNT(*) FROM audit"));
	x = tp_text(a.s, digests[0]);
	y = tp_text(b.s, "SELECT group_concat(idno || name || birth, ',') FROM "
	    "(SELECT * FROM persons ORDER BY id LIMIT 1000 OFFSET 1000)");
	ck_assert_str_ne(x, y);
	free(x);
	free(y);
	th_db_close(&b);
	th_db_close(&a);
}
END_TEST

START_TEST(bad_populate_sizes)
{
	struct th_db		 db;
	struct populate_opts	 o;
	struct populate_counts	 c;

	tp_open(&db);
	tp_opts(&o, 1);
	o.big_unit = o.persons + 1;
	ck_assert_int_eq(populate_run(db.s, &o, &c), -1);
	tp_opts(&o, 1);
	o.persons = -1;
	ck_assert_int_eq(populate_run(db.s, &o, &c), -1);
	tp_opts(&o, 1);
	o.units = 0;		/* no unit to be the big one */
	ck_assert_int_eq(populate_run(db.s, &o, &c), -1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM persons"), 0);
	ck_assert_int_eq(store_in_tx(db.s), 0);
	th_db_close(&db);
}
END_TEST

static Suite *
populate_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("populate");
	tc = tcase_create("populate_run");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, populate_rows_valid);
	tcase_add_test(tc, populate_demo_vip_is_big);
	tcase_add_test(tc, populate_same_seed_same_store);
	tcase_add_test(tc, bad_populate_sizes);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(populate_suite)
