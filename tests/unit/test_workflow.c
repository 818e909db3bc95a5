/*
 * test_workflow.c: the task state machine with a test business whose
 * check fails when test_flags.fail is set and whose effect writes a
 * row to test_effects (or fails when test_flags.apply_fail is set).
 */
#include <check.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "audit.h"
#include "clock.h"
#include "store.h"
#include "valid.h"
#include "workflow.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit_plain, unit_vip, unit_other;
static struct actor	 clerk, vip_clerk, other_clerk, reviewer;

/* The test business's rule: refused while test_flags.fail is 1. */
static int
testbiz_check(struct store *s, int64_t task_id, struct form_errors *errs)
{
	if (th_count(s, "SELECT fail FROM test_flags") != 0)
		form_error_add(errs, "flag", "TEST_RULE", "测试规则未通过");
	return 0;
}

/* The test business's effect: one row in test_effects, or a failure
 * while test_flags.apply_fail is 1. */
static int
testbiz_apply(struct store *s, int64_t task_id, const struct actor *who)
{
	struct store_stmt	*st;

	if (th_count(s, "SELECT apply_fail FROM test_flags") != 0)
		return -1;
	st = store_stmt(s, "INSERT INTO test_effects (task_id, actor) "
	    "VALUES (?, ?)");
	if (st == NULL || store_bind_int(st, 1, task_id) ||
	    store_bind_int(st, 2, who->account_id))
		return -1;
	return store_exec_stmt(s, st);
}

static const struct wf_business testbiz = {
	.code = "testbiz", .name = "测试业务", .path = "/testbiz",
	.review_days_min = 1, .review_days_max = 3,
	.check = testbiz_check, .apply = testbiz_apply,
};

/* Opens the database with three units, their clerks and a reviewer. */
static void
setup(void)
{
	th_db_open(&db);
	th_clock_set(&db, "2026-11-22 10:00:00");
	th_exec(db.s,
	    "CREATE TABLE test_flags (fail INTEGER, apply_fail INTEGER);"
	    "INSERT INTO test_flags VALUES (0, 0);"
	    "CREATE TABLE test_effects (task_id INTEGER, actor INTEGER);");
	unit_plain = th_unit(db.s, "普通单位", 0);
	unit_vip = th_unit(db.s, "VIP单位", 1);
	unit_other = th_unit(db.s, "其他单位", 0);
	clerk = (struct actor){ th_account(db.s, unit_plain, "clerk"),
	    unit_plain, "经办人", "fp1" };
	vip_clerk = (struct actor){ th_account(db.s, unit_vip, "vip"),
	    unit_vip, "VIP经办人", "fp2" };
	other_clerk = (struct actor){ th_account(db.s, unit_other, "other"),
	    unit_other, "其他经办人", "fp3" };
	reviewer = (struct actor){ th_account(db.s, 0, "reviewer"), 0,
	    "审核员", "fp4" };
	wf_register(&testbiz);
}

/* Checks the audit chain and closes the database. */
static void
teardown(void)
{
	ck_assert_int_ge(audit_verify(db.s, NULL), 0);
	th_db_close(&db);
}

/* Sets test_flags.col to v. */
static void
set_flag(const char *sql)
{
	th_exec(db.s, sql);
}

/* Creates (保存) a task of the test business for who's unit. */
static int64_t
create(const struct actor *who, const char *key)
{
	int64_t	 id;
	int	 created;

	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "testbiz", who->unit_id, who,
	    "张三 合同到期终止", key, &id, &created), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_gt(id, 0);
	return id;
}

/* Loads task id without a unit restriction. */
static struct task
load(int64_t id)
{
	struct task	 t;

	ck_assert_int_eq(wf_load(db.s, id, 0, &t), 0);
	return t;
}

/* Rows of test_effects for task id. */
static int64_t
effects(void)
{
	return th_count(db.s, "SELECT count(*) FROM test_effects");
}

START_TEST(wf_create_draft)
{
	struct task	 t;
	int64_t		 id;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_load(db.s, id, unit_plain, &t), 0);
	ck_assert_str_eq(t.seq_no, "2026112200000001");
	ck_assert_str_eq(t.business, "testbiz");
	ck_assert_int_eq(t.unit_id, unit_plain);
	ck_assert_int_eq(t.state, TASK_DRAFT);
	ck_assert_int_eq(t.returned, 0);
	ck_assert_str_eq(t.summary, "张三 合同到期终止");
	ck_assert_int_eq(t.submitted_at, 0);
	ck_assert_int_eq(t.decided_at, 0);
	ck_assert_int_ne(t.created_at, 0);
	ck_assert(wf_editable(&t));
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events "
	    "WHERE action = 'task.create' AND to_state = '未提交'"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit "
	    "WHERE action = 'task.create' AND object = 'task:1'"), 1);
	id = create(&clerk, NULL);
	ck_assert_str_eq(load(id).seq_no, "2026112200000002");
}
END_TEST

START_TEST(wf_create_dedup)
{
	int64_t	 a, b;
	int	 created = -1;

	a = create(&clerk, "token-1");
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "testbiz", unit_plain, &clerk, "x",
	    "token-1", &b, &created), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(created, 0);
	ck_assert_int_eq(a, b);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM tasks"), 1);
	ck_assert_int_ne(create(&clerk, "token-2"), a);
}
END_TEST

/* A form token is one unit's: another unit posting the same one gets
 * its own task (it used to hit the table-wide UNIQUE and fail), and
 * posting it again finds that task, not the first unit's. */
START_TEST(wf_create_dedup_per_unit)
{
	int64_t	 a, b, again;
	int	 created = -1;

	a = create(&clerk, "token-1");
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "testbiz", unit_other, &other_clerk,
	    "x", "token-1", &b, &created), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(created, 1);
	ck_assert_int_ne(b, a);
	ck_assert_int_eq(load(b).unit_id, unit_other);
	ck_assert_int_eq(load(a).unit_id, unit_plain);
	/* Each unit's repeat finds its own task. */
	ck_assert_int_eq(create(&other_clerk, "token-1"), b);
	ck_assert_int_eq(create(&clerk, "token-1"), a);
	again = create(&vip_clerk, "token-1");
	ck_assert_int_ne(again, a);
	ck_assert_int_ne(again, b);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM tasks"), 3);
	/* Within one unit the key is still unique in the table itself. */
	ck_assert_int_ne(store_exec_sql(db.s, "INSERT INTO tasks (seq_no, "
	    "business, unit_id, state, dedup_key, created_at, updated_at) "
	    "SELECT 'dup', business, unit_id, state, dedup_key, 0, 0 FROM "
	    "tasks WHERE id = (SELECT min(id) FROM tasks)"), 0);
}
END_TEST

