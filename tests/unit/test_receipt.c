/*
 * test_receipt.c: receipts issued once per (task, kind) with the same
 * number and code every time, refused for tasks not 结束 or of another
 * unit, and verification that cannot tell an unknown number from a
 * wrong code.
 */
#include <check.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "clock.h"
#include "receipt.h"
#include "store.h"
#include "valid.h"
#include "workflow.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;

/* A business's own receipt kind, numbered TG. */
static const struct wf_receipt	 tg_kind = {
	"tuigong", "退工登记证明", "tuigong", "TG"
};
static int64_t		 unit_a, unit_b, task_done, task_draft, task_pending;
static struct actor	 clerk_a;

/* 2026-11-20 23:30:00 in the hall's time zone (UTC+8). */
#define DECIDED_AT	((int64_t)1795188600)

/* Creates a task of unit_a in state (Chinese name) decided at t. */
static int64_t
make_task(const char *state, int64_t t)
{
	struct store_stmt	*st;
	int64_t		 id;
	int		 created;

	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "tuigong", unit_a, &clerk_a, "张建国",
	    NULL, &id, &created), 0);
	st = store_stmt(db.s, "UPDATE tasks SET state = ?1, decided_at = ?2 "
	    "WHERE id = ?3");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_text(st, 1, state), 0);
	ck_assert_int_eq(store_bind_int(st, 2, t), 0);
	ck_assert_int_eq(store_bind_int(st, 3, id), 0);
	ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	return id;
}

static void
setup(void)
{
	th_db_open(&db);
	th_clock_set(&db, "2026-11-22 10:00:00");
	unit_a = th_unit(db.s, "测试单位甲", 1);
	unit_b = th_unit(db.s, "测试单位乙", 0);
	clerk_a = (struct actor){ th_account(db.s, unit_a, "clerk-a"), unit_a,
	    "经办人甲", "" };
	task_done = make_task("结束", DECIDED_AT);
	task_draft = make_task("未提交", 0);
	task_pending = make_task("进行中", 0);
}

static void
teardown(void)
{
	th_db_close(&db);
}

START_TEST(receipt_issue_idempotent)
{
	struct receipt	 r1, r2, r3;
	char		 seq[64], want[80];
	size_t		 i;

	ck_assert_int_eq(receipt_issue(db.s, task_done, unit_a,
	    &receipt_zonghe, &r1), 0);
	ck_assert_int_eq(receipt_issue(db.s, task_done, unit_a,
	    &receipt_zonghe, &r2), 0);
	ck_assert_int_eq(receipt_issue(db.s, task_done, 0, &receipt_zonghe,
	    &r3), 0);
	ck_assert_str_eq(r1.no, r2.no);
	ck_assert_str_eq(r1.code, r2.code);
	ck_assert_str_eq(r1.code, r3.code);
	ck_assert_int_eq(r1.id, r2.id);
	ck_assert_int_eq(r1.task_id, task_done);
	ck_assert_str_eq(r1.kind, "综合业务处理单");
	ck_assert_int_eq((int64_t)r1.issued_at, DECIDED_AT);
	/* ZH + the 业务顺序号. */
	snprintf(seq, sizeof(seq), "%lld", (long long)th_count(db.s,
	    "SELECT CAST(seq_no AS INTEGER) FROM tasks WHERE state = '结束'"));
	snprintf(want, sizeof(want), "ZH%s", seq);
	ck_assert_str_eq(r1.no, want);
	/* 8 characters of the alphabet. */
	ck_assert_uint_eq(strlen(r1.code), 8);
	for (i = 0; i < 8; i++)
		ck_assert_ptr_nonnull(strchr("23456789ABCDEFGHJKLMNPQRSTUVWXYZ",
		    r1.code[i]));
	/* One row, one audit. */
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM receipts"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit WHERE "
	    "action = 'receipt.issue'"), 1);
}
END_TEST

START_TEST(receipt_issue_kinds)
{
	struct receipt	 zh, tg;

	ck_assert_int_eq(receipt_issue(db.s, task_done, unit_a,
	    &receipt_zonghe, &zh), 0);
	ck_assert_int_eq(receipt_issue(db.s, task_done, unit_a,
	    &tg_kind, &tg), 0);
	ck_assert_int_ne(zh.id, tg.id);
	ck_assert_str_eq(tg.no + 2, zh.no + 2);
	ck_assert_int_eq(strncmp(tg.no, "TG", 2), 0);
	ck_assert_str_eq(tg.kind, "退工登记证明");
	ck_assert_str_eq(zh.kind, "综合业务处理单");
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM receipts WHERE "
	    "kind = '退工登记证明'"), 1);
}
END_TEST