START_TEST(bad_wf_create)
{
	int64_t	 id;
	int	 created;

	/* Outside a transaction, and with bad arguments. */
	ck_assert_int_eq(wf_create(db.s, "testbiz", unit_plain, &clerk, "x",
	    NULL, &id, &created), -1);
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "", unit_plain, &clerk, "x", NULL,
	    &id, &created), -1);
	ck_assert_int_eq(wf_create(db.s, "testbiz", 0, &clerk, "x", NULL,
	    &id, &created), -1);
	ck_assert_int_eq(wf_create(db.s, "testbiz", 9999, &clerk, "x", NULL,
	    &id, &created), -1);	/* no such unit: foreign key */
	store_rollback(db.s);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM tasks"), 0);
}
END_TEST

START_TEST(wf_submit_plain)
{
	struct form_errors	 errs = { .n = 0 };
	struct task		 t;
	int64_t			 id;

	id = create(&clerk, NULL);
	th_clock_set(&db, "2026-11-23 09:30:00");
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(db.s->in_tx, 0);
	ck_assert_uint_eq(errs.n, 0);
	t = load(id);
	ck_assert_int_eq(t.state, TASK_PENDING);
	ck_assert_int_eq(t.submitted_at, clock_now());
	ck_assert_int_eq(t.decided_at, 0);
	ck_assert(!wf_editable(&t));
	ck_assert_int_eq(effects(), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM messages "
	    "WHERE title = '业务顺序号 2026112200000001 测试业务 "
	    "已提交,等待审核(1-3个工作日)'"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit "
	    "WHERE action = 'task.submit' AND account_id = 1"), 1);
}
END_TEST

START_TEST(wf_submit_vip)
{
	struct task	 t;
	int64_t		 id;

	id = create(&vip_clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &vip_clerk, NULL,
	    NULL), WF_OK);
	t = load(id);
	ck_assert_int_eq(t.state, TASK_DONE);
	ck_assert_int_eq(t.decided_by, 0);
	ck_assert_int_ne(t.decided_at, 0);
	ck_assert_int_ne(t.submitted_at, 0);
	ck_assert_int_eq(effects(), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT actor FROM test_effects"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events "
	    "WHERE action = 'task.approve' AND actor_id = 0"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM messages WHERE "
	    "title LIKE '%审核通过%'"), 1);
}
END_TEST

START_TEST(bad_wf_submit_vip_rules)
{
	struct form_errors	 errs = { .n = 0 };
	int64_t			 id;

	id = create(&vip_clerk, NULL);
	set_flag("UPDATE test_flags SET fail = 1");
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &vip_clerk, NULL,
	    &errs), WF_RULES);
	ck_assert_int_eq(load(id).state, TASK_DRAFT);
	ck_assert_int_eq(effects(), 0);
}
END_TEST

START_TEST(wf_approve_applies)
{
	struct task	 t;
	int64_t		 id;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, id, WF_APPROVE, &reviewer, NULL,
	    NULL), WF_OK);
	t = load(id);
	ck_assert_int_eq(t.state, TASK_DONE);
	ck_assert_int_eq(t.decided_by, reviewer.account_id);
	ck_assert_int_ne(t.decided_at, 0);
	ck_assert_int_eq(effects(), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT actor FROM test_effects"),
	    reviewer.account_id);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM messages WHERE "
	    "title LIKE '%测试业务 审核通过'"), 1);
}
END_TEST

START_TEST(bad_wf_approve_apply_fails)
{
	int64_t	 id, events, audits, msgs;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	set_flag("UPDATE test_flags SET apply_fail = 1");
	events = th_count(db.s, "SELECT count(*) FROM task_events");
	audits = th_count(db.s, "SELECT count(*) FROM audit");
	msgs = th_count(db.s, "SELECT count(*) FROM messages");
	ck_assert_int_eq(wf_transition(db.s, id, WF_APPROVE, &reviewer, NULL,
	    NULL), WF_ERROR);
	ck_assert_int_eq(db.s->in_tx, 0);
	ck_assert_int_eq(load(id).state, TASK_PENDING);
	ck_assert_int_eq(load(id).decided_at, 0);
	ck_assert_int_eq(effects(), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events"),
	    events);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit"), audits);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM messages"),
	    msgs);
	/* Fixed: the approval goes through. */
	set_flag("UPDATE test_flags SET apply_fail = 0");
	ck_assert_int_eq(wf_transition(db.s, id, WF_APPROVE, &reviewer, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(effects(), 1);
}
END_TEST

START_TEST(bad_wf_approve_rules)
{
	struct form_errors	 errs = { .n = 0 };
	int64_t			 id;

	/* The rules changed between submit and approval. */
	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	set_flag("UPDATE test_flags SET fail = 1");
	ck_assert_int_eq(wf_transition(db.s, id, WF_APPROVE, &reviewer, NULL,
	    &errs), WF_RULES);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_int_eq(load(id).state, TASK_PENDING);
	ck_assert_int_eq(effects(), 0);
}
END_TEST

static const char *const blank_reasons[] = { NULL, "", "   ", " \t\n",
	"\xe3\x80\x80\xe3\x80\x80",		/* two U+3000 */
	"\xc2\xa0 \xe2\x80\x83\xef\xbb\xbf\r\n",	/* NBSP, em space, BOM */
};

START_TEST(bad_wf_reject_noreason)
{
	int64_t	 id;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, id, WF_REJECT, &reviewer,
	    blank_reasons[_i], NULL), WF_NEEDREASON);
	ck_assert_int_eq(load(id).state, TASK_PENDING);
	ck_assert_int_eq(load(id).returned, 0);
}
END_TEST

/* 回退原因 that are not blank but still refused, with the error code
 * for the field "reason". */
static const struct {
	const char	*reason;
	const char	*code;
} bad_reasons[] = {
	{ "\xff\xfe" "abc", "CHARS" },		/* not UTF-8 */
	{ "\xe3\x80", "CHARS" },		/* cut character */
	{ "\xc0\xaf", "CHARS" },		/* overlong '/' */
	{ "缺少\x01材料", "CHARS" },		/* control character */
	{ "\xe3\x80\x80缺少\x7f", "CHARS" },
	{ NULL, "TOOLONG" },			/* 201 characters, see below */
	{ "", "REQUIRED" },
};

START_TEST(bad_wf_reject_reason)
{
	struct form_errors	 errs = { .n = 0 };
	char			 longer[4 * 201 + 1];
	const char		*reason = bad_reasons[_i].reason;
	int64_t			 id;
	int			 i;

	if (reason == NULL) {
		for (i = 0, longer[0] = '\0'; i < 201; i++)
			strcat(longer, "汉");
		reason = longer;
	}
	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, id, WF_REJECT, &reviewer,
	    reason, &errs), WF_NEEDREASON);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].field, "reason");
	ck_assert_str_eq(errs.e[0].code, bad_reasons[_i].code);
	ck_assert_uint_gt(strlen(errs.e[0].msg), 0);
	ck_assert_int_eq(load(id).state, TASK_PENDING);
	ck_assert_int_eq(load(id).returned, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events "
	    "WHERE action = 'task.reject'"), 0);
}
END_TEST

START_TEST(wf_reject_reason_trimmed)
{
	char		 full[4 * 200 + 16];
	struct task	 t;
	int64_t		 id;
	int		 i;

	/* Trimmed of U+3000 and ASCII space; a line break inside becomes
	 * a space. */
	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, id, WF_REJECT, &reviewer,
	    "\xe3\x80\x80 缺少合同\r\n请补充\xe3\x80\x80 ", NULL), WF_OK);
	t = load(id);
	ck_assert_str_eq(t.return_reason, "缺少合同 请补充");
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events "
	    "WHERE action = 'task.reject' AND reason = '缺少合同 请补充'"), 1);
	/* Exactly WF_REASON_MAX_CHARS characters pass, whole. */
	for (i = 0, full[0] = '\0'; i < WF_REASON_MAX_CHARS; i++)
		strcat(full, "汉");
	strcat(full, "\xe3\x80\x80");
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, id, WF_REJECT, &reviewer, full,
	    NULL), WF_OK);
	t = load(id);
	full[strlen(full) - 3] = '\0';
	ck_assert_str_eq(t.return_reason, full);
}
END_TEST

START_TEST(wf_reject_resubmit)
{
	struct task	 t;
	int64_t		 id;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, id, WF_REJECT, &reviewer,
	    "缺少劳动合同复印件", NULL), WF_OK);
	t = load(id);
	ck_assert_int_eq(t.state, TASK_DRAFT);
	ck_assert_int_eq(t.returned, 1);
	ck_assert_str_eq(t.return_reason, "缺少劳动合同复印件");
	ck_assert_int_eq(t.decided_at, 0);
	ck_assert(wf_editable(&t));
	ck_assert_int_eq(effects(), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM messages WHERE "
	    "title = '业务顺序号 2026112200000001 测试业务 已回退,原因:"
	    "缺少劳动合同复印件'"), 1);
	/* The unit fixes it and submits again. */
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	t = load(id);
	ck_assert_int_eq(t.state, TASK_PENDING);
	ck_assert_int_eq(t.returned, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events "
	    "WHERE action = 'task.reject' AND reason = '缺少劳动合同复印件'"),
	    1);
	ck_assert_int_eq(wf_transition(db.s, id, WF_APPROVE, &reviewer, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(effects(), 1);
}
END_TEST

START_TEST(wf_cancel_draft)
{
	struct task	 t;
	int64_t		 id;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_CANCEL, &clerk, NULL,
	    NULL), WF_OK);
	t = load(id);
	ck_assert_int_eq(t.state, TASK_CANCELLED);
	ck_assert(!wf_editable(&t));
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM messages WHERE "
	    "title LIKE '%已退单'"), 1);
}
END_TEST

START_TEST(bad_wf_cancel_pending)
{
	int64_t	 id;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, id, WF_CANCEL, &clerk, NULL,
	    NULL), WF_BADSTATE);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_BADSTATE);
	ck_assert_int_eq(load(id).state, TASK_PENDING);
}
END_TEST

START_TEST(bad_wf_final_states)
{
	static const enum wf_action acts[] =
	    { WF_SUBMIT, WF_APPROVE, WF_REJECT, WF_CANCEL };
	int64_t		 done, cancelled, n;
	size_t		 i;
	const struct actor *who;

	done = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, done, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, done, WF_APPROVE, &reviewer,
	    NULL, NULL), WF_OK);
	cancelled = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, cancelled, WF_CANCEL, &clerk,
	    NULL, NULL), WF_OK);
	n = th_count(db.s, "SELECT count(*) FROM task_events");
	for (i = 0; i < sizeof(acts) / sizeof(acts[0]); i++) {
		who = acts[i] == WF_APPROVE || acts[i] == WF_REJECT ?
		    &reviewer : &clerk;
		ck_assert_int_eq(wf_transition(db.s, done, acts[i], who,
		    "原因", NULL), WF_BADSTATE);
		ck_assert_int_eq(wf_transition(db.s, cancelled, acts[i], who,
		    "原因", NULL), WF_BADSTATE);
	}
	ck_assert_int_eq(load(done).state, TASK_DONE);
	ck_assert_int_eq(load(cancelled).state, TASK_CANCELLED);
	ck_assert_int_eq(effects(), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events"),
	    n);
}
END_TEST

START_TEST(bad_wf_other_unit)
{
	static const enum wf_action acts[] =
	    { WF_SUBMIT, WF_APPROVE, WF_REJECT, WF_CANCEL };
	struct task	 t;
	int64_t		 id;
	size_t		 i;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_load(db.s, id, unit_other, &t), 1);
	ck_assert_int_eq(wf_load(db.s, id, unit_plain, &t), 0);
	ck_assert_int_eq(wf_load(db.s, id + 100, 0, &t), 1);
	for (i = 0; i < sizeof(acts) / sizeof(acts[0]); i++)
		ck_assert_int_eq(wf_transition(db.s, id, acts[i],
		    &other_clerk, "原因", NULL), WF_NOTFOUND);
	ck_assert_int_eq(wf_transition(db.s, id + 100, WF_SUBMIT, &clerk,
	    NULL, NULL), WF_NOTFOUND);
	ck_assert_int_eq(load(id).state, TASK_DRAFT);
}
END_TEST

START_TEST(bad_wf_unit_approves)
{
	int64_t	 id;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, id, WF_APPROVE, &clerk, NULL,
	    NULL), WF_BADSTATE);
	ck_assert_int_eq(wf_transition(db.s, id, WF_REJECT, &clerk, "自己回退",
	    NULL), WF_BADSTATE);
	ck_assert_int_eq(load(id).state, TASK_PENDING);
	ck_assert_int_eq(effects(), 0);
}
END_TEST