START_TEST(receipt_issue_in_open_tx)
{
	struct receipt	 r;

	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(receipt_issue(db.s, task_done, unit_a,
	    &receipt_zonghe, &r), 0);
	ck_assert_int_eq(db.s->in_tx, 1);
	store_rollback(db.s);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM receipts"), 0);
}
END_TEST

START_TEST(receipt_issue_bad)
{
	struct receipt	 r;

	ck_assert_int_eq(receipt_issue(db.s, task_draft, unit_a,
	    &receipt_zonghe, &r), 1);
	ck_assert_int_eq(receipt_issue(db.s, task_pending, 0,
	    &receipt_zonghe, &r), 1);
	ck_assert_int_eq(receipt_issue(db.s, task_done, unit_b,
	    &receipt_zonghe, &r), 1);
	ck_assert_int_eq(receipt_issue(db.s, task_done + 1000, 0,
	    &receipt_zonghe, &r), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM receipts"), 0);
}
END_TEST

/* Lower-cases s in place. */
static void
lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

START_TEST(receipt_verify_cases)
{
	struct receipt	 r, v;
	char		 code[16], no[32];

	ck_assert_int_eq(receipt_issue(db.s, task_done, unit_a,
	    &receipt_zonghe, &r), 0);
	/* Genuine. */
	ck_assert_int_eq(receipt_verify(db.s, r.no, r.code, &v), 0);
	ck_assert_int_eq(v.task_id, task_done);
	ck_assert_str_eq(v.kind, "综合业务处理单");
	ck_assert_int_eq((int64_t)v.issued_at, DECIDED_AT);
	/* Lower-case code and number accepted. */
	snprintf(code, sizeof(code), "%s", r.code);
	lower(code);
	snprintf(no, sizeof(no), "%s", r.no);
	lower(no);
	ck_assert_int_eq(receipt_verify(db.s, r.no, code, &v), 0);
	ck_assert_int_eq(receipt_verify(db.s, no, r.code, &v), 0);
}
END_TEST

START_TEST(receipt_verify_bad)
{
	struct receipt	 r, v;
	char		 code[16];

	ck_assert_int_eq(receipt_issue(db.s, task_done, unit_a,
	    &tg_kind, &r), 0);
	/* One character altered. */
	snprintf(code, sizeof(code), "%s", r.code);
	code[3] = code[3] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(receipt_verify(db.s, r.no, code, &v), 1);
	ck_assert_int_eq(v.task_id, 0);
	ck_assert_str_eq(v.no, "");
	/* Unknown number with the right code: the same answer. */
	ck_assert_int_eq(receipt_verify(db.s, "TG2099010100000001", r.code,
	    &v), 1);
	ck_assert_int_eq(v.task_id, 0);
	/* Prefixes, extensions, empties, garbage. */
	snprintf(code, sizeof(code), "%.7s", r.code);
	ck_assert_int_eq(receipt_verify(db.s, r.no, code, &v), 1);
	snprintf(code, sizeof(code), "%sX", r.code);
	ck_assert_int_eq(receipt_verify(db.s, r.no, code, &v), 1);
	ck_assert_int_eq(receipt_verify(db.s, r.no, "", &v), 1);
	ck_assert_int_eq(receipt_verify(db.s, "", r.code, &v), 1);
	ck_assert_int_eq(receipt_verify(db.s, NULL, NULL, &v), 1);
	ck_assert_int_eq(receipt_verify(db.s, "' OR 1=1 --", r.code, &v), 1);
	ck_assert_int_eq(receipt_verify(db.s, r.no,
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &v), 1);
}
END_TEST

struct printable_case {
	const char	*decided;	/* hall time */
	const char	*from;
};

static const struct printable_case printable_cases[] = {
	{ "2026-11-20 23:30:00", "2026-11-21" },
	{ "2026-11-20 00:00:00", "2026-11-21" },
	{ "2026-12-31 08:00:00", "2027-01-01" },
	{ "2028-02-28 12:00:00", "2028-02-29" },
	{ "2026-02-28 07:59:59", "2026-03-01" },
};

START_TEST(receipt_printable_from_cases)
{
	const struct printable_case	*tc = &printable_cases[_i];
	struct hdate			 d;
	char				 buf[11];
	time_t				 t;

	th_clock_set(&db, tc->decided);
	t = clock_now();
	receipt_printable_from(t, &d);
	hdate_fmt(&d, buf);
	ck_assert_str_eq(buf, tc->from);
}
END_TEST

START_TEST(receipt_zonghe_ready_days)
{
	struct hdate	 from, day;
	char		 buf[11];

	/* Decided 2026-11-20 23:30: not on the 20th, from the 21st on. */
	ck_assert_int_eq(valid_date("2026-11-20", &day), VALID_OK);
	ck_assert_int_eq(receipt_zonghe_ready(DECIDED_AT, &day, &from), 0);
	hdate_fmt(&from, buf);
	ck_assert_str_eq(buf, "2026-11-21");
	ck_assert_int_eq(valid_date("2026-11-21", &day), VALID_OK);
	ck_assert_int_eq(receipt_zonghe_ready(DECIDED_AT, &day, &from), 1);
	ck_assert_int_eq(valid_date("2027-01-02", &day), VALID_OK);
	ck_assert_int_eq(receipt_zonghe_ready(DECIDED_AT, &day, &from), 1);
	ck_assert_int_eq(valid_date("2026-11-19", &day), VALID_OK);
	ck_assert_int_eq(receipt_zonghe_ready(DECIDED_AT, &day, &from), 0);
}
END_TEST

/* A business's own receipt prints on the day of approval; the
 * 《综合业务处理单》 the day after. */
START_TEST(receipt_ready_by_kind)
{
	struct hdate	 from, day;
	char		 buf[11];

	ck_assert_int_eq(valid_date("2026-11-20", &day), VALID_OK);
	ck_assert_int_eq(receipt_ready(&tg_kind, DECIDED_AT, &day, &from), 1);
	hdate_fmt(&from, buf);
	ck_assert_str_eq(buf, "2026-11-20");
	ck_assert_int_eq(receipt_ready(&receipt_zonghe, DECIDED_AT, &day,
	    &from), 0);
	hdate_fmt(&from, buf);
	ck_assert_str_eq(buf, "2026-11-21");
	ck_assert_int_eq(valid_date("2026-11-19", &day), VALID_OK);
	ck_assert_int_eq(receipt_ready(&tg_kind, DECIDED_AT, &day, &from), 0);
}
END_TEST

/* The kinds of a business: 《综合业务处理单》 first and once, then its
 * own; a business not registered has the 处理单 only. */
START_TEST(receipt_kinds_of_business)
{
	static const struct wf_receipt	 own[] = {
		{ "tuigong", "退工登记证明", "tuigong", "TG" },
		{ "zonghe", "综合业务处理单", "zonghe", "ZH" },
		{ "tuigong", "退工登记证明", "tuigong", "TG" },
		{ NULL, NULL, NULL, NULL }
	};
	struct wf_business		 b;
	const struct wf_receipt		*all[4];

	memset(&b, 0, sizeof(b));
	b.code = "kindtest";
	b.receipts = own;
	ck_assert_uint_eq(receipt_kinds(&b, all, 4), 2);
	ck_assert_ptr_eq(all[0], &receipt_zonghe);
	ck_assert_str_eq(all[1]->kind, "tuigong");
	ck_assert_uint_eq(receipt_kinds(&b, all, 1), 1);
	ck_assert_uint_eq(receipt_kinds(NULL, all, 4), 1);
	ck_assert_ptr_eq(all[0], &receipt_zonghe);
	ck_assert_ptr_eq(receipt_kind_of(&b, "tuigong"), &own[0]);
	ck_assert_ptr_eq(receipt_kind_of(&b, "zonghe"), &receipt_zonghe);
	ck_assert_ptr_null(receipt_kind_of(&b, "jianyuan"));
	ck_assert_ptr_null(receipt_kind_of(NULL, "tuigong"));
	ck_assert_ptr_null(receipt_kind_of(&b, NULL));
}
END_TEST

/* A kind without a number prefix is refused, and nothing is stored. */
START_TEST(receipt_issue_no_prefix)
{
	static const struct wf_receipt	 odd = { "nosuchkind", "无编号回执",
	    "nosuchkind", NULL };
	struct receipt			 r;

	ck_assert_ptr_null(receipt_prefix(&odd));
	ck_assert_str_eq(receipt_prefix(&tg_kind), "TG");
	ck_assert_str_eq(receipt_prefix(&receipt_zonghe), "ZH");
	ck_assert_int_eq(receipt_issue(db.s, task_done, unit_a, &odd, &r), -1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM receipts"), 0);
}
END_TEST

static Suite *
receipt_suite(void)
{
	Suite	*s = suite_create("receipt");
	TCase	*tc;

	tc = tcase_create("receipt");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, receipt_issue_idempotent);
	tcase_add_test(tc, receipt_issue_kinds);
	tcase_add_test(tc, receipt_issue_in_open_tx);
	tcase_add_test(tc, receipt_issue_bad);
	tcase_add_test(tc, receipt_verify_cases);
	tcase_add_test(tc, receipt_verify_bad);
	tcase_add_loop_test(tc, receipt_printable_from_cases, 0,
	    sizeof(printable_cases) / sizeof(printable_cases[0]));
	tcase_add_test(tc, receipt_zonghe_ready_days);
	tcase_add_test(tc, receipt_ready_by_kind);
	tcase_add_test(tc, receipt_kinds_of_business);
	tcase_add_test(tc, receipt_issue_no_prefix);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(receipt_suite)