START_TEST(bad_wf_reviewer_submits)
{
	int64_t	 id;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &reviewer, NULL,
	    NULL), WF_BADSTATE);
	ck_assert_int_eq(wf_transition(db.s, id, WF_CANCEL, &reviewer, NULL,
	    NULL), WF_BADSTATE);
	ck_assert_int_eq(load(id).state, TASK_DRAFT);
}
END_TEST

START_TEST(bad_wf_submit_rules)
{
	struct form_errors	 errs = { .n = 0 };
	int64_t			 id, msgs;

	id = create(&clerk, NULL);
	set_flag("UPDATE test_flags SET fail = 1");
	msgs = th_count(db.s, "SELECT count(*) FROM messages");
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].code, "TEST_RULE");
	ck_assert_str_eq(errs.e[0].msg, "测试规则未通过");
	ck_assert_int_eq(load(id).state, TASK_DRAFT);
	ck_assert_int_eq(load(id).submitted_at, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM messages"),
	    msgs);
	/* errs may be NULL: the result alone tells. */
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_RULES);
}
END_TEST

START_TEST(bad_wf_unregistered)
{
	int64_t	 id;
	int	 created;

	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "nosuchbiz", unit_plain, &clerk,
	    "x", NULL, &id, &created), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_ERROR);
	ck_assert_int_eq(load(id).state, TASK_DRAFT);
	/* Cancelling needs no business. */
	ck_assert_int_eq(wf_transition(db.s, id, WF_CANCEL, &clerk, NULL,
	    NULL), WF_OK);
}
END_TEST

START_TEST(wf_caller_tx)
{
	struct form_errors	 errs = { .n = 0 };
	int64_t			 id, id2;
	int			 created;

	/* Save and submit in one transaction of the caller's. */
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "testbiz", unit_plain, &clerk, "x",
	    NULL, &id, &created), 0);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(db.s->in_tx, 1);
	ck_assert_int_eq(store_in_tx(db.s), 1);
	/* A refused transition leaves the caller's work in place. */
	ck_assert_int_eq(wf_create(db.s, "testbiz", unit_plain, &clerk, "y",
	    NULL, &id2, &created), 0);
	set_flag("UPDATE test_flags SET fail = 1");
	ck_assert_int_eq(wf_transition(db.s, id2, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert_int_eq(db.s->in_tx, 1);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(load(id).state, TASK_PENDING);
	ck_assert_int_eq(load(id2).state, TASK_DRAFT);
	/* The caller's rollback undoes a transition made inside it. */
	set_flag("UPDATE test_flags SET fail = 0");
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_transition(db.s, id, WF_APPROVE, &reviewer, NULL,
	    NULL), WF_OK);
	store_rollback(db.s);
	ck_assert_int_eq(load(id).state, TASK_PENDING);
	ck_assert_int_eq(effects(), 0);
}
END_TEST

START_TEST(bad_wf_vip_apply_fails)
{
	int64_t	 id, id2, events;
	int	 created;

	/* On its own: the submit is undone with the failed approval. */
	id = create(&vip_clerk, NULL);
	set_flag("UPDATE test_flags SET apply_fail = 1");
	events = th_count(db.s, "SELECT count(*) FROM task_events");
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &vip_clerk, NULL,
	    NULL), WF_ERROR);
	ck_assert_int_eq(load(id).state, TASK_DRAFT);
	ck_assert_int_eq(load(id).submitted_at, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events"),
	    events);
	/* Inside the caller's transaction: only the transition is undone,
	 * the caller's own work stays. */
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "testbiz", unit_vip, &vip_clerk, "y",
	    NULL, &id2, &created), 0);
	ck_assert_int_eq(wf_transition(db.s, id2, WF_SUBMIT, &vip_clerk, NULL,
	    NULL), WF_ERROR);
	ck_assert_int_eq(db.s->in_tx, 1);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(load(id2).state, TASK_DRAFT);
	ck_assert_int_eq(load(id2).submitted_at, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM messages"), 0);
	ck_assert_int_eq(effects(), 0);
}
END_TEST

START_TEST(wf_audit_chain)
{
	int64_t	 a, b, c, bad = 0;

	a = create(&clerk, NULL);
	b = create(&vip_clerk, NULL);
	c = create(&other_clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, a, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, a, WF_REJECT, &reviewer, "补材料",
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, a, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, a, WF_APPROVE, &reviewer, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, b, WF_SUBMIT, &vip_clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, c, WF_CANCEL, &other_clerk, NULL,
	    NULL), WF_OK);
	/* 3 creates, 4 moves of a, submit + auto-approve of b, cancel of c. */
	ck_assert_int_eq(audit_verify(db.s, &bad), 10);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit WHERE "
	    "cert_fp = 'fp4' AND account_id = 4"), 2);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events"),
	    10);
}
END_TEST

START_TEST(wf_messages)
{
	int	 r;

	for (r = 0; r < WF_RESULT__MAX; r++)
		ck_assert_uint_gt(strlen(wf_result_message(
		    (enum wf_result)r)), 0);
	ck_assert_str_eq(wf_result_message(WF_NOTFOUND), "未找到该业务");
	ck_assert_str_eq(wf_result_message(WF_NEEDREASON), "请填写回退原因");
	ck_assert_str_eq(task_state_names[TASK_PENDING], "进行中");
	ck_assert_str_eq(wf_action_names[WF_CANCEL], "task.cancel");
	ck_assert_ptr_eq(wf_business("testbiz"), &testbiz);
	ck_assert_ptr_null(wf_business("nosuchbiz"));
}
END_TEST

/* ---- Partial decisions (wf_partial) with a business of rows ---- */

/* rowbiz's rule: refused while one of its rows has fail = 1. */
static int
rowbiz_check(struct store *s, int64_t task_id, struct form_errors *errs)
{
	struct store_stmt	*st;
	int			 rc;

	st = store_stmt(s, "SELECT count(*) FROM test_rows WHERE task_id = ? "
	    "AND fail = 1");
	if (st == NULL || store_bind_int(st, 1, task_id))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW && store_col_int(st, 0) > 0)
		form_error_add(errs, "row", "TEST_ROW", "测试行未通过");
	store_reset(st);
	return rc == STORE_ROW ? 0 : -1;
}

/* rowbiz's effect: one test_applied row per row of the task. */
static int
rowbiz_apply(struct store *s, int64_t task_id, const struct actor *who)
{
	struct store_stmt	*st;

	st = store_stmt(s, "INSERT INTO test_applied (task_id, row_no) "
	    "SELECT task_id, row_no FROM test_rows WHERE task_id = ?");
	if (st == NULL || store_bind_int(st, 1, task_id))
		return -1;
	return store_exec_stmt(s, st);
}

/* Hands each row of the statement st (row_no, person_id, name, idno)
 * to fn.  Returns the rows walked or -1. */
static int
rowbiz_walk(struct store_stmt *st, int (*fn)(void *, const struct wf_row *),
    void *arg)
{
	struct wf_row	 r;
	int		 rc, n = 0;

	while ((rc = store_step(st)) == STORE_ROW) {
		memset(&r, 0, sizeof(r));
		r.row_no = store_col_int(st, 0);
		r.person_id = store_col_int64(st, 1);
		r.name = store_col_text(st, 2);
		r.idno = store_col_text(st, 3);
		r.nfacts = 1;
		r.label[0] = "工资";
		r.value[0] = "5000";
		n++;
		if (fn(arg, &r) != 0)
			break;
	}
	store_reset(st);
	return rc == STORE_ERROR ? -1 : n;
}

/* rowbiz's rows hook. */
static int
rowbiz_rows(struct store *s, int64_t task_id,
    int (*fn)(void *, const struct wf_row *), void *arg)
{
	struct store_stmt	*st;

	st = store_stmt(s, "SELECT row_no, COALESCE(person_id, 0), name, idno "
	    "FROM test_rows WHERE task_id = ? ORDER BY row_no");
	if (st == NULL || store_bind_int(st, 1, task_id))
		return -1;
	return rowbiz_walk(st, fn, arg);
}

/* rowbiz's rows_page hook: only the page's rows. */
static int
rowbiz_rows_page(struct store *s, int64_t task_id, int offset, int limit,
    int (*fn)(void *, const struct wf_row *), void *arg)
{
	struct store_stmt	*st;

	st = store_stmt(s, "SELECT row_no, COALESCE(person_id, 0), name, idno "
	    "FROM test_rows WHERE task_id = ?1 ORDER BY row_no LIMIT ?3 "
	    "OFFSET ?2");
	if (st == NULL || store_bind_int(st, 1, task_id) ||
	    store_bind_int(st, 2, offset) || store_bind_int(st, 3, limit))
		return -1;
	return rowbiz_walk(st, fn, arg);
}

/* rowbiz's rows_move hook. */
static int
rowbiz_rows_move(struct store *s, int64_t task_id, int64_t to_task,
    const int *row_nos, size_t n)
{
	struct store_stmt	*st;
	size_t			 i;

	for (i = 0; i < n; i++) {
		st = store_stmt(s, "UPDATE test_rows SET task_id = ? WHERE "
		    "task_id = ? AND row_no = ?");
		if (st == NULL || store_bind_int(st, 1, to_task) ||
		    store_bind_int(st, 2, task_id) ||
		    store_bind_int(st, 3, row_nos[i]) || store_exec_stmt(s, st))
			return -1;
		if (store_changes(s) != 1)
			return 1;
	}
	return 0;
}

static const struct wf_business rowbiz = {
	.code = "rowbiz", .name = "测试批量", .path = "/rowbiz",
	.review_days_min = 1, .review_days_max = 3,
	.check = rowbiz_check, .apply = rowbiz_apply,
	.rows = rowbiz_rows, .rows_move = rowbiz_rows_move,
	.rows_page = rowbiz_rows_page,
};

/* The same business without rows_page: wf_rows_page() walks rows. */
static const struct wf_business rowbiz_walked = {
	.code = "rowbiz2", .name = "测试批量二", .path = "/rowbiz2",
	.review_days_min = 1, .review_days_max = 3,
	.check = rowbiz_check, .apply = rowbiz_apply,
	.rows = rowbiz_rows, .rows_move = rowbiz_rows_move,
};

static int64_t	 persons[4];

/* setup() and the rows business's tables, with four persons. */
static void
setup_rows(void)
{
	setup();
	th_exec(db.s,
	    "CREATE TABLE test_rows (task_id INTEGER, row_no INTEGER, "
	    "person_id INTEGER, name TEXT, idno TEXT, fail INTEGER DEFAULT 0, "
	    "UNIQUE (task_id, row_no));"
	    "CREATE TABLE test_applied (task_id INTEGER, row_no INTEGER);");
	persons[0] = th_person(db.s, "420102199001011234", "张三", "男",
	    "1990-01-01");
	persons[1] = th_person(db.s, "420102199002021234", "李四", "男",
	    "1990-02-02");
	persons[2] = th_person(db.s, "420102199003031234", "王五", "男",
	    "1990-03-03");
	persons[3] = th_person(db.s, "420102199004041234", "赵六", "女",
	    "1990-04-04");
	wf_register(&rowbiz);
	wf_register(&rowbiz_walked);
}

/* Runs a statement of the test's own, with %lld placeholders filled. */
static void
sqlf(const char *fmt, ...)
{
	char	 sql[1024];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	th_exec(db.s, sql);
}

/* A count of the test's own query with %lld placeholders filled (the
 * store caches statements by the address of their literal text, so a
 * formatted query runs once, uncached). */
static int64_t
countf(const char *fmt, ...)
{
	char		 sql[1024], v[32];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	ck_assert_int_eq(store_text_once(db.s, sql, v, sizeof(v)), STORE_ROW);
	return strtoll(v, NULL, 10);
}

/* A submitted (进行中) task of business code for who with rows
 * 1..nrows of persons[0..nrows), each person with one attachment, and
 * one attachment of the task as a whole. */
static int64_t
rows_task(const char *code, const struct actor *who, int nrows)
{
	int64_t	 id;
	int	 created, i;

	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, code, who->unit_id, who, "批量", NULL,
	    &id, &created), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	for (i = 0; i < nrows; i++) {
		sqlf("INSERT INTO test_rows (task_id, row_no, person_id, name, "
		    "idno) SELECT %lld, %d, id, name, idno FROM persons WHERE "
		    "id = %lld", (long long)id, i + 1, (long long)persons[i]);
		sqlf("INSERT INTO attachments (task_id, kind, filename, mime, "
		    "size, sha256, data, uploaded_at, person_id) VALUES (%lld, "
		    "'id_copy', 'p%d.pdf', 'application/pdf', 4, '', "
		    "x'25504446', 0, %lld)", (long long)id, i + 1,
		    (long long)persons[i]);
	}
	sqlf("INSERT INTO attachments (task_id, kind, filename, mime, size, "
	    "sha256, data, uploaded_at) VALUES (%lld, 'list', 'all.pdf', "
	    "'application/pdf', 4, '', x'25504446', 0)", (long long)id);
	if (who->unit_id == unit_vip)	/* a VIP submit would end at once */
		sqlf("UPDATE tasks SET state = '进行中', submitted_at = 1 "
		    "WHERE id = %lld", (long long)id);
	else
		ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, who, NULL,
		    NULL), WF_OK);
	return id;
}

START_TEST(wf_partial_splits)
{
	struct form_errors	 errs = { .n = 0 };
	struct wf_return	 back[1] = { { 2, "\xe3\x80\x80工资基数有误 " } };
	struct hdate		 first;
	struct task		 t, nt;
	int64_t			 id, nid = 0;

	th_clock_set(&db, "2026-11-23 09:00:00");
	id = rows_task("rowbiz", &clerk, 3);
	th_clock_set(&db, "2026-11-24 10:00:00");
	ck_assert_int_eq(wf_partial(db.s, id, &reviewer, back, 1, &errs,
	    &nid), WF_OK);
	ck_assert_uint_eq(errs.n, 0);
	ck_assert_int_eq(db.s->in_tx, 0);
	ck_assert_int_gt(nid, id);
	/* The rest approved and in effect: rows 1 and 3 only. */
	t = load(id);
	ck_assert_int_eq(t.state, TASK_DONE);
	ck_assert_int_eq(t.decided_by, reviewer.account_id);
	/* Its lists say it ended in part. */
	ck_assert_ptr_nonnull(strstr(t.summary, "(部分回退1人)"));
	ck_assert_int_eq(countf("SELECT count(*) FROM test_applied WHERE "
	    "task_id = %lld AND row_no IN (1, 3)", (long long)id), 2);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM test_applied"),
	    2);
	/* Row 2 is the new task's, with its number, person's file and
	 * reason; the task-wide file stays. */
	nt = load(nid);
	ck_assert_int_eq(nt.state, TASK_DRAFT);
	ck_assert_str_eq(nt.business, "rowbiz");
	ck_assert_int_eq(nt.unit_id, unit_plain);
	ck_assert_int_eq(nt.returned, 1);
	ck_assert_ptr_nonnull(strstr(nt.return_reason, "李四,工资基数有误"));
	ck_assert_ptr_nonnull(strstr(nt.return_reason, t.seq_no));
	ck_assert_ptr_nonnull(strstr(nt.summary, "李四"));
	ck_assert_int_eq(countf("SELECT count(*) FROM test_rows WHERE "
	    "task_id = %lld AND row_no = 2 AND person_id = %lld",
	    (long long)nid, (long long)persons[1]), 1);
	ck_assert_int_eq(countf("SELECT count(*) FROM test_rows WHERE "
	    "task_id = %lld", (long long)id), 2);
	ck_assert_int_eq(countf("SELECT count(*) FROM attachments WHERE "
	    "task_id = %lld AND person_id = %lld", (long long)nid,
	    (long long)persons[1]), 1);
	ck_assert_int_eq(countf("SELECT count(*) FROM attachments WHERE "
	    "task_id = %lld", (long long)id), 3);
	ck_assert_int_eq(countf("SELECT count(*) FROM attachments WHERE "
	    "task_id = %lld AND person_id IS NULL", (long long)id), 1);
	ck_assert_int_eq(countf("SELECT count(*) FROM task_row_returns WHERE "
	    "task_id = %lld AND from_task_id = %lld AND row_no = 2 AND "
	    "person_id = %lld AND name = '李四' AND idno = "
	    "'420102199002021234' AND reason = '工资基数有误'", (long long)nid,
	    (long long)id, (long long)persons[1]), 1);
	/* History, messages and audit of both tasks. */
	ck_assert_int_eq(countf("SELECT count(*) FROM task_events WHERE "
	    "task_id = %lld AND action = 'task.partial' AND actor_id = %lld",
	    (long long)id, (long long)reviewer.account_id), 1);
	ck_assert_int_eq(countf("SELECT count(*) FROM task_events WHERE "
	    "task_id = %lld AND action = 'task.approve'", (long long)id), 1);
	ck_assert_int_eq(countf("SELECT count(*) FROM task_events WHERE "
	    "task_id = %lld AND action = 'task.partial' AND to_state = "
	    "'未提交'", (long long)nid), 1);
	ck_assert_int_eq(countf("SELECT count(*) FROM messages WHERE "
	    "task_id = %lld AND title LIKE '%%部分回退 1 人%%' AND body LIKE "
	    "'%%工资基数有误%%' AND unit_id = %lld", (long long)nid,
	    (long long)unit_plain), 1);
	ck_assert_int_eq(countf("SELECT count(*) FROM messages WHERE "
	    "task_id = %lld AND title LIKE '%%审核通过'", (long long)id), 1);
	ck_assert_int_eq(countf("SELECT count(*) FROM audit WHERE action = "
	    "'task.partial' AND object IN ('task:%lld', 'task:%lld')",
	    (long long)id, (long long)nid), 2);
	/* The rows count from the first submission of their old task. */
	ck_assert_int_eq(wf_first_submitted(db.s, nid, &first), 0);
	ck_assert_int_eq(first.day, 23);
	/* The unit resubmits them; the reviewer approves them. */
	th_clock_set(&db, "2026-11-26 10:00:00");
	ck_assert_int_eq(wf_transition(db.s, nid, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_first_submitted(db.s, nid, &first), 0);
	ck_assert_int_eq(first.day, 23);
	ck_assert_int_eq(wf_transition(db.s, nid, WF_APPROVE, &reviewer, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(countf("SELECT count(*) FROM test_applied WHERE "
	    "task_id = %lld AND row_no = 2", (long long)nid), 1);
}
END_TEST

START_TEST(wf_partial_two_of_four)
{
	struct wf_return	 back[2] = { { 4, "赵六缺证明" }, { 1, "张三重复" } };
	struct task		 nt;
	int64_t			 id, nid = 0;

	id = rows_task("rowbiz2", &clerk, 4);
	ck_assert_int_eq(wf_partial(db.s, id, &reviewer, back, 2, NULL, &nid),
	    WF_OK);
	nt = load(nid);
	ck_assert_str_eq(nt.return_reason, "部分回退(原业务顺序号 "
	    "2026112200000001):张三,张三重复;赵六,赵六缺证明");
	ck_assert_int_eq(countf("SELECT count(*) FROM test_rows WHERE "
	    "task_id = %lld AND row_no IN (1, 4)", (long long)nid), 2);
	ck_assert_int_eq(countf("SELECT count(*) FROM test_applied WHERE "
	    "task_id = %lld AND row_no IN (2, 3)", (long long)id), 2);
	ck_assert_int_eq(countf("SELECT count(*) FROM task_row_returns WHERE "
	    "task_id = %lld", (long long)nid), 2);
}
END_TEST

/* Choices refused with the field "row" and this code. */
static const struct {
	int		 rows[3];
	size_t		 n;
	const char	*code;
} bad_choices[] = {
	{ { 0 }, 0, "NONE" },
	{ { 1, 2, 3 }, 3, "ALL" },
	{ { 2, 9 }, 2, "NO_ROW" },
	{ { -1 }, 1, "NO_ROW" },
	{ { 2, 2 }, 2, "DUPLICATE" },
};

/* Asserts that task id of 3 rows is as rows_task() left it. */
static void
assert_untouched(int64_t id, int64_t tasks, int64_t events, int64_t audits)
{
	ck_assert_int_eq(load(id).state, TASK_PENDING);
	ck_assert_int_eq(countf("SELECT count(*) FROM test_rows WHERE "
	    "task_id = %lld", (long long)id), 3);
	ck_assert_int_eq(countf("SELECT count(*) FROM attachments WHERE "
	    "task_id = %lld", (long long)id), 4);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM tasks"), tasks);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events"),
	    events);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit"), audits);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM "
	    "task_row_returns"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM test_applied"),
	    0);
	ck_assert_int_eq(db.s->in_tx, 0);
}

START_TEST(bad_wf_partial_choice)
{
	struct form_errors	 errs = { .n = 0 };
	struct wf_return	 back[3];
	int64_t			 id, nid = -1, tasks, events, audits;
	size_t			 i;

	id = rows_task("rowbiz", &clerk, 3);
	tasks = th_count(db.s, "SELECT count(*) FROM tasks");
	events = th_count(db.s, "SELECT count(*) FROM task_events");
	audits = th_count(db.s, "SELECT count(*) FROM audit");
	for (i = 0; i < bad_choices[_i].n; i++) {
		back[i].row_no = bad_choices[_i].rows[i];
		back[i].reason = "有误";
	}
	ck_assert_int_eq(wf_partial(db.s, id, &reviewer, back,
	    bad_choices[_i].n, &errs, &nid), WF_RULES);
	ck_assert_int_eq(nid, 0);
	ck_assert_uint_ge(errs.n, 1);
	ck_assert_str_eq(errs.e[0].field, "row");
	ck_assert_str_eq(errs.e[0].code, bad_choices[_i].code);
	ck_assert_uint_gt(strlen(errs.e[0].msg), 0);
	assert_untouched(id, tasks, events, audits);
}
END_TEST

START_TEST(bad_wf_partial_reasons)
{
	struct form_errors	 errs = { .n = 0 };
	struct wf_return	 back[2] = { { 1, "\xe3\x80\x80 " }, { 3, NULL } };
	char			 longer[4 * 201 + 1];
	int64_t			 id, tasks, events, audits;
	int			 i;

	for (i = 0, longer[0] = '\0'; i < 201; i++)
		strcat(longer, "汉");
	id = rows_task("rowbiz", &clerk, 3);
	tasks = th_count(db.s, "SELECT count(*) FROM tasks");
	events = th_count(db.s, "SELECT count(*) FROM task_events");
	audits = th_count(db.s, "SELECT count(*) FROM audit");
	back[1].reason = longer;
	ck_assert_int_eq(wf_partial(db.s, id, &reviewer, back, 2, &errs,
	    NULL), WF_NEEDREASON);
	ck_assert_uint_eq(errs.n, 2);
	ck_assert_str_eq(errs.e[0].field, "reason_1");
	ck_assert_str_eq(errs.e[0].code, "REQUIRED");
	ck_assert_str_eq(errs.e[0].msg, "第1行 张三:请填写回退原因");
	ck_assert_str_eq(errs.e[1].field, "reason_3");
	ck_assert_str_eq(errs.e[1].code, "TOOLONG");
	assert_untouched(id, tasks, events, audits);
	/* Not UTF-8, a control character. */
	errs.n = 0;
	back[0].reason = "\xff\xfe";
	back[1].reason = "缺\x01";
	ck_assert_int_eq(wf_partial(db.s, id, &reviewer, back, 2, &errs,
	    NULL), WF_NEEDREASON);
	ck_assert_str_eq(errs.e[0].code, "CHARS");
	ck_assert_str_eq(errs.e[1].code, "CHARS");
	assert_untouched(id, tasks, events, audits);
}
END_TEST

START_TEST(bad_wf_partial_state)
{
	struct form_errors	 errs = { .n = 0 };
	struct wf_return	 back[1] = { { 2, "有误" } };
	int64_t			 id, draft, vip, done, one;
	int			 created;

	id = rows_task("rowbiz", &clerk, 3);
	/* Not a reviewer. */
	ck_assert_int_eq(wf_partial(db.s, id, &clerk, back, 1, &errs, NULL),
	    WF_BADSTATE);
	ck_assert_int_eq(wf_partial(db.s, id, NULL, back, 1, &errs, NULL),
	    WF_BADSTATE);
	/* No such task; a draft; a VIP unit's; one already decided. */
	ck_assert_int_eq(wf_partial(db.s, 9999, &reviewer, back, 1, &errs,
	    NULL), WF_NOTFOUND);
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "rowbiz", unit_plain, &clerk, "x",
	    NULL, &draft, &created), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(wf_partial(db.s, draft, &reviewer, back, 1, &errs,
	    NULL), WF_BADSTATE);
	vip = rows_task("rowbiz", &vip_clerk, 0);
	sqlf("UPDATE test_rows SET task_id = %lld WHERE task_id = %lld",
	    (long long)vip, (long long)id);
	ck_assert_int_eq(wf_partial(db.s, vip, &reviewer, back, 1, &errs,
	    NULL), WF_BADSTATE);
	ck_assert_int_eq(countf("SELECT count(*) FROM test_rows WHERE "
	    "task_id = %lld", (long long)vip), 3);
	done = rows_task("rowbiz", &other_clerk, 0);
	ck_assert_int_eq(wf_transition(db.s, done, WF_APPROVE, &reviewer, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_partial(db.s, done, &reviewer, back, 1, &errs,
	    NULL), WF_BADSTATE);
	/* A single form (row 0) is sent back whole, with 回退. */
	one = rows_task("rowbiz", &other_clerk, 0);
	sqlf("INSERT INTO test_rows (task_id, row_no, person_id, name, idno) "
	    "VALUES (%lld, 0, %lld, '张三', 'x')", (long long)one,
	    (long long)persons[0]);
	sqlf("INSERT INTO test_rows (task_id, row_no, person_id, name, idno) "
	    "VALUES (%lld, 2, %lld, '李四', 'y')", (long long)one,
	    (long long)persons[1]);
	errs.n = 0;
	ck_assert_int_eq(wf_partial(db.s, one, &reviewer, back, 1, &errs,
	    NULL), WF_RULES);
	ck_assert_str_eq(errs.e[0].code, "SINGLE");
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM "
	    "task_row_returns"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM tasks WHERE "
	    "returned = 1"), 0);
}
END_TEST

START_TEST(bad_wf_partial_rest_fails)
{
	struct form_errors	 errs = { .n = 0 };
	struct wf_return	 back[1] = { { 2, "有误" } };
	int64_t			 id, tasks, events, audits;

	/* Row 3 now breaks the rule: the rest cannot be approved, so
	 * nothing is sent back either. */
	id = rows_task("rowbiz", &clerk, 3);
	tasks = th_count(db.s, "SELECT count(*) FROM tasks");
	events = th_count(db.s, "SELECT count(*) FROM task_events");
	audits = th_count(db.s, "SELECT count(*) FROM audit");
	sqlf("UPDATE test_rows SET fail = 1 WHERE row_no = 3");
	ck_assert_int_eq(wf_partial(db.s, id, &reviewer, back, 1, &errs,
	    NULL), WF_RULES);
	ck_assert_str_eq(errs.e[0].code, "TEST_ROW");
	assert_untouched(id, tasks, events, audits);
	/* A row whose person also has a row that stays. */
	sqlf("UPDATE test_rows SET fail = 0, person_id = %lld WHERE row_no = 3",
	    (long long)persons[1]);
	errs.n = 0;
	ck_assert_int_eq(wf_partial(db.s, id, &reviewer, back, 1, &errs,
	    NULL), WF_RULES);
	ck_assert_str_eq(errs.e[0].code, "SHARED");
	assert_untouched(id, tasks, events, audits);
	/* Inside the caller's transaction, a refusal leaves its work. */
	ck_assert_int_eq(store_begin(db.s), 0);
	sqlf("INSERT INTO test_applied VALUES (0, 0)");
	ck_assert_int_eq(wf_partial(db.s, id, &reviewer, back, 1, &errs,
	    NULL), WF_RULES);
	ck_assert_int_eq(db.s->in_tx, 1);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM test_applied"),
	    1);
}
END_TEST

/* wf_rows_page callback: appends the row number to the int array. */
static int
page_row(void *arg, const struct wf_row *r)
{
	int	*v = arg;

	v[++v[0]] = r->row_no;
	return 0;
}

START_TEST(wf_rows_paged)
{
	static const char *const codes[] = { "rowbiz", "rowbiz2" };
	struct task	 t;
	int		 got[8];
	size_t		 i;
	int64_t		 id;

	for (i = 0; i < 2; i++) {
		id = rows_task(codes[i], &clerk, 4);
		t = load(id);
		memset(got, 0, sizeof(got));
		ck_assert_int_eq(wf_rows_page(db.s, &t, 1, 2, page_row, got), 2);
		ck_assert_int_eq(got[0], 2);
		ck_assert_int_eq(got[1], 2);
		ck_assert_int_eq(got[2], 3);
		memset(got, 0, sizeof(got));
		ck_assert_int_eq(wf_rows_page(db.s, &t, 3, 2, page_row, got), 1);
		ck_assert_int_eq(got[1], 4);
		ck_assert_int_eq(wf_rows_page(db.s, &t, 4, 2, page_row, got), 0);
		ck_assert_int_eq(wf_rows(db.s, &t, page_row, got), 4);
		sqlf("DELETE FROM test_rows");
	}
}
END_TEST

/* The workflow's suite. */
static Suite *
workflow_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("workflow");
	tc = tcase_create("wf_create");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, wf_create_draft);
	tcase_add_test(tc, wf_create_dedup);
	tcase_add_test(tc, wf_create_dedup_per_unit);
	tcase_add_test(tc, bad_wf_create);
	suite_add_tcase(s, tc);
	tc = tcase_create("wf_transition");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, wf_submit_plain);
	tcase_add_test(tc, wf_submit_vip);
	tcase_add_test(tc, bad_wf_submit_vip_rules);
	tcase_add_test(tc, wf_approve_applies);
	tcase_add_test(tc, bad_wf_approve_apply_fails);
	tcase_add_test(tc, bad_wf_approve_rules);
	tcase_add_loop_test(tc, bad_wf_reject_noreason, 0,
	    (int)(sizeof(blank_reasons) / sizeof(blank_reasons[0])));
	tcase_add_loop_test(tc, bad_wf_reject_reason, 0,
	    sizeof(bad_reasons) / sizeof(bad_reasons[0]));
	tcase_add_test(tc, wf_reject_reason_trimmed);
	tcase_add_test(tc, wf_reject_resubmit);
	tcase_add_test(tc, wf_cancel_draft);
	tcase_add_test(tc, bad_wf_cancel_pending);
	tcase_add_test(tc, bad_wf_final_states);
	tcase_add_test(tc, bad_wf_other_unit);
	tcase_add_test(tc, bad_wf_unit_approves);
	tcase_add_test(tc, bad_wf_reviewer_submits);
	tcase_add_test(tc, bad_wf_submit_rules);
	tcase_add_test(tc, bad_wf_unregistered);
	tcase_add_test(tc, wf_caller_tx);
	tcase_add_test(tc, bad_wf_vip_apply_fails);
	tcase_add_test(tc, wf_audit_chain);
	tcase_add_test(tc, wf_messages);
	suite_add_tcase(s, tc);
	tc = tcase_create("wf_partial");
	tcase_add_checked_fixture(tc, setup_rows, teardown);
	tcase_add_test(tc, wf_partial_splits);
	tcase_add_test(tc, wf_partial_two_of_four);
	tcase_add_loop_test(tc, bad_wf_partial_choice, 0,
	    (int)(sizeof(bad_choices) / sizeof(bad_choices[0])));
	tcase_add_test(tc, bad_wf_partial_reasons);
	tcase_add_test(tc, bad_wf_partial_state);
	tcase_add_test(tc, bad_wf_partial_rest_fails);
	tcase_add_test(tc, wf_rows_paged);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(workflow_suite)
